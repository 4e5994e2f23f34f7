// Addresses through the host: validation (bech32, "secret" prefix, normalised), canonical bytes and
// back. Errors are recorded as std's "Generic error: addr_<op> errored: <host message>".
import { addr_validate, addr_canonicalize, addr_humanize } from "./imports";
import { regionOf, outRegion, readRegion } from "./region";
import { utf8, fromUtf8 } from "./bytes";
import { fail } from "./errors";

const CANONICAL_CAPACITY: u32 = 64;
const HUMAN_CAPACITY: u32 = 128;

/** Whether `human` is a valid, normalised address; records an error when it is not. */
export function addrValidate(human: string): bool {
  const e = addr_validate(<u32>regionOf(utf8(human)));
  if (e != 0) {
    fail("addr_validate errored: " + fromUtf8(readRegion(e)));
    return false;
  }
  return true;
}

/** Canonical bytes of `human` (20 bytes for account addresses), or null (error recorded). */
export function addrCanonicalize(human: string): Uint8Array | null {
  return addrCanonicalizeBytes(utf8(human));
}

/** Like addrCanonicalize, for an address given as UTF-8 bytes. */
export function addrCanonicalizeBytes(human: Uint8Array): Uint8Array | null {
  const out = outRegion(CANONICAL_CAPACITY);
  const e = addr_canonicalize(<u32>regionOf(human), <u32>out);
  if (e != 0) { fail("addr_canonicalize errored: " + fromUtf8(readRegion(e))); return null; }
  return readRegion(out);
}

/** Bech32 ("secret") form of canonical bytes, or null (error recorded). */
export function addrHumanize(canonical: Uint8Array): string | null {
  const out = outRegion(HUMAN_CAPACITY);
  const e = addr_humanize(<u32>regionOf(canonical), <u32>out);
  if (e != 0) { fail("addr_humanize errored: " + fromUtf8(readRegion(e))); return null; }
  return fromUtf8(readRegion(out));
}
