// Hostile contracts and hostile input through the compute module: each ends in a clear failure with
// Secret's error text, the chain keeps making blocks, and state changes by fee and sequence only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Harness, wallet, type Wallet } from './harness.js';
import { Client, codeHashOf, msgResponses, msgs, querySmart, run, testEnclave } from './compute-support.js';
import { compute } from '@scrtd/proto';

type Wabt = { parseWat(n: string, t: string, f?: object): { toBinary(o: object): { buffer: Uint8Array }; destroy(): void } };
let wabt: Wabt | undefined;
async function wat(text: string): Promise<Uint8Array> {
  wabt ??= (await ((await import('wabt')).default as unknown as () => Promise<Wabt>)()) as Wabt;
  const m = wabt.parseWat('t.wat', text, { bulk_memory: true });
  try {
    return new Uint8Array(m.toBinary({}).buffer);
  } finally {
    m.destroy();
  }
}

const OK = '{"Ok":{"messages":[],"attributes":[],"events":[],"data":null}}';
const QOK = '{"Ok":"e30="}';

/** A v1 contract whose execute / query bodies are given in WAT; instantiate succeeds and writes a key. */
function v1(o: { execute?: string; query?: string; fields?: string; imports?: string; memory?: string } = {}): string {
  return `(module
  (import "env" "db_write" (func $db_write (param i32 i32)))
  (import "env" "db_read" (func $db_read (param i32) (result i32)))
  ${o.imports ?? ''}
  ${o.memory ?? '(memory (export "memory") 2)'}
  (global $heap (mut i32) (i32.const 4096))
  (data (i32.const 1024) "${OK.replace(/"/g, '\\"')}")
  (data (i32.const 1536) "${QOK.replace(/"/g, '\\"')}")
  (data (i32.const 1600) "k")
  (func (export "interface_version_8"))
  (func $allocate (export "allocate") (param $n i32) (result i32) (local $r i32)
    (local.set $r (global.get $heap))
    (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 16)))
    (i32.store offset=4 (local.get $r) (local.get $n))
    (i32.store offset=8 (local.get $r) (i32.const 0))
    (global.set $heap (i32.add (local.get $r) (i32.add (local.get $n) (i32.const 32))))
    (local.get $r))
  (func (export "deallocate") (param i32))
  (func $region (param $p i32) (param $n i32) (result i32) (local $r i32)
    (local.set $r (call $allocate (i32.const 0)))
    (i32.store (local.get $r) (local.get $p))
    (i32.store offset=4 (local.get $r) (local.get $n))
    (i32.store offset=8 (local.get $r) (local.get $n))
    (local.get $r))
  (func $ok (result i32) (call $region (i32.const 1024) (i32.const ${OK.length})))
  (func $qok (result i32) (call $region (i32.const 1536) (i32.const ${QOK.length})))
  (func $key (result i32) (call $region (i32.const 1600) (i32.const 1)))
  (func (export "instantiate") (param i32 i32 i32) (result i32)
    (call $db_write (call $key) (local.get 2))
    (call $ok))
  (func (export "execute") (param i32 i32 i32) (result i32)
    ${o.execute ?? ''}
    (call $ok))
  (func (export "query") (param i32 i32) (result i32)
    ${o.query ?? ''}
    (call $qok))
  ${o.fields ?? ''}
)`;
}

interface World {
  h: Harness;
  a: Wallet;
  client: Client;
}

async function world(queryGasLimit?: bigint): Promise<World> {
  const enclave = testEnclave();
  const h = await Harness.create({ enclave, queryGasLimit });
  return { h, a: wallet('a'), client: new Client(enclave.publicKeys().ioPubKey) };
}

