// Parsing of the JSON a contract returns (secret-protocol §7.7) into typed objects. Only the
// envelope, attributes, events and data are checked here; messages are kept as parsed JSON for the
// sub-message increment to interpret.
import { VmRuntimeError } from './runtime-error.js';

export interface Attribute {
  key: string;
  value: string;
  /** Secret-specific: whether the attribute is encrypted in the tx result (default true). */
  encrypted: boolean;
}

export interface Event {
  type: string;
  attributes: Attribute[];
}

export interface ResponseV1 {
  /** SubMsg JSON objects, unvalidated (note: JSON.parse loses u64 precision above 2^53). */
  messages: unknown[];
  attributes: Attribute[];
  events: Event[];
  data: Uint8Array | null;
}

export interface ResponseV010 {
  /** v0.10 CosmosMsg JSON objects, unvalidated. */
  messages: unknown[];
  /** The `log` array. */
  log: Attribute[];
  data: Uint8Array | null;
}

/** The contract's own error: v1 a string; v0.10 a StdError object (`{"generic_err":{"msg":…}}`, …). */
export interface ContractError {
  /** v1: the string; v0.10: the StdError's `msg` field when present, else its JSON. */
  message: string;
  raw: unknown;
}

export type ContractResult<T> = { ok: true; value: T } | { ok: false; error: ContractError };

const fail = (why: string): never => {
  throw new VmRuntimeError('invalid_result', `invalid contract result: ${why}`);
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function parseJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    return fail('not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return fail(`not JSON (${(e as Error).message})`);
  }
}

/** Value of each standard base64 character, -1 for anything else. */
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;
/** Up to this many characters are decoded in JS (no Buffer from the pool, no second copy). */
const JS_DECODE_MAX = 1024;

/**
 * Standard alphabet, length a multiple of 4, padding only as the last one or two characters; like
 * Node's decoder, non-zero trailing bits of the last group are ignored.
 */
export function decodeBase64Strict(s: string, what: string): Uint8Array {
  const n = s.length;
  if (n % 4 !== 0) return fail(`${what} is not valid base64`);
  const pad = n > 0 && s.charCodeAt(n - 1) === 61 ? (s.charCodeAt(n - 2) === 61 ? 2 : 1) : 0;
  const chars = n - pad;
  if (n > JS_DECODE_MAX) {
    for (let i = 0; i < chars; i++) {
      const c = s.charCodeAt(i);
      if (c >= 128 || B64_VALUE[c]! < 0) return fail(`${what} is not valid base64`);
    }
    return new Uint8Array(Buffer.from(s, 'base64'));
  }
  const out = new Uint8Array((n / 4) * 3 - pad);
  let acc = 0;
  let j = 0;
  for (let i = 0; i < chars; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0) return fail(`${what} is not valid base64`);
    acc = (acc << 6) | v;
    if ((i & 3) === 3) {
      out[j++] = acc >>> 16;
      out[j++] = (acc >>> 8) & 0xff;
      out[j++] = acc & 0xff;
      acc = 0;
    }
  }
  // The last group's 2 or 3 characters: 1 or 2 bytes, leftover bits dropped.
  if (pad === 2) out[j] = (acc >>> 4) & 0xff;
  else if (pad === 1) {
    out[j++] = (acc >>> 10) & 0xff;
    out[j] = (acc >>> 2) & 0xff;
  }
  return out;
}

function data(v: unknown): Uint8Array | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') return fail('data must be a base64 string or null');
  return decodeBase64Strict(v, 'data');
}

function array(v: unknown, what: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail(`${what} must be an array`);
  return v;
}

function attribute(v: unknown): Attribute {
  if (!isObject(v) || typeof v.key !== 'string' || typeof v.value !== 'string') return fail('attribute must be {key: string, value: string}');
  if (v.encrypted !== undefined && typeof v.encrypted !== 'boolean') fail('attribute.encrypted must be a boolean');
  return { key: v.key, value: v.value, encrypted: v.encrypted === undefined ? true : (v.encrypted as boolean) };
}

function event(v: unknown): Event {
  if (!isObject(v) || typeof v.type !== 'string') return fail('event must have a string type');
  return { type: v.type, attributes: array(v.attributes, 'event.attributes').map(attribute) };
}

function envelope(bytes: Uint8Array): { ok: true; value: unknown } | { ok: false; raw: unknown } {
  const j = parseJson(bytes);
  if (!isObject(j)) return fail('expected an object');
  const keys = Object.keys(j);
  if (keys.length !== 1) return fail('expected exactly one of "Ok" / "Err"');
  if (keys[0] === 'Ok') return { ok: true, value: j.Ok };
  if (keys[0] === 'Err') return { ok: false, raw: j.Err };
  return fail(`unknown variant "${keys[0]}"`);
}

function errorV1(raw: unknown): ContractError {
  if (typeof raw !== 'string') return fail('v1 Err must be a string');
  return { message: raw, raw };
}

function errorV010(raw: unknown): ContractError {
  if (!isObject(raw) || Object.keys(raw).length !== 1) return fail('v0.10 Err must be a StdError object');
  const inner = Object.values(raw)[0];
  const msg = isObject(inner) && typeof inner.msg === 'string' ? inner.msg : JSON.stringify(raw);
  return { message: msg, raw };
}

/** v1 instantiate / execute / migrate / reply / sudo result. */
export function parseResponseV1(bytes: Uint8Array): ContractResult<ResponseV1> {
  const e = envelope(bytes);
  if (!e.ok) return { ok: false, error: errorV1(e.raw) };
  const r = e.value;
  if (!isObject(r)) return fail('Ok must be a Response object');
  const messages = array(r.messages, 'messages');
  for (const m of messages) if (!isObject(m)) fail('each message must be an object');
  return {
    ok: true,
    value: { messages, attributes: array(r.attributes, 'attributes').map(attribute), events: array(r.events, 'events').map(event), data: data(r.data) },
  };
}

/** v0.10 init / handle / migrate result. */
export function parseResponseV010(bytes: Uint8Array): ContractResult<ResponseV010> {
  const e = envelope(bytes);
  if (!e.ok) return { ok: false, error: errorV010(e.raw) };
  const r = e.value;
  if (!isObject(r)) return fail('Ok must be a response object');
  const messages = array(r.messages, 'messages');
  for (const m of messages) if (!isObject(m)) fail('each message must be an object');
  return { ok: true, value: { messages, log: array(r.log, 'log').map(attribute), data: data(r.data) } };
}

/** Query result of either version: `{"Ok":"<base64>"}` / `{"Err":…}`. */
export function parseQueryResult(bytes: Uint8Array, apiVersion: 'v0.10' | 'v1'): ContractResult<Uint8Array> {
  const e = envelope(bytes);
  if (!e.ok) return { ok: false, error: apiVersion === 'v1' ? errorV1(e.raw) : errorV010(e.raw) };
  if (typeof e.value !== 'string') return fail('query Ok must be a base64 string');
  return { ok: true, value: decodeBase64Strict(e.value, 'query result') };
}
