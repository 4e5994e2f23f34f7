// Text and byte converters (utf8, hex, base64) without dependencies, so worker threads can load them alone.

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8');

export const utf8 = (s: string): Uint8Array => enc.encode(s);
export const fromUtf8 = (b: Uint8Array): string => dec.decode(b);

/** Upper-case hex, as CometBFT's HexBytes.String() and the SDK's tx hashes render bytes. */
export function toHexUpper(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex').toUpperCase();
}

/** Decode hex of either case; undefined when the text is not even-length hex. */
export function fromHex(s: string): Uint8Array | undefined {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) return undefined;
  return new Uint8Array(Buffer.from(s, 'hex'));
}

export function toBase64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');
}

/**
 * Strict standard base64 (with `+/`, padding optional) and the URL-safe alphabet, as Go's jsonpb
 * accepts both; undefined on anything else (Buffer.from would silently skip bad characters).
 */
export function fromBase64(s: string): Uint8Array | undefined {
  const norm = s.replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(norm) || norm.replace(/=+$/, '').length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(norm, 'base64'));
}
