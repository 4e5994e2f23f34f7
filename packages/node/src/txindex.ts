// The tx index in the aux key space: tx by hash and the event index ("type.key" = value →
// positions) that tx search scans; a position's tx hash comes from the block results record. Like CometBFT's kv indexer,
// only attributes flagged `index` are indexed.
//
// Tx records are written with their block. Event keys, when the store can defer writes, are written
// just after it (indexEvents), as CometBFT's indexer service does: a block's event keys are a few
// dozen B-tree inserts per tx at random places (signatures, account sequences), and measured on the
// token benchmark they cost the block commit ~50 µs per tx on the main thread; the database's own
// write thread does them instead. Searches wait until every committed block's keys are in (settled),
// and a node that stopped before they landed rebuilds them from the tx records (recover).
import { MAX_KEY_BYTES, type AuxReader, type AuxStore } from '@scrtd/store';
import type { EventAttribute } from '@scrtd/app';
import {
  AuxPrefix,
  EVENT_KEY_OVERHEAD,
  eventKeyPrefix,
  eventValuePrefix,
  PRESENT,
  blockResultsKey,
  blockResultsPrefix,
  indexedThroughKey,
  txByHashKey,
} from './keys.js';
import { blockResultsTxCount, blockResultsTxHash, ByteWriter, decodeTxRecord, txRecordBound, writeTxRecord, type TxRecord } from './records.js';
import { fromUtf8, prefixEnd, readU32be, readU64be, u64be } from './util/bytes.js';
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

/** The aux space the node reads, and writes event keys to after their block if it can (writeDeferred). */
export type NodeAux = AuxReader & Partial<Pick<AuxStore, 'writeDeferred' | 'writeDeferredPostings'>>;

export class TxIndex {
  /** Event-key writes not yet settled, in order; each entry resolves when its block's keys are in. */
  private pending: Promise<void> = Promise.resolve();
  /** Every block up to this height has its event keys written (known when recover() or a write settles). */
  private completeThrough = 0;
  private failure: Error | undefined;

  /** With a store that cannot defer writes (writeDeferred absent), event keys go with their block. */
  constructor(private readonly aux: NodeAux) {}

  /** Whether event keys are written after their block (indexEvents) rather than with it. */
  get defersEvents(): boolean {
    return typeof this.aux.writeDeferred === 'function';
  }

  /**
   * The aux entry a block's transaction carries when events are deferred: how far the event index is
   * complete (0x08 → u64be), read back by recover() after a restart.
   */
  progressEntry(): AuxEntry {
    return [indexedThroughKey(), u64be(this.completeThrough)];
  }

  /**
   * Write the event keys of the committed block `height` (the `events` of its txs' write() results,
   * whose bytes never change), packed as they are when the store takes packed keys. Resolves when
   * they are in; a failure is kept and reported by every later settled().
   */
  indexEvents(height: number, events: readonly EventKeys[]): Promise<void> {
    const write = this.aux.writeDeferredPostings
      ? this.aux.writeDeferredPostings(asPostings(events), POSITION_INDEX_BYTES)
      : this.aux.writeDeferred!(eventEntries(events));
    const done = this.pending.then(() => write).then(
      () => {
        if (height > this.completeThrough) this.completeThrough = height;
      },
      (e: Error) => {
        this.failure ??= e;
      },
    );
    this.pending = done;
    return done.then(() => {
      if (this.failure) throw this.failure;
    });
  }

  /** Resolves once the event keys of every block committed so far are written (searches wait on it). */
  async settled(): Promise<void> {
    await this.pending;
    if (this.failure) throw this.failure;
  }

  /**
   * At start-up, before new blocks: write the event keys of blocks after the recorded progress (a
   * node stopped before its last deferred writes landed), rebuilt from their tx records. A database
   * without the progress key predates deferred event keys: it is complete. Returns the txs re-indexed.
   */
  async recover(latestHeight: number): Promise<number> {
    if (!this.defersEvents) return 0;
    const mark = this.aux.get(indexedThroughKey());
    const from = mark === undefined ? latestHeight : Number(readU64be(mark, 0));
    let txs = 0;
    for (let height = from + 1; height <= latestHeight; height++) {
      const results = this.aux.get(blockResultsKey(height));
      if (results === undefined) continue;
      const events: EventKeys[] = [];
      const n = blockResultsTxCount(results);
      for (let index = 0; index < n; index++) {
        const rec = this.recordAt({ height, index });
        if (!rec) continue;
        events.push(TxIndex.write(rec).events);
        txs++;
      }
      await this.indexEvents(height, events);
    }
    if (latestHeight > this.completeThrough) this.completeThrough = latestHeight;
    return txs;
  }

