// AES-128 and RFC 5297 AES-SIV (CMAC S2V + CTR) in WebAssembly, compiled by AssemblyScript at build
// time (scripts/build.mjs → packages/crypto/dist/aes-siv.wasm) and driven by src/aes-siv-wasm.ts.
//
// Why: node:crypto runs AES on AES-NI, but each call costs ≈ 1 µs of binding overhead and each new
// key ≈ 2 µs per OpenSSL context. Secret's messages are short (a state value, a contract input) and
// a tx key seals only a few of them, so the fixed costs dominated: here a block costs ≈ 0.12 µs and a
// key schedule ≈ 0.2 µs, with no call overhead beyond a wasm call.
//
// Constant time: no table lookup or branch depends on key or data. SubBytes looks the 16 state bytes
// up in the S-box with 16 SIMD swizzles, one per 16-byte row of the table (a swizzle yields 0 for an
// index ≥ 16, so each row contributes only the bytes that fall in it); ShiftRows and the column
// rotations of MixColumns are fixed shuffles. The S-box is computed at start-up (inverse in GF(2^8),
// then the affine map), not stored.
//
// Memory: the caller writes into IO (a prepared key, AD MACs, the message) and reads results from
// it; wipe() clears what a call left there. No allocation: the module has no heap.

/** The AES S-box, computed by init(). */
const SBOX: usize = memory.data(256, 16);
/** Scratch for S2V's copy of the last string (xorend) and the padded final block. */
const SCRATCH_SIZE: i32 = 4096 + 32;
const SCRATCH: usize = memory.data(SCRATCH_SIZE, 16);
/** The caller's window. */
export const IO_SIZE: i32 = 16384;
export const IO: usize = memory.data(IO_SIZE, 16);

/**
 * A prepared AES-SIV key (PREPARED_SIZE bytes): the round keys of the CMAC half and of the CTR half,
 * the CMAC subkeys K1 and K2, then S2V's two key-only values: D0 = CMAC(0^128) and CMAC("").
 */
export const PREPARED_SIZE: i32 = 176 * 2 + 16 * 4;
const RK_MAC = 0;
const RK_CTR = 176;
const K1 = 352;
const K2 = 368;
const D0 = 384;
const EMPTY_MAC = 400;
/** Where CMAC("") sits in a prepared key: S2V's MAC of the AD component b"" (Secret's usual AD). */
export const PREPARED_EMPTY_MAC: i32 = EMPTY_MAC;

function gmul(a: u32, b: u32): u32 {
  let p: u32 = 0;
  for (let i = 0; i < 8; i++) {
    if (b & 1) p ^= a;
    const hi = a & 0x80;
    a = (a << 1) & 0xff;
    if (hi) a ^= 0x1b;
    b >>= 1;
  }
  return p;
}

function rotl8(x: u32, n: u32): u32 {
  return ((x << n) | (x >> (8 - n))) & 0xff;
}

/** Fills the S-box. Public constants only, so the branches above are harmless. */
export function init(): void {
  for (let x: u32 = 0; x < 256; x++) {
    let inv: u32 = 1;
    let base = x;
    for (let e: u32 = 254; e != 0; e >>= 1) {
      if (e & 1) inv = gmul(inv, base);
      base = gmul(base, base);
    }
    if (x == 0) inv = 0;
    store<u8>(SBOX + x, <u8>(inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^ rotl8(inv, 4) ^ 0x63));
  }
}

// @ts-ignore: decorator
@inline function subBytes(x: v128): v128 {
  const d = i8x16.splat(16);
  let r = i8x16.swizzle(v128.load(SBOX), x);
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 16), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 32), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 48), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 64), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 80), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 96), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 112), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 128), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 144), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 160), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 176), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 192), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 208), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 224), x));
  x = i8x16.sub(x, d); r = v128.or(r, i8x16.swizzle(v128.load(SBOX, 240), x));
  return r;
}

/** One AES round on a column-major state: ShiftRows, SubBytes, MixColumns (unless last), AddRoundKey. */
// @ts-ignore: decorator
@inline function aesRound(s: v128, rk: v128, mix: bool): v128 {
  // ShiftRows: byte r + 4c takes byte r + 4((c + r) mod 4). (It commutes with SubBytes.)
  s = subBytes(i8x16.shuffle(s, s, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12, 1, 6, 11));
  if (mix) {
    // Each column a0..a3 becomes b_i = 2·(a_i ⊕ a_i+1) ⊕ a_i+1 ⊕ a_i+2 ⊕ a_i+3.
    const r1 = i8x16.shuffle(s, s, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12);
    const r2 = i8x16.shuffle(s, s, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13);
    const r3 = i8x16.shuffle(s, s, 3, 0, 1, 2, 7, 4, 5, 6, 11, 8, 9, 10, 15, 12, 13, 14);
    const a = v128.xor(s, r1);
    const twice = v128.xor(i8x16.add(a, a), v128.and(i8x16.lt_s(a, i8x16.splat(0)), i8x16.splat(0x1b)));
    s = v128.xor(v128.xor(twice, r1), v128.xor(r2, r3));
  }
  return v128.xor(s, rk);
}

