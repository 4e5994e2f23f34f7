// Account state: BaseAccount / ModuleAccount records, account numbers, params.
import { BaseAccount, ModuleAccount, Params, Any } from '../../proto.js';
import { encodeBaseAccountAny } from './account-codec.js';
import type { Context } from '../../context.js';
import { bytesEqual, concat, u64be, readU64be, prefixEnd } from '../../binary.js';
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

export class AuthKeeper {
  /**
   * The last decodings of the params and of each module account, reused while the stored bytes are
   * the same (read on every tx). The read itself still happens: it is gas-metered.
   */
  private paramsMemo?: { bytes: Uint8Array; params: Params };
  private readonly moduleMemo = new Map<string, { bytes: Uint8Array; acc: Account }>();

  /** Module accounts known to the app: name → permissions. */
  constructor(readonly moduleAccountPerms: ReadonlyMap<string, readonly string[]>) {}

  /** The params (shared with later calls, hence read-only). */
  getParams(ctx: Context): Readonly<Params> {
    const b = ctx.kv(STORE).get(ParamsKey);
    if (!b) return defaultAuthParams();
    const m = this.paramsMemo;
    if (m && bytesEqual(m.bytes, b)) return m.params;
    const params = Params.decode(b);
    this.paramsMemo = { bytes: b.slice(), params };
    return params;
  }

  setParams(ctx: Context, p: Params): void {
    ctx.kv(STORE).set(ParamsKey, Params.encode(p).finish());
  }

  getAccount(ctx: Context, address: Uint8Array): Account | undefined {
    const b = ctx.kv(STORE).get(concat(AccountPrefix, address));
    return b ? decodeAccount(address, b) : undefined;
  }

  hasAccount(ctx: Context, address: Uint8Array): boolean {
    return ctx.kv(STORE).has(concat(AccountPrefix, address));
  }

  setAccount(ctx: Context, acc: Account): void {
    const kv = ctx.kv(STORE);
    kv.set(concat(AccountPrefix, acc.address), encodeAccount(acc));
    kv.set(concat(AccountNumberPrefix, u64be(acc.accountNumber)), acc.address);
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
    const perms = this.moduleAccountPerms.get(name);
    if (!perms) throw SdkErrors.UnknownAddress.wrap(`module account ${name} does not exist`);
    const addr = moduleAddress(name);
    const b = ctx.kv(STORE).get(concat(AccountPrefix, addr));
    if (b) {
      const m = this.moduleMemo.get(name);
      if (m && bytesEqual(m.bytes, b)) return copyAccount(m.acc);
      const existing = decodeAccount(addr, b);
      if (!existing.module) throw SdkErrors.Logic.wrap(`account is not a module account: ${bech32Address(addr)}`);
      this.moduleMemo.set(name, { bytes: b.slice(), acc: copyAccount(existing) });
      return existing;
    }
    const acc: Account = { ...this.newAccount(ctx, addr), module: { name, permissions: [...perms] } };
    this.setAccount(ctx, acc);
    return acc;
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
