// Contract key: a public, per-contract salt authenticated with ikm[0] (secret-protocol §5.1).
import { concatBytes, hmacSha256, keyKdf, sha256, u64be } from '@scrtd/crypto';
import { ctEqual, EnclaveCodedError } from './errors.js';
import type { EnclaveKeys } from './keys.js';

export const CONTRACT_KEY_LENGTH = 64;
type IkmKeys = Pick<EnclaveKeys, 'stateIkm'>;

function contractId(keys: IkmKeys, senderId: Uint8Array, codeHash: Uint8Array, contract: Uint8Array, ogKey?: Uint8Array): Uint8Array {
  if (codeHash.length !== 32) throw new EnclaveCodedError('badInput', 'code hash must be 32 bytes');
  if (contract.length === 0) throw new EnclaveCodedError('badInput', 'empty contract address');
  if (ogKey !== undefined && ogKey.length !== CONTRACT_KEY_LENGTH) throw new EnclaveCodedError('badInput', 'og contract key must be 64 bytes');
  const authKey = keyKdf(keys.stateIkm[0]!, senderId);
  const id = hmacSha256(authKey, concatBytes(senderId, codeHash, contract, ogKey ?? new Uint8Array(0)));
  authKey.fill(0);
  return id;
}

/**
 * sender_id = sha256(sender ‖ u64be(height)); contract_key = sender_id ‖ HMAC(Key-KDF(ikm[0], sender_id),
 * sender_id ‖ code_hash ‖ contract [‖ og_key when migrating]).
 */
export function generateContractKey(
  keys: IkmKeys,
  senderCanonical: Uint8Array,
  height: bigint | number,
  codeHash: Uint8Array,
  contractCanonical: Uint8Array,
  ogKey?: Uint8Array,
): Uint8Array {
  if (senderCanonical.length === 0) throw new EnclaveCodedError('badInput', 'empty sender address');
  const senderId = sha256(concatBytes(senderCanonical, u64be(height)));
  return concatBytes(senderId, contractId(keys, senderId, codeHash, contractCanonical, ogKey));
}

/** True when `contractKey` was generated for this code hash and contract (and og key, after a migration). */
export function verifyContractKey(
  keys: IkmKeys,
  contractKey: Uint8Array,
  codeHash: Uint8Array,
  contractCanonical: Uint8Array,
  ogKey?: Uint8Array,
): boolean {
  if (contractKey.length !== CONTRACT_KEY_LENGTH) return false;
  try {
    return ctEqual(contractId(keys, contractKey.subarray(0, 32), codeHash, contractCanonical, ogKey), contractKey.subarray(32));
  } catch {
    return false;
  }
}