function encryptBlock(rk: usize, b: v128): v128 {
  let s = v128.xor(b, v128.load(rk));
  s = aesRound(s, v128.load(rk, 16), true);
  s = aesRound(s, v128.load(rk, 32), true);
  s = aesRound(s, v128.load(rk, 48), true);
  s = aesRound(s, v128.load(rk, 64), true);
  s = aesRound(s, v128.load(rk, 80), true);
  s = aesRound(s, v128.load(rk, 96), true);
  s = aesRound(s, v128.load(rk, 112), true);
  s = aesRound(s, v128.load(rk, 128), true);
  s = aesRound(s, v128.load(rk, 144), true);
  return aesRound(s, v128.load(rk, 160), false);
}

/** AES-128 key schedule: 16 key bytes at `key` → 176 bytes of round keys at `rk`. */
function expandKey(key: usize, rk: usize): void {
  v128.store(rk, v128.load(key));
  let rcon: u32 = 1;
  for (let i = 4; i < 44; i++) {
    let t = load<u32>(rk + ((i - 1) << 2));
    if ((i & 3) == 0) {
      t = rotr<u32>(t, 8); // RotWord (the word's first byte is its lowest)
      t = i32x4.extract_lane(subBytes(i32x4.splat(t)), 0) ^ rcon; // SubWord
      rcon = gmul(rcon, 2);
    }
    store<u32>(rk + (i << 2), load<u32>(rk + ((i - 4) << 2)) ^ t);
  }
}

/** AES-128 of `n` blocks (ECB), for tests and the CMAC of the key schedule. */
export function ecb(rk: usize, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) v128.store(out + (<usize>i << 4), encryptBlock(rk, v128.load(inp + (<usize>i << 4))));
}

/** GF(2^128) doubling of a big-endian block (RFC 5297 dbl). */
// @ts-ignore: decorator
@inline function dbl(b: v128): v128 {
  const hi = bswap<u64>(i64x2.extract_lane(b, 0));
  const lo = bswap<u64>(i64x2.extract_lane(b, 1));
  const carry = hi >> 63;
  const nhi = (hi << 1) | (lo >> 63);
  const nlo = (lo << 1) ^ (carry * 0x87);
  return i64x2.replace_lane(i64x2.splat(bswap<u64>(nhi)), 1, bswap<u64>(nlo));
}

/**
 * Expands a 32-byte AES-SIV key (CMAC half ‖ CTR half) into a prepared key at `out`. Writes the
 * 16-byte halves' schedules, the subkeys (L = AES(K, 0^128)), D0 and CMAC("").
 */
export function prepare(key: usize, out: usize): void {
  expandKey(key, out + RK_MAC);
  expandKey(key + 16, out + RK_CTR);
  const l = encryptBlock(out + RK_MAC, i64x2.splat(0));
  const k1 = dbl(l);
  const k2 = dbl(k1);
  v128.store(out + K1, k1);
  v128.store(out + K2, k2);
  // CMAC(0^128): one complete block, masked with K1. CMAC(""): the pad block 0x80 0…0, masked with K2.
  v128.store(out + D0, encryptBlock(out + RK_MAC, k1));
  v128.store(out + EMPTY_MAC, encryptBlock(out + RK_MAC, v128.xor(k2, i64x2.replace_lane(i64x2.splat(0), 0, 0x80))));
}

/** The last block of a CMAC input: complete and masked with K1, or padded (0x80 0…) and masked with K2. */
function lastBlock(prep: usize, msg: usize, len: i32): v128 {
  if (len > 0 && (len & 15) == 0) return v128.xor(v128.load(msg + <usize>(len - 16)), v128.load(prep + K1));
  const start = len & ~15;
  const rest = len - start;
  const pad = SCRATCH + <usize>SCRATCH_SIZE - 16;
  v128.store(pad, i64x2.splat(0));
  for (let i = 0; i < rest; i++) store<u8>(pad + <usize>i, load<u8>(msg + <usize>(start + i)));
  store<u8>(pad + <usize>rest, 0x80);
  const block = v128.load(pad);
  v128.store(pad, i64x2.splat(0));
  return v128.xor(block, v128.load(prep + K2));
}

