// Bank transfers through the unmodified secretjs client against a fresh `scrtd dev` network:
// exact fee accounting, the tx result shape secretjs builds (§4, §5 of secretjs-compat.md),
// getTx, txsQuery paging, multi-message txs, failed txs that are still included, historical
// balance queries, concurrent senders, simulate, and a base URL with trailing slashes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { BroadcastMode, MsgMultiSend, MsgSend, type TxResponse } from 'secretjs';
import { startDevNode, type DevNode } from './lib/devnode.js';
import { FAST, balanceOf, feeOf, reader, sequenceOf, signer } from './lib/clients.js';
import { CHAIN_ID, devAccount } from './lib/dev-accounts.js';

let node: DevNode;
before(async () => {
  node = await startDevNode();
});
after(async () => {
  await node?.stop();
});

type Events = TxResponse['events'];

/** All values of `type.key` in the events, in order. */
function attrs(events: Events, type: string, key: string): string[] {
  const out: string[] = [];
  for (const e of events ?? []) {
    if (e.type !== type) continue;
    for (const a of e.attributes ?? []) if (a.key === key) out.push(String(a.value));
  }
  return out;
}

function assertCommittedOk(tx: TxResponse, what: string): void {
  assert.equal(tx.code, 0, `${what}: code ${tx.code} codespace ${tx.codespace} log ${tx.rawLog}`);
  assert.equal(tx.rawLog, '', `${what}: raw_log must be "" on success`);
  assert.ok(tx.height >= 1, `${what}: height ${tx.height}`);
  assert.match(tx.transactionHash, /^[0-9A-F]{64}$/);
}

