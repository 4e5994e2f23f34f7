import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deriveConsensusKey, fromHex, toHex, x25519PublicKey } from '@scrtd/crypto';
import { EnclaveKeys } from '../src/keys.js';

const SEED = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

test('every derived key matches secret-protocol §11 (seed 00..1f)', () => {
  const k = EnclaveKeys.fromSeeds([SEED]);
  assert.equal(toHex(deriveConsensusKey(SEED, 1)), 'c6d7a8af0a23cf3a3beebf2b2d51de317fde839aa0fe488c702ca3935efc7cab');
  assert.equal(toHex(deriveConsensusKey(SEED, 2)), 'cf48c78fcc772fb63090d28ae52c11cfedb18d41af26217844374cfd522bf311');
  assert.equal(toHex(k.seedExchangeKey.publicKey), '31512c093070620504c3ce688c603bb422258e654febc38c030763577a420e2d');
  assert.equal(toHex(k.ioKey.publicKey), '4078e5146574a69448c1f1ec617d29f6ba6f0226af6c4578c3727a1c7c8a0e33');
  assert.deepEqual(k.seedExchangeKey.publicKey, x25519PublicKey(fromHex('c6d7a8af0a23cf3a3beebf2b2d51de317fde839aa0fe488c702ca3935efc7cab')));
  assert.equal(k.stateIkm.length, 1);
  assert.equal(toHex(k.stateIkm[0]!), 'a554961c38d8e8e0b88490ddd9a6177dfa1d7efb517be2a29681e38af622510b');
  assert.equal(toHex(k.callbackSecret), '3a077970f3e56be29d636a21061785ed3a45f18c2acbea1cde4f1523c400e07b');
  assert.equal(toHex(k.randomEncryptionKey), 'cc172dfdb3d9932c707bc7911baaa6a360462dffb62df5baec2838b382cd1b95');
  assert.equal(toHex(k.initialRandomnessSeed), '8555b6bb3ea88bca1dbcd66890d5b31f6fd605cd7c329d109d37a05774180e2a');
  assert.equal(toHex(k.adminProofSecret), '6e7a3451944085f3b5925d5ce51df4624d1927347547ecc282cd360b2b929e78');
  assert.equal(toHex(k.contractKeyProofSecret), 'b03b46be36586fa732012934709d0258349cd27b48d67faadafdfb23d80bb582');
});

test('single-value keys come from the last seed, state ikm from every seed', () => {
  const other = new Uint8Array(32).fill(9);
  const k = EnclaveKeys.fromSeeds([other, SEED]);
  assert.equal(k.seedCount, 2);
  assert.equal(toHex(k.ioKey.publicKey), '4078e5146574a69448c1f1ec617d29f6ba6f0226af6c4578c3727a1c7c8a0e33');
  assert.equal(toHex(k.callbackSecret), '3a077970f3e56be29d636a21061785ed3a45f18c2acbea1cde4f1523c400e07b');
  assert.deepEqual(k.stateIkm[0], deriveConsensusKey(other, 3));
  assert.equal(toHex(k.stateIkm[1]!), 'a554961c38d8e8e0b88490ddd9a6177dfa1d7efb517be2a29681e38af622510b');
  assert.throws(() => EnclaveKeys.fromSeeds([]));
  assert.throws(() => EnclaveKeys.fromSeeds([new Uint8Array(31)]));
});
