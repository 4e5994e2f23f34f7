// SHA-256 (FIPS 180-4), HMAC-SHA256 and a one-block HKDF-SHA256 in WebAssembly, for short inputs
// (src/hash.ts routes them here; long ones stay on OpenSSL, which has SHA-NI). Why: a node:crypto
// hash call costs ≈ 1.1 µs whatever the input, a compression here ≈ 0.34 µs, and HMAC can start from
// the key's precomputed inner and outer states. Built by build-wasm.mjs into dist/sha256.wasm.
//
// Memory: the caller writes inputs into IO and reads results from it; wipe() clears key material.
// No allocation.

/** The round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
/** The initial state: the first 32 bits of the fractional parts of the square roots of the first 8 primes. */
const H0: usize = memory.data<u32>([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

/** Message schedule of the block being compressed. */
const W: usize = memory.data(256, 16);
/** The padded tail of a message (at most two blocks). */
const TAIL: usize = memory.data(128, 16);
/** Working states and intermediate digests of HMAC / HKDF. */
const STATE: usize = memory.data(32, 16);
const INNER: usize = memory.data(32, 16);
const PRK_PADS: usize = memory.data(64, 16);
const BLOCK: usize = memory.data(64, 16);

export const IO_SIZE: i32 = 4096;
export const IO: usize = memory.data(IO_SIZE, 16);

function compress(state: usize, block: usize): void {
  for (let i: usize = 0; i < 16; i++) store<u32>(W + (i << 2), bswap<u32>(load<u32>(block + (i << 2))));
  for (let i: usize = 16; i < 64; i++) {
    const w15 = load<u32>(W + ((i - 15) << 2));
    const w2 = load<u32>(W + ((i - 2) << 2));
    const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >> 3);
    const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >> 10);
    store<u32>(W + (i << 2), load<u32>(W + ((i - 16) << 2)) + s0 + load<u32>(W + ((i - 7) << 2)) + s1);
  }
  let a = load<u32>(state, 0);
  let b = load<u32>(state, 4);
  let c = load<u32>(state, 8);
  let d = load<u32>(state, 12);
  let e = load<u32>(state, 16);
  let f = load<u32>(state, 20);
  let g = load<u32>(state, 24);
  let h = load<u32>(state, 28);
  for (let i: usize = 0; i < 64; i++) {
    const t1 = h + (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) + ((e & f) ^ (~e & g)) + load<u32>(K + (i << 2)) + load<u32>(W + (i << 2));
    const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g;
    g = f;
    f = e;
    e = d + t1;
    d = c;
    c = b;
    b = a;
    a = t1 + t2;
  }
  store<u32>(state, load<u32>(state, 0) + a, 0);
  store<u32>(state, load<u32>(state, 4) + b, 4);
  store<u32>(state, load<u32>(state, 8) + c, 8);
  store<u32>(state, load<u32>(state, 12) + d, 12);
  store<u32>(state, load<u32>(state, 16) + e, 16);
  store<u32>(state, load<u32>(state, 20) + f, 20);
  store<u32>(state, load<u32>(state, 24) + g, 24);
  store<u32>(state, load<u32>(state, 28) + h, 28);
}

/**
 * Hashes `len` bytes at `msg` onward from `state` (which has already absorbed `prior` bytes, a
 * multiple of 64), pads, and writes the 32-byte digest to `out`. `state` is consumed.
 */
function finish(state: usize, prior: i32, msg: usize, len: i32, out: usize): void {
  const full = len >> 6;
  for (let i = 0; i < full; i++) compress(state, msg + (<usize>i << 6));
  const rest = len & 63;
  const tailBlocks = rest + 9 > 64 ? 2 : 1;
  memory.fill(TAIL, 0, 128);
  memory.copy(TAIL, msg + (<usize>full << 6), <usize>rest);
  store<u8>(TAIL + <usize>rest, 0x80);
  const bits = (<u64>prior + <u64>len) << 3;
  store<u64>(TAIL + (<usize>tailBlocks << 6) - 8, bswap<u64>(bits));
  compress(state, TAIL);
  if (tailBlocks == 2) compress(state, TAIL + 64);
  memory.fill(TAIL, 0, 128);
  for (let i: usize = 0; i < 8; i++) store<u32>(out + (i << 2), bswap<u32>(load<u32>(state + (i << 2))));
}

/** SHA-256 of `len` bytes at `msg` into `out`. */
export function sha256(msg: usize, len: i32, out: usize): void {
  memory.copy(STATE, H0, 32);
  finish(STATE, 0, msg, len, out);
  clean();
}

/** The schedule and state hold key- or message-derived words after a compression. */
function clean(): void {
  memory.fill(W, 0, 256);
  memory.fill(STATE, 0, 32);
}

/**
 * HMAC's inner and outer starting states for a key of at most 64 bytes (longer keys are hashed by
 * the caller first): 64 bytes at `out`, the state after (K ⊕ ipad) then after (K ⊕ opad).
 */
export function pads(key: usize, keyLen: i32, out: usize): void {
  for (let pass = 0; pass < 2; pass++) {
    const x: u8 = pass == 0 ? 0x36 : 0x5c;
    memory.fill(BLOCK, x, 64);
    for (let i = 0; i < keyLen; i++) store<u8>(BLOCK + <usize>i, load<u8>(key + <usize>i) ^ x);
    const s = out + (<usize>pass << 5);
    memory.copy(s, H0, 32);
    compress(s, BLOCK);
  }
  memory.fill(BLOCK, 0, 64);
  clean();
}

/** HMAC-SHA256 of `len` bytes at `msg` under the key whose pads() are at `keyPads`, into `out`. */
export function hmac(keyPads: usize, msg: usize, len: i32, out: usize): void {
  memory.copy(STATE, keyPads, 32);
  finish(STATE, 64, msg, len, INNER);
  memory.copy(STATE, keyPads + 32, 32);
  finish(STATE, 64, INNER, 32, out);
  memory.fill(INNER, 0, 32);
  clean();
}

/**
 * HKDF-SHA256 with a 32-byte output (RFC 5869: PRK = HMAC(salt, IKM), OKM = HMAC(PRK, info ‖ 0x01)),
 * the salt given by its pads(). `info` must leave room for the counter byte after it (len + 1 ≤ IO).
 */
export function hkdf32(saltPads: usize, ikm: usize, ikmLen: i32, info: usize, infoLen: i32, out: usize): void {
  hmac(saltPads, ikm, ikmLen, out); // PRK, in out for now
  pads(out, 32, PRK_PADS);
  store<u8>(info + <usize>infoLen, 1);
  hmac(PRK_PADS, info, infoLen + 1, out);
  store<u8>(info + <usize>infoLen, 0);
  memory.fill(PRK_PADS, 0, 64);
}

/** Zeroes `len` bytes at `ptr`. */
export function wipe(ptr: usize, len: i32): void {
  memory.fill(ptr, 0, <usize>len);
}
