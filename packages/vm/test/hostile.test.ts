// Hostile-module corpus: contracts written to hurt the node. Each must end in a clear,
// deterministic failure through the public API — at upload (analyzeUpload) or at run time
// (vm.call) — never a hang, a host exception or an outcome that depends on the machine.
// (Cases already covered elsewhere: db_write in a query, a null/out-of-memory result pointer and
// db_scan in runtime.test.ts; most upload rejections one by one in validate.test.ts.)
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_RESULT_SIZE,
  GAS_PER_MEMORY_PAGE,
  VmError,
  analyzeUpload,
  codeHash,
  createRuntime,
  type CallRequest,
  type CallResult,
  type Vm,
  type VmErrorCode,
  type VmRuntimeErrorCode,
} from '../src/index.js';
import { wat } from './support.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const le32 = (n: number) => [0, 8, 16, 24].map((s) => `\\${((n >>> s) & 0xff).toString(16).padStart(2, '0')}`).join('');

interface Shape {
  /** Body of execute (params $env $info $msg, result i32); default returns the OK region. */
  execute?: string;
  /** Body of allocate (param $size, result i32); default: a bump allocator. */
  allocate?: string;
  memory?: string;
  imports?: string;
  extra?: string;
  markers?: string[];
}

const BUMP = `global.get $heap local.set $r
    local.get $r local.get $r i32.const 12 i32.add i32.store
    local.get $r local.get $size i32.store offset=4
    local.get $r i32.const 0 i32.store offset=8
    local.get $r local.get $size i32.add i32.const 19 i32.add i32.const -8 i32.and global.set $heap
    local.get $r`;

/** A v1 contract; execute's default result is the Region at 0x100 pointing at "ok". */
function contractText(s: Shape = {}): string {
  return `(module
  ${s.imports ?? ''}
  ${s.memory ?? '(memory (export "memory") 17)'}
  (data (i32.const 0x100) "${le32(0x200)}${le32(2)}${le32(2)}")
  (data (i32.const 0x200) "ok")
  (global $heap (mut i32) (i32.const 0x1000))
  ${(s.markers ?? ['interface_version_8']).map((m) => `(func (export "${m}"))`).join(' ')}
  (func $allocate (export "allocate") (param $size i32) (result i32) (local $r i32)
    ${s.allocate ?? BUMP})
  (func (export "deallocate") (param i32))
  (func (export "instantiate") (param i32 i32 i32) (result i32) i32.const 0x100)
  (func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32)
    ${s.execute ?? 'i32.const 0x100'})
  ${s.extra ?? ''}
)`;
}

/** Compiles, passes the upload checks (the corpus is about code the chain would accept), returns the wasm. */
async function uploadable(s: Shape): Promise<Uint8Array> {
  const wasm = await wat(contractText(s));
  analyzeUpload(wasm);
  return wasm;
}

function call(vm: Vm, wasm: Uint8Array, over: Partial<CallRequest> = {}): CallResult {
  return vm.call({
    codeHash: codeHash(wasm),
    wasm,
    apiVersion: 'v1',
    entry: 'execute',
    env: '{}',
    info: '{}',
    msg: enc.encode('{}'),
    gasLimit: 10_000_000n,
    storage: { get: () => undefined, set: () => {}, remove: () => {} },
    readOnly: false,
    ...over,
  });
}

function fails(r: CallResult, code: VmRuntimeErrorCode, message?: RegExp): bigint {
  assert.ok(!r.ok, `expected ${code}, got success`);
  assert.equal(r.error.code, code, r.error.message);
  if (message) assert.match(r.error.message, message);
  return r.gasUsed;
}

/** Runs on three fresh runtimes: same error, same gas every time. */
function sameOnThreeRuns(wasm: Uint8Array, code: VmRuntimeErrorCode, over: Partial<CallRequest> = {}): bigint {
  const used = [0, 1, 2].map(() => fails(call(createRuntime(), wasm, over), code));
  assert.deepEqual(used, [used[0], used[0], used[0]]);
  return used[0]!;
}

async function rejected(text: string | Uint8Array, code: VmErrorCode, message?: RegExp): Promise<void> {
  const wasm = typeof text === 'string' ? await wat(text) : text;
  assert.throws(
    () => analyzeUpload(wasm),
    (e: unknown) => e instanceof VmError && e.code === code && (!message || message.test(e.message)),
  );
}

