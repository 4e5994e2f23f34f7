import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  candidates,
  concatBytes,
  fromHex,
  keyFromMnemonic,
  Secp256k1Error,
  secp256k1Backend,
  secp256k1PublicKey,
  secp256k1Recover,
  secp256k1Sign,
  secp256k1SignRecoverable,
  secp256k1Uncompressed,
  secp256k1Verify,
  sha256,
  toHex,
  toUtf8,
} from '../src/index.js';
import { loadDevAccounts, seededBytes } from './support.js';

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const toBig = (b: Uint8Array) => BigInt('0x' + toHex(b));
const fromBig = (x: bigint) => fromHex(x.toString(16).padStart(64, '0'));
/** The malleated twin (r, n - s) of a signature: valid ECDSA, but high-S. */
const highS = (sig: Uint8Array) => concatBytes(sig.subarray(0, 32), fromBig(N - toBig(sig.subarray(32))));

const backends = [candidates.nativeSecp256k1, candidates.nobleSecp256k1].filter((x) => x !== undefined);

describe('secp256k1', () => {
  it('uses the native backend', () => {
    assert.equal(secp256k1Backend, 'native');
    assert.equal(backends.length, 2);
  });

  it('derives public keys (private key 1 → G)', () => {
    const one = fromHex('0000000000000000000000000000000000000000000000000000000000000001');
    assert.equal(toHex(secp256k1PublicKey(one)), '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798');
    assert.equal(
      toHex(secp256k1PublicKey(one, false)),
      '0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8',
    );
    assert.throws(() => secp256k1PublicKey(new Uint8Array(32)), Secp256k1Error); // zero key
    assert.throws(() => secp256k1PublicKey(fromBig(N)), Secp256k1Error); // ≥ n
    assert.throws(() => secp256k1PublicKey(new Uint8Array(31)), Secp256k1Error);
  });

  it('signs deterministically (RFC 6979) with low-S: known vector', () => {
    // Private key 1, sha256("Satoshi Nakamoto") — a widely published RFC 6979 secp256k1 vector.
    const one = fromHex('0000000000000000000000000000000000000000000000000000000000000001');
    const sig = secp256k1Sign(sha256(toUtf8('Satoshi Nakamoto')), one);
    assert.equal(
      toHex(sig),
      '934b1ea10a4b3c1757e2b0c017d0b6143ce3c9a7e6a4a49860d7a6ab210ee3d82442ce9d2b916064108014783e923ec36b49743e2ffa1c4496f01a512aafd9e5',
    );
  });

  it('native and noble agree on keys, signatures and verification', () => {
    for (let i = 0; i < 40; i++) {
      const priv = seededBytes(i + 1, 32);
      const hash = seededBytes(i + 500, 32);
      const outs = backends.map((b) => ({ pub: b.publicKey(priv, true), sig: b.sign(hash, priv) }));
      assert.deepEqual(outs[0], outs[1]);
      const { pub, sig } = outs[0]!;
      assert.ok(toBig(sig.signature.subarray(32)) <= N / 2n, 'low-S');
      for (const b of backends) {
        assert.ok(b.verify(hash, sig.signature, pub));
        assert.deepEqual(b.recover(hash, sig.signature, sig.recovery, true), pub);
      }
      assert.ok(secp256k1Verify(hash, sig.signature, pub));
      assert.ok(secp256k1Verify(hash, sig.signature, secp256k1PublicKey(priv, false)));
    }
  });

  it('rejects high-S signatures (Cosmos SDK rule) on every backend', () => {
    const priv = seededBytes(7, 32);
    const hash = sha256(toUtf8('sign doc'));
    const pub = secp256k1PublicKey(priv);
    const sig = secp256k1Sign(hash, priv);
    const malleated = highS(sig);
    assert.ok(secp256k1Verify(hash, sig, pub));
    assert.equal(secp256k1Verify(hash, malleated, pub), false);
    for (const b of backends) assert.equal(b.verify(hash, malleated, pub), false, b.name);
  });

  it('returns false, never throws, on malformed input', () => {
    const priv = seededBytes(9, 32);
    const hash = sha256(toUtf8('x'));
    const pub = secp256k1PublicKey(priv);
    const sig = secp256k1Sign(hash, priv);
    const offCurve = fromHex('02' + '00'.repeat(31) + '05'); // x=5 is not on the curve
    const hybrid = secp256k1PublicKey(priv, false).slice();
    hybrid[0] = 0x06 | (hybrid[64]! & 1);
    const overflowR = concatBytes(fromBig(N), sig.subarray(32));
    const zeroSig = new Uint8Array(64);
    const cases: [Uint8Array, Uint8Array, Uint8Array][] = [
      [hash, sig, offCurve],
      [hash, sig, hybrid],
      [hash, sig, pub.subarray(0, 32)],
      [hash, sig, new Uint8Array(33)],
      [hash, overflowR, pub],
      [hash, zeroSig, pub],
      [hash, sig.subarray(0, 63), pub],
      [hash, concatBytes(sig, new Uint8Array(1)), pub],
      [hash.subarray(0, 31), sig, pub],
      [sha256(toUtf8('y')), sig, pub],
    ];
    for (const [h, s, p] of cases) assert.equal(secp256k1Verify(h, s, p), false);
    assert.equal(secp256k1Verify(null as unknown as Uint8Array, sig, pub), false);
  });

  it('recovers the signer and returns null for impossible input', () => {
    const priv = seededBytes(11, 32);
    const hash = sha256(toUtf8('recover me'));
    const { signature, recovery } = secp256k1SignRecoverable(hash, priv);
    assert.deepEqual(secp256k1Recover(hash, signature, recovery), secp256k1PublicKey(priv));
    assert.deepEqual(secp256k1Recover(hash, signature, recovery, false), secp256k1PublicKey(priv, false));
    assert.equal(secp256k1Recover(hash, new Uint8Array(64), 0), null);
    assert.equal(secp256k1Recover(hash, signature, 4), null);
  });

  it('signs and verifies with a dev account key', () => {
    const a = loadDevAccounts().accounts[0]!;
    const key = keyFromMnemonic(a.mnemonic);
    const hash = sha256(toUtf8('{"chain_id":"secretdev-1"}'));
    assert.ok(secp256k1Verify(hash, secp256k1Sign(hash, key.privateKey), key.publicKey));
  });

  it('uncompresses public keys, and verifies the same against either form', () => {
    for (let i = 0; i < 10; i++) {
      const priv = seededBytes(i + 900, 32);
      const pub = secp256k1PublicKey(priv);
      const full = secp256k1PublicKey(priv, false);
      assert.deepEqual(secp256k1Uncompressed(pub), full);
      assert.deepEqual(secp256k1Uncompressed(full), full);
      for (const b of backends) assert.deepEqual(b.uncompressed(pub), full);
      const hash = seededBytes(i + 950, 32);
      const sig = secp256k1Sign(hash, priv);
      assert.ok(secp256k1Verify(hash, sig, full));
      assert.equal(secp256k1Verify(hash, highS(sig), full), false);
    }
    // x = 5 is not the x-coordinate of a curve point; 0x05 is no key prefix.
    assert.equal(secp256k1Uncompressed(fromHex('02' + '00'.repeat(31) + '05')), undefined);
    assert.equal(secp256k1Uncompressed(fromHex('05' + '11'.repeat(32))), undefined);
    assert.equal(secp256k1Uncompressed(new Uint8Array(20)), undefined);
  });
});
