// Run-time instrumentation of contract code (secret-protocol.md §7.5, §8): gas metering, a stack
// limit and the 192-page memory cap, all injected into the module itself so that every limit is
// enforced by the wasm code and is identical on every node, whatever the host engine does.
//
// Gas: Secret meters with walrus-injected code: 2 per instruction, charged up front for each
// instruction sequence (function body, block body, loop body — so per iteration —, if arm, else
// arm), a nested block counting as one instruction of its parent and `end`/`else` not counting.
// `memory.grow` additionally costs 8 192 per requested page. The counter lives in an exported
// mutable i64 global (a host call per block would cost an order of magnitude more in V8); running
// out sets an exported "exhausted" flag and executes `unreachable`.
// To keep the overhead low, a sequence's charge is not always emitted where the sequence opens: it
// is carried forward over instructions that can neither trap nor branch nor call (local/global
// access, constants, non-trapping integer arithmetic…) and merged into the charge of a nested
// `block`, or of both arms of an `if` (an `else` arm is synthesized if needed). Nothing observable
// can happen in between, the totals are unchanged, and a call that runs out of gas reports its full
// limit as used, so the outcome of every call is exactly that of charging at the sequence start.
//
// Stack: each defined function weighs STACK_FRAME_BASE + 3 × params + declared locals + its maximum
// operand-stack height in "stack units" (≈ 8 bytes of V8 baseline-compiler frame each) and
// subtracts its weight from one exported i32
// budget on entry; its body is wrapped in a `block` of the function's result type so that every
// exit — the final `end`, `br`/`br_if`/`br_table` to the outermost label, and `return` (rewritten
// as a `br` to the wrapper) — falls through to a single restore of the value saved on entry. One
// counter covers both call depth (the base weight) and frame size (1 000 frames of 400 i64 locals
// overflow V8's native stack), so V8's own stack never decides the outcome of a deep recursion:
// the budget runs out first, at the same point on every run and machine.
//
// The instrumented code is meant to be produced once per code id and cached by the caller
// (INSTRUMENT_VERSION names the output format, for caches that outlive the process).

import { VmError, WasmError } from './errors.js';
import { type BlockType, forEachInstruction } from './instructions.js';
import { type FuncType, type WasmModule, readModule } from './reader.js';
import type { ValType } from './types.js';
import {
  ByteWriter,
  type RawSection,
  VALTYPE_CODE,
  appendToVector,
  encodeFuncType,
  encodeModule,
  encodeVector,
  putSection,
  removeSection,
  splitSections,
} from './writer.js';

/** Wasm gas per instruction (every instruction, whatever its type). */
export const GAS_PER_INSTRUCTION = 2;
/** Additional wasm gas per page requested by `memory.grow` (charged even if the grow fails). */
export const GAS_PER_MEMORY_PAGE = 8192;
/** Run-time memory limit: 192 pages of 64 KiB = 12 MiB. */
export const MAX_RUNTIME_PAGES = 192;
/**
 * Version of the instrumented output. Part of the key of any cache of instrumented code that
 * outlives the process: bump it whenever the bytes `instrument()` produces for a module change.
 */
export const INSTRUMENT_VERSION = 3;
/** The import (module "env") through which an instrumented module receives its memory. */
export const MEMORY_IMPORT = '__scrtd_memory';

/**
 * Stack units every frame weighs besides its params and locals. A stack unit stands for ~8 bytes
 * of native stack: V8's baseline compiler (Liftoff, the worst case) spends ~48 bytes on an empty
 * frame and 8 per local, plus the two locals the instrumentation adds (measured on Node 20).
 */
export const STACK_FRAME_BASE = 8;
/** Stack units per parameter (Liftoff keeps a caller-side and a callee-side copy of stack-passed arguments). */
export const STACK_UNITS_PER_PARAM = 3;
/**
 * Default stack budget: frames active at the same time may weigh 32 Ki units in total (≈ 256 KiB
 * of V8 stack, well inside Node's ~984 KiB and above Secret's 60 KiB wasm3 stack).
 */
export const DEFAULT_MAX_STACK_UNITS = 32 * 1024;
/** @deprecated The stack-slot and call-depth counters were merged into one budget; alias of DEFAULT_MAX_STACK_UNITS. */
export const DEFAULT_MAX_STACK_SLOTS = DEFAULT_MAX_STACK_UNITS;
/**
 * Deepest possible nesting under the default budget (frames of the minimum weight,
 * STACK_FRAME_BASE units: no params, no locals); heavier frames nest less deep. The host's entry
 * call counts as one frame.
 */
