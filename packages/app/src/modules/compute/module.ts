import type { AppModule } from '../../module.js';
import { ComputeKeeper } from './keeper.js';
import { computeMsgs } from './msgs.js';
import { computeQueries } from './queries.js';
import { defaultComputeGenesis, initComputeGenesis, type ComputeGenesis } from './genesis.js';
import { STORE } from './keys.js';

export function createComputeModule(keeper: ComputeKeeper): AppModule {
  const { queries, routes } = computeQueries(keeper);
  return {
    name: 'compute',
    storeNames: [STORE],
    msgs: computeMsgs(keeper),
    queries,
    routes,
    defaultGenesis: defaultComputeGenesis,
    initGenesis: (ctx, state) => initComputeGenesis(ctx, keeper, (state ?? {}) as ComputeGenesis),
    beginBlock: () => keeper.beginBlock(),
  };
}

export { ComputeKeeper, INSTANCE_COST, DEFAULT_QUERY_GAS_LIMIT } from './keeper.js';
export { ComputeErrors, ContractCallError } from './errors.js';