describe('hostile: gas and stack', () => {
  it('an infinite loop ends out of gas with gasUsed = limit', async () => {
    const wasm = await uploadable({ execute: 'loop br 0 end unreachable' });
    const vm = createRuntime();
    for (const limit of [0n, 1n, 1_000_000n, 1_234_567n, 12_345_677n]) {
      assert.equal(fails(call(vm, wasm, { gasLimit: limit }), 'out_of_gas'), limit);
    }
  });

  it('an infinite loop in allocate (before execute runs) ends out of gas', async () => {
    const wasm = await uploadable({ allocate: 'loop br 0 end unreachable' });
    assert.equal(fails(call(createRuntime(), wasm, { gasLimit: 500_000n }), 'out_of_gas'), 500_000n);
  });

  it('unbounded recursion ends in stack_overflow with the same gas on 3 runs', async () => {
    const wasm = await uploadable({ execute: 'call $rec', extra: '(func $rec (result i32) call $rec)' });
    const used = sameOnThreeRuns(wasm, 'stack_overflow', { gasLimit: 1_000_000_000n });
    assert.ok(used > 0n && used < 1_000_000_000n);
  });

  for (const [label, locals] of [
    ['1 000 i64 locals', Array(1000).fill('i64').join(' ')],
    ['20 000 i32 locals', Array(20000).fill('i32').join(' ')],
    ['a mix of 3 000 locals of every integer type', Array(1500).fill('i32 i64').join(' ')],
  ] as const) {
    it(`deep recursion with ${label} ends in stack_overflow, identically`, async () => {
      const wasm = await uploadable({
        execute: 'i32.const 0 call $rec',
        extra: `(func $rec (param i32) (result i32) (local ${locals}) local.get 0 i32.const 1 i32.add call $rec)`,
      });
      sameOnThreeRuns(wasm, 'stack_overflow', { gasLimit: 1_000_000_000n });
    });
  }

  it('recursion that piles 2 000 operands on the stack before each call ends in stack_overflow, identically', async () => {
    const wasm = await uploadable({
      execute: 'call $rec',
      extra: `(func $rec (result i32) ${'i32.const 1 '.repeat(2000)} call $rec ${'i32.add '.repeat(2000)})`,
    });
    sameOnThreeRuns(wasm, 'stack_overflow', { gasLimit: 1_000_000_000n });
  });

  it('mutual recursion of a huge frame and a tiny one, and recursion through a table', async () => {
    const mutual = await uploadable({
      execute: 'call $a',
      extra: `(func $a (result i32) (local ${Array(3000).fill('i64').join(' ')}) call $b)
        (func $b (result i32) call $a)`,
    });
    sameOnThreeRuns(mutual, 'stack_overflow', { gasLimit: 1_000_000_000n });
    const indirect = await uploadable({
      execute: 'i32.const 0 call_indirect (type $t)',
      extra: `(type $t (func (result i32))) (table 1 funcref) (elem (i32.const 0) $r)
        (func $r (type $t) i32.const 0 call_indirect (type $t))`,
    });
    sameOnThreeRuns(indirect, 'stack_overflow', { gasLimit: 1_000_000_000n });
  });

  it('recursion in allocate is a stack overflow too', async () => {
    const wasm = await uploadable({ allocate: 'local.get $size call $allocate' });
    sameOnThreeRuns(wasm, 'stack_overflow', { gasLimit: 1_000_000_000n });
  });

  it('running out of gas inside a deep recursion is out_of_gas, not a stack overflow', async () => {
    const wasm = await uploadable({ execute: 'call $rec', extra: '(func $rec (result i32) call $rec)' });
    assert.equal(fails(call(createRuntime(), wasm, { gasLimit: 3_000n }), 'out_of_gas'), 3_000n);
  });
});

