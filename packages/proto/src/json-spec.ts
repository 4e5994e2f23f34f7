// Per-type declarations for gateway JSON. Only what cannot be inferred from a decoded value is
// declared: enums, Any/Timestamp/Duration/LegacyDec fields, AccAddress-cast bytes, oneof members,
// nested message types that themselves need a declaration, name overrides, and fields to skip.

export type JsonKind =
  | { readonly kind: 'enum'; readonly names: Readonly<Record<number, string>> }
  | { readonly kind: 'message'; readonly type: string } // proto full name, looked up in the registry
  | { readonly kind: 'any' }
  | { readonly kind: 'timestamp' }
  | { readonly kind: 'duration' }
  | { readonly kind: 'dec' } // LegacyDec: wire integer scaled by 1e18 -> "1.000000000000000000"
  | { readonly kind: 'accAddress' } // bytes cast to sdk.AccAddress: bech32 if the registry has an encoder
  | { readonly kind: 'skip' }; // not part of the SDK 0.50 message (e.g. fields newer cosmjs-types carry)

export interface JsonField {
  /** JSON key; default is the snake_case of the ts-proto property name. */
  readonly name?: string;
  readonly kind?: JsonKind;
  /** Member of a oneof: omitted when unset (gogo jsonpb skips nil oneofs even with EmitDefaults). */
  readonly oneof?: boolean;
}

export interface JsonSpec {
  /** Keyed by ts-proto (camelCase) property name. Undeclared fields are inferred from their value. */
  readonly fields?: Readonly<Record<string, JsonField>>;
}

/** Declaration helpers: `{ mode: J.enum(SignMode), single: J.oneof(J.msg('cosmos.tx.v1beta1.ModeInfo.Single')) }`. */
export const J = {
  /** A TypeScript numeric enum object (reverse-mapped) or an explicit number -> name table. */
  enum(values: object): JsonField {
    return { kind: { kind: 'enum', names: values as Record<number, string> } };
  },
  msg(type: string): JsonField {
    return { kind: { kind: 'message', type } };
  },
  any: { kind: { kind: 'any' } } as JsonField,
  timestamp: { kind: { kind: 'timestamp' } } as JsonField,
  duration: { kind: { kind: 'duration' } } as JsonField,
  dec: { kind: { kind: 'dec' } } as JsonField,
  accAddress: { kind: { kind: 'accAddress' } } as JsonField,
  skip: { kind: { kind: 'skip' } } as JsonField,
  oneof(field: JsonField = {}): JsonField {
    return { ...field, oneof: true };
  },
  name(name: string, field: JsonField = {}): JsonField {
    return { ...field, name };
  },
} as const;
