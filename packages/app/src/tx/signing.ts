// Sign bytes for SIGN_MODE_DIRECT and SIGN_MODE_LEGACY_AMINO_JSON.
import { SignDoc, SignMode } from '../proto.js';
import { aminoMsg, makeAminoSignDoc, serializeAminoSignDoc } from '@scrtd/proto';
import { sha256 } from '@scrtd/crypto';
import { SdkErrors } from '../errors.js';
import type { DecodedTx } from './decode.js';

export interface SignerData {
  chainId: string;
  accountNumber: bigint;
  sequence: bigint;
}

/**
 * The 32-byte digest that a secp256k1 signature of this signer covers. Memoised on the decoded tx
 * (shared between CheckTx and FinalizeBlock through the decode cache): it is a pure function of the
 * tx and the signer data.
 */
export function signDigest(tx: DecodedTx, mode: SignMode, signer: SignerData): Uint8Array {
  // A short list compared field by field: cheaper than building a string key with bigints.
  const memo = (tx.digests ??= []);
  for (const m of memo) {
    if (m.mode === mode && m.accountNumber === signer.accountNumber && m.sequence === signer.sequence && m.chainId === signer.chainId) return m.digest;
  }
  const digest = computeDigest(tx, mode, signer);
  if (memo.length >= MAX_MEMO_PER_TX) memo.shift();
  memo.push({ mode, chainId: signer.chainId, accountNumber: signer.accountNumber, sequence: signer.sequence, digest });
  return digest;
}

/** Distinct signer data seen for one tx is normally one entry per signer. */
const MAX_MEMO_PER_TX = 8;

function computeDigest(tx: DecodedTx, mode: SignMode, signer: SignerData): Uint8Array {
  if (mode === SignMode.SIGN_MODE_DIRECT) {
    const doc = SignDoc.encode({
      bodyBytes: tx.raw.bodyBytes,
      authInfoBytes: tx.raw.authInfoBytes,
      chainId: signer.chainId,
      accountNumber: signer.accountNumber,
    }).finish();
    return sha256(doc);
  }
  if (mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON) {
    const fee = tx.authInfo.fee!;
    const doc = makeAminoSignDoc({
      chainId: signer.chainId,
      accountNumber: signer.accountNumber,
      sequence: signer.sequence,
      fee,
      msgs: tx.msgs.map((m) => aminoMsg(m.typeUrl, m.msg)),
      memo: tx.body.memo,
      timeoutHeight: tx.body.timeoutHeight,
    });
    return sha256(serializeAminoSignDoc(doc));
  }
  throw SdkErrors.NotSupported.wrap(`unsupported sign mode ${SignMode[mode] ?? mode}`);
}
