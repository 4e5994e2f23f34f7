// scrtd tx compute store | instantiate | execute | migrate
// Messages are encrypted for the contract like secretjs does (contract-crypto.ts); the outputs of a
// committed tx are decrypted with the same key and nonce (compute-result.ts).
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { compute } from '@scrtd/proto';
import { LcdClient } from '../lcd-client.js';
import { parseCoinsArg } from '../coins.js';
import { ContractCrypto, encryptionSeedOf, wireParts } from '../contract-crypto.js';
import { codeHashByCodeId, codeHashByContract, txIoKey } from '../compute-lcd.js';
import { decodeComputeTx, eventValue } from '../compute-result.js';
import { addressOrKey, parseCodeId, parseJsonArg, rawAddress } from '../contract-args.js';
import { loadSigner, printResult, submitTx, withTxOptions, type Signer, type TxOpts } from '../tx-submit.js';

const P = '/secret.compute.v1beta1.';
export const CONTRACT_GAS = 200_000;
export const UPLOAD_GAS = 2_000_000;

interface ContractTxOpts extends TxOpts {
  codeHash?: string;
  amount?: string;
}

/** The signer's deterministic contract encryption key (see contract-crypto.ts). */
async function cryptoFor(lcd: LcdClient, signer: Signer): Promise<ContractCrypto> {
  return new ContractCrypto(await txIoKey(lcd), encryptionSeedOf(signer.account.privateKey));
}

/**
 * Broadcasts one compute message whose encrypted payload is `wire` (if any) and prints the result:
 * `head(tx)` fields first, then decrypted data, wasm attributes, error and the tx summary.
 */
