// The privacy boundary (ARCHITECTURE.md invariant 2): marker strings sent in encrypted messages and
// kept in contract state never appear in the data directory, the block store, the node's logs (at
// trace level) or any API response, except decrypted by their owner.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startCliDev, type DevProcess } from './lib/cli.js';
import { FAST, signer } from './lib/clients.js';
import { echoWasm } from './lib/wasm.js';

let home: string;
let dev: DevProcess;
before(async () => {
  home = await mkdtemp(join(tmpdir(), 'scrtd-privacy-'));
  dev = await startCliDev(home, ['--reset', '--lcd-port', '0', '--block-time', '100', '--log-level', 'trace']);
});
after(async () => {
  if (dev && dev.child.exitCode === null) {
    dev.child.kill('SIGKILL');
    await dev.exited;
  }
  await rm(home, { recursive: true, force: true });
});

async function* files(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile()) yield p;
  }
}

test('markers in encrypted messages and contract state stay private', async () => {
  const markerInit = `MARKER-INIT-${randomBytes(6).toString('hex')}`;
  const markerExec = `MARKER-EXEC-${randomBytes(6).toString('hex')}`;
  const a = signer(dev.lcdUrl, 'a');
  const wasm = await echoWasm();
  const stored = await a.client.tx.compute.storeCode({ sender: a.address, wasm_byte_code: wasm, source: '', builder: '' }, { gasLimit: 1_000_000, ...FAST });
  assert.equal(stored.code, 0, stored.rawLog);
  const codeHash = (await a.client.query.compute.codeHashByCodeId({ code_id: '1' })).code_hash!;
  const inst = await a.client.tx.compute.instantiateContract(
    { sender: a.address, code_id: 1, code_hash: codeHash, init_msg: { note: markerInit }, label: 'private', init_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(inst.code, 0, inst.rawLog);
  const contract = inst.arrayLog!.find((l) => l.type === 'message' && l.key === 'contract_address')!.value;
  const exec = await a.client.tx.compute.executeContract(
    { sender: a.address, contract_address: contract, code_hash: codeHash, msg: { note: markerExec }, sent_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(exec.code, 0, exec.rawLog);
  // The owner reads both markers back (so they really went through the contract and its state).
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: contract, code_hash: codeHash, query: { msg: {} } }), { note: markerInit });
  assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: contract, code_hash: codeHash, query: { last: {} } }), { note: markerExec });

  const markers = [markerInit, markerExec];
  const leaks: string[] = [];
  const check = (where: string, text: string | Buffer) => {
    for (const m of markers) if (text.includes(m)) leaks.push(`${m} in ${where}`);
  };

  // Every API response a third party can fetch.
  const height = Number(exec.height);
  const urls = [
    `/cosmos/tx/v1beta1/txs/${inst.transactionHash}`,
    `/cosmos/tx/v1beta1/txs/${exec.transactionHash}`,
    `/cosmos/tx/v1beta1/txs?query=${encodeURIComponent(`tx.height>0`)}&limit=100`,
    `/compute/v1beta1/contract_history/${contract}`,
    `/compute/v1beta1/info/${contract}`,
    ...Array.from({ length: height }, (_, i) => `/cosmos/base/tendermint/v1beta1/blocks/${i + 1}`),
  ];
  for (const u of urls) {
    const r = await fetch(dev.lcdUrl + u);
    check(u, await r.text());
  }

  // The node's logs (trace level) and every file of its home directory, as raw bytes.
  dev.child.kill('SIGINT');
  await dev.exited;
  check('stdout', dev.stdout());
  check('stderr', dev.stderr());
  let scanned = 0;
  for await (const f of files(home)) {
    if ((await stat(f)).size > 512 * 1024 * 1024) continue;
    check(f, await readFile(f));
    scanned++;
  }
  assert.ok(scanned > 3, 'the data directory was scanned');
  assert.ok(dev.stdout().length + dev.stderr().length > 0, 'trace logs were produced');
  assert.deepEqual(leaks, []);
});
