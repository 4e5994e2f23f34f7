// Account state: BaseAccount / ModuleAccount records, account numbers, params.
import { BaseAccount, ModuleAccount, Params, Any } from '../../proto.js';
import { encodeBaseAccountAny } from './account-codec.js';
import { varintLength, writeVarint } from '../../varint.js';
import type { Context } from '../../context.js';
import { DecodeMemo } from '../../decode-memo.js';
import { OldestFirst } from '@scrtd/crypto';
import { bytesEqual, concat, u64be, readU64be, prefixEnd, latin1 } from '../../binary.js';
import { bech32Address, moduleAddress, parseAddress } from '../../addresses.js';
import { SdkErrors } from '../../errors.js';
import { AccountNumberPrefix, AccountPrefix, GlobalAccountNumberKey, ParamsKey, STORE } from './keys.js';
import { defaultAuthParams } from './params.js';

export const BASE_ACCOUNT_URL = '/cosmos.auth.v1beta1.BaseAccount';
export const MODULE_ACCOUNT_URL = '/cosmos.auth.v1beta1.ModuleAccount';

export interface Account {
  address: Uint8Array;
  /** The account's public key as stored (an Any), if it has signed before. */
  pubKey?: Any;
  accountNumber: bigint;
  sequence: bigint;
  /** Set for module accounts. */
  module?: { name: string; permissions: string[] };
}

export function encodeAccount(acc: Account): Uint8Array {
  const base: BaseAccount = {
    address: bech32Address(acc.address),
    pubKey: acc.pubKey,
    accountNumber: acc.accountNumber,
    sequence: acc.sequence,
  };
  if (acc.module) {
    const m: ModuleAccount = { baseAccount: base, name: acc.module.name, permissions: acc.module.permissions };
    return Any.encode({ typeUrl: MODULE_ACCOUNT_URL, value: ModuleAccount.encode(m).finish() }).finish();
  }
  return (
    encodeBaseAccountAny(BASE_ACCOUNT_URL, base.address, base.pubKey, base.accountNumber, base.sequence) ??
    Any.encode({ typeUrl: BASE_ACCOUNT_URL, value: BaseAccount.encode(base).finish() }).finish()
  );
}

export function decodeAccount(address: Uint8Array, bytes: Uint8Array): Account {
  const any = Any.decode(bytes);
  if (any.typeUrl === MODULE_ACCOUNT_URL) {
    const m = ModuleAccount.decode(any.value);
    const b = m.baseAccount!;
    return { address, pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence, module: { name: m.name, permissions: m.permissions } };
  }
  const b = BaseAccount.decode(any.value);
  return { address, pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence };
}

/** A copy the caller may modify without touching the original (the pubkey Any is never modified in place). */
function copyAccount(a: Account): Account {
  return { ...a, address: a.address.slice(), module: a.module && { name: a.module.name, permissions: [...a.module.permissions] } };
}

/** 0x01 ‖ address in one allocation (the store copies keys, so a fresh array per call is fine). */
function accountKey(address: Uint8Array): Uint8Array {
  const k = new Uint8Array(1 + address.length);
  k[0] = AccountPrefix[0]!;
  k.set(address, 1);
  return k;
}

