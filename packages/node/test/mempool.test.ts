// Mempool: CheckTx, dedupe, limits in the SDK's codes, FIFO reaping, update and recheck.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Mempool, MempoolRejection, protoSizeOfTx } from '../src/mempool.js';
import { Serializer } from '../src/util/serial.js';
import { silentLogger } from '../src/logger.js';
import { KvApp, MemoryDb, utf8 } from './kvapp.js';

function setup(opts: ConstructorParameters<typeof Mempool>[0] = {}, appOpts: ConstructorParameters<typeof KvApp>[1] = {}) {
  const db = new MemoryDb();
  const app = new KvApp(db, appOpts);
  const mempool = new Mempool(opts, { app, gate: new Serializer(), logger: silentLogger });
  return { db, app, mempool };
}

test('add runs CheckTx(New) and returns the upper-case tx hash', async () => {
  const { db, mempool } = setup();
  const r = await mempool.add(utf8('a=1'));
  assert.equal(r.code, 0);
  assert.equal(r.added, true);
  assert.match(r.txhash, /^[0-9A-F]{64}$/);
  assert.equal(mempool.size, 1);
  assert.equal(mempool.bytes, 3);
  assert.ok(mempool.has(r.txhash.toLowerCase()));
  assert.deepEqual(db.calls, ['checkTx']);
});

test('CheckTx failures are returned and not kept', async () => {
  const { mempool } = setup();
  const r = await mempool.add(utf8('garbage'));
  assert.equal(r.code, 2);
  assert.equal(r.codespace, 'sdk');
  assert.equal(r.log, 'tx parse error');
  assert.equal(r.added, false);
  assert.equal(mempool.size, 0);
  // a failed tx leaves the cache: resubmitting is checked again, not "already exists"
  assert.equal((await mempool.add(utf8('garbage'))).code, 2);
  assert.equal(mempool.stats().rejected, 2);
});

test('duplicates: code 19 "tx already exists in cache", also after commit', async () => {
  const { mempool } = setup();
  await mempool.add(utf8('a=1'));
  const dup = await mempool.add(utf8('a=1'));
  assert.deepEqual([dup.codespace, dup.code, dup.log, dup.added], ['sdk', 19, 'tx already exists in cache', false]);
  mempool.update([utf8('a=1')]);
  assert.equal(mempool.size, 0);
  assert.equal((await mempool.add(utf8('a=1'))).code, 19);
});

test('full by count and by bytes: code 20; too large: code 21', async () => {
  const byCount = setup({ maxTxs: 2 }).mempool;
  await byCount.add(utf8('a=1'));
  await byCount.add(utf8('b=1'));
  const full = await byCount.add(utf8('c=1'));
  assert.deepEqual([full.codespace, full.code, full.log], ['sdk', 20, 'mempool is full']);
  const byBytes = setup({ maxBytes: 10 }).mempool;
  await byBytes.add(utf8('a=12345'));
  assert.equal((await byBytes.add(utf8('b=1234'))).code, 20);
  assert.equal((await byBytes.add(utf8('b=1'))).code, 0);
  const big = setup({ maxTxBytes: 8 }).mempool;
  const r = await big.add(utf8('a=1234567'));
  assert.deepEqual([r.codespace, r.code, r.log], ['sdk', 21, 'tx too large']);
  assert.equal((await big.add(utf8('a=123456'))).code, 0);
});

test('cache is bounded', async () => {
  const { mempool } = setup({ cacheSize: 2 });
  mempool.update([utf8('a=1'), utf8('b=1'), utf8('c=1')]);
  // 'a=1' was evicted from the 2-entry cache, so it is checked again
  assert.equal((await mempool.add(utf8('a=1'))).code, 0);
  assert.equal((await mempool.add(utf8('c=1'))).code, 19);
});

