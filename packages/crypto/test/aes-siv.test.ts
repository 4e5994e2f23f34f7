import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCipheriv } from 'node:crypto';
import { sivCtrXor } from '../src/aes-siv.js';
import { AesCmac, aesCmac, AesSivError, AesSivKey, aesSivDecrypt, aesSivEncrypt, fromHex, toHex } from '../src/index.js';
import { miscreantSiv, seededBytes } from './support.js';

const h = fromHex;

describe('AES-CMAC (RFC 4493 §4)', () => {
  it('matches the four examples', () => {
    const key = h('2b7e151628aed2a6abf7158809cf4f3c');
    const m = h(
      '6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710',
    );
    assert.equal(toHex(aesCmac(key, m.subarray(0, 0))), 'bb1d6929e95937287fa37d129b756746');
    assert.equal(toHex(aesCmac(key, m.subarray(0, 16))), '070a16b46b4d4144f79bdd9dd04a287c');
    assert.equal(toHex(aesCmac(key, m.subarray(0, 40))), 'dfa66747de9ae63030ca32611497c827');
    assert.equal(toHex(aesCmac(key, m.subarray(0, 64))), '51f0bebf7e3b9d92fc49741779363cfe');
  });
});

// RFC 5297 appendix A plus the miscreant project's extra vectors (empty inputs, AES-256-SIV).
const VECTORS = [
  {
    name: 'RFC 5297 A.1 (deterministic)',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
    ad: ['101112131415161718191a1b1c1d1e1f2021222324252627'],
    pt: '112233445566778899aabbccddee',
    ct: '85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c',
  },
  {
    name: 'RFC 5297 A.2 (nonce-based, three AD components)',
    key: '7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f',
    ad: [
      '00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100',
      '102030405060708090a0',
      '09f911029d74e35bd84156c5635688c0',
    ],
    pt: '7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553',
    ct: '7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d',
  },
  {
    name: 'empty AD list and empty plaintext',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
    ad: [],
    pt: '',
    ct: 'f2007a5beb2b8900c588a7adf599f172',
  },
  {
    name: 'empty AD list, one-block plaintext',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff',
    ad: [],
    pt: '00112233445566778899aabbccddeeff',
    ct: 'f304f912863e303d5b540e5057c7010c942ffaf45b0e5ca5fb9a56a5263bb065',
  },
  {
    name: 'AES-256-SIV (64-byte key)',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f06f6e6d6c6b6a69686766656463626160f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f',
    ad: ['101112131415161718191a1b1c1d1e1f2021222324252627'],
    pt: '112233445566778899aabbccddee',
    ct: 'f125274c598065cfc26b0e71575029088b035217e380cac8919ee800c126',
  },
];

describe('AES-CMAC context reuse', () => {
  it('gives the same MACs from one long-lived instance as from fresh ones', () => {
    const key = seededBytes(42, 16);
    const cmac = new AesCmac(key);
    for (let i = 0; i < 100; i++) {
      const msg = seededBytes(1000 + i, (i * 13) % 97);
      assert.deepEqual(cmac.mac(msg), aesCmac(key, msg), `message ${i}`);
    }
  });
});

describe('AES-SIV with precomputed AD MACs', () => {
  it('encryptMany of many short messages matches encrypt', () => {
    const key = seededBytes(71, 32);
    const k = new AesSivKey(key);
    const salt = seededBytes(72, 24);
    const comps = Array.from({ length: 9 }, (_, i) => seededBytes(73 + i, 10 + i * 4));
    const macs = [...comps, salt].map((c) => k.adMac(c));
    const pts = Array.from({ length: 9 }, (_, i) => seededBytes(90 + i, (i * 11) % 60));
    const many = k.encryptMany(pts.map((plaintext, i) => ({ plaintext, adMacs: [macs[i]!, macs[9]!] })));
    pts.forEach((pt, i) => assert.deepEqual(many[i], aesSivEncrypt(key, pt, [comps[i]!, salt]), `message ${i}`));
  });
});

describe('SIV CTR', () => {
  it('clears bits 31/63 and carries through all 128 bits like OpenSSL aes-128-ctr', () => {
    const key = seededBytes(50, 16);
    const data = seededBytes(51, 16 * 300 + 5);
    const vs = ['ff'.repeat(16), '00'.repeat(16), 'ffffffffffffffffffffffff7ffffff0', '0123456789abcdef8000000080000000'];
    for (const vHex of vs) {
      const v = fromHex(vHex);
      const q = v.slice();
      q[8]! &= 0x7f;
      q[12]! &= 0x7f;
      const expected = createCipheriv('aes-128-ctr', key, q).update(data);
      const ecb = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
      assert.equal(toHex(sivCtrXor(ecb, v, data)), toHex(expected), vHex);
    }
  });
});

