// Amino JSON: converters agree with secretjs's toAmino(), sign docs agree with cosmjs, and the sign
// bytes rebuilt from a decoded tx are exactly what secretjs's AminoWallet / MetaMaskWallet signed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as secretjs from 'secretjs';
import { AminoWallet } from 'secretjs/dist/wallet_amino.js';
import { MetaMaskWallet } from 'secretjs/dist/wallet_metamask.js';
import { makeSignDoc as cosmjsMakeSignDoc, serializeSignDoc as cosmjsSerializeSignDoc, type StdSignDoc as CosmjsStdSignDoc } from '@cosmjs/amino';
import * as secp from '@noble/secp256k1';
import {
  aminoMsg,
  aminoMsgFromAny,
  makeAminoSignDoc,
  serializeAminoSignDoc,
  eip191SignBytes,
  aminoFee,
  registry,
  ProtoError,
  TxRaw,
  TxBody,
  AuthInfo,
  SignMode,
  type StdSignDoc,
} from '../src/index.js';
import { accountA, accountB, fakeEncryption, offlineClient, signerData, CODE_HASH, CHAIN_ID } from './fixtures.js';

const GZIP_WASM = new Uint8Array([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]); // already gzipped: secretjs leaves it alone
const contract = accountB.address;

function secretjsMessages() {
  return [
    new secretjs.MsgSend({ from_address: accountA.address, to_address: accountB.address, amount: [{ denom: 'uscrt', amount: '1' }] }),
    new secretjs.MsgMultiSend({
      inputs: [{ address: accountA.address, coins: [{ denom: 'uscrt', amount: '3' }] }],
      outputs: [
        { address: accountB.address, coins: [{ denom: 'uscrt', amount: '1' }] },
        { address: contract, coins: [{ denom: 'uscrt', amount: '2' }] },
      ],
    }),
    new secretjs.MsgStoreCode({ sender: accountA.address, wasm_byte_code: GZIP_WASM, source: '', builder: '' }),
    new secretjs.MsgStoreCode({ sender: accountA.address, wasm_byte_code: GZIP_WASM, source: 'https://x/y.tgz', builder: 'enigmampc/secret-contract-optimizer:1.0.10' }),
    new secretjs.MsgInstantiateContract({ sender: accountA.address, code_id: 7, label: 'lbl <&>', init_msg: { a: 1 }, code_hash: CODE_HASH }),
    new secretjs.MsgInstantiateContract({ sender: accountA.address, code_id: '8', label: 'l2', init_msg: {}, code_hash: CODE_HASH, admin: accountB.address, init_funds: [{ denom: 'uscrt', amount: '5' }] }),
    new secretjs.MsgExecuteContract({ sender: accountA.address, contract_address: contract, msg: { ping: {} }, code_hash: CODE_HASH, sent_funds: [{ denom: 'uscrt', amount: '1' }] }),
    new secretjs.MsgExecuteContract({ sender: accountA.address, contract_address: contract, msg: { ping: {} }, code_hash: CODE_HASH }),
    new secretjs.MsgMigrateContract({ sender: accountA.address, contract_address: contract, msg: { m: 1 }, code_id: 9, code_hash: CODE_HASH }),
    new secretjs.MsgUpdateAdmin({ sender: accountA.address, contract_address: contract, new_admin: accountB.address }),
    new secretjs.MsgClearAdmin({ sender: accountA.address, contract_address: contract }),
    new secretjs.MsgSetContractGovernance({ sender: accountA.address, contract_address: contract }),
  ];
}

test('amino converters reproduce secretjs toAmino() from the protobuf secretjs encodes', async () => {
  for (const m of secretjsMessages() as any[]) {
    const proto = await m.toProto(fakeEncryption);
    const theirs = JSON.parse(JSON.stringify(await m.toAmino(fakeEncryption))); // drops undefined members
    const ours = aminoMsgFromAny({ typeUrl: proto.type_url, value: await proto.encode() });
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), theirs, proto.type_url);
  }
});

test('sign doc serialisation matches cosmjs makeSignDoc + serializeSignDoc', () => {
  const msgs = [aminoMsg('/cosmos.bank.v1beta1.MsgSend', { fromAddress: 'a', toAddress: 'b', amount: [{ denom: 'uscrt', amount: '1' }] })];
  const cases: Array<[StdSignDoc, CosmjsStdSignDoc]> = [
    [
      makeAminoSignDoc({ chainId: CHAIN_ID, accountNumber: 0n, sequence: 0n, fee: { amount: [{ denom: 'uscrt', amount: '2500' }], gasLimit: 25000n, payer: '', granter: '' }, msgs, memo: '' }),
      cosmjsMakeSignDoc(msgs as any, { amount: [{ denom: 'uscrt', amount: '2500' }], gas: '25000' }, CHAIN_ID, '', 0, 0),
    ],
    [
      makeAminoSignDoc({ chainId: CHAIN_ID, accountNumber: 12, sequence: '5', fee: { amount: [], gasLimit: 1n, payer: '', granter: 'secret1g' }, msgs, memo: 'a<b>&"c" ü', timeoutHeight: 77n }),
      cosmjsMakeSignDoc(msgs as any, { amount: [], gas: '1', granter: 'secret1g' }, CHAIN_ID, 'a<b>&"c" ü', 12, 5, 77n),
    ],
  ];
  for (const [ours, theirs] of cases) {
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), JSON.parse(JSON.stringify(theirs)));
    assert.deepEqual(serializeAminoSignDoc(ours), cosmjsSerializeSignDoc(theirs));
  }
  assert.match(Buffer.from(serializeAminoSignDoc(cases[1]![0])).toString(), /"memo":"a\\u003cb\\u003e\\u0026\\"c\\" ü"/);
  assert.deepEqual(aminoFee({ amount: [], gasLimit: 5n, payer: 'p', granter: '' }), { amount: [], gas: '5', payer: 'p' });
});

