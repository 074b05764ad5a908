/**
 * Staking at L233 (subtensor e2b8367b8, `staking/add_stake.rs`, `remove_stake.rs`,
 * `move_stake.rs`, `stake_utils.rs`, `helpers.rs`): the extrinsics with the runtime's checks in
 * the runtime's order and its `Error` variants. A rejected call returns `{ ok: false, error }`
 * and changes nothing (the runtime rolls a failed extrinsic back).
 *
 * Amounts: `add_stake` takes TAO rao, the others alpha rao. Fee: the flat `DefaultStakingFee`
 * (50,000 rao) on add/remove, half of it on each leg of move/transfer/swap, none on the restake
 * leg of `unstake_all_alpha`; fees go into `SubnetTAO` without minting alpha.
 *
 * Share pools are in `sharePool.ts`, stake weights in `stakeWeights.ts` (re-exported here).
 */
import type { Arith } from '../../math/arith.ts';
import type { AccountId, NetworkState, Netuid } from '../../state/types.ts';
import { RuntimeError, type ActionResult } from '../runtimeError.ts';
import { canRemoveBalance, depositBalance, recordLostTao, withdrawBalance, withdrawableAmount } from './balances.ts';
import { type ChildkeyScheduler, totalStakeForHotkey } from './childkeys.ts';
import {
  maxAmountAdd,
  maxAmountMove,
  maxAmountRemove,
  simSwapAlphaForTao,
  simSwapTaoForAlpha,
  swapAlphaForTao,
  swapTaoForAlpha,
} from './pool.ts';
import { decreaseStake, increaseStake, stakeOf } from './sharePool.ts';
import { coldkeyOwnsHotkey, hotkeyExists } from './util.ts';

export { shareValue, stakeOf, tryShareValue, updateValueForAll, updateValueForOne } from './sharePool.ts';
export { epochStakeArgument, inheritedAlpha, inheritedTao, stakeWeightForHotkey, stakeWeights } from './stakeWeights.ts';

/** L233 storage the shared state does not hold, read by the staking calls. */
export interface StakeOptions {
  /** `NominatorMinRequiredStake` (default 0: small nominations are never cleared) */
  nominatorMinRequiredStake?: bigint;
  /** `TransferToggle(netuid)` (default true) */
  transferToggle?: (netuid: Netuid) => boolean;
  /** `PendingChildKeys`: removed for a hotkey whose total stake falls below `StakeThreshold` */
  childkeys?: ChildkeyScheduler;
}

const fail = (variant: string, details?: string) => ({ ok: false as const, error: new RuntimeError(variant, details) });

// ---------------------------------------------------------------------------------------------
// Internal movements (stake_utils.rs)
// ---------------------------------------------------------------------------------------------

/** What `stake_into_subnet` did. */
export interface StakeIntoSubnetOutcome<N> {
  /** TAO swapped (input − fee) */
  taoStaked: N;
  alpha: N;
  fee: N;
  /** TAO that went nowhere because the pool refused the swap */
  taoLost: N;
}

/**
 * `stake_into_subnet` (mutates): swaps `tao − fee` for alpha, credits the coldkey's share if both
 * are positive, and adds the fee to `SubnetTAO` and `TotalStake`.
 */
export function stakeIntoSubnet<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  tao: N,
  fee: N,
): StakeIntoSubnetOutcome<N> {
  const taoStaked = A.amountSub(tao, fee);
  const actualFee = A.amountSub(tao, taoStaked);
  const swap = swapTaoForAlpha(A, s, netuid, taoStaked);
  if (!A.isZero(taoStaked) && !A.isZero(swap.out)) increaseStake(A, s, hotkey, coldkey, netuid, swap.out);
  const sub = s.subnets.get(netuid)!;
  sub.tao = A.amountAdd(sub.tao, actualFee);
  s.totalStake = A.amountAdd(s.totalStake, actualFee);
  const taoLost = swap.refused ? taoStaked : A.zero;
  recordLostTao(A, s, taoLost);
  return { taoStaked, alpha: swap.out, fee: actualFee, taoLost };
}

/** What `unstake_from_subnet` did. */
export interface UnstakeFromSubnetOutcome<N> {
  /** TAO for the coldkey (swap output − fee) */
  taoUnstaked: N;
  fee: N;
  /** alpha removed from the stake but not returned to the pool (the pool refused the swap) */
  alphaDestroyed: N;
  /** `SubnetAlphaOut` was smaller than the alpha sold and saturated at 0 by this much */
  alphaOutClipped: N;
  /** root: `SubnetTAO(0)` was smaller than the TAO paid and saturated at 0 by this much (TAO created) */
  taoClipped: N;
}

