import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_MAX_CALL_DEPTH,
  DEFAULT_MAX_STACK_UNITS,
  GAS_PER_MEMORY_PAGE,
  STACK_FRAME_BASE,
  frameWeight,
  INSTRUMENT_EXPORTS,
  MEMORY_IMPORT,
  VmError,
  instrument,
  readModule,
  type InstrumentOptions,
} from '../src/index.js';
import { V010_EXPORTS, V010_IMPORTS, V1_EXPORTS, contract, rng, wat } from './support.js';

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
  /** Stack units left. */
  left: WasmGlobal;
  /** Stack-exhausted flag. */
  stack: WasmGlobal;
  call(name: string, ...args: number[]): unknown;
}

/** instrument() turns the module's memory into the import env.__scrtd_memory: supply one, as the runtime does. */
function withMemory(wasm: Uint8Array, imports: Imports): Imports {
  const l = memLimits(wasm)[0];
  if (!l) return imports;
  const Memory = (globalThis as unknown as { WebAssembly: { Memory: new (d: object) => object } }).WebAssembly.Memory;
  const env = { ...((imports as Record<string, object>).env ?? {}), [MEMORY_IMPORT]: new Memory({ initial: l.min, maximum: l.max }) };
  return { ...imports, env } as Imports;
}

function memLimits(wasm: Uint8Array): { min: number; max: number | undefined }[] {
  return readModule(wasm).imports.flatMap((i) => (i.name === MEMORY_IMPORT && i.desc.kind === 'memory' ? [{ min: i.desc.limits.min, max: i.desc.limits.max }] : []));
}

