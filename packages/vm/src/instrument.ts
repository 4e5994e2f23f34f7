// Run-time instrumentation of contract code (secret-protocol.md §7.5, §8): gas metering, a call
// depth limit and the 192-page memory cap, all injected into the module itself so that every limit
// is enforced by the wasm code and is identical on every node, whatever the host engine does.
//
// Gas: Secret meters with walrus-injected code: 2 per instruction, charged up front for each
// instruction sequence (function body, block body, loop body — so per iteration —, if arm, else
// arm), a nested block counting as one instruction of its parent and `end`/`else` not counting.
// `memory.grow` additionally costs 8 192 per requested page. The counter lives in an exported
// mutable i64 global (a host call per block would cost an order of magnitude more in V8); running
// out sets an exported "exhausted" flag and executes `unreachable`.
//
// Call depth: each defined function increments an i32 global on entry and checks it against the
// limit; its body is wrapped in a `block` of the function's result type so that every exit — the
// final `end`, `br`/`br_if`/`br_table` to the outermost label, and `return` (rewritten as a `br` to
// the wrapper) — falls through to a single decrement. A second counter adds each frame's params +
// declared locals, because frame size, not frame count, is what exhausts V8's native stack (1 000
// frames of 400 i64 locals overflow it). V8's own stack therefore never decides the outcome of a
// deep recursion: our limits fire first, at the same point on every run.
//
// The instrumented code is meant to be produced once per code id and cached by the caller.

import { VmError, WasmError } from './errors.js';
import { forEachInstruction } from './instructions.js';
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
  splitSections,
} from './writer.js';

/** Wasm gas per instruction (every instruction, whatever its type). */
export const GAS_PER_INSTRUCTION = 2;
/** Additional wasm gas per page requested by `memory.grow` (charged even if the grow fails). */
export const GAS_PER_MEMORY_PAGE = 8192;
/** Run-time memory limit: 192 pages of 64 KiB = 12 MiB. */
export const MAX_RUNTIME_PAGES = 192;
/** Default limit on nested calls of module-defined functions (the host's entry call counts as 1). */
export const DEFAULT_MAX_CALL_DEPTH = 1000;
/**
 * Default limit on the sum, over all active frames, of each function's parameters + declared
 * locals (V8 keeps ~8 bytes per slot: 32 Ki slots ≈ 256 KiB, well inside Node's ~984 KiB stack,
 * and still above Secret's 60 KiB wasm3 stack). Without it, 1 000 frames of 400 locals each
 * exhaust V8's native stack first, and where that happens depends on the host.
 */
export const DEFAULT_MAX_STACK_SLOTS = 32 * 1024;

/** Names under which the instrumented module exports its metering globals. */
export const INSTRUMENT_EXPORTS = {
  /** i64, mutable: wasm gas left. The host sets it before a call and reads it after. */
  gasLeft: '__scrtd_gas_left',
  /** i32, mutable: 1 once a charge failed (the trap that follows is "out of gas"). */
  gasExhausted: '__scrtd_gas_exhausted',
  /** i32, mutable: current call depth (0 outside calls; garbage after a trap). */
  callDepth: '__scrtd_call_depth',
  /** i32, mutable: sum of params + locals of the active frames (0 outside calls; garbage after a trap). */
  stackSlots: '__scrtd_stack_slots',
  /** i32, mutable: 1 once the call depth or stack slot limit was exceeded (the trap that follows is "stack overflow"). */
  stackExhausted: '__scrtd_stack_exhausted',
} as const;

/** Export names reserved for instrumentation; a module already using one is refused. */
export const RESERVED_EXPORT_PREFIX = '__scrtd_';

export interface InstrumentOptions {
  /** Nested-call limit (default 1 000). */
  maxCallDepth?: number;
  /** Limit on the params + locals of all active frames (default 32 Ki). */
  maxStackSlots?: number;
  /** Memory cap in pages (default 192). */
  maxMemoryPages?: number;
}

export interface InstrumentedCode {
  wasm: Uint8Array;
  /** The export names of the metering globals (always `INSTRUMENT_EXPORTS`). */
  exports: typeof INSTRUMENT_EXPORTS;
  maxCallDepth: number;
  maxStackSlots: number;
  maxMemoryPages: number;
  /** Index of the injected `memory.grow` helper, if the module grows memory. */
  growHelper?: number;
}

const OP = {
  unreachable: 0x00,
  block: 0x02,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  return: 0x0f,
  call: 0x10,
  localGet: 0x20,
  globalGet: 0x23,
  globalSet: 0x24,
  memoryGrow: 0x40,
  i32Const: 0x41,
  i64Const: 0x42,
  i32GtU: 0x4b,
  i64LtU: 0x54,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64ExtendI32U: 0xad,
} as const;
const EMPTY_BLOCK = 0x40;

interface Globals {
  gas: number;
  gasExhausted: number;
  depth: number;
  stackExhausted: number;
  slots: number;
}

interface Limits {
  depth: number;
  slots: number;
}

