#!/usr/bin/env node
// Compiles every contract in contracts/examples/<name>/assembly/index.ts with AssemblyScript into
// contracts/examples/build/<name>.wasm, then checks each module with @scrtd/vm's upload analysis
// (when the vm package is built). Incremental: does nothing when every .wasm is newer than every
// source file under contracts/ (and this script).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
const examplesDir = join(here, 'examples');
const outDir = join(examplesDir, 'build');

/** Compiler flags shared by every contract (see contracts/README.md, "How the build works"). */
export function ascFlags() {
  const rt = 'sdk/assembly/rt/';
  return [
    '-O3', '--converge', '--noAssert',
    // Integer-only, MVP-ish wasm: no bulk memory / sign extension / float conversions.
    '--disable', 'bulk-memory,sign-extension,nontrapping-f2i,mutable-globals',
    // The SDK's bump allocator replaces the runtime; no start function, no env.abort import.
    '--runtime', 'stub',
    // Start with room for a typical call (like Rust contracts' 17 pages), so the bump allocator
    // rarely grows memory: a call that does not grow it gets a pooled memory from the node.
    '--initialMemory', '4',
    '--use', `abort=${rt}contractAbort`,
    '--use', `__alloc=${rt}bumpAlloc`,
    '--use', `__realloc=${rt}bumpRealloc`,
    '--use', `__free=${rt}bumpFree`,
    '--use', `__new=${rt}bumpNew`,
    '--use', `__renew=${rt}bumpRenew`,
    '--noColors',
  ];
}

export function listContracts() {
  if (!existsSync(examplesDir)) return [];
  return readdirSync(examplesDir)
    .filter((n) => n !== 'build' && existsSync(join(examplesDir, n, 'assembly', 'index.ts')))
    .sort();
}

function newestSource(dir, newest = 0) {
  for (const name of readdirSync(dir)) {
    if (name === 'build' || name === 'node_modules') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) newest = newestSource(p, newest);
    else if (name.endsWith('.ts') || name.endsWith('.mjs') || name.endsWith('.json')) newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/** Whether every contract's wasm exists and is newer than all sources. */
export function upToDate(names = listContracts()) {
  const newest = newestSource(here);
  return names.every((n) => {
    const out = join(outDir, `${n}.wasm`);
    return existsSync(out) && statSync(out).mtimeMs > newest;
  });
}

async function loadVm() {
  const vmIndex = join(root, 'packages/vm/dist/src/index.js');
  if (!existsSync(vmIndex)) return null;
  return import(pathToFileURL(vmIndex).href);
}

/** Builds all contracts (or only `names`); returns the list of wasm paths. Throws on failure. */
export async function buildContracts({ force = false, names, log = console.log } = {}) {
  const all = names ?? listContracts();
  const outputs = all.map((n) => join(outDir, `${n}.wasm`));
  if (!force && upToDate(all)) return outputs;
  mkdirSync(outDir, { recursive: true });
  const asc = (await import('assemblyscript/asc')).default;
  const vm = await loadVm();
  for (const name of all) {
    const entry = `examples/${name}/assembly/index.ts`;
    const outFile = `examples/build/${name}.wasm`;
    const stderr = [];
    const { error } = await asc.main([entry, '-o', outFile, '--baseDir', here, ...ascFlags()], {
      stdout: { write: () => true },
      stderr: { write: (s) => { stderr.push(String(s)); return true; } },
    });
    if (error) throw new Error(`asc failed for ${name}: ${error.message}\n${stderr.join('')}`);
    const wasm = await readFile(join(here, outFile));
    if (vm) {
      try {
        vm.analyzeUpload(new Uint8Array(wasm));
      } catch (e) {
        throw new Error(`contract ${name} fails the upload checks: ${e.message}`);
      }
    }
    log(`contracts: built ${relative(root, join(here, outFile))} (${wasm.length} bytes)`);
  }
  return outputs;
}

/**
 * Synchronous entry for scripts/build.mjs: returns at once when everything is up to date, else
 * runs this script in a child process (asc is asynchronous) and exits on failure.
 */
export function buildContractsSync() {
  if (upToDate()) return;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const force = process.argv.includes('--force');
  buildContracts({ force }).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
