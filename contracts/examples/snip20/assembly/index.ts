// snip20: a SNIP-20-style private token on the scrt-as SDK.
//
// Storage layout (short keys: every stored byte costs gas):
//   "C"                     config JSON {"name","symbol","decimals","admin"}
//   "S"                     total supply (U128, minimal big-endian)
//   "M"                     minters JSON array
//   "P"                     PRNG seed (32 bytes) for generated viewing keys
//   "n"                     last tx id (u64, minimal big-endian)
//   "b" ‖ canon             account: varint(history length) ‖ balance (minimal big-endian)
//   "h" ‖ canon ‖ varint(i) i-th history entry of an account → varint(tx id) ‖ tx, where
//                           tx = kind ‖ len+from ‖ len+receiver ‖ [len+sender] ‖ amount
//                           (each party's entry holds the whole tx: no third key per transfer)
//   "a" ‖ len+owner ‖ spender   allowance (U128)
//   "x" ‖ canon             registered receiver code hash
//   "vk" ‖ canon            viewing-key hash (sdk ViewingKey)
//   "rp" ‖ …                revoked permits (sdk revokePermit)
// A transfer costs 3 reads and 5 writes.
import {
  Env, MessageInfo, JsonValue, JsonWriter, Response, U128, CosmosMsg, ViewingKey, Permit,
  runInstantiate, runExecute, runQuery, err, queryErr, fail, failed, unknownVariant,
  addrCanonicalize, addrHumanize, storageGet, storageSet, utf8, fromUtf8, concat, concat3, newBytes,
  varint, varintLength, writeVarint, readVarint, varintValue, u64ToMinimalBE, beToU64, bytesEqual,
  revokePermit, tryParseJson, sha256, Item, encodeValue,
} from "../../../sdk/assembly";
export { allocate, deallocate, interface_version_8, requires_random } from "../../../sdk/assembly";

const KIND_TRANSFER: u8 = 0;
const KIND_MINT: u8 = 1;
const FLAG_SENDER: u8 = 0x80;

function key1(prefix: string, k: Uint8Array): Uint8Array {
  return concat(utf8(prefix), k);
}

function lenPrefixed(b: Uint8Array): Uint8Array {
  const out = newBytes(b.length + 1);
  out[0] = <u8>b.length;
  out.set(b, 1);
  return out;
}

// ---- accounts

class Account {
  constructor(public historyLength: u64, public balance: U128) {}
}

function loadAccount(canon: Uint8Array): Account {
  const b = storageGet(key1("b", canon));
  if (b === null) return new Account(0, U128.zero());
  const pos = readVarint(b, 0);
  return new Account(varintValue, U128.fromBE(b, pos < 0 ? b.length : pos));
}

function saveAccount(canon: Uint8Array, a: Account): void {
  const bal = a.balance.toMinimalBE();
  const out = newBytes(varintLength(a.historyLength) + bal.length);
  const pos = writeVarint(out, 0, a.historyLength);
  out.set(bal, pos);
  storageSet(key1("b", canon), out);
}

function canon(address: string): Uint8Array | null {
  return addrCanonicalize(address);
}

// ---- config

function symbol(): string {
  const c = storageGet(utf8("C"));
  if (c === null) return "";
  const j = tryParseJson(c);
  if (j === null) return "";
  const s = j.get("symbol");
  return s === null ? "" : s.str();
}

function totalSupply(): Item<U128> {
  return new Item<U128>("S");
}

function isMinter(sender: string): bool {
  const m = storageGet(utf8("M"));
  if (m === null) return false;
  const j = tryParseJson(m);
  if (j === null) return false;
  for (let i = 0; i < j.length; i++) if (j.at(i).equals(sender)) return true;
  return false;
}

function isAdmin(sender: string): bool {
  const c = storageGet(utf8("C"));
  if (c === null) return false;
  const j = tryParseJson(c);
  if (j === null) return false;
  const a = j.get("admin");
  return a !== null && a.equals(sender);
}

// ---- history

