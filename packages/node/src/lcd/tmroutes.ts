// cosmos.base.tendermint.v1beta1.Service over REST, served from the block store.
import { Bech32Prefix, toBech32Address } from '@scrtd/crypto';
import type { LcdContext, RouteTable } from './context.js';
import { ApiError, GrpcCode } from './errors.js';
import { pageParams, type Query } from './params.js';
import { blockResponseJson } from './render.js';
import type { Validator } from '../consensus/types.js';
import { toBase64 } from '../util/bytes.js';

function validatorSetJson(height: number, vals: readonly Validator[], q: Query): Record<string, unknown> {
  const pp = pageParams(q);
  const limit = pp.limit && pp.limit > 0 ? pp.limit : 100;
  const page = vals.slice(pp.offset, pp.offset + limit);
  return {
    block_height: String(height),
    validators: page.map((v) => ({
      address: toBech32Address(v.address, Bech32Prefix.consensus),
      pub_key: { '@type': '/cosmos.crypto.ed25519.PubKey', key: toBase64(v.pubKey) },
      voting_power: v.power.toString(),
      proposer_priority: '0',
    })),
    pagination: { next_key: null, total: String(vals.length) },
  };
}

function parseHeightParam(raw: string): number {
  if (!/^[+-]?\d{1,19}$/.test(raw)) {
    throw new ApiError(GrpcCode.InvalidArgument, `type mismatch, parameter: height, error: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  }
  const h = Number(raw);
  if (h <= 0) throw new ApiError(GrpcCode.InvalidArgument, `height must be greater than 0, but got ${raw}`);
  return h;
}

export function registerTendermintRoutes(routes: RouteTable, ctx: LcdContext): void {
  const latestOrFail = () => {
    const h = ctx.blocks.latestHeight();
    if (h === 0) throw new ApiError(GrpcCode.Unavailable, 'no block committed yet');
    return h;
  };
  const blockAt = (height: number) => {
    const latest = latestOrFail();
    if (height > latest) throw new ApiError(GrpcCode.InvalidArgument, 'requested block height is bigger then the chain length');
    const b = ctx.blocks.block(height);
    if (!b) throw new ApiError(GrpcCode.NotFound, `height ${height} is not available`);
    return blockResponseJson(b);
  };

  routes.add('GET', '/cosmos/base/tendermint/v1beta1/blocks/latest', () => blockAt(latestOrFail()));

  routes.add('GET', '/cosmos/base/tendermint/v1beta1/blocks/{height}', (req) =>
    blockAt(parseHeightParam((req.params as Record<string, string>)['height'] ?? '')),
  );

  routes.add('GET', '/cosmos/base/tendermint/v1beta1/node_info', () => {
    const n = ctx.nodeInfo();
    return {
      default_node_info: {
        protocol_version: { p2p: '8', block: '11', app: n.appVersion.toString() },
        default_node_id: n.nodeId,
        listen_addr: '',
        network: n.chainId,
        version: '0.38.0',
        channels: null,
        moniker: n.moniker,
        other: { tx_index: 'on', rpc_address: '' },
      },
      application_version: {
        name: 'scrtd',
        app_name: 'scrtd',
        version: n.version,
        git_commit: '',
        build_tags: '',
        go_version: '',
        build_deps: [],
        cosmos_sdk_version: 'v0.50',
      },
    };
  });

  routes.add('GET', '/cosmos/base/tendermint/v1beta1/syncing', () => ({ syncing: false }));

  routes.add('GET', '/cosmos/base/tendermint/v1beta1/validatorsets/latest', (req) => {
    const h = latestOrFail();
    const set = ctx.blocks.validatorSetAt(h);
    if (!set) throw new ApiError(GrpcCode.NotFound, `validator set at height ${h} is not available`);
    return validatorSetJson(h, set.validators, req.query as Query);
  });

  routes.add('GET', '/cosmos/base/tendermint/v1beta1/validatorsets/{height}', (req) => {
    const h = parseHeightParam((req.params as Record<string, string>)['height'] ?? '');
    if (h > latestOrFail()) throw new ApiError(GrpcCode.InvalidArgument, 'requested block height is bigger then the chain length');
    const set = ctx.blocks.validatorSetAt(h);
    if (!set) throw new ApiError(GrpcCode.NotFound, `validator set at height ${h} is not available`);
    return validatorSetJson(h, set.validators, req.query as Query);
  });
}
