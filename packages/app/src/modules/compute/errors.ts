import type { CallFailure } from '@scrtd/enclave';
import { CosmosError, ErrorKind, GrpcCode } from '../../errors.js';

const compute = (code: number, d: string, g: number = GrpcCode.Unknown) => new ErrorKind('compute', code, d, g);

/** x/compute's registered errors (secret-protocol §4.3). */
export const ComputeErrors = {
  CreateFailed: compute(15, 'create wasm contract failed'),
  AccountExists: compute(6, 'contract account already exists'),
  InstantiateFailed: compute(2, 'instantiate contract failed'),
  ExecuteFailed: compute(3, 'execute contract failed'),
  QueryFailed: compute(4, 'query contract failed'),
  MigrationFailed: compute(5, 'migrate contract failed'),
  GasLimit: compute(7, 'insufficient gas'),
  InvalidGenesis: compute(8, 'invalid genesis'),
  NotFound: compute(9, 'not found', GrpcCode.NotFound),
  InvalidMsg: compute(10, 'invalid CosmosMsg from the contract'),
  Empty: compute(11, 'empty'),
  Limit: compute(12, 'exceeds limit'),
  Invalid: compute(13, 'invalid', GrpcCode.InvalidArgument),
  Duplicate: compute(14, 'duplicate'),
  SigFailed: compute(16, 'parse signature failed'),
  Unsupported: compute(17, 'unsupported for this contract'),
  UnknownMsg: compute(18, 'unknown message from the contract'),
  ReplyFailed: compute(19, 'reply to contract failed'),
  InvalidEvent: compute(21, 'invalid event'),
  MaxCallDepth: compute(30, 'max call depth exceeded'),
  MaxContractSize: compute(31, 'max contract size exceeded'),
};

/** Thrown when a contract call fails; `failure` keeps the enclave's classification for replies. */
export class ContractCallError extends CosmosError {
  constructor(
    base: CosmosError,
    readonly failure: CallFailure,
  ) {
    super(base.kind, base.message);
  }
}
