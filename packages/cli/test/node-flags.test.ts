// The Node flags scrtd runs with are the same wherever it is started: the `scrtd` command's shebang
// (tsc keeps it in dist) and NODE_FLAGS (npm start, benchmarks). And this Node accepts them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { NODE_FLAGS } from '../src/node-flags.js';

test('the scrtd shebang carries NODE_FLAGS, and node accepts them', () => {
  const main = readFileSync(new URL('../src/main.js', import.meta.url), 'utf8');
  assert.equal(main.split('\n')[0], `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
  const r = spawnSync(process.execPath, [...NODE_FLAGS, '-e', 'process.exit(0)'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
});
