// The compiled-module cache: LRU in memory, instrumented code on disk (cold → disk-warm →
// memory-warm), integrity checks and fallback on corrupt files, and nested-call stack sharing.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  DEFAULT_MAX_CACHED_MODULES,
  DiskModuleCache,
  INSTRUMENT_VERSION,
  NESTED_CALL_STACK_UNITS,
  codeHash,
  createRuntime,
  instrument,
  type CallRequest,
  type CallResult,
  type RuntimeOptions,
  type Storage,
} from '../src/index.js';
import { ALLOCATOR, wat } from './support.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const noStorage: Storage = { get: () => undefined, set: () => {}, remove: () => {} };

/** A v1 contract whose execute returns `tag` (through a static Region); distinct tags, distinct code hashes. */
function contractText(tag: string, extra = ''): string {
  const n = enc.encode(tag).length;
  const le = (v: number) => [0, 8, 16, 24].map((s) => `\\${((v >>> s) & 0xff).toString(16).padStart(2, '0')}`).join('');
  return `(module
  (import "env" "query_chain" (func $query_chain (param i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 0x100) "${le(0x200)}${le(n)}${le(n)}")
  (data (i32.const 0x200) "${tag}")
  (func (export "interface_version_8"))
  ${ALLOCATOR}
  (func (export "instantiate") (param i32 i32 i32) (result i32) i32.const 0x100)
  (func (export "execute") (param i32 i32 i32) (result i32) i32.const 0x100)
  ${extra}
)`;
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'scrtd-vm-cache-'));
  dirs.push(d);
  return d;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const request = (hash: string, wasm?: Uint8Array, over: Partial<CallRequest> = {}): CallRequest => ({
  codeHash: hash,
  wasm,
  apiVersion: 'v1',
  entry: 'execute',
  env: '{}',
  info: '{}',
  msg: enc.encode('{}'),
  gasLimit: 1_000_000n,
  storage: noStorage,
  readOnly: false,
  ...over,
});
const text = (r: CallResult): string => {
  assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
  return dec.decode(r.result);
};