test('reap: FIFO, stops at the first tx over the byte or gas budget', async () => {
  const { mempool } = setup();
  for (const t of ['a=1', 'b=22', 'c=333', 'd=4']) await mempool.add(utf8(t));
  assert.deepEqual(mempool.reap(-1, -1n).map((t) => new TextDecoder().decode(t)), ['a=1', 'b=22', 'c=333', 'd=4']);
  const two = protoSizeOfTx(utf8('a=1')) + protoSizeOfTx(utf8('b=22'));
  assert.deepEqual(mempool.reap(two, -1n).map((t) => new TextDecoder().decode(t)), ['a=1', 'b=22']);
  assert.deepEqual(mempool.reap(two + 1, -1n).length, 2); // c=333 does not fit, d=4 is not taken out of order
  // gas wanted = tx length in the KV app
  assert.deepEqual(mempool.reap(-1, 7n).map((t) => new TextDecoder().decode(t)), ['a=1', 'b=22']);
  assert.equal(protoSizeOfTx(new Uint8Array(200)), 203);
});

test('update removes included txs and rechecks the rest, dropping failures', async () => {
  const { db, mempool } = setup({}, { rejectOnRecheck: (tx) => tx.startsWith('stale') });
  for (const t of ['a=1', 'stale=1', 'b=1', 'c=1']) await mempool.add(utf8(t));
  db.calls.length = 0;
  mempool.update([utf8('a=1')]);
  assert.deepEqual(db.calls, ['recheck', 'recheck', 'recheck']);
  assert.equal(mempool.size, 2);
  assert.equal(mempool.stats().droppedOnRecheck, 1);
  assert.deepEqual(mempool.reap(-1, -1n).map((t) => new TextDecoder().decode(t)), ['b=1', 'c=1']);
  assert.equal(mempool.bytes, 6);
  // the dropped tx left the cache and can be submitted again
  assert.equal((await mempool.add(utf8('stale=1'))).code, 0);
  // recheck disabled
  const noRecheck = setup({ recheck: false }, { rejectOnRecheck: () => true });
  await noRecheck.mempool.add(utf8('x=1'));
  noRecheck.mempool.update([]);
  assert.equal(noRecheck.mempool.size, 1);
});

test('onAdded fires only for accepted txs', async () => {
  const { mempool } = setup();
  let n = 0;
  mempool.onAdded(() => n++);
  await mempool.add(utf8('a=1'));
  await mempool.add(utf8('bad'));
  await mempool.add(utf8('a=1'));
  assert.equal(n, 1);
  assert.ok(MempoolRejection.Full.code === 20);
});

/** A pre-verification step whose answers the test releases one tx at a time. */
function controlledPreverify(app: { preverify?: (txs: readonly Uint8Array[]) => Promise<void> }) {
  const release = new Map<string, () => void>();
  app.preverify = (txs) => new Promise<void>((resolve) => release.set(new TextDecoder().decode(txs[0]), resolve));
  return (tx: string) => release.get(tx)!();
}

test('CheckTx sees txs in arrival order even when their pre-verification answers out of order', async () => {
  const { app, mempool } = setup();
  const release = controlledPreverify(app);
  const seen: string[] = [];
  const check = app.checkTx.bind(app);
  app.checkTx = (req) => {
    seen.push(new TextDecoder().decode(req.tx));
    return check(req);
  };
  const a = mempool.add(utf8('a=1'));
  const b = mempool.add(utf8('b=1'));
  release('b=1'); // the later tx is ready first ...
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(seen, [], 'b waits for a');
  release('a=1');
  await Promise.all([a, b]);
  assert.deepEqual(seen, ['a=1', 'b=1']);
});

test('checked() waits for the submissions received before it, not for later ones', async () => {
  const { app, mempool } = setup();
  const release = controlledPreverify(app);
  await mempool.checked(); // nothing in flight: at once
  const a = mempool.add(utf8('a=1'));
  let done = false;
  const waited = mempool.checked().then(() => (done = true));
  const b = mempool.add(utf8('b=1'));
  assert.equal(mempool.checkingCount, 2);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(done, false);
  release('a=1');
  await waited;
  assert.equal(mempool.size, 1, 'a is in the pool when checked() resolves');
  assert.equal(mempool.checkingCount, 1, 'b is still being checked');
  release('b=1');
  await Promise.all([a, b]);
  assert.equal(mempool.checkingCount, 0);
});
