// The records the node keeps in the aux key space, and their encodings (converter pairs).
// Most records are JSON, readable in a post-mortem: bytes are hex (hashes, addresses) or base64
// (payloads), 64-bit integers are decimal strings, and every record carries a format version `v`.
// Records written per tx on the commit path are binary from format 2 on: tx records entirely,
// stored blocks and block results for their per-tx parts (raw txs, raw tx hashes). Decoders still
// read format 1 (all JSON), which nodes upgraded in place have on disk.
import type { AbciEvent, ExecTxResult, ValidatorUpdate } from '@scrtd/app';
import { fromBase64, fromHex, fromUtf8, toBase64, toHexUpper, utf8 } from './util/bytes.js';
import type { Block, BlockID, Commit, CommitSig, ConsensusParamsBlock, Header, Validator } from './consensus/types.js';

/** A committed block with its id and the commit our validator signed for it ("seen commit"). */
export interface StoredBlock {
  blockId: BlockID;
  block: Block;
  commit: Commit;
  /** Size of the block's protobuf encoding. */
  sizeBytes: number;
}

export interface StoredBlockResults {
  height: number;
  /** sha256 of each tx, in block order (the results themselves are in the tx records). */
  txHashes: Uint8Array[];
  /** FinalizeBlock's block-level events. */
  events: AbciEvent[];
  validatorUpdates: ValidatorUpdate[];
  /** App hash after this block. */
  appHash: Uint8Array;
}

export interface TxRecord {
  hash: Uint8Array;
  height: number;
  index: number;
  tx: Uint8Array;
  result: ExecTxResult;
  /** Block time (ns since the epoch). */
  timeNs: bigint;
}

/** What the driver needs to produce the next block after a restart (CometBFT's state.State). */
export interface ConsensusState {
  chainId: string;
  initialHeight: number;
  /** 0 before the first block. */
  lastBlockHeight: number;
  lastBlockId: BlockID;
  lastBlockTimeNs: bigint;
  /** App hash after the last block: the next header's app_hash. */
  appHash: Uint8Array;
  /** Results hash of the last block's txs (undefined before the first block: empty in header 1). */
  lastResultsHash: Uint8Array;
  /** Validator set of the next block, and of the one after it. */
  validators: Validator[];
  nextValidators: Validator[];
  consensusParams: ConsensusParamsBlock;
  appVersion: bigint;
}

// ---- primitives

type Json = Record<string, unknown>;

const hex = (b: Uint8Array): string => toHexUpper(b);
function unhex(s: unknown): Uint8Array {
  const b = typeof s === 'string' ? fromHex(s) : undefined;
  if (!b) throw new Error('stored record: bad hex');
  return b;
}
const b64 = (b: Uint8Array): string => toBase64(b);
function unb64(s: unknown): Uint8Array {
  const b = typeof s === 'string' ? fromBase64(s) : undefined;
  if (!b) throw new Error('stored record: bad base64');
  return b;
}
const big = (s: unknown): bigint => BigInt(s as string);
const num = (s: unknown): number => s as number;

function parse(bytes: Uint8Array): Json {
  return JSON.parse(fromUtf8(bytes)) as Json;
}
function serialize(o: Json): Uint8Array {
  return utf8(JSON.stringify(o));
}

// ---- sub-structures

function blockIdToJson(b: BlockID): Json {
  return { hash: hex(b.hash), parts: { total: b.partSetHeader.total, hash: hex(b.partSetHeader.hash) } };
}
function blockIdFromJson(o: Json): BlockID {
  const parts = o['parts'] as Json;
  return { hash: unhex(o['hash']), partSetHeader: { total: num(parts['total']), hash: unhex(parts['hash']) } };
}