/** Compiles WAT, instruments it, instantiates it with `gas` wasm gas and stub imports. */
async function load(text: string, gas: bigint, opts?: InstrumentOptions, imports: Imports = {}): Promise<Run> {
  const { wasm } = instrument(await wat(text), opts);
  assert.ok(WA.validate(wasm), 'instrumented module must validate');
  const { instance } = await WA.instantiate(wasm, withMemory(wasm, imports));
  const ex = instance.exports as Record<string, unknown>;
  const g = (n: string): WasmGlobal => ex[n] as WasmGlobal;
  const run: Run = {
    exports: ex,
    gas: g(INSTRUMENT_EXPORTS.gasLeft),
    exhausted: g(INSTRUMENT_EXPORTS.gasExhausted),
    left: g(INSTRUMENT_EXPORTS.stackLeft),
    stack: g(INSTRUMENT_EXPORTS.stackExhausted),
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
  assert.equal(r.left.value, DEFAULT_MAX_STACK_UNITS, 'the stack budget must be restored');
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

  it('a deferred charge still fails before a trapping instruction', async () => {
    // The body's charge (8) is carried over the pure instructions and emitted before the load.
    const text = '(module (memory 1) (func (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add i32.load))';
    const poor = await load(text, 7n);
    assert.throws(() => poor.call('f', 0x7fff_0000), WA.RuntimeError);
    assert.equal(poor.exhausted.value, 1, 'out of gas, not the out-of-bounds load');
    assert.equal(poor.gas.value, 7n, 'a failed charge leaves gas unchanged');
    const rich = await load(text, 8n);
    assert.throws(() => rich.call('f', 0x7fff_0000), (e: unknown) => e instanceof WA.RuntimeError && /out of bounds/.test((e as Error).message));
    assert.equal(rich.exhausted.value, 0);
    assert.equal(rich.gas.value, 0n);
  });

  it('carries a charge into both arms of an if, synthesizing a missing else', async () => {
    const text = `(module (func (export "f") (param i32) (result i32)
      local.get 0
      local.get 0
      if (param i32) (result i32) i32.const 1 i32.add end
      local.get 0
      if (result i32) i32.const 5 else i32.const 6 end
      i32.add))`;
    // body: 6 instructions (12); then-arm 4; second if's arms 2 each.
    for (const [arg, cost, out] of [[1, 12 + 4 + 2, 1 + 1 + 5], [0, 12 + 2, 0 + 6]] as const) {
      const r = await load(text, 100n);
      assert.equal(r.call('f', arg), out);
      assert.equal(r.gas.value, 100n - BigInt(cost));
      for (const limit of [cost - 1, cost]) {
        const l = await load(text, BigInt(limit));
        if (limit < cost) assert.throws(() => l.call('f', arg), WA.RuntimeError);
        else assert.equal(l.call('f', arg), out);
        assert.equal(l.exhausted.value, limit < cost ? 1 : 0);
      }
    }
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

describe('instrument: stack budget', () => {
  it('weighs frames as base + 3 × params + locals', () => {
    assert.equal(frameWeight(0, 0), STACK_FRAME_BASE);
    assert.equal(frameWeight(2, 5), STACK_FRAME_BASE + 6 + 5);
    assert.equal(frameWeight(2, 5, 7), STACK_FRAME_BASE + 6 + 5 + 7);
    assert.equal(DEFAULT_MAX_CALL_DEPTH, Math.floor(DEFAULT_MAX_STACK_UNITS / STACK_FRAME_BASE));
  });

  it('stops unbounded recursion at the same depth on every run', async () => {
    const text = '(module (func $r (export "rec") call $r))';
    const outcomes: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await load(text, 1_000_000n);
      assert.throws(() => r.call('rec'), WA.RuntimeError);
      assert.equal(r.stack.value, 1);
      assert.equal(r.exhausted.value, 0);
      outcomes.push([r.gas.value, r.left.value]);
    }
    // Frames of the minimum weight: DEFAULT_MAX_CALL_DEPTH of them fit, each charged 2 for its
    // `call`; the next one fails its stack check before any gas charge.
    const fit = DEFAULT_MAX_CALL_DEPTH;
    assert.deepEqual(outcomes, Array(3).fill([1_000_000n - 2n * BigInt(fit), DEFAULT_MAX_STACK_UNITS - fit * STACK_FRAME_BASE]));
  });

  it('allows exactly as many frames as fit in the budget', async () => {
    const text = `(module (func $down (export "down") (param i32)
      local.get 0
      if local.get 0 i32.const 1 i32.sub call $down end))`;
    const maxStackUnits = 50 * frameWeight(1, 0, 2); // operand stack: at most 2 values
    const ok = await load(text, 10n ** 9n, { maxStackUnits });
    ok.call('down', 49); // 50 frames
    assert.equal(ok.left.value, maxStackUnits);
    assert.equal(ok.stack.value, 0);
    const bad = await load(text, 10n ** 9n, { maxStackUnits });
    assert.throws(() => bad.call('down', 50), WA.RuntimeError);
    assert.equal(bad.stack.value, 1);
    assert.equal(bad.exhausted.value, 0);
    // The deprecated option name still works.
    const alias = await load(text, 10n ** 9n, { maxStackSlots: maxStackUnits });
    assert.throws(() => alias.call('down', 50), WA.RuntimeError);
    assert.equal(alias.stack.value, 1);
  });

  for (const [label, decl, params, locals] of [
    ['400 i64 locals', `(param i32) (local ${Array(400).fill('i64').join(' ')})`, 1, 400],
    ['5 000 i32 locals', `(param i32) (local ${Array(5000).fill('i32').join(' ')})`, 1, 5000],
    ['100 params', `(param i32) (param ${Array(99).fill('i64').join(' ')})`, 100, 0],
    ['no locals', '(param i32)', 1, 0],
  ] as const) {
    it(`stops a deep recursion (${label}) at the same frame on every run, before the engine's stack`, async () => {
      const args = Array(params - 1).fill('i64.const 7').join(' ');
      const text = `(module (global $d (export "d") (mut i32) (i32.const 0))
        (func $r (export "rec") ${decl}
          local.get 0 global.set $d
          local.get 0 i32.const 1 i32.add ${args} call $r))`;
      const weight = frameWeight(params, locals, Math.max(2, params)); // the call's arguments pile up
      const fit = Math.floor(DEFAULT_MAX_STACK_UNITS / weight);
      const seen: unknown[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await load(text, 10n ** 12n);
        const rest = Array(params - 1).fill(7n) as unknown as number[];
        assert.throws(() => r.call('rec', 0, ...rest), (e: unknown) => e instanceof WA.RuntimeError && /unreachable/.test((e as Error).message));
        assert.equal(r.stack.value, 1);
        assert.equal((r.exports['d'] as WasmGlobal).value, fit - 1, 'frames 0 … fit-1 ran');
        assert.equal(r.left.value, DEFAULT_MAX_STACK_UNITS - fit * weight);
        seen.push(r.gas.value);
      }
      assert.equal(new Set(seen).size, 1, 'same gas on every run');
    });
  }

  it('counts the operand stack: values piled up before each call weigh on the frame', async () => {
    for (const n of [10, 100, 1000]) {
      const text = `(module (global $d (export "d") (mut i32) (i32.const 0))
        (func $r (export "rec") (result i32)
          global.get $d i32.const 1 i32.add global.set $d
          ${'global.get $d '.repeat(n)} call $r ${'i32.add '.repeat(n)}))`;
      const r = await load(text, 10n ** 12n);
      assert.throws(() => r.call('rec'), (e: unknown) => e instanceof WA.RuntimeError && /unreachable/.test((e as Error).message), 'not a V8 stack overflow');
      assert.equal(r.stack.value, 1);
      const fit = Math.floor(DEFAULT_MAX_STACK_UNITS / frameWeight(0, 0, n + 1));
      assert.equal((r.exports['d'] as WasmGlobal).value, fit);
    }
  });

  it('computes operand heights through blocks, multi-value, branches and calls', async () => {
    // Max height 4: inside the block (param i32 i32), two values are added on top of 2 params.
    const text = `(module
      (func $two (result i32 i32) i32.const 1 i32.const 2)
      (func (export "f") (result i32)
        call $two
        block (param i32 i32) (result i32)
          i32.const 3 i32.const 4 i32.add i32.add i32.add
        end
        br 0
        ;; unreachable: counted (an upper bound), but from the block's base, not from the 1 left before br
        i32.const 1 i32.const 1 i32.const 1 i32.const 1 drop drop drop))`;
    const limit = frameWeight(0, 0, 4) + frameWeight(0, 0, 2);
    const ok = await load(text, 10n ** 6n, { maxStackUnits: limit });
    assert.equal(ok.call('f'), 10);
    const tight = await load(text, 10n ** 6n, { maxStackUnits: limit - 1 });
    assert.throws(() => tight.call('f'), WA.RuntimeError);
    assert.equal(tight.stack.value, 1);
  });

  it('a frame heavier than the whole budget traps on entry', async () => {
    const text = '(module (func (export "f") (result i32) (local i64 i64 i64 i64) i32.const 1))';
    const r = await load(text, 100n, { maxStackUnits: frameWeight(0, 4, 1) - 1 });
    assert.throws(() => r.call('f'), WA.RuntimeError);
    assert.equal(r.stack.value, 1);
    assert.equal(r.gas.value, 100n, 'nothing charged');
    const fits = await load(text, 100n, { maxStackUnits: frameWeight(0, 4, 1) });
    assert.equal(fits.call('f'), 1);
  });

  it('restores the budget on return, br to the function label and br_table', async () => {
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
      assert.equal(r.left.value, DEFAULT_MAX_STACK_UNITS);
    }
  });

  it('counts calls through tables, not calls into imports', async () => {
    const text = `(module
      (import "env" "host" (func $host (param i32) (result i32)))
      (type $t (func (param i32) (result i32)))
      (table 1 funcref) (elem (i32.const 0) $inc)
      (func $inc (type $t) local.get 0 i32.const 1 i32.add)
      (func (export "f") (param i32) (result i32)
        local.get 0 i32.const 0 call_indirect (type $t) call $host))`;
    let seen = -1;
    const imports = { env: { host: (x: number) => { seen = r.left.value as number; return x * 2; } } };
    const r = await load(text, 10n ** 9n, {}, imports);
    assert.equal(r.call('f', 4), 10);
    assert.equal(seen, DEFAULT_MAX_STACK_UNITS - frameWeight(1, 0, 2)); // the host call runs inside f's frame
    assert.equal(r.left.value, DEFAULT_MAX_STACK_UNITS);
  });

  it('a host can lower the budget before a call', async () => {
    const text = '(module (func $r (export "rec") call $r))';
    const r = await load(text, 10n ** 9n);
    r.left.value = 10 * STACK_FRAME_BASE;
    assert.throws(() => r.call('rec'), WA.RuntimeError);
    assert.equal(r.gas.value, 10n ** 9n - 20n, '10 frames ran');
  });
});

describe('instrument: memory', () => {
  it('caps memory at 192 pages: grow beyond returns -1', async () => {
    const text = '(module (memory (export "memory") 17) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))';
    const r = await load(text, 10n ** 12n);
    assert.equal(r.call('grow', 175), 17);
    assert.equal(r.call('grow', 1), -1);
    assert.equal((r.exports['memory'] as WasmMemory).buffer.byteLength, 192 * 65536);
    assert.deepEqual(memLimits(instrument(await wat(text)).wasm), [{ min: 17, max: 192 }]);
  });

  it('keeps a smaller declared maximum and honours a custom cap', async () => {
    assert.deepEqual(memLimits(instrument(await wat('(module (memory 1 10))')).wasm), [{ min: 1, max: 10 }]);
    assert.deepEqual(memLimits(instrument(await wat('(module (memory 1 1000))')).wasm), [{ min: 1, max: 192 }]);
    assert.deepEqual(memLimits(instrument(await wat('(module (memory 1))'), { maxMemoryPages: 4 }).wasm), [{ min: 1, max: 4 }]);
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
      assert.deepEqual(after.imports.filter((i) => i.name !== MEMORY_IMPORT).map((i) => i.name), before.imports.map((i) => i.name));
    }
    const wasm = await contract({ exports: V1_EXPORTS });
    const stubs = Object.fromEntries(readModule(wasm).imports.map((i) => [i.name, () => 0]));
    const out = instrument(wasm).wasm;
    const { instance } = await WA.instantiate(out, withMemory(out, { env: stubs }));
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

describe('instrument: merged charges are unobservable (differential fuzz)', () => {
  /** Random structured integer code: blocks, bounded loops, ifs, branches, calls, memory, traps. */
  function program(next: () => number): string {
    const pick = (n: number) => Math.floor(next() * n);
    const fns: string[] = [];
    const nFns = 1 + pick(4);
    for (let f = 0; f < nFns; f++) {
      // labels: innermost last; true = a loop label (never branched to, so loops stay bounded)
      const expr = (d: number): string => {
        const r = pick(d > 2 ? 3 : 12);
        switch (r) {
          case 0: return `(local.get $${'abc'[pick(3)]})`;
          case 1: return `(i32.const ${pick(20) - 5})`;
          case 2: return '(global.get $g)';
          case 3: return `(i32.add ${expr(d + 1)} ${expr(d + 1)})`;
          case 4: return `(i32.mul ${expr(d + 1)} ${expr(d + 1)})`;
          case 5: return `(i32.lt_s ${expr(d + 1)} ${expr(d + 1)})`;
          case 6: return `(i32.load (i32.and ${expr(d + 1)} (i32.const 1020)))`;
          case 7: return `(select ${expr(d + 1)} ${expr(d + 1)} ${expr(d + 1)})`;
          case 8: return f > 0 ? `(call $f${pick(f)} ${expr(d + 1)} ${expr(d + 1)})` : '(i32.const 3)';
          case 9: return `(i32.eqz ${expr(d + 1)})`;
          case 10: return `(i32.xor ${expr(d + 1)} (memory.size))`;
          default: return `(i32.sub ${expr(d + 1)} (i32.const 1))`;
        }
      };
      const stmts = (d: number, labels: boolean[]): string => {
        const out: string[] = [];
        const n = 1 + pick(4);
        for (let i = 0; i < n; i++) {
          const r = pick(d > 3 ? 5 : 14);
          const branchable = labels.map((loop, j) => (loop ? -1 : labels.length - 1 - j)).filter((x) => x >= 0);
          switch (r) {
            case 0: out.push(`(local.set $${'abc'[pick(3)]} ${expr(0)})`); break;
            case 1: out.push(`(global.set $g ${expr(0)})`); break;
            case 2: out.push(`(i32.store (i32.and ${expr(0)} (i32.const 1020)) ${expr(0)})`); break;
            case 3: out.push(branchable.length ? `(br_if ${branchable[pick(branchable.length)]} ${expr(0)})` : 'nop'); break;
            case 4: out.push(`(drop ${expr(0)})`); break;
            case 5: out.push(`(block ${stmts(d + 1, [...labels, false])})`); break;
            case 6: {
              const k = `$k${d}`;
              out.push(`(local.set ${k} (i32.const 0)) (loop ${stmts(d + 1, [...labels, true])} (br_if 0 (i32.lt_u (local.tee ${k} (i32.add (local.get ${k}) (i32.const 1))) (i32.const ${1 + pick(4)}))))`);
              break;
            }
            case 7: out.push(`(if ${expr(0)} (then ${stmts(d + 1, [...labels, false])}) (else ${stmts(d + 1, [...labels, false])}))`); break;
            case 8: out.push(`(if ${expr(0)} (then ${stmts(d + 1, [...labels, false])}))`); break;
            case 9: out.push(pick(3) === 0 ? `(return ${expr(0)})` : 'nop'); break;
            case 10: out.push(`(drop (i32.div_u ${expr(0)} (local.get $b)))`); break; // traps when $b = 0
            case 11: out.push(pick(4) === 0 ? `(if (i32.eq (local.get $c) (i32.const 7)) (then unreachable))` : 'nop'); break;
            case 12: out.push('(drop (memory.grow (i32.const 0)))'); break;
            default: out.push(`(local.set $a (i32.add (local.get $a) ${expr(0)}))`);
          }
        }
        return out.join(' ');
      };
      fns.push(`(func $f${f} (param $a i32) (param $b i32) (result i32) (local $c i32) (local $k0 i32) (local $k1 i32) (local $k2 i32) (local $k3 i32)
        ${stmts(0, [])} (local.get $a))`);
    }
    return `(module (memory 1) (global $g (mut i32) (i32.const 1)) (data (i32.const 0) "\\05\\00\\00\\00\\07")
      ${fns.join('\n')}
      (export "run" (func $f${nFns - 1})))`;
  }

  type Outcome = { kind: 'ok'; value: number; left: bigint } | { kind: 'gas' } | { kind: 'trap'; left: bigint };
  async function run(wasm: Uint8Array, gas: bigint, a: number, b: number): Promise<Outcome> {
    const { instance } = await WA.instantiate(wasm, withMemory(wasm, {}));
    const ex = instance.exports;
    const left = ex[INSTRUMENT_EXPORTS.gasLeft] as WasmGlobal;
    left.value = gas;
    try {
      const value = (ex['run'] as (a: number, b: number) => number)(a, b);
      return { kind: 'ok', value, left: left.value as bigint };
    } catch (e) {
      assert.ok(e instanceof WA.RuntimeError, String(e));
      if ((ex[INSTRUMENT_EXPORTS.gasExhausted] as WasmGlobal).value === 1) return { kind: 'gas' };
      return { kind: 'trap', left: left.value as bigint };
    }
  }

  it('300 random programs: same result, trap or out-of-gas, and same gas left, at every limit', async () => {
    const next = rng(0x5eed);
    let merged = 0;
    let unmerged = 0;
    const kinds = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const text = program(next);
      const raw = await wat(text);
      const a = instrument(raw).wasm;
      const b = instrument(raw, { mergeCharges: false }).wasm;
      assert.ok(WA.validate(a), text);
      merged += a.length;
      unmerged += b.length;
      const args = [Math.floor(next() * 10), Math.floor(next() * 3)] as const;
      const full = await run(b, 10n ** 12n, ...args);
      assert.deepEqual(await run(a, 10n ** 12n, ...args), full, text);
      kinds.add(full.kind);
      const used = full.kind === 'gas' ? 0n : 10n ** 12n - full.left;
      const limits = new Set<bigint>([0n, used, used - 1n, used + 1n]);
      for (let j = 0; j < 8; j++) limits.add(BigInt(Math.floor(next() * Number(used + 1n))));
      for (const limit of limits) {
        if (limit < 0n) continue;
        assert.deepEqual(await run(a, limit, ...args), await run(b, limit, ...args), `limit ${limit}\n${text}`);
      }
    }
    assert.deepEqual([...kinds].sort(), ['ok', 'trap'], 'the corpus exercises results and traps');
    assert.ok(merged < unmerged, 'merging also shrinks the code');
  });
});
