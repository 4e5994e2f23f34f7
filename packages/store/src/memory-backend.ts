// In-memory backend: the same versioned semantics as the LMDB backend, for unit tests of other
// packages. Every key keeps its list of versions; "latest" is simply the last one, so iterators are
// snapshots by construction (they read versions at a fixed height). Not meant for large states: the
// sorted key list is rebuilt after a commit that adds keys.

import type { Backend, BlockWrite, Entry, Prior } from './backend.js';
import type { PackedKeys } from './types.js';
import { encodeKeyBatches, groupPostings } from './aux-writer-format.js';
import { fromBin, lowerBound, toBin } from './bytes.js';

interface Versions {
  key: Uint8Array;
  heights: number[];
  values: Array<Uint8Array | null>;
}

interface MemStore {
  keys: Map<string, Versions>;
  /** Every key with at least one version, sorted; null = needs rebuilding. */
  sorted: string[] | null;
}

function copy(v: Uint8Array): Uint8Array {
  return new Uint8Array(v);
}

/** Index of the newest version at or below `height`, or -1. */
function versionAt(v: Versions, height: number): number {
  let lo = 0;
  let hi = v.heights.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v.heights[mid] <= height) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export class MemoryBackend implements Backend {
  private latest = 0;
  private pruned = 0;
  private readonly stores = new Map<string, MemStore>();
  private readonly lattices = new Map<string, Uint8Array>();
  private readonly hashes = new Map<number, Uint8Array>();
  /** Per height: the keys changed, per store (drives pruning, like the LMDB changelog). */
  private readonly changes = new Map<number, Array<[string, string[]]>>();
  private readonly auxMap = new Map<string, Uint8Array>();
  private auxSorted: string[] | null = null;

  private store(name: string): MemStore {
    let s = this.stores.get(name);
    if (s === undefined) {
      s = { keys: new Map(), sorted: [] };
      this.stores.set(name, s);
    }
    return s;
  }

  latestHeight(): number {
    return this.latest;
  }
  prunedThrough(): number {
    return this.pruned;
  }
  lattice(store: string): Uint8Array | undefined {
    const l = this.lattices.get(store);
    return l === undefined ? undefined : copy(l);
  }
  appHashAt(height: number): Uint8Array | undefined {
    const h = this.hashes.get(height);
    return h === undefined ? undefined : copy(h);
  }

  getLatest(store: string, key: Uint8Array): Uint8Array | undefined {
    return this.getAt(store, key, this.latest);
  }

  hasLatest(store: string, key: Uint8Array): boolean {
    return this.getLatest(store, key) !== undefined;
  }

  readPrior(store: string, key: Uint8Array): Prior {
    return { value: this.getLatest(store, key), token: undefined };
  }

  getAt(store: string, key: Uint8Array, height: number): Uint8Array | undefined {
    const v = this.stores.get(store)?.keys.get(toBin(key));
    if (v === undefined) return undefined;
    const i = versionAt(v, height);
    if (i < 0) return undefined;
    const value = v.values[i];
    return value === null ? undefined : copy(value);
  }

  iterateLatest(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): Iterator<Entry> {
    return this.iterateAt(store, start, end, reverse, this.latest);
  }

  *iterateAt(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean, height: number): Generator<Entry> {
    const s = this.stores.get(store);
    if (s === undefined) return;
    if (s.sorted === null) s.sorted = [...s.keys.keys()].sort();
    const keys = s.sorted;
    const map = s.keys;
    const lo = start === undefined ? 0 : lowerBound(keys, toBin(start));
    const hi = end === undefined ? keys.length : lowerBound(keys, toBin(end));
    for (let n = 0; n < hi - lo; n++) {
      const bin = keys[reverse ? hi - 1 - n : lo + n];
      const v = map.get(bin);
      if (v === undefined) continue; // pruned away since the iterator started
      const i = versionAt(v, height);
      if (i < 0) continue;
      const value = v.values[i];
      if (value !== null) yield { bin, key: copy(v.key), value: copy(value) };
    }
  }

  auxGet(key: Uint8Array): Uint8Array | undefined {
    const v = this.auxMap.get(toBin(key));
    return v === undefined ? undefined : copy(v);
  }

  *auxIterate(start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): Generator<Entry> {
    if (this.auxSorted === null) this.auxSorted = [...this.auxMap.keys()].sort();
    const keys = this.auxSorted;
    const lo = start === undefined ? 0 : lowerBound(keys, toBin(start));
    const hi = end === undefined ? keys.length : lowerBound(keys, toBin(end));
    for (let n = 0; n < hi - lo; n++) {
      const bin = keys[reverse ? hi - 1 - n : lo + n];
      const v = this.auxMap.get(bin);
      if (v !== undefined) yield { bin, key: fromBin(bin), value: copy(v) };
    }
  }

  private auxApply(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): void {
    for (const [k, v] of entries) {
      const bin = toBin(k);
      if (v === null) {
        if (this.auxMap.delete(bin)) this.auxSorted = null;
      } else {
        if (!this.auxMap.has(bin)) this.auxSorted = null;
        this.auxMap.set(bin, copy(v));
      }
    }
  }

  /** Nothing is slow here: applied at once (the promise still settles later, as on disk). */
  auxWriteDeferred(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void> {
    this.auxApply(entries);
    return Promise.resolve();
  }

  auxWriteDeferredPostings(batches: readonly PackedKeys[], suffixBytes: number): Promise<void> {
    const entries: [Uint8Array, Uint8Array][] = [];
    const { buf, ends } = encodeKeyBatches(batches);
    groupPostings(new Uint8Array(buf), ends, suffixBytes, (k, v) => entries.push([k, v]));
    return this.auxWriteDeferred(entries);
  }

  writeBlock(block: BlockWrite): void {
    // Nothing below can throw on valid input (the CommitMultiStore validated it), which is what makes
    // this all-or-nothing.
    const h = block.height;
    const changed: Array<[string, string[]]> = [];
    for (const sw of block.stores) {
      const s = this.store(sw.name);
      const bins: string[] = [];
      for (const { key, value } of sw.changes) {
        const bin = toBin(key);
        bins.push(bin);
        let v = s.keys.get(bin);
        if (v === undefined) {
          v = { key: copy(key), heights: [], values: [] };
          s.keys.set(bin, v);
          s.sorted = null;
        }
        v.heights.push(h);
        v.values.push(value === null ? null : copy(value));
      }
      changed.push([sw.name, bins]);
      this.lattices.set(sw.name, copy(sw.lattice));
    }
    this.changes.set(h, changed);
    this.auxApply(block.aux);
    this.hashes.set(h, copy(block.appHash));
    this.latest = h;
    this.prune(block.pruneThrough);
  }

  /** See BlockWrite.pruneThrough: a version superseded at height p <= target is dropped. */
  private prune(target: number): void {
    const limit = Math.min(target, this.latest);
    for (let p = this.pruned + 1; p <= limit; p++) {
      for (const [name, bins] of this.changes.get(p) ?? []) {
        const s = this.stores.get(name);
        if (s === undefined) continue;
        for (const bin of bins) {
          const v = s.keys.get(bin);
          if (v === undefined) continue;
          const i = versionAt(v, p);
          // Versions before index i (all older than p) are superseded by the one written at p.
          let from = i;
          if (i >= 0 && v.heights[i] === p && v.values[i] === null) from = i + 1; // tombstone at p
          if (from > 0) {
            v.heights.splice(0, from);
            v.values.splice(0, from);
          }
          if (v.heights.length === 0) {
            s.keys.delete(bin);
            s.sorted = null;
          }
        }
      }
      this.changes.delete(p);
      if (p > 1) this.hashes.delete(p - 1);
      this.pruned = p;
    }
  }

  async durable(): Promise<void> {}
  async close(): Promise<void> {}
}
