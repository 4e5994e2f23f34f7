// The default ante handler of SDK 0.50, decorator by decorator, in the SDK's order.
import { ModeInfo, Secp256k1PubKey, SignMode, type Any } from '../proto.js';
import { pubkeyToAddress, toBase64 } from '@scrtd/crypto';
import type { VerifiedSignatureCache } from './sigcache.js';
import type { Context } from '../context.js';
import type { DecodedTx } from '../tx/decode.js';
import { signDigest } from '../tx/signing.js';
import { CosmosError, SdkErrors } from '../errors.js';
import { bech32Address, parseAddress } from '../addresses.js';
import { coinsFromProto, coinsString, requiredFee, validateCoins, type Coin, type DecCoin } from '../coins.js';
import { attr } from '../events.js';
import { bytesEqual, latin1 } from '../binary.js';
import type { AuthKeeper, Account } from '../modules/auth/keeper.js';
import type { BankKeeper } from '../modules/bank/keeper.js';

export const SECP256K1_PUBKEY_URL = '/cosmos.crypto.secp256k1.PubKey';
export const ED25519_PUBKEY_URL = '/cosmos.crypto.ed25519.PubKey';
export const FEE_COLLECTOR = 'fee_collector';
const MAX_GAS_WANTED = (1n << 63n) - 1n;

/** A well-formed placeholder key the SDK uses when simulating a tx whose signer has no key yet. */
const SIM_SECP256K1_PUBKEY = Uint8Array.from(Buffer.from('035AD6810A47F073553FF30D2FCC7E0D3B1C0B74B61A1AAA2582344037151E143A', 'hex'));

export interface AnteDeps {
  auth: AuthKeeper;
  bank: BankKeeper;
  minGasPrices: readonly DecCoin[];
  sigCache: VerifiedSignatureCache;
}

export interface AnteResult {
  /** Mempool priority: the lowest fee-per-gas among the fee coins. */
  priority: bigint;
  feePayer: Uint8Array;
}

function decodeSecp256k1(any: Any | undefined): Uint8Array | undefined {
  if (!any) return undefined;
  if (any.typeUrl === SECP256K1_PUBKEY_URL) {
    const key = Secp256k1PubKey.decode(any.value).key;
    if (key.length !== 33) throw SdkErrors.InvalidPubKey.wrap(`invalid secp256k1 public key length ${key.length}`);
    return key;
  }
  if (any.typeUrl === ED25519_PUBKEY_URL) throw SdkErrors.InvalidPubKey.wrap('ed25519 public keys are unsupported');
  throw SdkErrors.InvalidPubKey.wrap(`unrecognized public key type: ${any.typeUrl}`);
}

/**
 * decodeSecp256k1 of signer i's public key in the tx, memoised on the decoded tx (a pure function of
 * its bytes, needed by preverify and by the ante handler in CheckTx, recheck and FinalizeBlock).
 * Only successful decodings are kept, so errors are raised exactly as before.
 */
function signerPubkey(tx: DecodedTx, i: number): Uint8Array | undefined {
  const memo = (tx.signerPubkeys ??= []);
  const hit = memo[i];
  if (hit !== undefined) return hit;
  const pk = decodeSecp256k1(tx.authInfo.signerInfos[i]!.publicKey);
  if (pk !== undefined) memo[i] = pk;
  return pk;
}

function singleMode(mi: ModeInfo | undefined): SignMode {
  if (!mi?.single) throw SdkErrors.NotSupported.wrap('multisignature mode info is not supported');
  return mi.single.mode;
}

const pubkeyAddresses = new Map<string, Uint8Array>();

/** pubkeyToAddress, memoised (two hashes per signer per tx otherwise). */
export function addressOfPubkey(pk: Uint8Array): Uint8Array {
  const k = latin1(pk);
  let a = pubkeyAddresses.get(k);
  if (!a) {
    if (pubkeyAddresses.size >= 100_000) pubkeyAddresses.clear();
    pubkeyAddresses.set(k, (a = pubkeyToAddress(pk)));
  }
  return a;
}

