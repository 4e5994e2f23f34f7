import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentSet } from '../src/util/recent-set.js';

/** The obvious LRU: a Map in touch order. */
class ModelLru {
  readonly m = new Map<string, true>();
  constructor(private readonly cap: number) {}
  touch(k: string) {
    this.m.delete(k);
    this.m.set(k, true);
    while (this.m.size > this.cap) this.m.delete(this.m.keys().next().value!);
  }
}

test('RecentSet drops the least recently touched, like a Map-ordered LRU, across compactions', () => {
  for (const cap of [1, 3, 50]) {
    const set = new RecentSet(cap);
    const model = new ModelLru(cap);
    // A deterministic mix of new keys, re-touches and deletions, long enough to compact many times.
    let x = 12345;
    for (let i = 0; i < 20_000; i++) {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      const k = `k${x % (cap * 3 + 7)}`;
      if (x % 5 === 0) {
        set.delete(k);
        model.m.delete(k);
      } else {
        set.touch(k);
        model.touch(k);
      }
      assert.equal(set.size, model.m.size);
    }
    for (let i = 0; i < cap * 3 + 7; i++) assert.equal(set.has(`k${i}`), model.m.has(`k${i}`), `cap ${cap} key k${i}`);
  }
});

test('RecentSet: a re-touched key outlives keys touched after it first', () => {
  const s = new RecentSet(2);
  s.touch('a');
  s.touch('b');
  s.touch('a');
  s.touch('c'); // drops b, not a
  assert.deepEqual(['a', 'b', 'c'].map((k) => s.has(k)), [true, false, true]);
});
