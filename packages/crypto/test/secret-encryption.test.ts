import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  aesSivDecrypt,
  aesSivEncrypt,
  AesSivError,
  concatBytes,
  contractPlaintext,
  decryptContractMsg,
  decryptWithTxKey,
  DeriveOrder,
  deriveConsensusKey,
  encryptContractMsg,
  encryptWithTxKey,
  ENCRYPTED_MSG_MIN_LENGTH,
  fromBase64,
  fromHex,
  fromUtf8,
  HKDF_SALT,
  HKDF_SALT_HEX,
  hkdfWithProtocolSalt,
  hmacSha256,
  keyKdf,
  normalizeCodeHash,
  parseEncryptedMsg,
  SecretEncryptionError,
  SecretEncryptor,
  seedKdf,
  sha256,
  toBase64,
  toHex,
  toUtf8,
  txEncryptionKey,
  u16le,
  u32le,
  u64be,
  u64le,
  X25519Key,
  x25519Clamp,
  x25519PublicKey,
  x25519SharedSecret,
} from '../src/index.js';
import { curve25519js, miscreantSiv } from './support.js';

const fill = (n: number, v: number) => new Uint8Array(n).fill(v);

// secret-protocol.md §11.
const P = {
  seed: '000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f',
  orders: [
    'c6d7a8af0a23cf3a3beebf2b2d51de317fde839aa0fe488c702ca3935efc7cab',
    'cf48c78fcc772fb63090d28ae52c11cfedb18d41af26217844374cfd522bf311',
    'a554961c38d8e8e0b88490ddd9a6177dfa1d7efb517be2a29681e38af622510b',
    '3a077970f3e56be29d636a21061785ed3a45f18c2acbea1cde4f1523c400e07b',
    'cc172dfdb3d9932c707bc7911baaa6a360462dffb62df5baec2838b382cd1b95',
    '8555b6bb3ea88bca1dbcd66890d5b31f6fd605cd7c329d109d37a05774180e2a',
    '6e7a3451944085f3b5925d5ce51df4624d1927347547ecc282cd360b2b929e78',
    'b03b46be36586fa732012934709d0258349cd27b48d67faadafdfb23d80bb582',
  ],
  ioPk: '4078e5146574a69448c1f1ec617d29f6ba6f0226af6c4578c3727a1c7c8a0e33',
  seedExchangePk: '31512c093070620504c3ce688c603bb422258e654febc38c030763577a420e2d',
  userPk: 'ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59',
  shared: '8becb2ab747fc9bfcd5543e5ee793b5232cd00d9e8dd5494e155dc1bda75ab4f',
  txKey: 'da535619ba2f02e3276676c627e390389eaa6829f4557f509279f929d1e63d85',
  ct: '95ed3b9a617a69fe0fc3f43da6537139bb1ac7e62194a0d90078c4f0199bcf2d883f7a34488018b60db015e77fe005defdde60115af4d0e24b0850131a86ea01ab46289f4a6368f1bfcb6e6ca573fc7e946e4df36fa5f9971ed20f',
  ctNoAd: 'e6964f4604c9ee0303c10a33f98a5d82917eb1c468423ba38038a8f40407cf3c99c421adb95bbfa721a8ab339b17dd3fef28d6378ff4fc7a255c4624d575f39f36fc7fb87a2a83404a79fc2cfb41e790d66206ca873a8d93343472',
  wire: 'AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwPOjTrRzLYz7HtwwXgUpcduzQKWhQUNNEdFugWHDlh9WZXtO5phemn+D8P0PaZTcTm7GsfmIZSg2QB4xPAZm88tiD96NEiAGLYNsBXnf+AF3v3eYBFa9NDiSwhQExqG6gGrRiifSmNo8b/Lbmylc/x+lG5N82+l+Zce0g8=',
};