function headerToJson(h: Header): Json {
  return {
    version: { block: h.version.block.toString(), app: h.version.app.toString() },
    chainId: h.chainId,
    height: h.height,
    timeNs: h.timeNs.toString(),
    lastBlockId: blockIdToJson(h.lastBlockId),
    lastCommitHash: hex(h.lastCommitHash),
    dataHash: hex(h.dataHash),
    validatorsHash: hex(h.validatorsHash),
    nextValidatorsHash: hex(h.nextValidatorsHash),
    consensusHash: hex(h.consensusHash),
    appHash: hex(h.appHash),
    lastResultsHash: hex(h.lastResultsHash),
    evidenceHash: hex(h.evidenceHash),
    proposerAddress: hex(h.proposerAddress),
  };
}
function headerFromJson(o: Json): Header {
  const v = o['version'] as Json;
  return {
    version: { block: big(v['block']), app: big(v['app']) },
    chainId: o['chainId'] as string,
    height: num(o['height']),
    timeNs: big(o['timeNs']),
    lastBlockId: blockIdFromJson(o['lastBlockId'] as Json),
    lastCommitHash: unhex(o['lastCommitHash']),
    dataHash: unhex(o['dataHash']),
    validatorsHash: unhex(o['validatorsHash']),
    nextValidatorsHash: unhex(o['nextValidatorsHash']),
    consensusHash: unhex(o['consensusHash']),
    appHash: unhex(o['appHash']),
    lastResultsHash: unhex(o['lastResultsHash']),
    evidenceHash: unhex(o['evidenceHash']),
    proposerAddress: unhex(o['proposerAddress']),
  };
}

function commitToJson(c: Commit): Json {
  return {
    height: c.height,
    round: c.round,
    blockId: blockIdToJson(c.blockId),
    signatures: c.signatures.map((s) => ({
      flag: s.blockIdFlag,
      address: hex(s.validatorAddress),
      timeNs: s.timestampNs.toString(),
      signature: b64(s.signature),
    })),
  };
}
function commitFromJson(o: Json): Commit {
  return {
    height: num(o['height']),
    round: num(o['round']),
    blockId: blockIdFromJson(o['blockId'] as Json),
    signatures: (o['signatures'] as Json[]).map(
      (s): CommitSig => ({
        blockIdFlag: num(s['flag']),
        validatorAddress: unhex(s['address']),
        timestampNs: big(s['timeNs']),
        signature: unb64(s['signature']),
      }),
    ),
  };
}

function validatorsToJson(vals: readonly Validator[]): Json[] {
  return vals.map((v) => ({ type: v.pubKeyType, pubKey: b64(v.pubKey), address: hex(v.address), power: v.power.toString() }));
}
function validatorsFromJson(a: unknown): Validator[] {
  return (a as Json[]).map((v) => ({
    pubKeyType: 'ed25519',
    pubKey: unb64(v['pubKey']),
    address: unhex(v['address']),
    power: big(v['power']),
  }));
}

function eventsToJson(events: readonly AbciEvent[]): unknown[] {
  return events.map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: a.index })) }));
}
function eventsFromJson(a: unknown): AbciEvent[] {
  return (a as Json[]).map((e) => ({
    type: e['type'] as string,
    attributes: (e['attributes'] as Json[]).map((x) => ({ key: x['key'] as string, value: x['value'] as string, index: x['index'] as boolean })),
  }));
}

function resultToJson(r: ExecTxResult): Json {
  return {
    code: r.code,
    codespace: r.codespace,
    data: b64(r.data),
    log: r.log,
    info: r.info,
    gasWanted: r.gasWanted.toString(),
    gasUsed: r.gasUsed.toString(),
    events: eventsToJson(r.events),
  };
}
function resultFromJson(o: Json): ExecTxResult {
  return {
    code: num(o['code']),
    codespace: o['codespace'] as string,
    data: unb64(o['data']),
    log: o['log'] as string,
    info: o['info'] as string,
    gasWanted: big(o['gasWanted']),
    gasUsed: big(o['gasUsed']),
    events: eventsFromJson(o['events']),
  };
}

// ---- records

// Stored blocks, format 2: everything but the txs as JSON, then the txs raw (format 1 had them
// base64 in the JSON: ~4 µs per tx of the commit path for a 700-byte tx):
//   u8 0x02 ‖ u32be JSON length ‖ JSON {v: 2, blockId, header, lastCommit, commit, sizeBytes} ‖
//   u32be #txs ‖ (u32be length ‖ tx)*
// Format 1 (all JSON) is still read.

const STORED_BLOCK_FORMAT_BINARY = 0x02;

