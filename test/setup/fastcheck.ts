/**
 * fast-check settings for every test file:
 * - a fixed seed by default, so CI runs are reproducible (a property that fails does so every
 *   time, with the same counterexample); `TAOSIM_FC_SEED=random` explores new seeds, any other
 *   number sets the seed;
 * - a time limit per property (its runs and its shrinking), reported as a failure: fast-check's
 *   loop is synchronous, so vitest's test timeout cannot stop a long shrink.
 */
import fc from 'fast-check';

const env = process.env.TAOSIM_FC_SEED;
const seed = env === 'random' ? undefined : env !== undefined && env !== '' ? Number(env) : 20261125;

fc.configureGlobal({
  ...(seed === undefined ? {} : { seed }),
  interruptAfterTimeLimit: 90_000,
  markInterruptAsFailure: true,
});