/**
 * `unstake_from_subnet` (mutates): swaps alpha for TAO, removes the coldkey's stake (only if it
 * covers the amount), keeps the fee in `SubnetTAO`.
 */
export function unstakeFromSubnet<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  alpha: N,
  fee: N,
): UnstakeFromSubnetOutcome<N> {
  const swap = swapAlphaForTao(A, s, netuid, alpha);
  const removed = decreaseStake(A, s, hotkey, coldkey, netuid, alpha);
  const taoUnstaked = A.amountSub(swap.out, fee);
  const actualFee = A.amountSub(swap.out, taoUnstaked);
  const sub = s.subnets.get(netuid)!;
  sub.tao = A.amountAdd(sub.tao, actualFee);
  s.totalStake = A.amountAdd(s.totalStake, actualFee);
  return {
    taoUnstaked,
    fee: actualFee,
    alphaDestroyed: swap.refused && removed ? alpha : A.zero,
    alphaOutClipped: swap.clipped,
    taoClipped: swap.taoClipped,
  };
}

/** Deposit to the coldkey; what the existential-deposit rule drops is recorded as lost. */
function credit<N>(A: Arith<N>, s: NetworkState<N>, coldkey: AccountId, tao: N): N {
  const got = depositBalance(A, s, coldkey, tao);
  recordLostTao(A, s, A.amountSub(tao, got));
  return got;
}

/**
 * `clear_small_nomination_if_required`: a nominator (coldkey not owning the hotkey) left below
 * `NominatorMinRequiredStake` is unstaked without fee and paid out.
 */
export function clearSmallNominationIfRequired<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  opts: StakeOptions = {},
): N {
  if (coldkeyOwnsHotkey(s, coldkey, hotkey)) return A.zero;
  const stake = stakeOf(A, s, hotkey, coldkey, netuid);
  if (!A.lt(stake, A.amount(opts.nominatorMinRequiredStake ?? 0n))) return A.zero;
  const out = unstakeFromSubnet(A, s, hotkey, coldkey, netuid, stake, A.zero);
  return credit(A, s, coldkey, out.taoUnstaked);
}

function dropPendingChildrenIfBelowThreshold<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, opts: StakeOptions): void {
  if (!opts.childkeys) return;
  if (!A.lt(totalStakeForHotkey(A, s, hotkey), A.amount(s.params.stakeThreshold))) return;
  for (const m of opts.childkeys.pending.values()) m.delete(hotkey);
}

// ---------------------------------------------------------------------------------------------
// Validation (stake_utils.rs)
// ---------------------------------------------------------------------------------------------

/**
 * `validate_add_stake`: `SubnetNotExists`, `AmountTooLow` (< min stake + fee), `SlippageTooHigh`
 * (amount > max without partial fills), `NotEnoughBalanceToStake`, `HotKeyAccountNotExists`,
 * `InsufficientLiquidity` (the swap of the whole amount would drain the pool's alpha).
 */
export function validateAddStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  coldkey: AccountId,
  hotkey: AccountId,
  netuid: Netuid,
  amount: N,
  maxAmount: N,
  allowPartial: boolean,
): RuntimeError | null {
  const sub = s.subnets.get(netuid);
  if (!sub) return new RuntimeError('SubnetNotExists');
  if (A.lt(amount, A.amount(s.params.minStake + s.params.stakingFee))) return new RuntimeError('AmountTooLow');
  if (!allowPartial && A.lt(maxAmount, amount)) return new RuntimeError('SlippageTooHigh');
  if (!canRemoveBalance(A, s, coldkey, amount)) return new RuntimeError('NotEnoughBalanceToStake');
  if (!hotkeyExists(s, hotkey)) return new RuntimeError('HotKeyAccountNotExists');
  if (simSwapTaoForAlpha(A, s, sub, amount) === null) return new RuntimeError('InsufficientLiquidity');
  return null;
}

/**
 * `validate_remove_stake`: `SubnetNotExists`, `InsufficientLiquidity` / `AmountTooLow` (the TAO
 * equivalent must exceed the min stake), `SlippageTooHigh`, `HotKeyAccountNotExists`,
 * `NotEnoughStakeToWithdraw`.
 */
