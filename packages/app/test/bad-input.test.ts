import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TxRaw } from '@scrtd/proto';
import { Harness, wallet, msgSend, GENESIS_BALANCE } from './harness.js';

async function setup() {
  const h = await Harness.create();
  return { h, a: wallet('a'), b: wallet('b') };
}

test('malformed tx bytes: sdk code 2, nothing changes', async () => {
  const { h } = await setup();
  const r = h.app.checkTx({ tx: Uint8Array.of(1, 2, 3, 0xff), type: 0 });
  assert.equal(r.codespace, 'sdk');
  assert.equal(r.code, 2);
  const [d] = await h.block([Uint8Array.of(0x0a, 0x05, 1)]);
  assert.equal(d!.code, 2);
});

test('unknown message type: code 2 "unable to resolve type URL"', async () => {
  const { h, a } = await setup();
  const r = h.app.checkTx({ tx: h.signTx(a, [{ typeUrl: '/foo.bar.MsgNope', value: new Uint8Array() }]), type: 0 });
  assert.equal(r.code, 2);
  assert.match(r.log, /unable to resolve type URL \/foo\.bar\.MsgNope: tx parse error/);
});

test('bad or missing signature, wrong chain id, wrong account number: code 4 unauthorized', async () => {
  const { h, a, b } = await setup();
  const tx = TxRaw.decode(h.signTx(a, [msgSend(a.address, b.address, 1n)]));
  tx.signatures[0]![5]! ^= 0xff;
  let r = h.app.checkTx({ tx: TxRaw.encode(tx).finish(), type: 0 });
  assert.equal(r.code, 4, r.log);
  assert.match(r.log, /signature verification failed; please verify account number \(\d+\) and chain-id \(secretdev-1\): unauthorized/);
  r = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, b.address, 1n)], { chainId: 'other-1' }), type: 0 });
  assert.equal(r.code, 4);
  r = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, b.address, 1n)], { accountNumber: 99n }), type: 0 });
  assert.equal(r.code, 4);
  const none = TxRaw.decode(h.signTx(a, [msgSend(a.address, b.address, 1n)]));
  none.signatures = [];
  r = h.app.checkTx({ tx: TxRaw.encode(none).finish(), type: 0 });
  assert.equal(r.code, 15);
  // Signed by b for a message of a: the key does not match the signer.
  const wrongKey = h.signTx({ ...b, address: a.address }, [msgSend(a.address, b.address, 1n)]);
  r = h.app.checkTx({ tx: wrongKey, type: 0 });
  assert.equal(r.code, 8, r.log);
  assert.equal(h.account(a.address)!.sequence, 0n);
});

test('wrong sequence: code 32 with the expected and given numbers', async () => {
  const { h, a, b } = await setup();
  const r = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, b.address, 1n)], { sequence: 3n }), type: 0 });
  assert.equal(r.code, 32);
  assert.equal(r.log, 'account sequence mismatch, expected 0, got 3: incorrect account sequence');
});

test('fee below the minimum gas price is refused in CheckTx (code 13)', async () => {
  const { h, a, b } = await setup();
  const r = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, b.address, 1n)], { fee: 1n }), type: 0 });
  assert.equal(r.code, 13);
  assert.equal(r.log, 'insufficient fees; got: 1uscrt required: 313uscrt: insufficient fee');
});

test('fee larger than the balance: code 5 and nothing is charged', async () => {
  const { h, a } = await setup();
  const u = wallet('unfunded-20');
  await h.block([h.signTx(a, [msgSend(a.address, u.address, 100n)])]);
  const r = h.app.checkTx({ tx: h.signTx(u, [msgSend(u.address, a.address, 1n)]), type: 0 });
  assert.equal(r.code, 5);
  assert.equal(r.log, 'spendable balance 100uscrt is smaller than 2500uscrt: insufficient funds: insufficient funds');
  assert.equal(h.balance(u.address), 100n);
});