  get(hash: Uint8Array): TxRecord | undefined {
    const v = this.aux.get(txByHashKey(hash));
    return v === undefined ? undefined : decodeTxRecord(v);
  }

  /**
   * Tx hash at a position, or undefined. Read from the block results record, which lists the
   * block's tx hashes in order (so the index needs no key per tx for it; nodes before that also
   * wrote 0x06 position keys, which are no longer read).
   */
  hashAt(pos: TxPosition): Uint8Array | undefined {
    if (!Number.isSafeInteger(pos.height) || pos.height < 0) return undefined;
    const v = this.aux.get(blockResultsKey(pos.height));
    return v === undefined ? undefined : blockResultsTxHash(v, pos.index);
  }

  recordAt(pos: TxPosition): TxRecord | undefined {
    const h = this.hashAt(pos);
    return h === undefined ? undefined : this.get(h);
  }

  /** Positions of all txs with minHeight <= height <= maxHeight, ascending. */
  *positions(minHeight = 1, maxHeight = Number.MAX_SAFE_INTEGER): Generator<TxPosition> {
    const start = blockResultsKey(Math.max(minHeight, 0));
    const end = maxHeight >= Number.MAX_SAFE_INTEGER ? prefixEnd(blockResultsPrefix()) : blockResultsKey(maxHeight + 1);
    for (const [k, v] of this.aux.iterate(start, end)) {
      const height = Number(readU64be(k, 1));
      const n = blockResultsTxCount(v);
      for (let index = 0; index < n; index++) yield { height, index };
    }
  }

  /** Every indexed occurrence of `compositeKey`, or only those whose value equals `value`. */
  *eventHits(compositeKey: string, value?: string): Generator<EventHit> {
    for (const layout of EVENT_LAYOUTS) {
      const prefix = value === undefined ? eventKeyPrefix(compositeKey, layout) : eventValuePrefix(compositeKey, value, layout);
      const keyPrefixLen = eventKeyPrefix(compositeKey, layout).length;
      for (const [k, stored] of this.aux.iterate(prefix, prefixEnd(prefix))) {
        const vlen = readU32be(k, keyPrefixLen);
        const vstart = keyPrefixLen + 4;
        const v = fromUtf8(k.subarray(vstart, vstart + vlen));
        const posOff = vstart + vlen;
        const height = Number(readU64be(k, posOff));
        if (layout === AuxPrefix.EventIndex) {
          yield { value: v, height, index: readU32be(k, posOff + 8) };
        } else {
          for (let o = 0; o + POSITION_INDEX_BYTES <= stored.length; o += POSITION_INDEX_BYTES) yield { value: v, height, index: readU32be(stored, o) };
        }
      }
    }
  }

