// Contracts written in TypeScript (contracts/examples, AssemblyScript, CosmWasm v1) through the
// unmodified secretjs client against `scrtd dev`: the SNIP-20-style token (transfer, errors,
// viewing keys, permits), the counter with admin-only migration, and the caller/callee pair
// (sub-messages with replies, funds, contract-to-contract queries, instantiation from a contract).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MsgExecuteContractResponse } from 'secretjs';
import { compute } from '@scrtd/proto';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { FAST, balanceOf, signer, type Signer } from './lib/clients.js';
import { exampleWasm } from './lib/wasm.js';

const GAS = { gasLimit: 300_000, ...FAST };

let node: DevNode;
let a: Signer;
let b: Signer;
const code: Record<string, { id: string; hash: string }> = {};

const log = (tx: { arrayLog?: { type: string; key: string; value: string }[] }, type: string, key: string) =>
  tx.arrayLog?.find((l) => l.type === type && l.key === key)?.value;

async function instantiate(s: Signer, name: string, msg: object, label: string, admin?: string): Promise<string> {
  const tx = await s.client.tx.compute.instantiateContract(
    { sender: s.address, code_id: code[name]!.id, code_hash: code[name]!.hash, init_msg: msg, label, init_funds: [], admin },
    GAS,
  );
  assert.equal(tx.code, 0, tx.rawLog);
  return log(tx, 'message', 'contract_address')!;
}

before(async () => {
  node = await startDevNode();
  a = signer(node.lcdUrl, 'a');
  b = signer(node.lcdUrl, 'b');
  for (const name of ['snip20', 'counter', 'caller', 'callee']) {
    const tx = await a.client.tx.compute.storeCode({ sender: a.address, wasm_byte_code: exampleWasm(name), source: '', builder: '' }, { gasLimit: 3_000_000, ...FAST });
    assert.equal(tx.code, 0, tx.rawLog);
    const id = log(tx, 'message', 'code_id')!;
    code[name] = { id, hash: (await a.client.query.compute.codeHashByCodeId({ code_id: id })).code_hash! };
  }
});
after(async () => {
  await node?.stop();
});

test('token: transfer, balances by viewing key and permit, errors', async () => {
  const token = await instantiate(a, 'snip20', { name: 'Test Token', symbol: 'TTK', decimals: 6, initial_balances: [{ address: a.address, amount: '1000' }] }, 'token');
  const h = code.snip20!.hash;
  const exec = (s: Signer, msg: object) => s.client.tx.compute.executeContract({ sender: s.address, contract_address: token, code_hash: h, msg, sent_funds: [] }, GAS);

  const tx = await exec(a, { transfer: { recipient: b.address, amount: '250' } });
  assert.equal(tx.code, 0, tx.rawLog);
  assert.equal(log(tx, 'execute', 'contract_address'), token, 'v1 contracts get an execute event');

  for (const [s, key] of [[a, 'vk-a'], [b, 'vk-b']] as const) {
    const set = await exec(s, { set_viewing_key: { key } });
    assert.equal(set.code, 0, set.rawLog);
  }
  const balance = (s: Signer, key: string) => a.client.query.compute.queryContract({ contract_address: token, code_hash: h, query: { balance: { address: s.address, key } } });
  assert.deepEqual(await balance(a, 'vk-a'), { balance: { amount: '750' } });
  assert.deepEqual(await balance(b, 'vk-b'), { balance: { amount: '250' } });
  assert.ok(!('balance' in ((await balance(b, 'wrong')) as object)), 'a wrong viewing key reveals nothing');

  // A SNIP-24 permit signed by secretjs's own permit helper.
  const permit = await b.client.utils.accessControl.permit.sign(b.address, 'secretdev-1', 'test-permit', [token], ['balance'], false);
  assert.deepEqual(
    await b.client.query.compute.queryContract({ contract_address: token, code_hash: h, query: { with_permit: { permit, query: { balance: {} } } } }),
    { balance: { amount: '250' } },
  );

  const poor = await exec(b, { transfer: { recipient: a.address, amount: '1000000' } });
  assert.equal(poor.code, 3);
  assert.match(poor.rawLog, /^failed to execute message; message index: 0: Generic error: insufficient funds: balance=250, required=1000000: execute contract failed$/);
  assert.deepEqual(await balance(b, 'vk-b'), { balance: { amount: '250' } }, 'a failed transfer changes nothing');

  const info = await a.client.query.compute.queryContract({ contract_address: token, code_hash: h, query: { token_info: {} } });
  assert.equal((info as { token_info: { symbol: string } }).token_info.symbol, 'TTK');
});

