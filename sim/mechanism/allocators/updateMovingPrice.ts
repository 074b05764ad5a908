/**
 * `update_moving_price(netuid)` per era (subtensor `staking/stake_utils.rs`; run after the
 * coinbase, on the post-injection spot price), stored as `SubnetMovingPrice` (I96F32):
 *
 *   mp ← α_eff·p' + (1 − α_eff)·mp
 *
 * | spec | commit | α_eff | p' | type |
 * |---|---|---|---|---|
 * | 233 | e2b8367b8 | `SubnetMovingAlpha` | p | I96F32 |
 * | 234 | f95810a25 | same | min(p, 1) | I96F32 |
 * | 246 | a27fff291 | α·b/(b + 100,800), b = now − NetworkRegisteredAt | min(p, 1) | I96F32 |
 * | 252 | b61dd3020 | α·b/(b + EMAPriceHalvingBlocks) | min(p, 1) | I96F32 |
 * | 258 | 719a6f5e9 | b = now − (FirstEmissionBlockNumber − 1) | min(p, 1) | I96F32 |
 * | 261 | 6b86ebf30 | same | min(p, 1) | U96F32, stored as I96F32 |
 * | 423 | 06032d518 | same | min(p, 1) (balancer price) | U64F64, stored as I96F32 |
 *
 * The ratio `b/(b + H)` is taken first (`safe_div`), then multiplied by α (`saturating_mul`).
 */
import { type Arith, I96F32, U64F64 } from '../../math/arith.ts';
import { resolveSpotPrice } from './getAlphaPrice.ts';
import { getMovingAlphaPrice } from './getShares.ts';
import { getSubnetsToEmitTo } from './getSubnetsToEmitTo.ts';
import { one } from './internal.ts';
import type { AllocatorRules } from './rules.ts';
import type { AllocatorContext, AllocatorSubnet, UpdateMovingPricesOutput } from './types.ts';

/** EMA weight ramp constant before `EMAPriceHalvingBlocks` existed (a27fff291, spec 246–251). */
export const FIXED_EMA_HALVING_BLOCKS_246 = 100_800;

/**
 * The effective EMA weight α_eff of one subnet (in the rule's type).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { movingPriceWeight } from './updateMovingPrice.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const subnet = { state: { netuid: 1, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 0, alphaIn: 0, alphaOut: 0, movingPrice: 0, hyper } };
 * const ctx = { block: 201_600, blockEmission: 1e9, rootTao: 0, params: { taoWeight: 0n, movingAlpha: 0.5, emaPriceHalvingBlocks: 201_600 } };
 * movingPriceWeight(fastArith, allocatorRulesForSpec(425), subnet, ctx); // 0.25 (b = H)
 * ```
 */
export function movingPriceWeight<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnet: AllocatorSubnet<N>,
  ctx: AllocatorContext<N>,
): N {
  const r = rules.movingPrice;
  const T = r.type;
  const alpha = A.convert(I96F32, T, ctx.params.movingAlpha);
  if (r.age === 'none') return alpha;
  const s = subnet.state;
  const base = r.age === 'startCall' ? Math.max((s.firstEmissionBlock ?? 0) - 1, 0) : s.registeredAt;
  const b = A.fromAmount(T, A.amount(Math.max(ctx.block - base, 0)));
  const h =
    r.age === 'registeredFixed100800'
      ? FIXED_EMA_HALVING_BLOCKS_246
      : (subnet.inputs?.emaPriceHalvingBlocks ?? ctx.params.emaPriceHalvingBlocks);
  return A.satMul(T, alpha, A.safeDiv(T, b, A.satAdd(T, b, A.fromAmount(T, A.amount(h)))));
}

/**
 * The new `SubnetMovingPrice` (I96F32) of one subnet, from its current one, the spot price
 * (`inputs.spotPrice`, U64F64; reserves in A0–A3) and `ctx.block`.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { updateMovingPrice } from './updateMovingPrice.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const subnet = { state: { netuid: 1, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 0, alphaIn: 0, alphaOut: 0, movingPrice: 1, hyper }, inputs: { spotPrice: 4 } };
 * const ctx = { block: 10, blockEmission: 1e9, rootTao: 0, params: { taoWeight: 0n, movingAlpha: 0.5, emaPriceHalvingBlocks: 201_600 } };
 * updateMovingPrice(fastArith, allocatorRulesForSpec(233), subnet, ctx); // 2.5 (uncapped)
 * updateMovingPrice(fastArith, allocatorRulesForSpec(238), subnet, ctx); // 1   (min(p, 1))
 * ```
 */
export function updateMovingPrice<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnet: AllocatorSubnet<N>,
  ctx: AllocatorContext<N>,
): N {
  const T = rules.movingPrice.type;
  const o = one(A, T);
  const alpha = movingPriceWeight(A, rules, subnet, ctx);
  const minusAlpha = A.satSub(T, o, alpha);
  let price = A.convert(U64F64, T, resolveSpotPrice(A, rules, subnet));
  if (rules.movingPrice.capAtOne) price = A.min(price, o);
  const current = A.satMul(T, alpha, price);
  const moving = A.satMul(T, minusAlpha, getMovingAlphaPrice(A, T, subnet.state));
  return A.convert(T, I96F32, A.satAdd(T, current, moving));
}

/**
 * New moving prices of every subnet the era updates: all non-root subnets (233–256) or the
 * emitting set (257+), in input order.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { updateMovingPrices } from './updateMovingPrice.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const sn = (netuid: number, firstEmissionBlock: number | null) => ({ state: { netuid, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock, tao: 1e9, alphaIn: 1e9, alphaOut: 0, movingPrice: 0, hyper } });
 * const ctx = { block: 10, blockEmission: 1e9, rootTao: 0, params: { taoWeight: 0n, movingAlpha: 3e-6, emaPriceHalvingBlocks: 201_600 } };
 * updateMovingPrices(fastArith, allocatorRulesForSpec(261), [sn(1, 5), sn(2, null)], ctx).netuids; // [1]
 * ```
 */
export function updateMovingPrices<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnets: readonly AllocatorSubnet<N>[],
  ctx: AllocatorContext<N>,
): UpdateMovingPricesOutput<N> {
  const index =
    rules.movingPriceSet === 'emitting'
      ? getSubnetsToEmitTo(rules, subnets)
      : subnets.flatMap((s, i) => (s.state.netuid === 0 ? [] : [i]));
  return {
    netuids: index.map((i) => subnets[i].state.netuid),
    index,
    movingPrice: index.map((i) => updateMovingPrice(A, rules, subnets[i], ctx)),
  };
}
