// WebAssembly binary reader: turns module bytes into a plain object model (no copies of code or
// data: bodies and segments are views into the input plus their byte offsets). It checks the
// binary format — header, section order, section and vector sizes, LEB128 encodings, UTF-8 names,
// index ranges that the object model depends on — but not instruction typing; that is left to the
// engine's own validation. Every count is checked against the bytes that remain and against a fixed
// limit before anything is allocated, so hostile input cannot make the reader allocate or loop
// beyond a small multiple of its own size.

import { Cursor } from './cursor.js';
import { WasmError } from './errors.js';
import { type ValType, readRefType, readValType } from './types.js';

export type { ValType } from './types.js';

/** Hard limits on what a module may declare (in the spirit of wasmparser's, generous for contracts). */
export const READER_LIMITS = {
  moduleBytes: 64 * 1024 * 1024,
  types: 100_000,
  params: 1_000,
  results: 1_000,
  imports: 100_000,
  functions: 1_000_000,
  tables: 100,
  memories: 100,
  globals: 1_000_000,
  exports: 100_000,
  elementSegments: 100_000,
  elementItems: 10_000_000,
  dataSegments: 100_000,
  localsPerFunction: 50_000,
  functionBodyBytes: 7_654_321,
  nameBytes: 100_000,
  memoryPages: 65_536,
} as const;

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max?: number;
}

export interface TableType {
  element: 'funcref' | 'externref';
  limits: Limits;
}

export interface GlobalType {
  type: ValType;
  mutable: boolean;
}

export type ImportDesc =
  | { kind: 'func'; typeIndex: number }
  | { kind: 'table'; table: TableType }
  | { kind: 'memory'; limits: Limits }
  | { kind: 'global'; global: GlobalType };

