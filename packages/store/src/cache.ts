// Cache branches: in-memory write buffers layered over committed state (or over another cache).
//
// Each module store of a branch is a CacheKV holding its pending writes in a Map keyed by the key's
// binary string, so get/set cost one key conversion and one Map operation. Sorted order is needed only
// to iterate: new keys go to a `pending` list that is sorted and merged into `sorted` on the next
// iteration, so alternating writes and scans cost O(n) per scan, not O(n log n).

import type { CacheMultiStore, KVStore } from './types.js';
import type { Entry } from './backend.js';
import { checkKey, lowerBound, mergeSorted, privateCopy, toBin } from './bytes.js';
import { StoreError } from './errors.js';

/** What a cache reads through to: another cache, or a committed-state reader. */
export interface Layer {
  getBin(bin: string, key: Uint8Array): Uint8Array | undefined;
  /** getBin(...) !== undefined, without copying a committed value. */
  hasBin(bin: string, key: Uint8Array): boolean;
  /** Entries with start <= key < end in byte order (descending if reverse); bounds given both ways. */
  entries(start: Uint8Array | undefined, startBin: string | undefined, end: Uint8Array | undefined, endBin: string | undefined, reverse: boolean): Iterator<Entry>;
}

/** A pending write: value null is a delete. Keys and values are private copies, never mutated. */
export interface DirtyEntry {
  key: Uint8Array;
  value: Uint8Array | null;
}

export class CacheKV implements KVStore, Layer {
  /** Pending writes in first-write order. Read by commit(); do not mutate from outside. */
  dirty = new Map<string, DirtyEntry>();
  /** Count of writes recorded, so a prepared commit can tell whether the cache changed since. */
  writes = 0;
  private sorted: string[] = [];
  private pending: string[] = [];
  private readonly parent: Layer;

  constructor(parent: Layer) {
    this.parent = parent;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.getBin(toBin(key), key);
  }

  getBin(bin: string, key: Uint8Array): Uint8Array | undefined {
    const e = this.dirty.get(bin);
    if (e !== undefined) return e.value ?? undefined;
    return this.parent.getBin(bin, key);
  }

  has(key: Uint8Array): boolean {
    return this.hasBin(toBin(key), key);
  }

