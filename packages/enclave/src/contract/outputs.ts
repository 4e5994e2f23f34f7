// Turning a contract's plaintext response into what leaves the enclave (secret-protocol §4, §9.1,
// §9.2): sealed data and attributes, sub-messages re-encrypted for their targets with callback
// signatures, and the sealed id + signature of a reply.
import { concatBytes, sha256, toBase64, toUtf8, u64be } from '@scrtd/crypto';
import { decodeBase64Strict, type Attribute, type Event } from '@scrtd/vm';
import { callbackSignature, type Coin } from '../callback.js';
import { encryptAttribute, encryptData, sealWithTx, type ReplyParam, type TxKeyHandle } from '../io.js';
import type { EnclaveKeys } from '../keys.js';
import type { OutgoingMsg, PublicAttribute, SubMessage } from './types.js';

export const REPLY_MAGIC = 'REPLY01';
/** Sub-message call depth limit (§7.5). */
export const MAX_SUBMSG_DEPTH = 100;

export class OutputError extends Error {
  override readonly name = 'OutputError';
}

type Keys = Pick<EnclaveKeys, 'callbackSecret'>;

export function sealAttributes(tx: TxKeyHandle, attrs: readonly Attribute[]): PublicAttribute[] {
  return attrs.map((a) => (a.encrypted ? { key: encryptAttribute(tx, a.key), value: encryptAttribute(tx, a.value) } : { key: a.key, value: a.value }));
}

export function sealEvents(tx: TxKeyHandle, events: readonly Event[]): { type: string; attributes: PublicAttribute[] }[] {
  return events.map((e) => ({ type: e.type, attributes: sealAttributes(tx, e.attributes) }));
}

/** `"REPLY01" ‖ u64be(id) ‖ code hash hex` groups. */
export function replyGroups(params: readonly ReplyParam[]): Uint8Array {
  return concatBytes(...params.map((p) => concatBytes(toUtf8(REPLY_MAGIC), u64be(p.subMsgId), toUtf8(p.codeHashHex))));
}

/** Data of a call: plain sealing (§4.1), or `caller_hash ‖ base64(data)` when answering a sub-message (§9.2). */
export function sealData(tx: TxKeyHandle, data: Uint8Array, replyParams: readonly ReplyParam[]): Uint8Array {
  if (replyParams.length === 0) return encryptData(tx, data);
  return sealWithTx(tx, toUtf8(replyParams[0]!.codeHashHex + toBase64(data)));
}

/** The sealed internal id of a reply: caller_hash ‖ [inherited groups] ‖ decimal(id) (§9.2). */
export function sealReplyId(tx: TxKeyHandle, replyParams: readonly ReplyParam[]): Uint8Array {
  const [first, ...rest] = replyParams;
  return sealWithTx(tx, concatBytes(toUtf8(first!.codeHashHex), replyGroups(rest), toUtf8(first!.subMsgId.toString())));
}

/** Canonical JSON of a Reply as signed: events blanked, sealed parts in base64 (§9.2). */
export function replySignedJson(id: Uint8Array, result: { ok: { data: Uint8Array | null } } | { error: Uint8Array }): string {
  const r =
    'ok' in result
      ? `{"ok":{"events":[],"data":${result.ok.data === null ? 'null' : JSON.stringify(toBase64(result.ok.data))}}}`
      : `{"error":${JSON.stringify(toBase64(result.error))}}`;
  return `{"id":${JSON.stringify(toBase64(id))},"result":${r},"was_orig_msg_encrypted":true,"is_encrypted":true}`;
}

export function replySignature(keys: Keys, id: Uint8Array, result: { ok: { data: Uint8Array | null } } | { error: Uint8Array }): Uint8Array {
  return sha256(concatBytes(keys.callbackSecret, toUtf8(replySignedJson(id, result)), toUtf8('[]')));
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const bad = (why: string): never => {
  throw new OutputError(`invalid sub-message: ${why}`);
};

function str(v: unknown, what: string): string {
  return typeof v === 'string' ? v : bad(`${what} must be a string`);
}

function u64(v: unknown, what: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^\d{1,20}$/.test(v) && BigInt(v) < 1n << 64n) return BigInt(v);
  return bad(`${what} must be an unsigned 64-bit integer`);
}

function coins(v: unknown, what: string): Coin[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return bad(`${what} must be a list of coins`);
  return v.map((c) => {
    if (!isObject(c)) return bad(`${what} must be a list of coins`);
    const amount = str(c.amount, 'amount');
    if (!/^\d+$/.test(amount)) bad(`invalid amount ${amount}`);
    return { denom: str(c.denom, 'denom'), amount };
  });
}

function base64Msg(v: unknown): Uint8Array {
  try {
    return decodeBase64Strict(str(v, 'msg'), 'msg');
  } catch {
    return bad('msg must be base64');
  }
}

export interface SubMsgContext {
  keys: Keys;
  tx: TxKeyHandle;
  /** Code hash of the contract that sent the messages (reply headers point back to it). */
  ownCodeHash: string;
  /** Reply headers this call inherited; they travel on in every Wasm sub-message. */
  inherited: readonly ReplyParam[];
  apiVersion: 'v0.10' | 'v1';
  contractAddress: string;
}

