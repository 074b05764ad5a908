/**
 * Flow-based shares (C, C1: Taoflow; D: net flow): subtensor
 * `coinbase/subnet_emissions.rs::{get_shares_flow, get_lower_limit}` at 6218ecc5c (spec 334)
 * and 486037ba4 (spec 411, net flow with the normalized protocol EMA).
 *
 *   S_s  = user flow EMA (get_ema_flow)                          I64F64
 *   D:   P_s = protocol flow EMA; k = min(1, Σmax(S,0)/Σmax(P,0)) (0 if no positive P)
 *        net_s = S_s − k·P_s if P_s > 0, else S_s − P_s            (NetTaoFlowEnabled)
 *   L    = max(TaoFlowCutoff, min(0, min_s net_s))
 *   z_s  = net_s − L if net_s > L else 0                          U64F64
 *   share = inplace_pow_normalize(z, FlowNormExponent)
 */
import { type Arith, I64F64, I96F32, U64F64 } from '../../math/arith.ts';
import { DEFAULT_FLOW_EMA_SMOOTHING_FACTOR, getEmaFlow } from './getEmaFlow.ts';
import { resolveSpotPrice } from './getAlphaPrice.ts';
import { inplacePowNormalize } from './inplacePowNormalize.ts';
import { one } from './internal.ts';
import type { AllocatorRules } from './rules.ts';
import type { AllocatorContext, AllocatorSubnet, FlowParameters, FlowUpdate } from './types.ts';

/**
 * The flow storage with defaults filled in (`TaoFlowCutoff` 0, `FlowNormExponent` 1,
 * `FlowEmaSmoothingFactor` 29,597,889,189,277, `NetTaoFlowEnabled` true).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { flowParameters } from './getSharesFlow.ts';
 * flowParameters(fastArith, { flowNormExponent: 2 }).taoFlowCutoff; // 0
 * ```
 */
export function flowParameters<N>(A: Arith<N>, flow: Partial<FlowParameters<N>> = {}): FlowParameters<N> {
  return {
    flowEmaSmoothingFactor: flow.flowEmaSmoothingFactor ?? DEFAULT_FLOW_EMA_SMOOTHING_FACTOR,
    taoFlowCutoff: flow.taoFlowCutoff ?? A.zero,
    flowNormExponent: flow.flowNormExponent ?? one(A, U64F64),
    netTaoFlowEnabled: flow.netTaoFlowEnabled ?? true,
  };
}

/**
 * `get_lower_limit`: `max(cutoff, min(0, min_s flow_s))` (I64F64; 0 for no subnets).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { getLowerLimit } from './getSharesFlow.ts';
 * getLowerLimit(fastArith, [-100, 50], -1000); // -100
 * getLowerLimit(fastArith, [-100, 50], 0);     // 0
 * ```
 */
export function getLowerLimit<N>(A: Arith<N>, flows: readonly N[], cutoff: N): N {
  let minFlow = A.zero;
  for (const f of flows) minFlow = A.min(minFlow, A.min(f, A.zero));
  return A.max(cutoff, minFlow);
}

/**
 * D's net flow: user EMA minus the protocol EMA, positive protocol EMAs scaled by
 * `k = min(1, Σ max(S, 0) / Σ max(P, 0))` (0 without a positive P). Sums in array order.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { netFlows } from './getSharesFlow.ts';
 * netFlows(fastArith, [1e9, 1e9], [5e8, 2e9]); // [6e8, -6e8] (k = 0.8)
 * ```
 */
export function netFlows<N>(A: Arith<N>, user: readonly N[], protocol: readonly N[]): N[] {
  let su = A.zero;
  let sp = A.zero;
  for (let i = 0; i < user.length; i++) {
    su = A.satAdd(I64F64, su, A.max(user[i], A.zero));
    sp = A.satAdd(I64F64, sp, A.max(protocol[i], A.zero));
  }
  const k = A.lt(A.zero, sp) ? A.min(A.safeDiv(I64F64, su, sp), one(A, I64F64)) : A.zero;
  return user.map((u, i) => {
    const p = protocol[i];
    return A.satSub(I64F64, u, A.lt(A.zero, p) ? A.satMul(I64F64, k, p) : p);
  });
}

/** Output of {@link getSharesFlow}, aligned with its input. */
export interface GetSharesFlowOutput<N> {
  /** U64F64 */
  share: N[];
  flow: FlowUpdate<N>[];
}

/**
 * Shares of the emitting subnets from their flows. `subnets` must be the emitting set in
 * netuid order (the runtime's `BTreeMap` order, which the sums follow).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { getSharesFlow } from './getSharesFlow.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const sn = (netuid: number, ema: number) => ({
 *   state: { netuid, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 0, alphaIn: 0, alphaOut: 0, movingPrice: 0, hyper },
 *   inputs: { emaTaoFlow: { block: 10, value: ema } },
 * });
 * const ctx = { block: 10, blockEmission: 1e9, rootTao: 0, params: { taoWeight: 0n, movingAlpha: 3e-6, emaPriceHalvingBlocks: 201_600 } };
 * getSharesFlow(fastArith, allocatorRulesForSpec(348), [sn(1, 100), sn(2, 300)], ctx).share; // ≈ [0.25, 0.75]
 * ```
 */
export function getSharesFlow<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnets: readonly AllocatorSubnet<N>[],
  ctx: AllocatorContext<N>,
): GetSharesFlowOutput<N> {
  const fp = flowParameters(A, ctx.flow);
  const net = rules.shares === 'netFlow';
  const init = rules.flowEmaInit ?? 'zero';
  const user = subnets.map((s) =>
    getEmaFlow(A, {
      stored: s.inputs?.emaTaoFlow ?? null,
      flow: s.inputs?.taoFlow ?? A.zero,
      block: ctx.block,
      smoothingFactor: fp.flowEmaSmoothingFactor,
      init,
      movingPrice: s.state.mechanism === 0 ? one(A, I96F32) : s.state.movingPrice,
      // read only where the 334–347 init needs it (a swap-era price may be absent otherwise)
      spotPrice: init !== 'zero' && !s.inputs?.emaTaoFlow ? resolveSpotPrice(A, rules, s) : undefined,
    }),
  );
  // D (411): both EMAs are advanced every block, whether or not NetTaoFlowEnabled.
  const protocol = net
    ? subnets.map((s) =>
        getEmaFlow(A, {
          stored: s.inputs?.emaProtocolFlow ?? null,
          flow: s.inputs?.protocolFlow ?? A.zero,
          block: ctx.block,
          smoothingFactor: fp.flowEmaSmoothingFactor,
          init: 'zero',
        }),
      )
    : null;
  const flows =
    protocol && fp.netTaoFlowEnabled
      ? netFlows(
          A,
          user.map((u) => u.value),
          protocol.map((p) => p.value),
        )
      : user.map((u) => u.value);
  const lower = getLowerLimit(A, flows, fp.taoFlowCutoff);
  const offsets = flows.map((f) => (A.lt(lower, f) ? A.convert(I64F64, U64F64, A.satSub(I64F64, f, lower)) : A.zero));
  const share = inplacePowNormalize(A, offsets, fp.flowNormExponent);
  return {
    share,
    flow: subnets.map((_, i) => ({
      emaTaoFlow: user[i].stored,
      resetTaoFlow: user[i].resetFlow,
      emaProtocolFlow: protocol ? protocol[i].stored : null,
      resetProtocolFlow: protocol ? protocol[i].resetFlow : false,
      netFlow: flows[i],
    })),
  };
}
