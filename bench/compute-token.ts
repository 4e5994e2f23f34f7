// bench: encrypted SNIP-20-style token transfers (contracts/examples/snip20, built from TypeScript)
// per second through CheckTx → FinalizeBlock → Commit on the lmdb store, with the software enclave:
// every tx is signature-checked, its message decrypted, the contract run metered, its state and
// outputs encrypted, and the block committed. Encryption and signing of the txs are client work and
// happen before the clock starts. Afterwards a profile of one block splits the time per phase.
// Usage: node bench/dist/compute-token.js [txs=10000] [blockSize=2000] [--hash-threads=0|1] [--split]
// Env: BENCH_SENDERS (default 2000, at most txs) — fewer senders means more txs per sender per block,
// as in the node benchmarks' 100 wallet streams.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fromBech32Address, pubkeyToAddress, randomBytes, secp256k1PublicKey, SecretEncryptor, sha256, toBech32Address, toHex } from '@scrtd/crypto';
import { openCommitMultiStore } from '@scrtd/store';
import { createScrtApp, defaultAppState, APP_STORE_NAMES, buildSignedTx, type ScrtApp } from '@scrtd/app';
import { Enclave } from '@scrtd/enclave';
import { auth, compute, TxMsgData } from '@scrtd/proto';
import { encryptedTransfer } from './lib/token-transfer.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const TOTAL = Number(args[0] ?? 10_000);
const BLOCK = Number(args[1] ?? 2_000);
const SENDERS = Math.min(TOTAL, Number(process.env.BENCH_SENDERS ?? 2_000));
const CHAIN_ID = 'secretdev-1';
const GAS = 200_000n;

function rfc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000001Z');
}

interface Key {
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  address: string;
}

