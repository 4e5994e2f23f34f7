// scrtd tx bank send (and the compute subcommands of commands/compute-tx.ts)
import type { Command } from 'commander';
import { bank } from '@scrtd/proto';
import { LcdClient } from '../lcd-client.js';
import { parseCoinsArg } from '../coins.js';
import { loadSigner, printResult, submitTx, txSummary, withTxOptions, type TxOpts } from '../tx-submit.js';
import { registerComputeTx } from './compute-tx.js';

const { MsgSend } = bank;

export function registerTx(program: Command, homeOf: () => string): void {
  const tx = program.command('tx').description('sign and broadcast transactions through the LCD');
  const bank = tx.command('bank').description('bank module transactions');
  withTxOptions(
    bank
      .command('send <from> <to> <amount>')
      .description('send coins: <from> is a key name or address in the keyring, <amount> e.g. 100uscrt'),
    25_000,
  ).action(async (from: string, to: string, amount: string, o: TxOpts) => {
    const signer = loadSigner(homeOf(), from);
    const lcd = new LcdClient(o.node);
    const msg = MsgSend.fromPartial({ fromAddress: signer.key.address, toAddress: to, amount: parseCoinsArg(amount) });
    const res = await submitTx(lcd, signer, [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSend.encode(msg).finish() }], o);
    if (!res.committed) return printResult({ ...res.checkTx }, res.checkTx.code);
    printResult(txSummary(res.tx), res.tx.code);
  });
  registerComputeTx(tx, homeOf);
}
