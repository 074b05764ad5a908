/**
 * Stake weights the L233 epoch sees (§7.1): `get_stake_weights_for_network`,
 * `get_inherited_for_hotkey_on_subnet`, `get_tao_inherited_for_hotkey_on_subnet` in
 * `staking/stake_utils.rs` @ e2b8367b8.
 *
 * Per uid with hotkey h on subnet s:
 * - alpha_i = floor(A − Σ_children A·p_c + Σ_parents A_p·p_p) with A = `TotalHotkeyAlpha(h, s)`
 *   (I96F32 products, saturating);
 * - tao_i = the same on root stake `TotalHotkeyAlpha(·, 0)` with the child/parent relations **of
 *   subnet s**;
 * - stake_i = I64F64(alpha_i) + I64F64(tao_i) · I64F64(TaoWeight / u64::MAX).
 */
import type { Arith } from '../../math/arith.ts';
import { I64F64, I96F32 } from '../../math/arith.ts';
import type { AccountId, NetworkState, Netuid } from '../../state/types.ts';
import { taoWeightFloat, totalHotkeyAlpha, u64Proportion } from './util.ts';

/** Inherited stake of `hotkey` on `netuid` from the pools of `poolNetuid` (its own alpha, or root). */
function inherited<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, netuid: Netuid, poolNetuid: Netuid): N {
  const initial = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, poolNetuid));
  const info = s.hotkeys.get(hotkey);
  let toChildren = A.zero;
  let fromParents = A.zero;
  for (const [p] of info?.children.get(netuid) ?? []) {
    toChildren = A.satAdd(I96F32, toChildren, A.satMul(I96F32, initial, u64Proportion(A, p)));
  }
  for (const [p, parent] of info?.parents.get(netuid) ?? []) {
    const parentStake = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, parent, poolNetuid));
    fromParents = A.satAdd(I96F32, fromParents, A.satMul(I96F32, parentStake, u64Proportion(A, p)));
  }
  return A.toU64(I96F32, A.satAdd(I96F32, A.satSub(I96F32, initial, toChildren), fromParents));
}

/**
 * `get_inherited_for_hotkey_on_subnet` (alpha; on root: the raw root stake, no relations).
 * @example inheritedAlpha(exactArith, state, 'hk', 1)
 */
export function inheritedAlpha<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, netuid: Netuid): N {
  if (netuid === 0) return totalHotkeyAlpha(A, s, hotkey, 0);
  return inherited(A, s, hotkey, netuid, netuid);
}

/** `get_tao_inherited_for_hotkey_on_subnet`: root stake with subnet `netuid`'s relations. */
export function inheritedTao<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, netuid: Netuid): N {
  return inherited(A, s, hotkey, netuid, 0);
}

/** Stake weights of one subnet's uids. */
export interface StakeWeights<N> {
  /** I64F64 per uid (exact: bits; fast: values) */
  total: N[];
  /** u64 inherited alpha per uid */
  alpha: N[];
  /** u64 inherited root TAO per uid */
  tao: N[];
}

/**
 * `get_stake_weights_for_network(netuid)`, per uid in order.
 * @example const { total } = stakeWeights(exactArith, state, 1);
 */
export function stakeWeights<N>(A: Arith<N>, s: NetworkState<N>, netuid: Netuid): StakeWeights<N> {
  const sub = s.subnets.get(netuid);
  const hotkeys = sub?.neurons.hotkeys ?? [];
  const tw = A.convert(I96F32, I64F64, taoWeightFloat(A, s));
  const alpha = hotkeys.map((h) => inheritedAlpha(A, s, h, netuid));
  const tao = hotkeys.map((h) => inheritedTao(A, s, h, netuid));
  const total = alpha.map((a, i) =>
    A.satAdd(I64F64, A.fromAmount(I64F64, a), A.satMul(I64F64, A.fromAmount(I64F64, tao[i]), tw)),
  );
  return { total, alpha, tao };
}

/** `get_stake_weights_for_hotkey_on_subnet`: the single-hotkey form (weight-setting checks). */
export function stakeWeightForHotkey<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, netuid: Netuid): N {
  const tw = A.convert(I96F32, I64F64, taoWeightFloat(A, s));
  const a = inheritedAlpha(A, s, hotkey, netuid);
  const t = inheritedTao(A, s, hotkey, netuid);
  return A.satAdd(I64F64, A.fromAmount(I64F64, a), A.satMul(I64F64, A.fromAmount(I64F64, t), tw));
}

const TWO_30 = 1n << 30n;

/**
 * The stake argument for `yumaEpoch` (which takes integer rao and normalizes them as I64F64)
 * from I64F64 stake-weight bits, so that the epoch's normalized stake is bit-identical to the
 * runtime's `vec_fixed64_to_fixed32(inplace_normalize_64(stake))` even when the weights have
 * fractional bits (any TaoWeight > 0).
 *
 * The runtime's normalized I32F32 stake is t_i = floor(b_i·2^32 / Σb). `yumaEpoch` computes
 * floor(r_i·2^32 / Σr) for integers r_i < 2^63 with Σr < 2^63. Choosing Σr = 2^62 exactly makes
 * that floor(r_i / 2^30), so r_i = t_i·2^30 + e_i with 0 ≤ e_i < 2^30 and Σe_i = 2^30·(2^32 − Σt_i);
 * the deficit 2^32 − Σt_i is below n (each floor loses less than 1), so it always fits.
 * Fast mode: the float weights themselves.
 */
export function epochStakeArgument<N>(A: Arith<N>, total: N[]): Array<bigint | number> {
  if (A.mode === 'fast') return total as number[];
  const b = total as bigint[];
  let sum = 0n;
  for (const x of b) sum += x;
  if (sum === 0n) return b.map(() => 0n);
  const t = b.map((x) => (x * (1n << 32n)) / sum);
  let deficit = TWO_30 * ((1n << 32n) - t.reduce((p, q) => p + q, 0n));
  const r = t.map((ti) => ti * TWO_30);
  for (let i = 0; i < r.length && deficit > 0n; i++) {
    const e = deficit < TWO_30 - 1n ? deficit : TWO_30 - 1n;
    r[i] += e;
    deficit -= e;
  }
  if (deficit !== 0n) throw new Error('epochStakeArgument: deficit did not fit (n ≥ 2^30?)');
  // Σr = 2^62 by construction
  return r;
}
