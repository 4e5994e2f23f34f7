import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_CALL_DEPTH,
  DEFAULT_MAX_STACK_SLOTS,
  GAS_PER_MEMORY_PAGE,
  INSTRUMENT_EXPORTS,
  VmError,
  instrument,
  readModule,
  type InstrumentOptions,
} from '../src/index.js';
import { V010_EXPORTS, V010_IMPORTS, V1_EXPORTS, contract, wat } from './support.js';

// lib ES2022 does not declare the WebAssembly namespace: a minimal typed view of what we use.
interface WasmGlobal {
  value: unknown;
}
interface WasmMemory {
  buffer: ArrayBuffer;
}
type Imports = Record<string, Record<string, unknown>>;
const WA = (
  globalThis as unknown as {
    WebAssembly: {
      validate(b: Uint8Array): boolean;
      instantiate(b: Uint8Array, i?: Imports): Promise<{ instance: { exports: Record<string, unknown> } }>;
      RuntimeError: new (...a: unknown[]) => Error;
    };
  }
).WebAssembly;

interface Run {
  exports: Record<string, unknown>;
  gas: WasmGlobal;
  exhausted: WasmGlobal;
  depth: WasmGlobal;
  stack: WasmGlobal;
  slots: WasmGlobal;
  call(name: string, ...args: number[]): unknown;
}

/** Compiles WAT, instruments it, instantiates it with `gas` wasm gas and stub imports. */
async function load(text: string, gas: bigint, opts?: InstrumentOptions, imports: Imports = {}): Promise<Run> {
  const { wasm } = instrument(await wat(text), opts);
  assert.ok(WA.validate(wasm), 'instrumented module must validate');
  const { instance } = await WA.instantiate(wasm, imports);
  const ex = instance.exports as Record<string, unknown>;
  const g = (n: string): WasmGlobal => ex[n] as WasmGlobal;
  const run: Run = {
    exports: ex,
    gas: g(INSTRUMENT_EXPORTS.gasLeft),
    exhausted: g(INSTRUMENT_EXPORTS.gasExhausted),
    depth: g(INSTRUMENT_EXPORTS.callDepth),
    stack: g(INSTRUMENT_EXPORTS.stackExhausted),
    slots: g(INSTRUMENT_EXPORTS.stackSlots),
    call: (name, ...args) => (ex[name] as (...a: number[]) => unknown)(...args),
  };
  run.gas.value = gas;
  return run;
}

/** Gas used by one call of `name` on a fresh instance. */
async function used(text: string, name: string, ...args: number[]): Promise<bigint> {
  const r = await load(text, 1_000_000_000n);
  r.call(name, ...args);
  assert.equal(r.exhausted.value, 0);
  assert.equal(r.depth.value, 0, 'call depth must return to 0');
  assert.equal(r.slots.value, 0, 'stack slots must return to 0');
  return 1_000_000_000n - (r.gas.value as bigint);
}

const LOOP = `(module
  (func (export "loop") (param $n i32) (local $i i32)
    block
      loop
        local.get $i
        local.get $n
        i32.ge_u
        br_if 1
        local.get $i
        i32.const 1
        i32.add
        local.set $i
        br 0
      end
    end))`;

