// JSON without floating point: a reader that builds a small tree over the input bytes (strings
// stay views into the input until asked for), and a writer that appends UTF-8 to a growable
// buffer. Numbers are integers only (u64 / i64); u128 values travel as decimal strings.
import { newBytes, fromUtf8, bytesEqual } from "./bytes";
import { base64EncodeBytes, base64DecodeAt } from "./base64";
import { U128 } from "./u128";
import { failParse } from "./errors";

export enum JsonKind {
  Null = 0,
  Bool = 1,
  Number = 2,
  String = 3,
  Array = 4,
  Object = 5,
}

/** Name used in parse errors ("Error parsing into type <T>: …"); set by the entry-point wrappers. */
let targetType: string = "msg";

export function setParseTarget(name: string): void {
  targetType = name;
}

export function parseTarget(): string {
  return targetType;
}

const MAX_DEPTH = 64;

/** One parsed JSON value. `start`/`end` span its raw text in `src` (quotes and brackets included). */
export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  start: i32 = 0;
  end: i32 = 0;
  /** String contains escapes (decoding needs a copy); Number is not a plain integer. */
  flag: bool = false;
  boolValue: bool = false;
  /** Array elements, or object values. */
  items: Array<JsonValue> | null = null;
  /** Object keys (String values), parallel to `items`. */
  keys: Array<JsonValue> | null = null;

  constructor(public src: Uint8Array) {}

  get isNull(): bool {
    return this.kind == JsonKind.Null;
  }
  get isString(): bool {
    return this.kind == JsonKind.String;
  }
  get isObject(): bool {
    return this.kind == JsonKind.Object;
  }
  get isArray(): bool {
    return this.kind == JsonKind.Array;
  }
  get isNumber(): bool {
    return this.kind == JsonKind.Number;
  }
  get isBool(): bool {
    return this.kind == JsonKind.Bool;
  }

  /** The raw JSON text of this value (a view into the input). */
  raw(): Uint8Array {
    return this.src.subarray(this.start, this.end);
  }

  /** Number of array elements / object entries (0 for scalars). */
  get length(): i32 {
    const it = this.items;
    return it === null ? 0 : it.length;
  }

  /** Array element / object value `i`. */
  at(i: i32): JsonValue {
    return unchecked((<Array<JsonValue>>this.items)[i]);
  }

  /** Object key `i`, decoded. */
  keyAt(i: i32): string {
    return unchecked((<Array<JsonValue>>this.keys)[i]).str();
  }

  /** Whether this string value equals `s` (no allocation when both are ASCII and unescaped). */
  equals(s: string): bool {
    if (this.kind != JsonKind.String) return false;
    if (!this.flag) {
      const n = this.end - this.start - 2;
      if (n == s.length) {
        const p = this.src.dataStart + <usize>this.start + 1;
        let ascii = true;
        for (let i = 0; i < n; i++) {
          const c = s.charCodeAt(i);
          if (c >= 0x80) {
            ascii = false;
            break;
          }
          if (<u32>load<u8>(p + <usize>i) != <u32>c) return false;
        }
        if (ascii) return true;
      } else {
        // Different length: only possible to be equal if `s` has non-ASCII characters.
        let ascii = true;
        for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) ascii = false;
        if (ascii) return false;
      }
    }
    return bytesEqual(this.strBytes(), Uint8Array.wrap(String.UTF8.encode(s)));
  }

  /** Object member `name`, or null. */
  get(name: string): JsonValue | null {
    if (this.kind != JsonKind.Object) return null;
    const keys = <Array<JsonValue>>this.keys;
    const items = <Array<JsonValue>>this.items;
    for (let i = 0; i < keys.length; i++) {
      if (unchecked(keys[i]).equals(name)) return unchecked(items[i]);
    }
    return null;
  }

  has(name: string): bool {
    return this.get(name) !== null;
  }

  /** The UTF-8 bytes of a string value (a view when it has no escapes). Empty for non-strings. */
  strBytes(): Uint8Array {
    if (this.kind != JsonKind.String) return newBytes(0);
    if (!this.flag) return this.src.subarray(this.start + 1, this.end - 1);
    return unescape(this.src, this.start + 1, this.end - 1);
  }

  /** A string value decoded ("" for non-strings). */
  str(): string {
    return fromUtf8(this.strBytes());
  }

  /** Integer value of a Number (or of a decimal String); `ok` tells whether it fit. */
  toU64(): u64 {
    jsonOk = false;
    let p: usize;
    let n: i32;
    if (this.kind == JsonKind.Number && !this.flag) {
      p = this.src.dataStart + <usize>this.start;
      n = this.end - this.start;
    } else if (this.kind == JsonKind.String && !this.flag) {
      p = this.src.dataStart + <usize>this.start + 1;
      n = this.end - this.start - 2;
    } else return 0;
    if (n == 0 || n > 20) return 0;
    let v: u64 = 0;
    for (let i = 0; i < n; i++) {
      const c = <u64>load<u8>(p + <usize>i) - 48;
      if (c > 9) return 0;
      const next = v * 10 + c;
      if (v > 1844674407370955161 || next < v * 10) return 0;
      v = next;
    }
    jsonOk = true;
    return v;
  }

  /** u128 from a decimal string value, or null. */
  toU128(): U128 | null {
    if (this.kind != JsonKind.String || this.flag) return null;
    return U128.parseAt(this.src.dataStart + <usize>this.start + 1, this.end - this.start - 2);
  }

  /** Bytes from a base64 string value, or null. */
  toBinary(): Uint8Array | null {
    if (this.kind != JsonKind.String || this.flag) return null;
    return base64DecodeAt(this.src.dataStart + <usize>this.start + 1, this.end - this.start - 2);
  }

  /**
   * Externally tagged enum variant (serde's default): `{"name":{…}}` → "name", `"name"` → "name".
   * Null (and a parse error) for anything else.
   */
  variant(): string | null {
    if (this.kind == JsonKind.String) return this.str();
    if (this.kind == JsonKind.Object && this.length == 1) return this.keyAt(0);
    { failParse(targetType, "expected an object with exactly one key (an enum variant)"); return null; }
  }

  /** The variant's payload: the single member's value (an empty object for a unit variant given as a string). */
  body(): JsonValue {
    if (this.kind == JsonKind.Object && this.length == 1) return this.at(0);
    const empty = new JsonValue(this.src);
    empty.kind = JsonKind.Object;
    empty.items = [];
    empty.keys = [];
    return empty;
  }

  // ---- Typed member access. `req*` record a parse error when the member is missing or has the
  // wrong type; `opt*` accept a missing or null member.

  /** Member `name`; records "missing field `name`" if absent. */
  req(name: string): JsonValue | null {
    const v = this.get(name);
    if (v === null) { failParse(targetType, "missing field `" + name + "`"); return null; }
    return v;
  }

  reqString(name: string): string | null {
    const v = this.req(name);
    if (v === null) return null;
    if (v.kind != JsonKind.String) { typeErr(name, "a string"); return null; }
    return v.str();
  }

  optString(name: string): string | null {
    const v = this.get(name);
    if (v === null || v.kind == JsonKind.Null) return null;
    if (v.kind != JsonKind.String) { typeErr(name, "a string"); return null; }
    return v.str();
  }

  reqU128(name: string): U128 | null {
    const v = this.req(name);
    if (v === null) return null;
    return u128Of(v, name);
  }

  optU128(name: string): U128 | null {
    const v = this.get(name);
    if (v === null || v.kind == JsonKind.Null) return null;
    return u128Of(v, name);
  }

  /** u64 member (a JSON number or a decimal string); `def` when absent/null and not required. */
  reqU64(name: string): u64 {
    const v = this.req(name);
    if (v === null) return 0;
    return u64Of(v, name);
  }

  optU64(name: string, def: u64): u64 {
    const v = this.get(name);
    if (v === null || v.kind == JsonKind.Null) return def;
    return u64Of(v, name);
  }

  optBool(name: string, def: bool): bool {
    const v = this.get(name);
    if (v === null || v.kind == JsonKind.Null) return def;
    if (v.kind != JsonKind.Bool) {
      typeErr(name, "a boolean");
      return def;
    }
    return v.boolValue;
  }

  reqObject(name: string): JsonValue | null {
    const v = this.req(name);
    if (v === null) return null;
    if (v.kind != JsonKind.Object) { typeErr(name, "an object"); return null; }
    return v;
  }

  reqArray(name: string): JsonValue | null {
    const v = this.req(name);
    if (v === null) return null;
    if (v.kind != JsonKind.Array) { typeErr(name, "an array"); return null; }
    return v;
  }

  /** Array member, or an empty array when absent or null. */
  optArray(name: string): JsonValue | null {
    const v = this.get(name);
    if (v === null || v.kind == JsonKind.Null) {
      const empty = new JsonValue(this.src);
      empty.kind = JsonKind.Array;
      empty.items = [];
      return empty;
    }
    if (v.kind != JsonKind.Array) { typeErr(name, "an array"); return null; }
    return v;
  }

  /** Base64 member decoded (cosmwasm `Binary`). */
  reqBinary(name: string): Uint8Array | null {
    const v = this.req(name);
    if (v === null) return null;
    const b = v.toBinary();
    if (b === null) { failParse(targetType, "invalid base64 in field `" + name + "`"); return null; }
    return b;
  }

  optBinary(name: string): Uint8Array | null {
    const v = this.get(name);
    if (v === null || v.kind == JsonKind.Null) return null;
    const b = v.toBinary();
    if (b === null) { failParse(targetType, "invalid base64 in field `" + name + "`"); return null; }
    return b;
  }
}

