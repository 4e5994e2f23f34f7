// Amino JSON message shapes and the converter interface, kept free of registry imports so codec
// modules can declare their converters next to their codecs.

export type AminoValue = null | boolean | number | string | undefined | AminoValue[] | { [key: string]: AminoValue };

export interface AminoMsg {
  readonly type: string;
  readonly value: { [key: string]: AminoValue };
}

/** Converts a decoded protobuf message to the `value` of its amino JSON. Undefined fields are omitted. */
export interface AminoConverter<T = any> {
  readonly aminoType: string;
  toAmino(message: T): { [key: string]: AminoValue };
}

// A type alias (not an interface) so it is assignable to AminoValue's index signature.
export type AminoCoin = { readonly denom: string; readonly amount: string };

export function aminoCoins(coins: readonly { denom: string; amount: string }[]): AminoCoin[] {
  return coins.map((c) => ({ denom: c.denom, amount: c.amount }));
}
