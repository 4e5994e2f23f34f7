// The AssemblyScript example contracts (contracts/examples) built by `npm run build`: each passes
// the node's upload checks (v1 API, no floats, no start section) and behaves as documented when
// driven through @scrtd/vm with an in-memory store.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  analyzeUpload, createRuntime, envV1, infoV1, parseResponseV1, parseQueryResult,
  type CodeAnalysis, type JsonCoin, type ResponseV1, type Storage,
} from '@scrtd/vm';
import {
  pubkeyToAddress, secp256k1PublicKey, secp256k1Sign, sha256, toBech32Address, toBase64, fromBase64,
} from '@scrtd/crypto';

const BUILD = fileURLToPath(new URL('../../contracts/examples/build/', import.meta.url));
const enc = new TextEncoder();
const dec = new TextDecoder();
const CHAIN_ID = 'secret-4';

// ---- harness

class MapStorage implements Storage {
  readonly map = new Map<string, Uint8Array>();
  get(key: Uint8Array) {
    return this.map.get(Buffer.from(key).toString('hex'));
  }
  set(key: Uint8Array, value: Uint8Array) {
    assert.ok(value.length > 0, 'contracts must never write an empty value');
    this.map.set(Buffer.from(key).toString('hex'), value.slice());
  }
  remove(key: Uint8Array) {
    this.map.delete(Buffer.from(key).toString('hex'));
  }
}

const vm = createRuntime();

function load(name: string): { wasm: Uint8Array; analysis: CodeAnalysis } {
  const wasm = new Uint8Array(readFileSync(`${BUILD}${name}.wasm`));
  return { wasm, analysis: analyzeUpload(wasm) };
}

/** A deterministic account: private key, compressed pubkey and bech32 address. */
function account(seed: number) {
  const priv = sha256(enc.encode(`account ${seed}`));
  const pub = secp256k1PublicKey(priv);
  return { priv, pub, address: toBech32Address(pubkeyToAddress(pub)) };
}
const contractAddress = (seed: number) => toBech32Address(sha256(enc.encode(`contract ${seed}`)).slice(0, 20));

interface Instance {
  name: string;
  address: string;
  wasm: Uint8Array;
  analysis: CodeAnalysis;
  storage: MapStorage;
  querier?: (request: Uint8Array) => Uint8Array;
  height: bigint;
}

function instance(name: string, seed: number): Instance {
  const { wasm, analysis } = load(name);
  return { name, address: contractAddress(seed), wasm, analysis, storage: new MapStorage(), height: 100n };
}

function env(c: Instance, tx: boolean, random?: Uint8Array): string {
  c.height++;
  return envV1({
    block: { height: c.height, timeNs: 1_700_000_000_000_000_000n + c.height * 6_000_000_000n, chainId: CHAIN_ID },
    random: c.analysis.requiresRandom ? random ?? sha256(enc.encode(`block ${c.height}`)) : undefined,
    contractAddress: c.address,
    codeHash: c.analysis.codeHash,
    transaction: tx ? { index: 0, hash: 'AA'.repeat(32) } : null,
  });
}

type Outcome = { ok: true; res: ResponseV1; gas: bigint } | { ok: false; error: string; gas: bigint };

function run(c: Instance, entry: 'instantiate' | 'execute' | 'migrate' | 'reply', msg: unknown, sender = '', funds: JsonCoin[] = []): Outcome {
  const r = vm.call({
    codeHash: c.analysis.codeHash, wasm: c.wasm, apiVersion: 'v1', entry, env: env(c, true),
    info: entry === 'instantiate' || entry === 'execute' ? infoV1({ sender, funds }) : undefined,
    msg: enc.encode(typeof msg === 'string' ? msg : JSON.stringify(msg)),
    gasLimit: 1_000_000_000n, storage: c.storage, readOnly: false, querier: c.querier,
  });
  assert.ok(r.ok, `${c.name}.${entry} trapped: ${r.ok ? '' : r.error.message}`);
  const parsed = parseResponseV1(r.result);
  return parsed.ok ? { ok: true, res: parsed.value, gas: r.gasUsed } : { ok: false, error: parsed.error.message, gas: r.gasUsed };
}

