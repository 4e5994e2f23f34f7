// Reading a committed compute tx: code id and contract address from the events, message responses
// from TxMsgData, and (for the key that sent it) the decrypted data, wasm attributes and errors.
import { compute, TxMsgData } from '@scrtd/proto';
import { fromHex } from '@scrtd/crypto';
import { displayBytes, type Attribute, type ContractCrypto } from './contract-crypto.js';
import { txSummary } from './tx-submit.js';

const P = '/secret.compute.v1beta1.';

interface EventJson {
  type: string;
  attributes?: { key: string; value: string }[];
}

/** The first value of `type.key` among the tx events. */
export function eventValue(tx: Record<string, any>, type: string, key: string): string | undefined {
  for (const e of (tx.events ?? []) as EventJson[]) {
    if (e.type !== type) continue;
    const a = e.attributes?.find((x) => x.key === key);
    if (a) return a.value;
  }
  return undefined;
}

export interface MsgResponseView {
  type: string;
  code_id?: string;
  contract_address?: string;
  /** Raw (still encrypted) response data. */
  rawData?: Uint8Array;
}

/** The message responses of TxMsgData (tx_response.data is its hex). */
export function msgResponses(tx: Record<string, any>): MsgResponseView[] {
  if (typeof tx.data !== 'string' || tx.data === '') return [];
  const out: MsgResponseView[] = [];
  for (const any of TxMsgData.decode(fromHex(tx.data)).msgResponses) {
    const type = any.typeUrl.startsWith('/') ? any.typeUrl.slice(1) : any.typeUrl;
    switch (any.typeUrl) {
      case `${P}MsgStoreCodeResponse`:
        out.push({ type, code_id: compute.MsgStoreCodeResponse.decode(any.value).codeId.toString() });
        break;
      case `${P}MsgInstantiateContractResponse`: {
        const r = compute.MsgInstantiateContractResponse.decode(any.value);
        out.push({ type, contract_address: r.address, rawData: r.data });
        break;
      }
      case `${P}MsgExecuteContractResponse`:
        out.push({ type, rawData: compute.MsgExecuteContractResponse.decode(any.value).data });
        break;
      case `${P}MsgMigrateContractResponse`:
        out.push({ type, rawData: compute.MsgMigrateContractResponse.decode(any.value).data });
        break;
      default:
        out.push({ type });
    }
  }
  return out;
}

/** Attributes of the `wasm` and `wasm-*` events, decrypted where they open under one of `nonces`. */
export function wasmAttributes(tx: Record<string, any>, crypto: ContractCrypto | undefined, nonces: readonly Uint8Array[]): Attribute[] {
  const out: Attribute[] = [];
  for (const e of (tx.events ?? []) as EventJson[]) {
    if (e.type !== 'wasm' && !e.type.startsWith('wasm-')) continue;
    for (const a of e.attributes ?? []) {
      const plain = crypto ? crypto.decryptAttribute(a, nonces) : { key: a.key, value: a.value };
      out.push(e.type === 'wasm' ? plain : { key: `${e.type}.${plain.key}`, value: plain.value });
    }
  }
  return out;
}

/** Response data for printing: decrypted with `nonce` when possible, else the raw bytes in base64. */
function dataView(raw: Uint8Array | undefined, crypto: ContractCrypto | undefined, nonce: Uint8Array | undefined): Record<string, unknown> {
  if (!raw || raw.length === 0) return {};
  if (crypto && nonce) {
    try {
      return displayBytes(crypto.decryptData(raw, nonce));
    } catch {
      // not encrypted for us
    }
  }
  return { encrypted_data_base64: Buffer.from(raw).toString('base64') };
}

export interface DecodedComputeTx {
  /** Summary fields; raw_log has the decrypted error in place of the ciphertext when it is ours. */
  summary: Record<string, unknown>;
  /** The decrypted contract error, when the tx failed in a contract we can decrypt. */
  error?: string;
  /** Per message: code id / contract address / decrypted data. */
  responses: Record<string, unknown>[];
  wasm: Attribute[];
}

/**
 * Everything printable about a committed compute tx. `nonces[i]` is the nonce of message i
 * (undefined for messages without an encrypted payload).
 */
export function decodeComputeTx(tx: Record<string, any>, crypto: ContractCrypto | undefined, nonces: readonly (Uint8Array | undefined)[]): DecodedComputeTx {
  const known = nonces.filter((n): n is Uint8Array => n !== undefined);
  const summary = txSummary(tx);
  let error: string | undefined;
  if (crypto && typeof tx.raw_log === 'string') {
    const d = crypto.decryptError(tx.raw_log, known);
    if (d) {
      error = d.error;
      summary.raw_log = d.log;
    }
  }
  const responses = msgResponses(tx).map((r, i) => ({
    type: r.type,
    ...(r.code_id !== undefined ? { code_id: r.code_id } : {}),
    ...(r.contract_address !== undefined ? { contract_address: r.contract_address } : {}),
    ...dataView(r.rawData, crypto, nonces[i]),
  }));
  return { summary, ...(error !== undefined ? { error } : {}), responses, wasm: wasmAttributes(tx, crypto, known) };
}
