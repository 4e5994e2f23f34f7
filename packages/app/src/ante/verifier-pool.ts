// A small pool of worker threads that verify secp256k1 signatures off the main thread. Results only
// feed the VerifiedSignatureCache, so consensus-critical execution never depends on the pool: a tx
// whose signature was not pre-verified is verified inline as usual.
//
// Work is handed over through a SharedArrayBuffer ring per worker rather than a postMessage per
// batch: writing the records costs little, and the main thread wakes the worker (Atomics.notify)
// only when it sleeps. The worker posts one message per drain to say results are ready.
import { Worker } from 'node:worker_threads';
import { CTL_DONE, CTL_HEAD, CTL_SLEEPING, CTL_STOP, RECORD_BYTES, type RingBuffers } from './verifier-ring.js';

export interface SigCheck {
  digest: Uint8Array;
  signature: Uint8Array;
  pubkey: Uint8Array;
}

interface Job {
  ok: boolean[];
  left: number;
  resolve: (ok: boolean[]) => void;
}

/** Checks of a job not yet written for lack of ring space. */
interface Backlog {
  job: Job;
  checks: readonly SigCheck[];
  from: number;
  to: number;
}

class Lane {
  readonly worker: Worker;
  private readonly ctl: Int32Array;
  private readonly rec: Uint8Array;
  private readonly res: Uint8Array;
  private readonly mask: number;
  private readonly owners: (Job | undefined)[];
  private readonly index: Int32Array;
  private readonly backlog: Backlog[] = [];
  private head = 0;
  private read = 0;
  private dead = false;

  constructor(capacity: number, private readonly finished: (job: Job) => void) {
    const bufs: RingBuffers = {
      ctl: new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT),
      records: new SharedArrayBuffer(capacity * RECORD_BYTES),
      results: new SharedArrayBuffer(capacity),
    };
    this.ctl = new Int32Array(bufs.ctl);
    this.rec = new Uint8Array(bufs.records);
    this.res = new Uint8Array(bufs.results);
    this.mask = capacity - 1;
    this.owners = new Array<Job | undefined>(capacity);
    this.index = new Int32Array(capacity);
    // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
    this.worker = new Worker(new URL('./verify-worker.js', import.meta.url), { execArgv: [], workerData: bufs });
    this.worker.on('message', () => this.collect());
    // A failed worker verifies nothing more: its checks count as unverified (verified inline later).
    this.worker.on('error', () => this.fail());
    this.worker.on('exit', () => this.fail());
    this.worker.unref();
  }

  /** Records written but not yet collected, plus those waiting for space. */
  get load(): number {
    let n = (this.head - this.read) | 0;
    for (const b of this.backlog) n += b.to - b.from;
    return n;
  }

  add(job: Job, checks: readonly SigCheck[], from: number, to: number): void {
    if (this.dead) {
      this.drop(job, to - from);
      return;
    }
    this.backlog.push({ job, checks, from, to });
    if (this.backlog.length === 1) this.fill();
  }

  /** Make written records visible to the worker, waking it if it sleeps. */
  publish(): void {
    if (this.dead || Atomics.load(this.ctl, CTL_HEAD) === this.head) return;
    Atomics.store(this.ctl, CTL_HEAD, this.head);
    if (Atomics.load(this.ctl, CTL_SLEEPING) === 1) Atomics.notify(this.ctl, CTL_HEAD);
  }

  stop(): void {
    Atomics.store(this.ctl, CTL_STOP, 1);
    Atomics.notify(this.ctl, CTL_HEAD);
  }

  private fill(): void {
    const cap = this.mask + 1;
    while (this.backlog.length > 0) {
      const b = this.backlog[0]!;
      while (b.from < b.to && ((this.head - this.read) | 0) < cap) {
        const c = b.checks[b.from]!;
        const slot = this.head & this.mask;
        const o = slot * RECORD_BYTES;
        if (c.digest.length === 32 && c.signature.length === 64 && c.pubkey.length === 33) {
          this.rec.set(c.digest, o);
          this.rec.set(c.signature, o + 32);
          this.rec.set(c.pubkey, o + 96);
        } else {
          this.rec.fill(0, o, o + RECORD_BYTES); // an all-zero record never verifies
        }
        this.owners[slot] = b.job;
        this.index[slot] = b.from++;
        this.head = (this.head + 1) | 0;
      }
      if (b.from < b.to) return;
      this.backlog.shift();
    }
  }

  private collect(): void {
    if (this.dead) return;
    const done = Atomics.load(this.ctl, CTL_DONE);
    while (this.read !== done) {
      const slot = this.read & this.mask;
      const job = this.owners[slot]!;
      this.owners[slot] = undefined;
      if (this.res[slot] === 1) job.ok[this.index[slot]!] = true;
      this.read = (this.read + 1) | 0;
      if (--job.left === 0) this.finished(job);
    }
    if (this.backlog.length > 0) {
      this.fill();
      this.publish();
    }
  }

  private fail(): void {
    if (this.dead) return;
    this.dead = true;
    for (; this.read !== this.head; this.read = (this.read + 1) | 0) {
      const slot = this.read & this.mask;
      const job = this.owners[slot]!;
      this.owners[slot] = undefined;
      this.drop(job, 1);
    }
    for (const b of this.backlog.splice(0)) this.drop(b.job, b.to - b.from);
  }

  private drop(job: Job, n: number): void {
    job.left -= n;
    if (job.left === 0) this.finished(job);
  }
}

export class VerifierPool {
  private readonly lanes: Lane[] = [];
  private inFlight = 0;

  /** capacity: records per worker ring (a power of two); more wait on the main thread. */
  constructor(readonly size: number, capacity = 4096) {
    if (capacity < 1 || (capacity & (capacity - 1)) !== 0) throw new Error('verifier ring capacity must be a power of two');
    for (let i = 0; i < size; i++) this.lanes.push(new Lane(capacity, (job) => this.finished(job)));
  }

  /** Verify the checks, split across the workers; resolves to one boolean per check. */
  verify(checks: readonly SigCheck[]): Promise<boolean[]> {
    if (checks.length === 0) return Promise.resolve([]);
    return new Promise<boolean[]>((resolve) => {
      const job: Job = { ok: new Array<boolean>(checks.length).fill(false), left: checks.length, resolve };
      // Idle workers must not keep the process alive; busy ones must.
      if (this.inFlight++ === 0) for (const l of this.lanes) l.worker.ref();
      if (checks.length < 2 * this.lanes.length) {
        let best = this.lanes[0]!;
        for (const l of this.lanes) if (l.load < best.load) best = l;
        best.add(job, checks, 0, checks.length);
        best.publish();
        return;
      }
      const per = Math.ceil(checks.length / this.lanes.length);
      for (let p = 0; p * per < checks.length; p++) this.lanes[p]!.add(job, checks, p * per, Math.min(checks.length, (p + 1) * per));
      for (const l of this.lanes) l.publish();
    });
  }

  async close(): Promise<void> {
    for (const l of this.lanes) l.stop();
    await Promise.all(this.lanes.map((l) => l.worker.terminate()));
  }

  private finished(job: Job): void {
    if (--this.inFlight === 0) for (const l of this.lanes) l.worker.unref();
    job.resolve(job.ok);
  }
}
