import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  concatBytes, encryptContractMsg, encryptWithTxKey, fromBase64, fromHex, fromUtf8, SecretEncryptor, toBase64, toHex, toUtf8, u64be, X25519Key,
} from '@scrtd/crypto';
import { EnclaveKeys } from '../src/keys.js';
import {
  encryptAttribute, encryptData, encryptedErrorText, encryptError, encryptQueryResult, openInput, txKeyFor,
} from '../src/io.js';
import { EnclaveCodedError } from '../src/errors.js';

const SEED = fromHex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const keys = EnclaveKeys.fromSeeds([SEED]);
const HASH_A = 'a'.repeat(64);
const WIRE = fromBase64(
  'AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwPOjTrRzLYz7HtwwXgUpcduzQKWhQUNNEdFugWHDlh9WZXtO5phemn+D8P0PaZTcTm7GsfmIZSg2QB4xPAZm88tiD96NEiAGLYNsBXnf+AF3v3eYBFa9NDiSwhQExqG6gGrRiifSmNo8b/Lbmylc/x+lG5N82+l+Zce0g8=',
);

test('§11 wire message opens to {"ping":{}} and outputs match §11', () => {
  assert.equal(
    toHex(WIRE.subarray(64)),
    '95ed3b9a617a69fe0fc3f43da6537139bb1ac7e62194a0d90078c4f0199bcf2d883f7a34488018b60db015e77fe005defdde60115af4d0e24b0850131a86ea01ab46289f4a6368f1bfcb6e6ca573fc7e946e4df36fa5f9971ed20f',
  );
  const o = openInput(keys, WIRE, HASH_A);
  assert.equal(fromUtf8(o.msg), '{"ping":{}}');
  assert.equal(toHex(o.userPublicKey), 'ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59');
  assert.deepEqual(o.nonce, new Uint8Array(32).fill(3));
  assert.deepEqual(o.replyParams, []);
  assert.equal(toHex(encryptData(o.tx, toUtf8('{"ok":1}'))), 'f2dd9d6f6754e6d55f94de8cf7c89c720f771e67be1022512d4489c3');
  assert.equal(
    encryptedErrorText(encryptError(o.tx, 'v1', 'Generic error: nope'), 'execute'),
    'encrypted: 9opDyljmvdoRTLUJCVQcXy35bePKHfBQTPtb9SH4SL1/WG4=: execute contract failed',
  );
  assert.equal(encryptAttribute(o.tx, 'action'), 'fH7x/1JPRYEgHVCV+lAIrdk8fK32OA==');
  // The handle exposes only public parts.
  assert.deepEqual(Object.keys(o.tx).sort(), ['nonce', 'userPublicKey']);
});

test('code hash check: upper-case hex decodes, a wrong hash fails validation', () => {
  const upper = encryptContractMsg({
    userPrivateKey: new Uint8Array(32).fill(2), ioPublicKey: keys.ioKey.publicKey, nonce: new Uint8Array(32).fill(3),
    codeHashHex: HASH_A, msg: '{"ping":{}}',
  });
  assert.deepEqual(upper, WIRE);
  assert.equal(fromUtf8(openInput(keys, WIRE, HASH_A.toUpperCase()).msg), '{"ping":{}}');
  // Client wrote the hash in upper case (hand-built plaintext).
  const user = new X25519Key(new Uint8Array(32).fill(2));
  const enc = new SecretEncryptor(new Uint8Array(32).fill(2));
  const nonce = new Uint8Array(32).fill(7);
  const ct = encryptWithTxKey(enc.txEncryptionKey(keys.ioKey.publicKey, nonce), toUtf8('A'.repeat(64) + '{}'));
  const wire = concatBytes(nonce, user.publicKey, ct);
  assert.equal(fromUtf8(openInput(keys, wire, HASH_A).msg), '{}');
  assert.throws(() => openInput(keys, WIRE, 'b'.repeat(64)), (e: unknown) => e instanceof EnclaveCodedError && e.code === 'validate' && e.message === 'failed to validate transaction');
  const badHex = concatBytes(nonce, user.publicKey, encryptWithTxKey(enc.txEncryptionKey(keys.ioKey.publicKey, nonce), toUtf8('g'.repeat(64) + '{}')));
  assert.throws(() => openInput(keys, badHex, HASH_A), { code: 'validate' });
});

test('decryption failures are typed', () => {
  const tampered = Uint8Array.from(WIRE);
  tampered[70]! ^= 1;
  assert.throws(() => openInput(keys, tampered, HASH_A), (e: unknown) => e instanceof EnclaveCodedError && e.code === 'decrypt' && e.message === 'failed to decrypt data');
  assert.throws(() => openInput(keys, WIRE.subarray(0, 81), HASH_A), { code: 'decrypt' });
  const otherKeys = EnclaveKeys.fromSeeds([new Uint8Array(32).fill(1)]);
  assert.throws(() => openInput(otherKeys, WIRE, HASH_A), { code: 'decrypt' });
});

