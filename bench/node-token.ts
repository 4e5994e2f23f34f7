// bench: encrypted token transfers through the whole node — `scrtd dev` in its own process, txs posted to
// the LCD (`POST /cosmos/tx/v1beta1/txs`, async mode) → mempool CheckTx → blocks → commit — timed
// from the first broadcast until the last tx is found committed. Signing and encryption happen
// before the clock starts (client work). Fresh accounts (funded from dev account "a" in setup)
// send in parallel streams, each stream in sequence order, as independent wallets would.
// Usage: node bench/dist/node-token.js [txs=5000] [blockTimeMs=500] [streams=100] [warmupTxs=0]
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromBech32Address, keyFromMnemonic, pubkeyToAddress, randomBytes, secp256k1PublicKey, SecretEncryptor, sha256, toBech32Address, toHex } from '@scrtd/crypto';
import { buildSignedTx } from '@scrtd/app';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { bank, compute } from '@scrtd/proto';
import { HttpConnection } from './lib/http-connection.js';

const TOTAL = Number(process.argv[2] ?? 5_000);
const BLOCK_MS = process.argv[3] ?? '500';
const CHAIN_ID = 'secretdev-1';
const T = '/secret.compute.v1beta1.';
const devAccounts = JSON.parse(readFileSync(new URL('../../../shared/reference/dev-accounts.json', import.meta.url), 'utf8')) as {
  accounts: { name: string; mnemonic: string }[];
};
const STREAMS = Number(process.argv[4] ?? 100);
// Transfers sent and committed before the timed phase, so the figure is the node's steady state.
const WARMUP = Number(process.argv[5] ?? 0);
const FUNDER = { name: 'a', ...keyFromMnemonic(devAccounts.accounts.find((a) => a.name === 'a')!.mnemonic, 0) };
const SENDERS = Array.from({ length: STREAMS }, (_, i) => {
  const privateKey = randomBytes(32);
  const publicKey = secp256k1PublicKey(privateKey);
  return { name: `s${i}`, privateKey, publicKey, address: toBech32Address(pubkeyToAddress(publicKey), 'secret') };
});
type Sender = typeof FUNDER;

