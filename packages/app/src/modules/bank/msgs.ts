// MsgSend and MsgMultiSend handlers (the checks of SDK 0.50's bank msg server).
import { MsgMultiSend, MsgMultiSendResponse, MsgSend, MsgSendResponse } from '../../proto.js';
import type { MsgHandler } from '../../module.js';
import { parseAddress } from '../../addresses.js';
import { addCoins, coinsFromProto, coinsString, validateCoins, type Coin } from '../../coins.js';
import { SdkErrors, type CosmosError } from '../../errors.js';
import type { BankKeeper } from './keeper.js';
import { BankErrors } from './errors.js';
import { inPlaceReader } from '../../tx/decode.js';

function parseCoins(cs: { denom: string; amount: string }[]): Coin[] {
  try {
    return coinsFromProto(cs);
  } catch (e) {
    throw SdkErrors.InvalidCoins.wrap((e as CosmosError).message);
  }
}

function validSendAmount(coins: Coin[]): void {
  if (validateCoins(coins) !== undefined || coins.length === 0) throw SdkErrors.InvalidCoins.wrap(coinsString(coins));
}

export function bankMsgs(keeper: BankKeeper): MsgHandler[] {
  const send: MsgHandler<MsgSend> = {
    typeUrl: '/cosmos.bank.v1beta1.MsgSend',
    // In place: MsgSend holds only strings, so nothing decoded aliases the tx bytes.
    decode: (b) => MsgSend.decode(inPlaceReader(b)),
    signers: (m) => [parseAddress(m.fromAddress, 'from address')],
    handle(ctx, m) {
      const from = parseAddress(m.fromAddress, 'from address');
      const to = parseAddress(m.toAddress, 'to address');
      const amount = parseCoins(m.amount);
      validSendAmount(amount);
      keeper.isSendEnabledCoins(ctx, amount);
      if (keeper.isBlocked(to)) throw SdkErrors.Unauthorized.wrap(`${m.toAddress} is not allowed to receive funds`);
      keeper.sendCoins(ctx, from, to, amount);
      return { typeUrl: '/cosmos.bank.v1beta1.MsgSendResponse', value: MsgSendResponse.encode({}).finish() };
    },
  };
  const multi: MsgHandler<MsgMultiSend> = {
    typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend',
    decode: (b) => MsgMultiSend.decode(inPlaceReader(b)),
    signers: (m) => m.inputs.slice(0, 1).map((i) => parseAddress(i.address, 'input address')),
    handle(ctx, m) {
      if (m.inputs.length === 0) throw BankErrors.NoInputs.error();
      if (m.inputs.length !== 1) throw BankErrors.MultipleSenders.error();
      if (m.outputs.length === 0) throw BankErrors.NoOutputs.error();
      const input = { address: parseAddress(m.inputs[0]!.address, 'input address'), coins: parseCoins(m.inputs[0]!.coins) };
      validSendAmount(input.coins);
      let outSum: Coin[] = [];
      const outputs = m.outputs.map((o) => {
        const coins = parseCoins(o.coins);
        validSendAmount(coins);
        outSum = addCoins(outSum, coins);
        return { address: parseAddress(o.address, 'output address'), coins };
      });
      if (coinsString(outSum) !== coinsString(input.coins)) throw BankErrors.InputOutputMismatch.error();
      keeper.isSendEnabledCoins(ctx, input.coins);
      for (let i = 0; i < outputs.length; i++) {
        if (keeper.isBlocked(outputs[i]!.address)) throw SdkErrors.Unauthorized.wrap(`${m.outputs[i]!.address} is not allowed to receive funds`);
      }
      keeper.inputOutputCoins(ctx, input, outputs);
      return { typeUrl: '/cosmos.bank.v1beta1.MsgMultiSendResponse', value: MsgMultiSendResponse.encode({}).finish() };
    },
  };
  return [send, multi];
}
