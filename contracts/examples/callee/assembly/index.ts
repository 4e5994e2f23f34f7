// callee: stores a value, counts calls, answers queries. Called by `caller` through sub-messages
// and query_chain.
//   instantiate {"value":"…"?}
//   execute     {"set":{"value":"…"}} → data {"value","calls","sender","funds"} | {"fail":{}} → error
//   query       {"get":{}} → {"value","calls"} | {"echo":{"text"}} → {"echo"}
import {
  Env, MessageInfo, JsonValue, JsonWriter, Response, Item, writeCoins,
  runInstantiate, runExecute, runQuery, err, failed, unknownVariant,
} from "../../../sdk/assembly";
export { allocate, deallocate, interface_version_8 } from "../../../sdk/assembly";

function value(): Item<string> {
  return new Item<string>("v");
}
function calls(): Item<u64> {
  return new Item<u64>("n");
}

export function instantiate(env: u32, info: u32, msg: u32): u32 {
  return runInstantiate(env, info, msg, onInstantiate);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const v = msg.optString("value");
  if (failed()) return null;
  value().save(v === null ? "" : v);
  calls().save(0);
  const data = new JsonWriter(96).beginObject().fieldString("address", env.contractAddress).endObject().toBytes();
  return new Response().addAttributePlaintext("callee_instantiated_by", info.sender).setData(data);
}

export function execute(env: u32, info: u32, msg: u32): u32 {
  return runExecute(env, info, msg, onExecute);
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const action = msg.variant();
  if (action === null) return null;
  const body = msg.body();
  if (action == "set") {
    const v = body.reqString("value");
    if (v === null) return null;
    value().save(v);
    const n = calls().load(0) + 1;
    calls().save(n);
    const w = new JsonWriter(256);
    w.beginObject().fieldString("value", v).fieldU64("calls", n).fieldString("sender", info.sender).key("funds");
    writeCoins(w, info.funds);
    w.endObject();
    return new Response().addAttribute("value", v).setData(w.toBytes());
  }
  if (action == "fail") return err("callee failed on purpose");
  unknownVariant(action, "`set`, `fail`");
  return null;
}

export function query(env: u32, msg: u32): u32 {
  return runQuery(env, msg, onQuery);
}

function onQuery(env: Env, msg: JsonValue): Uint8Array | null {
  const q = msg.variant();
  if (q === null) return null;
  const body = msg.body();
  if (q == "get") {
    return new JsonWriter(96).beginObject().fieldString("value", value().load("")).fieldU64("calls", calls().load(0)).endObject().toBytes();
  }
  if (q == "echo") {
    const t = body.reqString("text");
    if (t === null) return null;
    return new JsonWriter(64).beginObject().fieldString("echo", t).endObject().toBytes();
  }
  unknownVariant(q, "`get`, `echo`");
  return null;
}
