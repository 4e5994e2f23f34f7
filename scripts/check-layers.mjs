#!/usr/bin/env node
// Fails when a workspace package depends on a package above it in the layer order of ARCHITECTURE.md
// (imports point down only), or imports a @scrtd package it does not declare.
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Lowest first. A package may depend only on packages listed before it.
const ORDER = ['crypto', 'proto', 'store', 'vm', 'enclave', 'app', 'consensus', 'p2p', 'node', 'cli', 'explorer'];
let failed = false;

function sources(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (n.endsWith('.ts')) out.push(p);
  }
  return out;
}

for (const name of readdirSync(join(root, 'packages')).sort()) {
  const pj = join(root, 'packages', name, 'package.json');
  if (!existsSync(pj)) continue;
  const rank = ORDER.indexOf(name);
  if (rank < 0) {
    console.error(`packages/${name} is not in the layer order; add it to scripts/check-layers.mjs`);
    failed = true;
    continue;
  }
  const deps = Object.keys(JSON.parse(readFileSync(pj, 'utf8')).dependencies ?? {}).filter((d) => d.startsWith('@scrtd/'));
  for (const d of deps) {
    const dn = d.slice('@scrtd/'.length);
    if (ORDER.indexOf(dn) >= rank) {
      console.error(`packages/${name} depends on ${d}, which is not below it`);
      failed = true;
    }
  }
  for (const file of sources(join(root, 'packages', name, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/from '(@scrtd\/[a-z-]+)/g)) {
      if (!deps.includes(m[1])) {
        console.error(`${file.slice(root.length)} imports ${m[1]}, which packages/${name}/package.json does not declare`);
        failed = true;
      }
    }
  }
}
// The privacy boundary: only the enclave derives keys from consensus seeds.
const SEED_APIS = /\b(deriveConsensusKey|seedKdf)\b/;
for (const name of readdirSync(join(root, 'packages')).sort()) {
  if (name === 'enclave' || name === 'crypto') continue;
  for (const file of sources(join(root, 'packages', name, 'src'))) {
    if (SEED_APIS.test(readFileSync(file, 'utf8'))) {
      console.error(`${file.slice(root.length)} uses a seed-derivation API; only packages/enclave may`);
      failed = true;
    }
  }
}
// cosmjs-types is reached only through @scrtd/proto: two copies of it exist in node_modules (secretjs
// pulls an older one without an exports map), and only proto's resolves subpaths correctly.
for (const dir of ['packages', 'test', 'bench']) {
  const roots = dir === 'packages' ? readdirSync(join(root, 'packages')).filter((n) => n !== 'proto').map((n) => join(root, 'packages', n)) : [join(root, dir)];
  for (const r of roots) {
    for (const file of [...sources(join(r, 'src')), ...sources(join(r, 'test')), ...(dir === 'packages' ? [] : sources(r).filter((f) => !f.includes('/dist/')))]) {
      if (/from 'cosmjs-types/.test(readFileSync(file, 'utf8'))) {
        console.error(`${file.slice(root.length)} imports cosmjs-types directly; import it through @scrtd/proto`);
        failed = true;
      }
    }
  }
}
if (failed) process.exit(1);
console.log('layers ok');
