import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidates, Ed25519Error, ed25519PublicKey, ed25519Sign, ed25519Verify, fromHex, toHex } from '../src/index.js';
import { seededBytes } from './support.js';

// RFC 8032 §7.1 tests 1–3.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    pub: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    msg: '',
    sig: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    pub: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    msg: '72',
    sig: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
  {
    seed: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
    pub: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
    msg: 'af82',
    sig: '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
  },
];

describe('ed25519', () => {
  it('matches the RFC 8032 vectors', () => {
    for (const v of RFC8032) {
      const seed = fromHex(v.seed);
      const msg = fromHex(v.msg);
      assert.equal(toHex(ed25519PublicKey(seed)), v.pub);
      assert.equal(toHex(ed25519Sign(msg, seed)), v.sig);
      assert.ok(ed25519Verify(msg, fromHex(v.sig), fromHex(v.pub)));
    }
  });

  it('agrees with @noble/curves', () => {
    for (let i = 0; i < 20; i++) {
      const seed = seededBytes(i + 3, 32);
      const msg = seededBytes(i + 77, i * 11);
      const pub = ed25519PublicKey(seed);
      const sig = ed25519Sign(msg, seed);
      assert.deepEqual(pub, candidates.nobleEd25519.publicKey(seed));
      assert.deepEqual(sig, candidates.nobleEd25519.sign(msg, seed));
      assert.ok(candidates.nobleEd25519.verify(msg, sig, pub));
    }
  });

  it('rejects tampered or malformed input without throwing', () => {
    const v = RFC8032[2]!;
    const msg = fromHex(v.msg);
    const sig = fromHex(v.sig);
    const pub = fromHex(v.pub);
    const badSig = sig.slice();
    badSig[5]! ^= 1;
    const badMsg = msg.slice();
    badMsg[0]! ^= 1;
    assert.equal(ed25519Verify(msg, badSig, pub), false);
    assert.equal(ed25519Verify(badMsg, sig, pub), false);
    assert.equal(ed25519Verify(msg, sig, fromHex(RFC8032[0]!.pub)), false);
    assert.equal(ed25519Verify(msg, sig.subarray(0, 63), pub), false);
    assert.equal(ed25519Verify(msg, sig, pub.subarray(1)), false);
    // S ≥ L (non-canonical) must be rejected.
    const highS = sig.slice();
    highS[63] = 0xff;
    assert.equal(ed25519Verify(msg, highS, pub), false);
    // Not a valid point encoding (y = 2^255 - 1 ≥ p, x sign set).
    assert.equal(ed25519Verify(msg, sig, new Uint8Array(32).fill(0xff)), false);
    assert.throws(() => ed25519Sign(msg, new Uint8Array(31)), Ed25519Error);
  });
});
