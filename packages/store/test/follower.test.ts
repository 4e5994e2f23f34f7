// A follower store: a read-only handle on a database another handle commits to (the CheckTx thread
// beside the block-executing thread). It reads exactly the height it follows, whatever the writer
// commits meanwhile, and follow() moves it forward.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { openCommitMultiStore, openFollowerStore, StoreError, type CommitMultiStore } from '../src/index.js';
import { b, dump, str } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'scrtd-store-follower-'));
const NAMES = ['acc', 'bank'];

async function commitBlock(cms: CommitMultiStore, writes: Array<[string, string, string | null]>): Promise<void> {
  const br = cms.branch();
  for (const [store, k, v] of writes) {
    if (v === null) br.getStore(store).delete(b(k));
    else br.getStore(store).set(b(k), b(v));
  }
  await cms.commit(cms.latestHeight() + 1, br);
}

describe('follower store (lmdb)', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the followed height while the writer commits ahead, and moves forward on follow()', async () => {
    const path = join(dir, 'a');
    const writer = await openCommitMultiStore({ path, storeNames: NAMES });
    await commitBlock(writer, [['acc', 'a', '1'], ['acc', 'b', '1'], ['bank', 'x', '1']]);
    await commitBlock(writer, [['acc', 'a', '2'], ['acc', 'c', '2']]);

    const f = await openFollowerStore({ path, storeNames: NAMES });
    assert.equal(f.latestHeight(), 2);
    assert.deepEqual(f.latestAppHash(), writer.latestAppHash());
    const before = f.branch();
    assert.equal(str(before.getStore('acc').get(b('a'))), '2');

    await commitBlock(writer, [['acc', 'a', '3'], ['acc', 'b', null], ['acc', 'd', '3'], ['bank', 'x', '3']]);
    // Not followed yet: height 2 exactly, point reads and scans, in a new branch too.
    for (const view of [before, f.branch()]) {
      assert.equal(str(view.getStore('acc').get(b('a'))), '2');
      assert.equal(str(view.getStore('acc').get(b('b'))), '1');
      assert.equal(view.getStore('acc').get(b('d')), undefined);
      assert.deepEqual(dump(view.getStore('acc')), ['a=2', 'b=1', 'c=2']);
      assert.equal(str(view.getStore('bank').get(b('x'))), '1');
    }
    assert.equal(f.latestHeight(), 2);

    assert.equal(f.follow(), 3);
    assert.deepEqual(f.latestAppHash(), writer.latestAppHash());
    const now = f.branch();
    assert.deepEqual(dump(now.getStore('acc')), ['a=3', 'c=2', 'd=3']);
    assert.equal(str(now.getStore('bank').get(b('x'))), '3');
    // The branch taken before keeps its height.
    assert.equal(str(before.getStore('acc').get(b('a'))), '2');
    // Height readers of the follower see history too.
    assert.deepEqual(dump(f.readerAt(1).getStore('acc')), ['a=1', 'b=1']);
    // Aux reads are the writer's latest.
    assert.equal(f.aux().get(b('none')), undefined);

    await f.close();
    await writer.close();
  });

  it('never writes, and only moves forward to committed heights', async () => {
    const path = join(dir, 'b');
    const writer = await openCommitMultiStore({ path, storeNames: NAMES });
    await commitBlock(writer, [['acc', 'a', '1']]);
    await commitBlock(writer, [['acc', 'a', '2']]);
    const f = await openFollowerStore({ path, storeNames: NAMES });
    const br = f.branch();
    br.getStore('acc').set(b('z'), b('z'));
    assert.throws(() => f.workingHash(br), (e: unknown) => e instanceof StoreError && e.code === 'read_only');
    await assert.rejects(f.commit(3, br), (e: unknown) => e instanceof StoreError && e.code === 'read_only');
    await assert.rejects(f.aux().writeDeferred([[Buffer.from('x'), Buffer.from('y')]]), (e: unknown) => e instanceof StoreError && e.code === 'read_only');
    assert.throws(() => f.follow(1), (e: unknown) => e instanceof StoreError && e.code === 'invalid_height');
    assert.throws(() => f.follow(3), (e: unknown) => e instanceof StoreError && e.code === 'invalid_height');
    assert.equal(f.follow(2), 2);
    // The writer is unaffected: it still commits, and the follower's write attempt left nothing.
    await commitBlock(writer, [['acc', 'a', '3']]);
    assert.equal(writer.branch().getStore('acc').get(b('z')), undefined);
    assert.equal(f.follow(), 3);
    await f.close();
    // Closing the follower does not close the writer's database.
    await commitBlock(writer, [['acc', 'a', '4']]);
    assert.equal(str(writer.branch().getStore('acc').get(b('a'))), '4');
    await writer.close();
  });

  it('a missing database cannot be followed', async () => {
    await assert.rejects(openFollowerStore({ path: join(dir, 'missing'), storeNames: NAMES }), (e: unknown) => e instanceof StoreError);
  });

  it('follows from another thread, several messages per event-loop turn', async () => {
    const path = join(dir, 'c');
    const writer = await openCommitMultiStore({ path, storeNames: NAMES });
    await commitBlock(writer, [['acc', 'k', '1']]);
    const src = `
      const { parentPort, workerData } = require('node:worker_threads');
      import(workerData.store).then(async ({ openFollowerStore }) => {
        const f = await openFollowerStore({ path: workerData.path, storeNames: ['acc', 'bank'] });
        const read = () => { const v = f.branch().getStore('acc').get(Buffer.from('k')); return v && Buffer.from(v).toString(); };
        parentPort.on('message', (m) => {
          if (m === 'read') parentPort.postMessage({ h: f.latestHeight(), v: read() });
          else if (m === 'follow') { f.follow(); parentPort.postMessage({ h: f.latestHeight(), v: read() }); }
          else f.close().then(() => parentPort.postMessage('closed'));
        });
        parentPort.postMessage('ready');
      });`;
    const w = new Worker(src, { eval: true, workerData: { path, store: new URL('../src/index.js', import.meta.url).href } });
    const replies: unknown[] = [];
    let waiting: ((v: unknown) => void) | undefined;
    w.on('message', (m) => {
      replies.push(m);
      waiting?.(m);
    });
    const next = () => new Promise((res) => (waiting = res));
    await next(); // ready
    for (let h = 2; h <= 6; h++) {
      await commitBlock(writer, [['acc', 'k', String(h)]]);
      // 'read' and 'follow' arrive together: the read sees the old height, the follow the new one.
      const got = new Promise<void>((res) => {
        const start = replies.length;
        waiting = () => {
          if (replies.length >= start + 2) res();
        };
      });
      w.postMessage('read');
      w.postMessage('follow');
      await got;
      assert.deepEqual(replies.slice(-2), [{ h: h - 1, v: String(h - 1) }, { h, v: String(h) }]);
    }
    w.postMessage('close');
    await next();
    await w.terminate();
    await writer.close();
  });
});
