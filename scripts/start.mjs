#!/usr/bin/env node
// `npm start`: build what is missing (tsc -b is incremental), then run `scrtd dev` with any extra arguments.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from './build.mjs';

const root = new URL('..', import.meta.url).pathname;
build();
const { NODE_FLAGS } = await import(join(root, 'packages/cli/dist/src/node-flags.js'));
const child = spawn(process.execPath, [...NODE_FLAGS, join(root, 'packages/cli/dist/src/main.js'), 'dev', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
