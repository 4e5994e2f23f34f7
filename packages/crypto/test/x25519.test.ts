import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidates, fromHex, toHex, X25519Error, X25519Key, x25519Clamp, x25519PublicKey, x25519SharedSecret } from '../src/index.js';
import { curve25519js, seededBytes } from './support.js';

describe('x25519', () => {
  it('RFC 7748 §5.2 scalar multiplication vectors', () => {
    const vectors = [
      [
        'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
        'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c',
        'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552',
      ],
      [
        '4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d',
        'e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493',
        '95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957',
      ],
    ] as const;
    for (const [k, u, out] of vectors) assert.equal(toHex(x25519SharedSecret(fromHex(k), fromHex(u))), out);
  });

  it('RFC 7748 §5.2 iteration (1 and 1000 rounds)', () => {
    let k = fromHex('0900000000000000000000000000000000000000000000000000000000000000');
    let u = k;
    for (let i = 1; i <= 1000; i++) {
      const next = x25519SharedSecret(k, u);
      u = k;
      k = next;
      if (i === 1) assert.equal(toHex(k), '422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079');
    }
    assert.equal(toHex(k), '684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51');
  });

  it('RFC 7748 §6.1 Diffie-Hellman', () => {
    const aPriv = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a');
    const bPriv = fromHex('5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb');
    const aPub = x25519PublicKey(aPriv);
    const bPub = x25519PublicKey(bPriv);
    assert.equal(toHex(aPub), '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    assert.equal(toHex(bPub), 'de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f');
    const shared = '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742';
    assert.equal(toHex(x25519SharedSecret(aPriv, bPub)), shared);
    assert.equal(toHex(x25519SharedSecret(bPriv, aPub)), shared);
    const a = new X25519Key(aPriv);
    assert.deepEqual(a.publicKey, aPub);
    assert.equal(toHex(a.sharedSecret(bPub)), shared);
  });

  it('matches curve25519-js (what secretjs uses) and @noble/curves', () => {
    for (let i = 0; i < 25; i++) {
      const seed = seededBytes(i + 41, 32);
      const peer = seededBytes(i + 4100, 32);
      const kp = curve25519js.generateKeyPair(seed);
      assert.deepEqual(Uint8Array.from(kp.private), x25519Clamp(seed));
      assert.deepEqual(x25519PublicKey(seed), Uint8Array.from(kp.public));
      assert.deepEqual(x25519PublicKey(seed), candidates.nobleX25519.publicKey(seed));
      const peerPub = x25519PublicKey(peer);
      const ours = x25519SharedSecret(seed, peerPub);
      assert.deepEqual(ours, Uint8Array.from(curve25519js.sharedKey(kp.private, peerPub)));
      assert.deepEqual(ours, candidates.nobleX25519.sharedSecret(seed, peerPub));
    }
  });

  it('masks the top bit of the public u-coordinate like the other implementations', () => {
    const seed = seededBytes(5, 32);
    const pub = x25519PublicKey(seededBytes(6, 32));
    const topSet = pub.slice();
    topSet[31]! |= 0x80;
    assert.deepEqual(x25519SharedSecret(seed, topSet), x25519SharedSecret(seed, pub));
    assert.deepEqual(x25519SharedSecret(seed, topSet), Uint8Array.from(curve25519js.sharedKey(x25519Clamp(seed), topSet)));
  });

  it('returns all zeros for low-order public keys, as x25519-dalek and curve25519-js do', () => {
    const seed = seededBytes(8, 32);
    for (const u of [new Uint8Array(32), fromHex('01' + '00'.repeat(31))]) {
      assert.deepEqual(x25519SharedSecret(seed, u), new Uint8Array(32));
      assert.deepEqual(Uint8Array.from(curve25519js.sharedKey(x25519Clamp(seed), u)), new Uint8Array(32));
    }
  });

  it('rejects wrong lengths', () => {
    assert.throws(() => x25519PublicKey(new Uint8Array(31)), X25519Error);
    assert.throws(() => x25519SharedSecret(new Uint8Array(32), new Uint8Array(33)), X25519Error);
  });
});
