// One route table for the LCD: each app module declares its gRPC-gateway REST routes once; the node's
// LCD server serves them generically through Application.query.

export type QueryParams = Record<string, string | string[] | undefined>;

export interface RestRoute {
  method: 'GET' | 'POST';
  /** Path template with `{name}` placeholders, e.g. "/cosmos/bank/v1beta1/balances/{address}/by_denom". */
  path: string;
  /** gRPC method path handled by Application.query, e.g. "/cosmos.bank.v1beta1.Query/Balance". */
  grpcPath: string;
  /** Build the protobuf request from path parameters, the query string and (for POST) the JSON body. */
  request(params: Record<string, string>, query: QueryParams, body: unknown): Uint8Array;
  /** Render the protobuf response as gRPC-gateway JSON. */
  response(value: Uint8Array): unknown;
}