export interface Import {
  module: string;
  name: string;
  desc: ImportDesc;
  offset: number;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';

export interface Export {
  name: string;
  kind: ExternKind;
  index: number;
}

/** A constant expression (MVP form: one instruction then `end`). */
export interface ConstExpr {
  op: 'i32.const' | 'i64.const' | 'f32.const' | 'f64.const' | 'global.get' | 'ref.null' | 'ref.func';
  /** The constant (float constants as raw bits), the global or function index; 0 for ref.null. */
  value: number | bigint;
  offset: number;
}

export interface Global {
  type: GlobalType;
  init: ConstExpr;
}

export interface ElementSegment {
  mode: 'active' | 'passive' | 'declarative';
  tableIndex: number;
  /** Start offset in the table (active segments only). */
  offset?: ConstExpr;
  type: 'funcref' | 'externref';
  /** Items as constant expressions: `ref.func i`, `ref.null` (or `global.get`). */
  items: ConstExpr[];
}

export interface DataSegment {
  mode: 'active' | 'passive';
  memoryIndex: number;
  offset?: ConstExpr;
  /** Absolute byte offset of the segment's bytes in the module. */
  dataOffset: number;
  bytes: Uint8Array;
}

export interface LocalDecl {
  count: number;
  type: ValType;
}

export interface FunctionBody {
  /** Absolute byte offset of the body (first byte after its size prefix). */
  offset: number;
  /** Body size in bytes (locals + instructions). */
  size: number;
  locals: LocalDecl[];
  /** Total number of declared locals (parameters excluded). */
  localCount: number;
  /** Absolute byte offset of the first instruction. */
  codeOffset: number;
  /** View of the instruction bytes, ending with the body's final `end`. */
  code: Uint8Array;
}

export interface CustomSection {
  name: string;
  /** Absolute offset of the section's payload (after its name). */
  offset: number;
  size: number;
}

export interface WasmModule {
  types: FuncType[];
  imports: Import[];
  /** Type index of each function defined in the module (imported functions come first in the index space). */
  functions: number[];
  tables: TableType[];
  memories: Limits[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elements: ElementSegment[];
  dataCount?: number;
  code: FunctionBody[];
  data: DataSegment[];
  customSections: CustomSection[];
}

const SECTION_NAMES = [
  'custom',
  'type',
  'import',
  'function',
  'table',
  'memory',
  'global',
  'export',
  'start',
  'element',
  'code',
  'data',
  'data count',
];
// Required order of the non-custom sections (the data count section sits between element and code).
const SECTION_RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12 };

const EXTERN_KINDS: ExternKind[] = ['func', 'table', 'memory', 'global'];

function readLimits(c: Cursor, maxValue: number, what: string): Limits {
  const at = c.pos;
  const flag = c.u8();
  if (flag > 1) c.fail(`unsupported ${what} limits flag 0x${flag.toString(16)} (shared or 64-bit)`, at);
  const min = c.u32();
  if (min > maxValue) c.fail(`${what} minimum ${min} exceeds ${maxValue}`, at);
  if (flag === 0) return { min };
  const max = c.u32();
  if (max > maxValue) c.fail(`${what} maximum ${max} exceeds ${maxValue}`, at);
  if (max < min) c.fail(`${what} maximum ${max} is below its minimum ${min}`, at);
  return { min, max };
}

function readTableType(c: Cursor): TableType {
  const element = readRefType(c);
  return { element, limits: readLimits(c, 0xffff_ffff, 'table') };
}

function readGlobalType(c: Cursor): GlobalType {
  const type = readValType(c);
  const at = c.pos;
  const m = c.u8();
  if (m > 1) c.fail('invalid global mutability flag', at);
  return { type, mutable: m === 1 };
}

/** Reads a constant expression: exactly one constant instruction followed by `end`. */
function readConstExpr(c: Cursor): ConstExpr {
  const offset = c.pos;
  const opcode = c.u8();
  let op: ConstExpr['op'];
  let value: number | bigint = 0;
  switch (opcode) {
    case 0x41:
      op = 'i32.const';
      value = c.s32();
      break;
    case 0x42:
      op = 'i64.const';
      value = c.s64();
      break;
    case 0x43:
      op = 'f32.const';
      value = c.fixed32();
      break;
    case 0x44:
      op = 'f64.const';
      value = c.fixed64();
      break;
    case 0x23:
      op = 'global.get';
      value = c.u32();
      break;
    case 0xd0:
      op = 'ref.null';
      readRefType(c);
      break;
    case 0xd2:
      op = 'ref.func';
      value = c.u32();
      break;
    default:
      return c.fail(`opcode 0x${opcode.toString(16).padStart(2, '0')} is not allowed in a constant expression`, offset);
  }
  const endAt = c.pos;
  if (c.u8() !== 0x0b) c.fail('constant expression must be a single instruction followed by `end`', endAt);
  return { op, value, offset };
}

/** Parses a WebAssembly binary module. Throws WasmError on any malformed or unsupported input. */
export function readModule(bytes: Uint8Array): WasmModule {
  if (!(bytes instanceof Uint8Array)) throw new WasmError('module must be a Uint8Array', 0);
  if (bytes.length > READER_LIMITS.moduleBytes) throw new WasmError(`module of ${bytes.length} bytes exceeds the reader limit`, 0);
  const c = new Cursor(bytes);
  if (bytes.length < 4 || bytes[0] !== 0x00 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    c.fail('not a WebAssembly module (bad magic number)', 0);
  }
  c.pos = 4;
  const version = c.remaining >= 4 ? c.fixed32() : c.fail('truncated header');
  if (version !== 1) c.fail(`unsupported WebAssembly version ${version}`, 4);

  const m: WasmModule = {
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    globals: [],
    exports: [],
    elements: [],
    code: [],
    data: [],
    customSections: [],
  };
  let lastRank = 0;

  while (!c.atEnd()) {
    const headerAt = c.pos;
    const id = c.u8();
    const size = c.u32();
    if (size > c.remaining) c.fail(`${SECTION_NAMES[id] ?? 'unknown'} section size ${size} exceeds the ${c.remaining} remaining bytes`, headerAt);
    const s = new Cursor(bytes, c.pos, c.pos + size);
    c.pos += size;
    if (id === 0) {
      const name = s.name(READER_LIMITS.nameBytes);
      m.customSections.push({ name, offset: s.pos, size: s.end - s.pos });
      continue;
    }
    const rank = SECTION_RANK[id];
    if (rank === undefined) c.fail(`unknown section id ${id}`, headerAt);
    if (rank <= lastRank) c.fail(`${SECTION_NAMES[id]} section is duplicated or out of order`, headerAt);
    lastRank = rank;
    switch (id) {
      case 1:
        readTypes(s, m);
        break;
      case 2:
        readImports(s, m);
        break;
      case 3:
        readFunctions(s, m);
        break;
      case 4: {
        const n = s.count('tables', READER_LIMITS.tables, 3);
        for (let i = 0; i < n; i++) m.tables.push(readTableType(s));
        break;
      }
      case 5: {
        const n = s.count('memories', READER_LIMITS.memories, 2);
        for (let i = 0; i < n; i++) m.memories.push(readLimits(s, READER_LIMITS.memoryPages, 'memory'));
        break;
      }
      case 6: {
        const n = s.count('globals', READER_LIMITS.globals, 4);
        for (let i = 0; i < n; i++) m.globals.push({ type: readGlobalType(s), init: readConstExpr(s) });
        break;
      }
      case 7:
        readExports(s, m);
        break;
      case 8:
        m.start = s.u32();
        break;
      case 9:
        readElements(s, m);
        break;
      case 12:
        m.dataCount = s.count('data segments', READER_LIMITS.dataSegments, 0);
        break;
      case 10:
        readCode(s, m);
        break;
      case 11:
        readData(s, m);
        break;
    }
    if (!s.atEnd()) s.fail(`${SECTION_NAMES[id]} section has ${s.remaining} unread bytes (size mismatch)`);
  }

  if (m.functions.length !== m.code.length) {
    c.fail(`function section declares ${m.functions.length} functions but the code section has ${m.code.length} bodies`);
  }
  if (m.dataCount !== undefined && m.dataCount !== m.data.length) {
    c.fail(`data count section says ${m.dataCount} segments but the data section has ${m.data.length}`);
  }
  checkIndices(m, c);
  return m;
}

function readTypes(s: Cursor, m: WasmModule): void {
  const n = s.count('types', READER_LIMITS.types, 3);
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    if (s.u8() !== 0x60) s.fail('function type must start with 0x60', at);
    const params: ValType[] = [];
    const np = s.count('parameters', READER_LIMITS.params);
    for (let j = 0; j < np; j++) params.push(readValType(s));
    const results: ValType[] = [];
    const nr = s.count('results', READER_LIMITS.results);
    for (let j = 0; j < nr; j++) results.push(readValType(s));
    m.types.push({ params, results });
  }
}

