// Crypto micro-benchmarks: each candidate implementation of the primitives that
// sit on hot paths, so docs/crypto-choices.md can record measured choices.
// Run: npx tsc -b bench && node bench/dist/crypto.js [--quick]
import { createHash, createHmac, createPrivateKey, createPublicKey, hash, hkdfSync, sign, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import {
  aesSivDecrypt,
  aesSivEncrypt,
  AesSivKey,
  candidates,
  decryptContractMsg,
  ed25519PublicKey,
  ed25519Sign,
  ed25519Verify,
  encryptContractMsg,
  hkdfSha256,
  hmacSha256,
  HmacSha256Key,
  keyKdf,
  pubkeyToAddress,
  ripemd160,
  secp256k1Backend,
  secp256k1PublicKey,
  secp256k1Sign,
  secp256k1Verify,
  sha256,
  X25519Key,
  x25519PublicKey,
  x25519SharedSecret,
} from '@scrtd/crypto';

const quick = process.argv.includes('--quick');
const MIN_MS = quick ? 150 : 600;
const ROUNDS = quick ? 1 : 3;

/** Best-of-ROUNDS throughput of a synchronous operation, in ops/s. */
function opsPerSec(fn: () => unknown): number {
  for (let i = 0; i < 50; i++) fn(); // warm up the JIT
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < MIN_MS) {
      for (let i = 0; i < 20; i++) fn();
      n += 20;
      t = performance.now();
    }
    best = Math.max(best, n / ((t - t0) / 1000));
  }
  return best;
}

async function opsPerSecAsync(fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  let best = 0;
  for (let r = 0; r < ROUNDS; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < MIN_MS) {
      await fn();
      n++;
      t = performance.now();
    }
    best = Math.max(best, n / ((t - t0) / 1000));
  }
  return best;
}

const results: { group: string; name: string; ops: number }[] = [];
function report(group: string, name: string, ops: number): void {
  results.push({ group, name, ops });
  console.log(`${group.padEnd(12)} ${name.padEnd(52)} ${Math.round(ops).toLocaleString('en-US').padStart(12)} ops/s`);
}
const run = (group: string, name: string, fn: () => unknown) => report(group, name, opsPerSec(fn));

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

const cpu = cpus();
console.log(`# @scrtd/crypto benchmarks — node ${process.version}, ${cpu.length} CPU(s) ${cpu[0]?.model ?? ''}`);
console.log(`# secp256k1 backend in use: ${secp256k1Backend}; best of ${ROUNDS} × ${MIN_MS} ms per line\n`);

// --- secp256k1 (tx signature verification: the hot path) ---
{
  const priv = bytes(32, 1);
  const hash = sha256(bytes(300, 2));
  const pub = secp256k1PublicKey(priv);
  const sig = secp256k1Sign(hash, priv);
  for (const b of [candidates.nativeSecp256k1, candidates.nobleSecp256k1]) {
    if (!b) {
      console.log('secp256k1    native addon not loadable — skipped');
      continue;
    }
    run('secp256k1', `${b.name}: verify`, () => b.verify(hash, sig, pub));
    const full = b.uncompressed(pub);
    run('secp256k1', `${b.name}: verify, uncompressed key`, () => b.verify(hash, sig, full));
    run('secp256k1', `${b.name}: sign`, () => b.sign(hash, priv));
    run('secp256k1', `${b.name}: public key`, () => b.publicKey(priv, true));
  }
  run('secp256k1', 'secp256k1Verify (public API, with checks)', () => secp256k1Verify(hash, sig, pub));
  const signDoc = bytes(350, 3);
  run('secp256k1', 'tx sig check: sha256(signDoc)+verify+address', () => {
    secp256k1Verify(sha256(signDoc), sig, pub);
    pubkeyToAddress(pub);
  });
}

// --- ed25519 (CometBFT votes / consensus keys) ---
{
  const seed = bytes(32, 4);
  const msg = bytes(120, 5);
  const pub = ed25519PublicKey(seed);
  const sig = ed25519Sign(msg, seed);
  const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');
  const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
  run('ed25519', 'node (JWK public import, chosen): verify', () => ed25519Verify(msg, sig, pub));
  run('ed25519', 'node (SPKI DER public import): verify', () =>
    verify(null, msg, createPublicKey({ key: Buffer.concat([spkiPrefix, pub]), format: 'der', type: 'spki' }), sig),
  );
  const prepared = createPublicKey({ key: Buffer.concat([spkiPrefix, pub]), format: 'der', type: 'spki' });
  run('ed25519', 'node (pre-imported KeyObject): verify', () => verify(null, msg, prepared, sig));
  run('ed25519', 'noble: verify', () => candidates.nobleEd25519.verify(msg, sig, pub));
  run('ed25519', 'node (PKCS#8 DER import, chosen): sign', () => ed25519Sign(msg, seed));
  const preparedPriv = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, seed]), format: 'der', type: 'pkcs8' });
  run('ed25519', 'node (pre-imported KeyObject): sign', () => sign(null, msg, preparedPriv));
  run('ed25519', 'noble: sign', () => candidates.nobleEd25519.sign(msg, seed));
  run('ed25519', 'node (chosen): public key', () => ed25519PublicKey(seed));
  run('ed25519', 'noble: public key', () => candidates.nobleEd25519.publicKey(seed));
}

