// A bounded set of recently touched strings, the least recently touched dropped first (the mempool's
// cache of seen tx hashes, as CometBFT's LRU). A Map used as that queue (delete + set to touch,
// delete keys().next() to evict) is slow in V8: deleted entries stay as holes at the front of the
// table until it is rehashed, and every eviction scans past them. Here the Map only answers
// membership, and a separate queue of (key, stamp) gives the order; an entry whose stamp no longer
// matches was touched again or deleted since, and is skipped.
export class RecentSet {
  private readonly stamps = new Map<string, number>();
  private keys: string[] = [];
  private keyStamps: number[] = [];
  /** Index of the oldest queue entry still to look at. */
  private head = 0;
  private clock = 0;

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.stamps.size;
  }

  has(key: string): boolean {
    return this.stamps.has(key);
  }

  delete(key: string): void {
    this.stamps.delete(key);
  }

  /** Adds `key` (or marks it as just used), dropping the least recently touched beyond capacity. */
  touch(key: string): void {
    const stamp = this.clock++;
    this.stamps.set(key, stamp);
    this.keys.push(key);
    this.keyStamps.push(stamp);
    while (this.stamps.size > this.capacity) {
      const k = this.keys[this.head]!;
      if (this.stamps.get(k) === this.keyStamps[this.head]) this.stamps.delete(k);
      this.head++;
    }
    // Stale queue entries (touched again, deleted, evicted) are dropped in bulk, so the queue stays
    // within a few times the capacity and each touch costs O(1) amortised.
    if (this.keys.length - this.head > 2 * this.capacity + 1024 || this.head > this.capacity + 1024) this.compact();
  }

  private compact(): void {
    const keys: string[] = [];
    const stamps: number[] = [];
    for (let i = this.head; i < this.keys.length; i++) {
      const k = this.keys[i]!;
      if (this.stamps.get(k) === this.keyStamps[i]) {
        keys.push(k);
        stamps.push(this.keyStamps[i]!);
      }
    }
    this.keys = keys;
    this.keyStamps = stamps;
    this.head = 0;
  }
}