describe('secret-protocol §11 vectors', () => {
  const seed = fromHex(P.seed);

  it('uses the protocol HKDF salt', () => {
    assert.equal(toHex(HKDF_SALT), '000000000000000000024bead8df69990852c202db0e0097c1a12ea637d7e96d');
    assert.equal(HKDF_SALT_HEX, toHex(HKDF_SALT));
  });

  it('derives orders 1–8 from the consensus seed', () => {
    for (let order = 1; order <= 8; order++) {
      assert.equal(toHex(deriveConsensusKey(seed, order)), P.orders[order - 1], `order ${order}`);
    }
    assert.equal(DeriveOrder.ioExchange, 2);
    assert.deepEqual(deriveConsensusKey(seed, DeriveOrder.stateIkm), seedKdf(seed, fromHex('00000003')));
  });

  it('derives the IO and seed-exchange public keys', () => {
    assert.equal(toHex(x25519PublicKey(deriveConsensusKey(seed, DeriveOrder.ioExchange))), P.ioPk);
    assert.equal(toHex(x25519PublicKey(deriveConsensusKey(seed, DeriveOrder.seedExchange))), P.seedExchangePk);
  });

  it('encrypts the tx input (shared secret, tx key, AD = [b""], wire)', () => {
    const userSk = fill(32, 2);
    const nonce = fill(32, 3);
    const io = fromHex(P.ioPk);
    assert.equal(toHex(x25519PublicKey(userSk)), P.userPk);
    const shared = x25519SharedSecret(userSk, io);
    assert.equal(toHex(shared), P.shared);
    const key = txEncryptionKey(shared, nonce);
    assert.equal(toHex(key), P.txKey);
    const pt = toUtf8('a'.repeat(64) + '{"ping":{}}');
    assert.deepEqual(contractPlaintext('a'.repeat(64), '{"ping":{}}'), pt);
    assert.equal(toHex(encryptWithTxKey(key, pt)), P.ct);
    assert.equal(toHex(aesSivEncrypt(key, pt, [])), P.ctNoAd);
    const wire = encryptContractMsg({ userPrivateKey: userSk, ioPublicKey: io, nonce, codeHashHex: 'A'.repeat(64), msg: '{"ping":{}}' });
    assert.equal(toBase64(wire), P.wire);
  });

  it('decrypts the wire message on the node side with the IO key', () => {
    const ioKey = new X25519Key(deriveConsensusKey(seed, DeriveOrder.ioExchange));
    const d = decryptContractMsg(ioKey, fromBase64(P.wire));
    assert.equal(fromUtf8(d.plaintext), 'a'.repeat(64) + '{"ping":{}}');
    assert.equal(toHex(d.txKey), P.txKey);
    assert.equal(toHex(d.userPublicKey), P.userPk);
    assert.deepEqual(d.nonce, fill(32, 3));
    // The node's side of the agreement gives the same secret.
    assert.equal(toHex(ioKey.sharedSecret(fromHex(P.userPk))), P.shared);
  });

  it('encrypts outputs: data, v1 error, attribute key', () => {
    const key = fromHex(P.txKey);
    const data = encryptWithTxKey(key, toUtf8(toBase64(toUtf8('{"ok":1}'))));
    assert.equal(toHex(data), 'f2dd9d6f6754e6d55f94de8cf7c89c720f771e67be1022512d4489c3');
    assert.equal(fromUtf8(fromBase64(fromUtf8(decryptWithTxKey(key, data)))), '{"ok":1}');
    const err = toBase64(encryptWithTxKey(key, toUtf8('Generic error: nope')));
    assert.equal(`encrypted: ${err}: execute contract failed`, 'encrypted: 9opDyljmvdoRTLUJCVQcXy35bePKHfBQTPtb9SH4SL1/WG4=: execute contract failed');
    assert.equal(toBase64(encryptWithTxKey(key, toUtf8('action'))), 'fH7x/1JPRYEgHVCV+lAIrdk8fK32OA==');
  });

  it('derives the contract key and the v3 state layout', () => {
    const ikm = fromHex(P.orders[2]!);
    const senderId = sha256(concatBytes(fill(20, 0x11), u64be(1234)));
    assert.equal(toHex(senderId), '627931b163b87870633e3ef5070db59687b08d8ad2e586e64ec6bac24f3ef4a0');
    const authKey = keyKdf(ikm, senderId);
    const contractId = hmacSha256(authKey, concatBytes(senderId, fill(32, 0xaa), fill(20, 0x22)));
    assert.equal(toHex(contractId), '65474937c9fc3da57aa7e88216c7dfd1bd58bdf8d182789b13a3c194e3487cc7');
    const contractKey = concatBytes(senderId, contractId);

    const k = keyKdf(ikm, contractKey);
    assert.equal(toHex(k), '7e3555e468b17457743eecfe7f854cf9a218ed9f7a7ae671d2e5aa7db4fc3412');
    const encKey = aesSivEncrypt(k, toUtf8('config'), []);
    assert.equal(toHex(encKey), '45e777f99da908a7b02237e5cbb220facce08895611e');
    const storedKey = concatBytes(u64le(6), toUtf8('secret'), u16le(2), u32le(3), u64le(encKey.length), encKey);
    assert.equal(toHex(storedKey), '0600000000000000736563726574020003000000160000000000000045e777f99da908a7b02237e5cbb220facce08895611e');

    const salt = concatBytes(u64be(1700000000000000000n), u64be(1234), u64be(0));
    const encVal = aesSivEncrypt(k, toUtf8('{"count":1}'), [encKey, salt]);
    const storedVal = concatBytes(u64le(24), salt, u64le(encVal.length), encVal);
    assert.equal(
      toHex(storedVal),
      '1800000000000000' + '17979cfe362a0000' + '00000000000004d2' + '0000000000000000' + '1b00000000000000' +
        'f79466fafdcf56963b5a48254fbc8636ba2ff29f7569465925d2d2',
    );
    assert.equal(fromUtf8(aesSivDecrypt(k, encVal, [encKey, salt])), '{"count":1}');

    // env.block.random for block random 32×05, height 1234, counter 0.
    const random = hkdfWithProtocolSalt(fill(32, 5), concatBytes(u64be(1234), contractKey, u64be(0)));
    assert.equal(toBase64(random), '26gU4XoKo3ZOEF2fkeCgGL8EjpGqWB8Zw70oR/s2WKo=');
  });

  it('computes the callback signature and the seed-exchange ciphertext', () => {
    const callbackSecret = fromHex(P.orders[3]!);
    const funds = toUtf8('[{"denom":"uscrt","amount":"10"}]');
    assert.equal(
      toHex(sha256(concatBytes(callbackSecret, fromHex(P.ct), funds))),
      '0d8357a128d7a125d5295b6839c37f650c43a7b3e4b7929be6ac116dd70146c2',
    );
    const nodeSk = fill(32, 4);
    const nodePk = x25519PublicKey(nodeSk);
    assert.equal(toHex(nodePk), 'ac01b2209e86354fb853237b5de0f4fab13c7fcbf433a61c019369617fecf10b');
    const key = x25519SharedSecret(fromHex(P.orders[0]!), nodePk);
    const enc = aesSivEncrypt(key, seed, [nodePk]);
    assert.equal(toHex(enc), 'ce4e597479f48af8ec893ffd4404cfdb7f02490230a930b76b47df26b6ca46d8e6b6e879082f49927cb023d78267bf9a');
    // The registering node opens it with X25519(node_sk, seed_exchange_pk).
    assert.deepEqual(aesSivDecrypt(x25519SharedSecret(nodeSk, fromHex(P.seedExchangePk)), enc, [nodePk]), seed);
  });
});

