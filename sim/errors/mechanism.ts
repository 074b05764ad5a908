/**
 * Broken invariants of mechanism results (a non-finite value, a sum off by more than its bound,
 * an output of the wrong shape). Thrown where a result is checked, never for bad user input
 * (that is a {@link ConfigError}): one of these means a bug in taosim.
 */
import { TaosimError, type TaosimErrorParameters } from './base.ts';

export type MechanismInvariantErrorType = MechanismInvariantError & { name: 'MechanismInvariantError' };

export class MechanismInvariantError extends TaosimError {
  override name = 'MechanismInvariantError' as const;

  /**
   * @param invariant what should have held, e.g. `runYuma output: every number finite`
   * @param parameters `details` says where it broke (e.g. `epochs[0].consensus[3] = NaN`)
   */
  constructor(invariant: string, parameters: TaosimErrorParameters = {}) {
    super(`mechanism invariant broken: ${invariant}`, parameters);
  }
}
