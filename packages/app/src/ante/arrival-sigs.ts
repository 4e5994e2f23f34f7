// Signatures checked where a tx arrives (the LCD's front thread), before the main thread sees it. A
// SIGN_MODE_DIRECT signature covers only the tx's body and auth-info bytes, the chain id and the
// signer's account number, so with the account numbers seen before it needs no state, and it can be
// verified on another core while the main thread executes a block. The results only feed the
// verified-signature cache: an unknown or wrong account number, another sign mode or a bad signature
// just yields no entry, and the ante handler verifies as usual.
import { secp256k1Uncompressed, secp256k1Verify } from '@scrtd/crypto';
import { AuthInfo, Secp256k1PubKey, SignMode, TxRaw } from '../proto.js';
import { directSignDigest } from '../tx/signing.js';
import { latin1 } from '../binary.js';
import { addressOfPubkey, SECP256K1_PUBKEY_URL } from './ante.js';
import type { VerifiedSignature } from '../abci/types.js';

/** digest(32) ‖ signature(64) ‖ compressed public key(33): one packed verified signature. */
export const PACKED_SIGNATURE_BYTES = 32 + 64 + 33;

export class ArrivalVerifier {
  /** Account numbers by address (latin1 of the 20 bytes), as the main thread learned them. */
  private readonly accountNumbers = new Map<string, bigint>();
  /**
   * Per signer key (latin1 of the 33 bytes): its uncompressed form (null if not a curve point), which
   * spares libsecp256k1 the square root of decompression on every later tx of the same signer.
   */
  private readonly points = new Map<string, Uint8Array | null>();

  constructor(
    private readonly chainId: string,
    private readonly maxEntries = 100_000,
  ) {}

  /** Account numbers never change once assigned, so an entry stays valid. */
  learn(entries: Iterable<readonly [string, bigint]>): void {
    for (const [address, n] of entries) {
      if (this.accountNumbers.size >= this.maxEntries) this.accountNumbers.clear();
      this.accountNumbers.set(address, n);
    }
  }

  /** The valid direct-mode signatures of `tx` whose signer's account number is known. */
  verify(tx: Uint8Array): VerifiedSignature[] {
    const out: VerifiedSignature[] = [];
    try {
      const raw = TxRaw.decode(tx);
      const infos = AuthInfo.decode(raw.authInfoBytes).signerInfos;
      for (let i = 0; i < infos.length; i++) {
        const info = infos[i]!;
        const signature = raw.signatures[i];
        if (info.modeInfo?.single?.mode !== SignMode.SIGN_MODE_DIRECT || signature?.length !== 64) continue;
        if (info.publicKey?.typeUrl !== SECP256K1_PUBKEY_URL) continue;
        const pubkey = Secp256k1PubKey.decode(info.publicKey.value).key;
        if (pubkey.length !== 33) continue;
        const accountNumber = this.accountNumbers.get(latin1(addressOfPubkey(pubkey)));
        if (accountNumber === undefined) continue;
        const point = this.point(pubkey);
        if (point === null) continue;
        const digest = directSignDigest(raw.bodyBytes, raw.authInfoBytes, this.chainId, accountNumber);
        if (secp256k1Verify(digest, signature, point)) out.push({ digest, signature, pubkey });
      }
    } catch {
      // Malformed: the main thread's CheckTx says why.
    }
    return out;
  }

  /** The signer's uncompressed key; null for a key that is not a curve point. */
  private point(pubkey: Uint8Array): Uint8Array | null {
    const id = latin1(pubkey);
    let p = this.points.get(id);
    if (p === undefined) {
      p = secp256k1Uncompressed(pubkey) ?? null;
      if (this.points.size >= this.maxEntries) this.points.clear();
      this.points.set(id, p);
    }
    return p;
  }
}

/** Verified signatures in one transferable array (PACKED_SIGNATURE_BYTES each). */
export function packSignatures(sigs: readonly VerifiedSignature[]): Uint8Array {
  const out = new Uint8Array(sigs.length * PACKED_SIGNATURE_BYTES);
  sigs.forEach((s, i) => {
    const o = i * PACKED_SIGNATURE_BYTES;
    out.set(s.digest, o);
    out.set(s.signature, o + 32);
    out.set(s.pubkey, o + 96);
  });
  return out;
}

export function unpackSignatures(packed: Uint8Array): VerifiedSignature[] {
  const out: VerifiedSignature[] = [];
  for (let o = 0; o + PACKED_SIGNATURE_BYTES <= packed.length; o += PACKED_SIGNATURE_BYTES) {
    out.push({ digest: packed.subarray(o, o + 32), signature: packed.subarray(o + 32, o + 96), pubkey: packed.subarray(o + 96, o + PACKED_SIGNATURE_BYTES) });
  }
  return out;
}
