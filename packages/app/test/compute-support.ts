// Helpers for compute tests: WAT compilation, an enclave over fixed seeds, and client-side
// encryption/decryption exactly as secretjs does it (SecretEncryptor from @scrtd/crypto).
import { readFileSync } from 'node:fs';
import { SecretEncryptor, fromBase64, fromUtf8, sha256, toHex, fromBech32Address } from '@scrtd/crypto';
import { Enclave } from '@scrtd/enclave';
import { compute, TxMsgData } from '@scrtd/proto';
import type { EncodedMsg, ExecTxResult } from '../src/index.js';
import type { Harness, Wallet } from './harness.js';

type Wabt = { parseWat(n: string, t: string, f?: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void } };

export async function watFile(name: string): Promise<Uint8Array> {
  const text = readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8');
  const wabt = (await ((await import('wabt')).default as unknown as () => Promise<Wabt>)()) as Wabt;
  const m = wabt.parseWat(name, text, { bulk_memory: true });
  try {
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

export function testEnclave(): Enclave {
  return Enclave.fromSeeds([new Uint8Array(32).fill(0x41), new Uint8Array(32).fill(0x42)]);
}

/** A client: encrypts messages for the node's IO key and opens the outputs, like secretjs. */
export class Client {
  readonly enc = new SecretEncryptor();
  constructor(readonly io: Uint8Array) {}

  encrypt(codeHash: string, msg: unknown): Uint8Array {
    return this.enc.encrypt(this.io, codeHash, msg);
  }
  open(nonceSource: Uint8Array, ct: Uint8Array): string {
    return fromUtf8(this.enc.decrypt(this.io, ct, nonceSource.subarray(0, 32)));
  }
  /** data field: decrypt → base64 text → bytes. */
  data(wire: Uint8Array, ct: Uint8Array): string {
    return fromUtf8(fromBase64(this.open(wire, ct)));
  }
  /** A `wasm` attribute (base64 ciphertext) or the original when it does not open. */
  attr(wire: Uint8Array, v: string): string {
    try {
      return this.open(wire, fromBase64(v)).trim();
    } catch {
      return v;
    }
  }
  /** Error text of a failed tx: the `encrypted: <b64>` part opened. */
  error(wire: Uint8Array, log: string): string {
    const m = /encrypted: (.+?): (?:instantiate|execute|query|reply to|migrate) contract failed/.exec(log);
    if (!m) return log;
    return this.open(wire, fromBase64(m[1]!));
  }
}

export const codeHashOf = (wasm: Uint8Array) => toHex(sha256(wasm));

const T = '/secret.compute.v1beta1.';
export const msgs = {
  store: (sender: string, wasm: Uint8Array): EncodedMsg => ({
    typeUrl: `${T}MsgStoreCode`,
    value: compute.MsgStoreCode.encode({ sender: fromBech32Address(sender), wasmByteCode: wasm, source: '', builder: '' }).finish(),
  }),
  instantiate: (sender: string, codeId: bigint, label: string, initMsg: Uint8Array, o: { admin?: string; funds?: { denom: string; amount: string }[] } = {}): EncodedMsg => ({
    typeUrl: `${T}MsgInstantiateContract`,
    value: compute.MsgInstantiateContract.encode({
      sender: fromBech32Address(sender),
      callbackCodeHash: '',
      codeId,
      label,
      initMsg,
      initFunds: o.funds ?? [],
      callbackSig: new Uint8Array(0),
      admin: o.admin ?? '',
    }).finish(),
  }),
  execute: (sender: string, contract: string, msg: Uint8Array, funds: { denom: string; amount: string }[] = []): EncodedMsg => ({
    typeUrl: `${T}MsgExecuteContract`,
    value: compute.MsgExecuteContract.encode({
      sender: fromBech32Address(sender),
      contract: fromBech32Address(contract),
      msg,
      callbackCodeHash: '',
      sentFunds: funds,
      callbackSig: new Uint8Array(0),
    }).finish(),
  }),
  migrate: (sender: string, contract: string, codeId: bigint, msg: Uint8Array): EncodedMsg => ({
    typeUrl: `${T}MsgMigrateContract`,
    value: compute.MsgMigrateContract.encode({ sender, contract, codeId, msg, callbackSig: new Uint8Array(0), callbackCodeHash: '' }).finish(),
  }),
  updateAdmin: (sender: string, contract: string, newAdmin: string): EncodedMsg => ({
    typeUrl: `${T}MsgUpdateAdmin`,
    value: compute.MsgUpdateAdmin.encode({ sender, contract, newAdmin, callbackSig: new Uint8Array(0) }).finish(),
  }),
  clearAdmin: (sender: string, contract: string): EncodedMsg => ({
    typeUrl: `${T}MsgClearAdmin`,
    value: compute.MsgClearAdmin.encode({ sender, contract, callbackSig: new Uint8Array(0) }).finish(),
  }),
};

/** Sign and run one block with these msgs from `w`; returns the result. */
export async function run(h: Harness, w: Wallet, m: EncodedMsg[], gas = 400_000n): Promise<ExecTxResult> {
  const [r] = await h.block([h.signTx(w, m, { gas, fee: gas / 10n })]);
  return r!;
}

export function msgResponses(r: ExecTxResult): Uint8Array[] {
  return TxMsgData.decode(r.data).msgResponses.map((a) => a.value);
}

export function querySmart(h: Harness, contract: string, wire: Uint8Array): { code: number; data?: Uint8Array; log: string } {
  const r = h.app.query({
    path: '/secret.compute.v1beta1.Query/QuerySecretContract',
    data: compute.QuerySecretContractRequest.encode({ contractAddress: contract, query: wire }).finish(),
    height: 0,
    prove: false,
  });
  if (r.code !== 0) return { code: r.code, log: r.log };
  return { code: 0, data: compute.QuerySecretContractResponse.decode(r.value).data, log: '' };
}
