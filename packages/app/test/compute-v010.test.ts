// The compute module end to end inside the app (no network): a hand-written CosmWasm v0.10 module
// stored, instantiated, executed and queried with encrypted messages, checked against the v0.10
// conventions (parameter order, env shape, log attributes, StdError errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromBase64, toBase64 } from '@scrtd/crypto';
import { compute } from '@scrtd/proto';
import { Harness, wallet, attrs } from './harness.js';
import { Client, codeHashOf, msgResponses, msgs, querySmart, run, testEnclave, watFile } from './compute-support.js';

test('v0.10 contract: store, init, handle, query with encryption', async () => {
  const enclave = testEnclave();
  const h = await Harness.create({ enclave });
  const a = wallet('a');
  const client = new Client(enclave.publicKeys().ioPubKey);
  const wasm = await watFile('echo-v010.wat');
  const hash = codeHashOf(wasm);

  const stored = await run(h, a, [msgs.store(a.address, wasm)]);
  assert.equal(stored.code, 0, stored.log);
  assert.ok(attrs(stored).includes('message.code_id=1'));
  assert.equal(compute.MsgStoreCodeResponse.decode(msgResponses(stored)[0]!).codeId, 1n);

  const initWire = client.encrypt(hash, { count: 7 });
  const inst = await run(h, a, [msgs.instantiate(a.address, 1n, 'echo', initWire)]);
  assert.equal(inst.code, 0, inst.log);
  const address = compute.MsgInstantiateContractResponse.decode(msgResponses(inst)[0]!).address;
  assert.match(address, /^secret1/);
  const events = attrs(inst);
  // v0.10 contracts get no `instantiate` event; the wasm event carries the plaintext attribute.
  assert.ok(!events.some((e) => e.startsWith('instantiate.')));
  assert.ok(events.includes(`wasm.contract_address=${address}`));
  assert.ok(events.includes('wasm.init=done'));
  assert.ok(events.includes(`message.contract_address=${address}`));

  // init(env, msg): the stored msg is the decrypted JSON, the stored env has the v0.10 shape.
  const q = (msg: unknown) => {
    const wire = client.encrypt(hash, msg);
    const r = querySmart(h, address, wire);
    assert.equal(r.code, 0, r.log);
    return new TextDecoder().decode(fromBase64(client.open(wire, r.data!)));
  };
  assert.equal(q({ msg: {} }), '{"count":7}');
  const env = JSON.parse(q({ env: {} })) as Record<string, any>;
  assert.equal(env.message.sender, a.address);
  assert.deepEqual(env.message.sent_funds, []);
  assert.equal(env.contract.address, address);
  assert.equal(env.contract_code_hash, hash);
  assert.equal(typeof env.block.time, 'number'); // seconds in v0.10
  assert.equal(env.block.chain_id, 'secretdev-1');

  // handle(env, msg): encrypted attributes, encrypted data.
  const execWire = client.encrypt(hash, { echo: { x: 1 } });
  const ex = await run(h, a, [msgs.execute(a.address, address, execWire)]);
  assert.equal(ex.code, 0, ex.log);
  const wasmAttrs = ex.events.filter((e) => e.type === 'wasm').flatMap((e) => e.attributes);
  assert.equal(wasmAttrs[0]!.value, address);
  const opened = wasmAttrs.slice(1).filter((x) => x.key !== 'msg_index').map((x) => `${client.attr(execWire, x.key)}=${client.attr(execWire, x.value)}`);
  assert.deepEqual(opened, ['handled=yes']);
  assert.ok(!ex.events.some((e) => e.type === 'execute'), 'v0.10 has no execute event');
  const data = compute.MsgExecuteContractResponse.decode(msgResponses(ex)[0]!).data;
  assert.equal(client.data(execWire, data), 'hi');
  assert.equal(q({ last: {} }), '{"echo":{"x":1}}');

  // A contract error: StdError JSON, encrypted for the sender only.
  const failWire = client.encrypt(hash, { fail: {} });
  const failed = await run(h, a, [msgs.execute(a.address, address, failWire)]);
  assert.equal(failed.code, 3);
  assert.equal(failed.codespace, 'compute');
  assert.match(failed.log, /^failed to execute message; message index: 0: encrypted: [A-Za-z0-9+/=]+: execute contract failed$/);
  assert.equal(client.error(failWire, failed.log), '{"generic_err":{"msg":"asked to fail"}}');
  const other = new Client(enclave.publicKeys().ioPubKey);
  assert.throws(() => other.error(failWire, failed.log));
  assert.equal(q({ last: {} }), '{"echo":{"x":1}}', 'a failed call changes nothing');

  // State is encrypted at rest: the stored value of "last" is not in the raw store.
  const marker = Buffer.from('"echo"');
  for (const [k, v] of h.app.keepers.compute.state.contractStorage(ctxFor(h), fromBech(address))) {
    assert.ok(!Buffer.from(k).includes(marker) && !Buffer.from(v).includes(marker));
  }
  void toBase64;
});

import { Context, InfiniteGasMeter, parseAddress } from '../src/index.js';
function ctxFor(h: Harness): Context {
  const store = (h.app as unknown as { store: { readerAt(n: number): any; latestHeight(): number } }).store;
  return new Context(store.readerAt(store.latestHeight()), {
    header: { height: h.height, time: '', timeNs: 0n, chainId: 'secretdev-1', proposerAddress: new Uint8Array(20), hash: new Uint8Array(32) },
    chainId: 'secretdev-1',
    gasMeter: new InfiniteGasMeter(),
    mode: 'query',
  });
}
const fromBech = (a: string) => parseAddress(a);
