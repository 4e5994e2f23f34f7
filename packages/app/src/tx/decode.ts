// Decode TxRaw bytes into body, auth info and typed messages, with the SDK's parse errors.
import { AuthInfo, TxBody, TxRaw } from '../proto.js';
import type { MsgHandler } from '../module.js';
import { SdkErrors } from '../errors.js';
import { bytesEqual } from '../binary.js';

export interface DecodedMsg {
  typeUrl: string;
  value: Uint8Array;
  handler: MsgHandler;
  msg: unknown;
}

export interface DecodedTx {
  bytes: Uint8Array;
  raw: TxRaw;
  body: TxBody;
  authInfo: AuthInfo;
  msgs: DecodedMsg[];
  /** Unique signer addresses in order of first appearance (GetSigners). */
  signers: Uint8Array[];
}

export function decodeTx(bytes: Uint8Array, router: ReadonlyMap<string, MsgHandler>): DecodedTx {
  let raw: TxRaw, body: TxBody, authInfo: AuthInfo;
  try {
    raw = TxRaw.decode(bytes);
    body = TxBody.decode(raw.bodyBytes);
    authInfo = AuthInfo.decode(raw.authInfoBytes);
  } catch (e) {
    throw SdkErrors.TxDecode.wrap((e as Error).message);
  }
  if (raw.bodyBytes.length === 0 && raw.authInfoBytes.length === 0 && raw.signatures.length === 0) {
    throw SdkErrors.TxDecode.wrap('empty tx');
  }
  const msgs: DecodedMsg[] = body.messages.map((any) => {
    const handler = router.get(any.typeUrl);
    if (!handler) throw SdkErrors.TxDecode.wrap(`unable to resolve type URL ${any.typeUrl}`);
    let msg: unknown;
    try {
      msg = handler.decode(any.value);
    } catch (e) {
      throw SdkErrors.TxDecode.wrap((e as Error).message);
    }
    return { typeUrl: any.typeUrl, value: any.value, handler, msg };
  });
  const signers: Uint8Array[] = [];
  for (const m of msgs) {
    for (const s of m.handler.signers(m.msg)) {
      if (!signers.some((x) => bytesEqual(x, s))) signers.push(s);
    }
  }
  return { bytes, raw, body, authInfo, msgs, signers };
}
