/**
 * Public API of the Yuma epoch: the `taosim yuma` contract as a library call, the per-epoch
 * pipeline for engines that keep their own state, and the runtime profiles.
 * (Real module entry point — not a stub.)
 */
export { runYuma, resolveChainParams, fastParams, quantizeWeightRow, proportionToU16 } from './runYuma.ts';
export { yumaEpoch, exactParams, permitsFor } from './epoch.ts';
export type { EpochInput, EpochParams, EpochResult } from './epoch.ts';
export { Scratch, csrFromPairs, csrFromDense, csrToDense } from './csr.ts';
export type { Csr } from './csr.ts';
export { YUMA_PROFILES, DTAO_LAUNCH, CURRENT, yumaRules } from './profiles.ts';
export type { YumaRules, YumaChainParams } from './profiles.ts';
export type * from './types.ts';
