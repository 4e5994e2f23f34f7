// Bad input through the real secretjs client and through raw HTTP. Each case checks the Cosmos
// codespace / code / message the client sees, that state did not change beyond what the SDK
// charges (CheckTx failures: nothing; DeliverTx failures: fee + sequence), and that the node
// keeps answering afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { MsgSend, MsgSendParams } from 'secretjs';
import { buildSignedTx } from '@scrtd/app';
import { keyFromMnemonic } from '@scrtd/crypto';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { FAST, balanceOf, latestHeight, reader, sequenceOf, signer, waitForHeight } from './lib/clients.js';
import { CHAIN_ID, devAccount } from './lib/dev-accounts.js';
import { http, postJson, show } from './lib/http.js';

let node: DevNode;
before(async () => {
  node = await startDevNode();
});
after(async () => {
  await node?.stop();
});

interface Snapshot {
  balance: bigint;
  sequence: bigint;
}

async function snapshot(address: string): Promise<Snapshot> {
  return { balance: await balanceOf(reader(node.lcdUrl), address), sequence: await sequenceOf(node.lcdUrl, address) };
}

/** The node still answers queries and still makes blocks. */
async function assertAlive(): Promise<void> {
  const h = await latestHeight(node.lcdUrl);
  assert.ok(h >= 1);
  await waitForHeight(node.lcdUrl, h + 1, 5000);
  const r = await reader(node.lcdUrl).query.bank.balance({ address: devAccount('d-relayer').address, denom: 'uscrt' });
  assert.equal(r.balance?.amount, '1000000000000000000');
}