test('insufficient funds in the message: included with code 5, fee and sequence kept', async () => {
  const { h, a, b } = await setup();
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, GENESIS_BALANCE)])]);
  assert.equal(r!.code, 5);
  assert.match(r!.log, /^failed to execute message; message index: 0: spendable balance \d+uscrt is smaller than \d+uscrt: insufficient funds$/);
  assert.equal(h.balance(a.address), GENESIS_BALANCE - 2500n);
  assert.equal(h.balance(b.address), GENESIS_BALANCE);
  assert.equal(h.account(a.address)!.sequence, 1n);
  // Failed txs still carry the ante events (fee), and no message events.
  assert.ok(r!.events.some((e) => e.type === 'tx' && e.attributes.some((x) => x.key === 'fee')));
  assert.ok(!r!.events.some((e) => e.attributes.some((x) => x.key === 'msg_index')));
});

test('zero, negative and malformed amounts: code 10 invalid coins', async () => {
  const { h, a, b } = await setup();
  for (const amount of ['0', '-5', 'abc']) {
    const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, amount)])]);
    assert.equal(r!.code, 10, `${amount}: ${r!.log}`);
    assert.equal(r!.codespace, 'sdk');
  }
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, 5n, 'x')])]);
  assert.equal(r!.code, 10);
  assert.equal(h.balance(b.address), GENESIS_BALANCE);
});

test('invalid recipient address: code 7', async () => {
  const { h, a } = await setup();
  for (const to of ['secret1qqqq', 'cosmos1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a8kk6fs', '']) {
    const [r] = await h.block([h.signTx(a, [msgSend(a.address, to, 1n)])]);
    assert.equal(r!.code, 7, `${to}: ${r!.log}`);
  }
});

test('memo over 256 bytes: code 12', async () => {
  const { h, a, b } = await setup();
  const r = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, b.address, 1n)], { memo: 'x'.repeat(257) }), type: 0 });
  assert.equal(r.code, 12);
  assert.equal(r.log, 'maximum number of characters is 256 but received 257 characters: memo too large');
});

test('oversized tx: code 21', async () => {
  const { h, a, b } = await setup();
  const r = h.app.checkTx({ tx: h.signTx(a, [msgSend(a.address, b.address, 1n)], { memo: 'x'.repeat(2 * 1024 * 1024) }), type: 0 });
  assert.equal(r.code, 21);
});

test('out of gas in the ante handler: code 11, nothing charged', async () => {
  const { h, a, b } = await setup();
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, 1n)], { gas: 1000n, fee: 50n })]);
  assert.equal(r!.code, 11, r!.log);
  assert.match(r!.log, /^out of gas in location: txSize; gasWanted: 1000, gasUsed: \d+: out of gas$/);
  assert.equal(h.balance(a.address), GENESIS_BALANCE);
  assert.equal(h.account(a.address)!.sequence, 0n);
});

test('out of gas in the message: code 11, fee and sequence kept, transfer undone', async () => {
  const { h, a, b } = await setup();
  const [ok] = await h.block([h.signTx(a, [msgSend(a.address, b.address, 1n)])]);
  const gas = ok!.gasUsed - 100n;
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, b.address, 1n)], { gas, fee: 50n })]);
  assert.equal(r!.code, 11, r!.log);
  assert.match(r!.log, new RegExp(`^out of gas in location: \\w+; gasWanted: ${gas}, gasUsed: \\d+: out of gas$`));
  assert.equal(h.balance(b.address), GENESIS_BALANCE + 1n);
  assert.equal(h.balance(a.address), GENESIS_BALANCE - 1n - 2500n - 50n);
  assert.equal(h.account(a.address)!.sequence, 2n);
});

test('sending to a blocked module account is unauthorized', async () => {
  const { h, a } = await setup();
  const { bech32Address, moduleAddress } = await import('../src/index.js');
  const [r] = await h.block([h.signTx(a, [msgSend(a.address, bech32Address(moduleAddress('fee_collector')), 1n)])]);
  assert.equal(r!.code, 4);
  assert.match(r!.log, /is not allowed to receive funds/);
});
