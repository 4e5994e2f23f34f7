// Gateway JSON: the exact shapes secretjs-compat.md requires, plus jsonpb formatting details.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MsgSend as SjsMsgSend, MsgExecuteContract as SjsMsgExecuteContract } from 'secretjs';
import {
  toGatewayJson,
  anyToGatewayJson,
  encodeAny,
  createRegistry,
  defineMessage,
  J,
  ProtoError,
  formatTimestamp,
  formatDuration,
  formatDec,
  Tx,
  TxRaw,
  TxBody,
  AuthInfo,
  auth,
  abci,
  compute,
  tendermint,
  tx as txNs,
} from '../src/index.js';
import { accountA, accountB, offlineClient, signerData, b64, CODE_HASH } from './fixtures.js';

const str = (v: unknown) => JSON.stringify(v);

function txFromRaw(raw: Uint8Array) {
  const r = TxRaw.decode(raw);
  return Tx.fromPartial({ body: TxBody.decode(r.bodyBytes), authInfo: AuthInfo.decode(r.authInfoBytes), signatures: r.signatures });
}

test('a secretjs-signed MsgSend tx renders exactly as the SDK gateway does', async () => {
  const { client, wallet } = offlineClient('direct');
  const raw = await client.tx.signTx(
    [new SjsMsgSend({ from_address: accountA.address, to_address: accountB.address, amount: [{ denom: 'uscrt', amount: '1' }] })],
    { explicitSignerData: signerData(0, 0) },
  );
  const tx = txFromRaw(raw);
  const pubkey = (await wallet.getAccounts())[0]!.pubkey;
  const json = anyToGatewayJson(encodeAny('/cosmos.tx.v1beta1.Tx', tx)) as any;

  assert.equal(
    str(json.body.messages[0]),
    str({ '@type': '/cosmos.bank.v1beta1.MsgSend', from_address: accountA.address, to_address: accountB.address, amount: [{ denom: 'uscrt', amount: '1' }] }),
  );
  const expected = {
    '@type': '/cosmos.tx.v1beta1.Tx',
    body: {
      messages: [{ '@type': '/cosmos.bank.v1beta1.MsgSend', from_address: accountA.address, to_address: accountB.address, amount: [{ denom: 'uscrt', amount: '1' }] }],
      memo: '',
      timeout_height: '0',
      extension_options: [],
      non_critical_extension_options: [],
    },
    auth_info: {
      signer_infos: [
        {
          public_key: { '@type': '/cosmos.crypto.secp256k1.PubKey', key: b64(pubkey) },
          mode_info: { single: { mode: 'SIGN_MODE_DIRECT' } },
          sequence: '0',
        },
      ],
      fee: { amount: [{ denom: 'uscrt', amount: '2500' }], gas_limit: '25000', payer: '', granter: '' },
      tip: null,
    },
    signatures: [b64(tx.signatures[0]!)],
  };
  assert.equal(str(json), str(expected));
  // GetTxResponse carries the Tx as a message (no "@type") next to the tx_response.
  const { '@type': _drop, ...plain } = expected;
  const getTx = toGatewayJson(txNs.GetTxResponse.fromPartial({ tx }), 'cosmos.tx.v1beta1.GetTxResponse') as any;
  assert.equal(str(getTx.tx), str(plain));
  assert.equal(getTx.tx_response, null);
});

test('compute messages inside a tx: bytes as base64 (msg is the exact submitted bytes)', async () => {
  const { client } = offlineClient('direct');
  const raw = await client.tx.signTx(
    [new SjsMsgExecuteContract({ sender: accountA.address, contract_address: accountB.address, msg: { ping: {} }, code_hash: CODE_HASH, sent_funds: [] })],
    { explicitSignerData: signerData(3, 9) },
  );
  const tx = txFromRaw(raw);
  const json = anyToGatewayJson(encodeAny('/cosmos.tx.v1beta1.Tx', tx)) as any;
  const body = TxBody.decode(TxRaw.decode(raw).bodyBytes);
  const decoded = compute.MsgExecuteContract.decode(body.messages[0]!.value);
  assert.deepEqual(json.body.messages[0], {
    '@type': '/secret.compute.v1beta1.MsgExecuteContract',
    sender: b64(decoded.sender),
    contract: b64(decoded.contract),
    msg: b64(new Uint8Array(80).fill(0xab)),
    callback_code_hash: '',
    sent_funds: [],
    callback_sig: null,
  });
  assert.equal(json.auth_info.signer_infos[0].sequence, '9');
});

