import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHex, toHex } from '@scrtd/crypto';
import { EnclaveKeys } from '../src/keys.js';
import { generateContractKey, verifyContractKey } from '../src/contract-key.js';

const keys = EnclaveKeys.fromSeeds([fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f')]);
const sender = new Uint8Array(20).fill(0x11);
const codeHash = new Uint8Array(32).fill(0xaa);
const contract = new Uint8Array(20).fill(0x22);

test('§11 contract-key vector', () => {
  const key = generateContractKey(keys, sender, 1234, codeHash, contract);
  assert.equal(
    toHex(key),
    '627931b163b87870633e3ef5070db59687b08d8ad2e586e64ec6bac24f3ef4a0' + '65474937c9fc3da57aa7e88216c7dfd1bd58bdf8d182789b13a3c194e3487cc7',
  );
  assert.deepEqual(generateContractKey(keys, sender, 1234n, codeHash, contract), key);
  assert.equal(verifyContractKey(keys, key, codeHash, contract), true);
  assert.equal(verifyContractKey(keys, key, new Uint8Array(32).fill(0xab), contract), false);
  assert.equal(verifyContractKey(keys, key, codeHash, new Uint8Array(20).fill(0x23)), false);
  const bad = Uint8Array.from(key);
  bad[63]! ^= 1;
  assert.equal(verifyContractKey(keys, bad, codeHash, contract), false);
  assert.equal(verifyContractKey(keys, key.subarray(0, 63), codeHash, contract), false);
  // Another network (ikm[0] differs) does not accept it.
  assert.equal(verifyContractKey(EnclaveKeys.fromSeeds([new Uint8Array(32)]), key, codeHash, contract), false);
});

test('migration keys bind the og key', () => {
  const og = generateContractKey(keys, sender, 1234, codeHash, contract);
  const newHash = new Uint8Array(32).fill(0xbb);
  const current = generateContractKey(keys, sender, 2000, newHash, contract, og);
  assert.equal(verifyContractKey(keys, current, newHash, contract, og), true);
  assert.equal(verifyContractKey(keys, current, newHash, contract), false);
  assert.throws(() => generateContractKey(keys, sender, 1, codeHash.subarray(1), contract));
});
