/**
 * HEAD balancer pool (pallet `Swap`, spec 425): weighted constant-function AMM between a subnet's
 * alpha (base reserve x = `SubnetAlphaIn`) and TAO (quote reserve y = `SubnetTAO`), weights
 * w1 (base) + w2 (quote) = 1 with w2 stored as a Perquintill (`SwapBalancer`).
 *
 * Sources (all @ subtensor `14bc6f9f9`, mechanism.md §9.3):
 * - `pallets/swap/src/pallet/balancer.rs`: weights, `exp_scaled`, `calculate_price`,
 *   `calculate_{quote,base}_delta_in`, `update_weights_for_added_liquidity`,
 *   `mul_perquintill_round`, `get_base_needed_for_quote`;
 * - `pallets/swap/src/pallet/swap_step.rs`: `BasicSwapStep` (fee, target price, limit partial
 *   fill, `convert_deltas`);
 * - `pallets/swap/src/pallet/impls.rs`: `do_swap` guards, `calculate_fee_amount`,
 *   `current_price`, `maybe_initialize_palswap`, `adjust_protocol_liquidity`, price bounds;
 * - `primitives/swap-interface/src/order.rs`: `is_beyond_price_limit`;
 * - `pallets/subtensor/src/staking/stake_utils.rs`: `swap_tao_for_alpha`, `swap_alpha_for_tao`
 *   (reserve and counter updates);
 * - `runtime/src/lib.rs`: `SwapMinimumReserve` 1,000,000, `SwapMaxFeeRate` 10,000.
 *
 * Rules are written once over `Arith<N>` ({@link BalancerMath}): `exact` reproduces the U64F64
 * and `safe-bigmath` arithmetic bit for bit, `fast` is float64 (Math.pow / expm1 / log1p).
 */
import { U64F64 } from '../../math/fixed.ts';
import * as F from '../../math/fixed.ts';
import { type Arith, exactArith, fastArith } from '../../math/arith.ts';
import type { SubnetState } from '../../state/types.ts';
import { RuntimeError, type ActionResult } from '../runtimeError.ts';
import { powRatioScaled } from './powRatioScaled.ts';

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** A Perquintill as its parts (value = parts / 1e18). */
export type Perquintill = bigint;

/** `ACCURACY` (balancer.rs): 1e18, the Perquintill scale and the `pow_ratio_scaled` scale. */
export const ACCURACY = 1_000_000_000_000_000_000n;
/** `MIN_WEIGHT` (balancer.rs): 0.01; both weights must stay ≥ this. */
export const MIN_WEIGHT: Perquintill = ACCURACY / 100n;
/** Default quote weight: `Perquintill::from_rational(1, 2)`. */
export const DEFAULT_QUOTE_WEIGHT: Perquintill = ACCURACY / 2n;
/** `DefaultFeeRate` (pallet swap mod.rs): 33 / 65535 ≈ 0.05 %. */
export const DEFAULT_FEE_RATE = 33;
/** `SwapMaxFeeRate` (runtime): 10,000 / 65535 ≈ 15.26 %. */
export const MAX_FEE_RATE = 10_000;
/** `SwapMinimumReserve` (runtime): the output reserve a swap needs, in rao. */
export const SWAP_MINIMUM_RESERVE = 1_000_000n;
/** `MAX_SWAP_INPUT_RESERVE_MULTIPLIER` (swap_step.rs): net input ≤ 1000 × input reserve. */
export const MAX_SWAP_INPUT_RESERVE_MULTIPLIER = 1_000n;
/** `min_price_inner` (impls.rs): 1e3 rao per alpha (1e-6 TAO), the default limit of sells. */
export const MIN_PRICE_RAO = 1_000n;
/** `max_price_inner` (impls.rs): 1e15 rao per alpha (1e6 TAO), the default limit of buys. */
export const MAX_PRICE_RAO = 1_000_000_000_000_000n;
/** `pow_ratio_scaled` precision (fractional bits of its series path) in `exp_scaled`. */
export const EXP_PRECISION = 256;
/** `pow_ratio_scaled` precision in `calculate_{quote,base}_delta_in` (limit orders). */
export const LIMIT_PRECISION = 1024;

const U64_MAX = (1n << 64n) - 1n;
const U128_MAX = (1n << 128n) - 1n;
const I64_MAX = (1n << 63n) - 1n;
const U16_MAX = 65_535;

/** Error variants of pallet `Swap` a swap can raise (pallets/swap/src/pallet/mod.rs `Error<T>`). */
export type SwapErrorVariant =
  | 'SwapInputTooLarge'
  | 'ReservesTooLow'
  | 'PriceLimitExceeded'
  | 'InsufficientLiquidity'
  | 'ReservesOutOfBalance';

function swapError(variant: SwapErrorVariant, details?: string): { ok: false; error: RuntimeError } {
  return { ok: false, error: new RuntimeError(variant, details, 'Swap') };
}

// ---------------------------------------------------------------------------------------------
// Weights (Perquintill)
// ---------------------------------------------------------------------------------------------

/**
 * `get_base_weight`: w1 = 1 − w2 (saturating).
 * @example baseWeight(300_000_000_000_000_000n) // 700_000_000_000_000_000n
 */
export function baseWeight(quoteWeight: Perquintill): Perquintill {
  return quoteWeight >= ACCURACY ? 0n : ACCURACY - quoteWeight;
}

/**
 * `Balancer::check_constraints`: both weights ≥ 0.01, i.e. w2 ∈ [0.01, 0.99].
 * @example isValidQuoteWeight(ACCURACY / 2n) // true
 */
