// Contract input decryption and output encryption (secret-protocol §3, §4).
// The per-message tx key never leaves this module: callers hold an opaque TxKeyHandle.
import {
  AesSivError,
  AesSivKey,
  ENCRYPTED_MSG_MIN_LENGTH,
  fromUtf8,
  NONCE_LENGTH,
  readU64be,
  toBase64,
  toUtf8,
  txEncryptionKey,
  X25519_KEY_LENGTH,
  type X25519Key,
} from '@scrtd/crypto';
import { EnclaveCodedError } from './errors.js';
import { Lru } from './contract/lru.js';

/**
 * Opaque reference to one message's tx key. Only the public parts (nonce, user public key) are
 * readable; the key itself stays in the enclave. Sub-calls reuse the handle of the original message.
 */
export interface TxKeyHandle {
  readonly nonce: Uint8Array;
  readonly userPublicKey: Uint8Array;
}

/** AD of every tx-key encryption (§3, §4): one empty component, as encryptWithTxKey uses. */
const TX_AD: readonly Uint8Array[] = Object.freeze([new Uint8Array(0)]);

/**
 * The handles this module gives out. The key, with its AES-SIV contexts made on first use (the input
 * and every output of a message share them; one-off tx keys stay out of crypto's shared key cache),
 * is a private field: no code outside this class can read it. (It used to sit in a WeakMap keyed by
 * the handle. V8's young-generation GC keeps such entries alive, so every call's key, contexts and
 * handle survived into the old generation: ≈ 7 % of the bytes a token transfer promotes.)
 */
class TxKey implements TxKeyHandle {
  readonly nonce: Uint8Array;
  readonly userPublicKey: Uint8Array;
  readonly #key: Uint8Array;
  #siv: AesSivKey | undefined;

  constructor(nonce: Uint8Array, userPublicKey: Uint8Array, key: Uint8Array) {
    // Copies (new Uint8Array of a typed array: the fast path; Uint8Array.from iterates).
    this.nonce = new Uint8Array(nonce);
    this.userPublicKey = new Uint8Array(userPublicKey);
    this.#key = key;
    Object.freeze(this);
  }

