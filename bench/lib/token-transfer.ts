// The message every token benchmark signs: a MsgExecuteContract carrying an encrypted SNIP-20
// `{"transfer":{recipient, amount: "1"}}`, encrypted as secretjs does (client work, before any clock).
import { fromBech32Address, type SecretEncryptor } from '@scrtd/crypto';
import { compute } from '@scrtd/proto';

export function encryptedTransfer(
  client: SecretEncryptor,
  ioPubkey: Uint8Array,
  codeHash: string,
  from: string,
  contract: string,
  recipient: string,
): { typeUrl: string; value: Uint8Array } {
  return {
    typeUrl: '/secret.compute.v1beta1.MsgExecuteContract',
    value: compute.MsgExecuteContract.encode({
      sender: fromBech32Address(from),
      contract: fromBech32Address(contract),
      msg: client.encrypt(ioPubkey, codeHash, { transfer: { recipient, amount: '1' } }),
      callbackCodeHash: '',
      sentFunds: [],
      callbackSig: new Uint8Array(0),
    }).finish(),
  };
}