export function validateRemoveStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  coldkey: AccountId,
  hotkey: AccountId,
  netuid: Netuid,
  alpha: N,
  maxAmount: N,
  allowPartial: boolean,
): RuntimeError | null {
  const sub = s.subnets.get(netuid);
  if (!sub) return new RuntimeError('SubnetNotExists');
  const taoEquivalent = simSwapAlphaForTao(A, s, sub, alpha);
  if (taoEquivalent === null) return new RuntimeError('InsufficientLiquidity');
  if (!A.lt(A.amount(s.params.minStake), taoEquivalent)) return new RuntimeError('AmountTooLow');
  if (!allowPartial && A.lt(maxAmount, alpha)) return new RuntimeError('SlippageTooHigh');
  if (!hotkeyExists(s, hotkey)) return new RuntimeError('HotKeyAccountNotExists');
  if (A.lt(stakeOf(A, s, hotkey, coldkey, netuid), alpha)) return new RuntimeError('NotEnoughStakeToWithdraw');
  return null;
}

/** Arguments of a stake transition (move, transfer, swap). */
export interface StakeTransitionInput<N> {
  originColdkey: AccountId;
  destinationColdkey: AccountId;
  originHotkey: AccountId;
  destinationHotkey: AccountId;
  originNetuid: Netuid;
  destinationNetuid: Netuid;
  alpha: N;
  limitPrice?: bigint;
  allowPartial?: boolean;
  checkTransferToggle: boolean;
}

/**
 * `validate_stake_transition`: `SubnetNotExists` (origin, then destination), `HotKeyAccountNotExists`
 * (origin hotkey), `NonAssociatedColdKey` (the coldkey must own the origin hotkey),
 * `NotEnoughStakeToWithdraw`, `InsufficientLiquidity` / `AmountTooLow`, `SlippageTooHigh`,
 * `TransferDisallowed`.
 */
export function validateStakeTransition<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: StakeTransitionInput<N>,
  maxAmount: N,
  opts: StakeOptions = {},
): RuntimeError | null {
  const origin = s.subnets.get(x.originNetuid);
  if (!origin) return new RuntimeError('SubnetNotExists');
  if (x.originNetuid !== x.destinationNetuid && !s.subnets.has(x.destinationNetuid)) return new RuntimeError('SubnetNotExists');
  if (!hotkeyExists(s, x.originHotkey)) return new RuntimeError('HotKeyAccountNotExists');
  if (!coldkeyOwnsHotkey(s, x.originColdkey, x.originHotkey)) return new RuntimeError('NonAssociatedColdKey');
  if (A.lt(stakeOf(A, s, x.originHotkey, x.originColdkey, x.originNetuid), x.alpha)) return new RuntimeError('NotEnoughStakeToWithdraw');
  const taoEquivalent = simSwapAlphaForTao(A, s, origin, x.alpha);
  if (taoEquivalent === null) return new RuntimeError('InsufficientLiquidity');
  if (!A.lt(A.amount(s.params.minStake), taoEquivalent)) return new RuntimeError('AmountTooLow');
  if (x.allowPartial === false && A.lt(maxAmount, x.alpha)) return new RuntimeError('SlippageTooHigh');
  if (x.checkTransferToggle) {
    const toggle = opts.transferToggle ?? (() => true);
    if (!toggle(x.originNetuid) || !toggle(x.destinationNetuid)) return new RuntimeError('TransferDisallowed');
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Extrinsics
// ---------------------------------------------------------------------------------------------

/** `StakeAdded` and what happened to the TAO. */
export interface AddStakeEvent<N> {
  /** TAO withdrawn from the coldkey */
  taoWithdrawn: N;
  /** TAO swapped (withdrawn − fee) */
  taoStaked: N;
  alpha: N;
  fee: N;
  taoLost: N;
}

/**
 * `add_stake(hotkey, netuid, amount_staked)` signed by `coldkey`.
 * @example addStake(exactArith, state, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: 1_000_000_000n })
 */
export function addStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; netuid: Netuid; amount: N },
): ActionResult<AddStakeEvent<N>> {
  const err = validateAddStake(A, s, x.coldkey, x.hotkey, x.netuid, x.amount, x.amount, false);
  if (err) return { ok: false, error: err };
  return doStake(A, s, x.coldkey, x.hotkey, x.netuid, x.amount);
}

