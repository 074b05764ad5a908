/**
 * Flow EMAs of the Taoflow / net-flow eras (C, C1, D): subtensor
 * `coinbase/subnet_emissions.rs::get_ema_flow` (user flow; bodies at 6218ecc5c / spec 334,
 * 1f520ed95 / 338, 459fa72d1 / 348) and `update_ema_protocol_flow` (protocol flow, 486037ba4 /
 * 411). Arithmetic in I64F64:
 *
 *   β = I64F64(FlowEmaSmoothingFactor).safe_div(I64F64(i64::MAX))
 *   S ← (1 − β)·S + β·flow           (saturating), stored as (block, S), flow storage removed
 *
 * once per block: a second read in the same block returns the stored value unchanged. A missing
 * EMA starts at `min(mp, p)` (334–337), `1e9·min(mp, p)` (338–347), both without an update that
 * block, or from (0, 0) with the update (348+, and the protocol EMA always).
 */
import { type Arith, I64F64, I96F32, U64F64, U96F32 } from '../../math/arith.ts';
import { one } from './internal.ts';
import type { AllocatorRules } from './rules.ts';
import type { EmaFlow } from './types.ts';

/** i64::MAX */
const I64_MAX = (1n << 63n) - 1n;

/** `FlowEmaSmoothingFactor` default: 29,597,889,189,277 (≈ 3.209e-6 · i64::MAX, a 216,000-block half-life). */
export const DEFAULT_FLOW_EMA_SMOOTHING_FACTOR = 29_597_889_189_277n;

export interface GetEmaFlowInput<N> {
  /** stored EMA (`SubnetEmaTaoFlow` / `SubnetEmaProtocolFlow`), null if absent */
  stored: EmaFlow<N> | null;
  /** accumulated flow of the block (`SubnetTaoFlow` / `SubnetProtocolFlow`, i64 rao) */
  flow: N;
  /** current block */
  block: number;
  /** `FlowEmaSmoothingFactor` (u64) */
  smoothingFactor: bigint;
  /** rule for a missing EMA (`rules.flowEmaInit`; the protocol EMA uses `'zero'`) */
  init: NonNullable<AllocatorRules['flowEmaInit']>;
  /** `SubnetMovingPrice` (I96F32) of the subnet, 1.0 for a stable subnet (init 334–347) */
  movingPrice?: N;
  /** spot price (U64F64) (init 334–347) */
  spotPrice?: N;
}

export interface GetEmaFlowOutput<N> {
  /** the EMA the shares use this block (I64F64) */
  value: N;
  /** what is stored afterwards */
  stored: EmaFlow<N>;
  /** the flow accumulator was removed (`reset_tao_outflow` / `reset_protocol_flow`) */
  resetFlow: boolean;
}

/**
 * `β = FlowEmaSmoothingFactor / i64::MAX` in I64F64 (`safe_div`).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { flowSmoothing, DEFAULT_FLOW_EMA_SMOOTHING_FACTOR } from './getEmaFlow.ts';
 * flowSmoothing(fastArith, DEFAULT_FLOW_EMA_SMOOTHING_FACTOR); // ≈ 3.209e-6
 * ```
 */
export function flowSmoothing<N>(A: Arith<N>, factor: bigint): N {
  return A.safeDiv(I64F64, A.fromAmount(I64F64, A.amount(factor)), A.fromAmount(I64F64, A.amount(I64_MAX)));
}

/**
 * One read of a flow EMA (user or protocol), returning the value and the storage to write.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { getEmaFlow } from './getEmaFlow.ts';
 * // β = 1 (factor i64::MAX): the EMA becomes the block's flow
 * getEmaFlow(fastArith, { stored: null, flow: 100, block: 5, smoothingFactor: (1n << 63n) - 1n, init: 'zero' }).value; // 100
 * ```
 */
export function getEmaFlow<N>(A: Arith<N>, input: GetEmaFlowInput<N>): GetEmaFlowOutput<N> {
  const { stored, block } = input;
  if (stored === null && input.init !== 'zero') {
    // 334–347: S = min(mp, p) [× 1e9 from 338], stored without an update and without consuming the flow.
    const mp = A.convert(U96F32, I64F64, A.convert(I96F32, U96F32, input.movingPrice ?? A.zero));
    const p = A.convert(U96F32, I64F64, A.convert(U64F64, U96F32, input.spotPrice ?? A.zero));
    let s = A.min(mp, p);
    if (input.init === 'scaledMinPrice') s = A.satMul(I64F64, A.fromAmount(I64F64, A.amount(1_000_000_000)), s);
    return { value: s, stored: { block, value: s }, resetFlow: false };
  }
  const last = stored ?? { block: 0, value: A.zero };
  if (last.block === block) return { value: last.value, stored: last, resetFlow: false };
  const beta = flowSmoothing(A, input.smoothingFactor);
  const ema = A.satAdd(
    I64F64,
    A.satMul(I64F64, A.satSub(I64F64, one(A, I64F64), beta), last.value),
    A.satMul(I64F64, beta, A.fromAmount(I64F64, input.flow)),
  );
  return { value: ema, stored: { block, value: ema }, resetFlow: true };
}