// secretjs-compat.md §12.7.
const C = {
  clientPriv: '0001010101010101010101010101010101010101010101010101010101010141',
  clientPub: 'a4e09292b651c278b9772c569f5fa9bb13d906b46ab68c9df9dc2b4409f8a209',
  ioPub: 'ce8d3ad1ccb633ec7b70c17814a5c76ecd029685050d344745ba05870e587d59',
  txKey: '9e9d70a92f423229c011c1053726b782db7ac4f3476ccd9f8857127ccdfcf4e5',
  codeHash: 'af74387e276be8874f07bec3a87023ee49b0e7ebe08178c49d0a49c3c98ed60e',
  ct:
    '48cb17d6f9d9854ec7b7aa944e53b8a45a141929800254a047426d94fea762a5' +
    '8f82625ee637c1a4424ec576da4917f066fc069b77bcd98758d33c6361fb51f7' +
    'b7adf5fa1727eb494baa0d66f249af8d2bf741680b2bb2fede47f41b75761e9828',
  wire: 'AwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwOk4JKStlHCeLl3LFafX6m7E9kGtGq2jJ353CtECfiiCUjLF9b52YVOx7eqlE5TuKRaFBkpgAJUoEdCbZT+p2Klj4JiXuY3waRCTsV22kkX8Gb8Bpt3vNmHWNM8Y2H7Ufe3rfX6FyfrSUuqDWbySa+NK/dBaAsrsv7eR/QbdXYemCg=',
  output: '6e6076404c1f7d9aa6ec2b3578daac6275c25441299c46ca3aad8385',
};

