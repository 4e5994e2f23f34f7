// SNIP-24 query permits: a secp256k1 signature over an amino-JSON StdSignDoc that names the
// tokens and permissions granted, letting a user authenticate a query without a viewing key.
import { JsonValue, JsonWriter } from "./json";
import { sha256, ripemd160, secp256k1Verify } from "./crypto";
import { addrHumanize } from "./address";
import { storageHas, storageSet } from "./storage";
import { utf8, concat3, newBytes } from "./bytes";
import { fail } from "./errors";

export const PERMIT_PUBKEY_TYPE = "tendermint/PubKeySecp256k1";
/** Default storage prefix of revoked permits. */
export const REVOKED_PERMIT_PREFIX = "rp";

function stringArray(v: JsonValue | null, what: string): Array<string> | null {
  if (v === null || !v.isArray) { fail("invalid permit: " + what + " must be an array of strings"); return null; }
  const out = new Array<string>();
  for (let i = 0; i < v.length; i++) {
    const s = v.at(i);
    if (!s.isString) { fail("invalid permit: " + what + " must be an array of strings"); return null; }
    out.push(s.str());
  }
  return out;
}

function revokedKey(account: string, name: string, prefix: string): Uint8Array {
  const a = utf8(account);
  const len = newBytes(1);
  len[0] = <u8>a.length;
  return concat3(utf8(prefix), concat3(len, a, newBytes(0)), utf8(name));
}

export class Permit {
  name: string = "";
  allowedTokens: Array<string> = [];
  chainId: string = "";
  permissions: Array<string> = [];
  pubkey: Uint8Array = newBytes(0);
  signature: Uint8Array = newBytes(0);

  /** Parses `{"params":{permit_name, allowed_tokens, chain_id, permissions}, "signature":{pub_key:{type,value}, signature}}`. */
  static parse(v: JsonValue): Permit | null {
    const p = new Permit();
    const params = v.get("params");
    const sig = v.get("signature");
    if (params === null || sig === null || !params.isObject || !sig.isObject) { fail("invalid permit: expected params and signature"); return null; }
    const name = params.get("permit_name");
    const chain = params.get("chain_id");
    if (name === null || !name.isString || chain === null || !chain.isString) { fail("invalid permit: missing permit_name or chain_id"); return null; }
    p.name = name.str();
    p.chainId = chain.str();
    const tokens = stringArray(params.get("allowed_tokens"), "allowed_tokens");
    if (tokens === null) return null;
    p.allowedTokens = tokens;
    const perms = stringArray(params.get("permissions"), "permissions");
    if (perms === null) return null;
    p.permissions = perms;
    const pk = sig.get("pub_key");
    if (pk === null || !pk.isObject) { fail("invalid permit: missing pub_key"); return null; }
    const t = pk.get("type");
    if (t === null || !t.equals(PERMIT_PUBKEY_TYPE)) { fail("invalid permit: unsupported public key type"); return null; }
    const value = pk.get("value");
    const key: Uint8Array | null = value === null ? null : value.toBinary();
    if (key === null || key.length != 33) { fail("invalid permit: public key must be 33 bytes of base64"); return null; }
    p.pubkey = key;
    const s = sig.get("signature");
    const sigBytes: Uint8Array | null = s === null ? null : s.toBinary();
    if (sigBytes === null || sigBytes.length != 64) { fail("invalid permit: signature must be 64 bytes of base64"); return null; }
    p.signature = sigBytes;
    return p;
  }

  hasPermission(permission: string): bool {
    for (let i = 0; i < this.permissions.length; i++) if (unchecked(this.permissions[i]) == permission) return true;
    return false;
  }

  allowsToken(address: string): bool {
    for (let i = 0; i < this.allowedTokens.length; i++) if (unchecked(this.allowedTokens[i]) == address) return true;
    return false;
  }

  /** The signed bytes: the amino-JSON StdSignDoc with sorted keys, compact. */
  signDoc(): Uint8Array {
    const w = new JsonWriter(384);
    w.beginObject().fieldString("account_number", "0").fieldString("chain_id", this.chainId);
    w.key("fee").beginObject().key("amount").beginArray();
    w.beginObject().fieldString("amount", "0").fieldString("denom", "uscrt").endObject();
    w.endArray().fieldString("gas", "1").endObject();
    w.fieldString("memo", "").key("msgs").beginArray().beginObject().fieldString("type", "query_permit");
    w.key("value").beginObject().key("allowed_tokens").beginArray();
    for (let i = 0; i < this.allowedTokens.length; i++) w.string(unchecked(this.allowedTokens[i]));
    w.endArray().key("permissions").beginArray();
    for (let i = 0; i < this.permissions.length; i++) w.string(unchecked(this.permissions[i]));
    w.endArray().fieldString("permit_name", this.name).endObject();
    w.endObject().endArray().fieldString("sequence", "0").endObject();
    return w.toBytes();
  }

  /** bech32("secret", ripemd160(sha256(pubkey))) via the host. */
  signerAddress(): string | null {
    return addrHumanize(ripemd160(sha256(this.pubkey)));
  }

  /**
   * Full check for a query on `contractAddress`: the permit names this contract, was made for
   * `chainId`, grants `permission`, carries a valid signature and was not revoked. Returns the
   * signer's address, or null (error recorded).
   */
  verify(contractAddress: string, chainId: string, permission: string, revokedPrefix: string = REVOKED_PERMIT_PREFIX): string | null {
    if (!this.allowsToken(contractAddress)) { fail("Permit doesn't apply to token \"" + contractAddress + "\""); return null; }
    if (this.chainId != chainId) { fail("Permit was made for chain \"" + this.chainId + "\", not \"" + chainId + "\""); return null; }
    if (!this.hasPermission(permission)) { fail("No permission to query \"" + permission + "\""); return null; }
    if (!secp256k1Verify(sha256(this.signDoc()), this.signature, this.pubkey)) { fail("Failed to verify signatures for the given permit"); return null; }
    const signer = this.signerAddress();
    if (signer === null) return null;
    if (storageHas(revokedKey(signer, this.name, revokedPrefix))) {
      { fail("Permit \"" + this.name + "\" was revoked by account \"" + signer + "\""); return null; }
    }
    return signer;
  }
}

/** Marks `name` revoked for `account` (an execute handler calls this for the sender). */
export function revokePermit(account: string, name: string, prefix: string = REVOKED_PERMIT_PREFIX): void {
  const one = newBytes(1);
  one[0] = 1;
  storageSet(revokedKey(account, name, prefix), one);
}
