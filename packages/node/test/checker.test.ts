// The CheckTx thread (checker/remote.ts ↔ checker/service.ts) behind the mempool: answers in arrival
// order, verified signatures handed to the block executor, commit notices with rechecks that drop
// txs, queries at a height no older than the last commit, and the main thread taking over when the
// thread fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BlockHeaderInfo, VerifiedSignature } from '@scrtd/app';
import { Mempool } from '../src/mempool.js';
import { RemoteChecker } from '../src/checker/remote.js';
import { makeQuery } from '../src/lcd/context.js';
import { Serializer } from '../src/util/serial.js';
import { silentLogger } from '../src/logger.js';
import { KvApp, MemoryDb, utf8 } from './kvapp.js';

const header = (height: number): BlockHeaderInfo => ({ height, time: '', timeNs: 0n, chainId: 'test', proposerAddress: new Uint8Array(20), hash: new Uint8Array(32) });

function setup() {
  const db = new MemoryDb();
  const remembered: VerifiedSignature[] = [];
  // The main thread's app: checks only if the thread fails; collects the signatures it is given.
  const app = Object.assign(new KvApp(db), { rememberSignatures: (s: readonly VerifiedSignature[]) => remembered.push(...s) });
  const checker = new RemoteChecker({ url: new URL('./checker-worker.js', import.meta.url), workerData: null }, silentLogger);
  const gate = new Serializer();
  const mempool = new Mempool({}, { app, gate, logger: silentLogger, checker });
  return { db, app, checker, mempool, remembered, gate };
}

test('checks run on the thread, in arrival order, and signatures reach the block executor', async (t) => {
  const { db, checker, mempool, remembered } = setup();
  t.after(() => checker.close());
  await checker.started();
  const txs = ['a=1', 'bad', 'b=2', 'c=3', 'bad2', 'd=4'].map(utf8);
  const out = await Promise.all(txs.map((tx) => mempool.add(tx)));
  assert.deepEqual(out.map((r) => [r.code, r.added]), [[0, true], [2, false], [0, true], [0, true], [2, false], [0, true]]);
  assert.equal(out[0]!.log, 'checked at 1');
  assert.deepEqual(mempool.reap(-1, -1n).map((t) => new TextDecoder().decode(t)), ['a=1', 'b=2', 'c=3', 'd=4']);
  assert.equal(mempool.stats().rejected, 2);
  assert.equal(remembered.length, 4);
  assert.equal(db.calls.length, 0, 'the main thread app ran no CheckTx');
  // Dedupe and limits stay on the main thread.
  assert.equal((await mempool.add(utf8('a=1'))).code, 19);
});

test('a commit notice moves the thread on; the recheck drops what fails now', async (t) => {
  const { checker, mempool } = setup();
  t.after(() => checker.close());
  await checker.started();
  for (const s of ['a=1', 'stale-1', 'b=2', 'stale-2', 'c=3']) assert.equal((await mempool.add(utf8(s))).code, 0);
  const dropped = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (mempool.stats().droppedOnRecheck === 2) resolve(clearInterval(timer));
    }, 5);
  });
  mempool.update([utf8('a=1')], header(1));
  await dropped;
  assert.deepEqual(mempool.reap(-1, -1n).map((t) => new TextDecoder().decode(t)), ['b=2', 'c=3']);
  // The next check runs on the new check state; a dropped tx may be submitted again.
  assert.equal((await mempool.add(utf8('e=5'))).log, 'checked at 2');
  assert.equal((await mempool.add(utf8('stale-1'))).code, 0);
});

test('queries go to the thread at a height no older than the last commit', async (t) => {
  const { app, checker, mempool, gate } = setup();
  t.after(() => checker.close());
  await checker.started();
  let latest = 0;
  const query = makeQuery(app, gate, { remote: checker, latestHeight: () => latest });
  const text = async () => new TextDecoder().decode((await query('/q', new Uint8Array(), 0)).value);
  assert.equal(await text(), 'followed=0 check=1');
  mempool.update([], header(1));
  assert.equal(await text(), 'followed=1 check=2');
  // A client may learn of block 2 before its notice is sent: the query still sees height 2.
  latest = 2;
  assert.equal(await text(), 'followed=2 check=2');
  mempool.update([], header(2));
  assert.equal(await text(), 'followed=2 check=3');
});

test('when the thread fails, the main thread checks and answers queries', async (t) => {
  const { db, checker, mempool, app, gate } = setup();
  t.after(() => checker.close());
  await checker.started();
  assert.equal((await mempool.add(utf8('a=1'))).code, 0);
  const crash = await mempool.add(utf8('crash'));
  // The crashing tx itself is checked by the main thread (KvApp: not key=value → parse error).
  assert.equal(crash.code, 2);
  assert.equal(checker.usable, false);
  assert.equal((await mempool.add(utf8('b=2'))).code, 0);
  assert.deepEqual(db.calls, ['checkTx', 'checkTx']);
  const query = makeQuery(app, gate, { remote: checker, latestHeight: () => 0 });
  await assert.rejects(query('/nope', new Uint8Array(), 0)); // KvApp's own answer: unknown path
  // Rechecks happen here again too.
  mempool.update([utf8('a=1')], header(1));
  assert.deepEqual(db.calls, ['checkTx', 'checkTx', 'query', 'recheck']);
});
