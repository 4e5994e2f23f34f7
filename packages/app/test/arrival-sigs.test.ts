// Signatures verified where txs arrive (ArrivalVerifier): only direct-mode signatures of signers with a
// known account number, with the digest the ante handler looks up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pubkeyToAddress, secp256k1PublicKey, sha256 } from '@scrtd/crypto';
import { ArrivalVerifier, packSignatures, unpackSignatures } from '../src/ante/arrival-sigs.js';
import { buildSignedTx } from '../src/tx/builder.js';
import { MsgSend, SignDoc, SignMode, TxRaw } from '../src/proto.js';
import { latin1 } from '../src/binary.js';
import { DecodedTxCache } from '../src/tx/decode.js';
import type { MsgHandler } from '../src/module.js';

const CHAIN = 'arrival-1';
const privateKey = sha256(new TextEncoder().encode('arrival test key'));
const publicKey = secp256k1PublicKey(privateKey);
const address = pubkeyToAddress(publicKey);
const send = { from_address: 'secret1xyz', to_address: 'secret1abc', amount: [{ denom: 'uscrt', amount: '5' }] };
const msg = {
  typeUrl: '/cosmos.bank.v1beta1.MsgSend',
  value: MsgSend.encode({ fromAddress: send.from_address, toAddress: send.to_address, amount: send.amount }).finish(),
};

function signed(accountNumber: bigint, signMode = SignMode.SIGN_MODE_DIRECT): Uint8Array {
  return buildSignedTx(
    { chainId: CHAIN, msgs: [msg], aminoMsgs: [{ typeUrl: msg.typeUrl, msg: send }], fee: [{ denom: 'uscrt', amount: '100' }], gasLimit: 100_000n, signMode },
    [{ privateKey, publicKey, accountNumber, sequence: 3n }],
  );
}

test('a direct-mode signature of a signer with a known account number is verified, with the SignDoc digest', () => {
  const v = new ArrivalVerifier(CHAIN);
  const tx = signed(7n);
  assert.deepEqual(v.verify(tx), [], 'account number not known yet');
  v.learn([[latin1(address), 7n]]);
  const [sig, ...rest] = v.verify(tx);
  assert.equal(rest.length, 0);
  const raw = TxRaw.decode(tx);
  const expected = sha256(SignDoc.encode({ bodyBytes: raw.bodyBytes, authInfoBytes: raw.authInfoBytes, chainId: CHAIN, accountNumber: 7n }).finish());
  assert.deepEqual(sig!.digest, expected);
  assert.deepEqual(sig!.signature, raw.signatures[0]);
  assert.deepEqual(sig!.pubkey, publicKey);
});

test('nothing is verified for a wrong account number, another sign mode, a bad signature or garbage', () => {
  const v = new ArrivalVerifier(CHAIN);
  v.learn([[latin1(address), 8n]]);
  assert.deepEqual(v.verify(signed(7n)), [], 'signed for account 7, known as 8');
  v.learn([[latin1(address), 7n]]);
  assert.deepEqual(v.verify(signed(7n, SignMode.SIGN_MODE_LEGACY_AMINO_JSON)), [], 'amino-JSON is left to the ante handler');
  const tampered = TxRaw.decode(signed(7n));
  tampered.signatures[0]![10]! ^= 1;
  assert.deepEqual(v.verify(TxRaw.encode(tampered).finish()), []);
  assert.deepEqual(v.verify(new Uint8Array([1, 2, 3, 255])), []);
  const otherChain = new ArrivalVerifier('other-chain');
  otherChain.learn([[latin1(address), 7n]]);
  assert.deepEqual(otherChain.verify(signed(7n)), []);
});

test('verified signatures pack into one array and back', () => {
  const v = new ArrivalVerifier(CHAIN);
  v.learn([[latin1(address), 7n]]);
  const sigs = [...v.verify(signed(7n)), ...v.verify(signed(9n))];
  assert.equal(sigs.length, 1);
  const two = [sigs[0]!, { digest: new Uint8Array(32).fill(1), signature: new Uint8Array(64).fill(2), pubkey: new Uint8Array(33).fill(3) }];
  const packed = packSignatures(two);
  assert.equal(packed.length, 2 * 129);
  assert.deepEqual(
    unpackSignatures(packed).map((s) => [...s.digest, ...s.signature, ...s.pubkey]),
    two.map((s) => [...s.digest, ...s.signature, ...s.pubkey]),
  );
});

test('a decoded tx stays cached until FinalizeBlock has run it (DecodedTxCache.forget)', () => {
  const sendHandler: MsgHandler = { typeUrl: msg.typeUrl, decode: (b) => MsgSend.decode(b), signers: () => [address], handle: () => ({ typeUrl: '', value: new Uint8Array() }) };
  const cache = new DecodedTxCache(new Map([[msg.typeUrl, sendHandler]]));
  const tx = signed(7n);
  const first = cache.decode(tx);
  assert.equal(cache.decode(tx), first, 'CheckTx and recheck share one decoding');
  cache.forget(tx);
  const again = cache.decode(tx);
  assert.notEqual(again, first, 'decoded afresh after forget');
  assert.deepEqual(again.raw.signatures, first.raw.signatures);
});