/** Set by JsonValue.toU64: whether the last conversion succeeded. */
export let jsonOk: bool = false;

function typeErr(name: string, expected: string): void {
  failParse(targetType, "invalid type for field `" + name + "`, expected " + expected);
}

function u128Of(v: JsonValue, name: string): U128 | null {
  if (v.kind != JsonKind.String) { typeErr(name, "a string containing a Uint128"); return null; }
  const r = v.toU128();
  if (r === null) { failParse(targetType, "invalid Uint128 '" + v.str() + "' in field `" + name + "`"); return null; }
  return r;
}

function u64Of(v: JsonValue, name: string): u64 {
  const n = v.toU64();
  if (!jsonOk) {
    typeErr(name, "an unsigned 64-bit integer");
    return 0;
  }
  return n;
}

function hexVal(c: u32): i32 {
  if (c >= 48 && c <= 57) return <i32>c - 48;
  if (c >= 97 && c <= 102) return <i32>c - 87;
  if (c >= 65 && c <= 70) return <i32>c - 55;
  return -1;
}

function hex4(p: usize): i32 {
  let v = 0;
  for (let i: usize = 0; i < 4; i++) {
    const h = hexVal(load<u8>(p + i));
    if (h < 0) return -1;
    v = (v << 4) | h;
  }
  return v;
}

