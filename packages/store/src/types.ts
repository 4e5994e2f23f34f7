// Public contracts of the store package. The app package codes against these interfaces only.

/** Read access to one key space. Keys and values are raw bytes; iteration is always in byte order. */
export interface KVReader {
  get(key: Uint8Array): Uint8Array | undefined;
  has(key: Uint8Array): boolean;
  /**
   * Entries with start <= key < end (either bound may be undefined = unbounded), ascending by
   * unsigned byte order, or descending when `reverse`. Must reflect pending writes of caches.
   */
  iterate(start?: Uint8Array, end?: Uint8Array, reverse?: boolean): IterableIterator<[Uint8Array, Uint8Array]>;
}

/** Read and write access to one key space. Empty values are allowed. */
export interface KVStore extends KVReader {
  set(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
}

/** A set of named module stores (e.g. "acc", "bank", "compute"), each its own key space. */
export interface MultiStoreReader {
  getStore(name: string): KVReader;
}

/**
 * A cached, branchable view of a multistore. Writes stay in memory until `write()` pushes them into
 * the parent (another cache, or the committing root). A discarded branch changes nothing.
 */
export interface CacheMultiStore extends MultiStoreReader {
  getStore(name: string): KVStore;
  /** A child cache over this one. */
  branch(): CacheMultiStore;
  /** Flush this cache's writes into its parent. */
  write(): void;
}

/** Non-consensus records (block store, tx index) committed in the same database transaction as state. */
export interface AuxReader {
  get(key: Uint8Array): Uint8Array | undefined;
  iterate(start?: Uint8Array, end?: Uint8Array, reverse?: boolean): IterableIterator<[Uint8Array, Uint8Array]>;
}

/** The aux key space, with writes that need not share a block's transaction. */
export interface AuxStore extends AuxReader {
  /**
   * Write aux records after everything committed so far, outside any block's transaction (a `null`
   * value deletes), for records a reader can rebuild: they cost the block commit nothing, and the
   * database does the work on its own thread where it can. Calls apply in order; the promise
   * resolves once the records are committed (visible to readers); they reach stable storage with
   * the next block commit or durable(), and a crash before that may lose them. The entries' bytes
   * must stay unchanged until the promise settles (the lmdb backend copies them at once; the memory
   * backend does not).
   */
  writeDeferred(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void>;
  /**
   * writeDeferred of posting lists: keys that are equal but for their last `suffixBytes` bytes become
   * one entry whose key is the shared part and whose value is their suffixes back to back, in the
   * order given (an entry already stored under that key is replaced). For an index whose keys end in
   * a position: one entry per distinct prefix instead of one per position.
   */
  writeDeferredPostings(batches: readonly PackedKeys[], suffixBytes: number): Promise<void>;
}

/** Keys stored back to back (writeDeferredPostings): key i is `bytes.subarray(ends[i - 1] ?? 0, ends[i])`. */
export interface PackedKeys {
  bytes: Uint8Array;
  ends: readonly number[];
}

export interface CommitResult {
  height: number;
  appHash: Uint8Array;
}

/**
 * The versioned, authenticated store. Heights are block heights (InitChain state is committed together
 * with block 1, so the first committed height is 1; height 0 means "nothing committed yet").
 */
export interface CommitMultiStore {
  readonly storeNames: readonly string[];
  /** Last committed height (0 if none). */
  latestHeight(): number;
  /** App hash of the last commit (the empty-state hash before any commit). */
  latestAppHash(): Uint8Array;
  /** App hash committed at `height`, if retained. */
  appHashAt(height: number): Uint8Array | undefined;
  /** Earliest height still readable. */
  earliestHeight(): number;
  /** A fresh cache over the latest committed state: the working state of the next block. */
  branch(): CacheMultiStore;
  /** Read-only view of state as committed at `height` (throws StoreError 'height not available' if pruned / future). */
  readerAt(height: number): MultiStoreReader;
  /**
   * Atomically commit `cache`'s writes as version `height` (must be latestHeight()+1) together with
   * `aux` records (a `null` value deletes an aux key); returns the new app hash. `cache` must be a
   * top-level branch() taken at the current latest height (else StoreError 'stale_branch').
   * The new height becomes visible to readers in the same synchronous turn as the database commit,
   * before the returned promise settles; the promise resolves once the commit is on stable storage.
   */
  commit(height: number, cache: CacheMultiStore, aux?: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<CommitResult>;
  /**
   * The app hash that committing `cache` (a top-level branch) would produce, without writing anything.
   * A following commit() of the unchanged branch reuses this work. (ABCI 2.0: FinalizeBlock returns it.)
   */
  workingHash(cache: CacheMultiStore): Uint8Array;
  /** The aux (non-consensus) key space: its latest committed values, and deferred writes. */
  aux(): AuxStore;
  close(): Promise<void>;
}

/** A read-only view of a store another handle commits to (openFollowerStore). */
export interface FollowerStore extends CommitMultiStore {
  /**
   * Move to `height` (default: the newest height committed so far); heights only move forward.
   * Readers and branches taken earlier keep reading the height they were taken at.
   */
  follow(height?: number): number;
}
