import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keyFromMnemonic, secp256k1Sign, sha256, ed25519PublicKey, ed25519Sign, bech32Encode } from '@scrtd/crypto';
import {
  CryptoCode, hostSecp256k1Verify, hostSecp256k1RecoverPubkey, hostEd25519Verify, hostEd25519BatchVerify,
  hostSecp256k1Sign, hostEd25519Sign, decodeSections, encodeSections, SectionsError,
} from '../src/host-crypto.js';
import { canonicalizeV010, canonicalizeV1, humanize, validateAddress } from '../src/host-address.js';
import { gasEvaporateCost } from '../src/host-costs.js';

const enc = (s: string) => new TextEncoder().encode(s);
const key = keyFromMnemonic('grant rice replace explain federal release fix clever romance raise often wild taxi quarter soccer fiber love must tape steak together observe swap guitar');

test('secp256k1_verify return codes', () => {
  const h = sha256(enc('hello'));
  const sig = secp256k1Sign(h, key.privateKey);
  assert.equal(hostSecp256k1Verify(h, sig, key.publicKey), CryptoCode.Ok);
  assert.equal(hostSecp256k1Verify(sha256(enc('other')), sig, key.publicKey), CryptoCode.InvalidSignature);
  assert.equal(hostSecp256k1Verify(h.subarray(0, 31), sig, key.publicKey), CryptoCode.InvalidHashFormat);
  assert.equal(hostSecp256k1Verify(h, sig.subarray(0, 63), key.publicKey), CryptoCode.InvalidSignatureFormat);
  assert.equal(hostSecp256k1Verify(h, sig, key.publicKey.subarray(0, 32)), CryptoCode.InvalidPubkeyFormat);
  assert.equal(hostSecp256k1Verify(h, sig, Uint8Array.of(0x05, ...key.publicKey.subarray(1))), CryptoCode.InvalidPubkeyFormat);
});

test('secp256k1_recover_pubkey returns the 33-byte compressed key', () => {
  const h = sha256(enc('recover me'));
  const sig = secp256k1Sign(h, key.privateKey);
  const found = [0, 1].map((r) => hostSecp256k1RecoverPubkey(h, sig, r)).find((x) => x.code === 0 && Buffer.from(x.pubkey!).equals(Buffer.from(key.publicKey)));
  assert.ok(found, 'one recovery id yields the signer');
  assert.equal(found!.pubkey!.length, 33);
  assert.equal(hostSecp256k1RecoverPubkey(h.subarray(1), sig, 0).code, CryptoCode.InvalidHashFormat);
  assert.equal(hostSecp256k1RecoverPubkey(h, sig.subarray(1), 0).code, CryptoCode.InvalidSignatureFormat);
  assert.equal(hostSecp256k1RecoverPubkey(h, sig, 9).code, CryptoCode.GenericErr);
});

test('ed25519 verify, batch shapes and sign', () => {
  const seeds = [1, 2].map((i) => new Uint8Array(32).fill(i));
  const pubs = seeds.map(ed25519PublicKey);
  const msgs = [enc('a'), enc('b')];
  const sigs = msgs.map((m, i) => ed25519Sign(m, seeds[i]!));
  assert.equal(hostEd25519Verify(msgs[0]!, sigs[0]!, pubs[0]!), 0);
  assert.equal(hostEd25519Verify(msgs[1]!, sigs[0]!, pubs[0]!), 1);
  assert.equal(hostEd25519Verify(msgs[0]!, sigs[0]!.subarray(1), pubs[0]!), 4);
  assert.equal(hostEd25519Verify(msgs[0]!, sigs[0]!, pubs[0]!.subarray(1)), 5);
  assert.equal(hostEd25519BatchVerify(msgs, sigs, pubs), 0);
  assert.equal(hostEd25519BatchVerify([], [], []), 0);
  assert.equal(hostEd25519BatchVerify(msgs, sigs, [pubs[0]!, pubs[0]!]), 1);
  assert.equal(hostEd25519BatchVerify(msgs, sigs, [pubs[0]!, pubs[1]!, pubs[1]!]), 7);
  // 1:n:n — one message signed by two keys.
  assert.equal(hostEd25519BatchVerify([msgs[0]!], seeds.map((s) => ed25519Sign(msgs[0]!, s)), pubs), 0);
  // n:n:1 — two messages signed by one key.
  assert.equal(hostEd25519BatchVerify(msgs, msgs.map((m) => ed25519Sign(m, seeds[0]!)), [pubs[0]!]), 0);
  const signed = hostEd25519Sign(enc('x'), seeds[0]!);
  assert.equal(signed.code, 0);
  assert.equal(hostEd25519Verify(enc('x'), signed.signature!, pubs[0]!), 0);
});

