import type { AppModule } from '../../module.js';
import { AuthKeeper } from './keeper.js';
import { authQueries } from './queries.js';
import { defaultAuthGenesis, initAuthGenesis, type AuthGenesis } from './genesis.js';
import { STORE } from './keys.js';

export function createAuthModule(keeper: AuthKeeper): AppModule {
  const { queries, routes } = authQueries(keeper);
  return {
    name: 'auth',
    storeNames: [STORE],
    queries,
    routes,
    defaultGenesis: defaultAuthGenesis,
    initGenesis: (ctx, state) => initAuthGenesis(ctx, keeper, (state ?? {}) as AuthGenesis),
  };
}

export { AuthKeeper } from './keeper.js';
export type { Account } from './keeper.js';