async function deploy(w: World, text: string, label: string): Promise<{ address: string; hash: string }> {
  const wasm = await wat(text);
  const st = await run(w.h, w.a, [msgs.store(w.a.address, wasm)], 2_000_000n);
  assert.equal(st.code, 0, st.log);
  const codeId = compute.MsgStoreCodeResponse.decode(msgResponses(st)[0]!).codeId;
  const hash = codeHashOf(wasm);
  const inst = await run(w.h, w.a, [msgs.instantiate(w.a.address, codeId, label, w.client.encrypt(hash, { init: 1 }))]);
  assert.equal(inst.code, 0, inst.log);
  return { address: compute.MsgInstantiateContractResponse.decode(msgResponses(inst)[0]!).address, hash };
}

/** Runs a failing tx and checks that only fee and sequence changed. */
async function failsCleanly(w: World, msg: ReturnType<typeof msgs.execute>, gas = 400_000n) {
  const before = { bal: w.h.balance(w.a.address), seq: w.h.account(w.a.address)!.sequence };
  const r = await run(w.h, w.a, [msg], gas);
  assert.notEqual(r.code, 0);
  assert.equal(w.h.balance(w.a.address), before.bal - gas / 10n, 'only the fee was taken');
  assert.equal(w.h.account(w.a.address)!.sequence, before.seq + 1n);
  return r;
}

test('upload checks: floats, start section, imports, exports, memory, size', async () => {
  const w = await world();
  const cases: [string, string, RegExp][] = [
    ['float', v1({ fields: '(func (export "f") (result f64) (f64.const 1.5))' }), /floating point/],
    ['start', v1({ fields: '(func $s) (start $s)' }), /start/],
    ['import', v1({ imports: '(import "env" "abort" (func (param i32 i32 i32 i32)))' }), /abort/],
    ['signature', v1({ imports: '(import "env" "db_remove" (func (param i32 i32)))' }), /db_remove/],
    ['exports', v1().replace('(func (export "interface_version_8"))', ''), /marker/],
    ['two markers', v1({ fields: '(func (export "cosmwasm_vm_version_3"))' }), /both API markers/],
    ['memory', v1({ memory: '(memory (export "memory") 600)' }), /memory|pages/],
  ];
  for (const [name, text, re] of cases) {
    const bal = w.h.balance(w.a.address);
    const r = await run(w.h, w.a, [msgs.store(w.a.address, await wat(text))], 2_000_000n);
    assert.equal(r.codespace, 'compute', name);
    assert.equal(r.code, 15, name);
    assert.match(r.log, re, name);
    assert.match(r.log, /create wasm contract failed$/, name);
    assert.equal(w.h.balance(w.a.address), bal - 200_000n, `${name}: fee only`);
  }
  const garbage = await run(w.h, w.a, [msgs.store(w.a.address, new Uint8Array(3000).fill(7))], 2_000_000n);
  assert.equal(garbage.code, 15);
  const huge = await run(w.h, w.a, [msgs.store(w.a.address, new Uint8Array(2 * 1024 * 1024 + 1))], 2_000_000n);
  assert.notEqual(huge.code, 0);
});

