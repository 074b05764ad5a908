/**
 * Which subnets emit and each one's part of the block emission E, per era (mechanism.md §15):
 *
 * - `priceEma` (A0–B, spec 233–333; `run_coinbase` step 2–3 @ e2b8367b8 … ae2b37364):
 *   `tao_s = E·mp_s / Σmp` (`saturating_mul` then `checked_div`, 0 on failure) in the coinbase
 *   type. The runtime never forms the share; `share` reports `mp_s/Σmp` in the same type.
 * - `taoFlow` / `netFlow` (C, C1, D, spec 334–420): `getSharesFlow` (U64F64).
 * - `priceRootPropBurn` (E, 421–424) / `priceBurn` (F, 425): `subnet_emissions.rs::get_shares`
 *   @ 6016381e4 / 14bc6f9f9: price shares `mp_s/Σmp` (U64F64) weighted by
 *   `root_prop_s·(1 − min(1, MinerBurned_s))` (E) or `(1 − min(1, MinerBurned_s))` (F),
 *   renormalized (`safe_div`), falling back to the price shares when every weight is 0.
 *
 * From C on, `get_subnet_block_emissions` turns shares into TAO: with `SubnetEmissionEnabled`
 * (D+) a disabled subnet gets 0 and enabled ones `share/Σ enabled` (if any subnet is
 * disabled); then `tao_s = U96F32(U64F64(E)·share_s)`.
 */
import { type Arith, type FixedType, I96F32, U64F64, U96F32 } from '../../math/arith.ts';
import { getSharesFlow } from './getSharesFlow.ts';
import { getSubnetsToEmitTo } from './getSubnetsToEmitTo.ts';
import { alphaIssuance, byNetuid, one } from './internal.ts';
import { rootProportion } from './rootProportion.ts';
import type { AllocatorRules } from './rules.ts';
import type { AllocatorContext, AllocatorSubnet, AllocatorSubnetState, FlowUpdate, GetSharesOutput } from './types.ts';

/**
 * `get_moving_alpha_price` in type `T`: 1.0 for root or a stable subnet (mechanism 0), else
 * `SubnetMovingPrice` (I96F32) converted to `T` (saturating: negative → 0 in unsigned types).
 *
 * @example
 * ```ts
 * import { exactArith, U64F64 } from '../../math/arith.ts';
 * import { getMovingAlphaPrice } from './getShares.ts';
 * getMovingAlphaPrice(exactArith, U64F64, { netuid: 1, mechanism: 1, movingPrice: 1n << 31n }); // 1n << 63n (0.5)
 * ```
 */
export function getMovingAlphaPrice<N>(
  A: Arith<N>,
  T: FixedType,
  s: Pick<AllocatorSubnetState<N>, 'netuid' | 'mechanism' | 'movingPrice'>,
): N {
  if (s.netuid === 0 || s.mechanism === 0) return one(A, T);
  return A.convert(I96F32, T, s.movingPrice);
}

/**
 * Shares and TAO emission of the emitting set under `rules`, in input order (sums are taken in
 * netuid order, as the runtime's `BTreeMap`). Pure: flow EMAs to store are returned in `flow`.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { getShares } from './getShares.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const sn = (netuid: number, movingPrice: number) => ({
 *   state: { netuid, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 1e9, alphaIn: 1e9, alphaOut: 0, movingPrice, hyper },
 * });
 * const ctx = { block: 100, blockEmission: 1e9, rootTao: 0, params: { taoWeight: 0n, movingAlpha: 3e-6, emaPriceHalvingBlocks: 201_600 } };
 * getShares(fastArith, allocatorRulesForSpec(233), [sn(1, 1), sn(2, 3)], ctx).taoEmission; // [2.5e8, 7.5e8]
 * ```
 */
export function getShares<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnets: readonly AllocatorSubnet<N>[],
  ctx: AllocatorContext<N>,
): GetSharesOutput<N> {
  const index = getSubnetsToEmitTo(rules, subnets);
  const netuids = index.map((i) => subnets[i].state.netuid);
  const order = byNetuid(netuids); // k-positions in netuid order
  const emitting = index.map((i) => subnets[i]);
  const n = index.length;
  const CT = rules.coinbaseType;

  if (rules.shares === 'priceEma') {
    const mp = emitting.map((s) => getMovingAlphaPrice(A, CT, s.state));
    let total = A.zero;
    for (const k of order) total = A.satAdd(CT, total, mp[k]);
    const e = A.fromAmount(CT, ctx.blockEmission);
    return {
      netuids,
      index,
      shareType: CT,
      share: mp.map((m) => A.checkedDiv(CT, m, total) ?? A.zero),
      coinbaseType: CT,
      taoEmission: mp.map((m) => A.checkedDiv(CT, A.satMul(CT, e, m), total) ?? A.zero),
      flow: null,
    };
  }

  let share: N[] = new Array<N>(n);
  let flow: FlowUpdate<N>[] | null = null;
  if (rules.shares === 'taoFlow' || rules.shares === 'netFlow') {
    const sorted = order.map((k) => emitting[k]);
    const r = getSharesFlow(A, rules, sorted, ctx);
    flow = new Array<FlowUpdate<N>>(n);
    order.forEach((k, j) => {
      share[k] = r.share[j];
      flow![k] = r.flow[j];
    });
  } else {
    share = priceBurnShares(A, rules, emitting, order, ctx);
  }

  if (rules.emissionEnabledFlag) {
    const enabled = emitting.map((s) => s.inputs?.emissionEnabled ?? true);
    if (enabled.some((e) => !e)) {
      let sum = A.zero;
      for (const k of order) if (enabled[k]) sum = A.satAdd(U64F64, sum, share[k]);
      const positive = A.lt(A.zero, sum);
      share = share.map((s, k) => (enabled[k] && positive ? A.safeDiv(U64F64, s, sum) : A.zero));
    }
  }
  const e = A.fromAmount(U64F64, ctx.blockEmission);
  return {
    netuids,
    index,
    shareType: U64F64,
    share,
    coinbaseType: U96F32,
    taoEmission: share.map((s) => A.convert(U64F64, U96F32, A.satMul(U64F64, e, s))),
    flow,
  };
}

/** E/F `get_shares`: price shares weighted by (root proportion ×) (1 − MinerBurned). */
function priceBurnShares<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  emitting: readonly AllocatorSubnet<N>[],
  order: readonly number[],
  ctx: AllocatorContext<N>,
): N[] {
  const mp = emitting.map((s) => getMovingAlphaPrice(A, U64F64, s.state));
  let total = A.zero;
  for (const k of order) total = A.satAdd(U64F64, total, mp[k]);
  const priceShares = mp.map((m) => A.checkedDiv(U64F64, m, total) ?? A.zero);
  const one64 = one(A, U64F64);
  const weighted = emitting.map((s, k) => {
    const burned = A.min(A.convert(U96F32, U64F64, s.inputs?.minerBurned ?? A.zero), one64);
    let factor = A.satSub(U64F64, one64, burned);
    if (rules.shares === 'priceRootPropBurn') {
      const rp = rootProportion(A, alphaIssuance(A, s.state), ctx.rootTao, ctx.params.taoWeight);
      factor = A.satMul(U64F64, A.convert(U96F32, U64F64, rp), factor);
    }
    return A.satMul(U64F64, priceShares[k], factor);
  });
  let totalWeight = A.zero;
  for (const k of order) totalWeight = A.satAdd(U64F64, totalWeight, weighted[k]);
  if (!A.lt(A.zero, totalWeight)) return priceShares;
  return weighted.map((w) => A.safeDiv(U64F64, w, totalWeight));
}
