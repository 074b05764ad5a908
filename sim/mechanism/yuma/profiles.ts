/**
 * Yuma rule sets per runtime profile. A profile is data (defaults as the runtime stores them)
 * plus the few switches where the epoch's code changed between chain versions; the pipeline in
 * `epochExact.ts` / `epochFast.ts` reads these switches, so the next chain version is one new
 * entry here, not a fork of the epoch.
 */
import type { YumaProfileName } from './types.ts';

/** Hyperparameters in chain units, all filled. */
export interface YumaChainParams {
  /** u16 */
  kappa: number;
  /** u64 per 1e6 */
  bondsMovingAverage: number;
  /** u16 */
  bondsPenalty: number;
  liquidAlphaEnabled: boolean;
  /** u16 */
  alphaLow: number;
  /** u16 */
  alphaHigh: number;
  yuma3: boolean;
  /** i16 as stored */
  alphaSigmoidSteepness: number;
  maxAllowedValidators: number;
  /** blocks */
  activityCutoff: number;
  tempo: number;
}

export interface YumaRules {
  name: YumaProfileName;
  specVersion: number;
  /** subtensor commit whose `epoch/run_epoch.rs` and `epoch/math.rs` this profile mirrors */
  commit: string;
  /** `is_topk` (L233) or `is_topk_nonzero` (HEAD) for new validator permits */
  permits: 'topk' | 'topkNonzero';
  /**
   * Bond mask for re-registered uids: L233 drops (i, j) when `last_update[i] <= registered[j]`;
   * spec 257–422 drop column j when `max(0, block − tempo) <= registered[j]` (`blockMinusTempo`);
   * HEAD (spec 423+) drops column j when `last_tempo <= registered[j]`, last_tempo =
   * LastMechansimStepBlock + 1 (or block − tempo when that is 0).
   */
  bondsMask: 'lastUpdate' | 'blockMinusTempo' | 'lastTempo';
  /**
   * Exponential of the Yuma3 alpha sigmoid: `safe_exp` (exp, 0 on overflow, no clamp; spec 283–364)
   * or `exp_safe` (input clamped to ±20; spec 365+). Default `expSafe`.
   */
  sigmoidExp?: 'safeExp' | 'expSafe';
  /** The activity cutoff comes from `ActivityCutoffFactorMilli` × tempo (spec 423+) instead of the stored `ActivityCutoff`. */
  activityCutoffFromTempo?: boolean;
  /** L233 computes pre-ranks and `trust = ranks / preranks`; HEAD removed both */
  computesTrust: boolean;
  /** L233: logistic alpha per column from consensus quantiles; HEAD: sigmoid per entry, Yuma3 only */
  liquidAlpha: 'logisticPerColumn' | 'sigmoidYuma3Only';
  supportsYuma3: boolean;
  /** Bonds rows written for uids without a new permit: L233 clears only uids that lost one; HEAD clears all */
  clearBonds: 'lostPermit' | 'allWithoutPermit';
  /** runtime defaults as stored (mechanism.md §12) */
  defaults: YumaChainParams;
}

/** dTAO launch, spec 233, subtensor e2b8367b8 ("final deployment of rao to mainnet"), 2025-02-13. */
export const DTAO_LAUNCH: YumaRules = {
  name: 'dtao-launch',
  specVersion: 233,
  commit: 'e2b8367b8',
  permits: 'topk',
  bondsMask: 'lastUpdate',
  computesTrust: true,
  liquidAlpha: 'logisticPerColumn',
  supportsYuma3: false,
  clearBonds: 'lostPermit',
  defaults: {
    kappa: 32767,
    bondsMovingAverage: 900000,
    bondsPenalty: 0,
    liquidAlphaEnabled: false,
    alphaLow: 45875,
    alphaHigh: 58982,
    yuma3: false,
    alphaSigmoidSteepness: 1000,
    maxAllowedValidators: 128,
    activityCutoff: 5000,
    tempo: 360,
  },
};

/** Current chain, spec 425, subtensor 14bc6f9f9 (2026-06-30). */
export const CURRENT: YumaRules = {
  name: 'current',
  specVersion: 425,
  commit: '14bc6f9f9',
  permits: 'topkNonzero',
  bondsMask: 'lastTempo',
  computesTrust: false,
  liquidAlpha: 'sigmoidYuma3Only',
  supportsYuma3: true,
  clearBonds: 'allWithoutPermit',
  sigmoidExp: 'expSafe',
  activityCutoffFromTempo: true,
  defaults: {
    kappa: 32767,
    bondsMovingAverage: 900000,
    bondsPenalty: 65535,
    liquidAlphaEnabled: false,
    alphaLow: 45875,
    alphaHigh: 58982,
    yuma3: false,
    alphaSigmoidSteepness: 1000,
    maxAllowedValidators: 128,
    // ActivityCutoffFactorMilli 13,889 × tempo 360 / 1000
    activityCutoff: 5000,
    tempo: 360,
  },
};

export const YUMA_PROFILES: Record<YumaProfileName, YumaRules> = {
  'dtao-launch': DTAO_LAUNCH,
  current: CURRENT,
};

export function yumaRules(name: YumaProfileName): YumaRules {
  const r = YUMA_PROFILES[name];
  if (!r) throw new Error(`unknown Yuma profile '${name}'`);
  return r;
}