describe('module cache: disk', async () => {
  const wasm = await wat(contractText('alpha'));
  const hash = codeHash(wasm);

  it('cold, then disk-warm after a restart, then memory-warm', () => {
    const dir = tempDir();
    const first = createRuntime({ cacheDir: dir });
    const cold = first.call(request(hash, wasm));
    assert.equal(text(cold), 'alpha');
    assert.deepEqual([first.compilations, first.diskHits], [1, 0]);
    const files = readdirSync(dir);
    assert.equal(files.length, 1, 'one file, no temporary left behind');
    assert.ok(files[0]!.startsWith(`${hash}.i${INSTRUMENT_VERSION}.`));

    // "Restart": a new runtime on the same directory; the code hash alone is enough.
    const second = createRuntime({ cacheDir: dir });
    assert.equal(second.has(hash), false);
    const warm = second.call(request(hash));
    assert.equal(text(warm), 'alpha');
    assert.equal(warm.gasUsed, cold.gasUsed);
    assert.deepEqual([second.compilations, second.diskHits], [0, 1]);
    // Now in memory: neither counter moves.
    second.call(request(hash, wasm));
    second.call(request(hash));
    assert.deepEqual([second.compilations, second.diskHits], [0, 1]);
    assert.equal(second.warm(hash), 'memory');
  });

  it('warm() reports where the module came from', () => {
    const dir = tempDir();
    const a = createRuntime({ cacheDir: dir });
    assert.equal(a.warm(hash), undefined, 'nowhere, no wasm');
    assert.equal(a.warm(hash.toUpperCase(), wasm), 'compiled');
    assert.equal(a.warm(hash), 'memory');
    a.evict(hash);
    assert.equal(a.warm(hash), 'disk');
    assert.throws(() => a.warm('00'.repeat(32), wasm), (e: unknown) => (e as { code?: string }).code === 'missing_code');
    assert.deepEqual([a.compilations, a.diskHits], [1, 1]);
  });

  it('a module evicted from memory comes back from disk, not from instrumentation', () => {
    const dir = tempDir();
    const other = contractText('beta');
    return wat(other).then((wasm2) => {
      const vm = createRuntime({ cacheDir: dir, maxCachedModules: 1 });
      vm.call(request(hash, wasm));
      vm.call(request(codeHash(wasm2), wasm2)); // evicts alpha from memory
      assert.equal(vm.has(hash), false);
      assert.equal(text(vm.call(request(hash))), 'alpha');
      assert.deepEqual([vm.compilations, vm.diskHits, vm.evictions], [2, 1, 2]);
    });
  });

  it('files are per instrumentation options', () => {
    const dir = tempDir();
    createRuntime({ cacheDir: dir }).call(request(hash, wasm));
    const small: RuntimeOptions = { cacheDir: dir, instrument: { maxStackUnits: 1000 } };
    const vm = createRuntime(small);
    assert.equal(vm.warm(hash), undefined, 'a file made with other options is not used');
    assert.equal(vm.warm(hash, wasm), 'compiled');
    assert.equal(readdirSync(dir).length, 2);
    assert.equal(createRuntime(small).warm(hash), 'disk');
  });

  describe('corrupt or stale files fall back to instrumenting', () => {
    const damage: [string, (file: Uint8Array, path: string) => void][] = [
      ['a flipped byte in the wasm', (f, p) => { f[f.length - 10]! ^= 0x01; writeFileSync(p, f); }],
      ['a truncated file', (f, p) => writeFileSync(p, f.subarray(0, f.length - 100))],
      ['a truncated header', (f, p) => writeFileSync(p, f.subarray(0, 20))],
      ['an empty file', (_f, p) => writeFileSync(p, new Uint8Array(0))],
      ['garbage', (_f, p) => writeFileSync(p, enc.encode('not a cache file at all, but long enough'))],
      ['another format version', (f, p) => { f[8] = 99; writeFileSync(p, f); }],
      ['a header for another instrumentation version', (f, p) => writeFileSync(p, Buffer.from(Buffer.from(f).toString('latin1').replace(`"instrumentVersion":${INSTRUMENT_VERSION}`, `"instrumentVersion":${INSTRUMENT_VERSION + 1}`), 'latin1'))],
      ['a header naming another code hash', (f, p) => writeFileSync(p, Buffer.from(Buffer.from(f).toString('latin1').replace(hash, 'ff'.repeat(32)), 'latin1'))],
    ];
    for (const [label, corrupt] of damage) {
      it(label, () => {
        const dir = tempDir();
        const first = createRuntime({ cacheDir: dir });
        const cold = first.call(request(hash, wasm));
        const path = join(dir, readdirSync(dir)[0]!);
        corrupt(new Uint8Array(readFileSync(path)), path);

        // Without the wasm, the damaged file is not trusted: the code is simply missing.
        const blind = createRuntime({ cacheDir: dir });
        const miss = blind.call(request(hash));
        assert.ok(!miss.ok && miss.error.code === 'missing_code');
        assert.equal(blind.diskHits, 0);

        const vm = createRuntime({ cacheDir: dir });
        const r = vm.call(request(hash, wasm));
        assert.equal(text(r), 'alpha');
        assert.equal(r.gasUsed, cold.gasUsed);
        assert.deepEqual([vm.compilations, vm.diskHits], [1, 0]);
        // The file was rewritten and is good again.
        const again = createRuntime({ cacheDir: dir });
        assert.equal(again.warm(hash), 'disk');
        assert.deepEqual(readdirSync(dir), [path.slice(dir.length + 1)]);
      });
    }

    it('a file whose checksum matches but whose wasm V8 rejects', () => {
      const dir = tempDir();
      const disk = new DiskModuleCache(dir, JSON.stringify({ maxStackUnits: 32768, maxMemoryPages: 192, mergeCharges: true }));
      // Same key as a default runtime uses (checked by the first assertion).
      createRuntime({ cacheDir: dir }).warm(hash, wasm);
      assert.ok(disk.load(hash), 'the test builds the runtime key correctly');
      disk.store(hash, { wasm: enc.encode('\0asm garbage'), functions: new Map([['execute', 'i32,i32,i32->i32']]) });
      const vm = createRuntime({ cacheDir: dir });
      assert.equal(vm.warm(hash), undefined);
      assert.equal(vm.warm(hash, wasm), 'compiled');
      assert.equal(createRuntime({ cacheDir: dir }).warm(hash), 'disk');
    });
  });

  it('DiskModuleCache round-trips and removes', () => {
    const dir = tempDir();
    const disk = new DiskModuleCache(join(dir, 'nested', 'dir'), 'opts');
    const code = { wasm: instrument(wasm).wasm, functions: new Map([['execute', 'i32,i32,i32->i32']]) };
    assert.equal(disk.load(hash), undefined);
    assert.equal(disk.store(hash, code), true);
    const back = disk.load(hash)!;
    assert.deepEqual(back.wasm, code.wasm);
    assert.deepEqual([...back.functions], [...code.functions]);
    assert.equal(new DiskModuleCache(join(dir, 'nested', 'dir'), 'other opts').load(hash), undefined);
    disk.remove(hash);
    assert.equal(existsSync(disk.path(hash)), false);
  });
});

