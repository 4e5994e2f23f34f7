// Secret contracts through the unmodified secretjs client against `scrtd dev`: a hand-written
// CosmWasm v0.10 module (packages/app/test/fixtures/echo-v010.wat) stored, instantiated, executed
// and queried; outputs decrypted by secretjs; compute LCD routes; admin changes; privacy between
// two clients.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MsgExecuteContractResponse, SecretNetworkClient } from 'secretjs';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { FAST, signer, type Signer } from './lib/clients.js';
import { echoWasm } from './lib/wasm.js';

let node: DevNode;
let a: Signer;
let b: Signer;
let codeId: string;
let codeHash: string;
let contract: string;

before(async () => {
  node = await startDevNode();
  a = signer(node.lcdUrl, 'a');
  b = signer(node.lcdUrl, 'b');
});
after(async () => {
  await node?.stop();
});

const log = (tx: { arrayLog?: { type: string; key: string; value: string }[] }, type: string, key: string) =>
  tx.arrayLog?.find((l) => l.type === type && l.key === key)?.value;

test('store code and read it back through the compute routes', async () => {
  const wasm = await echoWasm();
  const tx = await a.client.tx.compute.storeCode({ sender: a.address, wasm_byte_code: wasm, source: '', builder: '' }, { gasLimit: 1_000_000, ...FAST });
  assert.equal(tx.code, 0, tx.rawLog);
  codeId = log(tx, 'message', 'code_id')!;
  assert.equal(codeId, '1');
  codeHash = (await a.client.query.compute.codeHashByCodeId({ code_id: codeId })).code_hash!;
  assert.match(codeHash, /^[0-9a-f]{64}$/);
  const codes = await a.client.query.compute.codes({});
  assert.equal(codes.code_infos?.[0]?.code_hash, codeHash);
  assert.equal(codes.code_infos?.[0]?.creator, a.address);
});

