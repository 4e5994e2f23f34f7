// The LCD over HTTP against a node running the KV app: tx flow, search, blocks, app routes and
// every error path (JSON bodies with gateway codes and statuses).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createNode, type ScrtdNode } from '../src/node.js';
import { silentLogger } from '../src/logger.js';
import { sha256 } from '../src/util/hash.js';
import { toHexUpper } from '../src/util/bytes.js';
import { KvApp, MemoryDb, kvGateway, txMsgData, utf8 } from './kvapp.js';
import { genesis, VALIDATOR_SEED, manualClock } from './helpers.js';
import type { NodeOptions } from '../src/options.js';
import { connect } from 'node:net';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const hashOf = (s: string) => toHexUpper(sha256(utf8(s)));

const running: ScrtdNode[] = [];
after(async () => {
  for (const n of running) await n.stop();
});

async function startNode(db = new MemoryDb(), over: Partial<NodeOptions> = {}, app = new KvApp(db)) {
  const node = createNode(
    { genesis: genesis(), validatorKey: VALIDATOR_SEED, blockTimeMs: 3_600_000, lcd: { port: 0 }, ...over },
    { app, aux: db.aux, logger: silentLogger, gateway: kvGateway, clock: manualClock().clock },
  );
  const { lcdUrl } = await node.start();
  running.push(node);
  return { node, url: lcdUrl!, db, app };
}

async function call(url: string, init?: RequestInit & { json?: unknown }) {
  const res = await fetch(url, { ...init, body: init?.json !== undefined ? JSON.stringify(init.json) : init?.body });
  const text = await res.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = { notJson: text };
  }
  return { status: res.status, body, headers: res.headers };
}

function assertError(r: { status: number; body: any }, status: number, code: number, message?: RegExp | string) {
  assert.equal(r.status, status, JSON.stringify(r.body));
  assert.deepEqual(Object.keys(r.body), ['code', 'message', 'details']);
  assert.equal(r.body.code, code);
  assert.deepEqual(r.body.details, []);
  if (typeof message === 'string') assert.equal(r.body.message, message);
  else if (message) assert.match(r.body.message, message);
}

// How fast this happens is measured by bench/dev-startup.ts, not asserted here: tests never time
// (a 1 s bound here failed whenever other test files loaded the 2-core machine).
test('start to LCD answering with block 1', async () => {
  const { url } = await startNode();
  const r = await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/latest?`);
  assert.equal(r.status, 200);
  assert.equal(r.body.block.header.height, '1');
});

test('blocks: latest, by height, shape, sdk_block proposer, // collapse', async () => {
  const { node, url } = await startNode();
  await node.driver.produceBlock();
  const latest = await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/latest?`);
  assert.equal(latest.status, 200);
  const { block_id, block, sdk_block } = latest.body;
  assert.deepEqual(Object.keys(latest.body), ['block_id', 'block', 'sdk_block']);
  assert.equal(block.header.height, '2');
  assert.match(block.header.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  assert.deepEqual(block.header.version, { block: '11', app: '0' });
  assert.equal(block.header.chain_id, 'testchain-1');
  assert.deepEqual(Object.keys(block.header), [
    'version', 'chain_id', 'height', 'time', 'last_block_id', 'last_commit_hash', 'data_hash', 'validators_hash',
    'next_validators_hash', 'consensus_hash', 'app_hash', 'last_results_hash', 'evidence_hash', 'proposer_address',
  ]);
  assert.equal(Buffer.from(block_id.hash, 'base64').length, 32);
  assert.equal(block_id.part_set_header.total, 1);
  assert.equal(Buffer.from(block.header.proposer_address, 'base64').length, 20);
  assert.match(sdk_block.header.proposer_address, /^secretvalcons1[0-9a-z]{38}$/);
  assert.deepEqual(block.data, { txs: [] });
  assert.deepEqual(block.evidence, { evidence: [] });
  assert.equal(block.last_commit.height, '1');
  assert.equal(block.last_commit.signatures[0].block_id_flag, 'BLOCK_ID_FLAG_COMMIT');
  assert.match(block.last_commit.signatures[0].timestamp, /\.\d{9}Z$/);

  const b1 = await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/1?`);
  assert.equal(b1.body.block.header.height, '1');
  assert.equal(b1.body.block.header.last_block_id.hash, null);
  assert.equal(b1.body.block_id.hash, block.header.last_block_id.hash);
  assert.equal(b1.body.block.last_commit.signatures.length, 0);

  const slashes = await call(`${url.replace(/\/$/, '')}//////cosmos/base/tendermint/v1beta1/blocks/1?`);
  assert.equal(slashes.status, 200);
  assert.equal(slashes.body.block.header.height, '1');
  assert.equal((await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/latest/`)).status, 200);

  assertError(await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/3`), 400, 3, 'requested block height is bigger then the chain length');
  assertError(await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/abc`), 400, 3, /type mismatch, parameter: height/);
  assertError(await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/0`), 400, 3);
});

