// Options of a node and their defaults, in one place; the CLI only maps flags onto these.
import type { GenesisDoc } from './genesis.js';
import { defaultMempoolOptions, type MempoolOptions } from './mempool.js';
import { defaultLcdOptions, type LcdOptions } from './lcd.js';
import type { LogLevel } from './logger.js';

export interface NodeOptions {
  genesis: GenesisDoc;
  /** ed25519 consensus key: 32-byte seed, or 64 bytes (seed ‖ public key, priv_validator_key.json). */
  validatorKey: Uint8Array;
  /** Minimum spacing of blocks, and their period while txs are waiting. Default 1000. */
  blockTimeMs?: number;
  /** Period of blocks while the mempool is empty; >= blockTimeMs. Default = blockTimeMs. */
  emptyBlockIntervalMs?: number;
  mempool?: Partial<MempoolOptions>;
  /** LCD server options, or false for none. */
  lcd?: Partial<LcdOptions> | false;
  /** Shown in node_info. */
  moniker?: string;
  /** Application version shown in node_info. */
  version?: string;
  /** Level of the default pino logger (used only when no logger module is given). Default 'warn'. */
  logLevel?: LogLevel;
}

export const defaultNodeOptions = {
  blockTimeMs: 1000,
  moniker: 'scrtd',
  version: '0.1.0',
  logLevel: 'warn' as LogLevel,
  mempool: defaultMempoolOptions satisfies MempoolOptions,
  lcd: defaultLcdOptions satisfies LcdOptions,
};