/** 0x03 ‖ u64be(n) in one allocation; u64be's range check (and error) for anything past 2^53. */
function accountNumberKey(n: bigint): Uint8Array {
  if (n < 0n || n > 0x1fffffffffffffn) return concat(AccountNumberPrefix, u64be(n));
  const k = new Uint8Array(9);
  k[0] = AccountNumberPrefix[0]!;
  let v = Number(n);
  for (let i = 8; i >= 1; i--) {
    k[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return k;
}

/**
 * One version of a BaseAccount: its stored bytes and their decoding. Never mutated: callers get a
 * fresh Account object whose fields point at these (bigints and the pubkey Any are never modified
 * in place). `encoded` marks bytes produced by encodeAccount from these fields, the only ones that
 * may stand in for re-encoding them (bytes read from the store need not be canonical).
 */
interface AccountVersion {
  bytes: Uint8Array;
  pubKey: Any | undefined;
  accountNumber: bigint;
  sequence: bigint;
  encoded: boolean;
}

/** Versions kept per address: the one CheckTx read, the one it wrote, and one more for recheck. */
const VERSIONS_PER_ADDRESS = 3;
/** Addresses remembered; the oldest is dropped beyond this (memory bound only, results never depend on it). */
const MAX_MEMO_ADDRESSES = 20_000;

function samePubKey(a: Any | undefined, b: Any | undefined): boolean {
  if (a === b) return true;
  return a !== undefined && b !== undefined && a.typeUrl === b.typeUrl && bytesEqual(a.value, b.value);
}

/**
 * encodeAccount's bytes for the same base account with sequence `to` instead of `from`, from the
 * bytes encodeAccount made for `from`: the sequence is the last field (tag 0x20, varint), so when both
 * are non-zero and their varints are the same length only those bytes change. Undefined otherwise.
 */
export function withSequence(bytes: Uint8Array, from: bigint, to: bigint): Uint8Array | undefined {
  if (from <= 0n || to <= 0n || from >= 0x1fffffffffffffn || to >= 0x1fffffffffffffn) return undefined;
  const n = varintLength(Number(to));
  if (varintLength(Number(from)) !== n) return undefined;
  const at = bytes.length - n;
  if (bytes[at - 1] !== 0x20) return undefined;
  const out = new Uint8Array(bytes);
  writeVarint(out, at, Number(to));
  return out;
}

export class AuthKeeper {
  /**
   * The last decodings of the params and of each module account, reused while the stored bytes are
   * the same (read on every tx). The read itself still happens: it is gas-metered.
   */
  private readonly paramsMemo = new DecodeMemo((b) => Params.decode(b), 1);
  private readonly moduleMemo = new Map<string, { bytes: Uint8Array; acc: Account }>();
  /**
   * Recent versions of base accounts by address (latin1), newest first. Every tx reads and writes its
   * signer's account in CheckTx and again in FinalizeBlock: with these, a version seen or written
   * before is neither decoded nor encoded again. Reads still go to the store (they are gas-metered).
   */
  private readonly accountMemo = new Map<string, AccountVersion[]>();
  private readonly oldestAccount = new OldestFirst(this.accountMemo);

  /** Module accounts known to the app: name → permissions. */
  constructor(readonly moduleAccountPerms: ReadonlyMap<string, readonly string[]>) {}

  /** The params (shared with later calls, hence read-only). */
  getParams(ctx: Context): Readonly<Params> {
    const b = ctx.kv(STORE).get(ParamsKey);
    if (!b) return defaultAuthParams();
    return this.paramsMemo.get('', b);
  }

  setParams(ctx: Context, p: Params): void {
    ctx.kv(STORE).set(ParamsKey, Params.encode(p).finish());
  }

  getAccount(ctx: Context, address: Uint8Array): Account | undefined {
    const b = ctx.kv(STORE).get(accountKey(address));
    if (!b) return undefined;
    const key = latin1(address);
    const versions = this.accountMemo.get(key);
    if (versions) {
      for (const v of versions) {
        if (bytesEqual(v.bytes, b)) return { address, pubKey: v.pubKey, accountNumber: v.accountNumber, sequence: v.sequence };
      }
    }
    const acc = decodeAccount(address, b);
    // A private copy: the memo must not depend on what the store does with the array it returned.
    if (!acc.module) this.rememberVersion(key, { bytes: b.slice(), pubKey: acc.pubKey, accountNumber: acc.accountNumber, sequence: acc.sequence, encoded: false });
    return acc;
  }

  hasAccount(ctx: Context, address: Uint8Array): boolean {
    return ctx.kv(STORE).has(accountKey(address));
  }

  setAccount(ctx: Context, acc: Account): void {
    const kv = ctx.kv(STORE);
    const key = accountKey(acc.address);
    kv.set(key, this.encodeAccountMemo(acc));
    kv.set(accountNumberKey(acc.accountNumber), acc.address);
  }

  /** encodeAccount, reusing the bytes of an identical base account encoded before. */
  private encodeAccountMemo(acc: Account): Uint8Array {
    if (acc.module) return encodeAccount(acc);
    const key = latin1(acc.address);
    const versions = this.accountMemo.get(key);
    let bytes: Uint8Array | undefined;
    if (versions) {
      for (const v of versions) {
        if (!v.encoded || v.accountNumber !== acc.accountNumber || !samePubKey(v.pubKey, acc.pubKey)) continue;
        if (v.sequence === acc.sequence) return v.bytes;
        // The usual write: the same account with the next sequence (every tx's ante handler).
        bytes ??= withSequence(v.bytes, v.sequence, acc.sequence);
      }
    }
    bytes ??= encodeAccount(acc);
    this.rememberVersion(key, { bytes, pubKey: acc.pubKey, accountNumber: acc.accountNumber, sequence: acc.sequence, encoded: true });
    return bytes;
  }

  private rememberVersion(key: string, v: AccountVersion): void {
    let versions = this.accountMemo.get(key);
    if (!versions) {
      if (this.accountMemo.size >= MAX_MEMO_ADDRESSES) this.oldestAccount.evict();
      this.oldestAccount.set(key, (versions = []));
    } else {
      // The same bytes again (read back after being written, or written after being read): one entry.
      const i = versions.findIndex((old) => bytesEqual(old.bytes, v.bytes));
      if (i >= 0) {
        if (versions[i]!.encoded && !v.encoded) return;
        versions.splice(i, 1);
      }
    }
    versions.unshift(v);
    if (versions.length > VERSIONS_PER_ADDRESS) versions.pop();
  }

  nextAccountNumber(ctx: Context): bigint {
    const kv = ctx.kv(STORE);
    const b = kv.get(GlobalAccountNumberKey);
    const n = b ? readU64be(b) : 0n;
    kv.set(GlobalAccountNumberKey, u64be(n + 1n));
    return n;
  }

  /** NewAccountWithAddress: a BaseAccount with the next account number (not yet stored). */
  newAccount(ctx: Context, address: Uint8Array): Account {
    return { address, accountNumber: this.nextAccountNumber(ctx), sequence: 0n };
  }

  addressByAccountNumber(ctx: Context, n: bigint): Uint8Array | undefined {
    return ctx.kv(STORE).get(concat(AccountNumberPrefix, u64be(n)));
  }

  /** Accounts in address order. */
  *iterateAccounts(ctx: Context): IterableIterator<Account> {
    for (const [k, v] of ctx.kv(STORE).iterate(AccountPrefix, prefixEnd(AccountPrefix))) {
      yield decodeAccount(k.subarray(AccountPrefix.length), v);
    }
  }

  moduleAddress(name: string): Uint8Array {
    return moduleAddress(name);
  }

  /** GetModuleAccount: creates the module account on first use, as the SDK does. */
  getModuleAccount(ctx: Context, name: string): Account {
    const r = this.loadModuleAccount(ctx, name);
    return r.shared ? copyAccount(r.acc) : r.acc;
  }

  /**
   * The address of a module account, with exactly getModuleAccount's reads, checks and creation, but
   * without copying the account (fee deduction needs only the address, on every tx). The returned
   * array must not be modified.
   */
  moduleAccountAddress(ctx: Context, name: string): Uint8Array {
    return this.loadModuleAccount(ctx, name).acc.address;
  }

  /** `shared`: the account is the memo's own object (callers that may modify it must copy it). */
  private loadModuleAccount(ctx: Context, name: string): { acc: Account; shared: boolean } {
    const perms = this.moduleAccountPerms.get(name);
    if (!perms) throw SdkErrors.UnknownAddress.wrap(`module account ${name} does not exist`);
    const m = this.moduleMemo.get(name);
    // The memo's address is moduleAddress(name) (a pure function of the name): no fresh copy needed to read.
    const addr = m ? m.acc.address : moduleAddress(name);
    const b = ctx.kv(STORE).get(accountKey(addr));
    if (b) {
      if (m && bytesEqual(m.bytes, b)) return { acc: m.acc, shared: true };
      // A fresh address array: this account goes to a caller that may modify it.
      const existing = decodeAccount(m ? moduleAddress(name) : addr, b);
      if (!existing.module) throw SdkErrors.Logic.wrap(`account is not a module account: ${bech32Address(addr)}`);
      this.moduleMemo.set(name, { bytes: b.slice(), acc: copyAccount(existing) });
      return { acc: existing, shared: false };
    }
    const acc: Account = { ...this.newAccount(ctx, m ? moduleAddress(name) : addr), module: { name, permissions: [...perms] } };
    this.setAccount(ctx, acc);
    return { acc, shared: false };
  }

  isModuleAddress(address: Uint8Array): boolean {
    for (const name of this.moduleAccountPerms.keys()) {
      const m = moduleAddress(name);
      if (m.length === address.length && m.every((b, i) => b === address[i])) return true;
    }
    return false;
  }

  parse(address: string): Uint8Array {
    return parseAddress(address);
  }
}