function nextTxId(): u64 {
  const k = utf8("n");
  const b = storageGet(k);
  const id = (b === null ? 0 : beToU64(b)) + 1;
  storageSet(k, u64ToMinimalBE(id));
  return id;
}

/** A new tx id and the history entry of the tx (the same bytes for both parties). */
function txEntry(kind: u8, from: Uint8Array, to: Uint8Array, sender: Uint8Array | null, amount: U128): Uint8Array {
  const id = nextTxId();
  const amt = amount.toMinimalBE();
  let head = newBytes(1);
  head[0] = sender === null ? kind : kind | FLAG_SENDER;
  let rec = concat3(varint(id), head, lenPrefixed(from));
  rec = concat(rec, lenPrefixed(to));
  if (sender !== null) rec = concat(rec, lenPrefixed(sender));
  return concat(rec, amt);
}

function appendHistory(account: Uint8Array, index: u64, entry: Uint8Array): void {
  storageSet(concat3(utf8("h"), account, varint(index)), entry);
}

// ---- core balance moves

/** Moves `amount` from `from` to `to`, recording history. Returns false (error recorded) on failure. */
function move(fromCanon: Uint8Array, toCanon: Uint8Array, senderCanon: Uint8Array | null, amount: U128): bool {
  const fromAcc = loadAccount(fromCanon);
  const left = fromAcc.balance.checkedSub(amount);
  if (left === null) {
    fail("insufficient funds: balance=" + fromAcc.balance.toString() + ", required=" + amount.toString());
    return false;
  }
  const entry = txEntry(KIND_TRANSFER, fromCanon, toCanon, senderCanon, amount);
  if (bytesEqual(fromCanon, toCanon)) {
    appendHistory(fromCanon, fromAcc.historyLength, entry);
    fromAcc.historyLength++;
    saveAccount(fromCanon, fromAcc);
    return true;
  }
  appendHistory(fromCanon, fromAcc.historyLength, entry);
  fromAcc.historyLength++;
  fromAcc.balance = left;
  saveAccount(fromCanon, fromAcc);
  const toAcc = loadAccount(toCanon);
  const sum = toAcc.balance.checkedAdd(amount);
  if (sum === null) {
    fail("recipient balance overflow");
    return false;
  }
  appendHistory(toCanon, toAcc.historyLength, entry);
  toAcc.historyLength++;
  toAcc.balance = sum;
  saveAccount(toCanon, toAcc);
  return true;
}

function credit(minterCanon: Uint8Array, toCanon: Uint8Array, amount: U128): bool {
  const supply = totalSupply().load(U128.zero()).checkedAdd(amount);
  if (supply === null) {
    fail("total supply overflow");
    return false;
  }
  totalSupply().save(supply);
  const entry = txEntry(KIND_MINT, minterCanon, toCanon, null, amount);
  const acc = loadAccount(toCanon);
  const sum = acc.balance.checkedAdd(amount);
  if (sum === null) {
    fail("balance overflow");
    return false;
  }
  appendHistory(toCanon, acc.historyLength, entry);
  acc.historyLength++;
  acc.balance = sum;
  saveAccount(toCanon, acc);
  return true;
}

function status(action: string): Uint8Array {
  return new JsonWriter(48).beginObject().key(action).beginObject().fieldString("status", "success").endObject().endObject().toBytes();
}

// ---- instantiate

