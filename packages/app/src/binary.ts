// Byte helpers for store keys: the shared ones come from @scrtd/crypto's encoding module.
import { concatBytes } from '@scrtd/crypto';

export { concatBytes as concat, u64be, readU64be, fromUtf8, equalBytes as bytesEqual } from '@scrtd/crypto';
import { toUtf8, fromUtf8 } from '@scrtd/crypto';
import { toBin } from '@scrtd/store';

/** UTF-8 of a string; the short ASCII strings of store keys and amounts skip TextEncoder. */
export function utf8(s: string): Uint8Array {
  if (s.length > 64) return toUtf8(s);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7f) return toUtf8(s);
    out[i] = c;
  }
  return out;
}
export { prefixEnd } from '@scrtd/store';

/** The SDK's address.MustLengthPrefix: one length byte, then the address. */
export function lengthPrefixed(addr: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(addr.length), addr);
}

/** One char per byte (of the first `length` bytes): a cheap Map key for byte strings (the store's conversion). */
export const latin1: (b: Uint8Array, length?: number) => string = toBin;

/**
 * fromUtf8 for the short decimal strings of stored amounts: ASCII bytes decode to the same string
 * either way, and latin1 skips TextDecoder's call overhead. Anything else goes to fromUtf8.
 */
export function asciiOrUtf8(b: Uint8Array): string {
  if (b.length > 64) return fromUtf8(b);
  for (let i = 0; i < b.length; i++) if (b[i]! > 0x7f) return fromUtf8(b);
  return latin1(b);
}