test('send a→b: exact balances, fee as stated in the tx, result fields and events', async () => {
  const a = signer(node.lcdUrl, 'a');
  const b = devAccount('b').address;
  const q = reader(node.lcdUrl);
  const beforeA = await balanceOf(q, a.address);
  const beforeB = await balanceOf(q, b);
  const seqBefore = await sequenceOf(node.lcdUrl, a.address);
  const amount = 1_234_567n;
  const gasLimit = 20_000;

  const tx = await a.client.tx.bank.send(
    { from_address: a.address, to_address: b, amount: [{ denom: 'uscrt', amount: amount.toString() }] },
    { ...FAST, gasLimit, gasPriceInFeeDenom: 0.1 },
  );
  assertCommittedOk(tx, 'MsgSend');
  assert.equal(feeOf(gasLimit), 2000n);
  assert.equal(beforeA - (await balanceOf(q, a.address)), amount + 2000n, 'sender pays amount + fee exactly');
  assert.equal((await balanceOf(q, b)) - beforeB, amount, 'recipient receives the amount exactly');
  assert.equal(await sequenceOf(node.lcdUrl, a.address), seqBefore + 1n);

  assert.equal(tx.gasWanted, gasLimit);
  assert.ok(tx.gasUsed > 0 && tx.gasUsed <= gasLimit, `gasUsed ${tx.gasUsed}`);
  assert.match(tx.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.deepEqual(attrs(tx.events, 'message', 'action'), ['/cosmos.bank.v1beta1.MsgSend']);
  assert.deepEqual(attrs(tx.events, 'tx', 'fee'), ['2000uscrt']);
  assert.deepEqual(attrs(tx.events, 'tx', 'fee_payer'), [a.address]);
  assert.deepEqual(attrs(tx.events, 'tx', 'acc_seq'), [`${a.address}/${seqBefore}`]);
  assert.ok(attrs(tx.events, 'transfer', 'amount').includes(`${amount}uscrt`), 'transfer.amount of the send');
  assert.ok(attrs(tx.events, 'transfer', 'recipient').includes(b));

  // arrayLog / jsonLog are built from the events that carry msg_index.
  assert.ok(tx.arrayLog && tx.arrayLog.length > 0, 'arrayLog populated');
  assert.ok(tx.jsonLog && tx.jsonLog.length === 1, 'jsonLog has one entry per message');
  assert.ok(tx.arrayLog.every((l) => l.msg === 0));
  assert.ok(tx.arrayLog.some((l) => l.type === 'message' && l.key === 'action' && l.value === '/cosmos.bank.v1beta1.MsgSend'));
  assert.ok(tx.arrayLog.some((l) => l.type === 'message' && l.key === 'sender' && l.value === a.address));
  assert.ok(tx.arrayLog.some((l) => l.type === 'transfer' && l.key === 'amount' && l.value === `${amount}uscrt`));
  assert.ok(tx.arrayLog.some((l) => l.type === 'transfer' && l.key === 'recipient' && l.value === b));
  assert.ok(!tx.arrayLog.some((l) => l.type === 'tx'), 'ante events (tx.fee …) carry no msg_index and stay out of arrayLog');
  const msgEvents = tx.jsonLog[0]!.events.map((e) => e.type);
  assert.ok(msgEvents.includes('message') && msgEvents.includes('transfer') && msgEvents.includes('coin_spent') && msgEvents.includes('coin_received'), msgEvents.join(','));
  // One MsgSendResponse (empty) per message.
  assert.equal(tx.data.length, 1);
});

test('getTx returns the committed tx with the same events, heights, gas and decoded message', async () => {
  const a = signer(node.lcdUrl, 'a');
  const b = devAccount('b').address;
  const sent = await a.client.tx.bank.send(
    { from_address: a.address, to_address: b, amount: [{ denom: 'uscrt', amount: '777' }] },
    { ...FAST, memo: 'e2e getTx' },
  );
  assertCommittedOk(sent, 'MsgSend');
  assert.equal(sent.gasWanted, 25_000, 'default gas limit');
  assert.deepEqual(attrs(sent.events, 'tx', 'fee'), ['2500uscrt'], 'default fee');

  const got = await reader(node.lcdUrl).query.getTx(sent.transactionHash);
  assert.ok(got, 'getTx finds the committed tx');
  assertCommittedOk(got, 'getTx');
  assert.equal(got.transactionHash, sent.transactionHash);
  assert.equal(got.height, sent.height);
  assert.equal(got.gasUsed, sent.gasUsed);
  assert.equal(got.gasWanted, 25_000);
  assert.equal(got.timestamp, sent.timestamp);
  assert.deepEqual(got.events, sent.events);
  assert.deepEqual(got.arrayLog, sent.arrayLog);
  assert.ok(Array.isArray(got.data) && got.data.length === 1, 'data present: one entry per message');
  assert.deepEqual(got.tx.body?.messages?.[0], {
    '@type': '/cosmos.bank.v1beta1.MsgSend',
    from_address: a.address,
    to_address: b,
    amount: [{ denom: 'uscrt', amount: '777' }],
  });
  assert.equal(got.tx.body?.memo, 'e2e getTx');
  assert.equal(got.tx.auth_info?.fee?.gas_limit, '25000');
  assert.deepEqual(got.tx.auth_info?.fee?.amount, [{ denom: 'uscrt', amount: '2500' }]);
  assert.equal(got.tx.signatures?.length, 1);

  // A hash that was never broadcast: getTx resolves to null (the "tx not found" 404 is recognised).
  assert.equal(await reader(node.lcdUrl).query.getTx('AB'.repeat(32)), null);
});

test('txsQuery: limit and page select distinct matching txs', async () => {
  const c = signer(node.lcdUrl, 'c');
  const b = devAccount('b').address;
  const hashes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const tx = await c.client.tx.bank.send({ from_address: c.address, to_address: b, amount: [{ denom: 'uscrt', amount: String(100 + i) }] }, FAST);
    assertCommittedOk(tx, `send ${i}`);
    hashes.push(tx.transactionHash);
  }
  const q = reader(node.lcdUrl).query;
  const query = "message.action='/cosmos.bank.v1beta1.MsgSend' AND tx.height>=1";
  const all = await q.txsQuery(query);
  assert.ok(all.length >= 3, `all matching txs: ${all.length}`);
  for (const h of hashes) assert.ok(all.some((t) => t.transactionHash === h), `search finds ${h}`);
  for (const t of all) {
    assert.equal(t.code, 0);
    assert.ok(attrs(t.events, 'message', 'action').includes('/cosmos.bank.v1beta1.MsgSend'));
  }

  const page1 = await q.txsQuery(query, undefined, { limit: '1' });
  const page2 = await q.txsQuery(query, undefined, { limit: '1', offset: '1' });
  const page3 = await q.txsQuery(query, undefined, { limit: '1', offset: '2' });
  assert.equal(page1.length, 1);
  assert.equal(page2.length, 1);
  assert.equal(page3.length, 1);
  assert.equal(new Set([page1[0]!.transactionHash, page2[0]!.transactionHash, page3[0]!.transactionHash]).size, 3, 'pages 1, 2, 3 differ');
  const two = await q.txsQuery(query, undefined, { limit: '2' });
  assert.equal(two.length, 2, 'limit 2 returns 2 when ≥ 2 match');
  const three = await q.txsQuery(query, undefined, { limit: '3' });
  assert.equal(three.length, 3);

  // A query on a specific sender and on a specific hash.
  const mine = await q.txsQuery(`message.sender='${c.address}'`);
  assert.deepEqual(mine.map((t) => t.transactionHash).sort(), [...hashes].sort());
  const one = await q.txsQuery(`tx.hash='${hashes[1]}'`);
  assert.deepEqual(one.map((t) => t.transactionHash), [hashes[1]]);
  const none = await q.txsQuery("message.action='/cosmos.bank.v1beta1.MsgSend' AND tx.height>=100000000");
  assert.deepEqual(none, []);
});