export const DEFAULT_MAX_CALL_DEPTH = Math.floor(DEFAULT_MAX_STACK_UNITS / STACK_FRAME_BASE);

/**
 * Stack units a function frame weighs: the base, its params and declared locals, and the maximum
 * height of its operand stack (V8's baseline compiler keeps every operand-stack value in the frame;
 * without this term, a recursion pushing 100 values before each call overflows V8's stack first).
 */
export function frameWeight(params: number, locals: number, maxOperandHeight = 0): number {
  return STACK_FRAME_BASE + STACK_UNITS_PER_PARAM * params + locals + maxOperandHeight;
}

/** Names under which the instrumented module exports its metering globals. */
export const INSTRUMENT_EXPORTS = {
  /** i64, mutable: wasm gas left. The host sets it before a call and reads it after. */
  gasLeft: '__scrtd_gas_left',
  /** i32, mutable: 1 once a charge failed (the trap that follows is "out of gas"). */
  gasExhausted: '__scrtd_gas_exhausted',
  /**
   * i32, mutable: stack units left; starts at the budget (`maxStackUnits`), is lowered by each
   * frame's weight on entry and restored on exit (garbage after a trap: use a fresh instance). A
   * host may lower it before a call, e.g. for a call nested inside another contract's host call.
   */
  stackLeft: '__scrtd_stack_left',
  /** i32, mutable: 1 once a frame did not fit in the stack budget (the trap that follows is "stack overflow"). */
  stackExhausted: '__scrtd_stack_exhausted',
} as const;

/** Export names reserved for instrumentation; a module already using one is refused. */
export const RESERVED_EXPORT_PREFIX = '__scrtd_';

export interface InstrumentOptions {
  /**
   * Stack budget in units (default DEFAULT_MAX_STACK_UNITS = 32 Ki); see frameWeight(). Above
   * ~49 000, a function close to V8's limit of 50 000 locals could fit the budget yet fail to
   * compile once the two instrumentation locals are added (an `instantiate` error, on every node).
   */
  maxStackUnits?: number;
  /** @deprecated Alias of maxStackUnits (ignored when maxStackUnits is given). */
  maxStackSlots?: number;
  /** Memory cap in pages (default 192). */
  maxMemoryPages?: number;
  /**
   * Carry charges over pure instructions and merge them into nested blocks / if arms (default
   * true). False emits every charge where its sequence opens: same outcomes, slower code; for tests.
   */
  mergeCharges?: boolean;
}

export interface InstrumentedCode {
  wasm: Uint8Array;
  /** The export names of the metering globals (always `INSTRUMENT_EXPORTS`). */
  exports: typeof INSTRUMENT_EXPORTS;
  maxStackUnits: number;
  maxMemoryPages: number;
  /** Index of the injected `memory.grow` helper, if the module grows memory. */
  growHelper?: number;
}

const OP = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  callIndirect: 0x11,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalGet: 0x23,
  globalSet: 0x24,
  memoryGrow: 0x40,
  i32Const: 0x41,
  i64Const: 0x42,
  i32LtU: 0x49,
  i64LtS: 0x53,
  i64LtU: 0x54,
  i32Sub: 0x6b,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64ExtendI32U: 0xad,
} as const;
const EMPTY_BLOCK = 0x40;

/**
 * Opcodes that can neither trap, branch, call nor touch memory: a pending gas charge may be carried
 * over them. (Writes to the module's own globals are included: after a trap the instance is
 * discarded, so nothing can observe them.) Floating-point opcodes are left out: they never reach
 * the instrumentation of uploaded code, and being conservative costs nothing.
 */
const CARRY_OVER = new Uint8Array(256);
for (const [from, to] of [
  [0x01, 0x01], // nop
  [0x1a, 0x1c], // drop, select, typed select
  [0x20, 0x24], // local.get/set/tee, global.get/set
  [0x3f, 0x3f], // memory.size
  [0x41, 0x42], // i32.const, i64.const
  [0x45, 0x5a], // i32/i64 eqz and comparisons
  [0x67, 0x6c], // i32 clz ctz popcnt add sub mul
  [0x71, 0x7e], // i32 and … rotr, i64 clz ctz popcnt add sub mul
  [0x83, 0x8a], // i64 and … rotr
  [0xa7, 0xa7], // i32.wrap_i64
  [0xac, 0xad], // i64.extend_i32_s/u
  [0xc0, 0xc4], // sign extension
] as const) {
  CARRY_OVER.fill(1, from, to + 1);
}

