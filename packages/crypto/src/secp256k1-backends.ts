// Two interchangeable secp256k1 implementations behind one small interface:
// libsecp256k1 via the `secp256k1` native addon, and pure-JS @noble/curves.
// secp256k1.ts picks one; the bench and tests use both.
import { createRequire } from 'node:module';
import { secp256k1 as noble } from '@noble/curves/secp256k1.js';

export interface Secp256k1Backend {
  readonly name: 'native' | 'noble';
  /** Throws on an invalid private key. */
  publicKey(privateKey: Uint8Array, compressed: boolean): Uint8Array;
  /** RFC 6979 deterministic, low-S; `recovery` is the 0..3 recovery id. */
  sign(hash32: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recovery: number };
  /** Rejects high-S. May throw on unparsable input; callers wrap it. */
  verify(hash32: Uint8Array, signature64: Uint8Array, publicKey: Uint8Array): boolean;
  /** Throws when no key can be recovered. */
  recover(hash32: Uint8Array, signature64: Uint8Array, recovery: number, compressed: boolean): Uint8Array;
  /** The 65-byte form of a public key; throws if it is not a point of the curve. */
  uncompressed(publicKey: Uint8Array): Uint8Array;
}

// The subset of the addon's API we use (secp256k1@5 lib/index.js over the C binding).
interface NativeAddon {
  publicKeyCreate(privateKey: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(msg32: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array; recid: number };
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, publicKey: Uint8Array): boolean;
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed?: boolean): Uint8Array;
  publicKeyConvert(publicKey: Uint8Array, compressed?: boolean): Uint8Array;
}

export const nobleSecp256k1: Secp256k1Backend = {
  name: 'noble',
  publicKey: (priv, compressed) => noble.getPublicKey(priv, compressed),
  sign(hash32, priv) {
    // 'recovered' = recovery byte ‖ r ‖ s; no extra entropy keeps RFC 6979 deterministic.
    const rec = noble.sign(hash32, priv, { prehash: false, lowS: true, format: 'recovered' });
    return { signature: rec.slice(1), recovery: rec[0]! };
  },
  verify: (hash32, sig, pub) => noble.verify(sig, hash32, pub, { prehash: false, lowS: true, format: 'compact' }),
  recover(hash32, sig, recovery, compressed) {
    const rec = new Uint8Array(65);
    rec[0] = recovery;
    rec.set(sig, 1);
    const pub = noble.recoverPublicKey(rec, hash32, { prehash: false });
    return compressed ? pub : noble.Point.fromBytes(pub).toBytes(false);
  },
  uncompressed: (pub) => noble.Point.fromBytes(pub).toBytes(false),
};

/**
 * Loads the compiled libsecp256k1 addon directly: the package's main entry
 * silently falls back to the slow `elliptic` JS code when the addon is missing,
 * and we would rather fall back to @noble/curves knowingly.
 */
function loadNative(): Secp256k1Backend | undefined {
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)('secp256k1/bindings') as NativeAddon;
  } catch {
    return undefined;
  }
  return {
    name: 'native',
    publicKey: (priv, compressed) => addon.publicKeyCreate(priv, compressed),
    sign(hash32, priv) {
      // libsecp256k1 signs with RFC 6979 nonces and always emits low-S.
      const { signature, recid } = addon.ecdsaSign(hash32, priv);
      return { signature, recovery: recid };
    },
    // libsecp256k1's verify only accepts lower-S signatures.
    verify: (hash32, sig, pub) => addon.ecdsaVerify(sig, hash32, pub),
    recover: (hash32, sig, recovery, compressed) => addon.ecdsaRecover(sig, recovery, hash32, compressed),
    uncompressed: (pub) => addon.publicKeyConvert(pub, false),
  };
}

export const nativeSecp256k1: Secp256k1Backend | undefined = loadNative();
