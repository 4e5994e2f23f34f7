// bench: signed MsgSend txs per second through CheckTx → FinalizeBlock → Commit in one process, on
// the lmdb-backed store. Signing happens before the clock starts (it is the client's work).
// Usage: node bench/dist/app-throughput.js [txs=20000] [blockSize=5000] [--hash-threads=0|1]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes, secp256k1PublicKey, pubkeyToAddress, toBech32Address, secp256k1Verify, sha256 } from '@scrtd/crypto';
import { openCommitMultiStore } from '@scrtd/store';
import { createScrtApp, defaultAppState, APP_STORE_NAMES, buildSignedTx } from '@scrtd/app';
import { bank, auth } from '@scrtd/proto';

const { MsgSend } = bank;

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const TOTAL = Number(args[0] ?? 20_000);
const BLOCK = Number(args[1] ?? 5_000);
const SENDERS = Math.min(TOTAL, 5_000);
const HASH_THREADS = Number(process.argv.find((a) => a.startsWith('--hash-threads='))?.split('=')[1] ?? 0);
const CHAIN_ID = 'secretdev-1';

function rfc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000001Z');
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-app-'));
  const store = await openCommitMultiStore({ path: dir, storeNames: [...APP_STORE_NAMES], hashThreads: HASH_THREADS });
  const app = createScrtApp({ chainId: CHAIN_ID, minGasPrices: '0.0125uscrt' }, { store });
  const keys = Array.from({ length: SENDERS }, () => {
    const privateKey = randomBytes(32);
    const publicKey = secp256k1PublicKey(privateKey);
    return { privateKey, publicKey, address: toBech32Address(pubkeyToAddress(publicKey), 'secret') };
  });
  const state = defaultAppState() as Record<string, any>;
  state.auth.accounts = keys.map((k) => ({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address: k.address, account_number: '0', sequence: '0' }));
  state.bank.balances = keys.map((k) => ({ address: k.address, coins: [{ denom: 'uscrt', amount: '1000000000000' }] }));
  state.register.io_master_key = { bytes: Buffer.alloc(32, 1).toString('base64') };
  let t = Date.UTC(2026, 0, 1);
  app.initChain({ time: rfc(t), chainId: CHAIN_ID, initialHeight: 1, appStateBytes: Buffer.from(JSON.stringify(state)), validators: [] });
  let height = 0;
  const header = () => ({ height, time: rfc(t), timeNs: BigInt(t) * 1_000_000n + 1n, chainId: CHAIN_ID, proposerAddress: new Uint8Array(20), hash: new Uint8Array(32) });
  height++;
  app.finalizeBlock({ txs: [], header: header() });
  await app.commit();

  // Genesis accounts are numbered in file order after the module accounts? Read them back.
  const { QueryAccountRequest, QueryAccountResponse, BaseAccount } = auth;
  const accNums = keys.map((k) => {
    const r = app.query({ path: '/cosmos.auth.v1beta1.Query/Account', data: QueryAccountRequest.encode({ address: k.address }).finish(), height: 0, prove: false });
    return BaseAccount.decode(QueryAccountResponse.decode(r.value).account!.value).accountNumber;
  });

  const to = keys[0]!.address;
  const txs: Uint8Array[] = [];
  const seq = new Array<bigint>(SENDERS).fill(0n);
  for (let i = 0; i < TOTAL; i++) {
    const s = i % SENDERS;
    const k = keys[s]!;
    const msg = { typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: MsgSend.encode({ fromAddress: k.address, toAddress: to, amount: [{ denom: 'uscrt', amount: '1' }] }).finish() };
    txs.push(buildSignedTx({ chainId: CHAIN_ID, msgs: [msg], fee: [{ denom: 'uscrt', amount: '2500' }], gasLimit: 25_000n }, [{ ...k, accountNumber: accNums[s]!, sequence: seq[s]! }]));
    seq[s]!++;
  }

  let checkMs = 0;
  let finalizeMs = 0;
  let commitMs = 0;
  const start = performance.now();
  // As in the node's mempool: signatures of arriving txs are verified on the app's worker thread
  // while the main thread executes the previous block.
  let pre = app.preverify(txs.slice(0, BLOCK));
  let waitMs = 0;
  for (let off = 0; off < TOTAL; off += BLOCK) {
    const block = txs.slice(off, off + BLOCK);
    let t0 = performance.now();
    await pre;
    waitMs += performance.now() - t0;
    if (off + BLOCK < TOTAL) pre = app.preverify(txs.slice(off + BLOCK, off + 2 * BLOCK));
    t0 = performance.now();
    for (const tx of block) {
      const r = app.checkTx({ tx, type: 0 });
      if (r.code !== 0) throw new Error(`checkTx failed: ${r.log}`);
    }
    checkMs += performance.now() - t0;
    t += 1000;
    height++;
    t0 = performance.now();
    const res = app.finalizeBlock({ txs: block, header: header() });
    finalizeMs += performance.now() - t0;
    const failed = res.txResults.find((r) => r.code !== 0);
    if (failed) throw new Error(`deliver failed: ${failed.log}`);
    t0 = performance.now();
    await app.commit();
    commitMs += performance.now() - t0;
  }
  const totalMs = performance.now() - start;

  // Reference: raw signature verification speed on this machine.
  const k = keys[0]!;
  const { secp256k1Sign } = await import('@scrtd/crypto');
  const digest = sha256(Buffer.from('bench'));
  const sig = secp256k1Sign(digest, k.privateKey);
  const n = 20_000;
  const v0 = performance.now();
  for (let i = 0; i < n; i++) secp256k1Verify(digest, sig, k.publicKey);
  const verifyUs = ((performance.now() - v0) * 1000) / n;

  const perTxUs = (ms: number) => ((ms * 1000) / TOTAL).toFixed(1);
  console.log(`bank send ×${TOTAL} (blocks of ${BLOCK}, ${SENDERS} senders, lmdb store, LtHash on ${HASH_THREADS ? 2 : 1} thread(s))`);
  console.log(`  throughput:   ${((TOTAL / totalMs) * 1000).toFixed(0)} tx/s (CheckTx + FinalizeBlock + Commit, one process)`);
  console.log(`  waiting for pre-verification: ${perTxUs(waitMs)} µs/tx`);
  console.log(`  CheckTx:      ${perTxUs(checkMs)} µs/tx`);
  console.log(`  FinalizeBlock:${perTxUs(finalizeMs)} µs/tx`);
  console.log(`  Commit:       ${perTxUs(commitMs)} µs/tx (${(commitMs / Math.ceil(TOTAL / BLOCK)).toFixed(1)} ms/block)`);
  console.log(`  secp256k1 verify alone: ${verifyUs.toFixed(1)} µs (${(1e6 / verifyUs).toFixed(0)}/s); each signature is verified once (worker thread), FinalizeBlock hits the cache`);
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
