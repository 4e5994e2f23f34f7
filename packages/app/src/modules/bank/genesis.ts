// bank genesis in genesis.json's JSON form.
import type { Context } from '../../context.js';
import { parseAddress } from '../../addresses.js';
import { addCoins, coinsFromProto, coinsString, validateCoins, type Coin } from '../../coins.js';
import { SdkErrors } from '../../errors.js';
import type { BankKeeper } from './keeper.js';

interface JsonCoin { denom: string; amount: string }
export interface BankGenesis {
  params?: { default_send_enabled?: boolean };
  balances?: { address: string; coins: JsonCoin[] }[];
  supply?: JsonCoin[];
  denom_metadata?: { description?: string; base: string; display?: string; name?: string; symbol?: string; denom_units?: { denom: string; exponent: number; aliases?: string[] }[] }[];
  send_enabled?: { denom: string; enabled: boolean }[];
}

export function defaultBankGenesis(): BankGenesis {
  return { params: { default_send_enabled: true }, balances: [], supply: [], denom_metadata: [], send_enabled: [] };
}

export function initBankGenesis(ctx: Context, keeper: BankKeeper, g: BankGenesis): void {
  keeper.setParams(ctx, { sendEnabled: [], defaultSendEnabled: g.params?.default_send_enabled ?? true });
  for (const s of g.send_enabled ?? []) keeper.setSendEnabled(ctx, s.denom, s.enabled);
  let total: Coin[] = [];
  for (const b of g.balances ?? []) {
    const coins = coinsFromProto(b.coins);
    const bad = validateCoins(coins);
    if (bad) throw SdkErrors.InvalidCoins.wrap(`genesis balance of ${b.address}: ${bad}`);
    keeper.setGenesisBalance(ctx, parseAddress(b.address), coins);
    total = addCoins(total, coins);
  }
  const declared = coinsFromProto(g.supply ?? []);
  if (declared.length > 0 && coinsString(declared) !== coinsString(total)) {
    throw SdkErrors.InvalidCoins.wrap(`genesis supply is incorrect, expected ${coinsString(declared)}, got ${coinsString(total)}`);
  }
  for (const c of total) keeper.setSupply(ctx, c);
  for (const m of g.denom_metadata ?? []) {
    keeper.setDenomMetadata(ctx, {
      description: m.description ?? '',
      base: m.base,
      display: m.display ?? '',
      name: m.name ?? '',
      symbol: m.symbol ?? '',
      uri: '',
      uriHash: '',
      denomUnits: (m.denom_units ?? []).map((u) => ({ denom: u.denom, exponent: u.exponent, aliases: u.aliases ?? [] })),
    });
  }
}
