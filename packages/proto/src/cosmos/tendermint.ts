// cosmos.base.tendermint.v1beta1 (block / node-info queries) and the CometBFT types they embed.

import { Block as SdkBlock, Header as SdkHeader } from 'cosmjs-types/cosmos/base/tendermint/v1beta1/types';
import { GetBlockByHeightResponse, GetLatestBlockResponse } from 'cosmjs-types/cosmos/base/tendermint/v1beta1/query';
import { Header, Commit, CommitSig, Vote } from 'cosmjs-types/tendermint/types/types';
import { Block } from 'cosmjs-types/tendermint/types/block';
import { Evidence, EvidenceList, DuplicateVoteEvidence, LightClientAttackEvidence } from 'cosmjs-types/tendermint/types/evidence';
import { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
import { SignedMsgType } from 'cosmjs-types/tendermint/types/types';
import { J } from '../json-spec.js';
import type { TypeRegistry } from '../registry.js';

export {
  GetNodeInfoRequest,
  GetNodeInfoResponse,
  VersionInfo,
  Module,
  GetSyncingRequest,
  GetSyncingResponse,
  GetLatestBlockRequest,
  GetLatestBlockResponse,
  GetBlockByHeightRequest,
  GetBlockByHeightResponse,
  GetLatestValidatorSetRequest,
  GetLatestValidatorSetResponse,
  GetValidatorSetByHeightRequest,
  GetValidatorSetByHeightResponse,
  Validator,
  ABCIQueryRequest,
  ABCIQueryResponse,
  ProofOp,
  ProofOps,
} from 'cosmjs-types/cosmos/base/tendermint/v1beta1/query';
export { Block as SdkBlock, Header as SdkHeader } from 'cosmjs-types/cosmos/base/tendermint/v1beta1/types';
export { Block } from 'cosmjs-types/tendermint/types/block';
export { Header, Data, Commit, CommitSig, BlockID, PartSetHeader, Vote, SignedMsgType } from 'cosmjs-types/tendermint/types/types';
export { Evidence, EvidenceList, DuplicateVoteEvidence, LightClientAttackEvidence } from 'cosmjs-types/tendermint/types/evidence';
export { BlockIDFlag } from 'cosmjs-types/tendermint/types/validator';
export { Consensus } from 'cosmjs-types/tendermint/version/types';
export { DefaultNodeInfo, DefaultNodeInfoOther, ProtocolVersion } from 'cosmjs-types/tendermint/p2p/types';

export function registerTendermint(reg: TypeRegistry): void {
  const blockResponse = { fields: { block: J.msg('tendermint.types.Block'), sdkBlock: J.msg('cosmos.base.tendermint.v1beta1.Block') } };
  reg.declare('cosmos.base.tendermint.v1beta1.GetLatestBlockResponse', blockResponse, GetLatestBlockResponse);
  reg.declare('cosmos.base.tendermint.v1beta1.GetBlockByHeightResponse', blockResponse, GetBlockByHeightResponse);
  reg.declare(
    'cosmos.base.tendermint.v1beta1.Block',
    { fields: { header: J.msg('cosmos.base.tendermint.v1beta1.Header'), evidence: J.msg('tendermint.types.EvidenceList'), lastCommit: J.msg('tendermint.types.Commit') } },
    SdkBlock,
  );
  reg.declare('cosmos.base.tendermint.v1beta1.Header', { fields: { time: J.timestamp } }, SdkHeader);

  reg.declare(
    'tendermint.types.Block',
    { fields: { header: J.msg('tendermint.types.Header'), evidence: J.msg('tendermint.types.EvidenceList'), lastCommit: J.msg('tendermint.types.Commit') } },
    Block,
  );
  reg.declare('tendermint.types.Header', { fields: { time: J.timestamp } }, Header);
  reg.declare('tendermint.types.Commit', { fields: { signatures: J.msg('tendermint.types.CommitSig') } }, Commit);
  reg.declare('tendermint.types.CommitSig', { fields: { blockIdFlag: J.enum(BlockIDFlag), timestamp: J.timestamp } }, CommitSig);
  reg.declare('tendermint.types.EvidenceList', { fields: { evidence: J.msg('tendermint.types.Evidence') } }, EvidenceList);
  reg.declare(
    'tendermint.types.Evidence',
    {
      fields: {
        duplicateVoteEvidence: J.oneof(J.msg('tendermint.types.DuplicateVoteEvidence')),
        lightClientAttackEvidence: J.oneof(J.msg('tendermint.types.LightClientAttackEvidence')),
      },
    },
    Evidence,
  );
  reg.declare(
    'tendermint.types.DuplicateVoteEvidence',
    { fields: { voteA: J.msg('tendermint.types.Vote'), voteB: J.msg('tendermint.types.Vote'), timestamp: J.timestamp } },
    DuplicateVoteEvidence,
  );
  reg.declare('tendermint.types.LightClientAttackEvidence', { fields: { timestamp: J.timestamp } }, LightClientAttackEvidence);
  reg.declare('tendermint.types.Vote', { fields: { type: J.enum(SignedMsgType), timestamp: J.timestamp } }, Vote);
}
