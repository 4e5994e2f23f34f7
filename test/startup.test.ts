// A fresh `runDev` network: blocks, node info, genesis accounts and params as clients see them
// (§7.1, §7.3, §7.4, §13 of secretjs-compat.md), block header hashes, and stopping and resuming
// the same home.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDev } from '@scrtd/cli';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { FAST, balanceOf, latestHeight, reader, signer, waitForHeight } from './lib/clients.js';
import { DEV_ACCOUNTS, GENESIS_BALANCE, devAccount } from './lib/dev-accounts.js';
import { http, show } from './lib/http.js';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function fresh(): Promise<DevNode> {
  const n = await startDevNode();
  cleanups.push(() => n.stop());
  return n;
}

async function getJson(url: string): Promise<any> {
  const r = await http(url);
  assert.equal(r.status, 200, `${url}: ${show(r)}`);
  return r.json;
}

const GENESIS_FUNDED = ['validator', 'a', 'b', 'c', 'd-relayer'];

test('a fresh dev node serves blocks, node info and the genesis accounts', async () => {
  const node = await fresh();
  const latest = await getJson(`${node.lcdUrl}/cosmos/base/tendermint/v1beta1/blocks/latest`);
  const header = latest.block.header;
  assert.ok(Number(header.height) >= 1);
  assert.equal(header.chain_id, 'secretdev-1');
  assert.match(header.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/, `header time ${header.time} has 9 fractional digits`);
  assert.match(latest.block_id.hash, /^[A-Za-z0-9+/]{43}=$/);
  assert.match(latest.sdk_block.header.proposer_address, /^secretvalcons1/);

  const b1 = await getJson(`${node.lcdUrl}/cosmos/base/tendermint/v1beta1/blocks/1`);
  assert.equal(b1.block.header.height, '1');
  assert.match(b1.block.header.time, /\.\d{9}Z$/);

  const info = await getJson(`${node.lcdUrl}/cosmos/base/tendermint/v1beta1/node_info`);
  assert.equal(info.default_node_info.network, 'secretdev-1');

  // The same through secretjs.
  const q = reader(node.lcdUrl).query;
  const viaJs = await q.tendermint.getNodeInfo({});
  assert.equal(viaJs.default_node_info?.network, 'secretdev-1');

  // Genesis balances (§13.2): validator, a, b, c, d each 1e18; the others nothing and no account.
  for (const a of DEV_ACCOUNTS) {
    const bal = await balanceOf(reader(node.lcdUrl), a.address);
    if (GENESIS_FUNDED.includes(a.name)) {
      if (a.name !== 'validator') assert.equal(bal, GENESIS_BALANCE, a.name);
      else assert.ok(bal > 0n, 'validator is funded');
    } else {
      assert.equal(bal, 0n, a.name);
      const acc = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/${a.address}`);
      assert.equal(acc.status, 404, `${a.name}: ${show(acc)}`);
    }
  }
  const acc = await getJson(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/${devAccount('a').address}`);
  assert.equal(acc.account['@type'], '/cosmos.auth.v1beta1.BaseAccount');
  assert.equal(acc.account.address, devAccount('a').address);
  assert.equal(acc.account.sequence, '0');
  assert.match(acc.account.account_number, /^\d+$/);
  assert.equal(acc.account.pub_key, null);

  // §7.1: auth params exactly.
  assert.deepEqual(await getJson(`${node.lcdUrl}/cosmos/auth/v1beta1/params`), {
    params: { max_memo_characters: '256', tx_sig_limit: '7', tx_size_cost_per_byte: '10', sig_verify_cost_ed25519: '590', sig_verify_cost_secp256k1: '1000' },
  });
  // §7.3: the network IO key is 32 bytes.
  const txKey = await getJson(`${node.lcdUrl}/registration/v1beta1/tx-key`);
  assert.equal(Buffer.from(txKey.key, 'base64').length, 32);
});

test('block headers carry the app hash of the previous block', async () => {
  const node = await fresh();
  const a = signer(node.lcdUrl, 'a');
  const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: devAccount('b').address, amount: [{ denom: 'uscrt', amount: '1' }] }, FAST);
  assert.equal(tx.code, 0, tx.rawLog);
  await waitForHeight(node.lcdUrl, tx.height + 2);
  const hashes: string[] = [];
  for (let h = 1; h <= tx.height + 2; h++) {
    const b = await getJson(`${node.lcdUrl}/cosmos/base/tendermint/v1beta1/blocks/${h}`);
    const appHash = b.block.header.app_hash;
    assert.ok(typeof appHash === 'string' && Buffer.from(appHash, 'base64').length === 32, `height ${h}: app_hash ${JSON.stringify(appHash)} must be 32 bytes`);
    hashes.push(appHash);
  }
  // The tx at tx.height changes state, so the header after it carries a different app hash.
  assert.notEqual(hashes[tx.height], hashes[tx.height - 1], 'app hash changes after a state change');
});

test('stopping and starting the same home without reset resumes the chain', async () => {
  const home = await mkdtemp(join(tmpdir(), 'scrtd-e2e-resume-'));
  cleanups.push(() => rm(home, { recursive: true, force: true }));
  const opts = { home, blockTime: '100', lcdHost: '127.0.0.1', lcdPort: '0', minGasPrice: '0.0125uscrt', logLevel: 'silent', quiet: true };

  const first = await runDev({ ...opts, reset: true });
  let height: number;
  const target = devAccount('extra-3').address;
  try {
    const a = signer(first.lcdUrl, 'a');
    const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: target, amount: [{ denom: 'uscrt', amount: '31337' }] }, FAST);
    assert.equal(tx.code, 0, tx.rawLog);
    height = await latestHeight(first.lcdUrl);
  } finally {
    await first.stop();
  }

  const second = await runDev({ ...opts, reset: false });
  try {
    assert.ok((await latestHeight(second.lcdUrl)) >= height, 'height does not go back');
    assert.equal(await balanceOf(reader(second.lcdUrl), target), 31337n, 'state survives the restart');
    await waitForHeight(second.lcdUrl, height + 2);
    const a = signer(second.lcdUrl, 'a');
    const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: target, amount: [{ denom: 'uscrt', amount: '1' }] }, FAST);
    assert.equal(tx.code, 0, tx.rawLog);
    assert.equal(await balanceOf(reader(second.lcdUrl), target), 31338n);
  } finally {
    await second.stop();
  }

  // --reset starts over from genesis on the same home.
  const third = await runDev({ ...opts, reset: true });
  try {
    assert.equal(await balanceOf(reader(third.lcdUrl), target), 0n);
    assert.equal(await balanceOf(reader(third.lcdUrl), devAccount('a').address), GENESIS_BALANCE);
  } finally {
    await third.stop();
  }
});
