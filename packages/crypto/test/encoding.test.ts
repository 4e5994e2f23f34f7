import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareBytes,
  concatBytes,
  EncodingError,
  equalBytes,
  fromBase64,
  fromHex,
  fromUtf8,
  readU32be,
  readU64be,
  toBase64,
  toHex,
  toUtf8,
  u16le,
  u32be,
  u32le,
  u64be,
  u64le,
} from '../src/index.js';

const b = (...xs: number[]) => Uint8Array.from(xs);

describe('hex', () => {
  it('round-trips and accepts either case', () => {
    assert.equal(toHex(b(0, 1, 0xab, 0xff)), '0001abff');
    assert.deepEqual(fromHex('0001ABff'), b(0, 1, 0xab, 0xff));
    assert.deepEqual(fromHex(''), new Uint8Array(0));
  });
  it('returns plain Uint8Array, not Buffer', () => {
    assert.equal(Object.getPrototypeOf(fromHex('00')), Uint8Array.prototype);
  });
  it('rejects odd length and non-hex characters', () => {
    assert.throws(() => fromHex('abc'), EncodingError);
    assert.throws(() => fromHex('zz'), EncodingError);
    assert.throws(() => fromHex('0x00'), EncodingError);
    assert.throws(() => fromHex('00 '), EncodingError);
  });
});

describe('base64', () => {
  it('round-trips with padding (RFC 4648 vectors)', () => {
    const cases: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [text, enc] of cases) {
      assert.equal(toBase64(toUtf8(text)), enc);
      assert.equal(fromUtf8(fromBase64(enc)), text);
    }
    assert.equal(toBase64(b(0xfb, 0xff)), '+/8=');
    assert.deepEqual(fromBase64('+/8='), b(0xfb, 0xff));
  });
  it('handles multi-megabyte input (no regex backtracking limits)', () => {
    const big = Uint8Array.from({ length: 3_000_000 }, (_, i) => (i * 31) & 0xff);
    assert.deepEqual(fromBase64(toBase64(big)), big);
    assert.deepEqual(fromHex(toHex(big)), big);
    assert.throws(() => fromBase64(toBase64(big).slice(0, -4) + 'ab!='), EncodingError);
  });
  it('tolerates non-zero trailing bits like Go StdEncoding', () => {
    assert.deepEqual(fromBase64('Zh=='), toUtf8('f'));
  });
  it('rejects invalid input instead of skipping characters', () => {
    for (const bad of ['Zg', 'Zg=', 'Z===', '====', 'Zm9v!', 'Zm 9v', 'Zm9v\n', '-_8=', 'Zg==Zg==', '=Zg=', 'Zm9vY', 'Zm=v', 'Zm9\u00e9']) {
      assert.throws(() => fromBase64(bad), EncodingError, bad);
    }
  });
});

describe('utf8', () => {
  it('round-trips multi-byte text and keeps a BOM', () => {
    const s = '\ufeffhé ☃ 𝄞';
    assert.equal(fromUtf8(toUtf8(s)), s);
  });
  it('is fatal on invalid UTF-8', () => {
    assert.throws(() => fromUtf8(b(0xff)), EncodingError);
    assert.throws(() => fromUtf8(b(0xc3)), EncodingError);
    assert.throws(() => fromUtf8(b(0xed, 0xa0, 0x80)), EncodingError); // encoded surrogate
  });
});

describe('byte helpers', () => {
  it('concat / equal / compare', () => {
    assert.deepEqual(concatBytes(b(1), new Uint8Array(0), b(2, 3)), b(1, 2, 3));
    assert.deepEqual(concatBytes(), new Uint8Array(0));
    assert.ok(equalBytes(b(1, 2), b(1, 2)));
    assert.ok(!equalBytes(b(1, 2), b(1, 3)));
    assert.ok(!equalBytes(b(1), b(1, 0)));
    assert.equal(compareBytes(b(1, 2), b(1, 2)), 0);
    assert.equal(compareBytes(b(1), b(1, 0)), -1);
    assert.equal(compareBytes(b(0x80), b(0x7f)), 1); // unsigned
    assert.equal(compareBytes(b(), b()), 0);
  });
});

describe('fixed-width integers', () => {
  it('encodes big- and little-endian', () => {
    assert.equal(toHex(u64be(1234)), '00000000000004d2');
    assert.equal(toHex(u64be(0xffffffffffffffffn)), 'ffffffffffffffff');
    assert.equal(toHex(u64le(6)), '0600000000000000');
    assert.equal(toHex(u32be(0x01020304)), '01020304');
    assert.equal(toHex(u32le(3)), '03000000');
    assert.equal(toHex(u16le(2)), '0200');
  });
  it('rejects out-of-range values', () => {
    assert.throws(() => u64be(-1), EncodingError);
    assert.throws(() => u64be(1n << 64n), EncodingError);
    assert.throws(() => u64be(2 ** 53), EncodingError); // not a safe integer: pass a bigint
    assert.throws(() => u64be(1.5), EncodingError);
    assert.throws(() => u32be(2 ** 32), EncodingError);
    assert.throws(() => u16le(65536), EncodingError);
  });
  it('reads back at an offset', () => {
    const buf = concatBytes(b(9, 9), u64be(1700000000000000000n), u32be(7));
    assert.equal(readU64be(buf, 2), 1700000000000000000n);
    assert.equal(readU32be(buf, 10), 7);
    assert.equal(readU64be(u64be(5)), 5n);
    assert.throws(() => readU64be(buf, 7), EncodingError);
    assert.throws(() => readU64be(buf, -1), EncodingError);
  });
});
