import type { YumaChainParams, YumaRules } from './profiles.ts';
import type { YumaInput, YumaOutput } from './types.ts';
export function epochFast(_r: YumaRules, _p: YumaChainParams, _i: YumaInput): YumaOutput {
  throw new Error('fast mode not yet implemented');
}