async function main() {
  const home = mkdtempSync(join(tmpdir(), 'bench-node-token-'));
  // The node runs in its own process, so the client's HTTP work does not share its event loop.
  const port = await new Promise<number>((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const p = (srv.address() as { port: number }).port;
      srv.close(() => resolve(p));
    });
  });
  const cli = new URL('../../packages/cli/dist/src/main.js', import.meta.url).pathname;
  const prof = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  // BENCH_NODE_ARGS passes V8/Node flags to the node (e.g. `--trace-gc`); its output goes to BENCH_NODE_LOG.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const log = process.env.BENCH_NODE_LOG ? openSync(process.env.BENCH_NODE_LOG, 'w') : 'ignore';
  // BENCH_DEV_ARGS passes extra `scrtd dev` flags (e.g. `--no-check-thread`).
  const devArgs = (process.env.BENCH_DEV_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...prof, ...nodeArgs, cli, '--home', home, 'dev', '--reset', '--lcd-port', String(port), '--block-time', BLOCK_MS, ...devArgs], { stdio: ['ignore', log, log] });
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
    (await (await fetch(`${lcd}/cosmos/tx/v1beta1/txs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tx_bytes: Buffer.from(txBytes).toString('base64'), mode }) })).json()) as any;
  const waitTx = async (hash: string) => {
    for (;;) {
      const r = await fetch(`${lcd}/cosmos/tx/v1beta1/txs/${hash}`);
      if (r.ok) return ((await r.json()) as any).tx_response;
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  // Waits until every hash is committed, one light lookup at a time (polling all of them at once, or
  // the latest block with its thousands of txs, would load the node being measured).
  const waitAll = async (hashes: string[]) => {
    const found: any[] = [];
    for (const h of hashes) found.push(await waitTx(h));
    return found;
  };
  const accounts = new Map<string, { num: bigint; seq: bigint }>();
  const loadAccount = async (s: Sender) => {
    const a = (await get(`/cosmos/auth/v1beta1/accounts/${s.address}`)).account;
    accounts.set(s.address, { num: BigInt(a.account_number), seq: BigInt(a.sequence) });
  };
  await loadAccount(FUNDER);
  const sign = (s: Sender, msg: { typeUrl: string; value: Uint8Array }, gas: bigint) => {
    const acc = accounts.get(s.address)!;
    const tx = buildSignedTx({ chainId: CHAIN_ID, msgs: [msg], fee: [{ denom: 'uscrt', amount: String(gas / 10n) }], gasLimit: gas }, [{ ...s, accountNumber: acc.num, sequence: acc.seq }]);
    acc.seq++;
    return tx;
  };
  const io = new Uint8Array(Buffer.from((await get('/registration/v1beta1/tx-key')).key, 'base64'));
  const client = new SecretEncryptor();
  const admin = FUNDER;
  // Fund the senders with one MultiSend.
  const fund = await post(
    sign(
      FUNDER,
      {
        typeUrl: '/cosmos.bank.v1beta1.MsgMultiSend',
        value: bank.MsgMultiSend.encode({
          inputs: [{ address: FUNDER.address, coins: [{ denom: 'uscrt', amount: String(SENDERS.length * 10_000_000_000) }] }],
          outputs: SENDERS.map((s) => ({ address: s.address, coins: [{ denom: 'uscrt', amount: '10000000000' }] })),
        }).finish(),
      },
      BigInt(50_000 + 20_000 * SENDERS.length),
    ),
    'BROADCAST_MODE_SYNC',
  );
  await waitTx(fund.tx_response.txhash);
  for (const s of SENDERS) await loadAccount(s);

  // Setup: upload and instantiate the token with a balance for every sender.
  const wasm = new Uint8Array(readFileSync(new URL('../../contracts/examples/build/snip20.wasm', import.meta.url)));
  const codeHash = toHex(sha256(wasm));
  const st = await post(sign(admin, { typeUrl: `${T}MsgStoreCode`, value: compute.MsgStoreCode.encode({ sender: fromBech32Address(admin.address), wasmByteCode: wasm, source: '', builder: '' }).finish() }, 3_000_000n), 'BROADCAST_MODE_SYNC');
  await waitTx(st.tx_response.txhash);
  const init = { name: 'Bench', symbol: 'BENCH', decimals: 6, initial_balances: SENDERS.map((s) => ({ address: s.address, amount: '1000000000' })) };
  const inst = await post(
    sign(
      admin,
      {
        typeUrl: `${T}MsgInstantiateContract`,
        value: compute.MsgInstantiateContract.encode({ sender: fromBech32Address(admin.address), callbackCodeHash: '', codeId: 1n, label: 'bench', initMsg: client.encrypt(io, codeHash, init), initFunds: [], callbackSig: new Uint8Array(0), admin: '' }).finish(),
      },
      BigInt(1_000_000 + 100_000 * SENDERS.length),
    ),
    'BROADCAST_MODE_SYNC',
  );
  const instRes = await waitTx(inst.tx_response.txhash);
  if (instRes.code !== 0) throw new Error(instRes.raw_log);
  const contract = instRes.events.find((e: any) => e.type === 'message' && e.attributes.some((a: any) => a.key === 'contract_address')).attributes.find((a: any) => a.key === 'contract_address').value as string;

  // Client work before the clock: one stream of signed transfers per sender, for each phase.
  const transfers = (count: number) =>
    SENDERS.map((s, i) =>
      Array.from({ length: Math.ceil(count / SENDERS.length) }, () => {
        const tx = sign(
          s,
          {
            typeUrl: `${T}MsgExecuteContract`,
            value: compute.MsgExecuteContract.encode({
              sender: fromBech32Address(s.address),
              contract: fromBech32Address(contract),
              msg: client.encrypt(io, codeHash, { transfer: { recipient: SENDERS[(i + 1) % SENDERS.length]!.address, amount: '1' } }),
              callbackCodeHash: '',
              sentFunds: [],
              callbackSig: new Uint8Array(0),
            }).finish(),
          },
          200_000n,
        );
        return JSON.stringify({ tx_bytes: Buffer.from(tx).toString('base64'), mode: 'BROADCAST_MODE_ASYNC' });
      }),
    );
  const warmBodies = transfers(WARMUP);
  const bodies = transfers(TOTAL);
  // Each stream is a wallet with its own keep-alive connection, one request in flight.
  const conns = await Promise.all(SENDERS.map(() => HttpConnection.open('127.0.0.1', port)));
  const phase = async (streams: string[][]) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const lastHashes = await Promise.all(
      streams.map(async (txs, i) => {
        let last = '';
        for (const body of txs) {
          const r = await conns[i]!.post('/cosmos/tx/v1beta1/txs', body);
          if (r.status !== 200) throw new Error(`broadcast answered ${r.status}: ${r.body}`);
          last = (JSON.parse(r.body) as { tx_response: { txhash: string } }).tx_response.txhash;
        }
        return last;
      }),
    );
    const broadcastMs = performance.now() - t0;
    const results = await waitAll(lastHashes.filter(Boolean));
    const totalMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const failed = results.filter((r) => r.code !== 0);
    if (failed.length) throw new Error(`transfer failed: ${failed[0].raw_log}`);
    return { n: streams.reduce((a, s) => a + s.length, 0), broadcastMs, totalMs, cpu, results };
  };
  const first = Number(instRes.height);
  const report = (label: string, r: Awaited<ReturnType<typeof phase>>, fromHeight: number) => {
    const last = Math.max(...r.results.map((x) => Number(x.height)));
    console.log(`  ${label}: ${((r.n / r.totalMs) * 1000).toFixed(0)} tx/s ×${r.n} (first broadcast → last tx committed: ${r.totalMs.toFixed(0)} ms; blocks used: ${last - fromHeight})`);
    console.log(`    broadcasting alone: ${((r.n / r.broadcastMs) * 1000).toFixed(0)} tx/s accepted by the LCD; the load generator (this process) used ${(((r.cpu.user + r.cpu.system) / 1000 / r.totalMs) * 100).toFixed(0)} % of one core`);
    return last;
  };
  console.log(`encrypted token transfers through the node (${SENDERS.length} sender streams, LCD async broadcast, ${BLOCK_MS} ms blocks)`);
  let height = first;
  if (WARMUP > 0) height = report('warm-up (the JIT compiling the hot paths)', await phase(warmBodies), height);
  report('throughput', await phase(bodies), height);
  for (const c of conns) c.close();
  child.kill('SIGINT');
  await new Promise((res) => child.once('exit', res));
  rmSync(home, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
