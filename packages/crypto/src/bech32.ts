// BIP-173 bech32 (the original checksum constant 1, not bech32m) over 8-bit data.
// Error texts follow the Go bech32 package the Cosmos SDK uses, because they
// surface verbatim in SDK error messages.

export type Bech32ErrorKind =
  | 'invalid-length'
  | 'invalid-character'
  | 'mixed-case'
  | 'invalid-separator'
  | 'non-charset-character'
  | 'invalid-checksum'
  | 'invalid-padding'
  | 'invalid-prefix';

export class Bech32Error extends Error {
  override readonly name = 'Bech32Error';
  constructor(
    readonly kind: Bech32ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export const BECH32_DEFAULT_LIMIT = 90;

const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const CHARSET_REV = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) CHARSET_REV[CHARSET.charCodeAt(i)] = i;

const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;

function polymodStep(chk: number, value: number): number {
  const top = chk >>> 25;
  chk = ((chk & 0x1ffffff) << 5) ^ value;
  // Unrolled and branch-free (-(bit) is all ones or zero): this runs for every character decoded.
  return (
    chk ^
    (-(top & 1) & 0x3b6a57b2) ^
    (-((top >>> 1) & 1) & 0x26508e6d) ^
    (-((top >>> 2) & 1) & 0x1ea119fa) ^
    (-((top >>> 3) & 1) & 0x3d4233dd) ^
    (-((top >>> 4) & 1) & 0x2a1462b3)
  );
}

function prefixChecksumState(prefix: string): number {
  let chk = 1;
  for (let i = 0; i < prefix.length; i++) chk = polymodStep(chk, prefix.charCodeAt(i) >> 5);
  chk = polymodStep(chk, 0);
  for (let i = 0; i < prefix.length; i++) chk = polymodStep(chk, prefix.charCodeAt(i) & 31);
  return chk;
}

function checksumWords(state: number, words: ArrayLike<number>, constant: number): number[] {
  let chk = state;
  for (let i = 0; i < words.length; i++) chk = polymodStep(chk, words[i]!);
  for (let i = 0; i < 6; i++) chk = polymodStep(chk, 0);
  chk ^= constant;
  const out: number[] = [];
  for (let i = 0; i < 6; i++) out.push((chk >>> (5 * (5 - i))) & 31);
  return out;
}

function wordsToString(words: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < words.length; i++) s += CHARSET[words[i]!];
  return s;
}

