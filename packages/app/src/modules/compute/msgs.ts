// Msg handlers of secret.compute.v1beta1 (secret-protocol §6, §10.1) with their ValidateBasic checks
// and the event order secretjs reads (secretjs-compat §5.2).
import { compute } from '@scrtd/proto';
import { MAX_UPLOAD_SIZE } from '@scrtd/vm';
import { bech32Address, parseAddress } from '../../addresses.js';
import type { EncodedMsg, MsgHandler } from '../../module.js';
import { SdkErrors } from '../../errors.js';
import { event } from '../../events.js';
import { ComputeErrors } from './errors.js';
import { MAX_LABEL_BYTES, parseFunds, type ComputeKeeper } from './keeper.js';

const P = '/secret.compute.v1beta1.';
const BUILDER = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$/;

function response(type: string, bytes: Uint8Array): EncodedMsg {
  return { typeUrl: `${P}${type}`, value: bytes };
}

function rawAddress(b: Uint8Array, what: string): Uint8Array {
  if (b.length !== 20 && b.length !== 32) throw SdkErrors.InvalidAddress.wrap(`invalid ${what}: expected 20 or 32 bytes, got ${b.length}`);
  return b;
}

/** Signed txs never carry callback signatures; those only come from contracts (§9.1). */
function noCallbackSig(sig: Uint8Array): void {
  if (sig.length !== 0) throw SdkErrors.InvalidRequest.wrap('callback_sig is set only on contract-to-contract messages');
}

function validateLabel(label: string): void {
  if (label.trim() === '') throw ComputeErrors.Empty.wrap('label is required');
  if (new TextEncoder().encode(label).length > MAX_LABEL_BYTES) throw ComputeErrors.Limit.wrap('label cannot be longer than 128 characters');
}