/**
 * Operand-stack effect of the instructions with a fixed one, as (pops << 4) | pushes; control
 * instructions, calls and `unreachable` are handled by analyzeBody itself.
 */
const EFFECT = new Uint8Array(256);
const FC_EFFECT = new Uint8Array(18);
function effect(table: Uint8Array, from: number, to: number, pops: number, pushes: number): void {
  table.fill((pops << 4) | pushes, from, to + 1);
}
effect(EFFECT, 0x0d, 0x0d, 1, 0); // br_if
effect(EFFECT, 0x1a, 0x1a, 1, 0); // drop
effect(EFFECT, 0x1b, 0x1c, 3, 1); // select, typed select
effect(EFFECT, 0x20, 0x20, 0, 1); // local.get
effect(EFFECT, 0x21, 0x21, 1, 0); // local.set
effect(EFFECT, 0x22, 0x22, 1, 1); // local.tee
effect(EFFECT, 0x23, 0x23, 0, 1); // global.get
effect(EFFECT, 0x24, 0x24, 1, 0); // global.set
effect(EFFECT, 0x25, 0x25, 1, 1); // table.get
effect(EFFECT, 0x26, 0x26, 2, 0); // table.set
effect(EFFECT, 0x28, 0x35, 1, 1); // loads
effect(EFFECT, 0x36, 0x3e, 2, 0); // stores
effect(EFFECT, 0x3f, 0x3f, 0, 1); // memory.size
effect(EFFECT, 0x40, 0x40, 1, 1); // memory.grow
effect(EFFECT, 0x41, 0x44, 0, 1); // constants
effect(EFFECT, 0x45, 0x45, 1, 1); // i32.eqz
effect(EFFECT, 0x46, 0x4f, 2, 1); // i32 comparisons
effect(EFFECT, 0x50, 0x50, 1, 1); // i64.eqz
effect(EFFECT, 0x51, 0x66, 2, 1); // i64, f32, f64 comparisons
effect(EFFECT, 0x67, 0x69, 1, 1); // i32 clz ctz popcnt
effect(EFFECT, 0x6a, 0x78, 2, 1); // i32 binary
effect(EFFECT, 0x79, 0x7b, 1, 1); // i64 clz ctz popcnt
effect(EFFECT, 0x7c, 0x8a, 2, 1); // i64 binary
effect(EFFECT, 0x8b, 0x91, 1, 1); // f32 unary
effect(EFFECT, 0x92, 0x98, 2, 1); // f32 binary
effect(EFFECT, 0x99, 0x9f, 1, 1); // f64 unary
effect(EFFECT, 0xa0, 0xa6, 2, 1); // f64 binary
effect(EFFECT, 0xa7, 0xc4, 1, 1); // conversions, reinterpretations, sign extension
effect(EFFECT, 0xd0, 0xd0, 0, 1); // ref.null
effect(EFFECT, 0xd1, 0xd1, 1, 1); // ref.is_null
effect(EFFECT, 0xd2, 0xd2, 0, 1); // ref.func
effect(FC_EFFECT, 0, 7, 1, 1); // saturating truncations
effect(FC_EFFECT, 8, 8, 3, 0); // memory.init
effect(FC_EFFECT, 10, 12, 3, 0); // memory.copy, memory.fill, table.init
effect(FC_EFFECT, 14, 14, 3, 0); // table.copy
effect(FC_EFFECT, 15, 15, 2, 1); // table.grow
effect(FC_EFFECT, 16, 16, 0, 1); // table.size
effect(FC_EFFECT, 17, 17, 3, 0); // table.fill

interface Globals {
  gas: number;
  gasExhausted: number;
  stack: number;
  stackExhausted: number;
}

/**
 * Instruments contract code for execution. Throws VmError: `invalid_wasm` for a malformed module
 * or one that already uses the reserved `__scrtd_` export names (instrumenting twice is refused),
 * `memory` for an imported memory or one whose initial size exceeds the run-time cap.
 */
