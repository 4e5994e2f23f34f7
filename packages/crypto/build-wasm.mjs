#!/usr/bin/env node
// Compiles the package's AssemblyScript sources (assembly/*.ts) into dist/<name>.wasm, where
// src/*-wasm.ts loads them. Incremental: a module newer than its source (and this script) is kept.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const asc = join(here, '../../node_modules/assemblyscript/bin/asc.js');

/** Plain wasm with SIMD (Node ≥ 16), no runtime, no imports: the modules allocate nothing. */
const FLAGS = ['-O3', '--converge', '--noAssert', '--runtime', 'stub', '--enable', 'simd', '--noColors'];

export function buildCryptoWasmSync({ force = false } = {}) {
  const srcDir = join(here, 'assembly');
  const outDir = join(here, 'dist');
  mkdirSync(outDir, { recursive: true });
  const self = statSync(fileURLToPath(import.meta.url)).mtimeMs;
  for (const file of readdirSync(srcDir).filter((f) => f.endsWith('.ts')).sort()) {
    const src = join(srcDir, file);
    const out = join(outDir, file.replace(/\.ts$/, '.wasm'));
    if (!force && existsSync(out) && statSync(out).mtimeMs > Math.max(statSync(src).mtimeMs, self)) continue;
    const r = spawnSync(process.execPath, [asc, src, ...FLAGS, '-o', out], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`asc failed for ${src}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) buildCryptoWasmSync({ force: process.argv.includes('--force') });