test('run-time faults: infinite loop, recursion, memory bomb, writes in queries', async () => {
  const w = await world();
  const loop = await deploy(w, v1({ execute: '(loop $l (br $l))' }), 'loop');
  const r1 = await failsCleanly(w, msgs.execute(w.a.address, loop.address, w.client.encrypt(loop.hash, { go: {} })));
  assert.equal(r1.codespace, 'sdk');
  assert.equal(r1.code, 11, 'out of gas');
  assert.ok(r1.gasUsed >= r1.gasWanted, 'the whole gas limit is consumed');
  assert.match(r1.log, /^out of gas in location: contract execution/);

  const rec = await deploy(w, v1({ execute: '(call $rec (i32.const 0))', fields: '(func $rec (param i32) (call $rec (i32.add (local.get 0) (i32.const 1))))' }), 'rec');
  const logs: string[] = [];
  const gas: bigint[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await failsCleanly(w, msgs.execute(w.a.address, rec.address, w.client.encrypt(rec.hash, { go: i })));
    logs.push(r.log);
    gas.push(r.gasUsed);
  }
  assert.equal(logs[0], 'failed to execute message; message index: 0: Enclave: the contract panicked: call stack exhausted: execute contract failed');
  assert.deepEqual(new Set(logs).size, 1, 'the same error every time');
  assert.deepEqual(new Set(gas).size, 1, 'the same gas every time');

  const grow = await deploy(w, v1({ execute: '(loop $l (br_if $l (i32.ne (memory.grow (i32.const 1)) (i32.const -1)))) unreachable' }), 'grow');
  const r3 = await failsCleanly(w, msgs.execute(w.a.address, grow.address, w.client.encrypt(grow.hash, { go: {} })));
  assert.match(r3.log, /Enclave: the contract panicked: execute contract failed$/);

  const writer = await deploy(w, v1({ query: '(call $db_write (call $key) (call $key))' }), 'writer');
  const qw = w.client.encrypt(writer.hash, { q: {} });
  const q = querySmart(w.h, writer.address, qw);
  assert.notEqual(q.code, 0);
  assert.match(q.log, /Enclave: contract tried to write to storage during a query: query contract failed/);

  // The chain still works: a normal call on the same contract succeeds.
  const ok = await run(w.h, w.a, [msgs.execute(w.a.address, writer.address, w.client.encrypt(writer.hash, { fine: {} }))]);
  assert.equal(ok.code, 0, ok.log);
});

test('hostile input: tampered ciphertext, wrong code hash, plaintext, forged reply', async () => {
  const w = await world();
  const c = await deploy(w, v1(), 'target');
  const good = w.client.encrypt(c.hash, { x: 1 });
  const tampered = Uint8Array.from(good);
  tampered[tampered.length - 1]! ^= 1;
  const r1 = await failsCleanly(w, msgs.execute(w.a.address, c.address, tampered));
  assert.equal(r1.log, 'failed to execute message; message index: 0: Enclave: failed to decrypt data: execute contract failed');

  const r2 = await failsCleanly(w, msgs.execute(w.a.address, c.address, w.client.encrypt('cd'.repeat(32), { x: 1 })));
  assert.equal(r2.log, 'failed to execute message; message index: 0: Enclave: failed to validate transaction: execute contract failed');

  const r3 = await failsCleanly(w, msgs.execute(w.a.address, c.address, new TextEncoder().encode(`${c.hash}{"x":1}`)));
  assert.match(r3.log, /Enclave: failed to decrypt data/);

  // A reply the host made up (unknown id, no valid enclave signature) is refused by the enclave.
  const keeper = w.h.app.keepers.compute;
  const store = (w.h.app as unknown as { store: { branch(): any } }).store;
  const { Context, InfiniteGasMeter, parseAddress } = await import('../src/index.js');
  const ctx = Context.create({
    store: store.branch(),
    header: { height: w.h.height + 1, time: '', timeNs: 1n, chainId: 'secretdev-1', proposerAddress: new Uint8Array(20), hash: new Uint8Array(32) },
    chainId: 'secretdev-1',
    gasMeter: new InfiniteGasMeter(),
    mode: 'finalize',
  });
  assert.throws(
    () =>
      keeper.reply(ctx, parseAddress(c.address), good.subarray(0, 64), { encrypted: true, id: new Uint8Array(48).fill(9), result: { ok: { events: [], data: null } }, signature: new Uint8Array(32) }, 1),
    /Enclave: failed to verify transaction signature: reply to contract failed/,
  );
});

test('a query that never ends stops at the query gas limit', async () => {
  const w = await world(1_000_000n);
  const c = await deploy(w, v1({ query: '(loop $l (br $l))' }), 'spin');
  const r = querySmart(w.h, c.address, w.client.encrypt(c.hash, { q: {} }));
  assert.equal(r.code, 4);
  assert.equal(r.log, 'out of gas: query contract failed');
  const again = querySmart(w.h, c.address, w.client.encrypt(c.hash, { q: {} }));
  assert.equal(again.log, r.log, 'deterministic');
});
