// The scrtd application: BaseApp with the modules of this release wired together.
import type { CommitMultiStore } from '@scrtd/store';
import { BaseApp } from './baseapp.js';
import { VerifiedSignatureCache } from './ante/sigcache.js';
import { parseDecCoins } from './coins.js';
import { bytesEqual } from './binary.js';
import { moduleAddress, bech32Address } from './addresses.js';
import { registry } from '@scrtd/proto';
import type { AppModule } from './module.js';
import type { Logger } from './logger.js';
import { AuthKeeper, createAuthModule } from './modules/auth/module.js';
import { BankKeeper, createBankModule } from './modules/bank/module.js';
import { RegistrationKeeper, createRegistrationModule } from './modules/registration/module.js';
import { ComputeKeeper, createComputeModule } from './modules/compute/module.js';
import type { EnclaveBackend } from '@scrtd/enclave';

export const APP_VERSION = '0.1.0';

/** Module accounts and their permissions (as in the SDK's maccPerms). */
export const MODULE_ACCOUNT_PERMISSIONS: ReadonlyMap<string, readonly string[]> = new Map([
  ['bonded_tokens_pool', ['burner', 'staking']],
  ['distribution', []],
  ['fee_collector', []],
  ['gov', ['burner']],
  ['mint', ['minter']],
  ['not_bonded_tokens_pool', ['burner', 'staking']],
]);

/** Every module store, in a fixed order (adding one later needs a store upgrade). */
export const APP_STORE_NAMES = ['acc', 'bank', 'register', 'compute'] as const;

export interface ScrtAppOptions {
  chainId: string;
  /** Minimum gas prices for CheckTx, e.g. "0.0125uscrt". */
  minGasPrices?: string;
  maxTxBytes?: number;
  /** Worker threads pre-verifying signatures (default 1; 0 = inline only). */
  verifierThreads?: number;
  /** SDK gas limit of contract queries (app.toml `contract-query-gas-limit`, default 10,000,000). */
  queryGasLimit?: bigint;
}

export interface ScrtApp extends BaseApp {
  readonly keepers: { auth: AuthKeeper; bank: BankKeeper; registration: RegistrationKeeper; compute: ComputeKeeper };
  readonly modules: readonly AppModule[];
}

/** Stands in when an app is built without an enclave (plain-module tests): contract calls fail clearly. */
const noEnclave = new Proxy({} as EnclaveBackend, {
  get: () => () => {
    throw new Error('this node runs without an enclave; secret contracts are unavailable');
  },
});

export function createScrtApp(opts: ScrtAppOptions, deps: { store: CommitMultiStore; logger?: Logger; enclave?: EnclaveBackend }): ScrtApp {
  // Address bytes in JSON (e.g. compute senders) render as bech32, as secretd's gateway does.
  registry.setAddressEncoder((b) => bech32Address(b));
  const auth = new AuthKeeper(MODULE_ACCOUNT_PERMISSIONS);
  // Module accounts cannot receive plain sends, except gov (deposits), as in the SDK's app wiring.
  const blocked = [...MODULE_ACCOUNT_PERMISSIONS.keys()].filter((n) => n !== 'gov').map(moduleAddress);
  const bank = new BankKeeper(auth, (addr) => blocked.some((b) => bytesEqual(b, addr)));
  const registration = new RegistrationKeeper();
  const computeKeeper = new ComputeKeeper(auth, bank, deps.enclave ?? noEnclave, { queryGasLimit: opts.queryGasLimit });
  const modules = [createAuthModule(auth), createBankModule(bank), createRegistrationModule(registration), createComputeModule(computeKeeper)];
  const app = new BaseApp(
    { chainId: opts.chainId, maxTxBytes: opts.maxTxBytes ?? 1024 * 1024, appVersion: APP_VERSION, verifierThreads: opts.verifierThreads ?? 1 },
    { store: deps.store, modules, ante: { auth, bank, minGasPrices: parseDecCoins(opts.minGasPrices ?? ''), sigCache: new VerifiedSignatureCache() }, logger: deps.logger },
  );
  return Object.assign(app, { keepers: { auth, bank, registration, compute: computeKeeper }, modules }) as ScrtApp;
}

/** Every module's default genesis, keyed by module name (the app_state of a fresh genesis.json). */
export function defaultAppState(): Record<string, unknown> {
  const auth = new AuthKeeper(MODULE_ACCOUNT_PERMISSIONS);
  const bank = new BankKeeper(auth, () => false);
  const mods = [
    createAuthModule(auth),
    createBankModule(bank),
    createRegistrationModule(new RegistrationKeeper()),
    createComputeModule(new ComputeKeeper(auth, bank, noEnclave)),
  ];
  return Object.fromEntries(mods.map((m) => [m.name, m.defaultGenesis?.() ?? {}]));
}
