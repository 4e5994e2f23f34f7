import { test } from 'node:test';
import assert from 'node:assert/strict';
import { secp256k1PublicKey, secp256k1Sign, sha256 } from '@scrtd/crypto';
import { VerifierPool, type SigCheck } from '../src/ante/verifier-pool.js';

function checks(n: number): { checks: SigCheck[]; expected: boolean[] } {
  const key = sha256(new TextEncoder().encode('pool test key'));
  const pubkey = secp256k1PublicKey(key);
  const out: SigCheck[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const digest = sha256(new TextEncoder().encode(`message ${i}`));
    const signature = secp256k1Sign(digest, key);
    let ok = true;
    if (i % 7 === 3) {
      signature[5]! ^= 1;
      ok = false;
    }
    // Malformed lengths are answered "not verified", never sent as garbage.
    const pk = i % 11 === 5 ? pubkey.subarray(0, 32) : pubkey;
    if (i % 11 === 5) ok = false;
    out.push({ digest, signature, pubkey: pk });
    expected.push(ok);
  }
  return { checks: out, expected };
}

test('the verifier pool answers each check in order, across ring wrap-around and backlog', async () => {
  const { checks: all, expected } = checks(90);
  // A ring of 8 records: most checks wait for space, and the counters wrap many times.
  const pool = new VerifierPool(2, 8);
  try {
    assert.deepEqual(await pool.verify(all), expected);
    const parts = await Promise.all([pool.verify(all.slice(0, 1)), pool.verify(all.slice(1, 30)), pool.verify([]), pool.verify(all.slice(30))]);
    assert.deepEqual(parts.flat(), expected);
    for (let i = 0; i < 20; i++) assert.deepEqual(await pool.verify(all.slice(i, i + 1)), expected.slice(i, i + 1));
  } finally {
    await pool.close();
  }
});

test('a closed pool answers pending and later checks as not verified', async () => {
  const { checks: all } = checks(40);
  const pool = new VerifierPool(1, 8);
  const pending = pool.verify(all);
  await pool.close();
  const got = await pending;
  assert.equal(got.length, 40);
  assert.deepEqual(await pool.verify(all.slice(0, 3)), [false, false, false]);
});