describe('instrument: gas', () => {
  it('charges 2 per instruction of a straight-line body, up front', async () => {
    const text = '(module (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add))';
    assert.equal(await used(text, 'f', 5), 6n);
    const r = await load(text, 6n);
    assert.equal(r.call('f', 41), 42);
    assert.equal(r.gas.value, 0n);
  });

  it('charges every loop iteration: 4 + 18 × (n + 1)', async () => {
    for (const n of [0, 1, 10, 1000]) assert.equal(await used(LOOP, 'loop', n), BigInt(4 + 18 * (n + 1)), `n = ${n}`);
  });

  it('charges an if arm or else arm only when taken', async () => {
    const text = `(module (func (export "b") (param i32) (result i32)
      local.get 0
      if (result i32) i32.const 10 i32.const 1 i32.add else i32.const 20 end))`;
    assert.equal(await used(text, 'b', 1), 4n + 6n);
    assert.equal(await used(text, 'b', 0), 4n + 2n);
    const noElse = '(module (func (export "b") (param i32) local.get 0 if nop nop nop end))';
    assert.equal(await used(noElse, 'b', 1), 4n + 6n);
    assert.equal(await used(noElse, 'b', 0), 4n);
  });

  it('counts a nested block as one instruction and ignores end/else', async () => {
    const text = '(module (func (export "f") block block nop end nop end))';
    // body: block (2); outer block body: block nop (4); inner: nop (2)
    assert.equal(await used(text, 'f'), 8n);
  });

  it('handles blocks and loops with parameters (multi-value block types)', async () => {
    const text = `(module (func (export "f") (param i32) (result i32)
      local.get 0
      block (param i32) (result i32) i32.const 1 i32.add end
      loop (param i32) (result i32) i32.const 2 i32.mul end))`;
    const r = await load(text, 100n);
    assert.equal(r.call('f', 4), 10);
    // body: local.get block loop (6); block body: 2 (4); loop body: 2 (4)
    assert.equal(r.gas.value, 100n - 14n);
  });

  it('is deterministic: same input, same bytes', async () => {
    const wasm = await wat(LOOP);
    assert.deepEqual(instrument(wasm).wasm, instrument(wasm).wasm);
  });

  it('charges memory.grow 8 192 per requested page, even when the grow fails', async () => {
    const text = '(module (memory (export "memory") 1) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))';
    assert.equal(await used(text, 'grow', 0), 4n);
    assert.equal(await used(text, 'grow', 3), 4n + 3n * BigInt(GAS_PER_MEMORY_PAGE));
    const r = await load(text, 10n ** 15n);
    assert.equal(r.call('grow', 0x10000), -1);
    assert.equal(r.gas.value, 10n ** 15n - 4n - 0x10000n * BigInt(GAS_PER_MEMORY_PAGE));
    // Not enough for the pages: out of gas before growing.
    const poor = await load(text, 4n + 8192n);
    assert.throws(() => poor.call('grow', 2), WA.RuntimeError);
    assert.equal(poor.exhausted.value, 1);
    assert.equal((poor.exports['memory'] as WasmMemory).buffer.byteLength, 65536);
  });

  it('traps an infinite loop with the exhausted flag set and gas below the next charge', async () => {
    const text = '(module (func (export "spin") loop br 0 end))';
    for (let i = 0; i < 2; i++) {
      const r = await load(text, 101n);
      assert.throws(() => r.call('spin'), WA.RuntimeError);
      assert.equal(r.exhausted.value, 1);
      assert.equal(r.gas.value, 1n);
      assert.equal(r.stack.value, 0);
    }
  });

  it('host-set gas is what the code sees; zero gas fails the first charge', async () => {
    const r = await load('(module (func (export "f") nop))', 0n);
    assert.throws(() => r.call('f'), WA.RuntimeError);
    assert.equal(r.exhausted.value, 1);
    assert.equal(r.gas.value, 0n);
  });
});

