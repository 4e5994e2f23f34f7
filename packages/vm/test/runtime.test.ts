import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analyzeCode,
  HOST_SIGNATURES,
  codeHash,
  createRuntime,
  parseQueryResult,
  parseResponseV010,
  parseResponseV1,
  VmRuntimeError,
  type CallRequest,
  type CallResult,
  type Storage,
} from '../src/index.js';
import { ALLOCATOR, wat } from './support.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

class MapStorage implements Storage {
  readonly map = new Map<string, Uint8Array>();
  readonly log: string[] = [];
  get(key: Uint8Array) {
    this.log.push(`get ${dec.decode(key)}`);
    return this.map.get(dec.decode(key));
  }
  set(key: Uint8Array, value: Uint8Array) {
    this.log.push(`set ${dec.decode(key)}=${dec.decode(value)}`);
    this.map.set(dec.decode(key), value);
  }
  remove(key: Uint8Array) {
    this.log.push(`remove ${dec.decode(key)}`);
    this.map.delete(dec.decode(key));
  }
}

const le32 = (n: number) => [0, 8, 16, 24].map((s) => `\\${((n >>> s) & 0xff).toString(16).padStart(2, '0')}`).join('');
const escape = (s: string) => [...enc.encode(s)].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
/** A static Region at `ptr` pointing at `text` stored at `offset`. */
const region = (ptr: number, offset: number, text: string) => {
  const n = enc.encode(text).length;
  return `(data (i32.const ${ptr}) "${le32(offset)}${le32(n)}${le32(n)}") (data (i32.const ${offset}) "${escape(text)}")`;
};

const OK_RESPONSE = '{"Ok":{"messages":[],"attributes":[{"key":"a","value":"b"}],"events":[],"data":null}}';

const V1_CONTRACT = `(module
  (import "env" "db_read" (func $db_read (param i32) (result i32)))
  (import "env" "db_write" (func $db_write (param i32 i32)))
  (import "env" "debug" (func $debug (param i32)))
  (memory (export "memory") 17)
  ${region(0x100, 0x200, 'key')}
  ${region(0x110, 0x210, 'aGVsbG8=')}
  ${region(0x120, 0x400, OK_RESPONSE)}
  ${region(0x130, 0x300, '{"Err":"not found"}')}
  (data (i32.const 0x500) "{\\"Ok\\":\\"")
  (func (export "interface_version_8"))
  ${ALLOCATOR}
  (func $rec (param i32) (result i32)
    local.get 0
    i32.const 1
    i32.add
    call $rec)
  (func (export "instantiate") (param $env i32) (param $info i32) (param $msg i32) (result i32)
    i32.const 0x100
    i32.const 0x110
    call $db_write
    i32.const 0x120)
  (func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32) (local $c i32)
    local.get $msg
    call $first
    local.set $c
    local.get $c
    i32.const 0x6c ;; l: infinite loop
    i32.eq
    if
      loop
        br 0
      end
    end
    local.get $c
    i32.const 0x72 ;; r: unbounded recursion
    i32.eq
    if
      i32.const 0
      call $rec
      drop
    end
    local.get $c
    i32.const 0x75 ;; u: unreachable
    i32.eq
    if
      unreachable
    end
    local.get $c
    i32.const 0x70 ;; p: bad result pointer
    i32.eq
    if
      i32.const 0xfffff0
      return
    end
    local.get $c
    i32.const 0x64 ;; d: debug the msg
    i32.eq
    if
      local.get $msg
      call $debug
    end
    i32.const 0x100
    local.get $msg
    call $db_write
    i32.const 0x120)
  (func (export "query") (param $env i32) (param $msg i32) (result i32) (local $v i32) (local $len i32) (local $r i32) (local $d i32)
    local.get $msg
    call $first
    i32.const 0x77 ;; w: write during a query
    i32.eq
    if
      i32.const 0x100
      i32.const 0x110
      call $db_write
    end
    i32.const 0x100
    call $db_read
    local.tee $v
    i32.eqz
    if
      i32.const 0x130
      return
    end
    local.get $v
    i32.load offset=8
    local.set $len
    local.get $len
    i32.const 9
    i32.add
    call $allocate
    local.tee $r
    i32.load
    local.tee $d
    i32.const 0x500
    i32.const 7
    memory.copy
    local.get $d
    i32.const 7
    i32.add
    local.get $v
    i32.load
    local.get $len
    memory.copy
    local.get $d
    local.get $len
    i32.add
    i32.const 0x7d22 ;; "}
    i32.store16 offset=7
    local.get $r
    local.get $len
    i32.const 9
    i32.add
    i32.store offset=8
    local.get $r)
)`;

