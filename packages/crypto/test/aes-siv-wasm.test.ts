import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createCipheriv } from 'node:crypto';
import { NativeSivKey } from '../src/aes-siv.js';
import { wasmAes128 } from '../src/aes-siv-wasm.js';
import { AesSivError, AesSivKey, fromHex, toHex } from '../src/index.js';
import { seededBytes } from './support.js';

describe('AES-128 in wasm (assembly/aes-siv.ts)', () => {
  it('matches FIPS-197 appendix C.1', () => {
    const out = wasmAes128(fromHex('000102030405060708090a0b0c0d0e0f'), fromHex('00112233445566778899aabbccddeeff'));
    assert.equal(toHex(out), '69c4e0d86a7b0430d8cdb78070b4c55a');
  });

  it('matches OpenSSL AES-128-ECB on random keys and blocks', () => {
    for (let i = 0; i < 300; i++) {
      const key = seededBytes(1000 + i, 16);
      const blocks = seededBytes(5000 + i, 16 * (1 + (i % 9)));
      const want = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false).update(blocks);
      assert.equal(toHex(wasmAes128(key, blocks)), toHex(want), `case ${i}`);
    }
  });
});

describe('AES-SIV: wasm path against the OpenSSL path', () => {
  const sizes = [0, 1, 15, 16, 17, 31, 32, 33, 100, 255, 256, 400, 511, 512, 513, 700];

  it('seals and opens the same bytes for every length and AD shape', () => {
    let seed = 1;
    for (const n of sizes) {
      for (const adLens of [[], [0], [5], [16, 0], [40, 24, 3]]) {
        const key = seededBytes(seed++, 32);
        const plain = seededBytes(seed++, n);
        const ad = adLens.map((l) => seededBytes(seed++, l));
        const fast = new AesSivKey(key);
        const native = new NativeSivKey(key);
        const sealed = fast.encrypt(plain, ad);
        assert.equal(toHex(sealed), toHex(native.encrypt(plain, ad)), `n=${n} ad=${adLens}`);
        assert.equal(toHex(fast.decrypt(sealed, ad)), toHex(plain));
        const macs = ad.map((c) => fast.adMac(c));
        assert.deepEqual(macs, ad.map((c) => native.adMac(c)));
        assert.equal(toHex(fast.decryptWithAdMacs(sealed, macs)), toHex(plain));
        assert.equal(toHex(fast.encryptMany([{ plaintext: plain, adMacs: macs }])[0]!), toHex(sealed));
      }
    }
  });

  it('encryptMany across the length limit matches one encrypt per message', () => {
    const k = new AesSivKey(seededBytes(77, 32));
    const macs = [k.adMac(seededBytes(78, 20)), k.adMac(seededBytes(79, 24))];
    const msgs = sizes.map((n, i) => ({ plaintext: seededBytes(100 + i, n), adMacs: macs }));
    const many = k.encryptMany(msgs);
    msgs.forEach((m, i) => assert.equal(toHex(many[i]!), toHex(new NativeSivKey(seededBytes(77, 32)).encryptWithAdMacs(m.plaintext, m.adMacs))));
  });

  it('refuses any flipped bit of tag or ciphertext and returns nothing', () => {
    const k = new AesSivKey(seededBytes(9, 32));
    const sealed = k.encrypt(seededBytes(10, 60), [new Uint8Array(0)]);
    for (let bit = 0; bit < sealed.length * 8; bit += 7) {
      const bad = new Uint8Array(sealed);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      assert.throws(() => k.decrypt(bad, [new Uint8Array(0)]), AesSivError, `bit ${bit}`);
    }
    // The right message still opens afterwards (no state is left behind by a failure).
    assert.equal(k.decrypt(sealed, [new Uint8Array(0)]).length, 60);
  });

  it('keeps keys apart when several are used in turn', () => {
    const a = new AesSivKey(seededBytes(21, 32));
    const b = new AesSivKey(seededBytes(22, 32));
    const m = seededBytes(23, 50);
    const sa = a.encrypt(m, []);
    const sb = b.encrypt(m, []);
    assert.notEqual(toHex(sa), toHex(sb));
    assert.equal(toHex(a.decrypt(sa, [])), toHex(m));
    assert.throws(() => b.decrypt(sa, []), AesSivError);
    assert.equal(toHex(b.decrypt(sb, [])), toHex(m));
  });
});
