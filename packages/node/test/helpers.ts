// Shared test fixtures: a genesis, a validator key, a driver over the KV app.
import { BlockDriver } from '../src/driver.js';
import { Mempool } from '../src/mempool.js';
import { Serializer } from '../src/util/serial.js';
import { silentLogger } from '../src/logger.js';
import { createValidatorKey } from '../src/consensus/key.js';
import type { GenesisDoc } from '../src/genesis.js';
import { KvApp, MemoryDb, type KvAppOptions } from './kvapp.js';

export const VALIDATOR_SEED = new Uint8Array(32).fill(42);
export const validatorKey = createValidatorKey(VALIDATOR_SEED);

export function genesis(over: Partial<GenesisDoc> = {}): GenesisDoc {
  return {
    chainId: 'testchain-1',
    genesisTime: '2024-01-01T00:00:00.000000001Z',
    appState: { kv: { init: 'yes' } },
    validators: [{ pubKey: validatorKey.pubKey, power: 10 }],
    ...over,
  };
}

/** A controllable clock (ns); `tick` advances it. */
export function manualClock(startNs = 1_750_000_000_123_456_789n) {
  let now = startNs;
  const clock = () => now;
  return {
    clock,
    set: (ns: bigint) => {
      now = ns;
    },
    tick: (ms: number) => {
      now += BigInt(Math.round(ms * 1e6));
    },
  };
}

export function makeDriver(
  db: MemoryDb,
  opts: { genesis?: GenesisDoc; blockTimeMs?: number; emptyBlockIntervalMs?: number; app?: KvAppOptions; clock?: () => bigint } = {},
) {
  const app = new KvApp(db, opts.app);
  const gate = new Serializer();
  const mempool = new Mempool({}, { app, gate, logger: silentLogger });
  const clock = opts.clock ?? manualClock().clock;
  const driver = new BlockDriver(
    {
      genesis: opts.genesis ?? genesis(),
      validatorKey: VALIDATOR_SEED,
      blockTimeMs: opts.blockTimeMs ?? 60_000,
      emptyBlockIntervalMs: opts.emptyBlockIntervalMs ?? opts.blockTimeMs ?? 60_000,
    },
    { app, aux: db.aux, gate, mempool, logger: silentLogger, clock },
  );
  return { app, gate, mempool, driver };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
