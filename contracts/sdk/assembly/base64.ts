// Standard base64 (RFC 4648 §4, with padding), as used by cosmwasm `Binary`.
import { newBytes, fromUtf8 } from "./bytes";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function sym(i: u32): u8 {
  return <u8>ALPHABET.charCodeAt(<i32>i);
}

/** Base64 text of `b`, as UTF-8 bytes. */
export function base64EncodeBytes(b: Uint8Array): Uint8Array {
  const n = b.length;
  const out = newBytes(((n + 2) / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = (<u32>b[i] << 16) | (<u32>b[i + 1] << 8) | <u32>b[i + 2];
    out[o++] = sym(v >> 18);
    out[o++] = sym((v >> 12) & 63);
    out[o++] = sym((v >> 6) & 63);
    out[o++] = sym(v & 63);
  }
  const rest = n - i;
  if (rest == 1) {
    const v = <u32>b[i] << 16;
    out[o++] = sym(v >> 18);
    out[o++] = sym((v >> 12) & 63);
    out[o++] = 61;
    out[o++] = 61;
  } else if (rest == 2) {
    const v = (<u32>b[i] << 16) | (<u32>b[i + 1] << 8);
    out[o++] = sym(v >> 18);
    out[o++] = sym((v >> 12) & 63);
    out[o++] = sym((v >> 6) & 63);
    out[o++] = 61;
  }
  return out;
}

export function base64Encode(b: Uint8Array): string {
  return fromUtf8(base64EncodeBytes(b));
}

function value(c: u32): i32 {
  if (c >= 65 && c <= 90) return <i32>c - 65;
  if (c >= 97 && c <= 122) return <i32>c - 71;
  if (c >= 48 && c <= 57) return <i32>c + 4;
  if (c == 43) return 62;
  if (c == 47) return 63;
  return -1;
}

/** Decodes base64 text given as bytes at [ptr, ptr+len). Null if malformed (strict padding). */
export function base64DecodeAt(ptr: usize, len: i32): Uint8Array | null {
  if (len & 3) return null;
  if (len == 0) return newBytes(0);
  let pad = 0;
  if (load<u8>(ptr + <usize>len - 1) == 61) pad++;
  if (load<u8>(ptr + <usize>len - 2) == 61) pad++;
  const out = newBytes((len >> 2) * 3 - pad);
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const last = i + 4 == len;
    const a = value(load<u8>(ptr + <usize>i));
    const b = value(load<u8>(ptr + <usize>i + 1));
    const c3 = load<u8>(ptr + <usize>i + 2);
    const d3 = load<u8>(ptr + <usize>i + 3);
    if (a < 0 || b < 0) return null;
    if (last && pad > 0) {
      if (pad == 2) {
        if (c3 != 61 || d3 != 61 || (b & 15) != 0) return null;
        out[o++] = <u8>((a << 2) | (b >> 4));
      } else {
        const c = value(c3);
        if (c < 0 || d3 != 61 || (c & 3) != 0) return null;
        out[o++] = <u8>((a << 2) | (b >> 4));
        out[o++] = <u8>(((b & 15) << 4) | (c >> 2));
      }
    } else {
      const c = value(c3);
      const d = value(d3);
      if (c < 0 || d < 0) return null;
      out[o++] = <u8>((a << 2) | (b >> 4));
      out[o++] = <u8>(((b & 15) << 4) | (c >> 2));
      out[o++] = <u8>(((c & 3) << 6) | d);
    }
  }
  return out;
}

export function base64DecodeBytes(text: Uint8Array): Uint8Array | null {
  return base64DecodeAt(text.dataStart, text.length);
}

export function base64Decode(s: string): Uint8Array | null {
  const b = Uint8Array.wrap(String.UTF8.encode(s));
  return base64DecodeAt(b.dataStart, b.length);
}
