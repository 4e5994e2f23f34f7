// The tx index in the aux key space: tx by hash, tx hash by position (height, index), and the
// event index ("type.key" = value → positions) that tx search scans. Like CometBFT's kv indexer,
// only attributes flagged `index` are indexed.
import { MAX_KEY_BYTES, type AuxReader } from '@scrtd/store';
import {
  EVENT_KEY_OVERHEAD,
  eventKeyPrefix,
  eventValuePrefix,
  PRESENT,
  txByHashKey,
  txPositionKey,
  txPositionPrefix,
  writeEventIndexKey,
} from './keys.js';
import { decodeTxRecord, encodeTxRecord, type TxRecord } from './records.js';
import { fromUtf8, prefixEnd, readU32be, readU64be } from './util/bytes.js';
import type { AuxEntry } from './blockstore.js';

export interface TxPosition {
  height: number;
  index: number;
}

/** An indexed attribute occurrence: its value and the tx it belongs to. */
export interface EventHit extends TxPosition {
  value: string;
}

/**
 * Whether an attribute gets an event-index entry: flagged `index`, and short enough that the key
 * (prefix, lengths, position) fits the store's key limit. Longer attributes (e.g. large encrypted
 * contract log entries) are kept in the tx record but are not searchable; refusing them here keeps
 * one oversized event from failing a block's commit.
 */
export function isIndexed(compositeKey: string, value: string, index: boolean): boolean {
  if (!index) return false;
  return EVENT_KEY_OVERHEAD + Buffer.byteLength(compositeKey, 'utf8') + Buffer.byteLength(value, 'utf8') <= MAX_KEY_BYTES;
}

export class TxIndex {
  constructor(private readonly aux: AuxReader) {}

  get(hash: Uint8Array): TxRecord | undefined {
    const v = this.aux.get(txByHashKey(hash));
    return v === undefined ? undefined : decodeTxRecord(v);
  }

  /** Tx hash at a position, or undefined. */
  hashAt(pos: TxPosition): Uint8Array | undefined {
    return this.aux.get(txPositionKey(pos.height, pos.index));
  }

  recordAt(pos: TxPosition): TxRecord | undefined {
    const h = this.hashAt(pos);
    return h === undefined ? undefined : this.get(h);
  }

  /** Positions of all txs with minHeight <= height <= maxHeight, ascending. */
  *positions(minHeight = 1, maxHeight = Number.MAX_SAFE_INTEGER): Generator<TxPosition> {
    const start = txPositionKey(Math.max(minHeight, 0), 0);
    const end = maxHeight >= Number.MAX_SAFE_INTEGER ? prefixEnd(txPositionPrefix()) : txPositionKey(maxHeight + 1, 0);
    for (const [k] of this.aux.iterate(start, end)) {
      yield { height: Number(readU64be(k, 1)), index: readU32be(k, 9) };
    }
  }

  /** Every indexed occurrence of `compositeKey`, or only those whose value equals `value`. */
  *eventHits(compositeKey: string, value?: string): Generator<EventHit> {
    const prefix = value === undefined ? eventKeyPrefix(compositeKey) : eventValuePrefix(compositeKey, value);
    const keyPrefixLen = eventKeyPrefix(compositeKey).length;
    for (const [k] of this.aux.iterate(prefix, prefixEnd(prefix))) {
      const vlen = readU32be(k, keyPrefixLen);
      const vstart = keyPrefixLen + 4;
      const v = fromUtf8(k.subarray(vstart, vstart + vlen));
      const posOff = vstart + vlen;
      yield { value: v, height: Number(readU64be(k, posOff)), index: readU32be(k, posOff + 8) };
    }
  }

  /** Aux entries indexing one tx. */
  static entries(rec: TxRecord): AuxEntry[] {
    const out: AuxEntry[] = [
      [txByHashKey(rec.hash), encodeTxRecord(rec)],
      [txPositionKey(rec.height, rec.index), rec.hash],
    ];
    // First pass: which attributes get an entry, with their UTF-8 lengths (measured once).
    const picked: { composite: string; value: string; kl: number; vl: number }[] = [];
    let total = 0;
    const seen = new Set<string>();
    for (const ev of rec.result.events) {
      if (ev.type === '') continue;
      for (const a of ev.attributes) {
        if (!a.index || a.key === '') continue;
        const composite = `${ev.type}.${a.key}`;
        const kl = Buffer.byteLength(composite, 'utf8');
        const vl = Buffer.byteLength(a.value, 'utf8');
        if (EVENT_KEY_OVERHEAD + kl + vl > MAX_KEY_BYTES) continue;
        // The same (key, value) twice in one tx is one index entry.
        const dedupe = `${composite}\u0000${a.value}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        picked.push({ composite, value: a.value, kl, vl });
        total += EVENT_KEY_OVERHEAD + kl + vl;
      }
    }
    // Second pass: every key of the tx written into one buffer (one allocation, and one address
    // lookup for the store's writer instead of one per key).
    const buf = Buffer.allocUnsafe(total);
    let o = 0;
    for (const e of picked) {
      const end = writeEventIndexKey(buf, o, e.composite, e.kl, e.value, e.vl, rec.height, rec.index);
      out.push([new Uint8Array(buf.buffer, buf.byteOffset + o, end - o), PRESENT]);
      o = end;
    }
    return out;
  }
}