export function instantiate(env: u32, info: u32, msg: u32): u32 {
  return runInstantiate(env, info, msg, onInstantiate);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const name = msg.reqString("name");
  const sym = msg.reqString("symbol");
  const decimals = msg.reqU64("decimals");
  const admin0 = msg.optString("admin");
  const balances = msg.optArray("initial_balances");
  const minters = msg.optArray("minters");
  const seed = msg.optBinary("prng_seed");
  if (failed() || name === null || sym === null || balances === null || minters === null) return null;
  if (decimals > 18) return err("Decimals must not exceed 18");
  if (sym.length < 3 || sym.length > 20) return err("Ticker symbol must be 3-20 characters long");
  const admin = admin0 === null ? info.sender : admin0;
  const adminCanon = canon(admin);
  if (adminCanon === null) return null;

  const w = new JsonWriter(128);
  w.beginObject().fieldString("name", name).fieldString("symbol", sym).fieldU64("decimals", decimals).fieldString("admin", admin).endObject();
  storageSet(utf8("C"), w.toBytes());

  const mw = new JsonWriter(128).beginArray();
  if (msg.get("minters") === null) mw.string(admin);
  for (let i = 0; i < minters.length; i++) {
    const m = minters.at(i);
    if (!m.isString || canon(m.str()) === null) return err("minters must be valid addresses");
    mw.string(m.str());
  }
  mw.endArray();
  storageSet(utf8("M"), mw.toBytes());

  // Seed for generated viewing keys: the given one, else derived from the env and sender.
  let s = seed === null ? utf8(fromUtf8(env.raw) + info.sender) : seed;
  const rnd = env.random;
  if (rnd !== null) s = concat(s, rnd);
  storageSet(utf8("P"), sha256(s));

  totalSupply().save(U128.zero());
  for (let i = 0; i < balances.length; i++) {
    const b = balances.at(i);
    const addr = b.reqString("address");
    const amount = b.reqU128("amount");
    if (addr === null || amount === null) return null;
    const to = canon(addr);
    if (to === null) return null;
    if (!credit(adminCanon, to, amount)) return null;
  }
  return new Response().addAttributePlaintext("token_symbol", sym);
}

// ---- execute

