// Protobuf varints of non-negative safe integers, for the encoders that write messages directly into
// one buffer (account-codec.ts, tx/signing.ts, tx/msg-data.ts). Division instead of bit operations,
// so lengths and numbers up to 2^53 are handled alike.

export function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** Writes `n` at `pos`; returns the position after it. */
export function writeVarint(buf: Uint8Array, pos: number, n: number): number {
  while (n >= 0x80) {
    buf[pos++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  buf[pos++] = n;
  return pos;
}