describe('hostile: memory', () => {
  it('memory.grow past 192 pages returns -1; a contract that then traps panics', async () => {
    const wasm = await uploadable({
      execute: `local.get $msg i32.load i32.load8_u
        i32.const 0x67 ;; g: grow to exactly 192 pages, then write the last byte
        i32.eq
        if
          i32.const 175 memory.grow i32.const 17 i32.ne if unreachable end
          i32.const 12582911 i32.const 1 i32.store8
          i32.const 0x100 return
        end
        i32.const 176 memory.grow i32.const -1 i32.eq if unreachable end
        i32.const 0x100`,
    });
    const vm = createRuntime();
    const ok = call(vm, wasm, { msg: enc.encode('g'), gasLimit: 10_000_000n });
    assert.ok(ok.ok, ok.ok ? '' : ok.error.message);
    assert.ok(ok.gasUsed > 175n * BigInt(GAS_PER_MEMORY_PAGE));
    const used = fails(call(vm, wasm, { msg: enc.encode('x'), gasLimit: 10_000_000n }), 'panic', /panicked/);
    assert.ok(used > 176n * BigInt(GAS_PER_MEMORY_PAGE), 'the failed grow is charged');
    // Writing past the cap traps even after growing to it.
    const past = await uploadable({ execute: 'i32.const 175 memory.grow drop i32.const 12582912 i32.const 1 i32.store8 i32.const 0x100' });
    fails(call(vm, past), 'panic');
  });

  it('memory.grow by 2^32 - 1 pages runs out of gas (8 192 gas per page requested)', async () => {
    const wasm = await uploadable({ execute: 'i32.const -1 memory.grow drop i32.const 0x100' });
    assert.equal(fails(call(createRuntime(), wasm, { gasLimit: 10_000_000_000n }), 'out_of_gas'), 10_000_000_000n);
  });

  it('initial memory above 192 pages passes upload and fails at instantiate; above 512 fails at upload', async () => {
    const wasm = await uploadable({ memory: '(memory (export "memory") 193)' });
    for (let i = 0; i < 2; i++) fails(call(createRuntime(), wasm), 'instantiate', /193 pages exceeds the run-time limit of 192 pages/);
    // The failure is remembered: later calls do not instrument the code again.
    const vm = createRuntime();
    const first = call(vm, wasm);
    const second = call(vm, wasm);
    assert.ok(!first.ok && !second.ok && second.error === first.error);
    assert.equal(vm.compilations, 0);
    assert.ok(await uploadable({ memory: '(memory (export "memory") 512)' }));
    await rejected(contractText({ memory: '(memory (export "memory") 513)' }), 'memory', /513 pages/);
  });

  it('data beyond 2 MiB is refused at upload; data beyond the memory fails at instantiate', async () => {
    const big = await wat(contractText({ memory: '(memory (export "memory") 64)', extra: `(data (i32.const 0x10000) "${'\\aa'.repeat(2 * 1024 * 1024)}")` }));
    assert.ok(big.length > 2 * 1024 * 1024);
    await rejected(big, 'too_large');
    // Gzipped it fits the upload limit, but decompressed it is still over max_contract_size.
    const gz = gzipSync(big);
    assert.ok(gz.length < 2 * 1024 * 1024);
    await rejected(gz, 'too_large');

    // 1.5 MiB of data into 17 pages (1.06 MiB): accepted at upload (as on Secret), fails at instantiate.
    const overflow = await uploadable({ extra: `(data (i32.const 0) "${'\\01'.repeat(1536 * 1024)}")` });
    fails(call(createRuntime(), overflow), 'instantiate', /out of bounds|data segment/i);
    // A segment placed past 192 pages.
    const far = await uploadable({ memory: '(memory (export "memory") 192)', extra: '(data (i32.const 0x0c000000) "x")' });
    fails(call(createRuntime(), far), 'instantiate');
  });
});

