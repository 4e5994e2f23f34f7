// Tx search: the CometBFT query parser, and evaluation over the aux tx index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, searchTxs, compareDecimal, TxSearchError, matchValue } from '../src/txsearch.js';
import { eventEntries, TxIndex } from '../src/txindex.js';
import { encodeBlockResults, encodeTxRecordV1, type TxRecord } from '../src/records.js';
import { sha256 } from '../src/util/hash.js';
import { AuxPrefix, blockResultsKey, eventIndexKey, eventValuePrefix, txByHashKey, txPositionKey } from '../src/keys.js';
import { toHexUpper } from '../src/util/bytes.js';
import { MemoryAux } from './kvapp.js';
import type { AbciEvent } from '@scrtd/app';

test('parser: operators, operands, AND', () => {
  assert.deepEqual(parseQuery("message.action='/cosmos.bank.v1beta1.MsgSend'"), [
    { tag: 'message.action', op: '=', operand: { type: 'string', value: '/cosmos.bank.v1beta1.MsgSend' } },
  ]);
  const q = parseQuery("a.b = 'x y' AND tx.height>=5 AND c.d<=-1.5 AND e.f EXISTS AND g.h CONTAINS 'z' AND i.j > 3 AND k.l < 2");
  assert.deepEqual(
    q.map((c) => [c.tag, c.op, c.operand?.type]),
    [
      ['a.b', '=', 'string'],
      ['tx.height', '>=', 'number'],
      ['c.d', '<=', 'number'],
      ['e.f', 'EXISTS', undefined],
      ['g.h', 'CONTAINS', 'string'],
      ['i.j', '>', 'number'],
      ['k.l', '<', 'number'],
    ],
  );
  const t = parseQuery('a.t >= TIME 2020-01-01T00:00:00Z AND a.d = DATE 2020-01-02');
  assert.equal(t[0]!.operand?.type, 'time');
  assert.equal(t[1]!.operand?.type, 'date');
  // keywords are accepted in any case; whitespace is free
  assert.equal(parseQuery("a.b='1'   and   c.d exists").length, 2);
  assert.equal(parseQuery("acknowledge_packet.packet_src_channel='channel-0' AND acknowledge_packet.packet_sequence='1'").length, 2);
  assert.equal(parseQuery("wasm-my_event.key='v'")[0]!.tag, 'wasm-my_event.key');
});

test('parser: invalid queries are InvalidArgument', () => {
  for (const bad of [
    '',
    '   ',
    'a.b',
    "a.b = 'unterminated",
    "a.b = 'x' AND",
    "a.b = 'x' c.d = 'y'",
    "a.b < 'x'",
    'a.b CONTAINS 5',
    "= 'x'",
    "AND a.b='x'",
    'a.b = DATE 2020-13-01',
    'a.b = TIME yesterday',
    'a.b = x',
    "1abc = 'x'",
  ]) {
    assert.throws(() => parseQuery(bad), (e: unknown) => e instanceof TxSearchError && e.grpcCode === 3, bad);
  }
});

test('decimal comparison is exact', () => {
  assert.equal(compareDecimal('10', '9'), 1);
  assert.equal(compareDecimal('1.50', '1.5'), 0);
  assert.equal(compareDecimal('-2', '1'), -1);
  assert.equal(compareDecimal('123456789012345678901234567890', '123456789012345678901234567891'), -1);
  assert.equal(compareDecimal('100uscrt', '1'), undefined);
  const gt = parseQuery('a.b > 5')[0]!;
  assert.equal(matchValue(gt, '6'), true);
  assert.equal(matchValue(gt, '5'), false);
  assert.equal(matchValue(gt, 'abc'), false);
  const eq = parseQuery('a.b = 5')[0]!;
  assert.equal(matchValue(eq, '5.0'), true);
  const seq = parseQuery("a.b = '5'")[0]!;
  assert.equal(matchValue(seq, '5.0'), false);
  const ct = parseQuery("a.b CONTAINS 'ell'")[0]!;
  assert.equal(matchValue(ct, 'hello'), true);
  const tm = parseQuery('a.t > TIME 2020-01-01T00:00:00Z')[0]!;
  assert.equal(matchValue(tm, '2020-01-01T00:00:01Z'), true);
  assert.equal(matchValue(tm, '2019-12-31T23:59:59.999999999Z'), false);
});

function rec(height: number, index: number, events: AbciEvent[]): TxRecord {
  const tx = new TextEncoder().encode(`tx-${height}-${index}`);
  return {
    hash: sha256(tx),
    height,
    index,
    tx,
    result: { code: 0, codespace: '', data: new Uint8Array(), log: '', info: '', gasWanted: 1n, gasUsed: 1n, events },
    timeNs: BigInt(height) * 1_000_000_000n,
  };
}

