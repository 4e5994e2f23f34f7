// `scrtd dev --check-thread` runs CheckTx, simulations and queries on a second thread over a follower
// of the store.
// Through the LCD: a simulation sees the sequences of txs still in the mempool (the SDK simulates on
// the CheckTx state), and a query made right after a tx is found committed sees that tx's effects.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MsgSendParams } from 'secretjs';
import { buildSignedTx } from '@scrtd/app';
import { keyFromMnemonic } from '@scrtd/crypto';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { balanceOf, reader } from './lib/clients.js';
import { CHAIN_ID, devAccount } from './lib/dev-accounts.js';
import { http, postJson, show } from './lib/http.js';

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
