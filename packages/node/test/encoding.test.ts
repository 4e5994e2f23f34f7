// Byte-exact CometBFT encodings: header hash, vote sign bytes, Merkle roots, ed25519 keys, times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { headerHash, dataHash, encodeBlock, partSetHeader, validatorsHash, consensusParamsHash, txResultsHash, encodeCommitSig } from '../src/consensus/encoding.js';
import { voteSignBytes, SignedMsgType } from '../src/consensus/vote.js';
import { createValidatorKey, ed25519Verify } from '../src/consensus/key.js';
import { merkleRoot, rememberTxHash, sha256, txHash } from '../src/util/hash.js';
import { formatRfc3339Nano, formatRfc3339Seconds, parseRfc3339, GO_ZERO_TIME_NS } from '../src/util/time.js';
import { ProtoWriter, readFields } from '../src/util/protowire.js';
import { emptyBlockId, emptyCommit, type Header } from '../src/consensus/types.js';
import { toHexUpper, fromBase64, fromHex } from '../src/util/bytes.js';

const s = (x: string) => sha256(new TextEncoder().encode(x));
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('header hash matches CometBFT TestHeaderHash vector', () => {
  const header: Header = {
    version: { block: 1n, app: 2n },
    chainId: 'chainId',
    height: 3,
    timeNs: BigInt(Date.UTC(2019, 9, 13, 16, 14, 44)) * 1_000_000n,
    lastBlockId: { hash: new Uint8Array(32), partSetHeader: { total: 6, hash: new Uint8Array(32) } },
    lastCommitHash: s('last_commit_hash'),
    dataHash: s('data_hash'),
    validatorsHash: s('validators_hash'),
    nextValidatorsHash: s('next_validators_hash'),
    consensusHash: s('consensus_hash'),
    appHash: s('app_hash'),
    lastResultsHash: s('last_results_hash'),
    evidenceHash: s('evidence_hash'),
    proposerAddress: s('proposer_address').subarray(0, 20),
  };
  assert.equal(toHexUpper(headerHash(header)), 'F740121F553B5418C3EFBD343C2DBFE9E007BB67B0D020A0741374BAB65242A4');
});

test('vote sign bytes match CometBFT TestVoteSignBytesTestVectors', () => {
  const zero = { type: 0, height: 1, round: 1, blockId: emptyBlockId(), timestampNs: GO_ZERO_TIME_NS };
  const ts = [0x2a, 0xb, 0x8, 0x80, 0x92, 0xb8, 0xc3, 0x98, 0xfe, 0xff, 0xff, 0xff, 0x1];
  const hr = [0x11, 1, 0, 0, 0, 0, 0, 0, 0, 0x19, 1, 0, 0, 0, 0, 0, 0, 0];
  // #1: precommit, empty chain id
  assert.deepEqual([...voteSignBytes('', { ...zero, type: SignedMsgType.Precommit })], [0x21, 0x8, 0x2, ...hr, ...ts]);
  // #3: no type
  assert.deepEqual([...voteSignBytes('', zero)], [0x1f, ...hr, ...ts]);
  // #4: with chain id
  const chain = [...new TextEncoder().encode('test_chain_id')];
  assert.deepEqual([...voteSignBytes('test_chain_id', zero)], [0x2e, ...hr, ...ts, 0x32, 0xd, ...chain]);
});

test('vote sign bytes include a non-zero block id', () => {
  const blockId = { hash: s('blockID_hash'), partSetHeader: { total: 1000000, hash: s('blockID_part_set_header_hash') } };
  const b = voteSignBytes('c', { type: 2, height: 12345, round: 2, blockId, timestampNs: 0n });
  const fields = [...readFields(b.subarray(1))].map((f) => f.field);
  assert.deepEqual(fields, [1, 2, 3, 4, 5, 6]);
  const bid = [...readFields(b.subarray(1))].find((f) => f.field === 4)!;
  const inner = [...readFields(bid.bytes)];
  assert.equal(hex(inner[0]!.bytes), hex(blockId.hash));
  assert.equal([...readFields(inner[1]!.bytes)][0]!.int, 1000000n);
});