const ev = (type: string, attrs: Record<string, string>, index = true): AbciEvent => ({
  type,
  attributes: Object.entries(attrs).map(([key, value]) => ({ key, value, index })),
});

/** Every aux entry indexing one tx: its record by hash, then its event keys. */
function entriesOf(rec: TxRecord): [Uint8Array, Uint8Array][] {
  const { record, events } = TxIndex.write(rec);
  return [record, ...eventEntries([events])];
}

/** What the driver writes for these records: their index entries, and each block's results record. */
function indexAll(aux: MemoryAux, records: TxRecord[]): void {
  const byHeight = new Map<number, TxRecord[]>();
  for (const r of records) {
    for (const [k, v] of entriesOf(r)) aux.map.set(Buffer.from(k).toString('hex'), v);
    byHeight.set(r.height, [...(byHeight.get(r.height) ?? []), r]);
  }
  for (const [height, recs] of byHeight) {
    const txHashes = recs.sort((a, b) => a.index - b.index).map((r) => r.hash);
    const results = encodeBlockResults({ height, txHashes, events: [], validatorUpdates: [], appHash: new Uint8Array(32) });
    aux.map.set(Buffer.from(blockResultsKey(height)).toString('hex'), results);
  }
}

function fixture(): { index: TxIndex; records: TxRecord[] } {
  const aux = new MemoryAux();
  const records = [
    rec(1, 0, [ev('message', { action: 'send', sender: 'alice' }), ev('transfer', { amount: '100' })]),
    rec(1, 1, [ev('message', { action: 'send', sender: 'bob' }), ev('transfer', { amount: '5' })]),
    rec(2, 0, [ev('message', { action: 'vote', sender: 'alice' })]),
    rec(3, 0, [ev('message', { action: 'send', sender: 'carol' }), ev('transfer', { amount: '42' }), ev('secret', { k: 'v' }, false)]),
    rec(10, 0, [ev('message', { action: 'send', sender: 'alice' }), ev('transfer', { amount: '7' }), ev('transfer', { amount: '700' })]),
  ];
  indexAll(aux, records);
  return { index: new TxIndex(aux), records };
}

const positions = (r: { records: TxRecord[] }) => r.records.map((x) => `${x.height}/${x.index}`);

test('search: equality, AND, ordering, special tags', () => {
  const { index, records } = fixture();
  assert.deepEqual(positions(searchTxs(index, { query: "message.action='send'" })), ['1/0', '1/1', '3/0', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "message.action='send'", order: 'desc' })), ['10/0', '3/0', '1/1', '1/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "message.action='send' AND message.sender='alice'" })), ['1/0', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "message.sender='alice' AND tx.height>=2" })), ['2/0', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: 'tx.height=1' })), ['1/0', '1/1']);
  assert.deepEqual(positions(searchTxs(index, { query: 'tx.height>2 AND tx.height<=10' })), ['3/0', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: 'tx.height<2.5' })), ['1/0', '1/1', '2/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "tx.height='3'" })), ['3/0']);
  const h = toHexUpper(records[3]!.hash);
  assert.deepEqual(positions(searchTxs(index, { query: `tx.hash='${h}'` })), ['3/0']);
  assert.deepEqual(positions(searchTxs(index, { query: `tx.hash='${h.toLowerCase()}' AND message.action='send'` })), ['3/0']);
  assert.deepEqual(positions(searchTxs(index, { query: `tx.hash='${h}' AND message.action='vote'` })), []);
  assert.deepEqual(positions(searchTxs(index, { query: "tx.hash='00'" })), []);
  assert.equal(searchTxs(index, { query: "message.action='none'" }).total, 0);
});

test('search: ranges, CONTAINS, EXISTS, unindexed attributes', () => {
  const { index } = fixture();
  assert.deepEqual(positions(searchTxs(index, { query: 'transfer.amount>40' })), ['1/0', '3/0', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: 'transfer.amount<=7' })), ['1/1', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "message.sender CONTAINS 'ar'" })), ['3/0']);
  assert.deepEqual(positions(searchTxs(index, { query: 'transfer.amount EXISTS' })), ['1/0', '1/1', '3/0', '10/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "transfer.amount EXISTS AND message.sender='alice'" })), ['1/0', '10/0']);
  // index=false attributes are not searchable
  assert.deepEqual(positions(searchTxs(index, { query: "secret.k='v'" })), []);
  assert.deepEqual(positions(searchTxs(index, { query: 'secret.k EXISTS' })), []);
  // only tx.height conditions of unusual shape walk every tx
  assert.deepEqual(positions(searchTxs(index, { query: 'tx.height EXISTS' })).length, 5);
});

