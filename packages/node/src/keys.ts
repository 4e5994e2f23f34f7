// The node's layout of the aux key space (block store and tx index). The aux space belongs to this
// package alone; every key starts with one of these prefix bytes. Stable enumeration: a retired
// prefix stays listed here as a comment and is never reused.
import { concat, u32be, u64be, utf8 } from './util/bytes.js';

export const AuxPrefix = {
  /** 0x01 ‖ u64be(height) → StoredBlock (format 2: JSON then the raw txs; format 1: JSON) */
  Block: 0x01,
  /**
   * 0x02 ‖ u64be(height) → StoredBlockResults (format 2: the tx hashes raw at fixed offsets, then
   * JSON; format 1: JSON). Also the tx index's position → hash map.
   */
  BlockResults: 0x02,
  /** 0x03 → ConsensusState (JSON): the single record the driver resumes from */
  State: 0x03,
  /** 0x04 ‖ u64be(height) → validator set (JSON) in force from `height` on; written when it changes */
  ValidatorSet: 0x04,
  /** 0x05 ‖ sha256(tx) → TxRecord (format 2: binary; format 1: JSON) */
  TxByHash: 0x05,
  /**
   * Retired: 0x06 ‖ u64be(height) ‖ u32be(index) → sha256(tx). Written by earlier nodes (left in
   * place in their databases, never read now: block results hold the same map). Not to be reused.
   */
  TxByPosition: 0x06,
  /**
   * 0x07 ‖ u16be(len k) ‖ k ‖ u32be(len v) ‖ v ‖ u64be(height) ‖ u32be(index) → 0x00, where
   * k = "<event type>.<attribute key>" and v = the attribute value (UTF-8). Length prefixes keep
   * any byte in k or v unambiguous and make "all values of k" and "k = v" plain prefix scans.
   */
  EventIndex: 0x07,
  /**
   * 0x08 → u64be(h): the event index is complete through height h. Event keys are written after
   * their block's transaction (TxIndex.indexEvents); each block records how far they had landed, and
   * a node starting up rebuilds the keys of later heights from the tx records. Absent in databases
   * written before that, whose event keys were all written with their blocks.
   */
  IndexedThrough: 0x08,
  /**
   * 0x09 ‖ u16be(len k) ‖ k ‖ u32be(len v) ‖ v ‖ u64be(height) → u32be(index) of every tx of that
   * block with that attribute, ascending: the event index as posting lists, one entry per block
   * instead of one per tx (a block's txs mostly share their attribute values). Written by stores that
   * take deferred postings (AuxStore.writeDeferredPostings); 0x07 keys are read too.
   */
  EventPostings: 0x09,
} as const;

/** Placeholder value for index-only keys (some stores treat empty values specially). */
export const PRESENT = Uint8Array.of(0);

const p = (b: number) => Uint8Array.of(b);

export const stateKey = (): Uint8Array => p(AuxPrefix.State);
export const blockKey = (height: number): Uint8Array => concat(p(AuxPrefix.Block), u64be(height));
export const blockResultsKey = (height: number): Uint8Array => concat(p(AuxPrefix.BlockResults), u64be(height));
export const blockResultsPrefix = (): Uint8Array => p(AuxPrefix.BlockResults);
export const validatorSetKey = (height: number): Uint8Array => concat(p(AuxPrefix.ValidatorSet), u64be(height));
export const validatorSetPrefix = (): Uint8Array => p(AuxPrefix.ValidatorSet);
export const indexedThroughKey = (): Uint8Array => p(AuxPrefix.IndexedThrough);
export const txByHashKey = (hash: Uint8Array): Uint8Array => concat(p(AuxPrefix.TxByHash), hash);
/** Retired layout (see AuxPrefix.TxByPosition); kept for tests of databases written before. */
export const txPositionKey = (height: number, index: number): Uint8Array =>
  concat(p(AuxPrefix.TxByPosition), u64be(height), u32be(index));

function u16be(n: number): Uint8Array {
  if (n > 0xffff) throw new Error('event key too long to index');
  return Uint8Array.of(n >> 8, n & 0xff);
}

/** Which of the two event index layouts: one key per tx (0x07) or posting lists (0x09). */
export type EventLayout = typeof AuxPrefix.EventIndex | typeof AuxPrefix.EventPostings;

/** Prefix of every entry for one composite key ("type.key"). */
export function eventKeyPrefix(compositeKey: string, layout: EventLayout = AuxPrefix.EventIndex): Uint8Array {
  const k = utf8(compositeKey);
  return concat(p(layout), u16be(k.length), k);
}

/** Prefix of the entries for one composite key and one exact value. */
export function eventValuePrefix(compositeKey: string, value: string, layout: EventLayout = AuxPrefix.EventIndex): Uint8Array {
  const v = utf8(value);
  return concat(eventKeyPrefix(compositeKey, layout), u32be(v.length), v);
}

/** Bytes of an event index key besides the composite key and the value: prefix, lengths, position. */
export const EVENT_KEY_OVERHEAD = 1 + 2 + 4 + 8 + 4;

/**
 * One event index key. TxIndex.write writes the same layout inline (one pass with the tx record);
 * tests check the two agree byte for byte.
 */
export function eventIndexKey(compositeKey: string, value: string, height: number, index: number): Uint8Array {
  const kl = Buffer.byteLength(compositeKey, 'utf8');
  const vl = Buffer.byteLength(value, 'utf8');
  if (kl > 0xffff) throw new Error('event key too long to index');
  const out = Buffer.allocUnsafe(EVENT_KEY_OVERHEAD + kl + vl);
  out[0] = AuxPrefix.EventIndex;
  out.writeUInt16BE(kl, 1);
  out.write(compositeKey, 3, kl, 'utf8');
  out.writeUInt32BE(vl, 3 + kl);
  out.write(value, 7 + kl, vl, 'utf8');
  const o = 7 + kl + vl;
  out.writeUInt32BE(Math.floor(height / 0x1_0000_0000), o);
  out.writeUInt32BE(height >>> 0, o + 4);
  out.writeUInt32BE(index, o + 8);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}