test('merkle root follows RFC 6962', () => {
  assert.equal(hex(merkleRoot([])), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  const a = Uint8Array.of(1);
  const b = Uint8Array.of(2);
  const c = Uint8Array.of(3);
  const leaf = (x: Uint8Array) => sha256(Uint8Array.of(0), x);
  const inner = (l: Uint8Array, r: Uint8Array) => sha256(Uint8Array.of(1), l, r);
  assert.equal(hex(merkleRoot([a])), hex(leaf(a)));
  assert.equal(hex(merkleRoot([a, b])), hex(inner(leaf(a), leaf(b))));
  // 3 items split 2 | 1
  assert.equal(hex(merkleRoot([a, b, c])), hex(inner(inner(leaf(a), leaf(b)), leaf(c))));
  // data hash leaves are sha256(tx)
  assert.equal(hex(dataHash([a])), hex(leaf(sha256(a))));
  assert.equal(hex(dataHash([])), hex(sha256()));
});

test('txHash is sha256 of the tx, computed once per tx array; a hash remembered from the front thread is used as is', () => {
  const tx = Uint8Array.of(1, 2, 3);
  const h = txHash(tx);
  assert.equal(hex(h), hex(sha256(tx)));
  assert.equal(txHash(tx), h);
  rememberTxHash(tx, new Uint8Array(32)); // already known: not replaced
  assert.equal(txHash(tx), h);
  const other = Uint8Array.of(4, 5);
  const given = sha256(other);
  rememberTxHash(other, given);
  assert.equal(txHash(other), given);
  const bad = Uint8Array.of(6);
  rememberTxHash(bad, new Uint8Array(31)); // not a hash: ignored
  assert.equal(hex(txHash(bad)), hex(sha256(bad)));
});

test('empty block encoding and part set', () => {
  const header: Header = {
    version: { block: 11n, app: 0n },
    chainId: 'x',
    height: 1,
    timeNs: 1_000_000_000n,
    lastBlockId: emptyBlockId(),
    lastCommitHash: sha256(),
    dataHash: sha256(),
    validatorsHash: sha256(),
    nextValidatorsHash: sha256(),
    consensusHash: sha256(),
    appHash: new Uint8Array(),
    lastResultsHash: new Uint8Array(),
    evidenceHash: sha256(),
    proposerAddress: new Uint8Array(20),
  };
  const bytes = encodeBlock({ header, txs: [], lastCommit: emptyCommit() });
  const top = [...readFields(bytes)];
  assert.deepEqual(top.map((f) => f.field), [1, 2, 3, 4]);
  assert.equal(top[1]!.bytes.length, 0); // Data, non-nullable, empty
  assert.equal(top[2]!.bytes.length, 0); // EvidenceList
  assert.equal(hex(top[3]!.bytes), '1a021200'); // Commit{block_id: BlockID{part_set_header: {}}}
  const psh = partSetHeader(bytes);
  assert.equal(psh.total, 1);
  assert.equal(hex(psh.hash), hex(sha256(Uint8Array.of(0), bytes)));
  // A block above 64 KiB has several parts.
  const big = encodeBlock({ header, txs: [new Uint8Array(70_000)], lastCommit: emptyCommit() });
  assert.equal(partSetHeader(big).total, 2);
});

test('validator, params and results hashes use the CometBFT encodings', () => {
  const pub = new Uint8Array(32).fill(7);
  const v = { address: sha256(pub).subarray(0, 20), pubKeyType: 'ed25519' as const, pubKey: pub, power: 10n };
  const simple = new ProtoWriter().message(1, new ProtoWriter().bytes(1, pub).finish(), true).varint(2, 10n).finish();
  assert.equal(hex(simple.subarray(0, 4)), '0a220a20');
  assert.equal(hex(validatorsHash([v])), hex(sha256(Uint8Array.of(0), simple)));
  // HashedParams{22020096, -1}: -1 is a 10-byte varint
  const hp = new ProtoWriter().varint(1, 22020096n).varint(2, -1n).finish();
  assert.equal(hex(hp), '088080c00a10ffffffffffffffffff01');
  assert.equal(hex(consensusParamsHash({ maxBytes: 22020096n, maxGas: -1n })), hex(sha256(hp)));
  // Results keep only code, data, gas_wanted, gas_used.
  const r = txResultsHash([{ code: 1, data: Uint8Array.of(9), gasWanted: 5n, gasUsed: 4n }]);
  assert.equal(hex(r), hex(sha256(Uint8Array.of(0), Uint8Array.from([0x08, 1, 0x12, 1, 9, 0x28, 5, 0x30, 4]))));
  // An absent commit sig: flag 1 and Go's zero time.
  assert.equal(
    hex(encodeCommitSig({ blockIdFlag: 1, validatorAddress: new Uint8Array(), timestampNs: GO_ZERO_TIME_NS, signature: new Uint8Array() })),
    '08011a0b088092b8c398feffffff01',
  );
});

test('ed25519 key: RFC 8032 test 1, 64-byte form, address', () => {
  const seed = fromHex('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60')!;
  const key = createValidatorKey(seed);
  assert.equal(hex(key.pubKey), 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
  const sig = key.sign(new Uint8Array());
  assert.equal(hex(sig).slice(0, 16), 'e5564300c360ac72');
  assert.ok(ed25519Verify(key.pubKey, new Uint8Array(), sig));
  assert.equal(hex(key.address), createHash('sha256').update(key.pubKey).digest('hex').slice(0, 40));
  const full = new Uint8Array(64);
  full.set(seed);
  full.set(key.pubKey, 32);
  assert.equal(hex(createValidatorKey(full).pubKey), hex(key.pubKey));
  full[40] ^= 1;
  assert.throws(() => createValidatorKey(full), /does not match/);
  assert.throws(() => createValidatorKey(new Uint8Array(31)), /32 or 64 bytes/);
});

test('RFC 3339 with exactly nine fractional digits', () => {
  assert.equal(formatRfc3339Nano(1_700_000_000_123_456_789n), '2023-11-14T22:13:20.123456789Z');
  assert.equal(formatRfc3339Nano(1_700_000_000_000_000_000n), '2023-11-14T22:13:20.000000000Z');
  assert.equal(formatRfc3339Nano(1_700_000_000_000_000_100n), '2023-11-14T22:13:20.000000100Z');
  assert.equal(formatRfc3339Seconds(1_700_000_000_999_999_999n), '2023-11-14T22:13:20Z');
  assert.equal(formatRfc3339Nano(GO_ZERO_TIME_NS), '0001-01-01T00:00:00.000000000Z');
  assert.equal(parseRfc3339('2023-11-14T22:13:20.123456789Z'), 1_700_000_000_123_456_789n);
  assert.equal(parseRfc3339('2023-11-14T22:13:20.5Z'), 1_700_000_000_500_000_000n);
  assert.equal(parseRfc3339('2023-11-15T00:13:20+02:00'), 1_700_000_000_000_000_000n);
  assert.equal(parseRfc3339('2023-11-14 22:13:20Z'), undefined);
  assert.equal(parseRfc3339('0001-01-01T00:00:00Z'), GO_ZERO_TIME_NS);
});

test('base64 decoding is strict', () => {
  assert.deepEqual(fromBase64('AQI='), Uint8Array.of(1, 2));
  assert.deepEqual(fromBase64('AQI'), Uint8Array.of(1, 2));
  assert.deepEqual(fromBase64('-_8='), Uint8Array.of(0xfb, 0xff));
  assert.equal(fromBase64('A!=='), undefined);
  assert.equal(fromBase64('A'), undefined);
});

test('txResultsHash: the direct encoding equals the generic writer for every field shape', () => {
  const generic = (r: { code: number; data: Uint8Array; gasWanted: bigint; gasUsed: bigint }) =>
    new ProtoWriter().varint(1, r.code).bytes(2, r.data).varint(5, r.gasWanted).varint(6, r.gasUsed).finish();
  const results = [];
  for (const code of [0, 1, 127, 128, 300_000])
    for (const data of [new Uint8Array(0), Uint8Array.of(7), new Uint8Array(200).fill(3)])
      for (const gasWanted of [0n, 1n, 200_000n, 2n ** 53n - 1n, 2n ** 60n, -1n])
        for (const gasUsed of [0n, 127n, 128n, 36_000n]) results.push({ code, data, gasWanted, gasUsed });
  assert.equal(hex(txResultsHash(results)), hex(merkleRoot(results.map(generic))));
});
