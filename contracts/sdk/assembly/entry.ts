// Entry-point plumbing: reads the Regions the host passed, parses env / info / msg, runs the
// contract's handler and writes the result JSON (secret-protocol §7.2, §7.7) into a new Region.
import { readRegion, newRegion } from "./region";
import { Env, MessageInfo } from "./env";
import { JsonValue, JsonWriter, parseJson, setParseTarget, parseTarget as parseTargetName } from "./json";
import { Response } from "./response";
import { failed, errorText, failParse, fail } from "./errors";
import { debug } from "./imports";
import { regionOf } from "./region";
import { utf8 } from "./bytes";

export type InstantiateHandler = (env: Env, info: MessageInfo, msg: JsonValue) => Response | null;
export type ExecuteHandler = (env: Env, info: MessageInfo, msg: JsonValue) => Response | null;
/** Returns the answer as JSON bytes (the SDK base64-encodes it into `{"Ok":"…"}`). */
export type QueryHandler = (env: Env, msg: JsonValue) => Uint8Array | null;
export type MigrateHandler = (env: Env, msg: JsonValue) => Response | null;
export type ReplyHandler = (env: Env, reply: Reply) => Response | null;

/** The input of `reply`: `{"id":N,"result":{"ok":{"events":[…],"data":…}}}` or `{"id":N,"result":{"error":"…"}}`. */
export class Reply {
  id: u64 = 0;
  isOk: bool = false;
  error: string = "";
  data: Uint8Array | null = null;
  /** The `events` array of a successful result (empty array JSON otherwise). */
  events: JsonValue | null = null;

  /** Value of attribute `key` in the first event of type `type` (e.g. "instantiate" / "contract_address"). */
  eventAttribute(type: string, key: string): string | null {
    const evs = this.events;
    if (evs === null || !evs.isArray) return null;
    for (let i = 0; i < evs.length; i++) {
      const e = evs.at(i);
      const t = e.get("type");
      if (t === null || !t.equals(type)) continue;
      const attrs = e.get("attributes");
      if (attrs === null || !attrs.isArray) continue;
      for (let j = 0; j < attrs.length; j++) {
        const a = attrs.at(j);
        const k = a.get("key");
        if (k !== null && k.equals(key)) {
          const v = a.get("value");
          return v === null ? "" : v.str();
        }
      }
    }
    return null;
  }
}

function parseReply(j: JsonValue): Reply | null {
  const r = new Reply();
  r.id = j.reqU64("id");
  const result = j.reqObject("result");
  if (result === null || failed()) return null;
  const ok = result.get("ok");
  if (ok !== null) {
    r.isOk = true;
    r.events = ok.optArray("events");
    r.data = ok.optBinary("data");
  } else {
    const e = result.reqString("error");
    if (e === null) return null;
    r.error = e;
  }
  return failed() ? null : r;
}

function toRegion(w: JsonWriter): u32 {
  return <u32>newRegion(changetype<usize>(w.buf), <u32>w.len, <u32>w.len);
}

function errResult(): u32 {
  const w = new JsonWriter(64);
  w.beginObject().fieldString("Err", failed() ? errorText() : "Generic error: the contract returned no result").endObject();
  return toRegion(w);
}

function okResponse(res: Response | null): u32 {
  if (res === null || failed()) return errResult();
  const w = new JsonWriter(512);
  w.beginObject().key("Ok");
  res.write(w);
  w.endObject();
  return toRegion(w);
}

function parseMsg(ptr: u32, target: string): JsonValue | null {
  setParseTarget(target);
  return parseJson(readRegion(ptr));
}

export function runInstantiate(envPtr: u32, infoPtr: u32, msgPtr: u32, handler: InstantiateHandler): u32 {
  const env = new Env(readRegion(envPtr));
  const info = MessageInfo.parse(readRegion(infoPtr));
  if (info === null) return errResult();
  const msg = parseMsg(msgPtr, "InstantiateMsg");
  if (msg === null) return errResult();
  return okResponse(handler(env, info, msg));
}

export function runExecute(envPtr: u32, infoPtr: u32, msgPtr: u32, handler: ExecuteHandler): u32 {
  const env = new Env(readRegion(envPtr));
  const info = MessageInfo.parse(readRegion(infoPtr));
  if (info === null) return errResult();
  const msg = parseMsg(msgPtr, "ExecuteMsg");
  if (msg === null) return errResult();
  return okResponse(handler(env, info, msg));
}

export function runMigrate(envPtr: u32, msgPtr: u32, handler: MigrateHandler): u32 {
  const env = new Env(readRegion(envPtr));
  const msg = parseMsg(msgPtr, "MigrateMsg");
  if (msg === null) return errResult();
  return okResponse(handler(env, msg));
}

export function runReply(envPtr: u32, msgPtr: u32, handler: ReplyHandler): u32 {
  const env = new Env(readRegion(envPtr));
  const msg = parseMsg(msgPtr, "Reply");
  if (msg === null) return errResult();
  const reply = parseReply(msg);
  if (reply === null) return errResult();
  return okResponse(handler(env, reply));
}

export function runQuery(envPtr: u32, msgPtr: u32, handler: QueryHandler): u32 {
  const env = new Env(readRegion(envPtr));
  const msg = parseMsg(msgPtr, "QueryMsg");
  if (msg === null) return errResult();
  const answer = handler(env, msg);
  if (answer === null || failed()) return errResult();
  const w = new JsonWriter(answer.length * 2 + 16);
  w.beginObject().fieldBase64("Ok", answer).endObject();
  return toRegion(w);
}

/** Sends text to the host's `debug` import (dropped on production nodes). */
export function debugPrint(text: string): void {
  debug(<u32>regionOf(utf8(text)));
}

/** Export as `interface_version_8`: marks the module as a CosmWasm v1 contract. */
export function interface_version_8(): void {}

/** Export as `requires_random` to receive env.block.random. */
export function requires_random(): void {}

/** Records an error for an unknown message variant (serde's wording). */
export function unknownVariant(name: string, expected: string): void {
  failParse(parseTargetName(), "unknown variant `" + name + "`, expected one of " + expected);
}

/** `fail(msg)` typed for instantiate / execute / migrate / reply handlers: `return err("…")`. */
export function err(msg: string): Response | null {
  fail(msg);
  return null;
}

/** `fail(msg)` typed for query handlers: `return queryErr("…")`. */
export function queryErr(msg: string): Uint8Array | null {
  fail(msg);
  return null;
}