test('posting lists (a store with deferred postings) answer every search as per-tx keys do; mixed databases too', async () => {
  const { createMemoryCommitMultiStore } = await import('@scrtd/store');
  const { records } = fixture();
  const perTx = fixture().index;
  const cms = createMemoryCommitMultiStore(['x']);
  // The records and block results go with block 1; the event keys follow as postings, per block.
  const byHeight = new Map<number, TxRecord[]>();
  for (const r of records) byHeight.set(r.height, [...(byHeight.get(r.height) ?? []), r]);
  const aux: [Uint8Array, Uint8Array][] = [];
  const events = new Map<number, ReturnType<typeof TxIndex.write>['events'][]>();
  for (const [height, recs] of byHeight) {
    for (const r of recs) {
      const w = TxIndex.write(r);
      aux.push(w.record);
      events.set(height, [...(events.get(height) ?? []), w.events]);
    }
    aux.push([blockResultsKey(height), encodeBlockResults({ height, txHashes: recs.map((r) => r.hash), events: [], validatorUpdates: [], appHash: new Uint8Array(32) })]);
  }
  await cms.commit(1, cms.branch(), aux);
  const index = new TxIndex(cms.aux());
  // Block 10's keys in the old layout (a database indexed before postings), the rest as postings.
  for (const [height, ev] of events) {
    if (height === 10) await cms.aux().writeDeferred(eventEntries(ev));
    else await index.indexEvents(height, ev);
  }
  // One entry per (key, value, height): block 1's two "send" txs share one.
  const sendPrefix = Buffer.from(eventValuePrefix('message.action', 'send', AuxPrefix.EventPostings));
  const sendKeys = [...cms.aux().iterate()].filter(([k]) => Buffer.from(k).subarray(0, sendPrefix.length).equals(sendPrefix));
  assert.deepEqual(sendKeys.map(([, v]) => Buffer.from(v).toString('hex')), ['0000000000000001', '00000000']); // heights 1 and 3
  for (const query of [
    "message.action='send'",
    "message.action='send' AND message.sender='alice'",
    'transfer.amount>40',
    'transfer.amount EXISTS',
    "message.sender CONTAINS 'ar'",
    "secret.k='v'",
    'tx.height<2.5',
  ]) {
    for (const order of ['asc', 'desc'] as const) {
      assert.deepEqual(positions(searchTxs(index, { query, order })), positions(searchTxs(perTx, { query, order })), `${query} ${order}`);
    }
  }
  await cms.close();
});

test('search: pagination with total', () => {
  const { index } = fixture();
  const q = "message.action='send'";
  const p1 = searchTxs(index, { query: q, page: 1, limit: 1 });
  const p2 = searchTxs(index, { query: q, page: 2, limit: 1 });
  assert.equal(p1.total, 4);
  assert.equal(p2.total, 4);
  assert.deepEqual(positions(p1), ['1/0']);
  assert.deepEqual(positions(p2), ['1/1']);
  assert.deepEqual(positions(searchTxs(index, { query: q, page: 2, limit: 3 })), ['10/0']);
  assert.equal(searchTxs(index, { query: q, limit: 1000 }).records.length, 4); // clamped to 100, all fit
  assert.throws(() => searchTxs(index, { query: q, page: 3, limit: 2 }), /page should be within \[1, 2\] range, given 3/);
  // an empty result still has page 1
  assert.equal(searchTxs(index, { query: "message.action='none'", page: 1 }).records.length, 0);
});

test('search: limit defaults to 100 and caps at 100', () => {
  const aux = new MemoryAux();
  indexAll(aux, Array.from({ length: 150 }, (_, i) => rec(1 + Math.floor(i / 10), i % 10, [ev('m', { a: 'x' })])));
  const index = new TxIndex(aux);
  const r = searchTxs(index, { query: "m.a='x'" });
  assert.equal(r.total, 150);
  assert.equal(r.records.length, 100);
  assert.equal(searchTxs(index, { query: "m.a='x'", page: 2 }).records.length, 50);
  assert.equal(searchTxs(index, { query: "m.a='x'", limit: 500 }).records.length, 100);
});

test('attributes too long for a store key are kept in the record but not indexed', async () => {
  const { MAX_KEY_BYTES } = await import('@scrtd/store');
  const aux = new MemoryAux();
  const long = 'x'.repeat(2000);
  const r = rec(1, 0, [ev('wasm', { big: long, small: 'ok' })]);
  const entries = entriesOf(r);
  assert.ok(entries.every(([k]) => k.length <= MAX_KEY_BYTES));
  for (const [k, v] of entries) aux.map.set(Buffer.from(k).toString('hex'), v);
  const index = new TxIndex(aux);
  assert.equal(searchTxs(index, { query: "wasm.small='ok'" }).total, 1);
  assert.equal(searchTxs(index, { query: `wasm.big='${long}'` }).total, 0);
  assert.equal(searchTxs(index, { query: "wasm.small='ok' AND wasm.big EXISTS" }).total, 0);
  assert.equal(index.get(r.hash)!.result.events[0]!.attributes[0]!.value, long);
});

