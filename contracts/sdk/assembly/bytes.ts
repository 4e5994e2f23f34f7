// Byte-string helpers. `Uint8Array` is the SDK's byte type throughout.

/** A fresh, uninitialised byte array of `len` bytes (skips the zero fill of `new Uint8Array`). */
export function newBytes(len: i32): Uint8Array {
  const buf = changetype<ArrayBuffer>(__new(<usize>len, idof<ArrayBuffer>()));
  return Uint8Array.wrap(buf, 0, len);
}

/** Copies `len` bytes at `ptr` into a new array. */
export function bytesAt(ptr: usize, len: i32): Uint8Array {
  const out = newBytes(len);
  memory.copy(out.dataStart, ptr, <usize>len);
  return out;
}

/** UTF-8 encoding of `s`. */
export function utf8(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

/** Decodes UTF-8 (invalid sequences are replaced, as String.UTF8.decode does). */
export function fromUtf8(b: Uint8Array): string {
  return String.UTF8.decodeUnsafe(b.dataStart, <usize>b.length);
}

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = newBytes(a.length + b.length);
  memory.copy(out.dataStart, a.dataStart, <usize>a.length);
  memory.copy(out.dataStart + <usize>a.length, b.dataStart, <usize>b.length);
  return out;
}

export function concat3(a: Uint8Array, b: Uint8Array, c: Uint8Array): Uint8Array {
  const out = newBytes(a.length + b.length + c.length);
  let p = out.dataStart;
  memory.copy(p, a.dataStart, <usize>a.length);
  p += <usize>a.length;
  memory.copy(p, b.dataStart, <usize>b.length);
  p += <usize>b.length;
  memory.copy(p, c.dataStart, <usize>c.length);
  return out;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  const pa = a.dataStart;
  const pb = b.dataStart;
  for (let i = 0; i < a.length; i++) {
    if (load<u8>(pa + <usize>i) != load<u8>(pb + <usize>i)) return false;
  }
  return true;
}

/** Equality that does not stop at the first difference (for secrets such as viewing-key hashes). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): bool {
  if (a.length != b.length) return false;
  let diff: u32 = 0;
  for (let i = 0; i < a.length; i++) diff |= <u32>(a[i] ^ b[i]);
  return diff == 0;
}

const HEX = "0123456789abcdef";

export function toHex(b: Uint8Array): string {
  const out = newBytes(b.length * 2);
  for (let i = 0; i < b.length; i++) {
    const v = b[i];
    out[2 * i] = <u8>HEX.charCodeAt(v >> 4);
    out[2 * i + 1] = <u8>HEX.charCodeAt(v & 15);
  }
  return fromUtf8(out);
}

function hexNibble(c: i32): i32 {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Parses hex (either case); null if malformed. */
export function fromHex(s: string): Uint8Array | null {
  if (s.length & 1) return null;
  const out = newBytes(s.length >> 1);
  for (let i = 0; i < out.length; i++) {
    const hi = hexNibble(s.charCodeAt(2 * i));
    const lo = hexNibble(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return null;
    out[i] = <u8>((hi << 4) | lo);
  }
  return out;
}

/** Big-endian bytes of `v` without leading zeros (0 → one zero byte). */
export function u64ToMinimalBE(v: u64): Uint8Array {
  let n = 1;
  let t = v >> 8;
  while (t != 0) {
    n++;
    t >>= 8;
  }
  const out = newBytes(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = <u8>v;
    v >>= 8;
  }
  return out;
}

/** Big-endian bytes (up to 8) → u64. */
export function beToU64(b: Uint8Array, start: i32 = 0, end: i32 = -1): u64 {
  if (end < 0) end = b.length;
  let v: u64 = 0;
  for (let i = start; i < end; i++) v = (v << 8) | <u64>b[i];
  return v;
}

/** Fixed 8-byte big-endian encoding. */
export function u64ToBE8(v: u64): Uint8Array {
  const out = newBytes(8);
  for (let i = 7; i >= 0; i--) {
    out[i] = <u8>v;
    v >>= 8;
  }
  return out;
}

/** LEB128 length of `v`. */
export function varintLength(v: u64): i32 {
  let n = 1;
  while (v >= 0x80) {
    v >>= 7;
    n++;
  }
  return n;
}

/** Writes `v` as LEB128 at `out[pos]`; returns the position after it. */
export function writeVarint(out: Uint8Array, pos: i32, v: u64): i32 {
  while (v >= 0x80) {
    out[pos++] = <u8>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out[pos++] = <u8>v;
  return pos;
}

export function varint(v: u64): Uint8Array {
  const out = newBytes(varintLength(v));
  writeVarint(out, 0, v);
  return out;
}

/** Reads a LEB128 value at `b[pos]`. Result in `varintValue`; returns the position after it, or -1. */
export let varintValue: u64 = 0;
export function readVarint(b: Uint8Array, pos: i32): i32 {
  let v: u64 = 0;
  let shift: u64 = 0;
  while (pos < b.length && shift < 64) {
    const c = b[pos++];
    v |= (<u64>(c & 0x7f)) << shift;
    if ((c & 0x80) == 0) {
      varintValue = v;
      return pos;
    }
    shift += 7;
  }
  return -1;
}
