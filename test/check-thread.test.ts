// `scrtd dev --check-thread` runs CheckTx, simulations and queries on a second thread over a follower
// of the store.
// Through the LCD: a simulation sees the sequences of txs still in the mempool (the SDK simulates on
// the CheckTx state), a query made right after a tx is found committed sees that tx's effects, and
// blocks keep coming while a query runs until its gas limit stops it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MsgSendParams } from 'secretjs';
import { buildSignedTx } from '@scrtd/app';
import { keyFromMnemonic } from '@scrtd/crypto';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { FAST, balanceOf, latestHeight, reader, signer } from './lib/clients.js';
import { CHAIN_ID, devAccount } from './lib/dev-accounts.js';
import { http, postJson, show } from './lib/http.js';
import { compileWat } from './lib/wasm.js';

let node: DevNode;
// Long blocks, so a tx stays in the mempool while the test simulates the next one.
before(async () => {
  node = await startDevNode({ blockTimeMs: 1500, checkThread: true });
});
after(() => node?.stop());

test('simulate sees pending sequences; queries after a commit see it', async () => {
  const key = keyFromMnemonic(devAccount('c').mnemonic);
  const accRes = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/${key.address}`);
  assert.equal(accRes.status, 200, show(accRes));
  const acc = accRes.json.account as { account_number: string; sequence: string };
  const seq = BigInt(acc.sequence);
  const to = devAccount('extra-17').address;
  const before = await balanceOf(reader(node.lcdUrl), to);
  const msg = { typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSendParams.encode({ from_address: key.address, to_address: to, amount: [{ denom: 'uscrt', amount: '7' }] }).finish() };
  const build = (sequence: bigint) =>
    buildSignedTx({ chainId: CHAIN_ID, msgs: [msg], fee: [{ denom: 'uscrt', amount: '2500' }], gasLimit: 25_000n }, [
      { privateKey: key.privateKey, publicKey: key.publicKey, accountNumber: BigInt(acc.account_number), sequence },
    ]);
  const simulate = (sequence: bigint) => postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/simulate`, { tx_bytes: Buffer.from(build(sequence)).toString('base64') });

  const first = await postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/txs`, { tx_bytes: Buffer.from(build(seq)).toString('base64'), mode: 'BROADCAST_MODE_SYNC' });
  assert.equal(first.json.tx_response.code, 0, show(first));
  // The first tx is in the mempool only: the next sequence simulates, the same one does not.
  const next = await simulate(seq + 1n);
  assert.equal(next.status, 200, show(next));
  assert.ok(Number(next.json.gas_info.gas_used) > 0, show(next));
  const same = await simulate(seq);
  assert.notEqual(same.status, 200, show(same));
  assert.match(JSON.stringify(same.json), /account sequence mismatch, expected \d+, got \d+/);

  // Once the tx is found committed, the balance query on the CheckTx thread sees it.
  let found = false;
  for (let i = 0; !found && i < 100; i++) {
    found = (await http(`${node.lcdUrl}/cosmos/tx/v1beta1/txs/${first.json.tx_response.txhash}`)).status === 200;
    if (!found) await new Promise((r) => setTimeout(r, 20));
  }
  assert.ok(found, 'the tx is committed');
  assert.equal(await balanceOf(reader(node.lcdUrl), to), before + 7n);
  const account = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/${key.address}`);
  assert.equal(account.json.account.sequence, String(seq + 1n));
});

/** A v0.10 module whose query never returns (it runs until the query gas limit stops it). */
function spinningQueryWasm(): Promise<Uint8Array> {
  const ok = '{"Ok":{"messages":[],"log":[],"data":null}}';
  const text = `(module
    (memory (export "memory") 2)
    (global $heap (mut i32) (i32.const 65536))
    (data (i32.const 1024) ${JSON.stringify(ok)})
    (func (export "cosmwasm_vm_version_3"))
    (func $allocate (export "allocate") (param $size i32) (result i32)
      (local $r i32)
      (local.set $r (global.get $heap))
      (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 16)))
      (i32.store offset=4 (local.get $r) (local.get $size))
      (i32.store offset=8 (local.get $r) (i32.const 0))
      (global.set $heap (i32.and (i32.add (i32.add (local.get $r) (i32.add (local.get $size) (i32.const 16))) (i32.const 7)) (i32.const -8)))
      (local.get $r))
    (func (export "deallocate") (param i32))
    (func $ok (result i32)
      (local $r i32)
      (local.set $r (call $allocate (i32.const 0)))
      (i32.store (local.get $r) (i32.const 1024))
      (i32.store offset=4 (local.get $r) (i32.const ${ok.length}))
      (i32.store offset=8 (local.get $r) (i32.const ${ok.length}))
      (local.get $r))
    (func (export "init") (param i32 i32) (result i32) (call $ok))
    (func (export "handle") (param i32 i32) (result i32) (call $ok))
    (func (export "query") (param i32) (result i32) (loop $spin (br $spin)) (unreachable)))`;
  return compileWat('spin.wat', text);
}

test('blocks keep coming while a query runs to its gas limit', async () => {
  const a = signer(node.lcdUrl, 'a');
  const store = await a.client.tx.compute.storeCode({ sender: a.address, wasm_byte_code: await spinningQueryWasm(), source: '', builder: '' }, { gasLimit: 1_000_000, ...FAST });
  assert.equal(store.code, 0, store.rawLog);
  const codeId = store.arrayLog!.find((l) => l.type === 'message' && l.key === 'code_id')!.value;
  const codeHash = (await a.client.query.compute.codeHashByCodeId({ code_id: codeId })).code_hash!;
  const inst = await a.client.tx.compute.instantiateContract(
    { sender: a.address, code_id: codeId, code_hash: codeHash, init_msg: {}, label: 'spin', init_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(inst.code, 0, inst.rawLog);
  const contract = inst.arrayLog!.find((l) => l.type === 'message' && l.key === 'contract_address')!.value;

  const start = await latestHeight(node.lcdUrl);
  const t0 = performance.now();
  let answered: number | undefined;
  const query = a.client.query.compute.queryContract({ contract_address: contract, code_hash: codeHash, query: { spin: {} } }).then(
    (r) => {
      answered = performance.now();
      return r;
    },
    (e: Error) => {
      answered = performance.now();
      return e;
    },
  );
  // The main thread keeps producing blocks while the CheckTx thread runs the query.
  let during = start;
  while (answered === undefined && performance.now() - t0 < 30_000) {
    during = await latestHeight(node.lcdUrl);
    await new Promise((r) => setTimeout(r, 100));
  }
  const result = await query;
  assert.match(String(result instanceof Error ? result.message : JSON.stringify(result)), /out of gas/i);
  const tookMs = answered! - t0;
  // 10,000,000 query gas takes seconds; at 1.5 s per block at least one block lands meanwhile.
  if (tookMs > 3_500) assert.ok(during >= start + 2, `height ${start} → ${during} during a ${tookMs.toFixed(0)} ms query`);
  else assert.ok(during >= start, 'query too fast to tell');
});
