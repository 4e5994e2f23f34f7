// Decodes a function body's instruction stream: opcode, immediates and block nesting. Used at
// upload to find floating-point operations and, later, by gas instrumentation, which needs the
// exact instruction boundaries and block structure. Covers the MVP plus the extensions current
// Rust toolchains emit (sign extension, saturating float-to-int, bulk memory, reference types'
// table/ref ops and typed select). Anything else (SIMD, threads, exceptions, tail calls…) is a
// WasmError: a contract using it could not run here, so it is better refused at upload.

import { Cursor } from './cursor.js';
import { WasmError } from './errors.js';
import { type ValType, readValType } from './types.js';

type Imm =
  | 'none'
  | 'block'
  | 'label'
  | 'br_table'
  | 'func'
  | 'call_indirect'
  | 'local'
  | 'global'
  | 'table'
  | 'memarg'
  | 'memzero'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'reftype'
  | 'select_t'
  | 'data_mem'
  | 'data'
  | 'mem_mem'
  | 'elem_table'
  | 'elem'
  | 'table_table';

interface OpInfo {
  name: string;
  imm: Imm;
  float: boolean;
}

export type BlockType = { kind: 'empty' } | { kind: 'value'; type: ValType } | { kind: 'type'; index: number };

export interface Instruction {
  /** Byte offset of the opcode, relative to the start of the instruction bytes being walked. */
  offset: number;
  /** Offset just after the instruction's last immediate. */
  end: number;
  /** First opcode byte (0xFC for the prefixed group). */
  opcode: number;
  /** Sub-opcode of the 0xFC group, else -1. */
  subop: number;
  name: string;
  /** True for every instruction that reads, produces or converts an f32/f64 value. */
  float: boolean;
  /** Number of enclosing blocks (0 = directly in the function body); for `end`/`else`, the depth of the block they close. */
  depth: number;
  blockType?: BlockType;
  /** Label, function, local, global, table, type, data or element index (the first index immediate). */
  index?: number;
  /** Second index immediate: call_indirect's table, table.init's table, table.copy's source table. */
  index2?: number;
  /** br_table targets; the last entry is the default label. */
  targets?: number[];
  memarg?: { align: number; offset: number };
  /** i32.const / i64.const value; f32.const / f64.const raw IEEE bits (never converted to a float). */
  value?: number | bigint;
  /** ref.null's type, or typed select's operand types. */
  types?: ValType[];
}

const OPS: (OpInfo | undefined)[] = new Array(256);
const FC_OPS: (OpInfo | undefined)[] = new Array(18);

function def(table: (OpInfo | undefined)[], op: number, name: string, imm: Imm = 'none', float = false): void {
  table[op] = { name, imm, float };
}
function defRun(first: number, names: string, imm: Imm = 'none', float = false): void {
  names.split(' ').forEach((n, i) => def(OPS, first + i, n, imm, float));
}

