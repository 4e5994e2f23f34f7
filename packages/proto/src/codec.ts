// Codec shape shared with cosmjs-types (ts-proto/telescope style) and a table-driven builder for
// the hand-written Secret messages: one field table gives encode/decode/fromPartial and the
// gateway-JSON declaration, so field numbers and JSON kinds are stated exactly once.

import { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
import { J, type JsonField, type JsonSpec } from './json-spec.js';
import { ProtoError } from './errors.js';

export interface MessageCodec<T = any> {
  readonly typeUrl?: string;
  encode(message: T, writer?: BinaryWriter): BinaryWriter;
  decode(input: BinaryReader | Uint8Array, length?: number): T;
  fromPartial(object: any): T;
}

type Builtin = Uint8Array | bigint | string | number | boolean | undefined | null;
export type DeepPartial<T> = T extends Builtin
  ? T
  : T extends Array<infer U>
    ? Array<DeepPartial<U>>
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : Partial<T>;

export type ScalarType = 'string' | 'bytes' | 'bool' | 'uint64' | 'int64' | 'uint32' | 'int32';

interface FieldBase<T> {
  readonly no: number;
  readonly key: Extract<keyof T, string>;
  readonly repeated?: boolean;
  /** Extra JSON declaration (name override, `J.accAddress`, `J.dec`, …). */
  readonly json?: JsonField;
}
export type FieldDef<T> =
  | (FieldBase<T> & { readonly type: ScalarType })
  | (FieldBase<T> & { readonly type: 'enum'; readonly values: object })
  | (FieldBase<T> & { readonly type: 'message'; readonly codec: TableCodec<any> | NamedCodec });

/** A codec that knows its type URL (cosmjs-types codecs and TableCodecs both do). */
export interface NamedCodec<T = any> extends MessageCodec<T> {
  readonly typeUrl: string;
}

export interface TableCodec<T> extends NamedCodec<T> {
  /** Proto full name. */
  readonly name: string;
  readonly fields: readonly FieldDef<T>[];
  /** Gateway-JSON declaration derived from the field table. */
  readonly json: JsonSpec;
  fromPartial(object: DeepPartial<T>): T;
}

const VARINT = 0;
const LEN = 2;

function isVarint(type: FieldDef<unknown>['type']): boolean {
  return type !== 'string' && type !== 'bytes' && type !== 'message';
}

function defaultOf(field: FieldDef<any>): unknown {
  if (field.repeated) return [];
  switch (field.type) {
    case 'string':
      return '';
    case 'bytes':
      return new Uint8Array();
    case 'bool':
      return false;
    case 'uint64':
    case 'int64':
      return 0n;
    case 'uint32':
    case 'int32':
    case 'enum':
      return 0;
    case 'message':
      return undefined; // nullable sub-message, as ts-proto does
  }
}

function isDefault(field: FieldDef<any>, v: unknown): boolean {
  switch (field.type) {
    case 'string':
      return v === '';
    case 'bytes':
      return (v as Uint8Array).length === 0;
    case 'bool':
      return v === false;
    case 'uint64':
    case 'int64':
      return BigInt(v as bigint) === 0n;
    case 'message':
      return v === undefined || v === null;
    default:
      return v === 0;
  }
}

function writeScalar(writer: BinaryWriter, field: FieldDef<any>, v: unknown): void {
  switch (field.type) {
    case 'string':
      writer.string(v as string);
      break;
    case 'bytes':
      writer.bytes(v as Uint8Array);
      break;
    case 'bool':
      writer.bool(v as boolean);
      break;
    case 'uint64':
      writer.uint64(v as bigint);
      break;
    case 'int64':
      writer.int64(v as bigint);
      break;
    case 'uint32':
      writer.uint32(v as number);
      break;
    case 'int32':
    case 'enum':
      writer.int32(v as number);
      break;
    case 'message':
      field.codec.encode(v, writer.fork()).ldelim();
      break;
  }
}

function readScalar(reader: BinaryReader, field: FieldDef<any>): unknown {
  switch (field.type) {
    case 'string':
      return reader.string();
    case 'bytes':
      return reader.bytes().slice(); // own the bytes rather than alias the input buffer
    case 'bool':
      return reader.bool();
    case 'uint64':
      return reader.uint64();
    case 'int64':
      return reader.int64();
    case 'uint32':
      return reader.uint32();
    case 'int32':
    case 'enum':
      return reader.int32();
    case 'message':
      return field.codec.decode(reader, reader.uint32());
  }
}

function fromPartialValue(field: FieldDef<any>, v: unknown): unknown {
  switch (field.type) {
    case 'uint64':
    case 'int64':
      return BigInt((v as bigint | number | string).toString());
    case 'message':
      return field.codec.fromPartial(v);
    default:
      return v;
  }
}

function jsonOf(field: FieldDef<any>): JsonField | undefined {
  let kind: JsonField | undefined;
  if (field.type === 'enum') kind = J.enum(field.values);
  else if (field.type === 'message') kind = J.msg(field.codec.typeUrl.slice(1));
  if (!kind) return field.json;
  return field.json ? { ...kind, ...field.json } : kind;
}

/** Builds a ts-proto-style codec from a field table (proto3 semantics, fields sorted by number). */
export function defineMessage<T>(typeUrl: string, fields: readonly FieldDef<T>[]): TableCodec<T> {
  const name = typeUrl.slice(1);
  const ordered = [...fields].sort((a, b) => a.no - b.no);
  const byNo = new Map<number, FieldDef<T>>(ordered.map((f) => [f.no, f]));
  const jsonFields: Record<string, JsonField> = {};
  for (const f of ordered) {
    const j = jsonOf(f);
    if (j) jsonFields[f.key] = j;
  }
  // Property order follows declaration order, like ts-proto's createBase (and Go struct order).
  const base = (): T => {
    const m: Record<string, unknown> = {};
    for (const f of fields) m[f.key] = defaultOf(f);
    return m as T;
  };

  const codec: TableCodec<T> = {
    typeUrl,
    name,
    fields,
    json: { fields: jsonFields },
    encode(message: T, writer: BinaryWriter = BinaryWriter.create()): BinaryWriter {
      const m = message as Record<string, unknown>;
      for (const f of ordered) {
        const v = m[f.key];
        if (f.repeated) {
          const list = (v ?? []) as unknown[];
          if (list.length === 0) continue;
          if (isVarint(f.type)) {
            // proto3 packs repeated scalar numerics
            writer.uint32((f.no << 3) | LEN).fork();
            for (const e of list) writeScalar(writer, f, e);
            writer.ldelim();
          } else {
            for (const e of list) {
              writer.uint32((f.no << 3) | LEN);
              writeScalar(writer, f, e);
            }
          }
          continue;
        }
        if (v === undefined || v === null || isDefault(f, v)) continue;
        writer.uint32((f.no << 3) | (isVarint(f.type) ? VARINT : LEN));
        writeScalar(writer, f, v);
      }
      return writer;
    },
    decode(input: BinaryReader | Uint8Array, length?: number): T {
      const reader = input instanceof BinaryReader ? input : new BinaryReader(input);
      const end = length === undefined ? reader.len : reader.pos + length;
      const m = base() as Record<string, unknown>;
      while (reader.pos < end) {
        const tag = reader.uint32();
        const no = tag >>> 3;
        const wire = tag & 7;
        if (no === 0) throw new ProtoError('decode', `${name}: illegal field number 0`, typeUrl);
        const f = byNo.get(no);
        if (!f) {
          reader.skipType(wire);
          continue;
        }
        const varint = isVarint(f.type);
        if (f.repeated && varint && wire === LEN) {
          const stop = reader.uint32() + reader.pos;
          const list = m[f.key] as unknown[];
          while (reader.pos < stop) list.push(readScalar(reader, f));
          if (reader.pos !== stop) throw new ProtoError('decode', `${name}: bad packed field ${no}`, typeUrl);
          continue;
        }
        if (wire !== (varint ? VARINT : LEN)) {
          throw new ProtoError('decode', `${name}: wrong wire type ${wire} for field ${no}`, typeUrl);
        }
        const v = readScalar(reader, f);
        if (f.repeated) (m[f.key] as unknown[]).push(v);
        else m[f.key] = v;
      }
      if (reader.pos !== end) throw new ProtoError('decode', `${name}: message overruns its length`, typeUrl);
      return m as T;
    },
    fromPartial(object: DeepPartial<T>): T {
      const m = base() as Record<string, unknown>;
      const o = (object ?? {}) as Record<string, unknown>;
      for (const f of fields) {
        const v = o[f.key];
        if (v === undefined || v === null) continue;
        m[f.key] = f.repeated ? (v as unknown[]).map((e) => fromPartialValue(f, e)) : fromPartialValue(f, v);
      }
      return m as T;
    },
  };
  return codec;
}
