// Shared Cosmos / google.protobuf building blocks: Any, coins, pagination, well-known types, pubkeys.

import { Coin, DecCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
import { PubKey as Secp256k1PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
import { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
import { LegacyAminoPubKey } from 'cosmjs-types/cosmos/crypto/multisig/keys';
import { J } from '../json-spec.js';
import type { TypeRegistry } from '../registry.js';

export { BinaryReader, BinaryWriter } from 'cosmjs-types/binary';
export { Any } from 'cosmjs-types/google/protobuf/any';
export { Timestamp } from 'cosmjs-types/google/protobuf/timestamp';
export { Duration } from 'cosmjs-types/google/protobuf/duration';
export { Coin, DecCoin } from 'cosmjs-types/cosmos/base/v1beta1/coin';
export { PageRequest, PageResponse } from 'cosmjs-types/cosmos/base/query/v1beta1/pagination';
export { PubKey as Secp256k1PubKey } from 'cosmjs-types/cosmos/crypto/secp256k1/keys';
export { PubKey as Ed25519PubKey } from 'cosmjs-types/cosmos/crypto/ed25519/keys';
export { LegacyAminoPubKey } from 'cosmjs-types/cosmos/crypto/multisig/keys';

export function registerBase(reg: TypeRegistry): void {
  reg.register('/cosmos.crypto.secp256k1.PubKey', Secp256k1PubKey);
  reg.register('/cosmos.crypto.ed25519.PubKey', Ed25519PubKey);
  reg.register('/cosmos.crypto.multisig.LegacyAminoPubKey', LegacyAminoPubKey);
  reg.declare('cosmos.base.v1beta1.Coin', {}, Coin);
  reg.declare('cosmos.base.v1beta1.DecCoin', { fields: { amount: J.dec } }, DecCoin);
}
