// Viewing keys (SNIP-20 style): a secret a user sets or has the contract generate, stored only as
// sha256(key) under `prefix ‖ account`, and compared without early exit.
import { sha256 } from "./crypto";
import { storageGet, storageSet } from "./storage";
import { utf8, concat, constantTimeEqual, u64ToBE8, newBytes } from "./bytes";
import { base64Encode } from "./base64";
import { Env } from "./env";

/** Default storage prefix of viewing-key hashes. */
export const VIEWING_KEY_PREFIX = "vk";

export class ViewingKey {
  /** Stores sha256(key) for `account` (any stable byte form of the address, e.g. canonical). */
  static set(account: Uint8Array, key: string, prefix: string = VIEWING_KEY_PREFIX): void {
    storageSet(concat(utf8(prefix), account), sha256(utf8(key)));
  }

  /** Whether `key` is the viewing key of `account`. False when none is set (still hashes, so timing matches). */
  static check(account: Uint8Array, key: string, prefix: string = VIEWING_KEY_PREFIX): bool {
    const stored = storageGet(concat(utf8(prefix), account));
    const hash = sha256(utf8(key));
    if (stored === null) {
      constantTimeEqual(hash, newBytes(32).fill(0));
      return false;
    }
    return constantTimeEqual(hash, stored);
  }

  /**
   * A new random key: "api_key_" + base64(sha256(seed ‖ env.block.random? ‖ height ‖ time ‖
   * sender ‖ entropy)). `seed` is contract-held secret material (e.g. saved at instantiate).
   */
  static generate(env: Env, sender: string, entropy: string, seed: Uint8Array): string {
    let material = seed;
    const random = env.random;
    if (random !== null) material = concat(material, random);
    material = concat(material, u64ToBE8(env.blockHeight));
    material = concat(material, u64ToBE8(env.blockTime));
    material = concat(material, utf8(sender));
    material = concat(material, utf8(entropy));
    return "api_key_" + base64Encode(sha256(material));
  }
}
