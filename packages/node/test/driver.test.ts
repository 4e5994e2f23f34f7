// The single-validator driver: ABCI order, header chaining, times, signatures, restart, timing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockStore } from '../src/blockstore.js';
import { TxIndex } from '../src/txindex.js';
import { commitHash, headerHash, validatorsHash, txResultsHash, encodeBlock, partSetHeader } from '../src/consensus/encoding.js';
import { voteSignBytes } from '../src/consensus/vote.js';
import { createValidatorKey, ed25519Verify } from '../src/consensus/key.js';
import { formatRfc3339Nano } from '../src/util/time.js';
import { sha256 } from '../src/util/hash.js';
import { bytesEqual, toHexUpper } from '../src/util/bytes.js';
import { KvApp, MemoryDb, kvAppHash, utf8 } from './kvapp.js';
import { genesis, makeDriver, manualClock, sleep, validatorKey, VALIDATOR_SEED } from './helpers.js';
import { BlockDriver } from '../src/driver.js';
import { Mempool } from '../src/mempool.js';
import { Serializer } from '../src/util/serial.js';
import { silentLogger } from '../src/logger.js';
import { searchTxs } from '../src/txsearch.js';
import { indexedThroughKey } from '../src/keys.js';
import { readU64be } from '../src/util/bytes.js';

const hex = (b: Uint8Array) => toHexUpper(b);

test('fresh start: InitChain then block 1 at once, in ABCI order', async () => {
  const db = new MemoryDb();
  const { driver } = makeDriver(db);
  await driver.start();
  assert.equal(driver.height, 1);
  assert.deepEqual(db.calls, ['info', 'initChain', 'prepareProposal', 'processProposal', 'finalizeBlock', 'commit']);
  const b1 = new BlockStore(db.aux).block(1)!;
  assert.equal(b1.block.header.height, 1);
  assert.equal(b1.block.header.chainId, 'testchain-1');
  // app_hash of block 1 is InitChain's
  assert.equal(hex(b1.block.header.appHash), hex(kvAppHash(new Map([['init', 'yes']]))));
  assert.equal(b1.block.header.lastBlockId.hash.length, 0);
  assert.equal(b1.block.header.lastResultsHash.length, 0);
  assert.equal(b1.block.lastCommit.signatures.length, 0);
  assert.equal(hex(b1.block.header.lastCommitHash), hex(sha256()));
  assert.deepEqual(b1.block.header.version, { block: 11n, app: 0n });
  await driver.stop();
});