test('a tx with two MsgSends, and a MsgMultiSend with several outputs', async () => {
  const a = signer(node.lcdUrl, 'a');
  const q = reader(node.lcdUrl);
  const r1 = devAccount('extra-14').address;
  const r2 = devAccount('extra-15').address;
  const r3 = devAccount('extra-16').address;

  const beforeA = await balanceOf(q, a.address);
  const two = await a.client.tx.broadcast(
    [
      new MsgSend({ from_address: a.address, to_address: r1, amount: [{ denom: 'uscrt', amount: '1000' }] }),
      new MsgSend({ from_address: a.address, to_address: r2, amount: [{ denom: 'uscrt', amount: '2000' }] }),
    ],
    { ...FAST, gasLimit: 30_000 },
  );
  assertCommittedOk(two, '2× MsgSend');
  assert.deepEqual([...new Set(two.arrayLog!.map((l) => l.msg))].sort(), [0, 1], 'arrayLog has msg indexes 0 and 1');
  assert.deepEqual(two.jsonLog!.map((l) => l.msg_index), [0, 1]);
  assert.ok(two.arrayLog!.some((l) => l.msg === 0 && l.type === 'transfer' && l.key === 'recipient' && l.value === r1));
  assert.ok(two.arrayLog!.some((l) => l.msg === 1 && l.type === 'transfer' && l.key === 'recipient' && l.value === r2));
  assert.deepEqual(attrs(two.events, 'message', 'action'), ['/cosmos.bank.v1beta1.MsgSend', '/cosmos.bank.v1beta1.MsgSend']);
  assert.equal(two.data.length, 2, 'one msg response per message');
  assert.equal(beforeA - (await balanceOf(q, a.address)), 3000n + feeOf(30_000));

  const beforeA2 = await balanceOf(q, a.address);
  const multi = await a.client.tx.broadcast(
    [
      new MsgMultiSend({
        inputs: [{ address: a.address, coins: [{ denom: 'uscrt', amount: '600' }] }],
        outputs: [
          { address: r1, coins: [{ denom: 'uscrt', amount: '100' }] },
          { address: r2, coins: [{ denom: 'uscrt', amount: '200' }] },
          { address: r3, coins: [{ denom: 'uscrt', amount: '300' }] },
        ],
      }),
    ],
    { ...FAST, gasLimit: 40_000 },
  );
  assertCommittedOk(multi, 'MsgMultiSend');
  assert.deepEqual(attrs(multi.events, 'message', 'action'), ['/cosmos.bank.v1beta1.MsgMultiSend']);
  // Message-level transfers (the fee transfer to fee_collector comes from the ante handler, without msg_index).
  const transfers = multi.arrayLog!.filter((l) => l.type === 'transfer');
  assert.deepEqual(transfers.filter((l) => l.key === 'recipient').map((l) => l.value), [r1, r2, r3]);
  assert.deepEqual(transfers.filter((l) => l.key === 'amount').map((l) => l.value), ['100uscrt', '200uscrt', '300uscrt']);
  assert.ok(attrs(multi.events, 'transfer', 'amount').includes('4000uscrt'), 'the fee transfer is among the events');
  assert.equal(multi.data.length, 1);
  assert.equal(beforeA2 - (await balanceOf(q, a.address)), 600n + feeOf(40_000));
  assert.equal(await balanceOf(q, r1), 1100n);
  assert.equal(await balanceOf(q, r2), 2200n);
  assert.equal(await balanceOf(q, r3), 300n);

  // The client's budget: MsgMultiSend with 2 outputs fits in 20 000 gas.
  const small = await a.client.tx.broadcast(
    [
      new MsgMultiSend({
        inputs: [{ address: a.address, coins: [{ denom: 'uscrt', amount: '2' }] }],
        outputs: [
          { address: r1, coins: [{ denom: 'uscrt', amount: '1' }] },
          { address: r2, coins: [{ denom: 'uscrt', amount: '1' }] },
        ],
      }),
    ],
    { ...FAST, gasLimit: 20_000 },
  );
  assertCommittedOk(small, 'MsgMultiSend with 2 outputs at 20k gas');
});

