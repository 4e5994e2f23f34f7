// sdktest: exposes SDK building blocks as queries / executes so the TypeScript tests can check
// them against reference implementations (hashes, base64, u128, JSON round trips, storage codecs).
import {
  Env, MessageInfo, JsonValue, JsonWriter, Response, U128, Item, KeyMap,
  runInstantiate, runExecute, runQuery, queryErr, failed, unknownVariant,
  sha256, ripemd160, toHex, base64Encode, base64DecodeBytes, utf8, jsonOkFlag,
} from "../../../sdk/assembly";
export { allocate, deallocate, interface_version_8 } from "../../../sdk/assembly";

export function instantiate(env: u32, info: u32, msg: u32): u32 {
  return runInstantiate(env, info, msg, onInstantiate);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  return new Response();
}

export function execute(env: u32, info: u32, msg: u32): u32 {
  return runExecute(env, info, msg, onExecute);
}

// {"store":{"flag":bool,"n":u64,"s":string,"big":"u128","key":"k"}} writes typed Items / a KeyMap.
function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const action = msg.variant();
  if (action === null) return null;
  const body = msg.body();
  if (action == "store") {
    const flag = body.optBool("flag", false);
    const n = body.reqU64("n");
    const s = body.reqString("s");
    const big = body.reqU128("big");
    const key = body.reqString("key");
    if (failed() || s === null || big === null || key === null) return null;
    new Item<bool>("f").save(flag);
    new Item<u64>("n").save(n);
    new Item<string>("s").save(s);
    new Item<U128>("b").save(big);
    new KeyMap<string>("m").saveS(key, s);
    new Item<i32>("neg").save(-5);
    return new Response();
  }
  unknownVariant(action, "`store`");
  return null;
}

export function query(env: u32, msg: u32): u32 {
  return runQuery(env, msg, onQuery);
}

function onQuery(env: Env, msg: JsonValue): Uint8Array | null {
  const q = msg.variant();
  if (q === null) return null;
  const body = msg.body();
  if (q == "hash") {
    const data = body.reqBinary("data");
    if (data === null) return null;
    return new JsonWriter(160).beginObject().fieldString("sha256", toHex(sha256(data))).fieldString("ripemd160", toHex(ripemd160(data))).endObject().toBytes();
  }
  if (q == "base64") {
    // {"text":"…"}: decodes strictly; re-encodes.
    const t = body.reqString("text");
    if (t === null) return null;
    const decoded = base64DecodeBytes(utf8(t));
    const w = new JsonWriter(128).beginObject();
    if (decoded === null) w.fieldNull("hex").fieldNull("again");
    else w.fieldString("hex", toHex(decoded)).fieldString("again", base64Encode(decoded));
    return w.endObject().toBytes();
  }
  if (q == "u128") {
    const a = body.reqU128("a");
    const b = body.reqU128("b");
    if (a === null || b === null) return null;
    const w = new JsonWriter(256).beginObject();
    const sum = a.checkedAdd(b);
    const diff = a.checkedSub(b);
    w.key("sum");
    if (sum === null) w.nullValue();
    else w.u128(sum);
    w.key("diff");
    if (diff === null) w.nullValue();
    else w.u128(diff);
    w.key("cmp").i64(a.cmp(b));
    w.fieldString("a_be", toHex(a.toMinimalBE()));
    w.fieldU128("a_from_be", U128.fromBE(a.toMinimalBE()));
    return w.endObject().toBytes();
  }
  if (q == "echo") {
    // Re-serialises any JSON value; also reports typed reads of it.
    const v = body.req("value");
    if (v === null) return null;
    const w = new JsonWriter(256).beginObject().key("value").value(v);
    w.fieldString("as_string", v.str()).fieldU64("kind", <u64>v.kind);
    const n = v.toU64();
    w.key("as_u64");
    if (jsonOkFlag()) w.u64String(n);
    else w.nullValue();
    return w.endObject().toBytes();
  }
  if (q == "u64") {
    const n = body.reqU64("n");
    if (failed()) return null;
    return new JsonWriter(64).beginObject().fieldU64("n", n).fieldU64String("s", n).endObject().toBytes();
  }
  if (q == "load") {
    const key = body.reqString("key");
    if (key === null) return null;
    const w = new JsonWriter(256).beginObject();
    w.fieldBool("flag", new Item<bool>("f").load(false));
    w.fieldU64("n", new Item<u64>("n").load(0));
    w.fieldString("s", new Item<string>("s").load("<none>"));
    w.fieldU128("big", new Item<U128>("b").load(U128.zero()));
    w.fieldString("mapped", new KeyMap<string>("m").loadS(key, "<none>"));
    w.key("neg").i64(new Item<i32>("neg").load(0));
    w.fieldBool("exists", new Item<u64>("n").exists());
    return w.endObject().toBytes();
  }
  if (q == "fail") return queryErr("failing on request");
  unknownVariant(q, "`hash`, `base64`, `u128`, `echo`, `u64`, `load`, `fail`");
  return null;
}