export function isValidQuoteWeight(quoteWeight: Perquintill): boolean {
  return quoteWeight >= MIN_WEIGHT && baseWeight(quoteWeight) >= MIN_WEIGHT && quoteWeight <= ACCURACY;
}

/**
 * `Perquintill::from_rational(p, q)` (sp-arithmetic): floor(p·1e18 / q); 1 when q = 0 or p > q.
 * @example perquintillFromRational(1n, 3n) // 333_333_333_333_333_333n
 */
export function perquintillFromRational(p: bigint, q: bigint): Perquintill {
  if (q === 0n || p > q) return ACCURACY;
  return (p * ACCURACY) / q;
}

/**
 * `Balancer::mul_perquintill_round`: round(value · p), half up, in 256-bit, capped at u128::MAX.
 * @example mulPerquintillRound(ACCURACY / 2n, 5n) // 3n
 */
export function mulPerquintillRound(p: Perquintill, value: bigint): bigint {
  const r = (value * p + ACCURACY / 2n) / ACCURACY;
  return r > U128_MAX ? U128_MAX : r;
}

// ---------------------------------------------------------------------------------------------
// Numeric twins
// ---------------------------------------------------------------------------------------------

/**
 * The arithmetic of the balancer rules: `Arith<N>` (U64F64 values, u64 amounts) plus the pow
 * routine, which has an exact twin (`safe-bigmath`) and a float twin.
 */
export interface BalancerMath<N> {
  readonly A: Arith<N>;
  /**
   * `Balancer::exp_scaled(reserve, ±delta, base_quote)` as a U64F64 value: base_quote
   * (x/(x+∆x))^(w1/w2), else (y/(y+∆y))^(w2/w1); capped at 1 for a non-negative delta; 0 when
   * the reserve plus delta is 0 or the crate's result is `None` or outside u64.
   */
  expScaled(reserve: N, delta: N, deltaNegative: boolean, quoteWeight: Perquintill, baseQuote: boolean): N;
  /**
   * `convert_deltas`' output: floor(outReserve · (1 − exp_scaled(inReserve, +delta))), the
   * product a saturating U64F64 multiply. (Fast mode keeps exact mode's flooring of e to 1e-18,
   * and evaluates outReserve − ⌈outReserve·e⌉ when e < 1/2, so that a nearly emptied reserve
   * keeps, or loses, its last rao as in exact mode.)
   */
  swapOut(outReserve: N, inReserve: N, delta: N, quoteWeight: Perquintill, baseQuote: boolean): N;
  /**
   * The factor of `calculate_{quote,base}_delta_in`: (num/den)^(weight/1e18) − 1 as U64F64
   * (the pow result clamped to u64::MAX/1e18, the subtraction saturating at 0), or `null` when
   * the crate returns `None` (the caller then returns 0). `num`, `den` are U64F64 prices.
   */
  limitFactor(num: N, den: N, weight: Perquintill): N | null;
}

const ONE_BITS = 1n << 64n;
const ACC_FIXED = ACCURACY << 64n;

/** Exact twin: U64F64 bits and `safe-bigmath` at the precisions balancer.rs passes. */
export const exactBalancerMath: BalancerMath<bigint> = {
  A: exactArith,
  expScaled(x, delta, negative, quote, baseQuote) {
    // balancer.rs::exp_scaled @ 14bc6f9f9
    const xpd = negative ? (x > delta ? x - delta : 0n) : x + delta > U64_MAX ? U64_MAX : x + delta;
    if (xpd === 0n) return 0n;
    const w1 = baseWeight(quote);
    const w2 = quote;
    const r = baseQuote
      ? powRatioScaled(x, xpd, w1, w2, EXP_PRECISION, ACCURACY)
      : powRatioScaled(x, xpd, w2, w1, EXP_PRECISION, ACCURACY);
    if (r === null || r < 0n || r > U64_MAX) return 0n;
    const e = F.safeDiv(U64F64, F.saturatingFromInt(U64F64, r), ACC_FIXED);
    return negative ? e : e < ONE_BITS ? e : ONE_BITS;
  },
  swapOut(outReserve, x, delta, quote, baseQuote) {
    // swap_step.rs::convert_deltas @ 14bc6f9f9
    const factor = F.saturatingSub(U64F64, ONE_BITS, exactBalancerMath.expScaled(x, delta, false, quote, baseQuote));
    return F.saturatingToU64(U64F64, F.saturatingMul(U64F64, F.saturatingFromInt(U64F64, outReserve), factor));
  },
  limitFactor(num, den, weight) {
    // balancer.rs::calculate_quote_delta_in / calculate_base_delta_in @ 14bc6f9f9
    const r = powRatioScaled(num, den, weight, ACCURACY, LIMIT_PRECISION, ACCURACY);
    if (r === null) return null;
    const ef = r > U64_MAX ? F.saturatingFromInt(U64F64, U64_MAX) : r >= 0n ? F.saturatingFromInt(U64F64, r) : 0n;
    return F.saturatingSub(U64F64, F.safeDiv(U64F64, ef, ACC_FIXED), ONE_BITS);
  },
};

const POW_CAP = Number(U64_MAX) / 1e18;

