// A small LRU map for the enclave's per-call caches (state ciphers, verified contract keys, shared
// secrets of client keys): bounded, insertion-ordered Map with refresh on hit.
export class Lru<K, V> {
  readonly #map = new Map<K, V>();
  /** The most recent key: a hit on it needs no reordering (the common case: one hot entry). */
  #newest: K | undefined;
  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const v = this.#map.get(key);
    if (v !== undefined && key !== this.#newest) {
      this.#map.delete(key);
      this.#map.set(key, v);
      this.#newest = key;
    }
    return v;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    if (this.#map.size >= this.capacity) this.#map.delete(this.#map.keys().next().value as K);
    this.#map.set(key, value);
    this.#newest = key;
  }
}
