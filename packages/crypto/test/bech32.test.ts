import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bech32Error, bech32Decode, bech32DecodeLowerAscii, bech32DecodeWords, bech32Encode, bech32EncodeWords, fromHex, toHex } from '../src/index.js';

// BIP-173 test vectors.
const VALID = [
  'A12UEL5L',
  'a12uel5l',
  'an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs',
  'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw',
  '11' + 'q'.repeat(82) + 'c8247j',
  'split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w',
  '?1ezyfcl',
];

const INVALID: [string, Bech32Error['kind']][] = [
  ['\x201nwldj5', 'invalid-character'],
  ['\x7f1axkwrx', 'invalid-character'],
  ['\x801eym55h', 'invalid-character'],
  ['an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx', 'invalid-length'],
  ['pzry9x0s0muk', 'invalid-separator'],
  ['1pzry9x0s0muk', 'invalid-separator'],
  ['x1b4n0q5v', 'non-charset-character'],
  ['li1dgmt3', 'invalid-separator'],
  ['de1lg7wt\xff', 'invalid-character'],
  ['A1G7SGD8', 'invalid-checksum'],
  ['10a06t8', 'invalid-length'],
  ['1qzzfhee', 'invalid-separator'],
];

describe('bech32 (BIP-173)', () => {
  it('accepts the valid vectors and re-encodes them', () => {
    for (const s of VALID) {
      const { prefix, words } = bech32DecodeWords(s);
      assert.equal(prefix, s.slice(0, s.lastIndexOf('1')).toLowerCase(), s);
      assert.equal(bech32EncodeWords(prefix, words), s.toLowerCase());
    }
    const d = bech32Decode('abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw');
    assert.equal(d.prefix, 'abcdef');
    assert.equal(toHex(d.data), '00443214c74254b635cf84653a56d7c675be77df');
    assert.equal(bech32Encode('abcdef', d.data), 'abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw');
  });

  it('rejects the invalid vectors with typed errors', () => {
    for (const [s, kind] of INVALID) {
      assert.throws(
        () => bech32DecodeWords(s),
        (e: unknown) => e instanceof Bech32Error && e.kind === kind,
        JSON.stringify(s),
      );
    }
  });

  it('uses Go-bech32-compatible messages', () => {
    assert.throws(() => bech32Decode('Secret1abcdefgh'), { message: 'string not all lowercase or all uppercase' });
    assert.throws(
      () => bech32Decode('secret1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq'),
      (e: unknown) =>
        e instanceof Bech32Error &&
        /^invalid checksum \(expected \(bech32=[a-z0-9]{6}, bech32m=[a-z0-9]{6}\), got q{6}\)$/.test(e.message),
    );
    assert.throws(() => bech32Decode('secret1bbbbbbbbbb'), { message: 'invalid character not part of charset: 98' });
  });

  it('flags a mixed-case string as mixed-case and a flipped character as a checksum error', () => {
    const good = bech32Encode('secret', fromHex('00112233445566778899aabbccddeeff00112233'));
    assert.equal(bech32Decode(good.toUpperCase()).prefix, 'secret');
    const flipped = good.slice(0, -1) + (good.endsWith('q') ? 'p' : 'q');
    assert.throws(() => bech32Decode(flipped), (e: unknown) => e instanceof Bech32Error && e.kind === 'invalid-checksum');
    const mixed = good.slice(0, 10) + good.slice(10).toUpperCase();
    assert.throws(() => bech32Decode(mixed), (e: unknown) => e instanceof Bech32Error && e.kind === 'mixed-case');
  });

  it('enforces the length limit, which can be raised', () => {
    const data = new Uint8Array(60);
    assert.throws(() => bech32Encode('secret', data), (e: unknown) => e instanceof Bech32Error && e.kind === 'invalid-length');
    const long = bech32Encode('secret', data, 200);
    assert.ok(long.length > 90);
    assert.throws(() => bech32Decode(long), (e: unknown) => e instanceof Bech32Error && e.kind === 'invalid-length');
    assert.deepEqual(bech32Decode(long, 200).data, data);
  });

  it('rejects non-zero padding bits when converting to bytes', () => {
    const isPadding = (e: unknown) => e instanceof Bech32Error && e.kind === 'invalid-padding';
    // Two words = 10 bits: one byte plus the leftover bits "01".
    assert.throws(() => bech32Decode(bech32EncodeWords('secret', [0, 1])), isPadding);
    // One word = 5 leftover bits, more than any padding can be.
    assert.throws(() => bech32Decode(bech32EncodeWords('secret', [0])), isPadding);
    assert.deepEqual(bech32Decode(bech32EncodeWords('secret', [0, 0])).data, Uint8Array.of(0));
    assert.deepEqual(bech32DecodeWords('split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w').prefix, 'split');
  });

  it('round-trips every length 0..40', () => {
    for (let n = 0; n <= 40; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff);
      const s = bech32Encode('secret', data);
      assert.deepEqual(bech32Decode(s), { prefix: 'secret', data });
    }
  });
});

describe('bech32DecodeLowerAscii (fast path)', () => {
  const slow = (s: string, prefix: string): string => {
    try {
      const d = bech32Decode(s);
      return d.prefix === prefix && s === s.toLowerCase() ? toHex(d.data) : 'reject';
    } catch {
      return 'reject';
    }
  };
  const fast = (s: string, prefix: string): string => {
    const d = bech32DecodeLowerAscii(new TextEncoder().encode(s), prefix);
    return d === null ? 'reject' : toHex(d);
  };
  it('accepts exactly the valid lower-case strings of the prefix, with the same data', () => {
    let seed = 12345;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const cases: string[] = [...VALID, 'secret1', 'secret1qqqqqq', 'Secret1qqqqqqqq', 'secret11qqqqqq'];
    for (let i = 0; i < 3000; i++) {
      const data = Uint8Array.from({ length: rnd(40) }, () => rnd(256));
      let s = bech32Encode(i % 5 === 0 ? 'cosmos' : 'secret', data);
      // Mutations: a changed character, upper case, a removed character, a non-charset character.
      const m = rnd(6);
      const at = rnd(s.length);
      if (m === 0) s = s.slice(0, at) + 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'[rnd(32)] + s.slice(at + 1);
      else if (m === 1) s = s.toUpperCase();
      else if (m === 2) s = s.slice(0, at) + s.slice(at + 1);
      else if (m === 3) s = s.slice(0, at) + 'b1ioé '[rnd(6)] + s.slice(at + 1);
      cases.push(s);
    }
    let accepted = 0;
    for (const s of cases) {
      const expected = slow(s, 'secret');
      assert.equal(fast(s, 'secret'), expected, s);
      if (expected !== 'reject') accepted++;
    }
    assert.ok(accepted > 1000, 'the fast path is taken for valid addresses');
  });
});