test('node_info, syncing (node route wins over the app), validatorsets', async () => {
  const { url } = await startNode(undefined, { moniker: 'm1', version: '9.9.9' });
  const ni = await call(`${url}/cosmos/base/tendermint/v1beta1/node_info?`);
  assert.equal(ni.status, 200);
  assert.equal(ni.body.default_node_info.network, 'testchain-1');
  assert.equal(ni.body.default_node_info.moniker, 'm1');
  assert.equal(ni.body.application_version.name, 'scrtd');
  assert.equal(ni.body.application_version.app_name, 'scrtd');
  assert.equal(ni.body.application_version.version, '9.9.9');
  assert.deepEqual((await call(`${url}/cosmos/base/tendermint/v1beta1/syncing`)).body, { syncing: false });
  const vs = await call(`${url}/cosmos/base/tendermint/v1beta1/validatorsets/latest?`);
  assert.equal(vs.status, 200);
  assert.equal(vs.body.block_height, '1');
  assert.equal(vs.body.validators.length, 1);
  assert.match(vs.body.validators[0].address, /^secretvalcons1/);
  assert.equal(vs.body.validators[0].pub_key['@type'], '/cosmos.crypto.ed25519.PubKey');
  assert.equal(vs.body.validators[0].voting_power, '10');
  assert.deepEqual(vs.body.pagination, { next_key: null, total: '1' });
  assert.equal((await call(`${url}/cosmos/base/tendermint/v1beta1/validatorsets/1`)).body.block_height, '1');
  assertError(await call(`${url}/cosmos/base/tendermint/v1beta1/validatorsets/latest?pagination.limit=x`), 400, 3);
});

