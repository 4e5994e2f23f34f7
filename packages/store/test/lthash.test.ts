// LtHash16 arithmetic.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { elementVector, LtHash16, LTHASH_BYTES } from '../src/index.js';
import { b } from './helpers.js';

function lanes(l: LtHash16): Uint16Array {
  const bytes = l.toBytes();
  const out = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = bytes[2 * i] | (bytes[2 * i + 1] << 8);
  return out;
}

describe('LtHash16', () => {
  it('SWAR add/sub equal lane-wise u16 arithmetic (with wrap-around)', () => {
    const acc = LtHash16.zero();
    const ref = new Uint16Array(1024);
    for (let n = 0; n < 40; n++) {
      const e = elementVector(b(`k${n}`), b(`v${n}`));
      const e16 = new Uint16Array(e.buffer, e.byteOffset, 1024); // little-endian host in CI
      if (n % 3 === 2) {
        acc.sub(e);
        for (let i = 0; i < 1024; i++) ref[i] -= e16[i];
      } else {
        acc.add(e);
        for (let i = 0; i < 1024; i++) ref[i] += e16[i];
      }
    }
    assert.deepEqual(lanes(acc), ref);
  });

  it('extreme lanes wrap correctly', () => {
    const ones = new Uint8Array(LTHASH_BYTES).fill(0xff); // every lane 0xffff
    const x = LtHash16.fromBytes(ones);
    const one = new Uint32Array(512).fill(0x00010001);
    x.add(one);
    assert.deepEqual(lanes(x), new Uint16Array(1024)); // 0xffff + 1 = 0
    x.sub(one);
    assert.deepEqual(lanes(x), new Uint16Array(1024).fill(0xffff)); // 0 - 1 = 0xffff
    const big = new Uint32Array(512).fill(0x80008000);
    x.add(big);
    x.add(big);
    assert.deepEqual(lanes(x), new Uint16Array(1024).fill(0xffff));
  });

  it('is a multiset hash: order independent, removal is exact inverse', () => {
    const x = LtHash16.zero();
    const y = LtHash16.zero();
    const pairs = Array.from({ length: 20 }, (_, i) => [b(`key${i}`), b(`value${i}`)] as const);
    for (const [k, v] of pairs) x.addPair(k, v);
    for (const [k, v] of [...pairs].reverse()) y.addPair(k, v);
    assert.ok(x.equals(y));
    assert.deepEqual(x.digest(), y.digest());
    y.addPair(b('extra'), b('x'));
    assert.ok(!x.equals(y));
    y.subPair(b('extra'), b('x'));
    assert.ok(x.equals(y));
    for (const [k, v] of pairs) y.subPair(k, v);
    assert.ok(y.equals(LtHash16.zero()));
  });

  it('the element encoding is injective across the key/value boundary', () => {
    const e1 = elementVector(b('ab'), b('c'));
    const e2 = elementVector(b('a'), b('bc'));
    assert.notDeepEqual(e1, e2);
    assert.notDeepEqual(elementVector(b('k'), new Uint8Array(0)), elementVector(b('k'), new Uint8Array(1)));
  });

  it('round-trips through its persisted form', () => {
    const x = LtHash16.zero();
    x.addPair(b('k'), b('v'));
    const y = LtHash16.fromBytes(x.toBytes());
    assert.ok(x.equals(y));
    assert.throws(() => LtHash16.fromBytes(new Uint8Array(10)));
  });
});
