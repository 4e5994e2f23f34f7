import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Cursor } from '../src/cursor.js';
import { VmError, WasmError, analyzeCode, forEachInstruction, functionType, readModule, type Instruction } from '../src/index.js';
import { contract, rng, wat } from './support.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const bin = (...parts: number[][]): Uint8Array => new Uint8Array(parts.flat());
const throwsWasm = (f: () => unknown, re: RegExp): void => {
  assert.throws(f, (e: unknown) => e instanceof WasmError && re.test(e.message));
};

describe('LEB128', () => {
  const cur = (...b: number[]): Cursor => new Cursor(new Uint8Array(b));
  it('decodes u32 including the maximum and redundant padding', () => {
    assert.equal(cur(0xe5, 0x8e, 0x26).u32(), 624485);
    assert.equal(cur(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
    assert.equal(cur(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0); // padded to 5 bytes: legal
  });
  it('rejects overlong and too-large u32 encodings', () => {
    throwsWasm(() => cur(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32(), /too long/);
    throwsWasm(() => cur(0xff, 0xff, 0xff, 0xff, 0x1f).u32(), /too (long|large)/);
    throwsWasm(() => cur(0x80, 0x80).u32(), /unexpected end/);
  });
  it('decodes s32 / s33 / s64 at their extremes', () => {
    assert.equal(cur(0x7f).s32(), -1);
    assert.equal(cur(0x80, 0x80, 0x80, 0x80, 0x78).s32(), -(2 ** 31));
    assert.equal(cur(0xff, 0xff, 0xff, 0xff, 0x07).s32(), 2 ** 31 - 1);
    assert.equal(cur(0xff, 0xff, 0xff, 0xff, 0x0f).s33(), 2 ** 32 - 1);
    assert.equal(cur(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).s64(), -(2n ** 63n));
    assert.equal(cur(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).s64(), 2n ** 63n - 1n);
  });
  it('rejects signed encodings with bad unused bits or too many bytes', () => {
    throwsWasm(() => cur(0xff, 0xff, 0xff, 0xff, 0x0f).s32(), /too large/);
    throwsWasm(() => cur(0x80, 0x80, 0x80, 0x80, 0x70).s32(), /too large/);
    throwsWasm(() => cur(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s32(), /too long/);
    throwsWasm(() => cur(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).s64(), /too large/);
    throwsWasm(() => cur(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).s64(), /too long/);
  });
});

describe('readModule', () => {
  it('parses every section into the object model', async () => {
    const bytes = await wat(`(module
      (type $t (func (param i32 i64) (result i32)))
      (import "env" "db_read" (func $db_read (param i32) (result i32)))
      (table 2 funcref)
      (memory 3)
      (global $g (mut i32) (i32.const -5))
      (global i64 (i64.const 0x7fffffffffffffff))
      (func $f (type $t) (local i32 i32) (local i64) local.get 0)
      (func (export "run") (result i32) (call $f (i32.const 1) (i64.const 2)))
      (export "memory" (memory 0))
      (elem (i32.const 0) $f 2)
      (data (i32.const 16) "hello"))`);
    const m = readModule(bytes);
    assert.equal(m.types.length, 3); // wabt adds the signatures of db_read and run
    assert.deepEqual(m.types[0], { params: ['i32', 'i64'], results: ['i32'] });
    assert.equal(m.imports.length, 1);
    assert.deepEqual(m.imports[0].desc, { kind: 'func', typeIndex: 1 });
    assert.equal(m.imports[0].name, 'db_read');
    assert.deepEqual(m.functions, [0, 2]);
    assert.deepEqual(m.tables, [{ element: 'funcref', limits: { min: 2 } }]);
    assert.deepEqual(m.memories, [{ min: 3 }]);
    assert.equal(m.globals[0].init.value, -5);
    assert.equal(m.globals[0].type.mutable, true);
    assert.equal(m.globals[1].init.value, 2n ** 63n - 1n);
    assert.deepEqual(
      m.exports.map((e) => [e.name, e.kind, e.index]),
      [
        ['run', 'func', 2],
        ['memory', 'memory', 0],
      ],
    );
    assert.deepEqual(
      m.elements[0].items.map((i) => i.value),
      [1, 2],
    );
    assert.equal(m.elements[0].offset?.value, 0);
    assert.equal(new TextDecoder().decode(m.data[0].bytes), 'hello');
    assert.equal(m.data[0].offset?.value, 16);
    assert.deepEqual(bytes.subarray(m.data[0].dataOffset, m.data[0].dataOffset + 5), m.data[0].bytes);
    // Function bodies: offsets point into the module, code ends with `end`.
    const f = m.code[0];
    assert.deepEqual(f.locals, [
      { count: 2, type: 'i32' },
      { count: 1, type: 'i64' },
    ]);
    assert.equal(f.localCount, 3);
    assert.deepEqual(bytes.subarray(f.codeOffset, f.offset + f.size), f.code);
    assert.equal(f.code[f.code.length - 1], 0x0b);
    assert.deepEqual(functionType(m, 0), { params: ['i32'], results: ['i32'] });
    assert.deepEqual(functionType(m, 2), { params: [], results: ['i32'] });
    assert.equal(functionType(m, 3), undefined);
  });

  it('records custom sections wherever they appear', () => {
    const custom = (name: string, payload: number[]): number[] => [0, 1 + name.length + payload.length, name.length, ...Buffer.from(name), ...payload];
    const m = readModule(bin(HEADER, custom('a', [1, 2]), [1, 1, 0], custom('name', [])));
    assert.deepEqual(
      m.customSections.map((s) => [s.name, s.size]),
      [
        ['a', 2],
        ['name', 0],
      ],
    );
  });

  it('rejects bad magic, version, truncation and garbage', () => {
    throwsWasm(() => readModule(new Uint8Array()), /magic/);
    throwsWasm(() => readModule(bin([0x00, 0x61, 0x73])), /magic/);
    throwsWasm(() => readModule(bin([0x7f, 0x45, 0x4c, 0x46, 1, 0, 0, 0])), /magic/);
    throwsWasm(() => readModule(bin([0x00, 0x61, 0x73, 0x6d, 0x02, 0, 0, 0])), /version 2/);
    throwsWasm(() => readModule(bin([0x00, 0x61, 0x73, 0x6d, 0x01, 0])), /truncated header/);
    throwsWasm(() => readModule(bin(HEADER, [1, 5, 1, 0x60])), /exceeds/);
    throwsWasm(() => readModule(bin(HEADER, [13, 0])), /unknown section id 13/);
    const garbage = new Uint8Array(300).map((_, i) => (i * 131 + 7) & 0xff);
    garbage.set(HEADER);
    assert.throws(() => readModule(garbage), WasmError);
  });

  it('enforces section order, uniqueness and exact sizes', () => {
    throwsWasm(() => readModule(bin(HEADER, [5, 1, 0], [1, 1, 0])), /out of order/);
    throwsWasm(() => readModule(bin(HEADER, [1, 1, 0], [1, 1, 0])), /duplicated/);
    throwsWasm(() => readModule(bin(HEADER, [1, 2, 0, 0])), /unread bytes/);
    // data count before code is the legal place for section 12
    assert.doesNotThrow(() => readModule(bin(HEADER, [12, 1, 0], [10, 1, 0])));
    throwsWasm(() => readModule(bin(HEADER, [10, 1, 0], [12, 1, 0])), /out of order/);
    throwsWasm(() => readModule(bin(HEADER, [12, 1, 1])), /data count/);
  });

  it('refuses counts that cannot fit before allocating', () => {
    // 4 billion types declared in a 6-byte section.
    throwsWasm(() => readModule(bin(HEADER, [1, 5, 0xff, 0xff, 0xff, 0xff, 0x0f])), /too many types|exceeds/);
    throwsWasm(() => readModule(bin(HEADER, [1, 3, 0x80, 0x80, 0x04])), /too many types|exceeds/);
    // one function whose locals claim 4 billion entries
    throwsWasm(() => readModule(bin(HEADER, [1, 4, 1, 0x60, 0, 0], [3, 2, 1, 0], [10, 10, 1, 8, 1, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x7f, 0x0b])), /too many locals/);
  });

  it('checks the indices the model depends on', () => {
    throwsWasm(() => readModule(bin(HEADER, [3, 2, 1, 0], [10, 4, 1, 2, 0, 0x0b])), /unknown type/);
    throwsWasm(() => readModule(bin(HEADER, [7, 5, 1, 1, 0x66, 0, 0])), /unknown func/);
    throwsWasm(() => readModule(bin(HEADER, [1, 4, 1, 0x60, 0, 0], [3, 2, 1, 0], [8, 1, 1], [10, 4, 1, 2, 0, 0x0b])), /start function 1/);
    throwsWasm(() => readModule(bin(HEADER, [1, 4, 1, 0x60, 0, 0], [3, 2, 1, 0])), /code section has 0/);
    throwsWasm(
      () => readModule(bin(HEADER, [1, 4, 1, 0x60, 0, 0], [3, 3, 2, 0, 0], [7, 7, 2, 1, 0x66, 0, 0, 1, 0x66], [10, 7, 2, 2, 0, 0x0b, 2, 0, 0x0b])),
      /unread bytes|duplicate export/,
    );
  });

  it('rejects invalid UTF-8 names and shared memories', () => {
    throwsWasm(() => readModule(bin(HEADER, [7, 5, 1, 2, 0xc3, 0x28, 0])), /UTF-8/);
    throwsWasm(() => readModule(bin(HEADER, [5, 4, 1, 3, 1, 2])), /unsupported memory limits/);
    throwsWasm(() => readModule(bin(HEADER, [5, 4, 1, 1, 2, 1])), /below its minimum/);
    throwsWasm(() => readModule(bin(HEADER, [5, 5, 1, 0, 0x81, 0x80, 0x04])), /memory minimum/);
  });
});

describe('forEachInstruction', () => {
  it('decodes opcodes, immediates and depth', async () => {
    const m = readModule(
      await wat(`(module (memory 1) (data "x")
        (func (param i32) (result i64)
          (block $b (loop $l
            (br_table $b $l $b (local.get 0))))
          (if (local.get 0) (then (drop (i32.load8_u offset=7 (i32.const 3)))) (else nop))
          (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
          (data.drop 0)
          (drop (i32.extend8_s (i32.const -129)))
          (i64.const -9223372036854775808)))`),
    );
    const seen: Instruction[] = [];
    forEachInstruction(m.code[0].code, (i) => seen.push(i));
    const names = seen.map((i) => i.name);
    assert.deepEqual(names.slice(0, 5), ['block', 'loop', 'local.get', 'br_table', 'end']);
    const brTable = seen.find((i) => i.name === 'br_table')!;
    assert.deepEqual(brTable.targets, [1, 0, 1]);
    assert.equal(brTable.depth, 2);
    assert.deepEqual(seen.find((i) => i.name === 'i32.load8_u')!.memarg, { align: 0, offset: 7 });
    assert.equal(seen.find((i) => i.name === 'memory.copy')!.subop, 10);
    assert.equal(seen.find((i) => i.name === 'data.drop')!.index, 0);
    assert.equal(seen.find((i) => i.name === 'i64.const')!.value, -(2n ** 63n));
    assert.equal(seen.find((i) => i.name === 'else')!.depth, 0);
    assert.equal(seen.at(-1)!.name, 'end');
    assert.equal(seen.at(-1)!.end, m.code[0].code.length);
    assert.ok(seen.every((i) => !i.float));
  });

  it('flags float instructions', async () => {
    const m = readModule(
      await wat(`(module (memory 1)
        (func (result i32) (i32.trunc_sat_f32_s (f32.const 1.5)))
        (func (result i64) (i64.reinterpret_f64 (f64.load (i32.const 0)))))`),
    );
    const floats = (i: number): string[] => {
      const out: string[] = [];
      forEachInstruction(m.code[i].code, (ins) => ins.float && out.push(ins.name));
      return out;
    };
    assert.deepEqual(floats(0), ['f32.const', 'i32.trunc_sat_f32_s']);
    assert.deepEqual(floats(1), ['f64.load', 'i64.reinterpret_f64']);
  });

  it('rejects malformed bodies', () => {
    const walk = (...b: number[]): void => forEachInstruction(new Uint8Array(b), () => {});
    throwsWasm(() => walk(0x01), /without its final/);
    throwsWasm(() => walk(0x0b, 0x01), /after the final/);
    throwsWasm(() => walk(0x05, 0x0b), /`else` outside/);
    throwsWasm(() => walk(0x0c, 0x01, 0x0b), /label 1 out of range/);
    throwsWasm(() => walk(0xfd, 0x00, 0x0b), /unsupported or invalid opcode 0xfd/);
    throwsWasm(() => walk(0xfc, 0x12, 0x0b), /0xfc 18/);
    throwsWasm(() => walk(0x3f, 0x01, 0x0b), /reserved memory index/);
    throwsWasm(() => walk(0x41), /unexpected end/);
    assert.throws(
      () => forEachInstruction(new Uint8Array([0x06]), () => {}, 100),
      (e: unknown) => e instanceof WasmError && e.offset === 100,
    );
  });
});

describe('reader fuzzing', () => {
  it('2,000 random mutations of a valid contract either parse or fail with WasmError/VmError', async () => {
    const base = await contract();
    assert.doesNotThrow(() => analyzeCode(base));
    const rand = rng(0x5ec12e7);
    const started = Date.now();
    let parsed = 0;
    for (let n = 0; n < 2000; n++) {
      let bytes = Uint8Array.from(base);
      const kind = n % 4;
      if (kind === 0) {
        const flips = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < flips; k++) bytes[8 + Math.floor(rand() * (bytes.length - 8))] = Math.floor(rand() * 256);
      } else if (kind === 1) {
        bytes = bytes.subarray(0, Math.floor(rand() * bytes.length));
      } else if (kind === 2) {
        const at = 8 + Math.floor(rand() * (bytes.length - 8));
        const ins = Array.from({ length: 1 + Math.floor(rand() * 6) }, () => (rand() < 0.5 ? 0xff : Math.floor(rand() * 256)));
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...ins, ...bytes.subarray(at)]);
      } else {
        const at = 8 + Math.floor(rand() * (bytes.length - 8));
        bytes[at] ^= 1 << Math.floor(rand() * 8);
      }
      for (const f of [() => readModule(bytes), () => analyzeCode(bytes)]) {
        try {
          f();
          parsed++;
        } catch (e) {
          if (!(e instanceof WasmError || e instanceof VmError)) {
            assert.fail(`mutation ${n} threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.stack}`);
          }
        }
      }
    }
    assert.ok(parsed > 0, 'some mutations should still parse');
    assert.ok(Date.now() - started < 20_000, 'fuzzing must not hang');
  });
});
