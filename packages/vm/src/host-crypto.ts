// The crypto host functions of secret-protocol §7.4 as pure functions over bytes, with the exact
// return codes contracts see. Memory plumbing (Regions) and gas live elsewhere.
import { ed25519Sign, ed25519Verify, secp256k1Recover, secp256k1Sign, secp256k1Verify, sha256 } from '@scrtd/crypto';

/** Return codes shared by the crypto imports. */
export const CryptoCode = {
  Ok: 0,
  InvalidSignature: 1,
  InvalidHashFormat: 3,
  InvalidSignatureFormat: 4,
  InvalidPubkeyFormat: 5,
  BatchCountMismatch: 7,
  GenericErr: 10,
  InvalidPrivateKey: 1000,
} as const;

/** A malformed "sections" input: the contract's fault, reported as a VM error, not a return code. */
export class SectionsError extends Error {
  override readonly name = 'SectionsError';
}

function wellFormedSecpPubkey(pk: Uint8Array): boolean {
  if (pk.length === 33) return pk[0] === 0x02 || pk[0] === 0x03;
  if (pk.length === 65) return pk[0] === 0x04 || pk[0] === 0x06 || pk[0] === 0x07;
  return false;
}

export function hostSecp256k1Verify(hash: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): number {
  if (hash.length !== 32) return CryptoCode.InvalidHashFormat;
  if (sig.length !== 64) return CryptoCode.InvalidSignatureFormat;
  if (!wellFormedSecpPubkey(pubkey)) return CryptoCode.InvalidPubkeyFormat;
  return secp256k1Verify(hash, sig, pubkey) ? CryptoCode.Ok : CryptoCode.InvalidSignature;
}

/** Recovers a 33-byte compressed key (Secret's enclave serialises compressed; upstream returns 65). */
export function hostSecp256k1RecoverPubkey(hash: Uint8Array, sig: Uint8Array, recoveryParam: number): { code: number; pubkey?: Uint8Array } {
  if (hash.length !== 32) return { code: CryptoCode.InvalidHashFormat };
  if (sig.length !== 64) return { code: CryptoCode.InvalidSignatureFormat };
  const pubkey = secp256k1Recover(hash, sig, recoveryParam, true);
  return pubkey ? { code: CryptoCode.Ok, pubkey } : { code: CryptoCode.GenericErr };
}

export function hostEd25519Verify(msg: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): number {
  if (sig.length !== 64) return CryptoCode.InvalidSignatureFormat;
  if (pubkey.length !== 32) return CryptoCode.InvalidPubkeyFormat;
  return ed25519Verify(msg, sig, pubkey) ? CryptoCode.Ok : CryptoCode.InvalidSignature;
}

/** The "sections" encoding of §7.3: item ‖ u32be(len item), repeated, parsed from the end. */
export function decodeSections(data: Uint8Array, maxItems = 256): Uint8Array[] {
  const out: Uint8Array[] = [];
  let end = data.length;
  while (end > 0) {
    if (end < 4) throw new SectionsError('sections: truncated length');
    const len = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(end - 4, false);
    if (len > end - 4) throw new SectionsError('sections: item longer than the input');
    out.push(data.slice(end - 4 - len, end - 4));
    end -= 4 + len;
    if (out.length > maxItems) throw new SectionsError(`sections: more than ${maxItems} items`);
  }
  return out.reverse();
}

export function encodeSections(items: readonly Uint8Array[]): Uint8Array {
  const n = items.reduce((s, x) => s + x.length + 4, 0);
  const out = new Uint8Array(n);
  const dv = new DataView(out.buffer);
  let o = 0;
  for (const it of items) {
    out.set(it, o);
    dv.setUint32(o + it.length, it.length, false);
    o += it.length + 4;
  }
  return out;
}

/**
 * Batch verification with CosmWasm's shapes: n:n:n, 1:n:n (one message, many keys) or n:n:1 (one key).
 * An empty batch is valid. Returns 0 valid, 1 invalid, 4/5 for malformed members, 7 on count mismatch.
 */
export function hostEd25519BatchVerify(msgs: Uint8Array[], sigs: Uint8Array[], pubkeys: Uint8Array[]): number {
  const n = sigs.length;
  const m = msgs.length === 1 && n > 1 ? Array(n).fill(msgs[0]) : msgs;
  const k = pubkeys.length === 1 && n > 1 ? Array(n).fill(pubkeys[0]) : pubkeys;
  if (m.length !== n || k.length !== n) return CryptoCode.BatchCountMismatch;
  for (let i = 0; i < n; i++) {
    const c = hostEd25519Verify(m[i]!, sigs[i]!, k[i]!);
    if (c !== CryptoCode.Ok) return c;
  }
  return CryptoCode.Ok;
}

/** secp256k1_sign signs sha256(msg) with a 32-byte private key. */
export function hostSecp256k1Sign(msg: Uint8Array, privateKey: Uint8Array): { code: number; signature?: Uint8Array } {
  if (privateKey.length !== 32) return { code: CryptoCode.InvalidPrivateKey };
  try {
    return { code: CryptoCode.Ok, signature: secp256k1Sign(sha256(msg), privateKey) };
  } catch {
    return { code: CryptoCode.InvalidPrivateKey };
  }
}

export function hostEd25519Sign(msg: Uint8Array, privateKey: Uint8Array): { code: number; signature?: Uint8Array } {
  if (privateKey.length !== 32) return { code: CryptoCode.InvalidPrivateKey };
  try {
    return { code: CryptoCode.Ok, signature: ed25519Sign(msg, privateKey) };
  } catch {
    return { code: CryptoCode.GenericErr };
  }
}