async function run(
  lcd: LcdClient,
  signer: Signer,
  msg: { typeUrl: string; value: Uint8Array },
  o: TxOpts,
  crypto: ContractCrypto | undefined,
  wire: Uint8Array | undefined,
  head: (tx: Record<string, any>) => Record<string, unknown> = () => ({}),
): Promise<void> {
  const res = await submitTx(lcd, signer, [msg], o);
  if (!res.committed) return printResult({ ...res.checkTx }, res.checkTx.code);
  const tx = res.tx;
  const nonce = wire ? wireParts(wire).nonce : undefined;
  const d = decodeComputeTx(tx, crypto, [nonce]);
  const { type: _type, code_id: _c, contract_address: _a, ...data } = (d.responses[0] ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = { ...(tx.code === 0 ? head(tx) : {}), ...data };
  if (wire) out.wasm = d.wasm;
  if (d.error !== undefined) out.error = d.error;
  printResult({ ...out, ...d.summary }, tx.code);
}

function contractOptions(cmd: Command, gas: number): Command {
  return withTxOptions(cmd, gas).option('--code-hash <hex>', 'code hash of the contract (default: looked up on the node)');
}

export function registerComputeTx(tx: Command, homeOf: () => string): void {
  const c = tx.command('compute').description('secret contract transactions (messages encrypted for the enclave)');

  withTxOptions(c.command('store <key> <wasm-file>').description('upload contract code (raw or gzipped wasm); prints code_id'), UPLOAD_GAS)
    .option('--source <url>', 'source URL recorded with the code', '')
    .option('--builder <image>', 'builder image recorded with the code', '')
    .action(async (from: string, file: string, o: TxOpts & { source: string; builder: string }) => {
      const signer = loadSigner(homeOf(), from);
      const lcd = new LcdClient(o.node);
      const wasm = new Uint8Array(readFileSync(file));
      const msg = compute.MsgStoreCode.fromPartial({ sender: rawAddress(signer.key.address), wasmByteCode: wasm, source: o.source, builder: o.builder });
      await run(lcd, signer, { typeUrl: `${P}MsgStoreCode`, value: compute.MsgStoreCode.encode(msg).finish() }, o, undefined, undefined, (t) => ({
        code_id: eventValue(t, 'message', 'code_id'),
      }));
    });

  contractOptions(c.command('instantiate <key> <code-id> <json>').description('create a contract from stored code; prints its address and decrypted outputs'), CONTRACT_GAS)
    .requiredOption('--label <label>', 'unique contract label')
    .option('--admin <address>', 'admin allowed to migrate the contract (address or key name; default none)')
    .option('--amount <coins>', 'coins to send to the contract, e.g. 100uscrt')
    .action(async (from: string, codeIdArg: string, json: string, o: ContractTxOpts & { label: string; admin?: string }) => {
      const codeId = parseCodeId(codeIdArg);
      const initMsg = parseJsonArg(json, 'init message');
      const signer = loadSigner(homeOf(), from);
      const lcd = new LcdClient(o.node);
      const crypto = await cryptoFor(lcd, signer);
      const wire = crypto.encrypt(o.codeHash ?? (await codeHashByCodeId(lcd, codeId)), initMsg);
      const msg = compute.MsgInstantiateContract.fromPartial({
        sender: rawAddress(signer.key.address),
        callbackCodeHash: '',
        codeId,
        label: o.label,
        initMsg: wire,
        initFunds: o.amount ? parseCoinsArg(o.amount) : [],
        callbackSig: new Uint8Array(0),
        admin: o.admin ? addressOrKey(homeOf(), o.admin) : '',
      });
      await run(lcd, signer, { typeUrl: `${P}MsgInstantiateContract`, value: compute.MsgInstantiateContract.encode(msg).finish() }, o, crypto, wire, (t) => ({
        contract_address: eventValue(t, 'message', 'contract_address'),
      }));
    });

  contractOptions(c.command('execute <key> <contract> <json>').description('execute a contract; prints the decrypted data, wasm attributes or error'), CONTRACT_GAS)
    .option('--amount <coins>', 'coins to send to the contract, e.g. 100uscrt')
    .action(async (from: string, contract: string, json: string, o: ContractTxOpts) => {
      const execMsg = parseJsonArg(json, 'execute message');
      const contractRaw = rawAddress(contract, 'contract address');
      const signer = loadSigner(homeOf(), from);
      const lcd = new LcdClient(o.node);
      const crypto = await cryptoFor(lcd, signer);
      const wire = crypto.encrypt(o.codeHash ?? (await codeHashByContract(lcd, contract)), execMsg);
      const msg = compute.MsgExecuteContract.fromPartial({
        sender: rawAddress(signer.key.address),
        contract: contractRaw,
        msg: wire,
        callbackCodeHash: '',
        sentFunds: o.amount ? parseCoinsArg(o.amount) : [],
        callbackSig: new Uint8Array(0),
      });
      await run(lcd, signer, { typeUrl: `${P}MsgExecuteContract`, value: compute.MsgExecuteContract.encode(msg).finish() }, o, crypto, wire);
    });

  contractOptions(c.command('migrate <key> <contract> <new-code-id> <json>').description('migrate a contract to new code (admin only); the message is encrypted for the new code'), CONTRACT_GAS)
    .action(async (from: string, contract: string, codeIdArg: string, json: string, o: ContractTxOpts) => {
      const codeId = parseCodeId(codeIdArg);
      const migrateMsg = parseJsonArg(json, 'migrate message');
      rawAddress(contract, 'contract address');
      const signer = loadSigner(homeOf(), from);
      const lcd = new LcdClient(o.node);
      const crypto = await cryptoFor(lcd, signer);
      const wire = crypto.encrypt(o.codeHash ?? (await codeHashByCodeId(lcd, codeId)), migrateMsg);
      const msg = compute.MsgMigrateContract.fromPartial({
        sender: signer.key.address,
        contract,
        codeId,
        msg: wire,
        callbackSig: new Uint8Array(0),
        callbackCodeHash: '',
      });
      await run(lcd, signer, { typeUrl: `${P}MsgMigrateContract`, value: compute.MsgMigrateContract.encode(msg).finish() }, o, crypto, wire);
    });
}