test('BaseAccount, ModuleAccount and auth Params', () => {
  assert.equal(
    str(toGatewayJson(encodeAny('/cosmos.auth.v1beta1.BaseAccount', { address: accountA.address }))),
    str({ '@type': '/cosmos.auth.v1beta1.BaseAccount', address: accountA.address, pub_key: null, account_number: '0', sequence: '0' }),
  );
  const withKey = toGatewayJson(
    encodeAny('/cosmos.auth.v1beta1.BaseAccount', {
      address: accountA.address,
      pubKey: encodeAny('/cosmos.crypto.secp256k1.PubKey', { key: new Uint8Array(33).fill(2) }),
      accountNumber: 5n,
      sequence: 12n,
    }),
  );
  assert.deepEqual(withKey, {
    '@type': '/cosmos.auth.v1beta1.BaseAccount',
    address: accountA.address,
    pub_key: { '@type': '/cosmos.crypto.secp256k1.PubKey', key: b64(new Uint8Array(33).fill(2)) },
    account_number: '5',
    sequence: '12',
  });

  const params = auth.Params.fromPartial({ maxMemoCharacters: 256n, txSigLimit: 7n, txSizeCostPerByte: 10n, sigVerifyCostEd25519: 590n, sigVerifyCostSecp256k1: 1000n });
  assert.equal(
    str(toGatewayJson(auth.QueryParamsResponse.fromPartial({ params }))),
    '{"params":{"max_memo_characters":"256","tx_sig_limit":"7","tx_size_cost_per_byte":"10","sig_verify_cost_ed25519":"590","sig_verify_cost_secp256k1":"1000"}}',
  );

  const gov = 'secret10d07y265gmmuvt4z0w9aw880jnsr700jc88vt0';
  assert.equal(
    str(
      toGatewayJson(
        auth.QueryModuleAccountByNameResponse.fromPartial({
          account: encodeAny('/cosmos.auth.v1beta1.ModuleAccount', { baseAccount: { address: gov, accountNumber: 4n }, name: 'gov', permissions: ['burner'] }),
        }),
      ),
    ),
    str({
      account: {
        '@type': '/cosmos.auth.v1beta1.ModuleAccount',
        base_account: { address: gov, pub_key: null, account_number: '4', sequence: '0' },
        name: 'gov',
        permissions: ['burner'],
      },
    }),
  );
});

test('ContractInfo: admin "" emitted, empty bytes null, AccAddress via the registry encoder', () => {
  const info = compute.ContractInfo.fromPartial({ codeId: 1n, creator: new Uint8Array(20).fill(1), label: 'lbl', created: { blockHeight: 7n } });
  const resp = compute.QueryContractInfoResponse.fromPartial({ contractAddress: 'secret1c', contractInfo: info });
  assert.equal(
    str(toGatewayJson(resp, 'secret.compute.v1beta1.QueryContractInfoResponse')),
    str({
      contract_address: 'secret1c',
      contract_info: {
        code_id: '1',
        creator: b64(new Uint8Array(20).fill(1)),
        label: 'lbl',
        created: { block_height: '7', tx_index: '0' },
        ibc_port_id: '',
        admin: '',
        admin_proof: null,
        require_governance: false,
      },
    }),
  );
  const reg = createRegistry().setAddressEncoder((b) => `secret1-${Buffer.from(b).toString('hex').slice(0, 4)}`);
  const j = toGatewayJson(resp, '/secret.compute.v1beta1.QueryContractInfoResponse', { registry: reg }) as any;
  assert.equal(j.contract_info.creator, 'secret1-0101');
});

test('contract history: operation by enum name, matches secretjs-compat §7.2', () => {
  const resp = compute.QueryContractHistoryResponse.fromPartial({
    entries: [{ operation: compute.ContractCodeHistoryOperationType.CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT, codeId: 1n, updated: { blockHeight: 5n }, msg: new Uint8Array([1, 2]) }],
  });
  assert.equal(
    str(toGatewayJson(resp, 'secret.compute.v1beta1.QueryContractHistoryResponse')),
    str({ entries: [{ operation: 'CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT', code_id: '1', updated: { block_height: '5', tx_index: '0' }, msg: 'AQI=' }] }),
  );
  // unknown enum values are written as bare numbers, like jsonpb
  const odd = toGatewayJson(compute.ContractCodeHistoryEntry.fromPartial({ operation: 9 as compute.ContractCodeHistoryOperationType }), 'secret.compute.v1beta1.ContractCodeHistoryEntry') as any;
  assert.equal(odd.operation, 9);
});

