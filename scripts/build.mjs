#!/usr/bin/env node
// Build every package (tsc -b is incremental: only what changed is rebuilt), then mark the CLI
// entry point executable so `npx scrtd` works (npm links it before it exists on a fresh clone).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildContractsSync } from '../contracts/build.mjs';
import { buildCryptoWasmSync } from '../packages/crypto/build-wasm.mjs';

export function build() {
  const root = new URL('..', import.meta.url).pathname;
  // The crypto package's wasm (AssemblyScript, packages/crypto/build-wasm.mjs; skipped when up to date).
  buildCryptoWasmSync();
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-b'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  const cli = join(root, 'packages/cli/dist/src/main.js');
  if (existsSync(cli)) chmodSync(cli, 0o755);
  // AssemblyScript example contracts (contracts/build.mjs; skipped when every .wasm is up to date).
  buildContractsSync();
}

if (import.meta.url === `file://${process.argv[1]}`) build();
