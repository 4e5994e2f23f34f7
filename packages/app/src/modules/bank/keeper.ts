// Balances, supply, send-enabled flags and denom metadata; coin movements with the SDK's events.
import { BankParams, Metadata } from '../../proto.js';
import type { Context } from '../../context.js';
import { DecodeMemo } from '../../decode-memo.js';
import { asciiOrUtf8, bytesEqual, concat, fromUtf8, lengthPrefixed, prefixEnd, utf8 } from '../../binary.js';
import { bech32Address } from '../../addresses.js';
import { type Coin, coinsString, coinString, sortCoins } from '../../coins.js';
import { SdkErrors } from '../../errors.js';
import { attr, event } from '../../events.js';
import type { AuthKeeper } from '../auth/keeper.js';
import { BankErrors } from './errors.js';
import { BalancesPrefix, DenomMetadataPrefix, ParamsKey, SendEnabledPrefix, STORE, SupplyPrefix } from './keys.js';

export function balancesPrefix(address: Uint8Array): Uint8Array {
  return concat(BalancesPrefix, lengthPrefixed(address));
}

/** balancesPrefix(address) ‖ utf8(denom), in one allocation when the denom is ASCII (always, for valid denoms). */
function balanceKey(address: Uint8Array, denom: string): Uint8Array {
  const n = denom.length;
  if (address.length > 255 || n > 128) return concat(balancesPrefix(address), utf8(denom));
  const start = 2 + address.length;
  const k = new Uint8Array(start + n);
  k[0] = BalancesPrefix[0]!;
  k[1] = address.length;
  k.set(address, 2);
  for (let i = 0; i < n; i++) {
    const c = denom.charCodeAt(i);
    if (c > 0x7f) return concat(balancesPrefix(address), utf8(denom));
    k[start + i] = c;
  }
  return k;
}

export class BankKeeper {
  /** defaultSendEnabled of the last params bytes read (every send reads them; decoding is reused while they are unchanged). */
  private readonly sendEnabledMemo = new DecodeMemo((b) => BankParams.decode(b).defaultSendEnabled, 1);

  constructor(private readonly auth: AuthKeeper, private readonly blocked: (addr: Uint8Array) => boolean) {}

  getParams(ctx: Context): BankParams {
    const b = ctx.kv(STORE).get(ParamsKey);
    return b ? BankParams.decode(b) : { sendEnabled: [], defaultSendEnabled: true };
  }

  setParams(ctx: Context, p: BankParams): void {
    ctx.kv(STORE).set(ParamsKey, BankParams.encode(p).finish());
  }

  getBalance(ctx: Context, address: Uint8Array, denom: string): Coin {
    const b = ctx.kv(STORE).get(balanceKey(address, denom));
    return { denom, amount: b ? BigInt(asciiOrUtf8(b)) : 0n };
  }

  getAllBalances(ctx: Context, address: Uint8Array): Coin[] {
    const prefix = balancesPrefix(address);
    const out: Coin[] = [];
    for (const [k, v] of ctx.kv(STORE).iterate(prefix, prefixEnd(prefix))) {
      out.push({ denom: fromUtf8(k.subarray(prefix.length)), amount: BigInt(fromUtf8(v)) });
    }
    return out;
  }

  private setBalance(ctx: Context, address: Uint8Array, c: Coin): void {
    const key = balanceKey(address, c.denom);
    // Zero balances are removed, as the SDK does, so iteration only sees holdings.
    if (c.amount === 0n) ctx.kv(STORE).delete(key);
    else ctx.kv(STORE).set(key, utf8(c.amount.toString()));
  }

  getSupply(ctx: Context, denom: string): Coin {
    const b = ctx.kv(STORE).get(concat(SupplyPrefix, utf8(denom)));
    return { denom, amount: b ? BigInt(fromUtf8(b)) : 0n };
  }

  setSupply(ctx: Context, c: Coin): void {
    const key = concat(SupplyPrefix, utf8(c.denom));
    if (c.amount === 0n) ctx.kv(STORE).delete(key);
    else ctx.kv(STORE).set(key, utf8(c.amount.toString()));
  }

  getDenomMetadata(ctx: Context, denom: string): Metadata | undefined {
    const b = ctx.kv(STORE).get(concat(DenomMetadataPrefix, utf8(denom)));
    return b ? Metadata.decode(b) : undefined;
  }

  setDenomMetadata(ctx: Context, m: Metadata): void {
    ctx.kv(STORE).set(concat(DenomMetadataPrefix, utf8(m.base)), Metadata.encode(m).finish());
  }

  isSendEnabledDenom(ctx: Context, denom: string): boolean {
    const b = ctx.kv(STORE).get(concat(SendEnabledPrefix, utf8(denom)));
    if (b) return b[0] === 1;
    return this.defaultSendEnabled(ctx);
  }