test('compute code queries and params', () => {
  const codes = compute.QueryCodesResponse.fromPartial({ codeInfos: [{ codeId: 1n, creator: 'secret1x', codeHash: 'ab', source: '', builder: '' }] });
  assert.equal(str(toGatewayJson(codes, 'secret.compute.v1beta1.QueryCodesResponse')), '{"code_infos":[{"code_id":"1","creator":"secret1x","code_hash":"ab","source":"","builder":""}]}');
  const params = compute.QueryParamsResponse.fromPartial({ params: { compileCost: '800000000000000000', maxContractSize: 2097152n } });
  assert.equal(str(toGatewayJson(params, 'secret.compute.v1beta1.ParamsResponse')), '{"params":{"compile_cost":"0.800000000000000000","max_contract_size":"2097152"}}');
  assert.equal(str(toGatewayJson(compute.QuerySecretContractResponse.fromPartial({ data: new Uint8Array([0xff]) }))), '{"data":"/w=="}');
});

test('TxResponse renders per secretjs-compat §4', () => {
  const r = abci.TxResponse.fromPartial({
    height: 12n,
    txhash: 'AB',
    code: 0,
    data: '',
    gasWanted: 25000n,
    gasUsed: 20000n,
    tx: encodeAny('/cosmos.tx.v1beta1.Tx', { body: { memo: 'm' } }),
    timestamp: '2024-01-01T00:00:00.123456789Z',
    events: [{ type: 'message', attributes: [{ key: 'action', value: '/cosmos.bank.v1beta1.MsgSend', index: true }] }],
  });
  const j = toGatewayJson(txNs.GetTxResponse.fromPartial({ txResponse: r }), 'cosmos.tx.v1beta1.GetTxResponse') as any;
  assert.deepEqual(Object.keys(j.tx_response), ['height', 'txhash', 'codespace', 'code', 'data', 'raw_log', 'logs', 'info', 'gas_wanted', 'gas_used', 'tx', 'timestamp', 'events']);
  assert.equal(j.tx_response.height, '12');
  assert.equal(j.tx_response.code, 0);
  assert.equal(j.tx_response.raw_log, '');
  assert.deepEqual(j.tx_response.logs, []);
  assert.equal(j.tx_response.tx['@type'], '/cosmos.tx.v1beta1.Tx');
  assert.equal(j.tx_response.tx.body.memo, 'm');
  assert.equal(j.tx_response.tx.auth_info, null);
  assert.deepEqual(j.tx_response.events, [{ type: 'message', attributes: [{ key: 'action', value: '/cosmos.bank.v1beta1.MsgSend', index: true }] }]);
});

test('block responses: header time with nanos, commit flags by name', () => {
  const header = { chainId: 'secretdev-1', height: 3n, time: { seconds: 1700000000n, nanos: 123456789 }, proposerAddress: new Uint8Array([1]) };
  const resp = tendermint.GetLatestBlockResponse.fromPartial({
    blockId: { hash: new Uint8Array([9]), partSetHeader: { total: 1, hash: new Uint8Array([8]) } },
    block: { header, lastCommit: { height: 2n, signatures: [{ blockIdFlag: 2, timestamp: { seconds: 1700000000n, nanos: 5000000 } }] } },
    sdkBlock: { header: { ...header, proposerAddress: 'secretvalcons1x' } },
  });
  const j = toGatewayJson(resp, 'cosmos.base.tendermint.v1beta1.GetLatestBlockResponse') as any;
  assert.equal(j.block.header.time, '2023-11-14T22:13:20.123456789Z');
  assert.equal(j.block.header.height, '3');
  assert.equal(j.block.header.version.block, '0');
  assert.equal(j.block.header.last_block_id.part_set_header.total, 0);
  assert.equal(j.block.last_commit.signatures[0].block_id_flag, 'BLOCK_ID_FLAG_COMMIT');
  assert.equal(j.block.last_commit.signatures[0].timestamp, '2023-11-14T22:13:20.005Z');
  assert.deepEqual(j.block.data, { txs: [] });
  assert.deepEqual(j.block.evidence, { evidence: [] });
  assert.equal(j.sdk_block.header.proposer_address, 'secretvalcons1x');
  assert.equal(j.block_id.hash, 'CQ==');
});

