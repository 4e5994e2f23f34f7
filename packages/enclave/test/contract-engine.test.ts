// Pieces of the contract engine with reference vectors and exact semantics: env.block.random
// (§2.6 / §11), the per-block message counter, the encrypting write cache (§5.4), admin proofs.
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concatBytes, fromHex, hkdfWithProtocolSalt, toBase64, u64be } from '@scrtd/crypto';
import { contractRandom, deriveBlockRandom } from '../src/contract/random.js';
import { MsgCounter } from '../src/contract/counter.js';
import { EncryptingStorage } from '../src/contract/storage.js';
import { adminProof, verifyAdminProof } from '../src/contract/admin.js';
import { ContractStateCipher, decryptStateValue, keyId, StateCache } from '../src/state.js';
import { EnclaveKeys } from '../src/keys.js';
import { EnclaveCodedError } from '../src/errors.js';

const CONTRACT_KEY = fromHex('627931b163b87870633e3ef5070db59687b08d8ad2e586e64ec6bac24f3ef4a0' + '65474937c9fc3da57aa7e88216c7dfd1bd58bdf8d182789b13a3c194e3487cc7');

test('env.block.random matches the §11 vector', () => {
  const r = contractRandom(new Uint8Array(32).fill(5), 1234n, CONTRACT_KEY, 0n);
  assert.equal(toBase64(r), '26gU4XoKo3ZOEF2fkeCgGL8EjpGqWB8Zw70oR/s2WKo=');
  assert.notEqual(toBase64(contractRandom(new Uint8Array(32).fill(5), 1234n, CONTRACT_KEY, 1n)), toBase64(r));
  // Another block random in between (the extract step is cached per block random).
  const other = contractRandom(new Uint8Array(32).fill(6), 1234n, CONTRACT_KEY, 0n);
  assert.equal(toBase64(other), toBase64(hkdfWithProtocolSalt(new Uint8Array(32).fill(6), concatBytes(u64be(1234n), CONTRACT_KEY, u64be(0n)))));
  assert.equal(toBase64(contractRandom(new Uint8Array(32).fill(5), 1234n, CONTRACT_KEY, 0n)), toBase64(r));
});

test('block random depends on height and header hash, and on the seed', () => {
  const s1 = new Uint8Array(32).fill(1);
  const h = new Uint8Array(32).fill(9);
  assert.deepEqual(deriveBlockRandom(s1, 5n, h), deriveBlockRandom(s1, 5n, h));
  assert.notDeepEqual(deriveBlockRandom(s1, 5n, h), deriveBlockRandom(s1, 6n, h));
  assert.notDeepEqual(deriveBlockRandom(s1, 5n, h), deriveBlockRandom(new Uint8Array(32).fill(2), 5n, h));
  assert.throws(() => deriveBlockRandom(s1, 5n, new Uint8Array(31)));
});

test('message counter: reset per height, random uses the value before the call advances it', () => {
  const c = new MsgCounter();
  assert.equal(c.forRandom(10n), 0n);
  assert.equal(c.advance(10n), 1n);
  assert.equal(c.advance(10n), 2n);
  assert.equal(c.forRandom(10n), 2n);
  assert.equal(c.advance(11n), 0n, 'a new height starts at 0 when the first call is not random');
  assert.equal(c.forRandom(12n), 0n);
  assert.equal(c.advance(12n), 1n);
});

