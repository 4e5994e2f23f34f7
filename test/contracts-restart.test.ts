// Contracts survive a restart of `scrtd dev`: code, contract state (encrypted at rest) and the
// enclave's keys come back, and the instrumented code is served from the on-disk cache.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDev } from '@scrtd/cli';
import { FAST, signer } from './lib/clients.js';
import { exampleWasm } from './lib/wasm.js';

let home: string | undefined;
after(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

const start = (reset: boolean) =>
  runDev({ home: home!, reset, blockTime: '100', lcdHost: '127.0.0.1', lcdPort: '0', minGasPrice: '0.0125uscrt', logLevel: 'silent', quiet: true });

test('a contract keeps working across a restart', async () => {
  home = await mkdtemp(join(tmpdir(), 'scrtd-restart-'));
  let dev = await start(true);
  let a = signer(dev.lcdUrl, 'a');
  const wasm = exampleWasm('counter');
  const st = await a.client.tx.compute.storeCode({ sender: a.address, wasm_byte_code: wasm, source: '', builder: '' }, { gasLimit: 2_000_000, ...FAST });
  assert.equal(st.code, 0, st.rawLog);
  const codeHash = (await a.client.query.compute.codeHashByCodeId({ code_id: '1' })).code_hash!;
  const inst = await a.client.tx.compute.instantiateContract(
    { sender: a.address, code_id: 1, code_hash: codeHash, init_msg: { count: 41 }, label: 'persisted', init_funds: [] },
    { gasLimit: 200_000, ...FAST },
  );
  assert.equal(inst.code, 0, inst.rawLog);
  const contract = inst.arrayLog!.find((l) => l.type === 'message' && l.key === 'contract_address')!.value;
  await dev.stop();
  assert.ok((await readdir(join(home, 'wasm-cache'))).some((f) => f.startsWith(codeHash)), 'instrumented code was cached on disk');

  dev = await start(false);
  try {
    a = signer(dev.lcdUrl, 'a');
    const inc = await a.client.tx.compute.executeContract({ sender: a.address, contract_address: contract, code_hash: codeHash, msg: { increment: {} }, sent_funds: [] }, { gasLimit: 200_000, ...FAST });
    assert.equal(inc.code, 0, inc.rawLog);
    assert.deepEqual(await a.client.query.compute.queryContract({ contract_address: contract, code_hash: codeHash, query: { get_count: {} } }), { count: 42 });
  } finally {
    await dev.stop();
  }
});