function doStake<N>(A: Arith<N>, s: NetworkState<N>, coldkey: AccountId, hotkey: AccountId, netuid: Netuid, amount: N): ActionResult<AddStakeEvent<N>> {
  if (!A.isZero(amount) && A.isZero(withdrawableAmount(A, s, coldkey, amount))) return fail('ZeroBalanceAfterWithdrawn');
  const taoWithdrawn = withdrawBalance(A, s, coldkey, amount);
  const r = stakeIntoSubnet(A, s, hotkey, coldkey, netuid, taoWithdrawn, A.amount(s.params.stakingFee));
  return { ok: true, value: { taoWithdrawn, ...r } };
}

/**
 * `add_stake_limit(hotkey, netuid, amount_staked, limit_price, allow_partial)`: stakes at most
 * `get_max_amount_add(limit_price)`; without partial fills an amount above it is rejected
 * (`SlippageTooHigh`). The other checks use the full amount.
 */
export function addStakeLimit<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; netuid: Netuid; amount: N; limitPrice: bigint; allowPartial: boolean },
): ActionResult<AddStakeEvent<N>> {
  const sub = s.subnets.get(x.netuid);
  const max = sub ? A.amount(maxAmountAdd(A, sub, x.limitPrice)) : A.zero;
  const possible = A.min(x.amount, max);
  const err = validateAddStake(A, s, x.coldkey, x.hotkey, x.netuid, x.amount, max, x.allowPartial);
  if (err) return { ok: false, error: err };
  return doStake(A, s, x.coldkey, x.hotkey, x.netuid, possible);
}

/** `StakeRemoved` and what happened to the TAO. */
export interface RemoveStakeEvent<N> {
  alpha: N;
  /** TAO for the coldkey after the fee, and what the balance actually received */
  taoUnstaked: N;
  taoCredited: N;
  fee: N;
  alphaOutClipped: N;
  taoClipped: N;
  /** TAO paid out by clearing a small nomination */
  clearedNomination: N;
}

/**
 * `remove_stake(hotkey, netuid, amount_unstaked)` signed by `coldkey`.
 * @example removeStake(exactArith, state, { coldkey: 'ck', hotkey: 'hk', netuid: 1, alpha: 1_000_000n })
 */
export function removeStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; netuid: Netuid; alpha: N },
  opts: StakeOptions = {},
): ActionResult<RemoveStakeEvent<N>> {
  const err = validateRemoveStake(A, s, x.coldkey, x.hotkey, x.netuid, x.alpha, x.alpha, false);
  if (err) return { ok: false, error: err };
  return doUnstake(A, s, x.coldkey, x.hotkey, x.netuid, x.alpha, opts);
}

function doUnstake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  coldkey: AccountId,
  hotkey: AccountId,
  netuid: Netuid,
  alpha: N,
  opts: StakeOptions,
): ActionResult<RemoveStakeEvent<N>> {
  const out = unstakeFromSubnet(A, s, hotkey, coldkey, netuid, alpha, A.amount(s.params.stakingFee));
  const taoCredited = credit(A, s, coldkey, out.taoUnstaked);
  const clearedNomination = clearSmallNominationIfRequired(A, s, hotkey, coldkey, netuid, opts);
  dropPendingChildrenIfBelowThreshold(A, s, hotkey, opts);
  return {
    ok: true,
    value: {
      alpha,
      taoUnstaked: out.taoUnstaked,
      taoCredited,
      fee: out.fee,
      alphaOutClipped: out.alphaOutClipped,
      taoClipped: out.taoClipped,
      clearedNomination,
    },
  };
}

/**
 * `remove_stake_limit(hotkey, netuid, amount_unstaked, limit_price, allow_partial)`: sells at most
 * `get_max_amount_remove(limit_price)`; the checks use the full amount.
 */
export function removeStakeLimit<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; netuid: Netuid; alpha: N; limitPrice: bigint; allowPartial: boolean },
  opts: StakeOptions = {},
): ActionResult<RemoveStakeEvent<N>> {
  const sub = s.subnets.get(x.netuid);
  const max = sub ? A.amount(maxAmountRemove(A, sub, x.limitPrice)) : A.zero;
  const possible = A.min(x.alpha, max);
  const err = validateRemoveStake(A, s, x.coldkey, x.hotkey, x.netuid, x.alpha, max, x.allowPartial);
  if (err) return { ok: false, error: err };
  return doUnstake(A, s, x.coldkey, x.hotkey, x.netuid, possible, opts);
}

