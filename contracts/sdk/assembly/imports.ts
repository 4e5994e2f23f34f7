// The host functions of the v1 API (secret-protocol §7.4), module "env". Only what the SDK uses is
// declared; every argument and result pointer is a Region pointer.

// @ts-ignore: decorator
@external("env", "db_read")
export declare function db_read(key: u32): u32;
// @ts-ignore: decorator
@external("env", "db_write")
export declare function db_write(key: u32, value: u32): void;
// @ts-ignore: decorator
@external("env", "db_remove")
export declare function db_remove(key: u32): void;
// @ts-ignore: decorator
@external("env", "addr_validate")
export declare function addr_validate(human: u32): u32;
// @ts-ignore: decorator
@external("env", "addr_canonicalize")
export declare function addr_canonicalize(human: u32, canonOut: u32): u32;
// @ts-ignore: decorator
@external("env", "addr_humanize")
export declare function addr_humanize(canon: u32, humanOut: u32): u32;
// @ts-ignore: decorator
@external("env", "secp256k1_verify")
export declare function secp256k1_verify(hash: u32, sig: u32, pubkey: u32): u32;
// @ts-ignore: decorator
@external("env", "secp256k1_recover_pubkey")
export declare function secp256k1_recover_pubkey(hash: u32, sig: u32, recoveryParam: u32): u64;
// @ts-ignore: decorator
@external("env", "ed25519_verify")
export declare function ed25519_verify(msg: u32, sig: u32, pubkey: u32): u32;
// @ts-ignore: decorator
@external("env", "debug")
export declare function debug(msg: u32): void;
// @ts-ignore: decorator
@external("env", "query_chain")
export declare function query_chain(request: u32): u32;
// @ts-ignore: decorator
@external("env", "check_gas")
export declare function check_gas(): u64;
// @ts-ignore: decorator
@external("env", "gas_evaporate")
export declare function gas_evaporate(n: u32): u32;
