// Stored record encodings: binary tx records (format 2) and block results (format 2) round-trip,
// and records written by older nodes (format 1, JSON) still decode to the same values and render
// the same LCD JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AbciEvent } from '@scrtd/app';
import {
  blockResultsTxCount,
  blockResultsTxHash,
  decodeBlockResults,
  decodeStoredBlock,
  encodeStoredBlock,
  encodeStoredBlockV1,
  type StoredBlock,
  decodeTxRecord,
  encodeBlockResults,
  encodeTxRecord,
  encodeTxRecordV1,
  type StoredBlockResults,
  type TxRecord,
} from '../src/records.js';
import { blockResponseJson, txResponseJson } from '../src/lcd/render.js';
import { sha256 } from '../src/util/hash.js';
import { GO_ZERO_TIME_NS } from '../src/util/time.js';

const a = (key: string, value: string, index = true) => ({ key, value, index });
const addr = 'secret1qz3t0q6d3m7x0rj3l5hpy0q7cq7l8n6u5kgm8e';
const contract = 'secret1k0jntykt7e4g3y88ltc60czgjuqdy4c9e8fzek0jntykt7e4g3y88ltc60c';

function realistic(height: number, index: number): TxRecord {
  const tx = new Uint8Array(720).map((_, i) => (i * 31 + height) & 0xff);
  const events: AbciEvent[] = [
    { type: 'coin_spent', attributes: [a('spender', addr), a('amount', '2500uscrt')] },
    { type: 'coin_received', attributes: [a('receiver', 'secret17xpfvakm2amg962yls6f84z3kell8c5lm7j9tl'), a('amount', '2500uscrt')] },
    { type: 'tx', attributes: [a('fee', '2500uscrt'), a('fee_payer', addr)] },
    { type: 'tx', attributes: [a('acc_seq', `${addr}/17`)] },
    { type: 'tx', attributes: [a('signature', Buffer.alloc(64, 7).toString('base64'))] },
    { type: 'message', attributes: [a('action', '/secret.compute.v1beta1.MsgExecuteContract'), a('sender', addr), a('module', 'compute'), a('msg_index', '0')] },
    { type: 'execute', attributes: [a('contract_address', contract), a('msg_index', '0')] },
    { type: 'wasm', attributes: [a('contract_address', contract), a(Buffer.alloc(28, 1).toString('base64'), Buffer.alloc(45, 2).toString('base64')), a('msg_index', '0')] },
  ];
  return {
    hash: sha256(tx),
    height,
    index,
    tx,
    result: { code: 0, codespace: '', data: new Uint8Array(120).fill(9), log: '', info: '', gasWanted: 200000n, gasUsed: 61234n, events },
    timeNs: 1_750_000_000_123_456_789n,
  };
}

/** Strings and numbers at the edges of the encoding: UTF-8, length-prefix sizes, 64-bit values. */
function edgy(): TxRecord {
  const long = 'ü'.repeat(70) + 'x'.repeat(200);
  return {
    hash: sha256(Uint8Array.of(1)),
    height: 2 ** 40 + 3,
    index: 300,
    tx: new Uint8Array(0),
    result: {
      code: 1_000_000,
      codespace: 'sdk',
      data: new Uint8Array(0),
      log: 'failed to execute message; message index: 0: « insufficient funds » 🙂',
      info: 'i'.repeat(127),
      gasWanted: 2n ** 63n - 1n,
      gasUsed: -(2n ** 63n),
      events: [
        { type: '', attributes: [] },
        { type: 'wasm', attributes: [a('', ''), a('k🙂', 'exécuter', false), a('x'.repeat(128), 'y'.repeat(16383)), a('z', 'q'.repeat(16384)), a('long', long)] },
      ],
    },
    timeNs: GO_ZERO_TIME_NS,
  };
}

test('tx records: binary format 2 round-trips, also at the edges', () => {
  for (const r of [realistic(1, 0), realistic(2 ** 33 + 1, 4095), edgy()]) {
    const bytes = encodeTxRecord(r);
    assert.equal(bytes[0], 0x02);
    assert.deepEqual(decodeTxRecord(bytes), r);
    // and is smaller than the JSON
    assert.ok(bytes.length < encodeTxRecordV1(r).length);
  }
  assert.equal(decodeTxRecord(encodeTxRecord(realistic(7, 1))).timeNs, 1_750_000_000_123_456_789n);
});

test('tx records: format 1 (JSON, older nodes) still decodes to the same record', () => {
  for (const r of [realistic(5, 3), edgy()]) {
    const v1 = encodeTxRecordV1(r);
    assert.equal(v1[0], 0x7b);
    assert.deepEqual(decodeTxRecord(v1), r);
    assert.deepEqual(decodeTxRecord(v1), decodeTxRecord(encodeTxRecord(r)));
  }
});

test('tx records: the LCD tx_response is byte-identical from either format', () => {
  for (const r of [realistic(5, 3), edgy()]) {
    const any = { '@type': '/cosmos.tx.v1beta1.Tx', body: {} };
    const fromV1 = JSON.stringify(txResponseJson(decodeTxRecord(encodeTxRecordV1(r)), any));
    const fromV2 = JSON.stringify(txResponseJson(decodeTxRecord(encodeTxRecord(r)), any));
    assert.equal(fromV2, fromV1);
  }
});

