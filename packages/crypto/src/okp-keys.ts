// Raw 32-byte Curve25519/Ed25519 keys ⇄ node:crypto KeyObjects. Node 20 has no
// raw import, so private keys go through a fixed PKCS#8 DER prefix and public
// keys through JWK (the faster of JWK and SPKI DER here).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export type OkpCurve = 'Ed25519' | 'X25519';

// PKCS#8 PrivateKeyInfo up to the 32-byte key: SEQ, version 0, AlgId(OID 1.3.101.112 / .110), OCTET STRING(OCTET STRING(32)).
const PKCS8_PREFIX: Record<OkpCurve, Buffer> = {
  Ed25519: Buffer.from('302e020100300506032b657004220420', 'hex'),
  X25519: Buffer.from('302e020100300506032b656e04220420', 'hex'),
};

export function okpPrivateKey(curve: OkpCurve, raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError(`${curve} private key must be 32 bytes`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX[curve], raw]), format: 'der', type: 'pkcs8' });
}

export function okpPublicKey(curve: OkpCurve, raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new RangeError(`${curve} public key must be 32 bytes`);
  const x = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: curve, x }, format: 'jwk' });
}

/** Raw 32-byte public key of a private or public KeyObject. */
export function okpRawPublicKey(key: KeyObject): Uint8Array {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = pub.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x as string, 'base64url'));
}
