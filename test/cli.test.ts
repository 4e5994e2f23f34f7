// The real `scrtd` command line as child processes: `dev` (LCD URL read from its banner), keys
// list / add --recover / show, tx bank send, query bank balances, SIGINT shutdown, and a restart
// of the same home without --reset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCliDev, type DevProcess } from './lib/cli.js';
import { DEV_ACCOUNTS, devAccount } from './lib/dev-accounts.js';
import { latestHeight } from './lib/clients.js';

let home: string;
let dev: DevProcess | undefined;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'scrtd-e2e-cli-'));
  dev = await startCliDev(home, ['--reset', '--lcd-port', '0', '--block-time', '100', '--log-level', 'silent']);
});

after(async () => {
  if (dev && dev.child.exitCode === null && dev.child.signalCode === null) {
    dev.child.kill('SIGKILL');
    await dev.exited;
  }
  await rm(home, { recursive: true, force: true });
});

const scrtd = (args: string[], stdin?: string) => runCli(['--home', home, ...args], { stdin });

function parseJson(out: string, what: string): any {
  try {
    return JSON.parse(out);
  } catch {
    assert.fail(`${what}: stdout is not JSON: ${out}`);
  }
}

const UNFUNDED = devAccount('unfunded-20');

test('scrtd dev prints a banner with the chain, the LCD URL and the dev accounts', async () => {
  assert.ok(dev);
  const out = dev.stdout();
  assert.match(out, /chain secretdev-1 is running/);
  assert.match(dev.lcdUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(dev.lcdUrl, 'http://127.0.0.1:0');
  for (const a of DEV_ACCOUNTS) assert.ok(out.includes(a.address), `banner lists ${a.name}`);
  const r = await fetch(`${dev.lcdUrl}/cosmos/base/tendermint/v1beta1/node_info`);
  assert.equal(r.status, 200);
  assert.equal(((await r.json()) as any).default_node_info.network, 'secretdev-1');
});

test('scrtd keys list shows the dev accounts', async () => {
  const r = await scrtd(['keys', 'list']);
  assert.equal(r.code, 0, r.stderr);
  const keys = parseJson(r.stdout, 'keys list') as { name: string; address: string; pubkey: string }[];
  for (const a of DEV_ACCOUNTS) {
    const k = keys.find((x) => x.name === a.name);
    assert.ok(k, `keys list has ${a.name}`);
    assert.equal(k.address, a.address, a.name);
    assert.equal(Buffer.from(k.pubkey, 'base64').length, 33, `${a.name} pubkey is a compressed secp256k1 key`);
  }
  assert.ok(!r.stdout.includes(devAccount('a').mnemonic), 'list does not print mnemonics');
});

test('scrtd keys add --recover reads the mnemonic from stdin; keys show --address', async () => {
  const r = await scrtd(['keys', 'add', 'mykey', '--recover'], `${UNFUNDED.mnemonic}\n`);
  assert.equal(r.code, 0, r.stderr);
  const k = parseJson(r.stdout, 'keys add');
  assert.equal(k.name, 'mykey');
  assert.equal(k.address, UNFUNDED.address);
  assert.equal(k.mnemonic, undefined, 'a recovered key does not echo its mnemonic');

  const dup = await scrtd(['keys', 'add', 'mykey', '--recover'], `${UNFUNDED.mnemonic}\n`);
  assert.notEqual(dup.code, 0, 'adding an existing name fails');
  assert.match(dup.stderr, /already exists/);

  const bad = await scrtd(['keys', 'add', 'badkey', '--recover'], 'not a valid mnemonic at all\n');
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /invalid mnemonic/);

  const showA = await scrtd(['keys', 'show', 'a', '--address']);
  assert.equal(showA.code, 0, showA.stderr);
  assert.equal(showA.stdout.trim(), devAccount('a').address);
  const showMine = await scrtd(['keys', 'show', 'mykey', '-a']);
  assert.equal(showMine.stdout.trim(), UNFUNDED.address);

  const missing = await scrtd(['keys', 'show', 'nosuchkey']);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /key nosuchkey not found/);
});

