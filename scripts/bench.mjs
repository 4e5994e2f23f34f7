#!/usr/bin/env node
// `npm run bench [name…]`: build, then run each compiled benchmark in bench/dist (or only those matching a name).
import { spawnSync } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';

const root = new URL('..', import.meta.url).pathname;
build();
const dir = join(root, 'bench/dist');
const all = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.js')).sort() : [];
const want = process.argv.slice(2);
for (const f of all.filter((f) => !want.length || want.some((w) => f.includes(w)))) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--expose-gc', join(dir, f)], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
