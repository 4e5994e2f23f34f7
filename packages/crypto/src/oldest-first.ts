// Eviction of the oldest entry of an insertion-ordered Map used as a bounded cache. Here because
// every layer has such caches and this package is the bottom of the layer order.
//
// Two V8 behaviours rule out the obvious ways:
//  - `map.delete(map.keys().next().value)` gets slow once the map is large: deleted entries stay in
//    its table as holes until the next rehash, and a fresh iterator skips every hole that earlier
//    evictions left at the front, so each eviction costs O(size) (126 µs at 200,000 entries).
//  - A Map iterator kept alive between evictions (this class until session 10) avoids that, but
//    pins the table it was made on: when the map rehashes, the old table links to the new one and
//    keeps its entries until the iterator next moves. A cache that inserts and deletes without
//    evicting (decoded txs are deleted once in a block) rehashed again and again under an idle
//    iterator, and every old table kept its decoded txs: ≈ 5 KB of live heap per transaction, for
//    good, with major GCs marking ever more.
// So the order is kept on the side: a queue of keys in insertion order, with a count of each key's
// occurrences in it. A key's last occurrence is its place in the map; earlier ones (before a
// re-insertion) and keys the owner deleted are skipped when they reach the front. The queue is
// rebuilt from the map when stale entries make up most of it, so it stays O(size).
export class OldestFirst<K, V> {
  #queue: K[] = [];
  #head = 0;
  /** How often each key occurs in #queue from #head on. */
  #occurrences = new Map<K, number>();

  /** Entries already in `map` are taken in its order; later insertions must go through set(). */
  constructor(private readonly map: Map<K, V>) {
    if (map.size > 0) this.#rebuild();
  }

  /** map.set(key, value) as the newest entry (an existing key moves to the end). */
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    this.#queue.push(key);
    this.#occurrences.set(key, (this.#occurrences.get(key) ?? 0) + 1);
    if (this.#queue.length - this.#head > 2 * this.map.size + 64) this.#rebuild();
  }

  /** Deletes the map's oldest entry (nothing if it is empty). */
  evict(): void {
    const queue = this.#queue;
    while (this.#head < queue.length) {
      const key = queue[this.#head]!;
      queue[this.#head] = undefined as K; // let the key go
      this.#head++;
      const left = this.#occurrences.get(key)! - 1;
      if (left > 0) {
        this.#occurrences.set(key, left); // a later occurrence is its place
        continue;
      }
      this.#occurrences.delete(key);
      if (this.map.delete(key)) {
        this.#trim();
        return;
      }
    }
    // Entries set on the map directly (not through set(), a misuse) are not in the queue: start
    // again from the map's order.
    if (this.map.size > 0) {
      this.#rebuild();
      this.evict();
    }
  }

  /** The queue from the map's own order: one occurrence per key. */
  #rebuild(): void {
    this.#queue = [...this.map.keys()];
    this.#head = 0;
    this.#occurrences = new Map();
    for (const k of this.#queue) this.#occurrences.set(k, 1);
  }

  /** Keys queued (live and stale), for tests: stays O(map size) whatever the owner does. */
  get queued(): number {
    return this.#queue.length - this.#head;
  }

  /** Drops the consumed front of the queue once it is most of it. */
  #trim(): void {
    if (this.#head > 1024 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
  }
}