export function instrument(wasm: Uint8Array, opts: InstrumentOptions = {}): InstrumentedCode {
  const maxMemoryPages = opts.maxMemoryPages ?? MAX_RUNTIME_PAGES;
  const maxStackUnits = opts.maxStackUnits ?? opts.maxStackSlots ?? DEFAULT_MAX_STACK_UNITS;
  if (!Number.isInteger(maxStackUnits) || maxStackUnits < 0 || maxStackUnits > 0x7fff_ffff) throw new RangeError('maxStackUnits must be a non-negative i32');
  if (!Number.isInteger(maxMemoryPages) || maxMemoryPages < 0 || maxMemoryPages > 65536) throw new RangeError('maxMemoryPages must be 0..65536');

  let m: WasmModule;
  try {
    m = readModule(wasm);
  } catch (e) {
    if (e instanceof WasmError) throw new VmError('invalid_wasm', e.message, { cause: e });
    throw e;
  }
  for (const e of m.exports) {
    if (e.name.startsWith(RESERVED_EXPORT_PREFIX)) {
      throw new VmError('invalid_wasm', `export "${e.name}" uses the reserved prefix ${RESERVED_EXPORT_PREFIX} (module already instrumented?)`);
    }
  }
  if (m.imports.some((i) => i.desc.kind === 'memory')) throw new VmError('memory', 'an imported memory cannot be capped; the module must define its memory');
  for (const mem of m.memories) {
    if (mem.min > maxMemoryPages) {
      throw new VmError('memory', `initial memory of ${mem.min} pages exceeds the run-time limit of ${maxMemoryPages} pages`);
    }
  }

  const sections = splitSections(wasm);
  const section = (id: number): Uint8Array | undefined => sections.find((s) => s.id === id)?.payload;

  // Types appended for the grow helper and multi-value wrapper blocks; existing indices stay valid.
  const newTypes: Uint8Array[] = [];
  const typeIndex = (params: ValType[], results: ValType[]): number => {
    const found = m.types.findIndex((t) => sameType(t, params, results));
    if (found >= 0) return found;
    const key = encodeFuncType(params, results);
    m.types.push({ params, results });
    newTypes.push(key);
    return m.types.length - 1;
  };

  // Globals appended after the module's own (imported globals come first in the index space).
  const importedGlobals = m.imports.filter((i) => i.desc.kind === 'global').length;
  const base = importedGlobals + m.globals.length;
  const g: Globals = { gas: base, gasExhausted: base + 1, stack: base + 2, stackExhausted: base + 3 };
  const i32Global = (init: number) => new ByteWriter().byte(VALTYPE_CODE.i32).byte(1).byte(OP.i32Const).s32(init).byte(OP.end).finish();
  const globalItems = [
    new ByteWriter().byte(VALTYPE_CODE.i64).byte(1).byte(OP.i64Const).s64(0).byte(OP.end).finish(),
    i32Global(0),
    i32Global(maxStackUnits),
    i32Global(0),
  ];
  const exportItems = [
    [INSTRUMENT_EXPORTS.gasLeft, g.gas],
    [INSTRUMENT_EXPORTS.gasExhausted, g.gasExhausted],
    [INSTRUMENT_EXPORTS.stackLeft, g.stack],
    [INSTRUMENT_EXPORTS.stackExhausted, g.stackExhausted],
  ].map(([name, index]) => new ByteWriter().name(name as string).byte(3).u32(index as number).finish());

  const importedFuncs = m.imports.filter((i) => i.desc.kind === 'func').length;
  const growHelper = importedFuncs + m.functions.length;
  let usesGrow = false;

  // The code section is written in one go: the body count, then each body (built in a reused
  // writer) with its size prefix.
  const bodyCount = m.code.length;
  const code = new ByteWriter();
  const w = new ByteWriter();
  const templates = new Map<number, ChargeTemplate>();
  const merge = opts.mergeCharges !== false;
  // Type of every function index (imports first), for the operand-stack effect of calls.
  const funcTypes: FuncType[] = [];
  for (const imp of m.imports) if (imp.desc.kind === 'func') funcTypes.push(m.types[imp.desc.typeIndex]!);
  for (const t of m.functions) funcTypes.push(m.types[t]!);
  const moduleTypes = m.types.slice();

  m.code.forEach((body, i) => {
    const type = m.types[m.functions[i]!]!;
    const shape = analyzeBody(body.code, body.codeOffset, funcTypes, moduleTypes);
    const weight = frameWeight(type.params.length, body.localCount, shape.maxHeight);
    w.reset();
    if (weight > maxStackUnits) {
      // The frame can never fit: the function traps with a stack overflow as soon as it is entered.
      w.range(wasm, body.offset, body.codeOffset);
      emitStackTrap(w, g);
      w.byte(OP.end);
    } else {
      // Two locals are appended: the saved stack budget (i32) and a gas scratch (i64).
      const saved = type.params.length + body.localCount;
      w.u32(body.locals.length + 2);
      for (const l of body.locals) w.u32(l.count).byte(VALTYPE_CODE[l.type]);
      w.u32(1).byte(VALTYPE_CODE.i32).u32(1).byte(VALTYPE_CODE.i64);
      const wrapper = blockTypeFor(type.results, typeIndex);
      let charge = templates.get(saved + 1);
      if (!charge) templates.set(saved + 1, (charge = chargeTemplate(g, saved + 1)));
      if (instrumentBody(w, body.code, shape, g, { weight, saved, charge, wrapper, growHelper, merge })) usesGrow = true;
    }
    code.u32(w.length).range(w.view(), 0, w.length);
  });

  const newFuncTypes: number[] = [];
  if (usesGrow) {
    newFuncTypes.push(typeIndex(['i32'], ['i32']));
    const helper = growHelperBody(g);
    code.u32(helper.length).bytes(helper);
  }

  if (newTypes.length > 0) putSection(sections, { id: 1, payload: appendToVector(section(1), newTypes) });
  if (newFuncTypes.length > 0) {
    putSection(sections, { id: 3, payload: appendToVector(section(3), newFuncTypes.map((t) => new ByteWriter().u32(t).finish())) });
  }
  if (m.memories.length === 1) {
    // The memory becomes an import the runtime provides: a pooled, zeroed WebAssembly.Memory costs
    // a few µs where a fresh one (mmap, guard regions, page faults on first touch) costs ~50 µs.
    const mem = m.memories[0]!;
    const max = Math.min(mem.max ?? maxMemoryPages, maxMemoryPages);
    const item = new ByteWriter().name('env').name(MEMORY_IMPORT).byte(2).byte(1).u32(mem.min).u32(max).finish();
    putSection(sections, { id: 2, payload: appendToVector(section(2), [item]) });
    removeSection(sections, 5);
  } else if (m.memories.length > 0) {
    const mems = m.memories.map((mem) => {
      const max = Math.min(mem.max ?? maxMemoryPages, maxMemoryPages);
      return new ByteWriter().byte(1).u32(mem.min).u32(max).finish();
    });
    putSection(sections, { id: 5, payload: encodeVector(mems) });
  }
  putSection(sections, { id: 6, payload: appendToVector(section(6), globalItems) });
  putSection(sections, { id: 7, payload: appendToVector(section(7), exportItems) });
  if (bodyCount > 0) {
    const payload = new ByteWriter().u32(bodyCount + (usesGrow ? 1 : 0)).range(code.view(), 0, code.length).finish();
    putSection(sections, { id: 10, payload });
  }
  const data = mergedDataSection(m, sections.some((s) => s.id === 12));
  if (data) putSection(sections, { id: 11, payload: data });

  const result: InstrumentedCode = {
    wasm: encodeModule(sections),
    exports: INSTRUMENT_EXPORTS,
    maxStackUnits,
    maxMemoryPages,
  };
  if (usesGrow) result.growHelper = growHelper;
  return result;
}

