import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex } from '@scrtd/crypto';
import { EnclaveKeys } from '../src/keys.js';
import { callbackSignature, fundsJson, verifyCallbackSignature } from '../src/callback.js';

const keys = EnclaveKeys.fromSeeds([fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')]);
const CT = fromHex(
  '95ed3b9a617a69fe0fc3f43da6537139bb1ac7e62194a0d90078c4f0199bcf2d883f7a34488018b60db015e77fe005defdde60115af4d0e24b0850131a86ea01ab46289f4a6368f1bfcb6e6ca573fc7e946e4df36fa5f9971ed20f',
);

test('§11 callback signature vector', () => {
  const funds = [{ denom: 'uscrt', amount: '10' }];
  const sig = callbackSignature(keys, CT, funds);
  assert.equal(toHex(sig), '0d8357a128d7a125d5295b6839c37f650c43a7b3e4b7929be6ac116dd70146c2');
  assert.equal(verifyCallbackSignature(keys, CT, funds, sig), true);
  assert.equal(verifyCallbackSignature(keys, CT, [{ denom: 'uscrt', amount: '11' }], sig), false);
  assert.equal(verifyCallbackSignature(keys, CT, [], sig), false);
  assert.equal(verifyCallbackSignature(keys, CT, funds, sig.subarray(1)), false);
});

test('funds JSON is compact, denom before amount, [] when empty', () => {
  assert.equal(fundsJson([]), '[]');
  assert.equal(fundsJson([{ amount: '1', denom: 'a' } as { denom: string; amount: string }]), '[{"denom":"a","amount":"1"}]');
});