export function runAnte(ctx: Context, tx: DecodedTx, deps: AnteDeps): AnteResult {
  const { auth, bank } = deps;
  const { body, authInfo, raw } = tx;
  const simulate = ctx.isSimulate;

  // ExtensionOptionsDecorator
  if (body.extensionOptions.length > 0) throw SdkErrors.UnknownExtensionOptions.error();

  // ValidateBasicDecorator (tx.ValidateBasic + validateBasicTxMsgs)
  if (tx.msgs.length === 0) throw SdkErrors.InvalidRequest.wrap('must contain at least one message');
  const fee = authInfo.fee;
  if (!fee) throw SdkErrors.TxDecode.wrap('missing fee');
  if (fee.gasLimit > MAX_GAS_WANTED) throw SdkErrors.InvalidRequest.wrap(`invalid gas supplied; ${fee.gasLimit} > ${MAX_GAS_WANTED}`);
  // Parsed once per decoded tx (a pure function of its bytes; never modified), like its sign digests.
  let feeCoins = tx.feeCoins;
  if (feeCoins === undefined) {
    try {
      feeCoins = coinsFromProto(fee.amount);
    } catch {
      throw SdkErrors.InsufficientFee.wrap(`invalid fee provided: ${fee.amount.map((c) => c.amount + c.denom).join(',')}`);
    }
    tx.feeCoins = feeCoins;
  }
  if (feeCoins.some((c) => c.amount < 0n)) throw SdkErrors.InsufficientFee.wrap(`invalid fee provided: ${coinsString(feeCoins)}`);
  if (fee.payer !== '') {
    try {
      parseAddress(fee.payer);
    } catch (e) {
      throw SdkErrors.InvalidAddress.wrap(`Invalid fee payer address (${(e as Error).message})`);
    }
  }
  if (raw.signatures.length === 0) throw SdkErrors.NoSignatures.error();
  if (raw.signatures.length !== tx.signers.length) {
    throw SdkErrors.Unauthorized.wrap(`wrong number of signers; expected ${tx.signers.length}, got ${raw.signatures.length}`);
  }
  if (authInfo.signerInfos.length !== tx.signers.length) {
    throw SdkErrors.Unauthorized.wrap(`invalid number of signer;  expected: ${tx.signers.length}, got ${authInfo.signerInfos.length}`);
  }

  // TxTimeoutHeightDecorator
  if (body.timeoutHeight > 0n && BigInt(ctx.header.height) > body.timeoutHeight) {
    throw SdkErrors.TxTimeoutHeight.wrap(`block height: ${ctx.header.height}, timeout height: ${body.timeoutHeight}`);
  }

  const params = auth.getParams(ctx);

  // ValidateMemoDecorator (Go's len() counts bytes)
  const memoLen = Buffer.byteLength(body.memo, 'utf8');
  if (BigInt(memoLen) > params.maxMemoCharacters) {
    throw SdkErrors.MemoTooLarge.wrap(`maximum number of characters is ${params.maxMemoCharacters} but received ${memoLen} characters`);
  }

  // ConsumeGasForTxSizeDecorator
  const perByte = Number(params.txSizeCostPerByte);
  ctx.gasMeter.consume(perByte * tx.bytes.length, 'txSize');
  if (simulate) {
    // The SDK adds the size of a placeholder amino StdSignature per signer so the estimate covers real signatures.
    for (let i = 0; i < tx.signers.length; i++) ctx.gasMeter.consume(perByte * SIM_SIGNATURE_AMINO_BYTES, 'txSize');
  }

  // DeductFeeDecorator
  const bad = feeCoins.length > 0 ? validateCoins(feeCoins) : undefined;
  if (bad) throw SdkErrors.InsufficientFee.wrap(`invalid fee amount: ${coinsString(feeCoins)}`);
  if (ctx.isCheckTx && !simulate && deps.minGasPrices.length > 0 && !meetsMinGasPrices(deps.minGasPrices, fee.gasLimit, feeCoins)) {
    const required = deps.minGasPrices.map((p) => requiredFee(p, fee.gasLimit)).filter((c) => c.amount > 0n);
    throw SdkErrors.InsufficientFee.wrap(`insufficient fees; got: ${coinsString(feeCoins)} required: ${coinsString(required)}`);
  }
  if (fee.granter !== '') throw SdkErrors.InvalidRequest.wrap('fee grants are not enabled');
  const feePayer = fee.payer !== '' ? parseAddress(fee.payer) : tx.signers[0]!;
  if (!auth.hasAccount(ctx, feePayer)) throw SdkErrors.UnknownAddress.wrap(`fee payer address: ${bech32Address(feePayer)} does not exist`);
  if (feeCoins.length > 0) {
    try {
      bank.sendCoinsFromAccountToModule(ctx, feePayer, FEE_COLLECTOR, feeCoins);
    } catch (e) {
      if (!(e instanceof CosmosError)) throw e;
      throw SdkErrors.InsufficientFunds.wrap(e.message);
    }
  }
  ctx.events.emit({ type: 'tx', attributes: [attr('fee', coinsString(feeCoins)), attr('fee_payer', bech32Address(feePayer))] });

  // SetPubKeyDecorator
  const accounts: Account[] = [];
  const pubkeys: Uint8Array[] = [];
  for (let i = 0; i < tx.signers.length; i++) {
    const signer = tx.signers[i]!;
    const acc = auth.getAccount(ctx, signer);
    if (!acc) throw SdkErrors.UnknownAddress.wrap(`account ${bech32Address(signer)} does not exist`);
    const info = authInfo.signerInfos[i]!;
    let pk = signerPubkey(tx, i);
    if (!pk) {
      if (simulate) pk = SIM_SECP256K1_PUBKEY;
      else if (acc.pubKey) pk = decodeSecp256k1(acc.pubKey)!;
      else throw SdkErrors.InvalidPubKey.wrap('pubkey on account is not set');
    }
    if (!simulate && !bytesEqual(addressOfPubkey(pk), signer)) {
      throw SdkErrors.InvalidPubKey.wrap(`pubKey does not match signer address ${bech32Address(signer)} with signer index: ${i}`);
    }
    if (!acc.pubKey && info.publicKey) acc.pubKey = info.publicKey;
    accounts.push(acc);
    pubkeys.push(pk);
  }
  // The base64 signatures are a pure function of the tx: computed once, shared by CheckTx and FinalizeBlock.
  const sigsB64 = (tx.signaturesBase64 ??= raw.signatures.map((s) => toBase64(s)));
  for (let i = 0; i < tx.signers.length; i++) {
    ctx.events.emit({ type: 'tx', attributes: [attr('acc_seq', `${bech32Address(tx.signers[i]!)}/${authInfo.signerInfos[i]!.sequence}`)] });
    ctx.events.emit({ type: 'tx', attributes: [attr('signature', sigsB64[i]!)] });
  }

  // ValidateSigCountDecorator
  if (BigInt(tx.signers.length) > params.txSigLimit) {
    throw SdkErrors.TooManySignatures.wrap(`signatures: ${tx.signers.length}, limit: ${params.txSigLimit}`);
  }

  // SigGasConsumeDecorator
  for (let i = 0; i < tx.signers.length; i++) ctx.gasMeter.consume(Number(params.sigVerifyCostSecp256k1), 'ante verify: secp256k1');

  // SigVerificationDecorator
  for (let i = 0; i < tx.signers.length; i++) {
    const acc = accounts[i]!;
    const info = authInfo.signerInfos[i]!;
    if (info.sequence !== acc.sequence) {
      throw SdkErrors.WrongSequence.wrap(`account sequence mismatch, expected ${acc.sequence}, got ${info.sequence}`);
    }
    if (simulate) continue;
    const mode = singleMode(info.modeInfo);
    const digest = signDigest(tx, mode, { chainId: ctx.chainId, accountNumber: acc.accountNumber, sequence: acc.sequence });
    if (!deps.sigCache.verify(digest, raw.signatures[i]!, pubkeys[i]!)) {
      const detail =
        mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON
          ? `signature verification failed; please verify account number (${acc.accountNumber}), sequence (${acc.sequence}) and chain-id (${ctx.chainId})`
          : `signature verification failed; please verify account number (${acc.accountNumber}) and chain-id (${ctx.chainId})`;
      throw SdkErrors.Unauthorized.wrap(detail);
    }
  }

  // IncrementSequenceDecorator
  for (const acc of accounts) {
    acc.sequence += 1n;
    auth.setAccount(ctx, acc);
  }

  return { priority: txPriority(feeCoins, fee.gasLimit), feePayer };
}

