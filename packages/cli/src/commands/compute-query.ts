// scrtd query compute contract-state smart | code-hash | list-code | label | contract-info | tx
import type { Command } from 'commander';
import { equalBytes, fromBase64, toBase64 } from '@scrtd/crypto';
import { LcdClient, LcdError } from '../lcd-client.js';
import { ContractCrypto, encryptionSeedOf, wireParts } from '../contract-crypto.js';
import { codeHashByCodeId, codeHashByContract, txIoKey } from '../compute-lcd.js';
import { decodeComputeTx } from '../compute-result.js';
import { parseCodeId, parseJsonArg, rawAddress } from '../contract-args.js';
import { loadSigner } from '../tx-submit.js';

interface NodeOpts {
  node: string;
  height?: string;
}

const print = (v: unknown) => console.log(JSON.stringify(v, null, 2));
const heightOf = (o: NodeOpts) => (o.height !== undefined ? Number(o.height) : undefined);

function withNode(cmd: Command): Command {
  return cmd.option('--node <url>', 'LCD endpoint', 'http://127.0.0.1:1317');
}

/** Encrypted smart query; a contract error is decrypted and thrown as the command's error. */
export async function smartQuery(lcd: LcdClient, contract: string, codeHash: string, query: unknown, height?: number): Promise<unknown> {
  const crypto = new ContractCrypto(await txIoKey(lcd));
  const wire = crypto.encrypt(codeHash, query);
  const { nonce } = wireParts(wire);
  let r: { data?: string };
  try {
    r = await lcd.get<{ data?: string }>(`/compute/v1beta1/query/${encodeURIComponent(contract)}?query=${encodeURIComponent(toBase64(wire))}`, height);
  } catch (e) {
    const d = e instanceof LcdError ? crypto.decryptError(e.message, [nonce]) : undefined;
    if (d) throw new Error(d.log);
    throw e;
  }
  if (typeof r.data !== 'string') throw new Error(`the node returned no query data: ${JSON.stringify(r)}`);
  return crypto.decryptQueryAnswer(r.data, nonce);
}

/** Encrypted payloads of a tx's messages (init_msg / msg in the tx JSON), for their nonces. */
function messageWires(txJson: Record<string, any> | undefined): (Uint8Array | undefined)[] {
  const msgs = (txJson?.body?.messages ?? []) as Record<string, unknown>[];
  return msgs.map((m) => {
    const b64 = typeof m.init_msg === 'string' ? m.init_msg : typeof m.msg === 'string' ? m.msg : undefined;
    if (b64 === undefined) return undefined;
    try {
      const wire = fromBase64(b64);
      return wire.length >= 64 ? wire : undefined;
    } catch {
      return undefined;
    }
  });
}

export function registerComputeQuery(query: Command, homeOf: () => string): void {
  const c = query.command('compute').description('secret contract queries');

  const state = c.command('contract-state').description('contract state queries');
  withNode(state.command('smart <contract> <json>').description('encrypted query of a contract; prints its decrypted JSON answer'))
    .option('--code-hash <hex>', 'code hash of the contract (default: looked up on the node)')
    .option('--height <h>', 'query state at this height')
    .action(async (contract: string, json: string, o: NodeOpts & { codeHash?: string }) => {
      const q = parseJsonArg(json, 'query');
      rawAddress(contract, 'contract address');
      const lcd = new LcdClient(o.node);
      print(await smartQuery(lcd, contract, o.codeHash ?? (await codeHashByContract(lcd, contract)), q, heightOf(o)));
    });

  withNode(c.command('code-hash [contract]').description('code hash of a contract, or of stored code with --code-id'))
    .option('--code-id <id>', 'code id instead of a contract address')
    .action(async (contract: string | undefined, o: NodeOpts & { codeId?: string }) => {
      if ((contract === undefined) === (o.codeId === undefined)) throw new Error('give either a contract address or --code-id');
      const lcd = new LcdClient(o.node);
      const code_hash = o.codeId !== undefined ? await codeHashByCodeId(lcd, parseCodeId(o.codeId)) : await codeHashByContract(lcd, contract!);
      print({ code_hash });
    });

  withNode(c.command('list-code').description('all stored code: id, creator, code hash, source, builder')).action(async (o: NodeOpts) => {
    print(await new LcdClient(o.node).get('/compute/v1beta1/codes'));
  });

  withNode(c.command('label <label>').description('the address of the contract with this label')).action(async (label: string, o: NodeOpts) => {
    print(await new LcdClient(o.node).get(`/compute/v1beta1/contract_address/${encodeURIComponent(label)}`));
  });

  withNode(c.command('contract-info <contract>').description('code id, creator, label and admin of a contract')).action(async (contract: string, o: NodeOpts) => {
    print(await new LcdClient(o.node).get(`/compute/v1beta1/info/${encodeURIComponent(contract)}`));
  });

  withNode(c.command('tx <hash>').description('a compute tx with its outputs decrypted for the key that sent it'))
    .option('--from <key>', 'the sending key (default: the tx signer, if it is in the keyring)')
    .action(async (hash: string, o: NodeOpts & { from?: string }) => {
      const lcd = new LcdClient(o.node);
      const r = await lcd.get<{ tx?: Record<string, any>; tx_response: Record<string, any> }>(`/cosmos/tx/v1beta1/txs/${encodeURIComponent(hash)}`);
      const wires = messageWires(r.tx ?? r.tx_response.tx);
      const from = o.from ?? signerAddress(r.tx ?? r.tx_response.tx);
      let crypto: ContractCrypto | undefined;
      if (from !== undefined) {
        try {
          crypto = new ContractCrypto(await txIoKey(lcd), encryptionSeedOf(loadSigner(homeOf(), from).account.privateKey));
        } catch (e) {
          if (o.from !== undefined) throw e;
        }
      }
      // Only the key whose encryption pubkey is in the messages can open the outputs.
      const ours = crypto !== undefined && wires.some((w) => w !== undefined && equalBytes(wireParts(w).publicKey, crypto.publicKey));
      const d = decodeComputeTx(r.tx_response, ours ? crypto : undefined, wires.map((w) => (w ? wireParts(w).nonce : undefined)));
      print({ ...d.summary, ...(d.error !== undefined ? { error: d.error } : {}), responses: d.responses, wasm: d.wasm, decrypted: ours });
    });
}

/** The sender of the first message (the fields the compute messages use for it). */
function signerAddress(txJson: Record<string, any> | undefined): string | undefined {
  const m = txJson?.body?.messages?.[0] as Record<string, unknown> | undefined;
  const s = m?.sender ?? m?.from_address;
  return typeof s === 'string' ? s : undefined;
}
