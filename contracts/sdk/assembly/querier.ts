// Queries to the chain through `query_chain` (secret-protocol §9.4). The host answers with
// `{"Ok":{"Ok":"<b64>"}}`, `{"Ok":{"Err":…}}` or `{"Err":{…system error…}}`.
import { query_chain } from "./imports";
import { regionOf, readRegion } from "./region";
import { JsonWriter, JsonValue, tryParseJson } from "./json";
import { fromUtf8 } from "./bytes";
import { Coin } from "./env";
import { U128 } from "./u128";
import { fail } from "./errors";

/** Sends a QueryRequest (JSON bytes); returns the answer bytes, or null (error recorded). */
export function queryRaw(request: Uint8Array): Uint8Array | null {
  const answer = readRegion(query_chain(<u32>regionOf(request)));
  const j = tryParseJson(answer);
  if (j === null || !j.isObject) { fail("Querier system error: invalid answer " + fromUtf8(answer)); return null; }
  const sysErr = j.get("Err");
  if (sysErr !== null) { fail("Querier system error: " + describe(sysErr)); return null; }
  const ok = j.get("Ok");
  if (ok === null || !ok.isObject) { fail("Querier system error: invalid answer " + fromUtf8(answer)); return null; }
  const contractErr = ok.get("Err");
  if (contractErr !== null) { fail("Querier contract error: " + describe(contractErr)); return null; }
  const inner = ok.get("Ok");
  if (inner === null) { fail("Querier system error: invalid answer " + fromUtf8(answer)); return null; }
  const bytes = inner.toBinary();
  if (bytes === null) { fail("Querier system error: answer is not base64"); return null; }
  return bytes;
}

function describe(v: JsonValue): string {
  if (v.isString) return v.str();
  // StdError objects: {"generic_err":{"msg":"…"}} → the msg; anything else as JSON.
  if (v.isObject && v.length == 1) {
    const inner = v.at(0);
    const msg = inner.get("msg");
    if (msg !== null && msg.isString) return msg.str();
  }
  return fromUtf8(v.raw());
}

/** `{"wasm":{"smart":{"contract_addr","code_hash","msg":"<b64>"}}}`; returns the answer JSON bytes. */
export function querySmart(contract: string, codeHash: string, msg: Uint8Array): Uint8Array | null {
  const w = new JsonWriter(192 + msg.length * 2);
  w.beginObject().key("wasm").beginObject().key("smart").beginObject();
  w.fieldString("contract_addr", contract).fieldString("code_hash", codeHash).fieldBase64("msg", msg);
  w.endObject().endObject().endObject();
  return queryRaw(w.toBytes());
}

/** Like querySmart, parsing the answer. */
export function querySmartJson(contract: string, codeHash: string, msg: Uint8Array): JsonValue | null {
  const b = querySmart(contract, codeHash, msg);
  if (b === null) return null;
  const j = tryParseJson(b);
  if (j === null) { fail("Querier contract error: answer is not JSON"); return null; }
  return j;
}

/** `{"bank":{"balance":{"address","denom"}}}` → the coin (`{"amount":{"denom","amount"}}`). */
export function queryBalance(address: string, denom: string): Coin | null {
  const w = new JsonWriter(128);
  w.beginObject().key("bank").beginObject().key("balance").beginObject();
  w.fieldString("address", address).fieldString("denom", denom);
  w.endObject().endObject().endObject();
  const b = queryRaw(w.toBytes());
  if (b === null) return null;
  const j = tryParseJson(b);
  if (j === null) { fail("Querier system error: balance answer is not JSON"); return null; }
  const amount = j.get("amount");
  if (amount === null) { fail("Querier system error: balance answer has no amount"); return null; }
  const d = amount.get("denom");
  const a = amount.get("amount");
  const value: U128 | null = a === null ? null : a.toU128();
  if (d === null || value === null) { fail("Querier system error: malformed balance answer"); return null; }
  return new Coin(d.str(), value);
}

export { U128 };