/** Float twin: Math.pow / expm1 / log1p on float64 values (prices and factors as plain numbers). */
export const fastBalancerMath: BalancerMath<number> = {
  A: fastArith,
  expScaled(x, delta, negative, quote, baseQuote) {
    const xpd = negative ? Math.max(x - delta, 0) : x + delta;
    if (xpd === 0) return 0;
    const e = Math.pow(x / xpd, exponent(quote, baseQuote));
    return negative ? e : Math.min(e, 1);
  },
  swapOut(outReserve, x, delta, quote, baseQuote) {
    const xpd = x + delta;
    if (xpd === 0 || x === 0) return Math.floor(outReserve);
    const lnE = exponent(quote, baseQuote) * Math.log1p(-delta / xpd);
    if (lnE < -Math.LN2) {
      // small e: keep exact mode's quantization of e to 1e-18 (an e below 1e-18 empties the reserve)
      const eq = Math.floor(Math.exp(lnE) * 1e18) / 1e18;
      return Math.max(0, outReserve - Math.ceil(outReserve * eq));
    }
    // 1 − e without cancellation, rounded up to 1e-18 as exact mode's floored e makes it
    const f = Math.ceil(-Math.expm1(lnE) * 1e18) / 1e18;
    return Math.floor(outReserve * (f < 0 ? 0 : f));
  },
  limitFactor(num, den, weight) {
    if (den === 0) return null;
    if (num === 0) return 0;
    const f = Math.expm1((Number(weight) / 1e18) * Math.log(num / den));
    return f < 0 ? 0 : Math.min(f, POW_CAP - 1);
  },
};

function exponent(quote: Perquintill, baseQuote: boolean): number {
  const w1 = Number(baseWeight(quote));
  const w2 = Number(quote);
  return baseQuote ? w1 / w2 : w2 / w1;
}

/** The balancer math of a numeric mode. */
export function balancerMathFor(mode: 'exact' | 'fast'): BalancerMath<bigint> | BalancerMath<number> {
  return mode === 'exact' ? exactBalancerMath : fastBalancerMath;
}

// ---------------------------------------------------------------------------------------------
// Pool, price, fee
// ---------------------------------------------------------------------------------------------

/** The pool a swap reads: reserves (rao), quote weight and fee rate. */
export interface BalancerPool<N> {
  /** `SubnetTAO`: quote reserve y */
  tao: N;
  /** `SubnetAlphaIn`: base reserve x */
  alphaIn: N;
  /** `SwapBalancer(netuid).quote`: w2, Perquintill parts */
  quoteWeight: Perquintill;
  /** `FeeRate(netuid)`: u16, rate = FeeRate / 65535 */
  feeRate: number;
}

/** `U64F64::saturating_from_num(u64)` */
function u64f<N>(A: Arith<N>, x: N): N {
  return A.fromAmount(U64F64, x);
}

/**
 * `Balancer::calculate_price(x, y)`: (w1/w2)·(y/x) in U64F64, each quotient `safe_div` (so 0
 * when x = 0), the product saturating.
 *
 * @example
 * ```ts
 * import { calculatePrice, DEFAULT_QUOTE_WEIGHT } from './balancer.ts';
 * import { exactArith } from '../../math/arith.ts';
 * calculatePrice(exactArith, 4_000_000_000n, 1_000_000_000n, DEFAULT_QUOTE_WEIGHT); // 0.25 · 2^64
 * ```
 */
export function calculatePrice<N>(A: Arith<N>, alphaIn: N, tao: N, quoteWeight: Perquintill): N {
  const w2 = u64f(A, A.amount(quoteWeight));
  const w1 = u64f(A, A.amount(baseWeight(quoteWeight)));
  return A.satMul(U64F64, A.safeDiv(U64F64, w1, w2), A.safeDiv(U64F64, u64f(A, tao), u64f(A, alphaIn)));
}

/**
 * `Pallet::current_price` (impls.rs): 1 for a non-dynamic subnet, 0 when the alpha reserve is 0,
 * else {@link calculatePrice}.
 */
export function currentPrice<N>(A: Arith<N>, pool: BalancerPool<N>, mechanism: 0 | 1 = 1): N {
  if (mechanism !== 1) return u64f(A, A.amount(1));
  if (A.isZero(pool.alphaIn)) return A.zero;
  return calculatePrice(A, pool.alphaIn, pool.tao, pool.quoteWeight);
}

/**
 * `Pallet::calculate_fee_amount` (impls.rs, dynamic subnet): floor(amount · (FeeRate / 65535)),
 * with the rate a truncated U64F64 quotient, so one rao less than floor(amount·rate/65535) when
 * amount·rate is a multiple of 65535. 0 with `dropFees`.
 *
 * @example
 * ```ts
 * import { calculateFeeAmount } from './balancer.ts';
 * import { exactArith } from '../../math/arith.ts';
 * calculateFeeAmount(exactArith, 1_000_000_000n, 33, false); // 503_547n
 * ```
 */
export function calculateFeeAmount<N>(A: Arith<N>, amount: N, feeRate: number, dropFees: boolean): N {
  if (dropFees) return A.zero;
  const rate = A.safeDiv(U64F64, u64f(A, A.amount(feeRate)), u64f(A, A.amount(U16_MAX)));
  return A.toU64(U64F64, A.satMul(U64F64, u64f(A, amount), rate));
}

/**
 * The fee of a limit-capped step (swap_step.rs `determine_action`): floor(∆ · rate/(65535 − rate)),
 * i.e. the fee on the gross amount ∆ + fee at the pool's rate. 0 with `dropFees`.
 */
