// Secret Network's key derivation and contract input/output encryption
// (secret-protocol.md §1–§4, secretjs-compat.md §12): HKDF with the fixed salt,
// X25519 with the network IO key, AES-SIV with one empty AD component.
import { aesSivDecrypt, aesSivEncrypt } from './aes-siv.js';
import { concatBytes, equalBytes, fromHex, toUtf8, u32be } from './encoding.js';
import { hkdfSha256 } from './hash.js';
import { randomBytes } from './random.js';
import { X25519Key } from './x25519.js';

export class SecretEncryptionError extends Error {
  override readonly name = 'SecretEncryptionError';
}

/** The single HKDF salt of the protocol (Bitcoin halving block hash). */
export const HKDF_SALT_HEX = '000000000000000000024bead8df69990852c202db0e0097c1a12ea637d7e96d';
const SALT = fromHex(HKDF_SALT_HEX);
/** A copy of the salt; mutating it does not affect this module. */
export const HKDF_SALT: Uint8Array = Uint8Array.from(SALT);

export const NONCE_LENGTH = 32;
export const X25519_KEY_LENGTH = 32;
/** Shortest input the enclave's parser treats as encrypted (§3.1). */
export const ENCRYPTED_MSG_MIN_LENGTH = 82;
export const CODE_HASH_HEX_LENGTH = 64;

/** AD for every tx/query/output encryption: exactly one empty component. */
const TX_AD: readonly Uint8Array[] = Object.freeze([new Uint8Array(0)]);

/** Derive orders of the consensus-seed KDF (§2.2). */
export const DeriveOrder = {
  seedExchange: 1,
  ioExchange: 2,
  stateIkm: 3,
  callbackSecret: 4,
  randomnessEncryption: 5,
  initialRandomnessSeed: 6,
  adminProof: 7,
  contractKeyProof: 8,
} as const;

function need(what: string, bytes: Uint8Array, length: number): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new SecretEncryptionError(`${what} must be ${length} bytes`);
  }
}

/** Seed-KDF: HKDF(salt, seed ‖ data, info "seed"). */
export function seedKdf(seed: Uint8Array, data: Uint8Array): Uint8Array {
  need('seed', seed, 32);
  return hkdfSha256(concatBytes(seed, data), SALT, 'seed', 32);
}

/** Key-KDF: HKDF(salt, key ‖ data, info ""). */
export function keyKdf(key: Uint8Array, data: Uint8Array): Uint8Array {
  need('key', key, 32);
  return hkdfSha256(concatBytes(key, data), SALT, '', 32);
}

/** HKDF with the protocol salt and a caller-chosen info (block randomness, §2.6). */
export function hkdfWithProtocolSalt(ikm: Uint8Array, info: Uint8Array, length = 32): Uint8Array {
  return hkdfSha256(ikm, SALT, info, length);
}

/** Key of derive order `order` (1..8, see DeriveOrder) from one consensus seed. */
export function deriveConsensusKey(seed: Uint8Array, order: number): Uint8Array {
  return seedKdf(seed, u32be(order));
}

/** tx_key = HKDF(salt, X25519 shared secret ‖ nonce, info ""). */
export function txEncryptionKey(sharedSecret: Uint8Array, nonce: Uint8Array): Uint8Array {
  need('shared secret', sharedSecret, 32);
  need('nonce', nonce, NONCE_LENGTH);
  return keyKdf(sharedSecret, nonce);
}

/** AES-SIV under a tx key with AD [b""] — inputs, data, attributes, errors, query results. */
export function encryptWithTxKey(txKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  return aesSivEncrypt(txKey, plaintext, TX_AD);
}

/** Inverse of encryptWithTxKey; throws AesSivError on a bad tag. */
export function decryptWithTxKey(txKey: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  return aesSivDecrypt(txKey, ciphertext, TX_AD);
}

/** Lower-case 64-char hex of a code hash (accepts upper case and a 0x prefix). */
export function normalizeCodeHash(codeHash: string): string {
  const hex = codeHash.startsWith('0x') || codeHash.startsWith('0X') ? codeHash.slice(2) : codeHash;
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new SecretEncryptionError('code hash must be 64 hex characters');
  return hex.toLowerCase();
}

/** plaintext = hex(code hash) ‖ message bytes (§3.2). */
export function contractPlaintext(codeHashHex: string, msg: Uint8Array | string): Uint8Array {
  const body = typeof msg === 'string' ? toUtf8(msg) : msg;
  return concatBytes(toUtf8(normalizeCodeHash(codeHashHex)), body);
}

export interface EncryptContractMsgParams {
  userPrivateKey: Uint8Array;
  ioPublicKey: Uint8Array;
  nonce: Uint8Array;
  codeHashHex: string;
  /** JSON text (string) or raw bytes placed after the code hash. */
  msg: Uint8Array | string;
}

