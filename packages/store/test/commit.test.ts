// CommitMultiStore: heights, versioned reads, app hash, aux records, staleness, atomicity, reopen,
// pruning, errors.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_KEY_BYTES, StoreError, type CommitMultiStore } from '../src/index.js';
import { b, dump, harness, hex, KINDS, str } from './helpers.js';

/** Keys back to back, as AuxStore's packed writes take them. */
function packed(...keys: string[]): { bytes: Uint8Array; ends: number[] } {
  const bytes = b(keys.join(''));
  const ends: number[] = [];
  let end = 0;
  for (const k of keys) ends.push((end += k.length));
  return { bytes, ends };
}

const isCode = (code: string) => (e: unknown) => e instanceof StoreError && e.code === code;

async function commitWrites(cms: CommitMultiStore, writes: Array<[string, string, string | null]>): Promise<Uint8Array> {
  const c = cms.branch();
  for (const [store, k, v] of writes) {
    if (v === null) c.getStore(store).delete(b(k));
    else c.getStore(store).set(b(k), b(v));
  }
  return (await cms.commit(cms.latestHeight() + 1, c)).appHash;
}

for (const kind of KINDS) {
  describe(`commit multistore (${kind})`, () => {
    const h = harness(kind);
    after(() => h.cleanup());

    it('starts empty at height 0 with the empty-state hash', async () => {
      const cms = await h.open(['bank', 'acc']);
      assert.equal(cms.latestHeight(), 0);
      assert.equal(cms.earliestHeight(), 0);
      assert.equal(cms.latestAppHash().length, 32);
      assert.deepEqual(cms.appHashAt(0), cms.latestAppHash());
      assert.deepEqual(cms.storeNames, ['bank', 'acc']);
      assert.deepEqual(dump(cms.readerAt(0).getStore('bank')), []);
      assert.throws(() => cms.readerAt(1), isCode('height_not_available'));
      await cms.close();
    });

    it('versioned reads: a value stays readable at its height after overwrite and delete', async () => {
      const cms = await h.open(['bank']);
      await commitWrites(cms, [['bank', 'k', 'v1'], ['bank', 'other', 'o']]);
      await commitWrites(cms, [['bank', 'k', 'v2']]);
      await commitWrites(cms, [['bank', 'k', null]]);
      await commitWrites(cms, [['bank', 'z', 'zz']]);
      assert.equal(cms.latestHeight(), 4);
      assert.equal(cms.earliestHeight(), 1);
      assert.equal(str(cms.readerAt(1).getStore('bank').get(b('k'))), 'v1');
      assert.equal(str(cms.readerAt(2).getStore('bank').get(b('k'))), 'v2');
      assert.equal(cms.readerAt(3).getStore('bank').get(b('k')), undefined);
      assert.equal(cms.readerAt(3).getStore('bank').has(b('k')), false);
      assert.equal(cms.readerAt(4).getStore('bank').get(b('k')), undefined);
      assert.deepEqual(dump(cms.readerAt(1).getStore('bank')), ['k=v1', 'other=o']);
      assert.deepEqual(dump(cms.readerAt(2).getStore('bank'), undefined, undefined, true), ['other=o', 'k=v2']);
      assert.deepEqual(dump(cms.readerAt(3).getStore('bank')), ['other=o']);
      assert.deepEqual(dump(cms.readerAt(4).getStore('bank'), 'l'), ['other=o', 'z=zz']);
      assert.deepEqual(dump(cms.readerAt(4).getStore('bank'), 'l', 'z', true), ['other=o']);
      assert.throws(() => cms.readerAt(5), isCode('height_not_available'));
      assert.throws(() => cms.readerAt(-1), isCode('invalid_height'));
      assert.throws(() => cms.readerAt(1.5), isCode('invalid_height'));
      await cms.close();
    });

    it('a reader or branch keeps reading its own height after newer commits', async () => {
      const cms = await h.open(['bank']);
      await commitWrites(cms, [['bank', 'a', '1'], ['bank', 'b', '1']]);
      const reader = cms.readerAt(1).getStore('bank');
      const old = cms.branch();
      old.getStore('bank').set(b('c'), b('mine'));
      const it = reader.iterate();
      assert.deepEqual(it.next().value?.map(str), ['a', '1']);
      await commitWrites(cms, [['bank', 'a', '2'], ['bank', 'b', null], ['bank', 'aa', 'new']]);
      assert.deepEqual(it.next().value?.map(str), ['b', '1']); // the running iteration is a snapshot
      assert.equal(it.next().done, true);
      assert.equal(str(reader.get(b('a'))), '1');
      assert.deepEqual(dump(reader), ['a=1', 'b=1']);
      assert.deepEqual(dump(old.getStore('bank')), ['a=1', 'b=1', 'c=mine']);
      assert.deepEqual(dump(cms.branch().getStore('bank')), ['a=2', 'aa=new']);
      await cms.close();
    });

    it('commit heights: first is 1, then strictly latest+1', async () => {
      const cms = await h.open(['bank']);
      await assert.rejects(cms.commit(0, cms.branch()), isCode('invalid_height'));
      await assert.rejects(cms.commit(2, cms.branch()), isCode('invalid_height'));
      const r1 = await cms.commit(1, cms.branch());
      assert.equal(r1.height, 1);
      await assert.rejects(cms.commit(1, cms.branch()), isCode('invalid_height'));
      await assert.rejects(cms.commit(3, cms.branch()), isCode('invalid_height'));
      const r2 = await cms.commit(2, cms.branch());
      assert.equal(r2.height, 2);
      // Empty blocks keep the app hash.
      assert.deepEqual(r1.appHash, r2.appHash);
      assert.deepEqual(cms.appHashAt(1), r1.appHash);
      assert.deepEqual(cms.appHashAt(2), r2.appHash);
      assert.equal(cms.appHashAt(3), undefined);
      await cms.close();
    });

    it('workingHash: the app hash commit() will produce, tracking later writes', async () => {
      const cms = await h.open(['bank', 'acc']);
      await commitWrites(cms, [['bank', 'a', '1']]);
      const block = cms.branch();
      assert.equal(hex(cms.workingHash(block)), hex(cms.latestAppHash())); // nothing written yet
      block.getStore('bank').set(b('b'), b('2'));
      const w1 = cms.workingHash(block);
      assert.notEqual(hex(w1), hex(cms.latestAppHash()));
      const tx = block.branch();
      tx.getStore('acc').set(b('x'), b('X'));
      assert.equal(hex(cms.workingHash(block)), hex(w1)); // unflushed child writes do not count
      tx.write();
      const w2 = cms.workingHash(block);
      assert.notEqual(hex(w2), hex(w1));
      assert.equal(cms.latestHeight(), 1); // nothing was written
      const r = await cms.commit(2, block);
      assert.equal(hex(r.appHash), hex(w2));
      assert.throws(() => cms.workingHash(block), isCode('stale_branch'));
      assert.throws(() => cms.workingHash(cms.branch().branch()), isCode('invalid_branch'));
      await cms.close();
    });

    it('rejects a stale branch, a nested branch, a foreign branch', async () => {
      const cms = await h.open(['bank']);
      const other = await h.open(['bank']);
      const stale = cms.branch();
      stale.getStore('bank').set(b('x'), b('1'));
      const fresh = cms.branch();
      fresh.getStore('bank').set(b('y'), b('1'));
      await cms.commit(1, fresh);
      await assert.rejects(cms.commit(2, stale), isCode('stale_branch'));
      await assert.rejects(cms.commit(2, fresh), isCode('stale_branch')); // committed once already
      await assert.rejects(cms.commit(2, cms.branch().branch()), isCode('invalid_branch'));
      await assert.rejects(cms.commit(2, other.branch()), isCode('invalid_branch'));
      assert.equal(cms.latestHeight(), 1);
      assert.equal(cms.readerAt(1).getStore('bank').get(b('x')), undefined);
      await other.close();
      await cms.close();
    });

    it('app hash: order independent, state dependent, store dependent', async () => {
      const writes: Array<[string, string, string | null]> = [];
      for (let i = 0; i < 50; i++) writes.push([i % 3 === 0 ? 'acc' : 'bank', `key${i}`, `value${i}`]);
      const a = await h.open(['bank', 'acc']);
      const hA = await commitWrites(a, writes);
      const c = await h.open(['acc', 'bank']); // store declaration order does not matter either
      const hC = await commitWrites(c, [...writes].reverse());
      assert.equal(hex(hA), hex(hC));
      // The same writes spread over several blocks reach the same state hash.
      const d = await h.open(['bank', 'acc']);
      await commitWrites(d, writes.slice(0, 20));
      await commitWrites(d, writes.slice(20, 35));
      assert.equal(hex(await commitWrites(d, writes.slice(35))), hex(hA));
      // Different value, different key, different store: different hash.
      const e = await h.open(['bank', 'acc']);
      const other = writes.map((w) => [...w] as [string, string, string | null]);
      other[7][2] = 'value7!';
      assert.notEqual(hex(await commitWrites(e, other)), hex(hA));
      const f = await h.open(['bank', 'acc']);
      assert.notEqual(hex(await commitWrites(f, writes.map(([s, k, v]) => [s === 'acc' ? 'bank' : s, k, v]))), hex(hA));
      // Empty value differs from absent.
      const g = await h.open(['bank', 'acc']);
      const before = hex(g.latestAppHash());
      assert.notEqual(hex(await commitWrites(g, [['bank', 'k', '']])), before);
      for (const s of [a, c, d, e, f, g]) await s.close();
    });

    it('app hash: set then delete of a new key, and write of an unchanged value, change nothing', async () => {
      const cms = await h.open(['bank', 'acc']);
      const h1 = await commitWrites(cms, [['bank', 'a', '1'], ['acc', 'b', '2']]);
      // within one block
      assert.equal(hex(await commitWrites(cms, [['bank', 'new', 'x'], ['bank', 'new', null], ['bank', 'a', '1']])), hex(h1));
      // across blocks
      await commitWrites(cms, [['bank', 'tmp', 'x']]);
      assert.equal(hex(await commitWrites(cms, [['bank', 'tmp', null]])), hex(h1));
      // deleting everything returns to the empty-state hash
      const empty = await h.open(['bank', 'acc']);
      assert.equal(hex(await commitWrites(cms, [['bank', 'a', null], ['acc', 'b', null]])), hex(empty.latestAppHash()));
      await empty.close();
      await cms.close();
    });

    it('aux records: committed with the block, readable, deletable, outside the app hash', async () => {
      const cms = await h.open(['bank']);
      const plain = await h.open(['bank']);
      const c = cms.branch();
      c.getStore('bank').set(b('k'), b('v'));
      const r = await cms.commit(1, c, [
        [b('block/1'), b('header1')],
        [b('tx/aa'), b('tx1')],
        [b('tx/bb'), new Uint8Array(0)],
      ]);
      const c2 = plain.branch();
      c2.getStore('bank').set(b('k'), b('v'));
      assert.equal(hex(r.appHash), hex((await plain.commit(1, c2)).appHash));
      const aux = cms.aux();
      assert.equal(str(aux.get(b('block/1'))), 'header1');
      assert.equal(aux.get(b('tx/bb'))?.length, 0);
      assert.equal(aux.get(b('nope')), undefined);
      assert.deepEqual(dump(aux as never, 'tx/', 'tx0'), ['tx/aa=tx1', 'tx/bb=']);
      assert.deepEqual(dump(aux as never, undefined, undefined, true), ['tx/bb=', 'tx/aa=tx1', 'block/1=header1']);
      await cms.commit(2, cms.branch(), [
        [b('block/2'), b('header2')],
        [b('tx/aa'), null],
      ]);
      assert.deepEqual(dump(cms.aux() as never), ['block/1=header1', 'block/2=header2', 'tx/bb=']);
      await assert.rejects(cms.commit(3, cms.branch(), [[new Uint8Array(0), b('x')]]), isCode('invalid_key'));
      assert.equal(cms.latestHeight(), 2);
      await plain.close();
      await cms.close();
    });

    it('deferred aux writes: in call order after the blocks before them, outside the app hash, kept on reopen', async () => {
      let cms = await h.open(['bank']);
      await commitWrites(cms, [['bank', 'a', '1']]);
      const hash = cms.latestAppHash();
      const aux = cms.aux();
      const first = aux.writeDeferred([
        [b('ev/1'), b('x')],
        [b('ev/2'), b('y')],
      ]);
      const second = aux.writeDeferred([
        [b('ev/1'), null],
        [b('ev/3'), new Uint8Array(0)],
      ]);
      await Promise.all([first, second]);
      assert.deepEqual(dump(cms.aux() as never, 'ev/', 'ev0'), ['ev/2=y', 'ev/3=']);
      assert.equal(hex(cms.latestAppHash()), hex(hash));
      assert.equal(cms.latestHeight(), 1);
      // A bad key is refused whole: nothing of the call is written.
      await assert.rejects(aux.writeDeferred([[b('ev/4'), b('z')], [new Uint8Array(0), b('x')]]), isCode('invalid_key'));
      assert.equal(cms.aux().get(b('ev/4')), undefined);
      // One-shot iterators (read once, then queued) and re-iterable inputs (read twice) both work.
      await aux.writeDeferred((function* () {
        yield [b('ev/5'), b('g')] as const;
      })());
      await aux.writeDeferred({ *[Symbol.iterator]() { yield [b('ev/6'), b('i')] as const; } });
      assert.equal(str(cms.aux().get(b('ev/5'))), 'g');
      assert.equal(str(cms.aux().get(b('ev/6'))), 'i');
      await aux.writeDeferred([[b('ev/5'), null], [b('ev/6'), null]]);
      // Block commits and deferred writes interleave in call order.
      await commitWrites(cms, [['bank', 'a', '2']]);
      await cms.aux().writeDeferred([[b('ev/2'), b('after block 2')]]);
      cms = await h.reopen(cms, ['bank']);
      assert.deepEqual(dump(cms.aux() as never, 'ev/', 'ev0'), ['ev/2=after block 2', 'ev/3=']);
      assert.equal(cms.latestHeight(), 2);
      await cms.close();
    });

    it('writeDeferredPostings: keys equal but for their suffix become one entry listing the suffixes', async () => {
      const cms = await h.open(['bank']);
      await commitWrites(cms, [['bank', 'a', '1']]);
      const aux = cms.aux();
      // Read first: a read snapshot from before the write must not hide it once the promise settles.
      assert.equal(aux.get(b('po/x')), undefined);
      // Two batches (two txs) and an empty one, suffix 1: "po/x" gets 1, 2 and 3 in the order given;
      // "po/y" gets 2 and "po/w" 5, which the next call (in call order) deletes.
      const first = aux.writeDeferredPostings([packed('po/x1', 'po/y2'), packed(), packed('po/x2', 'po/w5'), packed('po/x3')], 1);
      const second = aux.writeDeferred([[b('po/w'), null]]);
      await Promise.all([first, second]);
      assert.deepEqual(dump(cms.aux() as never, 'po/', 'po0'), ['po/x=123', 'po/y=2']);
      // Written again: replaced, not appended.
      await aux.writeDeferredPostings([packed('po/y9')], 1);
      assert.equal(str(cms.aux().get(b('po/y'))), '9');
      // Refused whole: a key no longer than its suffix, a key past the limit, ends outside the
      // bytes, a bad suffix length.
      await assert.rejects(aux.writeDeferredPostings([packed('po/z1'), packed('p')], 1), isCode('invalid_key'));
      await assert.rejects(aux.writeDeferredPostings([packed('po/z1'), { bytes: b('po/z2'), ends: [5, 5] }], 1), isCode('invalid_key'));
      await assert.rejects(aux.writeDeferredPostings([{ bytes: new Uint8Array(MAX_KEY_BYTES + 1), ends: [MAX_KEY_BYTES + 1] }], 1), isCode('invalid_key'));
      await assert.rejects(aux.writeDeferredPostings([{ bytes: b('po/z3'), ends: [6] }], 1), isCode('invalid_key'));
      await assert.rejects(aux.writeDeferredPostings([packed('po/z1')], 0), isCode('invalid_value'));
      assert.equal(cms.aux().get(b('po/z')), undefined);
      // Nothing to write still settles.
      await aux.writeDeferredPostings([], 1);
      // Closing waits for the batches in flight: reopened, the store has them.
      const inFlight = aux.writeDeferredPostings([packed('po/v8')], 1);
      const reopened = await h.reopen(cms, ['bank']);
      await inFlight;
      assert.equal(str(reopened.aux().get(b('po/v'))), '8');
      await reopened.close();
      await assert.rejects(aux.writeDeferredPostings([packed('po/v7')], 1), isCode('closed'));
    });

    it('everything committed survives close and reopen', async () => {
      let cms = await h.open(['bank', 'acc']);
      await commitWrites(cms, [['bank', 'a', '1'], ['acc', 'x', 'X']]);
      const c = cms.branch();
      c.getStore('bank').set(b('a'), b('2'));
      const { appHash } = await cms.commit(2, c, [[b('meta'), b('m')]]);
      const uncommitted = cms.branch();
      uncommitted.getStore('bank').set(b('lost'), b('!'));
      cms = await h.reopen(cms, ['bank', 'acc']);
      assert.equal(cms.latestHeight(), 2);
      assert.equal(hex(cms.latestAppHash()), hex(appHash));
      assert.equal(str(cms.readerAt(1).getStore('bank').get(b('a'))), '1');
      assert.equal(str(cms.branch().getStore('bank').get(b('a'))), '2');
      assert.equal(cms.branch().getStore('bank').get(b('lost')), undefined);
      assert.equal(str(cms.aux().get(b('meta'))), 'm');
      // The lattice vectors came back too: the next commit hashes from them.
      const next = await commitWrites(cms, [['acc', 'y', 'Y']]);
      const fresh = await h.open(['bank', 'acc']);
      const ref = await commitWrites(fresh, [['bank', 'a', '2'], ['acc', 'x', 'X'], ['acc', 'y', 'Y']]);
      assert.equal(hex(next), hex(ref));
      await fresh.close();
      await cms.close();
    });

    it('after close everything throws closed', async () => {
      const cms = await h.open(['bank']);
      await commitWrites(cms, [['bank', 'a', '1']]);
      const branch = cms.branch();
      const reader = cms.readerAt(1).getStore('bank');
      await cms.close();
      await cms.close(); // idempotent
      assert.throws(() => cms.latestHeight(), isCode('closed'));
      assert.throws(() => cms.branch(), isCode('closed'));
      assert.throws(() => reader.get(b('a')), isCode('closed'));
      assert.throws(() => branch.getStore('bank').get(b('a')), isCode('closed'));
      assert.throws(() => [...reader.iterate()], isCode('closed'));
      await assert.rejects(cms.commit(2, branch), isCode('closed'));
    });

    it('keepRecent prunes old heights and keeps recent ones exact', async () => {
      const cms = await h.open(['bank'], { keepRecent: 3 });
      const expected: Array<Map<string, string>> = [new Map()];
      const state = new Map<string, string>();
      for (let height = 1; height <= 12; height++) {
        const writes: Array<[string, string, string | null]> = [];
        writes.push(['bank', 'counter', String(height)]);
        writes.push(['bank', `k${height % 4}`, `v${height}`]);
        if (height % 3 === 0) writes.push(['bank', `k${(height + 1) % 4}`, null]);
        if (height === 5) writes.push(['bank', 'gone', 'soon']);
        if (height === 6) writes.push(['bank', 'gone', null]);
        for (const [, k, v] of writes) {
          if (v === null) state.delete(k);
          else state.set(k, v);
        }
        await commitWrites(cms, writes);
        expected.push(new Map(state));
      }
      assert.equal(cms.latestHeight(), 12);
      assert.equal(cms.earliestHeight(), 10);
      assert.throws(() => cms.readerAt(9), isCode('height_not_available'));
      assert.equal(cms.appHashAt(9), undefined);
      for (let height = 10; height <= 12; height++) {
        const want = [...expected[height]].sort(([x], [y]) => (x < y ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
        assert.deepEqual(dump(cms.readerAt(height).getStore('bank')), want, `height ${height}`);
        assert.deepEqual(dump(cms.readerAt(height).getStore('bank'), undefined, undefined, true), [...want].reverse());
        assert.equal(cms.appHashAt(height)?.length, 32);
      }
      // A reader whose height gets pruned away fails loudly instead of reading wrong data.
      const r = cms.readerAt(10).getStore('bank');
      await commitWrites(cms, [['bank', 'counter', '13']]);
      assert.throws(() => r.get(b('counter')), isCode('height_not_available'));
      await cms.close();
    });

    it('pruning keeps what the retained heights need: values changed then deleted, re-created keys', async () => {
      const cms = await h.open(['bank'], { keepRecent: 2 });
      await commitWrites(cms, [['bank', 'k', 'v1'], ['bank', 'r', 'r1']]); // 1
      await commitWrites(cms, [['bank', 'k', 'v2'], ['bank', 'r', null]]); // 2
      await commitWrites(cms, [['bank', 'k', null], ['bank', 'r', 'r3']]); // 3: prunes through 2
      assert.equal(cms.earliestHeight(), 2);
      assert.equal(str(cms.readerAt(2).getStore('bank').get(b('k'))), 'v2');
      assert.equal(cms.readerAt(2).getStore('bank').get(b('r')), undefined);
      assert.deepEqual(dump(cms.readerAt(2).getStore('bank')), ['k=v2']);
      assert.deepEqual(dump(cms.readerAt(3).getStore('bank')), ['r=r3']);
      await commitWrites(cms, [['bank', 'k', 'v4']]); // 4: prunes through 3
      assert.equal(cms.readerAt(3).getStore('bank').get(b('k')), undefined);
      assert.deepEqual(dump(cms.readerAt(3).getStore('bank'), undefined, undefined, true), ['r=r3']);
      assert.deepEqual(dump(cms.readerAt(4).getStore('bank')), ['k=v4', 'r=r3']);
      cms.readerAt(3);
      assert.throws(() => cms.readerAt(2), isCode('height_not_available'));
      await cms.close();
    });

    it('validates options', async () => {
      await assert.rejects(async () => h.open([]), isCode('invalid_option'));
      await assert.rejects(async () => h.open(['a', 'a']), isCode('invalid_option'));
      await assert.rejects(async () => h.open(['bad name']), isCode('invalid_option'));
      await assert.rejects(async () => h.open(['a'], { keepRecent: -1 }), isCode('invalid_option'));
    });
  });
}