export function calculateLimitFee<N>(A: Arith<N>, deltaIn: N, feeRate: number, dropFees: boolean): N {
  const rate = dropFees ? A.zero : u64f(A, A.amount(feeRate));
  const factor = A.safeDiv(U64F64, rate, A.satSub(U64F64, u64f(A, A.amount(U16_MAX)), rate));
  return A.toU64(U64F64, A.satMul(U64F64, u64f(A, deltaIn), factor));
}

/**
 * A limit price argument (rao per alpha, u64 `TaoBalance`) as the U64F64 TAO-per-alpha price the
 * swap compares (impls.rs `SwapEngine::swap`: `price_limit / 1e9`, `safe_div`).
 */
export function limitPriceFromRao<N>(A: Arith<N>, priceLimitRao: N): N {
  return A.safeDiv(U64F64, u64f(A, priceLimitRao), u64f(A, A.amount(1_000_000_000)));
}

// ---------------------------------------------------------------------------------------------
// Swap math
// ---------------------------------------------------------------------------------------------

/** `buy` = `GetAlphaForTao` (TAO in, alpha out); `sell` = `GetTaoForAlpha` (alpha in, TAO out). */
export type SwapSide = 'buy' | 'sell';

/**
 * `SwapStep::convert_deltas` (swap_step.rs): buy alpha_out = floor(x·(1 − (y/(y+∆y))^(w2/w1))),
 * sell tao_out = floor(y·(1 − (x/(x+∆x))^(w1/w2))).
 */
export function convertDeltas<N>(M: BalancerMath<N>, pool: BalancerPool<N>, side: SwapSide, deltaIn: N): N {
  const [inReserve, outReserve] = side === 'buy' ? [pool.tao, pool.alphaIn] : [pool.alphaIn, pool.tao];
  return M.swapOut(outReserve, inReserve, deltaIn, pool.quoteWeight, side === 'sell');
}

/** `SwapStep::price_target` (swap_step.rs): the price after swapping `deltaIn` in full. */
export function priceTarget<N>(M: BalancerMath<N>, pool: BalancerPool<N>, side: SwapSide, deltaIn: N, deltaOut?: N): N {
  const { A } = M;
  const out = deltaOut ?? convertDeltas(M, pool, side, deltaIn);
  return side === 'buy'
    ? calculatePrice(A, A.amountSub(pool.alphaIn, out), A.amountAdd(pool.tao, deltaIn), pool.quoteWeight)
    : calculatePrice(A, A.amountAdd(pool.alphaIn, deltaIn), A.amountSub(pool.tao, out), pool.quoteWeight);
}

/**
 * `Balancer::calculate_quote_delta_in`: the TAO ∆y that moves the price up from `current` to
 * `target`: floor(y·((target/current)^w1 − 1)) (pow at precision 1024); 0 if target ≤ current.
 */
export function calculateQuoteDeltaIn<N>(M: BalancerMath<N>, current: N, target: N, taoReserve: N, quoteWeight: Perquintill): N {
  const f = M.limitFactor(target, current, baseWeight(quoteWeight));
  if (f === null) return M.A.zero;
  return M.A.toU64(U64F64, M.A.satMul(U64F64, u64f(M.A, taoReserve), f));
}

/**
 * `Balancer::calculate_base_delta_in`: the alpha ∆x that moves the price down from `current` to
 * `target`: floor(x·((current/target)^w2 − 1)); 0 if target ≥ current.
 */
export function calculateBaseDeltaIn<N>(M: BalancerMath<N>, current: N, target: N, alphaReserve: N, quoteWeight: Perquintill): N {
  const f = M.limitFactor(current, target, quoteWeight);
  if (f === null) return M.A.zero;
  return M.A.toU64(U64F64, M.A.satMul(U64F64, u64f(M.A, alphaReserve), f));
}

/**
 * `Balancer::get_base_needed_for_quote`: alpha to sell for `deltaTao` TAO,
 * floor(x·((y/(y−∆y))^(w2/w1) − 1)).
 */
export function getBaseNeededForQuote<N>(M: BalancerMath<N>, pool: BalancerPool<N>, deltaTao: N): N {
  const { A } = M;
  const e = M.expScaled(pool.tao, deltaTao, true, pool.quoteWeight, false);
  return A.toU64(U64F64, A.satMul(U64F64, u64f(A, pool.alphaIn), A.satSub(U64F64, e, u64f(A, A.amount(1)))));
}

/** Parameters of {@link swap}. */
export interface SwapInput<N> {
  side: SwapSide;
  /** the amount offered, fee included (TAO for a buy, alpha for a sell) */
  amount: N;
  /** U64F64 limit price (TAO per alpha): a buy stops at or below it, a sell at or above (see {@link limitPriceFromRao}) */
  limitPrice: N;
  /** protocol operations: no fee (`drop_fees`) */
  dropFees?: boolean;
  /** `should_rollback` / sim_swap: skip the post-swap `InsufficientLiquidity` check (never triggers anyway) */
  simulate?: boolean;
  /** `MinimumReserve` (runtime 1,000,000 rao; the swap pallet's test mock uses 1) */
  minimumReserve?: N;
  /** `PalSwapInitialized(netuid)`: when false the swap first resets w2 to 0.5 (`maybe_initialize_palswap(netuid, None)`) */
  palSwapInitialized?: boolean;
}