test('jsonpb Timestamp / Duration / LegacyDec formats', () => {
  assert.equal(formatTimestamp({ seconds: 0n, nanos: 0 }), '1970-01-01T00:00:00Z');
  assert.equal(formatTimestamp({ seconds: 1n, nanos: 120000000 }), '1970-01-01T00:00:01.120Z');
  assert.equal(formatTimestamp({ seconds: 1n, nanos: 1000 }), '1970-01-01T00:00:01.000001Z');
  assert.equal(formatTimestamp({ seconds: 1n, nanos: 1 }), '1970-01-01T00:00:01.000000001Z');
  assert.throws(() => formatTimestamp({ seconds: 1n, nanos: 1e9 }), ProtoError);
  assert.equal(formatDuration({ seconds: 90n, nanos: 0 }), '90s');
  assert.equal(formatDuration({ seconds: 1n, nanos: 500000000 }), '1.500s');
  assert.equal(formatDuration({ seconds: 0n, nanos: -1000 }), '-0.000001s');
  assert.equal(formatDuration({ seconds: -2n, nanos: -5000000 }), '-2.005s');
  assert.equal(formatDec('800000000000000000'), '0.800000000000000000');
  assert.equal(formatDec('10000000000000000000000000'), '10000000.000000000000000000');
  assert.equal(formatDec(''), '0.000000000000000000');
  assert.equal(formatDec('-5'), '-0.000000000000000005');
  const decCoin = toGatewayJson({ rewards: [{ denom: 'uscrt', amount: '1500000000000000000' }] }, undefined) as any;
  assert.equal(decCoin.rewards[0].amount, '1500000000000000000'); // inference cannot know it is a DecCoin…
  const reg = createRegistry().declare('test.Rewards', { fields: { rewards: J.msg('cosmos.base.v1beta1.DecCoin') } });
  const declared = toGatewayJson({ rewards: [{ denom: 'uscrt', amount: '1500000000000000000' }] }, 'test.Rewards', { registry: reg }) as any;
  assert.equal(declared.rewards[0].amount, '1.500000000000000000'); // …a declaration does
});

test('unknown Any type URLs throw a typed ProtoError', () => {
  assert.throws(
    () => toGatewayJson({ typeUrl: '/foo.Bar', value: new Uint8Array() }),
    (e: unknown) => e instanceof ProtoError && e.code === 'unresolved_type' && e.message === 'unable to resolve type URL /foo.Bar: tx parse error',
  );
});

test('another package registers a message type with its JSON declaration', () => {
  enum BondStatus {
    BOND_STATUS_UNSPECIFIED = 0,
    BOND_STATUS_BONDED = 3,
  }
  interface MsgThing {
    owner: string;
    status: BondStatus;
    since: { seconds: bigint; nanos: number } | undefined;
    period: { seconds: bigint; nanos: number } | undefined;
    rate: string;
  }
  const reg = createRegistry();
  // A hand-written codec: JSON kinds for plain fields are inferred, the rest are declared once.
  const MsgThing = defineMessage<MsgThing>('/test.v1.MsgThing', [
    { no: 1, key: 'owner', type: 'string' },
    { no: 2, key: 'status', type: 'enum', values: BondStatus },
    { no: 3, key: 'since', type: 'message', codec: tsCodec('/google.protobuf.Timestamp'), json: J.timestamp },
    { no: 4, key: 'period', type: 'message', codec: tsCodec('/google.protobuf.Duration'), json: J.duration },
    { no: 5, key: 'rate', type: 'string', json: J.dec },
  ]);
  reg.register(MsgThing.typeUrl, MsgThing, MsgThing.json);
  const any = reg.encodeAny('/test.v1.MsgThing', { owner: 'o', status: 3, since: { seconds: 60n, nanos: 0 }, period: { seconds: 90n, nanos: 0 }, rate: '50000000000000000' });
  assert.equal(
    str(toGatewayJson(any, undefined, { registry: reg })),
    str({ '@type': '/test.v1.MsgThing', owner: 'o', status: 'BOND_STATUS_BONDED', since: '1970-01-01T00:01:00Z', period: '90s', rate: '0.050000000000000000' }),
  );
  // the default registry is untouched
  assert.throws(() => toGatewayJson(any), ProtoError);
});

/** Timestamp / Duration share one wire shape; a tiny codec via defineMessage. */
function tsCodec(typeUrl: string) {
  return defineMessage<{ seconds: bigint; nanos: number }>(typeUrl, [
    { no: 1, key: 'seconds', type: 'int64' },
    { no: 2, key: 'nanos', type: 'int32' },
  ]);
}