/** Run `fn`, which must throw; returns the error. */
async function rejection(fn: () => Promise<unknown>): Promise<any> {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

function assertGatewayError(body: unknown, code: number, message?: string | RegExp): void {
  assert.ok(body && typeof body === 'object', `JSON body expected, got ${JSON.stringify(body)}`);
  const b = body as Record<string, unknown>;
  assert.deepEqual(Object.keys(b).sort(), ['code', 'details', 'message']);
  assert.equal(b['code'], code, JSON.stringify(b));
  assert.deepEqual(b['details'], []);
  assert.equal(typeof b['message'], 'string');
  if (typeof message === 'string') assert.equal(b['message'], message);
  else if (message) assert.match(b['message'] as string, message);
}

test('wrong chain id: CheckTx rejects with code 4 unauthorized; nothing is charged', async () => {
  const wrong = signer(node.lcdUrl, 'a', 'other-1');
  const before = await snapshot(wrong.address);
  const err = await rejection(() =>
    wrong.client.tx.bank.send({ from_address: wrong.address, to_address: devAccount('b').address, amount: [{ denom: 'uscrt', amount: '1' }] }, FAST),
  );
  assert.ok(err instanceof Error, String(err));
  assert.match(err.message, /^Broadcasting transaction failed with code 4 \(codespace: sdk\)\. Log: /);
  assert.match(err.message, /signature verification failed; please verify account number \(\d+\) and chain-id \(secretdev-1\): unauthorized$/);
  assert.deepEqual(await snapshot(wrong.address), before);
  await assertAlive();
});

test('fee below the minimum gas price: code 13 insufficient fee; nothing is charged', async () => {
  const a = signer(node.lcdUrl, 'a');
  const before = await snapshot(a.address);
  // 25 000 gas × 0.0001 = 3uscrt (rounded up); 25 000 × 0.0125 = 312.5 → 313uscrt required.
  const err = await rejection(() =>
    a.client.tx.bank.send({ from_address: a.address, to_address: devAccount('b').address, amount: [{ denom: 'uscrt', amount: '1' }] }, { ...FAST, gasPriceInFeeDenom: 0.0001 }),
  );
  assert.ok(err instanceof Error, String(err));
  assert.equal(err.message, 'Broadcasting transaction failed with code 13 (codespace: sdk). Log: insufficient fees; got: 3uscrt required: 313uscrt: insufficient fee');
  assert.deepEqual(await snapshot(a.address), before);

  // Exactly the minimum passes: 0.0125 × 24 000 = 300uscrt.
  const ok = await a.client.tx.bank.send(
    { from_address: a.address, to_address: devAccount('b').address, amount: [{ denom: 'uscrt', amount: '1' }] },
    { ...FAST, gasLimit: 24_000, gasPriceInFeeDenom: 0.0125 },
  );
  assert.equal(ok.code, 0, ok.rawLog);
  assert.equal(before.balance - (await balanceOf(reader(node.lcdUrl), a.address)), 301n);
  await assertAlive();
});

test('wrong sequence (explicit signer data): code 32 incorrect account sequence', async () => {
  const c = signer(node.lcdUrl, 'c');
  const acc = (await c.client.query.auth.account({ address: c.address })).account as { account_number: string; sequence: string };
  const accountNumber = Number(acc.account_number);
  const seq = Number(acc.sequence);
  const before = await snapshot(c.address);
  const msg = { from_address: c.address, to_address: devAccount('b').address, amount: [{ denom: 'uscrt', amount: '1' }] };

  const ahead = await rejection(() => c.client.tx.bank.send(msg, { ...FAST, explicitSignerData: { accountNumber, sequence: seq + 5, chainId: CHAIN_ID } }));
  assert.equal(
    ahead.message,
    `Broadcasting transaction failed with code 32 (codespace: sdk). Log: account sequence mismatch, expected ${seq}, got ${seq + 5}: incorrect account sequence`,
  );
  assert.deepEqual(await snapshot(c.address), before);

  // The right explicit data works; replaying the now-stale sequence fails again.
  const ok = await c.client.tx.bank.send(msg, { ...FAST, explicitSignerData: { accountNumber, sequence: seq, chainId: CHAIN_ID } });
  assert.equal(ok.code, 0, ok.rawLog);
  const stale = await rejection(() => c.client.tx.bank.send(msg, { ...FAST, memo: 'different bytes', explicitSignerData: { accountNumber, sequence: seq, chainId: CHAIN_ID } }));
  assert.equal(
    stale.message,
    `Broadcasting transaction failed with code 32 (codespace: sdk). Log: account sequence mismatch, expected ${seq + 1}, got ${seq}: incorrect account sequence`,
  );
  assert.equal(await sequenceOf(node.lcdUrl, c.address), BigInt(seq + 1));

  // A wrong account number is a signature failure (code 4).
  const wrongNum = await rejection(() => c.client.tx.bank.send(msg, { ...FAST, explicitSignerData: { accountNumber: accountNumber + 1000, sequence: seq + 1, chainId: CHAIN_ID } }));
  assert.match(wrongNum.message, /^Broadcasting transaction failed with code 4 \(codespace: sdk\)\. Log: signature verification failed; please verify account number \(\d+\) and chain-id \(secretdev-1\): unauthorized$/);
  await assertAlive();
});

test('raw broadcast: a tx built with @scrtd/app, tx_bytes in snake_case and the mode as a number', async () => {
  const key = keyFromMnemonic(devAccount('b').mnemonic);
  assert.equal(key.address, devAccount('b').address);
  const accRes = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/${key.address}`);
  assert.equal(accRes.status, 200, show(accRes));
  const acc = accRes.json.account as { account_number: string; sequence: string };
  const to = devAccount('extra-18').address;
  const msg = { typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSendParams.encode({ from_address: key.address, to_address: to, amount: [{ denom: 'uscrt', amount: '55' }] }).finish() };
  const build = (sequence: bigint) =>
    buildSignedTx({ chainId: CHAIN_ID, msgs: [msg], fee: [{ denom: 'uscrt', amount: '2500' }], gasLimit: 25_000n }, [
      { privateKey: key.privateKey, publicKey: key.publicKey, accountNumber: BigInt(acc.account_number), sequence },
    ]);

  // Wrong sequence → code 32 in the HTTP-200 sync reply.
  const bad = await postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/txs`, { tx_bytes: Buffer.from(build(BigInt(acc.sequence) + 1n)).toString('base64'), mode: 2 });
  assert.equal(bad.status, 200, show(bad));
  assert.equal(bad.json.tx_response.code, 32);
  assert.equal(bad.json.tx_response.codespace, 'sdk');
  assert.match(bad.json.tx_response.raw_log, /^account sequence mismatch, expected \d+, got \d+: incorrect account sequence$/);

  const good = build(BigInt(acc.sequence));
  const res = await postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/txs`, { tx_bytes: Buffer.from(good).toString('base64'), mode: 2 });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.json.tx_response.code, 0, show(res));
  assert.match(res.json.tx_response.txhash, /^[0-9A-F]{64}$/);
  const tx = await reader(node.lcdUrl).query.getTx(res.json.tx_response.txhash);
  // getTx may run before the next block; poll briefly.
  let committed = tx;
  for (let i = 0; !committed && i < 50; i++) {
    await new Promise((r) => setTimeout(r, 100));
    committed = await reader(node.lcdUrl).query.getTx(res.json.tx_response.txhash);
  }
  assert.ok(committed, 'the raw tx is committed');
  assert.equal(committed.code, 0, committed.rawLog);
  assert.equal(await balanceOf(reader(node.lcdUrl), to), 55n);

  // The same bytes again: already in the chain/cache, rejected (non-zero code), nothing charged twice.
  const again = await postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/txs`, { txBytes: Buffer.from(good).toString('base64'), mode: 'BROADCAST_MODE_SYNC' });
  assert.equal(again.status, 200, show(again));
  assert.notEqual(again.json.tx_response.code, 0, show(again));
  assert.equal(await balanceOf(reader(node.lcdUrl), to), 55n);
});