/** Per-subnet outcome of `unstake_all` / `unstake_all_alpha`. */
export interface UnstakeAllEvent<N> {
  unstaked: Array<{ netuid: Netuid; alpha: N; taoUnstaked: N; alphaDestroyed: N; alphaOutClipped: N; taoClipped: N }>;
  /** TAO credited to the coldkey (`unstake_all`) or restaked on root (`unstake_all_alpha`) */
  tao: N;
}

/**
 * `unstake_all(hotkey)`: every subnet (root included) where the coldkey has stake behind the
 * hotkey is unstaked with the fee and paid out; no minimum-stake or liquidity check (a refused
 * swap destroys the alpha and pays nothing). Error: `HotKeyAccountNotExists`.
 */
export function unstakeAll<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId },
  opts: StakeOptions = {},
): ActionResult<UnstakeAllEvent<N>> {
  if (!hotkeyExists(s, x.hotkey)) return fail('HotKeyAccountNotExists');
  const fee = A.amount(s.params.stakingFee);
  const unstaked: UnstakeAllEvent<N>['unstaked'] = [];
  let tao = A.zero;
  for (const netuid of [...s.subnets.keys()].sort(byKeyOrder)) {
    const alpha = stakeOf(A, s, x.hotkey, x.coldkey, netuid);
    if (A.isZero(alpha)) continue;
    const out = unstakeFromSubnet(A, s, x.hotkey, x.coldkey, netuid, alpha, fee);
    tao = A.amountAdd(tao, credit(A, s, x.coldkey, out.taoUnstaked));
    clearSmallNominationIfRequired(A, s, x.hotkey, x.coldkey, netuid, opts);
    unstaked.push({
      netuid,
      alpha,
      taoUnstaked: out.taoUnstaked,
      alphaDestroyed: out.alphaDestroyed,
      alphaOutClipped: out.alphaOutClipped,
      taoClipped: out.taoClipped,
    });
  }
  return { ok: true, value: { unstaked, tao } };
}

/**
 * `unstake_all_alpha(hotkey)`: every non-root subnet is unstaked with the fee, and the TAO is
 * staked on root behind the same hotkey without fee. Error: `HotKeyAccountNotExists`.
 */
export function unstakeAllAlpha<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId },
  opts: StakeOptions = {},
): ActionResult<UnstakeAllEvent<N>> {
  if (!hotkeyExists(s, x.hotkey)) return fail('HotKeyAccountNotExists');
  const fee = A.amount(s.params.stakingFee);
  const unstaked: UnstakeAllEvent<N>['unstaked'] = [];
  let total = A.zero;
  for (const netuid of [...s.subnets.keys()].sort(byKeyOrder)) {
    if (netuid === 0) continue;
    const alpha = stakeOf(A, s, x.hotkey, x.coldkey, netuid);
    if (A.isZero(alpha)) continue;
    const out = unstakeFromSubnet(A, s, x.hotkey, x.coldkey, netuid, alpha, fee);
    total = A.amountAdd(total, out.taoUnstaked);
    clearSmallNominationIfRequired(A, s, x.hotkey, x.coldkey, netuid, opts);
    unstaked.push({
      netuid,
      alpha,
      taoUnstaked: out.taoUnstaked,
      alphaDestroyed: out.alphaDestroyed,
      alphaOutClipped: out.alphaOutClipped,
      taoClipped: out.taoClipped,
    });
  }
  if (s.subnets.has(0)) stakeIntoSubnet(A, s, x.hotkey, x.coldkey, 0, total, A.zero);
  else recordLostTao(A, s, total);
  return { ok: true, value: { unstaked, tao: total } };
}

/** `StakeMoved` / `StakeTransferred` / `StakeSwapped` and what happened. */
export interface TransitionEvent<N> {
  /** the runtime's reported amount: TAO unstaked − fee */
  taoMoved: N;
  taoUnstaked: N;
  /** whether the TAO was restaked (it is lost if below min stake + fee) */
  restaked: boolean;
  alphaIn: N;
  taoLost: N;
  /** first leg: see {@link UnstakeFromSubnetOutcome} */
  alphaOutClipped: N;
  taoClipped: N;
  alphaDestroyed: N;
}

