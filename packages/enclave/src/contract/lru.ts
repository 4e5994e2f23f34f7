// A small LRU map for the enclave's per-call caches (state ciphers, verified contract keys, shared
// secrets of client keys): bounded, insertion-ordered Map with refresh on hit.
import { OldestFirst } from '@scrtd/crypto';
export class Lru<K, V> {
  readonly #map = new Map<K, V>();
  readonly #oldest = new OldestFirst(this.#map);
  /** The most recent key: a hit on it needs no reordering (the common case: one hot entry). */
  #newest: K | undefined;
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined && key !== this.#newest) {
      this.#oldest.set(key, v);
      this.#newest = key;
    }
    return v;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    if (this.#map.size >= this.capacity) this.#oldest.evict();
    this.#oldest.set(key, value);
    this.#newest = key;
  }
}

/**
 * A bounded cache in two generations: when the young one is full it becomes the old one (the
 * previous old one is dropped), and a hit in the old one moves back to the young. Used where
 * entries are many and cheap to recompute: evicting one by one from the front of a big Map makes V8
 * skip ever more deleted entries.
 */
export class GenerationCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  constructor(readonly generationSize: number) {}

  get(key: K): V | undefined {
    const v = this.#young.get(key);
    if (v !== undefined) return v;
    const o = this.#old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: K, value: V): void {
    if (this.#young.size >= this.generationSize) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }
}
