// The execution context handed to ante handlers, message handlers and queries.
import type { CacheMultiStore, KVStore, MultiStoreReader, KVReader } from '@scrtd/store';
import type { BlockHeaderInfo } from './abci/types.js';
import { EventManager } from './events.js';
import { GasKVStore } from './gaskv.js';
import { type GasMeter, type KVGasConfig, SECRET_KV_GAS } from './gas.js';

export type ExecMode = 'check' | 'recheck' | 'simulate' | 'finalize' | 'genesis' | 'query';

export interface ContextInit {
  store: CacheMultiStore;
  header: BlockHeaderInfo;
  chainId: string;
  gasMeter: GasMeter;
  mode: ExecMode;
  kvGas?: KVGasConfig;
  /** The tx being executed in a block: its index among the block's txs that passed the ante handler, and its hash. */
  tx?: TxInfo;
}

export interface TxInfo {
  index: number;
  /** Upper-case hex sha256 of the tx bytes. */
  hash: string;
}

/** A read-only store adapter for queries at historical heights (writes are a logic error there). */
export class ReadOnlyStore implements KVStore {
  constructor(private readonly r: KVReader) {}
  get(k: Uint8Array) {
    return this.r.get(k);
  }
  has(k: Uint8Array) {
    return this.r.has(k);
  }
  iterate(s?: Uint8Array, e?: Uint8Array, rev?: boolean) {
    return this.r.iterate(s, e, rev);
  }
  set(): void {
    throw new Error('write in a read-only context');
  }
  delete(): void {
    throw new Error('write in a read-only context');
  }
}

export class Context {
  readonly header: BlockHeaderInfo;
  readonly chainId: string;
  readonly mode: ExecMode;
  readonly tx: TxInfo | undefined;
  readonly events = new EventManager();
  gasMeter: GasMeter;
  private readonly kvGas: KVGasConfig;
  /**
   * The gas-metered stores opened so far: a tx touches one or two modules, so the first two are kept
   * in fields (a context is created per tx and per message; a Map each time was a measurable share
   * of the allocations), the rest in a Map.
   */
  private name0?: string;
  private store0?: KVStore;
  private name1?: string;
  private store1?: KVStore;
  private moreStores?: Map<string, KVStore>;

  constructor(readonly multiStore: CacheMultiStore | MultiStoreReader, init: Omit<ContextInit, 'store'>) {
    this.header = init.header;
    this.chainId = init.chainId;
    this.mode = init.mode;
    this.tx = init.tx;
    this.gasMeter = init.gasMeter;
    this.kvGas = init.kvGas ?? SECRET_KV_GAS;
  }

  static create(init: ContextInit): Context {
    return new Context(init.store, init);
  }

  get isCheckTx(): boolean {
    return this.mode === 'check' || this.mode === 'recheck';
  }

  get isSimulate(): boolean {
    return this.mode === 'simulate';
  }

  /** The KV gas table this context charges (contract storage is priced with it too). */
  get kvGasConfig(): KVGasConfig {
    return this.kvGas;
  }

  /** A child context over a branch of this one's store (sub-messages): same header and tx, own events. */
  branch(gasMeter: GasMeter = this.gasMeter): { ctx: Context; write(): void } {
    if (!('branch' in this.multiStore)) throw new Error('cannot branch a read-only context');
    const cache = this.multiStore.branch();
    const ctx = new Context(cache, { header: this.header, chainId: this.chainId, gasMeter, mode: this.mode, kvGas: this.kvGas, tx: this.tx });
    return { ctx, write: () => cache.write() };
  }

  /** A module's KV store, gas-metered. */
  kv(name: string): KVStore {
    if (name === this.name0) return this.store0!;
    if (name === this.name1) return this.store1!;
    let s = this.moreStores?.get(name);
    if (!s) {
      const raw = this.multiStore.getStore(name) as KVStore | KVReader;
      const rw: KVStore = 'set' in raw ? raw : new ReadOnlyStore(raw);
      s = new GasKVStore(rw, this.gasMeter, this.kvGas);
      if (this.name0 === undefined) {
        this.name0 = name;
        this.store0 = s;
      } else if (this.name1 === undefined) {
        this.name1 = name;
        this.store1 = s;
      } else {
        (this.moreStores ??= new Map()).set(name, s);
      }
    }
    return s;
  }
}
