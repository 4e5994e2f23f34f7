// LMDB backend (lmdb-js). Chosen by measurement (bench/store-db.ts, docs/store.md): synchronous
// point reads and synchronous range scans, which contract host calls and block execution need, and
// copy-on-write B-trees whose commits are atomic across all tables of the environment.
//
// One LMDB environment, named tables (byte layouts in lmdb-layout.ts):
//   meta          'format' → FORMAT, 'latest' → u64be, 'pruned' → u64be, 'lattice/<store>' → 2048 B
//   apphash       u64be(height) → 32-byte app hash
//   aux           key → value (non-consensus records; latest values only)
//   l/<store>     key → u64be(height written) ‖ value: the live state
//   d/<store>     key → u64be(height deleted): keys deleted since the earliest retained height
//   c/<store>     u64be(height) ‖ key → the key's prior state: one reverse delta per write
// A block is one write transaction over all of them.
//
// Reading height H < latest: a key whose latest entry (live or deleted) was written at or below H
// has that state at H; otherwise walk its chain of reverse deltas back to the first link <= H.
// Iterating height H merges the live and deleted key tables and resolves each key the same way.
// Pruning heights below E deletes the reverse deltas of heights <= E: a contiguous key range.

import { open, type Database, type RangeOptions, type RootDatabase, type RootDatabaseOptionsWithPath } from 'lmdb';
import { realpathSync, mkdirSync } from 'node:fs';
import { AuxWriterThread } from './aux-writer.js';
import type { Backend, BlockWrite, Entry, Prior } from './backend.js';
import type { PackedKeys } from './types.js';
import { compareBytes, privateCopyRange, readU64be, toBin, u64be } from './bytes.js';
import { StoreError } from './errors.js';
import {
  changeKey,
  changeKeyInto,
  changeKeyParts,
  decodeChange,
  encodeChangeFromAbsentInto,
  encodeChangeFromLatestInto,
  encodeDeletedInto,
  encodeLatestInto,
  latestHeightOf,
  latestValueOf,
} from './lmdb-layout.js';

/** Bumped whenever the on-disk layout changes incompatibly. */
const FORMAT = 'scrtd-store/2';

// lmdb-js transaction flags for a block: abortable (a throwing callback rolls everything back),
// committed synchronously (visible when transactionSync returns), and NO_SYNC_FLUSH, which with the
// environment's overlapping-sync mode makes LMDB release the write lock first and then, still inside
// the commit call, fsync the data and write a "synced" meta page. The block is therefore durable when
// writeBlock returns. Had the machine lost power before that fsync, the meta page would be flagged
// unsynced and LMDB would reopen on the previous synced snapshot: never a torn block.
const TXN_ABORTABLE = 0x1;
const TXN_SYNCHRONOUS_COMMIT = 0x2;
const TXN_NO_SYNC_FLUSH = 0x10000;
/** lmdb-js supports overlapping sync everywhere but Windows; without it a plain synced commit is used. */
const OVERLAPPING_SYNC = process.platform !== 'win32';
const BLOCK_TXN_FLAGS = TXN_ABORTABLE | TXN_SYNCHRONOUS_COMMIT | (OVERLAPPING_SYNC ? TXN_NO_SYNC_FLUSH : 0);

/**
 * Reverse deltas are keyed height-first and written in key order, so each one sorts after every
 * existing entry: MDB_APPEND skips the search and fills pages completely.
 */
const APPEND = { append: true } as const;

const enc = (s: string): Uint8Array => Buffer.from(s, 'utf8');
const K_FORMAT = enc('format');
const K_LATEST = enc('latest');
const K_PRUNED = enc('pruned');
const latticeKey = (store: string): Uint8Array => enc(`lattice/${store}`);

type Db = Database<Uint8Array, Uint8Array>;

interface StoreTables {
  latest: Db;
  deleted: Db;
  changes: Db;
}

/** What readPrior saw: the key's live entry, or else its deletion record (if any). */
interface PriorToken {
  live?: Uint8Array;
  deleted?: Uint8Array;
}

/** Directories open in this process: two handles on one directory would fork the in-memory state. */
const openPaths = new Set<string>();

