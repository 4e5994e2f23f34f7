import { ErrorKind, GrpcCode } from '../../errors.js';

const bank = (code: number, d: string, g: number = GrpcCode.Unknown) => new ErrorKind('bank', code, d, g);

/** x/bank's registered errors. */
export const BankErrors = {
  NoInputs: bank(2, 'no inputs to send transaction'),
  NoOutputs: bank(3, 'no outputs to send transaction'),
  InputOutputMismatch: bank(4, 'sum inputs != sum outputs'),
  SendDisabled: bank(5, 'send transactions are disabled'),
  DenomMetadataNotFound: bank(6, 'client denom metadata not found', GrpcCode.NotFound),
  InvalidKey: bank(7, 'invalid key'),
  DuplicateEntry: bank(8, 'duplicate entry'),
  MultipleSenders: bank(9, 'multiple senders not allowed'),
};
