/**
 * Small helpers shared by the allocator rules (not exported from the module).
 */
import type { Arith, FixedType } from '../../math/arith.ts';
import { blockEmissionForIssuance } from '../emission/blockEmission.ts';
import type { AllocatorSubnetState } from './types.ts';

/** u64::MAX */
export const U64_MAX = (1n << 64n) - 1n;

/** 1.0 in `T`. */
export function one<N>(A: Arith<N>, T: FixedType): N {
  return A.c(T, 1);
}

/** A u64 amount as a bigint (fast: floored, negatives to 0). */
export function amountToBigint<N>(A: Arith<N>, x: N): bigint {
  return A.rao(x);
}

/**
 * Positions of `netuids` sorted by netuid: the iteration order of the runtime's
 * `BTreeMap<NetUid, _>` (numeric `Ord` on the u16). Sums in fast mode follow it so a
 * permutation of the input gives bit-identical results.
 */
export function byNetuid(netuids: readonly number[]): number[] {
  return netuids.map((_, i) => i).sort((i, j) => netuids[i] - netuids[j]);
}

/** `get_alpha_issuance`: `SubnetAlphaIn + SubnetAlphaOut` (u64, saturating). */
export function alphaIssuance<N>(A: Arith<N>, s: Pick<AllocatorSubnetState<N>, 'alphaIn' | 'alphaOut'>): N {
  return A.amountAdd(s.alphaIn, s.alphaOut);
}

/**
 * `get_block_emission_for_issuance(alpha issuance).unwrap_or(0)` as a u64 amount
 * (`sim/mechanism/emission/blockEmission.ts`; fast mode uses its float variant).
 */
export function alphaBlockEmission<N>(A: Arith<N>, issuance: N): N {
  const i = amountToBigint(A, issuance);
  const e = blockEmissionForIssuance(i, { mode: A.mode }) ?? 0n;
  return A.amount(e);
}
