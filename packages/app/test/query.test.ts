import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tx, auth, TxRaw } from '@scrtd/proto';

const { SimulateRequest, SimulateResponse } = tx;
const { QueryAccountRequest } = auth;
import { Harness, wallet, msgSend } from './harness.js';

test('account queries: unknown account is gRPC NotFound, a malformed address InvalidArgument', async () => {
  const h = await Harness.create();
  const q = (address: string) => h.app.query({ path: '/cosmos.auth.v1beta1.Query/Account', data: QueryAccountRequest.encode({ address }).finish(), height: 0, prove: false });
  assert.equal(q(wallet('extra-5').address).grpcCode, 5);
  assert.equal(q(wallet('extra-5').address).log, `account ${wallet('extra-5').address} not found`);
  assert.equal(q('secret1xyz').grpcCode, 3);
  assert.equal(q(wallet('a').address).code, 0);
  assert.equal(h.app.query({ path: '/nope', data: new Uint8Array(), height: 0, prove: false }).grpcCode, 12);
  assert.equal(h.app.query({ path: '/cosmos.auth.v1beta1.Query/Account', data: new Uint8Array(), height: 99, prove: false }).grpcCode, 3);
});

test('simulate skips signature checks and estimates gas within 25% of the real run', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const b = wallet('b');
  const raw = TxRaw.decode(h.signTx(a, [msgSend(a.address, b.address, 1n)]));
  const zeroSig = TxRaw.encode({ ...raw, signatures: [new Uint8Array(64)] }).finish();
  const r = h.app.query({ path: '/cosmos.tx.v1beta1.Service/Simulate', data: SimulateRequest.encode({ txBytes: zeroSig }).finish(), height: 0, prove: false });
  assert.equal(r.code, 0, r.log);
  const sim = SimulateResponse.decode(r.value);
  const estimated = sim.gasInfo!.gasUsed;
  const [real] = await h.block([TxRaw.encode(raw).finish()]);
  assert.equal(real!.code, 0);
  assert.ok(estimated >= real!.gasUsed, `estimate ${estimated} >= actual ${real!.gasUsed}`);
  assert.ok(Number(estimated) <= Number(real!.gasUsed) * 1.25, `estimate ${estimated} within 25% of ${real!.gasUsed}`);
  assert.equal(h.account(a.address)!.sequence, 1n, 'simulate changed nothing');
});

test('CheckTx state carries sequences of pending txs until the next commit', async () => {
  const h = await Harness.create();
  const a = wallet('a');
  const b = wallet('b');
  const t0 = h.signTx(a, [msgSend(a.address, b.address, 1n)]);
  const t1 = h.signTx(a, [msgSend(a.address, b.address, 1n)], { sequence: 1n });
  assert.equal(h.app.checkTx({ tx: t0, type: 0 }).code, 0);
  assert.equal(h.app.checkTx({ tx: t1, type: 0 }).code, 0);
  assert.equal(h.app.checkTx({ tx: t1, type: 0 }).code, 32);
  const results = await h.block([t0, t1]);
  assert.deepEqual(results.map((r) => r.code), [0, 0]);
});
