// secret.compute.v1beta1.Query: gRPC handlers and their REST routes (secret-protocol §10.2,
// secretjs-compat §7.2). Code hashes are lower-case hex; contract queries run under the
// contract-query gas limit.
import { toHex } from '@scrtd/crypto';
import { compute } from '@scrtd/proto';
import { bech32Address, parseAddress } from '../../addresses.js';
import type { Context } from '../../context.js';
import { GrpcCode, GrpcError } from '../../errors.js';
import { collect, defineQuery, EmptyCodec, queryString } from '../../rest.js';
import type { ComputeKeeper } from './keeper.js';
import type { CodeInfo, ContractInfo } from './state.js';

const Q = '/secret.compute.v1beta1.Query/';
const T = 'secret.compute.v1beta1.';


function address(s: string): Uint8Array {
  try {
    return parseAddress(s, 'contract address');
  } catch (e) {
    throw new GrpcError(GrpcCode.InvalidArgument, (e as Error).message);
  }
}

function codeId(s: string | bigint): bigint {
  if (typeof s === 'bigint') return s;
  if (!/^\d+$/.test(s)) throw new GrpcError(GrpcCode.InvalidArgument, `invalid code id ${s}`);
  return BigInt(s);
}

function contractInfo(k: ComputeKeeper, ctx: Context, addr: Uint8Array): ContractInfo {
  const info = k.state.getContractInfo(ctx, addr);
  if (!info) throw new GrpcError(GrpcCode.NotFound, `contract ${bech32Address(addr)} not found`);
  return info;
}

function codeInfoResponse(id: bigint, c: CodeInfo): compute.CodeInfoResponse {
  return { codeId: id, creator: bech32Address(c.creator), codeHash: toHex(c.codeHash), source: c.source, builder: c.builder };
}