/** CMAC of `len` bytes at `msg` under the prepared key's MAC half. */
function cmacOf(prep: usize, msg: usize, len: i32): v128 {
  const rk = prep + RK_MAC;
  let x = i64x2.splat(0);
  const full = len > 0 ? (len - 1) >> 4 : 0; // blocks before the last
  for (let i = 0; i < full; i++) x = encryptBlock(rk, v128.xor(x, v128.load(msg + (<usize>i << 4))));
  return encryptBlock(rk, v128.xor(x, lastBlock(prep, msg, len)));
}

/** CMAC of `len` bytes at `msg` (an AD component's S2V value), written to `out`. */
export function cmac(prep: usize, msg: usize, len: i32, out: usize): void {
  v128.store(out, cmacOf(prep, msg, len));
}

/** S2V over `nAd` AD MACs (16 bytes each, at `adMacs`) and the final string of `len` bytes at `msg`. */
function s2v(prep: usize, adMacs: usize, nAd: i32, msg: usize, len: i32): v128 {
  let d = v128.load(prep + D0);
  for (let i = 0; i < nAd; i++) d = v128.xor(dbl(d), v128.load(adMacs + (<usize>i << 4)));
  if (len >= 16) {
    // xorend: D onto the last 16 bytes, on a copy (the caller's message stays as it is).
    const copy = SCRATCH;
    memory.copy(copy, msg, <usize>len);
    const at = copy + <usize>(len - 16);
    v128.store(at, v128.xor(v128.load(at), d));
    const t = cmacOf(prep, copy, len);
    memory.fill(copy, 0, <usize>len);
    return t;
  }
  // Short final string: T = dbl(D) xor pad(msg), one complete block.
  const pad = SCRATCH;
  v128.store(pad, i64x2.splat(0));
  for (let i = 0; i < len; i++) store<u8>(pad + <usize>i, load<u8>(msg + <usize>i));
  store<u8>(pad + <usize>len, 0x80);
  const t = v128.xor(dbl(d), v128.load(pad));
  v128.store(pad, i64x2.splat(0));
  const rk = prep + RK_MAC;
  return encryptBlock(rk, v128.xor(t, v128.load(prep + K1)));
}

/** `len` bytes at `inp` XOR the SIV CTR keystream of `v` (bits 31 and 63 cleared), to `out`. */
function ctr(prep: usize, v: v128, inp: usize, out: usize, len: i32): void {
  const rk = prep + RK_CTR;
  let hi = bswap<u64>(i64x2.extract_lane(v, 0));
  let lo = bswap<u64>(i64x2.extract_lane(v, 1)) & 0x7fffffff7fffffff; // Q: bytes 8 and 12 lose their top bit
  const full = len >> 4;
  for (let i = 0; i < full; i++) {
    const q = i64x2.replace_lane(i64x2.splat(bswap<u64>(hi)), 1, bswap<u64>(lo));
    const at = <usize>i << 4;
    v128.store(out + at, v128.xor(v128.load(inp + at), encryptBlock(rk, q)));
    lo += 1;
    hi += u64(lo == 0);
  }
  const rest = len & 15;
  if (rest != 0) {
    const q = i64x2.replace_lane(i64x2.splat(bswap<u64>(hi)), 1, bswap<u64>(lo));
    const pad = SCRATCH + <usize>SCRATCH_SIZE - 16;
    v128.store(pad, encryptBlock(rk, q));
    const at = <usize>full << 4;
    for (let i = 0; i < rest; i++) store<u8>(out + at + <usize>i, load<u8>(inp + at + <usize>i) ^ load<u8>(pad + <usize>i));
    v128.store(pad, i64x2.splat(0));
  }
}

/** Seals `len` bytes at `msg`: writes V ‖ ciphertext (16 + len bytes) to `out` (which must not overlap msg). */
export function seal(prep: usize, adMacs: usize, nAd: i32, msg: usize, len: i32, out: usize): void {
  const v = s2v(prep, adMacs, nAd, msg, len);
  v128.store(out, v);
  ctr(prep, v, msg, out + 16, len);
}

/**
 * Opens V ‖ ciphertext (`len` ≥ 16 bytes at `sealed`): writes the plaintext (len − 16 bytes) to `out`
 * and returns 1, or zeroes `out` and returns 0 when the tag does not match (compared in constant time).
 */
export function open(prep: usize, adMacs: usize, nAd: i32, sealed: usize, len: i32, out: usize): i32 {
  const v = v128.load(sealed);
  const n = len - 16;
  ctr(prep, v, sealed + 16, out, n);
  const diff = v128.xor(s2v(prep, adMacs, nAd, out, n), v);
  if (v128.any_true(diff)) {
    memory.fill(out, 0, <usize>n);
    return 0;
  }
  return 1;
}

/** Zeroes `len` bytes at `ptr` (the caller's key and message bytes once a call is done). */
export function wipe(ptr: usize, len: i32): void {
  memory.fill(ptr, 0, <usize>len);
}
