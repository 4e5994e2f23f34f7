import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromUtf8, SecretEncryptor, toHex, toUtf8, concatBytes, u64be, fromBase64 } from '@scrtd/crypto';
import { bootstrapSeeds, Enclave, EnclaveError, loadEnclave, loadSealedSeeds, encryptedErrorText } from '../src/index.js';

test('the facade loads from the sealed directory and exposes only plain data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-'));
  try {
    const pub = bootstrapSeeds(dir);
    const enclave = loadEnclave(dir);
    assert.deepEqual(enclave.publicKeys(), pub);
    assert.deepEqual(loadSealedSeeds(dir), pub);
    // No enumerable or string-keyed secret material on the object.
    assert.deepEqual(Object.keys(enclave), []);
    assert.equal(JSON.stringify(enclave), '{}');

    const client = new SecretEncryptor();
    const hash = 'ab'.repeat(32);
    const input = enclave.openInput(client.encrypt(pub.ioPubKey, hash, { increment: {} }), hash);
    assert.equal(fromUtf8(input.msg), '{"increment":{}}');
    const err = enclave.encryptError(input.tx, 'v1', 'Generic error: nope');
    const text = encryptedErrorText(err, 'execute');
    const b64 = /encrypted: (.+?): execute contract failed/.exec(text)![1]!;
    assert.equal(fromUtf8(client.decrypt(pub.ioPubKey, fromBase64(b64), input.nonce)), 'Generic error: nope');

    const codeHash = new Uint8Array(32).fill(0xab);
    const contract = new Uint8Array(20).fill(2);
    const ck = enclave.generateContractKey(new Uint8Array(20).fill(1), 10, codeHash, contract);
    assert.equal(enclave.verifyContractKey(ck, codeHash, contract), true);
    const sk = enclave.encryptStateKey(ck, toUtf8('count'));
    const salt = concatBytes(u64be(1n), u64be(10), u64be(0));
    const sv = enclave.encryptStateValue(ck, sk, toUtf8('7'), salt);
    assert.equal(fromUtf8(enclave.decryptStateValue(ck, sk, sv)), '7');

    const sig = enclave.callbackSignature(new Uint8Array([1, 2, 3]), []);
    assert.equal(enclave.verifyCallbackSignature(new Uint8Array([1, 2, 3]), [], sig), true);

    // A second load of the same directory is the same enclave.
    const again = loadEnclave(dir);
    assert.equal(toHex(again.encryptStateKey(ck, toUtf8('count'))), toHex(sk));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('loading fails cleanly without sealed seeds; fromSeeds gives the §11 public keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'enclave-'));
  try {
    assert.throws(() => Enclave.load(dir), EnclaveError);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const seed = Uint8Array.from({ length: 32 }, (_, i) => i);
  const e = Enclave.fromSeeds([new Uint8Array(32).fill(9), seed]);
  assert.equal(toHex(e.publicKeys().ioPubKey), '4078e5146574a69448c1f1ec617d29f6ba6f0226af6c4578c3727a1c7c8a0e33');
  assert.equal(toHex(e.publicKeys().nodeExchPubKey), '31512c093070620504c3ce688c603bb422258e654febc38c030763577a420e2d');
});