describe('hostile: upload checks through analyzeUpload', () => {
  it('floating point anywhere is refused', async () => {
    await rejected(contractText({ extra: '(func (param i32) (result i32) local.get 0 f32.convert_i32_s i32.trunc_sat_f32_s)' }), 'floating_point');
    await rejected(contractText({ extra: '(global f64 (f64.const 1.5))' }), 'floating_point');
    await rejected(contractText({ extra: '(func (result i64) i64.const 1 f64.reinterpret_i64 i64.reinterpret_f64)' }), 'floating_point');
  });

  it('missing required exports and extra markers are refused', async () => {
    const noInstantiate = contractText().replace('(func (export "instantiate")', '(func');
    await rejected(noInstantiate, 'missing_export', /instantiate/);
    const noAllocate = contractText().replace('(func $allocate (export "allocate")', '(func $allocate');
    await rejected(noAllocate, 'missing_export', /allocate/);
    await rejected(contractText({ markers: ['interface_version_8', 'cosmwasm_vm_version_3'] }), 'unsupported_api');
    await rejected(contractText({ markers: ['interface_version_8', 'interface_version_9'] }), 'unsupported_api');
    await rejected(contractText({ markers: [] }), 'unsupported_api');
  });

  it('non-whitelisted imports and wrong signatures are refused; bypassing upload fails at instantiate', async () => {
    const abort = contractText({ imports: '(import "env" "abort" (func (param i32 i32 i32 i32)))' });
    await rejected(abort, 'forbidden_import', /abort/);
    await rejected(contractText({ imports: '(import "env" "db_read" (func (param i64) (result i32)))' }), 'import_signature', /db_read/);
    await rejected(contractText({ imports: '(import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32 i32 i32) (result i32)))' }), 'forbidden_import');
    // Code that never went through upload: the runtime links only the §7.4 imports, with their signatures.
    fails(call(createRuntime(), await wat(abort)), 'instantiate', /env\.abort is not a host function/);
    const wrong = contractText({ imports: '(import "env" "db_read" (func $r (param i64) (result i32)))', execute: 'i64.const 0x100 call $r' });
    fails(call(createRuntime(), await wat(wrong)), 'instantiate', /env\.db_read does not have the signature \(i32\) -> \(i32\)/);
  });

  it('a start section is refused; bypassing upload, it cannot run (no gas before the call)', async () => {
    const text = contractText({ extra: '(func $spin loop br 0 end) (start $spin)' });
    await rejected(text, 'start_section');
    // At instantiation the gas counter is still 0: the start function's first charge fails at once.
    for (let i = 0; i < 2; i++) fails(call(createRuntime(), await wat(text)), 'instantiate');
  });

  it('an entry point with the wrong signature or a missing one is missing_entry', async () => {
    const wrong = await uploadable({ extra: '' });
    fails(call(createRuntime(), wrong, { entry: 'migrate' }), 'missing_entry', /migrate/);
    const sig = await wat(contractText().replace('(func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32)', '(func (export "execute") (param $env i32) (param $info i32) (param $msg i64) (result i32)'));
    fails(call(createRuntime(), sig), 'missing_entry', /signature/);
  });
});

describe('hostile: regions', () => {
  it('a result larger than the result cap is a region error, not a 5 MiB copy', async () => {
    const n = DEFAULT_MAX_RESULT_SIZE + 1;
    const wasm = await uploadable({
      memory: '(memory (export "memory") 100)',
      extra: `(data (i32.const 0x300) "${le32(0x10000)}${le32(n)}${le32(n)}")`,
      execute: 'i32.const 0x300',
    });
    fails(call(createRuntime(), wasm), 'region', /exceeds the limit/);
    // The cap is configurable.
    const small = await uploadable({ execute: 'i32.const 0x100' });
    fails(call(createRuntime({ maxResultSize: 1 }), small), 'region', /exceeds the limit of 1 bytes/);
  });

  for (const [label, header, message] of [
    ['length above capacity', `${le32(0x200)}${le32(2)}${le32(3)}`, /exceeds its capacity/],
    ['capacity past the end of memory', `${le32(0x200)}${le32(0xffff_fff0)}${le32(2)}`, /outside memory/],
    ['a null data offset', `${le32(0)}${le32(2)}${le32(2)}`, /offset is null/],
  ] as const) {
    it(`a result Region with ${label} is a region error`, async () => {
      const wasm = await uploadable({ extra: `(data (i32.const 0x300) "${header}")`, execute: 'i32.const 0x300' });
      fails(call(createRuntime(), wasm), 'region', message);
    });
  }

  it('a result pointer at the very end of memory, or negative as i32, is a region error', async () => {
    for (const ptr of [17 * 65536 - 4, -1, 0]) {
      const wasm = await uploadable({ execute: `i32.const ${ptr}` });
      fails(call(createRuntime(), wasm), 'region');
    }
  });

  it('allocate returning a bogus Region is a region error before execute runs', async () => {
    for (const body of ['i32.const 0', 'i32.const -8', 'i32.const 0x300']) {
      const wasm = await uploadable({ allocate: body, extra: `(data (i32.const 0x300) "${le32(0x400)}${le32(0)}${le32(0)}")` });
      fails(call(createRuntime(), wasm), 'region');
    }
  });

  it('an ok result is the Region bytes (sanity check of the corpus builder)', async () => {
    const r = call(createRuntime(), await uploadable({}));
    assert.ok(r.ok);
    assert.equal(dec.decode(r.result), 'ok');
  });
});
