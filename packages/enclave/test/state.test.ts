import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aesSivEncrypt, concatBytes, fromHex, fromUtf8, keyKdf, toHex, toUtf8, u64be } from '@scrtd/crypto';
import { EnclaveKeys } from '../src/keys.js';
import { generateContractKey } from '../src/contract-key.js';
import { ContractStateCipher, decryptStateValue, encryptStateKey, encryptStateValue, isV3StateKey } from '../src/state.js';

const SEED = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const keys = EnclaveKeys.fromSeeds([SEED]);
const contractKey = generateContractKey(keys, new Uint8Array(20).fill(0x11), 1234, new Uint8Array(32).fill(0xaa), new Uint8Array(20).fill(0x22));
const SALT = concatBytes(u64be(1700000000000000000n), u64be(1234), u64be(0));

test('§11 state vector (single-seed simplification: ikm[1] = ikm[last] = ikm[0])', () => {
  assert.equal(toHex(keyKdf(keys.stateIkm[0]!, contractKey)), '7e3555e468b17457743eecfe7f854cf9a218ed9f7a7ae671d2e5aa7db4fc3412');
  const k = encryptStateKey(keys, contractKey, toUtf8('config'));
  assert.equal(toHex(k), '0600000000000000' + '736563726574' + '0200' + '03000000' + '1600000000000000' + '45e777f99da908a7b02237e5cbb220facce08895611e');
  assert.equal(isV3StateKey(k), true);
  const v = encryptStateValue(keys, contractKey, k, toUtf8('{"count":1}'), SALT);
  assert.equal(
    toHex(v),
    '1800000000000000' + '17979cfe362a0000' + '00000000000004d2' + '0000000000000000' + '1b00000000000000' + 'f79466fafdcf56963b5a48254fbc8636ba2ff29f7569465925d2d2',
  );
  assert.equal(fromUtf8(decryptStateValue(keys, contractKey, k, v)), '{"count":1}');
});

test('tampering, wrong key or wrong contract fails with a typed error', () => {
  const k = encryptStateKey(keys, contractKey, toUtf8('config'));
  const v = encryptStateValue(keys, contractKey, k, toUtf8('{"count":1}'), SALT);
  const other = encryptStateKey(keys, contractKey, toUtf8('config2'));
  assert.throws(() => decryptStateValue(keys, contractKey, other, v), { code: 'state' });
  const bad = Uint8Array.from(v);
  bad[10]! ^= 1; // salt is authenticated
  assert.throws(() => decryptStateValue(keys, contractKey, k, bad), { code: 'state' });
  const otherCk = Uint8Array.from(contractKey);
  otherCk[0]! ^= 1;
  assert.throws(() => decryptStateValue(keys, otherCk, k, v), { code: 'state' });
  assert.throws(() => decryptStateValue(keys, contractKey, k, v.subarray(0, v.length - 1)), { code: 'state' });
  assert.equal(isV3StateKey(toUtf8('config')), false);
  assert.throws(() => encryptStateValue(keys, contractKey, k, toUtf8('x'), SALT.subarray(1)), { code: 'badInput' });
});

test('two seeds: key under ikm[1], value under ikm[last], no seed id suffix', () => {
  const genesis = new Uint8Array(32).fill(0x42);
  const two = EnclaveKeys.fromSeeds([genesis, SEED]);
  const k = encryptStateKey(two, contractKey, toUtf8('config'));
  const kKey = keyKdf(two.stateIkm[1]!, contractKey);
  const encKey = aesSivEncrypt(kKey, toUtf8('config'), []);
  assert.deepEqual(k.subarray(28), encKey);
  // ikm[1] here is the §11 seed's ikm, so the key equals the single-seed vector.
  assert.equal(toHex(k.subarray(28)), '45e777f99da908a7b02237e5cbb220facce08895611e');
  const v = encryptStateValue(two, contractKey, k, toUtf8('{"count":1}'), SALT);
  const kVal = keyKdf(two.stateIkm[1]!, contractKey);
  assert.deepEqual(v.subarray(8 + 24 + 8), aesSivEncrypt(kVal, toUtf8('{"count":1}'), [encKey, SALT]));
  assert.equal(v.length, 8 + 24 + 8 + 16 + 11);
  assert.equal(fromUtf8(decryptStateValue(two, contractKey, k, v)), '{"count":1}');
  // The genesis ikm is not used for v3 state.
  assert.throws(() => decryptStateValue(EnclaveKeys.fromSeeds([genesis]), contractKey, encryptStateKey(EnclaveKeys.fromSeeds([genesis]), contractKey, toUtf8('config')), v), { code: 'state' });
});

