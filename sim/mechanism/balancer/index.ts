/**
 * HEAD balancer pool (pallet `Swap`) and the pool side of HEAD staking. See README.md.
 */
export * from './powRatioScaled.ts';
export * from './balancer.ts';
export * from './stake.ts';
