// The unmodified secretjs client against the LCD (KV app underneath): block queries through a
// base URL with trailing slashes, getTx polling (null while pending), txsQuery pagination,
// broadcast failure reporting.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { SecretNetworkClient } from 'secretjs';
import { createNode, type ScrtdNode } from '../src/node.js';
import { silentLogger } from '../src/logger.js';
import { sha256 } from '../src/util/hash.js';
import { toHexUpper } from '../src/util/bytes.js';
import { KvApp, MemoryDb, kvGateway, utf8 } from './kvapp.js';
import { genesis, VALIDATOR_SEED } from './helpers.js';

let node: ScrtdNode | undefined;
after(async () => {
  await node?.stop();
});

test('secretjs reads blocks, polls a tx until committed, and searches', async () => {
  const db = new MemoryDb();
  node = createNode(
    { genesis: genesis(), validatorKey: VALIDATOR_SEED, blockTimeMs: 3_600_000, lcd: { port: 0 } },
    { app: new KvApp(db), aux: db.aux, logger: silentLogger, gateway: kvGateway },
  );
  const { lcdUrl } = await node.start();
  const client = new SecretNetworkClient({ url: `${lcdUrl}//////`, chainId: 'testchain-1' });

  const latest = await client.query.tendermint.getLatestBlock({});
  assert.equal(latest.block?.header?.height, '1');
  assert.match(String(latest.block?.header?.time), /\.\d{9}Z$/);
  const b1 = await client.query.tendermint.getBlockByHeight({ height: '1' });
  assert.equal(b1.block_id?.hash, latest.block_id?.hash);
  const info = await client.query.tendermint.getNodeInfo({});
  assert.equal(info.default_node_info?.network, 'testchain-1');

  for (const t of ['alpha=a', 'beta=a', 'gamma=b']) await node.mempool.add(utf8(t));
  const hash = toHexUpper(sha256(utf8('alpha=a')));
  const pendingHash = toHexUpper(sha256(utf8('later=x')));
  assert.equal(await client.query.getTx(pendingHash), null);
  await node.driver.produceBlock();

  const tx = await client.query.getTx(hash);
  assert.ok(tx);
  assert.equal(tx.height, 2);
  assert.equal(tx.code, 0);
  assert.equal(tx.transactionHash, hash);
  assert.equal(tx.rawLog, '');
  assert.deepEqual(Buffer.from(tx.data[0]!).toString(), 'alpha');
  assert.ok(tx.arrayLog?.some((l: { msg: number; type: string; key: string; value: string }) => l.msg === 0 && l.type === 'kv' && l.key === 'key' && l.value === 'alpha'));
  assert.equal(tx.gasWanted, 7);

  const page1 = await client.query.txsQuery("kv.value='a'", { resolveResponses: false }, { limit: '1' });
  const page2 = await client.query.txsQuery("kv.value='a'", { resolveResponses: false }, { limit: '1', offset: '1' });
  assert.equal(page1.length, 1);
  assert.equal(page2.length, 1);
  assert.notEqual(page1[0]!.transactionHash, page2[0]!.transactionHash);
  const both = await client.query.txsQuery("kv.value='a' AND tx.height>=1");
  assert.equal(both.length, 2);
});
