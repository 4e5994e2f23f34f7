// Type registry: Any encode/decode, SDK-style errors, declared-vs-registered types, extension.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { registry, createRegistry, encodeAny, decodeAny, toGatewayJson, ProtoError, compute, bank, Any, TypeRegistry } from '../src/index.js';

test('encodeAny / decodeAny round-trip through the registry', () => {
  const any = encodeAny('/secret.compute.v1beta1.MsgExecuteContract', { sender: new Uint8Array(20).fill(1), msg: new Uint8Array([1, 2, 3]) });
  assert.equal(any.typeUrl, '/secret.compute.v1beta1.MsgExecuteContract');
  const { typeUrl, value } = decodeAny<compute.MsgExecuteContract>(any);
  assert.equal(typeUrl, any.typeUrl);
  assert.deepEqual(value.msg, new Uint8Array([1, 2, 3]));
  assert.deepEqual(value.sentFunds, []);

  const send = decodeAny<bank.MsgSend>(encodeAny('/cosmos.bank.v1beta1.MsgSend', { fromAddress: 'a', toAddress: 'b', amount: [{ denom: 'uscrt', amount: '1' }] }));
  assert.deepEqual(send.value, { fromAddress: 'a', toAddress: 'b', amount: [{ denom: 'uscrt', amount: '1' }] });
});

test('unknown type URLs fail like the SDK', () => {
  const check = (e: unknown) => e instanceof ProtoError && e.code === 'unresolved_type' && e.message === 'unable to resolve type URL /foo: tx parse error' && e.typeUrl === '/foo';
  assert.throws(() => decodeAny(Any.fromPartial({ typeUrl: '/foo' })), check);
  assert.throws(() => encodeAny('/foo', {}), check);
});

test('declared (nested-only) types are not resolvable inside an Any', () => {
  assert.ok(registry.lookup('secret.compute.v1beta1.ContractInfo'));
  assert.equal(registry.has('/secret.compute.v1beta1.ContractInfo'), false);
  assert.throws(() => decodeAny(Any.fromPartial({ typeUrl: '/secret.compute.v1beta1.ContractInfo' })), ProtoError);
});

test('malformed Any values are a decode ProtoError', () => {
  const bad = Any.fromPartial({ typeUrl: '/secret.compute.v1beta1.MsgStoreCode', value: new Uint8Array([0x0a, 0x05, 0x01]) });
  assert.throws(() => decodeAny(bad), (e: unknown) => e instanceof ProtoError && e.code === 'decode');
});

test('the default registry resolves the node-facing type URLs and renders each default value', () => {
  const expected = [
    '/cosmos.bank.v1beta1.MsgSend',
    '/cosmos.bank.v1beta1.MsgMultiSend',
    '/cosmos.auth.v1beta1.BaseAccount',
    '/cosmos.auth.v1beta1.ModuleAccount',
    '/cosmos.crypto.secp256k1.PubKey',
    '/cosmos.crypto.ed25519.PubKey',
    '/cosmos.tx.v1beta1.Tx',
    '/secret.compute.v1beta1.MsgStoreCode',
    '/secret.compute.v1beta1.MsgInstantiateContract',
    '/secret.compute.v1beta1.MsgExecuteContract',
    '/secret.compute.v1beta1.MsgMigrateContract',
    '/secret.compute.v1beta1.MsgUpdateAdmin',
    '/secret.compute.v1beta1.MsgClearAdmin',
    '/secret.compute.v1beta1.MsgExecuteContractResponse',
    '/secret.registration.v1beta1.RaAuthenticate',
  ];
  for (const url of expected) assert.ok(registry.has(url), url);
  for (const url of registry.typeUrls()) {
    const json = toGatewayJson(encodeAny(url, {})) as Record<string, unknown>;
    assert.equal(json['@type'], url);
  }
});

test('independent registries; other packages can register and override', () => {
  const reg: TypeRegistry = createRegistry();
  reg.register('/my.v1.Thing', compute.QueryCodeHashResponse);
  assert.ok(reg.has('/my.v1.Thing'));
  assert.equal(registry.has('/my.v1.Thing'), false);
  const any = reg.encodeAny('/my.v1.Thing', { codeHash: 'ab' });
  assert.deepEqual(toGatewayJson(any, undefined, { registry: reg }), { '@type': '/my.v1.Thing', code_hash: 'ab' });
  // registerAmino keeps the codec; register keeps the amino converter
  reg.registerAmino('/my.v1.Thing', { aminoType: 'my/Thing', toAmino: () => ({}) });
  reg.register('/my.v1.Thing', compute.QueryCodeHashResponse);
  assert.equal(reg.lookup('/my.v1.Thing')?.amino?.aminoType, 'my/Thing');
});
