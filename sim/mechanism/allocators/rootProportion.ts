/**
 * `root_proportion(netuid)` (subtensor `coinbase/block_step.rs` @ 6016381e4 / 14bc6f9f9; the
 * same formula inline in `run_coinbase` since e2b8367b8): `W / (W + alpha issuance)` with
 * `W = SubnetTAO(0) · TaoWeight/u64::MAX`, all U96F32, `checked_div` or 0.
 */
import { type Arith, U96F32 } from '../../math/arith.ts';
import { U64_MAX } from './internal.ts';

/**
 * `get_tao_weight`: `U96F32(TaoWeight).safe_div(U96F32(u64::MAX))` (stake_utils.rs).
 *
 * @example
 * ```ts
 * import { exactArith } from '../../math/arith.ts';
 * import { getTaoWeight } from './rootProportion.ts';
 * getTaoWeight(exactArith, (1n << 64n) - 1n); // 1n << 32n (exactly 1.0)
 * ```
 */
export function getTaoWeight<N>(A: Arith<N>, taoWeight: bigint): N {
  return A.safeDiv(U96F32, A.fromAmount(U96F32, A.amount(taoWeight)), A.fromAmount(U96F32, A.amount(U64_MAX)));
}

/**
 * Root proportion of a subnet (U96F32), from its alpha issuance (u64 rao), the root TAO
 * (`SubnetTAO(0)`, u64 rao) and the global `TaoWeight` (u64).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { rootProportion } from './rootProportion.ts';
 * rootProportion(fastArith, 1000, 1000, (1n << 64n) - 1n); // 0.5
 * ```
 */
export function rootProportion<N>(A: Arith<N>, alphaIssuance: N, rootTao: N, taoWeight: bigint): N {
  const w = A.satMul(U96F32, A.fromAmount(U96F32, rootTao), getTaoWeight(A, taoWeight));
  return A.checkedDiv(U96F32, w, A.satAdd(U96F32, w, A.fromAmount(U96F32, alphaIssuance))) ?? A.zero;
}