/**
 * Instruments contract code for execution. Throws VmError: `invalid_wasm` for a malformed module
 * or one that already uses the reserved `__scrtd_` export names (instrumenting twice is refused),
 * `memory` for an imported memory or one whose initial size exceeds the run-time cap.
 */
export function instrument(wasm: Uint8Array, opts: InstrumentOptions = {}): InstrumentedCode {
  const maxCallDepth = opts.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
  const maxMemoryPages = opts.maxMemoryPages ?? MAX_RUNTIME_PAGES;
  const maxStackSlots = opts.maxStackSlots ?? DEFAULT_MAX_STACK_SLOTS;
  if (!Number.isInteger(maxStackSlots) || maxStackSlots < 0 || maxStackSlots > 0x7fff_ffff) throw new RangeError('maxStackSlots must be a non-negative i32');
  if (!Number.isInteger(maxCallDepth) || maxCallDepth < 1 || maxCallDepth > 0x7fff_ffff) throw new RangeError('maxCallDepth must be a positive i32');
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
  const g: Globals = { gas: base, gasExhausted: base + 1, depth: base + 2, stackExhausted: base + 3, slots: base + 4 };
  const globalItems = [
    new ByteWriter().byte(VALTYPE_CODE.i64).byte(1).byte(OP.i64Const).s64(0).byte(OP.end).finish(),
    ...[0, 1, 2, 3].map(() => new ByteWriter().byte(VALTYPE_CODE.i32).byte(1).byte(OP.i32Const).s32(0).byte(OP.end).finish()),
  ];
  const exportItems = [
    [INSTRUMENT_EXPORTS.gasLeft, g.gas],
    [INSTRUMENT_EXPORTS.gasExhausted, g.gasExhausted],
    [INSTRUMENT_EXPORTS.callDepth, g.depth],
    [INSTRUMENT_EXPORTS.stackExhausted, g.stackExhausted],
    [INSTRUMENT_EXPORTS.stackSlots, g.slots],
  ].map(([name, index]) => new ByteWriter().name(name as string).byte(3).u32(index as number).finish());

  const importedFuncs = m.imports.filter((i) => i.desc.kind === 'func').length;
  const growHelper = importedFuncs + m.functions.length;
  let usesGrow = false;

  const bodies: Uint8Array[] = [];
  m.code.forEach((body, i) => {
    const type = m.types[m.functions[i]!]!;
    const wrapper = blockTypeFor(type.results, typeIndex);
    const frame = type.params.length + body.localCount;
    const out = instrumentBody(body.code, body.codeOffset, g, { depth: maxCallDepth, slots: maxStackSlots }, frame, wrapper, growHelper);
    if (out.usesGrow) usesGrow = true;
    const w = new ByteWriter().bytes(wasm.subarray(body.offset, body.codeOffset)).bytes(out.code);
    bodies.push(new ByteWriter().u32(w.length).bytes(w.finish()).finish());
  });

  const newFuncTypes: number[] = [];
  if (usesGrow) {
    newFuncTypes.push(typeIndex(['i32'], ['i32']));
    const code = growHelperBody(g);
    bodies.push(new ByteWriter().u32(code.length).bytes(code).finish());
  }

  if (newTypes.length > 0) putSection(sections, { id: 1, payload: appendToVector(section(1), newTypes) });
  if (newFuncTypes.length > 0) {
    putSection(sections, { id: 3, payload: appendToVector(section(3), newFuncTypes.map((t) => new ByteWriter().u32(t).finish())) });
  }
  if (m.memories.length > 0) {
    const mems = m.memories.map((mem) => {
      const max = Math.min(mem.max ?? maxMemoryPages, maxMemoryPages);
      return new ByteWriter().byte(1).u32(mem.min).u32(max).finish();
    });
    putSection(sections, { id: 5, payload: encodeVector(mems) });
  }
  putSection(sections, { id: 6, payload: appendToVector(section(6), globalItems) });
  putSection(sections, { id: 7, payload: appendToVector(section(7), exportItems) });
  if (bodies.length > 0) putSection(sections, { id: 10, payload: encodeVector(bodies) });

  const result: InstrumentedCode = {
    wasm: encodeModule(sections),
    exports: INSTRUMENT_EXPORTS,
    maxCallDepth,
    maxStackSlots,
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

/** `if gas < cost { exhausted = 1; unreachable } gas -= cost` — stack-neutral. */
function emitCharge(w: ByteWriter, g: Globals, cost: number): void {
  w.byte(OP.globalGet).u32(g.gas).byte(OP.i64Const).s64(cost).byte(OP.i64LtU);
  w.byte(OP.if).byte(EMPTY_BLOCK).byte(OP.i32Const).s32(1).byte(OP.globalSet).u32(g.gasExhausted).byte(OP.unreachable).byte(OP.end);
  w.byte(OP.globalGet).u32(g.gas).byte(OP.i64Const).s64(cost).byte(OP.i64Sub).byte(OP.globalSet).u32(g.gas);
}

/** `counter += amount; if counter > limit { stack_exhausted = 1; unreachable }` — stack-neutral. */
function emitBump(w: ByteWriter, g: Globals, counter: number, amount: number, limit: number): void {
  // Counters cannot wrap: each entry adds at most ~50 000 (locals limit) to a value ≤ limit < 2^31.
  w.byte(OP.globalGet).u32(counter).byte(OP.i32Const).s32(amount).byte(OP.i32Add).byte(OP.globalSet).u32(counter);
  w.byte(OP.globalGet).u32(counter).byte(OP.i32Const).s32(limit).byte(OP.i32GtU);
  w.byte(OP.if).byte(EMPTY_BLOCK).byte(OP.i32Const).s32(1).byte(OP.globalSet).u32(g.stackExhausted).byte(OP.unreachable).byte(OP.end);
}

function emitEnter(w: ByteWriter, g: Globals, limits: Limits, frame: number): void {
  emitBump(w, g, g.depth, 1, limits.depth);
  if (frame > 0) emitBump(w, g, g.slots, frame, limits.slots);
}

function emitLeave(w: ByteWriter, g: Globals, frame: number): void {
  w.byte(OP.globalGet).u32(g.depth).byte(OP.i32Const).s32(1).byte(OP.i32Sub).byte(OP.globalSet).u32(g.depth);
  if (frame > 0) w.byte(OP.globalGet).u32(g.slots).byte(OP.i32Const).s32(frame).byte(OP.i32Sub).byte(OP.globalSet).u32(g.slots);
}

/**
 * The `memory.grow` replacement, `(func (param i32) (result i32))`: charges 8 192 × pages (pages
 * read as unsigned, so the product fits an i64), then grows. It has no locals of its own.
 */
function growHelperBody(g: Globals): Uint8Array {
  const w = new ByteWriter().u32(0); // no local declarations
  w.byte(OP.globalGet).u32(g.gas).byte(OP.localGet).u32(0).byte(OP.i64ExtendI32U).byte(OP.i64Const).s64(GAS_PER_MEMORY_PAGE).byte(OP.i64Mul).byte(OP.i64LtU);
  w.byte(OP.if).byte(EMPTY_BLOCK).byte(OP.i32Const).s32(1).byte(OP.globalSet).u32(g.gasExhausted).byte(OP.unreachable).byte(OP.end);
  w.byte(OP.globalGet).u32(g.gas).byte(OP.localGet).u32(0).byte(OP.i64ExtendI32U).byte(OP.i64Const).s64(GAS_PER_MEMORY_PAGE).byte(OP.i64Mul).byte(OP.i64Sub).byte(OP.globalSet).u32(g.gas);
  w.byte(OP.localGet).u32(0).byte(OP.memoryGrow).byte(0x00).byte(OP.end);
  return w.finish();
}

/**
 * Rewrites one function body's instructions. Pass 1 sums the cost of each instruction sequence
 * (numbered in the order sequences open); pass 2 copies the instructions, inserting each
 * sequence's charge right after the point where it opens.
 */
function instrumentBody(
  code: Uint8Array,
  codeOffset: number,
  g: Globals,
  limits: Limits,
  frame: number,
  wrapperType: Uint8Array,
  growHelper: number,
): { code: Uint8Array; usesGrow: boolean } {
  const costs: number[] = [0];
  const open: number[] = [0];
  forEachInstruction(
    code,
    (ins) => {
      if (ins.opcode === OP.end) {
        open.pop();
        return;
      }
      if (ins.opcode === OP.else) {
        open.pop();
        open.push(costs.push(0) - 1);
        return;
      }
      costs[open[open.length - 1]!]! += GAS_PER_INSTRUCTION;
      if (ins.opcode === OP.block || ins.opcode === 0x03 || ins.opcode === OP.if) open.push(costs.push(0) - 1);
    },
    codeOffset,
  );

  const w = new ByteWriter();
  let usesGrow = false;
  let next = 1; // next sequence number to be opened
  let depth = 1; // open blocks including the function body
  const charge = (seq: number): void => {
    if (costs[seq]! > 0) emitCharge(w, g, costs[seq]!);
  };
  charge(0);
  emitEnter(w, g, limits, frame);
  w.byte(OP.block).bytes(wrapperType);
  forEachInstruction(code, (ins) => {
    const raw = code.subarray(ins.offset, ins.end);
    switch (ins.opcode) {
      case OP.end:
        depth--;
        w.bytes(raw);
        if (depth === 0) {
          // That `end` closed the wrapper block; every exit of the function lands here.
          emitLeave(w, g, frame);
          w.byte(OP.end);
        }
        return;
      case OP.else:
        w.bytes(raw);
        charge(next++);
        return;
      case OP.block:
      case 0x03:
      case OP.if:
        depth++;
        w.bytes(raw);
        charge(next++);
        return;
      case OP.return:
        // Branch to the wrapper block instead, so the depth decrement runs; the block's result
        // type is the function's, so the branch carries exactly the values `return` would.
        w.byte(OP.br).u32(ins.depth);
        return;
      case OP.memoryGrow:
        usesGrow = true;
        w.byte(OP.call).u32(growHelper);
        return;
      default:
        w.bytes(raw);
    }
  });
  return { code: w.finish(), usesGrow };
}
