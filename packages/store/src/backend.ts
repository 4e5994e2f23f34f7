// The persistence contract under the CommitMultiStore. Everything consensus-relevant (heights, app
// hash, staleness, hashing) lives above it in commit-multistore.ts, so the LMDB backend and the
// in-memory backend cannot disagree on semantics; a backend only stores and retrieves versions.
//
// All methods but open/close/durable are synchronous: block execution and contract host calls read
// state synchronously.

import type { PackedKeys } from './types.js';

/** The committed state of a key as read by commit(), handed back to writeBlock with the change. */
export interface Prior {
  value: Uint8Array | undefined;
  /** Backend-private record of the same read, so writeBlock need not read the key again. */
  token: unknown;
}

/** One write of a block: `value === null` deletes. */
export interface KeyChange {
  key: Uint8Array;
  value: Uint8Array | null;
  /** readPrior() of this key, taken in the same synchronous turn as writeBlock. */
  prior: Prior;
}

export interface StoreBlockWrite {
  name: string;
  /** Effective changes only (no-op writes already dropped), sorted by key. */
  changes: KeyChange[];
  /** The store's new LtHash vector (2048 bytes). */
  lattice: Uint8Array;
}

export interface BlockWrite {
  height: number;
  /** Only the stores that changed. */
  stores: StoreBlockWrite[];
  appHash: Uint8Array;
  /** Aux records; `null` deletes. */
  aux: Array<readonly [Uint8Array, Uint8Array | null]>;
  /**
   * Drop what is only needed to read heights below this (0 = none), for every height p from
   * prunedThrough()+1 to pruneThrough. Afterwards prunedThrough() === max(previous, pruneThrough).
   * The caller bounds the work per block.
   */
  pruneThrough: number;
}

/** Iterator entries carry the key's binary string so caches can merge without re-encoding. */
export interface Entry {
  bin: string;
  key: Uint8Array;
  value: Uint8Array;
}

export interface Backend {
  /** Last committed height (0 = none). */
  latestHeight(): number;
  /** Heights at or below this have had their superseded versions pruned (0 = nothing pruned). */
  prunedThrough(): number;
  /** Persisted LtHash vector of a store, if it was ever written. */
  lattice(store: string): Uint8Array | undefined;
  appHashAt(height: number): Uint8Array | undefined;

  getLatest(store: string, key: Uint8Array): Uint8Array | undefined;
  /** getLatest(...) !== undefined, without copying the value. */
  hasLatest(store: string, key: Uint8Array): boolean;
  /** getLatest plus what writeBlock needs to record the key's history. */
  readPrior(store: string, key: Uint8Array): Prior;
  /** Snapshot iteration of the latest state (start inclusive, end exclusive). */
  iterateLatest(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): Iterator<Entry>;
  getAt(store: string, key: Uint8Array, height: number): Uint8Array | undefined;
  iterateAt(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean, height: number): Iterator<Entry>;

  auxGet(key: Uint8Array): Uint8Array | undefined;
  auxIterate(start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): Iterator<Entry>;

  /** Apply a whole block atomically: all of it or none of it, visible when this returns. */
  writeBlock(block: BlockWrite): void;
  /** See AuxStore.writeDeferred (entries already checked). */
  auxWriteDeferred(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void>;
  /** See AuxStore.writeDeferredPostings (keys already checked, each longer than suffixBytes). */
  auxWriteDeferredPostings(batches: readonly PackedKeys[], suffixBytes: number): Promise<void>;
  /** Resolves when everything written so far is on stable storage. */
  durable(): Promise<void>;
  /**
   * A follower handle (another thread reading the same database): forget the current read snapshot
   * and re-read the committed latest/pruned heights. Absent on backends that cannot be shared.
   */
  refresh?(): void;
  close(): Promise<void>;
}
