// Deferred aux writes on a thread of their own. lmdb-js's asynchronous put runs the B-tree work on
// its write thread, but queuing each put costs the calling thread ≈ 1.5 µs of JS, and a block of
// token transfers defers 20 event keys per tx: 5–7 % of the node's main thread. Here the calling
// thread only packs a batch into one buffer (a copy) and posts it; a worker, with its own handle on
// the same environment (lmdb-js shares one LMDB environment between the threads of a process), writes
// it in one transaction. Batches are written in the order they were posted.
import { Worker } from 'node:worker_threads';
import type { RootDatabaseOptionsWithPath } from 'lmdb';
import { StoreError } from './errors.js';
import { encodeAuxBatch, encodeKeyBatches, type AuxWriterInit, type AuxWriterReply, type AuxWriterRequest } from './aux-writer-format.js';
import type { PackedKeys } from './types.js';

interface Pending {
  resolve: () => void;
  reject: (e: Error) => void;
  /** The batch's promise (close waits for it). */
  done: Promise<void>;
}

export class AuxWriterThread {
  private worker: Worker | undefined;
  /** Batches in flight, by id. */
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  private closing: Promise<void> | undefined;

  /**
   * `afterCommit` runs on the calling thread when a batch is committed, before its promise settles
   * (the caller drops its read snapshot there, so reads that waited for the batch see it).
   */
  constructor(
    private readonly rootOptions: RootDatabaseOptionsWithPath,
    private readonly afterCommit: () => void,
  ) {}

  /** Started at the first batch: a node that never defers a write never pays for the thread. */
  private start(): Worker {
    const init: AuxWriterInit = { rootOptions: this.rootOptions };
    // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
    const w = new Worker(new URL('./aux-writer-worker.js', import.meta.url), { workerData: init, execArgv: [] });
    w.on('message', (r: AuxWriterReply) => this.onReply(r));
    w.on('error', (e) => this.fail(new StoreError('io', `aux writer thread: ${e.message}`, { cause: e })));
    w.on('exit', (code) => {
      if (this.closing === undefined) this.fail(new StoreError('io', `aux writer thread exited (code ${code})`));
    });
    w.unref(); // referenced only while a batch is in flight (see write)
    return w;
  }

  private onReply(r: AuxWriterReply): void {
    const p = this.pending.get(r.id);
    if (p === undefined) return;
    this.pending.delete(r.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (r.t === 'done') {
      this.afterCommit();
      p.resolve();
    } else {
      p.reject(new StoreError('io', `deferred aux write: ${r.message}`));
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Queues the batch; the promise settles once it is committed. Entries are copied at once. */
  write(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void> {
    const refused = this.refusal();
    if (refused) return refused;
    const { buf, bytes, count } = encodeAuxBatch(entries);
    if (count === 0) return Promise.resolve();
    return this.post((id) => ({ t: 'write', id, buf, bytes }), [buf]);
  }

  /** write() of posting lists (AuxStore.writeDeferredPostings), grouped on the worker. */
  writePostings(batches: readonly PackedKeys[], suffixBytes: number): Promise<void> {
    const refused = this.refusal();
    if (refused) return refused;
    const { buf, ends } = encodeKeyBatches(batches);
    if (ends.length === 0) return Promise.resolve();
    return this.post((id) => ({ t: 'postings', id, buf, ends, suffixBytes }), [buf, ends.buffer as ArrayBuffer]);
  }

  private refusal(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closing) return Promise.reject(new StoreError('closed', 'store is closed'));
    return undefined;
  }

  private post(request: (id: number) => AuxWriterRequest, transfer: ArrayBuffer[]): Promise<void> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    let settle!: Omit<Pending, 'done'>;
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.pending.set(id, { ...settle, done });
    if (this.pending.size === 1) worker.ref();
    worker.postMessage(request(id), transfer);
    return done;
  }

  /** Waits for the batches in flight, then closes the worker's handle and ends the thread. */
  close(): Promise<void> {
    return (this.closing ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    const w = this.worker;
    if (w === undefined) return;
    await Promise.allSettled([...this.pending.values()].map((p) => p.done));
    w.ref();
    // The worker closes its handle on the environment and ends its thread.
    const exited = new Promise<void>((res) => w.once('exit', () => res()));
    w.postMessage({ t: 'close' } satisfies AuxWriterRequest);
    await exited;
  }
}
