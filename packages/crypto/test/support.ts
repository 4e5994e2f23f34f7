// Shared test helpers: fixture loading and the JS libraries secretjs uses, loaded
// through require with hand-written types (miscreant ships TypeScript sources
// that would otherwise be compiled under our strict settings).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export interface DevAccount {
  index: number;
  name: string;
  mnemonic: string;
  address: string;
}

/** /work/shared/reference/dev-accounts.json, resolved from dist/test/ (the repo's sibling "shared"). */
export function devAccountsPath(): string {
  return fileURLToPath(new URL('../../../../../shared/reference/dev-accounts.json', import.meta.url));
}

export function loadDevAccounts(): { accounts: DevAccount[]; genesis: Record<string, unknown> } {
  const path = devAccountsPath();
  if (!existsSync(path)) throw new Error(`dev accounts fixture not found at ${path}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

export interface MiscreantSiv {
  seal(plaintext: Uint8Array, associatedData: Uint8Array[]): Promise<Uint8Array>;
  open(sealed: Uint8Array, associatedData: Uint8Array[]): Promise<Uint8Array>;
}
interface Miscreant {
  SIV: { importKey(key: Uint8Array, alg: 'AES-SIV', provider: unknown): Promise<MiscreantSiv> };
  PolyfillCryptoProvider: new () => unknown;
}
export const miscreant = require('miscreant') as Miscreant;

/** AES-SIV exactly as secretjs builds it (miscreant with the polyfill provider). */
export function miscreantSiv(key: Uint8Array): Promise<MiscreantSiv> {
  return miscreant.SIV.importKey(key, 'AES-SIV', new miscreant.PolyfillCryptoProvider());
}

interface Curve25519Js {
  generateKeyPair(seed: Uint8Array): { private: Uint8Array; public: Uint8Array };
  sharedKey(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array;
}
export const curve25519js = require('curve25519-js') as Curve25519Js;

/** Deterministic pseudo-random bytes for reproducible randomized tests. */
export function seededBytes(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
