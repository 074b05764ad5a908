/**
 * Errors of the allocator rules: an input the rule needs is missing or malformed. These are
 * caller mistakes (a scenario or engine that did not supply what the era reads), not broken
 * mechanism invariants.
 */
import { TaosimError, type TaosimErrorParameters } from '../../errors/base.ts';

export type AllocatorInputErrorType = AllocatorInputError & { name: 'AllocatorInputError' };

/**
 * An allocator input is missing or invalid, e.g. no `spotPrice` for a swap-era subnet.
 *
 * @example
 * ```ts
 * import { AllocatorInputError } from './errors.ts';
 * throw new AllocatorInputError('subnet 3 has no spotPrice', { details: 'spec 425 reads the swap pallet price' });
 * ```
 */
export class AllocatorInputError extends TaosimError {
  override name = 'AllocatorInputError' as const;
  constructor(shortMessage: string, parameters: TaosimErrorParameters = {}) {
    super(shortMessage, { docsPath: 'sim/mechanism/allocators/README.md', ...parameters });
  }
}
