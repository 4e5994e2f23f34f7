// scrtd tx bank send
import type { Command } from 'commander';
import { bank } from '@scrtd/proto';

const { MsgSend } = bank;
import { keyFromMnemonic } from '@scrtd/crypto';
import { buildSignedTx } from '@scrtd/app';
import { LcdClient } from '../lcd-client.js';
import { Keyring } from '../keyring.js';
import { homeLayout } from '../home.js';
import { parseCoinsArg } from '../coins.js';
import { DEV_CHAIN_ID } from '../dev-accounts.js';

interface TxOpts {
  node: string;
  chainId: string;
  fees: string;
  gas: string;
  memo: string;
  wait: boolean;
}

export function registerTx(program: Command, homeOf: () => string): void {
  const tx = program.command('tx').description('sign and broadcast transactions through the LCD');
  const bank = tx.command('bank').description('bank module transactions');
  bank
    .command('send <from> <to> <amount>')
    .description('send coins: <from> is a key name or address in the keyring, <amount> e.g. 100uscrt')
    .option('--node <url>', 'LCD endpoint', 'http://127.0.0.1:1317')
    .option('--chain-id <id>', 'chain id', DEV_CHAIN_ID)
    .option('--fees <coins>', 'fee to pay', '2500uscrt')
    .option('--gas <n>', 'gas limit', '25000')
    .option('--memo <text>', 'memo', '')
    .option('--no-wait', 'return after CheckTx instead of waiting for the block')
    .action(async (from: string, to: string, amount: string, o: TxOpts) => {
      const key = new Keyring(homeLayout(homeOf()).keyring).resolve(from);
      if (!key) throw new Error(`key ${from} not found in the keyring (add it with: scrtd keys add ${from} --recover)`);
      const signer = keyFromMnemonic(key.mnemonic, key.index);
      const lcd = new LcdClient(o.node);
      const acc = await lcd.account(key.address);
      const msg = MsgSend.fromPartial({ fromAddress: key.address, toAddress: to, amount: parseCoinsArg(amount) });
      const txBytes = buildSignedTx(
        { chainId: o.chainId, msgs: [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSend.encode(msg).finish() }], fee: parseCoinsArg(o.fees), gasLimit: BigInt(o.gas), memo: o.memo },
        [{ privateKey: signer.privateKey, publicKey: signer.publicKey, accountNumber: acc.accountNumber, sequence: acc.sequence }],
      );
      const res = await lcd.broadcast(txBytes);
      if (res.code !== 0 || !o.wait) {
        console.log(JSON.stringify(res, null, 2));
        if (res.code !== 0) process.exitCode = 1;
        return;
      }
      const committed = await lcd.waitForTx(res.txhash);
      console.log(JSON.stringify({ txhash: committed.txhash, height: committed.height, code: committed.code, codespace: committed.codespace, raw_log: committed.raw_log, gas_used: committed.gas_used, gas_wanted: committed.gas_wanted }, null, 2));
      if (committed.code !== 0) process.exitCode = 1;
    });
}
