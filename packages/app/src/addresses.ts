// Address parsing with the SDK's error wording.
import { fromBech32Address, toBech32Address, sha256 } from '@scrtd/crypto';
import { SdkErrors } from './errors.js';

export const ACCOUNT_PREFIX = 'secret';

/** sdk.AccAddressFromBech32 with the SDK's messages, as an InvalidAddress error. */
export function parseAddress(addr: string, what = 'address'): Uint8Array {
  if (addr.trim() === '') throw SdkErrors.InvalidAddress.wrap(`invalid ${what}: empty address string is not allowed`);
  try {
    return fromBech32Address(addr, ACCOUNT_PREFIX);
  } catch (e) {
    throw SdkErrors.InvalidAddress.wrap(`invalid ${what}: ${(e as Error).message}`);
  }
}

export function bech32Address(bytes: Uint8Array): string {
  return toBech32Address(bytes, ACCOUNT_PREFIX);
}

/** authtypes.NewModuleAddress: the first 20 bytes of sha256(name). */
export function moduleAddress(name: string): Uint8Array {
  return sha256(new TextEncoder().encode(name)).subarray(0, 20);
}