/** Result of {@link swap}: the runtime's `SwapResult` plus the pool as `stake_utils` leaves it. */
export interface SwapOutput<N> {
  /** `amount_paid_in`: the input that enters the pool reserve (net of fee, capped by the limit) */
  amountPaidIn: N;
  /** `amount_paid_out` */
  amountPaidOut: N;
  /** `fee_paid` (in the input token) */
  feePaid: N;
  /** `fee_to_block_author`: the fee, or 0 when nothing was swapped */
  feeToBlockAuthor: N;
  /** whether the limit price capped the amount (the rest of `amount` is not used) */
  limitHit: boolean;
  priceBefore: N;
  priceAfter: N;
  /** the pool after `stake_utils` applies the reserve deltas (input reserve += paid in, output reserve −= paid out) */
  pool: BalancerPool<N>;
}

/** Errors {@link swap} returns (pallet `Swap`). */
export type SwapErrorType = RuntimeError & { variant: SwapErrorVariant };

/**
 * One swap on a dynamic subnet's pool, as `Pallet::do_swap` → `swap_inner` → `BasicSwapStep`
 * (impls.rs, swap_step.rs @ 14bc6f9f9), in this order:
 *
 * 1. `SwapInputTooLarge` if amount − fee > 1000 × the input reserve (u64 saturating);
 * 2. `ReservesTooLow` if the output reserve < `minimumReserve` (checked before the trade only:
 *    a trade can take it below, even to 0);
 * 3. `PriceLimitExceeded` unless the current price is strictly below (buy) / above (sell) the limit;
 * 4. fee = floor(amount·rate); if the post-trade price of amount − fee stays within the limit
 *    the step is full, else ∆ = the limit delta (pow at precision 1024) and
 *    fee = floor(∆·rate/(65535 − rate));
 * 5. `ReservesTooLow` if ∆ > 0 but the output rounds to 0;
 * 6. `InsufficientLiquidity` if the output exceeds the output reserve (not when simulating).
 *
 * @example
 * ```ts
 * import { swap, exactBalancerMath, limitPriceFromRao, MAX_PRICE_RAO, DEFAULT_QUOTE_WEIGHT } from './balancer.ts';
 * import { exactArith } from '../../math/arith.ts';
 * const pool = { tao: 1_000_000_000n, alphaIn: 4_000_000_000n, quoteWeight: DEFAULT_QUOTE_WEIGHT, feeRate: 33 };
 * const r = swap(exactBalancerMath, pool, { side: 'buy', amount: 123_456n, limitPrice: limitPriceFromRao(exactArith, MAX_PRICE_RAO) });
 * // r.ok: fee 62, amountPaidIn 123_394n, amountPaidOut 493_515n = floor(x·∆y/(y+∆y))
 * ```
 */
export function swap<N>(M: BalancerMath<N>, pool: BalancerPool<N>, input: SwapInput<N>): ActionResult<SwapOutput<N>> {
  const { A } = M;
  const buy = input.side === 'buy';
  const dropFees = input.dropFees ?? false;
  const minimumReserve = input.minimumReserve ?? A.amount(SWAP_MINIMUM_RESERVE);
  const inReserve = buy ? pool.tao : pool.alphaIn;
  const outReserve = buy ? pool.alphaIn : pool.tao;

  // impls.rs::ensure_swap_input_within_reserve_limit
  const fee0 = calculateFeeAmount(A, input.amount, pool.feeRate, dropFees);
  const requested = A.amountSub(input.amount, fee0);
  const maxAmount = A.toU64(U64F64, A.satMul(U64F64, u64f(A, inReserve), u64f(A, A.amount(MAX_SWAP_INPUT_RESERVE_MULTIPLIER))));
  if (!A.le(requested, maxAmount)) return swapError('SwapInputTooLarge', `net input ${String(requested)} > 1000 × reserve ${String(inReserve)}`);

  // impls.rs::swap_inner
  if (A.lt(outReserve, minimumReserve)) return swapError('ReservesTooLow', `output reserve ${String(outReserve)} < ${String(minimumReserve)}`);
  const p: BalancerPool<N> = input.palSwapInitialized === false ? { ...pool, quoteWeight: DEFAULT_QUOTE_WEIGHT } : pool;
  const priceBefore = currentPrice(A, p);
  const beyond = buy ? A.lt(priceBefore, input.limitPrice) : A.lt(input.limitPrice, priceBefore);
  if (!beyond) return swapError('PriceLimitExceeded', `current price ${A.value(U64F64, priceBefore)}, limit ${A.value(U64F64, input.limitPrice)}`);

  // swap_step.rs::BasicSwapStep::{new, determine_action, process_swap}
  const outFull = convertDeltas(M, p, input.side, requested);
  const target = priceTarget(M, p, input.side, requested, outFull);
  let deltaIn: N;
  let fee: N;
  let out: N;
  let limitHit = false;
  if (buy ? A.le(target, input.limitPrice) : A.le(input.limitPrice, target)) {
    deltaIn = requested;
    fee = fee0;
    out = outFull;
  } else {
    limitHit = true;
    deltaIn = buy
      ? calculateQuoteDeltaIn(M, priceBefore, input.limitPrice, p.tao, p.quoteWeight)
      : calculateBaseDeltaIn(M, priceBefore, input.limitPrice, p.alphaIn, p.quoteWeight);
    fee = calculateLimitFee(A, deltaIn, p.feeRate, dropFees);
    out = convertDeltas(M, p, input.side, deltaIn);
  }
  let feeToBlockAuthor = A.zero;
  if (!A.isZero(deltaIn)) {
    if (A.isZero(out)) return swapError('ReservesTooLow', `input ${String(deltaIn)} buys 0`);
    feeToBlockAuthor = fee;
  }
  // impls.rs::do_swap (committing path)
  if (!input.simulate && A.lt(outReserve, out)) return swapError('InsufficientLiquidity');

  // stake_utils.rs: input reserve += paid_in_reserve_delta (clamped to i64), output reserve −= paid out
  const inDelta = clampI64(A, deltaIn);
  const next: BalancerPool<N> = buy
    ? { ...p, tao: A.amountAdd(p.tao, inDelta), alphaIn: A.amountSub(p.alphaIn, clampI64(A, out)) }
    : { ...p, alphaIn: A.amountAdd(p.alphaIn, inDelta), tao: A.amountSub(p.tao, clampI64(A, out)) };
  return {
    ok: true,
    value: {
      amountPaidIn: deltaIn,
      amountPaidOut: out,
      feePaid: fee,
      feeToBlockAuthor,
      limitHit,
      priceBefore,
      priceAfter: currentPrice(A, next),
      pool: next,
    },
  };
}

