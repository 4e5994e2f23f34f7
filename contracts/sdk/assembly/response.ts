// The Response of instantiate / execute / migrate / reply (secret-protocol §7.7) and the messages
// it can carry (SubMsg with CosmosMsg: bank send, wasm execute / instantiate, or raw JSON).
import { JsonWriter } from "./json";
import { Coin, writeCoins } from "./env";
import { utf8 } from "./bytes";

export enum ReplyOn {
  Never = 0,
  Success = 1,
  Error = 2,
  Always = 3,
}

function replyOnName(r: ReplyOn): string {
  if (r == ReplyOn.Always) return "always";
  if (r == ReplyOn.Error) return "error";
  if (r == ReplyOn.Success) return "success";
  return "never";
}

/** A CosmosMsg, held as its JSON. */
export class CosmosMsg {
  constructor(public json: Uint8Array) {}

  /** Any CosmosMsg given as JSON text (staking, distribution, stargate, …). */
  static raw(json: string): CosmosMsg {
    return new CosmosMsg(utf8(json));
  }

  /** `{"bank":{"send":{"to_address","amount":[coins]}}}` — funds leave the contract's account. */
  static bankSend(to: string, amount: Array<Coin>): CosmosMsg {
    const w = new JsonWriter(128);
    w.beginObject().key("bank").beginObject().key("send").beginObject();
    w.fieldString("to_address", to).key("amount");
    writeCoins(w, amount);
    w.endObject().endObject().endObject();
    return new CosmosMsg(w.toBytes());
  }

  /**
   * `{"wasm":{"execute":{"contract_addr","code_hash","msg":"<b64>","send":[coins]}}}`.
   * `msg` is the callee's ExecuteMsg as JSON bytes (it is base64-encoded here).
   */
  static wasmExecute(contract: string, codeHash: string, msg: Uint8Array, funds: Array<Coin>): CosmosMsg {
    const w = new JsonWriter(192 + msg.length * 2);
    w.beginObject().key("wasm").beginObject().key("execute").beginObject();
    w.fieldString("contract_addr", contract).fieldString("code_hash", codeHash).fieldBase64("msg", msg).key("send");
    writeCoins(w, funds);
    w.endObject().endObject().endObject();
    return new CosmosMsg(w.toBytes());
  }

  /** `{"wasm":{"instantiate":{"admin","code_id","code_hash","msg":"<b64>","send","label"}}}`. */
  static wasmInstantiate(admin: string | null, codeId: u64, codeHash: string, msg: Uint8Array, funds: Array<Coin>, label: string): CosmosMsg {
    const w = new JsonWriter(192 + msg.length * 2);
    w.beginObject().key("wasm").beginObject().key("instantiate").beginObject();
    w.fieldOptString("admin", admin).fieldU64("code_id", codeId).fieldString("code_hash", codeHash).fieldBase64("msg", msg).key("send");
    writeCoins(w, funds);
    w.fieldString("label", label);
    w.endObject().endObject().endObject();
    return new CosmosMsg(w.toBytes());
  }
}

/** A message plus what to do with its result. `gasLimit` < 0 means none. */
export class SubMsg {
  constructor(public msg: CosmosMsg, public id: u64 = 0, public replyOn: ReplyOn = ReplyOn.Never, public gasLimit: i64 = -1) {}

  write(w: JsonWriter): void {
    w.beginObject().fieldU64("id", this.id).fieldRaw("msg", this.msg.json).key("gas_limit");
    if (this.gasLimit < 0) w.nullValue();
    else w.u64(<u64>this.gasLimit);
    w.fieldString("reply_on", replyOnName(this.replyOn)).endObject();
  }
}

export class Attribute {
  constructor(public key: string, public value: string, public encrypted: bool = true) {}

  write(w: JsonWriter): void {
    w.beginObject().fieldString("key", this.key).fieldString("value", this.value).fieldBool("encrypted", this.encrypted).endObject();
  }
}

function writeAttributes(w: JsonWriter, attrs: Array<Attribute>): void {
  w.beginArray();
  for (let i = 0; i < attrs.length; i++) unchecked(attrs[i]).write(w);
  w.endArray();
}

/** A custom event; the node emits it as `wasm-<type>`. */
export class Event {
  attributes: Array<Attribute> = [];
  constructor(public type: string) {}

  add(key: string, value: string): Event {
    this.attributes.push(new Attribute(key, value, true));
    return this;
  }

  addPlaintext(key: string, value: string): Event {
    this.attributes.push(new Attribute(key, value, false));
    return this;
  }

  write(w: JsonWriter): void {
    w.beginObject().fieldString("type", this.type).key("attributes");
    writeAttributes(w, this.attributes);
    w.endObject();
  }
}

export class Response {
  messages: Array<SubMsg> = [];
  attributes: Array<Attribute> = [];
  events: Array<Event> = [];
  data: Uint8Array | null = null;

  /** An attribute encrypted for the tx sender (the default on Secret). */
  addAttribute(key: string, value: string): Response {
    this.attributes.push(new Attribute(key, value, true));
    return this;
  }

  /** An attribute left in plaintext (visible to everyone, indexable). */
  addAttributePlaintext(key: string, value: string): Response {
    this.attributes.push(new Attribute(key, value, false));
    return this;
  }

  addEvent(e: Event): Response {
    this.events.push(e);
    return this;
  }

  /** A fire-and-forget message (id 0, reply never). */
  addMessage(msg: CosmosMsg): Response {
    this.messages.push(new SubMsg(msg));
    return this;
  }

  addSubMessage(sub: SubMsg): Response {
    this.messages.push(sub);
    return this;
  }

  setData(data: Uint8Array): Response {
    this.data = data;
    return this;
  }

  /** The Ok payload: `{"messages":[…],"attributes":[…],"events":[…],"data":…}`. */
  write(w: JsonWriter): void {
    w.beginObject().key("messages").beginArray();
    for (let i = 0; i < this.messages.length; i++) unchecked(this.messages[i]).write(w);
    w.endArray().key("attributes");
    writeAttributes(w, this.attributes);
    w.key("events").beginArray();
    for (let i = 0; i < this.events.length; i++) unchecked(this.events[i]).write(w);
    w.endArray().key("data");
    const d = this.data;
    if (d === null) w.nullValue();
    else w.base64(d);
    w.endObject();
  }
}
