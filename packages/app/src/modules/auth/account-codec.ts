// Any{BaseAccount} encoded directly into one buffer. setAccount runs for every tx, and the generic
// writer turns each uint64 into a decimal string and back and allocates an op per field. The bytes
// are exactly those of Any.encode({ typeUrl, value: BaseAccount.encode(acc).finish() }); inputs the
// fast path does not cover return undefined (the caller then uses the generic writer): non-ASCII
// strings, and numbers from 2^31 up (never seen on a dev chain; the generic writer covers them).
import type { Any } from '../../proto.js';
import { varintLength, writeVarint } from '../../varint.js';

const U31_END = 1n << 31n;

function asciiLength(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return -1;
  return s.length;
}


class Out {
  readonly buf: Uint8Array;
  pos = 0;
  constructor(len: number) {
    this.buf = new Uint8Array(len);
  }
  varint(n: number): void {
    this.pos = writeVarint(this.buf, this.pos, n);
  }
  ascii(s: string): void {
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }
}

export function encodeBaseAccountAny(typeUrl: string, address: string, pubKey: Any | undefined, accountNumber: bigint, sequence: bigint): Uint8Array | undefined {
  if (accountNumber < 0n || accountNumber >= U31_END || sequence < 0n || sequence >= U31_END) return undefined;
  const num = Number(accountNumber);
  const seq = Number(sequence);
  const urlLen = asciiLength(typeUrl);
  const addrLen = asciiLength(address);
  const pkUrlLen = pubKey ? asciiLength(pubKey.typeUrl) : 0;
  if (urlLen < 0 || addrLen < 0 || pkUrlLen < 0) return undefined;
  // Field sizes; proto3 omits empty strings, empty bytes and zero numbers.
  let pkLen = 0;
  if (pubKey) {
    if (pkUrlLen > 0) pkLen += 1 + varintLength(pkUrlLen) + pkUrlLen;
    if (pubKey.value.length > 0) pkLen += 1 + varintLength(pubKey.value.length) + pubKey.value.length;
  }
  let inner = 0;
  if (addrLen > 0) inner += 1 + varintLength(addrLen) + addrLen;
  if (pubKey) inner += 1 + varintLength(pkLen) + pkLen;
  if (num !== 0) inner += 1 + varintLength(num);
  if (seq !== 0) inner += 1 + varintLength(seq);
  let total = 0;
  if (urlLen > 0) total += 1 + varintLength(urlLen) + urlLen;
  if (inner > 0) total += 1 + varintLength(inner) + inner;

  const o = new Out(total);
  if (urlLen > 0) {
    o.buf[o.pos++] = 0x0a;
    o.varint(urlLen);
    o.ascii(typeUrl);
  }
  if (inner === 0) return o.buf;
  o.buf[o.pos++] = 0x12;
  o.varint(inner);
  if (addrLen > 0) {
    o.buf[o.pos++] = 0x0a;
    o.varint(addrLen);
    o.ascii(address);
  }
  if (pubKey) {
    o.buf[o.pos++] = 0x12;
    o.varint(pkLen);
    if (pkUrlLen > 0) {
      o.buf[o.pos++] = 0x0a;
      o.varint(pkUrlLen);
      o.ascii(pubKey.typeUrl);
    }
    if (pubKey.value.length > 0) {
      o.buf[o.pos++] = 0x12;
      o.varint(pubKey.value.length);
      o.buf.set(pubKey.value, o.pos);
      o.pos += pubKey.value.length;
    }
  }
  if (num !== 0) {
    o.buf[o.pos++] = 0x18;
    o.varint(num);
  }
  if (seq !== 0) {
    o.buf[o.pos++] = 0x20;
    o.varint(seq);
  }
  return o.buf;
}