test('malformed tx bytes: HTTP 200 with code 2 (sdk); bad bodies: HTTP 400 gateway JSON', async () => {
  const url = `${node.lcdUrl}/cosmos/tx/v1beta1/txs`;
  for (const field of ['tx_bytes', 'txBytes']) {
    const r = await postJson(url, { [field]: 'AAEC', mode: 'BROADCAST_MODE_SYNC' });
    assert.equal(r.status, 200, show(r));
    assert.equal(r.json.tx_response.code, 2, show(r));
    assert.equal(r.json.tx_response.codespace, 'sdk');
    assert.match(r.json.tx_response.txhash, /^[0-9A-F]{64}$/);
  }
  // Not base64.
  const b64 = await postJson(url, { tx_bytes: '%%% not base64 %%%', mode: 'BROADCAST_MODE_SYNC' });
  assert.equal(b64.status, 400, show(b64));
  assert.match(b64.contentType, /application\/json/);
  assertGatewayError(b64.json, 3);
  // No body at all.
  const empty = await http(url, { method: 'POST' });
  assert.equal(empty.status, 400, show(empty));
  assertGatewayError(empty.json, 3);
  // An empty object (no tx).
  const noTx = await postJson(url, {});
  assert.equal(noTx.status, 400, show(noTx));
  assertGatewayError(noTx.json, 3);
  // Not JSON.
  const notJson = await postJson(url, '{"tx_bytes": ');
  assert.equal(notJson.status, 400, show(notJson));
  assertGatewayError(notJson.json, 3);
  // Unknown mode.
  const mode = await postJson(url, { tx_bytes: 'AAEC', mode: 'BROADCAST_MODE_NONSENSE' });
  assert.equal(mode.status, 400, show(mode));
  assertGatewayError(mode.json, 3);
  // Simulate with garbage bytes: an error, as JSON.
  const sim = await postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/simulate`, { txBytes: 'AAEC' });
  assert.ok(sim.status >= 400 && sim.status < 600, show(sim));
  assert.ok(sim.json && typeof sim.json.code === 'number' && sim.json.code !== 0, show(sim));
  await assertAlive();
});

test('zero-amount MsgSend is included with code 10; fee charged, sequence bumped', async () => {
  const a = signer(node.lcdUrl, 'a');
  const b = devAccount('b').address;
  const beforeA = await snapshot(a.address);
  const beforeB = await balanceOf(reader(node.lcdUrl), b);
  const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: b, amount: [{ denom: 'uscrt', amount: '0' }] }, { ...FAST, gasLimit: 20_000 });
  assert.equal(tx.code, 10, tx.rawLog);
  assert.equal(tx.codespace, 'sdk');
  assert.ok(tx.height >= 1);
  assert.equal(tx.rawLog, 'failed to execute message; message index: 0: 0uscrt: invalid coins');
  const after = await snapshot(a.address);
  assert.equal(beforeA.balance - after.balance, 2000n, 'only the fee');
  assert.equal(after.sequence, beforeA.sequence + 1n);
  assert.equal(await balanceOf(reader(node.lcdUrl), b), beforeB);
  await assertAlive();
});

test('invalid recipient address: included with code 7; fee charged, sequence bumped', async () => {
  const a = signer(node.lcdUrl, 'a');
  const before = await snapshot(a.address);
  // secretjs does not validate addresses client-side: the message goes to the node as is.
  const bad = devAccount('b').address.slice(0, -1) + (devAccount('b').address.endsWith('e') ? 'q' : 'e');
  const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: bad, amount: [{ denom: 'uscrt', amount: '5' }] }, { ...FAST, gasLimit: 20_000 });
  assert.equal(tx.code, 7, tx.rawLog);
  assert.equal(tx.codespace, 'sdk');
  assert.match(tx.rawLog, /^failed to execute message; message index: 0: invalid to address: .+: invalid address$/);
  const after = await snapshot(a.address);
  assert.equal(before.balance - after.balance, 2000n);
  assert.equal(after.sequence, before.sequence + 1n);

  // A recipient with another chain's prefix, too.
  const cosmosAddr = await a.client.tx.bank.send(
    { from_address: a.address, to_address: 'cosmos1fc3fzy78ttp0lwuujw7e52rhspxn8uj5ckvm4a', amount: [{ denom: 'uscrt', amount: '5' }] },
    { ...FAST, gasLimit: 20_000 },
  );
  assert.equal(cosmosAddr.code, 7, cosmosAddr.rawLog);
  await assertAlive();
});

test('a signer without an account: secretjs throws the 404 body (code 5); nothing is sent', async () => {
  const nobody = signer(node.lcdUrl, 'unfunded-20');
  const err = await rejection(() =>
    nobody.client.tx.bank.send({ from_address: nobody.address, to_address: devAccount('b').address, amount: [{ denom: 'uscrt', amount: '1' }] }, FAST),
  );
  // secretjs throws the parsed JSON body of a non-2xx reply.
  assertGatewayError(err, 5, `account ${nobody.address} not found`);
  const r = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/${nobody.address}`);
  assert.equal(r.status, 404, show(r));
  assertGatewayError(r.json, 5, `account ${nobody.address} not found`);
  assert.equal(await balanceOf(reader(node.lcdUrl), nobody.address), 0n);
});

