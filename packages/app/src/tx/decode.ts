// Decode TxRaw bytes into body, auth info and typed messages, with the SDK's parse errors.
import { AuthInfo, BinaryReader, TxBody, TxRaw } from '../proto.js';
import type { MsgHandler } from '../module.js';
import type { Coin } from '../coins.js';
import { SdkErrors } from '../errors.js';
import { bytesEqual, latin1 } from '../binary.js';
import { OldestFirst } from '@scrtd/crypto';

export interface DecodedMsg {
  typeUrl: string;
  value: Uint8Array;
  handler: MsgHandler;
  msg: unknown;
  /** bech32 of the first signer for the message event (null: none); filled on first use. */
  sender?: string | null;
}

export interface DecodedTx {
  bytes: Uint8Array;
  /** A private copy of `bytes` (the decoded fields are views of it); never modified. */
  copy: Uint8Array;
  raw: TxRaw;
  body: TxBody;
  authInfo: AuthInfo;
  msgs: DecodedMsg[];
  /** Unique signer addresses in order of first appearance (GetSigners). */
  signers: Uint8Array[];
  /** Sign digests already computed for this tx (see signDigest). */
  digests?: SignDigestMemo[];
  /** raw.signatures in base64, for the ante handler's events (filled on first use). */
  signaturesBase64?: string[];
  /** authInfo.fee.amount parsed by the ante handler (filled on first successful parse; never modified). */
  feeCoins?: Coin[];
  /** The CheckTx sender, "<bech32 of first signer>/<sequence>" (filled on first use). */
  anteSender?: string;
  /** Decoded secp256k1 keys of the signer infos, by index (filled on first use; never modified). */
  signerPubkeys?: Uint8Array[];
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
  private readonly oldest = new OldestFirst(this.m);
  /**
   * The key built for a tx array before, by array identity: the mempool passes the same arrays to
   * CheckTx and to every recheck (and FinalizeBlock gets them back for blocks this node proposes), so
   * the latin1 key of the whole tx need not be rebuilt each time. A hit is used only if the array
   * still holds the bytes that were decoded (it may have been changed since); entries live as long as
   * the arrays do.
   */
  private readonly keys = new WeakMap<Uint8Array, string>();
  constructor(
    private readonly router: ReadonlyMap<string, MsgHandler>,
    readonly maxEntries = 20_000,
    /** Larger txs (contract uploads) are decoded every time rather than kept as huge keys. */
    readonly maxTxBytes = 16 * 1024,
  ) {}

  decode(bytes: Uint8Array): DecodedTx {
    if (bytes.length > this.maxTxBytes) return decodeTx(bytes, this.router);
    const known = this.keys.get(bytes);
    if (known !== undefined) {
      const hit = this.m.get(known);
      if (hit && Buffer.compare(hit.copy, bytes) === 0) return hit;
    }
    const key = latin1(bytes);
    this.keys.set(bytes, key);
    const hit = this.m.get(key);
    if (hit) return hit;
    const tx = decodeTx(bytes, this.router);
    if (this.m.size >= this.maxEntries) this.oldest.evict();
    this.oldest.set(key, tx);
    return tx;
  }

  /**
   * Drop a tx's entry once it is in a block: it will not be checked again, and decoded txs that stay
   * cached are old-generation data every major GC has to mark.
   */
  forget(bytes: Uint8Array): void {
    const known = this.keys.get(bytes);
    if (known !== undefined) this.m.delete(known);
  }
}

/**
 * A BinaryReader over the very array it is given. The stock constructor copies its input, so decoding
 * TxRaw, then TxBody and AuthInfo from its fields, copied the tx three times (off-heap allocations, as
 * the arrays are over 64 bytes); decodeTx now copies it once and reads everything from that copy,
 * which is just as private to the decoded tx. Strings take an ASCII fast path (type URLs, addresses,
 * denoms): for ASCII bytes UTF-8 and latin1 decode to the same string; anything else is re-read by the
 * stock decoder, so results and errors are unchanged.
 */
class TxReader extends BinaryReader {
  constructor(buf: Uint8Array) {
    super();
    this.buf = buf;
    this.len = buf.length;
  }

  override string(): string {
    const start = this.pos;
    const b = this.bytes();
    for (let i = 0; i < b.length; i++) {
      if (b[i]! > 0x7f) {
        this.pos = start;
        return super.string();
      }
    }
    return latin1(b);
  }
}

/**
 * A reader for decoding a message from `bytes` in place (see TxReader). Only for message types whose
 * decoded form holds no byte fields (strings and numbers only), so nothing decoded aliases `bytes`.
 */
export function inPlaceReader(bytes: Uint8Array): InstanceType<typeof BinaryReader> {
  return new TxReader(bytes);
}

export function decodeTx(bytes: Uint8Array, router: ReadonlyMap<string, MsgHandler>): DecodedTx {
  let raw: TxRaw, body: TxBody, authInfo: AuthInfo, copy: Uint8Array;
  try {
    // The one copy (what BinaryReader's constructor did with `bytes`): decoded fields are views of it.
    copy = new Uint8Array(bytes);
    raw = TxRaw.decode(new TxReader(copy));
    body = TxBody.decode(new TxReader(raw.bodyBytes));
    authInfo = AuthInfo.decode(new TxReader(raw.authInfoBytes));
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
  return { bytes, copy, raw, body, authInfo, msgs, signers };
}
