// counter: the classic CosmWasm template on the scrt-as SDK.
//   instantiate {"count":N}
//   execute     {"increment":{}} | {"reset":{"count":N}} (owner only)
//   query       {"get_count":{}} → {"count":N}
//   migrate     {"set_count":{"count":N}} (the chain allows it to the contract admin only)
import {
  Env, MessageInfo, JsonValue, JsonWriter, Response, Event, Item,
  runInstantiate, runExecute, runQuery, runMigrate, err, failed, unknownVariant,
} from "../../../sdk/assembly";
export { allocate, deallocate, interface_version_8 } from "../../../sdk/assembly";

// Storage (created inside functions: a top-level `new` would need a forbidden start function).
function count(): Item<u64> {
  return new Item<u64>("count");
}
function owner(): Item<string> {
  return new Item<string>("owner");
}

function countJson(n: u64): Uint8Array {
  return new JsonWriter(32).beginObject().fieldU64("count", n).endObject().toBytes();
}

export function instantiate(env: u32, info: u32, msg: u32): u32 {
  return runInstantiate(env, info, msg, onInstantiate);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const n = msg.reqU64("count");
  if (failed()) return null;
  count().save(n);
  owner().save(info.sender);
  return new Response()
    .addAttribute("method", "instantiate")
    .addAttributePlaintext("owner", info.sender)
    .addAttribute("count", n.toString());
}

export function execute(env: u32, info: u32, msg: u32): u32 {
  return runExecute(env, info, msg, onExecute);
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const action = msg.variant();
  if (action === null) return null;
  const body = msg.body();
  if (action == "increment") {
    const n = count().load(0) + 1;
    count().save(n);
    return new Response()
      .addAttribute("action", "increment")
      .addAttributePlaintext("counter_changed", "true")
      .addEvent(new Event("counter").add("count", n.toString()))
      .setData(countJson(n));
  }
  if (action == "reset") {
    const n = body.reqU64("count");
    if (failed()) return null;
    if (info.sender != owner().load("")) return err("Unauthorized");
    count().save(n);
    return new Response().addAttribute("action", "reset").addAttributePlaintext("counter_changed", "true").setData(countJson(n));
  }
  unknownVariant(action, "`increment`, `reset`");
  return null;
}

export function migrate(env: u32, msg: u32): u32 {
  return runMigrate(env, msg, onMigrate);
}

function onMigrate(env: Env, msg: JsonValue): Response | null {
  const action = msg.variant();
  if (action === null) return null;
  if (action != "set_count") {
    unknownVariant(action, "`set_count`");
    return null;
  }
  const n = msg.body().reqU64("count");
  if (failed()) return null;
  count().save(n);
  return new Response().addAttribute("action", "migrate").addAttribute("count", n.toString()).setData(countJson(n));
}

export function query(env: u32, msg: u32): u32 {
  return runQuery(env, msg, onQuery);
}

function onQuery(env: Env, msg: JsonValue): Uint8Array | null {
  const q = msg.variant();
  if (q === null) return null;
  if (q == "get_count") return countJson(count().load(0));
  unknownVariant(q, "`get_count`");
  return null;
}
