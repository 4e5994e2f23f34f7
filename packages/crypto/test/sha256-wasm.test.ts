import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import { wasmHkdf32, wasmHmac, wasmHmacPads, wasmSha256 } from '../src/sha256-wasm.js';
import { fromHex, hkdfSha256, hmacSha256, HmacSha256Key, sha256, toHex } from '../src/index.js';
import { seededBytes } from './support.js';

const nodeSha = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
const nodeHmac = (k: Uint8Array, d: Uint8Array) => createHmac('sha256', k).update(d).digest('hex');

describe('SHA-256 in wasm (assembly/sha256.ts)', () => {
  it('matches the FIPS 180-4 examples', () => {
    assert.equal(toHex(wasmSha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(toHex(wasmSha256(new TextEncoder().encode('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const two = new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq');
    assert.equal(toHex(wasmSha256(two)), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('matches OpenSSL at every length across the block boundaries, both through sha256()', () => {
    for (let n = 0; n <= 300; n++) {
      const d = seededBytes(n + 1, n);
      assert.equal(toHex(wasmSha256(d)), nodeSha(d), `length ${n}`);
      assert.equal(toHex(sha256(d)), nodeSha(d), `sha256() length ${n}`);
    }
  });
});

describe('HMAC-SHA256 and HKDF-SHA256 in wasm', () => {
  it('matches node HMAC for keys of 0–100 bytes and data of 0–300 bytes', () => {
    for (const kl of [0, 1, 20, 32, 63, 64, 65, 100]) {
      for (const dl of [0, 1, 55, 56, 64, 81, 119, 120, 200, 256, 257, 300]) {
        const k = seededBytes(1000 + kl, kl);
        const d = seededBytes(2000 + dl, dl);
        assert.equal(toHex(hmacSha256(k, d)), nodeHmac(k, d), `key ${kl}, data ${dl}`);
        assert.equal(toHex(new HmacSha256Key(k).mac(d)), nodeHmac(k, d), `prepared key ${kl}, data ${dl}`);
        if (kl <= 64) assert.equal(toHex(wasmHmac(wasmHmacPads(k), d)), nodeHmac(k, d));
      }
    }
  });

  it('matches RFC 5869 test case 1 (first 32 bytes) and node hkdfSync', () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    const salt = fromHex('000102030405060708090a0b0c');
    const info = fromHex('f0f1f2f3f4f5f6f7f8f9');
    assert.equal(toHex(wasmHkdf32(wasmHmacPads(salt), ikm, info)), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf');
    for (const [il, sl, nl] of [[0, 0, 0], [32, 32, 0], [64, 32, 4], [65, 13, 70], [200, 64, 200], [1024, 1, 1]] as const) {
      const i = seededBytes(3000 + il, il);
      const s = seededBytes(4000 + sl, sl);
      const n = seededBytes(5000 + nl, nl);
      const want = Buffer.from(hkdfSync('sha256', i, s, n, 32)).toString('hex');
      assert.equal(toHex(hkdfSha256(i, s, n, 32)), want, `ikm ${il}, salt ${sl}, info ${nl}`);
      // Twice: the second call meets the salt's cached pads.
      assert.equal(toHex(hkdfSha256(i, s, n, 32)), want);
    }
  });
});
