// The CheckTx thread of `scrtd dev` (see @scrtd/node checker/service.ts): a second app instance, with
// its own enclave handle, over a read-only follower of the node's store. It answers the mempool's
// CheckTx and rechecks, simulations and queries while the main thread executes blocks.
import { parentPort, workerData } from 'node:worker_threads';
import { createScrtApp, APP_STORE_NAMES } from '@scrtd/app';
import { openFollowerStore } from '@scrtd/store';
import { createLogger, serveChecks, type LogLevel } from '@scrtd/node';
import { loadEnclave } from '@scrtd/enclave';

export interface CheckThreadData {
  storePath: string;
  enclaveDir: string;
  wasmCache: string;
  chainId: string;
  minGasPrice: string;
  queryGasLimit: bigint | undefined;
  logLevel: LogLevel;
}

const d = workerData as CheckThreadData;
const logger = createLogger({ level: d.logLevel }).child({ module: 'check-thread' });
const store = await openFollowerStore({ path: d.storePath, storeNames: [...APP_STORE_NAMES] });
const enclave = loadEnclave(d.enclaveDir, { vm: { cacheDir: d.wasmCache } });
// Signatures are verified on this thread itself: it is the spare core already.
const app = createScrtApp(
  { chainId: d.chainId, minGasPrices: d.minGasPrice, queryGasLimit: d.queryGasLimit, verifierThreads: 0 },
  { store, logger: logger.child({ module: 'app' }), enclave },
);
serveChecks(parentPort!, {
  app,
  follow: (height) => store.follow(height),
  height: () => store.latestHeight(),
  logger,
  async close() {
    await app.close();
    await store.close();
  },
});