  hasBin(bin: string, key: Uint8Array): boolean {
    const e = this.dirty.get(bin);
    if (e !== undefined) return e.value !== null;
    return this.parent.hasBin(bin, key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    checkKey(key);
    if (!(value instanceof Uint8Array)) throw new StoreError('invalid_value', 'value must be a Uint8Array');
    // Copies: the caller may reuse its buffers, and a cache must not change behind its back.
    this.put(toBin(key), { key: privateCopy(key), value: privateCopy(value) });
  }

  delete(key: Uint8Array): void {
    checkKey(key);
    this.put(toBin(key), { key: privateCopy(key), value: null });
  }

  /** Record a write (shared with write() of a child, whose entries are already private copies). */
  put(bin: string, entry: DirtyEntry): void {
    this.writes++;
    // One hash lookup instead of has() + set(): a new key is one that grew the map.
    const size = this.dirty.size;
    this.dirty.set(bin, entry);
    if (this.dirty.size !== size) this.pending.push(bin);
  }

  /** Dirty keys in byte order. The returned array is never mutated afterwards (iterators keep it). */
  sortedKeys(): readonly string[] {
    if (this.pending.length > 0) {
      const fresh = this.pending.sort();
      this.sorted = this.sorted.length === 0 ? fresh : mergeSorted(this.sorted, fresh);
      this.pending = [];
    }
    return this.sorted;
  }

  /** Move every pending write into `target` (the parent's cache of the same store) and reset. */
  flushInto(target: CacheKV): void {
    if (this.dirty.size === 0) return;
    if (target.dirty.size === 0) {
      // The target has nothing pending (so no sorted or pending keys either): hand over the map and
      // key lists instead of re-putting every entry; the result is the same map, in the same
      // first-write order. This cache takes the target's empty map. Iterators of either cache read
      // `dirty` afresh on each step, and the key arrays they hold are never mutated, so they see
      // exactly what entry-by-entry puts would have shown them.
      const empty = target.dirty;
      target.dirty = this.dirty;
      target.sorted = this.sorted;
      target.pending = this.pending;
      target.writes += this.dirty.size;
      this.dirty = empty;
      this.sorted = [];
      this.pending = [];
      return;
    }
    for (const [bin, e] of this.dirty) target.put(bin, e);
    this.dirty.clear();
    this.sorted = [];
    this.pending = [];
  }

  *iterate(start?: Uint8Array, end?: Uint8Array, reverse = false): IterableIterator<[Uint8Array, Uint8Array]> {
    const startBin = start === undefined ? undefined : toBin(start);
    const endBin = end === undefined ? undefined : toBin(end);
    if (startBin !== undefined && endBin !== undefined && startBin >= endBin) return;
    const it = this.entries(start, startBin, end, endBin, reverse);
    try {
      for (let r = it.next(); !r.done; r = it.next()) yield [r.value.key, r.value.value];
    } finally {
      it.return?.(undefined);
    }
  }

  /**
   * Merge of this cache's dirty keys with the parent's entries. The key set is the dirty keys present
   * when iteration starts plus the parent's keys; each emitted value is the key's value in this cache
   * at the moment it is emitted (deleted keys are skipped). So writing to the cache while iterating
   * is allowed and deterministic, e.g. updating or deleting each key as it is visited.
   */
  *entries(start: Uint8Array | undefined, startBin: string | undefined, end: Uint8Array | undefined, endBin: string | undefined, reverse: boolean): Generator<Entry> {
    const keys = this.sortedKeys();
    const lo = startBin === undefined ? 0 : lowerBound(keys, startBin);
    const hi = endBin === undefined ? keys.length : lowerBound(keys, endBin);
    const step = reverse ? -1 : 1;
    let i = reverse ? hi - 1 : lo;
    const parentIt = this.parent.entries(start, startBin, end, endBin, reverse);
    try {
      let p = parentIt.next();
      for (;;) {
        const hasDirty = reverse ? i >= lo : i < hi;
        if (p.done === true && !hasDirty) return;
        const d = hasDirty ? keys[i] : undefined;
        const pe = p.done === true ? undefined : p.value;
        if (pe !== undefined && (d === undefined || (reverse ? pe.bin > d : pe.bin < d))) {
          // The parent's key comes first and was not dirty at the start: emit it unless written since.
          p = parentIt.next();
          const live = this.dirty.get(pe.bin);
          if (live === undefined) yield pe;
          else if (live.value !== null) yield { bin: pe.bin, key: live.key, value: live.value };
          continue;
        }
        // A dirty key comes first (the parent may hold the same key: it is shadowed).
        const bin = d as string;
        i += step;
        let shadowed: Entry | undefined;
        if (pe !== undefined && pe.bin === bin) {
          shadowed = pe;
          p = parentIt.next();
        }
        const live = this.dirty.get(bin);
        if (live !== undefined) {
          if (live.value !== null) yield { bin, key: live.key, value: live.value };
        } else if (shadowed !== undefined) {
          // Flushed to the parent by write() mid-iteration: the parent's entry is what remains here.
          yield shadowed;
        }
      }
    } finally {
      parentIt.return?.();
    }
  }
}

/** How a top-level branch reaches committed state. Implemented by the CommitMultiStore. */
export interface BranchRoot {
  /** A reader of `store` as committed at `height`; throws StoreError 'unknown_store'. */
  rootLayer(store: string, height: number): Layer;
}

export class Branch implements CacheMultiStore {
  readonly root: BranchRoot;
  readonly parent: Branch | null;
  /** The committed height this branch (ultimately) reads from. */
  readonly baseHeight: number;
  private readonly kvs = new Map<string, CacheKV>();

  constructor(root: BranchRoot, parent: Branch | null, baseHeight: number) {
    this.root = root;
    this.parent = parent;
    this.baseHeight = baseHeight;
  }

  getStore(name: string): CacheKV {
    let kv = this.kvs.get(name);
    if (kv === undefined) {
      kv = new CacheKV(this.parent !== null ? this.parent.getStore(name) : this.root.rootLayer(name, this.baseHeight));
      this.kvs.set(name, kv);
    }
    return kv;
  }

  branch(): Branch {
    return new Branch(this.root, this, this.baseHeight);
  }

  write(): void {
    if (this.parent === null)
      throw new StoreError('invalid_branch', 'a top-level branch has no parent cache: commit it with CommitMultiStore.commit(height, cache)');
    for (const [name, kv] of this.kvs) kv.flushInto(this.parent.getStore(name));
  }

  /** Changes whenever a write lands in this branch (used to reuse a prepared commit). */
  version(): number {
    let v = this.kvs.size;
    for (const kv of this.kvs.values()) v += kv.writes;
    return v;
  }

  /** The per-store caches this branch has opened (commit reads their dirty maps). */
  touchedStores(): ReadonlyMap<string, CacheKV> {
    return this.kvs;
  }
}
