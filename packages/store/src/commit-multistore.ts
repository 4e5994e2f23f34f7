// The CommitMultiStore: heights, staleness, the app hash and readers, over any Backend.
//
// Reads of the latest height go straight to the backend's latest table. A reader or branch remembers
// the height it was created at; once a newer height is committed it transparently reads that height
// from the version history instead, so every reader sees one consistent height for its whole life.

import type { AuxStore, CacheMultiStore, CommitMultiStore, CommitResult, KVReader, MultiStoreReader, PackedKeys } from './types.js';
import type { Backend, Entry, KeyChange, StoreBlockWrite } from './backend.js';
import { Branch, type BranchRoot, type Layer } from './cache.js';
import { checkKey, equalBytes, MAX_KEY_BYTES, toBin } from './bytes.js';
import { StoreError } from './errors.js';
import { appHashOf, LtHash16 } from './lthash.js';
import { ParallelLtHash, type LatticeOp } from './lthash-parallel.js';

export interface CommitMultiStoreOptions {
  /** Module store names (each its own key space, each part of the app hash). */
  storeNames: readonly string[];
  /**
   * Keep only the most recent `keepRecent` heights readable (>= 1); 0 or undefined keeps every height.
   * Older versions are pruned inside later commits, at most PRUNE_HEIGHTS_PER_COMMIT heights per
   * commit, so lowering it on an existing database catches up gradually.
   */
  keepRecent?: number;
  /**
   * 0 (default) = compute lattice updates on the calling thread; 1 = split them with one worker thread.
   * The worker makes commits faster in absolute terms but leaves less CPU for signature verification
   * and the LCD on a 2-core machine (docs/benchmarks.md has both measurements).
   */
  hashThreads?: number;
  /**
   * A read-only follower of a database another handle commits to (e.g. a CheckTx thread beside the
   * block-executing thread): it stays at the height it was told to follow (follow()), reading that
   * height through the version history, so the writer's later commits never leak into its reads.
   */
  follower?: boolean;
}

/** liveHeight of a follower: below every real height and the closed marker (-1), so never matched. */
const FOLLOWER_LIVE_HEIGHT = -2;

/** Bound on pruning work done inside one commit (heights whose superseded versions are dropped). */
export const PRUNE_HEIGHTS_PER_COMMIT = 4;

const STORE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function validateOptions(options: CommitMultiStoreOptions): { storeNames: string[]; keepRecent: number } {
  const names = options.storeNames;
  if (!Array.isArray(names) || names.length === 0) throw new StoreError('invalid_option', 'storeNames must be a non-empty array');
  const seen = new Set<string>();
  for (const n of names) {
    if (typeof n !== 'string' || !STORE_NAME.test(n)) throw new StoreError('invalid_option', `invalid store name ${JSON.stringify(n)} (1-64 of A-Z a-z 0-9 _ . -)`);
    if (seen.has(n)) throw new StoreError('invalid_option', `duplicate store name ${JSON.stringify(n)}`);
    seen.add(n);
  }
  const keepRecent = options.keepRecent ?? 0;
  if (!Number.isSafeInteger(keepRecent) || keepRecent < 0) throw new StoreError('invalid_option', 'keepRecent must be a non-negative integer');
  return { storeNames: [...names], keepRecent };
}

function* publicEntries(it: Iterator<Entry>): Generator<[Uint8Array, Uint8Array]> {
  try {
    for (let r = it.next(); !r.done; r = it.next()) yield [r.value.key, r.value.value];
  } finally {
    it.return?.();
  }
}

/** An aux entry a commit or a deferred write accepts: a valid key, a byte value or null (delete). */
function checkAuxEntry(key: Uint8Array, value: Uint8Array | null): void {
  checkKey(key);
  if (value !== null && !(value instanceof Uint8Array)) throw new StoreError('invalid_value', 'aux value must be a Uint8Array or null');
}

