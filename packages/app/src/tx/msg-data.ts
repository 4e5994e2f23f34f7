// TxMsgData{msg_responses} encoded directly into one buffer: FinalizeBlock builds it for every tx,
// and the generic writer forks and joins a chunk list per field. The bytes are exactly those of
// TxMsgData.encode({ data: [], msgResponses: responses.map(Any.fromPartial) }).finish(); a response
// with a non-ASCII type URL returns undefined so the caller uses the generic writer.
import type { Any } from '../proto.js';
import { varintLength, writeVarint } from '../varint.js';

const EMPTY = new Uint8Array(0);

/** Any.fromPartial's defaults: a missing type URL is "", a missing value is empty. */
export function encodeTxMsgResponses(responses: readonly Partial<Any>[]): Uint8Array | undefined {
  let total = 0;
  for (const r of responses) {
    const url = r.typeUrl ?? '';
    for (let i = 0; i < url.length; i++) if (url.charCodeAt(i) > 0x7f) return undefined;
    const inner = anyLength(url.length, (r.value ?? EMPTY).length);
    total += 1 + varintLength(inner) + inner;
  }
  const buf = new Uint8Array(total);
  let pos = 0;
  for (const r of responses) {
    const url = r.typeUrl ?? '';
    const value = r.value ?? EMPTY;
    buf[pos++] = 0x12; // field 2 (msg_responses), length-delimited; always written, even when empty
    pos = writeVarint(buf, pos, anyLength(url.length, value.length));
    if (url.length > 0) {
      buf[pos++] = 0x0a;
      pos = writeVarint(buf, pos, url.length);
      for (let i = 0; i < url.length; i++) buf[pos++] = url.charCodeAt(i);
    }
    if (value.length > 0) {
      buf[pos++] = 0x12;
      pos = writeVarint(buf, pos, value.length);
      buf.set(value, pos);
      pos += value.length;
    }
  }
  return buf;
}

/** Encoded size of Any{typeUrl, value} (proto3 omits the empty string and empty bytes). */
function anyLength(urlLen: number, valueLen: number): number {
  let n = 0;
  if (urlLen > 0) n += 1 + varintLength(urlLen) + urlLen;
  if (valueLen > 0) n += 1 + varintLength(valueLen) + valueLen;
  return n;
}