  /**
   * What indexes one tx: the record by hash, and one event-index key per distinct indexed
   * (composite key, value), back to back. A block's event keys wait for its commit in this form, a
   * few objects per tx; eventEntries() makes their aux entries as the store consumes them (two dozen
   * entries per tx kept for the length of a commit outlived young-generation GCs). Runs once per
   * committed tx on the main thread, so the hash key, the record and all event keys are written in
   * one pass into one slab region (no per-key allocation or copy), strings UTF-8 encoded in JS when
   * ASCII (no Buffer.byteLength).
   */
  static write(rec: TxRecord): { record: AuxEntry; events: EventKeys } {
    const events = rec.result.events;
    // Upper bound of the keys' bytes, from UTF-16 lengths (a UTF-8 length is at least the UTF-16
    // length, so an attribute over the key limit by that measure is skipped without encoding it).
    let bound = txRecordBound(rec);
    for (const ev of events) {
      if (ev.type === '') continue;
      for (const a of ev.attributes) {
        if (!a.index || a.key === '') continue;
        const units = ev.type.length + 1 + a.key.length + a.value.length;
        if (EVENT_KEY_OVERHEAD + units <= MAX_KEY_BYTES) bound += EVENT_KEY_OVERHEAD + 3 * units;
      }
    }
    const w = scratch;
    bound += 1 + rec.hash.length;
    w.begin(bound);
    // 0x05 ‖ hash → record (keys.ts txByHashKey).
    const hashKeyAt = w.pos;
    w.u8(AuxPrefix.TxByHash);
    w.buf.set(rec.hash, w.pos);
    w.pos += rec.hash.length;
    const recordAt = w.pos;
    writeTxRecord(w, rec);
    const recordEnd = w.pos;
    // Event keys follow the record; `starts` remembers where each one begins.
    const starts: number[] = [];
    const picked: EventAttribute[] = [];
    const pickedType: string[] = [];
    const hi = Math.floor(rec.height / 0x1_0000_0000);
    const lo = rec.height >>> 0;
    for (const ev of events) {
      const type = ev.type;
      if (type === '') continue;
      for (const a of ev.attributes) {
        if (!a.index || a.key === '') continue;
        if (EVENT_KEY_OVERHEAD + type.length + 1 + a.key.length + a.value.length > MAX_KEY_BYTES) continue;
        if (isDuplicate(picked, pickedType, type, a)) continue;
        const start = w.pos;
        w.u8(AuxPrefix.EventIndex);
        w.pos += 2;
        // k = "<type>.<key>"
        let kl = w.raw(type);
        w.u8(0x2e);
        kl += 1 + w.raw(a.key);
        w.pos += 4;
        const vl = w.raw(a.value);
        if (EVENT_KEY_OVERHEAD + kl + vl > MAX_KEY_BYTES) {
          // Multi-byte UTF-8 made it too long after all: drop it (not indexed, as isIndexed says).
          w.pos = start;
          continue;
        }
        const b = w.buf;
        b[start + 1] = kl >>> 8;
        b[start + 2] = kl;
        const vAt = start + 3 + kl;
        b[vAt] = vl >>> 24;
        b[vAt + 1] = vl >>> 16;
        b[vAt + 2] = vl >>> 8;
        b[vAt + 3] = vl;
        w.u32be(hi);
        w.u32be(lo);
        w.u32be(rec.index);
        starts.push(start);
        picked.push(a);
        pickedType.push(type);
      }
    }
    const end = w.pos;
    const first = starts.length > 0 ? starts[0]! : end;
    const ends: number[] = new Array(starts.length);
    for (let i = 0; i < starts.length; i++) ends[i] = (i + 1 < starts.length ? starts[i + 1]! : end) - first;
    return { record: [w.view(hashKeyAt, recordAt), w.view(recordAt, recordEnd)], events: { bytes: w.view(first, end), ends } };
  }
}

/** Both event index layouts; searches read both (a database may hold either or both). */
const EVENT_LAYOUTS = [AuxPrefix.EventIndex, AuxPrefix.EventPostings] as const;
/** An event index key ends in u64be(height) ‖ u32be(index); a posting list holds the indexes. */
const POSITION_INDEX_BYTES = 4;

/**
 * The same keys in the posting-list layout: only the prefix byte differs (0x09 for 0x07), set in
 * place; the store then groups keys that differ only in their tx index. The keys of one block are
 * handed over once, so nothing reads the 0x07 form after this.
 */
function asPostings(events: readonly EventKeys[]): readonly EventKeys[] {
  for (const { bytes, ends } of events) {
    let start = 0;
    for (const end of ends) {
      bytes[start] = AuxPrefix.EventPostings;
      start = end;
    }
  }
  return events;
}

/** A tx's event-index keys back to back: key i ends at `ends[i]` (and starts where key i-1 ends). */
export interface EventKeys {
  bytes: Uint8Array;
  ends: number[];
}

/** The aux entries (key → PRESENT) of packed event keys, made afresh by each pass over them. */
export function eventEntries(keys: readonly EventKeys[]): Iterable<AuxEntry> {
  return {
    *[Symbol.iterator]() {
      for (const { bytes, ends } of keys) {
        let start = 0;
        for (const end of ends) {
          yield [bytes.subarray(start, end), PRESENT] as AuxEntry;
          start = end;
        }
      }
    },
  };
}

const scratch = new ByteWriter();

/**
 * Whether (type, attribute) gives the same index key as one already picked for this tx: the same
 * value and the same composite "type.key" (also when split differently, e.g. "a.b"+"c" vs "a"+"b.c").
 * A linear scan: a tx has a few dozen attributes, and this is cheaper than building and hashing
 * composite strings for a Set.
 */
function isDuplicate(picked: EventAttribute[], pickedType: string[], type: string, a: EventAttribute): boolean {
  const value = a.value;
  const key = a.key;
  for (let i = 0; i < picked.length; i++) {
    const p = picked[i]!;
    if (p.value !== value) continue;
    const t = pickedType[i]!;
    if (t === type) {
      if (p.key === key) return true;
    } else if (t.length + p.key.length === type.length + key.length && `${t}.${p.key}` === `${type}.${key}`) {
      return true;
    }
  }
  return false;
}
