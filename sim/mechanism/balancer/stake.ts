/**
 * HEAD staking, pool side: `stake_into_subnet` / `unstake_from_subnet` and the pool checks of
 * `do_add_stake` / `do_remove_stake` (`validate_add_stake`, `validate_remove_stake`,
 * `ensure_{add,remove}_stake_input_within_swap_limit`). Sources @ subtensor `14bc6f9f9`:
 * `pallets/subtensor/src/staking/{stake_utils,add_stake,remove_stake}.rs`,
 * `coinbase/subnet_emissions.rs` (`record_tao_inflow`/`outflow`), `coinbase/alpha.rs`
 * (`burn_subnet_alpha`), `runtime/src/lib.rs` (`SubtensorInitialMinStake` = 2,000,000 rao).
 *
 * Pool side means: `SubnetTAO`, `SubnetAlphaIn`, `SubnetAlphaOut`, `SubnetVolume`,
 * `SwapBalancer`, `TotalStake`. Share pools, free balances, `StakingHotkeys`, locks, rate limits
 * and events are the caller's; what they need (alpha credited or refunded, TAO paid out, fee
 * recipients, the `SubnetTaoFlow` delta) is returned. A failed call changes nothing (the
 * runtime's extrinsics are transactional).
 */
import { U64F64 } from '../../math/fixed.ts';
import type { NetworkState, Netuid, SubnetState } from '../../state/types.ts';
import { RuntimeError, type ActionResult } from '../runtimeError.ts';
import {
  type BalancerMath,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  MAX_SWAP_INPUT_RESERVE_MULTIPLIER,
  type SubnetSwapOptions,
  calculateFeeAmount,
  currentPrice,
  limitPriceFromRao,
  poolOf,
  swap,
  swapAlphaForTao,
  swapTaoForAlpha,
} from './balancer.ts';

/** `DefaultMinStake` = `SubtensorInitialMinStake` (runtime/src/lib.rs): 0.002 TAO. */
export const DEFAULT_MIN_STAKE = 2_000_000n;

/** Error variants of pallet `SubtensorModule` raised here (the swap's own come from pallet `Swap`). */
export type StakeErrorVariant = 'SubnetNotExists' | 'AmountTooLow' | 'InsufficientLiquidity' | 'NotEnoughStakeToWithdraw';

function subtensorError(variant: StakeErrorVariant, details?: string): { ok: false; error: RuntimeError } {
  return { ok: false, error: new RuntimeError(variant, details, 'SubtensorModule') };
}

/** Errors of the staking functions: `SubtensorModule` variants or the swap's `Swap` variants. */
export type StakeErrorType = RuntimeError;

/** Options shared by {@link stakeIntoSubnet} and {@link unstakeFromSubnet}. */
export interface StakeOptions<N> extends Omit<SubnetSwapOptions<N>, 'priceLimit'> {
  /** limit price, rao per alpha; default `max_price` (stake) / `min_price` (unstake), as `add_stake` / `remove_stake` pass */
  priceLimit?: N;
}

/** What {@link stakeIntoSubnet} moved. */
export interface StakeIntoSubnetOutput<N> {
  /** `amount_paid_out`: alpha credited to the staker (`SubnetAlphaOut` += it) */
  alpha: N;
  /** `amount_paid_in`: TAO added to `SubnetTAO` */
  taoPaidIn: N;
  /** `fee_paid` (TAO) */
  feePaid: N;
  /** TAO transferred from the subnet account to the block author */
  feeToBlockAuthor: N;
  /** TAO moved to the burn account (no block author) */
  feeBurned: N;
  /**
   * TAO transferred in but neither swapped nor paid as fee (a limit-capped step): the runtime does
   * not refund it; it stays on the subnet account (it is counted in `TotalStake` and `SubnetVolume`).
   */
  unusedTao: N;
  /** `record_tao_inflow`: `SubnetTaoFlow += taoInflow` (= `taoPaidIn`) */
  taoInflow: N;
  priceBefore: N;
  priceAfter: N;
}

