// Contract storage through db_read / db_write / db_remove. Keys and values are bytes; values may
// not be empty (Secret's storage cannot hold an empty value), so the typed helpers encode with at
// least one byte. Typed containers must be created inside functions: a top-level `new` would need
// a start function, which Secret forbids (the build rejects such a module).
import { db_read, db_write, db_remove } from "./imports";
import { regionOf, readRegion } from "./region";
import { newBytes, utf8, fromUtf8, concat, u64ToMinimalBE, beToU64 } from "./bytes";
import { U128 } from "./u128";
import { fail } from "./errors";

export function storageGet(key: Uint8Array): Uint8Array | null {
  const r = db_read(<u32>regionOf(key));
  if (r == 0) return null;
  return readRegion(r);
}

/** Writes `value`; an empty value is refused (records an error). */
export function storageSet(key: Uint8Array, value: Uint8Array): void {
  if (value.length == 0) {
    fail("cannot store an empty value");
    return;
  }
  db_write(<u32>regionOf(key), <u32>regionOf(value));
}

export function storageRemove(key: Uint8Array): void {
  db_remove(<u32>regionOf(key));
}

export function storageHas(key: Uint8Array): bool {
  return db_read(<u32>regionOf(key)) != 0;
}

/** `prefix ‖ key` (prefix as UTF-8). Use distinct, short prefixes that are not prefixes of each other. */
export function prefixedKey(prefix: string, key: Uint8Array): Uint8Array {
  return concat(utf8(prefix), key);
}

/** Encodes a value for storage: unsigned integers as minimal big-endian, signed as 8 bytes,
 *  bool as one byte, strings as UTF-8 (the empty string as the single byte 0xFF, which never
 *  occurs in UTF-8), U128 as minimal big-endian (zero as one byte), Uint8Array as is. */
export function encodeValue<T>(v: T): Uint8Array {
  if (isBoolean<T>()) {
    const b = newBytes(1);
    b[0] = v ? 1 : 0;
    return b;
  } else if (isInteger<T>()) {
    if (isSigned<T>()) {
      const out = newBytes(8);
      let x = <u64>(<i64>v);
      for (let i = 7; i >= 0; i--) {
        out[i] = <u8>x;
        x >>= 8;
      }
      return out;
    }
    return u64ToMinimalBE(<u64>v);
  } else if (isString<T>()) {
    const s = changetype<string>(v);
    if (s.length == 0) {
      const b = newBytes(1);
      b[0] = 0xff;
      return b;
    }
    return utf8(s);
  } else if (v instanceof U128) {
    const b = changetype<U128>(v).toMinimalBE();
    return b.length == 0 ? newBytes(1).fill(0) : b;
  } else if (v instanceof Uint8Array) {
    return changetype<Uint8Array>(v);
  } else {
    ERROR("encodeValue: unsupported type");
  }
}

export function decodeValue<T>(b: Uint8Array): T {
  if (isBoolean<T>()) {
    return <T>(b.length > 0 && b[0] != 0);
  } else if (isInteger<T>()) {
    if (isSigned<T>()) return <T>(<i64>beToU64(b));
    return <T>beToU64(b);
  } else if (isString<T>()) {
    if (b.length == 1 && b[0] == 0xff) return changetype<T>("");
    return changetype<T>(fromUtf8(b));
  } else if (idof<T>() == idof<U128>()) {
    return changetype<T>(U128.fromBE(b));
  } else if (idof<T>() == idof<Uint8Array>()) {
    return changetype<T>(b);
  } else {
    ERROR("decodeValue: unsupported type");
  }
}

/** A single value under a fixed key (cw-storage-plus `Item`). */
export class Item<T> {
  private k: Uint8Array;
  constructor(key: string) {
    this.k = utf8(key);
  }
  /** The stored value, or `def` when absent. */
  load(def: T): T {
    const b = storageGet(this.k);
    return b === null ? def : decodeValue<T>(b);
  }
  save(v: T): void {
    storageSet(this.k, encodeValue<T>(v));
  }
  remove(): void {
    storageRemove(this.k);
  }
  exists(): bool {
    return storageHas(this.k);
  }
}

/** Values under `prefix ‖ key` (cw-storage-plus `Map` with a byte key). */
export class KeyMap<T> {
  private p: Uint8Array;
  constructor(prefix: string) {
    this.p = utf8(prefix);
  }
  keyOf(key: Uint8Array): Uint8Array {
    return concat(this.p, key);
  }
  load(key: Uint8Array, def: T): T {
    const b = storageGet(this.keyOf(key));
    return b === null ? def : decodeValue<T>(b);
  }
  save(key: Uint8Array, v: T): void {
    storageSet(this.keyOf(key), encodeValue<T>(v));
  }
  remove(key: Uint8Array): void {
    storageRemove(this.keyOf(key));
  }
  has(key: Uint8Array): bool {
    return storageHas(this.keyOf(key));
  }
  /** String-keyed variants (UTF-8 key). */
  loadS(key: string, def: T): T {
    return this.load(utf8(key), def);
  }
  saveS(key: string, v: T): void {
    this.save(utf8(key), v);
  }
  removeS(key: string): void {
    this.remove(utf8(key));
  }
  hasS(key: string): bool {
    return this.has(utf8(key));
  }
}

/** Convenience: u64 counter stored minimal big-endian. Returns the new value. */
export function incrementCounter(key: Uint8Array, by: u64 = 1): u64 {
  const b = storageGet(key);
  const v = (b === null ? 0 : beToU64(b)) + by;
  storageSet(key, u64ToMinimalBE(v));
  return v;
}