/**
 * The signature checks a tx will need, computed from the current state without changing it (used to
 * verify signatures ahead of time on worker threads). Anything unusual is skipped: the ante handler
 * verifies it inline and reports the error.
 */
export function collectSigChecks(
  ctx: Context,
  tx: DecodedTx,
  auth: AuthKeeper,
  /**
   * Account numbers seen before (latin1 address → number), to skip the account read for a signer's
   * next txs. A stale number would only make the check fail on the worker, and the ante handler
   * would then verify inline: pre-verification never decides an outcome.
   */
  accountNumbers?: Map<string, bigint>,
): { digest: Uint8Array; signature: Uint8Array; pubkey: Uint8Array }[] {
  const out: { digest: Uint8Array; signature: Uint8Array; pubkey: Uint8Array }[] = [];
  for (let i = 0; i < tx.signers.length; i++) {
    const info = tx.authInfo.signerInfos[i];
    const signature = tx.raw.signatures[i];
    if (!info || !signature || !info.modeInfo?.single) continue;
    try {
      const signer = tx.signers[i]!;
      const key = accountNumbers ? latin1(signer) : '';
      let pubkey = signerPubkey(tx, i);
      let accountNumber = pubkey ? accountNumbers?.get(key) : undefined;
      if (accountNumber === undefined) {
        const acc = auth.getAccount(ctx, signer);
        if (!acc) continue;
        pubkey ??= decodeSecp256k1(acc.pubKey);
        accountNumber = acc.accountNumber;
        if (accountNumbers) {
          if (accountNumbers.size >= 100_000) accountNumbers.clear();
          accountNumbers.set(key, accountNumber);
        }
      }
      if (!pubkey) continue;
      const digest = signDigest(tx, info.modeInfo.single.mode, { chainId: ctx.chainId, accountNumber, sequence: info.sequence });
      out.push({ digest, signature, pubkey });
    } catch {
      // Malformed input: leave it to the ante handler.
    }
  }
  return out;
}


/** Bytes of an amino-encoded StdSignature with a secp256k1 key and a 64-byte signature (SDK simulate). */
const SIM_SIGNATURE_AMINO_BYTES = 2 + 38 + 2 + 64;

/**
 * Whether the fee covers at least one non-zero required fee (or none is required): the check of
 * DeductFeeDecorator, without building the required-fee list unless it fails (then the caller
 * builds it for the message).
 */
function meetsMinGasPrices(prices: readonly DecCoin[], gasLimit: bigint, feeCoins: readonly Coin[]): boolean {
  let anyRequired = false;
  for (const p of prices) {
    const r = requiredFee(p, gasLimit);
    if (r.amount <= 0n) continue;
    anyRequired = true;
    for (const f of feeCoins) if (f.denom === r.denom && f.amount >= r.amount) return true;
  }
  return !anyRequired;
}

/** The SDK's default getTxPriority: min over fee coins of amount / gas. */
function txPriority(fee: readonly Coin[], gas: bigint): bigint {
  let priority: bigint | undefined;
  for (const c of fee) {
    const p = gas > 0n ? c.amount / gas : c.amount;
    if (priority === undefined || p < priority) priority = p;
  }
  return priority ?? 0n;
}