test('blocks chain: heights, strictly increasing 9-digit times, app hash of the previous block, ids and commits', async () => {
  const db = new MemoryDb();
  const clk = manualClock(1_750_000_000_000_000_000n);
  const { driver, mempool } = makeDriver(db, { clock: clk.clock });
  await driver.start();
  await mempool.add(utf8('a=1'));
  await mempool.add(utf8('b=2'));
  clk.tick(1000.0004);
  await driver.produceBlock();
  clk.tick(0); // same instant: time must still increase
  await driver.produceBlock();
  clk.set(1_700_000_000_000_000_000n); // clock goes backwards
  await mempool.add(utf8('fail=x'));
  await driver.produceBlock();
  clk.set(1_760_000_000_000_000_000n);
  await driver.produceBlock();
  assert.equal(driver.height, 5);

  const store = new BlockStore(db.aux);
  const blocks = [1, 2, 3, 4, 5].map((h) => store.block(h)!);
  for (let i = 0; i < blocks.length; i++) {
    const { header } = blocks[i]!.block;
    assert.equal(header.height, i + 1);
    const t = formatRfc3339Nano(header.timeNs);
    assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
    // the app saw the same time and hash
    assert.equal(db.finalized[i]!.time, t);
    assert.equal(db.finalized[i]!.timeNs, header.timeNs);
    assert.equal(hex(db.finalized[i]!.hash), hex(headerHash(header)));
    assert.equal(hex(blocks[i]!.blockId.hash), hex(headerHash(header)));
    assert.deepEqual(blocks[i]!.blockId.partSetHeader, partSetHeader(encodeBlock(blocks[i]!.block)));
    if (i > 0) {
      const prev = blocks[i - 1]!;
      assert.ok(header.timeNs > prev.block.header.timeNs, `time strictly increases at ${i + 1}`);
      assert.equal(hex(header.lastBlockId.hash), hex(prev.blockId.hash));
      assert.deepEqual(header.lastBlockId.partSetHeader, prev.blockId.partSetHeader);
      assert.equal(hex(header.appHash), hex(store.blockResults(i)!.appHash), 'app_hash is the previous block’s');
      assert.equal(hex(header.lastCommitHash), hex(commitHash(prev.commit)));
      assert.deepEqual(blocks[i]!.block.lastCommit, prev.commit);
    }
  }
  assert.equal(blocks[1]!.block.header.timeNs, 1_750_000_001_000_000_400n);
  assert.equal(blocks[2]!.block.header.timeNs, 1_750_000_001_000_000_401n);
  assert.equal(blocks[3]!.block.header.timeNs, 1_750_000_001_000_000_402n);
  // block 2 carried the two txs, and its results hash is in block 3's header
  assert.equal(blocks[1]!.block.txs.length, 2);
  const txs = new TxIndex(db.aux);
  const r0 = txs.get(sha256(utf8('a=1')))!;
  const r1 = txs.get(sha256(utf8('b=2')))!;
  assert.deepEqual([r0.height, r0.index, r1.height, r1.index], [2, 0, 2, 1]);
  assert.equal(r0.timeNs, blocks[1]!.block.header.timeNs);
  assert.equal(hex(blocks[2]!.block.header.lastResultsHash), hex(txResultsHash([r0.result, r1.result])));
  // the failed tx is included with its code
  const failed = txs.get(sha256(utf8('fail=x')))!;
  assert.deepEqual([failed.height, failed.result.code, failed.result.log], [4, 5, 'failing on purpose']);
  assert.equal(mempool.size, 0);
  // empty blocks have the empty-tree hashes
  assert.equal(hex(blocks[2]!.block.header.dataHash), hex(sha256()));
  assert.equal(hex(blocks[3]!.block.header.lastResultsHash), hex(sha256()));
  await driver.stop();
});

test('commit signatures verify over the canonical vote', async () => {
  const db = new MemoryDb();
  const { driver } = makeDriver(db);
  await driver.start();
  await driver.produceBlock();
  const b = new BlockStore(db.aux).block(2)!;
  const sig = b.block.lastCommit.signatures[0]!;
  assert.equal(sig.blockIdFlag, 2);
  assert.equal(hex(sig.validatorAddress), hex(validatorKey.address));
  const prev = new BlockStore(db.aux).block(1)!;
  assert.ok(sig.timestampNs > prev.block.header.timeNs);
  const msg = voteSignBytes('testchain-1', { type: 2, height: 1, round: 0, blockId: prev.blockId, timestampNs: sig.timestampNs });
  assert.ok(ed25519Verify(validatorKey.pubKey, msg, sig.signature));
  assert.equal(hex(b.block.header.proposerAddress), hex(validatorKey.address));
  assert.equal(hex(b.block.header.validatorsHash), hex(validatorsHash([{ ...validatorKey, pubKeyType: 'ed25519', power: 10n }])));
  await driver.stop();
});