function subnetOf<N>(net: NetworkState<N>, netuid: Netuid): SubnetState<N> | undefined {
  return net.subnets.get(netuid);
}

type PoolFields<N> = Pick<SubnetState<N>, 'tao' | 'alphaIn' | 'alphaOut' | 'volume' | 'balancerQuoteWeight'>;

function savePool<N>(s: SubnetState<N>): PoolFields<N> {
  return { tao: s.tao, alphaIn: s.alphaIn, alphaOut: s.alphaOut, volume: s.volume, balancerQuoteWeight: s.balancerQuoteWeight };
}

function restorePool<N>(s: SubnetState<N>, p: PoolFields<N>): void {
  Object.assign(s, p);
}

/**
 * `SubtensorModule::stake_into_subnet` (stake_utils.rs @ 14bc6f9f9), pool side: the TAO is
 * swapped (`swap_tao_for_alpha`: `SubnetTAO += amount_paid_in`, `SubnetAlphaIn −= alpha`,
 * `SubnetAlphaOut += alpha`, `TotalStake += tao`, `SubnetVolume += tao`), `AmountTooLow` if no
 * alpha comes out, then the fee goes to the block author or is burned and the inflow
 * `amount_paid_in` is recorded. No minimum-stake check here (see {@link validateAddStake}).
 * Mutates `net` on success only.
 *
 * @example
 * ```ts
 * import { stakeIntoSubnet } from './stake.ts';
 * import { exactBalancerMath } from './balancer.ts';
 * const r = stakeIntoSubnet(exactBalancerMath, net, 1, 1_000_000_000n);
 * if (r.ok) credit(hotkey, coldkey, r.value.alpha);
 * ```
 */
export function stakeIntoSubnet<N>(
  M: BalancerMath<N>,
  net: NetworkState<N>,
  netuid: Netuid,
  tao: N,
  opts: StakeOptions<N> = {},
): ActionResult<StakeIntoSubnetOutput<N>> {
  const { A } = M;
  const subnet = subnetOf(net, netuid);
  if (!subnet) return subtensorError('SubnetNotExists', `netuid ${netuid}`);
  const saved = savePool(subnet);
  const r = swapTaoForAlpha(M, subnet, tao, { ...opts, priceLimit: opts.priceLimit ?? A.amount(MAX_PRICE_RAO) });
  if (!r.ok) return r;
  if (A.isZero(r.value.amountPaidOut)) {
    restorePool(subnet, saved);
    return subtensorError('AmountTooLow', `${String(tao)} TAO buys no alpha`);
  }
  net.totalStake = A.amountAdd(net.totalStake, r.value.totalStakeDelta.add);
  const v = r.value;
  return {
    ok: true,
    value: {
      alpha: v.amountPaidOut,
      taoPaidIn: v.amountPaidIn,
      feePaid: v.feePaid,
      feeToBlockAuthor: v.feeToBlockAuthor,
      feeBurned: v.feeBurned,
      unusedTao: A.amountSub(tao, A.amountAdd(v.amountPaidIn, v.feePaid)),
      taoInflow: v.amountPaidIn,
      priceBefore: v.priceBefore,
      priceAfter: v.priceAfter,
    },
  };
}

/** What {@link unstakeFromSubnet} moved. */
export interface UnstakeFromSubnetOutput<N> {
  /** `amount_paid_out`: TAO paid to the beneficiary */
  tao: N;
  /** `amount_paid_in`: alpha that entered `SubnetAlphaIn` (and left `SubnetAlphaOut`) */
  alphaPaidIn: N;
  /** `fee_paid` (alpha) */
  feePaid: N;
  /** alpha re-credited to the staker: `alpha − (amount_paid_in + fee_paid)` (a limit-capped step) */
  alphaRefunded: N;
  /** the fee's alpha swapped fee-free for the block author (0 without an author) */
  feeAlphaSwapped: N;
  /** TAO the block author receives for that alpha */
  feeToBlockAuthor: N;
  /** alpha burned for lack of an author (`AlphaBurned += it`; `SubnetAlphaOut` is not reduced) */
  feeAlphaBurned: N;
  /** `record_tao_outflow`: `SubnetTaoFlow −= taoOutflow` (= tao + feeToBlockAuthor) */
  taoOutflow: N;
  priceBefore: N;
  priceAfter: N;
}

