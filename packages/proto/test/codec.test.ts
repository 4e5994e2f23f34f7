// Table-driven codecs: round trips, proto3 wire details and decode strictness.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BinaryWriter, Fee, ProtoError, compute, registration, defineMessage } from '../src/index.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (n: number, fill: number) => new Uint8Array(n).fill(fill);

test('MsgExecuteContract round-trips and encodes fields in number order', () => {
  const msg = compute.MsgExecuteContract.fromPartial({
    sender: bytes(20, 1),
    contract: bytes(20, 2),
    msg: bytes(80, 3),
    callbackCodeHash: '',
    sentFunds: [{ denom: 'uscrt', amount: '7' }],
  });
  const wire = compute.MsgExecuteContract.encode(msg).finish();
  // field 1 (sender) comes first: tag 0x0a, length 20
  assert.equal(hex(wire.subarray(0, 2)), '0a14');
  assert.deepEqual(compute.MsgExecuteContract.decode(wire), msg);
});

test('defaults are not written; empty message encodes to nothing', () => {
  assert.equal(compute.MsgInstantiateContract.encode(compute.MsgInstantiateContract.fromPartial({})).finish().length, 0);
  assert.equal(compute.MsgClearAdminResponse.encode({}).finish().length, 0);
  const decoded = compute.MsgInstantiateContract.decode(new Uint8Array());
  assert.deepEqual(decoded, {
    sender: new Uint8Array(),
    callbackCodeHash: '',
    codeId: 0n,
    label: '',
    initMsg: new Uint8Array(),
    initFunds: [],
    callbackSig: new Uint8Array(),
    admin: '',
  });
});

test('every Secret codec round-trips a fully populated value', () => {
  const cases: Array<[{ encode: (m: any) => BinaryWriter; decode: (b: Uint8Array) => unknown; fromPartial: (o: any) => unknown }, object]> = [
    [compute.MsgStoreCode, { sender: bytes(20, 1), wasmByteCode: bytes(9, 2), source: 'https://x', builder: 'b:1' }],
    [compute.MsgStoreCodeResponse, { codeId: 18446744073709551615n }],
    [compute.MsgInstantiateContract, { sender: bytes(20, 1), callbackCodeHash: 'h', codeId: 3n, label: 'l', initMsg: bytes(3, 4), initFunds: [{ denom: 'a', amount: '1' }, { denom: 'b', amount: '2' }], callbackSig: bytes(32, 5), admin: 'secret1x' }],
    [compute.MsgInstantiateContractResponse, { address: 'secret1c', data: bytes(4, 9) }],
    [compute.MsgExecuteContractResponse, { data: bytes(3, 1) }],
    [compute.MsgMigrateContract, { sender: 's', contract: 'c', codeId: 2n, msg: bytes(3, 1), callbackSig: bytes(2, 2), callbackCodeHash: 'h' }],
    [compute.MsgMigrateContractResponse, { data: bytes(1, 1) }],
    [compute.MsgUpdateAdmin, { sender: 's', newAdmin: 'n', contract: 'c', callbackSig: bytes(1, 1) }],
    [compute.MsgClearAdmin, { sender: 's', contract: 'c', callbackSig: bytes(1, 1) }],
    [compute.CodeInfo, { codeHash: bytes(32, 1), creator: bytes(20, 2), source: 's', builder: 'b' }],
    [compute.ContractKey, { ogContractKey: bytes(64, 1), currentContractKey: bytes(64, 2), currentContractKeyProof: bytes(32, 3) }],
    [compute.ContractInfo, { codeId: 1n, creator: bytes(20, 1), label: 'l', created: { blockHeight: -5n, txIndex: 6n }, ibcPortId: 'wasm.x', admin: 'a', adminProof: bytes(32, 1), requireGovernance: true }],
    [compute.ContractCodeHistoryEntry, { operation: compute.ContractCodeHistoryOperationType.CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE, codeId: 2n, updated: { blockHeight: 9n, txIndex: 0n }, msg: bytes(5, 5) }],
    [compute.Params, { compileCost: '800000000000000000', maxContractSize: 2097152n }],
    [compute.QuerySecretContractRequest, { contractAddress: 'secret1c', query: bytes(70, 1) }],
    [compute.QueryContractsByCodeIdResponse, { contractInfos: [{ contractAddress: 'a', contractInfo: { codeId: 1n, label: 'x' } }, { contractAddress: 'b' }] }],
    [compute.QueryCodeResponse, { codeInfo: { codeId: 1n, creator: 'c', codeHash: 'ab', source: 's', builder: 'b' }, wasm: bytes(4, 0x61) }],
    [compute.QueryContractHistoryResponse, { entries: [{ operation: 1, codeId: 1n, msg: bytes(1, 1) }] }],
    [compute.QueryParamsResponse, { params: { compileCost: '1', maxContractSize: 1n } }],
    [registration.GenesisState, { registration: [{ certificate: bytes(3, 1), encryptedSeed: bytes(96, 2) }], nodeExchMasterKey: { bytes: bytes(32, 3) }, ioMasterKey: { bytes: bytes(32, 4) } }],
    [registration.RaAuthenticate, { sender: bytes(20, 1), certificate: bytes(100, 2), replaceMachineId: 'm' }],
    [registration.RaAuthenticateResponse, { data: 'S: 00', events: '[]' }],
    [registration.QueryEncryptedSeedRequest, { pubKey: bytes(32, 1) }],
    [registration.QueryEncryptedSeedResponse, { encryptedSeed: bytes(48, 1) }],
    [registration.Key, { key: bytes(32, 7) }],
  ];
  for (const [codec, partial] of cases) {
    const full = codec.fromPartial(partial);
    assert.deepEqual(codec.decode(codec.encode(full).finish()), full);
  }
});