async function main() {
  const wasm = new Uint8Array(readFileSync(new URL('../../contracts/examples/build/snip20.wasm', import.meta.url)));
  const codeHash = toHex(sha256(wasm));
  const dir = mkdtempSync(join(tmpdir(), 'bench-token-'));
  const HASH_THREADS = Number(process.argv.find((a) => a.startsWith('--hash-threads='))?.split('=')[1] ?? 0);
  const store = await openCommitMultiStore({ path: dir, storeNames: [...APP_STORE_NAMES], hashThreads: HASH_THREADS });
  const enclave = Enclave.fromSeeds([randomBytes(32), randomBytes(32)]);
  const io = enclave.publicKeys().ioPubKey;
  const app = createScrtApp({ chainId: CHAIN_ID, minGasPrices: '0.0125uscrt' }, { store, enclave });
  const keys: Key[] = Array.from({ length: SENDERS }, () => {
    const privateKey = randomBytes(32);
    const publicKey = secp256k1PublicKey(privateKey);
    return { privateKey, publicKey, address: toBech32Address(pubkeyToAddress(publicKey), 'secret') };
  });
  const state = defaultAppState() as Record<string, any>;
  state.auth.accounts = keys.map((k) => ({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address: k.address, account_number: '0', sequence: '0' }));
  state.bank.balances = keys.map((k) => ({ address: k.address, coins: [{ denom: 'uscrt', amount: '1000000000000' }] }));
  state.register.io_master_key = { bytes: Buffer.from(io).toString('base64') };
  let t = Date.UTC(2026, 0, 1);
  let height = 0;
  const header = () => ({ height, time: rfc(t), timeNs: BigInt(t) * 1_000_000n + 1n, chainId: CHAIN_ID, proposerAddress: new Uint8Array(20), hash: sha256(Buffer.from(`block ${height}`)) });
  app.initChain({ time: rfc(t), chainId: CHAIN_ID, initialHeight: 1, appStateBytes: Buffer.from(JSON.stringify(state)), validators: [] });
  const { QueryAccountRequest, QueryAccountResponse, BaseAccount } = auth;
  const accNums = new Map<string, bigint>();
  const seq = new Map<string, bigint>();
  const sign = (k: Key, msgs: { typeUrl: string; value: Uint8Array }[], gas = GAS) => {
    if (!accNums.has(k.address)) {
      const r = app.query({ path: '/cosmos.auth.v1beta1.Query/Account', data: QueryAccountRequest.encode({ address: k.address }).finish(), height: 0, prove: false });
      accNums.set(k.address, BaseAccount.decode(QueryAccountResponse.decode(r.value).account!.value).accountNumber);
    }
    const s = seq.get(k.address) ?? 0n;
    seq.set(k.address, s + 1n);
    return buildSignedTx(
      { chainId: CHAIN_ID, msgs, fee: [{ denom: 'uscrt', amount: String(gas / 10n) }], gasLimit: gas },
      [{ ...k, accountNumber: accNums.get(k.address)!, sequence: s }],
    );
  };
  const runBlock = async (txs: Uint8Array[]) => {
    height++;
    t += 1000;
    const res = app.finalizeBlock({ txs, header: header() });
    await app.commit();
    const bad = res.txResults.find((r) => r.code !== 0);
    if (bad) throw new Error(`tx failed: ${bad.log}`);
    return res.txResults;
  };
  await runBlock([]);

  // Setup (not timed): upload, instantiate with a balance for every sender.
  const admin = keys[0]!;
  const client = new SecretEncryptor();
  const T = '/secret.compute.v1beta1.';
  await runBlock([
    sign(admin, [{ typeUrl: `${T}MsgStoreCode`, value: compute.MsgStoreCode.encode({ sender: fromBech32Address(admin.address), wasmByteCode: wasm, source: '', builder: '' }).finish() }], 5_000_000n),
  ]);
  const init = {
    name: 'Bench Token',
    symbol: 'BENCH',
    decimals: 6,
    initial_balances: keys.map((k) => ({ address: k.address, amount: '1000000000' })),
  };
  const [instRes] = await runBlock([
    sign(
      admin,
      [
        {
          typeUrl: `${T}MsgInstantiateContract`,
          value: compute.MsgInstantiateContract.encode({
            sender: fromBech32Address(admin.address),
            callbackCodeHash: '',
            codeId: 1n,
            label: 'bench-token',
            initMsg: client.encrypt(io, codeHash, init),
            initFunds: [],
            callbackSig: new Uint8Array(0),
            admin: '',
          }).finish(),
        },
      ],
      500_000_000n,
    ),
  ]);
  const contract = compute.MsgInstantiateContractResponse.decode(TxMsgData.decode(instRes!.data).msgResponses[0]!.value).address;

  // Client work, before the clock: encrypt and sign every transfer.
  const txs: Uint8Array[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const k = keys[i % SENDERS]!;
    txs.push(sign(k, [encryptedTransfer(client, io, codeHash, k.address, contract, keys[(i + 1) % SENDERS]!.address)]));
  }

  let checkMs = 0;
  let finalizeMs = 0;
  let commitMs = 0;
  let gasUsed = 0n;
  const SPLIT = process.argv.includes('--split');
  const prof = process.env.BENCH_PROFILE || SPLIT ? await startProfile() : undefined;
  const start = performance.now();
  let pre = app.preverify(txs.slice(0, BLOCK));
  for (let off = 0; off < TOTAL; off += BLOCK) {
    const block = txs.slice(off, off + BLOCK);
    await pre;
    if (off + BLOCK < TOTAL) pre = app.preverify(txs.slice(off + BLOCK, off + 2 * BLOCK));
    let t0 = performance.now();
    for (const tx of block) {
      const r = app.checkTx({ tx, type: 0 });
      if (r.code !== 0) throw new Error(`checkTx failed: ${r.log}`);
    }
    checkMs += performance.now() - t0;
    t0 = performance.now();
    height++;
    t += 1000;
    const res = app.finalizeBlock({ txs: block, header: header() });
    finalizeMs += performance.now() - t0;
    const bad = res.txResults.find((r) => r.code !== 0);
    if (bad) throw new Error(`transfer failed: ${bad.log}`);
    for (const r of res.txResults) gasUsed += r.gasUsed;
    t0 = performance.now();
    await app.commit();
    commitMs += performance.now() - t0;
  }
  const totalMs = performance.now() - start;
  const cpu = prof ? await prof(process.env.BENCH_PROFILE) : undefined;
  const perTxUs = (ms: number) => ((ms * 1000) / TOTAL).toFixed(1);
  console.log(`encrypted token transfers ×${TOTAL} (blocks of ${BLOCK}, ${SENDERS} senders, snip20.wasm ${(wasm.length / 1024).toFixed(0)} KiB, lmdb store)`);
  console.log(`  throughput:    ${((TOTAL / totalMs) * 1000).toFixed(0)} tx/s (CheckTx + FinalizeBlock + Commit, one process)`);
  console.log(`  CheckTx:       ${perTxUs(checkMs)} µs/tx`);
  console.log(`  FinalizeBlock: ${perTxUs(finalizeMs)} µs/tx`);
  console.log(`  Commit:        ${perTxUs(commitMs)} µs/tx`);
  console.log(`  gas used:      ${(gasUsed / BigInt(TOTAL)).toString()} per transfer`);
  if (cpu) printSplit(cpu, TOTAL);
  await profile(app, io, codeHash, contract, keys, sign, runBlock);
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

/** One more block with the enclave's and the vm's parts timed separately (wrappers, not sampling). */
async function profile(
  app: ScrtApp,
  io: Uint8Array,
  codeHash: string,
  contract: string,
  keys: Key[],
  sign: (k: Key, msgs: { typeUrl: string; value: Uint8Array }[]) => Uint8Array,
  runBlock: (txs: Uint8Array[]) => Promise<unknown>,
): Promise<void> {
  const client = new SecretEncryptor();
  const n = Math.min(BLOCK, keys.length);
  const txs = keys.slice(0, n).map((k, i) => sign(k, [encryptedTransfer(client, io, codeHash, k.address, contract, keys[(i + 1) % keys.length]!.address)]));
  await app.preverify(txs);
  const keeper = app.keepers.compute;
  const enclave = keeper.enclave as Enclave;
  let execUs = 0;
  const original = enclave.executeContract.bind(enclave);
  enclave.executeContract = (req) => {
    const t0 = performance.now();
    try {
      return original(req);
    } finally {
      execUs += (performance.now() - t0) * 1000;
    }
  };
  const t0 = performance.now();
  await runBlock(txs);
  const blockUs = (performance.now() - t0) * 1000;
  enclave.executeContract = original;
  console.log(`  profile of one block of ${n}: ${(blockUs / n).toFixed(1)} µs/tx in FinalizeBlock+Commit, of which enclave execute ${(execUs / n).toFixed(1)} µs/tx`);
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** BENCH_PROFILE=<file> or --split: a CPU profile of the timed part only (main thread). */
async function startProfile(): Promise<(file?: string) => Promise<CpuProfile>> {
  const { Session } = await import('node:inspector/promises');
  const { writeFileSync } = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (file) => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
    if (file) writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    return profile;
  };
}

/**
 * Where the main thread's time went, from the profile, per tx. Each sample goes to the innermost
 * frame on its stack that names a phase, so the crypto inside a host import counts as crypto and
 * the rest of the wasm call as wasm; a phase's figure is its own time without the phases below it.
 * The profiler slows everything down, so the shares matter more than the sums. Signature checks run
 * on the verifier worker (preverify) and are measured separately.
 */
function printSplit(p: CpuProfile, txs: number): void {
  // [label, function names, file the function must be in ('' = any)]
  const phases: [string, string[], string][] = [
    ['signature: sign digests and cache lookups', ['collectSigChecks', 'signDigest'], ''],
    ['decryption: tx key (X25519, HKDF), input open', ['openInput'], 'io.js'],
    ['encryption: contract state keys and values', ['storedKey', 'storedKeys', 'storedKeyOf', 'keyEntry', 'keyEntries', 'seal', 'sealMany', 'sealEntries', 'open', 'openEntry'], 'state.js'],
    ['encryption: outputs (data, attributes)', ['sealData', 'sealAttributes', 'sealEvents', 'sealSubMessages'], 'outputs.js'],
    ['wasm: contract code and host imports', ['call'], 'runtime.js'],
    ['wasm: instance reset and creation', ['resetInstance', 'Instance'], ''],
    ['contract call: env, results, events (enclave)', ['execute', 'query', 'instantiate'], 'engine.js'],
    ['storage: branch caches (reads and writes)', ['get', 'set', 'delete', 'has', 'iterate', 'write'], 'cache.js'],
    ['storage: app hash (LtHash)', ['workingHash'], ''],
    ['storage: commit (LMDB transaction)', ['commit'], 'commit-multistore.js'],
    ['storage: tx records and event index', ['write'], 'txindex.js'],
    ['ante handler: fees, sequences, accounts', ['runAnte'], ''],
    ['tx decoding (protobuf)', ['decodeTx'], ''],
    ['compute keeper (contract info, events)', ['execute'], 'keeper.js'],
    ['block and tx execution (baseapp, results)', ['finalizeBlock', 'checkTx', 'runTx'], 'baseapp.js'],
    ['garbage collection', ['(garbage collector)'], ''],
  ];
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map<number, string | null>();
  const label = (id: number): string | null => {
    const hit = phaseOf.get(id);
    if (hit !== undefined) return hit;
    const n = byId.get(id)!;
    let own: string | null = null;
    for (const [name, names, file] of phases) {
      if (names.includes(n.callFrame.functionName) && n.callFrame.url.endsWith(file)) {
        own = name;
        break;
      }
    }
    const up = parent.get(id);
    const result = own ?? (up === undefined ? null : label(up));
    phaseOf.set(id, result);
    return result;
  };
  const sums = new Map<string, number>();
  let all = 0;
  p.samples.forEach((id, i) => {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === '(idle)' || name === '(program)') return;
    const dt = p.timeDeltas[i] ?? 0;
    all += dt;
    const l = label(id) ?? 'everything else (driver, events, misc.)';
    sums.set(l, (sums.get(l) ?? 0) + dt);
  });
  console.log('  main-thread split (CPU profile, per tx; profiling slows all parts alike):');
  for (const [name, us] of [...sums].sort((a, b) => b[1] - a[1])) {
    console.log(`    ${name.padEnd(52)} ${(us / txs).toFixed(1).padStart(7)} µs  ${((100 * us) / all).toFixed(1).padStart(5)}%`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
