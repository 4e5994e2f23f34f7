// registration: the network's public master keys (the IO key is the "tx key" clients encrypt to).
import { registration } from '@scrtd/proto';

const { Key, MasterKey } = registration;
import type { AppModule } from '../../module.js';
import type { Context } from '../../context.js';
import { collect, defineQuery, EmptyCodec } from '../../rest.js';
import { GrpcCode, GrpcError, SdkErrors } from '../../errors.js';
import { IoExchMasterKey, NodeExchMasterKey, STORE } from './keys.js';

export interface RegistrationGenesis {
  registration?: unknown[];
  node_exch_master_key?: { bytes: string } | null;
  io_master_key?: { bytes: string } | null;
}


function decodeKey32(b64: string | undefined, what: string): Uint8Array {
  const bytes = new Uint8Array(Buffer.from(b64 ?? '', 'base64'));
  if (bytes.length !== 32) throw SdkErrors.InvalidRequest.wrap(`registration genesis: ${what} must be 32 bytes, got ${bytes.length}`);
  return bytes;
}

export class RegistrationKeeper {
  getMasterKey(ctx: Context, which: 'io' | 'node'): Uint8Array | undefined {
    const b = ctx.kv(STORE).get(which === 'io' ? IoExchMasterKey : NodeExchMasterKey);
    return b ? MasterKey.decode(b).bytes : undefined;
  }
  setMasterKey(ctx: Context, which: 'io' | 'node', key: Uint8Array): void {
    ctx.kv(STORE).set(which === 'io' ? IoExchMasterKey : NodeExchMasterKey, MasterKey.encode({ bytes: key }).finish());
  }
}

export function createRegistrationModule(keeper: RegistrationKeeper): AppModule {
  const { queries, routes } = collect([
    defineQuery({
      grpcPath: '/secret.registration.v1beta1.Query/TxKey',
      request: EmptyCodec,
      response: Key,
      responseType: 'secret.registration.v1beta1.Key',
      handle: (ctx) => {
        const key = keeper.getMasterKey(ctx, 'io');
        if (!key) throw new GrpcError(GrpcCode.NotFound, 'Chain has not been initialized yet');
        return { key };
      },
      rest: [{ path: '/registration/v1beta1/tx-key', bind: () => ({}) }],
    }),
    defineQuery({
      grpcPath: '/secret.registration.v1beta1.Query/RegistrationKey',
      request: EmptyCodec,
      response: Key,
      responseType: 'secret.registration.v1beta1.Key',
      handle: (ctx) => {
        const io = keeper.getMasterKey(ctx, 'io');
        const node = keeper.getMasterKey(ctx, 'node');
        if (!io || !node) throw new GrpcError(GrpcCode.NotFound, 'Chain has not been initialized yet');
        // secretd answers with the Go encoding/json of its GenesisState (json tags, not proto names).
        const json = JSON.stringify({
          reg_info: null,
          node_exch_key: { bytes: Buffer.from(node).toString('base64') },
          io_exch_key: { bytes: Buffer.from(io).toString('base64') },
        });
        return { key: new TextEncoder().encode(json) };
      },
      rest: [{ path: '/registration/v1beta1/registration-key', bind: () => ({}) }],
    }),
  ]);
  return {
    name: 'register',
    storeNames: [STORE],
    queries,
    routes,
    defaultGenesis: () => ({ registration: [], node_exch_master_key: null, io_master_key: null }),
    initGenesis(ctx, state) {
      const g = (state ?? {}) as RegistrationGenesis;
      if (g.io_master_key) keeper.setMasterKey(ctx, 'io', decodeKey32(g.io_master_key.bytes, 'io_master_key'));
      if (g.node_exch_master_key) keeper.setMasterKey(ctx, 'node', decodeKey32(g.node_exch_master_key.bytes, 'node_exch_master_key'));
    },
  };
}