test('a failing MsgSend is included with code 5; the fee is charged and the sequence bumped', async () => {
  const a = signer(node.lcdUrl, 'a');
  const poor = signer(node.lcdUrl, 'extra-13');
  const b = devAccount('b').address;
  const q = reader(node.lcdUrl);
  const fund = await a.client.tx.bank.send({ from_address: a.address, to_address: poor.address, amount: [{ denom: 'uscrt', amount: '100000' }] }, FAST);
  assertCommittedOk(fund, 'funding');
  assert.equal(await balanceOf(q, poor.address), 100_000n);
  assert.equal(await sequenceOf(node.lcdUrl, poor.address), 0n);
  const beforeB = await balanceOf(q, b);

  const tx = await poor.client.tx.bank.send(
    { from_address: poor.address, to_address: b, amount: [{ denom: 'uscrt', amount: '200000' }] },
    { ...FAST, gasLimit: 20_000, waitForCommit: true },
  );
  assert.equal(tx.code, 5);
  assert.equal(tx.codespace, 'sdk');
  assert.ok(tx.height > fund.height, 'included in a later block');
  assert.equal(tx.rawLog, 'failed to execute message; message index: 0: spendable balance 98000uscrt is smaller than 200000uscrt: insufficient funds');
  assert.deepEqual(tx.arrayLog, []);
  assert.deepEqual(tx.data, []);
  assert.equal(tx.gasWanted, 20_000);
  // Fee events are kept for a failed tx, message events are not.
  assert.deepEqual(attrs(tx.events, 'tx', 'fee'), ['2000uscrt']);
  assert.deepEqual(attrs(tx.events, 'message', 'action'), []);

  assert.equal(await balanceOf(q, poor.address), 100_000n - 2000n, 'funded − fee');
  assert.equal(await sequenceOf(node.lcdUrl, poor.address), 1n, 'sequence bumped');
  assert.equal(await balanceOf(q, b), beforeB, 'recipient unchanged');

  const got = await q.query.getTx(tx.transactionHash);
  assert.ok(got);
  assert.equal(got.code, 5);
  assert.equal(got.rawLog, tx.rawLog);

  // The account can sign again with the bumped sequence.
  const ok = await poor.client.tx.bank.send({ from_address: poor.address, to_address: b, amount: [{ denom: 'uscrt', amount: '1000' }] }, { ...FAST, gasLimit: 20_000 });
  assertCommittedOk(ok, 'send after failure');
  assert.equal(await balanceOf(q, poor.address), 98_000n - 1000n - 2000n);
});