/**
 * `SubtensorModule::unstake_from_subnet` (stake_utils.rs @ 14bc6f9f9), pool side: `alpha` is
 * swapped (`swap_alpha_for_tao`: `SubnetAlphaIn += amount_paid_in`, `SubnetAlphaOut −=
 * amount_paid_in`, `SubnetTAO −= out`, `TotalStake −= out`, `SubnetVolume += out`), the unused
 * alpha is refunded, then with a block author the fee alpha is swapped again (fee-free, limit
 * `min_price`) and its TAO paid to the author (an error there fails the whole unstake, as in the
 * runtime); without one the fee alpha is burned. The outflow out + author TAO is recorded.
 * Mutates `net` on success only.
 *
 * @example
 * ```ts
 * import { unstakeFromSubnet } from './stake.ts';
 * import { exactBalancerMath } from './balancer.ts';
 * const r = unstakeFromSubnet(exactBalancerMath, net, 1, 4_000_000_000n);
 * if (r.ok) pay(coldkey, r.value.tao);
 * ```
 */
export function unstakeFromSubnet<N>(
  M: BalancerMath<N>,
  net: NetworkState<N>,
  netuid: Netuid,
  alpha: N,
  opts: StakeOptions<N> = {},
): ActionResult<UnstakeFromSubnetOutput<N>> {
  const { A } = M;
  const subnet = subnetOf(net, netuid);
  if (!subnet) return subtensorError('SubnetNotExists', `netuid ${netuid}`);
  const saved = savePool(subnet);
  const hasBlockAuthor = opts.hasBlockAuthor ?? true;
  const r = swapAlphaForTao(M, subnet, alpha, { ...opts, priceLimit: opts.priceLimit ?? A.amount(MIN_PRICE_RAO) });
  if (!r.ok) return r;
  const v = r.value;
  const feeAlpha = hasBlockAuthor ? v.feeToBlockAuthor : v.feeBurned;
  let authorTao = A.zero;
  let totalStake = A.amountSub(net.totalStake, v.totalStakeDelta.sub);
  if (hasBlockAuthor) {
    const bb = swapAlphaForTao(M, subnet, feeAlpha, {
      priceLimit: A.amount(MIN_PRICE_RAO),
      dropFees: true,
      minimumReserve: opts.minimumReserve,
    });
    if (!bb.ok) {
      restorePool(subnet, saved);
      return bb;
    }
    authorTao = bb.value.amountPaidOut;
    totalStake = A.amountSub(totalStake, bb.value.totalStakeDelta.sub);
  }
  net.totalStake = totalStake;
  return {
    ok: true,
    value: {
      tao: v.amountPaidOut,
      alphaPaidIn: v.amountPaidIn,
      feePaid: v.feePaid,
      alphaRefunded: A.amountSub(alpha, A.amountAdd(v.amountPaidIn, v.feePaid)),
      feeAlphaSwapped: hasBlockAuthor ? feeAlpha : A.zero,
      feeToBlockAuthor: authorTao,
      feeAlphaBurned: hasBlockAuthor ? A.zero : feeAlpha,
      taoOutflow: A.amountAdd(v.amountPaidOut, authorTao),
      priceBefore: v.priceBefore,
      priceAfter: currentPrice(A, poolOf(subnet), subnet.mechanism),
    },
  };
}

/** Options of {@link validateAddStake} / {@link validateRemoveStake}. */
export interface ValidateStakeOptions<N> {
  /** `DefaultMinStake` (default 2,000,000 rao) */
  minStake?: N;
  /** `SwapMinimumReserve` for the simulated swaps (default 1,000,000 rao) */
  minimumReserve?: N;
}

