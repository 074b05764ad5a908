/**
 * The L233 subnet pool (§9.2): constant product `SubnetTAO × SubnetAlphaIn` in I110F18 with the
 * minimum-liquidity rule, 1:1 swaps for root and stable subnets, prices, and the limit-price
 * maxima of the limit orders. Source: `staking/stake_utils.rs` (`get_alpha_price`,
 * `get_moving_alpha_price`, `update_moving_price`, `sim_swap_*`, `swap_*`),
 * `staking/add_stake.rs::get_max_amount_add`, `staking/remove_stake.rs::get_max_amount_remove`,
 * `staking/move_stake.rs::get_max_amount_move`, all @ e2b8367b8.
 *
 * The flat 50,000-rao staking fee is charged by the staking extrinsics (`stake.ts`), which put it
 * into `SubnetTAO` without minting alpha.
 */
import type { Arith } from '../../math/arith.ts';
import { I110F18, I96F32, U64F64 } from '../../math/arith.ts';
import type { NetworkState, Netuid, SubnetState } from '../../state/types.ts';
import { U64_MAX } from './constants.ts';
import { cmpFixed, u128Add } from './util.ts';

/** Root and stable (mechanism 0) subnets swap 1:1. */
export function isStable<N>(sub: SubnetState<N>): boolean {
  return sub.netuid === 0 || sub.mechanism === 0;
}

/**
 * `get_alpha_price`: TAO per alpha, I96F32. 1 for root and stable subnets, 0 with no alpha in the
 * pool, else `SubnetTAO / SubnetAlphaIn` (checked_div, 0).
 */
export function alphaPrice<N>(A: Arith<N>, sub: SubnetState<N>): N {
  if (isStable(sub)) return A.c(I96F32, 1);
  if (A.isZero(sub.alphaIn)) return A.zero;
  return A.checkedDiv(I96F32, A.fromAmount(I96F32, sub.tao), A.fromAmount(I96F32, sub.alphaIn)) ?? A.zero;
}

/** `get_moving_alpha_price`: 1 for root and stable subnets, else `SubnetMovingPrice`. */
export function movingAlphaPrice<N>(A: Arith<N>, sub: SubnetState<N>): N {
  return isStable(sub) ? A.c(I96F32, 1) : sub.movingPrice;
}

/**
 * `update_moving_price` at spec 233 (uncapped): `mp ← α·p + (1 − α)·mp`, α = `SubnetMovingAlpha`.
 * For a stable subnet the stored value is the EMA of 1 and 1 (written, though never read).
 */
export function updateMovingPrice<N>(A: Arith<N>, s: NetworkState<N>, sub: SubnetState<N>): void {
  const alpha = s.params.movingAlpha;
  const minusAlpha = A.satSub(I96F32, A.c(I96F32, 1), alpha);
  const current = A.satMul(I96F32, alpha, alphaPrice(A, sub));
  const moving = A.satMul(I96F32, minusAlpha, movingAlphaPrice(A, sub));
  sub.movingPrice = A.satAdd(I96F32, current, moving);
}

function minLiquidity<N>(A: Arith<N>, s: NetworkState<N>): N {
  return A.fromAmount(I110F18, A.amount(s.params.minPoolLiquidity));
}

/**
 * `sim_swap_tao_for_alpha`: alpha out for `tao` in, or null when the new alpha reserve would
 * fall below the minimum pool liquidity (10,000,000 rao). Stable: `tao`.
 *
 * new_alpha = (A·T) / (T + tao) (safe_div, I110F18); alpha = floor(A − new_alpha).
 */
export function simSwapTaoForAlpha<N>(A: Arith<N>, s: NetworkState<N>, sub: SubnetState<N>, tao: N): N | null {
  if (sub.mechanism !== 1) return tao;
  const taoReserve = A.fromAmount(I110F18, sub.tao);
  const alphaReserve = A.fromAmount(I110F18, sub.alphaIn);
  const k = A.satMul(I110F18, alphaReserve, taoReserve);
  const newAlpha = A.safeDiv(I110F18, k, A.satAdd(I110F18, taoReserve, A.fromAmount(I110F18, tao)));
  if (!A.le(minLiquidity(A, s), newAlpha)) return null;
  return A.toU64(I110F18, A.satSub(I110F18, alphaReserve, newAlpha));
}

/**
 * `sim_swap_alpha_for_tao`: TAO out for `alpha` in, or null when the new TAO reserve would fall
 * below the minimum pool liquidity. Stable: `alpha`.
 *
 * new_tao = (A·T) / (A + alpha) (checked_div, 0); tao = floor(T − new_tao).
 */