test('encrypting storage: reads see cached writes; nothing reaches the host before flush; v3 layout', () => {
  const keys = EnclaveKeys.fromSeeds([new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]);
  const host = new Map<string, Uint8Array>();
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const priced = { readGas: () => 1n, writeGas: () => 2n, removeGas: () => 3n };
  const store = { get: (k: Uint8Array) => host.get(hex(k)), set: (k: Uint8Array, v: Uint8Array) => void host.set(hex(k), v), remove: (k: Uint8Array) => void host.delete(hex(k)), ...priced };
  const cipher = new ContractStateCipher(keys, CONTRACT_KEY);
  const s = new EncryptingStorage(cipher, store);
  const enc = new TextEncoder();
  s.set(enc.encode('b'), enc.encode('2'));
  s.set(enc.encode('a'), enc.encode('1'));
  assert.equal(host.size, 0, 'writes stay in the enclave until the call succeeds');
  assert.deepEqual(s.get(enc.encode('a')), enc.encode('1'));
  const salt = new Uint8Array(24).fill(3);
  assert.equal(s.flush(salt), 4n, 'the host prices each flushed write');
  assert.equal(host.size, 2);
  for (const [k, v] of host) {
    const plain = decryptStateValue(keys, CONTRACT_KEY, Buffer.from(k, 'hex'), v);
    assert.ok(['1', '2'].includes(new TextDecoder().decode(plain)));
  }
  const again = new EncryptingStorage(cipher, store);
  assert.deepEqual(again.get(enc.encode('b')), enc.encode('2'));
  again.remove(enc.encode('b'));
  assert.equal(again.get(enc.encode('b')), undefined, 'a cached removal hides the value');
  assert.equal(again.flush(salt, new Uint8Array(32).fill(7)), 3n, 'a removal is priced as such');
  assert.equal(host.size, 1);
  // Same writes, shuffled or not, give the same host state.
  const other = new Map<string, Uint8Array>();
  const s2 = new EncryptingStorage(cipher, { get: (k) => other.get(hex(k)), set: (k, v) => void other.set(hex(k), v), remove: (k) => void other.delete(hex(k)), ...priced });
  s2.set(enc.encode('a'), enc.encode('1'));
  s2.flush(salt, new Uint8Array(32).fill(8));
  assert.deepEqual([...other.keys()], [...host.keys()]);
  assert.deepEqual([...other.values()], [...host.values()]);
});

test('encrypting storage: the shuffled flush order and the stored bytes are pinned (40 writes, several PRNG blocks)', () => {
  const keys = EnclaveKeys.fromSeeds([new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]);
  const cipher = new ContractStateCipher(keys, new Uint8Array(64).fill(9));
  const h = createHash('sha256');
  const host = { get: () => undefined, set: (k: Uint8Array, v: Uint8Array) => void h.update(k).update(v), remove: (k: Uint8Array) => void h.update(k), readGas: () => 1n, writeGas: () => 2n, removeGas: () => 3n };
  const s = new EncryptingStorage(cipher, host);
  const enc = new TextEncoder();
  for (let i = 0; i < 40; i++) {
    if (i % 7 === 3) s.remove(enc.encode(`k${i}`));
    else s.set(enc.encode(`k${i}`), enc.encode('v'.repeat(i)));
  }
  assert.equal(s.flush(new Uint8Array(24).fill(3), new Uint8Array(32).fill(7)), 86n);
  assert.equal(h.digest('hex'), 'adfad6ac2958641987cfd126560cfe074421f1ff7e42ab8c66efe655289a992d');
});

test('admin proofs bind the admin to the contract key', () => {
  const secret = new Uint8Array(32).fill(4);
  const admin = new Uint8Array(20).fill(1);
  const p = adminProof(secret, admin, CONTRACT_KEY);
  assert.ok(verifyAdminProof(secret, admin, CONTRACT_KEY, p));
  assert.ok(!verifyAdminProof(secret, new Uint8Array(20).fill(2), CONTRACT_KEY, p));
  assert.ok(!verifyAdminProof(secret, admin, new Uint8Array(64), p));
  assert.ok(!verifyAdminProof(new Uint8Array(32), admin, CONTRACT_KEY, p));
  assert.notDeepEqual(adminProof(secret, new Uint8Array(0), CONTRACT_KEY), p, 'no admin has its own proof');
});

/** Enclave keys and a host store (a Map by hex key, fixed gas prices) for EncryptingStorage tests. */
function storageFixture() {
  const keys = EnclaveKeys.fromSeeds([new Uint8Array(32).fill(1), new Uint8Array(32).fill(2)]);
  const host = new Map<string, Uint8Array>();
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  const store = { get: (k: Uint8Array) => host.get(hex(k)), set: (k: Uint8Array, v: Uint8Array) => void host.set(hex(k), v), remove: (k: Uint8Array) => void host.delete(hex(k)), readGas: () => 1n, writeGas: () => 2n, removeGas: () => 3n };
  return { keys, host, hex, store };
}