function sameType(t: FuncType, params: ValType[], results: ValType[]): boolean {
  return t.params.length === params.length && t.results.length === results.length && t.params.every((p, i) => p === params[i]) && t.results.every((r, i) => r === results[i]);
}

/** Block type (as bytes) of a block producing `results` from nothing. */
function blockTypeFor(results: ValType[], typeIndex: (p: ValType[], r: ValType[]) => number): Uint8Array {
  if (results.length === 0) return Uint8Array.of(EMPTY_BLOCK);
  if (results.length === 1) return Uint8Array.of(VALTYPE_CODE[results[0]!]);
  // Multi-value: a type index, encoded as a non-negative s33.
  return new ByteWriter().s64(typeIndex([], results)).finish();
}

/**
 * `t = gas - cost; gas = t; if t < 0 { gas = t + cost; exhausted = 1; unreachable }` — stack-neutral.
 * Gas is in [0, 2^63) and costs are far below 2^63, so the signed difference cannot wrap; on
 * failure gas is put back, so a failed charge leaves it unchanged. (Subtracting first and testing
 * the sign of a local is measurably cheaper in V8 than comparing, then re-reading the global.)
 */
function emitCharge(w: ByteWriter, t: ChargeTemplate, cost: number): void {
  w.range(t.head, 0, t.head.length).s64(cost).range(t.middle, 0, t.middle.length).s64(cost).range(t.tail, 0, t.tail.length);
}