test('counter: execute with data and events, migrate by the admin only, history', async () => {
  const counter = await instantiate(a, 'counter', { count: 5 }, 'counter', a.address);
  const h = code.counter!.hash;
  const inc = await a.client.tx.compute.executeContract({ sender: a.address, contract_address: counter, code_hash: h, msg: { increment: {} }, sent_funds: [] }, GAS);
  assert.equal(inc.code, 0, inc.rawLog);
  assert.deepEqual(JSON.parse(new TextDecoder().decode(MsgExecuteContractResponse.decode(inc.data[0]!).data)), { count: 6 });
  assert.equal(log(inc, 'wasm', 'action'), 'increment');
  assert.equal(log(inc, 'wasm', 'counter_changed'), 'true');
  assert.equal(log(inc, 'wasm-counter', 'contract_address'), counter);

  // Simulation runs the contract (gas estimate) and changes nothing.
  const sim = await a.client.tx.compute.executeContract.simulate({ sender: a.address, contract_address: counter, code_hash: h, msg: { increment: {} }, sent_funds: [] });
  assert.ok(Number(sim.gas_info?.gas_used) > 20_000, `simulated gas ${sim.gas_info?.gas_used}`);
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: counter, code_hash: h, query: { get_count: {} } }), { count: 6 });

  const byB = await b.client.tx.compute.migrateContract({ sender: b.address, contract_address: counter, code_id: code.counter!.id, code_hash: h, msg: { set_count: { count: 1 } } }, GAS);
  assert.notEqual(byB.code, 0);
  assert.match(byB.rawLog, /unauthorized/);

  const mig = await a.client.tx.compute.migrateContract({ sender: a.address, contract_address: counter, code_id: code.counter!.id, code_hash: h, msg: { set_count: { count: 42 } } }, GAS);
  assert.equal(mig.code, 0, mig.rawLog);
  assert.deepEqual(
    mig.arrayLog!.map((l) => `${l.type}.${l.key}`).slice(0, 6),
    ['message.action', 'message.sender', 'message.module', 'migrate.code_id', 'migrate.contract_address', 'wasm.contract_address'],
  );
  assert.equal(log(mig, 'wasm', 'count'), '42');
  assert.deepEqual(JSON.parse(new TextDecoder().decode(compute.MsgMigrateContractResponse.decode(mig.data[0]!).data)), { count: 42 });
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: counter, code_hash: h, query: { get_count: {} } }), { count: 42 });

  const history = await a.client.query.compute.contractHistory({ contract_address: counter });
  assert.deepEqual(history.entries?.map((e) => e.operation), ['CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT', 'CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE']);
  assert.deepEqual(JSON.parse(history.entries![1]!.msg as string), { set_count: { count: 42 } });
});

