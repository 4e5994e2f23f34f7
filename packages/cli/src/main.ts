#!/usr/bin/env -S node --initial-old-space-size=1024
// scrtd: the command line. It only maps flags onto options of the packages below it.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { defaultHome } from './home.js';
import { registerDev } from './commands/dev.js';
import { registerKeys } from './commands/keys.js';
import { registerQuery } from './commands/query.js';
import { registerTx } from './commands/tx.js';

// The package version (the app's APP_VERSION matches it); read here so that loading the CLI does not load the app.
const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

const program = new Command();
program
  .name('scrtd')
  .description('scrtd: a Secret Network node in TypeScript')
  .version(VERSION)
  .option('--home <dir>', 'node home directory', defaultHome());
const homeOf = () => program.opts<{ home: string }>().home;
registerDev(program, homeOf);
registerKeys(program, homeOf);
registerQuery(program, homeOf);
registerTx(program, homeOf);

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
