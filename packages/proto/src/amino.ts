// Legacy amino JSON sign docs (SIGN_MODE_LEGACY_AMINO_JSON, and the EIP-191 variant MetaMask uses):
// what cosmjs `makeSignDoc` / `serializeSignDoc` (bundled with secretjs) produce, so the node can
// rebuild the exact bytes a client signed from the decoded tx.

import type { Any } from 'cosmjs-types/google/protobuf/any';
import type { Fee } from 'cosmjs-types/cosmos/tx/v1beta1/tx';
import { ProtoError } from './errors.js';
import { aminoCoins, type AminoCoin, type AminoMsg } from './amino-convert.js';
import type { TypeRegistry } from './registry.js';
import { registry as defaultRegistry } from './defaults.js';

export type { AminoValue, AminoMsg, AminoConverter, AminoCoin } from './amino-convert.js';
export { aminoCoins } from './amino-convert.js';

export interface StdFee {
  readonly amount: readonly AminoCoin[];
  readonly gas: string;
  readonly payer?: string;
  readonly granter?: string;
}

export interface StdSignDoc {
  readonly chain_id: string;
  readonly account_number: string;
  readonly sequence: string;
  readonly fee: StdFee;
  readonly msgs: readonly AminoMsg[];
  readonly memo: string;
  readonly timeout_height?: string;
}

/** `{type, value}` of a decoded message; throws ProtoError if the type has no amino converter. */
export function aminoMsg(typeUrl: string, message: unknown, reg: TypeRegistry = defaultRegistry): AminoMsg {
  const converter = reg.lookup(typeUrl)?.amino;
  if (!converter) throw new ProtoError('amino', `no amino JSON converter for ${typeUrl}`, typeUrl);
  return { type: converter.aminoType, value: converter.toAmino(message) };
}

/** Decodes an Any (tx body message) and converts it to amino JSON. */
export function aminoMsgFromAny(any: Any, reg: TypeRegistry = defaultRegistry): AminoMsg {
  return aminoMsg(any.typeUrl, reg.decodeAny(any).value, reg);
}

/** Protobuf Fee -> amino StdFee (payer / granter only when set, like the SDK's omitempty). */
export function aminoFee(fee: Fee): StdFee {
  return {
    amount: aminoCoins(fee.amount),
    gas: fee.gasLimit.toString(),
    ...(fee.payer ? { payer: fee.payer } : {}),
    ...(fee.granter ? { granter: fee.granter } : {}),
  };
}

export interface AminoSignDocInput {
  readonly chainId: string;
  readonly accountNumber: bigint | number | string;
  readonly sequence: bigint | number | string;
  /** Protobuf Fee (from AuthInfo) or an already converted StdFee. */
  readonly fee: Fee | StdFee;
  readonly msgs: readonly AminoMsg[];
  readonly memo?: string;
  readonly timeoutHeight?: bigint | number | string;
}

function isStdFee(fee: Fee | StdFee): fee is StdFee {
  return 'gas' in fee;
}

export function makeAminoSignDoc(input: AminoSignDocInput): StdSignDoc {
  const timeout = input.timeoutHeight === undefined ? 0n : BigInt(input.timeoutHeight);
  return {
    chain_id: input.chainId,
    account_number: BigInt(input.accountNumber).toString(),
    sequence: BigInt(input.sequence).toString(),
    fee: isStdFee(input.fee) ? input.fee : aminoFee(input.fee),
    msgs: input.msgs,
    memo: input.memo ?? '',
    ...(timeout !== 0n ? { timeout_height: timeout.toString() } : {}),
  };
}

function sortKeys(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(sortKeys);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) out[k] = sortKeys((v as Record<string, unknown>)[k]);
  return out;
}

/** Compact JSON with object keys sorted recursively (undefined members dropped, as JSON.stringify does). */
export function sortedJsonStringify(v: unknown): string {
  return JSON.stringify(sortKeys(v));
}

/** The bytes signed in SIGN_MODE_LEGACY_AMINO_JSON (before sha256): sorted JSON with & < > escaped. */
export function serializeAminoSignDoc(doc: StdSignDoc): Uint8Array {
  const json = sortedJsonStringify(doc).replace(/&/g, '\\u0026').replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return new TextEncoder().encode(json);
}

/**
 * The bytes hashed (keccak256) in SIGN_MODE_EIP_191: "\x19Ethereum Signed Message:\n" + byte length +
 * the sign doc as sorted JSON pretty-printed with 4 spaces (no escaping), as secretjs's MetaMaskWallet does.
 */
export function eip191SignBytes(doc: StdSignDoc): Uint8Array {
  const body = new TextEncoder().encode(JSON.stringify(sortKeys(doc), null, 4));
  const prefix = new TextEncoder().encode(`\x19Ethereum Signed Message:\n${body.length}`);
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}
