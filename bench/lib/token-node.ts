// Shared set-up of the through-the-node token benches: `scrtd dev` in its own process, fresh sender
// accounts funded from dev account "a", the example SNIP-20 token uploaded and instantiated with a
// balance for every sender, and encrypted, signed transfers prepared before any clock starts (client
// work). The node runs with scrtd's NODE_FLAGS, as `npm start` and the `scrtd` command run it. Its
// stdout/stderr go to BENCH_NODE_LOG; BENCH_NODE_ARGS and BENCH_DEV_ARGS pass more Node and `scrtd dev` flags; BENCH_PROFILE_DIR writes the node's CPU profiles there.
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fromBech32Address, keyFromMnemonic, pubkeyToAddress, randomBytes, secp256k1PublicKey, SecretEncryptor, sha256, toBech32Address, toHex } from '@scrtd/crypto';
import { buildSignedTx } from '@scrtd/app';
import { NODE_FLAGS } from '@scrtd/cli';
import { bank, compute } from '@scrtd/proto';
import { HttpConnection } from './http-connection.js';
import { encryptedTransfer } from './token-transfer.js';

const CHAIN_ID = 'secretdev-1';
const T = '/secret.compute.v1beta1.';

export interface TokenNode {
  port: number;
  child: ChildProcess;
  /** Request bodies of `perStream` async-broadcast transfers for every sender, in sequence order. */
  transfers(perStream: number): string[][];
  /** One keep-alive connection per sender stream. */
  connections(): Promise<HttpConnection[]>;
  /**
   * Waits until every hash is committed (one light lookup at a time); their tx responses. With
   * `deadline` (a performance.now() time), gives up then and returns undefined.
   */
  waitAll(hashes: string[], deadline?: number): Promise<any[] | undefined>;
  get(path: string): Promise<any>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
}