test('REPLY01 groups are stripped and reported', () => {
  const enc = new SecretEncryptor(new Uint8Array(32).fill(5));
  const nonce = new Uint8Array(32).fill(8);
  const inner = concatBytes(toUtf8(HASH_A), toUtf8('REPLY01'), u64be(42n), toUtf8('B'.repeat(64)), toUtf8('REPLY01'), u64be(7n), toUtf8('c'.repeat(64)), toUtf8('{"x":1}'));
  const ct = encryptWithTxKey(enc.txEncryptionKey(keys.ioKey.publicKey, nonce), inner);
  const o = openInput(keys, concatBytes(nonce, enc.publicKey, ct), HASH_A);
  assert.equal(fromUtf8(o.msg), '{"x":1}');
  assert.deepEqual(o.replyParams, [
    { subMsgId: 42n, codeHashHex: 'b'.repeat(64) },
    { subMsgId: 7n, codeHashHex: 'c'.repeat(64) },
  ]);
});

test('secretjs-compat §12.7 client vector (io key 02×32, client seed 01×32, nonce 03×32)', () => {
  const io = { ioKey: new X25519Key(new Uint8Array(32).fill(2)) };
  assert.equal(toHex(io.ioKey.publicKey), 'ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59');
  const wire = fromBase64(
    'AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwOk4JKStlHCeLl3LFafX6m7E9kGtGq2jJ353CtECfiiCUjLF9b52YVOx7eqlE5TuKRaFBkpgAJUoEdCbZT+p2Klj4JiXuY3waRCTsV22kkX8Gb8Bpt3vNmHWNM8Y2H7Ufe3rfX6FyfrSUuqDWbySa+NK/dBaAsrsv7eR/QbdXYemCg=',
  );
  const o = openInput(io, wire, 'af74387e276be8874f07bec3a87023ee49b0e7ebe08178c49d0a49c3c98ed60e');
  assert.equal(fromUtf8(o.msg), '{"token_info":{}}');
  assert.equal(toHex(o.userPublicKey), 'a4e09292b651c278b9772c569f5fa9bb13d906b46ab68c9df9dc2b4409f8a209');
  assert.equal(toHex(encryptData(o.tx, toUtf8('{"ok":1}'))), '6e6076404c1f7d9aa6ec2b3578daac6275c25441299c46ca3aad8385');
});

test('round trip with the client-side SecretEncryptor', () => {
  const client = new SecretEncryptor();
  const hash = 'f'.repeat(64);
  const wire = client.encrypt(keys.ioKey.publicKey, hash, { transfer: { amount: '5', recipient: 'secret1…' } });
  const o = openInput(keys, wire, hash);
  assert.deepEqual(JSON.parse(fromUtf8(o.msg)), { transfer: { amount: '5', recipient: 'secret1…' } });
  const data = toUtf8('{"status":"ok"}');
  const back = client.decrypt(keys.ioKey.publicKey, encryptData(o.tx, data), o.nonce);
  assert.deepEqual(fromBase64(fromUtf8(back)), data);
  const q = client.decrypt(keys.ioKey.publicKey, encryptQueryResult(o.tx, toBase64(toUtf8('{"balance":"1"}'))), o.nonce);
  assert.equal(fromUtf8(fromBase64(fromUtf8(q))), '{"balance":"1"}');
  const attr = client.decrypt(keys.ioKey.publicKey, fromBase64(encryptAttribute(o.tx, 'amount')), o.nonce);
  assert.equal(fromUtf8(attr), 'amount');
  const v010 = client.decrypt(keys.ioKey.publicKey, fromBase64(encryptError(o.tx, 'v0.10', { generic_err: { msg: 'insufficient funds' } })), o.nonce);
  assert.equal(fromUtf8(v010), '{"generic_err":{"msg":"insufficient funds"}}');
  const quoted = client.decrypt(keys.ioKey.publicKey, fromBase64(encryptError(o.tx, 'v1', 'say "hi"')), o.nonce);
  assert.equal(fromUtf8(quoted), 'say \\"hi\\"');
  assert.throws(() => encryptError(o.tx, 'v1', { generic_err: {} }), { code: 'badInput' });
  // A handle rebuilt from (nonce, user key) encrypts to the same client.
  const again = txKeyFor(keys, o.nonce, o.userPublicKey);
  assert.deepEqual(encryptData(again, data), encryptData(o.tx, data));
  assert.throws(() => encryptData({ nonce: o.nonce, userPublicKey: o.userPublicKey }, data), { code: 'badInput' });
});
