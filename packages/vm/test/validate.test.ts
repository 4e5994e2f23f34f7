import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { VmError, type VmErrorCode, analyzeCode } from '../src/index.js';
import { V010_EXPORTS, V010_IMPORTS, V1_EXPORTS, contract, wat } from './support.js';

const IBC = ['ibc_channel_open', 'ibc_channel_connect', 'ibc_channel_close', 'ibc_packet_receive', 'ibc_packet_ack', 'ibc_packet_timeout'];

async function rejects(code: VmErrorCode, wasm: Uint8Array | Promise<Uint8Array>, message: RegExp): Promise<void> {
  const bytes = await wasm;
  assert.throws(
    () => analyzeCode(bytes),
    (e: unknown) => {
      assert.ok(e instanceof VmError, `expected VmError, got ${String(e)}`);
      assert.equal(e.code, code, e.message);
      assert.match(e.message, message);
      return true;
    },
  );
}

describe('analyzeCode: accepted contracts', () => {
  it('accepts a minimal v1 contract with whitelisted imports', async () => {
    const wasm = await contract({ exports: [...V1_EXPORTS, 'migrate', 'reply', 'requires_random', 'requires_staking'] });
    const a = analyzeCode(wasm);
    assert.equal(a.apiVersion, 'v1');
    assert.deepEqual(a.entryPoints, ['instantiate', 'execute', 'query', 'migrate', 'reply']);
    assert.deepEqual(a.features, ['random', 'staking']);
    assert.equal(a.requiresRandom, true);
    assert.equal(a.ibc, false);
    assert.deepEqual(a.imports.slice(0, 3), ['db_read', 'db_write', 'db_remove']);
    assert.deepEqual(a.memory, { initialPages: 17 });
    assert.equal(a.size, wasm.length);
    assert.equal(a.codeHash, createHash('sha256').update(wasm).digest('hex'));
    assert.match(a.codeHash, /^[0-9a-f]{64}$/);
  });

  it('accepts a minimal v0.10 contract, including debug_print', async () => {
    const a = analyzeCode(await contract({ markers: ['cosmwasm_vm_version_3'], exports: [...V010_EXPORTS, 'migrate'], imports: V010_IMPORTS }));
    assert.equal(a.apiVersion, 'v0.10');
    assert.deepEqual(a.entryPoints, ['init', 'handle', 'query', 'migrate']);
    assert.deepEqual(a.features, []);
    assert.equal(a.requiresRandom, false);
    assert.ok(a.imports.includes('debug_print'));
  });

  it('accepts an IBC contract exporting all six entry points, and iterator imports', async () => {
    const a = analyzeCode(
      await contract({
        exports: [...V1_EXPORTS, ...IBC, 'requires_ibc3', 'requires_stargate'],
        imports: `(import "env" "db_scan" (func (param i32 i32 i32) (result i32)))
                  (import "env" "db_next" (func (param i32) (result i32)))`,
      }),
    );
    assert.equal(a.ibc, true);
    assert.deepEqual(a.entryPoints, ['instantiate', 'execute', 'query', ...IBC]);
    assert.deepEqual(a.features, ['ibc3', 'stargate']);
  });

  it('accepts 512 initial pages, integer-only code and bulk memory', async () => {
    const a = analyzeCode(
      await contract({
        memory: '(memory 512)',
        extra: `(func (param i64) (result i64) (i64.extend32_s (i64.mul (local.get 0) (i64.const 3))))
                (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 8)))`,
      }),
    );
    assert.equal(a.memory.initialPages, 512);
  });
});

describe('analyzeCode: API version', () => {
  it('rejects a module without a marker', () => rejects('unsupported_api', contract({ markers: [] }), /no API marker/));
  it('rejects both markers', () =>
    rejects('unsupported_api', contract({ markers: ['interface_version_8', 'cosmwasm_vm_version_3'] }), /both API markers/));
  for (const old of ['cosmwasm_api_0_6', 'cosmwasm_vm_version_1', 'cosmwasm_vm_version_2', 'cosmwasm_vm_version_4', 'interface_version_7']) {
    it(`rejects the marker ${old}`, () => rejects('unsupported_api', contract({ markers: [old] }), new RegExp(old)));
  }
  it('rejects an accepted marker combined with another generation', () =>
    rejects('unsupported_api', contract({ markers: ['interface_version_8', 'interface_version_7'] }), /interface_version_7/));
});

describe('analyzeCode: exports', () => {
  it('rejects a v1 contract without instantiate', () =>
    rejects('missing_export', contract({ exports: ['allocate', 'deallocate', 'execute'] }), /instantiate/));
  it('rejects a v1 contract without allocate/deallocate', () =>
    rejects('missing_export', contract({ exports: ['instantiate'] }), /allocate, deallocate/));
  it('rejects a v0.10 contract without handle', () =>
    rejects(
      'missing_export',
      contract({ markers: ['cosmwasm_vm_version_3'], imports: V010_IMPORTS, exports: ['allocate', 'deallocate', 'init', 'query'] }),
      /v0\.10 .*handle/,
    ));
  it('rejects a required export that is not a function', () =>
    rejects('missing_export', contract({ exports: ['allocate', 'deallocate'], extra: '(global (export "instantiate") i32 (i32.const 0))' }), /instantiate/));
  it('rejects partial IBC exports', () =>
    rejects('missing_export', contract({ exports: [...V1_EXPORTS, ...IBC.slice(0, 4)] }), /ibc_packet_ack, ibc_packet_timeout/));
  it('rejects requires_iterator', () => rejects('feature', contract({ exports: [...V1_EXPORTS, 'requires_iterator'] }), /"iterator"/));
  it('rejects requires_cosmwasm_1_1', () => rejects('feature', contract({ exports: [...V1_EXPORTS, 'requires_cosmwasm_1_1'] }), /cosmwasm_1_1/));
});