export interface LmdbBackendOptions {
  path: string;
  storeNames: readonly string[];
  /** LMDB map size (maximum database size) in bytes; address space only, not preallocated. */
  mapSize?: number;
  /**
   * Open an existing database read-only, beside the handle that writes it (typically in another
   * thread of the same process): nothing is written, and refresh() picks up the writer's commits.
   */
  follower?: boolean;
}

/**
 * lmdb-js hands out Buffers; expose plain Uint8Array views (no copy) so both backends return the
 * same type and deepStrictEqual-based tests behave the same on either.
 */
function plain(b: Uint8Array): Uint8Array;
function plain(b: Uint8Array | undefined): Uint8Array | undefined;
function plain(b: Uint8Array | undefined): Uint8Array | undefined {
  return b === undefined ? undefined : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** plain(latestValueOf(stored)) with one view instead of two (range scans create one per entry). */
function plainLatestValue(stored: Uint8Array): Uint8Array {
  if (stored.length < 8) throw new StoreError('corrupt', 'latest entry too short');
  return new Uint8Array(stored.buffer, stored.byteOffset + 8, stored.byteLength - 8);
}

/** The plain view over lmdb-js's reusable read buffer last seen by readCopy (see there). */
let readArea: ArrayBufferLike | undefined;
let readView: Uint8Array = new Uint8Array(0);

/**
 * The stored value of `key` from byte `skip` on, as a private plain Uint8Array; undefined if absent.
 * getBinary would copy the whole record into a new Buffer (its own off-heap backing store above 64
 * bytes) and callers would then wrap part of it in two more views. getBinaryFast returns lmdb-js's
 * reusable buffer instead, valid only until the next read, so the wanted bytes are copied out at once,
 * through a plain view of that buffer that is kept until lmdb-js replaces the buffer. Its `length` is
 * the record's size (lmdb-js sets it as an own property of the reusable buffer; typed-array methods
 * would see the whole buffer, hence the explicit bounds).
 */
function readCopy(db: Db, key: Uint8Array, skip: number): Uint8Array | undefined {
  const fast = db.getBinaryFast(key);
  if (fast === undefined) return undefined;
  const size = fast.length;
  if (size < skip) throw new StoreError('corrupt', 'latest entry too short');
  const at = fast.byteOffset;
  // Any other buffer (e.g. over a memory-mapped region for large values) gets a one-off view.
  if ((fast as { isGlobal?: boolean }).isGlobal !== true) return privateCopyRange(new Uint8Array(fast.buffer, at, size), skip, size);
  if (fast.buffer !== readArea) {
    readArea = fast.buffer;
    readView = new Uint8Array(fast.buffer);
  }
  return privateCopyRange(readView, at + skip, at + size);
}

/** lmdb-js range options for start <= key < end, either direction. */
function rangeOptions(start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): RangeOptions {
  // Reverse ranges in lmdb-js run from `start` (inclusive) down to `end` (exclusive): flip both.
  return reverse ? { start: end, end: start, reverse: true, exclusiveStart: true, inclusiveEnd: true } : { start, end };
}

function* entriesOf(db: Db, options: RangeOptions, strip: boolean): Generator<Entry> {
  for (const { key, value } of db.getRange(options)) {
    yield { bin: toBin(key), key: plain(key), value: strip ? plainLatestValue(value) : plain(value) };
  }
}

/**
 * The key and value encodings of one block, all carved out of one buffer. lmdb-js passes a value to
 * LMDB by the address of its ArrayBuffer, which it looks up natively once per ArrayBuffer (and caches
 * on it): one allocation and one lookup per block instead of up to four per changed key. The buffer
 * is only read during the block's transaction, and each region is written once.
 */
class BlockArena {
  private readonly bytes: Uint8Array;
  private used = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }

  take(n: number): Uint8Array {
    const out = this.bytes.subarray(this.used, this.used + n);
    if (out.length !== n) throw new Error('block arena exhausted'); // a sizing bug, not a data error
    this.used += n;
    return out;
  }
}

/** Bytes of BlockArena needed by writeBlock for `block` (the same cases as there). */
function blockEncodingBytes(block: BlockWrite): number {
  let n = 0;
  for (const sw of block.stores) {
    for (const { key, value, prior } of sw.changes) {
      const { live } = prior.token as PriorToken;
      n += 8 + key.length + (live !== undefined ? live.length + 1 : 9) + (value === null ? 8 : 8 + value.length);
    }
  }
  return n;
}