/** The constant parts of emitCharge's code for one function (they differ only by the scratch local). */
interface ChargeTemplate {
  head: Uint8Array;
  middle: Uint8Array;
  tail: Uint8Array;
}

function chargeTemplate(g: Globals, scratch: number): ChargeTemplate {
  return {
    head: new ByteWriter().byte(OP.globalGet).u32(g.gas).byte(OP.i64Const).finish(),
    middle: new ByteWriter()
      .byte(OP.i64Sub).byte(OP.localTee).u32(scratch).byte(OP.globalSet).u32(g.gas)
      .byte(OP.localGet).u32(scratch).byte(OP.i64Const).s64(0).byte(OP.i64LtS)
      .byte(OP.if).byte(EMPTY_BLOCK)
      .byte(OP.localGet).u32(scratch).byte(OP.i64Const)
      .finish(),
    tail: new ByteWriter().byte(OP.i64Add).byte(OP.globalSet).u32(g.gas).byte(OP.i32Const).s32(1).byte(OP.globalSet).u32(g.gasExhausted).byte(OP.unreachable).byte(OP.end).finish(),
  };
}

/** `stack_exhausted = 1; unreachable`. */
function emitStackTrap(w: ByteWriter, g: Globals): void {
  w.byte(OP.i32Const).s32(1).byte(OP.globalSet).u32(g.stackExhausted).byte(OP.unreachable);
}

/**
 * Function entry: `saved = stack; if saved < weight { stack_exhausted = 1; unreachable } stack = saved - weight`.
 * The matching exit is `stack = saved`.
 */
function emitEnter(w: ByteWriter, g: Globals, saved: number, weight: number): void {
  w.byte(OP.globalGet).u32(g.stack).byte(OP.localTee).u32(saved).byte(OP.i32Const).s32(weight).byte(OP.i32LtU);
  w.byte(OP.if).byte(EMPTY_BLOCK);
  emitStackTrap(w, g);
  w.byte(OP.end);
  w.byte(OP.localGet).u32(saved).byte(OP.i32Const).s32(weight).byte(OP.i32Sub).byte(OP.globalSet).u32(g.stack);
}

/**
 * The `memory.grow` replacement, `(func (param i32) (result i32))`: charges 8 192 × pages (pages
 * read as unsigned, so the product fits an i64), then grows. It has no locals of its own and, being
 * a tiny leaf, no stack accounting.
 */
function growHelperBody(g: Globals): Uint8Array {
  const w = new ByteWriter().u32(0); // no local declarations
  w.byte(OP.globalGet).u32(g.gas).byte(OP.localGet).u32(0).byte(OP.i64ExtendI32U).byte(OP.i64Const).s64(GAS_PER_MEMORY_PAGE).byte(OP.i64Mul).byte(OP.i64LtU);
  w.byte(OP.if).byte(EMPTY_BLOCK).byte(OP.i32Const).s32(1).byte(OP.globalSet).u32(g.gasExhausted).byte(OP.unreachable).byte(OP.end);
  w.byte(OP.globalGet).u32(g.gas).byte(OP.localGet).u32(0).byte(OP.i64ExtendI32U).byte(OP.i64Const).s64(GAS_PER_MEMORY_PAGE).byte(OP.i64Mul).byte(OP.i64Sub).byte(OP.globalSet).u32(g.gas);
  w.byte(OP.localGet).u32(0).byte(OP.memoryGrow).byte(0x00).byte(OP.end);
  return w.finish();
}

interface BodyParams {
  /** Stack units of the frame. */
  weight: number;
  /** Index of the injected local holding the stack budget saved on entry. */
  saved: number;
  /** Charge code for the function's i64 scratch local. */
  charge: ChargeTemplate;
  /** Block type of the wrapper block (the function's results). */
  wrapper: Uint8Array;
  growHelper: number;
  /** Carry and merge charges (else each is emitted where its sequence opens). */
  merge: boolean;
}

/** An open control construct while rewriting: for an `if`, the charge carried into its arms. */
interface Open {
  kind: number;
  carry: number;
  sawElse: boolean;
}