describe('instrument: call depth', () => {
  it('stops unbounded recursion at the same depth on every run', async () => {
    const text = '(module (func $r (export "rec") call $r))';
    const outcomes: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await load(text, 1_000_000n);
      assert.throws(() => r.call('rec'), WA.RuntimeError);
      assert.equal(r.stack.value, 1);
      assert.equal(r.exhausted.value, 0);
      outcomes.push([r.gas.value, r.depth.value]);
    }
    // 1 001 entries charged 2 each; the last one fails its depth check.
    assert.deepEqual(outcomes, Array(3).fill([1_000_000n - 2n * BigInt(DEFAULT_MAX_CALL_DEPTH + 1), DEFAULT_MAX_CALL_DEPTH + 1]));
  });

  it('allows exactly maxCallDepth nested calls', async () => {
    const text = `(module (func $down (export "down") (param i32)
      local.get 0
      if local.get 0 i32.const 1 i32.sub call $down end))`;
    const ok = await load(text, 10n ** 9n, { maxCallDepth: 50 });
    ok.call('down', 49); // depths 1..50
    assert.equal(ok.depth.value, 0);
    const bad = await load(text, 10n ** 9n, { maxCallDepth: 50 });
    assert.throws(() => bad.call('down', 50), WA.RuntimeError);
    assert.equal(bad.stack.value, 1);
  });

  it('survives a deep recursion of huge frames without hitting the engine stack', async () => {
    const locals = Array.from({ length: 400 }, () => 'i64').join(' ');
    const text = `(module (func $r (export "rec") (param i32) (local ${locals})
      local.get 0 i64.extend_i32_u local.set 399
      local.get 0 i32.const 1 i32.add call $r))`;
    const r = await load(text, 10n ** 9n);
    assert.throws(() => r.call('rec', 0), WA.RuntimeError);
    assert.equal(r.stack.value, 1);
    // 401 slots per frame: the 82nd frame crosses 32 Ki slots.
    assert.equal(r.depth.value, Math.floor(DEFAULT_MAX_STACK_SLOTS / 401) + 1);
    assert.equal(r.slots.value, (Math.floor(DEFAULT_MAX_STACK_SLOTS / 401) + 1) * 401);
  });

  it('decrements on return, br to the function label, br_table and traps not', async () => {
    const text = `(module
      (func $early (param i32) (result i32)
        block
          local.get 0
          br_if 0
          i32.const 7
          return
        end
        i32.const 9
        local.get 0
        br_if 0
        drop
        i32.const 8)
      (func $table (param i32) (result i32)
        i32.const 5
        local.get 0
        br_table 0 0)
      (func $pair (result i32 i64) i32.const 1 i64.const 2 return)
      (func (export "f") (param i32) (result i32)
        local.get 0 call $early
        local.get 0 call $table i32.add
        call $pair drop i32.add))`;
    for (const [arg, expect] of [[0, 7 + 5 + 1], [1, 9 + 5 + 1]] as const) {
      const r = await load(text, 10n ** 9n);
      assert.equal(r.call('f', arg), expect);
      assert.equal(r.depth.value, 0);
    }
  });

  it('counts calls through tables and into imports', async () => {
    const text = `(module
      (import "env" "host" (func $host (param i32) (result i32)))
      (type $t (func (param i32) (result i32)))
      (table 1 funcref) (elem (i32.const 0) $inc)
      (func $inc (type $t) local.get 0 i32.const 1 i32.add)
      (func (export "f") (param i32) (result i32)
        local.get 0 i32.const 0 call_indirect (type $t) call $host))`;
    let seenDepth = -1;
    const imports = { env: { host: (x: number) => { seenDepth = r.depth.value as number; return x * 2; } } };
    const r = await load(text, 10n ** 9n, {}, imports);
    assert.equal(r.call('f', 4), 10);
    assert.equal(seenDepth, 1); // the host call runs inside f's frame
    assert.equal(r.depth.value, 0);
  });
});