describe('AES-SIV', () => {
  it('matches the published vectors both ways', () => {
    for (const v of VECTORS) {
      const ad = v.ad.map(h);
      assert.equal(toHex(aesSivEncrypt(h(v.key), h(v.pt), ad)), v.ct, v.name);
      assert.equal(toHex(aesSivDecrypt(h(v.key), h(v.ct), ad)), v.pt, v.name);
    }
  });

  it('distinguishes AD [] from AD [b""]', () => {
    const key = seededBytes(1, 32);
    const pt = seededBytes(2, 40);
    const none = aesSivEncrypt(key, pt, []);
    const oneEmpty = aesSivEncrypt(key, pt, [new Uint8Array(0)]);
    assert.notDeepEqual(none, oneEmpty);
    assert.throws(() => aesSivDecrypt(key, oneEmpty, []), AesSivError);
    assert.throws(() => aesSivDecrypt(key, none, [new Uint8Array(0)]), AesSivError);
  });

  it('rejects tampered ciphertext, tag, AD or key', () => {
    const key = seededBytes(3, 32);
    const ad = [seededBytes(4, 10)];
    const sealed = aesSivEncrypt(key, seededBytes(5, 33), ad);
    const fail = { name: 'AesSivError', message: 'ciphertext verification failed' };
    for (const i of [0, 15, 16, sealed.length - 1]) {
      const t = sealed.slice();
      t[i]! ^= 0x01;
      assert.throws(() => aesSivDecrypt(key, t, ad), fail, `byte ${i}`);
    }
    assert.throws(() => aesSivDecrypt(key, sealed.subarray(0, sealed.length - 1), ad), fail);
    assert.throws(() => aesSivDecrypt(key, sealed.subarray(0, 15), ad), fail);
    assert.throws(() => aesSivDecrypt(key, sealed, [seededBytes(6, 10)]), fail);
    assert.throws(() => aesSivDecrypt(seededBytes(7, 32), sealed, ad), fail);
    assert.throws(() => aesSivEncrypt(new Uint8Array(16), new Uint8Array(1), []), AesSivError);
  });

  it('AesSivKey reuse matches one-shot calls, including long messages', () => {
    const key = seededBytes(60, 32);
    const k = new AesSivKey(key);
    for (let i = 0; i < 40; i++) {
      const pt = seededBytes(61 + i, i * 53);
      const ad = i % 3 === 0 ? [] : [new Uint8Array(0), seededBytes(i, i % 20)].slice(0, i % 3);
      const sealed = k.encrypt(pt, ad);
      assert.deepEqual(sealed, new AesSivKey(key).encrypt(pt, ad));
      assert.deepEqual(k.decrypt(sealed, ad), pt);
      assert.deepEqual(aesSivDecrypt(key, sealed, ad), pt);
    }
  });

  it('encryptMany / decryptWithAdMacs with precomputed AD MACs match encrypt / decrypt', () => {
    const key = seededBytes(70, 64);
    const k = new AesSivKey(key);
    // Short and long messages mixed, so the shared CTR call and the long-message path both run.
    const messages = Array.from({ length: 12 }, (_, i) => {
      const ad = Array.from({ length: i % 4 }, (_, j) => seededBytes(80 + i * 4 + j, (i * 3 + j * 11) % 40));
      return { pt: seededBytes(90 + i, i === 7 ? 1300 : i === 3 ? 600 : (i * 29) % 90), ad };
    });
    const many = k.encryptMany(messages.map((m) => ({ plaintext: m.pt, adMacs: m.ad.map((c) => k.adMac(c)) })));
    messages.forEach((m, i) => {
      assert.deepEqual(many[i], aesSivEncrypt(key, m.pt, m.ad), `message ${i}`);
      assert.deepEqual(k.decryptWithAdMacs(many[i]!, m.ad.map((c) => k.adMac(c))), m.pt);
    });
    assert.deepEqual(k.encryptMany([]), []);
    const empty = { plaintext: new Uint8Array(0), adMacs: [] };
    assert.deepEqual(k.encryptMany([empty, empty]), [aesSivEncrypt(key, empty.plaintext, []), aesSivEncrypt(key, empty.plaintext, [])]);
    const sealed = many[5]!;
    const macs = messages[5]!.ad.map((c) => k.adMac(c));
    assert.throws(() => k.decryptWithAdMacs(sealed, [...macs, k.adMac(new Uint8Array(0))]), AesSivError);
    assert.throws(() => k.decryptWithAdMacs(sealed, [new Uint8Array(15)]), AesSivError);
  });

  it('agrees with miscreant (what secretjs uses) on random inputs', async () => {
    for (let i = 0; i < 60; i++) {
      const key = seededBytes(100 + i, 32);
      const pt = seededBytes(200 + i, i === 59 ? 5000 : (i * 7) % 70);
      const ad = Array.from({ length: i % 4 }, (_, j) => seededBytes(300 + i * 4 + j, (i + j * 5) % 35));
      const siv = await miscreantSiv(key);
      const expected = await siv.seal(pt, ad);
      const ours = aesSivEncrypt(key, pt, ad);
      assert.equal(toHex(ours), toHex(expected), `case ${i}`);
      assert.deepEqual(aesSivDecrypt(key, Uint8Array.from(expected), ad), pt);
      assert.deepEqual(Uint8Array.from(await siv.open(ours, ad)), pt);
    }
  });
});
