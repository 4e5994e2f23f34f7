// cosmos.tx.v1beta1: the tx envelope, signing enum and the tx Service request/response types.

import { Tx, TxBody, AuthInfo, SignerInfo, ModeInfo, ModeInfo_Single, ModeInfo_Multi } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
import {
  BroadcastTxRequest,
  GetBlockWithTxsResponse,
  GetTxResponse,
  GetTxsEventRequest,
  GetTxsEventResponse,
  SimulateRequest,
  TxDecodeResponse,
  TxEncodeRequest,
  OrderBy,
  BroadcastMode,
} from 'cosmjs-types/cosmos/tx/v1beta1/service';
import { J } from '../json-spec.js';
import type { TypeRegistry } from '../registry.js';

export {
  Tx,
  TxRaw,
  TxBody,
  AuthInfo,
  SignDoc,
  SignDocDirectAux,
  SignerInfo,
  ModeInfo,
  ModeInfo_Single,
  ModeInfo_Multi,
  Fee,
  Tip,
  AuxSignerData,
} from 'cosmjs-types/cosmos/tx/v1beta1/tx';
export { SignMode } from 'cosmjs-types/cosmos/tx/signing/v1beta1/signing';
export { CompactBitArray } from 'cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig';
export {
  BroadcastMode,
  BroadcastTxRequest,
  BroadcastTxResponse,
  SimulateRequest,
  SimulateResponse,
  GetTxRequest,
  GetTxResponse,
  GetTxsEventRequest,
  GetTxsEventResponse,
  OrderBy,
  GetBlockWithTxsRequest,
  GetBlockWithTxsResponse,
  TxDecodeRequest,
  TxDecodeResponse,
  TxEncodeRequest,
  TxEncodeResponse,
} from 'cosmjs-types/cosmos/tx/v1beta1/service';

const TX = 'cosmos.tx.v1beta1.Tx';

export function registerTx(reg: TypeRegistry): void {
  // Resolvable: TxResponse.tx is an Any holding a Tx.
  reg.register(`/${TX}`, Tx, { fields: { body: J.msg('cosmos.tx.v1beta1.TxBody'), authInfo: J.msg('cosmos.tx.v1beta1.AuthInfo') } });
  // unordered / timeout_timestamp are SDK 0.53 additions that secretd (SDK 0.50) does not have.
  reg.declare('cosmos.tx.v1beta1.TxBody', { fields: { unordered: J.skip, timeoutTimestamp: J.skip } }, TxBody);
  reg.declare('cosmos.tx.v1beta1.AuthInfo', { fields: { signerInfos: J.msg('cosmos.tx.v1beta1.SignerInfo') } }, AuthInfo);
  reg.declare('cosmos.tx.v1beta1.SignerInfo', { fields: { modeInfo: J.msg('cosmos.tx.v1beta1.ModeInfo') } }, SignerInfo);
  reg.declare(
    'cosmos.tx.v1beta1.ModeInfo',
    {
      fields: {
        single: J.oneof(J.msg('cosmos.tx.v1beta1.ModeInfo.Single')),
        multi: J.oneof(J.msg('cosmos.tx.v1beta1.ModeInfo.Multi')),
      },
    },
    ModeInfo,
  );
  reg.declare('cosmos.tx.v1beta1.ModeInfo.Single', { fields: { mode: J.enum(SignMode) } }, ModeInfo_Single);
  reg.declare('cosmos.tx.v1beta1.ModeInfo.Multi', { fields: { modeInfos: J.msg('cosmos.tx.v1beta1.ModeInfo') } }, ModeInfo_Multi);

  // Service types whose JSON holds a Tx message (not an Any) or an enum.
  reg.declare('cosmos.tx.v1beta1.GetTxResponse', { fields: { tx: J.msg(TX) } }, GetTxResponse);
  reg.declare('cosmos.tx.v1beta1.GetTxsEventResponse', { fields: { txs: J.msg(TX) } }, GetTxsEventResponse);
  reg.declare('cosmos.tx.v1beta1.GetTxsEventRequest', { fields: { orderBy: J.enum(OrderBy) } }, GetTxsEventRequest);
  reg.declare('cosmos.tx.v1beta1.BroadcastTxRequest', { fields: { mode: J.enum(BroadcastMode) } }, BroadcastTxRequest);
  reg.declare('cosmos.tx.v1beta1.SimulateRequest', { fields: { tx: J.msg(TX) } }, SimulateRequest);
  reg.declare('cosmos.tx.v1beta1.TxDecodeResponse', { fields: { tx: J.msg(TX) } }, TxDecodeResponse);
  reg.declare('cosmos.tx.v1beta1.TxEncodeRequest', { fields: { tx: J.msg(TX) } }, TxEncodeRequest);
  reg.declare(
    'cosmos.tx.v1beta1.GetBlockWithTxsResponse',
    { fields: { txs: J.msg(TX), block: J.msg('tendermint.types.Block') } },
    GetBlockWithTxsResponse,
  );
}