test('REST errors: unknown route 501, tx not found 404, bad pagination 400, bad address 400, oversized body 413', async () => {
  const unknown = await http(`${node.lcdUrl}/cosmos/nonexistent/v1beta1/things`);
  assert.equal(unknown.status, 501, show(unknown));
  assert.match(unknown.contentType, /application\/json/);
  assertGatewayError(unknown.json, 12);

  const hash = randomBytes(32).toString('hex').toUpperCase();
  const nf = await http(`${node.lcdUrl}/cosmos/tx/v1beta1/txs/${hash}`);
  assert.equal(nf.status, 404, show(nf));
  assert.deepEqual(nf.json, { code: 5, message: `tx not found: ${hash}`, details: [] });

  const page = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts?pagination.limit=abc`);
  assert.equal(page.status, 400, show(page));
  assertGatewayError(page.json, 3);
  const goodPage = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts?pagination.limit=2`);
  assert.equal(goodPage.status, 200, show(goodPage));
  assert.equal(goodPage.json.accounts.length, 2);

  const badAddr = await http(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts/notanaddress`);
  assert.equal(badAddr.status, 400, show(badAddr));
  assertGatewayError(badAddr.json, 3);
  const badBal = await http(`${node.lcdUrl}/cosmos/bank/v1beta1/balances/secret1xyz/by_denom?denom=uscrt`);
  assert.equal(badBal.status, 400, show(badBal));
  assertGatewayError(badBal.json, 3);

  const badHeight = await http(`${node.lcdUrl}/cosmos/bank/v1beta1/balances/${devAccount('a').address}/by_denom?denom=uscrt`, { headers: { 'x-cosmos-block-height': 'abc' } });
  assert.equal(badHeight.status, 400, show(badHeight));
  assertGatewayError(badHeight.json, 3);

  const big = 'A'.repeat(3 * 1024 * 1024 + 1024);
  const large = await postJson(`${node.lcdUrl}/cosmos/tx/v1beta1/txs`, { tx_bytes: big, mode: 'BROADCAST_MODE_SYNC' });
  assert.equal(large.status, 413, show(large));
  assert.ok(large.json && typeof large.json.code === 'number' && typeof large.json.message === 'string', show(large));
  assert.deepEqual(large.json.details, []);

  await assertAlive();
});

test('out of gas: in the ante handler the tx is rejected; in the message it is included with code 11', async () => {
  const c = signer(node.lcdUrl, 'c');
  const to = devAccount('extra-5').address;
  const msg = { from_address: c.address, to_address: to, amount: [{ denom: 'uscrt', amount: '10' }] };
  // Warm up: the pubkey and the recipient's balance exist afterwards, so equal txs use equal gas.
  assert.equal((await c.client.tx.bank.send(msg, { ...FAST, gasLimit: 20_000 })).code, 0);
  const measured = await c.client.tx.bank.send(msg, { ...FAST, gasLimit: 9999 });
  assert.equal(measured.code, 0, measured.rawLog);
  // A limit a little under what the same tx used: the ante handler (tx size, signature, fee,
  // sequence) still fits, the bank transfer does not. The margin covers the few bytes the smaller
  // gas limit and fee save in the encoded tx (10 gas per byte).
  const limit = measured.gasUsed - 50;

  const before = await snapshot(c.address);
  const early = await rejection(() => c.client.tx.bank.send(msg, { ...FAST, gasLimit: 1000 }));
  assert.match(early.message, /^Broadcasting transaction failed with code 11 \(codespace: sdk\)\. Log: out of gas in location: .+; gasWanted: 1000, gasUsed: \d+: out of gas$/);
  assert.deepEqual(await snapshot(c.address), before, 'CheckTx failure charges nothing');

  const late = await c.client.tx.bank.send(msg, { ...FAST, gasLimit: limit });
  assert.equal(late.code, 11, late.rawLog);
  assert.equal(late.codespace, 'sdk');
  assert.match(late.rawLog, new RegExp(`^out of gas in location: .+; gasWanted: ${limit}, gasUsed: \\d+: out of gas$`));
  assert.equal(late.gasWanted, limit);
  assert.ok(late.gasUsed >= limit, `gasUsed ${late.gasUsed} reaches the limit`);
  assert.equal(await balanceOf(reader(node.lcdUrl), to), 20n, 'the transfer did not happen');
  const after = await snapshot(c.address);
  assert.equal(before.balance - after.balance, BigInt(Math.ceil(limit * 0.1)), 'only the fee is charged');
  assert.equal(after.sequence, before.sequence + 1n);
  await assertAlive();
});

test('memo too long, fee in an unknown denom, fee payer without funds: rejected at CheckTx', async () => {
  const a = signer(node.lcdUrl, 'a');
  const b = devAccount('b').address;
  const msg = { from_address: a.address, to_address: b, amount: [{ denom: 'uscrt', amount: '1' }] };
  const before = await snapshot(a.address);

  const memo = await rejection(() => a.client.tx.bank.send(msg, { ...FAST, memo: 'x'.repeat(257) }));
  assert.equal(memo.message, 'Broadcasting transaction failed with code 12 (codespace: sdk). Log: maximum number of characters is 256 but received 257 characters: memo too large');
  const ok256 = await a.client.tx.bank.send(msg, { ...FAST, memo: 'y'.repeat(256) });
  assert.equal(ok256.code, 0, ok256.rawLog);
  assert.equal(ok256.tx.body?.memo, 'y'.repeat(256));
  const mid = await snapshot(a.address);
  assert.equal(before.balance - mid.balance, 1n + 2500n);

  const denom = await rejection(() => a.client.tx.bank.send(msg, { ...FAST, feeDenom: 'uatom' }));
  assert.equal(denom.message, 'Broadcasting transaction failed with code 13 (codespace: sdk). Log: insufficient fees; got: 2500uatom required: 313uscrt: insufficient fee');
  assert.deepEqual(await snapshot(a.address), mid);

  // An account holding 1000uscrt cannot pay a 2500uscrt fee.
  const poor = signer(node.lcdUrl, 'extra-6');
  const fund = await a.client.tx.bank.send({ from_address: a.address, to_address: poor.address, amount: [{ denom: 'uscrt', amount: '1000' }] }, FAST);
  assert.equal(fund.code, 0, fund.rawLog);
  const pbefore = await snapshot(poor.address);
  const broke = await rejection(() => poor.client.tx.bank.send({ from_address: poor.address, to_address: b, amount: [{ denom: 'uscrt', amount: '1' }] }, FAST));
  assert.equal(
    broke.message,
    'Broadcasting transaction failed with code 5 (codespace: sdk). Log: spendable balance 1000uscrt is smaller than 2500uscrt: insufficient funds: insufficient funds',
  );
  assert.deepEqual(await snapshot(poor.address), pbefore);
  await assertAlive();
});

test('a multi-message tx is atomic: a failing second message reverts the first', async () => {
  const a = signer(node.lcdUrl, 'a');
  const r1 = devAccount('extra-7').address;
  const r2 = devAccount('extra-8').address;
  const before = await snapshot(a.address);
  const tx = await a.client.tx.broadcast(
    [
      new MsgSend({ from_address: a.address, to_address: r1, amount: [{ denom: 'uscrt', amount: '100' }] }),
      new MsgSend({ from_address: a.address, to_address: r2, amount: [{ denom: 'uscrt', amount: '0' }] }),
    ],
    { ...FAST, gasLimit: 40_000 },
  );
  assert.equal(tx.code, 10, tx.rawLog);
  assert.equal(tx.rawLog, 'failed to execute message; message index: 1: 0uscrt: invalid coins');
  assert.equal(await balanceOf(reader(node.lcdUrl), r1), 0n, 'the first message is reverted');
  const after = await snapshot(a.address);
  assert.equal(before.balance - after.balance, 4000n, 'only the fee');
  assert.equal(after.sequence, before.sequence + 1n);
});

test('two txs signed with the same sequence at once: one is included, the other rejected with code 32', async () => {
  const a = signer(node.lcdUrl, 'a');
  const to = devAccount('extra-9').address;
  const before = await snapshot(a.address);
  const sends = [1n, 2n].map((amt) =>
    a.client.tx.bank.send({ from_address: a.address, to_address: to, amount: [{ denom: 'uscrt', amount: amt.toString() }] }, { ...FAST, gasLimit: 20_000 }),
  );
  const results = await Promise.allSettled(sends);
  const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<(typeof sends)[number]>> => r.status === 'fulfilled');
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  assert.equal(ok.length, 1, JSON.stringify(results.map((r) => r.status)));
  assert.equal(ok[0]!.value.code, 0);
  assert.equal(failed.length, 1);
  assert.match(String(failed[0]!.reason?.message), /^Broadcasting transaction failed with code 32 \(codespace: sdk\)\. Log: account sequence mismatch, expected \d+, got \d+: incorrect account sequence$/);
  const after = await snapshot(a.address);
  assert.equal(after.sequence, before.sequence + 1n);
  const got = await balanceOf(reader(node.lcdUrl), to);
  assert.ok(got === 1n || got === 2n);
  assert.equal(before.balance - after.balance, got + 2000n);
});
