// A small pool of worker threads that verify secp256k1 signatures off the main thread. Results only
// feed the VerifiedSignatureCache, so consensus-critical execution never depends on the pool: a tx
// whose signature was not pre-verified is verified inline as usual.
import { Worker } from 'node:worker_threads';

const RECORD_BYTES = 32 + 64 + 33;

export interface SigCheck {
  digest: Uint8Array;
  signature: Uint8Array;
  pubkey: Uint8Array;
}

export class VerifierPool {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, (r: Uint8Array) => void>();
  private nextId = 0;
  private turn = 0;

  constructor(readonly size: number) {
    for (let i = 0; i < size; i++) {
      // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
      const w = new Worker(new URL('./verify-worker.js', import.meta.url), { execArgv: [] });
      w.on('message', (m: { id: number; buf: ArrayBuffer }) => {
        const done = this.pending.get(m.id);
        this.pending.delete(m.id);
        // Idle workers must not keep the process alive; busy ones must.
        if (this.pending.size === 0) for (const x of this.workers) x.unref();
        done?.(new Uint8Array(m.buf));
      });
      w.unref();
      this.workers.push(w);
    }
  }

  /** Verify the checks, split across the workers; resolves to one boolean per check. */
  async verify(checks: readonly SigCheck[]): Promise<boolean[]> {
    if (checks.length === 0) return [];
    const parts = Math.min(this.workers.length, checks.length);
    const per = Math.ceil(checks.length / parts);
    const jobs: Promise<Uint8Array>[] = [];
    for (let p = 0; p < parts; p++) {
      const slice = checks.slice(p * per, (p + 1) * per);
      const buf = new Uint8Array(slice.length * RECORD_BYTES);
      slice.forEach((c, i) => {
        const o = i * RECORD_BYTES;
        if (c.digest.length !== 32 || c.signature.length !== 64 || c.pubkey.length !== 33) return; // left zero: invalid
        buf.set(c.digest, o);
        buf.set(c.signature, o + 32);
        buf.set(c.pubkey, o + 96);
      });
      const id = this.nextId++;
      const w = this.workers[this.turn++ % this.workers.length]!;
      jobs.push(
        new Promise<Uint8Array>((resolve) => {
          this.pending.set(id, resolve);
          w.ref();
          w.postMessage({ id, buf: buf.buffer }, [buf.buffer]);
        }),
      );
    }
    const results = await Promise.all(jobs);
    return results.flatMap((r) => [...r].map((x) => x === 1));
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