test('instantiate, execute and query with encrypted messages', async () => {
  const inst = await a.client.tx.compute.instantiateContract(
    { sender: a.address, code_id: codeId, code_hash: codeHash, init_msg: { count: 3 }, label: 'echo-1', init_funds: [], admin: a.address },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(inst.code, 0, inst.rawLog);
  contract = log(inst, 'message', 'contract_address')!;
  assert.match(contract, /^secret1/);
  assert.equal(log(inst, 'wasm', 'init'), 'done');

  const exec = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: contract, code_hash: codeHash, msg: { echo: { marker: 'x' } }, sent_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(exec.code, 0, exec.rawLog);
  assert.equal(log(exec, 'wasm', 'handled'), 'yes', 'secretjs decrypts the wasm attributes');
  assert.equal(log(exec, 'wasm', 'contract_address'), contract);
  assert.equal(new TextDecoder().decode(MsgExecuteContractResponse.decode(exec.data[0]!).data), 'hi');

  const stored = await a.client.query.compute.queryContract<object, string>({ contract_address: contract, code_hash: codeHash, query: { msg: {} } });
  assert.deepEqual(stored, { count: 3 });
  const last = await a.client.query.compute.queryContract({ contract_address: contract, code_hash: codeHash, query: { last: {} } });
  assert.deepEqual(last, { echo: { marker: 'x' } });
});

test('a contract error is decrypted by its sender only', async () => {
  const tx = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: contract, code_hash: codeHash, msg: { fail: {} }, sent_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(tx.code, 3);
  assert.equal(tx.rawLog, 'failed to execute message; message index: 0: {"generic_err":{"msg":"asked to fail"}}: execute contract failed');
  assert.deepEqual(tx.jsonLog, { generic_err: { msg: 'asked to fail' } });

  // b fetches a's tx: it sees only ciphertext.
  const seen = await b.client.query.getTx(tx.transactionHash);
  assert.match(seen!.rawLog, /encrypted: [A-Za-z0-9+/=]+: execute contract failed/);

  // A query with a wrong code hash fails in the enclave's validation.
  await assert.rejects(
    a.client.query.compute.queryContract({ contract_address: contract, code_hash: 'ab'.repeat(32), query: { msg: {} } }),
    (e: unknown) => /Enclave: failed to validate transaction: query contract failed/.test(JSON.stringify(e) + String(e)),
  );
  // A query error from the contract comes back decrypted as a string (secretjs does not throw).
  const unknown = await a.client.query.compute.queryContract({ contract_address: contract, code_hash: codeHash, query: { zzz: {} } });
  assert.match(String(unknown), /unknown query/);
});

test('contract info, label, history and admin changes', async () => {
  const info = await a.client.query.compute.contractInfo({ contract_address: contract });
  assert.equal(info.contract_info?.code_id, codeId);
  assert.equal(info.contract_info?.creator, a.address);
  assert.equal(info.contract_info?.label, 'echo-1');
  assert.equal(info.contract_info?.admin, a.address);
  assert.equal((await a.client.query.compute.addressByLabel({ label: 'echo-1' })).contract_address, contract);
  assert.equal((await a.client.query.compute.labelByAddress({ contract_address: contract })).label, 'echo-1');
  const byCode = await a.client.query.compute.contractsByCodeId({ code_id: codeId });
  assert.deepEqual(byCode.contract_infos?.map((c) => c.contract_address), [contract]);
  assert.equal((await a.client.query.compute.codeHashByContractAddress({ contract_address: contract })).code_hash, codeHash);
  const history = await a.client.query.compute.contractHistory({ contract_address: contract });
  assert.equal(history.entries?.length, 1);
  assert.equal(history.entries?.[0]?.operation, 'CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT');
  assert.deepEqual(JSON.parse(history.entries?.[0]?.msg as string), { count: 3 });

  const dup = await a.client.tx.compute.instantiateContract(
    { sender: a.address, code_id: codeId, code_hash: codeHash, init_msg: { count: 1 }, label: 'echo-1', init_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(dup.code, 6);
  assert.match(dup.rawLog, /echo-1: contract account already exists/);

  const notAdmin = await b.client.tx.compute.updateAdmin({ sender: b.address, contract_address: contract, new_admin: b.address }, { gasLimit: 100_000, ...FAST });
  assert.notEqual(notAdmin.code, 0);
  const upd = await a.client.tx.compute.updateAdmin({ sender: a.address, contract_address: contract, new_admin: b.address }, { gasLimit: 100_000, ...FAST });
  assert.equal(upd.code, 0, upd.rawLog);
  assert.equal(log(upd, 'update_contract_admin', 'new_admin_address'), b.address);
  assert.equal((await a.client.query.compute.contractInfo({ contract_address: contract })).contract_info?.admin, b.address);
  const clr = await b.client.tx.compute.clearAdmin({ sender: b.address, contract_address: contract }, { gasLimit: 100_000, ...FAST });
  assert.equal(clr.code, 0, clr.rawLog);
  assert.equal((await a.client.query.compute.contractInfo({ contract_address: contract })).contract_info?.admin, '');
});

test('a second client cannot read the first one\'s outputs', async () => {
  const exec = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: contract, code_hash: codeHash, msg: { echo: { secret: 1 } }, sent_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(exec.code, 0, exec.rawLog);
  const other = new SecretNetworkClient({ url: node.lcdUrl, chainId: 'secretdev-1' });
  const seen = await other.query.getTx(exec.transactionHash);
  assert.ok(seen);
  const attrs = seen.events.filter((e) => e.type === 'wasm').flatMap((e) => e.attributes ?? []);
  assert.ok(!attrs.some((x) => x.key === 'handled'), 'attribute keys stay encrypted for others');
  assert.notEqual(new TextDecoder().decode(MsgExecuteContractResponse.decode(seen.data[0]!).data), 'hi');
});
