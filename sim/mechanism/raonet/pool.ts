/**
 * R218 pools: constant product inside subtensor, in I96F32, without fee, minimum liquidity or
 * price limit (mechanism.md §9.1, quirk #16). Mirrors `swap_tao_for_alpha` / `swap_alpha_for_tao`
 * in `pallets/subtensor/src/staking/stake_utils.rs` @ 1629c559b.
 *
 * Root (netuid 0) and stable subnets (`SubnetMechanism` 0) swap 1:1.
 */
import { I96F32, type Arith } from '../../math/arith.ts';
import type { Netuid } from '../../state/types.ts';
import { subnetOf } from './storage.ts';
import type { RaonetState } from './types.ts';

/**
 * Alpha out for `tao` in: `floor(A − k / (T + tao))` with `k = A·T` (saturating; once the
 * product exceeds I96F32's range, k is clamped and the trader gets more alpha). A zero divisor
 * (`T + tao = 0`) gives `k/… = 0`, so the whole alpha reserve.
 *
 * @example
 * quoteTaoForAlpha(exactArith, 10_000_000_000n, 1n, 1_000_000_000n); // 0n (raonet genesis pool)
 */
export function quoteTaoForAlpha<N>(A: Arith<N>, taoReserve: N, alphaReserve: N, tao: N): N {
  const t = A.fromAmount(I96F32, taoReserve);
  const a = A.fromAmount(I96F32, alphaReserve);
  const k = A.satMul(I96F32, a, t);
  const rest = A.checkedDiv(I96F32, k, A.satAdd(I96F32, t, A.fromAmount(I96F32, tao))) ?? A.zero;
  return A.toU64(I96F32, A.satSub(I96F32, a, rest));
}

/**
 * TAO out for `alpha` in: `floor(T − k / (A + alpha))`, `k = A·T` saturating; `A + alpha = 0`
 * gives the whole TAO reserve (a drain of `swap_alpha_for_tao(s, 0)` on an empty alpha reserve).
 *
 * @example
 * quoteAlphaForTao(exactArith, 1_000n, 1_000n, 1_000n); // 500n
 */
export function quoteAlphaForTao<N>(A: Arith<N>, taoReserve: N, alphaReserve: N, alpha: N): N {
  const t = A.fromAmount(I96F32, taoReserve);
  const a = A.fromAmount(I96F32, alphaReserve);
  const k = A.satMul(I96F32, a, t);
  const rest = A.checkedDiv(I96F32, k, A.satAdd(I96F32, a, A.fromAmount(I96F32, alpha))) ?? A.zero;
  return A.toU64(I96F32, A.satSub(I96F32, t, rest));
}

/**
 * `swap_tao_for_alpha(netuid, tao)`: quotes, then `SubnetAlphaIn -= alpha` (saturating),
 * `SubnetAlphaOut += alpha`, `SubnetTAO += tao`, `TotalStake += tao`. Returns the alpha.
 *
 * @example
 * const alpha = swapTaoForAlpha(exactArith, state, 1, 1_000_000_000n);
 */
export function swapTaoForAlpha<N>(A: Arith<N>, s: RaonetState<N>, netuid: Netuid, tao: N): N {
  const sn = subnetOf(s, netuid);
  const alpha = sn.mechanism === 1 ? quoteTaoForAlpha(A, sn.tao, sn.alphaIn, tao) : tao;
  sn.alphaIn = A.amountSub(sn.alphaIn, alpha);
  sn.alphaOut = A.amountAdd(sn.alphaOut, alpha);
  sn.tao = A.amountAdd(sn.tao, tao);
  s.totalStake = A.amountAdd(s.totalStake, tao);
  return alpha;
}

/**
 * `swap_alpha_for_tao(netuid, alpha)`: quotes, then `SubnetAlphaIn += alpha`,
 * `SubnetAlphaOut -= alpha` (saturating), `SubnetTAO -= tao`, `TotalStake -= tao` (saturating).
 * Returns the TAO.
 *
 * @example
 * const tao = swapAlphaForTao(exactArith, state, 1, 1_000n);
 */
export function swapAlphaForTao<N>(A: Arith<N>, s: RaonetState<N>, netuid: Netuid, alpha: N): N {
  const sn = subnetOf(s, netuid);
  const tao = sn.mechanism === 1 ? quoteAlphaForTao(A, sn.tao, sn.alphaIn, alpha) : alpha;
  sn.alphaIn = A.amountAdd(sn.alphaIn, alpha);
  sn.alphaOut = A.amountSub(sn.alphaOut, alpha);
  sn.tao = A.amountSub(sn.tao, tao);
  s.totalStake = A.amountSub(s.totalStake, tao);
  return tao;
}