export function computeQueries(k: ComputeKeeper) {
  return collect([
    defineQuery({
      grpcPath: `${Q}QuerySecretContract`,
      request: compute.QuerySecretContractRequest,
      response: compute.QuerySecretContractResponse,
      responseType: `${T}QuerySecretContractResponse`,
      handle: (ctx, req) => {
        const addr = address(req.contractAddress);
        contractInfo(k, ctx, addr);
        if (req.query.length === 0) throw new GrpcError(GrpcCode.InvalidArgument, 'query is empty');
        return { data: k.query(ctx, addr, req.query, 1, k.queryGasLimit).data };
      },
      rest: [
        {
          path: '/compute/v1beta1/query/{contract_address}',
          bind: (p, q) => ({ contractAddress: p.contract_address, query: new Uint8Array(Buffer.from(queryString(q, 'query'), 'base64')) }),
        },
      ],
    }),
    defineQuery({
      grpcPath: `${Q}ContractInfo`,
      request: compute.QueryByContractAddressRequest,
      response: compute.QueryContractInfoResponse,
      responseType: `${T}QueryContractInfoResponse`,
      handle: (ctx, req) => ({ contractAddress: req.contractAddress, contractInfo: contractInfo(k, ctx, address(req.contractAddress)) }),
      rest: [{ path: '/compute/v1beta1/info/{contract_address}', bind: (p) => ({ contractAddress: p.contract_address }) }],
    }),
    defineQuery({
      grpcPath: `${Q}ContractsByCodeId`,
      request: compute.QueryByCodeIdRequest,
      response: compute.QueryContractsByCodeIdResponse,
      responseType: `${T}QueryContractsByCodeIdResponse`,
      handle: (ctx, req) => ({
        contractInfos: [...k.state.contractsByCode(ctx, req.codeId)].map((a) => ({ contractAddress: bech32Address(a), contractInfo: contractInfo(k, ctx, a) })),
      }),
      rest: [{ path: '/compute/v1beta1/contracts/{code_id}', bind: (p) => ({ codeId: codeId(p.code_id!) }) }],
    }),
    defineQuery({
      grpcPath: `${Q}Code`,
      request: compute.QueryByCodeIdRequest,
      response: compute.QueryCodeResponse,
      responseType: `${T}QueryCodeResponse`,
      handle: (ctx, req) => {
        const c = k.state.getCodeInfo(ctx, req.codeId);
        if (!c) throw new GrpcError(GrpcCode.NotFound, `code id ${req.codeId} not found`);
        return { codeInfo: codeInfoResponse(req.codeId, c), wasm: k.state.getWasm(ctx, c.codeHash) ?? new Uint8Array(0) };
      },
      rest: [{ path: '/compute/v1beta1/code/{code_id}', bind: (p) => ({ codeId: codeId(p.code_id!) }) }],
    }),
    defineQuery({
      grpcPath: `${Q}Codes`,
      request: EmptyCodec,
      response: compute.QueryCodesResponse,
      responseType: `${T}QueryCodesResponse`,
      handle: (ctx) => ({ codeInfos: [...k.state.codeInfos(ctx)].map(([id, c]) => codeInfoResponse(id, c)) }),
      rest: [{ path: '/compute/v1beta1/codes', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: `${Q}CodeHashByContractAddress`,
      request: compute.QueryByContractAddressRequest,
      response: compute.QueryCodeHashResponse,
      responseType: `${T}QueryCodeHashResponse`,
      handle: (ctx, req) => ({ codeHash: k.codeHashOf(ctx, contractInfo(k, ctx, address(req.contractAddress)).codeId) }),
      rest: [{ path: '/compute/v1beta1/code_hash/by_contract_address/{contract_address}', bind: (p) => ({ contractAddress: p.contract_address }) }],
    }),
    defineQuery({
      grpcPath: `${Q}CodeHashByCodeId`,
      request: compute.QueryByCodeIdRequest,
      response: compute.QueryCodeHashResponse,
      responseType: `${T}QueryCodeHashResponse`,
      handle: (ctx, req) => {
        const c = k.state.getCodeInfo(ctx, req.codeId);
        if (!c) throw new GrpcError(GrpcCode.NotFound, `code id ${req.codeId} not found`);
        return { codeHash: toHex(c.codeHash) };
      },
      rest: [{ path: '/compute/v1beta1/code_hash/by_code_id/{code_id}', bind: (p) => ({ codeId: codeId(p.code_id!) }) }],
    }),
    defineQuery({
      grpcPath: `${Q}LabelByAddress`,
      request: compute.QueryByContractAddressRequest,
      response: compute.QueryContractLabelResponse,
      responseType: `${T}QueryContractLabelResponse`,
      handle: (ctx, req) => ({ label: contractInfo(k, ctx, address(req.contractAddress)).label }),
      rest: [{ path: '/compute/v1beta1/label/{contract_address}', bind: (p) => ({ contractAddress: p.contract_address }) }],
    }),
    defineQuery({
      grpcPath: `${Q}AddressByLabel`,
      request: compute.QueryByLabelRequest,
      response: compute.QueryContractAddressResponse,
      responseType: `${T}QueryContractAddressResponse`,
      handle: (ctx, req) => {
        const a = k.state.getContractByLabel(ctx, req.label);
        if (!a) throw new GrpcError(GrpcCode.NotFound, `no contract with label ${req.label}`);
        return { contractAddress: bech32Address(a) };
      },
      rest: [{ path: '/compute/v1beta1/contract_address/{label}', bind: (p) => ({ label: p.label }) }],
    }),
    defineQuery({
      grpcPath: `${Q}ContractHistory`,
      request: compute.QueryContractHistoryRequest,
      response: compute.QueryContractHistoryResponse,
      responseType: `${T}QueryContractHistoryResponse`,
      handle: (ctx, req) => {
        const addr = address(req.contractAddress);
        contractInfo(k, ctx, addr);
        return { entries: [...k.state.history(ctx, addr)] };
      },
      rest: [{ path: '/compute/v1beta1/contract_history/{contract_address}', bind: (p) => ({ contractAddress: p.contract_address }) }],
    }),
    defineQuery({
      grpcPath: `${Q}Params`,
      request: compute.QueryParamsRequest,
      response: compute.QueryParamsResponse,
      responseType: `${T}ParamsResponse`,
      handle: (ctx) => ({ params: k.state.getParams(ctx) }),
      rest: [{ path: '/compute/v1beta1/params', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: `${Q}AuthorizedMigration`,
      request: compute.QueryAuthorizedMigrationRequest,
      response: compute.QueryAuthorizedMigrationResponse,
      responseType: `${T}QueryAuthorizedMigrationResponse`,
      // Governance-authorised migrations need the gov module, which this release does not have.
      handle: (ctx, req) => {
        contractInfo(k, ctx, address(req.contractAddress));
        return { newCodeId: 0n };
      },
      rest: [{ path: '/compute/v1beta1/authorized_migration/{contract_address}', bind: (p) => ({ contractAddress: p.contract_address }) }],
    }),
  ]);
}