export function execute(env: u32, info: u32, msg: u32): u32 {
  return runExecute(env, info, msg, onExecute);
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Response | null {
  const action = msg.variant();
  if (action === null) return null;
  const body = msg.body();
  if (action == "transfer") return transfer(info, body);
  if (action == "send") return send(env, info, body);
  if (action == "transfer_from") return transferFrom(info, body);
  if (action == "increase_allowance") return changeAllowance(info, body, true);
  if (action == "decrease_allowance") return changeAllowance(info, body, false);
  if (action == "mint") return mint(info, body);
  if (action == "set_viewing_key") return setViewingKey(info, body);
  if (action == "create_viewing_key") return createViewingKey(env, info, body);
  if (action == "register_receive") return registerReceive(info, body);
  if (action == "revoke_permit") return revoke(info, body);
  if (action == "set_minters") return setMinters(info, body);
  unknownVariant(
    action,
    "`transfer`, `send`, `transfer_from`, `increase_allowance`, `decrease_allowance`, `mint`, `set_viewing_key`, `create_viewing_key`, `register_receive`, `revoke_permit`, `set_minters`",
  );
  return null;
}

function transfer(info: MessageInfo, body: JsonValue): Response | null {
  const recipient = body.reqString("recipient");
  const amount = body.reqU128("amount");
  if (recipient === null || amount === null) return null;
  const from = canon(info.sender);
  const to = canon(recipient);
  if (from === null || to === null) return null;
  if (!move(from, to, null, amount)) return null;
  return new Response().setData(status("transfer"));
}

function receiveMsg(sender: string, from: string, amount: U128, memo: string | null, msg: JsonValue | null): Uint8Array {
  const w = new JsonWriter(256);
  w.beginObject().key("receive").beginObject();
  w.fieldString("sender", sender).fieldString("from", from).fieldU128("amount", amount);
  if (memo !== null) w.fieldString("memo", memo);
  if (msg !== null && !msg.isNull) w.fieldRaw("msg", msg.raw());
  w.endObject().endObject();
  return w.toBytes();
}

/** Transfer, then call the recipient's `receive` hook when its code hash is known. */
function doSend(info: MessageInfo, owner: string, ownerCanon: Uint8Array, senderCanon: Uint8Array | null, body: JsonValue, action: string): Response | null {
  const recipient = body.reqString("recipient");
  const amount = body.reqU128("amount");
  const codeHash0 = body.optString("recipient_code_hash");
  const memo = body.optString("memo");
  if (failed() || recipient === null || amount === null) return null;
  const to = canon(recipient);
  if (to === null) return null;
  if (!move(ownerCanon, to, senderCanon, amount)) return null;
  const res = new Response().setData(status(action));
  let codeHash = codeHash0;
  if (codeHash === null) {
    const registered = storageGet(key1("x", to));
    if (registered !== null) codeHash = fromUtf8(registered);
  }
  if (codeHash !== null) {
    const hook = receiveMsg(info.sender, owner, amount, memo, body.get("msg"));
    res.addMessage(CosmosMsg.wasmExecute(recipient, codeHash, hook, []));
  }
  return res;
}

function send(env: Env, info: MessageInfo, body: JsonValue): Response | null {
  const from = canon(info.sender);
  if (from === null) return null;
  return doSend(info, info.sender, from, null, body, "send");
}

function allowanceKey(owner: Uint8Array, spender: Uint8Array): Uint8Array {
  return concat3(utf8("a"), lenPrefixed(owner), spender);
}

function loadAllowance(owner: Uint8Array, spender: Uint8Array): U128 {
  const b = storageGet(allowanceKey(owner, spender));
  return b === null ? U128.zero() : U128.fromBE(b);
}

function transferFrom(info: MessageInfo, body: JsonValue): Response | null {
  const owner = body.reqString("owner");
  const recipient = body.reqString("recipient");
  const amount = body.reqU128("amount");
  if (owner === null || recipient === null || amount === null) return null;
  const ownerCanon = canon(owner);
  const spender = canon(info.sender);
  const to = canon(recipient);
  if (ownerCanon === null || spender === null || to === null) return null;
  const allowance = loadAllowance(ownerCanon, spender);
  const left = allowance.checkedSub(amount);
  if (left === null) return err("insufficient allowance: allowance=" + allowance.toString() + ", required=" + amount.toString());
  storageSet(allowanceKey(ownerCanon, spender), encodeValue<U128>(left));
  if (!move(ownerCanon, to, spender, amount)) return null;
  return new Response().setData(status("transfer_from"));
}

function changeAllowance(info: MessageInfo, body: JsonValue, increase: bool): Response | null {
  const spender = body.reqString("spender");
  const amount = body.reqU128("amount");
  if (spender === null || amount === null) return null;
  const ownerCanon = canon(info.sender);
  const spenderCanon = canon(spender);
  if (ownerCanon === null || spenderCanon === null) return null;
  const current = loadAllowance(ownerCanon, spenderCanon);
  const next = increase ? current.saturatingAdd(amount) : current.saturatingSub(amount);
  storageSet(allowanceKey(ownerCanon, spenderCanon), encodeValue<U128>(next));
  const action = increase ? "increase_allowance" : "decrease_allowance";
  const w = new JsonWriter(192);
  w.beginObject().key(action).beginObject();
  w.fieldString("spender", spender).fieldString("owner", info.sender).fieldU128("allowance", next);
  w.endObject().endObject();
  return new Response().setData(w.toBytes());
}

function mint(info: MessageInfo, body: JsonValue): Response | null {
  const recipient = body.reqString("recipient");
  const amount = body.reqU128("amount");
  if (recipient === null || amount === null) return null;
  if (!isMinter(info.sender)) return err("Minting is allowed to minter accounts only");
  const minter = canon(info.sender);
  const to = canon(recipient);
  if (minter === null || to === null) return null;
  if (!credit(minter, to, amount)) return null;
  return new Response().setData(status("mint"));
}

function setMinters(info: MessageInfo, body: JsonValue): Response | null {
  const minters = body.reqArray("minters");
  if (minters === null) return null;
  if (!isAdmin(info.sender)) return err("This is an admin command. Admin commands can only be run from admin address");
  const w = new JsonWriter(128).beginArray();
  for (let i = 0; i < minters.length; i++) {
    const m = minters.at(i);
    if (!m.isString || canon(m.str()) === null) return err("minters must be valid addresses");
    w.string(m.str());
  }
  storageSet(utf8("M"), w.endArray().toBytes());
  return new Response().setData(status("set_minters"));
}

function setViewingKey(info: MessageInfo, body: JsonValue): Response | null {
  const key = body.reqString("key");
  if (key === null) return null;
  const who = canon(info.sender);
  if (who === null) return null;
  ViewingKey.set(who, key);
  return new Response().setData(status("set_viewing_key"));
}

function createViewingKey(env: Env, info: MessageInfo, body: JsonValue): Response | null {
  const entropy = body.optString("entropy");
  if (failed()) return null;
  const who = canon(info.sender);
  if (who === null) return null;
  const seed = storageGet(utf8("P"));
  const key = ViewingKey.generate(env, info.sender, entropy === null ? "" : entropy, seed === null ? newBytes(0) : seed);
  ViewingKey.set(who, key);
  const w = new JsonWriter(96);
  w.beginObject().key("create_viewing_key").beginObject().fieldString("key", key).endObject().endObject();
  return new Response().setData(w.toBytes());
}

function registerReceive(info: MessageInfo, body: JsonValue): Response | null {
  const codeHash = body.reqString("code_hash");
  if (codeHash === null) return null;
  const who = canon(info.sender);
  if (who === null) return null;
  storageSet(key1("x", who), utf8(codeHash));
  return new Response().setData(status("register_receive"));
}

function revoke(info: MessageInfo, body: JsonValue): Response | null {
  const name = body.reqString("permit_name");
  if (name === null) return null;
  revokePermit(info.sender, name);
  return new Response().setData(status("revoke_permit"));
}

// ---- queries

export function query(env: u32, msg: u32): u32 {
  return runQuery(env, msg, onQuery);
}

function viewingKeyError(): Uint8Array {
  const w = new JsonWriter(96);
  w.beginObject().key("viewing_key_error").beginObject();
  w.fieldString("msg", "Wrong viewing key for this address or viewing key not set");
  w.endObject().endObject();
  return w.toBytes();
}

function onQuery(env: Env, msg: JsonValue): Uint8Array | null {
  const q = msg.variant();
  if (q === null) return null;
  const body = msg.body();
  if (q == "token_info") return tokenInfo();
  if (q == "minters") {
    const m = storageGet(utf8("M"));
    const w = new JsonWriter(128);
    w.beginObject().key("minters").beginObject().fieldRaw("minters", m === null ? utf8("[]") : m).endObject().endObject();
    return w.toBytes();
  }
  if (q == "with_permit") return withPermit(env, body);
  if (q == "balance" || q == "transfer_history" || q == "allowance") {
    // Viewing-key authenticated: `address` (or `owner` / `spender` for allowances) plus `key`.
    const key = body.reqString("key");
    if (key === null) return null;
    if (q == "allowance") {
      const owner = body.reqString("owner");
      const spender = body.reqString("spender");
      if (owner === null || spender === null) return null;
      const o = canon(owner);
      const s = canon(spender);
      if (o === null || s === null) return null;
      if (!ViewingKey.check(o, key) && !ViewingKey.check(s, key)) return viewingKeyError();
      return allowanceAnswer(owner, spender, o, s);
    }
    const address = body.reqString("address");
    if (address === null) return null;
    const who = canon(address);
    if (who === null) return null;
    if (!ViewingKey.check(who, key)) return viewingKeyError();
    if (q == "balance") return balanceAnswer(who);
    return historyAnswer(who, body);
  }
  unknownVariant(q, "`token_info`, `minters`, `balance`, `transfer_history`, `allowance`, `with_permit`");
  return null;
}

function tokenInfo(): Uint8Array | null {
  const c = storageGet(utf8("C"));
  if (c === null) return queryErr("not instantiated");
  const j = tryParseJson(c);
  if (j === null) return queryErr("corrupt config");
  const w = new JsonWriter(192);
  w.beginObject().key("token_info").beginObject();
  w.fieldRaw("name", (<JsonValue>j.get("name")).raw());
  w.fieldRaw("symbol", (<JsonValue>j.get("symbol")).raw());
  w.fieldRaw("decimals", (<JsonValue>j.get("decimals")).raw());
  w.fieldU128("total_supply", totalSupply().load(U128.zero()));
  w.endObject().endObject();
  return w.toBytes();
}

function balanceAnswer(who: Uint8Array): Uint8Array {
  const w = new JsonWriter(64);
  w.beginObject().key("balance").beginObject().fieldU128("amount", loadAccount(who).balance).endObject().endObject();
  return w.toBytes();
}

function allowanceAnswer(owner: string, spender: string, o: Uint8Array, s: Uint8Array): Uint8Array {
  const w = new JsonWriter(192);
  w.beginObject().key("allowance").beginObject();
  w.fieldString("spender", spender).fieldString("owner", owner).fieldU128("allowance", loadAllowance(o, s)).fieldNull("expiration");
  w.endObject().endObject();
  return w.toBytes();
}

function readLenPrefixed(rec: Uint8Array, pos: i32): Uint8Array {
  const n = <i32>rec[pos];
  return rec.subarray(pos + 1, pos + 1 + n);
}

/** Newest first: page 0 holds the latest `page_size` transfers. */
function historyAnswer(who: Uint8Array, body: JsonValue): Uint8Array | null {
  const page = body.optU64("page", 0);
  const pageSize = body.optU64("page_size", 10);
  if (failed()) return null;
  const total = loadAccount(who).historyLength;
  const sym = symbol();
  const w = new JsonWriter(512);
  w.beginObject().key("transfer_history").beginObject().key("txs").beginArray();
  const skip = page * pageSize;
  if (pageSize > 0 && skip < total) {
    let i = total - skip; // exclusive upper index
    const stop = i > pageSize ? i - pageSize : 0;
    while (i > stop) {
      i--;
      const rec = storageGet(concat3(utf8("h"), who, varint(i)));
      if (rec === null) continue;
      let pos = readVarint(rec, 0);
      if (pos < 0) continue;
      const id = varintValue;
      const head = rec[pos];
      pos++;
      const from = readLenPrefixed(rec, pos);
      pos += 1 + from.length;
      const to = readLenPrefixed(rec, pos);
      pos += 1 + to.length;
      let sender = from;
      if (head & FLAG_SENDER) {
        sender = readLenPrefixed(rec, pos);
        pos += 1 + sender.length;
      }
      const fromH = addrHumanize(from);
      const toH = addrHumanize(to);
      const senderH = head & FLAG_SENDER ? addrHumanize(sender) : fromH;
      if (fromH === null || toH === null || senderH === null) return null;
      w.beginObject().fieldU64("id", id).fieldString("from", fromH).fieldString("sender", senderH).fieldString("receiver", toH);
      w.key("coins").beginObject().fieldString("denom", sym).fieldU128("amount", U128.fromBE(rec, pos)).endObject();
      if ((head & 0x7f) == KIND_MINT) w.fieldString("action", "mint");
      w.endObject();
    }
  }
  w.endArray().fieldU64("total", total).endObject().endObject();
  return w.toBytes();
}

function withPermit(env: Env, body: JsonValue): Uint8Array | null {
  const permitJson = body.reqObject("permit");
  const query = body.reqObject("query");
  if (permitJson === null || query === null) return null;
  const permit = Permit.parse(permitJson);
  if (permit === null) return null;
  const q = query.variant();
  if (q === null) return null;
  const inner = query.body();
  const permission = q == "balance" ? "balance" : q == "transfer_history" ? "history" : q == "allowance" ? "allowance" : "";
  if (permission == "") {
    unknownVariant(q, "`balance`, `transfer_history`, `allowance`");
    return null;
  }
  const signer = permit.verify(env.contractAddress, env.chainId, permission);
  if (signer === null) return null;
  const who = canon(signer);
  if (who === null) return null;
  if (q == "balance") return balanceAnswer(who);
  if (q == "transfer_history") return historyAnswer(who, inner);
  const owner = inner.reqString("owner");
  const spender = inner.reqString("spender");
  if (owner === null || spender === null) return null;
  if (owner != signer && spender != signer) return queryErr("Cannot query allowance. Requires permit for either owner \"" + owner + "\" or spender \"" + spender + "\"");
  const o = canon(owner);
  const s = canon(spender);
  if (o === null || s === null) return null;
  return allowanceAnswer(owner, spender, o, s);
}
