// Parsing of the contract commands' positional arguments.
import { fromBech32Address } from '@scrtd/crypto';
import { Keyring } from './keyring.js';
import { homeLayout } from './home.js';

/** A contract message given on the command line as JSON text. */
export function parseJsonArg(text: string, what = 'message'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${what} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function parseCodeId(s: string): bigint {
  if (!/^\d+$/.test(s) || BigInt(s) === 0n) throw new Error(`invalid code id: ${JSON.stringify(s)}`);
  return BigInt(s);
}

/** Raw 20-byte account address of a bech32 secret1… address. */
export function rawAddress(address: string, what = 'address'): Uint8Array {
  try {
    return fromBech32Address(address);
  } catch (e) {
    throw new Error(`invalid ${what} ${JSON.stringify(address)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** An address, or the address of a key of that name in the keyring. */
export function addressOrKey(home: string, s: string): string {
  return new Keyring(homeLayout(home).keyring).resolve(s)?.address ?? s;
}
