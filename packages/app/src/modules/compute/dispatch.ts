// Sub-message dispatch with CosmWasm v1 semantics (secret-protocol §9.3): every sub-message runs in
// a branch of the caller's state; on success the branch is written and its events kept; `reply_on`
// decides whether the caller's `reply` runs; a failure nobody replies to fails the whole call.
import type { SubMessage, SubMsgReply } from '@scrtd/enclave';
import { MAX_SUBMSG_DEPTH } from '@scrtd/enclave';
import type { AbciEvent } from '../../abci/types.js';
import { parseAddress } from '../../addresses.js';
import { coinsFromProto, validateCoins, type Coin } from '../../coins.js';
import type { Context } from '../../context.js';
import { CosmosError } from '../../errors.js';
import { BasicGasMeter, OutOfGasError, clampGas } from '../../gas.js';
import { ComputeErrors, ContractCallError } from './errors.js';
import type { CallOutcome, ComputeKeeper } from './keeper.js';

const fromBase64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

function coins(cs: readonly { denom: string; amount: string }[]): Coin[] {
  const out = coinsFromProto(cs);
  const bad = validateCoins(out);
  if (bad !== undefined) throw ComputeErrors.InvalidMsg.wrap(bad);
  return out;
}

/** Run one sub-message as `contract`; returns its outcome (wasm messages) or null data. */
function runOne(keeper: ComputeKeeper, ctx: Context, contract: Uint8Array, sm: SubMessage, depth: number): CallOutcome {
  const m = sm.msg;
  if ('bank' in m) {
    if ('send' in m.bank) {
      const to = parseAddress(m.bank.send.toAddress, 'to address');
      const amount = coins(m.bank.send.amount);
      if (keeper.bank.isBlocked(to)) throw ComputeErrors.InvalidMsg.wrap(`${m.bank.send.toAddress} is not allowed to receive funds`);
      keeper.bank.sendCoins(ctx, contract, to, amount);
      return { data: null };
    }
    throw ComputeErrors.Unsupported.wrap('bank burn from contracts');
  }
  if ('other' in m) throw ComputeErrors.Unsupported.wrap(`message ${JSON.stringify(Object.keys(m.other as object))} from a contract`);
  const w = m.wasm;
  if ('execute' in w) {
    const e = w.execute;
    return keeper.execute(ctx, { sender: contract, contract: parseAddress(e.contractAddress, 'contract'), msg: e.msg, funds: coins(e.funds), callbackSig: e.callbackSig }, depth);
  }
  if ('instantiate' in w) {
    const i = w.instantiate;
    if (keeper.codeHashOf(ctx, i.codeId) !== i.codeHash) {
      // The callee's enclave rejects a wrong hash too; checking here gives the clearer error first.
      throw ComputeErrors.InstantiateFailed.wrap('Enclave: failed to validate transaction');
    }
    return keeper.instantiate(ctx, { sender: contract, codeId: i.codeId, label: i.label, msg: i.msg, funds: coins(i.funds), admin: i.admin, callbackSig: i.callbackSig }, depth);
  }
  if ('migrate' in w) {
    const g = w.migrate;
    return keeper.migrate(ctx, { sender: contract, contract: parseAddress(g.contractAddress, 'contract'), codeId: g.codeId, msg: g.msg, callbackSig: g.callbackSig }, depth);
  }
  if ('updateAdmin' in w) {
    keeper.updateAdmin(ctx, contract, parseAddress(w.updateAdmin.contractAddress, 'contract'), w.updateAdmin.admin, w.updateAdmin.callbackSig);
    return { data: null };
  }
  keeper.updateAdmin(ctx, contract, parseAddress(w.clearAdmin.contractAddress, 'contract'), '', w.clearAdmin.callbackSig);
  return { data: null };
}

/** Events a reply sees: the sub-call's events without `message` events (wasmd filters them). */
function replyEvents(events: readonly AbciEvent[]): unknown[] {
  return events.filter((e) => e.type !== 'message').map((e) => ({ type: e.type, attributes: e.attributes.map((a) => ({ key: a.key, value: a.value })) }));
}

/** The redacted form a reply sees of a non-contract error (§4.3). */
function redacted(e: CosmosError): string {
  return `the error was redacted (codespace: ${e.codespace}, code: ${e.code}). For more info use latest localsecret and reproduce the issue`;
}

/**
 * Dispatch `messages` sent by `contract`. `nonceAndKey` are the first 64 bytes of the original
 * encrypted message (public), which replies carry. Returns data that a reply set, if any.
 */
export function dispatchSubMessages(
  keeper: ComputeKeeper,
  ctx: Context,
  contract: Uint8Array,
  nonceAndKey: Uint8Array,
  messages: readonly SubMessage[],
  depth: number,
): Uint8Array | null | undefined {
  if (depth + 1 > MAX_SUBMSG_DEPTH) throw ComputeErrors.MaxCallDepth.wrap(`depth ${depth + 1}`);
  let override: Uint8Array | null | undefined;
  for (const sm of messages) {
    const meter = sm.gasLimit === null ? ctx.gasMeter : new BasicGasMeter(Math.min(clampGas(sm.gasLimit), ctx.gasMeter.remaining()));
    const sub = ctx.branch(meter);
    const isWasm = 'wasm' in sm.msg;
    let reply: SubMsgReply | undefined;
    try {
      const out = runOne(keeper, sub.ctx, contract, sm, depth + 1);
      sub.write();
      if (meter !== ctx.gasMeter) ctx.gasMeter.consume(meter.consumed(), 'sub-message');
      ctx.events.emitAll(sub.ctx.events.events.filter((e) => e.type !== 'message'));
      if (sm.replyOn === 'success' || sm.replyOn === 'always') {
        const events = replyEvents(sub.ctx.events.events);
        if (isWasm && out.internalReply) {
          reply = { encrypted: true, id: out.internalReply.id, result: { ok: { events, data: out.data } }, signature: out.internalReply.signature };
        } else {
          reply = { encrypted: false, id: sm.id, result: { ok: { events: isWasm ? events : [], data: out.data } } };
        }
      }
    } catch (e) {
      if (meter !== ctx.gasMeter) {
        // A sub-message with its own limit charges at most that limit to the caller.
        ctx.gasMeter.consume(Math.min(meter.consumed(), meter.limit), 'sub-message');
      } else if (e instanceof OutOfGasError) {
        throw e;
      }
      if (!(e instanceof CosmosError) && !(e instanceof OutOfGasError)) throw e;
      const err = e instanceof OutOfGasError ? e.toCosmos() : e;
      if (sm.replyOn !== 'error' && sm.replyOn !== 'always') throw err.wrap('dispatch: submessages');
      if (err instanceof ContractCallError && err.failure.kind === 'contract' && err.failure.internalReply) {
        reply = { encrypted: true, id: err.failure.internalReply.id, result: { error: fromBase64(err.failure.encrypted) }, signature: err.failure.internalReply.signature };
      } else if (isWasm) {
        // An SDK (non-contract) error in an encrypted Wasm sub-message aborts instead of replying (§9.3).
        throw err.wrap('dispatch: submessages');
      } else {
        reply = { encrypted: false, id: sm.id, result: { error: redacted(err) } };
      }
    }
    if (!reply) continue;
    const r = keeper.reply(ctx, contract, nonceAndKey, reply, depth + 1);
    if (r.data !== null) override = r.data;
  }
  return override;
}