test('restart continues from the stored height', async () => {
  const db = new MemoryDb();
  const first = makeDriver(db);
  await first.driver.start();
  await first.mempool.add(utf8('k=v'));
  await first.driver.produceBlock();
  await first.driver.produceBlock();
  await first.driver.stop();
  const last = new BlockStore(db.aux).block(3)!;

  db.calls.length = 0;
  const second = makeDriver(db, { clock: manualClock(1_800_000_000_000_000_000n).clock });
  await second.driver.start();
  assert.equal(second.driver.height, 3);
  assert.deepEqual(db.calls, ['info']); // no InitChain on restart
  await second.driver.produceBlock();
  const b4 = new BlockStore(db.aux).block(4)!;
  assert.equal(b4.block.header.height, 4);
  assert.equal(hex(b4.block.header.lastBlockId.hash), hex(last.blockId.hash));
  assert.deepEqual(b4.block.lastCommit, last.commit);
  assert.equal(hex(b4.block.header.appHash), hex(db.history.has(3) ? kvAppHash(db.history.get(3)!) : new Uint8Array()));
  await second.driver.stop();

  // a different chain id, or a damaged block store, refuses to start
  await assert.rejects(makeDriver(db, { genesis: genesis({ chainId: 'other-1' }) }).driver.start(), /chain id/);
  const saved = db.appHash;
  db.appHash = new Uint8Array(32);
  await assert.rejects(makeDriver(db).driver.start(), /app hash mismatch/);
  db.appHash = saved;
});

test('block 1 is not earlier than genesis time', async () => {
  const db = new MemoryDb();
  const { driver } = makeDriver(db, { genesis: genesis({ genesisTime: '2100-01-01T00:00:00Z' }) });
  await driver.start();
  assert.equal(formatRfc3339Nano(new BlockStore(db.aux).block(1)!.block.header.timeNs), '2100-01-01T00:00:00.000000000Z');
  await driver.stop();
});

test('validator updates take effect two blocks later; absent validators get absent signatures', async () => {
  const db = new MemoryDb();
  const other = createValidatorKey(new Uint8Array(32).fill(9));
  const updatesAt = new Map([[2, [{ pubKeyType: 'ed25519', pubKey: other.pubKey, power: 20n }]]]);
  const { driver } = makeDriver(db, { app: { updatesAt } });
  await driver.start();
  for (let i = 0; i < 4; i++) await driver.produceBlock();
  const store = new BlockStore(db.aux);
  const h = (n: number) => store.block(n)!.block.header;
  assert.equal(hex(h(2).validatorsHash), hex(h(2).nextValidatorsHash));
  assert.equal(hex(h(3).validatorsHash), hex(h(2).validatorsHash));
  assert.notEqual(hex(h(3).nextValidatorsHash), hex(h(3).validatorsHash));
  assert.equal(hex(h(4).validatorsHash), hex(h(3).nextValidatorsHash));
  // set order: power desc, so the new validator comes first
  const c4 = store.block(4)!.commit;
  assert.deepEqual(c4.signatures.map((s) => s.blockIdFlag), [1, 2]);
  assert.equal(store.validatorSetAt(3)!.validators.length, 1);
  assert.equal(store.validatorSetAt(4)!.validators.length, 2);
  assert.equal(store.validatorSetAt(100)!.since, 4);
  await driver.stop();
});

test('empty validator set everywhere is refused; the app may supply the set', async () => {
  await assert.rejects(makeDriver(new MemoryDb(), { genesis: genesis({ validators: [] }) }).driver.start(), /validator set is empty/);
  const db = new MemoryDb();
  const { driver } = makeDriver(db, {
    genesis: genesis({ validators: [] }),
    app: { initValidators: [{ pubKeyType: 'ed25519', pubKey: validatorKey.pubKey, power: 5n }] },
  });
  await driver.start();
  assert.equal(new BlockStore(db.aux).state()!.validators[0]!.power, 5n);
  await driver.stop();
});

test('an app failure halts block production but nothing half-commits', async () => {
  const db = new MemoryDb();
  const { driver, app } = makeDriver(db);
  await driver.start();
  const orig = app.finalizeBlock.bind(app);
  app.finalizeBlock = () => {
    throw new Error('boom');
  };
  await assert.rejects(driver.produceBlock(), /boom/);
  assert.equal(driver.halted?.message, 'boom');
  assert.equal(driver.height, 1);
  assert.equal(new BlockStore(db.aux).latestHeight(), 1);
  app.finalizeBlock = orig;
  await assert.rejects(driver.produceBlock(), /boom/); // stays halted
  await driver.stop();
});

