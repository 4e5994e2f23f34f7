// Renders decoded (ts-proto shaped) messages as the Cosmos SDK 0.50 gRPC-gateway JSON, i.e. gogo
// jsonpb with OrigName + EmitDefaults: snake_case proto names, 64-bit ints as strings, 32-bit as
// numbers, enums by name, bytes as base64 (null when empty: gateway responses are re-decoded, so
// empty bytes are Go nil), Any inline with "@type", Timestamp/Duration in jsonpb's format, nil
// sub-messages as null, all defaults emitted.
//
// What can be inferred from the value is inferred; the rest comes from per-type JsonSpecs held by
// the registry (see json-spec.ts).

import type { Any } from 'cosmjs-types/google/protobuf/any';
import type { JsonKind, JsonSpec } from './json-spec.js';
import { ProtoError } from './errors.js';
import { toBase64 } from './bytes.js';
import type { TypeEntry, TypeRegistry } from './registry.js';
import { registry as defaultRegistry } from './defaults.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface JsonOptions {
  /** Registry used for Any resolution and type declarations; the package default otherwise. */
  readonly registry?: TypeRegistry;
}

/**
 * Gateway JSON of `value`. `type` (proto full name or type URL) selects the declaration of the
 * top-level message; without it everything is inferred (enough for messages whose fields are
 * plain scalars, bytes, Any and nested plain messages).
 */
export function toGatewayJson(value: unknown, type?: string, options: JsonOptions = {}): JsonValue {
  const ctx = new Renderer(options.registry ?? defaultRegistry);
  if (type === undefined) return ctx.infer(value);
  return ctx.single(value, { kind: 'message', type: type.startsWith('/') ? type.slice(1) : type });
}

/** `{"@type": typeUrl, ...fields}` for an Any; throws ProtoError for an unknown type URL. */
export function anyToGatewayJson(any: Any, options: JsonOptions = {}): JsonObject {
  return new Renderer(options.registry ?? defaultRegistry).any(any);
}

const snakeCache = new Map<string, string>();
/** ts-proto camelCase -> proto snake_case (`sigVerifyCostSecp256k1` -> `sig_verify_cost_secp256k1`). */
export function snakeCase(key: string): string {
  let s = snakeCache.get(key);
  if (s === undefined) {
    s = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    snakeCache.set(key, s);
  }
  return s;
}

function isAnyShape(v: object): v is Any {
  const o = v as Record<string, unknown>;
  return typeof o.typeUrl === 'string' && o.value instanceof Uint8Array && Object.keys(o).length === 2;
}

// jsonpb prints 0, 3, 6 or 9 fractional digits: the 9-digit form with zero triples trimmed.
function fraction(nanos: number): string {
  let x = `.${String(nanos).padStart(9, '0')}`;
  for (let i = 0; i < 2 && x.endsWith('000'); i++) x = x.slice(0, -3);
  return x === '.000' ? '' : x;
}