/** Normalise v0.10 CosmosMsg into a v1 SubMsg (id 0, reply never, no gas limit; §7.7). */
function fromV010(m: Record<string, unknown>, contractAddress: string): Record<string, unknown> {
  if (isObject(m.bank) && isObject(m.bank.send)) {
    const s = m.bank.send;
    if (s.from_address !== undefined && s.from_address !== contractAddress) bad('bank send from_address must be the contract');
    return { id: 0, reply_on: 'never', gas_limit: null, msg: { bank: { send: { to_address: s.to_address, amount: s.amount } } } };
  }
  if (isObject(m.wasm)) {
    const w = m.wasm;
    if (isObject(w.execute)) {
      const e = w.execute;
      return { id: 0, reply_on: 'never', gas_limit: null, msg: { wasm: { execute: { contract_addr: e.contract_addr, code_hash: e.callback_code_hash, msg: e.msg, send: e.send } } } };
    }
    if (isObject(w.instantiate)) {
      const i = w.instantiate;
      return {
        id: 0,
        reply_on: 'never',
        gas_limit: null,
        msg: { wasm: { instantiate: { admin: i.admin ?? null, code_id: i.code_id, code_hash: i.callback_code_hash, msg: i.msg, send: i.send, label: i.label } } },
      };
    }
  }
  return { id: 0, reply_on: 'never', gas_limit: null, msg: m };
}

/** Interpret and seal a response's messages for the host (§9.1). */
export function sealSubMessages(ctx: SubMsgContext, messages: readonly unknown[]): SubMessage[] {
  return messages.map((raw) => {
    if (!isObject(raw)) return bad('expected an object');
    const sub = ctx.apiVersion === 'v1' ? raw : fromV010(raw, ctx.contractAddress);
    const id = u64(sub.id ?? 0, 'id');
    const replyOn = sub.reply_on ?? 'never';
    if (replyOn !== 'always' && replyOn !== 'error' && replyOn !== 'success' && replyOn !== 'never') return bad(`unknown reply_on ${String(replyOn)}`);
    const gasLimit = sub.gas_limit === undefined || sub.gas_limit === null ? null : u64(sub.gas_limit, 'gas_limit');
    if (!isObject(sub.msg)) return bad('msg must be an object');
    const msg = sealMsg(ctx, sub.msg, id, replyOn);
    return { id: 'wasm' in msg ? 0n : id, replyOn, gasLimit, msg };
  });
}

function sealMsg(ctx: SubMsgContext, m: Record<string, unknown>, id: bigint, replyOn: SubMessage['replyOn']): OutgoingMsg {
  const kinds = Object.keys(m);
  if (kinds.length !== 1) return bad('a CosmosMsg has exactly one variant');
  if (isObject(m.bank)) {
    if (isObject(m.bank.send)) return { bank: { send: { toAddress: str(m.bank.send.to_address, 'to_address'), amount: coins(m.bank.send.amount, 'amount') } } };
    if (isObject(m.bank.burn)) return { bank: { burn: { amount: coins(m.bank.burn.amount, 'amount') } } };
    return bad('unknown bank message');
  }
  if (!isObject(m.wasm)) return { other: m };
  const w = m.wasm;
  // Reply header for our own reply, then the ones we inherited (§9.1 step 1).
  const own: ReplyParam[] = replyOn === 'never' ? [] : [{ subMsgId: id, codeHashHex: ctx.ownCodeHash }];
  const headers = replyGroups([...own, ...ctx.inherited]);
  const seal = (codeHash: string, msg: Uint8Array, funds: Coin[]) => {
    const hash = codeHash.toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) bad('code_hash must be 64 hex characters');
    const ct = sealWithTx(ctx.tx, concatBytes(toUtf8(hash), headers, msg));
    return { wire: concatBytes(ctx.tx.nonce, ctx.tx.userPublicKey, ct), sig: callbackSignature(ctx.keys, ct, funds), hash };
  };
  if (isObject(w.execute)) {
    const e = w.execute;
    const funds = coins(e.send ?? e.funds, 'send');
    const s = seal(str(e.code_hash ?? e.callback_code_hash, 'code_hash'), base64Msg(e.msg), funds);
    return { wasm: { execute: { contractAddress: str(e.contract_addr, 'contract_addr'), codeHash: s.hash, msg: s.wire, funds, callbackSig: s.sig } } };
  }
  if (isObject(w.instantiate)) {
    const i = w.instantiate;
    const funds = coins(i.send ?? i.funds, 'send');
    const s = seal(str(i.code_hash ?? i.callback_code_hash, 'code_hash'), base64Msg(i.msg), funds);
    const admin = i.admin === undefined || i.admin === null ? '' : str(i.admin, 'admin');
    return { wasm: { instantiate: { codeId: u64(i.code_id, 'code_id'), codeHash: s.hash, msg: s.wire, funds, label: str(i.label, 'label'), admin, callbackSig: s.sig } } };
  }
  if (isObject(w.migrate)) {
    const g = w.migrate;
    const s = seal(str(g.code_hash ?? g.callback_code_hash, 'code_hash'), base64Msg(g.msg), []);
    return { wasm: { migrate: { contractAddress: str(g.contract_addr, 'contract_addr'), codeId: u64(g.code_id ?? g.new_code_id, 'code_id'), codeHash: s.hash, msg: s.wire, callbackSig: s.sig } } };
  }
  const emptySig = () => callbackSignature(ctx.keys, new Uint8Array(0), []);
  if (isObject(w.update_admin)) {
    return { wasm: { updateAdmin: { contractAddress: str(w.update_admin.contract_addr, 'contract_addr'), admin: str(w.update_admin.admin, 'admin'), callbackSig: emptySig() } } };
  }
  if (isObject(w.clear_admin)) return { wasm: { clearAdmin: { contractAddress: str(w.clear_admin.contract_addr, 'contract_addr'), callbackSig: emptySig() } } };
  return bad('unknown wasm message');
}
