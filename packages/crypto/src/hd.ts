// BIP-39 mnemonics and BIP-32/44 derivation of Secret Network account keys
// (coin type 529). Word lists and BIP-32 come from @scure; the PBKDF2 seed
// stretch uses node:crypto (several times faster than the JS version).
import { pbkdf2Sync } from 'node:crypto';
import { HDKey } from '@scure/bip32';
import { generateMnemonic as scureGenerateMnemonic, validateMnemonic as scureValidateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { pubkeyToAddress, toBech32Address } from './address.js';
import { fromBuffer } from './encoding.js';

export class HdError extends Error {
  override readonly name = 'HdError';
}

export const SECRET_COIN_TYPE = 529;

/** m/44'/529'/0'/0/index — the path secretjs and secretcli use. */
export function secretHdPath(index = 0): string {
  if (!Number.isInteger(index) || index < 0 || index >= 0x80000000) throw new HdError(`invalid account index ${index}`);
  return `m/44'/${SECRET_COIN_TYPE}'/0'/0/${index}`;
}

/** Trim, lower-case and single-space the words (as cosmjs does) before any use. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.trim().toLowerCase().split(/\s+/).join(' ');
}

/** English BIP-39 mnemonic; strength in bits (128..256, multiple of 32). */
export function generateMnemonic(strength = 256): string {
  return scureGenerateMnemonic(english, strength);
}

export function validateMnemonic(mnemonic: string): boolean {
  return scureValidateMnemonic(normalizeMnemonic(mnemonic), english);
}

/** BIP-39 seed: PBKDF2-HMAC-SHA512(NFKD(mnemonic), "mnemonic" ‖ NFKD(passphrase), 2048) → 64 bytes. */
export function mnemonicToSeed(mnemonic: string, passphrase = ''): Uint8Array {
  const password = mnemonic.normalize('NFKD');
  const salt = ('mnemonic' + passphrase).normalize('NFKD');
  return fromBuffer(pbkdf2Sync(password, salt, 2048, 64, 'sha512'));
}

export interface Secp256k1KeyPair {
  privateKey: Uint8Array;
  /** 33-byte compressed. */
  publicKey: Uint8Array;
}

/** BIP-32 derivation of a secp256k1 key from a BIP-39 seed along `path` (e.g. "m/44'/529'/0'/0/0"). */
export function deriveKeyFromSeed(seed: Uint8Array, path: string): Secp256k1KeyPair {
  let node: HDKey;
  try {
    node = HDKey.fromMasterSeed(seed).derive(path);
  } catch (e) {
    throw new HdError(`derivation failed: ${(e as Error).message}`);
  }
  const { privateKey, publicKey } = node;
  if (!privateKey || !publicKey) throw new HdError('derivation produced no private key');
  return { privateKey: Uint8Array.from(privateKey), publicKey: Uint8Array.from(publicKey) };
}

export interface AccountKey extends Secp256k1KeyPair {
  /** bech32 account address, prefix "secret". */
  address: string;
}

/** The account key at m/44'/529'/0'/0/index of a (validated) mnemonic. */
export function keyFromMnemonic(mnemonic: string, index = 0, passphrase = ''): AccountKey {
  const words = normalizeMnemonic(mnemonic);
  if (!scureValidateMnemonic(words, english)) throw new HdError('invalid mnemonic');
  const key = deriveKeyFromSeed(mnemonicToSeed(words, passphrase), secretHdPath(index));
  return { ...key, address: toBech32Address(pubkeyToAddress(key.publicKey)) };
}