/** 8-bit bytes → 5-bit words, zero-padding the last group. */
export function toWords(data: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of data) {
    acc = ((acc << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >>> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** 5-bit words → 8-bit bytes; rejects leftover non-zero or over-long padding. */
export function fromWords(words: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(Math.floor((words.length * 5) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < words.length; i++) {
    acc = ((acc << 5) | words[i]!) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >>> bits) & 0xff;
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) {
    throw new Bech32Error('invalid-padding', 'invalid incomplete group');
  }
  return out;
}

export function bech32Encode(prefix: string, data: Uint8Array, limit = BECH32_DEFAULT_LIMIT): string {
  return bech32EncodeWords(prefix, toWords(data), limit);
}

/** Encodes raw 5-bit words (each 0..31) under `prefix`. */
export function bech32EncodeWords(prefix: string, words: ArrayLike<number>, limit = BECH32_DEFAULT_LIMIT): string {
  if (prefix.length === 0) throw new Bech32Error('invalid-prefix', 'empty bech32 prefix');
  for (let i = 0; i < prefix.length; i++) {
    const c = prefix.charCodeAt(i);
    if (c < 33 || c > 126) throw new Bech32Error('invalid-character', `invalid character in string: '${prefix[i]}'`);
  }
  if (prefix !== prefix.toLowerCase() && prefix !== prefix.toUpperCase()) {
    throw new Bech32Error('mixed-case', 'string not all lowercase or all uppercase');
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!Number.isInteger(w) || w < 0 || w > 31) throw new Bech32Error('invalid-character', `invalid 5-bit word ${w}`);
  }
  const hrp = prefix.toLowerCase();
  const out = hrp + '1' + wordsToString(words) + wordsToString(checksumWords(prefixChecksumState(hrp), words, BECH32_CONST));
  if (out.length > limit) throw new Bech32Error('invalid-length', `invalid bech32 string length ${out.length}`);
  return out;
}

export interface Bech32Decoded {
  prefix: string;
  data: Uint8Array;
}

/** Decodes a bech32 string to 8-bit data; the prefix comes back lower-case. */
export function bech32Decode(str: string, limit = BECH32_DEFAULT_LIMIT): Bech32Decoded {
  const { prefix, words } = bech32DecodeWords(str, limit);
  return { prefix, data: fromWords(words) };
}

/** Decodes a bech32 string to its raw 5-bit words (checksum verified and removed). */
export function bech32DecodeWords(str: string, limit = BECH32_DEFAULT_LIMIT): { prefix: string; words: Uint8Array } {
  if (str.length < 8 || str.length > limit) {
    throw new Bech32Error('invalid-length', `invalid bech32 string length ${str.length}`);
  }
  let hasLower = false;
  let hasUpper = false;
  for (let i = 0; i < str.length; i++) {
    const c = str.charCodeAt(i);
    if (c < 33 || c > 126) throw new Bech32Error('invalid-character', `invalid character in string: '${str[i]}'`);
    if (c >= 97 && c <= 122) hasLower = true;
    else if (c >= 65 && c <= 90) hasUpper = true;
  }
  if (hasLower && hasUpper) throw new Bech32Error('mixed-case', 'string not all lowercase or all uppercase');
  const lower = str.toLowerCase();
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 7 > lower.length) {
    throw new Bech32Error('invalid-separator', `invalid separator index ${sep}`);
  }
  const prefix = lower.slice(0, sep);
  const words = new Uint8Array(lower.length - sep - 1);
  for (let i = 0; i < words.length; i++) {
    const c = lower.charCodeAt(sep + 1 + i);
    const v = CHARSET_REV[c]!;
    if (v < 0) throw new Bech32Error('non-charset-character', `invalid character not part of charset: ${c}`);
    words[i] = v;
  }
  const payload = words.subarray(0, words.length - 6);
  const state = prefixChecksumState(prefix);
  // Valid iff the polymod over prefix, payload and checksum is the constant (BIP-173); the strings
  // of the error message are built only on failure.
  let chk = state;
  for (let i = 0; i < words.length; i++) chk = polymodStep(chk, words[i]!);
  if (chk !== BECH32_CONST) {
    const expected = wordsToString(checksumWords(state, payload, BECH32_CONST));
    const actual = lower.slice(lower.length - 6);
    const expectedM = wordsToString(checksumWords(state, payload, BECH32M_CONST));
    throw new Bech32Error(
      'invalid-checksum',
      `invalid checksum (expected (bech32=${expected}, bech32m=${expectedM}), got ${actual})`,
    );
  }
  return { prefix, words: payload };
}

/**
 * Fast path of bech32Decode for the common case, straight from ASCII bytes (no string, no word
 * array): a lower-case string under exactly `prefix` (lower case) with a valid checksum and padding,
 * at most `limit` characters. Returns the 8-bit data, or null for anything else — then the caller
 * takes bech32Decode for the exact result or error text. Never accepts what bech32Decode rejects.
 */
// The checksum state after the prefix, for the prefix last decoded (one per chain: "secret").
let lastPrefix = '';
let lastPrefixState = 0;

export function bech32DecodeLowerAscii(bytes: Uint8Array, prefix: string, limit = BECH32_DEFAULT_LIMIT): Uint8Array | null {
  const n = bytes.length;
  const p = prefix.length;
  // prefix ‖ '1' ‖ at least the 6 checksum words; bech32Decode's bounds (8 ≤ n ≤ limit).
  if (n < 8 || n > limit || p < 1 || n < p + 7) return null;
  for (let i = 0; i < p; i++) if (bytes[i] !== prefix.charCodeAt(i)) return null;
  if (bytes[p] !== 0x31) return null;
  // The separator is the last '1'; '1' is not in the charset, so any later one makes the data invalid.
  if (prefix !== lastPrefix) {
    lastPrefixState = prefixChecksumState(prefix);
    lastPrefix = prefix;
  }
  let chk = lastPrefixState;
  const words = n - p - 1;
  const out = new Uint8Array(Math.floor(((words - 6) * 5) / 8));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < words; i++) {
    const c = bytes[p + 1 + i]!;
    const v = c < 128 ? CHARSET_REV[c]! : -1;
    // Only lower-case charset characters (upper case, '1', others: the slow path decides).
    if (v < 0 || (c >= 65 && c <= 90)) return null;
    chk = polymodStep(chk, v);
    if (i < words - 6) {
      acc = ((acc << 5) | v) & 0xfff;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out[j++] = (acc >>> bits) & 0xff;
      }
    }
  }
  if (chk !== BECH32_CONST) return null;
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) return null;
  return out;
}
