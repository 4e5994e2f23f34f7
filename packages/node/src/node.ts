// Node assembly: one Application, one serialised door to it, the mempool, the block driver, the
// block store and tx index readers, and the LCD server, started and stopped together.
import type { Application, RestRoute } from '@scrtd/app';
import { BlockDriver, maxDataBytes } from './driver.js';
import { Mempool } from './mempool.js';
import { BlockStore } from './blockstore.js';
import { TxIndex, type NodeAux } from './txindex.js';
import { createLcd, type LcdServer } from './lcd.js';
import { protoGatewayJson, type GatewayJson } from './lcd/gateway.js';
import { createLogger, type Logger } from './logger.js';
import { Serializer } from './util/serial.js';
import { systemClock, type Clock } from './util/time.js';
import { toHexUpper } from './util/bytes.js';
import { defaultBlockParams } from './genesis.js';
import { defaultNodeOptions, type NodeOptions } from './options.js';
import { RemoteChecker, type CheckerSpawn } from './checker/remote.js';

export interface NodeModules {
  /** The application; its REST routes are read from `app.routes` when present. */
  app: Application & { readonly routes?: readonly RestRoute[] };
  /**
   * The committed aux key space of the store the app commits to (store.aux()). With writeDeferred,
   * the tx index's event keys are written just after each block instead of with it.
   */
  aux: NodeAux;
  logger?: Logger;
  /** JSON rendering of txs and message responses; default @scrtd/proto's renderer. */
  gateway?: GatewayJson;
  /** Wall clock in ns for block times (tests inject one). */
  clock?: Clock;
  /**
   * Run CheckTx, rechecks, simulations and queries on their own thread: a module that builds a second
   * app over a follower of the store and calls serveChecks (see checker/service.ts). Without it the
   * main thread does all of it.
   */
  checker?: CheckerSpawn;
}

export interface ScrtdNode {
  /** Resume or start the chain (block 1 is committed before this resolves on a fresh chain), then serve the LCD. */
  start(): Promise<{ lcdUrl: string | undefined }>;
  /** Stop serving, then stop producing blocks (a block in progress commits first). */
  stop(): Promise<void>;
  readonly driver: BlockDriver;
  readonly mempool: Mempool;
  readonly blocks: BlockStore;
  readonly txs: TxIndex;
  readonly lcd: LcdServer | undefined;
}

export function createNode(opts: NodeOptions, modules: NodeModules): ScrtdNode {
  const logger = modules.logger ?? createLogger({ level: opts.logLevel ?? defaultNodeOptions.logLevel });
  const gate = new Serializer();
  const { app, aux } = modules;
  const blockTimeMs = opts.blockTimeMs ?? defaultNodeOptions.blockTimeMs;

  // A tx bigger than a block's data capacity could never be included and would stall the FIFO.
  const params = opts.genesis.consensusParams?.block ?? defaultBlockParams;
  const blockCap = maxDataBytes(params, Math.max(1, opts.genesis.validators?.length ?? 1));
  const mempoolOpts = { ...defaultNodeOptions.mempool, ...opts.mempool };
  mempoolOpts.maxTxBytes = Math.min(mempoolOpts.maxTxBytes, blockCap);

  // Started now, so the thread's start-up overlaps the node's.
  const checker = modules.checker ? new RemoteChecker(modules.checker, logger.child({ module: 'checker' })) : undefined;
  const mempool = new Mempool(mempoolOpts, { app, gate, logger: logger.child({ module: 'mempool' }), checker });
  const txs = new TxIndex(aux);
  const driver = new BlockDriver(
    {
      genesis: opts.genesis,
      validatorKey: opts.validatorKey,
      blockTimeMs,
      emptyBlockIntervalMs: opts.emptyBlockIntervalMs ?? blockTimeMs,
    },
    { app, aux, txs, gate, mempool, logger: logger.child({ module: 'driver' }), clock: modules.clock ?? systemClock() },
  );
  const blocks = new BlockStore(aux);

  const lcd =
    opts.lcd === false
      ? undefined
      : createLcd(opts.lcd ?? {}, {
          app,
          routes: app.routes ?? [],
          gate,
          mempool,
          blocks,
          txs,
          gateway: modules.gateway ?? protoGatewayJson,
          logger: logger.child({ module: 'lcd' }),
          checker,
          nodeInfo: () => ({
            chainId: opts.genesis.chainId,
            moniker: opts.moniker ?? defaultNodeOptions.moniker,
            version: opts.version ?? defaultNodeOptions.version,
            nodeId: toHexUpper(driver.key.address).toLowerCase(),
            appVersion: driver.consensusState()?.appVersion ?? 0n,
          }),
        });

  let started = false;
  return {
    driver,
    mempool,
    blocks,
    txs,
    lcd,
    async start() {
      if (started) throw new Error('node already started');
      started = true;
      lcd?.warm();
      try {
        await driver.start();
      } catch (e) {
        await lcd?.close();
        await checker?.close();
        throw e;
      }
      // A thread that cannot start leaves the checks to this thread (RemoteChecker logs why).
      await checker?.started().catch(() => undefined);
      let lcdUrl: string | undefined;
      if (lcd) {
        try {
          lcdUrl = await lcd.listen();
        } catch (e) {
          await driver.stop();
          throw e;
        }
        logger.info('LCD listening', { url: lcdUrl });
      }
      return { lcdUrl };
    },
    async stop() {
      if (lcd) await lcd.close();
      await driver.stop();
      await checker?.close();
    },
  };
}