/**
 * Pass 1 over a function body: the gas cost of each instruction sequence (numbered in the order
 * sequences open, the body being 0) and the maximum height of the operand stack. The height is an
 * upper bound computed from each instruction's stack effect; after an unconditional branch or trap
 * it restarts from the enclosing block's base (that code is unreachable).
 */
function analyzeBody(code: Uint8Array, codeOffset: number, funcTypes: FuncType[], types: FuncType[]): BodyShape {
  const costs: number[] = [0];
  const list: number[] = [];
  const open: number[] = [0];
  let h = 0;
  let max = 0;
  // Control frames: operand-stack base, block params and results.
  const ctl: { base: number; params: number; results: number }[] = [{ base: 0, params: 0, results: 0 }];
  const pop = (n: number): void => {
    h = Math.max(ctl[ctl.length - 1]!.base, h - n);
  };
  const push = (n: number): void => {
    h += n;
    if (h > max) max = h;
  };
  const arity = (bt: BlockType | undefined): [number, number] => {
    if (!bt || bt.kind === 'empty') return [0, 0];
    if (bt.kind === 'value') return [0, 1];
    const t = types[bt.index];
    return t ? [t.params.length, t.results.length] : [0, 0];
  };
  forEachInstruction(
    code,
    (ins) => {
      const op = ins.opcode;
      list.push(op, ins.offset, ins.end, ins.depth);
      if (op === OP.end) {
        open.pop();
        const top = ctl.pop()!;
        h = top.base;
        push(top.results);
        return;
      }
      if (op === OP.else) {
        open.pop();
        open.push(costs.push(0) - 1);
        const top = ctl[ctl.length - 1]!;
        h = top.base + top.params;
        return;
      }
      costs[open[open.length - 1]!]! += GAS_PER_INSTRUCTION;
      switch (op) {
        case OP.block:
        case OP.loop:
        case OP.if: {
          open.push(costs.push(0) - 1);
          if (op === OP.if) pop(1);
          const [params, results] = arity(ins.blockType);
          ctl.push({ base: Math.max(0, h - params), params, results });
          return;
        }
        case OP.unreachable:
        case OP.br:
        case OP.brTable:
        case OP.return:
          h = ctl[ctl.length - 1]!.base;
          return;
        case OP.call:
        case OP.callIndirect: {
          if (op === OP.callIndirect) pop(1);
          const t = op === OP.call ? funcTypes[ins.index!] : types[ins.index!];
          pop(t ? t.params.length : 0);
          push(t ? t.results.length : 1);
          return;
        }
        default: {
          const e = op === 0xfc ? FC_EFFECT[ins.subop] : EFFECT[op];
          // Unknown opcodes cannot get here (the reader refuses them); count a push to stay an upper bound.
          pop(e === undefined ? 0 : e >> 4);
          push(e === undefined ? 1 : e & 15);
        }
      }
    },
    codeOffset,
  );
  return { costs, maxHeight: max, instructions: list };
}

/** What analyzeBody finds out about a function body. */
interface BodyShape {
  /** Gas cost of each instruction sequence, in the order they open (0 = the body). */
  costs: number[];
  /** Upper bound of the operand-stack height. */
  maxHeight: number;
  /** Every instruction as 4 consecutive numbers: opcode, offset, end offset, nesting depth. */
  instructions: number[];
}

/**
 * Rewrites one function body's instructions into `w` (after its local declarations), given the
 * sequence costs from analyzeBody: copies the instructions, keeping a pending charge that starts
 * with each sequence's cost and is emitted just before the first instruction that is not in
 * CARRY_OVER (or merged into a nested block / both if arms). Returns whether the body uses
 * memory.grow.
 */
