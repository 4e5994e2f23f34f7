// auth genesis: params and accounts, in genesis.json's gRPC-gateway JSON form.
import type { Context } from '../../context.js';
import { parseAddress } from '../../addresses.js';
import { SdkErrors } from '../../errors.js';
import type { AuthKeeper } from './keeper.js';
import { defaultAuthParams } from './params.js';
import { BASE_ACCOUNT_URL } from './keeper.js';

export interface AuthGenesis {
  params?: Record<string, string>;
  accounts?: { '@type': string; address: string; account_number?: string; sequence?: string }[];
}

export function defaultAuthGenesis(): AuthGenesis {
  const p = defaultAuthParams();
  return {
    params: {
      max_memo_characters: String(p.maxMemoCharacters),
      tx_sig_limit: String(p.txSigLimit),
      tx_size_cost_per_byte: String(p.txSizeCostPerByte),
      sig_verify_cost_ed25519: String(p.sigVerifyCostEd25519),
      sig_verify_cost_secp256k1: String(p.sigVerifyCostSecp256k1),
    },
    accounts: [],
  };
}

export function initAuthGenesis(ctx: Context, keeper: AuthKeeper, g: AuthGenesis): void {
  const d = defaultAuthParams();
  const p = g.params ?? {};
  const num = (k: string, def: bigint) => (p[k] !== undefined ? BigInt(p[k]!) : def);
  keeper.setParams(ctx, {
    maxMemoCharacters: num('max_memo_characters', d.maxMemoCharacters),
    txSigLimit: num('tx_sig_limit', d.txSigLimit),
    txSizeCostPerByte: num('tx_size_cost_per_byte', d.txSizeCostPerByte),
    sigVerifyCostEd25519: num('sig_verify_cost_ed25519', d.sigVerifyCostEd25519),
    sigVerifyCostSecp256k1: num('sig_verify_cost_secp256k1', d.sigVerifyCostSecp256k1),
  });
  for (const a of g.accounts ?? []) {
    if (a['@type'] !== BASE_ACCOUNT_URL) throw SdkErrors.InvalidType.wrap(`unsupported genesis account type ${a['@type']}`);
    const address = parseAddress(a.address);
    if (keeper.hasAccount(ctx, address)) throw SdkErrors.InvalidRequest.wrap(`duplicate genesis account ${a.address}`);
    // Genesis accounts get numbers in file order, as the SDK assigns them.
    keeper.setAccount(ctx, { ...keeper.newAccount(ctx, address), sequence: BigInt(a.sequence ?? '0') });
  }
  for (const name of [...keeper.moduleAccountPerms.keys()].sort()) keeper.getModuleAccount(ctx, name);
}
