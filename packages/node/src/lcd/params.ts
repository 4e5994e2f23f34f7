// Query-string parameter parsing with the gateway's error wording (runtime.PopulateQueryParameters).
import { ApiError, GrpcCode } from './errors.js';

export type Query = Record<string, string | string[] | undefined>;

/** The value of a non-repeated parameter (the last one when repeated). */
export function scalar(q: Query, name: string): string | undefined {
  const v = q[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

/** All values of a repeated parameter. */
export function list(q: Query, name: string): string[] {
  const v = q[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function mismatch(name: string, fn: string, v: string): ApiError {
  return new ApiError(GrpcCode.InvalidArgument, `type mismatch, parameter: ${name}, error: strconv.${fn}: parsing ${JSON.stringify(v)}: invalid syntax`);
}

/** uint64 parameter as a safe integer; undefined when absent or empty. */
export function uintParam(q: Query, name: string): number | undefined {
  const v = scalar(q, name);
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,20}$/.test(v) || BigInt(v) > 0xffffffffffffffffn) throw mismatch(name, 'ParseUint', v);
  // Larger than any height or page we could serve; clamp rather than lose precision.
  return Math.min(Number(v), Number.MAX_SAFE_INTEGER);
}

/** int64 parameter; undefined when absent or empty. */
export function intParam(q: Query, name: string): number | undefined {
  const v = scalar(q, name);
  if (v === undefined || v === '') return undefined;
  if (!/^[+-]?\d{1,19}$/.test(v)) throw mismatch(name, 'ParseInt', v);
  const b = BigInt(v);
  if (b > 0x7fffffffffffffffn || b < -0x8000000000000000n) throw mismatch(name, 'ParseInt', v);
  return Math.max(Math.min(Number(b), Number.MAX_SAFE_INTEGER), Number.MIN_SAFE_INTEGER);
}

export function boolParam(q: Query, name: string): boolean | undefined {
  const v = scalar(q, name);
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1' || v === 't' || v === 'T' || v === 'TRUE' || v === 'True') return true;
  if (v === 'false' || v === '0' || v === 'f' || v === 'F' || v === 'FALSE' || v === 'False') return false;
  throw mismatch(name, 'ParseBool', v);
}

export interface PageParams {
  offset: number;
  limit: number | undefined;
  countTotal: boolean;
  reverse: boolean;
  hasKey: boolean;
}

/** The `pagination.*` parameters every paginated SDK query accepts, validated. */
export function pageParams(q: Query): PageParams {
  const key = scalar(q, 'pagination.key');
  if (key !== undefined && key !== '' && !/^[A-Za-z0-9+/_-]*={0,2}$/.test(key)) {
    throw new ApiError(GrpcCode.InvalidArgument, 'type mismatch, parameter: pagination.key, error: illegal base64 data');
  }
  return {
    offset: uintParam(q, 'pagination.offset') ?? 0,
    limit: uintParam(q, 'pagination.limit'),
    countTotal: boolParam(q, 'pagination.count_total') ?? false,
    reverse: boolParam(q, 'pagination.reverse') ?? false,
    hasKey: key !== undefined && key !== '',
  };
}

/** The x-cosmos-block-height request header: 0 (latest) when absent; ApiError when malformed. */
export function heightHeader(v: string | string[] | undefined): number {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || s === '') return 0;
  if (!/^[+-]?\d{1,19}$/.test(s) || BigInt(s) > 0x7fffffffffffffffn || BigInt(s) < -0x8000000000000000n) {
    throw new ApiError(
      GrpcCode.InvalidArgument,
      `Baseapp.RegisterGRPCServer: invalid height header "x-cosmos-block-height": strconv.ParseInt: parsing ${JSON.stringify(s)}: invalid syntax: invalid request`,
    );
  }
  const h = BigInt(s);
  if (h < 0n) throw new ApiError(GrpcCode.InvalidArgument, 'cannot query with height < 0; please provide a valid height: invalid height');
  if (h > BigInt(Number.MAX_SAFE_INTEGER)) throw new ApiError(GrpcCode.InvalidArgument, `height ${s} is not available: invalid height`);
  return Number(h);
}
