// gRPC-gateway JSON rendering, delegated to @scrtd/proto.
import { toGatewayJson as protoJson } from '@scrtd/proto';

export function toGatewayJson(typeName: string, message: unknown): unknown {
  return protoJson(message, typeName);
}
