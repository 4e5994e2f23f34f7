// Secret contracts through the real `scrtd` command line (child processes) against a dev node: the
// hand-written CosmWasm v0.10 module packages/app/test/fixtures/echo-v010.wat stored, instantiated,
// executed and queried with `scrtd tx compute …` / `scrtd query compute …`; the CLI encrypts the
// messages and decrypts data, wasm attributes, query answers and contract errors like secretjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './lib/cli.js';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { devAccount } from './lib/dev-accounts.js';
import { echoWasm } from './lib/wasm.js';

let node: DevNode;
let wasmFile: string;
let codeId: string;
let codeHash: string;
let contract: string;
const A = devAccount('a').address;

before(async () => {
  node = await startDevNode();
  wasmFile = join(node.home, 'echo.wasm');
  writeFileSync(wasmFile, await echoWasm());
});
after(async () => {
  await node?.stop();
});

/** `scrtd --home <dev home> <args> --node <lcd>`: the dev node's keyring has the dev accounts. */
const scrtd = (args: string[]) => runCli(['--home', node.home, ...args, '--node', node.lcdUrl], { timeoutMs: 40_000 });

function parseJson(out: string, what: string): any {
  try {
    return JSON.parse(out);
  } catch {
    assert.fail(`${what}: stdout is not JSON: ${out}`);
  }
}

async function ok(args: string[]): Promise<any> {
  const r = await scrtd(args);
  assert.equal(r.code, 0, `scrtd ${args.join(' ')}\nstdout ${r.stdout}\nstderr ${r.stderr}`);
  return parseJson(r.stdout, args.slice(0, 3).join(' '));
}

const attr = (wasm: { key: string; value: string }[], key: string) => wasm.find((x) => x.key === key)?.value;