function instrumentBody(w: ByteWriter, code: Uint8Array, shape: BodyShape, g: Globals, p: BodyParams): boolean {
  const { costs, instructions: list } = shape;
  let usesGrow = false;
  let next = 1; // next sequence number to be opened
  let pending = costs[0]!;
  const charge = p.charge;
  // Original bytes are copied lazily, in runs: `from` is the first byte not yet copied.
  let from = 0;
  const copyTo = (pos: number): void => {
    if (pos > from) w.range(code, from, pos);
    from = pos;
  };
  /** Emits the pending charge (if any) just before the instruction at `pos`. */
  const flushAt = (pos: number): void => {
    if (pending === 0) return;
    copyTo(pos);
    emitCharge(w, charge, pending);
    pending = 0;
  };
  const stack: Open[] = [{ kind: OP.block, carry: 0, sawElse: false }]; // the wrapper block
  emitEnter(w, g, p.saved, p.weight);
  w.byte(OP.block).bytes(p.wrapper);
  for (let k = 0; k < list.length; k += 4) {
    const op = list[k]!;
    const offset = list[k + 1]!;
    const end = list[k + 2]!;
    switch (op) {
      case OP.block:
        // Entered right away: the parent's pending charge joins the block's.
        if (!p.merge) flushAt(offset);
        stack.push({ kind: OP.block, carry: 0, sawElse: false });
        pending += costs[next++]!;
        continue;
      case OP.loop:
        // Re-entered per iteration: the parent's charge must not join the loop body's.
        flushAt(offset);
        stack.push({ kind: OP.loop, carry: 0, sawElse: false });
        pending = costs[next++]!;
        continue;
      case OP.if:
        // Exactly one arm runs: the parent's pending charge is carried into both.
        if (!p.merge) flushAt(offset);
        stack.push({ kind: OP.if, carry: pending, sawElse: false });
        pending += costs[next++]!;
        continue;
      case OP.else: {
        flushAt(offset);
        const top = stack[stack.length - 1]!;
        top.sawElse = true;
        pending = top.carry + costs[next++]!;
        continue;
      }
      case OP.end: {
        flushAt(offset);
        const top = stack.pop()!;
        // An `if` without `else` whose condition-false path owes the carried charge: add the arm.
        // (Valid: an if without else already has identical param and result types.)
        if (top.kind === OP.if && !top.sawElse && top.carry > 0) {
          copyTo(offset);
          w.byte(OP.else);
          emitCharge(w, charge, top.carry);
        }
        if (stack.length === 0) {
          // That `end` closed the wrapper block; every exit of the function lands here.
          copyTo(end);
          w.byte(OP.localGet).u32(p.saved).byte(OP.globalSet).u32(g.stack);
          w.byte(OP.end);
        }
        continue;
      }
      case OP.return:
        // Branch to the wrapper block instead, so the stack restore runs; the block's result
        // type is the function's, so the branch carries exactly the values `return` would.
        flushAt(offset);
        copyTo(offset);
        w.byte(OP.br).u32(list[k + 3]!);
        from = end;
        continue;
      case OP.memoryGrow:
        flushAt(offset);
        copyTo(offset);
        usesGrow = true;
        w.byte(OP.call).u32(p.growHelper);
        from = end;
        continue;
      default:
        if (!p.merge || CARRY_OVER[op] !== 1) flushAt(offset);
    }
  }
  return usesGrow;
}

/** Largest run of zero bytes filled in to join two data segments. */
const MAX_DATA_GAP = 256;

/**
 * Fewer, larger data segments: V8 initialises each active segment separately when an instance is
 * created (a fresh instance per call), and toolchains such as AssemblyScript emit one per constant.
 * Only when merging cannot be observed: every segment active in memory 0 at an i32.const offset, in
 * ascending non-overlapping order, no data-count section (no memory.init / data.drop by index).
 * Gaps of zeros are filled in; memory starts zeroed, so the initial memory is the same bytes.
 */
function mergedDataSection(m: WasmModule, hasDataCount: boolean): Uint8Array | undefined {
  const segs = m.data;
  if (segs.length < 2 || hasDataCount) return undefined;
  let end = 0;
  const runs: { start: number; parts: Uint8Array[]; end: number }[] = [];
  for (const d of segs) {
    if (d.mode !== 'active' || d.memoryIndex !== 0 || d.offset?.op !== 'i32.const') return undefined;
    const start = Number(d.offset.value) >>> 0;
    if (start < end) return undefined; // out of order or overlapping: keep the module's own order
    const last = runs[runs.length - 1];
    if (last && start - last.end <= MAX_DATA_GAP) {
      if (start > last.end) last.parts.push(new Uint8Array(start - last.end));
      last.parts.push(d.bytes);
      last.end = start + d.bytes.length;
    } else {
      runs.push({ start, parts: [d.bytes], end: start + d.bytes.length });
    }
    end = start + d.bytes.length;
  }
  if (runs.length === segs.length) return undefined;
  const w = new ByteWriter().u32(runs.length);
  for (const r of runs) {
    w.byte(0).byte(OP.i32Const).s32(r.start | 0).byte(OP.end).u32(r.end - r.start);
    for (const p of r.parts) w.bytes(p);
  }
  return w.finish();
}