test('three seeds: value under ikm[2] with u16le seed id 3; older values still readable', () => {
  const s0 = new Uint8Array(32).fill(0x42);
  const s2 = new Uint8Array(32).fill(0x77);
  const two = EnclaveKeys.fromSeeds([s0, SEED]);
  const three = EnclaveKeys.fromSeeds([s0, SEED, s2]);
  const k = encryptStateKey(three, contractKey, toUtf8('config'));
  assert.deepEqual(k, encryptStateKey(two, contractKey, toUtf8('config')));
  const v3 = encryptStateValue(three, contractKey, k, toUtf8('new'), SALT);
  assert.equal(toHex(v3.subarray(v3.length - 2)), '0300');
  const encKey = k.subarray(28);
  assert.deepEqual(v3.subarray(40, v3.length - 2), aesSivEncrypt(keyKdf(three.stateIkm[2]!, contractKey), toUtf8('new'), [encKey, SALT]));
  assert.equal(fromUtf8(decryptStateValue(three, contractKey, k, v3)), 'new');
  const old = encryptStateValue(two, contractKey, k, toUtf8('old'), SALT);
  assert.equal(fromUtf8(decryptStateValue(three, contractKey, k, old)), 'old');
  assert.throws(() => decryptStateValue(two, contractKey, k, v3), { code: 'state' });
});

test('ContractStateCipher (cached stored keys and AD MACs, batched sealing) matches the one-shot functions', () => {
  for (const seeds of [[SEED], [new Uint8Array(32).fill(0x42), SEED, new Uint8Array(32).fill(0x77)]]) {
    const ks = EnclaveKeys.fromSeeds(seeds);
    const cipher = new ContractStateCipher(ks, contractKey);
    const plain = ['config', 'balance/a', 'b', '', 'x'.repeat(700)].map(toUtf8);
    const stored = cipher.storedKeys(plain);
    plain.forEach((p, i) => {
      assert.deepEqual(stored[i], encryptStateKey(ks, contractKey, p));
      assert.equal(cipher.storedKey(p), stored[i], 'served from the cache');
    });
    const values = ['{"count":1}', '', 'v'.repeat(40), 'w'.repeat(900), '1'].map(toUtf8);
    for (const salt of [SALT, concatBytes(u64be(5n), u64be(6n), u64be(7n)), SALT]) {
      const sealed = cipher.sealMany(stored.map((storedKey, i) => ({ storedKey, value: values[i]! })), salt);
      sealed.forEach((v, i) => {
        assert.deepEqual(v, encryptStateValue(ks, contractKey, stored[i]!, values[i]!, salt));
        assert.deepEqual(cipher.seal(stored[i]!, values[i]!, salt), v);
        assert.deepEqual(cipher.open(stored[i]!, v), values[i]);
        // A stored key that did not come from this cipher (a copy) opens the same way.
        assert.deepEqual(cipher.open(Uint8Array.from(stored[i]!), v), values[i]);
      });
    }
    const v = cipher.seal(stored[0]!, values[0]!, SALT);
    assert.throws(() => cipher.open(stored[1]!, v), { code: 'state' });
    assert.throws(() => cipher.sealMany([{ storedKey: stored[0]!, value: values[0]! }], SALT.subarray(1)), { code: 'badInput' });
  }
});