function ok(o: Outcome, what: string): ResponseV1 {
  if (!o.ok) assert.fail(`${what} failed: ${o.error}`);
  return o.res;
}

function errOf(o: Outcome): string {
  assert.ok(!o.ok, 'expected an error');
  return o.error;
}

type QueryOutcome = { ok: true; value: any } | { ok: false; error: string };

function queryRaw(c: Instance, msg: unknown): QueryOutcome {
  const r = vm.call({
    codeHash: c.analysis.codeHash, wasm: c.wasm, apiVersion: 'v1', entry: 'query', env: env(c, false),
    msg: enc.encode(JSON.stringify(msg)), gasLimit: 1_000_000_000n, storage: c.storage, readOnly: true, querier: c.querier,
  });
  assert.ok(r.ok, `${c.name}.query trapped: ${r.ok ? '' : r.error.message}`);
  const q = parseQueryResult(r.result, 'v1');
  return q.ok ? { ok: true, value: JSON.parse(dec.decode(q.value)) } : { ok: false, error: q.error.message };
}

function query(c: Instance, msg: unknown): any {
  const q = queryRaw(c, msg);
  if (!q.ok) assert.fail(`query ${JSON.stringify(msg)} failed: ${q.error}`);
  return q.value;
}

const json = (data: Uint8Array | null) => JSON.parse(dec.decode(data ?? new Uint8Array()));
const b64json = (v: unknown) => toBase64(enc.encode(JSON.stringify(v)));

// ---- upload checks

const NAMES = ['counter', 'snip20', 'caller', 'callee', 'sdktest'];

describe('built contracts pass the upload checks', () => {
  for (const name of NAMES) {
    test(name, () => {
      const { analysis } = load(name);
      assert.equal(analysis.apiVersion, 'v1');
      assert.ok(analysis.entryPoints.includes('instantiate'));
      assert.ok(analysis.memory.initialPages <= 4, `initial memory ${analysis.memory.initialPages} pages`);
      const allowed = new Set(['db_read', 'db_write', 'db_remove', 'addr_validate', 'addr_canonicalize', 'addr_humanize',
        'secp256k1_verify', 'secp256k1_recover_pubkey', 'ed25519_verify', 'ed25519_batch_verify', 'secp256k1_sign',
        'ed25519_sign', 'debug', 'query_chain', 'check_gas', 'gas_evaporate']);
      for (const i of analysis.imports) assert.ok(allowed.has(i), `unexpected import ${i}`);
    });
  }
});

// ---- counter

describe('counter', () => {
  const alice = account(1);
  const bob = account(2);

  test('instantiate, increment (persisted), query, attributes and data', () => {
    const c = instance('counter', 1);
    const init = ok(run(c, 'instantiate', { count: 41 }, alice.address), 'instantiate');
    assert.deepEqual(init.attributes.find((a) => a.key === 'owner'), { key: 'owner', value: alice.address, encrypted: false });
    assert.deepEqual(query(c, { get_count: {} }), { count: 41 });

    const inc = ok(run(c, 'execute', { increment: {} }, bob.address), 'increment');
    assert.deepEqual(json(inc.data), { count: 42 });
    assert.deepEqual(inc.attributes, [
      { key: 'action', value: 'increment', encrypted: true },
      { key: 'counter_changed', value: 'true', encrypted: false },
    ]);
    assert.deepEqual(inc.events, [{ type: 'counter', attributes: [{ key: 'count', value: '42', encrypted: true }] }]);
    ok(run(c, 'execute', { increment: {} }, bob.address), 'increment');
    assert.deepEqual(query(c, { get_count: {} }), { count: 43 });
  });

  test('reset is owner-only; parse errors use std wording', () => {
    const c = instance('counter', 2);
    ok(run(c, 'instantiate', { count: 1 }, alice.address), 'instantiate');
    assert.equal(errOf(run(c, 'execute', { reset: { count: 0 } }, bob.address)), 'Generic error: Unauthorized');
    assert.deepEqual(json(ok(run(c, 'execute', { reset: { count: 9 } }, alice.address), 'reset').data), { count: 9 });
    assert.deepEqual(query(c, { get_count: {} }), { count: 9 });
    assert.equal(errOf(run(c, 'execute', { reset: {} }, alice.address)), 'Error parsing into type ExecuteMsg: missing field `count`');
    assert.match(errOf(run(c, 'execute', { frobnicate: {} }, alice.address)), /^Error parsing into type ExecuteMsg: unknown variant `frobnicate`/);
    assert.match(errOf(run(c, 'execute', '{"increment":', alice.address)), /^Error parsing into type ExecuteMsg: /);
    assert.match(errOf(run(c, 'instantiate', { count: 1.5 }, alice.address)), /^Error parsing into type InstantiateMsg: invalid type for field `count`/);
    const q = queryRaw(c, { nope: {} });
    assert.ok(!q.ok && /unknown variant `nope`/.test(q.error));
  });
});

