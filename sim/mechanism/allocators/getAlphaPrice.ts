/**
 * Spot price of a subnet as the allocators take it: U64F64 (exact: bits), whatever type the
 * era's pool computes it in (see `AllocatorInputs.spotPrice`).
 */
import { type Arith, U64F64 } from '../../math/arith.ts';
import { AllocatorInputError } from './errors.ts';
import { one } from './internal.ts';
import type { AllocatorRules } from './rules.ts';
import type { AllocatorSubnet, AllocatorSubnetState } from './types.ts';

/**
 * `get_alpha_price` of the reserve-price eras (A0–A3, `staking/stake_utils.rs` @ e2b8367b8 /
 * 6b86ebf30): 1 for a stable subnet (mechanism 0) or root, 0 when `SubnetAlphaIn` is 0, else
 * `SubnetTAO / SubnetAlphaIn` (`checked_div` or 0) in the era's coinbase type (I96F32 until
 * spec 260, U96F32 after), returned as U64F64 (an exact widening).
 *
 * @example
 * ```ts
 * import { exactArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { getAlphaPrice } from './getAlphaPrice.ts';
 * const s = { netuid: 1, mechanism: 1, tao: 2_000n, alphaIn: 1_000n } as const;
 * getAlphaPrice(exactArith, allocatorRulesForSpec(233), s); // 2n << 64n
 * ```
 */
export function getAlphaPrice<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  s: Pick<AllocatorSubnetState<N>, 'netuid' | 'mechanism' | 'tao' | 'alphaIn'>,
): N {
  const T = rules.coinbaseType;
  if (s.netuid === 0 || s.mechanism === 0) return one(A, U64F64);
  if (A.isZero(s.alphaIn)) return A.zero;
  const p = A.checkedDiv(T, A.fromAmount(T, s.tao), A.fromAmount(T, s.alphaIn)) ?? A.zero;
  return A.convert(T, U64F64, p);
}

/**
 * The spot price a rule uses (U64F64): `inputs.spotPrice`; else, in the reserve-price eras, the
 * reserves' price; else 1 for a stable subnet; else an {@link AllocatorInputError}.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { resolveSpotPrice } from './getAlphaPrice.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const state = { netuid: 1, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 2e9, alphaIn: 1e9, alphaOut: 0, movingPrice: 0, hyper };
 * resolveSpotPrice(fastArith, allocatorRulesForSpec(261), { state });                         // 2 (reserves)
 * resolveSpotPrice(fastArith, allocatorRulesForSpec(425), { state, inputs: { spotPrice: 1.5 } }); // 1.5
 * ```
 */
export function resolveSpotPrice<N>(A: Arith<N>, rules: AllocatorRules, subnet: AllocatorSubnet<N>): N {
  const p = subnet.inputs?.spotPrice;
  if (p !== undefined) return p;
  if (rules.priceSource === 'reserves' || subnet.state.mechanism === 0) return getAlphaPrice(A, rules, subnet.state);
  throw new AllocatorInputError(`subnet ${subnet.state.netuid} has no spotPrice`, {
    details: `spec ${rules.spec} (${rules.era}) reads the swap pallet's current_alpha_price; pass inputs.spotPrice (U64F64)`,
  });
}