/** `transition_stake_internal` (move, transfer, swap). */
export function transitionStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: StakeTransitionInput<N>,
  opts: StakeOptions = {},
): ActionResult<TransitionEvent<N>> {
  const origin = s.subnets.get(x.originNetuid);
  const destination = s.subnets.get(x.destinationNetuid);
  const max =
    x.limitPrice === undefined ? x.alpha : origin && destination ? A.amount(maxAmountMove(A, origin, destination, x.limitPrice)) : A.zero;
  const err = validateStakeTransition(A, s, x, max, opts);
  if (err) return { ok: false, error: err };
  const fee = A.amount(s.params.stakingFee / 2n);
  const out = unstakeFromSubnet(A, s, x.originHotkey, x.originColdkey, x.originNetuid, x.alpha, fee);
  let restaked = false;
  let alphaIn = A.zero;
  let taoLost = A.zero;
  if (A.le(A.amount(s.params.minStake + s.params.stakingFee / 2n), out.taoUnstaked)) {
    const r = stakeIntoSubnet(A, s, x.destinationHotkey, x.destinationColdkey, x.destinationNetuid, out.taoUnstaked, fee);
    restaked = true;
    alphaIn = r.alpha;
    taoLost = r.taoLost;
  } else {
    // move_stake.rs @ e2b8367b8: the unstaked TAO is neither restaked nor credited
    taoLost = out.taoUnstaked;
    recordLostTao(A, s, taoLost);
  }
  return {
    ok: true,
    value: {
      taoMoved: A.amountSub(out.taoUnstaked, fee),
      taoUnstaked: out.taoUnstaked,
      restaked,
      alphaIn,
      taoLost,
      alphaOutClipped: out.alphaOutClipped,
      taoClipped: out.taoClipped,
      alphaDestroyed: out.alphaDestroyed,
    },
  };
}

/** `move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid, alpha_amount)`. */
export function moveStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; originHotkey: AccountId; destinationHotkey: AccountId; originNetuid: Netuid; destinationNetuid: Netuid; alpha: N },
  opts: StakeOptions = {},
): ActionResult<TransitionEvent<N>> {
  return transitionStake(
    A,
    s,
    { ...x, originColdkey: x.coldkey, destinationColdkey: x.coldkey, checkTransferToggle: false },
    opts,
  );
}

/** `transfer_stake(destination_coldkey, hotkey, origin_netuid, destination_netuid, alpha_amount)`. */
export function transferStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; destinationColdkey: AccountId; hotkey: AccountId; originNetuid: Netuid; destinationNetuid: Netuid; alpha: N },
  opts: StakeOptions = {},
): ActionResult<TransitionEvent<N>> {
  return transitionStake(
    A,
    s,
    {
      originColdkey: x.coldkey,
      destinationColdkey: x.destinationColdkey,
      originHotkey: x.hotkey,
      destinationHotkey: x.hotkey,
      originNetuid: x.originNetuid,
      destinationNetuid: x.destinationNetuid,
      alpha: x.alpha,
      checkTransferToggle: true,
    },
    opts,
  );
}

/** `swap_stake(hotkey, origin_netuid, destination_netuid, alpha_amount)`. */
export function swapStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; originNetuid: Netuid; destinationNetuid: Netuid; alpha: N },
  opts: StakeOptions = {},
): ActionResult<TransitionEvent<N>> {
  return transitionStake(
    A,
    s,
    {
      originColdkey: x.coldkey,
      destinationColdkey: x.coldkey,
      originHotkey: x.hotkey,
      destinationHotkey: x.hotkey,
      originNetuid: x.originNetuid,
      destinationNetuid: x.destinationNetuid,
      alpha: x.alpha,
      checkTransferToggle: false,
    },
    opts,
  );
}

/**
 * `swap_stake_limit(...)`: as `swap_stake`, rejected with `SlippageTooHigh` when partial fills are
 * not allowed and the amount exceeds `get_max_amount_move`; with partial fills allowed the whole
 * amount is moved (L233 does not cap it).
 */
export function swapStakeLimit<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; originNetuid: Netuid; destinationNetuid: Netuid; alpha: N; limitPrice: bigint; allowPartial: boolean },
  opts: StakeOptions = {},
): ActionResult<TransitionEvent<N>> {
  return transitionStake(
    A,
    s,
    {
      originColdkey: x.coldkey,
      destinationColdkey: x.coldkey,
      originHotkey: x.hotkey,
      destinationHotkey: x.hotkey,
      originNetuid: x.originNetuid,
      destinationNetuid: x.destinationNetuid,
      alpha: x.alpha,
      limitPrice: x.limitPrice,
      allowPartial: x.allowPartial,
      checkTransferToggle: false,
    },
    opts,
  );
}

/** `NetworksAdded` key order (SCALE LE u16 bytes). */
function byKeyOrder(a: number, b: number): number {
  return (a & 0xff) - (b & 0xff) || (a >> 8) - (b >> 8);
}
