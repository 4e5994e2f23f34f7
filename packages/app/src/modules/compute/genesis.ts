// Compute genesis: params and id sequences (secret-protocol §10.2 GenesisState). Codes and contracts
// in genesis need their enclave keys exported with them, which this release does not do: a genesis
// that lists any is refused rather than half-imported.
import type { Context } from '../../context.js';
import { ComputeErrors } from './errors.js';
import { LAST_CODE_ID, LAST_CONTRACT_ID } from './keys.js';
import type { ComputeKeeper } from './keeper.js';
import { DEFAULT_COMPILE_COST, DEFAULT_MAX_CONTRACT_SIZE } from './state.js';

export interface ComputeGenesis {
  params?: { compile_cost?: string; max_contract_size?: string };
  codes?: unknown[];
  contracts?: unknown[];
  sequences?: { id_key?: string; value?: string }[];
}

/** "0.800000000000000000" → the LegacyDec wire integer. */
function decToWire(s: string): string {
  const m = /^(\d+)(?:\.(\d{1,18}))?$/.exec(s);
  if (!m) throw ComputeErrors.InvalidGenesis.wrap(`invalid compile_cost ${s}`);
  return (BigInt(m[1]!) * 10n ** 18n + BigInt((m[2] ?? '').padEnd(18, '0'))).toString();
}

export function defaultComputeGenesis(): ComputeGenesis {
  return {
    params: { compile_cost: '0.800000000000000000', max_contract_size: DEFAULT_MAX_CONTRACT_SIZE.toString() },
    codes: [],
    contracts: [],
    sequences: [],
  };
}

export function initComputeGenesis(ctx: Context, keeper: ComputeKeeper, g: ComputeGenesis): void {
  if ((g.codes?.length ?? 0) > 0 || (g.contracts?.length ?? 0) > 0) {
    throw ComputeErrors.InvalidGenesis.wrap('codes and contracts in genesis are not supported by this release');
  }
  keeper.state.setParams(ctx, {
    compileCost: g.params?.compile_cost ? decToWire(g.params.compile_cost) : DEFAULT_COMPILE_COST,
    maxContractSize: BigInt(g.params?.max_contract_size ?? DEFAULT_MAX_CONTRACT_SIZE),
  });
  for (const s of g.sequences ?? []) {
    const key = Buffer.from(s.id_key ?? '', 'base64').toString();
    if (key !== LAST_CODE_ID && key !== LAST_CONTRACT_ID) throw ComputeErrors.InvalidGenesis.wrap(`unknown sequence ${key}`);
    keeper.state.setSequence(ctx, key, BigInt(s.value ?? '1'));
  }
}
