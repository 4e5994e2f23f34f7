// Unsigned 128-bit integers (cosmwasm `Uint128`): JSON form is a decimal string. Integer-only
// arithmetic (no floating point anywhere, which Secret Network forbids).
import { newBytes, fromUtf8 } from "./bytes";

const BILLION: u64 = 1_000_000_000;

export class U128 {
  constructor(public lo: u64 = 0, public hi: u64 = 0) {}

  static zero(): U128 {
    return new U128(0, 0);
  }

  static from(v: u64): U128 {
    return new U128(v, 0);
  }

  isZero(): bool {
    return (this.lo | this.hi) == 0;
  }

  /** -1, 0 or 1. */
  cmp(o: U128): i32 {
    if (this.hi != o.hi) return this.hi < o.hi ? -1 : 1;
    if (this.lo != o.lo) return this.lo < o.lo ? -1 : 1;
    return 0;
  }

  eq(o: U128): bool {
    return this.lo == o.lo && this.hi == o.hi;
  }

  lt(o: U128): bool {
    return this.cmp(o) < 0;
  }

  /** this + o, or null on overflow. */
  checkedAdd(o: U128): U128 | null {
    const lo = this.lo + o.lo;
    const carry: u64 = lo < this.lo ? 1 : 0;
    const hi1 = this.hi + o.hi;
    const hi = hi1 + carry;
    if (hi1 < this.hi || hi < hi1) return null;
    return new U128(lo, hi);
  }

  /** this − o, or null if o > this. */
  checkedSub(o: U128): U128 | null {
    if (this.cmp(o) < 0) return null;
    const borrow: u64 = this.lo < o.lo ? 1 : 0;
    return new U128(this.lo - o.lo, this.hi - o.hi - borrow);
  }

  /** min(this + o, MAX). */
  saturatingAdd(o: U128): U128 {
    const r = this.checkedAdd(o);
    return r === null ? new U128(u64.MAX_VALUE, u64.MAX_VALUE) : r;
  }

  /** max(this − o, 0). */
  saturatingSub(o: U128): U128 {
    const r = this.checkedSub(o);
    return r === null ? U128.zero() : r;
  }

  /** Decimal digits as UTF-8 bytes. */
  toDecimalBytes(): Uint8Array {
    // Repeated division of the four 32-bit limbs by 10^9.
    let l3 = this.hi >> 32;
    let l2 = this.hi & 0xffff_ffff;
    let l1 = this.lo >> 32;
    let l0 = this.lo & 0xffff_ffff;
    const digits = newBytes(40);
    let pos = 40;
    do {
      let rem: u64 = 0;
      let cur = l3;
      l3 = cur / BILLION;
      rem = cur % BILLION;
      cur = (rem << 32) | l2;
      l2 = cur / BILLION;
      rem = cur % BILLION;
      cur = (rem << 32) | l1;
      l1 = cur / BILLION;
      rem = cur % BILLION;
      cur = (rem << 32) | l0;
      l0 = cur / BILLION;
      rem = cur % BILLION;
      const more = (l3 | l2 | l1 | l0) != 0;
      // Nine digits per chunk, except the leading chunk which drops its leading zeros.
      for (let k = 0; k < 9; k++) {
        digits[--pos] = <u8>(48 + rem % 10);
        rem /= 10;
        if (!more && rem == 0) break;
      }
      if (!more) break;
    } while (true);
    return digits.subarray(pos);
  }

  toString(): string {
    return fromUtf8(this.toDecimalBytes());
  }

  /** Parses decimal digits at [ptr, ptr+len). Null if empty, not all digits, or above 2^128−1. */
  static parseAt(ptr: usize, len: i32): U128 | null {
    if (len <= 0 || len > 39) return null;
    let lo: u64 = 0;
    let hi: u64 = 0;
    for (let i = 0; i < len; i++) {
      const c = <u32>load<u8>(ptr + <usize>i) - 48;
      if (c > 9) return null;
      // (hi, lo) * 10 = (hi, lo) << 3 + (hi, lo) << 1, checking the top bits first.
      if (hi > 0x1999_9999_9999_9999 || (hi == 0x1999_9999_9999_9999 && lo > 0x9999_9999_9999_9999)) return null;
      const lo8 = lo << 3;
      const hi8 = (hi << 3) | (lo >> 61);
      const lo2 = lo << 1;
      const hi2 = (hi << 1) | (lo >> 63);
      let nlo = lo8 + lo2;
      let nhi = hi8 + hi2 + (nlo < lo8 ? 1 : 0);
      const slo = nlo + <u64>c;
      if (slo < nlo) {
        nhi += 1;
        if (nhi == 0) return null;
      }
      lo = slo;
      hi = nhi;
    }
    return new U128(lo, hi);
  }

  static parse(s: string): U128 | null {
    const b = String.UTF8.encode(s);
    return U128.parseAt(changetype<usize>(b), b.byteLength);
  }

  static parseBytes(b: Uint8Array): U128 | null {
    return U128.parseAt(b.dataStart, b.length);
  }

  /** Big-endian bytes without leading zeros (zero → empty array). Compact storage form. */
  toMinimalBE(): Uint8Array {
    let n = 0;
    if (this.hi != 0) n = 16 - (<i32>clz(this.hi) >> 3);
    else if (this.lo != 0) n = 8 - (<i32>clz(this.lo) >> 3);
    const out = newBytes(n);
    let lo = this.lo;
    let hi = this.hi;
    for (let i = n - 1; i >= 0; i--) {
      out[i] = <u8>lo;
      lo = (lo >> 8) | (hi << 56);
      hi >>= 8;
    }
    return out;
  }

  /** Reads up to 16 big-endian bytes b[start..end). */
  static fromBE(b: Uint8Array, start: i32 = 0, end: i32 = -1): U128 {
    if (end < 0) end = b.length;
    let lo: u64 = 0;
    let hi: u64 = 0;
    for (let i = start; i < end; i++) {
      hi = (hi << 8) | (lo >> 56);
      lo = (lo << 8) | <u64>b[i];
    }
    return new U128(lo, hi);
  }
}