describe('instrument: memory', () => {
  it('caps memory at 192 pages: grow beyond returns -1', async () => {
    const text = '(module (memory (export "memory") 17) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))';
    const r = await load(text, 10n ** 12n);
    assert.equal(r.call('grow', 175), 17);
    assert.equal(r.call('grow', 1), -1);
    assert.equal((r.exports['memory'] as WasmMemory).buffer.byteLength, 192 * 65536);
    assert.deepEqual(readModule(instrument(await wat(text)).wasm).memories, [{ min: 17, max: 192 }]);
  });

  it('keeps a smaller declared maximum and honours a custom cap', async () => {
    assert.deepEqual(readModule(instrument(await wat('(module (memory 1 10))')).wasm).memories, [{ min: 1, max: 10 }]);
    assert.deepEqual(readModule(instrument(await wat('(module (memory 1 1000))')).wasm).memories, [{ min: 1, max: 192 }]);
    assert.deepEqual(readModule(instrument(await wat('(module (memory 1))'), { maxMemoryPages: 4 }).wasm).memories, [{ min: 1, max: 4 }]);
  });

  it('rejects initial memory above the cap and imported memory', async () => {
    assert.throws(() => instrument(new Uint8Array(0)), (e: unknown) => e instanceof VmError && e.code === 'invalid_wasm');
    const wasm = await wat('(module (memory 193))');
    assert.throws(() => instrument(wasm), (e: unknown) => e instanceof VmError && e.code === 'memory' && /193 pages/.test(e.message));
    assert.ok(instrument(await wat('(module (memory 192))')));
    const imported = await wat('(module (import "env" "memory" (memory 1)))');
    assert.throws(() => instrument(imported), (e: unknown) => e instanceof VmError && e.code === 'memory');
  });
});

describe('instrument: module shape', () => {
  it('refuses to instrument twice (reserved export names)', async () => {
    const once = instrument(await contract()).wasm;
    assert.throws(() => instrument(once), (e: unknown) => e instanceof VmError && e.code === 'invalid_wasm' && /__scrtd_/.test(e.message));
  });

  it('keeps indices, exports and behaviour of contract-shaped modules', async () => {
    const modules = [
      await contract(),
      await contract({ markers: ['cosmwasm_vm_version_3'], exports: [...V010_EXPORTS, 'migrate'], imports: V010_IMPORTS }),
      await contract({ memory: '(memory (export "memory") 512)', extra: '(global $g (mut i32) (i32.const 3)) (data (i32.const 0) "hi") (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0)))' }),
      await contract({ memory: '(memory (export "memory") 192)', extra: '(data (i32.const 8) "x") (func (result i32) (memory.grow (i32.const 1)))' }),
      await contract({ extra: '(func (param i32) (result i32) (i32.extend8_s (local.get 0))) (table 2 funcref) (elem (i32.const 0) 0 1)' }),
    ];
    for (const wasm of modules) {
      const before = readModule(wasm);
      if (before.memories[0] && before.memories[0].min > 192) {
        assert.throws(() => instrument(wasm), VmError);
        continue;
      }
      const out = instrument(wasm).wasm;
      assert.ok(WA.validate(out));
      const after = readModule(out);
      assert.deepEqual(after.exports.slice(0, before.exports.length), before.exports);
      assert.deepEqual(after.exports.slice(before.exports.length).map((e) => e.name).sort(), Object.values(INSTRUMENT_EXPORTS).sort());
      assert.deepEqual(after.functions.slice(0, before.functions.length), before.functions);
      assert.deepEqual(after.imports.map((i) => i.name), before.imports.map((i) => i.name));
    }
    const wasm = await contract({ exports: V1_EXPORTS });
    const stubs = Object.fromEntries(readModule(wasm).imports.map((i) => [i.name, () => 0]));
    const { instance } = await WA.instantiate(instrument(wasm).wasm, { env: stubs });
    (instance.exports[INSTRUMENT_EXPORTS.gasLeft] as WasmGlobal).value = 100n;
    assert.equal((instance.exports['execute'] as (x: number) => number)(41), 42);
    assert.equal((instance.exports[INSTRUMENT_EXPORTS.gasLeft] as WasmGlobal).value, 94n);
  });

  it('adds the grow helper after existing functions only when memory.grow is used', async () => {
    const plain = instrument(await wat('(module (memory 1) (func (export "f")))'));
    assert.equal(plain.growHelper, undefined);
    const grows = instrument(await wat('(module (import "env" "h" (func)) (memory 1) (func (export "f") (drop (memory.grow (i32.const 1)))))'));
    assert.equal(grows.growHelper, 2);
    assert.equal(readModule(grows.wasm).functions.length, 2);
  });
});
