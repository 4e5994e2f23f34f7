// The `env` and `info` inputs (secret-protocol §7.6) and coins.
import { JsonValue, JsonWriter, parseJson, setParseTarget, jsonOk } from "./json";
import { U128 } from "./u128";
import { failParse } from "./errors";

export class Coin {
  constructor(public denom: string, public amount: U128) {}

  static of(denom: string, amount: u64): Coin {
    return new Coin(denom, U128.from(amount));
  }

  write(w: JsonWriter): void {
    w.beginObject().fieldString("denom", this.denom).fieldU128("amount", this.amount).endObject();
  }
}

/** `[{"denom":…,"amount":"…"}]` */
export function writeCoins(w: JsonWriter, coins: Array<Coin>): void {
  w.beginArray();
  for (let i = 0; i < coins.length; i++) unchecked(coins[i]).write(w);
  w.endArray();
}

/** Parses a coin array; null (error recorded) if malformed. */
export function parseCoins(v: JsonValue): Array<Coin> | null {
  const out = new Array<Coin>();
  if (v.isNull) return out;
  if (!v.isArray) { failParse("Vec<Coin>", "expected an array of coins"); return null; }
  for (let i = 0; i < v.length; i++) {
    const c = v.at(i);
    const denom = c.reqString("denom");
    const amount = c.reqU128("amount");
    if (denom === null || amount === null) return null;
    out.push(new Coin(denom, amount));
  }
  return out;
}

/** Total amount of `denom` in `coins`. */
export function amountOf(coins: Array<Coin>, denom: string): U128 {
  let total = U128.zero();
  for (let i = 0; i < coins.length; i++) {
    const c = unchecked(coins[i]);
    if (c.denom == denom) total = total.saturatingAdd(c.amount);
  }
  return total;
}

/** The block / contract / transaction environment. Parsed on first access (most calls need little of it). */
export class Env {
  private json: JsonValue | null = null;
  private parsedOk: bool = false;

  constructor(public readonly raw: Uint8Array) {}

  /** The parsed env object (an empty object if the host sent something unparsable). */
  get value(): JsonValue {
    let j = this.json;
    if (j === null) {
      setParseTarget("Env");
      j = parseJson(this.raw);
      if (j === null) {
        j = new JsonValue(this.raw);
      }
      this.json = j;
    }
    return j;
  }

  private block(): JsonValue {
    const b = this.value.get("block");
    return b === null ? new JsonValue(this.raw) : b;
  }

  get blockHeight(): u64 {
    const h = this.block().get("height");
    return h === null ? 0 : h.toU64();
  }

  /** Block time in nanoseconds since the epoch. */
  get blockTime(): u64 {
    const t = this.block().get("time");
    return t === null ? 0 : t.toU64();
  }

  /** Block time in whole seconds. */
  get blockTimeSeconds(): u64 {
    return this.blockTime / 1_000_000_000;
  }

  get chainId(): string {
    const c = this.block().get("chain_id");
    return c === null ? "" : c.str();
  }

  /** env.block.random (32 bytes) when the contract exports `requires_random`, else null. */
  get random(): Uint8Array | null {
    const r = this.block().get("random");
    if (r === null || r.isNull) return null;
    return r.toBinary();
  }

  get contractAddress(): string {
    const c = this.value.get("contract");
    if (c === null) return "";
    const a = c.get("address");
    return a === null ? "" : a.str();
  }

  get contractCodeHash(): string {
    const c = this.value.get("contract");
    if (c === null) return "";
    const a = c.get("code_hash");
    return a === null ? "" : a.str();
  }

  /** Index of the tx in the block, or -1 (queries, simulation). */
  get transactionIndex(): i64 {
    const t = this.value.get("transaction");
    if (t === null || t.isNull) return -1;
    const i = t.get("index");
    if (i === null) return -1;
    const v = i.toU64();
    return jsonOk ? <i64>v : -1;
  }

  get transactionHash(): string {
    const t = this.value.get("transaction");
    if (t === null || t.isNull) return "";
    const h = t.get("hash");
    return h === null ? "" : h.str();
  }
}

/** Who called and what they sent. */
export class MessageInfo {
  constructor(public sender: string, public funds: Array<Coin>) {}

  static parse(raw: Uint8Array): MessageInfo | null {
    setParseTarget("MessageInfo");
    const j = parseJson(raw);
    if (j === null) return null;
    const sender = j.reqString("sender");
    const fundsJson = j.optArray("funds");
    if (sender === null || fundsJson === null) return null;
    const funds = parseCoins(fundsJson);
    if (funds === null) return null;
    return new MessageInfo(sender, funds);
  }
}
