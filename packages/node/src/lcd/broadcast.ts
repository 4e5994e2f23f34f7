// The broadcast request's rules (modes, body shape, tx bytes) and its reply, shared by the fastify
// route and the LCD's front thread, which answers well-formed broadcasts without the main thread.
import { ApiError, GrpcCode } from './errors.js';
import { fromBase64 } from '../util/convert.js';

export const BROADCAST_MODES: Record<string, 'sync' | 'async'> = {
  // BLOCK (1) is deprecated; secretjs never sends it. Treated as SYNC.
  BROADCAST_MODE_BLOCK: 'sync',
  '1': 'sync',
  BROADCAST_MODE_SYNC: 'sync',
  '2': 'sync',
  BROADCAST_MODE_ASYNC: 'async',
  '3': 'async',
};

export function jsonObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ApiError(GrpcCode.InvalidArgument, 'request body must be a JSON object');
  return body as Record<string, unknown>;
}

/** `tx_bytes` or `txBytes` (jsonpb accepts both names), base64. */
export function txBytesField(body: Record<string, unknown>, emptyMessage: string): Uint8Array {
  const raw = body['tx_bytes'] ?? body['txBytes'];
  if (raw === undefined || raw === null || raw === '') throw new ApiError(GrpcCode.InvalidArgument, emptyMessage);
  const bytes = typeof raw === 'string' ? fromBase64(raw) : undefined;
  if (!bytes) throw new ApiError(GrpcCode.InvalidArgument, 'tx_bytes: illegal base64 data');
  if (bytes.length === 0) throw new ApiError(GrpcCode.InvalidArgument, emptyMessage);
  return bytes;
}

export function emptyTxResponse(txhash: string, code: number, codespace: string, rawLog: string): Record<string, unknown> {
  // NewResponseFormatBroadcastTx: only hash, code, codespace, log (and data) are set.
  return {
    height: '0',
    txhash,
    codespace,
    code,
    data: '',
    raw_log: rawLog,
    logs: [],
    info: '',
    gas_wanted: '0',
    gas_used: '0',
    tx: null,
    timestamp: '',
    events: [],
  };
}

/**
 * A well-formed broadcast body, or undefined for anything else (the fastify route then produces the
 * error reply). Same rules as the route: JSON object, a known mode, non-empty base64 tx bytes.
 */
export function parseBroadcast(text: string): { tx: Uint8Array; mode: 'sync' | 'async' } | undefined {
  try {
    const body = jsonObject(text.trim() === '' ? undefined : JSON.parse(text));
    const modeRaw = body['mode'];
    const mode = modeRaw === undefined || modeRaw === null ? undefined : BROADCAST_MODES[String(modeRaw)];
    if (!mode) return undefined;
    return { tx: txBytesField(body, 'invalid empty tx'), mode };
  } catch {
    return undefined;
  }
}