/** Wire bytes nonce ‖ user pubkey ‖ AES-SIV(tx_key, hex(code hash) ‖ msg, [b""]). */
export function encryptContractMsg(p: EncryptContractMsgParams): Uint8Array {
  need('nonce', p.nonce, NONCE_LENGTH);
  const user = new X25519Key(p.userPrivateKey);
  const key = txEncryptionKey(user.sharedSecret(p.ioPublicKey), p.nonce);
  const ct = encryptWithTxKey(key, contractPlaintext(p.codeHashHex, p.msg));
  return concatBytes(p.nonce, user.publicKey, ct);
}

export interface EncryptedMsg {
  /** Views into the input, not copies. */
  nonce: Uint8Array;
  userPublicKey: Uint8Array;
  ciphertext: Uint8Array;
}

/** Splits wire bytes; throws when shorter than ENCRYPTED_MSG_MIN_LENGTH (§3.1: then it is plaintext). */
export function parseEncryptedMsg(wire: Uint8Array): EncryptedMsg {
  if (!(wire instanceof Uint8Array) || wire.length < ENCRYPTED_MSG_MIN_LENGTH) {
    throw new SecretEncryptionError(
      `encrypted message must be at least ${ENCRYPTED_MSG_MIN_LENGTH} bytes, got ${wire?.length}`,
    );
  }
  return {
    nonce: wire.subarray(0, NONCE_LENGTH),
    userPublicKey: wire.subarray(NONCE_LENGTH, NONCE_LENGTH + X25519_KEY_LENGTH),
    ciphertext: wire.subarray(NONCE_LENGTH + X25519_KEY_LENGTH),
  };
}

export interface DecryptedContractMsg extends EncryptedMsg {
  /** hex(code hash) ‖ message, as the client sealed it. */
  plaintext: Uint8Array;
  /** Key for encrypting this call's outputs back to the sender (§4). */
  txKey: Uint8Array;
}

/** Node side: open wire bytes with the network IO key. Throws on short input or a bad tag. */
export function decryptContractMsg(ioKey: X25519Key, wire: Uint8Array): DecryptedContractMsg {
  const parts = parseEncryptedMsg(wire);
  const txKey = txEncryptionKey(ioKey.sharedSecret(parts.userPublicKey), parts.nonce);
  return { ...parts, txKey, plaintext: decryptWithTxKey(txKey, parts.ciphertext) };
}

/**
 * Client-side counterpart of secretjs's EncryptionUtils: a long-lived X25519
 * key from a 32-byte seed (clamped like curve25519-js), fresh random nonces.
 */
export class SecretEncryptor {
  readonly #key: X25519Key;
  #cachedIoKey: Uint8Array | undefined;
  #cachedShared: Uint8Array | undefined;

  constructor(seed: Uint8Array = randomBytes(32)) {
    need('encryption seed', seed, 32);
    this.#key = new X25519Key(seed);
  }

  get publicKey(): Uint8Array {
    return Uint8Array.from(this.#key.publicKey);
  }

  #shared(ioPublicKey: Uint8Array): Uint8Array {
    need('IO public key', ioPublicKey, X25519_KEY_LENGTH);
    const cached = this.#cachedIoKey;
    if (!cached || !equalBytes(cached, ioPublicKey)) {
      this.#cachedShared = this.#key.sharedSecret(ioPublicKey);
      this.#cachedIoKey = Uint8Array.from(ioPublicKey);
    }
    return this.#cachedShared!;
  }

  txEncryptionKey(ioPublicKey: Uint8Array, nonce: Uint8Array): Uint8Array {
    return txEncryptionKey(this.#shared(ioPublicKey), nonce);
  }

  /** nonce ‖ pubkey ‖ AES-SIV(hex(codeHash) ‖ JSON.stringify(msg)); `nonce` only for tests. */
  encrypt(ioPublicKey: Uint8Array, codeHash: string, msg: unknown, nonce: Uint8Array = randomBytes(NONCE_LENGTH)): Uint8Array {
    const json = JSON.stringify(msg);
    if (json === undefined) throw new SecretEncryptionError('message is not JSON-serialisable');
    const ct = encryptWithTxKey(this.txEncryptionKey(ioPublicKey, nonce), contractPlaintext(codeHash, json));
    return concatBytes(nonce, this.#key.publicKey, ct);
  }

  /** Opens a node output sealed with the tx key of `nonce`; empty input gives empty output (like secretjs). */
  decrypt(ioPublicKey: Uint8Array, ciphertext: Uint8Array, nonce: Uint8Array): Uint8Array {
    if (ciphertext.length === 0) return new Uint8Array(0);
    return decryptWithTxKey(this.txEncryptionKey(ioPublicKey, nonce), ciphertext);
  }
}
