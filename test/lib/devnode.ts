// Start a fresh `scrtd dev` network in-process (own temp home, LCD on a free port) for one test file.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDev } from '@scrtd/cli';

export interface DevNode {
  /** LCD base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly lcdUrl: string;
  readonly home: string;
  /** Stop the node and delete its home. Safe to call twice. */
  stop(): Promise<void>;
}

export const BLOCK_TIME_MS = 100;

export async function startDevNode(opts: { blockTimeMs?: number; minGasPrice?: string; checkThread?: boolean } = {}): Promise<DevNode> {
  const home = await mkdtemp(join(tmpdir(), 'scrtd-e2e-'));
  let dev: Awaited<ReturnType<typeof runDev>>;
  try {
    dev = await runDev({
      home,
      reset: true,
      blockTime: String(opts.blockTimeMs ?? BLOCK_TIME_MS),
      lcdHost: '127.0.0.1',
      lcdPort: '0',
      minGasPrice: opts.minGasPrice ?? '0.0125uscrt',
      logLevel: 'silent',
      quiet: true,
      checkThread: opts.checkThread,
    });
  } catch (e) {
    await rm(home, { recursive: true, force: true });
    throw e;
  }
  let stopped: Promise<void> | undefined;
  return {
    lcdUrl: dev.lcdUrl.replace(/\/+$/, ''),
    home,
    stop() {
      stopped ??= (async () => {
        try {
          await dev.stop();
        } finally {
          await rm(home, { recursive: true, force: true });
        }
      })();
      return stopped;
    },
  };
}
