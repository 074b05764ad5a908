/**
 * The `dtao-launch` runtime profile: subtensor spec 233, commit e2b8367b8 ("final deployment of
 * rao to mainnet", 2025-02-13). See README.md.
 */
export * from './constants.ts';
export { dtaoLaunchBlockStep, runCoinbase, blocksUntilNextEpoch, shouldRunEpoch } from './coinbase.ts';
export type { BlockRecord, BlockStepOptions, SubnetBlockRecord } from './coinbase.ts';
export { drainPendingEmission } from './drain.ts';
export type { DrainRecord } from './drain.ts';
export { blockEmissionFor } from './emission.ts';
export { runEpoch, vecMaxUpscaleToU16, epochParamsFor, chainParamsOf } from './runEpoch.ts';
export type { EpochOnState } from './runEpoch.ts';
export * from './pool.ts';
export * from './stake.ts';
export * from './childkeys.ts';
export * from './registration.ts';
export * from './launch.ts';
export { freeBalance, depositBalance, withdrawBalance, canRemoveBalance, recordLostTao } from './balances.ts';
export { increaseStake, decreaseStake } from './sharePool.ts';
