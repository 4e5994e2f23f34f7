// Address host functions of secret-protocol §7.4 (bech32, prefix "secret"), with the error texts a
// contract receives: v0.10 trims whitespace and words errors in lower case; v1 does neither.
import { bech32Decode, bech32DecodeLowerAscii, bech32Encode } from '@scrtd/crypto';

export const ADDRESS_PREFIX = 'secret';

export type AddressResult = { ok: true; value: Uint8Array } | { ok: false; error: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(b: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(b);
  } catch {
    return undefined;
  }
}

function decode(s: string): AddressResult {
  try {
    const { prefix, data } = bech32Decode(s);
    if (prefix !== ADDRESS_PREFIX) return { ok: false, error: `wrong address prefix: "${prefix}"` };
    return { ok: true, value: data };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** A valid lower-case "secret" address, decoded from its bytes without a string; null: take the general path. */
function fastDecode(human: Uint8Array): AddressResult | null {
  const data = bech32DecodeLowerAscii(human, ADDRESS_PREFIX);
  return data === null ? null : { ok: true, value: data };
}

/** v0.10 canonicalize_address. */
export function canonicalizeV010(human: Uint8Array): AddressResult {
  // Printable ASCII without whitespace: trimming and UTF-8 decoding would change nothing.
  const fast = fastDecode(human);
  if (fast) return fast;
  const s = utf8(human);
  if (s === undefined) return { ok: false, error: 'input is not valid UTF-8' };
  const t = s.trim();
  if (t === '') return { ok: false, error: 'input is empty' };
  return decode(t);
}

/** v1 addr_canonicalize. */
export function canonicalizeV1(human: Uint8Array): AddressResult {
  const fast = fastDecode(human);
  if (fast) return fast;
  const s = utf8(human);
  if (s === undefined) return { ok: false, error: 'Input is not valid UTF-8' };
  if (s === '') return { ok: false, error: 'Input is empty' };
  return decode(s);
}

/** humanize_address / addr_humanize. */
export function humanize(canonical: Uint8Array): { ok: true; value: string } | { ok: false; error: string } {
  if (canonical.length === 0) return { ok: false, error: 'Input is empty' };
  try {
    return { ok: true, value: bech32Encode(ADDRESS_PREFIX, canonical) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** addr_validate: valid only if re-encoding the decoded bytes gives the same string (lower case, "secret"). */
export function validateAddress(human: Uint8Array): { ok: true } | { ok: false; error: string } {
  const r = canonicalizeV1(human);
  if (!r.ok) return r;
  const again = humanize(r.value);
  if (!again.ok) return again;
  return again.value === utf8(human) ? { ok: true } : { ok: false, error: 'Address is not normalized' };
}
