// The mempool: txs that passed CheckTx, waiting for a block. FIFO by arrival (simple and
// deterministic for a single proposer), bounded by count and bytes, deduplicated by tx hash
// through a cache of recently seen hashes (as CometBFT's CListMempool with its LRU cache).
import { CheckTxType, type Application, type BlockHeaderInfo, type ResponseCheckTx } from '@scrtd/app';
import type { Logger } from './logger.js';
import type { RemoteChecker } from './checker/remote.js';
import type { CheckResultFields, DroppedTx } from './checker/protocol.js';
import type { Serializer } from './util/serial.js';
import { txHash } from './util/hash.js';
import { toHexUpper } from './util/bytes.js';
import { OldestFirst } from '@scrtd/crypto';

export interface MempoolOptions {
  /** Maximum number of txs held. */
  maxTxs: number;
  /** Maximum total size of the txs held. */
  maxBytes: number;
  /** Maximum size of one tx (must not exceed the block's data capacity, or the tx could never be included). */
  maxTxBytes: number;
  /** Recently seen tx hashes remembered for dedupe (committed txs stay in it, as in CometBFT). */
  cacheSize: number;
  /** Re-run CheckTx on the remaining txs after every block, dropping those that now fail. */
  recheck: boolean;
}

export const defaultMempoolOptions: MempoolOptions = {
  maxTxs: 5000,
  maxBytes: 64 * 1024 * 1024,
  maxTxBytes: 2 * 1024 * 1024,
  cacheSize: 10_000,
  recheck: true,
};

/** The outcome of submitting a tx: CheckTx's result, or a mempool rejection in the SDK's codes. */
export interface CheckTxOutcome extends CheckResultFields {
  hash: Uint8Array;
  /** Upper-case hex sha256 of the tx, as clients poll for it. */
  txhash: string;
  /** True when the tx is now in the mempool. */
  added: boolean;
}

/** Rejections the SDK reports in tx_response (errors.go root codespace). */
export const MempoolRejection = {
  /** CometBFT ErrTxInCache, mapped by the SDK to sdkerrors.ErrTxInMempoolCache. */
  InCache: { codespace: 'sdk', code: 19, log: 'tx already exists in cache' },
  Full: { codespace: 'sdk', code: 20, log: 'mempool is full' },
  TooLarge: { codespace: 'sdk', code: 21, log: 'tx too large' },
} as const;

interface Entry {
  tx: Uint8Array;
  gasWanted: bigint;
}

export interface MempoolStats {
  size: number;
  bytes: number;
  /** Rejected at submission: full, too large, duplicate, or CheckTx failure. */
  rejected: number;
  /** Dropped by recheck after a block. */
  droppedOnRecheck: number;
}

/** CheckTx, which must answer rather than throw: a throw is treated as the SDK treats a panic. */
export function checkTxSafely(app: Application, tx: Uint8Array, type: CheckTxType, log: Logger): ResponseCheckTx {
  try {
    return app.checkTx({ tx, type });
  } catch (e) {
    log.error('CheckTx threw', { error: (e as Error).message });
    return { code: 1, codespace: 'undefined', log: 'internal', info: '', data: new Uint8Array(), gasWanted: 0n, gasUsed: 0n, events: [], priority: 0n, sender: '' };
  }
}

/** Size a tx adds to the block's Data message (types.ComputeProtoSizeForTxs). */
export function protoSizeOfTx(tx: Uint8Array): number {
  let n = tx.length;
  let v = 1;
  while (n >= 0x80) {
    n >>= 7;
    v++;
  }
  return 1 + v + tx.length;
}

export class Mempool {
  readonly options: MempoolOptions;
  private readonly app: Application;
  private readonly gate: Serializer;
  private readonly log: Logger;
  /** Pending txs by hash hex, in arrival order (Map keeps insertion order). */
  private readonly txs = new Map<string, Entry>();
  /** Recently seen hashes, least recently seen first (bounded by options.cacheSize). */
  private readonly cache = new Map<string, true>();
  private readonly oldestSeen = new OldestFirst(this.cache);
  private totalBytes = 0;
  private rejected = 0;
  private droppedOnRecheck = 0;
  private readonly listeners: (() => void)[] = [];
  /** CheckTx on its own thread (with a follower of the store), when the node was given one. */
  private readonly remote: RemoteChecker | undefined;
  /** Checks sent to the CheckTx thread and not answered yet: they hold a place in the limits. */
  private inflight = 0;
  private inflightBytes = 0;
  /** Submissions whose CheckTx has not answered yet (either path), by submission number. */
  private readonly checking = new Set<number>();
  private submissions = 0;
  /** Settles when every submission so far is pre-verified (see add). */
  private arrivals: Promise<unknown> = Promise.resolve();
  /** checked() callers, each waiting for the submissions that were checking when it was called. */
  private checkedWaiters: { ids: Set<number>; resolve: () => void }[] = [];

