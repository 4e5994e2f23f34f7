import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidates, fromHex, hkdfSha256, hmacSha256, keccak256, ripemd160, sha256, sha256Parts, sha512, toHex, toUtf8 } from '../src/index.js';
import { seededBytes } from './support.js';

describe('hashes', () => {
  it('sha256 / sha512 / ripemd160 / keccak256 known answers', () => {
    assert.equal(toHex(sha256(toUtf8('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(toHex(sha256(new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(
      toHex(sha512(toUtf8('abc'))),
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    assert.equal(toHex(ripemd160(toUtf8('abc'))), '8eb208f7e05d987a9b044a8e98c6b087f15a0bfc');
    assert.equal(toHex(ripemd160(new Uint8Array(0))), '9c1185a5c5e9fc54612808977ee8f548b2258d31');
    assert.equal(toHex(keccak256(new Uint8Array(0))), 'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    assert.equal(toHex(sha256Parts(toUtf8('a'), toUtf8('bc'))), toHex(sha256(toUtf8('abc'))));
  });

  it('HMAC-SHA256 (RFC 4231 cases 1 and 2)', () => {
    assert.equal(
      toHex(hmacSha256(new Uint8Array(20).fill(0x0b), toUtf8('Hi There'))),
      'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
    );
    assert.equal(
      toHex(hmacSha256(toUtf8('Jefe'), toUtf8('what do ya want for nothing?'))),
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('HKDF-SHA256 (RFC 5869 cases 1 and 3)', () => {
    const ikm = new Uint8Array(22).fill(0x0b);
    assert.equal(
      toHex(hkdfSha256(ikm, fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42)),
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    );
    assert.equal(
      toHex(hkdfSha256(ikm, new Uint8Array(0), new Uint8Array(0), 42)),
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    );
    assert.equal(hkdfSha256(ikm, new Uint8Array(0)).length, 32);
    assert.throws(() => hkdfSha256(ikm, ikm, '', 255 * 32 + 1), RangeError);
  });

  it('HMAC-SHA256 with long keys and long data (both code paths) agrees with @noble/hashes', () => {
    for (const [keyLen, dataLen] of [[64, 10], [65, 10], [131, 4096], [20, 4097], [0, 0], [100, 20000]] as const) {
      const key = seededBytes(keyLen + 7, keyLen);
      const data = seededBytes(dataLen + 11, dataLen);
      assert.deepEqual(hmacSha256(key, data), candidates.nobleHashes.hmacSha256(key, data), `${keyLen}/${dataLen}`);
    }
  });

  it('agrees with @noble/hashes on pseudo-random inputs', () => {
    for (let i = 0; i < 50; i++) {
      const data = seededBytes(i + 1, i * 37);
      const key = seededBytes(i + 1000, (i * 7) % 80);
      assert.deepEqual(sha256(data), candidates.nobleHashes.sha256(data));
      assert.deepEqual(ripemd160(data), candidates.nobleHashes.ripemd160(data));
      assert.deepEqual(hmacSha256(key, data), candidates.nobleHashes.hmacSha256(key, data));
      const len = 1 + ((i * 13) % 100);
      assert.deepEqual(hkdfSha256(data, key, key.subarray(0, 5), len), candidates.nobleHashes.hkdfSha256(data, key, key.subarray(0, 5), len));
    }
  });
});
