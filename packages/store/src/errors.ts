// The one error type the store throws for misuse and unavailable data, so callers can branch on `code`
// instead of parsing messages. Database failures (disk full, corruption) surface as StoreError 'io'.

export type StoreErrorCode =
  /** The requested height is pruned, in the future, or otherwise not readable. */
  | 'height_not_available'
  /** commit() height is not latestHeight()+1, or a height argument is not a safe non-negative integer. */
  | 'invalid_height'
  /** The store was closed. */
  | 'closed'
  /** The branch was taken from an older committed height than the one it would commit on. */
  | 'stale_branch'
  /** The cache given to commit() is not a top-level branch of this store, or write() has no parent. */
  | 'invalid_branch'
  /** A store name that was not declared in `storeNames`. */
  | 'unknown_store'
  /** Empty key, or key longer than MAX_KEY_BYTES. */
  | 'invalid_key'
  /** A value that is not a Uint8Array. */
  | 'invalid_value'
  /** Bad options (store names, keepRecent, …). */
  | 'invalid_option'
  /** The same database directory is already open in this process. */
  | 'already_open'
  /** A write (commit, working hash) through a read-only follower of another handle's database. */
  | 'read_only'
  /** The on-disk data is not in the expected format. */
  | 'corrupt'
  /** The underlying database failed. */
  | 'io';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