function wrapIo(what: string, err: unknown): never {
  if (err instanceof StoreError) throw err;
  throw new StoreError('io', `${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

export class LmdbBackend implements Backend {
  private readonly root: RootDatabase<Uint8Array, Uint8Array>;
  private readonly meta: Db;
  private readonly hashes: Db;
  private readonly aux: Db;
  private readonly stores = new Map<string, StoreTables>();
  private readonly path: string;
  private latest = 0;
  private pruned = 0;
  private closed = false;
  private readonly follower: boolean;
  /** Where deferred aux writes go (a writer only). */
  private readonly auxWriter: AuxWriterThread | undefined;

  private constructor(path: string, options: LmdbBackendOptions) {
    this.path = path;
    this.follower = options.follower === true;
    const tableOptions = { keyEncoding: 'binary', encoding: 'binary' } as const;
    const rootOptions: RootDatabaseOptionsWithPath = {
      path,
      noSubdir: false, // `path` is always a directory, even if its name has a dot
      overlappingSync: OVERLAPPING_SYNC,
      // 8 KiB pages: for states larger than a few hundred thousand keys, fewer and fuller pages
      // measurably cut the per-block cost of random writes (docs/store.md). New databases only.
      pageSize: 8192,
      maxDbs: 8 + 3 * options.storeNames.length,
      mapSize: options.mapSize ?? 2 ** 40,
      ...tableOptions,
    };
    this.root = open<Uint8Array, Uint8Array>(rootOptions);
    // Reads that waited for a deferred batch must not use a snapshot from before its commit.
    this.auxWriter = this.follower ? undefined : new AuxWriterThread(rootOptions, () => this.root.resetReadTxn());
    try {
      this.meta = this.root.openDB({ name: 'meta', ...tableOptions });
      this.hashes = this.root.openDB({ name: 'apphash', ...tableOptions });
      this.aux = this.root.openDB({ name: 'aux', ...tableOptions });
      for (const name of options.storeNames) {
        this.stores.set(name, {
          latest: this.root.openDB({ name: `l/${name}`, ...tableOptions }),
          deleted: this.root.openDB({ name: `d/${name}`, ...tableOptions }),
          changes: this.root.openDB({ name: `c/${name}`, ...tableOptions }),
        });
      }
      const format = this.meta.getBinary(K_FORMAT);
      if (format === undefined) {
        if (this.follower) throw new StoreError('corrupt', `${path}: no store to follow (missing format marker)`);
        if (this.meta.getBinary(K_LATEST) !== undefined) throw new StoreError('corrupt', `${path}: missing format marker`);
        this.root.transactionSync(() => this.meta.putSync(K_FORMAT, enc(FORMAT)));
      } else if (format.toString('utf8') !== FORMAT) {
        throw new StoreError('corrupt', `${path}: unsupported store format ${JSON.stringify(format.toString('utf8'))}, expected ${FORMAT}`);
      }
      this.readHeights();
    } catch (err) {
      void this.root.close();
      wrapIo(`open ${path}`, err);
    }
  }

  static open(options: LmdbBackendOptions): LmdbBackend {
    if (options.follower) return LmdbBackend.openFollower(options);
    mkdirSync(options.path, { recursive: true });
    const path = realpathSync(options.path);
    if (openPaths.has(path)) throw new StoreError('already_open', `${path} is already open in this process`);
    let backend: LmdbBackend;
    try {
      backend = new LmdbBackend(path, options);
    } catch (err) {
      wrapIo(`open ${path}`, err);
    }
    openPaths.add(path);
    return backend;
  }

  /** A follower on the same database as a writer: no single-handle guard, nothing written. */
  private static openFollower(options: LmdbBackendOptions): LmdbBackend {
    let path: string;
    try {
      path = realpathSync(options.path);
    } catch (err) {
      wrapIo(`open ${options.path}`, err);
    }
    try {
      return new LmdbBackend(path, options);
    } catch (err) {
      wrapIo(`open ${path}`, err);
    }
  }

  private readHeights(): void {
    const latest = this.meta.getBinary(K_LATEST);
    const pruned = this.meta.getBinary(K_PRUNED);
    this.latest = latest === undefined ? 0 : readU64be(latest);
    this.pruned = pruned === undefined ? 0 : readU64be(pruned);
  }

  /**
   * Follower: lmdb-js keeps a thread's read snapshot until its event loop turns, and a worker may
   * handle several messages in one turn; dropping the snapshot makes the next read see every commit
   * made so far.
   */
  refresh(): void {
    this.root.resetReadTxn();
    this.readHeights();
  }

  private tables(store: string): StoreTables {
    const t = this.stores.get(store);
    if (t === undefined) throw new StoreError('unknown_store', `unknown store ${JSON.stringify(store)}`);
    return t;
  }

  latestHeight(): number {
    return this.latest;
  }
  prunedThrough(): number {
    return this.pruned;
  }
  lattice(store: string): Uint8Array | undefined {
    return plain(this.meta.getBinary(latticeKey(store)));
  }
  appHashAt(height: number): Uint8Array | undefined {
    return plain(this.hashes.getBinary(u64be(height)));
  }

  getLatest(store: string, key: Uint8Array): Uint8Array | undefined {
    return readCopy(this.tables(store).latest, key, 8);
  }

  hasLatest(store: string, key: Uint8Array): boolean {
    // No copy: only whether the record exists.
    return this.tables(store).latest.getBinaryFast(key) !== undefined;
  }

  readPrior(store: string, key: Uint8Array): Prior {
    const t = this.tables(store);
    const live = readCopy(t.latest, key, 0);
    if (live !== undefined) return { value: latestValueOf(live), token: { live } satisfies PriorToken };
    return { value: undefined, token: { deleted: readCopy(t.deleted, key, 0) } satisfies PriorToken };
  }

  iterateLatest(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): Iterator<Entry> {
    return entriesOf(this.tables(store).latest, rangeOptions(start, end, reverse), true);
  }

  /** The value of `key` at `height`, from its latest live entry or deletion record (either may be undefined). */
  private resolve(t: StoreTables, key: Uint8Array, live: Uint8Array | undefined, deleted: Uint8Array | undefined, height: number): Uint8Array | undefined {
    let cur: number;
    if (live !== undefined) {
      cur = latestHeightOf(live);
      if (cur <= height) return plainLatestValue(live);
    } else if (deleted !== undefined) {
      cur = readU64be(deleted);
      if (cur <= height) return undefined;
    } else {
      return undefined;
    }
    for (;;) {
      const stored = t.changes.getBinary(changeKey(cur, key));
      if (stored === undefined) throw new StoreError('corrupt', `missing reverse delta at height ${cur}`);
      const prior = decodeChange(stored);
      if (prior.prevHeight <= height) return plain(prior.value);
      cur = prior.prevHeight;
    }
  }

  getAt(store: string, key: Uint8Array, height: number): Uint8Array | undefined {
    const t = this.tables(store);
    const live = t.latest.getBinary(key);
    return this.resolve(t, key, live, live === undefined ? t.deleted.getBinary(key) : undefined, height);
  }

  *iterateAt(store: string, start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean, height: number): Generator<Entry> {
    const t = this.tables(store);
    const options = rangeOptions(start, end, reverse);
    // Live and deleted keys are disjoint sets; merge them in order and resolve each at `height`.
    const liveIt = t.latest.getRange(options)[Symbol.iterator]();
    const deadIt = t.deleted.getRange(options)[Symbol.iterator]();
    try {
      let l = liveIt.next();
      let d = deadIt.next();
      while (l.done !== true || d.done !== true) {
        let takeLive: boolean;
        if (l.done === true) takeLive = false;
        else if (d.done === true) takeLive = true;
        else {
          const c = compareBytes(l.value.key, d.value.key);
          takeLive = reverse ? c > 0 : c < 0;
        }
        let value: Uint8Array | undefined;
        let key: Uint8Array;
        if (takeLive) {
          const e = (l as IteratorYieldResult<{ key: Uint8Array; value: Uint8Array }>).value;
          key = e.key;
          value = this.resolve(t, key, e.value, undefined, height);
          l = liveIt.next();
        } else {
          const e = (d as IteratorYieldResult<{ key: Uint8Array; value: Uint8Array }>).value;
          key = e.key;
          value = this.resolve(t, key, undefined, e.value, height);
          d = deadIt.next();
        }
        if (value !== undefined) yield { bin: toBin(key), key: plain(key), value };
      }
    } finally {
      liveIt.return?.();
      deadIt.return?.();
    }
  }

  auxGet(key: Uint8Array): Uint8Array | undefined {
    return plain(this.aux.getBinary(key));
  }

  auxIterate(start: Uint8Array | undefined, end: Uint8Array | undefined, reverse: boolean): Iterator<Entry> {
    return entriesOf(this.aux, rangeOptions(start, end, reverse), false);
  }

  writeBlock(block: BlockWrite): void {
    if (this.follower) throw new StoreError('read_only', `${this.path}: a follower does not write`);
    const height = block.height;
    let pruned = this.pruned;
    const arena = new BlockArena(blockEncodingBytes(block));
    try {
      this.root.transactionSync(() => {
        for (const sw of block.stores) {
          const t = this.tables(sw.name);
          // Keys arrive sorted, so the reverse deltas of this block are appended in order.
          for (const { key, value, prior } of sw.changes) {
            const { live, deleted } = prior.token as PriorToken;
            const ck = changeKeyInto(arena.take(8 + key.length), height, key);
            if (live !== undefined) {
              t.changes.putSync(ck, encodeChangeFromLatestInto(arena.take(live.length + 1), live), APPEND);
            } else {
              t.changes.putSync(ck, encodeChangeFromAbsentInto(arena.take(9), deleted === undefined ? 0 : readU64be(deleted)), APPEND);
              if (deleted !== undefined) t.deleted.removeSync(key);
            }
            if (value === null) {
              t.latest.removeSync(key);
              t.deleted.putSync(key, encodeDeletedInto(arena.take(8), height));
            } else {
              t.latest.putSync(key, encodeLatestInto(arena.take(8 + value.length), height, value));
            }
          }
          this.meta.putSync(latticeKey(sw.name), sw.lattice);
        }
        for (const [k, v] of block.aux) {
          if (v === null) this.aux.removeSync(k);
          else this.aux.putSync(k, v);
        }
        const hb = u64be(height);
        this.hashes.putSync(hb, block.appHash);
        this.meta.putSync(K_LATEST, hb);
        pruned = this.pruneInTxn(Math.min(block.pruneThrough, height));
        this.meta.putSync(K_PRUNED, u64be(pruned));
      }, BLOCK_TXN_FLAGS);
    } catch (err) {
      wrapIo(`commit of height ${height}`, err);
    }
    this.latest = height;
    this.pruned = pruned;
  }

  /**
   * Written by the aux writer thread (aux-writer.ts): the calling thread copies the entries into one
   * buffer and posts it; the worker commits the batch in one transaction. The promise settles once
   * it is committed and visible to this thread's reads. (A throw here reaches the caller of
   * AuxStore as a rejection: commit-multistore wraps these calls.)
   */
  auxWriteDeferred(entries: Iterable<readonly [Uint8Array, Uint8Array | null]>): Promise<void> {
    return this.writer().write(entries);
  }

  auxWriteDeferredPostings(batches: readonly PackedKeys[], suffixBytes: number): Promise<void> {
    return this.writer().writePostings(batches, suffixBytes);
  }

  private writer(): AuxWriterThread {
    if (this.auxWriter === undefined) throw new StoreError('read_only', `${this.path}: a follower does not write`);
    return this.auxWriter;
  }

  /**
   * See BlockWrite.pruneThrough. Reads at heights >= p only follow reverse deltas of heights > p, so
   * the deltas of height p go, and so do deletion records of keys deleted at p. Runs inside the
   * block's write transaction.
   */
  private pruneInTxn(target: number): number {
    let p = this.pruned;
    while (p < target) {
      p++;
      const from = u64be(p);
      const to = u64be(p + 1);
      for (const t of this.stores.values()) {
        const keys = [...t.changes.getKeys({ start: from, end: to })];
        for (const ck of keys) {
          const { key } = changeKeyParts(ck);
          const deleted = t.deleted.getBinary(key);
          if (deleted !== undefined && readU64be(deleted) === p) t.deleted.removeSync(key);
          t.changes.removeSync(ck);
        }
      }
      if (p > 1) this.hashes.removeSync(u64be(p - 1));
    }
    return p;
  }

  /** Block commits are already synced by writeBlock (see BLOCK_TXN_FLAGS); this also covers any other write. */
  async durable(): Promise<void> {
    await this.root.flushed;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.auxWriter?.close();
    if (!this.follower) openPaths.delete(this.path);
    await this.root.close();
  }
}
