// Contract-to-contract callback signatures (secret-protocol §9.1).
import { concatBytes, sha256, toUtf8 } from '@scrtd/crypto';
import { ctEqual } from './errors.js';
import type { EnclaveKeys } from './keys.js';

export interface Coin {
  denom: string;
  amount: string;
}

/** Compact JSON of funds in field order denom, amount (`[]` when empty), as serde emits it. */
export function fundsJson(funds: readonly Coin[]): string {
  return JSON.stringify(funds.map((c) => ({ denom: c.denom, amount: c.amount })));
}

/** sha256(callback_secret ‖ ciphertext (without nonce and user key) ‖ json(funds)). */
export function callbackSignature(keys: Pick<EnclaveKeys, 'callbackSecret'>, ciphertext: Uint8Array, funds: readonly Coin[]): Uint8Array {
  return sha256(concatBytes(keys.callbackSecret, ciphertext, toUtf8(fundsJson(funds))));
}

export function verifyCallbackSignature(
  keys: Pick<EnclaveKeys, 'callbackSecret'>,
  ciphertext: Uint8Array,
  funds: readonly Coin[],
  signature: Uint8Array,
): boolean {
  return ctEqual(callbackSignature(keys, ciphertext, funds), signature);
}
