// Byte helpers for store keys: the shared ones come from @scrtd/crypto's encoding module.
import { concatBytes } from '@scrtd/crypto';

export { concatBytes as concat, u64be, readU64be, toUtf8 as utf8, fromUtf8, equalBytes as bytesEqual } from '@scrtd/crypto';
export { prefixEnd } from '@scrtd/store';

/** The SDK's address.MustLengthPrefix: one length byte, then the address. */
export function lengthPrefixed(addr: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(addr.length), addr);
}
