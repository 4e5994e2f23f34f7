// Address parsing with the SDK's error wording. Conversions are memoised (they are pure and hot:
// every tx converts its signer, recipient and fee collector several times).
import { fromBech32Address, toBech32Address, sha256 } from '@scrtd/crypto';
import { SdkErrors } from './errors.js';
import { latin1 } from './binary.js';

export const ACCOUNT_PREFIX = 'secret';
const MAX_MEMO = 100_000;
const toBytes = new Map<string, Uint8Array>();
const toString = new Map<string, string>();

function remember<K, V>(m: Map<K, V>, k: K, v: V): V {
  if (m.size >= MAX_MEMO) m.clear();
  m.set(k, v);
  return v;
}

/** sdk.AccAddressFromBech32 with the SDK's messages, as an InvalidAddress error. */
export function parseAddress(addr: string, what = 'address'): Uint8Array {
  const hit = toBytes.get(addr);
  if (hit) return hit.slice();
  if (addr.trim() === '') throw SdkErrors.InvalidAddress.wrap(`invalid ${what}: empty address string is not allowed`);
  let bytes: Uint8Array;
  try {
    bytes = fromBech32Address(addr, ACCOUNT_PREFIX);
  } catch (e) {
    throw SdkErrors.InvalidAddress.wrap(`invalid ${what}: ${(e as Error).message}`);
  }
  return remember(toBytes, addr, bytes).slice();
}

export function bech32Address(bytes: Uint8Array): string {
  const key = latin1(bytes);
  return toString.get(key) ?? remember(toString, key, toBech32Address(bytes, ACCOUNT_PREFIX));
}

const moduleAddresses = new Map<string, Uint8Array>();

/** authtypes.NewModuleAddress: the first 20 bytes of sha256(name). */
export function moduleAddress(name: string): Uint8Array {
  let a = moduleAddresses.get(name);
  if (!a) moduleAddresses.set(name, (a = sha256(new TextEncoder().encode(name)).slice(0, 20)));
  return a.slice();
}