function clampI64<N>(A: Arith<N>, x: N): N {
  return A.min(x, A.amount(I64_MAX));
}

// ---------------------------------------------------------------------------------------------
// Liquidity: weights update, injection, initialization
// ---------------------------------------------------------------------------------------------

/**
 * `Balancer::update_weights_for_added_liquidity`: the quote weight that keeps the price when
 * (∆y, ∆x) are added: q1 = round(w1·y·(x+∆x)), q2 = round(w2·x·(y+∆y)), w2' = floor(q2/(q1+q2))
 * (Perquintill::from_rational); 0.5 when q1 + q2 = 0. `null` (`BalancerError::InvalidValue`)
 * when w2' leaves [0.01, 0.99].
 *
 * @example
 * ```ts
 * import { updateWeightsForAddedLiquidity, DEFAULT_QUOTE_WEIGHT } from './balancer.ts';
 * updateWeightsForAddedLiquidity(DEFAULT_QUOTE_WEIGHT, 1_000n, 4_000n, 1_000n, 0n); // 666_666_666_666_666_666n
 * ```
 */
export function updateWeightsForAddedLiquidity(
  quoteWeight: Perquintill,
  taoReserve: bigint,
  alphaReserve: bigint,
  taoDelta: bigint,
  alphaDelta: bigint,
): Perquintill | null {
  const newTao = taoReserve + taoDelta; // u64 + u64 fits u128
  const newAlpha = alphaReserve + alphaDelta;
  const q1 = mulPerquintillRound(baseWeight(quoteWeight), minU128(taoReserve * newAlpha));
  const q2 = mulPerquintillRound(quoteWeight, minU128(alphaReserve * newTao));
  const sum = minU128(q1 + q2);
  const w2 = sum !== 0n ? perquintillFromRational(q2, sum) : DEFAULT_QUOTE_WEIGHT;
  return isValidQuoteWeight(w2) ? w2 : null;
}

function minU128(x: bigint): bigint {
  return x > U128_MAX ? U128_MAX : x;
}

/** Result of {@link adjustProtocolLiquidity}: what the caller may add to the reserves, and the new w2. */
export interface AdjustProtocolLiquidityOutput {
  /** TAO the caller adds to `SubnetTAO` (the request, or 0 when rejected) */
  taoDelta: bigint;
  /** alpha the caller adds to `SubnetAlphaIn` (the request, or 0 when rejected) */
  alphaDelta: bigint;
  /** the quote weight to store (unchanged when rejected) */
  quoteWeight: Perquintill;
  rejected: boolean;
}

/**
 * `Pallet::adjust_protocol_liquidity` (impls.rs): re-weights the pool so that adding (∆y, ∆x)
 * keeps the spot price; if the new weight would leave [0.01, 0.99] nothing is injected (0, 0)
 * and the weight is kept. It does not touch the reserves (the coinbase adds the returned deltas).
 * Reserves are read as integers (`A.rao`); the weight math is integer in both modes.
 */
export function adjustProtocolLiquidity<N>(
  A: Arith<N>,
  pool: BalancerPool<N>,
  taoDelta: N,
  alphaDelta: N,
): AdjustProtocolLiquidityOutput {
  const dy = A.rao(taoDelta);
  const dx = A.rao(alphaDelta);
  const w2 = updateWeightsForAddedLiquidity(pool.quoteWeight, A.rao(pool.tao), A.rao(pool.alphaIn), dy, dx);
  if (w2 === null) return { taoDelta: 0n, alphaDelta: 0n, quoteWeight: pool.quoteWeight, rejected: true };
  return { taoDelta: dy, alphaDelta: dx, quoteWeight: w2, rejected: false };
}

/**
 * `Pallet::maybe_initialize_palswap` (impls.rs) for a pool not yet initialized: w2 = 0.5 without a
 * price, else w2 = y / (p·x + y) with p·x = floor(p)·x + floor(x·frac(p)) (u128) and
 * `Perquintill::from_rational`. `ReservesOutOfBalance` if p·x + y = 0 or w2 ∉ [0.01, 0.99].
 *
 * @example
 * ```ts
 * import { maybeInitializePalswap } from './balancer.ts';
 * import { exactArith, U64F64 } from '../../math/arith.ts';
 * // price 0.2 on reserves (1e9 TAO, 4e9 alpha): w2 = 1e9/(0.8e9 + 1e9)
 * maybeInitializePalswap(exactArith, { tao: 1_000_000_000n, alphaIn: 4_000_000_000n }, (1n << 64n) / 5n);
 * ```
 */