describe('module cache: memory', async () => {
  const wasms = await Promise.all(['a', 'b', 'c', 'd'].map((t) => wat(contractText(t))));
  const hashes = wasms.map((w) => codeHash(w));

  it('evicts the least recently used module first', () => {
    const vm = createRuntime({ maxCachedModules: 2 });
    vm.call(request(hashes[0]!, wasms[0]));
    vm.call(request(hashes[1]!, wasms[1]));
    assert.deepEqual(vm.cached(), [hashes[0], hashes[1]]);
    vm.call(request(hashes[0]!)); // a is now the most recent
    assert.deepEqual(vm.cached(), [hashes[1], hashes[0]]);
    vm.call(request(hashes[2]!, wasms[2])); // evicts b
    assert.deepEqual(vm.cached(), [hashes[0], hashes[2]]);
    assert.equal(vm.evictions, 1);
    const gone = vm.call(request(hashes[1]!));
    assert.ok(!gone.ok && gone.error.code === 'missing_code', 'no disk cache: an evicted module needs its wasm again');
    assert.equal(text(vm.call(request(hashes[1]!, wasms[1]))), 'b');
    assert.equal(vm.compilations, 4);
    assert.deepEqual(vm.cached(), [hashes[2], hashes[1]]);
  });

  it('has() does not refresh recency; evict() drops; the default bound', () => {
    const vm = createRuntime({ maxCachedModules: 2 });
    vm.compile(wasms[0]!);
    vm.compile(wasms[1]!);
    assert.ok(vm.has(hashes[0]!.toUpperCase()));
    vm.compile(wasms[2]!);
    assert.deepEqual(vm.cached(), [hashes[1], hashes[2]]);
    vm.evict(hashes[1]!);
    assert.deepEqual(vm.cached(), [hashes[2]]);
    assert.equal(DEFAULT_MAX_CACHED_MODULES, 64);
    assert.throws(() => createRuntime({ maxCachedModules: 0 }), RangeError);
  });
});

describe('nested calls share the stack budget', async () => {
  // execute: query_chain → the querier runs another contract's execute inside this host call.
  // "rec" recurses until the stack budget runs out, recording its depth in an exported global.
  const inner = await wat(contractText('inner', `
    (global $d (export "depth") (mut i32) (i32.const 0))
    (func $rec (param i32) (result i32) local.get 0 global.set $d local.get 0 i32.const 1 i32.add call $rec)
    (func (export "query") (param i32 i32) (result i32) i32.const 0 call $rec)`));
  const outer = await wat(contractText('outer', `
    (func $down (param i32) (result i32)
      local.get 0
      if (result i32) local.get 0 i32.const 1 i32.sub call $down else i32.const 0x100 call $query_chain end)
    (func (export "query") (param i32 i32) (result i32) i32.const 200 call $down drop i32.const 0x100)`));

  it('an inner call gets the outer call\'s remaining budget minus the host reserve', () => {
    const vm = createRuntime();
    const alone = vm.call(request(codeHash(inner), inner, { entry: 'query', readOnly: true }));
    assert.ok(!alone.ok && alone.error.code === 'stack_overflow');
    let nested: CallResult | undefined;
    const r = vm.call(request(codeHash(outer), outer, {
      entry: 'query',
      readOnly: true,
      querier: () => {
        nested = vm.call(request(codeHash(inner), inner, { entry: 'query', readOnly: true }));
        return enc.encode('{"ok":{"ok":""}}');
      },
    }));
    assert.equal(text(r), 'outer');
    assert.ok(nested && !nested.ok && nested.error.code === 'stack_overflow');
    // Fewer inner frames fit: 201 frames of $down plus the query frame, plus the reserve, were taken.
    assert.ok(nested.gasUsed < alone.gasUsed, `${nested.gasUsed} < ${alone.gasUsed}`);
    assert.ok(NESTED_CALL_STACK_UNITS > 0);
    // And a later top-level call has the whole budget again.
    const again = vm.call(request(codeHash(inner), inner, { entry: 'query', readOnly: true }));
    assert.equal(again.gasUsed, alone.gasUsed);
  });
});
