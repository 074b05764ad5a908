/**
 * What `taosim yuma` asserts about a result before writing it: the output schema (finite numbers,
 * u16 ranges, schemaVersion 1), one result per epoch, every vector of length n, and `u16` in
 * exact mode. A failure is a bug in the mechanism, reported as a {@link MechanismInvariantError}.
 */
import { MechanismInvariantError } from '../../errors/mechanism.ts';
import { issuesFromZod } from '../../config/issues.ts';
import type { YumaInput, YumaOutput } from '../../mechanism/yuma/types.ts';
import { yumaOutputSchema } from './schema.ts';

export type CheckOutputInvariantsErrorType = MechanismInvariantError;

/** @throws {MechanismInvariantError} naming the first broken places (up to 10) */
export function checkOutputInvariants(input: YumaInput, output: YumaOutput): void {
  const problems: string[] = [];
  const parsed = yumaOutputSchema.safeParse(output, { reportInput: true });
  if (!parsed.success) for (const i of issuesFromZod(parsed.error, 'output')) problems.push(`${i.path}: ${i.message}`);
  else {
    const n = input.epochs[0].stake.length;
    if (output.epochs.length !== input.epochs.length) {
      problems.push(`output.epochs: expected ${input.epochs.length} results (one per input epoch), got ${output.epochs.length}`);
    }
    output.epochs.forEach((e, k) => {
      const vectors: Array<[string, unknown[] | null | undefined]> = [
        ['rank', e.rank],
        ['trust', e.trust],
        ['consensus', e.consensus],
        ['incentive', e.incentive],
        ['dividends', e.dividends],
        ['validatorTrust', e.validatorTrust],
        ['validatorPermit', e.validatorPermit],
        ['bonds', e.bonds],
        ['emission', e.emission],
        ...Object.entries(e.u16 ?? {}).map(([f, v]): [string, unknown[] | null] => [`u16.${f}`, v as unknown[] | null]),
      ];
      for (const [f, v] of vectors) if (v && v.length !== n) problems.push(`output.epochs[${k}].${f}: expected ${n} entries (n), got ${v.length}`);
      if (input.mode === 'exact' && !e.u16) problems.push(`output.epochs[${k}].u16: missing in exact mode`);
      if (input.raoEmission !== undefined && !e.emission) problems.push(`output.epochs[${k}].emission: null although raoEmission was given`);
    });
  }
  if (problems.length) {
    throw new MechanismInvariantError('runYuma output matches the contract', {
      metaMessages: problems.slice(0, 10).concat(problems.length > 10 ? [`… and ${problems.length - 10} more`] : []),
    });
  }
}