function readImports(s: Cursor, m: WasmModule): void {
  const n = s.count('imports', READER_LIMITS.imports, 4);
  for (let i = 0; i < n; i++) {
    const offset = s.pos;
    const module = s.name(READER_LIMITS.nameBytes);
    const name = s.name(READER_LIMITS.nameBytes);
    const kindAt = s.pos;
    const kind = s.u8();
    let desc: ImportDesc;
    switch (kind) {
      case 0:
        desc = { kind: 'func', typeIndex: s.u32() };
        break;
      case 1:
        desc = { kind: 'table', table: readTableType(s) };
        break;
      case 2:
        desc = { kind: 'memory', limits: readLimits(s, READER_LIMITS.memoryPages, 'memory') };
        break;
      case 3:
        desc = { kind: 'global', global: readGlobalType(s) };
        break;
      default:
        s.fail(`invalid import kind ${kind}`, kindAt);
    }
    m.imports.push({ module, name, desc, offset });
  }
}

function readFunctions(s: Cursor, m: WasmModule): void {
  const n = s.count('functions', READER_LIMITS.functions);
  for (let i = 0; i < n; i++) m.functions.push(s.u32());
}

function readExports(s: Cursor, m: WasmModule): void {
  const n = s.count('exports', READER_LIMITS.exports, 3);
  const names = new Set<string>();
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const name = s.name(READER_LIMITS.nameBytes);
    if (names.has(name)) s.fail(`duplicate export name "${name}"`, at);
    names.add(name);
    const kindAt = s.pos;
    const kind = EXTERN_KINDS[s.u8()];
    if (!kind) s.fail('invalid export kind', kindAt);
    m.exports.push({ name, kind, index: s.u32() });
  }
}