/** v0.10: every entry returns whichever parameter region was allocated first (the lower address). */
const V010_CONTRACT = `(module
  (memory (export "memory") 17)
  (func (export "cosmwasm_vm_version_3"))
  ${ALLOCATOR}
  (func $min (param $a i32) (param $b i32) (result i32)
    local.get $a
    local.get $b
    local.get $a
    local.get $b
    i32.lt_u
    select)
  (func (export "init") (param i32 i32) (result i32) local.get 0 local.get 1 call $min)
  (func (export "handle") (param i32 i32) (result i32) local.get 0 local.get 1 call $min)
  (func (export "query") (param i32) (result i32) local.get 0)
)`;

const ENV = '{"block":{"height":1}}';
const INFO = '{"sender":"secret1x","funds":[]}';

describe('runtime', async () => {
  const v1 = await wat(V1_CONTRACT);
  const v010 = await wat(V010_CONTRACT);
  const v1Hash = codeHash(v1);

  it('the test contracts pass the upload checks', () => {
    assert.equal(analyzeCode(v1).apiVersion, 'v1');
    assert.equal(analyzeCode(v010).apiVersion, 'v0.10');
  });

  const base = (storage: Storage, over: Partial<CallRequest>): CallRequest => ({
    codeHash: v1Hash,
    wasm: v1,
    apiVersion: 'v1',
    entry: 'execute',
    env: ENV,
    info: INFO,
    msg: enc.encode('{}'),
    gasLimit: 10_000_000n,
    storage,
    readOnly: false,
    ...over,
  });
  const okText = (r: CallResult) => {
    assert.ok(r.ok, r.ok ? '' : `${r.error.code}: ${r.error.message}`);
    return dec.decode(r.result);
  };
  const errCode = (r: CallResult) => {
    assert.ok(!r.ok, 'expected a failure');
    assert.ok(r.error instanceof VmRuntimeError);
    return r.error.code;
  };

  it('instantiate writes through db_write and returns the response; query reads it back', () => {
    const vm = createRuntime();
    const storage = new MapStorage();
    const r = vm.call(base(storage, { entry: 'instantiate' }));
    assert.equal(okText(r), OK_RESPONSE);
    assert.ok(r.gasUsed > 0n);
    assert.deepEqual(storage.log, ['set key=aGVsbG8=']);
    const parsed = parseResponseV1(r.ok ? r.result : new Uint8Array());
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.value.attributes, [{ key: 'a', value: 'b', encrypted: true }]);
    assert.equal(parsed.value.data, null);

    const q = vm.call(base(storage, { entry: 'query', info: undefined, readOnly: true, msg: enc.encode('{"get":{}}') }));
    assert.equal(okText(q), '{"Ok":"aGVsbG8="}');
    const qr = parseQueryResult(q.ok ? q.result : new Uint8Array(), 'v1');
    assert.ok(qr.ok);
    assert.equal(dec.decode(qr.value), 'hello');
    assert.equal(vm.compilations, 1, 'the second call of the same code hash must not recompile');
  });

  it('execute passes msg into its region; a missing key gives the contract Err', () => {
    const vm = createRuntime();
    const storage = new MapStorage();
    const miss = vm.call(base(storage, { entry: 'query', readOnly: true }));
    assert.equal(okText(miss), '{"Err":"not found"}');
    okText(vm.call(base(storage, { msg: enc.encode('d29ybGQ=') })));
    assert.equal(dec.decode(storage.map.get('key')), 'd29ybGQ=');
    const q = vm.call(base(storage, { entry: 'query', readOnly: true, codeHash: v1Hash.toUpperCase(), wasm: undefined }));
    assert.equal(okText(q), '{"Ok":"d29ybGQ="}');
    assert.equal(vm.compilations, 1);
  });

  it('a write inside a query fails and storage is untouched', () => {
    const storage = new MapStorage();
    const r = createRuntime().call(base(storage, { entry: 'query', readOnly: true, msg: enc.encode('w') }));
    assert.equal(errCode(r), 'unauthorized_write');
    assert.match(r.ok ? '' : r.error.message, /contract tried to write to storage during a query/);
    assert.equal(storage.map.size, 0);
  });

  it('gas used is positive and identical across runs and runtimes', () => {
    const a = createRuntime().call(base(new MapStorage(), {}));
    const b = createRuntime().call(base(new MapStorage(), {}));
    assert.ok(a.ok && b.ok);
    assert.ok(a.gasUsed > 2_000n, 'includes the db_write cost');
    assert.equal(a.gasUsed, b.gasUsed);
    // db_write costs 2000 + 5000 per value byte: a one-byte-longer msg costs exactly 5000 more.
    const c = createRuntime().call(base(new MapStorage(), { msg: enc.encode('{} ') }));
    assert.equal(c.gasUsed - a.gasUsed, 5_000n);
  });

  it('kvGas is charged on top of the fixed costs', () => {
    const plain = createRuntime().call(base(new MapStorage(), {}));
    const kv = createRuntime().call(base(new MapStorage(), { kvGas: (op) => (op === 'write' ? 777n : 0n) }));
    assert.equal(kv.gasUsed - plain.gasUsed, 777n);
  });

  it('an infinite loop runs out of gas without exceeding the limit', () => {
    const vm = createRuntime();
    for (const limit of [1_000_000n, 1_234_567n]) {
      const r = vm.call(base(new MapStorage(), { msg: enc.encode('loop'), gasLimit: limit }));
      assert.equal(errCode(r), 'out_of_gas');
      assert.ok(r.gasUsed <= limit);
    }
  });

  it('a host cost that does not fit is out of gas and the write does not happen', () => {
    const ok = createRuntime().call(base(new MapStorage(), {}));
    const storage = new MapStorage();
    const r = createRuntime().call(base(storage, { gasLimit: ok.gasUsed - 1n }));
    assert.equal(errCode(r), 'out_of_gas');
    assert.equal(storage.map.size, 0);
    const exact = createRuntime().call(base(new MapStorage(), { gasLimit: ok.gasUsed }));
    assert.ok(exact.ok, 'gas may reach exactly 0');
  });

  it('unbounded recursion is a stack overflow, identically twice', () => {
    const vm = createRuntime();
    const a = vm.call(base(new MapStorage(), { msg: enc.encode('rec'), gasLimit: 1_000_000_000n }));
    const b = vm.call(base(new MapStorage(), { msg: enc.encode('rec'), gasLimit: 1_000_000_000n }));
    assert.equal(errCode(a), 'stack_overflow');
    assert.equal(errCode(b), 'stack_overflow');
    assert.equal(a.gasUsed, b.gasUsed);
  });

  it('unreachable is a panic; a bad result pointer is a region error', () => {
    const vm = createRuntime();
    const u = vm.call(base(new MapStorage(), { msg: enc.encode('u') }));
    assert.equal(errCode(u), 'panic');
    assert.equal(u.ok ? '' : u.error.message, 'the contract panicked');
    assert.equal(errCode(vm.call(base(new MapStorage(), { msg: enc.encode('p') }))), 'region');
  });

  it('debug text reaches the callback', () => {
    const seen: string[] = [];
    okText(createRuntime().call(base(new MapStorage(), { msg: enc.encode('dbg'), debug: (t) => seen.push(t) })));
    assert.deepEqual(seen, ['dbg']);
  });

  it('missing or mismatched entry points and unknown code', () => {
    const vm = createRuntime();
    assert.equal(errCode(vm.call(base(new MapStorage(), { entry: 'migrate' }))), 'missing_entry');
    assert.equal(errCode(vm.call(base(new MapStorage(), { entry: 'init' }))), 'missing_entry');
    assert.equal(errCode(vm.call(base(new MapStorage(), { codeHash: '00'.repeat(32), wasm: undefined }))), 'missing_code');
    assert.equal(errCode(vm.call(base(new MapStorage(), { codeHash: '00'.repeat(32) }))), 'missing_code');
  });

  it('every §7.4 import is linked with its signature; i64 packing, check_gas, iterators', async () => {
    const imports = Object.entries(HOST_SIGNATURES)
      .map(([n, t]) => `(import "env" "${n}" (func $${n} (param ${t.params.join(' ')}) (result ${t.results.join(' ')})))`.replace(' (param )', '').replace(' (result )', ''))
      .join('\n  ');
    // execute: "s" → secp256k1_sign(msg, msg) (a 1-byte key is invalid), "i" → db_scan, else gas_evaporate + check_gas;
    // the i64 is stored at 0x600 and returned through the static region at 0x140.
    const text = `(module
  ${imports}
  (memory (export "memory") 17)
  (data (i32.const 0x140) "\\00\\06\\00\\00\\08\\00\\00\\00\\08\\00\\00\\00")
  (func (export "interface_version_8"))
  ${ALLOCATOR}
  (func (export "instantiate") (param i32 i32 i32) (result i32) i32.const 0x140)
  (func (export "execute") (param $env i32) (param $info i32) (param $msg i32) (result i32) (local $c i32)
    local.get $msg
    call $first
    local.set $c
    i32.const 0x600
    local.get $c
    i32.const 0x73 ;; s
    i32.eq
    if (result i64)
      local.get $msg
      local.get $msg
      call $secp256k1_sign
    else
      local.get $c
      i32.const 0x69 ;; i: iterator
      i32.eq
      if (result i64)
        i32.const 0
        i32.const 0
        i32.const 1
        call $db_scan
        i64.extend_i32_u
      else
        i32.const 5
        call $gas_evaporate
        drop
        call $check_gas
      end
    end
    i64.store
    i32.const 0x140)
)`;
    const wasm = await wat(text);
    const vm = createRuntime();
    const run = (msg: string) =>
      vm.call({ codeHash: codeHash(wasm), wasm, apiVersion: 'v1', entry: 'execute', env: ENV, info: INFO, msg: enc.encode(msg), gasLimit: 5_000_000n, storage: new MapStorage(), readOnly: false });
    const i64 = (r: CallResult) => {
      assert.ok(r.ok, r.ok ? '' : r.error.message);
      return new DataView(r.result.buffer, r.result.byteOffset).getBigUint64(0, true);
    };
    assert.equal(i64(run('s')), 1000n << 32n, 'bad private key → code 1000 in the high half');
    const g = run('g');
    // check_gas reports (limit − remaining) / 1000 after charging itself: evaporate 8000 + 8192 + instruction gas.
    const reported = i64(g);
    assert.ok(reported >= 16n && reported * 1000n <= g.gasUsed, `check_gas=${reported} used=${g.gasUsed}`);
    assert.equal(errCode(run('i')), 'unsupported');
  });

  it('v0.10 init writes env then msg, handle msg then env, query gets msg', () => {
    const vm = createRuntime();
    const req = (entry: CallRequest['entry']): CallRequest => ({
      codeHash: codeHash(v010),
      wasm: v010,
      apiVersion: 'v0.10',
      entry,
      env: ENV,
      msg: enc.encode('{"msg":1}'),
      gasLimit: 1_000_000n,
      storage: new MapStorage(),
      readOnly: entry === 'query',
    });
    assert.equal(okText(vm.call(req('init'))), ENV);
    assert.equal(okText(vm.call(req('handle'))), '{"msg":1}');
    assert.equal(okText(vm.call(req('query'))), '{"msg":1}');
    assert.equal(vm.compilations, 1);
  });
});