test('fromPartial coerces 64-bit values and fills defaults', () => {
  const m = compute.MsgInstantiateContract.fromPartial({ codeId: 5 as unknown as bigint, label: 'x' });
  assert.equal(m.codeId, 5n);
  assert.deepEqual(m.initFunds, []);
  assert.equal(compute.QueryByCodeIdRequest.fromPartial({ codeId: '12' as unknown as bigint }).codeId, 12n);
});

test('unknown fields are skipped, wrong wire types and truncation are rejected', () => {
  const w = BinaryWriter.create();
  w.uint32((99 << 3) | 0).uint64(5n); // unknown varint field
  w.uint32((1 << 3) | 2).string('secret1c'); // contract_address
  assert.deepEqual(compute.QueryByContractAddressRequest.decode(w.finish()), { contractAddress: 'secret1c' });

  const bad = BinaryWriter.create().uint32((1 << 3) | 0).uint64(1n).finish(); // varint where a string belongs
  assert.throws(() => compute.QueryByContractAddressRequest.decode(bad), ProtoError);
  const truncated = compute.MsgStoreCode.encode(compute.MsgStoreCode.fromPartial({ wasmByteCode: bytes(10, 1) })).finish().subarray(0, 5);
  assert.throws(() => compute.MsgStoreCode.decode(truncated));
});

test('repeated numeric fields are packed, and both packed and unpacked forms decode', () => {
  interface Nums {
    values: bigint[];
  }
  const Nums = defineMessage<Nums>('/test.Nums', [{ no: 1, key: 'values', type: 'uint64', repeated: true }]);
  const packed = Nums.encode({ values: [1n, 300n] }).finish();
  assert.equal(hex(packed), '0a0301ac02');
  assert.deepEqual(Nums.decode(packed).values, [1n, 300n]);
  const unpacked = BinaryWriter.create().uint32(8).uint64(1n).uint32(8).uint64(300n).finish();
  assert.deepEqual(Nums.decode(unpacked).values, [1n, 300n]);
});

test('decoded bytes do not alias the input buffer', () => {
  const wire = compute.MsgExecuteContractResponse.encode({ data: bytes(4, 1) }).finish();
  const decoded = compute.MsgExecuteContractResponse.decode(wire);
  wire.fill(0);
  assert.deepEqual(decoded.data, bytes(4, 1));
});

test('64-bit varints in [2^31, 2^32) and beyond encode as Go does and round-trip', () => {
  const cases: [bigint, string][] = [
    [2n ** 31n - 1n, 'ffffffff07'],
    [2n ** 31n, '8080808008'],
    [3_000_000_000n, '80bcc1960b'],
    [2n ** 32n - 1n, 'ffffffff0f'],
    [2n ** 32n, '8080808010'],
    [2n ** 64n - 1n, 'ffffffffffffffffff01'],
  ];
  for (const [n, hex] of cases) {
    const bytes = Fee.encode({ amount: [], gasLimit: n, payer: '', granter: '' }).finish();
    assert.equal(Buffer.from(bytes).toString('hex'), `10${hex}`, String(n));
    assert.equal(Fee.decode(bytes).gasLimit, n);
  }
  // int64 -1: ten bytes, as Go
  const w = new BinaryWriter();
  w.uint32(8).int64(-1n);
  assert.equal(Buffer.from(w.finish()).toString('hex'), '08ffffffffffffffffff01');
});