describe('secretjs-compat §12.7 vector (SecretEncryptor)', () => {
  const seed = fill(32, 1);
  const io = fromHex(C.ioPub);
  const nonce = fill(32, 3);

  it('derives the client key pair like curve25519-js', () => {
    const enc = new SecretEncryptor(seed);
    assert.equal(toHex(x25519Clamp(seed)), C.clientPriv);
    assert.equal(toHex(enc.publicKey), C.clientPub);
    assert.equal(toHex(Uint8Array.from(curve25519js.generateKeyPair(seed).public)), C.clientPub);
    assert.equal(toHex(x25519PublicKey(fill(32, 2))), C.ioPub);
  });

  it('encrypts exactly like secretjs', async () => {
    const enc = new SecretEncryptor(seed);
    assert.equal(toHex(enc.txEncryptionKey(io, nonce)), C.txKey);
    const wire = enc.encrypt(io, C.codeHash, { token_info: {} }, nonce);
    assert.equal(toBase64(wire), C.wire);
    assert.equal(toHex(parseEncryptedMsg(wire).ciphertext), C.ct);
    // miscreant (secretjs's AES-SIV) gives the same bytes.
    const siv = await miscreantSiv(fromHex(C.txKey));
    const pt = toUtf8(C.codeHash + '{"token_info":{}}');
    assert.equal(toHex(await siv.seal(pt, [new Uint8Array(0)])), C.ct);
  });

  it('decrypts node output and round-trips through the node side', () => {
    const enc = new SecretEncryptor(seed);
    const out = fromHex(C.output);
    assert.equal(fromUtf8(enc.decrypt(io, out, nonce)), 'eyJvayI6MX0=');
    assert.deepEqual(enc.decrypt(io, new Uint8Array(0), nonce), new Uint8Array(0));
    const d = decryptContractMsg(new X25519Key(fill(32, 2)), fromBase64(C.wire));
    assert.equal(fromUtf8(d.plaintext), C.codeHash + '{"token_info":{}}');
    assert.equal(toHex(encryptWithTxKey(d.txKey, toUtf8('eyJvayI6MX0='))), C.output);
    assert.throws(() => enc.decrypt(io, out, fill(32, 4)), AesSivError);
  });

  it('uses fresh random nonces by default', () => {
    const enc = new SecretEncryptor();
    const a = enc.encrypt(io, C.codeHash, { a: 1 });
    const b = enc.encrypt(io, C.codeHash, { a: 1 });
    assert.notDeepEqual(parseEncryptedMsg(a).nonce, parseEncryptedMsg(b).nonce);
    const other = new SecretEncryptor();
    assert.notDeepEqual(other.publicKey, enc.publicKey);
    const d = decryptContractMsg(new X25519Key(fill(32, 2)), a);
    assert.equal(fromUtf8(d.plaintext), C.codeHash + '{"a":1}');
  });
});

describe('input validation', () => {
  it('parseEncryptedMsg enforces the 82-byte minimum', () => {
    assert.equal(ENCRYPTED_MSG_MIN_LENGTH, 82);
    assert.throws(() => parseEncryptedMsg(new Uint8Array(81)), SecretEncryptionError);
    const p = parseEncryptedMsg(Uint8Array.from({ length: 82 }, (_, i) => i));
    assert.equal(p.nonce[0], 0);
    assert.equal(p.userPublicKey[0], 32);
    assert.equal(p.ciphertext.length, 18);
  });

  it('decryptContractMsg rejects a tampered message', () => {
    const wire = fromBase64(P.wire).slice();
    wire[wire.length - 1]! ^= 1;
    const ioKey = new X25519Key(fromHex(P.orders[1]!));
    assert.throws(() => decryptContractMsg(ioKey, wire), AesSivError);
  });

  it('normalises and validates code hashes', () => {
    assert.equal(normalizeCodeHash('0x' + 'AB'.repeat(32)), 'ab'.repeat(32));
    assert.throws(() => normalizeCodeHash('ab'.repeat(31)), SecretEncryptionError);
    assert.throws(() => normalizeCodeHash('zz'.repeat(32)), SecretEncryptionError);
  });

  it('checks key and nonce lengths', () => {
    assert.throws(() => txEncryptionKey(new Uint8Array(31), new Uint8Array(32)), SecretEncryptionError);
    assert.throws(() => txEncryptionKey(new Uint8Array(32), new Uint8Array(16)), SecretEncryptionError);
    assert.throws(() => seedKdf(new Uint8Array(16), new Uint8Array(0)), SecretEncryptionError);
    assert.throws(() => new SecretEncryptor(new Uint8Array(16)), SecretEncryptionError);
  });
});
