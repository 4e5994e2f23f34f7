// LCD errors in the gRPC-gateway shape {code, message, details}, with the gateway's HTTP status for
// each gRPC code, and the one table mapping app query errors (ABCI codespace/code) to gRPC codes.

export const GrpcCode = {
  OK: 0,
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
} as const;

/** grpc-gateway v1 runtime.HTTPStatusFromCode (the version SDK 0.50 serves through). */
export function httpStatusFromGrpc(code: number): number {
  switch (code) {
    case GrpcCode.OK:
      return 200;
    case GrpcCode.Canceled:
      return 408;
    case GrpcCode.InvalidArgument:
    case GrpcCode.FailedPrecondition: // deliberately not 412, as in the gateway
    case GrpcCode.OutOfRange:
      return 400;
    case GrpcCode.DeadlineExceeded:
      return 504;
    case GrpcCode.NotFound:
      return 404;
    case GrpcCode.AlreadyExists:
    case GrpcCode.Aborted:
      return 409;
    case GrpcCode.PermissionDenied:
      return 403;
    case GrpcCode.Unauthenticated:
      return 401;
    case GrpcCode.ResourceExhausted:
      return 429;
    case GrpcCode.Unimplemented:
      return 501;
    case GrpcCode.Unavailable:
      return 503;
    default: // Unknown, Internal, DataLoss
      return 500;
  }
}

/** An error the LCD answers with. `httpStatus` overrides the gateway mapping (413, 414). */
export class ApiError extends Error {
  constructor(
    readonly grpcCode: number,
    message: string,
    readonly httpStatus: number = httpStatusFromGrpc(grpcCode),
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ErrorBody {
  code: number;
  message: string;
  details: unknown[];
}

export function errorBody(code: number, message: string): ErrorBody {
  return { code, message, details: [] };
}

/**
 * ABCI query error (codespace, code) → gRPC code. The app turns handler errors into ABCI codes the
 * way baseapp's gRPCErrorToSDKError does (NotFound → sdk 22, InvalidArgument → sdk 18, …); this is
 * the way back, following the gRPC codes the SDK registers its root errors with. Anything not
 * listed is Unknown (HTTP 500) with the log as message, as the gateway reports unregistered errors.
 * Used only when ResponseQuery.grpcCode is 0 (the app did not state the gRPC code itself).
 */
const ABCI_TO_GRPC: Readonly<Record<string, Readonly<Record<number, number>>>> = {
  sdk: {
    2: GrpcCode.InvalidArgument, // ErrTxDecode
    4: GrpcCode.Unauthenticated, // ErrUnauthorized
    6: GrpcCode.InvalidArgument, // ErrUnknownRequest
    7: GrpcCode.InvalidArgument, // ErrInvalidAddress
    8: GrpcCode.InvalidArgument, // ErrInvalidPubKey
    9: GrpcCode.NotFound, // ErrUnknownAddress
    10: GrpcCode.InvalidArgument, // ErrInvalidCoins
    11: GrpcCode.ResourceExhausted, // ErrOutOfGas
    18: GrpcCode.InvalidArgument, // ErrInvalidRequest
    22: GrpcCode.NotFound, // ErrKeyNotFound
    26: GrpcCode.InvalidArgument, // ErrInvalidHeight
    29: GrpcCode.InvalidArgument, // ErrInvalidType
    35: GrpcCode.Internal, // ErrLogic
    37: GrpcCode.Unimplemented, // ErrNotSupported
    38: GrpcCode.NotFound, // ErrNotFound
  },
  undefined: {
    1: GrpcCode.Internal, // a panic in the handler
  },
};

export function grpcCodeFromAbci(codespace: string, code: number): number {
  return ABCI_TO_GRPC[codespace]?.[code] ?? GrpcCode.Unknown;
}

/** Whatever was thrown → ApiError: errors carrying a numeric `grpcCode` keep it, others are Internal. */
export function toApiError(e: unknown, fallbackCode: number = GrpcCode.Internal): ApiError {
  if (e instanceof ApiError) return e;
  const code = (e as { grpcCode?: unknown } | null)?.grpcCode;
  const message = e instanceof Error ? e.message : String(e);
  if (typeof code === 'number' && code > 0 && code <= 16) return new ApiError(code, message);
  return new ApiError(fallbackCode, message);
}
