/**
 * Which subnets receive emission this block (`subnets_to_emit_to`): `run_coinbase` step 1
 * (233–341, inline) and `subnet_emissions.rs::get_subnets_to_emit_to` (342+).
 */
import type { AllocatorRules, EmitSetRule } from './rules.ts';
import type { AllocatorSubnet } from './types.ts';

/**
 * Whether one subnet is in the emitting set of `rule`.
 *
 * - `nonRoot` (e2b8367b8): netuid ≠ 0;
 * - `started` (8de0d23ca): + `FirstEmissionBlockNumber` set;
 * - `startedSubtokenRegOrPow` (52378dc3e): + `SubtokenEnabled` + (registration ∨ PoW registration);
 * - `startedSubtokenReg` (e7f05a051): + `SubtokenEnabled` + registration.
 *
 * @example
 * ```ts
 * import { isEmitting } from './getSubnetsToEmitTo.ts';
 * const hyper = { registrationAllowed: false, powRegistrationAllowed: true };
 * const s = { state: { netuid: 1, mechanism: 1, registeredAt: 0, firstEmissionBlock: 5, tao: 0, alphaIn: 0, alphaOut: 0, movingPrice: 0, hyper } } as const;
 * isEmitting('startedSubtokenRegOrPow', s); // true
 * isEmitting('startedSubtokenReg', s);      // false
 * ```
 */
export function isEmitting<N>(rule: EmitSetRule, subnet: AllocatorSubnet<N>): boolean {
  const s = subnet.state;
  if (s.netuid === 0) return false;
  if (rule === 'nonRoot') return true;
  if (s.firstEmissionBlock === null) return false;
  if (rule === 'started') return true;
  const subtoken = subnet.inputs?.subtokenEnabled ?? true; // set by start_call
  if (!subtoken) return false;
  if (rule === 'startedSubtokenRegOrPow') return s.hyper.registrationAllowed || s.hyper.powRegistrationAllowed;
  return s.hyper.registrationAllowed;
}

/**
 * Positions (in input order) of the subnets that emit under `rules`.
 *
 * @example
 * ```ts
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { getSubnetsToEmitTo } from './getSubnetsToEmitTo.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const s = (netuid: number, firstEmissionBlock: number | null) => ({
 *   state: { netuid, mechanism: 1, registeredAt: 0, firstEmissionBlock, tao: 0, alphaIn: 0, alphaOut: 0, movingPrice: 0, hyper },
 * }) as const;
 * getSubnetsToEmitTo(allocatorRulesForSpec(257), [s(1, 10), s(2, null)]); // [0]
 * ```
 */
export function getSubnetsToEmitTo<N>(rules: Pick<AllocatorRules, 'emitSet'>, subnets: readonly AllocatorSubnet<N>[]): number[] {
  const out: number[] = [];
  subnets.forEach((s, i) => {
    if (isEmitting(rules.emitSet, s)) out.push(i);
  });
  return out;
}
