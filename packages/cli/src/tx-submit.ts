// What every `scrtd tx …` command shares: the common options, the fee, the signing key, and
// sign → broadcast (CheckTx) → wait for the block.
import type { Command } from 'commander';
import { keyFromMnemonic, type AccountKey } from '@scrtd/crypto';
import { LcdClient } from './lcd-client.js';
import { Keyring, type KeyRecord } from './keyring.js';
import { homeLayout } from './home.js';
import { parseCoinsArg } from './coins.js';
import { DEV_CHAIN_ID } from './dev-accounts.js';

export interface TxOpts {
  node: string;
  chainId: string;
  /** Explicit fee; when absent the fee is gas × gasPrices. */
  fees?: string;
  gas: string;
  gasPrices: string;
  memo: string;
  wait: boolean;
}

export const DEFAULT_GAS_PRICE = '0.1uscrt';

/** Adds --node, --chain-id, --fees, --gas, --gas-prices, --memo and --no-wait. */
export function withTxOptions(cmd: Command, defaultGas: number): Command {
  return cmd
    .option('--node <url>', 'LCD endpoint', 'http://127.0.0.1:1317')
    .option('--chain-id <id>', 'chain id', DEV_CHAIN_ID)
    .option('--gas <n>', 'gas limit', String(defaultGas))
    .option('--gas-prices <price>', 'fee per unit of gas when --fees is not given', DEFAULT_GAS_PRICE)
    .option('--fees <coins>', 'fee to pay (default: gas × gas price)')
    .option('--memo <text>', 'memo', '')
    .option('--no-wait', 'return after CheckTx instead of waiting for the block');
}

/** ceil(gas × price) for a price like 0.1uscrt. */
export function feeFromGasPrice(gas: bigint, price: string): { denom: string; amount: string }[] {
  const m = /^\s*(\d+)(?:\.(\d+))?\s*([a-zA-Z][a-zA-Z0-9/:._-]{2,127})\s*$/.exec(price);
  if (!m) throw new Error(`invalid gas price: ${JSON.stringify(price)} (expected e.g. 0.1uscrt)`);
  const frac = m[2] ?? '';
  const scale = 10n ** BigInt(frac.length);
  const num = gas * BigInt(m[1]! + frac);
  return [{ denom: m[3]!, amount: ((num + scale - 1n) / scale).toString() }];
}

export function feeOf(o: Pick<TxOpts, 'fees' | 'gas' | 'gasPrices'>): { denom: string; amount: string }[] {
  return o.fees !== undefined ? parseCoinsArg(o.fees) : feeFromGasPrice(parseGas(o.gas), o.gasPrices);
}

function parseGas(gas: string): bigint {
  if (!/^\d+$/.test(gas)) throw new Error(`invalid gas limit: ${JSON.stringify(gas)}`);
  return BigInt(gas);
}

export interface Signer {
  key: KeyRecord;
  account: AccountKey;
}

/** A key of the keyring (by name or address) with its private key derived. */
export function loadSigner(home: string, from: string): Signer {
  const key = new Keyring(homeLayout(home).keyring).resolve(from);
  if (!key) throw new Error(`key ${from} not found in the keyring (add it with: scrtd keys add ${from} --recover)`);
  return { key, account: keyFromMnemonic(key.mnemonic, key.index) };
}

export interface CheckTxResult {
  txhash: string;
  code: number;
  codespace: string;
  raw_log: string;
}

export type Submitted = { committed: false; checkTx: CheckTxResult } | { committed: true; checkTx: CheckTxResult; tx: Record<string, any> };

/** Sign, broadcast, and (unless --no-wait or CheckTx failed) wait for the block. */
export async function submitTx(lcd: LcdClient, signer: Signer, msgs: { typeUrl: string; value: Uint8Array }[], o: TxOpts): Promise<Submitted> {
  const acc = await lcd.account(signer.key.address);
  const { buildSignedTx } = await import('@scrtd/app'); // loaded here: the app stack is heavy to import
  const txBytes = buildSignedTx(
    { chainId: o.chainId, msgs, fee: feeOf(o), gasLimit: parseGas(o.gas), memo: o.memo },
    [{ privateKey: signer.account.privateKey, publicKey: signer.account.publicKey, accountNumber: acc.accountNumber, sequence: acc.sequence }],
  );
  const checkTx = await lcd.broadcast(txBytes);
  if (checkTx.code !== 0 || !o.wait) return { committed: false, checkTx };
  return { committed: true, checkTx, tx: await lcd.waitForTx(checkTx.txhash) };
}

/** The fields of a committed tx response the CLI prints. */
export function txSummary(tx: Record<string, any>): Record<string, unknown> {
  return { txhash: tx.txhash, height: tx.height, code: tx.code, codespace: tx.codespace, raw_log: tx.raw_log, gas_used: tx.gas_used, gas_wanted: tx.gas_wanted };
}

/** Prints a result as JSON; a non-zero code sets exit status 1. */
export function printResult(out: Record<string, unknown>, code: number): void {
  console.log(JSON.stringify(out, null, 2));
  if (code !== 0) process.exitCode = 1;
}
