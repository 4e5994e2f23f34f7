// caller: contract-to-contract calls on the scrt-as SDK.
//   execute {"call":{"contract","code_hash","msg":{…}}}   wasm execute sub-message (id 1, reply always),
//                                                         forwarding the funds sent with the call
//           {"spawn":{"code_id","code_hash","msg":{…},"label"}}  wasm instantiate (id 2, reply on success)
//           {"query_callee":{"contract","code_hash","msg":{…}}}  query_chain; stores and returns the answer
//           {"send_bank":{"to","amount":[coins]}}         bank send from the contract's account
//   reply   id 1: stores the outcome, returns the callee's data as its own; id 2: stores the new address
//   query   {"last_reply":{}} | {"last_query":{}} | {"callee":{}}
//           | {"proxy":{"contract","code_hash","msg":{…}}} | {"balance":{"address","denom"}}
import {
  Env, MessageInfo, JsonValue, JsonWriter, Response, Reply, SubMsg, CosmosMsg, ReplyOn, Item,
  runInstantiate, runExecute, runQuery, runReply, err, failed, unknownVariant, parseCoins,
  querySmart, queryBalance, storageGet, storageSet, utf8, fromUtf8, readVarint, varintValue,
} from "../../../sdk/assembly";
export { allocate, deallocate, interface_version_8 } from "../../../sdk/assembly";

const CALL_ID: u64 = 1;
const SPAWN_ID: u64 = 2;

function lastReply(): Item<string> {
  return new Item<string>("r");
}
function lastQuery(): Item<string> {
  return new Item<string>("q");
}
function callee(): Item<string> {
  return new Item<string>("c");
}

export function instantiate(env: u32, info: u32, msg: u32): u32 {
  return runInstantiate(env, info, msg, onInstantiate);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const c = msg.optString("callee");
  if (failed()) return null;
  if (c !== null) callee().save(c);
  return new Response().addAttribute("action", "instantiate");
}

export function execute(env: u32, info: u32, msg: u32): u32 {
  return runExecute(env, info, msg, onExecute);
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const action = msg.variant();
  if (action === null) return null;
  const body = msg.body();
  if (action == "call") {
    const contract = body.reqString("contract");
    const codeHash = body.reqString("code_hash");
    const inner = body.reqObject("msg");
    if (contract === null || codeHash === null || inner === null) return null;
    const sub = new SubMsg(CosmosMsg.wasmExecute(contract, codeHash, inner.raw(), info.funds), CALL_ID, ReplyOn.Always);
    return new Response().addAttribute("action", "call").addSubMessage(sub);
  }
  if (action == "spawn") {
    const codeId = body.reqU64("code_id");
    const codeHash = body.reqString("code_hash");
    const inner = body.reqObject("msg");
    const label = body.reqString("label");
    if (failed() || codeHash === null || inner === null || label === null) return null;
    const m = CosmosMsg.wasmInstantiate(env.contractAddress, codeId, codeHash, inner.raw(), info.funds, label);
    return new Response().addAttribute("action", "spawn").addSubMessage(new SubMsg(m, SPAWN_ID, ReplyOn.Success));
  }
  if (action == "query_callee") {
    const contract = body.reqString("contract");
    const codeHash = body.reqString("code_hash");
    const inner = body.reqObject("msg");
    if (contract === null || codeHash === null || inner === null) return null;
    const answer = querySmart(contract, codeHash, inner.raw());
    if (answer === null) return null;
    lastQuery().save(fromUtf8(answer));
    return new Response().addAttribute("action", "query_callee").setData(answer);
  }
  if (action == "send_bank") {
    const to = body.reqString("to");
    const amount = body.reqArray("amount");
    if (to === null || amount === null) return null;
    const coins = parseCoins(amount);
    if (coins === null) return null;
    return new Response().addAttributePlaintext("action", "send_bank").addMessage(CosmosMsg.bankSend(to, coins));
  }
  unknownVariant(action, "`call`, `spawn`, `query_callee`, `send_bank`");
  return null;
}

export function reply(env: u32, msg: u32): u32 {
  return runReply(env, msg, onReply);
}

/** The address in a MsgInstantiateContractResponse (protobuf field 1, a string). */
function addressFromInstantiateData(data: Uint8Array): string | null {
  if (data.length < 2 || data[0] != 0x0a) return null;
  const pos = readVarint(data, 1);
  if (pos < 0 || <u64>pos + varintValue > <u64>data.length) return null;
  return fromUtf8(data.subarray(pos, pos + <i32>varintValue));
}

function onReply(env: Env, r: Reply): Response | null {
  if (r.id == CALL_ID) {
    const w = new JsonWriter(256);
    w.beginObject().fieldU64("id", r.id).fieldBool("ok", r.isOk);
    const data = r.data;
    if (r.isOk) {
      w.key("data");
      if (data === null) w.nullValue();
      else w.base64(data);
    } else w.fieldString("error", r.error);
    w.endObject();
    lastReply().save(w.toString());
    const res = new Response().addAttribute("reply_id", r.id.toString());
    if (!r.isOk) return res.addAttribute("callee_error", r.error);
    if (data !== null) res.setData(data);
    return res;
  }
  if (r.id == SPAWN_ID) {
    let address = r.eventAttribute("instantiate", "contract_address");
    const data = r.data;
    if (address === null && data !== null) address = addressFromInstantiateData(data);
    if (address === null) return err("reply: no contract address in the instantiate result");
    callee().save(address);
    return new Response().addAttributePlaintext("spawned", address).setData(utf8(address));
  }
  return err("unknown reply id " + r.id.toString());
}

export function query(env: u32, msg: u32): u32 {
  return runQuery(env, msg, onQuery);
}

function onQuery(env: Env, msg: JsonValue): Uint8Array | null {
  const q = msg.variant();
  if (q === null) return null;
  const body = msg.body();
  if (q == "last_reply") {
    const s = storageGet(utf8("r"));
    return s === null ? utf8("null") : s;
  }
  if (q == "last_query") {
    const s = storageGet(utf8("q"));
    return s === null ? utf8("null") : s;
  }
  if (q == "callee") {
    const w = new JsonWriter(96).beginObject();
    const c = storageGet(utf8("c"));
    if (c === null) w.fieldNull("address");
    else w.fieldStringBytes("address", c);
    return w.endObject().toBytes();
  }
  if (q == "proxy") {
    const contract = body.reqString("contract");
    const codeHash = body.reqString("code_hash");
    const inner = body.reqObject("msg");
    if (contract === null || codeHash === null || inner === null) return null;
    return querySmart(contract, codeHash, inner.raw());
  }
  if (q == "balance") {
    const address = body.reqString("address");
    const denom = body.reqString("denom");
    if (address === null || denom === null) return null;
    const coin = queryBalance(address, denom);
    if (coin === null) return null;
    const w = new JsonWriter(96).beginObject().key("amount");
    coin.write(w);
    return w.endObject().toBytes();
  }
  unknownVariant(q, "`last_reply`, `last_query`, `callee`, `proxy`, `balance`");
  return null;
}