def(OPS, 0x00, 'unreachable');
def(OPS, 0x01, 'nop');
def(OPS, 0x02, 'block', 'block');
def(OPS, 0x03, 'loop', 'block');
def(OPS, 0x04, 'if', 'block');
def(OPS, 0x05, 'else');
def(OPS, 0x0b, 'end');
def(OPS, 0x0c, 'br', 'label');
def(OPS, 0x0d, 'br_if', 'label');
def(OPS, 0x0e, 'br_table', 'br_table');
def(OPS, 0x0f, 'return');
def(OPS, 0x10, 'call', 'func');
def(OPS, 0x11, 'call_indirect', 'call_indirect');
def(OPS, 0x1a, 'drop');
def(OPS, 0x1b, 'select');
def(OPS, 0x1c, 'select', 'select_t');
defRun(0x20, 'local.get local.set local.tee', 'local');
defRun(0x23, 'global.get global.set', 'global');
defRun(0x25, 'table.get table.set', 'table');
defRun(
  0x28,
  'i32.load i64.load f32.load f64.load i32.load8_s i32.load8_u i32.load16_s i32.load16_u i64.load8_s i64.load8_u ' +
    'i64.load16_s i64.load16_u i64.load32_s i64.load32_u i32.store i64.store f32.store f64.store i32.store8 ' +
    'i32.store16 i64.store8 i64.store16 i64.store32',
  'memarg',
);
for (const op of [0x2a, 0x2b, 0x38, 0x39]) OPS[op]!.float = true;
defRun(0x3f, 'memory.size memory.grow', 'memzero');
def(OPS, 0x41, 'i32.const', 'i32');
def(OPS, 0x42, 'i64.const', 'i64');
def(OPS, 0x43, 'f32.const', 'f32', true);
def(OPS, 0x44, 'f64.const', 'f64', true);
defRun(0x45, 'i32.eqz i32.eq i32.ne i32.lt_s i32.lt_u i32.gt_s i32.gt_u i32.le_s i32.le_u i32.ge_s i32.ge_u');
defRun(0x50, 'i64.eqz i64.eq i64.ne i64.lt_s i64.lt_u i64.gt_s i64.gt_u i64.le_s i64.le_u i64.ge_s i64.ge_u');
defRun(0x5b, 'f32.eq f32.ne f32.lt f32.gt f32.le f32.ge f64.eq f64.ne f64.lt f64.gt f64.le f64.ge', 'none', true);
defRun(
  0x67,
  'i32.clz i32.ctz i32.popcnt i32.add i32.sub i32.mul i32.div_s i32.div_u i32.rem_s i32.rem_u i32.and i32.or ' +
    'i32.xor i32.shl i32.shr_s i32.shr_u i32.rotl i32.rotr',
);
defRun(
  0x79,
  'i64.clz i64.ctz i64.popcnt i64.add i64.sub i64.mul i64.div_s i64.div_u i64.rem_s i64.rem_u i64.and i64.or ' +
    'i64.xor i64.shl i64.shr_s i64.shr_u i64.rotl i64.rotr',
);
defRun(
  0x8b,
  'f32.abs f32.neg f32.ceil f32.floor f32.trunc f32.nearest f32.sqrt f32.add f32.sub f32.mul f32.div f32.min ' +
    'f32.max f32.copysign f64.abs f64.neg f64.ceil f64.floor f64.trunc f64.nearest f64.sqrt f64.add f64.sub ' +
    'f64.mul f64.div f64.min f64.max f64.copysign',
  'none',
  true,
);
def(OPS, 0xa7, 'i32.wrap_i64');
defRun(0xa8, 'i32.trunc_f32_s i32.trunc_f32_u i32.trunc_f64_s i32.trunc_f64_u', 'none', true);
defRun(0xac, 'i64.extend_i32_s i64.extend_i32_u');
defRun(
  0xae,
  'i64.trunc_f32_s i64.trunc_f32_u i64.trunc_f64_s i64.trunc_f64_u f32.convert_i32_s f32.convert_i32_u ' +
    'f32.convert_i64_s f32.convert_i64_u f32.demote_f64 f64.convert_i32_s f64.convert_i32_u f64.convert_i64_s ' +
    'f64.convert_i64_u f64.promote_f32 i32.reinterpret_f32 i64.reinterpret_f64 f32.reinterpret_i32 ' +
    'f64.reinterpret_i64',
  'none',
  true,
);
defRun(0xc0, 'i32.extend8_s i32.extend16_s i64.extend8_s i64.extend16_s i64.extend32_s');
def(OPS, 0xd0, 'ref.null', 'reftype');
def(OPS, 0xd1, 'ref.is_null');
def(OPS, 0xd2, 'ref.func', 'func');

'i32.trunc_sat_f32_s i32.trunc_sat_f32_u i32.trunc_sat_f64_s i32.trunc_sat_f64_u i64.trunc_sat_f32_s i64.trunc_sat_f32_u i64.trunc_sat_f64_s i64.trunc_sat_f64_u'
  .split(' ')
  .forEach((n, i) => def(FC_OPS, i, n, 'none', true));
def(FC_OPS, 8, 'memory.init', 'data_mem');
def(FC_OPS, 9, 'data.drop', 'data');
def(FC_OPS, 10, 'memory.copy', 'mem_mem');
def(FC_OPS, 11, 'memory.fill', 'memzero');
def(FC_OPS, 12, 'table.init', 'elem_table');
def(FC_OPS, 13, 'elem.drop', 'elem');
def(FC_OPS, 14, 'table.copy', 'table_table');
def(FC_OPS, 15, 'table.grow', 'table');
def(FC_OPS, 16, 'table.size', 'table');
def(FC_OPS, 17, 'table.fill', 'table');

const isFloat = (t: ValType): boolean => t === 'f32' || t === 'f64';

function readBlockType(c: Cursor): BlockType {
  const b = c.pos < c.end ? c.buf[c.pos] : undefined;
  if (b === 0x40) {
    c.pos++;
    return { kind: 'empty' };
  }
  // A single byte in 0x40..0x7F is a (negative) value type; anything else is a type index (s33 ≥ 0).
  if (b !== undefined && b > 0x40 && b < 0x80) return { kind: 'value', type: readValType(c) };
  const at = c.pos;
  const index = c.s33();
  if (index < 0) c.fail('invalid block type', at);
  return { kind: 'type', index };
}

function readZeroByte(c: Cursor): void {
  const at = c.pos;
  if (c.u8() !== 0) c.fail('reserved memory index byte must be zero (multiple memories are not supported)', at);
}

