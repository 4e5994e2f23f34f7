// SHA-256 and RIPEMD-160 in integer-only AssemblyScript, and the host's signature checks.
import { newBytes } from "./bytes";
import { regionOf } from "./region";
import { secp256k1_verify, ed25519_verify } from "./imports";

const K256: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** Message padded to a multiple of 64 bytes with the bit length appended (big- or little-endian). */
function pad(data: Uint8Array, bigEndianLength: bool): Uint8Array {
  const n = data.length;
  const total = ((n + 9 + 63) >> 6) << 6;
  const out = newBytes(total);
  memory.copy(out.dataStart, data.dataStart, <usize>n);
  memory.fill(out.dataStart + <usize>n, 0, <usize>(total - n));
  out[n] = 0x80;
  const bits = (<u64>n) << 3;
  for (let i = 0; i < 8; i++) {
    const b = <u8>(bits >> (<u64>(8 * i)));
    if (bigEndianLength) out[total - 1 - i] = b;
    else out[total - 8 + i] = b;
  }
  return out;
}

export function sha256(data: Uint8Array): Uint8Array {
  let h0: u32 = 0x6a09e667, h1: u32 = 0xbb67ae85, h2: u32 = 0x3c6ef372, h3: u32 = 0xa54ff53a;
  let h4: u32 = 0x510e527f, h5: u32 = 0x9b05688c, h6: u32 = 0x1f83d9ab, h7: u32 = 0x5be0cd19;
  const m = pad(data, true);
  const w = new StaticArray<u32>(64);
  const p = m.dataStart;
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      unchecked((w[i] = bswap<u32>(load<u32>(p + <usize>(off + 4 * i)))));
    }
    for (let i = 16; i < 64; i++) {
      const a = unchecked(w[i - 15]);
      const b = unchecked(w[i - 2]);
      const s0 = rotr<u32>(a, 7) ^ rotr<u32>(a, 18) ^ (a >>> 3);
      const s1 = rotr<u32>(b, 17) ^ rotr<u32>(b, 19) ^ (b >>> 10);
      unchecked((w[i] = unchecked(w[i - 16]) + s0 + unchecked(w[i - 7]) + s1));
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = h + S1 + ch + unchecked(K256[i]) + unchecked(w[i]);
      const S0 = rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = S0 + maj;
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    h0 += a; h1 += b; h2 += c; h3 += d; h4 += e; h5 += f; h6 += g; h7 += h;
  }
  const out = newBytes(32);
  const o = out.dataStart;
  store<u32>(o, bswap<u32>(h0), 0);
  store<u32>(o, bswap<u32>(h1), 4);
  store<u32>(o, bswap<u32>(h2), 8);
  store<u32>(o, bswap<u32>(h3), 12);
  store<u32>(o, bswap<u32>(h4), 16);
  store<u32>(o, bswap<u32>(h5), 20);
  store<u32>(o, bswap<u32>(h6), 24);
  store<u32>(o, bswap<u32>(h7), 28);
  return out;
}

// RIPEMD-160 word selection and rotation tables (left line, then right line).
const RL: StaticArray<u8> = [
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
  3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12,
  1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
  4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
];
const RR: StaticArray<u8> = [
  5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12,
  6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
  15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13,
  8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
  12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
];
const SL: StaticArray<u8> = [
  11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8,
  7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
  11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5,
  11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
  9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
];
const SR: StaticArray<u8> = [
  8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6,
  9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
  9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5,
  15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
  8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
];
const KL: StaticArray<u32> = [0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
const KR: StaticArray<u32> = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000];

// @ts-ignore: decorator
@inline function rmdF(round: i32, x: u32, y: u32, z: u32): u32 {
  if (round == 0) return x ^ y ^ z;
  if (round == 1) return (x & y) | (~x & z);
  if (round == 2) return (x | ~y) ^ z;
  if (round == 3) return (x & z) | (y & ~z);
  return x ^ (y | ~z);
}

export function ripemd160(data: Uint8Array): Uint8Array {
  let h0: u32 = 0x67452301, h1: u32 = 0xefcdab89, h2: u32 = 0x98badcfe, h3: u32 = 0x10325476, h4: u32 = 0xc3d2e1f0;
  const m = pad(data, false);
  const x = new StaticArray<u32>(16);
  const p = m.dataStart;
  for (let off = 0; off < m.length; off += 64) {
    for (let i = 0; i < 16; i++) unchecked((x[i] = load<u32>(p + <usize>(off + 4 * i))));
    let al = h0, bl = h1, cl = h2, dl = h3, el = h4;
    let ar = h0, br = h1, cr = h2, dr = h3, er = h4;
    for (let j = 0; j < 80; j++) {
      const round = j >> 4;
      let t = rotl<u32>(al + rmdF(round, bl, cl, dl) + unchecked(x[unchecked(RL[j])]) + unchecked(KL[round]), <u32>unchecked(SL[j])) + el;
      al = el;
      el = dl;
      dl = rotl<u32>(cl, 10);
      cl = bl;
      bl = t;
      t = rotl<u32>(ar + rmdF(4 - round, br, cr, dr) + unchecked(x[unchecked(RR[j])]) + unchecked(KR[round]), <u32>unchecked(SR[j])) + er;
      ar = er;
      er = dr;
      dr = rotl<u32>(cr, 10);
      cr = br;
      br = t;
    }
    const t = h1 + cl + dr;
    h1 = h2 + dl + er;
    h2 = h3 + el + ar;
    h3 = h4 + al + br;
    h4 = h0 + bl + cr;
    h0 = t;
  }
  const out = newBytes(20);
  const o = out.dataStart;
  store<u32>(o, h0, 0);
  store<u32>(o, h1, 4);
  store<u32>(o, h2, 8);
  store<u32>(o, h3, 12);
  store<u32>(o, h4, 16);
  return out;
}

/** Host secp256k1 check of a 64-byte r‖s signature over a 32-byte hash. */
export function secp256k1Verify(hash: Uint8Array, signature: Uint8Array, pubkey: Uint8Array): bool {
  return secp256k1_verify(<u32>regionOf(hash), <u32>regionOf(signature), <u32>regionOf(pubkey)) == 0;
}

/** Host ed25519 check. */
export function ed25519Verify(message: Uint8Array, signature: Uint8Array, pubkey: Uint8Array): bool {
  return ed25519_verify(<u32>regionOf(message), <u32>regionOf(signature), <u32>regionOf(pubkey)) == 0;
}
