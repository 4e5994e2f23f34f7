// Sign bytes for SIGN_MODE_DIRECT and SIGN_MODE_LEGACY_AMINO_JSON.
import { SignDoc, SignMode } from '../proto.js';
import { aminoMsg, makeAminoSignDoc, serializeAminoSignDoc } from '@scrtd/proto';
import { sha256 } from '@scrtd/crypto';
import { SdkErrors } from '../errors.js';
import type { DecodedTx } from './decode.js';
import { varintLength, writeVarint } from '../varint.js';

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
  if (mode === SignMode.SIGN_MODE_DIRECT) return directSignDigest(tx.raw.bodyBytes, tx.raw.authInfoBytes, signer.chainId, signer.accountNumber);
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

/** sha256 of the SIGN_MODE_DIRECT SignDoc: all a direct signature covers (no sequence: it is in the auth info). */
export function directSignDigest(bodyBytes: Uint8Array, authInfoBytes: Uint8Array, chainId: string, accountNumber: bigint): Uint8Array {
  const doc =
    encodeSignDocDirect(bodyBytes, authInfoBytes, chainId, accountNumber) ??
    SignDoc.encode({ bodyBytes, authInfoBytes, chainId, accountNumber }).finish();
  return sha256(doc);
}

const U63_END = 1n << 63n;

/**
 * SignDoc.encode(...).finish() written directly into one buffer (every tx needs it once; the generic
 * writer builds a chunk list). Same bytes: proto3 skips empty bytes, the empty string and a zero
 * account number. Returns undefined for a non-ASCII chain id or an account number outside
 * [0, 2^63), which the generic writer handles. The result is a view of a shared scratch buffer,
 * valid until the next call: hash it at once.
 */
function encodeSignDocDirect(body: Uint8Array, authInfo: Uint8Array, chainId: string, accountNumber: bigint): Uint8Array | undefined {
  if (accountNumber < 0n || accountNumber >= U63_END) return undefined;
  for (let i = 0; i < chainId.length; i++) if (chainId.charCodeAt(i) > 0x7f) return undefined;
  let numLen = 0;
  for (let v = accountNumber; v > 0n; v >>= 7n) numLen++;
  let total = 0;
  if (body.length > 0) total += 1 + varintLength(body.length) + body.length;
  if (authInfo.length > 0) total += 1 + varintLength(authInfo.length) + authInfo.length;
  if (chainId.length > 0) total += 1 + varintLength(chainId.length) + chainId.length;
  if (numLen > 0) total += 1 + numLen;
  // A reused scratch buffer: the document is only hashed, never kept (sha256 does not retain its
  // input), and a fresh array over 64 bytes would be an off-heap allocation per tx.
  if (scratch.length < total) scratch = new Uint8Array(Math.max(total, scratch.length * 2));
  const out = scratch;
  let pos = 0;
  if (body.length > 0) {
    out[pos++] = 0x0a;
    pos = writeVarint(out, pos, body.length);
    out.set(body, pos);
    pos += body.length;
  }
  if (authInfo.length > 0) {
    out[pos++] = 0x12;
    pos = writeVarint(out, pos, authInfo.length);
    out.set(authInfo, pos);
    pos += authInfo.length;
  }
  if (chainId.length > 0) {
    out[pos++] = 0x1a;
    pos = writeVarint(out, pos, chainId.length);
    for (let i = 0; i < chainId.length; i++) out[pos++] = chainId.charCodeAt(i);
  }
  if (numLen > 0) {
    out[pos++] = 0x20;
    let v = accountNumber;
    while (v >= 0x80n) {
      out[pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    out[pos++] = Number(v);
  }
  return out.subarray(0, total);
}

let scratch = new Uint8Array(1024);