test('historical balance: unfunded-20 is 0 at height 1 and funded at latest (x-cosmos-block-height)', async () => {
  const a = signer(node.lcdUrl, 'a');
  const target = devAccount('unfunded-20').address;
  const q = reader(node.lcdUrl);
  assert.equal(await balanceOf(q, target, 1), 0n);
  assert.equal(await balanceOf(q, target), 0n);
  const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: target, amount: [{ denom: 'uscrt', amount: '4242' }] }, FAST);
  assertCommittedOk(tx, 'fund unfunded-20');
  assert.ok(tx.height > 1);

  assert.equal(await balanceOf(q, target, 1), 0n, 'at height 1 it is still 0');
  assert.equal(await balanceOf(q, target), 4242n, 'at latest it is the amount');
  assert.equal(await balanceOf(q, target, tx.height - 1), 0n, 'before the tx block');
  assert.equal(await balanceOf(q, target, tx.height), 4242n, 'from the tx block on');
  // The genesis accounts at height 1.
  assert.equal(await balanceOf(q, devAccount('c').address, 1), 1_000_000_000_000_000_000n);
  assert.equal(await balanceOf(q, devAccount('d-relayer').address, 1), 1_000_000_000_000_000_000n);
  assert.equal(await balanceOf(q, devAccount('validator').address, 1) > 0n, true);
});

test('concurrent sends from 10 accounts all succeed; b rises by exactly the sum', async () => {
  const a = signer(node.lcdUrl, 'a');
  const q = reader(node.lcdUrl);
  const b = devAccount('b').address;
  const names = Array.from({ length: 10 }, (_, i) => `extra-${i + 3}`);
  const senders = names.map((n) => signer(node.lcdUrl, n));
  const fundEach = 1_000_000n;
  const fund = await a.client.tx.broadcast(
    [
      new MsgMultiSend({
        inputs: [{ address: a.address, coins: [{ denom: 'uscrt', amount: String(fundEach * 10n) }] }],
        outputs: senders.map((s) => ({ address: s.address, coins: [{ denom: 'uscrt', amount: fundEach.toString() }] })),
      }),
    ],
    { ...FAST, gasLimit: 200_000 },
  );
  assertCommittedOk(fund, 'multisend funding');
  const funded = await Promise.all(senders.map((s) => balanceOf(q, s.address)));
  const beforeB = await balanceOf(q, b);

  const amounts = senders.map((_, i) => BigInt(1000 + i));
  const results = await Promise.all(
    senders.map((s, i) =>
      s.client.tx.bank.send({ from_address: s.address, to_address: b, amount: [{ denom: 'uscrt', amount: amounts[i]!.toString() }] }, { ...FAST, gasLimit: 20_000 }),
    ),
  );
  results.forEach((r, i) => assertCommittedOk(r, `send from ${names[i]}`));
  const sum = amounts.reduce((x, y) => x + y, 0n);
  assert.equal((await balanceOf(q, b)) - beforeB, sum);
  for (let i = 0; i < senders.length; i++) {
    assert.equal(await balanceOf(q, senders[i]!.address), funded[i]! - amounts[i]! - 2000n, names[i]);
  }
  const heights = results.map((r) => r.height);
  assert.ok(new Set(heights).size < heights.length, `some txs share a block (heights ${heights.join(',')})`);
});

