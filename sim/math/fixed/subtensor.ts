/**
 * subtensor's wrappers around the crate transcendentals, from
 * `pallets/subtensor/src/epoch/math.rs` (same bodies at R218 1629c559b, L233 e2b8367b8 and HEAD
 * 14bc6f9f9, except that `safe_exp` is gone at HEAD and R218 writes `from_num` where later
 * revisions write `saturating_from_num`, which gives the same constants).
 *
 * Where subtensor calls them (runtime code, tests excluded):
 * - R218 / L233: `run_epoch.rs::calculate_logistic_params` (`safe_ln`) and
 *   `compute_alpha_values` (`safe_exp`), i.e. liquid alpha; `exp_safe` only from `sigmoid_safe`,
 *   which nothing calls (R218 also has an unused `exp_safe_f96` on I96F32).
 * - HEAD: `run_epoch.rs::alpha_sigmoid` (`exp_safe`); `safe_ln` is defined but unused.
 * Other direct uses of the crate (not wrapped): `coinbase/block_emission.rs::
 * get_block_emission_for_issuance` (`log2` on I96F32, all revisions); HEAD
 * `coinbase/subnet_emissions.rs::safe_pow` (`ln`, `exp` on I32F32) and
 * `staking/lock.rs::exp_decay` (`exp` on I64F64).
 */

import { type FixedType, I32F32 } from './types.ts';
import { type SubstrateFixedVersion, exp, ln } from './transcendental.ts';

/**
 * `exp_safe(x)`: clamp x to [−20, 20], then `exp`; on `Err`, 0 if the clamped input ≤ 0, else
 * `max_value()`. subtensor's is on `I32F32` (`exp_safe_f96` at R218: the same on `I96F32`).
 *
 * @example
 * ```ts
 * import { expSafe, fromInt, I32F32 } from '../fixed.ts';
 * expSafe(fromInt(I32F32, 100)); // = exp(20) (clamped)
 * ```
 */
export function expSafe(x: bigint, T: FixedType = I32F32, version: SubstrateFixedVersion = 'v0.6.0'): bigint {
  const lo = -20n << T.frac;
  const hi = 20n << T.frac;
  const input = x < lo ? lo : x > hi ? hi : x;
  const r = exp(T, input, { version });
  if (r !== null) return r;
  return input <= 0n ? 0n : T.max;
}

/**
 * `safe_exp(x)` (R218, L233): `exp(x).unwrap_or(0)` on I32F32, no clamp, so an overflowing
 * large input gives 0.
 */
export function safeExp(x: bigint, version: SubstrateFixedVersion = 'v0.5.9'): bigint {
  return exp(I32F32, x, { version }) ?? 0n;
}

/**
 * `safe_ln(x)`: `ln(x).unwrap_or(0)` on I32F32 (0 for x ≤ 0). With `version` `'v0.5.9'` (R218,
 * L233) the crate panics for x = 2^-32 or 2^-31 (bits 1, 2): thrown as `FixedPanicError`.
 */
export function safeLn(x: bigint, version: SubstrateFixedVersion = 'v0.6.0'): bigint {
  return ln(I32F32, x, { version }) ?? 0n;
}
