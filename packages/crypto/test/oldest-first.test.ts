import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OldestFirst } from '../src/index.js';

test('OldestFirst evicts in insertion order across deletions, re-insertions and emptying', () => {
  for (const cap of [1, 4, 40]) {
    const map = new Map<string, number>();
    const oldest = new OldestFirst(map);
    const model = new Map<string, number>();
    let x = 99;
    for (let i = 0; i < 30_000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const k = `k${x % (cap * 2 + 5)}`;
      if (x % 11 === 0) {
        map.delete(k);
        model.delete(k);
      } else if (x % 97 === 0) {
        map.clear();
        model.clear();
      } else {
        // An LRU touch: move to the newest position, then bound the size.
        oldest.set(k, i);
        model.delete(k);
        model.set(k, i);
        while (map.size > cap) oldest.evict();
        while (model.size > cap) model.delete(model.keys().next().value!);
      }
      assert.deepEqual([...map.keys()], [...model.keys()]);
    }
  }
  const empty = new OldestFirst(new Map());
  empty.evict(); // nothing to do, no throw
});

test('OldestFirst keeps its queue O(map size) when the owner inserts and deletes without evicting', () => {
  // The decoded-tx cache's pattern: every entry is deleted by its owner before the bound is reached.
  // (A Map iterator kept for eviction pinned every table the map rehashed to meanwhile, with its
  // entries: a leak. The side queue must not grow instead.)
  const map = new Map<number, Uint8Array>();
  const oldest = new OldestFirst(map);
  for (let i = 0; i < 200_000; i++) {
    oldest.set(i, new Uint8Array(8));
    if (i >= 100) map.delete(i - 100);
    assert.ok(oldest.queued <= 2 * (map.size + 1) + 64, `queue ${oldest.queued} for ${map.size} entries at ${i}`);
  }
  // Eviction still finds the oldest live entry after all that churn.
  oldest.evict();
  assert.equal(map.has(199_900), false);
  assert.equal(map.size, 99);
});

test('OldestFirst takes the entries a map already holds in its order', () => {
  const map = new Map<string, number>([
    ['a', 1],
    ['b', 2],
  ]);
  const oldest = new OldestFirst(map);
  oldest.set('c', 3);
  oldest.evict();
  assert.deepEqual([...map.keys()], ['b', 'c']);
  oldest.evict();
  oldest.evict();
  assert.equal(map.size, 0);
});