// --- x25519 (one agreement per encrypted contract call / query) ---
{
  const priv = bytes(32, 6);
  const peer = x25519PublicKey(bytes(32, 7));
  const key = new X25519Key(priv);
  run('x25519', 'node X25519Key (prepared private key): shared', () => key.sharedSecret(peer));
  run('x25519', 'node x25519SharedSecret (imports both keys): shared', () => x25519SharedSecret(priv, peer));
  run('x25519', 'noble: shared', () => candidates.nobleX25519.sharedSecret(priv, peer));
  run('x25519', 'node (chosen): public key', () => x25519PublicKey(priv));
  run('x25519', 'noble: public key', () => candidates.nobleX25519.publicKey(priv));
}

// --- hashes and KDFs ---
for (const size of [32, 65, 256, 4096]) {
  const data = bytes(size, size);
  run('hash', `sha256 ${size} B: chosen (${size <= 119 ? 'wasm' : 'node crypto.hash'})`, () => sha256(data));
  run('hash', `sha256 ${size} B: node crypto.hash`, () => new Uint8Array(hash('sha256', data, 'buffer')));
  run('hash', `sha256 ${size} B: node createHash`, () => createHash('sha256').update(data).digest());
  run('hash', `sha256 ${size} B: noble`, () => candidates.nobleHashes.sha256(data));
  run('hash', `ripemd160 ${size} B: node (chosen)`, () => ripemd160(data));
  run('hash', `ripemd160 ${size} B: noble`, () => candidates.nobleHashes.ripemd160(data));
}
{
  const key = bytes(32, 8);
  const data = bytes(81, 9);
  const prepared = new HmacSha256Key(key);
  run('hmac', 'hmacSha256 81 B: chosen (wasm)', () => hmacSha256(key, data));
  run('hmac', 'hmacSha256 81 B: HmacSha256Key, prepared (wasm)', () => prepared.mac(data));
  run('hmac', 'hmacSha256 81 B: node createHmac', () => createHmac('sha256', key).update(data).digest());
  run('hmac', 'hmacSha256 81 B: noble', () => candidates.nobleHashes.hmacSha256(key, data));
  const ikm = bytes(64, 10);
  const empty = new Uint8Array(0);
  run('hkdf', 'hkdfSha256 32 B: chosen (wasm, salt states cached)', () => hkdfSha256(ikm, key, empty, 32));
  run('hkdf', 'hkdfSha256 32 B: node hkdfSync', () => new Uint8Array(hkdfSync('sha256', ikm, key, empty, 32)));
  run('hkdf', 'hkdfSha256 32 B: noble', () => candidates.nobleHashes.hkdfSha256(ikm, key, empty, 32));
}

// --- AES-SIV (every encrypted input, output, state key and value) ---
{
  const require = createRequire(import.meta.url);
  const miscreant = require('miscreant') as {
    SIV: { importKey(k: Uint8Array, a: string, p: unknown): Promise<{ seal(p: Uint8Array, ad: Uint8Array[]): Promise<Uint8Array> }> };
    PolyfillCryptoProvider: new () => unknown;
  };
  const key = bytes(32, 11);
  const ad = [new Uint8Array(0)];
  const native = new candidates.NativeSivKey(key);
  for (const size of [30, 100, 230, 512, 1024, 4096]) {
    const pt = bytes(size, 12);
    const sealed = aesSivEncrypt(key, pt, ad);
    const path = size <= 512 ? 'wasm' : 'OpenSSL';
    run('aes-siv', `encrypt ${size} B, AD [b""]: cached key (chosen: ${path})`, () => aesSivEncrypt(key, pt, ad));
    run('aes-siv', `decrypt ${size} B, AD [b""]: cached key (chosen: ${path})`, () => aesSivDecrypt(key, sealed, ad));
    run('aes-siv', `encrypt ${size} B, AD [b""]: OpenSSL contexts, cached key`, () => native.encrypt(pt, ad));
    run('aes-siv', `decrypt ${size} B, AD [b""]: OpenSSL contexts, cached key`, () => native.decrypt(sealed, ad));
    run('aes-siv', `new key + decrypt ${size} B (a tx key): chosen`, () => new AesSivKey(key).decrypt(sealed, ad));
    run('aes-siv', `new key + decrypt ${size} B (a tx key): OpenSSL contexts`, () => new candidates.NativeSivKey(key).decrypt(sealed, ad));
    const provider = new miscreant.PolyfillCryptoProvider();
    report(
      'aes-siv',
      `encrypt ${size} B: miscreant polyfill (secretjs), fresh key`,
      await opsPerSecAsync(async () => (await miscreant.SIV.importKey(key, 'AES-SIV', provider)).seal(pt, ad)),
    );
  }
}

// --- composed node-side paths ---
{
  const ioKey = new X25519Key(bytes(32, 13));
  const wire = encryptContractMsg({
    userPrivateKey: bytes(32, 14),
    ioPublicKey: ioKey.publicKey,
    nonce: bytes(32, 15),
    codeHashHex: 'ab'.repeat(32),
    msg: JSON.stringify({ transfer: { recipient: 'secret1ap26qrlp8mcq2pg6r47w43l0y8zkqm8a450s03', amount: '1000' } }),
  });
  run('secret', 'decryptContractMsg (X25519 + HKDF + AES-SIV open)', () => decryptContractMsg(ioKey, wire));
  const ikm = bytes(32, 16);
  const contractKey = bytes(64, 17);
  run('secret', 'keyKdf (state key derivation)', () => keyKdf(ikm, contractKey));
}

const verify1 = results.find((r) => r.name === 'tx sig check: sha256(signDoc)+verify+address');
if (verify1) {
  console.log(`\n# one core checks ~${Math.round(verify1.ops).toLocaleString('en-US')} tx signatures/s (target: 3,000 signed txs/s on 2 cores, everything included)`);
}
