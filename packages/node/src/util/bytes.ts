// Byte helpers used across the node: hex/base64 converter pairs, concatenation, big-endian integers.
export * from './convert.js';
export { concatBytes as concat, u64be, readU64be, u32be, readU32be, equalBytes as bytesEqual, compareBytes } from '@scrtd/crypto';
export { prefixEnd } from '@scrtd/store';