export function computeMsgs(keeper: ComputeKeeper): MsgHandler[] {
  const storeCode: MsgHandler<compute.MsgStoreCode> = {
    typeUrl: `${P}MsgStoreCode`,
    decode: (b) => compute.MsgStoreCode.decode(b),
    signers: (m) => [rawAddress(m.sender, 'sender')],
    handle(ctx, m) {
      const sender = rawAddress(m.sender, 'sender');
      if (m.wasmByteCode.length === 0) throw ComputeErrors.Empty.wrap('code bytes are empty');
      if (m.wasmByteCode.length > MAX_UPLOAD_SIZE) throw ComputeErrors.Limit.wrap('code bytes cannot be longer than 2 MiB');
      if (m.source !== '') {
        let url: URL | undefined;
        try {
          url = new URL(m.source);
        } catch {
          url = undefined;
        }
        if (!url || url.protocol !== 'https:') throw ComputeErrors.Invalid.wrap('source must be an absolute https URL');
      }
      if (m.builder !== '' && (m.builder.length > 128 || !BUILDER.test(m.builder))) throw ComputeErrors.Invalid.wrap(`invalid builder ${m.builder}`);
      const codeId = keeper.storeCode(ctx, sender, m.wasmByteCode, m.source, m.builder);
      const who = bech32Address(sender);
      ctx.events.emit(event('message', [['module', 'compute'], ['sender', who], ['signer', who]]));
      ctx.events.emit(event('message', [['code_id', codeId.toString()]]));
      return response('MsgStoreCodeResponse', compute.MsgStoreCodeResponse.encode({ codeId }).finish());
    },
  };

  const instantiate: MsgHandler<compute.MsgInstantiateContract> = {
    typeUrl: `${P}MsgInstantiateContract`,
    decode: (b) => compute.MsgInstantiateContract.decode(b),
    signers: (m) => [rawAddress(m.sender, 'sender')],
    handle(ctx, m) {
      const sender = rawAddress(m.sender, 'sender');
      noCallbackSig(m.callbackSig);
      if (m.codeId === 0n) throw ComputeErrors.Invalid.wrap('code id is required');
      validateLabel(m.label);
      if (m.admin !== '') parseAddress(m.admin, 'admin');
      if (m.initMsg.length === 0) throw ComputeErrors.Empty.wrap('init msg is empty');
      const out = keeper.instantiate(ctx, { sender, codeId: m.codeId, label: m.label, msg: m.initMsg, funds: parseFunds(m.initFunds), admin: m.admin });
      const address = bech32Address(out.address);
      ctx.events.emit(event('message', [['module', 'compute'], ['sender', bech32Address(sender)], ['contract_address', address]]));
      return response(
        'MsgInstantiateContractResponse',
        compute.MsgInstantiateContractResponse.encode({ address, data: out.data ?? new Uint8Array(0) }).finish(),
      );
    },
  };

  const execute: MsgHandler<compute.MsgExecuteContract> = {
    typeUrl: `${P}MsgExecuteContract`,
    decode: (b) => compute.MsgExecuteContract.decode(b),
    signers: (m) => [rawAddress(m.sender, 'sender')],
    handle(ctx, m) {
      const sender = rawAddress(m.sender, 'sender');
      const contract = rawAddress(m.contract, 'contract');
      noCallbackSig(m.callbackSig);
      if (m.msg.length === 0) throw ComputeErrors.Empty.wrap('msg is empty');
      ctx.events.emit(event('message', [['module', 'compute'], ['sender', bech32Address(sender)], ['contract_address', bech32Address(contract)]]));
      const out = keeper.execute(ctx, { sender, contract, msg: m.msg, funds: parseFunds(m.sentFunds) });
      return response('MsgExecuteContractResponse', compute.MsgExecuteContractResponse.encode({ data: out.data ?? new Uint8Array(0) }).finish());
    },
  };

  const migrate: MsgHandler<compute.MsgMigrateContract> = {
    typeUrl: `${P}MsgMigrateContract`,
    decode: (b) => compute.MsgMigrateContract.decode(b),
    signers: (m) => [parseAddress(m.sender, 'sender')],
    handle(ctx, m) {
      const sender = parseAddress(m.sender, 'sender');
      const contract = parseAddress(m.contract, 'contract');
      noCallbackSig(m.callbackSig);
      if (m.codeId === 0n) throw ComputeErrors.Invalid.wrap('code id is required');
      if (m.msg.length === 0) throw ComputeErrors.Empty.wrap('msg is empty');
      ctx.events.emit(event('message', [['module', 'compute'], ['sender', m.sender]]));
      const out = keeper.migrate(ctx, { sender, contract, codeId: m.codeId, msg: m.msg });
      return response('MsgMigrateContractResponse', compute.MsgMigrateContractResponse.encode({ data: out.data ?? new Uint8Array(0) }).finish());
    },
  };

  const updateAdmin: MsgHandler<compute.MsgUpdateAdmin> = {
    typeUrl: `${P}MsgUpdateAdmin`,
    decode: (b) => compute.MsgUpdateAdmin.decode(b),
    signers: (m) => [parseAddress(m.sender, 'sender')],
    handle(ctx, m) {
      const sender = parseAddress(m.sender, 'sender');
      const contract = parseAddress(m.contract, 'contract');
      parseAddress(m.newAdmin, 'new admin');
      noCallbackSig(m.callbackSig);
      if (m.newAdmin === m.sender) throw ComputeErrors.Invalid.wrap('new admin is the same as the old');
      ctx.events.emit(event('message', [['module', 'compute'], ['sender', m.sender]]));
      keeper.updateAdmin(ctx, sender, contract, m.newAdmin);
      return response('MsgUpdateAdminResponse', compute.MsgUpdateAdminResponse.encode({}).finish());
    },
  };

  const clearAdmin: MsgHandler<compute.MsgClearAdmin> = {
    typeUrl: `${P}MsgClearAdmin`,
    decode: (b) => compute.MsgClearAdmin.decode(b),
    signers: (m) => [parseAddress(m.sender, 'sender')],
    handle(ctx, m) {
      const sender = parseAddress(m.sender, 'sender');
      const contract = parseAddress(m.contract, 'contract');
      noCallbackSig(m.callbackSig);
      ctx.events.emit(event('message', [['module', 'compute'], ['sender', m.sender]]));
      keeper.updateAdmin(ctx, sender, contract, '');
      return response('MsgClearAdminResponse', compute.MsgClearAdminResponse.encode({}).finish());
    },
  };

  return [storeCode, instantiate, execute, migrate, updateAdmin, clearAdmin];
}
