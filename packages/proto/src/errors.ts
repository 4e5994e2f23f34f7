// Typed error for everything this package refuses to decode, resolve or render.

export type ProtoErrorCode =
  | 'unresolved_type' // type URL not in the registry (or not allowed inside an Any)
  | 'decode' // malformed protobuf bytes
  | 'json' // value that cannot be rendered as gateway JSON
  | 'amino'; // no amino converter for a type URL

export class ProtoError extends Error {
  override readonly name = 'ProtoError';
  constructor(
    readonly code: ProtoErrorCode,
    message: string,
    readonly typeUrl?: string,
  ) {
    super(message);
  }
}

/** The SDK wording for an Any whose type URL its interface registry does not know. */
export function unresolvedTypeError(typeUrl: string): ProtoError {
  return new ProtoError('unresolved_type', `unable to resolve type URL ${typeUrl}: tx parse error`, typeUrl);
}