test('secp256k1_sign signs sha256(msg); bad keys give 1000', () => {
  const r = hostSecp256k1Sign(enc('msg'), key.privateKey);
  assert.equal(r.code, 0);
  assert.equal(hostSecp256k1Verify(sha256(enc('msg')), r.signature!, key.publicKey), 0);
  assert.equal(hostSecp256k1Sign(enc('msg'), new Uint8Array(31)).code, 1000);
  assert.equal(hostSecp256k1Sign(enc('msg'), new Uint8Array(32)).code, 1000);
});

test('sections encoding round-trips and rejects malformed input', () => {
  const items = [enc(''), enc('abc'), new Uint8Array(300).fill(7)];
  assert.deepEqual(decodeSections(encodeSections(items)), items);
  assert.deepEqual(decodeSections(new Uint8Array()), []);
  assert.throws(() => decodeSections(Uint8Array.of(1, 2)), SectionsError);
  assert.throws(() => decodeSections(Uint8Array.of(0, 0, 0, 9)), SectionsError);
});

test('address functions: canonicalize, humanize, validate with the reference error texts', () => {
  const addr = key.address;
  const c = canonicalizeV1(enc(addr));
  assert.ok(c.ok);
  const h = humanize((c as { value: Uint8Array }).value);
  assert.deepEqual(h, { ok: true, value: addr });
  assert.deepEqual(canonicalizeV010(enc(`  ${addr} `)).ok, true);
  assert.deepEqual(canonicalizeV1(enc(` ${addr}`)).ok, false);
  assert.deepEqual(canonicalizeV1(enc('')), { ok: false, error: 'Input is empty' });
  assert.deepEqual(canonicalizeV010(enc('  ')), { ok: false, error: 'input is empty' });
  assert.deepEqual(canonicalizeV1(Uint8Array.of(0xff)), { ok: false, error: 'Input is not valid UTF-8' });
  assert.match((canonicalizeV1(enc(bech32Encode('cosmos', new Uint8Array(20).fill(1)))) as { error: string }).error, /^wrong address prefix: "cosmos"$/);
  assert.deepEqual(validateAddress(enc(addr)), { ok: true });
  assert.deepEqual(validateAddress(enc(addr.toUpperCase())), { ok: false, error: 'Address is not normalized' });
});

test('gas_evaporate cost', () => {
  assert.equal(gasEvaporateCost(0), 8000n);
  assert.equal(gasEvaporateCost(100), 100_000n);
});

test('decodeBase64Strict: strict alphabet and padding, Node-compatible bytes, short and long inputs', async () => {
  const { decodeBase64Strict } = await import('../src/results.js');
  const ok = (s: string) => {
    try {
      return Buffer.from(decodeBase64Strict(s, 'data')).toString('hex');
    } catch {
      return 'reject';
    }
  };
  const strict = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
  const alphabet = 'ABCz09+/=-_ \né';
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed % n;
  };
  const cases = ['', '====', 'QR==', 'QQ==', 'QUI=', 'QUJ=', 'a===', 'ab=c', 'A'.repeat(2000), 'A'.repeat(1998) + '==', 'A'.repeat(1998) + '=A'];
  for (let i = 0; i < 20000; i++) cases.push(Array.from({ length: rnd(13) }, () => alphabet[rnd(alphabet.length)]).join(''));
  for (let n = 0; n < 80; n++) cases.push(Buffer.from(Array.from({ length: n }, () => rnd(256))).toString('base64'));
  for (const s of cases) assert.equal(ok(s), strict.test(s) ? Buffer.from(s, 'base64').toString('hex') : 'reject', JSON.stringify(s));
});
