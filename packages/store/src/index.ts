// @scrtd/store: versioned, authenticated key-value state over LMDB (or memory, for tests).

import type { CommitMultiStore, FollowerStore } from './types.js';
import { createCommitMultiStore, validateOptions, type CommitMultiStoreOptions } from './commit-multistore.js';
import { LmdbBackend } from './lmdb-backend.js';
import { MemoryBackend } from './memory-backend.js';

export type * from './types.js';
export { StoreError, type StoreErrorCode } from './errors.js';
export { MAX_KEY_BYTES, toBin } from './bytes.js';
export { prefixEnd } from './prefix.js';
export { PRUNE_HEIGHTS_PER_COMMIT, type CommitMultiStoreOptions } from './commit-multistore.js';
export { LtHash16, LTHASH_BYTES, LTHASH_LANES, appHashOf, elementVector } from './lthash.js';
export { recomputeAppHash } from './verify.js';

export interface OpenCommitMultiStoreOptions extends CommitMultiStoreOptions {
  /** Database directory (created if missing). */
  path: string;
  /** LMDB map size in bytes (the maximum database size; address space, not preallocated). Default 1 TiB. */
  mapSize?: number;
}

/** Open (or create) the on-disk store at `path`. Resolves once the database is open. */
export async function openCommitMultiStore(options: OpenCommitMultiStoreOptions): Promise<CommitMultiStore> {
  const { storeNames } = validateOptions(options);
  const backend = LmdbBackend.open({ path: options.path, storeNames, mapSize: options.mapSize, follower: options.follower });
  try {
    return createCommitMultiStore(backend, options);
  } catch (err) {
    await backend.close();
    throw err;
  }
}

/**
 * Open a read-only follower of the on-disk store at `path`, which another handle (usually in another
 * thread of this process) commits to. It reads the height it follows, consistently, whatever the
 * writer commits meanwhile; follow() moves it forward. commit() and workingHash() throw 'read_only'.
 */
export async function openFollowerStore(options: Omit<OpenCommitMultiStoreOptions, 'follower' | 'keepRecent' | 'hashThreads'>): Promise<FollowerStore> {
  return (await openCommitMultiStore({ ...options, follower: true })) as FollowerStore;
}

/**
 * A store with the same semantics (heights, history, app hash, aux, pruning, errors) kept in memory;
 * for unit tests. Not durable, and not meant for large states.
 */
export function createMemoryCommitMultiStore(storeNames: readonly string[], options: { keepRecent?: number } = {}): CommitMultiStore {
  return createCommitMultiStore(new MemoryBackend(), { storeNames, keepRecent: options.keepRecent });
}