export function simSwapAlphaForTao<N>(A: Arith<N>, s: NetworkState<N>, sub: SubnetState<N>, alpha: N): N | null {
  if (sub.mechanism !== 1) return alpha;
  const taoReserve = A.fromAmount(I110F18, sub.tao);
  const alphaReserve = A.fromAmount(I110F18, sub.alphaIn);
  const k = A.satMul(I110F18, alphaReserve, taoReserve);
  const newTao = A.checkedDiv(I110F18, k, A.satAdd(I110F18, alphaReserve, A.fromAmount(I110F18, alpha))) ?? A.zero;
  if (!A.le(minLiquidity(A, s), newTao)) return null;
  return A.toU64(I110F18, A.satSub(I110F18, taoReserve, newTao));
}

/** What a swap did: the output amount, or `null` when the pool refused (nothing changed). */
export interface SwapOutcome<N> {
  out: N;
  refused: boolean;
  /** `SubnetAlphaOut` (alpha → TAO) or `SubnetAlphaIn` (TAO → alpha) fell short and saturated at 0 by this much */
  clipped: N;
  /** alpha → TAO on a 1:1 pool (root): `SubnetTAO` fell short of the TAO paid and saturated at 0 by this much */
  taoClipped: N;
}

/**
 * `swap_tao_for_alpha` (mutates): `SubnetAlphaIn −= alpha`, `SubnetAlphaOut += alpha`,
 * `SubnetTAO += tao`, `TotalStake += tao`, `SubnetVolume += tao`; returns the alpha (0 and no
 * change when refused).
 */
export function swapTaoForAlpha<N>(A: Arith<N>, s: NetworkState<N>, netuid: Netuid, tao: N): SwapOutcome<N> {
  const sub = s.subnets.get(netuid)!;
  const alpha = simSwapTaoForAlpha(A, s, sub, tao);
  if (alpha === null) return { out: A.zero, refused: true, clipped: A.zero, taoClipped: A.zero };
  const clipped = A.amountSub(alpha, sub.alphaIn);
  sub.alphaIn = A.amountSub(sub.alphaIn, alpha);
  sub.alphaOut = A.amountAdd(sub.alphaOut, alpha);
  sub.tao = A.amountAdd(sub.tao, tao);
  s.totalStake = A.amountAdd(s.totalStake, tao);
  sub.volume = u128Add(A, sub.volume, tao);
  return { out: alpha, refused: false, clipped, taoClipped: A.zero };
}

/**
 * `swap_alpha_for_tao` (mutates): `SubnetAlphaIn += alpha`, `SubnetAlphaOut −= alpha`
 * (saturating), `SubnetTAO −= tao`, `TotalStake −= tao`, `SubnetVolume += tao`; returns the TAO
 * (0 and no change when refused).
 */
export function swapAlphaForTao<N>(A: Arith<N>, s: NetworkState<N>, netuid: Netuid, alpha: N): SwapOutcome<N> {
  const sub = s.subnets.get(netuid)!;
  const tao = simSwapAlphaForTao(A, s, sub, alpha);
  if (tao === null) return { out: A.zero, refused: true, clipped: A.zero, taoClipped: A.zero };
  const clipped = A.amountSub(alpha, sub.alphaOut);
  const taoClipped = A.amountSub(tao, sub.tao);
  sub.alphaIn = A.amountAdd(sub.alphaIn, alpha);
  sub.alphaOut = A.amountSub(sub.alphaOut, alpha);
  sub.tao = A.amountSub(sub.tao, tao);
  s.totalStake = A.amountSub(s.totalStake, tao);
  sub.volume = u128Add(A, sub.volume, tao);
  return { out: tao, refused: false, clipped, taoClipped };
}

const RAO_PER_TAO = 1_000_000_000n;

function u128ToU64(x: bigint): bigint {
  return x < U64_MAX ? x : U64_MAX;
}

/**
 * `get_max_amount_add`: the most TAO that `add_stake_limit` can stake before the price passes
 * `limitPrice` (rao per alpha), `limit·A/1e9 − T` in u128. Root/stable: unlimited if the limit
 * is ≥ 1e9, else 0. 0 if a reserve is empty, the limit is 0, or the limit is below
 * `floor(price)·1e9` (the runtime floors the price to whole TAO before scaling).
 */
