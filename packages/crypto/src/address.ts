// Secret Network (Cosmos SDK) addresses: derivation from public keys and the
// bech32 string form, with the SDK's validation rules and error texts.
import { Bech32Error, bech32Decode, bech32Encode } from './bech32.js';
import { ripemd160, sha256 } from './hash.js';

export const Bech32Prefix = {
  account: 'secret',
  accountPub: 'secretpub',
  validator: 'secretvaloper',
  validatorPub: 'secretvaloperpub',
  consensus: 'secretvalcons',
  consensusPub: 'secretvalconspub',
} as const;

/** The Cosmos SDK decodes addresses with this length limit rather than BIP-173's 90. */
export const ADDRESS_BECH32_LIMIT = 1023;
/** sdk.VerifyAddressFormat upper bound. */
export const MAX_ADDRESS_LENGTH = 255;

export class AddressError extends Error {
  override readonly name = 'AddressError';
}

/** Account address of a compressed secp256k1 key: ripemd160(sha256(pub)), 20 bytes. */
export function pubkeyToAddress(pubkey: Uint8Array): Uint8Array {
  if (pubkey.length !== 33) throw new AddressError(`secp256k1 public key must be 33 bytes, got ${pubkey.length}`);
  return ripemd160(sha256(pubkey));
}

/** Consensus (validator) address of an ed25519 key: first 20 bytes of sha256(pub). */
export function ed25519PubkeyToAddress(pubkey: Uint8Array): Uint8Array {
  if (pubkey.length !== 32) throw new AddressError(`ed25519 public key must be 32 bytes, got ${pubkey.length}`);
  return sha256(pubkey).slice(0, 20);
}

export function toBech32Address(bytes: Uint8Array, prefix: string = Bech32Prefix.account): string {
  return bech32Encode(prefix, bytes, ADDRESS_BECH32_LIMIT);
}

/**
 * Parses a bech32 address the way sdk.AccAddressFromBech32 (and its valoper /
 * valcons siblings) do: non-empty, decodable, expected prefix, 1..255 bytes.
 */
export function fromBech32Address(address: string, expectedPrefix: string = Bech32Prefix.account): Uint8Array {
  if (address.trim().length === 0) throw new AddressError('empty address string is not allowed');
  let decoded;
  try {
    decoded = bech32Decode(address, ADDRESS_BECH32_LIMIT);
  } catch (e) {
    if (e instanceof Bech32Error) throw new AddressError(`decoding bech32 failed: ${e.message}`);
    throw e;
  }
  if (decoded.prefix !== expectedPrefix) {
    throw new AddressError(`invalid Bech32 prefix; expected ${expectedPrefix}, got ${decoded.prefix}`);
  }
  if (decoded.data.length === 0) throw new AddressError('addresses cannot be empty: unknown address');
  if (decoded.data.length > MAX_ADDRESS_LENGTH) {
    throw new AddressError(`address max length is ${MAX_ADDRESS_LENGTH}, got ${decoded.data.length}: unknown address`);
  }
  return decoded.data;
}

/** True when `address` parses under `expectedPrefix` (see fromBech32Address). */
export function isValidAddress(address: string, expectedPrefix: string = Bech32Prefix.account): boolean {
  try {
    fromBech32Address(address, expectedPrefix);
    return true;
  } catch {
    return false;
  }
}
