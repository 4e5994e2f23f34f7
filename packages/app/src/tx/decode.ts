// Decode TxRaw bytes into body, auth info and typed messages, with the SDK's parse errors.
import { AuthInfo, TxBody, TxRaw } from '../proto.js';
import type { MsgHandler } from '../module.js';
import { SdkErrors } from '../errors.js';
import { bytesEqual, latin1 } from '../binary.js';

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
  /** Sign digests already computed for this tx (see signDigest). */
  digests?: SignDigestMemo[];
}

export interface SignDigestMemo {
  mode: number;
  chainId: string;
  accountNumber: bigint;
  sequence: bigint;
  digest: Uint8Array;
}

/**
 * Decoding is a pure function of the bytes, so FinalizeBlock can reuse what CheckTx decoded. Entries
 * are keyed by the bytes themselves (latin1 string) and the cache is bounded; callers must treat
 * decoded txs as immutable.
 */
export class DecodedTxCache {
  private readonly m = new Map<string, DecodedTx>();
  constructor(
    private readonly router: ReadonlyMap<string, MsgHandler>,
    readonly maxEntries = 20_000,
    /** Larger txs (contract uploads) are decoded every time rather than kept as huge keys. */
    readonly maxTxBytes = 16 * 1024,
  ) {}

  decode(bytes: Uint8Array): DecodedTx {
    if (bytes.length > this.maxTxBytes) return decodeTx(bytes, this.router);
    const key = latin1(bytes);
    const hit = this.m.get(key);
    if (hit) return hit;
    const tx = decodeTx(bytes, this.router);
    if (this.m.size >= this.maxEntries) this.m.delete(this.m.keys().next().value!);
    this.m.set(key, tx);
    return tx;
  }
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