/** Packed keys as writeDeferredPostings takes them: each longer than `suffixBytes` (a posting's key is the rest). */
function checkPackedKeys(batches: readonly PackedKeys[], suffixBytes: number): void {
  for (const { bytes, ends } of batches) {
    if (!(bytes instanceof Uint8Array)) throw new StoreError('invalid_key', 'key must be a Uint8Array');
    let start = 0;
    for (const end of ends) {
      const n = end - start;
      if (!Number.isInteger(end) || end > bytes.length) throw new StoreError('invalid_key', 'packed key ends outside its bytes');
      if (n <= suffixBytes) throw new StoreError('invalid_key', `key of ${n} bytes has nothing before its ${suffixBytes}-byte suffix`);
      if (n > MAX_KEY_BYTES) throw new StoreError('invalid_key', `key of ${n} bytes exceeds MAX_KEY_BYTES (${MAX_KEY_BYTES})`);
      start = end;
    }
  }
}

function badKey(key: Uint8Array): boolean {
  return key.length === 0 || key.length > MAX_KEY_BYTES;
}

/** Committed state of one store at one height: the bottom layer of every cache. */
class HeightReader implements KVReader, Layer {
  protected readonly core: Core;
  private readonly store: string;
  private readonly height: number;

  constructor(core: Core, store: string, height: number) {
    this.core = core;
    this.store = store;
    this.height = height;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    if (badKey(key)) return undefined;
    // Hot path: one integer compare, then the latest table.
    if (this.core.liveHeight === this.height) return this.core.backend.getLatest(this.store, key);
    return this.core.getAt(this.store, key, this.height);
  }

  getBin(_bin: string, key: Uint8Array): Uint8Array | undefined {
    return this.get(key);
  }

  has(key: Uint8Array): boolean {
    if (badKey(key)) return false;
    if (this.core.liveHeight === this.height) return this.core.backend.hasLatest(this.store, key);
    return this.core.getAt(this.store, key, this.height) !== undefined;
  }

  hasBin(_bin: string, key: Uint8Array): boolean {
    return this.has(key);
  }

  iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): IterableIterator<[Uint8Array, Uint8Array]> {
    if (start !== undefined && end !== undefined && toBin(start) >= toBin(end)) return publicEntries([][Symbol.iterator]());
    return publicEntries(this.entries(start, undefined, end, undefined, reverse));
  }

  entries(start: Uint8Array | undefined, _sb: string | undefined, end: Uint8Array | undefined, _eb: string | undefined, reverse: boolean): Iterator<Entry> {
    return this.core.entriesAt(this.store, start, end, reverse, this.height);
  }
}

/** Values a branch's bottom layer remembers at most (then it reads through as before). */
const READ_CACHE_ENTRIES = 65_536;

/**
 * The bottom layer of a branch: HeightReader remembering what it read. Committed state at one height
 * never changes, and a branch lives for one block (or one CheckTx state), while the same keys are
 * read by every tx (params, module accounts, contract infos and keys): from the second read on, one
 * Map lookup instead of an LMDB read and a copy. Values are shared, as a cache's own values are:
 * readers never modify them.
 */
class BranchRootReader extends HeightReader {
  private readonly seen = new Map<string, Uint8Array | null>();

  override getBin(bin: string, key: Uint8Array): Uint8Array | undefined {
    const hit = this.seen.get(bin);
    // Only while open: a closed store's reads fail as before.
    if (hit !== undefined && this.core.liveHeight >= 0) return hit ?? undefined;
    const v = this.get(key);
    if (this.seen.size < READ_CACHE_ENTRIES) this.seen.set(bin, v ?? null);
    return v;
  }

  override hasBin(bin: string, key: Uint8Array): boolean {
    const hit = this.seen.get(bin);
    if (hit !== undefined && this.core.liveHeight >= 0) return hit !== null;
    return this.has(key);
  }
}

interface PreparedCommit {
  branch: Branch;
  version: number;
  baseHeight: number;
  writes: StoreBlockWrite[];
  newLattices: Map<string, LtHash16>;
  digests: Map<string, Uint8Array>;
  appHash: Uint8Array;
}