test('simulate estimates gas; 1.25 × the estimate is enough for the real tx', async () => {
  const a = signer(node.lcdUrl, 'c');
  const to = devAccount('extra-17').address;
  const msg = { from_address: a.address, to_address: to, amount: [{ denom: 'uscrt', amount: '5000' }] };
  const seqBefore = await sequenceOf(node.lcdUrl, a.address);
  const sim = await a.client.tx.bank.send.simulate(msg);
  const gasUsed = Number(sim.gas_info?.gas_used);
  assert.ok(Number.isSafeInteger(gasUsed) && gasUsed > 0, `simulate gas_used ${sim.gas_info?.gas_used}`);
  assert.equal(await sequenceOf(node.lcdUrl, a.address), seqBefore, 'simulate changes no state');
  assert.equal(await balanceOf(reader(node.lcdUrl), to), 0n);

  const gasLimit = Math.ceil(gasUsed * 1.25);
  const tx = await a.client.tx.bank.send(msg, { ...FAST, gasLimit });
  assertCommittedOk(tx, 'send with simulated gas');
  assert.ok(tx.gasUsed <= gasLimit);
  assert.ok(Math.abs(tx.gasUsed - gasUsed) <= gasUsed * 0.25, `estimate ${gasUsed} vs actual ${tx.gasUsed}`);
  assert.equal(await balanceOf(reader(node.lcdUrl), to), 5000n);

  // Simulating a multi-message tx through tx.simulate.
  const sim2 = await a.client.tx.simulate([new MsgSend(msg), new MsgSend(msg)]);
  assert.ok(Number(sim2.gas_info?.gas_used) > gasUsed, 'two messages cost more than one');
});

test('a client whose base URL ends in ////// still works', async () => {
  const q = reader(`${node.lcdUrl}//////`);
  const r = await q.query.bank.balance({ address: devAccount('d-relayer').address, denom: 'uscrt' });
  assert.deepEqual(r.balance, { denom: 'uscrt', amount: '1000000000000000000' });
  const latest = await q.query.tendermint.getLatestBlock({});
  assert.ok(Number(latest.block?.header?.height) >= 1);
  const acc = await q.query.auth.account({ address: devAccount('a').address });
  assert.equal((acc.account as { '@type'?: string } | undefined)?.['@type'], '/cosmos.auth.v1beta1.BaseAccount');

  // And a signing client with the same URL can send.
  const a = signer(`${node.lcdUrl}//////`, 'a');
  const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: devAccount('extra-18').address, amount: [{ denom: 'uscrt', amount: '1' }] }, FAST);
  assertCommittedOk(tx, 'send via slashed URL');
});

test('pipelined txs with explicit sequences N, N+1, N+2 (not waiting for commit; sync and async) are all included in order', async () => {
  const b = signer(node.lcdUrl, 'b');
  const to = devAccount('c').address;
  const q = reader(node.lcdUrl);
  const acc = (await b.client.query.auth.account({ address: b.address })).account as { account_number: string; sequence: string };
  const accountNumber = Number(acc.account_number);
  const seq = Number(acc.sequence);
  const beforeTo = await balanceOf(q, to);
  const hashes: string[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await b.client.tx.bank.send(
      { from_address: b.address, to_address: to, amount: [{ denom: 'uscrt', amount: String(10 + i) }] },
      {
        gasLimit: 20_000,
        waitForCommit: false,
        // Sync waits for CheckTx, so the next sequence arrives after this one; the last goes async.
        broadcastMode: i < 2 ? BroadcastMode.Sync : BroadcastMode.Async,
        explicitSignerData: { accountNumber, sequence: seq + i, chainId: CHAIN_ID },
      },
    );
    assert.match(r.transactionHash, /^[0-9A-F]{64}$/);
    hashes.push(r.transactionHash);
  }
  const committed: TxResponse[] = [];
  for (const h of hashes) {
    let tx: TxResponse | null = null;
    for (let i = 0; !tx && i < 100; i++) {
      tx = await q.query.getTx(h);
      if (!tx) await new Promise((r) => setTimeout(r, 50));
    }
    assert.ok(tx, `tx ${h} committed`);
    assertCommittedOk(tx, `pipelined ${h}`);
    committed.push(tx);
  }
  assert.deepEqual(committed.map((t) => attrs(t.events, 'tx', 'acc_seq')[0]), [0, 1, 2].map((i) => `${b.address}/${seq + i}`));
  for (let i = 1; i < 3; i++) assert.ok(committed[i]!.height >= committed[i - 1]!.height);
  assert.equal((await balanceOf(q, to)) - beforeTo, 33n);
  assert.equal(await sequenceOf(node.lcdUrl, b.address), BigInt(seq + 3));
});

