import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bank, TxMsgData, SignMode } from '@scrtd/proto';

const { MsgMultiSend, MsgSend } = bank;
import { Harness, wallet, msgSend, attrs, GENESIS_BALANCE } from './harness.js';

test('MsgSend moves the exact amount and charges exactly the stated fee', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const target = wallet('unfunded-20');
  const check = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, target.address, 1000n)]), type: 0 });
  assert.equal(check.code, 0, check.log);
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, target.address, 1000n)])]);
  assert.equal(r!.code, 0, r!.log);
  assert.equal(r!.log, '');
  assert.equal(h.balance(a.address), GENESIS_BALANCE - 1000n - 2500n);
  assert.equal(h.balance(target.address), 1000n);
  assert.equal(h.account(a.address)!.sequence, 1n);
  // The recipient account was created with the next account number.
  assert.ok(h.account(target.address));
  const data = TxMsgData.decode(r!.data);
  assert.equal(data.msgResponses[0]!.typeUrl, '/cosmos.bank.v1beta1.MsgSendResponse');
  assert.ok(r!.gasUsed > 0n && r!.gasUsed < 20_000n, `gas used ${r!.gasUsed} should fit 20k`);
});

test('events follow the SDK 0.50 layout: ante events without msg_index, then message events with it', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const b = wallet('b');
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, 7n)])]);
  const types = r!.events.map((e) => e.type);
  assert.deepEqual(types, ['coin_spent', 'coin_received', 'transfer', 'message', 'tx', 'tx', 'tx', 'message', 'coin_spent', 'coin_received', 'transfer', 'message']);
  const list = attrs(r!);
  assert.ok(list.includes(`tx.fee=2500uscrt`));
  assert.ok(list.includes(`tx.fee_payer=${a.address}`));
  assert.ok(list.includes(`tx.acc_seq=${a.address}/0`));
  const msgEvent = r!.events[7]!;
  assert.deepEqual(msgEvent.attributes.map((x) => [x.key, x.value]), [
    ['action', '/cosmos.bank.v1beta1.MsgSend'],
    ['sender', a.address],
    ['module', 'bank'],
    ['msg_index', '0'],
  ]);
  for (const e of r!.events.slice(0, 7)) assert.ok(!e.attributes.some((x) => x.key === 'msg_index'));
  for (const e of r!.events.slice(7)) assert.ok(e.attributes.some((x) => x.key === 'msg_index' && x.value === '0'));
});

test('a multi-message tx executes every message in order with its own msg_index', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const b = wallet('b');
  const c = wallet('c');
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, 5n), msgSend(a.address, c.address, 6n)], { gas: 40_000n, fee: 5000n })]);
  assert.equal(r!.code, 0, r!.log);
  assert.equal(h.balance(b.address), GENESIS_BALANCE + 5n);
  assert.equal(h.balance(c.address), GENESIS_BALANCE + 6n);
  assert.equal(TxMsgData.decode(r!.data).msgResponses.length, 2);
  assert.ok(attrs(r!).includes('message.msg_index=1'));
});

test('MsgMultiSend with one input and several outputs', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const outs = ['extra-3', 'extra-4'].map(wallet);
  const msg = MsgMultiSend.fromPartial({
    inputs: [{ address: a.address, coins: [{ denom: 'uscrt', amount: '30' }] }],
    outputs: outs.map((o, i) => ({ address: o.address, coins: [{ denom: 'uscrt', amount: String(10 * (i + 1)) }] })),
  });
  const [r] = await h.block([h.signTx(a, [{ typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend', value: MsgMultiSend.encode(msg).finish() }], { gas: 20_000n })]);
  assert.equal(r!.code, 0, r!.log);
  assert.equal(h.balance(outs[0]!.address), 10n);
  assert.equal(h.balance(outs[1]!.address), 20n);
  const bad = MsgMultiSend.fromPartial({ ...msg, outputs: [{ address: outs[0]!.address, coins: [{ denom: 'uscrt', amount: '29' }] }] });
  const [r2] = await h.block([h.signTx(a, [{ typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend', value: MsgMultiSend.encode(bad).finish() }])]);
  assert.equal(r2!.codespace, 'bank');
  assert.equal(r2!.code, 4);
});

test('SIGN_MODE_LEGACY_AMINO_JSON signatures verify', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const b = wallet('b');
  const m = msgSend(a.address, b.address, 9n);
  const tx = h.signTx(a, [m], { signMode: SignMode.SIGN_MODE_LEGACY_AMINO_JSON, aminoMsgs: [{ typeUrl: m.typeUrl, msg: MsgSend.decode(m.value) }] });
  const [r] = await h.block([tx]);
  assert.equal(r!.code, 0, r!.log);
  assert.equal(h.balance(b.address), GENESIS_BALANCE + 9n);
});

test('state is readable at earlier heights', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const u = wallet('unfunded-20');
  await h.block([h.signTx(a, [msgSend(a.address, u.address, 123n)])]);
  assert.equal(h.balance(u.address, 1), 0n);
  assert.equal(h.balance(u.address), 123n);
});