test('broadcast sync, poll 404 then 200 with the exact tx_response shape', async () => {
  const { node, url } = await startNode();
  const tx = 'alpha=one';
  const hash = hashOf(tx);
  // secretjs sends text/plain (fetch's default for a string body) with camelCase txBytes
  const r = await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: JSON.stringify({ txBytes: b64(tx), mode: 'BROADCAST_MODE_SYNC' }) });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, {
    tx_response: {
      height: '0', txhash: hash, codespace: '', code: 0, data: '', raw_log: '', logs: [], info: '',
      gas_wanted: '0', gas_used: '0', tx: null, timestamp: '', events: [],
    },
  });
  const pending = await call(`${url}/cosmos/tx/v1beta1/txs/${hash}?`);
  assertError(pending, 404, 5, `tx not found: ${hash}`);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs/${hash.toLowerCase()}`), 404, 5, `tx not found: ${hash.toLowerCase()}`);

  await node.driver.produceBlock();
  const got = await call(`${url}/cosmos/tx/v1beta1/txs/${hash}?`);
  assert.equal(got.status, 200);
  assert.deepEqual(Object.keys(got.body), ['tx', 'tx_response']);
  const tr = got.body.tx_response;
  assert.deepEqual(Object.keys(tr), ['height', 'txhash', 'codespace', 'code', 'data', 'raw_log', 'logs', 'info', 'gas_wanted', 'gas_used', 'tx', 'timestamp', 'events']);
  assert.equal(tr.height, '2');
  assert.equal(tr.txhash, hash);
  assert.equal(tr.code, 0);
  assert.equal(tr.codespace, '');
  assert.equal(tr.data, toHexUpper(txMsgData('alpha'))); // upper-case hex of TxMsgData
  assert.equal(tr.raw_log, '');
  assert.deepEqual(tr.logs, []);
  assert.equal(tr.gas_wanted, String(tx.length));
  assert.equal(tr.gas_used, String(tx.length));
  assert.match(tr.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(tr.tx['@type'], '/cosmos.tx.v1beta1.Tx');
  assert.equal(tr.tx.body.memo, tx);
  assert.equal(got.body.tx['@type'], undefined);
  assert.equal(got.body.tx.body.memo, tx);
  assert.deepEqual(tr.events[0], { type: 'message', attributes: [{ key: 'action', value: 'set', index: true }, { key: 'msg_index', value: '0', index: true }] });
  assert.equal(tr.events[1].attributes[0].value, 'alpha');
  // lower-case hash works too
  assert.equal((await call(`${url}/cosmos/tx/v1beta1/txs/${hash.toLowerCase()}`)).status, 200);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs/zz`), 400, 3, /invalid tx hash/);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs/00`), 404, 5, 'tx not found: 00');

  // a tx failing in the block is served with its code and log
  await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', json: { tx_bytes: b64('fail=1'), mode: 2 } });
  await node.driver.produceBlock();
  const failed = await call(`${url}/cosmos/tx/v1beta1/txs/${hashOf('fail=1')}`);
  assert.deepEqual([failed.body.tx_response.code, failed.body.tx_response.codespace, failed.body.tx_response.raw_log], [5, 'kv', 'failing on purpose']);
  assert.equal(failed.body.tx_response.data, '');

  // block with txs
  const bw = await call(`${url}/cosmos/tx/v1beta1/txs/block/2`);
  assert.equal(bw.status, 200);
  assert.equal(bw.body.txs[0].body.memo, tx);
  assert.deepEqual(bw.body.pagination, { next_key: null, total: '1' });
});

test('broadcast: modes, CheckTx failures, duplicates, bad input', async () => {
  const { node, url } = await startNode();
  const post = (json: unknown) => call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', json });
  const bad = await post({ txBytes: b64('no-equals'), mode: 'BROADCAST_MODE_SYNC' });
  assert.equal(bad.status, 200);
  assert.deepEqual([bad.body.tx_response.code, bad.body.tx_response.codespace, bad.body.tx_response.raw_log], [2, 'sdk', 'tx parse error']);
  assert.equal((await post({ txBytes: b64('m=1'), mode: '2' })).body.tx_response.code, 0);
  const dup = await post({ txBytes: b64('m=1'), mode: 'BROADCAST_MODE_SYNC' });
  assert.deepEqual([dup.body.tx_response.code, dup.body.tx_response.codespace, dup.body.tx_response.raw_log], [19, 'sdk', 'tx already exists in cache']);
  assert.equal((await post({ txBytes: b64('blk=1'), mode: 'BROADCAST_MODE_BLOCK' })).body.tx_response.code, 0);
  const asyncR = await post({ txBytes: b64('async=1'), mode: 'BROADCAST_MODE_ASYNC' });
  assert.equal(asyncR.body.tx_response.txhash, hashOf('async=1'));
  assert.equal(asyncR.body.tx_response.code, 0);
  for (let i = 0; i < 50 && !node.mempool.has(hashOf('async=1')); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(node.mempool.has(hashOf('async=1')));
  assert.equal(node.mempool.size, 3);

  assertError(await post({ txBytes: b64('x=1') }), 400, 3, /unsupported return type/);
  assertError(await post({ txBytes: b64('x=1'), mode: 'BROADCAST_MODE_UNSPECIFIED' }), 400, 3);
  assertError(await post({ mode: 'BROADCAST_MODE_SYNC' }), 400, 3, 'invalid empty tx');
  assertError(await post({ txBytes: '!!!', mode: 'BROADCAST_MODE_SYNC' }), 400, 3, /base64/);
  assertError(await post([1, 2]), 400, 3);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: '{"txBytes":' }), 400, 3, /invalid JSON body/);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: '{bad', headers: { 'content-type': 'application/json' } }), 400, 3, /invalid JSON body/);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST' }), 400, 3, 'invalid empty tx');
});

test('the front thread answers broadcasts like the fastify route does, and keeps a client\'s order', async () => {
  const viaFront = await startNode();
  const direct = await startNode(undefined, { lcd: { port: 0, frontThread: false } });
  const replies = [];
  for (const { url } of [viaFront, direct]) {
    for (const mode of ['BROADCAST_MODE_SYNC', 'BROADCAST_MODE_ASYNC']) {
      const res = await fetch(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: JSON.stringify({ tx_bytes: b64(`same=${mode}`), mode }) });
      const headers = Object.fromEntries([...res.headers].filter(([k]) => k !== 'date'));
      replies.push({ status: res.status, headers, body: await res.text() });
    }
  }
  assert.deepEqual(replies.slice(0, 2), replies.slice(2));
  assert.equal(replies[0]!.headers['access-control-allow-origin'], '*');
  assert.equal(replies[0]!.headers['content-type'], 'application/json; charset=utf-8');

  // An async broadcast reaches the mempool before any later request of the same client is served.
  const { node, url } = viaFront;
  for (let i = 0; i < 20; i++) {
    await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', json: { tx_bytes: b64(`order=${i}`), mode: 'BROADCAST_MODE_ASYNC' } });
    const dup = await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', json: { tx_bytes: b64(`order=${i}`), mode: 'BROADCAST_MODE_SYNC' } });
    assert.equal(dup.body.tx_response.code, 19, `tx ${i}: ${JSON.stringify(dup.body)}`);
  }
  assert.ok(node.mempool.has(hashOf('order=19')));
});

test('simulate goes through the app query door', async () => {
  const { url } = await startNode();
  const r = await call(`${url}/cosmos/tx/v1beta1/simulate`, { method: 'POST', json: { txBytes: b64('sim=1') } });
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.gas_info, { gas_wanted: '5', gas_used: '5' });
  assert.equal(r.body.result.log, '');
  assert.equal(r.body.result.data, Buffer.from(txMsgData('sim')).toString('base64'));
  assert.equal(r.body.result.events[1].attributes[0].value, 'sim');
  assert.equal(r.body.result.events[1].attributes[3].index, false);
  assert.deepEqual(r.body.result.msg_responses, [{ '@type': '/kv.MsgSetResponse', value: b64('sim') }]);
  // the simulation did not change state
  assertError(await call(`${url}/kv/v1/value/sim`), 404, 5);
  assertError(await call(`${url}/cosmos/tx/v1beta1/simulate`, { method: 'POST', json: { tx_bytes: b64('garbage') } }), 500, 2, 'tx parse error');
  assertError(await call(`${url}/cosmos/tx/v1beta1/simulate`, { method: 'POST', json: {} }), 400, 3, 'empty txBytes is not allowed');
});

test('tx search over HTTP: query, events fallback, pagination, order, errors', async () => {
  const { node, url } = await startNode();
  for (const t of ['s1=a', 's2=b', 's3=a']) await node.mempool.add(utf8(t));
  await node.driver.produceBlock();
  await node.mempool.add(utf8('s4=a'));
  await node.driver.produceBlock();
  const search = (qs: string) => call(`${url}/cosmos/tx/v1beta1/txs?${qs}`);
  const q = encodeURIComponent("message.action='set'");
  const all = await search(`query=${q}`);
  assert.equal(all.status, 200);
  assert.deepEqual(Object.keys(all.body), ['txs', 'tx_responses', 'pagination', 'total']);
  assert.equal(all.body.total, '4');
  assert.equal(all.body.pagination, null);
  assert.deepEqual(all.body.tx_responses.map((t: any) => t.tx_response?.txhash ?? t.txhash), ['s1=a', 's2=b', 's3=a', 's4=a'].map(hashOf));
  assert.equal(all.body.txs[0].body.memo, 's1=a');

  // secretjs style: events + query + pagination.* + limit + page
  const ev = encodeURIComponent("kv.value='a'");
  const p1 = await search(`events=${ev}&events=${encodeURIComponent('tx.height>=1')}&query=${encodeURIComponent("kv.value='a' AND tx.height>=1")}&pagination.limit=1&limit=1&page=1`);
  const p2 = await search(`events=${ev}&query=${encodeURIComponent("kv.value='a' AND tx.height>=1")}&pagination.limit=1&pagination.offset=1&limit=1&page=2`);
  assert.equal(p1.body.tx_responses.length, 1);
  assert.equal(p2.body.tx_responses.length, 1);
  assert.notEqual(p1.body.tx_responses[0].txhash, p2.body.tx_responses[0].txhash);
  assert.equal(p1.body.total, '3');
  assert.equal(p2.body.total, '3');
  // events only (no query)
  assert.equal((await search(`events=${ev}&events=${encodeURIComponent('tx.height=3')}`)).body.total, '1');
  // pagination.* as the only paging input
  const po = await search(`query=${q}&pagination.limit=2&pagination.offset=2`);
  assert.deepEqual(po.body.tx_responses.map((t: any) => t.txhash), ['s3=a', 's4=a'].map(hashOf));
  const desc = await search(`query=${q}&order_by=ORDER_BY_DESC&limit=2`);
  assert.deepEqual(desc.body.tx_responses.map((t: any) => t.txhash), ['s4=a', 's3=a'].map(hashOf));
  assert.equal((await search(`query=${q}&order_by=2&limit=1`)).body.tx_responses[0].txhash, hashOf('s4=a'));

  assertError(await search(''), 400, 3, 'query cannot be empty');
  assertError(await search(`query=${encodeURIComponent("a.b < 'x'")}`), 400, 3, /invalid query/);
  assertError(await search(`query=${q}&pagination.limit=abc`), 400, 3, /pagination\.limit/);
  assertError(await search(`query=${q}&page=-1`), 400, 3, /parameter: page/);
  assertError(await search(`query=${q}&limit=x`), 400, 3, /parameter: limit/);
  assertError(await search(`query=${q}&order_by=SIDEWAYS`), 400, 3, /order_by/);
  assertError(await search(`query=${q}&page=9&limit=1`), 400, 3, /page should be within/);
});

test('app routes: generic adapter, height header, error mapping', async () => {
  const db = new MemoryDb();
  const app = new KvApp(db);
  app.routes.push({ method: 'GET', path: '/kv/v1/boom', grpcPath: '/kv.Query/Boom', request: () => new Uint8Array(), response: () => ({}) });
  app.routes.push({
    method: 'GET',
    path: '/kv/v1/badrender/{key}',
    grpcPath: '/kv.Query/Get',
    request: (p) => utf8(p['key']!),
    response: () => {
      throw new Error('cannot render');
    },
  });
  const { node, url } = await startNode(db, {}, app);
  const v = await call(`${url}/kv/v1/value/init?`);
  assert.equal(v.status, 200);
  assert.deepEqual(v.body, { value: 'yes' });
  assert.equal(v.headers.get('x-cosmos-block-height'), '1');
  assert.equal(v.headers.get('grpc-metadata-x-cosmos-block-height'), '1');

  await node.mempool.add(utf8('init=changed'));
  await node.driver.produceBlock();
  assert.deepEqual((await call(`${url}/kv/v1/value/init`)).body, { value: 'changed' });
  const old = await call(`${url}/kv/v1/value/init`, { headers: { 'x-cosmos-block-height': '1' } });
  assert.deepEqual(old.body, { value: 'yes' });
  assert.equal(old.headers.get('x-cosmos-block-height'), '1');
  assertError(await call(`${url}/kv/v1/value/init`, { headers: { 'x-cosmos-block-height': 'abc' } }), 400, 3, /invalid height header/);
  assertError(await call(`${url}/kv/v1/value/init`, { headers: { 'x-cosmos-block-height': '-1' } }), 400, 3, /height < 0/);
  assertError(await call(`${url}/kv/v1/value/init`, { headers: { 'x-cosmos-block-height': '99' } }), 400, 3, /invalid height/);
  assertError(await call(`${url}/kv/v1/value/missing`), 404, 5, 'key missing not found: key not found');
  // URL-encoded path parameters arrive decoded
  await node.mempool.add(utf8('a b/c=d'));
  await node.driver.produceBlock();
  assert.deepEqual((await call(`${url}/kv/v1/value/${encodeURIComponent('a b/c')}`)).body, { value: 'd' });
  assert.deepEqual((await call(`${url}/kv/v1/keys?pagination.limit=5`)).body, { keys: ['a b/c', 'init'] });
  assertError(await call(`${url}/kv/v1/keys?pagination.limit=abc`), 400, 3, /pagination\.limit/);
  assertError(await call(`${url}/kv/v1/keys?pagination.count_total=maybe`), 400, 3, /count_total/);
  assertError(await call(`${url}/kv/v1/boom`), 500, 13, 'boom');
  assertError(await call(`${url}/kv/v1/badrender/init`), 500, 13, /cannot render/);
});

test('unknown routes, limits, CORS: always JSON', async () => {
  const { url } = await startNode(undefined, { lcd: { port: 0, bodyLimitBytes: 1024, maxUrlBytes: 2048 } });
  assertError(await call(`${url}/no/such/path`), 501, 12, 'Not Implemented');
  assertError(await call(`${url}/cosmos/tx/v1beta1/decode`, { method: 'POST', json: {} }), 501, 12, 'Not Implemented');
  assertError(await call(`${url}/cosmos/base/tendermint/v1beta1/blocks/latest`, { method: 'POST', json: {} }), 501, 12, 'Method Not Allowed');
  assertError(await call(`${url}/cosmos/tx/v1beta1/simulate`), 501, 12, 'Method Not Allowed');
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'DELETE' }), 501, 12, 'Method Not Allowed');

  const big = await call(`${url}/cosmos/tx/v1beta1/txs`, { method: 'POST', json: { txBytes: 'A'.repeat(2000), mode: 'BROADCAST_MODE_SYNC' } });
  assertError(big, 413, 8, /too large/);
  const longUrl = await call(`${url}/cosmos/tx/v1beta1/txs?query=${'a'.repeat(3000)}`);
  assertError(longUrl, 414, 3, /URL too long/);
  assertError(await call(`${url}/cosmos/tx/v1beta1/txs/%zz`), 400, 3);

  const pre = await fetch(`${url}/cosmos/tx/v1beta1/txs`, {
    method: 'OPTIONS',
    headers: { origin: 'http://example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-methods') ?? '', /POST/);
  assert.equal(pre.headers.get('access-control-allow-headers'), 'content-type');
  const get = await fetch(`${url}/cosmos/base/tendermint/v1beta1/syncing`, { headers: { origin: 'http://example.com' } });
  assert.equal(get.headers.get('access-control-allow-origin'), '*');
  const err = await fetch(`${url}/nope`);
  assert.equal(err.headers.get('access-control-allow-origin'), '*');
  assert.match(err.headers.get('content-type') ?? '', /application\/json/);
});

/** Send raw bytes, return the raw response. */
function rawRequest(url: string, payload: string): Promise<string> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(u.port), u.hostname, () => sock.write(payload));
    let out = '';
    sock.on('data', (d) => (out += d.toString()));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
  });
}

test('malformed HTTP and oversized headers get JSON errors too', async () => {
  const { url } = await startNode();
  const garbage = await rawRequest(url, 'NOT HTTP AT ALL\r\n\r\n');
  assert.match(garbage, /^HTTP\/1\.1 400 /);
  assert.deepEqual(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4)), { code: 3, message: 'Bad Request', details: [] });
  const huge = await rawRequest(url, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
  assert.match(huge, /^HTTP\/1\.1 431 /);
  assert.equal(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4)).code, 3);
});

test('a restarted node continues the chain and still serves old txs', async () => {
  const db = new MemoryDb();
  const first = await startNode(db);
  await first.node.mempool.add(utf8('persist=1'));
  await first.node.driver.produceBlock();
  await first.node.stop();
  running.splice(running.indexOf(first.node), 1);

  const second = await startNode(db);
  assert.equal(second.node.driver.height, 2);
  assert.equal((await call(`${second.url}/cosmos/tx/v1beta1/txs/${hashOf('persist=1')}`)).body.tx_response.height, '2');
  await second.node.driver.produceBlock();
  assert.equal((await call(`${second.url}/cosmos/base/tendermint/v1beta1/blocks/latest`)).body.block.header.height, '3');
});
