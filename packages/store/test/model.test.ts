// Randomised comparison against a trivial model: nested branches with writes, deletes, discards and
// flushes, iteration with random bounds in both directions, commits, reads at past heights. Both
// backends run the same operation stream in lockstep and must agree on every app hash, which must
// also equal a from-scratch recomputation over the full state.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { recomputeAppHash, type CacheMultiStore, type CommitMultiStore, type KVReader } from '../src/index.js';
import { harness, hex } from './helpers.js';

const STORES = ['s1', 's2'];
const ALPHABET = [0x00, 0x01, 0x61, 0x62, 0xff];

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

type State = Map<string, Map<string, string>>; // store → bin key → bin value
const bin = (u: Uint8Array): string => Buffer.from(u).toString('latin1');
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const clone = (s: State): State => new Map([...s].map(([k, m]) => [k, new Map(m)]));

function expected(m: Map<string, string>, start: string | undefined, end: string | undefined, reverse: boolean): string[] {
  const keys = [...m.keys()].filter((k) => (start === undefined || k >= start) && (end === undefined || k < end)).sort();
  if (reverse) keys.reverse();
  return keys.map((k) => `${k}=${m.get(k)}`);
}

function actual(r: KVReader, start: string | undefined, end: string | undefined, reverse: boolean): string[] {
  const out: string[] = [];
  for (const [k, v] of r.iterate(start === undefined ? undefined : bytes(start), end === undefined ? undefined : bytes(end), reverse)) out.push(`${bin(k)}=${bin(v)}`);
  return out;
}

describe('randomised model check (memory and lmdb in lockstep)', () => {
  const mem = harness('memory');
  const disk = harness('lmdb');
  after(() => disk.cleanup());

  for (const keepRecent of [0, 4]) {
    it(`matches the model${keepRecent ? ` with keepRecent=${keepRecent}` : ''}`, async () => {
      const rand = rng(Number(process.env.STORE_MODEL_SEED ?? 1234) + keepRecent);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
      const randKey = (): string => {
        const n = 1 + Math.floor(rand() * 3);
        let s = '';
        for (let i = 0; i < n; i++) s += String.fromCharCode(pick(ALPHABET));
        return s;
      };
      const randBound = (): string | undefined => (rand() < 0.3 ? undefined : randKey());
      const stores: CommitMultiStore[] = [await mem.open(STORES, { keepRecent }), await disk.open(STORES, { keepRecent })];
      let committed: State = new Map(STORES.map((s) => [s, new Map()]));
      const history: State[] = [clone(committed)];

      for (let height = 1; height <= 40; height++) {
        // A stack of branches per backend plus the model's view of each level.
        const stacks: CacheMultiStore[][] = stores.map((s) => [s.branch()]);
        const views: State[] = [clone(committed)];
        for (let op = 0; op < 60; op++) {
          const r = rand();
          const depth = views.length - 1;
          const store = pick(STORES);
          const view = views[depth].get(store)!;
          if (r < 0.35) {
            const k = randKey();
            const v = rand() < 0.1 ? '' : `v${height}.${op}`;
            for (const st of stacks) st[depth].getStore(store).set(bytes(k), bytes(v));
            view.set(k, v);
          } else if (r < 0.5) {
            const k = randKey();
            for (const st of stacks) st[depth].getStore(store).delete(bytes(k));
            view.delete(k);
          } else if (r < 0.62) {
            const k = randKey();
            for (const st of stacks) assert.equal(st[depth].getStore(store).get(bytes(k)) === undefined ? undefined : bin(st[depth].getStore(store).get(bytes(k))!), view.get(k));
          } else if (r < 0.8) {
            let start = randBound();
            let end = randBound();
            if (start !== undefined && end !== undefined && start > end) [start, end] = [end, start];
            const reverse = rand() < 0.5;
            const want = expected(view, start, end, reverse);
            for (const st of stacks) assert.deepEqual(actual(st[depth].getStore(store), start, end, reverse), want);
          } else if (r < 0.88 && depth < 3) {
            for (const st of stacks) st.push(st[depth].branch());
            views.push(clone(views[depth]));
          } else if (r < 0.95 && depth > 0) {
            for (const st of stacks) st.pop()!.write();
            views[depth - 1] = views.pop()!;
          } else if (depth > 0) {
            for (const st of stacks) st.pop(); // discard
            views.pop();
          }
        }
        // Unwind: the remaining nested branches are written.
        while (views.length > 1) {
          for (const st of stacks) st.pop()!.write();
          views[views.length - 2] = views.pop()!;
        }
        const results = await Promise.all(stores.map((s, i) => s.commit(height, stacks[i][0])));
        assert.equal(hex(results[0].appHash), hex(results[1].appHash), `app hash at ${height}`);
        committed = views[0];
        history.push(clone(committed));
        assert.equal(hex(recomputeAppHash(stores[1].readerAt(height), STORES)), hex(results[1].appHash));

        // Past heights still read exactly as they were.
        for (const s of stores) {
          assert.equal(s.earliestHeight(), keepRecent ? Math.max(1, height - keepRecent + 1) : 1);
          for (let probe = 0; probe < 8; probe++) {
            const past = s.earliestHeight() + Math.floor(rand() * (height - s.earliestHeight() + 1));
            const store = pick(STORES);
            const m = history[past].get(store)!;
            let start = randBound();
            let end = randBound();
            if (start !== undefined && end !== undefined && start > end) [start, end] = [end, start];
            const reverse = rand() < 0.5;
            const reader = s.readerAt(past).getStore(store);
            assert.deepEqual(actual(reader, start, end, reverse), expected(m, start, end, reverse), `height ${past} of ${height}`);
            const k = randKey();
            const got = reader.get(bytes(k));
            assert.equal(got === undefined ? undefined : bin(got), m.get(k));
          }
          assert.equal(hex(recomputeAppHash(s.readerAt(s.earliestHeight()), STORES)), hex(s.appHashAt(s.earliestHeight())!));
        }
      }
      for (const s of stores) await s.close();
    });
  }
});