export function maybeInitializePalswap<N>(
  A: Arith<N>,
  reserves: { tao: N; alphaIn: N },
  price?: N,
): ActionResult<{ quoteWeight: Perquintill }> {
  if (price === undefined) return { ok: true, value: { quoteWeight: DEFAULT_QUOTE_WEIGHT } };
  const intPart = A.toU64(U64F64, price);
  const frac = A.satSub(U64F64, price, u64f(A, intPart));
  const pxHigh = A.rao(intPart) * A.rao(reserves.alphaIn);
  const pxLow = A.rao(A.toU64(U64F64, A.satMul(U64F64, u64f(A, reserves.alphaIn), frac)));
  const y = A.rao(reserves.tao);
  const sum = minU128(pxHigh + pxLow + y);
  if (sum === 0n) return swapError('ReservesOutOfBalance', 'price given and both reserves are 0');
  const w2 = perquintillFromRational(y, sum);
  if (!isValidQuoteWeight(w2)) return swapError('ReservesOutOfBalance', `initial quote weight ${w2} outside [0.01, 0.99]`);
  return { ok: true, value: { quoteWeight: w2 } };
}

// ---------------------------------------------------------------------------------------------
// State-level wrappers (stake_utils.rs::swap_tao_for_alpha / swap_alpha_for_tao)
// ---------------------------------------------------------------------------------------------

/** Who receives a swap's fee (`stake_into_subnet` / `unstake_from_subnet`). */
export type FeeRecipient = 'blockAuthor' | 'burned' | 'none';

/** Options of {@link swapTaoForAlpha} / {@link swapAlphaForTao}. */
export interface SubnetSwapOptions<N> {
  /** limit price in rao per alpha (`price_limit: TaoBalance`); default `max_price` (1e15) for buys, `min_price` (1e3) for sells */
  priceLimit?: N;
  /** protocol operations (coinbase chain buys, root claims, the author-fee swap): no fee */
  dropFees?: boolean;
  /** `T::AuthorshipProvider::author()` is `Some`: the fee goes to the block author, else it is burned (default true) */
  hasBlockAuthor?: boolean;
  /** `SwapMinimumReserve` (default 1,000,000 rao) */
  minimumReserve?: N;
  /** `PalSwapInitialized(netuid)` (the state has no such field; default true) */
  palSwapInitialized?: boolean;
}

/** What a subnet-level swap moved. */
export interface SubnetSwapOutput<N> {
  amountPaidIn: N;
  amountPaidOut: N;
  feePaid: N;
  /** the fee owed to the block author (in the input token), 0 when burned or dropped */
  feeToBlockAuthor: N;
  /** the fee burned for lack of a block author (in the input token) */
  feeBurned: N;
  feeRecipient: FeeRecipient;
  /** the caller's `TotalStake` change: +tao for a buy, −amount_paid_out for a sell (u64 saturating) */
  totalStakeDelta: { add: N; sub: N };
  limitHit: boolean;
  priceBefore: N;
  priceAfter: N;
}

/** Errors of the subnet-level swaps: pallet `Swap` variants. */
export type SubnetSwapErrorType = SwapErrorType;

/** The balancer pool of a subnet's state (`SubnetTAO`, `SubnetAlphaIn`, `SwapBalancer`, `FeeRate`). */
export function poolOf<N>(s: SubnetState<N>): BalancerPool<N> {
  return { tao: s.tao, alphaIn: s.alphaIn, quoteWeight: s.balancerQuoteWeight, feeRate: s.feeRate };
}

function addU128<N>(A: Arith<N>, a: N, b: N): N {
  if (A.mode === 'fast') return ((a as unknown as number) + (b as unknown as number)) as unknown as N;
  const s = (a as unknown as bigint) + (b as unknown as bigint);
  return (s > U128_MAX ? U128_MAX : s) as unknown as N;
}

function routeFee<N>(A: Arith<N>, fee: N, dropFees: boolean, hasBlockAuthor: boolean): Pick<SubnetSwapOutput<N>, 'feeToBlockAuthor' | 'feeBurned' | 'feeRecipient'> {
  if (dropFees || A.isZero(fee)) return { feeToBlockAuthor: A.zero, feeBurned: A.zero, feeRecipient: 'none' };
  return hasBlockAuthor
    ? { feeToBlockAuthor: fee, feeBurned: A.zero, feeRecipient: 'blockAuthor' }
    : { feeToBlockAuthor: A.zero, feeBurned: fee, feeRecipient: 'burned' };
}

/**
 * The swap both subnet wrappers run: through the balancer on dynamic subnets (price limit
 * defaulting to the side's extreme), 1:1 with no fee on stable/root subnets. Pure: the caller
 * applies the reserve updates.
 */
function subnetSwap<N>(
  M: BalancerMath<N>,
  subnet: SubnetState<N>,
  side: 'buy' | 'sell',
  amount: N,
  defaultLimitRao: N,
  opts: SubnetSwapOptions<N>,
): ActionResult<{ res: Omit<SwapOutput<N>, 'pool'>; weight: bigint }> {
  const { A } = M;
  if (subnet.mechanism === 1) {
    const r = swap(M, poolOf(subnet), {
      side,
      amount,
      limitPrice: limitPriceFromRao(A, opts.priceLimit ?? defaultLimitRao),
      dropFees: opts.dropFees ?? false,
      minimumReserve: opts.minimumReserve,
      palSwapInitialized: opts.palSwapInitialized,
    });
    if (!r.ok) return r;
    return { ok: true, value: { res: r.value, weight: r.value.pool.quoteWeight } };
  }
  const one = u64f(A, A.amount(1));
  return {
    ok: true,
    value: {
      res: { amountPaidIn: amount, amountPaidOut: amount, feePaid: A.zero, feeToBlockAuthor: A.zero, limitHit: false, priceBefore: one, priceAfter: one },
      weight: subnet.balancerQuoteWeight,
    },
  };
}