test('timer: periodic blocks, and a tx pulls the next block forward', async () => {
  const real = () => BigInt(Date.now()) * 1_000_000n;
  const p = makeDriver(new MemoryDb(), { blockTimeMs: 30, clock: real });
  await p.driver.start();
  await sleep(200);
  assert.ok(p.driver.height >= 4, `periodic blocks: ${p.driver.height}`);
  await p.driver.stop();
  const h = p.driver.height;
  await sleep(80);
  assert.equal(p.driver.height, h, 'no blocks after stop');

  // Empty blocks every 10 s, but a tx gets a block within blockTimeMs.
  const q = makeDriver(new MemoryDb(), { blockTimeMs: 50, emptyBlockIntervalMs: 10_000, clock: real });
  await q.driver.start();
  await sleep(120);
  assert.equal(q.driver.height, 1, 'no empty block before 10 s');
  const t0 = Date.now();
  await q.mempool.add(utf8('x=1'));
  while (q.driver.height < 2 && Date.now() - t0 < 2000) await sleep(5);
  assert.equal(q.driver.height, 2);
  assert.ok(Date.now() - t0 < 500, 'tx block came quickly');
  await q.driver.stop();
});

test('a due block waits for txs that are still being checked, instead of going out without them', async () => {
  const real = () => BigInt(Date.now()) * 1_000_000n;
  const p = makeDriver(new MemoryDb(), { blockTimeMs: 100, clock: real });
  // Pre-verification (e.g. signatures on a worker) takes longer than the time left to the next block.
  p.app.preverify = () => new Promise((r) => setTimeout(r, 150));
  const included = new Promise<number>((resolve) => {
    let sent = false;
    p.driver.onBlock((b) => {
      if (b.block.header.height === 2 && !sent) {
        sent = true;
        void p.mempool.add(utf8('x=1'));
      }
      if (b.block.txs.length > 0) resolve(b.block.header.height);
    });
  });
  await p.driver.start();
  try {
    // Sent right after block 2; block 3 is due before its check answers, and waits for it.
    assert.equal(await included, 3);
  } finally {
    await p.driver.stop();
  }
});

/**
 * The aux space of `db` with deferred writes, as a store whose writer thread lands them later:
 * 'apply' lands them on the next turn, 'hold' when release() is called, 'lose' never (a crash
 * before they reached the disk; the promise still settles so the driver can stop).
 */
