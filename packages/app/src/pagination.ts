// query.Paginate of the Cosmos SDK over a prefix of a KV store, and PageRequest parsing from REST.
import type { KVReader } from '@scrtd/store';
import { GrpcCode, GrpcError } from './errors.js';
import { concat, prefixEnd } from './binary.js';
import type { QueryParams } from './abci/routes.js';

export interface PageRequest {
  key: Uint8Array;
  offset: bigint;
  limit: bigint;
  countTotal: boolean;
  reverse: boolean;
}

export interface PageResponse {
  nextKey: Uint8Array;
  total: bigint;
}

export const DEFAULT_LIMIT = 100n;

/**
 * Walk entries under `prefix`, calling `onEntry(keyWithoutPrefix, value)` for each one in the page.
 * Semantics follow the SDK: key and offset are exclusive; limit 0 means 100 and counts the total.
 */
export function paginate(
  store: KVReader,
  prefix: Uint8Array,
  req: PageRequest | undefined,
  onEntry: (key: Uint8Array, value: Uint8Array) => void,
): PageResponse {
  const r = req ?? { key: new Uint8Array(), offset: 0n, limit: 0n, countTotal: false, reverse: false };
  let { limit, countTotal } = r;
  const { offset, key, reverse } = r;
  if (offset > 0n && key.length > 0) {
    throw new GrpcError(GrpcCode.InvalidArgument, 'invalid request, either offset or key is expected, got both');
  }
  if (limit === 0n) {
    limit = DEFAULT_LIMIT;
    countTotal = true;
  }
  const end = prefixEnd(prefix);
  if (key.length > 0) {
    // Key-based: start at (or before, in reverse) the given key, no total.
    const full = concat(prefix, key);
    const it = reverse ? store.iterate(prefix, prefixEnd(full) ?? end, true) : store.iterate(full, end, false);
    let n = 0n;
    for (const [k, v] of it) {
      if (n === limit) return { nextKey: k.subarray(prefix.length), total: 0n };
      onEntry(k.subarray(prefix.length), v);
      n++;
    }
    return { nextKey: new Uint8Array(), total: 0n };
  }
  let count = 0n;
  let nextKey: Uint8Array = new Uint8Array();
  const stopAt = offset + limit;
  for (const [k, v] of store.iterate(prefix, end, reverse)) {
    count++;
    if (count <= offset) continue;
    if (count <= stopAt) {
      onEntry(k.subarray(prefix.length), v);
    } else if (count === stopAt + 1n) {
      nextKey = k.subarray(prefix.length);
      if (!countTotal) break;
    }
  }
  return { nextKey, total: countTotal ? count : 0n };
}

function scalar(q: QueryParams, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function parseU64(q: QueryParams, name: string): bigint {
  const s = scalar(q, name);
  if (s === undefined || s === '') return 0n;
  if (!/^\d{1,20}$/.test(s) || BigInt(s) > 0xffffffffffffffffn) {
    throw new GrpcError(GrpcCode.InvalidArgument, `type mismatch, parameter: ${name}, error: strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  }
  return BigInt(s);
}

function parseBool(q: QueryParams, name: string): boolean {
  const s = scalar(q, name);
  if (s === undefined || s === '') return false;
  if (s === 'true' || s === '1') return true;
  if (s === 'false' || s === '0') return false;
  throw new GrpcError(GrpcCode.InvalidArgument, `type mismatch, parameter: ${name}, error: strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
}

/** The gRPC-gateway's binding of `pagination.*` query parameters. */
export function pageRequestFromQuery(q: QueryParams): PageRequest | undefined {
  const keyStr = scalar(q, 'pagination.key');
  const present = ['pagination.key', 'pagination.offset', 'pagination.limit', 'pagination.count_total', 'pagination.reverse'].some((n) => q[n] !== undefined);
  if (!present) return undefined;
  let key = new Uint8Array();
  if (keyStr) {
    const norm = keyStr.replace(/-/g, '+').replace(/_/g, '/');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(norm)) throw new GrpcError(GrpcCode.InvalidArgument, `type mismatch, parameter: pagination.key, error: illegal base64 data`);
    key = new Uint8Array(Buffer.from(norm, 'base64'));
  }
  return {
    key,
    offset: parseU64(q, 'pagination.offset'),
    limit: parseU64(q, 'pagination.limit'),
    countTotal: parseBool(q, 'pagination.count_total'),
    reverse: parseBool(q, 'pagination.reverse'),
  };
}