test('types without an amino converter are rejected with ProtoError', () => {
  assert.throws(() => aminoMsg('/cosmos.auth.v1beta1.BaseAccount', {}), (e: unknown) => e instanceof ProtoError && e.code === 'amino');
});

/** Rebuilds the amino sign doc from a TxRaw as the node's ante handler would. */
function rebuildSignDoc(raw: Uint8Array, accountNumber: number): { doc: StdSignDoc; signature: Uint8Array; pubkey: Uint8Array; mode: number } {
  const tx = TxRaw.decode(raw);
  const body = TxBody.decode(tx.bodyBytes);
  const authInfo = AuthInfo.decode(tx.authInfoBytes);
  const signer = authInfo.signerInfos[0]!;
  const pubkey = (registry.decodeAny(signer.publicKey!).value as { key: Uint8Array }).key;
  const doc = makeAminoSignDoc({
    chainId: CHAIN_ID,
    accountNumber,
    sequence: signer.sequence,
    fee: authInfo.fee!,
    msgs: body.messages.map((m) => aminoMsgFromAny(m)),
    memo: body.memo,
    timeoutHeight: body.timeoutHeight,
  });
  return { doc, signature: tx.signatures[0]!, pubkey, mode: signer.modeInfo!.single!.mode };
}

test('SIGN_MODE_LEGACY_AMINO_JSON: rebuilt sign bytes equal what AminoWallet signed, and the signature verifies', async () => {
  const inner = new AminoWallet(accountA.mnemonic);
  let captured: CosmjsStdSignDoc | undefined;
  const spy = {
    getAccounts: () => inner.getAccounts(),
    signAmino: (addr: string, doc: CosmjsStdSignDoc) => {
      captured = doc;
      return inner.signAmino(addr, doc as any);
    },
  };
  const { client } = offlineClient('amino', spy);
  const raw = await client.tx.signTx(secretjsMessages() as any, {
    explicitSignerData: signerData(42, 17),
    memo: 'hello <world> & co',
    feeGranter: accountB.address,
    gasLimit: 300_000,
  });
  const { doc, signature, pubkey, mode } = rebuildSignDoc(raw, 42);
  assert.equal(mode, SignMode.SIGN_MODE_LEGACY_AMINO_JSON);
  const signBytes = serializeAminoSignDoc(doc);
  assert.equal(Buffer.from(signBytes).toString(), Buffer.from(cosmjsSerializeSignDoc(captured!)).toString());
  const hash = createHash('sha256').update(signBytes).digest();
  assert.ok(secp.verify(signature, hash, pubkey), 'signature verifies over the rebuilt sign bytes');
});

test('SIGN_MODE_EIP_191: rebuilt bytes equal what MetaMaskWallet sends to personal_sign', async () => {
  const [{ pubkey }] = await new AminoWallet(accountA.mnemonic).getAccounts();
  let signedHex = '';
  const provider = {
    request: async ({ params }: { method: string; params: string[] }) => {
      signedHex = params[0]!;
      return `0x${'11'.repeat(64)}1b`;
    },
  };
  // the constructor is private in the typings (MetaMaskWallet.create() needs a browser); call it directly
  const wallet = new (MetaMaskWallet as any)(provider, '0x' + '00'.repeat(20), pubkey);
  const { client } = offlineClient('amino', wallet);
  const raw = await client.tx.signTx(
    [new secretjs.MsgStoreCode({ sender: accountA.address, wasm_byte_code: GZIP_WASM, source: '', builder: '' }), secretjsMessages()[6] as any],
    { explicitSignerData: signerData(1, 2), memo: 'x&y' },
  );
  const { doc, mode } = rebuildSignDoc(raw, 1);
  assert.equal(mode, SignMode.SIGN_MODE_EIP_191);
  const bytes = eip191SignBytes(doc);
  const body = Buffer.from(signedHex.slice(2), 'hex');
  const prefix = Buffer.from(`\x19Ethereum Signed Message:\n${body.length}`);
  assert.equal(Buffer.from(bytes).toString('hex'), Buffer.concat([prefix, body]).toString('hex'));
});