test('tx records: truncated, padded or unknown-format bytes are refused', () => {
  const bytes = encodeTxRecord(realistic(1, 0));
  for (const cut of [1, 2, 40, bytes.length - 1]) assert.throws(() => decodeTxRecord(bytes.subarray(0, cut)), /stored record/);
  const padded = new Uint8Array(bytes.length + 1);
  padded.set(bytes);
  assert.throws(() => decodeTxRecord(padded), /trailing bytes/);
  assert.throws(() => decodeTxRecord(Uint8Array.of(9, 0)), /unknown tx record format 9/);
});

test('tx records: decoded bytes are copies, not views of the stored value', () => {
  const bytes = encodeTxRecord(realistic(1, 0));
  const stored = Buffer.from(bytes);
  const r = decodeTxRecord(stored);
  stored.fill(0);
  assert.deepEqual(r, realistic(1, 0));
});

test('block results: format 2 round-trips; hashes readable at a position without decoding', () => {
  const hashes = [1, 2, 3].map((i) => sha256(Uint8Array.of(i)));
  const r: StoredBlockResults = {
    height: 12,
    txHashes: hashes,
    events: [{ type: 'mint', attributes: [a('amount', '5'), a('mode', 'BeginBlock')] }],
    validatorUpdates: [{ pubKeyType: 'ed25519', pubKey: new Uint8Array(32).fill(3), power: 10n }],
    appHash: new Uint8Array(32).fill(4),
  };
  const bytes = encodeBlockResults(r);
  assert.equal(bytes[0], 0x02);
  assert.deepEqual(decodeBlockResults(bytes), r);
  assert.equal(blockResultsTxCount(bytes), 3);
  assert.deepEqual(blockResultsTxHash(bytes, 2), hashes[2]);
  assert.equal(blockResultsTxHash(bytes, 3), undefined);
  assert.equal(blockResultsTxHash(bytes, -1), undefined);
  const empty = encodeBlockResults({ ...r, txHashes: [] });
  assert.deepEqual(decodeBlockResults(empty), { ...r, txHashes: [] });
  assert.equal(blockResultsTxCount(empty), 0);
  assert.throws(() => decodeBlockResults(bytes.subarray(0, 40)), /stored record/);
});

test('block results: format 1 (JSON, older nodes) still decodes', () => {
  const hashes = [1, 2].map((i) => sha256(Uint8Array.of(i)));
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
  const v1 = new TextEncoder().encode(
    JSON.stringify({
      v: 1,
      height: 3,
      txHashes: hashes.map(hex),
      events: [{ type: 'mint', attributes: [{ key: 'amount', value: '5', index: true }] }],
      validatorUpdates: [{ type: 'ed25519', pubKey: Buffer.alloc(32, 3).toString('base64'), power: '10' }],
      appHash: hex(new Uint8Array(32).fill(4)),
    }),
  );
  const r = decodeBlockResults(v1);
  assert.deepEqual(r, {
    height: 3,
    txHashes: hashes,
    events: [{ type: 'mint', attributes: [a('amount', '5')] }],
    validatorUpdates: [{ pubKeyType: 'ed25519', pubKey: new Uint8Array(32).fill(3), power: 10n }],
    appHash: new Uint8Array(32).fill(4),
  });
  assert.deepEqual(decodeBlockResults(encodeBlockResults(r)), r);
  assert.equal(blockResultsTxCount(v1), 2);
  assert.deepEqual(blockResultsTxHash(v1, 1), hashes[1]);
  assert.equal(blockResultsTxHash(v1, 2), undefined);
});

function storedBlock(txs: Uint8Array[]): StoredBlock {
  const h = (i: number) => new Uint8Array(32).fill(i);
  const blockId = { hash: h(1), partSetHeader: { total: 1, hash: h(2) } };
  const commit = { height: 4, round: 0, blockId, signatures: [{ blockIdFlag: 2, validatorAddress: new Uint8Array(20).fill(5), timestampNs: 1_750_000_000_000_000_001n, signature: new Uint8Array(64).fill(6) }] };
  return {
    blockId,
    block: {
      header: {
        version: { block: 11n, app: 0n }, chainId: 'secret-4', height: 5, timeNs: 1_750_000_000_123_456_789n, lastBlockId: blockId,
        lastCommitHash: h(3), dataHash: h(4), validatorsHash: h(5), nextValidatorsHash: h(6), consensusHash: h(7), appHash: h(8),
        lastResultsHash: h(9), evidenceHash: h(10), proposerAddress: new Uint8Array(20).fill(11),
      },
      txs,
      lastCommit: commit,
    },
    commit: { ...commit, height: 5 },
    sizeBytes: 1234,
  };
}

test('stored blocks: format 2 (raw txs) round-trips; format 1 still decodes and renders the same', () => {
  for (const txs of [[], [new Uint8Array(0), realistic(1, 0).tx, new Uint8Array(70000).fill(3)]]) {
    const s = storedBlock(txs);
    const v2 = encodeStoredBlock(s);
    const v1 = encodeStoredBlockV1(s);
    assert.equal(v2[0], 0x02);
    assert.equal(v1[0], 0x7b);
    assert.deepEqual(decodeStoredBlock(v2), s);
    assert.deepEqual(decodeStoredBlock(v1), s);
    assert.equal(JSON.stringify(blockResponseJson(decodeStoredBlock(v2))), JSON.stringify(blockResponseJson(decodeStoredBlock(v1))));
    for (const cut of [3, 20, v2.length - 1]) assert.throws(() => decodeStoredBlock(v2.subarray(0, cut)), /stored record/);
  }
});
