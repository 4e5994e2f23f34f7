// Typed errors carrying the Cosmos (codespace, code) that clients see in tx results and query errors.

/** gRPC status codes used by query handlers (the LCD maps them to HTTP as the gRPC-gateway does). */
export const GrpcCode = {
  OK: 0,
  Unknown: 2,
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Unimplemented: 12,
  Internal: 13,
  Unauthenticated: 16,
} as const;

/** A registered error kind: what `errors.Register(codespace, code, description)` creates in the SDK. */
export class ErrorKind {
  constructor(
    readonly codespace: string,
    readonly code: number,
    readonly description: string,
    readonly grpcCode: number = GrpcCode.Unknown,
  ) {}

  /** `Wrap`: "<detail>: <description>", as errorsmod.Wrap renders it. */
  wrap(detail: string): CosmosError {
    return new CosmosError(this, detail === '' ? this.description : `${detail}: ${this.description}`);
  }

  error(): CosmosError {
    return new CosmosError(this, this.description);
  }
}

export class CosmosError extends Error {
  readonly codespace: string;
  readonly code: number;
  readonly grpcCode: number;
  constructor(readonly kind: ErrorKind, message: string) {
    super(message);
    this.name = 'CosmosError';
    this.codespace = kind.codespace;
    this.code = kind.code;
    this.grpcCode = kind.grpcCode;
  }

  /** Prefix more context, as a second errorsmod.Wrap would ("<detail>: <previous message>"). */
  wrap(detail: string): CosmosError {
    return new CosmosError(this.kind, `${detail}: ${this.message}`);
  }
}

/** An error returned by a gRPC query handler with a status code and no SDK registration (status.Errorf). */
export class GrpcError extends Error {
  constructor(readonly grpcCode: number, message: string) {
    super(message);
    this.name = 'GrpcError';
  }
}

const sdk = (code: number, description: string, grpcCode: number = GrpcCode.Unknown) =>
  new ErrorKind('sdk', code, description, grpcCode);

/** The root codespace errors of cosmos-sdk types/errors (same codes and descriptions). */
export const SdkErrors = {
  TxDecode: sdk(2, 'tx parse error', GrpcCode.InvalidArgument),
  InvalidSequence: sdk(3, 'invalid sequence'),
  Unauthorized: sdk(4, 'unauthorized', GrpcCode.Unauthenticated),
  InsufficientFunds: sdk(5, 'insufficient funds'),
  UnknownRequest: sdk(6, 'unknown request', GrpcCode.InvalidArgument),
  InvalidAddress: sdk(7, 'invalid address', GrpcCode.InvalidArgument),
  InvalidPubKey: sdk(8, 'invalid pubkey', GrpcCode.InvalidArgument),
  UnknownAddress: sdk(9, 'unknown address', GrpcCode.NotFound),
  InvalidCoins: sdk(10, 'invalid coins', GrpcCode.InvalidArgument),
  OutOfGas: sdk(11, 'out of gas', GrpcCode.ResourceExhausted),
  MemoTooLarge: sdk(12, 'memo too large'),
  InsufficientFee: sdk(13, 'insufficient fee'),
  TooManySignatures: sdk(14, 'maximum number of signatures exceeded'),
  NoSignatures: sdk(15, 'no signatures supplied'),
  JSONMarshal: sdk(16, 'failed to marshal JSON bytes'),
  JSONUnmarshal: sdk(17, 'failed to unmarshal JSON bytes'),
  InvalidRequest: sdk(18, 'invalid request', GrpcCode.InvalidArgument),
  TxInMempoolCache: sdk(19, 'tx already in mempool'),
  MempoolIsFull: sdk(20, 'mempool is full'),
  TxTooLarge: sdk(21, 'tx too large'),
  KeyNotFound: sdk(22, 'key not found', GrpcCode.NotFound),
  InvalidSigner: sdk(24, 'tx intended signer does not match the given signer'),
  InvalidHeight: sdk(26, 'invalid height', GrpcCode.InvalidArgument),
  InvalidChainID: sdk(28, 'invalid chain-id'),
  InvalidType: sdk(29, 'invalid type', GrpcCode.InvalidArgument),
  TxTimeoutHeight: sdk(30, 'tx timeout height'),
  UnknownExtensionOptions: sdk(31, 'unknown extension options'),
  WrongSequence: sdk(32, 'incorrect account sequence'),
  UnpackAny: sdk(34, 'failed unpacking protobuf message from Any'),
  Logic: sdk(35, 'internal logic error', GrpcCode.Internal),
  NotSupported: sdk(37, 'feature not supported', GrpcCode.Unimplemented),
  NotFound: sdk(38, 'not found', GrpcCode.NotFound),
  InvalidGasLimit: sdk(41, 'invalid gas limit'),
} as const;

/** The SDK reports unexpected failures (panics) under the "undefined" codespace with code 1. */
export const InternalError = new ErrorKind('undefined', 1, 'internal', GrpcCode.Internal);

/** Normalise anything thrown during tx or query processing into a CosmosError. */
export function toCosmosError(err: unknown): CosmosError {
  if (err instanceof CosmosError) return err;
  if (err instanceof GrpcError) return new CosmosError(new ErrorKind('sdk', 1, err.message, err.grpcCode), err.message);
  const msg = err instanceof Error ? err.message : String(err);
  return InternalError.wrap(msg);
}
