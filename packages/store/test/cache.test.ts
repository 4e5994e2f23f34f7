// Cache branch semantics: reads through layers, writes, deletes, nesting, discard vs write, and the
// merged iteration in both directions.
import { after, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreError, type CommitMultiStore } from '../src/index.js';
import { b, dump, harness, KINDS, str } from './helpers.js';
import { fromBin, toBin } from '../src/bytes.js';

for (const kind of KINDS) {
  describe(`cache branches (${kind})`, () => {
    const h = harness(kind);
    after(() => h.cleanup());

    /** A store with committed keys a,c,e,g,i (values A,C,E,G,I) in 'bank'. */
    async function seeded(): Promise<CommitMultiStore> {
      const cms = await h.open(['bank', 'acc']);
      const c = cms.branch();
      for (const k of ['a', 'c', 'e', 'g', 'i']) c.getStore('bank').set(b(k), b(k.toUpperCase()));
      await cms.commit(1, c);
      return cms;
    }

    it('get/set/delete/has over committed state', async () => {
      const cms = await seeded();
      const kv = cms.branch().getStore('bank');
      assert.equal(str(kv.get(b('a'))), 'A');
      assert.equal(kv.has(b('b')), false);
      kv.set(b('b'), b('B'));
      kv.set(b('a'), b('A2'));
      kv.delete(b('c'));
      kv.delete(b('zz')); // deleting a missing key is fine
      assert.equal(str(kv.get(b('a'))), 'A2');
      assert.equal(str(kv.get(b('b'))), 'B');
      assert.equal(kv.get(b('c')), undefined);
      assert.equal(kv.has(b('c')), false);
      assert.equal(kv.has(b('b')), true);
      // Nothing reached the committed state.
      assert.equal(str(cms.readerAt(1).getStore('bank').get(b('a'))), 'A');
      assert.equal(cms.readerAt(1).getStore('bank').has(b('c')), true);
      await cms.close();
    });

    it('empty values are values, not deletes', async () => {
      const cms = await seeded();
      const c = cms.branch();
      c.getStore('bank').set(b('empty'), new Uint8Array(0));
      assert.equal(c.getStore('bank').has(b('empty')), true);
      assert.equal(c.getStore('bank').get(b('empty'))?.length, 0);
      await cms.commit(2, c);
      const r = cms.readerAt(2).getStore('bank');
      assert.equal(r.has(b('empty')), true);
      assert.equal(r.get(b('empty'))?.length, 0);
      assert.deepEqual(dump(r, 'e', 'f'), ['e=E', 'empty=']);
      await cms.close();
    });

    it('set copies its arguments', async () => {
      const cms = await seeded();
      const kv = cms.branch().getStore('bank');
      const key = b('k');
      const val = b('v1');
      kv.set(key, val);
      val[0] = 0x58;
      key[0] = 0x59;
      assert.equal(str(kv.get(b('k'))), 'v1');
      await cms.close();
    });

    it('rejects bad keys and values, unknown stores', async () => {
      const cms = await seeded();
      const c = cms.branch();
      const kv = c.getStore('bank');
      assert.throws(() => kv.set(new Uint8Array(0), b('x')), (e: unknown) => e instanceof StoreError && e.code === 'invalid_key');
      assert.throws(() => kv.set(new Uint8Array(1025), b('x')), (e: unknown) => e instanceof StoreError && e.code === 'invalid_key');
      kv.set(new Uint8Array(1024).fill(0), b('max'));
      assert.throws(() => kv.set(b('k'), 'x' as unknown as Uint8Array), (e: unknown) => e instanceof StoreError && e.code === 'invalid_value');
      assert.throws(() => c.getStore('nope'), (e: unknown) => e instanceof StoreError && e.code === 'unknown_store');
      assert.throws(() => c.branch().getStore('nope'), (e: unknown) => e instanceof StoreError && e.code === 'unknown_store');
      assert.equal(kv.get(new Uint8Array(0)), undefined);
      await cms.commit(2, c);
      assert.equal(str(cms.readerAt(2).getStore('bank').get(new Uint8Array(1024))), 'max');
      await cms.close();
    });

    it('nested branches: discard changes nothing, write() flushes one level', async () => {
      const cms = await seeded();
      const block = cms.branch();
      const tx1 = block.branch();
      tx1.getStore('bank').set(b('a'), b('tx1'));
      tx1.getStore('acc').set(b('x'), b('X'));
      const msg = tx1.branch();
      msg.getStore('bank').delete(b('e'));
      msg.getStore('bank').set(b('b'), b('msg'));
      // The inner branch sees all layers, the outer ones do not see the inner writes.
      assert.equal(str(msg.getStore('bank').get(b('a'))), 'tx1');
      assert.equal(msg.getStore('bank').get(b('e')), undefined);
      assert.equal(str(tx1.getStore('bank').get(b('e'))), 'E');
      assert.equal(tx1.getStore('bank').get(b('b')), undefined);
      msg.write();
      assert.equal(tx1.getStore('bank').get(b('e')), undefined);
      assert.equal(str(tx1.getStore('bank').get(b('b'))), 'msg');
      assert.equal(str(block.getStore('bank').get(b('a'))), 'A');
      // A written branch is empty and reusable.
      assert.equal(str(msg.getStore('bank').get(b('b'))), 'msg');
      msg.getStore('bank').set(b('late'), b('L'));
      // Discard tx1 entirely (with msg's late write): block unchanged.
      const tx2 = block.branch();
      tx2.getStore('bank').set(b('d'), b('D'));
      tx2.write();
      assert.deepEqual(dump(block.getStore('bank')), ['a=A', 'c=C', 'd=D', 'e=E', 'g=G', 'i=I']);
      assert.deepEqual(dump(block.getStore('acc')), []);
      await cms.commit(2, block);
      assert.deepEqual(dump(cms.readerAt(2).getStore('bank')), ['a=A', 'c=C', 'd=D', 'e=E', 'g=G', 'i=I']);
      await cms.close();
    });

    it('write() on a top-level branch is an error (commit it instead)', async () => {
      const cms = await seeded();
      assert.throws(() => cms.branch().write(), (e: unknown) => e instanceof StoreError && e.code === 'invalid_branch');
      await cms.close();
    });

    it('iteration merges writes and deletes with the parent, both directions, with bounds', async () => {
      const cms = await seeded();
      const block = cms.branch();
      const kv = block.getStore('bank');
      kv.delete(b('a')); // delete the first parent key
      kv.delete(b('e')); // delete a middle parent key
      kv.delete(b('i')); // delete the last parent key
      kv.set(b('c'), b('C2')); // overwrite a parent key
      kv.set(b('b'), b('B')); // new key between parent keys
      kv.set(b('j'), b('J')); // new key after all parent keys
      kv.set(b('f'), b('F'));
      kv.delete(b('f')); // new key, then deleted: never visible
      const tx = block.branch();
      const t = tx.getStore('bank');
      t.set(b('e'), b('E3')); // resurrect a key deleted by the parent cache
      t.delete(b('g'));
      t.set(b('0'), b('zero'));

      assert.deepEqual(dump(kv), ['b=B', 'c=C2', 'g=G', 'j=J']);
      assert.deepEqual(dump(kv, undefined, undefined, true), ['j=J', 'g=G', 'c=C2', 'b=B']);
      assert.deepEqual(dump(t), ['0=zero', 'b=B', 'c=C2', 'e=E3', 'j=J']);
      assert.deepEqual(dump(t, undefined, undefined, true), ['j=J', 'e=E3', 'c=C2', 'b=B', '0=zero']);
      // start inclusive, end exclusive, in both directions
      assert.deepEqual(dump(t, 'c', 'j'), ['c=C2', 'e=E3']);
      assert.deepEqual(dump(t, 'c', 'j', true), ['e=E3', 'c=C2']);
      assert.deepEqual(dump(t, 'bb', 'e'), ['c=C2']);
      assert.deepEqual(dump(t, 'b'), ['b=B', 'c=C2', 'e=E3', 'j=J']);
      assert.deepEqual(dump(t, undefined, 'c', true), ['b=B', '0=zero']);
      assert.deepEqual(dump(t, 'e', 'e'), []);
      assert.deepEqual(dump(t, 'x', 'a'), []);
      assert.deepEqual(dump(t, 'k'), []);
      // Prefix relations between keys sort as unsigned bytes: "c" < "c\0" < "c\x7f" < "c\xff" < "d".
      t.set(b('c\xff'), b('1'));
      t.set(b('c\0'), b('2'));
      t.set(b('c\x7f'), b('3'));
      assert.deepEqual(dump(t, 'c', 'd'), ['c=C2', 'c\0=2', 'c\x7f=3', 'c\xff=1']);
      assert.deepEqual(dump(t, 'c', 'd', true), ['c\xff=1', 'c\x7f=3', 'c\0=2', 'c=C2']);
      tx.write();
      await cms.commit(2, block);
      assert.deepEqual(dump(cms.readerAt(2).getStore('bank')), ['0=zero', 'b=B', 'c=C2', 'c\0=2', 'c\x7f=3', 'c\xff=1', 'e=E3', 'j=J']);
      assert.deepEqual(dump(cms.readerAt(1).getStore('bank')), ['a=A', 'c=C', 'e=E', 'g=G', 'i=I']);
      await cms.close();
    });

    it('writing while iterating is deterministic: update and delete each visited key', async () => {
      const cms = await seeded();
      const c = cms.branch();
      const kv = c.getStore('bank');
      kv.set(b('d'), b('D'));
      const seen: string[] = [];
      for (const [k, v] of kv.iterate()) {
        seen.push(`${str(k)}=${str(v)}`);
        if (str(k) === 'c') kv.delete(b('e')); // delete a key ahead of the cursor: skipped
        else kv.set(k, b(`${str(v)}!`));
        kv.set(b(`${str(k)}+`), b('new')); // keys inserted during iteration are not visited
      }
      assert.deepEqual(seen, ['a=A', 'c=C', 'd=D', 'g=G', 'i=I']);
      assert.deepEqual(dump(kv), ['a=A!', 'a+=new', 'c=C', 'c+=new', 'd=D!', 'd+=new', 'g=G!', 'g+=new', 'i=I!', 'i+=new']);
      await cms.close();
    });

    it('breaking out of an iteration early releases it', async () => {
      const cms = await seeded();
      const kv = cms.branch().getStore('bank');
      for (let i = 0; i < 1000; i++) {
        for (const _ of kv.iterate()) break;
        for (const _ of kv.iterate(undefined, undefined, true)) break;
      }
      assert.deepEqual(dump(kv), ['a=A', 'c=C', 'e=E', 'g=G', 'i=I']);
      await cms.close();
    });

    it('stores are separate key spaces', async () => {
      const cms = await seeded();
      const c = cms.branch();
      c.getStore('acc').set(b('a'), b('acc-a'));
      assert.equal(str(c.getStore('bank').get(b('a'))), 'A');
      assert.equal(str(c.getStore('acc').get(b('a'))), 'acc-a');
      await cms.commit(2, c);
      assert.deepEqual(dump(cms.readerAt(2).getStore('acc')), ['a=acc-a']);
      await cms.close();
    });
  });
}

