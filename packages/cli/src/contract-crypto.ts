// Client-side encryption of secret contract messages and decryption of their outputs, the way the
// secretjs client does it (X25519 with the network IO key, HKDF per nonce, AES-SIV).
//
// The CLI's encryption key is not random: its 32-byte X25519 seed is
//   sha256("scrtd-cli tx encryption seed v1" ‖ secp256k1 private key of the signing key)
// so the same key can decrypt the outputs of its own past txs later (`scrtd query compute tx`)
// without storing anything beyond the keyring. Smart queries use a fresh random seed.
import {
  NONCE_LENGTH,
  X25519_KEY_LENGTH as PUBKEY_LENGTH,
  SecretEncryptor,
  concatBytes,
  fromBase64,
  fromUtf8,
  randomBytes,
  sha256,
  toBase64,
  toUtf8,
} from '@scrtd/crypto';

export const ENCRYPTION_SEED_DOMAIN = 'scrtd-cli tx encryption seed v1';

/** The deterministic encryption seed of a signing key (see the header comment). */
export function encryptionSeedOf(privateKey: Uint8Array): Uint8Array {
  return sha256(concatBytes(toUtf8(ENCRYPTION_SEED_DOMAIN), privateKey));
}

/** Splits encrypted wire bytes nonce ‖ pubkey ‖ ciphertext. */
export function wireParts(wire: Uint8Array): { nonce: Uint8Array; publicKey: Uint8Array } {
  if (wire.length < NONCE_LENGTH + PUBKEY_LENGTH) throw new Error('not an encrypted contract message');
  return { nonce: wire.subarray(0, NONCE_LENGTH), publicKey: wire.subarray(NONCE_LENGTH, NONCE_LENGTH + PUBKEY_LENGTH) };
}

/** UTF-8 text when the bytes are valid UTF-8, otherwise undefined. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return fromUtf8(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes for JSON output: `{ data }` as UTF-8 text when valid, else `{ data_base64 }`. */
export function displayBytes(bytes: Uint8Array): { data: string } | { data_base64: string } {
  const text = utf8OrUndefined(bytes);
  return text !== undefined ? { data: text } : { data_base64: toBase64(bytes) };
}

const ERROR_RE = /encrypted: (.+?): (?:instantiate|execute|query|reply to|migrate) contract failed/;

export interface Attribute {
  key: string;
  value: string;
}

export class ContractCrypto {
  readonly #enc: SecretEncryptor;

  constructor(
    readonly ioKey: Uint8Array,
    seed: Uint8Array = randomBytes(32),
  ) {
    this.#enc = new SecretEncryptor(seed);
  }

  /** This client's X25519 public key (bytes 32..64 of every message it encrypts). */
  get publicKey(): Uint8Array {
    return this.#enc.publicKey;
  }

  /** nonce ‖ pubkey ‖ AES-SIV(hex(codeHash) ‖ JSON(msg)). */
  encrypt(codeHash: string, msg: unknown): Uint8Array {
    return this.#enc.encrypt(this.ioKey, codeHash, msg);
  }

  /** Raw AES-SIV open under the tx key of `nonce`; throws on a bad tag. */
  decrypt(ciphertext: Uint8Array, nonce: Uint8Array): Uint8Array {
    return this.#enc.decrypt(this.ioKey, ciphertext, nonce);
  }

  /** The first nonce under which `ciphertext` opens, or undefined. */
  #tryDecrypt(ciphertext: Uint8Array, nonces: readonly Uint8Array[]): Uint8Array | undefined {
    for (const n of nonces) {
      try {
        return this.decrypt(ciphertext, n);
      } catch {
        // wrong nonce or not ours
      }
    }
    return undefined;
  }

  /** Msg response `data`: decrypt → UTF-8 base64 text → bytes. Empty stays empty. */
  decryptData(data: Uint8Array, nonce: Uint8Array): Uint8Array {
    if (data.length === 0) return data;
    return fromBase64(fromUtf8(this.decrypt(data, nonce)));
  }

  /** A `wasm` event attribute key or value: base64 → decrypt → UTF-8; the original text when that fails. */
  decryptAttributeText(text: string, nonces: readonly Uint8Array[]): string {
    let ct: Uint8Array;
    try {
      ct = fromBase64(text);
    } catch {
      return text;
    }
    if (ct.length === 0) return text;
    const pt = this.#tryDecrypt(ct, nonces);
    return (pt && utf8OrUndefined(pt)) ?? text;
  }

  decryptAttribute(a: Attribute, nonces: readonly Uint8Array[]): Attribute {
    if (a.key === 'contract_address') return { key: a.key, value: a.value };
    return { key: this.decryptAttributeText(a.key, nonces), value: this.decryptAttributeText(a.value, nonces) };
  }

  /**
   * The plaintext of an `encrypted: <b64>: <op> contract failed` error, and the log with the
   * ciphertext replaced by it (as secretjs rewrites rawLog). undefined when there is none or it is not ours.
   */
  decryptError(log: string, nonces: readonly Uint8Array[]): { error: string; log: string } | undefined {
    const m = ERROR_RE.exec(log);
    if (!m) return undefined;
    let ct: Uint8Array;
    try {
      ct = fromBase64(m[1]!);
    } catch {
      return undefined;
    }
    const pt = this.#tryDecrypt(ct, nonces);
    const error = pt && utf8OrUndefined(pt);
    if (error === undefined) return undefined;
    return { error, log: log.replace(`encrypted: ${m[1]}`, error) };
  }

  /** Smart query answer: decrypt(base64 data) → UTF-8 base64 text → bytes → JSON (or the text when not JSON, `{ data_base64 }` when not UTF-8). */
  decryptQueryAnswer(dataB64: string, nonce: Uint8Array): unknown {
    const bytes = fromBase64(fromUtf8(this.decrypt(fromBase64(dataB64), nonce)));
    const text = utf8OrUndefined(bytes);
    if (text === undefined) return { data_base64: toBase64(bytes) };
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}
