// The shape every app module has: messages, queries (with their REST routes), genesis, block hooks.
import type { RestRoute } from './abci/routes.js';
import type { Context } from './context.js';

export interface EncodedMsg {
  typeUrl: string;
  value: Uint8Array;
}

export interface MsgHandler<T = any> {
  typeUrl: string;
  decode(bytes: Uint8Array): T;
  /** Addresses (20 bytes) that must sign this message; throws CosmosError(InvalidAddress) on malformed input. */
  signers(msg: T): Uint8Array[];
  /** Execute; returns the Msg*Response as an Any for TxMsgData.msg_responses. */
  handle(ctx: Context, msg: T): EncodedMsg;
}

export interface QueryHandler {
  /** gRPC method path, e.g. "/cosmos.bank.v1beta1.Query/Balance". */
  path: string;
  handle(ctx: Context, request: Uint8Array): Uint8Array;
}

export interface AppModule {
  readonly name: string;
  /** Module store names this module owns. */
  readonly storeNames: readonly string[];
  readonly msgs?: readonly MsgHandler[];
  readonly queries?: readonly QueryHandler[];
  readonly routes?: readonly RestRoute[];
  defaultGenesis?(): unknown;
  /** Apply this module's part of genesis app_state (JSON, gRPC-gateway field names). */
  initGenesis?(ctx: Context, state: unknown): void;
  beginBlock?(ctx: Context): void;
  endBlock?(ctx: Context): void;
}
