// @scrtd/node: the shell around the Application — mempool, single-validator block driver, block
// store and tx index (aux key space), tx search, the LCD server, and their assembly.
export { createNode, type NodeModules, type ScrtdNode } from './node.js';
export { defaultNodeOptions, type NodeOptions } from './options.js';
export type { GenesisDoc, GenesisValidator } from './genesis.js';
export { defaultBlockParams } from './genesis.js';
export { serveChecks, type CheckerApp, type CheckServiceDeps } from './checker/service.js';
export type { CheckerSpawn } from './checker/remote.js';
export { Mempool, defaultMempoolOptions, MempoolRejection, type MempoolOptions, type CheckTxOutcome, type MempoolStats } from './mempool.js';
export { BlockDriver, maxDataBytes, type DriverOptions, type DriverModules } from './driver.js';
export { BlockStore, type AuxEntry } from './blockstore.js';
export { TxIndex, type TxPosition } from './txindex.js';
export { searchTxs, parseQuery, TxSearchError, type SearchRequest, type SearchResult, type Condition } from './txsearch.js';
export { createLcd, defaultLcdOptions, collapseSlashes, type LcdOptions, type LcdServer, type LcdModules } from './lcd.js';
export { LcdFront, type FrontAddress } from './lcd/front.js';
export { protoGatewayJson, TX_TYPE_URL, type GatewayJson } from './lcd/gateway.js';
export { ApiError, GrpcCode, httpStatusFromGrpc, grpcCodeFromAbci, errorBody } from './lcd/errors.js';
export { SIMULATE_GRPC_PATH } from './lcd/txroutes.js';
export { AuxPrefix } from './keys.js';
export type { StoredBlock, StoredBlockResults, TxRecord, ConsensusState } from './records.js';
export { createLogger, silentLogger, type Logger, type LogLevel, type LogContext } from './logger.js';
export { createValidatorKey, ed25519Address, type ValidatorKey } from './consensus/key.js';
export { headerHash, dataHash, validatorsHash, commitHash, encodeBlock, partSetHeader } from './consensus/encoding.js';
export { voteSignBytes, SignedMsgType } from './consensus/vote.js';
export type { Header, Block, BlockID, Commit, CommitSig, Validator } from './consensus/types.js';
export { formatRfc3339Nano, parseRfc3339, systemClock, type Clock } from './util/time.js';
