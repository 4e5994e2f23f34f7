// The LCD front thread on its own: forwarding to the routes, and coming back after it dies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Worker } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';
import { LcdFront } from '../src/lcd/front.js';
import type { Mempool } from '../src/mempool.js';
import { buildSignedTx, type Application, type VerifiedSignature } from '@scrtd/app';
import { pubkeyToAddress, secp256k1PublicKey, secp256k1Verify, sha256 } from '@scrtd/crypto';
import { silentLogger } from '../src/logger.js';

test('the front thread forwards requests, and is restarted on the same port if it exits', async () => {
  const server = {
    inject: async (r: { url: string; method: string }) => ({ statusCode: 200, headers: { 'content-type': 'text/plain' }, rawPayload: Buffer.from(`${r.method} ${r.url}`) }),
  } as unknown as FastifyInstance;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 1000, maxUrlBytes: 1000, chainId: 'test-1' }, { server, mempool: {} as Mempool, log: silentLogger, app: {} as Application });
  const { port } = await front.listen();
  const url = `http://127.0.0.1:${port}/some/path?x=1`;
  assert.equal(await (await fetch(url)).text(), 'GET /some/path?x=1');
  await (front as unknown as { worker: Worker }).worker.terminate();
  let text = '';
  for (let i = 0; i < 100 && text === ''; i++) {
    await new Promise((r) => setTimeout(r, 20));
    text = await fetch(url).then((r) => r.text(), () => '');
  }
  assert.equal(text, 'GET /some/path?x=1');
  await front.close();
  await assert.rejects(fetch(url));
});

test('the front thread verifies direct-mode signatures of async broadcasts once the app has announced the account number', async () => {
  const privateKey = sha256(new TextEncoder().encode('front test key'));
  const publicKey = secp256k1PublicKey(privateKey);
  const tx = (sequence: bigint) =>
    buildSignedTx(
      { chainId: 'test-1', msgs: [{ typeUrl: '/cosmos.bank.v1beta1.MsgSend', value: new Uint8Array([10, 1, 97]) }], fee: [{ denom: 'uscrt', amount: '1' }], gasLimit: 100_000n },
      [{ privateKey, publicKey, accountNumber: 4n, sequence }],
    );
  const added: Uint8Array[] = [];
  const remembered: VerifiedSignature[] = [];
  let announce: ((address: string, n: bigint) => void) | undefined;
  const app = {
    onAccountNumber: (l: (address: string, n: bigint) => void) => (announce = l),
    rememberSignatures: (s: readonly VerifiedSignature[]) => remembered.push(...s.map((x) => ({ digest: x.digest.slice(), signature: x.signature.slice(), pubkey: x.pubkey.slice() }))),
  } as unknown as Application;
  const mempool = { add: async (t: Uint8Array) => (added.push(t), { code: 0 }) } as unknown as Mempool;
  const front = new LcdFront({ host: '127.0.0.1', port: 0, bodyLimitBytes: 100_000, maxUrlBytes: 1000, chainId: 'test-1' }, { server: {} as FastifyInstance, mempool, log: silentLogger, app });
  const { port } = await front.listen();
  const broadcast = async (t: Uint8Array) => {
    const r = await fetch(`http://127.0.0.1:${port}/cosmos/tx/v1beta1/txs`, { method: 'POST', body: JSON.stringify({ tx_bytes: Buffer.from(t).toString('base64'), mode: 'BROADCAST_MODE_ASYNC' }) });
    assert.equal(r.status, 200);
    const before = added.length;
    for (let i = 0; i < 200 && added.length === before; i++) await new Promise((res) => setTimeout(res, 5));
  };
  try {
    await broadcast(tx(0n));
    assert.equal(added.length, 1);
    assert.equal(remembered.length, 0, 'account number not known on the front thread yet');
    announce!(Buffer.from(pubkeyToAddress(publicKey)).toString('latin1'), 4n);
    await new Promise((res) => setTimeout(res, 20));
    const second = tx(1n);
    await broadcast(second);
    assert.deepEqual(added[1], second);
    assert.equal(remembered.length, 1);
    assert.deepEqual(remembered[0]!.pubkey, publicKey);
    assert.ok(secp256k1Verify(remembered[0]!.digest, remembered[0]!.signature, publicKey));
  } finally {
    await front.close();
  }
});