export async function startTokenNode(opts: { blockMs: string; streams: number }): Promise<TokenNode> {
  const devAccounts = JSON.parse(readFileSync(new URL('../../../../shared/reference/dev-accounts.json', import.meta.url), 'utf8')) as {
    accounts: { name: string; mnemonic: string }[];
  };
  const funder = { name: 'a', ...keyFromMnemonic(devAccounts.accounts.find((a) => a.name === 'a')!.mnemonic, 0) };
  type Sender = typeof funder;
  const senders: Sender[] = Array.from({ length: opts.streams }, (_, i) => {
    const privateKey = randomBytes(32);
    const publicKey = secp256k1PublicKey(privateKey);
    return { name: `s${i}`, privateKey, publicKey, address: toBech32Address(pubkeyToAddress(publicKey), 'secret') } as Sender;
  });

  const home = mkdtempSync(join(tmpdir(), 'bench-node-token-'));
  // The node runs in its own process, so the client's HTTP work does not share its event loop.
  const port = await freePort();
  const cli = new URL('../../../packages/cli/dist/src/main.js', import.meta.url).pathname;
  const prof = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const log = process.env.BENCH_NODE_LOG ? openSync(process.env.BENCH_NODE_LOG, 'w') : 'ignore';
  const devArgs = (process.env.BENCH_DEV_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...NODE_FLAGS, ...prof, ...nodeArgs, cli, '--home', home, 'dev', '--reset', '--lcd-port', String(port), '--block-time', opts.blockMs, ...devArgs], {
    stdio: ['ignore', log, log],
  });
  const lcd = `http://127.0.0.1:${port}`;
  for (;;) {
    try {
      const r = await fetch(`${lcd}/cosmos/base/tendermint/v1beta1/blocks/latest`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((res) => setTimeout(res, 50));
  }
  const get = async (path: string) => (await fetch(lcd + path)).json() as Promise<any>;
  const post = async (txBytes: Uint8Array, mode: string) =>
    (await (
      await fetch(`${lcd}/cosmos/tx/v1beta1/txs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ tx_bytes: Buffer.from(txBytes).toString('base64'), mode }),
      })
    ).json()) as any;
  const waitTx = async (hash: string, deadline = Infinity) => {
    for (;;) {
      const r = await fetch(`${lcd}/cosmos/tx/v1beta1/txs/${hash}`);
      if (r.ok) return ((await r.json()) as any).tx_response;
      if (performance.now() > deadline) return undefined;
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  // One light lookup at a time: polling all of them at once, or the latest block with its thousands of
  // txs, would load the node being measured.
  const waitAll = async (hashes: string[], deadline?: number) => {
    const found: any[] = [];
    for (const h of hashes) {
      const r = await waitTx(h, deadline);
      if (r === undefined) return undefined;
      found.push(r);
    }
    return found;
  };
  const accounts = new Map<string, { num: bigint; seq: bigint }>();
  const loadAccount = async (s: Sender) => {
    const a = (await get(`/cosmos/auth/v1beta1/accounts/${s.address}`)).account;
    accounts.set(s.address, { num: BigInt(a.account_number), seq: BigInt(a.sequence) });
  };
  await loadAccount(funder);
  const sign = (s: Sender, msg: { typeUrl: string; value: Uint8Array }, gas: bigint) => {
    const acc = accounts.get(s.address)!;
    const tx = buildSignedTx({ chainId: CHAIN_ID, msgs: [msg], fee: [{ denom: 'uscrt', amount: String(gas / 10n) }], gasLimit: gas }, [{ ...s, accountNumber: acc.num, sequence: acc.seq }]);
    acc.seq++;
    return tx;
  };
  const io = new Uint8Array(Buffer.from((await get('/registration/v1beta1/tx-key')).key, 'base64'));
  const client = new SecretEncryptor();
  // Fund the senders with one MultiSend.
  const fund = await post(
    sign(
      funder,
      {
        typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend',
        value: bank.MsgMultiSend.encode({
          inputs: [{ address: funder.address, coins: [{ denom: 'uscrt', amount: String(senders.length * 10_000_000_000) }] }],
          outputs: senders.map((s) => ({ address: s.address, coins: [{ denom: 'uscrt', amount: '10000000000' }] })),
        }).finish(),
      },
      BigInt(50_000 + 20_000 * senders.length),
    ),
    'BROADCAST_MODE_SYNC',
  );
  await waitTx(fund.tx_response.txhash);
  for (const s of senders) await loadAccount(s);

  // Upload and instantiate the token with a balance for every sender.
  const wasm = new Uint8Array(readFileSync(new URL('../../../contracts/examples/build/snip20.wasm', import.meta.url)));
  const codeHash = toHex(sha256(wasm));
  const admin = funder;
  const st = await post(
    sign(admin, { typeUrl: `${T}MsgStoreCode`, value: compute.MsgStoreCode.encode({ sender: fromBech32Address(admin.address), wasmByteCode: wasm, source: '', builder: '' }).finish() }, 3_000_000n),
    'BROADCAST_MODE_SYNC',
  );
  await waitTx(st.tx_response.txhash);
  const init = { name: 'Bench', symbol: 'BENCH', decimals: 6, initial_balances: senders.map((s) => ({ address: s.address, amount: '1000000000' })) };
  const inst = await post(
    sign(
      admin,
      {
        typeUrl: `${T}MsgInstantiateContract`,
        value: compute.MsgInstantiateContract.encode({ sender: fromBech32Address(admin.address), callbackCodeHash: '', codeId: 1n, label: 'bench', initMsg: client.encrypt(io, codeHash, init), initFunds: [], callbackSig: new Uint8Array(0), admin: '' }).finish(),
      },
      BigInt(1_000_000 + 100_000 * senders.length),
    ),
    'BROADCAST_MODE_SYNC',
  );
  const instRes = await waitTx(inst.tx_response.txhash);
  if (instRes.code !== 0) throw new Error(instRes.raw_log);
  const contract = instRes.events.find((e: any) => e.type === 'message' && e.attributes.some((a: any) => a.key === 'contract_address')).attributes.find((a: any) => a.key === 'contract_address').value as string;

  const transfers = (perStream: number) =>
    senders.map((s, i) =>
      Array.from({ length: perStream }, () => {
        const tx = sign(s, encryptedTransfer(client, io, codeHash, s.address, contract, senders[(i + 1) % senders.length]!.address), 200_000n);
        return JSON.stringify({ tx_bytes: Buffer.from(tx).toString('base64'), mode: 'BROADCAST_MODE_ASYNC' });
      }),
    );
  const conns: HttpConnection[] = [];
  return {
    port,
    child,
    transfers,
    connections: async () => {
      const opened = await Promise.all(senders.map(() => HttpConnection.open('127.0.0.1', port)));
      conns.push(...opened);
      return opened;
    },
    waitAll,
    get,
    stop: async () => {
      for (const c of conns) c.close();
      child.kill('SIGINT');
      await new Promise((res) => child.once('exit', res));
      rmSync(home, { recursive: true, force: true });
    },
  };
}
