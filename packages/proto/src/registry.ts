// Type URL -> codec registry (the SDK's InterfaceRegistry role): resolves Any values, holds the
// gateway-JSON declaration and the amino converter of each type. Other packages add their types
// with `registry.register(typeUrl, codec, json?)` and `registry.registerAmino(typeUrl, converter)`.

import { Any } from 'cosmjs-types/google/protobuf/any';
import type { MessageCodec } from './codec.js';
import type { JsonSpec } from './json-spec.js';
import type { AminoConverter } from './amino-convert.js';
import { ProtoError, unresolvedTypeError } from './errors.js';

export interface TypeEntry {
  /** Proto full name, e.g. `cosmos.bank.v1beta1.MsgSend`. */
  readonly name: string;
  /** `/` + name. */
  readonly typeUrl: string;
  readonly codec?: MessageCodec;
  readonly json?: JsonSpec;
  readonly amino?: AminoConverter;
  /** True when the type may appear inside an Any (registered, not merely declared). */
  readonly resolvable: boolean;
}

export interface DecodedAny<T = unknown> {
  readonly typeUrl: string;
  readonly value: T;
}

/** Renders raw AccAddress bytes (e.g. as bech32 `secret1…`); installed by the node, see json.ts. */
export type AddressEncoder = (bytes: Uint8Array) => string;

function nameOf(typeUrlOrName: string): string {
  return typeUrlOrName.startsWith('/') ? typeUrlOrName.slice(1) : typeUrlOrName;
}

export class TypeRegistry {
  private readonly entries = new Map<string, TypeEntry>();
  /** Optional AccAddress renderer for gateway JSON; without it such bytes render as base64. */
  addressEncoder: AddressEncoder | undefined;

  /** Registers a type that may appear inside an Any (messages, accounts, pubkeys, …). */
  register(typeUrl: string, codec: MessageCodec, json?: JsonSpec): this {
    if (!typeUrl.startsWith('/')) throw new ProtoError('unresolved_type', `type URL must start with "/": ${typeUrl}`, typeUrl);
    this.put(nameOf(typeUrl), { codec, json, resolvable: true });
    return this;
  }

  /** Declares the JSON of a nested (non-Any) message type, referenced by `J.msg(name)`. */
  declare(name: string, json: JsonSpec, codec?: MessageCodec): this {
    this.put(nameOf(name), { json, codec });
    return this;
  }

  /** Attaches the legacy amino JSON converter of a type URL (for SIGN_MODE_LEGACY_AMINO_JSON). */
  registerAmino(typeUrl: string, amino: AminoConverter): this {
    this.put(nameOf(typeUrl), { amino });
    return this;
  }

  setAddressEncoder(encoder: AddressEncoder | undefined): this {
    this.addressEncoder = encoder;
    return this;
  }

  /** Entry by type URL or proto full name, declared or registered. */
  lookup(typeUrlOrName: string): TypeEntry | undefined {
    return this.entries.get(nameOf(typeUrlOrName));
  }

  /** Entry for a type URL found inside an Any; throws the SDK-style ProtoError if unknown. */
  resolve(typeUrl: string): TypeEntry & { readonly codec: MessageCodec } {
    const entry = typeUrl.startsWith('/') ? this.entries.get(typeUrl.slice(1)) : undefined;
    if (!entry || !entry.resolvable || !entry.codec) throw unresolvedTypeError(typeUrl);
    return entry as TypeEntry & { readonly codec: MessageCodec };
  }

  has(typeUrl: string): boolean {
    const entry = this.lookup(typeUrl);
    return !!entry && entry.resolvable && typeUrl.startsWith('/');
  }

  /** All resolvable type URLs, sorted. */
  typeUrls(): string[] {
    return [...this.entries.values()].filter((e) => e.resolvable).map((e) => e.typeUrl).sort();
  }

  encodeAny(typeUrl: string, value: unknown): Any {
    const { codec } = this.resolve(typeUrl);
    return Any.fromPartial({ typeUrl, value: codec.encode(codec.fromPartial(value)).finish() });
  }

  decodeAny<T = unknown>(any: Any): DecodedAny<T> {
    const { codec } = this.resolve(any.typeUrl);
    try {
      return { typeUrl: any.typeUrl, value: codec.decode(any.value) as T };
    } catch (err) {
      if (err instanceof ProtoError) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      throw new ProtoError('decode', `failed to decode ${any.typeUrl}: ${detail}: tx parse error`, any.typeUrl);
    }
  }

  private put(name: string, patch: Partial<Omit<TypeEntry, 'name' | 'typeUrl'>>): void {
    const prev = this.entries.get(name);
    const next: TypeEntry = {
      name,
      typeUrl: `/${name}`,
      codec: patch.codec ?? prev?.codec,
      json: patch.json ?? prev?.json,
      amino: patch.amino ?? prev?.amino,
      resolvable: patch.resolvable ?? prev?.resolvable ?? false,
    };
    this.entries.set(name, next);
  }
}
