// scrtd keys add | list | show
import type { Command } from 'commander';
import { generateMnemonic } from '@scrtd/crypto';
import { Keyring } from '../keyring.js';
import { homeLayout } from '../home.js';
import { readStdin } from '../io.js';

export function registerKeys(program: Command, homeOf: () => string): void {
  const keys = program.command('keys').description('manage the local keyring (unencrypted test backend)');
  const ring = () => new Keyring(homeLayout(homeOf()).keyring);

  keys
    .command('add <name>')
    .description('create a key, or import one from a mnemonic with --recover (read from stdin) or --mnemonic')
    .option('--recover', 'read a BIP-39 mnemonic from standard input')
    .option('--mnemonic <words>', 'the BIP-39 mnemonic to import')
    .option('--index <n>', 'address index in m/44\'/529\'/0\'/0/{index}', '0')
    .option('--overwrite', 'replace an existing key of that name')
    .action(async (name: string, o: { recover?: boolean; mnemonic?: string; index: string; overwrite?: boolean }) => {
      let mnemonic = o.mnemonic;
      if (!mnemonic && o.recover) mnemonic = (await readStdin()).trim();
      const fresh = !mnemonic;
      const rec = ring().add(name, mnemonic ?? generateMnemonic(256), Number(o.index), o.overwrite);
      console.log(JSON.stringify({ name: rec.name, address: rec.address, pubkey: rec.pubkey, ...(fresh ? { mnemonic: rec.mnemonic } : {}) }, null, 2));
    });

  keys
    .command('list')
    .description('list keys')
    .action(() => {
      const r = ring();
      console.log(JSON.stringify(r.list().map((k) => ({ name: k.name, address: k.address, pubkey: r.complete(k).pubkey })), null, 2));
    });

  keys
    .command('show <name>')
    .description('show a key')
    .option('-a, --address', 'print only the address')
    .action((name: string, o: { address?: boolean }) => {
      const r = ring();
      const k = r.resolve(name);
      if (!k) throw new Error(`key ${name} not found`);
      console.log(o.address ? k.address : JSON.stringify({ name: k.name, address: k.address, pubkey: r.complete(k).pubkey }, null, 2));
    });
}