test('caller and callee: sub-messages, replies, funds, queries, instantiation from a contract', async () => {
  const callee = await instantiate(a, 'callee', { value: 'start' }, 'callee');
  const caller = await instantiate(a, 'caller', {}, 'caller');
  const hc = code.caller!.hash;
  const he = code.callee!.hash;
  const calleeBefore = await balanceOf(a.client, callee);

  const call = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: caller, code_hash: hc, msg: { call: { contract: callee, code_hash: he, msg: { set: { value: 'hello' } } } }, sent_funds: [{ denom: 'uscrt', amount: '7' }] },
    GAS,
  );
  assert.equal(call.code, 0, call.rawLog);
  // The reply returned the callee's data as the caller's own (encrypted to the sender, decrypted by secretjs).
  const data = JSON.parse(new TextDecoder().decode(MsgExecuteContractResponse.decode(call.data[0]!).data)) as Record<string, unknown>;
  assert.equal(data.value, 'hello');
  assert.equal(data.sender, caller);
  assert.deepEqual(data.funds, [{ denom: 'uscrt', amount: '7' }]);
  assert.equal(await balanceOf(a.client, callee), calleeBefore + 7n, 'funds went on to the callee');
  const wasmAddrs = call.arrayLog!.filter((l) => l.type === 'wasm' && l.key === 'contract_address').map((l) => l.value);
  assert.deepEqual(wasmAddrs, [caller, callee], 'caller and callee events, in order');
  assert.equal(log(call, 'wasm', 'reply_id'), '1');
  const last = (await a.client.query.compute.queryContract({ contract_address: caller, code_hash: hc, query: { last_reply: {} } })) as { id: number; ok: boolean };
  assert.equal(last.id, 1);
  assert.equal(last.ok, true);
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: callee, code_hash: he, query: { get: {} } }), { value: 'hello', calls: 1 });

  // A failing callee: reply_on always gives the caller the (decrypted) error; the tx succeeds.
  const failing = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: caller, code_hash: hc, msg: { call: { contract: callee, code_hash: he, msg: { fail: {} } } }, sent_funds: [] },
    GAS,
  );
  assert.equal(failing.code, 0, failing.rawLog);
  assert.match(log(failing, 'wasm', 'callee_error') ?? '', /callee failed on purpose/);

  // Contract-to-contract query, through a query and through an execute.
  assert.deepEqual(
    await a.client.query.compute.queryContract({ contract_address: caller, code_hash: hc, query: { proxy: { contract: callee, code_hash: he, msg: { echo: { text: 'hi' } } } } }),
    { echo: 'hi' },
  );
  const q = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: caller, code_hash: hc, msg: { query_callee: { contract: callee, code_hash: he, msg: { get: {} } } }, sent_funds: [] },
    GAS,
  );
  assert.equal(q.code, 0, q.rawLog);
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: caller, code_hash: hc, query: { last_query: {} } }), { value: 'hello', calls: 1 });
  // A wrong code hash in a sub-query fails the enclave's validation.
  const wrongHash = await a.client.query.compute.queryContract({ contract_address: caller, code_hash: hc, query: { proxy: { contract: callee, code_hash: 'ab'.repeat(32), msg: { get: {} } } } });
  assert.match(JSON.stringify(wrongHash), /failed to validate transaction/);

  // Instantiate from a contract: the reply learns the new address.
  const spawn = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: caller, code_hash: hc, msg: { spawn: { code_id: Number(code.callee!.id), code_hash: he, msg: { value: 'child' }, label: 'child' } }, sent_funds: [] },
    GAS,
  );
  assert.equal(spawn.code, 0, spawn.rawLog);
  const child = log(spawn, 'wasm', 'spawned')!;
  assert.equal((await a.client.query.compute.addressByLabel({ label: 'child' })).contract_address, child);
  assert.equal((await a.client.query.compute.contractInfo({ contract_address: child })).contract_info?.creator, caller);
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: child, code_hash: he, query: { get: {} } }), { value: 'child', calls: 0 });

  // A bank send from the contract's own balance.
  const toB = await balanceOf(a.client, b.address);
  const send = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: caller, code_hash: hc, msg: { send_bank: { to: b.address, amount: [{ denom: 'uscrt', amount: '3' }] } }, sent_funds: [{ denom: 'uscrt', amount: '3' }] },
    GAS,
  );
  assert.equal(send.code, 0, send.rawLog);
  assert.equal(await balanceOf(a.client, b.address), toB + 3n);
});
