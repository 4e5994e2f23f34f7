#!/usr/bin/env node
// Builds the workspace, then runs every compiled test file with Node's built-in runner.
// Tests live in packages/*/test and test/ (end to end); tsc puts them under dist/.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from './build.mjs';

const root = new URL('..', import.meta.url).pathname;
build();

function collect(dir, out) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.js')) out.push(p);
  }
  return out;
}
const filter = process.argv.slice(2);
const files = [];
for (const pkg of readdirSync(join(root, 'packages')).sort()) collect(join(root, 'packages', pkg, 'dist/test'), files);
collect(join(root, 'test/dist'), files);
const selected = filter.length ? files.filter((f) => filter.some((s) => f.includes(s))) : files;
const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...selected], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
