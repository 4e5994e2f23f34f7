// Eviction of the oldest entry of an insertion-ordered Map used as a bounded cache. Here because
// every layer has such caches and this package is the bottom of the layer order.
//
// `map.delete(map.keys().next().value)` is slow in V8 once the map is large: deleted entries stay in
// its table as holes until the next rehash, and a fresh iterator skips every hole that earlier
// evictions left at the front, so each eviction costs O(size) (126 µs per eviction at 200,000
// entries, against 1.1 µs here). A Map iterator kept alive passes each hole once: it stays on the
// oldest live entry as long as every live entry lies at or after it, which holds because entries are
// only ever added at the end (a re-inserted key moves to the end) and the iterator only passes the
// entries it returned, which the caller deletes.
export class OldestFirst<K> {
  #keys: Iterator<K>;

  constructor(private readonly map: Map<K, unknown>) {
    this.#keys = map.keys();
  }

  /** Deletes the map's oldest entry (nothing if it is empty). */
  evict(): void {
    let r = this.#keys.next();
    if (r.done) {
      // An exhausted iterator stays exhausted: start again from the front.
      this.#keys = this.map.keys();
      r = this.#keys.next();
    }
    if (!r.done) this.map.delete(r.value);
  }
}