  /** getParams(ctx).defaultSendEnabled, with the same read, decoding only bytes not seen last time. */
  private defaultSendEnabled(ctx: Context): boolean {
    const b = ctx.kv(STORE).get(ParamsKey);
    if (!b) return true;
    return this.sendEnabledMemo.get('', b);
  }

  setSendEnabled(ctx: Context, denom: string, enabled: boolean): void {
    ctx.kv(STORE).set(concat(SendEnabledPrefix, utf8(denom)), Uint8Array.of(enabled ? 1 : 0));
  }

  isSendEnabledCoins(ctx: Context, coins: readonly Coin[]): void {
    for (const c of coins) {
      if (!this.isSendEnabledDenom(ctx, c.denom)) throw BankErrors.SendDisabled.wrap(`${c.denom} transfers are currently disabled`);
    }
  }

  isBlocked(address: Uint8Array): boolean {
    return this.blocked(address);
  }

  /**
   * subUnlockedCoins: debit with the SDK's insufficient-funds wording, then one coin_spent event.
   * `amtStr` is coinsString(amt) when the caller has it; returns bech32Address(address) for reuse.
   */
  private subCoins(ctx: Context, address: Uint8Array, amt: readonly Coin[], amtStr?: string): string {
    for (const c of amt) {
      const balance = this.getBalance(ctx, address, c.denom);
      if (balance.amount < c.amount) {
        // The SDK prints the spendable Coins, which drop zero amounts (hence "spendable balance  is …").
        const spendable = balance.amount > 0n ? coinString(balance) : '';
        throw SdkErrors.InsufficientFunds.wrap(`spendable balance ${spendable} is smaller than ${coinString(c)}`);
      }
      this.setBalance(ctx, address, { denom: c.denom, amount: balance.amount - c.amount });
    }
    const addr = bech32Address(address);
    ctx.events.emit({ type: 'coin_spent', attributes: [attr('spender', addr), attr('amount', amtStr ?? coinsString(amt))] });
    return addr;
  }

  private addCoins(ctx: Context, address: Uint8Array, amt: readonly Coin[], amtStr?: string): string {
    for (const c of amt) {
      const balance = this.getBalance(ctx, address, c.denom);
      this.setBalance(ctx, address, { denom: c.denom, amount: balance.amount + c.amount });
    }
    const addr = bech32Address(address);
    ctx.events.emit({ type: 'coin_received', attributes: [attr('receiver', addr), attr('amount', amtStr ?? coinsString(amt))] });
    return addr;
  }

  private ensureAccount(ctx: Context, address: Uint8Array): void {
    if (!this.auth.hasAccount(ctx, address)) this.auth.setAccount(ctx, this.auth.newAccount(ctx, address));
  }

  /** SendCoins of x/bank: coin_spent, coin_received, transfer, message{sender}. */
  sendCoins(ctx: Context, from: Uint8Array, to: Uint8Array, amt: readonly Coin[]): void {
    // The address and amount strings are pure functions of their inputs: computed once, not three times.
    const amtStr = coinsString(amt);
    const fromStr = this.subCoins(ctx, from, amt, amtStr);
    const toStr = this.addCoins(ctx, to, amt, amtStr);
    this.ensureAccount(ctx, to);
    ctx.events.emit({ type: 'transfer', attributes: [attr('recipient', toStr), attr('sender', fromStr), attr('amount', amtStr)] });
    ctx.events.emit({ type: 'message', attributes: [attr('sender', fromStr)] });
  }

  sendCoinsFromAccountToModule(ctx: Context, from: Uint8Array, module: string, amt: readonly Coin[]): void {
    this.sendCoins(ctx, from, this.auth.moduleAccountAddress(ctx, module), amt);
  }

  /** InputOutputCoins of x/bank (SDK 0.50: exactly one input). */
  inputOutputCoins(ctx: Context, input: { address: Uint8Array; coins: Coin[] }, outputs: { address: Uint8Array; coins: Coin[] }[]): void {
    this.subCoins(ctx, input.address, input.coins);
    const sender = bech32Address(input.address);
    ctx.events.emit(event('message', [['sender', sender]]));
    for (const out of outputs) {
      this.addCoins(ctx, out.address, out.coins);
      ctx.events.emit(event('transfer', [['recipient', bech32Address(out.address)], ['sender', sender], ['amount', coinsString(out.coins)]]));
      this.ensureAccount(ctx, out.address);
    }
  }

  /** Genesis only: credit balances directly (supply is set from the genesis supply or the sum). */
  setGenesisBalance(ctx: Context, address: Uint8Array, coins: Coin[]): void {
    for (const c of sortCoins([...coins])) this.setBalance(ctx, address, c);
  }

  *iterateSupply(ctx: Context): IterableIterator<Coin> {
    for (const [k, v] of ctx.kv(STORE).iterate(SupplyPrefix, prefixEnd(SupplyPrefix))) {
      yield { denom: fromUtf8(k.subarray(SupplyPrefix.length)), amount: BigInt(fromUtf8(v)) };
    }
  }
}