test('encrypting storage: remembered plaintexts answer only for the exact stored bytes; bounded', () => {
  const { keys, host, hex, store } = storageFixture();
  const enc = new TextEncoder();
  const dec = new TextDecoder();
  // Tiny generations and ring, so entries and plaintexts are dropped along the way.
  const cipher = new ContractStateCipher(keys, CONTRACT_KEY, new StateCache(2, 2));
  const salt = (n: number) => new Uint8Array(24).fill(n);
  const write = (pairs: [string, string][], n: number) => {
    const s = new EncryptingStorage(cipher, store);
    for (const [k, v] of pairs) s.set(enc.encode(k), enc.encode(v));
    s.flush(salt(n));
  };
  const read = (k: string) => {
    const v = new EncryptingStorage(cipher, store).get(enc.encode(k));
    return v === undefined ? undefined : dec.decode(v);
  };
  write([['a', '1'], ['b', '2'], ['c', '3']], 1);
  assert.equal(read('a'), '1');
  assert.equal(read('b'), '2');
  assert.equal(read('c'), '3');
  // Older bytes put back by the host (another salt, another value): they are opened, not remembered ones.
  const storedA = cipher.storedKey(enc.encode('a'));
  const old = host.get(hex(storedA))!;
  write([['a', 'new']], 2);
  assert.equal(read('a'), 'new');
  host.set(hex(storedA), old);
  assert.equal(read('a'), '1');
  // Tampered bytes fail as before, even right after a good read of the same key.
  const bad = Uint8Array.from(old);
  bad[bad.length - 1]! ^= 1;
  host.set(hex(storedA), bad);
  assert.throws(() => read('a'), (e: unknown) => e instanceof EnclaveCodedError && e.code === 'state');
  // A cipher with its own cache reads the same values.
  const other = new ContractStateCipher(keys, CONTRACT_KEY);
  host.set(hex(storedA), old);
  assert.equal(dec.decode(new EncryptingStorage(other, store).get(enc.encode('a'))!), '1');
});

test('encrypting storage: written keys and plaintexts are cached for keys that have been read, not for write-only keys', () => {
  const { keys, host, hex, store } = storageFixture();
  const enc = new TextEncoder();
  const cache = new StateCache();
  const cipher = new ContractStateCipher(keys, CONTRACT_KEY, cache);
  const entry = (k: string) => cipher.keyEntry(keyId(enc.encode(k)), enc.encode(k));
  const s1 = new EncryptingStorage(cipher, store);
  s1.set(enc.encode('log/1'), enc.encode('appended'));
  s1.set(enc.encode('balance'), enc.encode('10'));
  s1.flush(new Uint8Array(24).fill(1));
  // Keys only written are neither cached nor given a plaintext.
  assert.equal(cache.entry(cipher, keyId(enc.encode('log/1'))), undefined);
  assert.equal(cache.entry(cipher, keyId(enc.encode('balance'))), undefined);
  assert.equal(entry('log/1').memo, undefined, 'a key only written keeps no plaintext');
  assert.equal(entry('balance').memo, undefined);
  // Read (opened once, then remembered), then written: the new plaintext is remembered with its bytes.
  const s2 = new EncryptingStorage(cipher, store);
  assert.equal(new TextDecoder().decode(s2.get(enc.encode('balance'))!), '10');
  s2.set(enc.encode('balance'), enc.encode('9'));
  s2.flush(new Uint8Array(24).fill(2));
  const m = entry('balance').memo!;
  assert.equal(new TextDecoder().decode(m.plain), '9');
  assert.deepEqual(m.stored, host.get(hex(entry('balance').stored)));
  // The write-only key still reads back correctly (opened, then remembered).
  assert.equal(new TextDecoder().decode(new EncryptingStorage(cipher, store).get(enc.encode('log/1'))!), 'appended');
  assert.notEqual(entry('log/1').memo, undefined);
});