function decodeImmediates(c: Cursor, imm: Imm, ins: Instruction, labelDepth: number): void {
  switch (imm) {
    case 'none':
      return;
    case 'block':
      ins.blockType = readBlockType(c);
      if (ins.blockType.kind === 'value' && isFloat(ins.blockType.type)) ins.float = true;
      return;
    case 'label': {
      const at = c.pos;
      ins.index = c.u32();
      if (ins.index > labelDepth) c.fail(`branch label ${ins.index} out of range`, at);
      return;
    }
    case 'br_table': {
      const n = c.count('br_table targets', 1_000_000);
      const targets: number[] = [];
      for (let i = 0; i <= n; i++) {
        const at = c.pos;
        const label = c.u32();
        if (label > labelDepth) c.fail(`branch label ${label} out of range`, at);
        targets.push(label);
      }
      ins.targets = targets;
      return;
    }
    case 'func':
    case 'local':
    case 'global':
    case 'table':
    case 'data':
    case 'elem':
      ins.index = c.u32();
      return;
    case 'call_indirect':
    case 'elem_table':
    case 'table_table':
      ins.index = c.u32();
      ins.index2 = c.u32();
      return;
    case 'memarg':
      ins.memarg = { align: c.u32(), offset: c.u32() };
      return;
    case 'memzero':
      readZeroByte(c);
      return;
    case 'data_mem':
      ins.index = c.u32();
      readZeroByte(c);
      return;
    case 'mem_mem':
      readZeroByte(c);
      readZeroByte(c);
      return;
    case 'i32':
      ins.value = c.s32();
      return;
    case 'i64':
      ins.value = c.s64();
      return;
    case 'f32':
      ins.value = c.fixed32();
      return;
    case 'f64':
      ins.value = c.fixed64();
      return;
    case 'reftype': {
      const at = c.pos;
      const t = readValType(c);
      if (t !== 'funcref' && t !== 'externref') c.fail('ref.null needs a reference type', at);
      ins.types = [t];
      return;
    }
    case 'select_t': {
      const n = c.count('select types', 1);
      const types: ValType[] = [];
      for (let i = 0; i < n; i++) types.push(readValType(c));
      ins.types = types;
      if (types.some(isFloat)) ins.float = true;
      return;
    }
  }
}

/**
 * Calls `cb` for every instruction of an expression that ends with the `end` closing the function
 * body (or constant expression). Checks block nesting (`else` only inside `if`, branch labels in
 * range, nothing after the final `end`). Instruction offsets are relative to `code`; WasmError
 * offsets add `baseOffset`, so callers that pass a function body's code can report module offsets.
 */
export function forEachInstruction(code: Uint8Array, cb: (ins: Instruction) => void, baseOffset = 0): void {
  try {
    walk(code, cb);
  } catch (e) {
    if (e instanceof WasmError && baseOffset !== 0) throw new WasmError(stripOffset(e.message), e.offset + baseOffset);
    throw e;
  }
}

function stripOffset(message: string): string {
  return message.replace(/ \(at byte \d+\)$/, '');
}

function walk(code: Uint8Array, cb: (ins: Instruction) => void): void {
  const c: Cursor = new Cursor(code);
  // Open blocks: the opcode that opened each (0x04 'if' becomes 0x05 once its else arm started).
  // The function body itself is the outermost frame, so branches to label `stack.length - 1` are legal.
  const stack: number[] = [0];
  while (stack.length > 0) {
    const offset = c.pos;
    if (c.atEnd()) c.fail('function body ends without its final `end`');
    const opcode = c.u8();
    let subop = -1;
    let info: OpInfo | undefined;
    if (opcode === 0xfc) {
      subop = c.u32();
      info = FC_OPS[subop];
      if (!info) c.fail(`unsupported instruction 0xfc ${subop}`, offset);
    } else {
      info = OPS[opcode];
      if (!info) c.fail(`unsupported or invalid opcode 0x${opcode.toString(16).padStart(2, '0')}`, offset);
    }
    const ins: Instruction = { offset, end: 0, opcode, subop, name: info.name, float: info.float, depth: stack.length - 1 };
    decodeImmediates(c, info.imm, ins, stack.length - 1);
    if (opcode === 0x05) {
      if (stack[stack.length - 1] !== 0x04) c.fail('`else` outside an `if` block', offset);
      stack[stack.length - 1] = 0x05;
      ins.depth = stack.length - 2;
    } else if (opcode === 0x0b) {
      stack.pop();
      ins.depth = stack.length - 1 < 0 ? 0 : stack.length - 1;
    } else if (opcode === 0x02 || opcode === 0x03 || opcode === 0x04) {
      stack.push(opcode);
    }
    ins.end = c.pos;
    cb(ins);
  }
  if (!c.atEnd()) c.fail(`${c.remaining} bytes after the final \`end\``);
}