// ---- snip20

function permit(signer: ReturnType<typeof account>, token: string, permissions: string[], name = 'p1', chainId = CHAIN_ID) {
  const params = { permit_name: name, allowed_tokens: [token], chain_id: chainId, permissions };
  const doc = {
    account_number: '0', chain_id: chainId,
    fee: { amount: [{ amount: '0', denom: 'uscrt' }], gas: '1' },
    memo: '',
    msgs: [{ type: 'query_permit', value: { allowed_tokens: params.allowed_tokens, permissions, permit_name: name } }],
    sequence: '0',
  };
  const signature = secp256k1Sign(sha256(enc.encode(JSON.stringify(doc))), signer.priv);
  return { params, signature: { pub_key: { type: 'tendermint/PubKeySecp256k1', value: toBase64(signer.pub) }, signature: toBase64(signature) } };
}

describe('snip20', () => {
  const alice = account(10);
  const bob = account(11);
  const carol = account(12);

  function token(seed: number): Instance {
    const t = instance('snip20', seed);
    ok(run(t, 'instantiate', {
      name: 'Secret Test', symbol: 'STST', decimals: 6,
      initial_balances: [{ address: alice.address, amount: '1000000' }], prng_seed: toBase64(enc.encode('seed')),
    }, alice.address), 'instantiate');
    ok(run(t, 'execute', { set_viewing_key: { key: 'alice-key' } }, alice.address), 'set vk');
    ok(run(t, 'execute', { set_viewing_key: { key: 'bob-key' } }, bob.address), 'set vk');
    return t;
  }
  const balance = (t: Instance, who: string, key: string) => query(t, { balance: { address: who, key } });

  test('token_info and initial balance', () => {
    const t = token(20);
    assert.deepEqual(query(t, { token_info: {} }), { token_info: { name: 'Secret Test', symbol: 'STST', decimals: 6, total_supply: '1000000' } });
    assert.deepEqual(balance(t, alice.address, 'alice-key'), { balance: { amount: '1000000' } });
    assert.deepEqual(balance(t, bob.address, 'bob-key'), { balance: { amount: '0' } });
  });

  test('transfer moves balances; insufficient funds is an error; gas is reported', () => {
    const t = token(21);
    const r = run(t, 'execute', { transfer: { recipient: bob.address, amount: '250' } }, alice.address);
    const res = ok(r, 'transfer');
    assert.deepEqual(json(res.data), { transfer: { status: 'success' } });
    assert.deepEqual(balance(t, alice.address, 'alice-key'), { balance: { amount: '999750' } });
    assert.deepEqual(balance(t, bob.address, 'bob-key'), { balance: { amount: '250' } });
    // A second transfer to an existing account (the steady state of a benchmark).
    const r2 = run(t, 'execute', { transfer: { recipient: bob.address, amount: '1' } }, alice.address);
    ok(r2, 'transfer 2');
    console.log(`# snip20 transfer gas: ${r2.gas} wasm gas (${r2.gas / 1000n + 1n} SDK gas); first transfer to a new account ${r.gas}`);

    const fail = run(t, 'execute', { transfer: { recipient: alice.address, amount: '252' } }, bob.address);
    assert.equal(errOf(fail), 'Generic error: insufficient funds: balance=251, required=252');
    assert.match(errOf(run(t, 'execute', { transfer: { recipient: 'secret1nope', amount: '1' } }, alice.address)), /^Generic error: addr_canonicalize errored: /);
    assert.match(errOf(run(t, 'execute', { transfer: { recipient: bob.address, amount: '-1' } }, alice.address)), /invalid Uint128/);
    // Big amounts round-trip exactly (u128).
    const big = (2n ** 127n).toString();
    const t2 = instance('snip20', 22);
    ok(run(t2, 'instantiate', { name: 'Big', symbol: 'BIG', decimals: 0, initial_balances: [{ address: alice.address, amount: big }] }, alice.address), 'init');
    ok(run(t2, 'execute', { set_viewing_key: { key: 'k' } }, alice.address), 'vk');
    ok(run(t2, 'execute', { transfer: { recipient: bob.address, amount: '1' } }, alice.address), 'transfer');
    assert.deepEqual(balance(t2, alice.address, 'k'), { balance: { amount: (2n ** 127n - 1n).toString() } });
  });

  test('viewing keys: wrong or missing keys are refused; create_viewing_key works', () => {
    const t = token(23);
    const wrong = { viewing_key_error: { msg: 'Wrong viewing key for this address or viewing key not set' } };
    assert.deepEqual(balance(t, alice.address, 'bob-key'), wrong);
    assert.deepEqual(balance(t, carol.address, ''), wrong);
    const created = ok(run(t, 'execute', { create_viewing_key: { entropy: 'xyz' } }, carol.address), 'create vk');
    const key = json(created.data).create_viewing_key.key as string;
    assert.match(key, /^api_key_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(balance(t, carol.address, key), { balance: { amount: '0' } });
    assert.deepEqual(balance(t, alice.address, key), wrong);
    // A second key for the same account replaces the first.
    ok(run(t, 'execute', { set_viewing_key: { key: 'new' } }, carol.address), 'set vk');
    assert.deepEqual(balance(t, carol.address, key), wrong);
  });

  test('allowances and transfer_from', () => {
    const t = token(24);
    const inc = ok(run(t, 'execute', { increase_allowance: { spender: bob.address, amount: '100' } }, alice.address), 'increase');
    assert.deepEqual(json(inc.data), { increase_allowance: { spender: bob.address, owner: alice.address, allowance: '100' } });
    ok(run(t, 'execute', { decrease_allowance: { spender: bob.address, amount: '30' } }, alice.address), 'decrease');
    assert.deepEqual(query(t, { allowance: { owner: alice.address, spender: bob.address, key: 'bob-key' } }).allowance.allowance, '70');
    assert.equal(errOf(run(t, 'execute', { transfer_from: { owner: alice.address, recipient: carol.address, amount: '71' } }, bob.address)),
      'Generic error: insufficient allowance: allowance=70, required=71');
    ok(run(t, 'execute', { transfer_from: { owner: alice.address, recipient: carol.address, amount: '70' } }, bob.address), 'transfer_from');
    assert.deepEqual(query(t, { allowance: { owner: alice.address, spender: bob.address, key: 'alice-key' } }).allowance.allowance, '0');
    assert.deepEqual(balance(t, alice.address, 'alice-key'), { balance: { amount: '999930' } });
    const hist = query(t, { transfer_history: { address: alice.address, key: 'alice-key', page_size: 10 } }).transfer_history;
    assert.equal(hist.total, 2);
    assert.deepEqual(hist.txs[0], { id: 2, from: alice.address, sender: bob.address, receiver: carol.address, coins: { denom: 'STST', amount: '70' } });
    assert.deepEqual(hist.txs[1].action, 'mint');
  });

  test('mint is for minters only', () => {
    const t = token(25);
    assert.equal(errOf(run(t, 'execute', { mint: { recipient: bob.address, amount: '5' } }, bob.address)), 'Generic error: Minting is allowed to minter accounts only');
    ok(run(t, 'execute', { mint: { recipient: bob.address, amount: '5' } }, alice.address), 'mint');
    assert.deepEqual(balance(t, bob.address, 'bob-key'), { balance: { amount: '5' } });
    assert.equal(query(t, { token_info: {} }).token_info.total_supply, '1000005');
  });

  test('transfer_history pages newest first', () => {
    const t = token(26);
    for (let i = 1; i <= 5; i++) ok(run(t, 'execute', { transfer: { recipient: bob.address, amount: String(i) } }, alice.address), 'transfer');
    const page = (p: number, size: number) => query(t, { transfer_history: { address: bob.address, key: 'bob-key', page: p, page_size: size } }).transfer_history;
    const p0 = page(0, 2);
    assert.equal(p0.total, 5);
    assert.deepEqual(p0.txs.map((x: any) => x.coins.amount), ['5', '4']);
    assert.deepEqual(page(2, 2).txs.map((x: any) => x.coins.amount), ['1']);
    assert.deepEqual(page(3, 2).txs, []);
    assert.deepEqual(p0.txs[0], { id: 6, from: alice.address, sender: alice.address, receiver: bob.address, coins: { denom: 'STST', amount: '5' } });
  });

  test('send calls the receive hook of the recipient', () => {
    const t = token(27);
    const recipient = contractAddress(99);
    const res = ok(run(t, 'execute', { send: { recipient, recipient_code_hash: 'ab'.repeat(32), amount: '10', msg: b64json({ hi: 1 }) } }, alice.address), 'send');
    assert.equal(res.messages.length, 1);
    const m = res.messages[0] as any;
    assert.equal(m.reply_on, 'never');
    assert.equal(m.msg.wasm.execute.contract_addr, recipient);
    assert.equal(m.msg.wasm.execute.code_hash, 'ab'.repeat(32));
    assert.deepEqual(m.msg.wasm.execute.send, []);
    assert.deepEqual(JSON.parse(dec.decode(fromBase64(m.msg.wasm.execute.msg))), {
      receive: { sender: alice.address, from: alice.address, amount: '10', msg: b64json({ hi: 1 }) },
    });
    // Without a code hash (and none registered) it is a plain transfer.
    assert.equal(ok(run(t, 'execute', { send: { recipient: bob.address, amount: '1' } }, alice.address), 'send').messages.length, 0);
  });

  test('query permits: valid accepted, tampered / wrong token / wrong permission / revoked rejected', () => {
    const t = token(28);
    ok(run(t, 'execute', { transfer: { recipient: carol.address, amount: '77' } }, alice.address), 'transfer');
    const p = permit(carol, t.address, ['balance', 'history']);
    assert.deepEqual(query(t, { with_permit: { permit: p, query: { balance: {} } } }), { balance: { amount: '77' } });
    const hist = query(t, { with_permit: { permit: p, query: { transfer_history: { page_size: 5 } } } });
    assert.equal(hist.transfer_history.total, 1);

    const tampered = structuredClone(p);
    tampered.params.permissions = ['balance', 'history', 'allowance'];
    const e1 = queryRaw(t, { with_permit: { permit: tampered, query: { balance: {} } } });
    assert.deepEqual(e1, { ok: false, error: 'Generic error: Failed to verify signatures for the given permit' });
    // Someone else's key on carol's signature.
    const forged = structuredClone(p);
    forged.signature.pub_key.value = toBase64(alice.pub);
    assert.ok(!queryRaw(t, { with_permit: { permit: forged, query: { balance: {} } } }).ok);

    const otherToken = permit(carol, contractAddress(1234), ['balance']);
    assert.match((queryRaw(t, { with_permit: { permit: otherToken, query: { balance: {} } } }) as any).error, /Permit doesn't apply to token/);
    const noPerm = permit(carol, t.address, ['history']);
    assert.match((queryRaw(t, { with_permit: { permit: noPerm, query: { balance: {} } } }) as any).error, /No permission to query "balance"/);
    const otherChain = permit(carol, t.address, ['balance'], 'p1', 'pulsar-3');
    assert.match((queryRaw(t, { with_permit: { permit: otherChain, query: { balance: {} } } }) as any).error, /was made for chain/);

    ok(run(t, 'execute', { revoke_permit: { permit_name: 'p1' } }, carol.address), 'revoke');
    assert.match((queryRaw(t, { with_permit: { permit: p, query: { balance: {} } } }) as any).error, /Permit "p1" was revoked by account/);
  });
});

// ---- caller / callee

describe('caller and callee', () => {
  const alice = account(30);
  const FUNDS = [{ denom: 'uscrt', amount: '5' }];

  function setup(seed: number) {
    const callee = instance('callee', seed);
    const caller = instance('caller', seed + 1);
    ok(run(callee, 'instantiate', { value: 'initial' }, alice.address), 'callee instantiate');
    ok(run(caller, 'instantiate', {}, alice.address), 'caller instantiate');
    // query_chain stub: contract queries run the callee's query through the same vm; bank
    // balances are fixed; anything else is a system error.
    const contracts = new Map([[callee.address, callee]]);
    caller.querier = (request) => {
      const req = JSON.parse(dec.decode(request));
      if (req.wasm?.smart) {
        const { contract_addr, code_hash, msg } = req.wasm.smart;
        const target = contracts.get(contract_addr);
        if (!target) return enc.encode(JSON.stringify({ Err: { no_such_contract: { addr: contract_addr } } }));
        assert.equal(code_hash, target.analysis.codeHash);
        const q = queryRaw(target, JSON.parse(dec.decode(fromBase64(msg))));
        const inner = q.ok ? { Ok: b64json(q.value) } : { Err: { generic_err: { msg: q.error } } };
        return enc.encode(JSON.stringify({ Ok: inner }));
      }
      if (req.bank?.balance) {
        const answer = { amount: { denom: req.bank.balance.denom, amount: '123456789012345678901234567890' } };
        return enc.encode(JSON.stringify({ Ok: { Ok: b64json(answer) } }));
      }
      return enc.encode(JSON.stringify({ Err: { unsupported_request: { kind: Object.keys(req)[0] } } }));
    };
    return { callee, caller };
  }

  test('call: wasm execute sub-message (reply always, funds forwarded), reply returns the callee data', () => {
    const { callee, caller } = setup(40);
    const inner = { set: { value: 'hello' } };
    const res = ok(run(caller, 'execute', { call: { contract: callee.address, code_hash: callee.analysis.codeHash, msg: inner } }, alice.address, FUNDS), 'call');
    assert.deepEqual(res.messages, [{
      id: 1,
      msg: { wasm: { execute: { contract_addr: callee.address, code_hash: callee.analysis.codeHash, msg: b64json(inner), send: FUNDS } } },
      gas_limit: null,
      reply_on: 'always',
    }]);
    // Dispatch as the node would: the callee runs with the caller as sender, then the caller's reply.
    const sub = (res.messages[0] as any).msg.wasm.execute;
    const calleeRes = ok(run(callee, 'execute', JSON.parse(dec.decode(fromBase64(sub.msg))), caller.address, sub.send), 'callee execute');
    assert.deepEqual(json(calleeRes.data), { value: 'hello', calls: 1, sender: caller.address, funds: FUNDS });
    const reply = { id: 1, result: { ok: { events: [{ type: 'wasm', attributes: [{ key: 'value', value: 'hello' }] }], data: toBase64(calleeRes.data!) } } };
    const replied = ok(run(caller, 'reply', reply), 'reply');
    assert.deepEqual(replied.data, calleeRes.data);
    assert.deepEqual(replied.attributes, [{ key: 'reply_id', value: '1', encrypted: true }]);
    assert.deepEqual(query(caller, { last_reply: {} }), { id: 1, ok: true, data: toBase64(calleeRes.data!) });
    assert.deepEqual(query(callee, { get: {} }), { value: 'hello', calls: 1 });
  });

  test('call: an error reply is recorded', () => {
    const { callee, caller } = setup(42);
    ok(run(caller, 'execute', { call: { contract: callee.address, code_hash: callee.analysis.codeHash, msg: { fail: {} } } }, alice.address), 'call');
    const calleeErr = errOf(run(callee, 'execute', { fail: {} }, caller.address));
    assert.equal(calleeErr, 'Generic error: callee failed on purpose');
    const replied = ok(run(caller, 'reply', { id: 1, result: { error: calleeErr } }), 'reply');
    assert.equal(replied.data, null);
    assert.deepEqual(replied.attributes[1], { key: 'callee_error', value: calleeErr, encrypted: true });
    assert.deepEqual(query(caller, { last_reply: {} }), { id: 1, ok: false, error: calleeErr });
    assert.equal(errOf(run(caller, 'reply', { id: 9, result: { error: 'x' } })), 'Generic error: unknown reply id 9');
  });

  test('spawn: wasm instantiate sub-message; the reply stores the new address (events or protobuf data)', () => {
    const { callee, caller } = setup(44);
    const res = ok(run(caller, 'execute', { spawn: { code_id: 7, code_hash: callee.analysis.codeHash, msg: { value: 'kid' }, label: 'kid-1' } }, alice.address), 'spawn');
    assert.deepEqual(res.messages, [{
      id: 2,
      msg: { wasm: { instantiate: { admin: caller.address, code_id: 7, code_hash: callee.analysis.codeHash, msg: b64json({ value: 'kid' }), send: [], label: 'kid-1' } } },
      gas_limit: null,
      reply_on: 'success',
    }]);
    const kid = contractAddress(4401);
    const viaEvents = { id: 2, result: { ok: { events: [{ type: 'instantiate', attributes: [{ key: 'code_id', value: '7' }, { key: 'contract_address', value: kid }] }], data: null } } };
    assert.equal(dec.decode(ok(run(caller, 'reply', viaEvents), 'reply').data!), kid);
    assert.deepEqual(query(caller, { callee: {} }), { address: kid });
    const kid2 = contractAddress(4402);
    const proto = new Uint8Array([0x0a, kid2.length, ...enc.encode(kid2)]);
    ok(run(caller, 'reply', { id: 2, result: { ok: { events: [], data: toBase64(proto) } } }), 'reply');
    assert.deepEqual(query(caller, { callee: {} }), { address: kid2 });
  });

  test('query_callee and proxy go through query_chain; errors are reported', () => {
    const { callee, caller } = setup(46);
    const code_hash = callee.analysis.codeHash;
    const res = ok(run(caller, 'execute', { query_callee: { contract: callee.address, code_hash, msg: { get: {} } } }, alice.address), 'query_callee');
    assert.deepEqual(json(res.data), { value: 'initial', calls: 0 });
    assert.deepEqual(query(caller, { last_query: {} }), { value: 'initial', calls: 0 });
    assert.deepEqual(query(caller, { proxy: { contract: callee.address, code_hash, msg: { echo: { text: 'hi "there"' } } } }), { echo: 'hi "there"' });
    const e1 = queryRaw(caller, { proxy: { contract: callee.address, code_hash, msg: { nope: {} } } });
    assert.ok(!e1.ok && e1.error.startsWith('Generic error: Querier contract error: Error parsing into type QueryMsg: unknown variant `nope`'), JSON.stringify(e1));
    const e2 = queryRaw(caller, { proxy: { contract: contractAddress(999), code_hash, msg: { get: {} } } });
    assert.ok(!e2.ok && e2.error.startsWith('Generic error: Querier system error: {"no_such_contract"'), JSON.stringify(e2));
    assert.deepEqual(query(caller, { balance: { address: alice.address, denom: 'uscrt' } }), { amount: { denom: 'uscrt', amount: '123456789012345678901234567890' } });
  });

  test('send_bank: a bank send message from the contract', () => {
    const { caller } = setup(48);
    const to = account(31).address;
    const res = ok(run(caller, 'execute', { send_bank: { to, amount: [{ denom: 'uscrt', amount: '1000' }] } }, alice.address), 'send_bank');
    assert.deepEqual(res.messages, [{ id: 0, msg: { bank: { send: { to_address: to, amount: [{ denom: 'uscrt', amount: '1000' }] } } }, gas_limit: null, reply_on: 'never' }]);
    assert.deepEqual(res.attributes, [{ key: 'action', value: 'send_bank', encrypted: false }]);
  });
});
