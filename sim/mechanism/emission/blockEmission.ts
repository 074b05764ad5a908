/**
 * Block emission by issuance, the halving curve of every revision: subtensor
 * `pallets/subtensor/src/coinbase/block_emission.rs::get_block_emission_for_issuance`
 * (identical at 1629c559b / R218, e2b8367b8 / L233 and 14bc6f9f9 / HEAD; mechanism.md §4).
 *
 * E = DefaultBlockEmission / 2^k with k = floor(log2(1 / (1 − I / 21e15))), all in I96F32, so
 * the emission halves when issuance crosses 21M·(1 − 2^−k) TAO (10.5M, 15.75M, 18.375M …),
 * give or take the rounding of the fixed-point log2 at the threshold. The same curve gives a
 * subnet's alpha block emission from its alpha issuance (SubnetAlphaIn + SubnetAlphaOut).
 */
import {
  I96F32,
  checkedDiv,
  checkedSub,
  floor,
  fromFloatRound,
  fromInt,
  log2,
  safeDiv,
  saturatingFromInt,
  saturatingMul,
  saturatingToU64,
} from '../../math/fixed.ts';
import type { NumericMode } from '../yuma/types.ts';

/** 1 TAO in rao: `DefaultBlockEmission`. */
export const DEFAULT_BLOCK_EMISSION = 1_000_000_000n;
/** 21M TAO in rao: the `TotalSupply` default. */
export const TOTAL_SUPPLY = 21_000_000_000_000_000n;

const ONE = fromInt(I96F32, 1);
const TWO = fromInt(I96F32, 2);
const HALF_SUPPLY_TIMES_TWO = saturatingMul(I96F32, fromFloatRound(I96F32, 2.0), fromFloatRound(I96F32, 10_500_000_000_000_000.0));

export interface BlockEmissionOptions {
  mode?: NumericMode;
  /** `TotalSupply` storage (rao) */
  totalSupply?: bigint;
  /** `DefaultBlockEmission` (rao) */
  defaultBlockEmission?: bigint;
}

/**
 * Block emission in rao for a given issuance in rao (`null` where the runtime returns its
 * "Logarithm calculation failed" error, which callers treat as 0).
 * @example
 * blockEmissionForIssuance(0n);                      // 1_000_000_000n
 * blockEmissionForIssuance(10_500_000_000_000_000n); // 500_000_000n
 */
export function blockEmissionForIssuance(issuance: bigint, opts: BlockEmissionOptions = {}): bigint | null {
  const totalSupply = opts.totalSupply ?? TOTAL_SUPPLY;
  const base = opts.defaultBlockEmission ?? DEFAULT_BLOCK_EMISSION;
  if (opts.mode === 'fast') return blockEmissionFast(issuance, totalSupply, base);
  const total = saturatingFromInt(I96F32, issuance);
  if (total >= saturatingFromInt(I96F32, totalSupply)) return 0n;
  const ratio = checkedDiv(I96F32, total, HALF_SUPPLY_TIMES_TWO);
  if (ratio === null) return null;
  const oneMinus = checkedSub(I96F32, ONE, ratio);
  if (oneMinus === null) return null;
  const inverse = checkedDiv(I96F32, ONE, oneMinus);
  if (inverse === null) return null;
  const residual = log2(I96F32, inverse);
  if (residual === null) return null;
  const k = saturatingToU64(I96F32, floor(I96F32, residual));
  let multiplier = ONE;
  for (let i = 0n; i < k; i++) multiplier = saturatingMul(I96F32, multiplier, TWO);
  const pct = safeDiv(I96F32, ONE, multiplier);
  return saturatingToU64(I96F32, saturatingMul(I96F32, pct, saturatingFromInt(I96F32, base)));
}

function blockEmissionFast(issuance: bigint, totalSupply: bigint, base: bigint): bigint {
  const i = Number(issuance);
  if (i >= Number(totalSupply)) return 0n;
  const k = Math.floor(Math.log2(1 / (1 - i / 2.1e16)));
  return BigInt(Math.floor(Number(base) / 2 ** k));
}

/**
 * The issuance (rao) at which the k-th halving happens by the formula: 21M·(1 − 2^−k) TAO.
 * @example halvingThreshold(1) // 10_500_000_000_000_000n
 */
export function halvingThreshold(k: number): bigint {
  return TOTAL_SUPPLY - (TOTAL_SUPPLY >> BigInt(k));
}