export function encodeStoredBlock(s: StoredBlock): Uint8Array {
  const json = serialize({
    v: 2,
    blockId: blockIdToJson(s.blockId),
    header: headerToJson(s.block.header),
    lastCommit: commitToJson(s.block.lastCommit),
    commit: commitToJson(s.commit),
    sizeBytes: s.sizeBytes,
  });
  const txs = s.block.txs;
  let size = 5 + json.length + 4;
  for (const tx of txs) size += 4 + tx.length;
  const out = Buffer.allocUnsafe(size);
  out[0] = STORED_BLOCK_FORMAT_BINARY;
  out.writeUInt32BE(json.length, 1);
  out.set(json, 5);
  let o = 5 + json.length;
  out.writeUInt32BE(txs.length, o);
  o += 4;
  for (const tx of txs) {
    out.writeUInt32BE(tx.length, o);
    out.set(tx, o + 4);
    o += 4 + tx.length;
  }
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export function decodeStoredBlock(bytes: Uint8Array): StoredBlock {
  let o: Json;
  let txs: Uint8Array[];
  if (bytes[0] === STORED_BLOCK_FORMAT_BINARY) {
    const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const need = (at: number, n: number) => {
      if (at + n > view.length) throw new Error('stored record: truncated');
    };
    need(0, 5);
    const jsonLen = view.readUInt32BE(1);
    need(5, jsonLen + 4);
    o = parse(bytes.subarray(5, 5 + jsonLen));
    let p = 5 + jsonLen;
    const n = view.readUInt32BE(p);
    p += 4;
    txs = [];
    for (let i = 0; i < n; i++) {
      need(p, 4);
      const len = view.readUInt32BE(p);
      need(p + 4, len);
      txs.push(copyRange(bytes, p + 4, p + 4 + len));
      p += 4 + len;
    }
    if (p !== view.length) throw new Error('stored record: trailing bytes');
  } else {
    o = parse(bytes);
    txs = (o['txs'] as string[]).map(unb64);
  }
  return {
    blockId: blockIdFromJson(o['blockId'] as Json),
    block: {
      header: headerFromJson(o['header'] as Json),
      txs,
      lastCommit: commitFromJson(o['lastCommit'] as Json),
    },
    commit: commitFromJson(o['commit'] as Json),
    sizeBytes: num(o['sizeBytes']),
  };
}

/** Format 1 (JSON) encoder, as older nodes wrote blocks: kept for tests of upgraded databases. */
export function encodeStoredBlockV1(s: StoredBlock): Uint8Array {
  return serialize({
    v: 1,
    blockId: blockIdToJson(s.blockId),
    header: headerToJson(s.block.header),
    txs: s.block.txs.map(b64),
    lastCommit: commitToJson(s.block.lastCommit),
    commit: commitToJson(s.commit),
    sizeBytes: s.sizeBytes,
  });
}

// Block results, format 2: the tx hashes (the block's position → hash map, which the tx index reads
// instead of keeping a key per tx) as raw bytes at fixed offsets, then the rest as JSON:
//   u8 0x02 ‖ u32be #txs ‖ u8 hash length ‖ hashes ‖ JSON {v: 2, height, events, validatorUpdates, appHash}
// Format 1 (all JSON, hashes in hex under "txHashes") is still read.

const BLOCK_RESULTS_FORMAT_BINARY = 0x02;
const RESULTS_HASHES_AT = 6;
/** sha256: the hash length written for a block without txs. */
const TX_HASH_BYTES = 32;

export function encodeBlockResults(r: StoredBlockResults): Uint8Array {
  const hashLen = r.txHashes.length > 0 ? r.txHashes[0]!.length : TX_HASH_BYTES;
  const json = serialize({
    v: 2,
    height: r.height,
    events: eventsToJson(r.events),
    validatorUpdates: r.validatorUpdates.map((u) => ({ type: u.pubKeyType, pubKey: b64(u.pubKey), power: u.power.toString() })),
    appHash: hex(r.appHash),
  });
  const n = r.txHashes.length;
  const out = Buffer.allocUnsafe(RESULTS_HASHES_AT + n * hashLen + json.length);
  out[0] = BLOCK_RESULTS_FORMAT_BINARY;
  out.writeUInt32BE(n, 1);
  out[5] = hashLen;
  let o = RESULTS_HASHES_AT;
  for (const h of r.txHashes) {
    if (h.length !== hashLen) throw new Error('block results: tx hashes of different lengths');
    out.set(h, o);
    o += hashLen;
  }
  out.set(json, o);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

/** A copy of bytes [start, end): Buffer#slice would return a view of a database-owned buffer. */
function copyRange(bytes: Uint8Array, start: number, end: number): Uint8Array {
  const out = new Uint8Array(end - start);
  out.set(bytes.subarray(start, end));
  return out;
}

function resultsHeader(bytes: Uint8Array): { n: number; hashLen: number } {
  if (bytes.length < RESULTS_HASHES_AT) throw new Error('stored record: truncated');
  const n = ((bytes[1]! << 24) | (bytes[2]! << 16) | (bytes[3]! << 8) | bytes[4]!) >>> 0;
  const hashLen = bytes[5]!;
  if (RESULTS_HASHES_AT + n * hashLen > bytes.length) throw new Error('stored record: truncated');
  return { n, hashLen };
}

export function decodeBlockResults(bytes: Uint8Array): StoredBlockResults {
  let txHashes: Uint8Array[];
  let o: Json;
  if (bytes[0] === BLOCK_RESULTS_FORMAT_BINARY) {
    const { n, hashLen } = resultsHeader(bytes);
    txHashes = [];
    for (let i = 0; i < n; i++) txHashes.push(copyRange(bytes, RESULTS_HASHES_AT + i * hashLen, RESULTS_HASHES_AT + (i + 1) * hashLen));
    o = parse(bytes.subarray(RESULTS_HASHES_AT + n * hashLen));
  } else {
    o = parse(bytes);
    txHashes = (o['txHashes'] as string[]).map(unhex);
  }
  return {
    height: num(o['height']),
    txHashes,
    events: eventsFromJson(o['events']),
    validatorUpdates: (o['validatorUpdates'] as Json[]).map((u) => ({
      pubKeyType: u['type'] as string,
      pubKey: unb64(u['pubKey']),
      power: big(u['power']),
    })),
    appHash: unhex(o['appHash']),
  };
}

/** Number of txs in a block results record of either format, without decoding the rest. */
export function blockResultsTxCount(bytes: Uint8Array): number {
  if (bytes[0] === BLOCK_RESULTS_FORMAT_BINARY) return resultsHeader(bytes).n;
  return (parse(bytes)['txHashes'] as unknown[]).length;
}

/** Hash of the tx at `index` of a block results record of either format, or undefined. */
export function blockResultsTxHash(bytes: Uint8Array, index: number): Uint8Array | undefined {
  if (bytes[0] === BLOCK_RESULTS_FORMAT_BINARY) {
    const { n, hashLen } = resultsHeader(bytes);
    if (!Number.isInteger(index) || index < 0 || index >= n) return undefined;
    return copyRange(bytes, RESULTS_HASHES_AT + index * hashLen, RESULTS_HASHES_AT + (index + 1) * hashLen);
  }
  const h = (parse(bytes)['txHashes'] as string[])[index];
  return h === undefined ? undefined : unhex(h);
}

/** Format 1 (JSON) encoder, as older nodes wrote tx records: kept for tests of upgraded databases. */
export function encodeTxRecordV1(t: TxRecord): Uint8Array {
  return serialize({
    v: 1,
    hash: hex(t.hash),
    height: t.height,
    index: t.index,
    tx: b64(t.tx),
    result: resultToJson(t.result),
    timeNs: t.timeNs.toString(),
  });
}
function decodeTxRecordV1(bytes: Uint8Array): TxRecord {
  const o = parse(bytes);
  return {
    hash: unhex(o['hash']),
    height: num(o['height']),
    index: num(o['index']),
    tx: unb64(o['tx']),
    result: resultFromJson(o['result'] as Json),
    timeNs: big(o['timeNs']),
  };
}

// ---- binary tx records (format 2)
//
// Layout (varint = unsigned LEB128; str = varint byte length ‖ UTF-8; bytes = varint length ‖ raw;
// big = u8 0 ‖ i64be, or u8 1 ‖ str decimal for values outside 64 bits):
//   u8 0x02 (format; a JSON format-1 record starts with '{' = 0x7B)
//   bytes hash ‖ varint height ‖ varint index ‖ big timeNs
//   varint code ‖ str codespace ‖ bytes data ‖ str log ‖ str info ‖ big gasWanted ‖ big gasUsed
//   bytes tx
//   varint #events, each: str type ‖ varint #attributes, each: u8 flags (bit 0: index) ‖ str key ‖ str value
// Raw bytes instead of hex/base64 and no field names: about a third smaller than JSON, and written
// by a single pass over the record into a reused scratch buffer (this runs once per committed tx on
// the node's main thread).

/** Format byte of binary tx records. */
export const TX_RECORD_FORMAT_BINARY = 0x02;
const JSON_OPEN_BRACE = 0x7b;
const TWO_32 = 0x1_0000_0000;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** Size of the slabs ByteWriter carves its outputs from. */
const SLAB_BYTES = 64 * 1024;

/**
 * Writes binary encodings into slabs of memory, each output a region that is never reused: the
 * returned views need no copy, and a slab allocation is amortized over dozens of records (a pooled
 * Buffer.allocUnsafe per record, plus a copy, cost more than encoding the record). The caller
 * reserves an upper bound first (`begin`), so the writes themselves need no capacity checks. A
 * retained view keeps its slab alive; the commit path only holds them until the block is written.
 */
export class ByteWriter {
  buf: Buffer = Buffer.allocUnsafeSlow(0);
  pos = 0;

  /** Start an output with room for at least `bound` bytes from `pos`. */
  begin(bound: number): void {
    if (this.buf.length - this.pos < bound) {
      this.buf = Buffer.allocUnsafeSlow(Math.max(bound, SLAB_BYTES));
      this.pos = 0;
    }
  }

  /** A view of bytes [start, end) of the current slab (valid for good: regions are not reused). */
  view(start: number, end: number): Uint8Array {
    return new Uint8Array(this.buf.buffer, this.buf.byteOffset + start, end - start);
  }

  u8(n: number): void {
    this.buf[this.pos++] = n;
  }

  u16be(n: number): void {
    const b = this.buf;
    const p = this.pos;
    b[p] = n >>> 8;
    b[p + 1] = n;
    this.pos = p + 2;
  }

  u32be(n: number): void {
    const b = this.buf;
    const p = this.pos;
    b[p] = n >>> 24;
    b[p + 1] = n >>> 16;
    b[p + 2] = n >>> 8;
    b[p + 3] = n;
    this.pos = p + 4;
  }

  /** A non-negative safe integer as u64be. */
  u64be(n: number): void {
    this.u32be(Math.floor(n / TWO_32));
    this.u32be(n >>> 0);
  }

  /**
   * A bigint: u8 0 ‖ i64be when it fits 64 bits (all real values: gas, block times), else
   * u8 1 ‖ str decimal (the records' types allow any bigint, e.g. Go's zero time in ns).
   */
  big(x: bigint): void {
    if (x >= -Number.MAX_SAFE_INTEGER && x <= Number.MAX_SAFE_INTEGER) {
      // Number arithmetic: exact in this range, and much cheaper than bigint operations.
      this.u8(0);
      const n = Number(x);
      const hi = Math.floor(n / TWO_32);
      this.u32be(hi >>> 0);
      this.u32be(n - hi * TWO_32);
    } else if (x >= I64_MIN && x <= I64_MAX) {
      this.u8(0);
      this.buf.writeBigInt64BE(x, this.pos);
      this.pos += 8;
    } else {
      this.u8(1);
      this.str(x.toString());
    }
  }

  /** A non-negative safe integer as unsigned LEB128. */
  varint(n: number): void {
    const b = this.buf;
    let p = this.pos;
    while (n >= 0x80) {
      b[p++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    b[p++] = n;
    this.pos = p;
  }

  bytes(v: Uint8Array): void {
    this.varint(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  /** A length-prefixed UTF-8 string. */
  str(s: string): void {
    const n = s.length;
    // Short ASCII strings (nearly all event text) are copied in JS: cheaper than a call into the
    // runtime's UTF-8 encoder. For those the byte length is s.length, so the prefix can go first.
    if (n < 0x4000) {
      const b = this.buf;
      const start = this.pos;
      let p = start + (n < 0x80 ? 1 : 2);
      for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) return this.strUtf8(s);
        b[p++] = c;
      }
      if (n < 0x80) {
        b[start] = n;
      } else {
        b[start] = (n & 0x7f) | 0x80;
        b[start + 1] = n >>> 7;
      }
      this.pos = p;
      return;
    }
    this.strUtf8(s);
  }

  private strUtf8(s: string): void {
    const len = Buffer.byteLength(s, 'utf8');
    this.varint(len);
    this.pos += this.buf.write(s, this.pos, len, 'utf8');
  }

  /** UTF-8 of `s` without a prefix; returns its byte length. */
  raw(s: string): number {
    const b = this.buf;
    const start = this.pos;
    const n = s.length;
    let p = start;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        const len = b.write(s, start, 'utf8');
        this.pos = start + len;
        return len;
      }
      b[p++] = c;
    }
    this.pos = p;
    return n;
  }
}

/** Upper bound of a string's UTF-8 length with a varint prefix (3 bytes per UTF-16 unit at most). */
const strBound = (s: string): number => 5 + 3 * s.length;

/** Upper bound of ByteWriter.big's output: the tag and 8 bytes, or the tag and a decimal string. */
const bigBound = (x: bigint): number => (x >= I64_MIN && x <= I64_MAX ? 9 : 1 + strBound(x.toString()));

/** Upper bound of encodeTxRecord's output, computed from lengths only. */
export function txRecordBound(t: TxRecord): number {
  const r = t.result;
  let n = 1 + 5 + t.hash.length + 10 + 5 + bigBound(t.timeNs) + 10 + strBound(r.codespace) + 5 + r.data.length + strBound(r.log) + strBound(r.info) + bigBound(r.gasWanted) + bigBound(r.gasUsed) + 5 + t.tx.length + 5;
  for (const e of r.events) {
    n += strBound(e.type) + 5;
    for (const a of e.attributes) n += 1 + strBound(a.key) + strBound(a.value);
  }
  return n;
}

/** Writes a binary tx record at the writer's position (reserve txRecordBound(t) first). */
export function writeTxRecord(w: ByteWriter, t: TxRecord): void {
  const r = t.result;
  w.u8(TX_RECORD_FORMAT_BINARY);
  w.bytes(t.hash);
  w.varint(t.height);
  w.varint(t.index);
  w.big(t.timeNs);
  w.varint(r.code);
  w.str(r.codespace);
  w.bytes(r.data);
  w.str(r.log);
  w.str(r.info);
  w.big(r.gasWanted);
  w.big(r.gasUsed);
  w.bytes(t.tx);
  w.varint(r.events.length);
  for (const e of r.events) {
    w.str(e.type);
    w.varint(e.attributes.length);
    for (const a of e.attributes) {
      w.u8(a.index ? 1 : 0);
      w.str(a.key);
      w.str(a.value);
    }
  }
}

const writer = new ByteWriter();

export function encodeTxRecord(t: TxRecord): Uint8Array {
  writer.begin(txRecordBound(t));
  const start = writer.pos;
  writeTxRecord(writer, t);
  return writer.view(start, writer.pos);
}

/** Reads a binary record; every read is bounds-checked, so a truncated record throws. */
class ByteReader {
  private readonly buf: Buffer;
  pos = 0;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  private need(n: number): number {
    const p = this.pos;
    if (n > this.buf.length - p) throw new Error('stored record: truncated');
    this.pos = p + n;
    return p;
  }

  get done(): boolean {
    return this.pos === this.buf.length;
  }

  u8(): number {
    return this.buf[this.need(1)]!;
  }

  varint(): number {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = this.u8();
      n += (b & 0x7f) * mul;
      if (b < 0x80) break;
      mul *= 0x80;
      if (mul > 2 ** 49) throw new Error('stored record: varint too long');
    }
    return n;
  }

  big(): bigint {
    const tag = this.u8();
    if (tag === 1) return BigInt(this.str());
    if (tag !== 0) throw new Error('stored record: bad integer tag');
    const p = this.need(8);
    const hi = this.buf.readInt32BE(p);
    const lo = this.buf.readUInt32BE(p + 4);
    const n = hi * TWO_32 + lo;
    return Number.isSafeInteger(n) ? BigInt(n) : (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** A fresh copy (callers keep records; the source may be a database-owned buffer). */
  bytes(): Uint8Array {
    const len = this.varint();
    const p = this.need(len);
    return copyRange(this.buf, p, p + len);
  }

  str(): string {
    const len = this.varint();
    const p = this.need(len);
    return this.buf.toString('utf8', p, p + len);
  }
}

function decodeTxRecordBinary(bytes: Uint8Array): TxRecord {
  const r = new ByteReader(bytes);
  r.u8(); // format
  const hash = r.bytes();
  const height = r.varint();
  const index = r.varint();
  const timeNs = r.big();
  const code = r.varint();
  const codespace = r.str();
  const data = r.bytes();
  const log = r.str();
  const info = r.str();
  const gasWanted = r.big();
  const gasUsed = r.big();
  const tx = r.bytes();
  const nEvents = r.varint();
  const events: AbciEvent[] = [];
  for (let i = 0; i < nEvents; i++) {
    const type = r.str();
    const nAttrs = r.varint();
    const attributes: AbciEvent['attributes'] = [];
    for (let j = 0; j < nAttrs; j++) {
      const flags = r.u8();
      const key = r.str();
      const value = r.str();
      attributes.push({ key, value, index: (flags & 1) !== 0 });
    }
    events.push({ type, attributes });
  }
  if (!r.done) throw new Error('stored record: trailing bytes');
  return { hash, height, index, tx, result: { code, codespace, data, log, info, gasWanted, gasUsed, events }, timeNs };
}

/** Reads a tx record of either format: binary (2) or JSON (1, written by older nodes). */
export function decodeTxRecord(bytes: Uint8Array): TxRecord {
  const f = bytes[0];
  if (f === TX_RECORD_FORMAT_BINARY) return decodeTxRecordBinary(bytes);
  if (f === JSON_OPEN_BRACE) return decodeTxRecordV1(bytes);
  throw new Error(`stored record: unknown tx record format ${f}`);
}

export function encodeConsensusState(s: ConsensusState): Uint8Array {
  return serialize({
    v: 1,
    chainId: s.chainId,
    initialHeight: s.initialHeight,
    lastBlockHeight: s.lastBlockHeight,
    lastBlockId: blockIdToJson(s.lastBlockId),
    lastBlockTimeNs: s.lastBlockTimeNs.toString(),
    appHash: hex(s.appHash),
    lastResultsHash: hex(s.lastResultsHash),
    validators: validatorsToJson(s.validators),
    nextValidators: validatorsToJson(s.nextValidators),
    consensusParams: { maxBytes: s.consensusParams.maxBytes.toString(), maxGas: s.consensusParams.maxGas.toString() },
    appVersion: s.appVersion.toString(),
  });
}
export function decodeConsensusState(bytes: Uint8Array): ConsensusState {
  const o = parse(bytes);
  const cp = o['consensusParams'] as Json;
  return {
    chainId: o['chainId'] as string,
    initialHeight: num(o['initialHeight']),
    lastBlockHeight: num(o['lastBlockHeight']),
    lastBlockId: blockIdFromJson(o['lastBlockId'] as Json),
    lastBlockTimeNs: big(o['lastBlockTimeNs']),
    appHash: unhex(o['appHash']),
    lastResultsHash: unhex(o['lastResultsHash']),
    validators: validatorsFromJson(o['validators']),
    nextValidators: validatorsFromJson(o['nextValidators']),
    consensusParams: { maxBytes: big(cp['maxBytes']), maxGas: big(cp['maxGas']) },
    appVersion: big(o['appVersion']),
  };
}

export function encodeValidatorSet(vals: readonly Validator[]): Uint8Array {
  return serialize({ v: 1, validators: validatorsToJson(vals) });
}
export function decodeValidatorSet(bytes: Uint8Array): Validator[] {
  return validatorsFromJson(parse(bytes)['validators']);
}