async function txJson(hash: string): Promise<any> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const r = await fetch(`${node.lcdUrl}/cosmos/tx/v1beta1/txs/${hash}`);
    if (r.status === 200) return r.json();
    if (Date.now() > deadline) assert.fail(`tx ${hash} not committed`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

test('tx compute store prints the code id; list-code and code-hash --code-id show it', async () => {
  const store = await ok(['tx', 'compute', 'store', 'a', wasmFile, '--source', 'https://example.com/echo', '--builder', 'hand/wat:1']);
  assert.equal(store.code, 0);
  assert.match(store.code_id, /^\d+$/);
  assert.match(store.txhash, /^[0-9A-F]{64}$/);
  assert.equal(store.gas_wanted, '2000000');
  codeId = store.code_id;
  const tx = await txJson(store.txhash);
  assert.deepEqual(tx.tx.auth_info.fee.amount, [{ denom: 'uscrt', amount: '200000' }], 'upload fee = 2000000 gas × 0.1uscrt');

  codeHash = (await ok(['query', 'compute', 'code-hash', '--code-id', codeId])).code_hash;
  assert.match(codeHash, /^[0-9a-f]{64}$/);
  const list = await ok(['query', 'compute', 'list-code']);
  const info = list.code_infos.find((c: { code_id: string }) => c.code_id === codeId);
  assert.deepEqual(info, { code_id: codeId, creator: A, code_hash: codeHash, source: 'https://example.com/echo', builder: 'hand/wat:1' });

  const neither = await scrtd(['query', 'compute', 'code-hash']);
  assert.equal(neither.code, 1);
  assert.match(neither.stderr, /either a contract address or --code-id/);
});

test('tx compute instantiate prints the contract address; label, code-hash and contract-info find it', async () => {
  const inst = await ok(['tx', 'compute', 'instantiate', 'a', codeId, '{"count":3}', '--label', 'echo-cli', '--admin', 'a', '--amount', '7uscrt']);
  assert.equal(inst.code, 0);
  contract = inst.contract_address;
  assert.match(contract, /^secret1[0-9a-z]{38}$/);
  assert.equal(attr(inst.wasm, 'contract_address'), contract);
  assert.equal(attr(inst.wasm, 'init'), 'done', 'plaintext attributes are kept');

  assert.deepEqual(await ok(['query', 'compute', 'label', 'echo-cli']), { contract_address: contract });
  assert.deepEqual(await ok(['query', 'compute', 'code-hash', contract]), { code_hash: codeHash });
  const info = await ok(['query', 'compute', 'contract-info', contract]);
  assert.equal(info.contract_info.code_id, codeId);
  assert.equal(info.contract_info.creator, A);
  assert.equal(info.contract_info.label, 'echo-cli');
  assert.equal(info.contract_info.admin, A);
  const bal = await ok(['query', 'bank', 'balances', contract, '--denom', 'uscrt']);
  assert.deepEqual(bal.balance, { denom: 'uscrt', amount: '7' }, '--amount becomes init funds');

  // The contract saw the decrypted init message and the v0.10 env.
  assert.deepEqual(await ok(['query', 'compute', 'contract-state', 'smart', contract, '{"msg":{}}']), { count: 3 });
  const env = await ok(['query', 'compute', 'contract-state', 'smart', contract, '{"env":{}}']);
  assert.equal(env.message.sender, A);
  assert.deepEqual(env.message.sent_funds, [{ denom: 'uscrt', amount: '7' }]);
  assert.equal(env.contract.address, contract);
  assert.equal(env.contract_code_hash, codeHash);

  const dup = await scrtd(['tx', 'compute', 'instantiate', 'a', codeId, '{"count":1}', '--label', 'echo-cli']);
  assert.equal(dup.code, 1, dup.stderr);
  const d = parseJson(dup.stdout, 'duplicate label');
  assert.equal(d.code, 6);
  assert.match(d.raw_log, /echo-cli: contract account already exists/);

  const missingLabel = await scrtd(['tx', 'compute', 'instantiate', 'a', codeId, '{}']);
  assert.equal(missingLabel.code, 1);
  assert.match(missingLabel.stderr, /--label/);
});

test('tx compute execute prints decrypted data and wasm attributes; smart queries decrypt', async () => {
  const exec = await ok(['tx', 'compute', 'execute', 'a', contract, '{"echo":{"marker":"x"}}', '--amount', '5uscrt', '--gas', '300000', '--gas-prices', '0.25uscrt']);
  assert.equal(exec.code, 0);
  assert.equal(exec.data, 'hi');
  assert.equal(attr(exec.wasm, 'handled'), 'yes');
  assert.equal(attr(exec.wasm, 'contract_address'), contract);
  const tx = await txJson(exec.txhash);
  assert.deepEqual(tx.tx.auth_info.fee.amount, [{ denom: 'uscrt', amount: '75000' }], 'fee = gas × --gas-prices');
  // On chain everything is ciphertext: the attribute key is not readable without the key.
  const onChain = tx.tx_response.events.filter((e: { type: string }) => e.type === 'wasm').flatMap((e: { attributes: { key: string }[] }) => e.attributes);
  assert.ok(!onChain.some((x: { key: string }) => x.key === 'handled'));

  assert.deepEqual(await ok(['query', 'compute', 'contract-state', 'smart', contract, '{"last":{}}']), { echo: { marker: 'x' } });
  assert.deepEqual(await ok(['q', 'compute', 'contract-state', 'smart', contract, '{"last":{}}', '--code-hash', codeHash]), { echo: { marker: 'x' } });
  const bal = await ok(['query', 'bank', 'balances', contract, '--denom', 'uscrt']);
  assert.equal(bal.balance.amount, '12', '--amount becomes sent funds');

  // --no-wait returns after CheckTx; query compute tx decrypts it later with the same key.
  const quick = await ok(['tx', 'compute', 'execute', 'a', contract, '{"echo":{"marker":"later"}}', '--no-wait']);
  assert.equal(quick.code, 0);
  await txJson(quick.txhash);
  const later = await ok(['query', 'compute', 'tx', quick.txhash]);
  assert.equal(later.decrypted, true);
  assert.equal(later.responses[0].data, 'hi');
  assert.equal(attr(later.wasm, 'handled'), 'yes');
  const foreign = await ok(['query', 'compute', 'tx', quick.txhash, '--from', 'b']);
  assert.equal(foreign.decrypted, false, 'another key cannot decrypt');
  assert.equal(attr(foreign.wasm, 'handled'), undefined);
  assert.equal(foreign.responses[0].data, undefined);
});

test('a contract error is printed decrypted with exit status 1', async () => {
  const fail = await scrtd(['tx', 'compute', 'execute', 'a', contract, '{"fail":{}}']);
  assert.equal(fail.code, 1, fail.stderr);
  const res = parseJson(fail.stdout, 'failed execute');
  assert.equal(res.code, 3);
  assert.equal(res.error, '{"generic_err":{"msg":"asked to fail"}}');
  assert.equal(res.raw_log, 'failed to execute message; message index: 0: {"generic_err":{"msg":"asked to fail"}}: execute contract failed');

  // On chain it is ciphertext; the sender's key decrypts it later, another key does not.
  const chain = await txJson(res.txhash);
  assert.match(chain.tx_response.raw_log, /encrypted: [A-Za-z0-9+/=]+: execute contract failed/);
  const mine = await ok(['query', 'compute', 'tx', res.txhash, '--from', 'a']);
  assert.equal(mine.error, '{"generic_err":{"msg":"asked to fail"}}');
  const theirs = await ok(['query', 'compute', 'tx', res.txhash, '--from', 'b']);
  assert.equal(theirs.error, undefined);
  assert.match(theirs.raw_log, /encrypted: /);

  // A query error: decrypted on stderr, exit status 1.
  const q = await scrtd(['query', 'compute', 'contract-state', 'smart', contract, '{"zzz":{}}']);
  assert.equal(q.code, 1, q.stdout);
  assert.match(q.stderr, /^Error: .*unknown query.*query contract failed/);
  assert.doesNotMatch(q.stderr, /encrypted:/);
  // A wrong code hash fails in the enclave's validation (not a contract error).
  const wrong = await scrtd(['query', 'compute', 'contract-state', 'smart', contract, '{"msg":{}}', '--code-hash', 'ab'.repeat(32)]);
  assert.equal(wrong.code, 1);
  assert.match(wrong.stderr, /failed to validate transaction/);

  // Bad arguments fail before anything is sent.
  const badJson = await scrtd(['tx', 'compute', 'execute', 'a', contract, '{nope']);
  assert.equal(badJson.code, 1);
  assert.match(badJson.stderr, /execute message is not valid JSON/);
  const badAddr = await scrtd(['tx', 'compute', 'execute', 'a', 'secret1xyz', '{}']);
  assert.equal(badAddr.code, 1);
  assert.match(badAddr.stderr, /invalid contract address/);
  const noKey = await scrtd(['tx', 'compute', 'execute', 'nosuchkey', contract, '{}']);
  assert.equal(noKey.code, 1);
  assert.match(noKey.stderr, /key nosuchkey not found/);
});

test('tx compute migrate: the v0.10 echo contract cannot migrate, and only the admin may try', async () => {
  const notAdmin = await scrtd(['tx', 'compute', 'migrate', 'b', contract, codeId, '{"migrate":{}}']);
  assert.equal(notAdmin.code, 1, notAdmin.stderr);
  assert.notEqual(parseJson(notAdmin.stdout, 'migrate by b').code, 0);
  const admin = await scrtd(['tx', 'compute', 'migrate', 'a', contract, codeId, '{"migrate":{}}']);
  assert.equal(admin.code, 1, admin.stderr);
  const res = parseJson(admin.stdout, 'migrate by a');
  assert.notEqual(res.code, 0);
  assert.match(res.raw_log, /migrate/);
  // The contract is unchanged.
  assert.deepEqual(await ok(['query', 'compute', 'contract-state', 'smart', contract, '{"msg":{}}']), { count: 3 });
});
