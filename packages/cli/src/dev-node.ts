// scrtd dev: a local single-validator network with the development accounts funded. Loaded only
// when a node starts (the heavy packages stay out of every other command's start-up).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createScrtApp, APP_STORE_NAMES } from '@scrtd/app';
import { openCommitMultiStore } from '@scrtd/store';
import { createNode, createLogger, createValidatorKey, type LogLevel } from '@scrtd/node';
import { bootstrapSeeds, loadEnclave, loadSealedSeeds } from '@scrtd/enclave';
import { randomBytes, toBase64, fromBase64 } from '@scrtd/crypto';
import { homeLayout, type HomeLayout } from './home.js';
import type { CheckThreadData } from './check-thread.js';
import { buildDevGenesis, type GenesisDoc } from './dev-genesis.js';
import { DEV_ACCOUNTS, DEV_MIN_GAS_PRICE, GENESIS_BALANCE_USCRT, GENESIS_FUNDED } from './dev-accounts.js';
import { Keyring } from './keyring.js';

export interface DevOptions {
  home: string;
  reset?: boolean;
  blockTime: string;
  lcdHost: string;
  lcdPort: string;
  minGasPrice: string;
  /** SDK gas limit of contract queries (secretd's app.toml `contract-query-gas-limit`). */
  queryGasLimit?: string;
  logLevel: string;
  quiet?: boolean;
  /**
   * CheckTx, rechecks, simulations and queries on their own thread, over a follower of the store
   * (default false: on this project's 2-core reference machine the second core is already busy with
   * the LCD and signature threads, and the token benchmark is 10–25 % slower with it).
   */
  checkThread?: boolean;
}

interface PrivValidatorKey {
  address: string;
  pub_key: { type: string; value: string };
  priv_key: { type: string; value: string };
}

/** Create genesis, validator key and sealed seeds on first start (or after --reset). */
function initHome(layout: HomeLayout): void {
  mkdirSync(layout.config, { recursive: true });
  const keys = bootstrapSeeds(layout.enclave);
  const seed = randomBytes(32);
  const vk = createValidatorKey(seed);
  const priv: PrivValidatorKey = {
    address: Buffer.from(vk.address).toString('hex').toUpperCase(),
    pub_key: { type: 'tendermint/PubKeyEd25519', value: toBase64(vk.pubKey) },
    priv_key: { type: 'tendermint/PrivKeyEd25519', value: toBase64(new Uint8Array([...seed, ...vk.pubKey])) },
  };
  writeFileSync(layout.validatorKey, JSON.stringify(priv, null, 2) + '\n', { mode: 0o600 });
  const genesis = buildDevGenesis({ genesisTimeMs: Date.now(), keys, validator: { address: vk.address, pubKey: vk.pubKey, power: 100n } });
  writeFileSync(layout.genesis, JSON.stringify(genesis, null, 2) + '\n');
  const ring = new Keyring(layout.keyring);
  for (const a of DEV_ACCOUNTS) ring.importKnown({ name: a.name, address: a.address, mnemonic: a.mnemonic, index: 0 });
}

export async function runDev(o: DevOptions): Promise<{ stop(): Promise<void>; lcdUrl: string }> {
  const started = performance.now();
  const layout = homeLayout(o.home);
  if (o.reset) for (const d of [layout.data, layout.config, layout.enclave, layout.wasmCache]) rmSync(d, { recursive: true, force: true });
  if (!existsSync(layout.genesis)) initHome(layout);
  const genesis = JSON.parse(readFileSync(layout.genesis, 'utf8')) as GenesisDoc;
  const keys = loadSealedSeeds(layout.enclave);
  if (toBase64(keys.ioPubKey) !== genesis.app_state.register?.io_master_key?.bytes) {
    throw new Error(`the sealed seeds in ${layout.enclave} do not match genesis; start over with --reset`);
  }
  const priv = JSON.parse(readFileSync(layout.validatorKey, 'utf8')) as PrivValidatorKey;

  const logger = createLogger({ level: o.logLevel as LogLevel });
  const store = await openCommitMultiStore({ path: layout.data, storeNames: [...APP_STORE_NAMES] });
  const enclave = loadEnclave(layout.enclave, { vm: { cacheDir: layout.wasmCache } });
  if (o.queryGasLimit !== undefined && !/^[1-9]\d{0,18}$/.test(o.queryGasLimit)) throw new Error(`--query-gas-limit must be a positive integer, got ${o.queryGasLimit}`);
  const queryGasLimit = o.queryGasLimit === undefined ? undefined : BigInt(o.queryGasLimit);
  // The block executor's signatures come verified from the CheckTx thread, so it needs no verifier pool.
  const app = createScrtApp(
    { chainId: genesis.chain_id, minGasPrices: o.minGasPrice, queryGasLimit, verifierThreads: o.checkThread === true ? 0 : undefined },
    { store, logger: logger.child({ module: 'app' }), enclave },
  );
  const checkThread: CheckThreadData = {
    storePath: layout.data,
    enclaveDir: layout.enclave,
    wasmCache: layout.wasmCache,
    chainId: genesis.chain_id,
    minGasPrice: o.minGasPrice,
    queryGasLimit,
    logLevel: o.logLevel as LogLevel,
  };
  const node = createNode(
    {
      genesis: {
        chainId: genesis.chain_id,
        genesisTime: genesis.genesis_time,
        initialHeight: Number(genesis.initial_height),
        appState: genesis.app_state,
        validators: genesis.validators.map((v) => ({ pubKey: fromBase64(v.pub_key.value), power: BigInt(v.power) })),
      },
      validatorKey: fromBase64(priv.priv_key.value),
      blockTimeMs: Number(o.blockTime),
      lcd: { host: o.lcdHost, port: Number(o.lcdPort) },
      logLevel: o.logLevel as LogLevel,
    },
    { app, aux: store.aux(), logger, checker: o.checkThread === true ? { url: new URL('./check-thread.js', import.meta.url), workerData: checkThread } : undefined },
  );
  const { lcdUrl } = await node.start();
  const readyMs = performance.now() - started;
  if (!o.quiet) printBanner(genesis, lcdUrl!, layout.root, readyMs);
  return {
    lcdUrl: lcdUrl!,
    async stop() {
      await node.stop();
      await store.close();
    },
  };
}

function printBanner(genesis: GenesisDoc, lcdUrl: string, home: string, readyMs: number): void {
  const funded = new Set<string>(GENESIS_FUNDED);
  const lines = [
    `scrtd dev: chain ${genesis.chain_id} is running (ready in ${readyMs.toFixed(0)} ms)`,
    `  LCD (REST)   ${lcdUrl}`,
    `  home         ${home}`,
    `  min gas      ${DEV_MIN_GAS_PRICE}`,
    `  software enclave: development only, protects nothing from the operator of this machine`,
    '',
    '  accounts (keyring names; mnemonics are public test data, see dev-accounts):',
    ...DEV_ACCOUNTS.map((a) => `    ${a.name.padEnd(12)} ${a.address}  ${funded.has(a.name) ? `${GENESIS_BALANCE_USCRT}uscrt` : '0uscrt'}`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
