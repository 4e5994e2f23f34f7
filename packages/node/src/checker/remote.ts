// The main thread's side of the CheckTx thread (service.ts): batches the mempool's checks per event-loop
// turn, forwards commit notices and queries, and reports the txs a recheck dropped. If the thread
// fails, `usable` turns false and the mempool checks on the main thread again.
import { Worker } from 'node:worker_threads';
import type { BlockHeaderInfo, RequestQuery, ResponseQuery } from '@scrtd/app';
import type { CheckAnswer, CheckItem, DroppedTx, FromChecker, ToChecker } from './protocol.js';
import type { Logger } from '../logger.js';

/** How to start the thread: a module that builds the app over a follower store and calls serveChecks. */
export interface CheckerSpawn {
  url: URL;
  workerData: unknown;
}

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: Error): void;
}

export class RemoteChecker {
  private readonly worker: Worker;
  private nextId = 1;
  private batch: CheckItem[] = [];
  private readonly checks = new Map<number, Waiter<CheckAnswer>>();
  private readonly queries = new Map<number, Waiter<ResponseQuery>>();
  private dropListener: ((txs: DroppedTx[]) => void) | undefined;
  private failure: Error | undefined;
  private readonly ready: Promise<void>;
  private closedWaiter: (() => void) | undefined;

  constructor(spawn: CheckerSpawn, private readonly log: Logger) {
    // execArgv: [] so a parent started with -e/--eval does not re-run its script in the worker.
    this.worker = new Worker(spawn.url, { workerData: spawn.workerData, execArgv: [] });
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on('message', (m: FromChecker) => {
        switch (m.t) {
          case 'ready':
            return resolve();
          case 'checked':
            for (const a of m.answers) {
              const w = this.checks.get(a.id);
              this.checks.delete(a.id);
              w?.resolve(a);
            }
            return;
          case 'dropped':
            return this.dropListener?.(m.txs);
          case 'queried': {
            const w = this.queries.get(m.id);
            this.queries.delete(m.id);
            return w?.resolve(m.res);
          }
          case 'failed':
            return this.fail(new Error(`CheckTx thread failed: ${m.message}`));
          case 'closed':
            return this.closedWaiter?.();
        }
      });
      this.worker.on('error', (e) => {
        this.fail(e);
        reject(e);
      });
      this.worker.on('exit', (code) => {
        const e = new Error(`CheckTx thread exited (code ${code})`);
        this.fail(e);
        reject(e);
      });
    });
    this.ready.catch(() => undefined);
  }

  /** Resolves once the thread has its app and store open. */
  started(): Promise<void> {
    return this.ready;
  }

  /** False once the thread failed: callers check on their own thread from then on. */
  get usable(): boolean {
    return this.failure === undefined;
  }

  onDropped(listener: (txs: DroppedTx[]) => void): void {
    this.dropListener = listener;
  }

  /** CheckTx(New) of `tx` on the thread; checks of one event-loop turn travel as one message. */
  check(tx: Uint8Array, txhash: string): Promise<CheckAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    if (this.batch.length === 0) setImmediate(() => this.flush());
    this.batch.push({ id, tx, txhash });
    return new Promise<CheckAnswer>((resolve, reject) => this.checks.set(id, { resolve, reject }));
  }

  private flush(): void {
    const items = this.batch;
    this.batch = [];
    if (items.length > 0 && !this.failure) this.post({ t: 'check', items });
  }

  /** Block `header.height` is committed: the thread follows it and re-checks what is still pending. */
  committed(header: BlockHeaderInfo, included: string[], recheck: boolean): void {
    // Checks queued before the commit go first, against the state they were submitted to.
    this.flush();
    this.post({ t: 'committed', header, included, recheck });
  }

  /** Application.query on the thread, at a state no older than height `atLeast`. */
  query(req: RequestQuery, atLeast: number): Promise<ResponseQuery> {
    if (this.failure) return Promise.reject(this.failure);
    this.flush();
    const id = this.nextId++;
    this.post({ t: 'query', id, req, atLeast });
    return new Promise<ResponseQuery>((resolve, reject) => this.queries.set(id, { resolve, reject }));
  }

  async close(): Promise<void> {
    if (!this.failure) {
      this.flush();
      await new Promise<void>((resolve) => {
        this.closedWaiter = resolve;
        this.post({ t: 'close' });
      });
    }
    this.failure ??= new Error('CheckTx thread closed');
    await this.worker.terminate();
  }

  private post(m: ToChecker): void {
    this.worker.postMessage(m);
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    this.log.error('CheckTx thread stopped; checking on the main thread', { error: e.message });
    for (const w of this.checks.values()) w.reject(e);
    for (const w of this.queries.values()) w.reject(e);
    this.checks.clear();
    this.queries.clear();
    this.closedWaiter?.();
  }
}
