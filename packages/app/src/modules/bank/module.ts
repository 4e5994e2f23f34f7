import type { AppModule } from '../../module.js';
import { BankKeeper } from './keeper.js';
import { bankMsgs } from './msgs.js';
import { bankQueries } from './queries.js';
import { defaultBankGenesis, initBankGenesis, type BankGenesis } from './genesis.js';
import { STORE } from './keys.js';

export function createBankModule(keeper: BankKeeper): AppModule {
  const { queries, routes } = bankQueries(keeper);
  return {
    name: 'bank',
    storeNames: [STORE],
    msgs: bankMsgs(keeper),
    queries,
    routes,
    defaultGenesis: defaultBankGenesis,
    initGenesis: (ctx, state) => initBankGenesis(ctx, keeper, (state ?? {}) as BankGenesis),
  };
}

export { BankKeeper } from './keeper.js';
