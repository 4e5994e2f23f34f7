// Build and sign txs (SIGN_MODE_DIRECT or LEGACY_AMINO_JSON) as a client would: used by the CLI,
// tests and benchmarks. The mirror of decode.ts / signing.ts.
import { AuthInfo, Secp256k1PubKey, SignDoc, SignMode, TxBody, TxRaw } from '../proto.js';
import { aminoMsg, makeAminoSignDoc, serializeAminoSignDoc } from '@scrtd/proto';
import { secp256k1Sign, sha256 } from '@scrtd/crypto';
import type { EncodedMsg } from '../module.js';

export interface TxSigner {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  accountNumber: bigint;
  sequence: bigint;
}

export interface BuildTxOptions {
  chainId: string;
  msgs: EncodedMsg[];
  /** Decoded messages, needed only for amino signing. */
  aminoMsgs?: { typeUrl: string; msg: unknown }[];
  fee: { denom: string; amount: string }[];
  gasLimit: bigint;
  memo?: string;
  timeoutHeight?: bigint;
  signMode?: SignMode;
  feePayer?: string;
  feeGranter?: string;
}

export function buildSignedTx(opts: BuildTxOptions, signers: TxSigner[]): Uint8Array {
  const mode = opts.signMode ?? SignMode.SIGN_MODE_DIRECT;
  const bodyBytes = TxBody.encode(
    TxBody.fromPartial({ messages: opts.msgs, memo: opts.memo ?? '', timeoutHeight: opts.timeoutHeight ?? 0n }),
  ).finish();
  const authInfoBytes = AuthInfo.encode(
    AuthInfo.fromPartial({
      signerInfos: signers.map((s) => ({
        publicKey: { typeUrl: '/cosmos.crypto.secp256k1.PubKey', value: Secp256k1PubKey.encode({ key: s.publicKey }).finish() },
        modeInfo: { single: { mode } },
        sequence: s.sequence,
      })),
      fee: { amount: opts.fee, gasLimit: opts.gasLimit, payer: opts.feePayer ?? '', granter: opts.feeGranter ?? '' },
    }),
  ).finish();
  const signatures = signers.map((s) => {
    let digest: Uint8Array;
    if (mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON) {
      if (!opts.aminoMsgs) throw new Error('amino signing needs the decoded messages');
      const doc = makeAminoSignDoc({
        chainId: opts.chainId,
        accountNumber: s.accountNumber,
        sequence: s.sequence,
        fee: { amount: opts.fee, gasLimit: opts.gasLimit, granter: opts.feeGranter ?? '', payer: opts.feePayer ?? '' },
        msgs: opts.aminoMsgs.map((m) => aminoMsg(m.typeUrl, m.msg)),
        memo: opts.memo ?? '',
        timeoutHeight: opts.timeoutHeight ?? 0n,
      });
      digest = sha256(serializeAminoSignDoc(doc));
    } else {
      digest = sha256(SignDoc.encode({ bodyBytes, authInfoBytes, chainId: opts.chainId, accountNumber: s.accountNumber }).finish());
    }
    return secp256k1Sign(digest, s.privateKey);
  });
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures }).finish();
}
