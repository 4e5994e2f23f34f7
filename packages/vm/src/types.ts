// WebAssembly value types and their binary codes, shared by the module reader and the instruction
// walker (kept apart from both so neither has to import the other).

import type { Cursor } from './cursor.js';

export type ValType = 'i32' | 'i64' | 'f32' | 'f64' | 'v128' | 'funcref' | 'externref';

const BY_CODE: Record<number, ValType> = {
  0x7f: 'i32',
  0x7e: 'i64',
  0x7d: 'f32',
  0x7c: 'f64',
  0x7b: 'v128',
  0x70: 'funcref',
  0x6f: 'externref',
};

export function readValType(c: Cursor): ValType {
  const at = c.pos;
  const b = c.u8();
  const t = BY_CODE[b];
  if (!t) c.fail(`invalid value type 0x${b.toString(16).padStart(2, '0')}`, at);
  return t;
}

export function readRefType(c: Cursor): 'funcref' | 'externref' {
  const at = c.pos;
  const t = readValType(c);
  if (t !== 'funcref' && t !== 'externref') c.fail(`expected a reference type, got ${t}`, at);
  return t;
}