/**
 * `SubtensorModule::swap_tao_for_alpha` (stake_utils.rs @ 14bc6f9f9) on one subnet: swaps `tao`
 * (fee included) through the balancer (dynamic subnets) or 1:1 (stable/root), then
 * `SubnetAlphaIn −= out`, `SubnetAlphaOut += out`, `SubnetTAO += amount_paid_in`,
 * `SubnetVolume += tao`; `TotalStake += tao` is returned for the caller (it lives on the network).
 * Mutates `subnet` on success only. The fee stays outside the pool (the caller pays it to the
 * block author or burns it).
 *
 * @example
 * ```ts
 * import { swapTaoForAlpha, exactBalancerMath } from './balancer.ts';
 * const r = swapTaoForAlpha(exactBalancerMath, subnet, 1_000_000_000n);
 * if (r.ok) console.log(r.value.amountPaidOut, subnet.alphaIn);
 * ```
 */
export function swapTaoForAlpha<N>(
  M: BalancerMath<N>,
  subnet: SubnetState<N>,
  tao: N,
  opts: SubnetSwapOptions<N> = {},
): ActionResult<SubnetSwapOutput<N>> {
  const { A } = M;
  const dropFees = opts.dropFees ?? false;
  const r = subnetSwap(M, subnet, 'buy', tao, A.amount(MAX_PRICE_RAO), opts);
  if (!r.ok) return r;
  const { res, weight } = r.value;
  subnet.alphaIn = A.amountSub(subnet.alphaIn, clampI64(A, res.amountPaidOut));
  subnet.alphaOut = A.amountAdd(subnet.alphaOut, res.amountPaidOut);
  subnet.tao = A.amountAdd(subnet.tao, clampI64(A, res.amountPaidIn));
  subnet.volume = addU128(A, subnet.volume, tao);
  subnet.balancerQuoteWeight = weight;
  return {
    ok: true,
    value: {
      amountPaidIn: res.amountPaidIn,
      amountPaidOut: res.amountPaidOut,
      feePaid: res.feePaid,
      ...routeFee(A, res.feeToBlockAuthor, dropFees, opts.hasBlockAuthor ?? true),
      totalStakeDelta: { add: tao, sub: A.zero },
      limitHit: res.limitHit,
      priceBefore: res.priceBefore,
      priceAfter: subnet.mechanism === 1 ? currentPrice(A, poolOf(subnet)) : res.priceAfter,
    },
  };
}

/**
 * `SubtensorModule::swap_alpha_for_tao` (stake_utils.rs @ 14bc6f9f9) on one subnet: swaps
 * `alpha` (fee included), then `SubnetAlphaIn += amount_paid_in`, `SubnetAlphaOut −=
 * amount_paid_in`, `SubnetTAO −= out`, `SubnetVolume += out`; `TotalStake −= out` is returned.
 * Mutates `subnet` on success only. The alpha fee stays with the caller (who swaps it fee-free
 * for the block author, or burns it: {@link ../stake.ts unstakeFromSubnet}).
 */
export function swapAlphaForTao<N>(
  M: BalancerMath<N>,
  subnet: SubnetState<N>,
  alpha: N,
  opts: SubnetSwapOptions<N> = {},
): ActionResult<SubnetSwapOutput<N>> {
  const { A } = M;
  const dropFees = opts.dropFees ?? false;
  const r = subnetSwap(M, subnet, 'sell', alpha, A.amount(MIN_PRICE_RAO), opts);
  if (!r.ok) return r;
  const { res, weight } = r.value;
  const inDelta = clampI64(A, res.amountPaidIn);
  subnet.alphaIn = A.amountAdd(subnet.alphaIn, inDelta);
  subnet.alphaOut = A.amountSub(subnet.alphaOut, inDelta);
  subnet.tao = A.amountSub(subnet.tao, clampI64(A, res.amountPaidOut));
  subnet.volume = addU128(A, subnet.volume, res.amountPaidOut);
  subnet.balancerQuoteWeight = weight;
  return {
    ok: true,
    value: {
      amountPaidIn: res.amountPaidIn,
      amountPaidOut: res.amountPaidOut,
      feePaid: res.feePaid,
      ...routeFee(A, res.feeToBlockAuthor, dropFees, opts.hasBlockAuthor ?? true),
      totalStakeDelta: { add: A.zero, sub: res.amountPaidOut },
      limitHit: res.limitHit,
      priceBefore: res.priceBefore,
      priceAfter: subnet.mechanism === 1 ? currentPrice(A, poolOf(subnet)) : res.priceAfter,
    },
  };
}

/**
 * `adjust_protocol_liquidity` on a subnet: stores the new `SwapBalancer` weight (reserves are
 * untouched; add the returned deltas to `tao` / `alphaIn` as the coinbase does).
 */
export function adjustSubnetProtocolLiquidity<N>(A: Arith<N>, subnet: SubnetState<N>, taoDelta: N, alphaDelta: N): AdjustProtocolLiquidityOutput {
  const r = adjustProtocolLiquidity(A, poolOf(subnet), taoDelta, alphaDelta);
  subnet.balancerQuoteWeight = r.quoteWeight;
  return r;
}