export function maxAmountAdd<N>(A: Arith<N>, sub: SubnetState<N>, limitPrice: bigint): bigint {
  if (isStable(sub)) return limitPrice >= RAO_PER_TAO ? U64_MAX : 0n;
  const alphaIn = A.rao(sub.alphaIn);
  if (alphaIn === 0n) return 0n;
  const taoReserve = A.rao(sub.tao);
  if (taoReserve === 0n) return 0n;
  const priceFloor = A.rao(A.toU64(I96F32, alphaPrice(A, sub)));
  if (limitPrice < priceFloor * RAO_PER_TAO || limitPrice === 0n) return 0n;
  const r = (limitPrice * alphaIn) / RAO_PER_TAO - taoReserve;
  return r > 0n ? u128ToU64(r) : 0n;
}

/**
 * `get_max_amount_remove`: the most alpha that `remove_stake_limit` can sell before the price
 * falls to `limitPrice`, `T·1e9/limit − A` in u128. Root/stable: unlimited if the limit is
 * ≤ 1e9, else 0. Empty reserve: 0; limit 0: unlimited; limit ≥ `T·1e9/A` (integer): 0.
 */
export function maxAmountRemove<N>(A: Arith<N>, sub: SubnetState<N>, limitPrice: bigint): bigint {
  if (isStable(sub)) return limitPrice <= RAO_PER_TAO ? U64_MAX : 0n;
  const alphaIn = A.rao(sub.alphaIn);
  if (alphaIn === 0n) return 0n;
  const taoReserve = A.rao(sub.tao);
  if (taoReserve === 0n) return 0n;
  if (limitPrice === 0n) return U64_MAX;
  if (limitPrice >= (taoReserve * RAO_PER_TAO) / alphaIn) return 0n;
  const r = (taoReserve * RAO_PER_TAO) / limitPrice - alphaIn;
  return r > 0n ? u128ToU64(r) : 0n;
}

/**
 * `get_max_amount_move`: the most alpha a `swap_stake_limit` may move for a limit on the
 * origin/destination price ratio (rao). Root/stable to root/stable: unlimited unless the limit
 * exceeds 1e9; stable → dynamic: `get_max_amount_add` at `1e9/limit·1e9`; dynamic → stable:
 * `get_max_amount_remove`; dynamic → dynamic: `A2·(T1/(T1+T2))/limit − A1·(T2/(T1+T2))` in
 * U64F64 (0 if the limit exceeds the current ratio, unlimited if it is 0).
 */
export function maxAmountMove<N>(A: Arith<N>, origin: SubnetState<N>, destination: SubnetState<N>, limitPrice: bigint): bigint {
  const tao = A.fromAmount(U64F64, A.amount(RAO_PER_TAO));
  const oStable = isStable(origin);
  const dStable = isStable(destination);
  if (oStable && dStable) return limitPrice > RAO_PER_TAO ? 0n : U64_MAX;
  if (oStable && destination.mechanism === 1) {
    if (limitPrice === 0n) return U64_MAX;
    const destinationPrice = A.rao(
      A.toU64(U64F64, A.satMul(U64F64, A.safeDiv(U64F64, tao, A.fromAmount(U64F64, A.amount(limitPrice))), tao)),
    );
    return maxAmountAdd(A, destination, destinationPrice);
  }
  if (dStable && origin.mechanism === 1) return maxAmountRemove(A, origin, limitPrice);
  if (A.isZero(origin.tao) || A.isZero(destination.tao)) return 0n;
  if (A.isZero(origin.alphaIn) || A.isZero(destination.alphaIn)) return 0n;
  const t1 = A.fromAmount(U64F64, origin.tao);
  const t2 = A.fromAmount(U64F64, destination.tao);
  const a1 = A.fromAmount(U64F64, origin.alphaIn);
  const a2 = A.fromAmount(U64F64, destination.alphaIn);
  const limit = A.checkedDiv(U64F64, A.fromAmount(U64F64, A.amount(limitPrice)), tao) ?? A.zero;
  const current = A.safeDiv(I96F32, alphaPrice(A, origin), alphaPrice(A, destination));
  if (cmpFixed(A, U64F64, limit, I96F32, current) > 0) return 0n;
  if (limitPrice === 0n) return U64_MAX;
  const sum = A.satAdd(U64F64, t2, t1);
  const t1OverSum = A.safeDiv(U64F64, t1, sum);
  const t2OverSum = A.safeDiv(U64F64, t2, sum);
  const r = A.satSub(
    U64F64,
    A.safeDiv(U64F64, A.satMul(U64F64, a2, t1OverSum), limit),
    A.satMul(U64F64, a1, t2OverSum),
  );
  return A.rao(A.toU64(U64F64, r));
}
