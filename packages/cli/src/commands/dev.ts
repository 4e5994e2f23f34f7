// `scrtd dev` command: options only; the node code is imported when the command runs.
import type { Command } from 'commander';
import { DEV_MIN_GAS_PRICE } from '../dev-accounts.js';
import type { DevOptions } from '../dev-node.js';

export function registerDev(program: Command, homeOf: () => string): void {
  program
    .command('dev')
    .description('start a local development network (chain secretdev-1) with the dev accounts funded')
    .option('--reset', 'delete the chain data and start from a fresh genesis')
    .option('--block-time <ms>', 'block interval in milliseconds', '1000')
    .option('--lcd-host <host>', 'LCD listen address', '127.0.0.1')
    .option('--lcd-port <port>', 'LCD port (0 = any free port)', '1317')
    .option('--min-gas-price <price>', 'minimum gas price for CheckTx', DEV_MIN_GAS_PRICE)
    .option('--query-gas-limit <gas>', 'gas limit of contract queries (secretd default 10000000; a query that uses it all runs for seconds)', '10000000')
    .option('--check-thread', 'run CheckTx, simulations and queries on a second thread (keeps long queries off the block thread; slower on 2 cores)')
    .option('--log-level <level>', 'pino log level: fatal, error, warn, info, debug, trace', 'warn')
    .action(async (o: Omit<DevOptions, 'home'>) => {
      // The LCD's front thread loads its modules on the other core while this one loads the node's.
      const { prestartFrontThread } = await import('@scrtd/node/front-prestart');
      prestartFrontThread();
      const { runDev } = await import('../dev-node.js');
      const dev = await runDev({ ...o, home: homeOf() });
      let stopping = false;
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        await dev.stop();
        process.exit(0);
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    });
}