function deferringAux(db: MemoryDb) {
  let mode: 'apply' | 'hold' | 'lose' = 'apply';
  const held: (() => void)[] = [];
  const apply = (entries: [Uint8Array, Uint8Array | null][]) => {
    for (const [k, v] of entries) {
      const key = Buffer.from(k).toString('hex');
      if (v === null) db.aux.map.delete(key);
      else db.aux.map.set(key, v);
    }
  };
  return {
    aux: {
      get: (k: Uint8Array) => db.aux.get(k),
      iterate: (start?: Uint8Array, end?: Uint8Array, reverse?: boolean) => db.aux.iterate(start, end, reverse),
      writeDeferred(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void> {
        const copy = [...entries] as [Uint8Array, Uint8Array | null][];
        if (mode === 'lose') return Promise.resolve();
        if (mode === 'apply') return new Promise<void>((res) => setImmediate(() => (apply(copy), res())));
        return new Promise<void>((res) => held.push(() => (apply(copy), res())));
      },
    },
    setMode: (m: typeof mode) => (mode = m),
    release: () => held.splice(0).forEach((f) => f()),
  };
}

function deferringDriver(db: MemoryDb, aux: ReturnType<typeof deferringAux>['aux']) {
  const app = new KvApp(db);
  const gate = new Serializer();
  const mempool = new Mempool({}, { app, gate, logger: silentLogger });
  const txs = new TxIndex(aux);
  const driver = new BlockDriver(
    { genesis: genesis(), validatorKey: VALIDATOR_SEED, blockTimeMs: 60_000, emptyBlockIntervalMs: 60_000 },
    { app, aux, txs, gate, mempool, logger: silentLogger, clock: manualClock().clock },
  );
  return { driver, mempool, txs };
}

test('event keys follow their block: searches wait for them; a restart rebuilds those that never landed', async () => {
  const db = new MemoryDb();
  const store = deferringAux(db);
  const found = (txs: TxIndex, key: string) => searchTxs(txs, { query: `kv.key='${key}'` }).records.map((r) => `${r.height}/${r.index}`);
  const first = deferringDriver(db, store.aux);
  assert.equal(first.txs.defersEvents, true);
  await first.driver.start();
  await first.mempool.add(utf8('a=1'));
  await first.driver.produceBlock(); // height 2
  // The tx record is in with the block; its event keys follow.
  assert.ok(first.txs.recordAt({ height: 2, index: 0 }));
  await first.txs.settled();
  assert.deepEqual(found(first.txs, 'a'), ['2/0']);

  // A writer running late: the block is committed, its event keys are not in until the write lands.
  store.setMode('hold');
  await first.mempool.add(utf8('b=2'));
  await first.driver.produceBlock(); // height 3
  assert.deepEqual(found(first.txs, 'b'), []);
  let settled = false;
  const waiting = first.txs.settled().then(() => (settled = true));
  await sleep(5);
  assert.equal(settled, false);
  store.release();
  await waiting;
  assert.deepEqual(found(first.txs, 'b'), ['3/0']);

  // A crash after block 4 committed, before its event keys reached the disk.
  store.setMode('lose');
  await first.mempool.add(utf8('c=3'));
  await first.driver.produceBlock(); // height 4
  await first.driver.stop();
  assert.deepEqual(found(first.txs, 'c'), []);
  // Block 4's own transaction recorded how far the index was complete: through block 3.
  assert.equal(readU64be(db.aux.get(indexedThroughKey())!, 0), 3n);

  store.setMode('apply');
  const second = deferringDriver(db, store.aux);
  await second.driver.start();
  assert.deepEqual(found(second.txs, 'c'), ['4/0']);
  assert.deepEqual(found(second.txs, 'a'), ['2/0']);
  assert.deepEqual(found(second.txs, 'b'), ['3/0']);
  await second.mempool.add(utf8('d=4'));
  await second.driver.produceBlock();
  await second.txs.settled();
  assert.deepEqual(found(second.txs, 'd'), ['5/0']);
  assert.equal(readU64be(db.aux.get(indexedThroughKey())!, 0), 4n);
  await second.driver.stop();

  // A database without the progress key predates deferred event keys: nothing to rebuild.
  db.aux.map.delete(Buffer.from(indexedThroughKey()).toString('hex'));
  assert.equal(await new TxIndex(store.aux).recover(5), 0);
  // Without deferred writes, event keys go with their block's transaction and no progress key is kept.
  const plain = new MemoryDb();
  const { driver, mempool } = makeDriver(plain);
  await driver.start();
  await mempool.add(utf8('e=5'));
  await driver.produceBlock();
  assert.equal(new TxIndex(plain.aux).defersEvents, false);
  assert.deepEqual(found(new TxIndex(plain.aux), 'e'), ['2/0']);
  assert.equal(plain.aux.get(indexedThroughKey()), undefined);
  await driver.stop();
});

test('options are validated', () => {
  assert.throws(() => makeDriver(new MemoryDb(), { blockTimeMs: 100, emptyBlockIntervalMs: 50 }), /emptyBlockIntervalMs/);
  assert.throws(() => makeDriver(new MemoryDb(), { genesis: genesis({ genesisTime: 'yesterday' }) }), /genesis_time/);
  assert.throws(() => makeDriver(new MemoryDb(), { genesis: genesis({ chainId: '' }) }), /chain_id/);
  assert.ok(bytesEqual(new KvApp(new MemoryDb()).info().lastBlockAppHash, new Uint8Array(32)));
});
