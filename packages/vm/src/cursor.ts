// A bounds-checked byte cursor with the LEB128 decoders WebAssembly uses. Every read checks the
// end first, so truncated input becomes a WasmError instead of `undefined` arithmetic, and every
// LEB128 decoder enforces the spec's maximum byte count and unused-bit rules (an encoding that is
// too long or carries bits outside the integer's width is malformed). Redundant 0x80 padding within
// the maximum length is legal in WebAssembly (toolchains pad section sizes), so it is accepted.

import { WasmError } from './errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class Cursor {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start = 0,
    /** Exclusive end; reads past it fail even if `buf` is longer (section/body boundaries). */
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  fail(message: string, at = this.pos): never {
    throw new WasmError(message, at);
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('unexpected end of input');
    return this.buf[this.pos++];
  }

  /** A view (no copy) of the next `n` bytes. */
  bytes(n: number): Uint8Array {
    if (n > this.remaining) this.fail(`length ${n} exceeds the ${this.remaining} remaining bytes`);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(): number {
    const start = this.pos;
    let result = 0;
    for (let i = 0; i < 5; i++) {
      const b = this.u8();
      if (i === 4 && (b & 0xf0) !== 0) this.fail('integer representation too long or too large (u32)', start);
      result += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) return result;
    }
    /* c8 ignore next */
    return this.fail('integer representation too long (u32)', start);
  }

  /** Signed LEB128 of width 32 or 33 (block types use s33). Result fits a JS number exactly. */
  sN(bits: 32 | 33): number {
    const start = this.pos;
    const maxBytes = Math.ceil(bits / 7);
    let result = 0;
    let shift = 0;
    for (let i = 0; i < maxBytes; i++) {
      const b = this.u8();
      if (i === maxBytes - 1) {
        if (b & 0x80) this.fail(`integer representation too long (s${bits})`, start);
        // The bits above the value's width must all copy the sign bit.
        const used = bits - 7 * i;
        const high = b >> (used - 1);
        if (high !== 0 && high !== (1 << (8 - used)) - 1) this.fail(`integer too large (s${bits})`, start);
      }
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if ((b & 0x80) === 0) return b & 0x40 ? result - 2 ** shift : result;
    }
    /* c8 ignore next */
    return this.fail(`integer representation too long (s${bits})`, start);
  }

  s32(): number {
    return this.sN(32);
  }

  s33(): number {
    return this.sN(33);
  }

  /** Signed LEB128, at most 10 bytes; a bigint because JS numbers cannot hold every i64. */
  s64(): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const b = this.u8();
      if (i === 9) {
        if (b & 0x80) this.fail('integer representation too long (s64)', start);
        if (b !== 0x00 && b !== 0x7f) this.fail('integer too large (s64)', start);
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return b & 0x40 ? result - (1n << shift) : result;
    }
    /* c8 ignore next */
    return this.fail('integer representation too long (s64)', start);
  }

  /** Little-endian fixed-width raw bits (float immediates are kept as bits, never as floats). */
  fixed32(): number {
    const b = this.bytes(4);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  fixed64(): bigint {
    const lo = BigInt(this.fixed32());
    const hi = BigInt(this.fixed32());
    return (hi << 32n) | lo;
  }

  /** A vector length, refused up front when it cannot fit: each element needs at least `minElementBytes`. */
  count(what: string, limit: number, minElementBytes = 1): number {
    const at = this.pos;
    const n = this.u32();
    if (n > limit) this.fail(`too many ${what}: ${n} (limit ${limit})`, at);
    if (n * minElementBytes > this.remaining) this.fail(`${what} count ${n} exceeds the remaining bytes`, at);
    return n;
  }

  /** A length-prefixed UTF-8 name (import/export/custom section names). */
  name(limit: number): string {
    const at = this.pos;
    const len = this.u32();
    if (len > limit) this.fail(`name too long: ${len} bytes (limit ${limit})`, at);
    const raw = this.bytes(len);
    try {
      return utf8.decode(raw);
    } catch {
      return this.fail('name is not valid UTF-8', at);
    }
  }
}
