// Coins as the SDK models them: integer amounts as bigint, sorted by denom, no duplicates.
import { SdkErrors } from './errors.js';

export interface Coin {
  denom: string;
  amount: bigint;
}

/** The SDK's default denom regex: a letter, then 2–127 of [a-zA-Z0-9/:._-]. */
const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;

export function isValidDenom(denom: string): boolean {
  return DENOM_RE.test(denom);
}

export function validateDenom(denom: string): void {
  if (!isValidDenom(denom)) throw SdkErrors.InvalidCoins.wrap(`invalid denom: ${denom}`);
}

/** Parse a decimal amount string strictly (the SDK's math.Int from a string). */
export function parseAmount(s: string): bigint {
  if (!/^-?\d+$/.test(s) || s.length > 78) throw SdkErrors.InvalidCoins.wrap(`invalid amount: ${JSON.stringify(s)}`);
  return BigInt(s);
}

export function coinFromProto(c: { denom: string; amount: string }): Coin {
  return { denom: c.denom, amount: parseAmount(c.amount) };
}

export function coinsFromProto(cs: readonly { denom: string; amount: string }[]): Coin[] {
  return cs.map(coinFromProto);
}

export function coinToProto(c: Coin): { denom: string; amount: string } {
  return { denom: c.denom, amount: c.amount.toString() };
}

export function coinsToProto(cs: readonly Coin[]): { denom: string; amount: string }[] {
  return cs.map(coinToProto);
}

export function coinString(c: Coin): string {
  return `${c.amount}${c.denom}`;
}

/** Coins.String(): "1uscrt,2ufoo"; empty coins print as "". */
export function coinsString(cs: readonly Coin[]): string {
  return cs.map(coinString).join(',');
}

/** Coins.Validate() of the SDK: valid denoms, strictly sorted, no duplicates, all amounts positive. */
export function validateCoins(cs: readonly Coin[]): string | undefined {
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (!isValidDenom(c.denom)) return `invalid denom: ${c.denom}`;
    if (c.amount <= 0n) return `coin ${coinString(c)} amount is not positive`;
    if (i > 0) {
      const prev = cs[i - 1]!.denom;
      if (prev === c.denom) return `duplicate denomination ${c.denom}`;
      if (prev > c.denom) return `denomination ${c.denom} is not sorted`;
    }
  }
  return undefined;
}

export function isAllPositive(cs: readonly Coin[]): boolean {
  return cs.length > 0 && cs.every((c) => c.amount > 0n);
}

/** Merge-add two sorted coin lists, dropping zero results. */
export function addCoins(a: readonly Coin[], b: readonly Coin[]): Coin[] {
  const m = new Map<string, bigint>();
  for (const c of a) m.set(c.denom, (m.get(c.denom) ?? 0n) + c.amount);
  for (const c of b) m.set(c.denom, (m.get(c.denom) ?? 0n) + c.amount);
  return sortCoins([...m].filter(([, v]) => v !== 0n).map(([denom, amount]) => ({ denom, amount })));
}

export function sortCoins(cs: Coin[]): Coin[] {
  return cs.sort((x, y) => (x.denom < y.denom ? -1 : x.denom > y.denom ? 1 : 0));
}

/** A decimal with 18 fractional digits (the SDK's LegacyDec), as a scaled bigint. */
export interface DecCoin {
  denom: string;
  /** amount × 10^18 */
  amount18: bigint;
}

export const DEC_PRECISION = 18;
const DEC_ONE = 10n ** 18n;

/** Parse "0.0125" into an 18-digit scaled bigint; rejects more than 18 fractional digits. */
export function parseDec(s: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,18}))?$/.exec(s);
  if (!m) throw SdkErrors.InvalidCoins.wrap(`invalid decimal: ${JSON.stringify(s)}`);
  return BigInt(m[1]!) * DEC_ONE + BigInt((m[2] ?? '').padEnd(18, '0'));
}

/** Render a scaled decimal with exactly 18 fractional digits, as LegacyDec.String() does. */
export function decString(amount18: bigint): string {
  const neg = amount18 < 0n;
  const abs = neg ? -amount18 : amount18;
  const s = `${abs / DEC_ONE}.${(abs % DEC_ONE).toString().padStart(18, '0')}`;
  return neg ? `-${s}` : s;
}

/** Parse gas prices like "0.0125uscrt" or "0.0125uscrt,1ufoo". */
export function parseDecCoins(s: string): DecCoin[] {
  if (s.trim() === '') return [];
  return s.split(',').map((part) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z][a-zA-Z0-9/:._-]{2,127})\s*$/.exec(part);
    if (!m) throw SdkErrors.InvalidCoins.wrap(`invalid decimal coin expression: ${part}`);
    return { denom: m[2]!, amount18: parseDec(m[1]!) };
  });
}

/** ceil(amount18 × gas / 10^18): the fee a gas price requires, as the SDK's Dec.Ceil().RoundInt(). */
export function requiredFee(price: DecCoin, gas: bigint): Coin {
  const prod = price.amount18 * gas;
  return { denom: price.denom, amount: (prod + DEC_ONE - 1n) / DEC_ONE };
}