class Core implements CommitMultiStore, BranchRoot {
  readonly storeNames: readonly string[];
  readonly backend: Backend;
  /** latestHeight while open, -1 once closed: the one value the read hot path checks. */
  liveHeight: number;
  private latest: number;
  private readonly keepRecent: number;
  private readonly lattices = new Map<string, LtHash16>();
  private readonly digests = new Map<string, Uint8Array>();
  private latestHash: Uint8Array;
  private closed = false;
  private preparedCache: PreparedCommit | undefined;
  private readonly latticeHasher: ParallelLtHash;
  private readonly follower: boolean;

  constructor(backend: Backend, options: CommitMultiStoreOptions) {
    const { storeNames, keepRecent } = validateOptions(options);
    this.backend = backend;
    this.follower = options.follower === true;
    if (this.follower && backend.refresh === undefined) throw new StoreError('invalid_option', 'this backend cannot be followed');
    this.storeNames = Object.freeze(storeNames);
    this.keepRecent = keepRecent;
    this.latticeHasher = new ParallelLtHash((options.hashThreads ?? 0) > 0);
    for (const name of storeNames) {
      const bytes = backend.lattice(name);
      const l = bytes === undefined ? LtHash16.zero() : LtHash16.fromBytes(bytes);
      this.lattices.set(name, l);
      this.digests.set(name, l.digest());
    }
    this.latest = backend.latestHeight();
    // A follower never takes the latest-table shortcut: the writer may be ahead of its height.
    this.liveHeight = this.follower ? FOLLOWER_LIVE_HEIGHT : this.latest;
    if (this.latest === 0) {
      this.latestHash = appHashOf(this.digests);
    } else {
      const h = backend.appHashAt(this.latest);
      if (h === undefined) throw new StoreError('corrupt', `no app hash stored for the latest height ${this.latest}`);
      this.latestHash = h;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreError('closed', 'the store is closed');
  }

  private assertWritable(): void {
    if (this.follower) throw new StoreError('read_only', 'a follower store does not commit');
  }

  private assertReadable(height: number): void {
    this.assertOpen();
    if (height > this.latest || height < this.earliestHeight())
      throw new StoreError('height_not_available', `height ${height} is not available (readable: ${this.earliestHeight()}..${this.latest})`);
  }

  latestHeight(): number {
    this.assertOpen();
    return this.latest;
  }

  /**
   * Follower: move to `height` (default: the newest height the writer has committed). Heights only
   * move forward; branches taken before keep reading their own height.
   */
  follow(height?: number): number {
    this.assertOpen();
    if (!this.follower) throw new StoreError('invalid_option', 'follow() is for a follower store');
    this.backend.refresh!();
    const committed = this.backend.latestHeight();
    const target = height ?? committed;
    if (!Number.isSafeInteger(target) || target < this.latest || target > committed)
      throw new StoreError('invalid_height', `cannot follow height ${target} (at ${this.latest}, committed ${committed})`);
    if (target === this.latest) return target;
    const h = this.backend.appHashAt(target);
    if (h === undefined) throw new StoreError('corrupt', `no app hash stored for height ${target}`);
    this.latest = target;
    this.latestHash = h;
    return target;
  }

  latestAppHash(): Uint8Array {
    this.assertOpen();
    return this.latestHash.slice();
  }

  appHashAt(height: number): Uint8Array | undefined {
    this.assertOpen();
    if (!Number.isSafeInteger(height) || height < this.earliestHeight() || height > this.latest) return undefined;
    if (height === this.latest) return this.latestHash.slice();
    return this.backend.appHashAt(height);
  }

  earliestHeight(): number {
    this.assertOpen();
    return this.latest === 0 ? 0 : Math.max(1, this.backend.prunedThrough());
  }

  branch(): CacheMultiStore {
    this.assertOpen();
    return new Branch(this, null, this.latest);
  }

  private checkStore(store: string): void {
    if (!this.lattices.has(store)) throw new StoreError('unknown_store', `unknown store ${JSON.stringify(store)}`);
  }

  rootLayer(store: string, height: number): Layer {
    this.checkStore(store);
    return new BranchRootReader(this, store, height);
  }

  readerAt(height: number): MultiStoreReader {
    if (!Number.isSafeInteger(height) || height < 0) throw new StoreError('invalid_height', `invalid height ${height}`);
    this.assertReadable(height);
    return {
      getStore: (name: string): KVReader => {
        this.checkStore(name);
        return new HeightReader(this, name, height);
      },
    };
  }

  /** Reads of a height that is no longer the latest (or of anything after close). */
  getAt(store: string, key: Uint8Array, height: number): Uint8Array | undefined {
    this.assertReadable(height);
    if (height === this.latest && !this.follower) return this.backend.getLatest(store, key);
    return this.backend.getAt(store, key, height);
  }

  *entriesAt(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean, height: number): Generator<Entry> {
    this.assertReadable(height);
    if (height === this.latest && !this.follower) {
      // The backend's latest-table iterator is a snapshot: later commits do not leak into it.
      yield* iterWithReturn(this.backend.iterateLatest(store, start, end, reverse));
      return;
    }
    const it = this.backend.iterateAt(store, start, end, reverse, height);
    try {
      for (let r = it.next(); !r.done; r = it.next()) {
        // A long-lived iterator must not silently read a height that pruning has since removed.
        this.assertReadable(height);
        yield r.value;
      }
    } finally {
      it.return?.();
    }
  }

  workingHash(cache: CacheMultiStore): Uint8Array {
    this.assertOpen();
    this.assertWritable();
    return this.prepared(cache).appHash.slice();
  }

  /**
   * The state changes of a top-level branch, its new lattices and the resulting app hash, computed
   * without writing anything. Kept for the branch's current version, so commit() after
   * workingHash() does not hash twice.
   */
  private prepared(cache: CacheMultiStore): PreparedCommit {
    if (!(cache instanceof Branch) || cache.root !== this || cache.parent !== null)
      throw new StoreError('invalid_branch', 'commit() takes a top-level branch() of this store');
    if (cache.baseHeight !== this.latest)
      throw new StoreError('stale_branch', `branch was taken at height ${cache.baseHeight}, the store is at ${this.latest}`);
    const version = cache.version();
    const hit = this.preparedCache;
    if (hit && hit.branch === cache && hit.version === version && hit.baseHeight === this.latest) return hit;
    // Everything here works on copies, so a failure leaves the store untouched.
    const touched = cache.touchedStores();
    const writes: StoreBlockWrite[] = [];
    const newLattices = new Map<string, LtHash16>();
    const digests = new Map(this.digests);
    const ops: LatticeOp[] = [];
    const changed: { name: string; index: number; changes: KeyChange[] }[] = [];
    this.storeNames.forEach((name, index) => {
      const kv = touched.get(name);
      if (kv === undefined || kv.dirty.size === 0) return;
      const changes: KeyChange[] = [];
      // Sorted order: the hash does not depend on it, but the B-tree writes get better locality.
      for (const bin of kv.sortedKeys()) {
        const e = kv.dirty.get(bin)!;
        const prior = this.backend.readPrior(name, e.key);
        const old = prior.value;
        if (e.value === null ? old === undefined : old !== undefined && equalBytes(old, e.value)) continue; // no-op
        if (old !== undefined) ops.push({ store: index, add: false, key: e.key, value: old });
        if (e.value !== null) ops.push({ store: index, add: true, key: e.key, value: e.value });
        changes.push({ key: e.key, value: e.value, prior });
      }
      if (changes.length > 0) changed.push({ name, index, changes });
    });
    // The element vectors (the expensive part) are summed on two threads; the sum is order-free.
    const deltas = this.latticeHasher.deltas(ops, this.storeNames.length);
    for (const { name, index, changes } of changed) {
      const lattice = this.lattices.get(name)!.clone();
      lattice.merge(deltas[index]!);
      writes.push({ name, changes, lattice: lattice.toBytes() });
      newLattices.set(name, lattice);
      digests.set(name, lattice.digest());
    }
    const plan: PreparedCommit = { branch: cache, version, baseHeight: this.latest, writes, newLattices, digests, appHash: appHashOf(digests) };
    this.preparedCache = plan;
    return plan;
  }

  async commit(height: number, cache: CacheMultiStore, aux?: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<CommitResult> {
    this.assertOpen();
    this.assertWritable();
    if (!Number.isSafeInteger(height) || height !== this.latest + 1)
      throw new StoreError('invalid_height', `commit of height ${height}, expected ${this.latest + 1}`);
    const { writes, newLattices, digests, appHash } = this.prepared(cache);
    this.preparedCache = undefined;
    const auxWrites: Array<readonly [Uint8Array, Uint8Array | null]> = [];
    for (const [k, v] of aux ?? []) {
      checkAuxEntry(k, v);
      auxWrites.push([k, v]);
    }
    let pruneThrough = 0;
    if (this.keepRecent > 0) pruneThrough = Math.min(height - this.keepRecent + 1, this.backend.prunedThrough() + PRUNE_HEIGHTS_PER_COMMIT);

    this.backend.writeBlock({ height, stores: writes, appHash, aux: auxWrites, pruneThrough });

    // Committed: publish in the same synchronous turn, so no reader can see the new table contents
    // under the old height.
    for (const [name, l] of newLattices) this.lattices.set(name, l);
    for (const [name, d] of digests) this.digests.set(name, d);
    this.latest = height;
    this.liveHeight = height;
    this.latestHash = appHash;
    await this.backend.durable();
    return { height, appHash: appHash.slice() };
  }

  /** A deferred aux write: checked (and refused whole) before anything is queued; every failure a rejection. */
  private deferred(write: () => Promise<void>): Promise<void> {
    try {
      this.assertOpen();
      this.assertWritable();
      return write();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  aux(): AuxStore {
    this.assertOpen();
    return {
      // Two passes over a re-iterable input, checking all of it before anything is queued, so a
      // block's worth of entries never exists at once: made as they are consumed, they die young
      // instead of outliving the GCs that run while tens of thousands are queued. (Not an async
      // function either: its frame would hold them until the write lands.)
      writeDeferred: (entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void> =>
        this.deferred(() => {
          // A one-shot iterator (a generator) cannot be read twice: keep its entries.
          const input = (entries[Symbol.iterator]() as unknown) === entries ? [...entries] : entries;
          for (const [k, v] of input) checkAuxEntry(k, v);
          return this.backend.auxWriteDeferred(input);
        }),
      writeDeferredPostings: (batches: readonly PackedKeys[], suffixBytes: number): Promise<void> =>
        this.deferred(() => {
          if (!Number.isInteger(suffixBytes) || suffixBytes < 1) throw new StoreError('invalid_value', 'posting suffix must be at least 1 byte');
          checkPackedKeys(batches, suffixBytes);
          return this.backend.auxWriteDeferredPostings(batches, suffixBytes);
        }),
      get: (key: Uint8Array): Uint8Array | undefined => {
        this.assertOpen();
        return badKey(key) ? undefined : this.backend.auxGet(key);
      },
      iterate: (start?: Uint8Array, end?: Uint8Array, reverse = false): IterableIterator<[Uint8Array, Uint8Array]> => {
        this.assertOpen();
        if (start !== undefined && end !== undefined && toBin(start) >= toBin(end)) return publicEntries([][Symbol.iterator]());
        return publicEntries(this.backend.auxIterate(start, end, reverse));
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.liveHeight = -1;
    await this.latticeHasher.close();
    await this.backend.close();
  }
}

function* iterWithReturn<T>(it: Iterator<T>): Generator<T> {
  try {
    for (let r = it.next(); !r.done; r = it.next()) yield r.value;
  } finally {
    it.return?.();
  }
}

export function createCommitMultiStore(backend: Backend, options: CommitMultiStoreOptions): CommitMultiStore {
  return new Core(backend, options);
}
