// WebAssembly binary writer: the encoders instrumentation needs to rebuild a module. Untouched
// sections are carried over as raw bytes (so custom sections, names and anything the reader only
// skims survive byte for byte); only rewritten sections are re-encoded, with their LEB128 sizes
// recomputed. Nothing here validates: the caller produces well-typed code and the engine checks it.

import { Cursor } from './cursor.js';
import type { ValType } from './types.js';

/** Growable byte buffer (avoids building large bodies out of many small arrays). */
export class ByteWriter {
  private buf = new Uint8Array(256);
  length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b & 0xff;
    return this;
  }

  bytes(b: Uint8Array | readonly number[]): this {
    this.reserve(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  /** Appends `src[start, end)` (a byte loop for short runs, which V8 does faster than `set`). */
  range(src: Uint8Array, start: number, end: number): this {
    const n = end - start;
    this.reserve(n);
    if (n > 32) {
      this.buf.set(src.subarray(start, end), this.length);
    } else {
      const buf = this.buf;
      let at = this.length;
      for (let i = start; i < end; i++) buf[at++] = src[i]!;
    }
    this.length += n;
    return this;
  }

  u32(n: number): this {
    if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new RangeError(`not a u32: ${n}`);
    this.reserve(5);
    do {
      let b = n % 128;
      n = Math.floor(n / 128);
      if (n !== 0) b |= 0x80;
      this.buf[this.length++] = b;
    } while (n !== 0);
    return this;
  }

  s32(n: number): this {
    return this.signed(n | 0);
  }

  s64(n: bigint | number): this {
    if (typeof n === 'number' && Number.isSafeInteger(n)) return this.signed(n);
    return this.bytes(encodeS64(BigInt(n)));
  }

  /** Signed LEB128 of a safe integer (shortest form; same bytes as encodeS64). */
  private signed(n: number): this {
    this.reserve(10);
    for (;;) {
      const b = ((n % 128) + 128) % 128;
      n = (n - b) / 128;
      if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) {
        this.buf[this.length++] = b;
        return this;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  name(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u32(b.length).bytes(b);
  }

  /** Forgets the written bytes, keeping the buffer for reuse. */
  reset(): this {
    this.length = 0;
    return this;
  }

  /** The written bytes, without copying (valid until the next write or reset). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the written bytes. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

/** Unsigned LEB128 of a u32 (shortest form). */
export function encodeU32(n: number): Uint8Array {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new RangeError(`not a u32: ${n}`);
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return Uint8Array.from(out);
}

/** Signed LEB128 (shortest form); used for i32.const (after sign normalisation) and i64.const. */
export function encodeS64(n: bigint): Uint8Array {
  n = BigInt.asIntN(64, n);
  const out: number[] = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    // Done once the remaining bits are pure sign extension of bit 6 of the last byte.
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return Uint8Array.from(out);
    }
    out.push(b | 0x80);
  }
}

export const VALTYPE_CODE: Record<ValType, number> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

/** Encodes a function type (0x60 params results). */
export function encodeFuncType(params: readonly ValType[], results: readonly ValType[]): Uint8Array {
  const w = new ByteWriter().byte(0x60).u32(params.length);
  for (const p of params) w.byte(VALTYPE_CODE[p]);
  w.u32(results.length);
  for (const r of results) w.byte(VALTYPE_CODE[r]);
  return w.finish();
}

/** One section of a module as raw bytes: its id and payload (without the id/size header). */
export interface RawSection {
  id: number;
  payload: Uint8Array;
}

/**
 * Splits a module (already accepted by `readModule`) into its sections. Payloads are views into
 * the input. Only the section framing is decoded here.
 */
export function splitSections(bytes: Uint8Array): RawSection[] {
  const c = new Cursor(bytes, 8);
  const out: RawSection[] = [];
  while (!c.atEnd()) {
    const id = c.u8();
    const size = c.u32();
    out.push({ id, payload: c.bytes(size) });
  }
  return out;
}

// Order rank of non-custom section ids (data count, id 12, sits between element and code).
const RANK: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6, 7: 7, 8: 8, 9: 9, 12: 10, 10: 11, 11: 12 };

/**
 * Puts `section` into `sections`: replaces the section with the same id, or inserts it right after
 * the last standard section that must precede it (custom sections keep their places).
 */
export function putSection(sections: RawSection[], section: RawSection): void {
  const existing = sections.findIndex((s) => s.id === section.id);
  if (existing >= 0) {
    sections[existing] = section;
    return;
  }
  const rank = RANK[section.id]!;
  let at = 0;
  sections.forEach((s, i) => {
    if (s.id !== 0 && RANK[s.id]! < rank) at = i + 1;
  });
  sections.splice(at, 0, section);
}

/**
 * Appends already-encoded items to a vector section (type, function, global, export…): the count
 * prefix is re-encoded, the existing items are copied as they are.
 */
export function appendToVector(payload: Uint8Array | undefined, items: readonly Uint8Array[]): Uint8Array {
  let count = 0;
  let rest: Uint8Array = new Uint8Array(0);
  if (payload) {
    const c = new Cursor(payload);
    count = c.u32();
    rest = payload.subarray(c.pos);
  }
  const w = new ByteWriter().u32(count + items.length).bytes(rest);
  for (const item of items) w.bytes(item);
  return w.finish();
}

/** Encodes a vector section's payload from its items. */
export function encodeVector(items: readonly Uint8Array[]): Uint8Array {
  return appendToVector(undefined, items);
}

/** Serialises a module: header then each section with its id and LEB128 size. */
export function encodeModule(sections: readonly RawSection[]): Uint8Array {
  const w = new ByteWriter().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  for (const s of sections) w.byte(s.id).u32(s.payload.length).bytes(s.payload);
  return w.finish();
}

/** Drops the section with this id, if present. */
export function removeSection(sections: RawSection[], id: number): void {
  const i = sections.findIndex((s) => s.id === id);
  if (i >= 0) sections.splice(i, 1);
}
