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
        map.delete(k);
        map.set(k, i);
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