test('tx lookups: lower-case hash, descending search order, txs of a block', async () => {
  const a = signer(node.lcdUrl, 'a');
  const tx = await a.client.tx.bank.send({ from_address: a.address, to_address: devAccount('c').address, amount: [{ denom: 'uscrt', amount: '3' }] }, FAST);
  assertCommittedOk(tx, 'send');
  const lower = await fetch(`${node.lcdUrl}/cosmos/tx/v1beta1/txs/${tx.transactionHash.toLowerCase()}`);
  assert.equal(lower.status, 200, 'hex hashes are case-insensitive');
  const body = (await lower.json()) as { tx_response: { txhash: string; data: string; raw_log: string; logs: unknown[] } };
  assert.equal(body.tx_response.txhash, tx.transactionHash);
  assert.equal(typeof body.tx_response.data, 'string');
  assert.equal(body.tx_response.raw_log, '');

  const q = reader(node.lcdUrl).query;
  const query = "message.action='/cosmos.bank.v1beta1.MsgSend'";
  type Order = Parameters<typeof q.txsQuery>[3];
  const asc = await q.txsQuery(query, undefined, undefined, 'ORDER_BY_ASC' as Order);
  const desc = await q.txsQuery(query, undefined, undefined, 'ORDER_BY_DESC' as Order);
  assert.ok(asc.length >= 2);
  assert.deepEqual(
    desc.map((t) => t.transactionHash),
    asc.map((t) => t.transactionHash).reverse(),
  );
  const newest = await q.txsQuery(query, undefined, { limit: '1' }, 'ORDER_BY_DESC' as Order);
  assert.equal(newest[0]!.transactionHash, tx.transactionHash);

  const block = await fetch(`${node.lcdUrl}/cosmos/tx/v1beta1/txs/block/${tx.height}`);
  assert.equal(block.status, 200);
  const bj = (await block.json()) as { txs: { body: { messages: { '@type': string }[] } }[]; block: { header: { height: string } } };
  assert.equal(bj.block.header.height, String(tx.height));
  assert.ok(bj.txs.length >= 1);
  assert.ok(bj.txs.every((t) => t.body.messages[0]!['@type'] === '/cosmos.bank.v1beta1.MsgSend'));
});

test('after all of the above, total supply equals the sum of all account balances (fees sit in fee_collector)', async () => {
  const q = reader(node.lcdUrl).query;
  const supply = await q.bank.supplyOf({ denom: 'uscrt' });
  assert.equal(supply.amount?.amount, '5000000000000000000', 'fees move coins, they do not burn or mint them');
  const res = await fetch(`${node.lcdUrl}/cosmos/auth/v1beta1/accounts?pagination.limit=1000`);
  const body = (await res.json()) as { accounts: Record<string, any>[] };
  const addresses = body.accounts.map((a) => (a['@type'] === '/cosmos.auth.v1beta1.ModuleAccount' ? a.base_account.address : a.address) as string);
  assert.equal(new Set(addresses).size, addresses.length, 'no account listed twice');
  let sum = 0n;
  for (const addr of addresses) sum += await balanceOf(reader(node.lcdUrl), addr);
  assert.equal(sum, 5_000_000_000_000_000_000n);
  const fees = await q.auth.moduleAccountByName({ name: 'fee_collector' });
  const feeAddr = (fees.account as { base_account?: { address?: string } } | undefined)?.base_account?.address;
  assert.equal(feeAddr, 'secret17xpfvakm2amg962yls6f84z3kell8c5ljuhfkp');
  assert.ok((await balanceOf(reader(node.lcdUrl), feeAddr)) > 0n, 'fees were collected');
});