export function formatTimestamp(ts: { seconds: bigint; nanos: number }): string {
  const seconds = Number(ts.seconds);
  const { nanos } = ts;
  // Go's time range for Timestamp JSON is years 0001..9999.
  if (!Number.isSafeInteger(seconds) || seconds < -62135596800 || seconds > 253402300799 || nanos < 0 || nanos > 999_999_999) {
    throw new ProtoError('json', `timestamp out of range: ${ts.seconds}s ${nanos}ns`);
  }
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}${fraction(nanos)}Z`;
}

export function formatDuration(d: { seconds: bigint; nanos: number }): string {
  let { seconds } = d;
  let nanos = d.nanos;
  if (nanos <= -1e9 || nanos >= 1e9 || (seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) {
    throw new ProtoError('json', `invalid duration: ${seconds}s ${nanos}ns`);
  }
  let sign = '';
  if (nanos < 0 || seconds < 0n) {
    sign = '-';
    nanos = -nanos;
    seconds = -seconds;
  }
  return `${sign}${seconds}${fraction(nanos)}s`;
}

/** LegacyDec wire form (integer string scaled by 1e18) -> its JSON form with 18 decimals. */
export function formatDec(raw: string): string {
  if (raw.includes('.')) return raw; // already decimal
  const neg = raw.startsWith('-');
  const digits = (neg ? raw.slice(1) : raw) || '0';
  if (!/^\d+$/.test(digits)) throw new ProtoError('json', `invalid LegacyDec: ${raw}`);
  const padded = digits.padStart(19, '0');
  return `${neg && /[1-9]/.test(digits) ? '-' : ''}${padded.slice(0, -18)}.${padded.slice(-18)}`;
}

function bytesJson(v: Uint8Array): JsonValue {
  return v.length === 0 ? null : toBase64(v);
}

class Renderer {
  private readonly bases = new WeakMap<TypeEntry, Record<string, unknown>>();
  constructor(private readonly reg: TypeRegistry) {}

  infer(v: unknown): JsonValue {
    switch (typeof v) {
      case 'undefined':
        return null;
      case 'string':
      case 'boolean':
        return v;
      case 'bigint':
        return v.toString();
      case 'number':
        return Number.isFinite(v) ? v : String(v); // jsonpb writes "NaN" / "Infinity"
      case 'object':
        if (v === null) return null;
        if (v instanceof Uint8Array) return bytesJson(v);
        if (Array.isArray(v)) return v.map((e) => this.infer(e));
        if (isAnyShape(v)) return this.any(v);
        return this.message(v as Record<string, unknown>, undefined);
      default:
        throw new ProtoError('json', `cannot render a ${typeof v} as JSON`);
    }
  }

  any(any: Any): JsonObject {
    const entry = this.reg.resolve(any.typeUrl);
    const decoded = entry.codec.decode(any.value) as Record<string, unknown>;
    return { '@type': any.typeUrl, ...this.message(decoded, entry) };
  }

  single(v: unknown, kind: JsonKind | undefined): JsonValue {
    if (Array.isArray(v)) return v.map((e) => this.one(e, kind));
    return this.one(v, kind);
  }

  private one(v: unknown, kind: JsonKind | undefined): JsonValue {
    if (!kind) return this.infer(v);
    switch (kind.kind) {
      case 'enum': {
        if (typeof v !== 'number') return this.infer(v);
        // jsonpb writes unknown enum values as bare numbers
        const name = kind.names[v];
        return typeof name === 'string' ? name : v;
      }
      case 'message':
        if (v === undefined || v === null) return null;
        if (isAnyShape(v as object)) return this.any(v as Any); // J.msg('google.protobuf.Any')
        return this.message(v as Record<string, unknown>, this.reg.lookup(kind.type));
      case 'any':
        return v === undefined || v === null ? null : this.any(v as Any);
      case 'timestamp':
        return v === undefined || v === null ? null : formatTimestamp(v as { seconds: bigint; nanos: number });
      case 'duration':
        return v === undefined || v === null ? null : formatDuration(v as { seconds: bigint; nanos: number });
      case 'dec':
        return formatDec(String(v ?? ''));
      case 'accAddress': {
        const bytes = (v ?? new Uint8Array()) as Uint8Array;
        const enc = this.reg.addressEncoder;
        if (!enc) return bytesJson(bytes);
        return bytes.length === 0 ? '' : enc(bytes);
      }
      case 'skip':
        return null;
    }
  }

  private base(entry: TypeEntry): Record<string, unknown> | undefined {
    if (!entry.codec) return undefined;
    let b = this.bases.get(entry);
    if (!b) {
      b = entry.codec.fromPartial({}) as Record<string, unknown>;
      this.bases.set(entry, b);
    }
    return b;
  }

  message(value: Record<string, unknown>, entry: TypeEntry | undefined): JsonObject {
    const spec: JsonSpec | undefined = entry?.json;
    const fields = spec?.fields ?? {};
    const base = entry ? this.base(entry) : undefined;
    // With a codec, its default object fixes the field set and order (and fills missing fields).
    const keys = base ? Object.keys(base) : Object.keys(value);
    const out: JsonObject = {};
    for (const key of keys) {
      const decl = fields[key];
      if (decl?.kind?.kind === 'skip') continue;
      const v = key in value ? value[key] : base?.[key];
      if (decl?.oneof && (v === undefined || v === null)) continue;
      out[decl?.name ?? snakeCase(key)] = this.single(v, decl?.kind);
    }
    return out;
  }
}