test('index entries: one per indexed (key, value), byte-identical to eventIndexKey, multi-byte UTF-8 included', () => {
  const events: AbciEvent[] = [
    { type: 'message', attributes: [{ key: 'action', value: 'exécuter', index: true }, { key: 'sender', value: 's', index: true }, { key: 'skip', value: 'x', index: false }] },
    { type: 'message', attributes: [{ key: 'action', value: 'exécuter', index: true }] },
    { type: '', attributes: [{ key: 'a', value: 'b', index: true }] },
    { type: 'wasm', attributes: [{ key: '', value: 'v', index: true }, { key: 'k🙂', value: '', index: true }, { key: 'long', value: 'x'.repeat(1100), index: true }] },
  ];
  const rec: TxRecord = { hash: sha256(Uint8Array.of(1)), height: 2 ** 33 + 7, index: 3, tx: Uint8Array.of(1), timeNs: 0n, result: { code: 0, codespace: '', data: new Uint8Array(), log: '', info: '', gasWanted: 0n, gasUsed: 0n, events } };
  const keys = entriesOf(rec).slice(1).map(([k, v]) => {
    assert.deepEqual(v, Uint8Array.of(0));
    return Buffer.from(k).toString('hex');
  });
  const expected = [
    ['message.action', 'exécuter'],
    ['message.sender', 's'],
    ['wasm.k🙂', ''],
  ].map(([k, v]) => Buffer.from(eventIndexKey(k!, v!, rec.height, rec.index)).toString('hex'));
  assert.deepEqual(keys, expected);
});

test('index entries: the record by hash first, then only event keys (no per-tx position key)', () => {
  const r = rec(5, 2, [ev('message', { action: 'send', sender: 'alice' }), ev('message', { sender: 'alice' }), ev('a.b', { c: '1' }), ev('a', { 'b.c': '1' })]);
  const entries = entriesOf(r);
  assert.deepEqual(Buffer.from(entries[0]![0]), Buffer.from(txByHashKey(r.hash)));
  // message.sender=alice twice and a.b.c=1 twice (split differently) give one key each
  assert.equal(entries.length, 1 + 3);
  assert.ok(entries.slice(1).every(([k]) => k[0] === 0x07));
});

test('search over a database written by an older node: JSON tx records, JSON block results, position keys', () => {
  const aux = new MemoryAux();
  const put = (k: Uint8Array, v: Uint8Array) => aux.map.set(Buffer.from(k).toString('hex'), v);
  const records = [
    rec(1, 0, [ev('message', { action: 'send', sender: 'alice' })]),
    rec(1, 1, [ev('message', { action: 'send', sender: 'bob' })]),
    rec(3, 0, [ev('message', { action: 'vote', sender: 'alice' })]),
  ];
  for (const r of records) {
    // the entries of format 1: JSON record by hash, hash by position, and the same event keys
    put(txByHashKey(r.hash), encodeTxRecordV1(r));
    put(txPositionKey(r.height, r.index), r.hash);
    for (const [k, v] of entriesOf(r).slice(1)) put(k, v);
  }
  const oldResults = (height: number, hashes: Uint8Array[]) =>
    new TextEncoder().encode(JSON.stringify({ v: 1, height, txHashes: hashes.map(toHexUpper), events: [], validatorUpdates: [], appHash: '00' }));
  put(blockResultsKey(1), oldResults(1, [records[0]!.hash, records[1]!.hash]));
  put(blockResultsKey(2), oldResults(2, []));
  put(blockResultsKey(3), oldResults(3, [records[2]!.hash]));
  const index = new TxIndex(aux);
  assert.deepEqual(positions(searchTxs(index, { query: "message.sender='alice'" })), ['1/0', '3/0']);
  assert.deepEqual(positions(searchTxs(index, { query: "message.action='send' AND tx.height<=1" })), ['1/0', '1/1']);
  assert.deepEqual(positions(searchTxs(index, { query: 'tx.height EXISTS' })), ['1/0', '1/1', '3/0']);
  assert.deepEqual(searchTxs(index, { query: "message.sender='bob'" }).records[0], records[1]);
  assert.deepEqual(index.get(records[2]!.hash), records[2]);
  assert.deepEqual(index.hashAt({ height: 1, index: 1 }), records[1]!.hash);
  assert.equal(index.hashAt({ height: 1, index: 2 }), undefined);
  assert.equal(index.hashAt({ height: 9, index: 0 }), undefined);
});