  constructor(opts: Partial<MempoolOptions>, modules: { app: Application; gate: Serializer; logger: Logger; checker?: RemoteChecker }) {
    this.options = { ...defaultMempoolOptions, ...opts };
    this.app = modules.app;
    this.gate = modules.gate;
    this.log = modules.logger;
    this.remote = modules.checker;
    this.remote?.onDropped((txs) => this.dropRechecked(txs));
  }

  get size(): number {
    return this.txs.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  stats(): MempoolStats {
    return { size: this.txs.size, bytes: this.totalBytes, rejected: this.rejected, droppedOnRecheck: this.droppedOnRecheck };
  }

  has(txhash: string): boolean {
    return this.txs.has(txhash.toUpperCase());
  }

  /** Called after a tx enters the mempool (the driver uses it to schedule a block). */
  onAdded(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Submissions received whose CheckTx has not answered yet. */
  get checkingCount(): number {
    return this.checking.size;
  }

  /**
   * Resolves once every submission received before this call has its CheckTx answer (whether it
   * entered the pool or not); later submissions are not waited for. The driver waits on it before
   * reaping, so txs that arrived while the previous block ran are checked and go into the next block
   * rather than being left behind (and rechecked) while the block goes out nearly empty.
   */
  checked(): Promise<void> {
    if (this.checking.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.checkedWaiters.push({ ids: new Set(this.checking), resolve }));
  }

  /** Submit a tx: limits, dedupe, then CheckTx(New), serialised with every other ABCI call. */
  async add(tx: Uint8Array): Promise<CheckTxOutcome> {
    const id = this.submissions++;
    this.checking.add(id);
    try {
      if (this.remote?.usable) return await this.addRemote(tx, this.remote);
      // Let the app verify signatures on its worker threads first (an optimisation only: CheckTx
      // verifies anything that was not pre-verified).
      if (this.app.preverify && tx.length <= this.options.maxTxBytes) {
        // Pre-verification takes longer for some txs than for others (a signature already verified
        // where the tx arrived needs no worker): each waits for its predecessors, so CheckTx still
        // sees txs in arrival order, and a sender's consecutive sequences pass.
        const verified = this.app.preverify([tx]).catch(() => undefined);
        const turn = this.arrivals.then(() => verified);
        this.arrivals = turn;
        await turn;
      }
      return await this.gate.run(() => this.addLocked(tx));
    } finally {
      this.answered(id);
    }
  }

  private answered(id: number): void {
    this.checking.delete(id);
    if (this.checkedWaiters.length === 0) return;
    this.checkedWaiters = this.checkedWaiters.filter((w) => {
      if (w.ids.delete(id) && w.ids.size === 0) {
        w.resolve();
        return false;
      }
      return true;
    });
  }

  private addLocked(tx: Uint8Array): CheckTxOutcome {
    const a = this.admit(tx);
    return a.rejected ?? this.settle(tx, a.hash, a.txhash, this.check(tx, CheckTxType.New));
  }

  /**
   * The same steps with CheckTx on the CheckTx thread. Its answers come back in the order the checks
   * were sent, so txs enter the mempool in arrival order, as the thread saw them.
   */
  private async addRemote(tx: Uint8Array, remote: RemoteChecker): Promise<CheckTxOutcome> {
    const a = this.admit(tx);
    if (a.rejected) return a.rejected;
    this.inflight++;
    this.inflightBytes += tx.length;
    let res;
    try {
      res = await remote.check(tx, a.txhash);
    } catch {
      // The thread failed: check here instead (its pending sequences are lost until the next recheck).
      this.cache.delete(a.txhash);
      return this.gate.run(() => this.addLocked(tx));
    } finally {
      this.inflight--;
      this.inflightBytes -= tx.length;
    }
    if (res.code === 0 && res.sigs.length > 0) this.app.rememberSignatures?.(res.sigs);
    return this.settle(tx, a.hash, a.txhash, res);
  }

  /**
   * Size limits, dedupe and room (checks still with the CheckTx thread hold their place) before
   * CheckTx; an admitted tx's hash enters the cache.
   */
  private admit(tx: Uint8Array): { hash: Uint8Array; txhash: string; rejected?: CheckTxOutcome } {
    const hash = txHash(tx);
    const txhash = toHexUpper(hash);
    const reject = (r: { codespace: string; code: number; log: string }) => {
      this.rejected++;
      return { hash, txhash, rejected: { hash, txhash, ...r, info: '', gasWanted: 0n, gasUsed: 0n, added: false } };
    };
    if (tx.length > this.options.maxTxBytes) return reject(MempoolRejection.TooLarge);
    if (this.cache.has(txhash)) return reject(MempoolRejection.InCache);
    if (this.txs.size + this.inflight >= this.options.maxTxs || this.totalBytes + this.inflightBytes + tx.length > this.options.maxBytes) {
      return reject(MempoolRejection.Full);
    }
    this.remember(txhash);
    return { hash, txhash };
  }

  /** CheckTx's verdict on an admitted tx: into the pool, or out of the cache (as CometBFT: a tx that failed CheckTx may be resubmitted). */
  private settle(tx: Uint8Array, hash: Uint8Array, txhash: string, res: Pick<ResponseCheckTx, 'code' | 'codespace' | 'log' | 'info' | 'gasWanted' | 'gasUsed'>): CheckTxOutcome {
    const out = { hash, txhash, code: res.code, codespace: res.codespace, log: res.log, info: res.info, gasWanted: res.gasWanted, gasUsed: res.gasUsed, added: res.code === 0 };
    if (res.code !== 0) {
      this.cache.delete(txhash);
      this.rejected++;
      return out;
    }
    this.txs.set(txhash, { tx, gasWanted: res.gasWanted });
    this.totalBytes += tx.length;
    for (const l of this.listeners) l();
    return out;
  }

  /** The CheckTx thread's recheck after a block found these invalid now. */
  private dropRechecked(txs: readonly DroppedTx[]): void {
    for (const d of txs) {
      if (!this.txs.has(d.txhash)) continue; // already in a block since
      this.removeEntry(d.txhash);
      this.cache.delete(d.txhash);
      this.droppedOnRecheck++;
      this.log.debug('tx dropped on recheck', { txhash: d.txhash, code: d.code, codespace: d.codespace });
    }
  }

  private check(tx: Uint8Array, type: CheckTxType): ResponseCheckTx {
    return checkTxSafely(this.app, tx, type, this.log);
  }


  private remember(txhash: string): void {
    this.oldestSeen.set(txhash, true);
    while (this.cache.size > this.options.cacheSize) this.oldestSeen.evict();
  }

  /**
   * Txs for the next block, in arrival order, while they fit `maxDataBytes` (protobuf size in the
   * block's Data) and `maxGas` (-1 = unlimited). Like CometBFT it stops at the first tx that does
   * not fit, so FIFO order is kept.
   */
  reap(maxDataBytes: number, maxGas: bigint): Uint8Array[] {
    const out: Uint8Array[] = [];
    let size = 0;
    let gas = 0n;
    for (const e of this.txs.values()) {
      const s = protoSizeOfTx(e.tx);
      if (maxDataBytes > -1 && size + s > maxDataBytes) break;
      if (maxGas > -1n && gas + e.gasWanted > maxGas) break;
      size += s;
      gas += e.gasWanted;
      out.push(e.tx);
    }
    return out;
  }

  /**
   * After a block is committed: remove its txs (keeping them in the cache) and recheck the rest.
   * Must run while the caller holds the ABCI gate (the driver does), right after Commit.
   */
  update(committed: readonly Uint8Array[], header?: BlockHeaderInfo): void {
    const included: string[] = [];
    for (const tx of committed) {
      const txhash = toHexUpper(txHash(tx));
      this.remember(txhash);
      this.removeEntry(txhash);
      included.push(txhash);
    }
    if (this.remote?.usable && header) {
      // The CheckTx thread follows the new height and re-checks; it reports what it drops.
      this.remote.committed(header, included, this.options.recheck);
      return;
    }
    if (!this.options.recheck) return;
    for (const [txhash, e] of [...this.txs]) {
      const res = this.check(e.tx, CheckTxType.Recheck);
      if (res.code !== 0) {
        this.removeEntry(txhash);
        this.cache.delete(txhash);
        this.droppedOnRecheck++;
        this.log.debug('tx dropped on recheck', { txhash, code: res.code, codespace: res.codespace });
      } else {
        e.gasWanted = res.gasWanted;
      }
    }
  }

  private removeEntry(txhash: string): void {
    const e = this.txs.get(txhash);
    if (!e) return;
    this.txs.delete(txhash);
    this.totalBytes -= e.tx.length;
  }
}
