// The AssemblyScript SDK (contracts/sdk) checked through the `sdktest` example contract against
// reference implementations: SHA-256 / RIPEMD-160, base64, u128 arithmetic and decimal form, the
// integer-only JSON reader / writer, and the storage encodings of Item / KeyMap.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyzeUpload, createRuntime, envV1, infoV1, parseQueryResult, parseResponseV1, type Storage } from '@scrtd/vm';
import { ripemd160, sha256, toBase64, toHex } from '@scrtd/crypto';

const WASM = new Uint8Array(readFileSync(fileURLToPath(new URL('../../contracts/examples/build/sdktest.wasm', import.meta.url))));
const analysis = analyzeUpload(WASM);
const enc = new TextEncoder();
const dec = new TextDecoder();
const vm = createRuntime();
const storage = new Map<string, Uint8Array>();
const store: Storage = {
  get: (k) => storage.get(dec.decode(k)),
  set: (k, v) => void storage.set(dec.decode(k), v.slice()),
  remove: (k) => void storage.delete(dec.decode(k)),
};
const env = envV1({ block: { height: 1n, timeNs: 1n, chainId: 'test-1' }, contractAddress: 'secret1test', codeHash: analysis.codeHash, transaction: null });

function rawQuery(msg: string): { ok: true; text: string } | { ok: false; error: string } {
  const r = vm.call({ codeHash: analysis.codeHash, wasm: WASM, apiVersion: 'v1', entry: 'query', env, msg: enc.encode(msg), gasLimit: 10n ** 10n, storage: store, readOnly: true });
  assert.ok(r.ok, r.ok ? '' : r.error.message);
  const q = parseQueryResult(r.result, 'v1');
  return q.ok ? { ok: true, text: dec.decode(q.value) } : { ok: false, error: q.error.message };
}
function q(msg: unknown): any {
  const r = rawQuery(JSON.stringify(msg));
  if (!r.ok) assert.fail(r.error);
  return JSON.parse(r.text);
}
function qErr(msg: string): string {
  const r = rawQuery(msg);
  assert.ok(!r.ok, `expected an error for ${msg}`);
  return r.error;
}

