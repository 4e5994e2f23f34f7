// secretjs clients for the dev accounts, plus the tx options every e2e test uses.
import { SecretNetworkClient, Wallet, type TxOptions } from 'secretjs';
import { CHAIN_ID, devAccount } from './dev-accounts.js';

export interface Signer {
  readonly name: string;
  readonly address: string;
  readonly client: SecretNetworkClient;
}

const wallets = new Map<string, Wallet>();

/** secretjs Wallet of a dev account (derivation is cached per process). */
export function walletOf(name: string): Wallet {
  let w = wallets.get(name);
  if (!w) {
    w = new Wallet(devAccount(name).mnemonic);
    wallets.set(name, w);
  }
  return w;
}

/** A signing secretjs client for the dev account `name`. */
export function signer(url: string, name: string, chainId: string = CHAIN_ID): Signer {
  const wallet = walletOf(name);
  if (wallet.address !== devAccount(name).address) throw new Error(`secretjs derived ${wallet.address} for ${name}`);
  return { name, address: wallet.address, client: new SecretNetworkClient({ url, chainId, wallet, walletAddress: wallet.address }) };
}

/** A read-only secretjs client. */
export function reader(url: string): SecretNetworkClient {
  return new SecretNetworkClient({ url, chainId: CHAIN_ID });
}

/** Fast polling: the dev node makes a block every ~100 ms. */
export const FAST: TxOptions = { broadcastCheckIntervalMs: 100, broadcastTimeoutMs: 20_000 };

/** fee = ceil(gasLimit × price), as secretjs computes it. */
export function feeOf(gasLimit: number, gasPrice = 0.1): bigint {
  return BigInt(Math.ceil(gasLimit * gasPrice));
}

export async function balanceOf(client: SecretNetworkClient, address: string, height?: number): Promise<bigint> {
  const headers = height === undefined ? undefined : { 'x-cosmos-block-height': String(height) };
  const r = await client.query.bank.balance({ address, denom: 'uscrt' }, headers);
  if (r.balance?.denom !== 'uscrt') throw new Error(`unexpected balance response ${JSON.stringify(r)}`);
  return BigInt(r.balance.amount ?? 'NaN');
}

export async function sequenceOf(url: string, address: string): Promise<bigint> {
  const r = await fetch(`${url}/cosmos/auth/v1beta1/accounts/${address}`);
  const body = (await r.json()) as { account?: { sequence?: string } };
  if (!r.ok || body.account?.sequence === undefined) throw new Error(`account ${address}: HTTP ${r.status} ${JSON.stringify(body)}`);
  return BigInt(body.account.sequence);
}

export async function latestHeight(url: string): Promise<number> {
  const r = await fetch(`${url}/cosmos/base/tendermint/v1beta1/blocks/latest`);
  const body = (await r.json()) as { block?: { header?: { height?: string } } };
  return Number(body.block?.header?.height);
}

/** Wait until the chain is past `height`. */
export async function waitForHeight(url: string, height: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await latestHeight(url)) < height) {
    if (Date.now() > deadline) throw new Error(`chain did not reach height ${height}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
