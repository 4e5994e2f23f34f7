// cosmos.base.abci.v1beta1 results (TxResponse, TxMsgData, …) and the CometBFT ABCI event types.
// All render by inference: TxResponse.tx is an Any, everything else is scalar or plain nested.

export {
  TxResponse,
  ABCIMessageLog,
  StringEvent,
  Attribute,
  GasInfo,
  Result,
  SimulationResponse,
  MsgData,
  TxMsgData,
  SearchTxsResult,
  SearchBlocksResult,
} from 'cosmjs-types/cosmos/base/abci/v1beta1/abci';
export { Event, EventAttribute, ExecTxResult } from 'cosmjs-types/tendermint/abci/types';