function readElements(s: Cursor, m: WasmModule): void {
  const n = s.count('element segments', READER_LIMITS.elementSegments, 2);
  let totalItems = 0;
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const flags = s.u32();
    if (flags > 7) s.fail(`invalid element segment flags ${flags}`, at);
    // Bit 0: passive/declarative; bit 1: explicit table index (active) or declarative (passive);
    // bit 2: items are expressions instead of function indices.
    const mode = flags & 1 ? (flags & 2 ? 'declarative' : 'passive') : 'active';
    const tableIndex = (flags & 3) === 2 ? s.u32() : 0;
    const offset = mode === 'active' ? readConstExpr(s) : undefined;
    let type: 'funcref' | 'externref' = 'funcref';
    if (flags & 3) {
      if (flags & 4) type = readRefType(s);
      else {
        const kAt = s.pos;
        if (s.u8() !== 0x00) s.fail('element kind must be 0x00 (funcref)', kAt);
      }
    }
    const count = s.count('element items', READER_LIMITS.elementItems);
    totalItems += count;
    if (totalItems > READER_LIMITS.elementItems) s.fail('too many element items in total', at);
    const items: ConstExpr[] = [];
    for (let j = 0; j < count; j++) {
      if (flags & 4) items.push(readConstExpr(s));
      else {
        const itemAt = s.pos;
        items.push({ op: 'ref.func', value: s.u32(), offset: itemAt });
      }
    }
    m.elements.push({ mode, tableIndex, offset, type, items });
  }
}

function readCode(s: Cursor, m: WasmModule): void {
  const n = s.count('function bodies', READER_LIMITS.functions, 2);
  if (n !== m.functions.length) s.fail(`code section has ${n} bodies but the function section declares ${m.functions.length}`);
  for (let i = 0; i < n; i++) {
    const sizeAt = s.pos;
    const size = s.u32();
    if (size > READER_LIMITS.functionBodyBytes) s.fail(`function body of ${size} bytes exceeds the limit`, sizeAt);
    if (size > s.remaining) s.fail(`function body size ${size} exceeds the section`, sizeAt);
    const offset = s.pos;
    const b = new Cursor(s.buf, offset, offset + size);
    s.pos += size;
    const groups = b.count('local declarations', READER_LIMITS.localsPerFunction, 2);
    const locals: LocalDecl[] = [];
    let localCount = 0;
    for (let j = 0; j < groups; j++) {
      const at = b.pos;
      const count = b.u32();
      localCount += count;
      if (localCount > READER_LIMITS.localsPerFunction) b.fail(`too many locals (limit ${READER_LIMITS.localsPerFunction})`, at);
      locals.push({ count, type: readValType(b) });
    }
    if (b.atEnd()) b.fail('function body has no instructions');
    m.code.push({ offset, size, locals, localCount, codeOffset: b.pos, code: b.buf.subarray(b.pos, b.end) });
  }
}

function readData(s: Cursor, m: WasmModule): void {
  const n = s.count('data segments', READER_LIMITS.dataSegments, 2);
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const flags = s.u32();
    if (flags > 2) s.fail(`invalid data segment flags ${flags}`, at);
    const memoryIndex = flags === 2 ? s.u32() : 0;
    const offset = flags === 1 ? undefined : readConstExpr(s);
    const lenAt = s.pos;
    const len = s.u32();
    if (len > s.remaining) s.fail(`data segment of ${len} bytes exceeds the section`, lenAt);
    const dataOffset = s.pos;
    m.data.push({ mode: flags === 1 ? 'passive' : 'active', memoryIndex, offset, dataOffset, bytes: s.bytes(len) });
  }
}

/** Index checks the object model relies on (a consumer must be able to follow every index it finds). */
function checkIndices(m: WasmModule, c: Cursor): void {
  const counts = { func: 0, table: m.tables.length, memory: m.memories.length, global: m.globals.length };
  for (const imp of m.imports) {
    if (imp.desc.kind === 'func') {
      if (imp.desc.typeIndex >= m.types.length) c.fail(`import ${imp.module}.${imp.name} uses unknown type ${imp.desc.typeIndex}`, imp.offset);
      counts.func++;
    } else counts[imp.desc.kind]++;
  }
  m.functions.forEach((t, i) => {
    if (t >= m.types.length) c.fail(`function ${i} uses unknown type ${t}`, 0);
  });
  counts.func += m.functions.length;
  for (const e of m.exports) {
    if (e.index >= counts[e.kind]) c.fail(`export "${e.name}" refers to unknown ${e.kind} ${e.index}`, 0);
  }
  if (m.start !== undefined && m.start >= counts.func) c.fail(`start function ${m.start} does not exist`, 0);
}

/** The function type of function `index` in the module's function index space (imports first). */
export function functionType(m: WasmModule, index: number): FuncType | undefined {
  let i = index;
  for (const imp of m.imports) {
    if (imp.desc.kind !== 'func') continue;
    if (i === 0) return m.types[imp.desc.typeIndex];
    i--;
  }
  const t = m.functions[i];
  return t === undefined ? undefined : m.types[t];
}