  static sivOf(tx: TxKeyHandle): AesSivKey {
    if (!(#key in tx)) throw new EnclaveCodedError('badInput', 'unknown tx key handle');
    return (tx.#siv ??= new AesSivKey(tx.#key));
  }
}

const keyOf = (tx: TxKeyHandle): AesSivKey => TxKey.sivOf(tx);

/** encryptWithTxKey / decryptWithTxKey with the handle's prepared key. */
const sealTx = (tx: TxKeyHandle, plaintext: Uint8Array): Uint8Array => keyOf(tx).encrypt(plaintext, TX_AD);
const openTx = (tx: TxKeyHandle, ciphertext: Uint8Array): Uint8Array => keyOf(tx).decrypt(ciphertext, TX_AD);

/** What `openInput` needs of the enclave keys (structural, so tests can supply a bare IO key). */
export interface IoKeys {
  readonly ioKey: X25519Key;
}

/** A `"REPLY01" ‖ u64be(id) ‖ code hash hex` group stripped from a sub-message input (§3.2, §9.1). */
export interface ReplyParam {
  subMsgId: bigint;
  codeHashHex: string;
}

export interface OpenedInput {
  tx: TxKeyHandle;
  nonce: Uint8Array;
  userPublicKey: Uint8Array;
  /** Reply headers found between the code hash and the message (outermost first). */
  replyParams: ReplyParam[];
  /** The contract message (JSON bytes) after the code hash and any reply headers. */
  msg: Uint8Array;
}

// X25519 agreements with recent client keys: a client (secretjs) keeps one key pair for all its
// messages, so each new message then costs one HKDF instead of an agreement (~50 µs).
const shared = new WeakMap<IoKeys, Lru<string, Uint8Array>>();

function sharedWith(keys: IoKeys, userPublicKey: Uint8Array): Uint8Array {
  let cache = shared.get(keys);
  if (!cache) {
    cache = new Lru(1024);
    shared.set(keys, cache);
  }
  const id = Buffer.from(userPublicKey).toString('base64');
  let s = cache.get(id);
  if (!s) {
    s = keys.ioKey.sharedSecret(userPublicKey);
    cache.set(id, s);
  }
  return s;
}

/** The tx key of (nonce, user public key) — for inputs that carry only those, e.g. replies (§9.2). */
export function txKeyFor(keys: IoKeys, nonce: Uint8Array, userPublicKey: Uint8Array): TxKeyHandle {
  if (nonce.length !== NONCE_LENGTH || userPublicKey.length !== X25519_KEY_LENGTH) {
    throw new EnclaveCodedError('decrypt', 'bad nonce or public key length');
  }
  return new TxKey(nonce, userPublicKey, txEncryptionKey(sharedWith(keys, userPublicKey), nonce));
}

const HASH_HEX = 64;
const REPLY_MAGIC = toUtf8('REPLY01');
const REPLY_GROUP = REPLY_MAGIC.length + 8 + HASH_HEX;

/** Hex-decodes 64 ASCII characters of either case; null when not hex. */
function hashHexAt(bytes: Uint8Array, offset: number): string | null {
  if (bytes.length < offset + HASH_HEX) return null;
  const text = fromUtf8Safe(bytes.subarray(offset, offset + HASH_HEX));
  return text !== null && /^[0-9a-fA-F]{64}$/.test(text) ? text.toLowerCase() : null;
}

/**
 * hashHexAt(bytes, 0) === expected.toLowerCase(), on the bytes: no string decoding per message.
 * Each byte must be a hex digit (either case) equal, lower-cased, to the expected character.
 */
function hashHexIs(bytes: Uint8Array, expected: string): boolean {
  if (bytes.length < HASH_HEX || expected.length !== HASH_HEX) return false;
  for (let i = 0; i < HASH_HEX; i++) {
    let c = bytes[i]!;
    if (c >= 0x41 && c <= 0x46) c += 0x20; // A-F → a-f
    else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
    let e = expected.charCodeAt(i);
    if (e >= 0x41 && e <= 0x5a) e += 0x20; // String.prototype.toLowerCase of ASCII letters
    if (c !== e) return false;
  }
  return true;
}

function fromUtf8Safe(bytes: Uint8Array): string | null {
  try {
    return fromUtf8(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, offset: number, prefix: Uint8Array): boolean {
  if (bytes.length < offset + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[offset + i] !== prefix[i]) return false;
  return true;
}

/**
 * Open encrypted wire bytes `nonce ‖ user_pk ‖ AES-SIV(...)` and check the code hash.
 * Throws EnclaveCodedError `decrypt` (too short, bad tag) or `validate` (code hash mismatch).
 */
export function openInput(keys: IoKeys, wire: Uint8Array, expectedCodeHashHex: string): OpenedInput {
  if (!(wire instanceof Uint8Array) || wire.length < ENCRYPTED_MSG_MIN_LENGTH) throw new EnclaveCodedError('decrypt');
  const tx = txKeyFor(keys, wire.subarray(0, NONCE_LENGTH), wire.subarray(NONCE_LENGTH, NONCE_LENGTH + X25519_KEY_LENGTH));
  let plain: Uint8Array;
  try {
    plain = openTx(tx, wire.subarray(NONCE_LENGTH + X25519_KEY_LENGTH));
  } catch (e) {
    if (e instanceof AesSivError) throw new EnclaveCodedError('decrypt');
    throw e;
  }
  if (!hashHexIs(plain, expectedCodeHashHex)) throw new EnclaveCodedError('validate');
  let offset = HASH_HEX;
  const replyParams: ReplyParam[] = [];
  while (startsWith(plain, offset, REPLY_MAGIC) && plain.length >= offset + REPLY_GROUP) {
    const id = readU64be(plain, offset + REPLY_MAGIC.length);
    const h = hashHexAt(plain, offset + REPLY_MAGIC.length + 8);
    if (h === null) throw new EnclaveCodedError('validate');
    replyParams.push({ subMsgId: id, codeHashHex: h });
    offset += REPLY_GROUP;
  }
  // A view, not a copy: `plain` is this call's own array (the vm copies the message into the contract).
  return { tx, nonce: tx.nonce, userPublicKey: tx.userPublicKey, replyParams, msg: plain.subarray(offset) };
}

/** `data` output (§4.1): AES-SIV of the ASCII base64 text of the bytes; raw ciphertext. */
export function encryptData(tx: TxKeyHandle, data: Uint8Array): Uint8Array {
  return sealTx(tx, toUtf8(toBase64(data)));
}

/** Query result (§4.4): the contract's `{"Ok":"<b64>"}` text is encrypted as is; raw ciphertext. */
export function encryptQueryResult(tx: TxKeyHandle, base64Text: string): Uint8Array {
  return sealTx(tx, toUtf8(base64Text));
}

/** An encrypted attribute key or value (§4.2): base64 text. */
export function encryptAttribute(tx: TxKeyHandle, text: string): string {
  return toBase64(sealTx(tx, toUtf8(text)));
}

/** Contract API flavour: v0.10 errors are StdError objects, v1 errors are strings. */
export type ApiVersion = 'v0.10' | 'v1';
export type ContractOp = 'instantiate' | 'execute' | 'query' | 'reply to' | 'migrate';

/**
 * Encrypted error payload (§4.3): JSON of the `Err` value with one leading and one trailing `"`
 * stripped, sealed and base64-encoded. Returns the base64 that goes into `{"generic_err":{"msg":…}}`.
 */
export function encryptError(tx: TxKeyHandle, apiVersion: ApiVersion, err: unknown): string {
  return toBase64(sealTx(tx, toUtf8(errorPlaintext(apiVersion, err))));
}

/** The text an error is sealed as: its JSON with one leading and one trailing `"` stripped (§4.3). */
export function errorPlaintext(apiVersion: ApiVersion, err: unknown): string {
  if (apiVersion === 'v1' ? typeof err !== 'string' : typeof err !== 'object' || err === null) {
    throw new EnclaveCodedError('badInput', `a ${apiVersion} contract error must be ${apiVersion === 'v1' ? 'a string' : 'an object'}`);
  }
  let s = JSON.stringify(err);
  if (s.startsWith('"')) s = s.slice(1);
  if (s.endsWith('"')) s = s.slice(0, -1);
  return s;
}

/** The text Go makes of an encrypted error: `encrypted: <b64>: <op> contract failed`. */
export function encryptedErrorText(errorBase64: string, op: ContractOp): string {
  return `encrypted: ${errorBase64}: ${op} contract failed`;
}

/** Seal arbitrary bytes under a tx key (sub-message inputs, §9.1) — internal building block. */
export function sealWithTx(tx: TxKeyHandle, plaintext: Uint8Array): Uint8Array {
  return sealTx(tx, plaintext);
}

/** Open bytes sealed under a tx key (reply ids, sub-query answers); throws EnclaveCodedError `decrypt`. */
export function openWithTx(tx: TxKeyHandle, ciphertext: Uint8Array): Uint8Array {
  try {
    return openTx(tx, ciphertext);
  } catch (e) {
    if (e instanceof AesSivError) throw new EnclaveCodedError('decrypt');
    throw e;
  }
}
