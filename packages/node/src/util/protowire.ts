// A minimal protobuf wire-format writer and reader. The node needs byte-exact encodings of a few
// CometBFT messages (header fields, block, votes, commit signatures) for hashing and signing, and
// to read SimulateResponse; a generic codec would hide the gogoproto details that matter here
// (non-nullable sub-messages are always emitted, even when empty).

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

const MASK64 = (1n << 64n) - 1n;

function varintBytes(v: bigint): number[] {
  // Negative int64 values are encoded as their 64-bit two's complement (10 bytes), as Go does.
  let x = v < 0n ? v & MASK64 : v;
  const out: number[] = [];
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }

  private tag(field: number, wire: number): void {
    this.push(Uint8Array.from(varintBytes(BigInt((field << 3) | wire))));
  }

  /** uint64/int64/int32/uint32/enum/bool as varint; the proto3 default (0) is omitted. */
  varint(field: number, v: number | bigint | boolean): this {
    const b = typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v);
    if (b === 0n) return this;
    this.tag(field, WIRE_VARINT);
    this.push(Uint8Array.from(varintBytes(b)));
    return this;
  }

  /** sfixed64 (little-endian two's complement); 0 omitted. */
  sfixed64(field: number, v: number | bigint): this {
    const b = BigInt(v);
    if (b === 0n) return this;
    this.tag(field, WIRE_FIXED64);
    const buf = new Uint8Array(8);
    new DataView(buf.buffer).setBigInt64(0, b, true);
    this.push(buf);
    return this;
  }

  /** bytes field; empty omitted (proto3). */
  bytes(field: number, b: Uint8Array | undefined): this {
    if (!b || b.length === 0) return this;
    return this.lengthDelimited(field, b);
  }

  string(field: number, s: string): this {
    if (s === '') return this;
    return this.lengthDelimited(field, new TextEncoder().encode(s));
  }

  /**
   * Embedded message. `always` = gogoproto non-nullable (emitted even when its encoding is empty);
   * otherwise a nil/undefined message is omitted.
   */
  message(field: number, encoded: Uint8Array | undefined, always = false): this {
    if (encoded === undefined) return this;
    if (encoded.length === 0 && !always) return this;
    return this.lengthDelimited(field, encoded);
  }

  /** A repeated bytes/string/message element: always written, even when empty. */
  repeatedBytes(field: number, b: Uint8Array): this {
    return this.lengthDelimited(field, b);
  }

  private lengthDelimited(field: number, b: Uint8Array): this {
    this.tag(field, WIRE_BYTES);
    this.push(Uint8Array.from(varintBytes(BigInt(b.length))));
    this.push(b);
    return this;
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let o = 0;
    for (const c of this.chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

/** protoio.MarshalDelimited: a uvarint length prefix, then the message. */
export function lengthPrefixed(msg: Uint8Array): Uint8Array {
  const len = Uint8Array.from(varintBytes(BigInt(msg.length)));
  const out = new Uint8Array(len.length + msg.length);
  out.set(len, 0);
  out.set(msg, len.length);
  return out;
}

export interface ProtoField {
  field: number;
  wire: number;
  /** varint / fixed values as bigint (fixed64 unsigned, little-endian). */
  int: bigint;
  /** length-delimited payload. */
  bytes: Uint8Array;
}

/** Iterate over the fields of one message; throws on malformed input. */
export function* readFields(buf: Uint8Array): Generator<ProtoField> {
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= buf.length) throw new Error('protobuf: truncated varint');
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new Error('protobuf: varint overflow');
    }
  };
  while (pos < buf.length) {
    const key = readVarint();
    const field = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (field === 0) throw new Error('protobuf: field number 0');
    switch (wire) {
      case WIRE_VARINT:
        yield { field, wire, int: readVarint(), bytes: new Uint8Array() };
        break;
      case WIRE_FIXED64: {
        if (pos + 8 > buf.length) throw new Error('protobuf: truncated fixed64');
        const v = new DataView(buf.buffer, buf.byteOffset + pos, 8).getBigUint64(0, true);
        pos += 8;
        yield { field, wire, int: v, bytes: new Uint8Array() };
        break;
      }
      case WIRE_BYTES: {
        const len = Number(readVarint());
        if (pos + len > buf.length) throw new Error('protobuf: truncated bytes');
        const b = buf.subarray(pos, pos + len);
        pos += len;
        yield { field, wire, int: 0n, bytes: b };
        break;
      }
      case WIRE_FIXED32: {
        if (pos + 4 > buf.length) throw new Error('protobuf: truncated fixed32');
        const v = new DataView(buf.buffer, buf.byteOffset + pos, 4).getUint32(0, true);
        pos += 4;
        yield { field, wire, int: BigInt(v), bytes: new Uint8Array() };
        break;
      }
      default:
        throw new Error(`protobuf: unsupported wire type ${wire}`);
    }
  }
}
