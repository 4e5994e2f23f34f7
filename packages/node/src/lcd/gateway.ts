// Gateway-JSON rendering of protobuf payloads the node serves but does not understand itself (txs,
// message responses). One injected function; the default is @scrtd/proto's registry renderer.
import { anyToGatewayJson } from '@scrtd/proto';

export interface GatewayJson {
  /**
   * `{"@type": typeUrl, ...fields}` of a packed message in the SDK gateway's JSON style. Throws
   * when the type is unknown or the bytes do not decode. Tx bytes (a TxRaw) render with
   * typeUrl "/cosmos.tx.v1beta1.Tx".
   */
  any(typeUrl: string, value: Uint8Array): Record<string, unknown>;
}

export const TX_TYPE_URL = '/cosmos.tx.v1beta1.Tx';

export const protoGatewayJson: GatewayJson = {
  any: (typeUrl, value) => anyToGatewayJson({ typeUrl, value }) as Record<string, unknown>,
};