test('scrtd tx bank send, then scrtd query bank balances', async () => {
  assert.ok(dev);
  const node = dev.lcdUrl;
  const before = await scrtd(['query', 'bank', 'balances', UNFUNDED.address, '--node', node, '--denom', 'uscrt']);
  assert.equal(before.code, 0, before.stderr);
  assert.deepEqual(parseJson(before.stdout, 'balance').balance, { denom: 'uscrt', amount: '0' });

  const send = await scrtd(['tx', 'bank', 'send', 'a', UNFUNDED.address, '1000uscrt', '--node', node]);
  assert.equal(send.code, 0, `stdout ${send.stdout} stderr ${send.stderr}`);
  const res = parseJson(send.stdout, 'tx bank send');
  assert.match(res.txhash, /^[0-9A-F]{64}$/);
  assert.equal(res.code, 0);
  assert.ok(Number(res.height) >= 1);

  const bal = await scrtd(['query', 'bank', 'balances', 'mykey', '--node', node, '--denom', 'uscrt']);
  assert.equal(bal.code, 0, bal.stderr);
  assert.deepEqual(parseJson(bal.stdout, 'balance').balance, { denom: 'uscrt', amount: '1000' });
  const atOne = await scrtd(['query', 'bank', 'balances', 'mykey', '--node', node, '--denom', 'uscrt', '--height', '1']);
  assert.equal(atOne.code, 0, atOne.stderr);
  assert.deepEqual(parseJson(atOne.stdout, 'balance at 1').balance, { denom: 'uscrt', amount: '0' });
  const all = await scrtd(['q', 'bank', 'balances', 'mykey', '--node', node]);
  assert.equal(all.code, 0, all.stderr);
  assert.deepEqual(parseJson(all.stdout, 'all balances').balances, [{ denom: 'uscrt', amount: '1000' }]);

  // The tx is visible through the LCD.
  const got = await fetch(`${node}/cosmos/tx/v1beta1/txs/${res.txhash}`);
  assert.equal(got.status, 200);

  // mykey cannot pay the default 2500uscrt fee: CheckTx code 5, exit status 1, nothing spent.
  const poor = await scrtd(['tx', 'bank', 'send', 'mykey', devAccount('b').address, '1uscrt', '--node', node]);
  assert.equal(poor.code, 1, `stdout ${poor.stdout} stderr ${poor.stderr}`);
  assert.equal(parseJson(poor.stdout, 'failed send').code, 5);
  const still = await scrtd(['query', 'bank', 'balances', 'mykey', '--node', node, '--denom', 'uscrt']);
  assert.equal(parseJson(still.stdout, 'balance').balance.amount, '1000');

  // A node that is not there: a clean error, not a hang.
  const down = await scrtd(['query', 'bank', 'balances', 'mykey', '--node', 'http://127.0.0.1:9', '--denom', 'uscrt']);
  assert.equal(down.code, 1);
  assert.match(down.stderr, /^Error: /);
});

test('SIGINT stops scrtd dev; a restart without --reset keeps the chain', async () => {
  assert.ok(dev);
  const heightBefore = await latestHeight(dev.lcdUrl);
  const first = dev;
  first.child.kill('SIGINT');
  let timer: NodeJS.Timeout | undefined;
  const exit = await Promise.race([first.exited, new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), 10_000)))]);
  clearTimeout(timer);
  assert.notEqual(exit, 'timeout', 'scrtd dev exits within 10 s of SIGINT');
  assert.deepEqual(exit, { code: 0, signal: null });
  const refused = await fetch(`${first.lcdUrl}/cosmos/base/tendermint/v1beta1/blocks/latest`).then(
    () => 'answered',
    () => 'refused',
  );
  assert.equal(refused, 'refused', 'the LCD is closed');

  dev = await startCliDev(home, ['--lcd-port', '0', '--block-time', '100', '--log-level', 'silent']);
  const heightAfter = await latestHeight(dev.lcdUrl);
  assert.ok(heightAfter >= heightBefore, `chain continues: ${heightBefore} → ${heightAfter}`);
  const bal = await scrtd(['query', 'bank', 'balances', 'mykey', '--node', dev.lcdUrl, '--denom', 'uscrt']);
  assert.equal(bal.code, 0, bal.stderr);
  assert.equal(parseJson(bal.stdout, 'balance after restart').balance.amount, '1000');
  const send = await scrtd(['tx', 'bank', 'send', 'a', UNFUNDED.address, '1uscrt', '--node', dev.lcdUrl]);
  assert.equal(send.code, 0, `stdout ${send.stdout} stderr ${send.stderr}`);

  dev.child.kill('SIGTERM');
  assert.deepEqual(await dev.exited, { code: 0, signal: null });
});
