// Test fixture: the public development accounts of shared/reference/dev-accounts.json (public
// LocalSecret / secretjs test data; never use these mnemonics for real funds). Independent of
// @scrtd/cli's embedded list so the tests check the node against the reference, not against itself.
import { readFileSync } from 'node:fs';

export interface DevAccount {
  readonly index: number;
  readonly name: string;
  readonly mnemonic: string;
  readonly address: string;
}

export const CHAIN_ID = 'secretdev-1';
export const GENESIS_BALANCE = 1_000_000_000_000_000_000n;

/** Read from the reference file itself, so the tests check the node against it, not against a copy. */
export const DEV_ACCOUNTS: readonly DevAccount[] = (
  JSON.parse(readFileSync(new URL('../../../../shared/reference/dev-accounts.json', import.meta.url), 'utf8')) as { accounts: DevAccount[] }
).accounts;

/** The dev account called `name` (a, b, c, extra-3 … extra-18, validator, unfunded-20, d-relayer). */
export function devAccount(name: string): DevAccount {
  const a = DEV_ACCOUNTS.find((x) => x.name === name);
  if (!a) throw new Error(`no dev account named ${name}`);
  return a;
}
