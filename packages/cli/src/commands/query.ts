// scrtd query bank balances (and the compute queries of commands/compute-query.ts)
import type { Command } from 'commander';
import { LcdClient } from '../lcd-client.js';
import { Keyring } from '../keyring.js';
import { homeLayout } from '../home.js';
import { registerComputeQuery } from './compute-query.js';

export function registerQuery(program: Command, homeOf: () => string): void {
  const query = program.command('query').alias('q').description('query the chain through the LCD');
  const bank = query.command('bank').description('bank module queries');
  bank
    .command('balances <address>')
    .description('balances of an address (or a key name)')
    .option('--denom <denom>', 'only this denom')
    .option('--height <h>', 'query state at this height')
    .option('--node <url>', 'LCD endpoint', 'http://127.0.0.1:1317')
    .action(async (address: string, o: { denom?: string; height?: string; node: string }) => {
      const addr = new Keyring(homeLayout(homeOf()).keyring).resolve(address)?.address ?? address;
      const lcd = new LcdClient(o.node);
      const height = o.height !== undefined ? Number(o.height) : undefined;
      const out = o.denom
        ? await lcd.get(`/cosmos/bank/v1beta1/balances/${addr}/by_denom?denom=${encodeURIComponent(o.denom)}`, height)
        : await lcd.get(`/cosmos/bank/v1beta1/balances/${addr}`, height);
      console.log(JSON.stringify(out, null, 2));
    });
  registerComputeQuery(query, homeOf);
}
