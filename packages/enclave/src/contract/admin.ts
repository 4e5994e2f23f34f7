// Admin and contract-key proofs (secret-protocol §6.5): HMACs that bind a contract's admin and its
// post-migration key to secrets only the enclave has, so the host cannot swap either.
import { concatBytes, hmacSha256 } from '@scrtd/crypto';
import { ctEqual } from '../errors.js';

/** HMAC-SHA256(admin_proof_secret, admin_canonical (empty if none) ‖ og_contract_key). */
export function adminProof(secret: Uint8Array, adminCanonical: Uint8Array, ogContractKey: Uint8Array): Uint8Array {
  return hmacSha256(secret, concatBytes(adminCanonical, ogContractKey));
}

export function verifyAdminProof(secret: Uint8Array, adminCanonical: Uint8Array, ogContractKey: Uint8Array, proof: Uint8Array): boolean {
  return ctEqual(adminProof(secret, adminCanonical, ogContractKey), proof);
}

/** HMAC-SHA256(contract_key_proof_secret, addr ‖ new_code_hash ‖ og_key ‖ new_key). */
export function contractKeyProof(secret: Uint8Array, contract: Uint8Array, codeHash: Uint8Array, ogKey: Uint8Array, newKey: Uint8Array): Uint8Array {
  return hmacSha256(secret, concatBytes(contract, codeHash, ogKey, newKey));
}
