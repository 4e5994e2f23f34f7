// Test harness: an app over an in-memory store with the development accounts funded at genesis.
import { readFileSync } from 'node:fs';
import { keyFromMnemonic } from '@scrtd/crypto';
import { createMemoryCommitMultiStore } from '@scrtd/store';
import { auth, bank, type SignMode } from '@scrtd/proto';
import type { EnclaveBackend } from '@scrtd/enclave';
import { createScrtApp, defaultAppState, APP_STORE_NAMES, buildSignedTx, type ScrtApp, type ExecTxResult, type EncodedMsg } from '../src/index.js';

const { MsgSend, QueryBalanceRequest, QueryBalanceResponse } = bank;
const { QueryAccountRequest, QueryAccountResponse, BaseAccount } = auth;

export const CHAIN_ID = 'secretdev-1';
const devAccountsPath = new URL('../../../../../shared/reference/dev-accounts.json', import.meta.url);
export const devAccounts = JSON.parse(readFileSync(devAccountsPath, 'utf8')) as {
  accounts: { index: number; name: string; mnemonic: string; address: string }[];
};

export interface Wallet {
  name: string;
  address: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export function wallet(name: string): Wallet {
  const a = devAccounts.accounts.find((x) => x.name === name)!;
  const k = keyFromMnemonic(a.mnemonic, 0);
  return { name, address: k.address, privateKey: k.privateKey, publicKey: k.publicKey };
}

export const GENESIS_BALANCE = 1_000_000_000_000_000_000n;
export const FUNDED = ['validator', 'a', 'b', 'c', 'd-relayer'];

export function genesisAppState(ioKey?: Uint8Array): Record<string, any> {
  const state = defaultAppState() as Record<string, any>;
  const funded = FUNDED.map(wallet);
  state.auth.accounts = funded.map((w) => ({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address: w.address, pub_key: null, account_number: '0', sequence: '0' }));
  state.bank.balances = funded.map((w) => ({ address: w.address, coins: [{ denom: 'uscrt', amount: GENESIS_BALANCE.toString() }] }));
  state.register.io_master_key = { bytes: Buffer.from(ioKey ?? Buffer.alloc(32, 7)).toString('base64') };
  state.register.node_exch_master_key = { bytes: Buffer.alloc(32, 8).toString('base64') };
  return state;
}

export class Harness {
  height = 0;
  private timeMs = Date.UTC(2026, 0, 1);
  constructor(readonly app: ScrtApp) {}

  static async create(o: { enclave?: EnclaveBackend; queryGasLimit?: bigint } = {}): Promise<Harness> {
    const store = createMemoryCommitMultiStore([...APP_STORE_NAMES]);
    const app = createScrtApp({ chainId: CHAIN_ID, minGasPrices: '0.0125uscrt', queryGasLimit: o.queryGasLimit }, { store, enclave: o.enclave });
    const h = new Harness(app);
    app.initChain({
      time: '2026-01-01T00:00:00.000000000Z',
      chainId: CHAIN_ID,
      initialHeight: 1,
      appStateBytes: new TextEncoder().encode(JSON.stringify(genesisAppState(o.enclave?.publicKeys().ioPubKey))),
      validators: [],
    });
    await h.block([]);
    return h;
  }

  async block(txs: Uint8Array[]): Promise<ExecTxResult[]> {
    this.height++;
    this.timeMs += 1000;
    const ns = BigInt(this.timeMs) * 1_000_000n;
    const time = new Date(this.timeMs).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
    const res = this.app.finalizeBlock({
      txs,
      header: { height: this.height, time, timeNs: ns, chainId: CHAIN_ID, proposerAddress: new Uint8Array(20), hash: new Uint8Array(32) },
    });
    await this.app.commit();
    return res.txResults;
  }

  account(address: string): { accountNumber: bigint; sequence: bigint } | undefined {
    const r = this.app.query({ path: '/cosmos.auth.v1beta1.Query/Account', data: QueryAccountRequest.encode({ address }).finish(), height: 0, prove: false });
    if (r.code !== 0) return undefined;
    const acc = BaseAccount.decode(QueryAccountResponse.decode(r.value).account!.value);
    return { accountNumber: acc.accountNumber, sequence: acc.sequence };
  }

  balance(address: string, height = 0): bigint {
    const r = this.app.query({ path: '/cosmos.bank.v1beta1.Query/Balance', data: QueryBalanceRequest.encode({ address, denom: 'uscrt' }).finish(), height, prove: false });
    if (r.code !== 0) throw new Error(r.log);
    return BigInt(QueryBalanceResponse.decode(r.value).balance!.amount);
  }

  /** Sign msgs from `w` with its current account number and sequence (overridable). */
  signTx(
    w: Wallet,
    msgs: EncodedMsg[],
    o: { fee?: bigint; gas?: bigint; memo?: string; sequence?: bigint; accountNumber?: bigint; chainId?: string; signMode?: SignMode; aminoMsgs?: { typeUrl: string; msg: unknown }[] } = {},
  ): Uint8Array {
    const acc = this.account(w.address) ?? { accountNumber: 0n, sequence: 0n };
    return buildSignedTx(
      {
        chainId: o.chainId ?? CHAIN_ID,
        msgs,
        aminoMsgs: o.aminoMsgs,
        fee: [{ denom: 'uscrt', amount: String(o.fee ?? 2500n) }],
        gasLimit: o.gas ?? 25_000n,
        memo: o.memo,
        signMode: o.signMode,
      },
      [{ privateKey: w.privateKey, publicKey: w.publicKey, accountNumber: o.accountNumber ?? acc.accountNumber, sequence: o.sequence ?? acc.sequence }],
    );
  }
}

export function msgSend(from: string, to: string, amount: string | bigint, denom = 'uscrt'): EncodedMsg {
  return { typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSend.encode({ fromAddress: from, toAddress: to, amount: [{ denom, amount: String(amount) }] }).finish() };
}

export function attrs(r: ExecTxResult): string[] {
  return r.events.flatMap((e) => e.attributes.map((a) => `${e.type}.${a.key}=${a.value}`));
}