describe('sdk: hashes', () => {
  test('sha256 and ripemd160 match @scrtd/crypto across padding boundaries', () => {
    for (const n of [0, 1, 3, 31, 32, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      assert.deepEqual(q({ hash: { data: toBase64(data) } }), { sha256: toHex(sha256(data)), ripemd160: toHex(ripemd160(data)) }, `length ${n}`);
    }
  });
});

describe('sdk: base64', () => {
  test('round trips and strict decoding', () => {
    for (let n = 0; n < 12; n++) {
      const data = new Uint8Array(n).map((_, i) => (i * 97 + 13) & 0xff);
      assert.deepEqual(q({ base64: { text: toBase64(data) } }), { hex: toHex(data), again: toBase64(data) });
    }
    for (const bad of ['A', 'AB', 'ABC', 'AB=C', 'A===', 'QR==', 'QUJ=', '====', 'AB\u00e9=', 'YW Jj']) {
      assert.deepEqual(q({ base64: { text: bad } }), { hex: null, again: null }, bad);
    }
  });
});

describe('sdk: u128', () => {
  const MAX = 2n ** 128n - 1n;
  const cases: [bigint, bigint][] = [[0n, 0n], [1n, 2n], [10n ** 19n, 10n ** 19n - 1n], [2n ** 64n, 1n], [MAX, 1n], [MAX, MAX], [2n ** 64n - 1n, 2n ** 64n - 1n], [123456789012345678901234567890n, 98765432109876543210n]];
  test('add / sub / cmp / decimal / big-endian', () => {
    for (const [a, b] of cases) {
      const r = q({ u128: { a: a.toString(), b: b.toString() } });
      assert.deepEqual(r, {
        sum: a + b <= MAX ? (a + b).toString() : null,
        diff: a >= b ? (a - b).toString() : null,
        cmp: a < b ? -1 : a > b ? 1 : 0,
        a_be: a === 0n ? '' : a.toString(16).padStart(Math.ceil(a.toString(16).length / 2) * 2, '0'),
        a_from_be: a.toString(),
      }, `${a} ${b}`);
    }
  });
  test('parsing rejects overflow, signs and non-digits', () => {
    assert.equal(q({ u128: { a: '007', b: '0' } }).sum, '7');
    for (const bad of [(MAX + 1n).toString(), '-1', '1.0', '', ' 1', '1e3', '0x10', '9'.repeat(40)]) {
      assert.match(qErr(JSON.stringify({ u128: { a: bad, b: '0' } })), /^Error parsing into type QueryMsg: invalid Uint128/, bad);
    }
    assert.match(qErr('{"u128":{"a":5,"b":"0"}}'), /invalid type for field `a`, expected a string containing a Uint128/);
  });
});

describe('sdk: json', () => {
  const echo = (value: unknown) => rawQuery(JSON.stringify({ echo: { value } }));
  test('re-serialisation matches JSON.stringify for strings with escapes and unicode', () => {
    const values: unknown[] = [
      'plain', '', 'quote " backslash \\ slash /', 'ctl \u0000\u0001\u001f\b\f\n\r\t\u007f', 'é ü 中文 😀 \u2028',
      { a: [1, 2, { b: null, c: true, d: false }], 'k"e\\y': 'v', '': [] }, [], {}, [[[]]], 0, 18446744073709551615n.toString(),
    ];
    for (const v of values) {
      const r = echo(v);
      assert.ok(r.ok);
      const out = JSON.parse(r.text);
      assert.deepEqual(out.value, v);
      assert.equal(r.text.slice('{"value":'.length, r.text.indexOf(',"as_string"')), JSON.stringify(v), JSON.stringify(v));
    }
  });
  test('escaped input is decoded (\\u escapes, surrogate pairs)', () => {
    const r = rawQuery('{"echo":{"value":"\\u0041\\u00e9\\ud83d\\ude00\\/\\n"}}');
    assert.ok(r.ok);
    assert.equal(JSON.parse(r.text).as_string, 'Aé😀/\n');
    assert.equal(JSON.parse(r.text).value, 'Aé😀/\n');
  });
  test('integers: u64 range, strings and numbers; non-integers refused', () => {
    assert.deepEqual(JSON.parse((rawQuery('{"u64":{"n":18446744073709551615}}') as any).text.replace(/:(\d{16,})/, ':"$1"')), { n: '18446744073709551615', s: '18446744073709551615' });
    assert.deepEqual(q({ u64: { n: '42' } }), { n: 42, s: '42' });
    assert.deepEqual(q({ u64: { n: 0 } }), { n: 0, s: '0' });
    for (const bad of ['18446744073709551616', '-1', '1.5', '1e2', '"x"', 'null', '"01a"']) {
      assert.match(qErr(`{"u64":{"n":${bad}}}`), /invalid type for field `n`, expected an unsigned 64-bit integer/, bad);
    }
  });
  test('malformed documents are parse errors', () => {
    for (const bad of ['', '{', '{"a" 1}', '{"a":1,}', '[1 2]', '"unterminated', '{"a":tru}', '{"a":"\\x"}', '{"a":"\u0001"}', '{"echo":{}} x', '01', '-', '1.', '{"a":1}}']) {
      assert.match(qErr(bad), /^Error parsing into type QueryMsg: /, bad);
    }
    assert.match(qErr('{"a":1,"b":2}'), /expected an object with exactly one key/);
    const deep = '['.repeat(100) + ']'.repeat(100);
    assert.match(qErr(`{"echo":{"value":${deep}}}`), /recursion limit/);
  });
  test('whitespace is accepted; unit variants may be strings', () => {
    assert.equal(q(JSON.parse(' { "u64" : { "n" : 7 } } ')).n, 7);
    assert.equal(qErr('"fail"'), 'Generic error: failing on request');
  });
});

describe('sdk: storage codecs', () => {
  test('Item / KeyMap values round trip with compact encodings; empty strings are storable', () => {
    const r = vm.call({
      codeHash: analysis.codeHash, wasm: WASM, apiVersion: 'v1', entry: 'execute', env, info: infoV1({ sender: 'secret1x', funds: [] }),
      msg: enc.encode(JSON.stringify({ store: { flag: true, n: 258, s: '', big: (2n ** 100n).toString(), key: 'ключ' } })),
      gasLimit: 10n ** 10n, storage: store, readOnly: false,
    });
    assert.ok(r.ok);
    assert.ok(parseResponseV1(r.result).ok);
    assert.deepEqual([...storage.get('f')!], [1]);
    assert.deepEqual([...storage.get('n')!], [1, 2]);
    assert.deepEqual([...storage.get('s')!], [0xff]);
    assert.equal(storage.get('b')!.length, 13);
    assert.deepEqual([...storage.get('neg')!], [255, 255, 255, 255, 255, 255, 255, 251]);
    assert.deepEqual(q({ load: { key: 'ключ' } }), { flag: true, n: 258, s: '', big: (2n ** 100n).toString(), mapped: '', neg: -5, exists: true });
    assert.equal(q({ load: { key: 'other' } }).mapped, '<none>');
  });
});