describe('results', () => {
  const b = (s: string) => enc.encode(s);
  it('v1 responses and errors', () => {
    const r = parseResponseV1(b('{"Ok":{"messages":[{"id":1,"msg":{},"reply_on":"never"}],"attributes":[{"key":"k","value":"v","encrypted":false}],"events":[{"type":"t","attributes":[{"key":"x","value":"y"}]}],"data":"AQI="}}'));
    assert.ok(r.ok);
    assert.equal(r.value.messages.length, 1);
    assert.deepEqual(r.value.attributes, [{ key: 'k', value: 'v', encrypted: false }]);
    assert.deepEqual(r.value.events, [{ type: 't', attributes: [{ key: 'x', value: 'y', encrypted: true }] }]);
    assert.deepEqual([...r.value.data!], [1, 2]);
    assert.deepEqual(parseResponseV1(b('{"Err":"boom"}')), { ok: false, error: { message: 'boom', raw: 'boom' } });
  });
  it('v0.10 responses and StdError', () => {
    const r = parseResponseV010(b('{"Ok":{"messages":[],"log":[{"key":"k","value":"v"}],"data":null}}'));
    assert.ok(r.ok);
    assert.deepEqual(r.value.log, [{ key: 'k', value: 'v', encrypted: true }]);
    const e = parseResponseV010(b('{"Err":{"generic_err":{"msg":"bad"}}}'));
    assert.ok(!e.ok);
    assert.equal(e.error.message, 'bad');
  });
  it('malformed results are invalid_result', () => {
    for (const s of ['nope', '{}', '{"Ok":{},"Err":"x"}', '{"Whatever":1}', '{"Ok":{"data":"!!"}}', '{"Ok":{"attributes":[{"key":1}]}}']) {
      assert.throws(() => parseResponseV1(b(s)), (e: unknown) => e instanceof VmRuntimeError && e.code === 'invalid_result', s);
    }
    assert.throws(() => parseQueryResult(b('{"Ok":5}'), 'v1'), (e: unknown) => e instanceof VmRuntimeError && e.code === 'invalid_result');
    assert.throws(() => parseResponseV1(b('{"Err":{"generic_err":{}}}')), (e: unknown) => e instanceof VmRuntimeError && e.code === 'invalid_result');
  });
});