/** Decodes the escapes of an (already validated) JSON string body src[from, to). */
function unescape(src: Uint8Array, from: i32, to: i32): Uint8Array {
  const out = newBytes(to - from); // decoded text is never longer than its escaped form
  const p = src.dataStart;
  let o = 0;
  let i = from;
  while (i < to) {
    const c = load<u8>(p + <usize>i);
    if (c != 92) {
      out[o++] = c;
      i++;
      continue;
    }
    const e = load<u8>(p + <usize>i + 1);
    i += 2;
    if (e == 117) {
      let cp = hex4(p + <usize>i);
      i += 4;
      if (cp >= 0xd800 && cp < 0xdc00 && i + 6 <= to && load<u8>(p + <usize>i) == 92 && load<u8>(p + <usize>i + 1) == 117) {
        const lo = hex4(p + <usize>i + 2);
        if (lo >= 0xdc00 && lo < 0xe000) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
          i += 6;
        }
      }
      if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd; // lone surrogate
      if (cp < 0x80) out[o++] = <u8>cp;
      else if (cp < 0x800) {
        out[o++] = <u8>(0xc0 | (cp >> 6));
        out[o++] = <u8>(0x80 | (cp & 63));
      } else if (cp < 0x10000) {
        out[o++] = <u8>(0xe0 | (cp >> 12));
        out[o++] = <u8>(0x80 | ((cp >> 6) & 63));
        out[o++] = <u8>(0x80 | (cp & 63));
      } else {
        out[o++] = <u8>(0xf0 | (cp >> 18));
        out[o++] = <u8>(0x80 | ((cp >> 12) & 63));
        out[o++] = <u8>(0x80 | ((cp >> 6) & 63));
        out[o++] = <u8>(0x80 | (cp & 63));
      }
    } else {
      let d: u8 = e; // '"', '\\', '/'
      if (e == 98) d = 8;
      else if (e == 102) d = 12;
      else if (e == 110) d = 10;
      else if (e == 114) d = 13;
      else if (e == 116) d = 9;
      out[o++] = d;
    }
  }
  return out.subarray(0, o);
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
  pos: i32 = 0;
  error: string | null = null;
  p: usize;
  n: i32;
  constructor(public src: Uint8Array) {
    this.p = src.dataStart;
    this.n = src.length;
  }

  @inline peek(): u32 {
    return this.pos < this.n ? <u32>load<u8>(this.p + <usize>this.pos) : 0;
  }

  ws(): void {
    while (this.pos < this.n) {
      const c = load<u8>(this.p + <usize>this.pos);
      if (c != 32 && c != 10 && c != 13 && c != 9) break;
      this.pos++;
    }
  }

  fail(msg: string): JsonValue | null {
    if (this.error === null) this.error = msg + " at position " + this.pos.toString();
    return null;
  }

  literal(word: string): bool {
    const n = word.length;
    if (this.pos + n > this.n) return false;
    for (let i = 0; i < n; i++) {
      if (<u32>load<u8>(this.p + <usize>(this.pos + i)) != <u32>word.charCodeAt(i)) return false;
    }
    this.pos += n;
    return true;
  }

  value(depth: i32): JsonValue | null {
    if (depth > MAX_DEPTH) return this.fail("recursion limit exceeded");
    this.ws();
    const v = new JsonValue(this.src);
    v.start = this.pos;
    const c = this.peek();
    if (c == 123) {
      // {
      this.pos++;
      v.kind = JsonKind.Object;
      const keys = new Array<JsonValue>();
      const items = new Array<JsonValue>();
      this.ws();
      if (this.peek() == 125) this.pos++;
      else {
        while (true) {
          this.ws();
          if (this.peek() != 34) return this.fail("expected a string key");
          const k = new JsonValue(this.src);
          if (!this.string(k)) return null;
          this.ws();
          if (this.peek() != 58) return this.fail("expected ':'");
          this.pos++;
          const item = this.value(depth + 1);
          if (item === null) return null;
          keys.push(k);
          items.push(item);
          this.ws();
          const d = this.peek();
          this.pos++;
          if (d == 44) continue;
          if (d == 125) break;
          this.pos--;
          return this.fail("expected ',' or '}'");
        }
      }
      v.keys = keys;
      v.items = items;
    } else if (c == 91) {
      // [
      this.pos++;
      v.kind = JsonKind.Array;
      const items = new Array<JsonValue>();
      this.ws();
      if (this.peek() == 93) this.pos++;
      else {
        while (true) {
          const item = this.value(depth + 1);
          if (item === null) return null;
          items.push(item);
          this.ws();
          const d = this.peek();
          this.pos++;
          if (d == 44) continue;
          if (d == 93) break;
          this.pos--;
          return this.fail("expected ',' or ']'");
        }
      }
      v.items = items;
    } else if (c == 34) {
      if (!this.string(v)) return null;
    } else if (c == 116) {
      if (!this.literal("true")) return this.fail("invalid literal");
      v.kind = JsonKind.Bool;
      v.boolValue = true;
    } else if (c == 102) {
      if (!this.literal("false")) return this.fail("invalid literal");
      v.kind = JsonKind.Bool;
    } else if (c == 110) {
      if (!this.literal("null")) return this.fail("invalid literal");
    } else if (c == 45 || (c >= 48 && c <= 57)) {
      if (!this.number(v)) return null;
    } else {
      return this.fail(this.pos >= this.n ? "unexpected end of input" : "expected a value");
    }
    v.end = this.pos;
    return v;
  }

  /** A string starting at the current '"'; validates escapes and control characters. */
  string(v: JsonValue): bool {
    v.kind = JsonKind.String;
    v.start = this.pos;
    this.pos++;
    while (true) {
      if (this.pos >= this.n) {
        this.fail("unterminated string");
        return false;
      }
      const c = load<u8>(this.p + <usize>this.pos);
      if (c == 34) break;
      if (c < 0x20) {
        this.fail("control character in string");
        return false;
      }
      if (c == 92) {
        v.flag = true;
        const e = this.pos + 1 < this.n ? <u32>load<u8>(this.p + <usize>this.pos + 1) : 0;
        if (e == 117) {
          if (this.pos + 6 > this.n || hex4(this.p + <usize>this.pos + 2) < 0) {
            this.fail("invalid \\u escape");
            return false;
          }
          this.pos += 6;
          continue;
        }
        if (e != 34 && e != 92 && e != 47 && e != 98 && e != 102 && e != 110 && e != 114 && e != 116) {
          this.fail("invalid escape");
          return false;
        }
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.pos++;
    v.end = this.pos;
    return true;
  }

  number(v: JsonValue): bool {
    v.kind = JsonKind.Number;
    let c = this.peek();
    if (c == 45) {
      v.flag = true; // negative: not a u64
      this.pos++;
      c = this.peek();
    }
    if (c == 48) this.pos++;
    else if (c >= 49 && c <= 57) {
      while (this.peek() - 48 <= 9) this.pos++;
    } else {
      this.fail("invalid number");
      return false;
    }
    if (this.peek() == 46) {
      v.flag = true;
      this.pos++;
      if (this.peek() - 48 > 9) {
        this.fail("invalid number");
        return false;
      }
      while (this.peek() - 48 <= 9) this.pos++;
    }
    c = this.peek();
    if (c == 101 || c == 69) {
      v.flag = true;
      this.pos++;
      c = this.peek();
      if (c == 43 || c == 45) this.pos++;
      if (this.peek() - 48 > 9) {
        this.fail("invalid number");
        return false;
      }
      while (this.peek() - 48 <= 9) this.pos++;
    }
    return true;
  }
}

/** Parses a complete JSON document. On failure records a parse error (for `parseTarget()`) and returns null. */
export function parseJson(src: Uint8Array): JsonValue | null {
  const p = new Parser(src);
  const v = p.value(0);
  if (v !== null) {
    p.ws();
    if (p.pos != p.n) p.fail("trailing characters");
  }
  const e = p.error;
  if (e !== null) { failParse(targetType, e); return null; }
  return v;
}

/** Parses without recording an error (null on failure). */
export function tryParseJson(src: Uint8Array): JsonValue | null {
  const p = new Parser(src);
  const v = p.value(0);
  if (v === null || p.error !== null) return null;
  p.ws();
  if (p.pos != p.n) return null;
  return v;
}

// ---------------------------------------------------------------------------------------------
// Writer

const HEXDIGITS = "0123456789abcdef";

/**
 * Appends compact JSON. Commas are automatic: call `key()` then one value inside objects, values
 * inside arrays. `field*` helpers write a key and a value together.
 */
export class JsonWriter {
  buf: ArrayBuffer;
  len: i32 = 0;
  private depth: i32 = 0;
  /** Bit d set: the container at depth d has no element yet. */
  private empty: u64 = 0;
  private afterKey: bool = false;

  constructor(capacity: i32 = 256) {
    this.buf = changetype<ArrayBuffer>(__new(<usize>capacity, idof<ArrayBuffer>()));
  }

  @inline private ensure(extra: i32): usize {
    const need = this.len + extra;
    let cap = this.buf.byteLength;
    if (need > cap) {
      while (cap < need) cap <<= 1;
      this.buf = changetype<ArrayBuffer>(__renew(changetype<usize>(this.buf), <usize>cap));
    }
    return changetype<usize>(this.buf) + <usize>this.len;
  }

  @inline private byte(b: u32): void {
    const p = this.ensure(1);
    store<u8>(p, <u8>b);
    this.len++;
  }

  /** Comma bookkeeping before a key (in objects) or a value (in arrays / at top level). */
  private sep(): void {
    if (this.afterKey) {
      this.afterKey = false;
      return;
    }
    if (this.depth == 0) return;
    const bit = (<u64>1) << <u64>(this.depth & 63);
    if (this.empty & bit) this.empty &= ~bit;
    else this.byte(44);
  }

  private open(c: u32): JsonWriter {
    this.sep();
    this.byte(c);
    this.depth++;
    this.empty |= (<u64>1) << <u64>(this.depth & 63);
    return this;
  }

  private close(c: u32): JsonWriter {
    this.depth--;
    this.byte(c);
    return this;
  }

  beginObject(): JsonWriter {
    return this.open(123);
  }
  endObject(): JsonWriter {
    return this.close(125);
  }
  beginArray(): JsonWriter {
    return this.open(91);
  }
  endArray(): JsonWriter {
    return this.close(93);
  }

  key(k: string): JsonWriter {
    this.sep();
    this.writeString(k);
    this.byte(58);
    this.afterKey = true;
    return this;
  }

  /** Appends raw ASCII text (no separator logic, no escaping). */
  private ascii(s: string): void {
    const n = s.length;
    const p = this.ensure(n);
    for (let i = 0; i < n; i++) store<u8>(p + <usize>i, <u8>s.charCodeAt(i));
    this.len += n;
  }

  private appendBytes(b: Uint8Array): void {
    const p = this.ensure(b.length);
    memory.copy(p, b.dataStart, <usize>b.length);
    this.len += b.length;
  }

  private escapeByte(c: u32): void {
    if (c == 34) this.ascii('\\"');
    else if (c == 92) this.ascii("\\\\");
    else if (c == 10) this.ascii("\\n");
    else if (c == 13) this.ascii("\\r");
    else if (c == 9) this.ascii("\\t");
    else if (c == 8) this.ascii("\\b");
    else if (c == 12) this.ascii("\\f");
    else {
      this.ascii("\\u00");
      this.byte(<u32>HEXDIGITS.charCodeAt(<i32>(c >> 4)));
      this.byte(<u32>HEXDIGITS.charCodeAt(<i32>(c & 15)));
    }
  }

  /** Quoted, escaped string from UTF-16 (lone surrogates become U+FFFD). */
  private writeString(s: string): void {
    this.byte(34);
    const n = s.length;
    for (let i = 0; i < n; i++) {
      let c = <u32>s.charCodeAt(i);
      if (c < 0x80) {
        if (c < 0x20 || c == 34 || c == 92) this.escapeByte(c);
        else this.byte(c);
      } else if (c < 0x800) {
        const p = this.ensure(2);
        store<u8>(p, <u8>(0xc0 | (c >> 6)));
        store<u8>(p, <u8>(0x80 | (c & 63)), 1);
        this.len += 2;
      } else {
        if (c >= 0xd800 && c < 0xdc00 && i + 1 < n) {
          const lo = <u32>s.charCodeAt(i + 1);
          if (lo >= 0xdc00 && lo < 0xe000) {
            const cp = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
            const p = this.ensure(4);
            store<u8>(p, <u8>(0xf0 | (cp >> 18)));
            store<u8>(p, <u8>(0x80 | ((cp >> 12) & 63)), 1);
            store<u8>(p, <u8>(0x80 | ((cp >> 6) & 63)), 2);
            store<u8>(p, <u8>(0x80 | (cp & 63)), 3);
            this.len += 4;
            i++;
            continue;
          }
        }
        if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
        const p = this.ensure(3);
        store<u8>(p, <u8>(0xe0 | (c >> 12)));
        store<u8>(p, <u8>(0x80 | ((c >> 6) & 63)), 1);
        store<u8>(p, <u8>(0x80 | (c & 63)), 2);
        this.len += 3;
      }
    }
    this.byte(34);
  }

  string(s: string): JsonWriter {
    this.sep();
    this.writeString(s);
    return this;
  }

  /** Quoted, escaped string from UTF-8 bytes (passed through except `"`, `\` and control characters). */
  stringBytes(b: Uint8Array): JsonWriter {
    this.sep();
    this.stringBytesRaw(b);
    return this;
  }

  private stringBytesRaw(b: Uint8Array): void {
    this.byte(34);
    const n = b.length;
    const src = b.dataStart;
    let runStart = 0;
    for (let i = 0; i < n; i++) {
      const c = <u32>load<u8>(src + <usize>i);
      if (c < 0x20 || c == 34 || c == 92) {
        if (i > runStart) this.appendBytes(b.subarray(runStart, i));
        this.escapeByte(c);
        runStart = i + 1;
      }
    }
    if (n > runStart) this.appendBytes(runStart == 0 ? b : b.subarray(runStart, n));
    this.byte(34);
  }

  private digits(v: u64): void {
    if (v < 10) {
      this.byte(48 + <u32>v);
      return;
    }
    let n = 0;
    let t = v;
    while (t != 0) {
      n++;
      t /= 10;
    }
    const p = this.ensure(n);
    for (let i = n - 1; i >= 0; i--) {
      store<u8>(p + <usize>i, <u8>(48 + v % 10));
      v /= 10;
    }
    this.len += n;
  }

  /** A JSON number. */
  u64(v: u64): JsonWriter {
    this.sep();
    this.digits(v);
    return this;
  }

  i64(v: i64): JsonWriter {
    this.sep();
    if (v < 0) {
      this.byte(45);
      this.digits(<u64>(-v));
    } else this.digits(<u64>v);
    return this;
  }

  /** A u64 as a decimal string (cosmwasm `Uint64`, block times). */
  u64String(v: u64): JsonWriter {
    this.sep();
    this.byte(34);
    this.digits(v);
    this.byte(34);
    return this;
  }

  /** A u128 as a decimal string (cosmwasm `Uint128`). */
  u128(v: U128): JsonWriter {
    this.sep();
    this.byte(34);
    this.appendBytes(v.toDecimalBytes());
    this.byte(34);
    return this;
  }

  bool(b: bool): JsonWriter {
    this.sep();
    this.ascii(b ? "true" : "false");
    return this;
  }

  nullValue(): JsonWriter {
    this.sep();
    this.ascii("null");
    return this;
  }

  /** A base64 string (cosmwasm `Binary`). */
  base64(b: Uint8Array): JsonWriter {
    this.sep();
    this.byte(34);
    this.appendBytes(base64EncodeBytes(b));
    this.byte(34);
    return this;
  }

  /** A parsed value, re-serialised compactly (strings re-escaped, numbers copied as written). */
  value(v: JsonValue): JsonWriter {
    if (v.kind == JsonKind.Object) {
      this.beginObject();
      const keys = <Array<JsonValue>>v.keys;
      const items = <Array<JsonValue>>v.items;
      for (let i = 0; i < keys.length; i++) {
        this.sep();
        this.stringBytesRaw(unchecked(keys[i]).strBytes());
        this.byte(58);
        this.afterKey = true;
        this.value(unchecked(items[i]));
      }
      return this.endObject();
    }
    if (v.kind == JsonKind.Array) {
      this.beginArray();
      for (let i = 0; i < v.length; i++) this.value(v.at(i));
      return this.endArray();
    }
    if (v.kind == JsonKind.String) return this.stringBytes(v.strBytes());
    return this.rawJson(v.raw());
  }

  /** A value given as ready-made JSON text (not validated). */
  rawJson(json: Uint8Array): JsonWriter {
    this.sep();
    this.appendBytes(json);
    return this;
  }

  rawJsonString(json: string): JsonWriter {
    return this.rawJson(Uint8Array.wrap(String.UTF8.encode(json)));
  }

  fieldString(k: string, v: string): JsonWriter {
    return this.key(k).string(v);
  }
  fieldStringBytes(k: string, v: Uint8Array): JsonWriter {
    return this.key(k).stringBytes(v);
  }
  fieldU64(k: string, v: u64): JsonWriter {
    return this.key(k).u64(v);
  }
  fieldU64String(k: string, v: u64): JsonWriter {
    return this.key(k).u64String(v);
  }
  fieldU128(k: string, v: U128): JsonWriter {
    return this.key(k).u128(v);
  }
  fieldBool(k: string, v: bool): JsonWriter {
    return this.key(k).bool(v);
  }
  fieldNull(k: string): JsonWriter {
    return this.key(k).nullValue();
  }
  fieldBase64(k: string, v: Uint8Array): JsonWriter {
    return this.key(k).base64(v);
  }
  fieldRaw(k: string, json: Uint8Array): JsonWriter {
    return this.key(k).rawJson(json);
  }
  /** `"k":"v"` or `"k":null`. */
  fieldOptString(k: string, v: string | null): JsonWriter {
    this.key(k);
    if (v === null) return this.nullValue();
    return this.string(v);
  }

  /** The JSON written so far (a view of the buffer). */
  toBytes(): Uint8Array {
    return Uint8Array.wrap(this.buf, 0, this.len);
  }

  toString(): string {
    return fromUtf8(this.toBytes());
  }
}

/** Shorthand: `{"<k>":<json>}`. */
export function wrapVariant(k: string, json: Uint8Array): Uint8Array {
  return new JsonWriter(json.length + k.length + 8).beginObject().fieldRaw(k, json).endObject().toBytes();
}

/** Whether the last JsonValue.toU64() succeeded. */
export function jsonOkFlag(): bool {
  return jsonOk;
}