describe('analyzeCode: imports', () => {
  it('rejects imports from a module other than env', () =>
    rejects('forbidden_import', contract({ imports: '(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))' }), /"env"/));
  it('rejects a host function not on the whitelist', () =>
    rejects('forbidden_import', contract({ imports: '(import "env" "db_flush" (func))' }), /env\.db_flush is not an allowed/));
  it('rejects a v0.10-only import in a v1 contract', () =>
    rejects('forbidden_import', contract({ imports: '(import "env" "canonicalize_address" (func (param i32 i32) (result i32)))' }), /other API version/));
  it('rejects a v1-only import in a v0.10 contract', () =>
    rejects(
      'forbidden_import',
      contract({ markers: ['cosmwasm_vm_version_3'], exports: V010_EXPORTS, imports: '(import "env" "addr_validate" (func (param i32) (result i32)))' }),
      /addr_validate/,
    ));
  it('rejects debug_print in a v1 contract', () =>
    rejects('forbidden_import', contract({ imports: '(import "env" "debug_print" (func (param i32)))' }), /debug_print/));
  it('rejects env.abort with a hint', () =>
    rejects('forbidden_import', contract({ imports: '(import "env" "abort" (func (param i32 i32 i32 i32)))' }), /secret-cosmwasm-std/));
  it('rejects a wrong signature, naming the import', () =>
    rejects('import_signature', contract({ imports: '(import "env" "db_read" (func (param i32) (result i64)))' }), /env\.db_read .*expected \(i32\) -> \(i32\)/));
  it('rejects a wrong parameter count', () =>
    rejects('import_signature', contract({ imports: '(import "env" "db_write" (func (param i32)))' }), /env\.db_write/));
  it('rejects an imported global or table', () =>
    rejects('forbidden_import', contract({ imports: '(import "env" "g" (global i32))' }), /global/));
});

describe('analyzeCode: memory, start, floats, invalid code', () => {
  it('rejects a module without memory', () => rejects('memory', contract({ memory: '' }), /no memory/));
  it('rejects two memories', () => rejects('memory', contract({ memory: '(memory 1) (memory 1)' }), /2 memories/));
  it('rejects an imported memory', () => rejects('memory', contract({ memory: '(import "env" "memory" (memory 1))' }), /imports its memory/));
  it('rejects more than 512 initial pages', () => rejects('memory', contract({ memory: '(memory 513)' }), /513 pages/));
  it('rejects a declared maximum', () => rejects('memory', contract({ memory: '(memory 17 192)' }), /maximum/));
  it('rejects a start section', () => rejects('start_section', contract({ extra: '(func $s) (start $s)' }), /start/));
  it('rejects f32.add inside a function', () =>
    rejects('floating_point', contract({ extra: '(func (param f32 f32) (result f32) (f32.add (local.get 0) (local.get 1)))' }), /found floating point operation in module code \(f32\.add/));
  it('rejects a float constant', () =>
    rejects('floating_point', contract({ extra: '(func (drop (f64.const 3.14)))' }), /f64\.const/));
  it('rejects a float conversion hidden in integer code', () =>
    rejects('floating_point', contract({ extra: '(func (param i64) (result i32) (i32.trunc_sat_f64_u (f64.convert_i64_s (local.get 0))))' }), /f64\.convert_i64_s/));
  it('rejects a float global initializer', () =>
    rejects('floating_point', contract({ extra: '(global f32 (f32.const 1))' }), /global initializer/));
  it('rejects code that fails WebAssembly validation', () =>
    rejects('invalid_wasm', contract({ extra: '(func (result i32) (i64.const 1))' }), /WebAssembly validation/));
  it('rejects truncated and garbage bytes as invalid_wasm', async () => {
    const wasm = await contract();
    await rejects('invalid_wasm', wasm.subarray(0, wasm.length - 3), /invalid wasm/);
    await rejects('invalid_wasm', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), /magic/);
  });
  it('rejects an overlong LEB128 inside the module', async () => {
    // type section whose count is encoded in 6 bytes
    const bytes = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]);
    await rejects('invalid_wasm', bytes, /too long/);
  });
  it('rejects SIMD code as invalid_wasm', async () => {
    const wasm = await wat(`(module (memory 1) (func (export "interface_version_8"))
      (func (export "allocate") (param i32) (result i32) local.get 0)
      (func (export "deallocate") (param i32) (result i32) local.get 0)
      (func (export "instantiate") (param i32) (result i32) local.get 0)
      (func (drop (i32x4.splat (i32.const 1)))))`);
    await rejects('invalid_wasm', wasm, /unsupported or invalid opcode 0xfd/);
  });
});