function isDynamic<N>(netuid: Netuid, subnet: SubnetState<N> | undefined): boolean {
  return netuid !== 0 && subnet?.mechanism === 1;
}

/** `SwapHandler::sim_swap` (impls.rs): dynamic subnets simulate with fees and the default price bound; others 1:1. */
function simSwap<N>(
  M: BalancerMath<N>,
  subnet: SubnetState<N>,
  side: 'buy' | 'sell',
  amount: N,
  minimumReserve: N | undefined,
): ActionResult<{ amountPaidIn: N; amountPaidOut: N; feePaid: N }> {
  const { A } = M;
  if (subnet.mechanism !== 1) return { ok: true, value: { amountPaidIn: amount, amountPaidOut: amount, feePaid: A.zero } };
  const limit = limitPriceFromRao(A, A.amount(side === 'buy' ? MAX_PRICE_RAO : MIN_PRICE_RAO));
  return swap(M, poolOf(subnet), { side, amount, limitPrice: limit, simulate: true, minimumReserve });
}

/**
 * The pool-side checks `do_add_stake` makes before staking (add_stake.rs, stake_utils.rs
 * `validate_add_stake` @ 14bc6f9f9), in order: `InsufficientLiquidity` if tao > 1000 ×
 * `SubnetTAO` (dynamic, non-root); `SubnetNotExists`; `AmountTooLow` if tao < min stake + the
 * fee on the min stake; `InsufficientLiquidity` if the simulated swap fails; `AmountTooLow` if
 * the simulated `amount_paid_in` < min stake; `InsufficientLiquidity` if it buys no alpha.
 * (Balance, hotkey, subtoken and share-pool checks are the caller's.) `null` when all pass.
 *
 * @example
 * ```ts
 * validateAddStake(exactBalancerMath, net, 1, 1_000_000n)?.variant; // 'AmountTooLow'
 * ```
 */
export function validateAddStake<N>(
  M: BalancerMath<N>,
  net: NetworkState<N>,
  netuid: Netuid,
  tao: N,
  opts: ValidateStakeOptions<N> = {},
): RuntimeError | null {
  const { A } = M;
  const subnet = subnetOf(net, netuid);
  const minStake = opts.minStake ?? A.amount(DEFAULT_MIN_STAKE);
  // add_stake.rs::ensure_add_stake_input_within_swap_limit
  if (subnet && isDynamic(netuid, subnet)) {
    const max = A.toU64(U64F64, A.satMul(U64F64, A.fromAmount(U64F64, subnet.tao), A.fromAmount(U64F64, A.amount(MAX_SWAP_INPUT_RESERVE_MULTIPLIER))));
    if (A.lt(max, tao)) return subtensorError('InsufficientLiquidity', `${String(tao)} > 1000 × SubnetTAO`).error;
  }
  if (!subnet) return subtensorError('SubnetNotExists', `netuid ${netuid}`).error;
  const minSim = simSwap(M, subnet, 'buy', minStake, opts.minimumReserve);
  const minFee = minSim.ok
    ? minSim.value.feePaid
    : subnet.mechanism === 1
      ? calculateFeeAmount(A, minStake, subnet.feeRate, false)
      : A.zero;
  if (A.lt(tao, A.amountAdd(minStake, minFee))) return subtensorError('AmountTooLow', `${String(tao)} < min stake + fee`).error;
  const sim = simSwap(M, subnet, 'buy', tao, opts.minimumReserve);
  if (!sim.ok) return subtensorError('InsufficientLiquidity', sim.error.message).error;
  if (A.lt(sim.value.amountPaidIn, minStake)) return subtensorError('AmountTooLow', 'amount paid in < min stake').error;
  if (A.isZero(sim.value.amountPaidOut)) return subtensorError('InsufficientLiquidity', 'buys no alpha').error;
  return null;
}