test('toBin: one code unit per byte, views at an offset and explicit lengths included', () => {
  const all = new Uint8Array(512);
  for (let i = 0; i < all.length; i++) all[i] = (i * 7) & 0xff;
  const view = all.subarray(100, 400);
  const expected = Array.from(view, (b) => String.fromCharCode(b)).join('');
  assert.equal(toBin(view), expected);
  assert.equal(toBin(view, 5), expected.slice(0, 5));
  assert.equal(toBin(new Uint8Array(0)), '');
  assert.deepEqual(fromBin(toBin(view)), Buffer.from(view));
});

test("a branch reads each committed key from the database once; other branches and heights are unaffected", async () => {
  const { MemoryBackend } = await import('../src/memory-backend.js');
  const { createCommitMultiStore } = await import('../src/commit-multistore.js');
  const backend = new MemoryBackend();
  let reads = 0;
  const getLatest = backend.getLatest.bind(backend);
  backend.getLatest = (store: string, key: Uint8Array) => {
    reads++;
    return getLatest(store, key);
  };
  const cms = createCommitMultiStore(backend, { storeNames: ['bank'] });
  const c = cms.branch();
  c.getStore('bank').set(b('p'), b('params'));
  await cms.commit(1, c);

  const block = cms.branch();
  const kv = block.getStore('bank');
  reads = 0;
  for (let i = 0; i < 5; i++) {
    assert.equal(str(kv.get(b('p'))), 'params');
    assert.equal(kv.get(b('absent')), undefined);
    assert.equal(kv.has(b('p')), true);
    // A tx's own cache over the block's reads through to the same bottom layer.
    assert.equal(str(block.branch().getStore('bank').get(b('p'))), 'params');
  }
  assert.equal(reads, 2); // 'p' and 'absent', once each
  // Another block commits a new value: this branch still reads its own height, a new branch the new one.
  const next = cms.branch();
  next.getStore('bank').set(b('p'), b('changed'));
  await cms.commit(2, next);
  assert.equal(str(kv.get(b('p'))), 'params');
  assert.equal(str(cms.branch().getStore('bank').get(b('p'))), 'changed');
  assert.equal(str(cms.readerAt(1).getStore('bank').get(b('p'))), 'params');
  await cms.close();
});
