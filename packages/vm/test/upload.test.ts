import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DEFAULT_MAX_CONTRACT_SIZE, VmError, type VmErrorCode, analyzeUpload, codeHash, decodeUpload, isGzip } from '../src/index.js';
import { contract } from './support.js';

const isVm = (code: VmErrorCode, re: RegExp) => (e: unknown) => e instanceof VmError && e.code === code && re.test(e.message);

describe('decodeUpload', () => {
  it('passes raw wasm through', async () => {
    const wasm = await contract();
    const out = decodeUpload(wasm);
    assert.equal(out.gzipped, false);
    assert.equal(out.wasm, wasm);
  });

  it('round-trips gzip and hashes the decompressed code', async () => {
    const wasm = await contract();
    const gz = new Uint8Array(gzipSync(wasm));
    assert.ok(isGzip(gz));
    const out = decodeUpload(gz);
    assert.equal(out.gzipped, true);
    assert.deepEqual(out.wasm, wasm);
    assert.ok(!Buffer.isBuffer(out.wasm));
    const a = analyzeUpload(gz);
    assert.equal(a.codeHash, createHash('sha256').update(wasm).digest('hex'));
    assert.equal(a.codeHash, codeHash(wasm));
    assert.equal(a.apiVersion, 'v1');
    assert.equal(a.gzipped, true);
  });

  it('stops a gzip bomb at the limit', () => {
    const bomb = new Uint8Array(gzipSync(new Uint8Array(64 * 1024 * 1024))); // 64 MiB of zeros, ~64 KiB compressed
    assert.ok(bomb.length < DEFAULT_MAX_CONTRACT_SIZE);
    assert.throws(() => decodeUpload(bomb), isVm('too_large', /max_contract_size 2097152/));
  });

  it('accepts decompressed code exactly at the limit and rejects one byte more', () => {
    const limit = 4096;
    const exact = new Uint8Array(gzipSync(new Uint8Array(limit)));
    assert.equal(decodeUpload(exact, { maxSize: limit }).wasm.length, limit);
    const over = new Uint8Array(gzipSync(new Uint8Array(limit + 1)));
    assert.throws(() => decodeUpload(over, { maxSize: limit }), isVm('too_large', /4096/));
  });

  it('rejects oversize raw code and oversize uploads', () => {
    assert.throws(() => decodeUpload(new Uint8Array(DEFAULT_MAX_CONTRACT_SIZE + 1)), isVm('too_large', /limit/));
    assert.throws(() => decodeUpload(new Uint8Array(5000), { maxSize: 4096, maxUploadSize: 8192 }), isVm('too_large', /max_contract_size 4096/));
  });

  it('rejects empty input and corrupt gzip', () => {
    assert.throws(() => decodeUpload(new Uint8Array()), isVm('empty', /empty/));
    assert.throws(() => decodeUpload(new Uint8Array([0x1f, 0x8b, 0x08, 0, 1, 2, 3])), isVm('gzip', /decompress/));
    const gz = new Uint8Array(gzipSync(new Uint8Array([1, 2, 3])));
    gz[gz.length - 5] ^= 0xff; // break the CRC/size trailer
    assert.throws(() => decodeUpload(gz), isVm('gzip', /decompress/));
    assert.throws(() => decodeUpload(new Uint8Array(gzipSync(new Uint8Array()))), isVm('empty', /empty/));
  });

  it('rejects a gzip of garbage through analyzeUpload as invalid_wasm', () => {
    assert.throws(() => analyzeUpload(new Uint8Array(gzipSync(Buffer.from('not wasm at all')))), isVm('invalid_wasm', /magic/));
  });
});
