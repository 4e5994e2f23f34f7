// The CLI's contract encryption helpers against the node-side primitives of @scrtd/crypto: the wire
// bytes open with the IO key, and outputs sealed the way the enclave seals them decrypt as secretjs
// decrypts them (data, wasm attributes, errors, query answers). Also the fee arithmetic.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  X25519Key,
  decryptContractMsg,
  encryptWithTxKey,
  fromUtf8,
  sha256,
  toBase64,
  toUtf8,
} from '@scrtd/crypto';
import { ContractCrypto, displayBytes, encryptionSeedOf, wireParts } from '../src/contract-crypto.js';
import { feeFromGasPrice, feeOf } from '../src/tx-submit.js';

const io = new X25519Key(sha256(toUtf8('test io key')));
const CODE_HASH = 'AB'.repeat(32);

/** Seals an output like the enclave: AES-SIV under the tx key of the input. */
function seal(txKey: Uint8Array, plaintext: string | Uint8Array): Uint8Array {
  return encryptWithTxKey(txKey, typeof plaintext === 'string' ? toUtf8(plaintext) : plaintext);
}

test('encrypt gives nonce ‖ pubkey ‖ ciphertext that opens with the IO key to hex(code hash) ‖ JSON', () => {
  const c = new ContractCrypto(io.publicKey);
  const wire = c.encrypt(CODE_HASH, { echo: { a: 1 } });
  const parts = wireParts(wire);
  assert.deepEqual(parts.publicKey, c.publicKey);
  const opened = decryptContractMsg(io, wire);
  assert.deepEqual(opened.nonce, parts.nonce);
  assert.equal(fromUtf8(opened.plaintext), `${'ab'.repeat(32)}{"echo":{"a":1}}`);
  const again = c.encrypt(CODE_HASH, { echo: { a: 1 } });
  assert.notDeepEqual(wireParts(again).nonce, parts.nonce, 'a fresh nonce per message');
});

test('the encryption seed is derived from the private key, so a later run can decrypt', () => {
  const priv = sha256(toUtf8('some private key'));
  assert.deepEqual(encryptionSeedOf(priv), encryptionSeedOf(Uint8Array.from(priv)));
  assert.notDeepEqual(encryptionSeedOf(priv), encryptionSeedOf(sha256(priv)));
  const first = new ContractCrypto(io.publicKey, encryptionSeedOf(priv));
  const later = new ContractCrypto(io.publicKey, encryptionSeedOf(priv));
  assert.deepEqual(first.publicKey, later.publicKey);
  const wire = first.encrypt(CODE_HASH, { x: {} });
  const { txKey, nonce } = decryptContractMsg(io, wire);
  const data = seal(txKey, toBase64(toUtf8('hello')));
  assert.equal(fromUtf8(later.decryptData(data, nonce)), 'hello');
});

test('data, wasm attributes and errors decrypt; foreign or plaintext values stay as they are', () => {
  const c = new ContractCrypto(io.publicKey);
  const wire = c.encrypt(CODE_HASH, { x: {} });
  const { txKey, nonce } = decryptContractMsg(io, wire);
  const other = decryptContractMsg(io, new ContractCrypto(io.publicKey).encrypt(CODE_HASH, { y: {} }));

  assert.deepEqual(c.decryptData(new Uint8Array(0), nonce), new Uint8Array(0));
  assert.deepEqual(displayBytes(c.decryptData(seal(txKey, toBase64(Uint8Array.of(0xff, 0x00))), nonce)), { data_base64: '/wA=' });

  const attr = { key: toBase64(seal(txKey, 'handled')), value: toBase64(seal(txKey, 'yes')) };
  assert.deepEqual(c.decryptAttribute(attr, [other.nonce, nonce]), { key: 'handled', value: 'yes' }, 'any of the nonces');
  assert.deepEqual(c.decryptAttribute({ key: 'init', value: 'done' }, [nonce]), { key: 'init', value: 'done' });
  assert.deepEqual(c.decryptAttribute({ key: 'contract_address', value: 'secret1abc' }, [nonce]), { key: 'contract_address', value: 'secret1abc' });
  const foreign = { key: toBase64(seal(other.txKey, 'k')), value: toBase64(seal(other.txKey, 'v')) };
  assert.deepEqual(c.decryptAttribute(foreign, [nonce]), foreign);

  const err = '{"generic_err":{"msg":"boom"}}';
  const log = `failed to execute message; message index: 0: encrypted: ${toBase64(seal(txKey, err))}: execute contract failed`;
  assert.deepEqual(c.decryptError(log, [nonce]), { error: err, log: `failed to execute message; message index: 0: ${err}: execute contract failed` });
  for (const op of ['instantiate', 'query', 'reply to', 'migrate']) {
    assert.equal(c.decryptError(`encrypted: ${toBase64(seal(txKey, 'e'))}: ${op} contract failed`, [nonce])?.error, 'e', op);
  }
  assert.equal(c.decryptError(log, [other.nonce]), undefined, 'not ours');
  assert.equal(c.decryptError('out of gas', [nonce]), undefined);
});

test('query answers: decrypt → base64 text → JSON (text or base64 when it is not)', () => {
  const c = new ContractCrypto(io.publicKey);
  const { txKey, nonce } = decryptContractMsg(io, c.encrypt(CODE_HASH, { q: {} }));
  const answer = (bytes: Uint8Array) => toBase64(seal(txKey, toBase64(bytes)));
  assert.deepEqual(c.decryptQueryAnswer(answer(toUtf8('{"count":3}')), nonce), { count: 3 });
  assert.equal(c.decryptQueryAnswer(answer(toUtf8('plain')), nonce), 'plain');
  assert.deepEqual(c.decryptQueryAnswer(answer(Uint8Array.of(0xfe)), nonce), { data_base64: '/g==' });
});

test('fees: ceil(gas × price), or --fees as given', () => {
  assert.deepEqual(feeFromGasPrice(200_000n, '0.1uscrt'), [{ denom: 'uscrt', amount: '20000' }]);
  assert.deepEqual(feeFromGasPrice(2_000_000n, '0.1uscrt'), [{ denom: 'uscrt', amount: '200000' }]);
  assert.deepEqual(feeFromGasPrice(25_001n, '0.0125uscrt'), [{ denom: 'uscrt', amount: '313' }]);
  assert.deepEqual(feeFromGasPrice(3n, '2uscrt'), [{ denom: 'uscrt', amount: '6' }]);
  assert.throws(() => feeFromGasPrice(1n, 'uscrt'), /invalid gas price/);
  assert.deepEqual(feeOf({ fees: '7uscrt', gas: '100', gasPrices: '0.1uscrt' }), [{ denom: 'uscrt', amount: '7' }]);
  assert.deepEqual(feeOf({ gas: '300000', gasPrices: '0.25uscrt' }), [{ denom: 'uscrt', amount: '75000' }]);
  assert.throws(() => feeOf({ gas: '1e5', gasPrices: '0.1uscrt' }), /invalid gas limit/);
});