/**
 * The pool-side checks `do_remove_stake` makes before unstaking (remove_stake.rs,
 * stake_utils.rs `validate_remove_stake` @ 14bc6f9f9), in order: `InsufficientLiquidity` if
 * alpha > 1000 × `SubnetAlphaIn` (dynamic, non-root); `SubnetNotExists`; `AmountTooLow` for 0;
 * `NotEnoughStakeToWithdraw` if `currentStake` is given and below alpha; `InsufficientLiquidity`
 * if the simulated swap fails; `AmountTooLow` if the simulated TAO < min stake, unless the whole
 * stake is removed. `null` when all pass.
 */
export function validateRemoveStake<N>(
  M: BalancerMath<N>,
  net: NetworkState<N>,
  netuid: Netuid,
  alpha: N,
  opts: ValidateStakeOptions<N> & { currentStake?: N } = {},
): RuntimeError | null {
  const { A } = M;
  const subnet = subnetOf(net, netuid);
  const minStake = opts.minStake ?? A.amount(DEFAULT_MIN_STAKE);
  if (subnet && isDynamic(netuid, subnet)) {
    const max = A.toU64(U64F64, A.satMul(U64F64, A.fromAmount(U64F64, subnet.alphaIn), A.fromAmount(U64F64, A.amount(MAX_SWAP_INPUT_RESERVE_MULTIPLIER))));
    if (A.lt(max, alpha)) return subtensorError('InsufficientLiquidity', `${String(alpha)} > 1000 × SubnetAlphaIn`).error;
  }
  if (!subnet) return subtensorError('SubnetNotExists', `netuid ${netuid}`).error;
  if (A.isZero(alpha)) return subtensorError('AmountTooLow', 'zero unstake').error;
  let remainingNonZero = true;
  if (opts.currentStake !== undefined) {
    if (A.lt(opts.currentStake, alpha)) return subtensorError('NotEnoughStakeToWithdraw').error;
    remainingNonZero = !A.isZero(A.amountSub(opts.currentStake, alpha));
  }
  const sim = simSwap(M, subnet, 'sell', alpha, opts.minimumReserve);
  if (!sim.ok) return subtensorError('InsufficientLiquidity', sim.error.message).error;
  if (remainingNonZero && A.lt(sim.value.amountPaidOut, minStake)) return subtensorError('AmountTooLow', 'TAO out < min stake').error;
  return null;
}

/**
 * `do_add_stake`, pool side: {@link validateAddStake} then {@link stakeIntoSubnet} at `max_price`.
 */
export function addStake<N>(
  M: BalancerMath<N>,
  net: NetworkState<N>,
  netuid: Netuid,
  tao: N,
  opts: StakeOptions<N> & ValidateStakeOptions<N> = {},
): ActionResult<StakeIntoSubnetOutput<N>> {
  const err = validateAddStake(M, net, netuid, tao, opts);
  if (err) return { ok: false, error: err };
  return stakeIntoSubnet(M, net, netuid, tao, { ...opts, priceLimit: M.A.amount(MAX_PRICE_RAO) });
}

/**
 * `do_remove_stake`, pool side: {@link validateRemoveStake} then {@link unstakeFromSubnet} at
 * `min_price`. Pass `currentStake` to get `NotEnoughStakeToWithdraw` and the full-unstake
 * exemption from the minimum (the runtime first caps `alpha` at the stake).
 */
export function removeStake<N>(
  M: BalancerMath<N>,
  net: NetworkState<N>,
  netuid: Netuid,
  alpha: N,
  opts: StakeOptions<N> & ValidateStakeOptions<N> & { currentStake?: N } = {},
): ActionResult<UnstakeFromSubnetOutput<N>> {
  const amount = opts.currentStake !== undefined ? M.A.min(alpha, opts.currentStake) : alpha;
  const err = validateRemoveStake(M, net, netuid, amount, opts);
  if (err) return { ok: false, error: err };
  return unstakeFromSubnet(M, net, netuid, amount, { ...opts, priceLimit: M.A.amount(MIN_PRICE_RAO) });
}
