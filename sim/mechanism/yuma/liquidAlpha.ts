/**
 * Liquid alpha, exact mode.
 *
 * - dtao-launch: one alpha per column from a logistic curve through the consensus quartiles
 *   (`compute_ema_bonds_sparse`, `calculate_logistic_params`, `compute_alpha_values`,
 *   `clamp_alpha_values` in run_epoch.rs; `quantile`, `safe_ln`, `safe_exp` in epoch/math.rs
 *   @ e2b8367b8).
 * - current: one alpha per (validator, miner) entry from a sigmoid of the buy/sell distance,
 *   Yuma3 only (`alpha_sigmoid` in run_epoch.rs, `exp_safe` in epoch/math.rs @ 14bc6f9f9).
 *
 * These run n (or nnz) times per epoch on values that leave the double-exact range (exp(20) ·
 * 2^32 > 2^53), so they use the BigInt substrate-fixed reproduction of `sim/math/fixed.ts`
 * (`safe_ln`/`safe_exp` as at L233 with crate v0.5.9, `exp_safe` as at HEAD with v0.6.0).
 */
import {
  I32F32,
  expSafe,
  safeDiv as safeDivT,
  safeExp,
  safeLn,
  saturatingAdd,
  saturatingDiv,
  saturatingMul,
  saturatingSub,
} from '../../math/fixed.ts';

const ONE = 1n << 32n;
const Z = 0n;
const U16MAX = 65535n << 32n;

const satSub = (a: bigint, b: bigint) => saturatingSub(I32F32, a, b);
const satAdd = (a: bigint, b: bigint) => saturatingAdd(I32F32, a, b);
const satMul = (a: bigint, b: bigint) => saturatingMul(I32F32, a, b);
const safeDiv = (a: bigint, b: bigint) => safeDivT(I32F32, a, b);
const satDiv = (a: bigint, b: bigint) => saturatingDiv(I32F32, a, b);

/** `quantile` of epoch/math.rs: sorted, pos = q·(len−1) in f64, linear interpolation with an I32F32 weight. */
function quantile(sorted: bigint[], q: number): bigint {
  const len = sorted.length;
  if (len === 0) return Z;
  const pos = q * (len - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (lo === hi) return sorted[lo];
  // I32F32::saturating_from_num(pos − low): 0.25 / 0.5 / 0.75 are exact in f64 and in I32F32
  const weight = BigInt(Math.round((pos - lo) * 2 ** 32));
  return satAdd(sorted[lo], satMul(satSub(sorted[hi], sorted[lo]), weight));
}

/**
 * dtao-launch liquid alpha: alpha per column, as I32F32 bits (numbers, all in [lo, hi] ⊂ [0, 1]),
 * or `null` when the branch condition sends the epoch to the fixed alpha.
 * @param consensus I32F32 bits (numbers)
 * @param alphaLow u16 as stored
 * @param alphaHigh u16 as stored
 */
export function logisticAlphaPerColumn(consensus: ArrayLike<number>, alphaLow: number, alphaHigh: number): Float64Array | null {
  const c = Array.from(consensus, (v) => BigInt(v));
  const sorted = c.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const cHigh = quantile(sorted, 0.75);
  const cLow = quantile(sorted, 0.25);
  if (!(cHigh > cLow || cHigh !== Z || cLow < Z)) return null;
  // get_alpha_values_32: u16 / 65535 (safe_div)
  const lo = safeDiv(BigInt(alphaLow) << 32n, U16MAX);
  const hi = safeDiv(BigInt(alphaHigh) << 32n, U16MAX);
  // calculate_logistic_params(alpha_high, alpha_low, consensus_high, consensus_low)
  let a = Z;
  let b = Z;
  if (!(cHigh <= cLow || lo === Z || hi === Z)) {
    const lnHigh = safeLn(satSub(safeDiv(ONE, hi), ONE), 'v0.5.9');
    const lnLow = safeLn(satSub(safeDiv(ONE, lo), ONE), 'v0.5.9');
    a = safeDiv(satSub(lnHigh, lnLow), satSub(cLow, cHigh));
    b = satAdd(lnLow, satMul(a, cLow));
  }
  return Float64Array.from(c, (cj) => {
    const e = safeExp(satSub(b, satMul(a, cj)), 'v0.5.9');
    let alpha = safeDiv(ONE, satAdd(ONE, e));
    // clamp_alpha_values: min(high) then max(low)
    if (alpha > hi) alpha = hi;
    if (alpha < lo) alpha = lo;
    return Number(alpha);
  });
}

/** numpy-style linear quantile (the float twin of `quantile`). */
function quantileF(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return lo === hi ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Fast-mode twin of {@link logisticAlphaPerColumn} (alphas as proportions). */
export function logisticAlphaPerColumnFast(consensus: Float64Array, lo: number, hi: number): Float64Array | null {
  const sorted = consensus.slice().sort();
  const ch = quantileF(sorted, 0.75);
  const cl = quantileF(sorted, 0.25);
  if (!(ch > cl || ch !== 0 || cl < 0)) return null;
  let a = 0;
  let b = 0;
  if (!(ch <= cl || lo === 0 || hi === 0)) {
    const ln = (x: number) => (x > 0 ? Math.log(x) : 0);
    a = (ln(1 / hi - 1) - ln(1 / lo - 1)) / (cl - ch);
    b = ln(1 / lo - 1) + a * cl;
  }
  return Float64Array.from(consensus, (c) => Math.max(Math.min(1 / (1 + Math.exp(b - a * c)), hi), lo));
}

/** |x| past which substrate-fixed's I32F32 `exp` errors (bits 89,715,445,397 / 2^32). */
const EXP_I32F32_LIMIT = 89715445397 / 2 ** 32;

/** Fast-mode twin of {@link sigmoidAlpha}; `steepness` in float form (stored i16 / 100). */
export function sigmoidAlphaFast(
  lo: number,
  hi: number,
  steepness: number,
  variant: 'safeExp' | 'expSafe' = 'expSafe',
): (c: number, w: number, b: number) => number {
  return (c, w, b) => {
    const buy = Math.min(Math.max(w - c, 0), 1);
    const sell = Math.min(Math.max(b - w, 0), 1);
    const d = w >= b ? buy : sell;
    const raw = -steepness * (d - 0.5);
    // expSafe clamps to ±20; safeExp's series errors (→ 0) past |x| ≈ 20.8885 (sim/math/fixed.ts)
    const e =
      variant === 'expSafe' ? Math.exp(Math.min(Math.max(raw, -20), 20)) : Math.abs(raw) > EXP_I32F32_LIMIT ? 0 : Math.exp(raw);
    const sig = 1 / (1 + e);
    return Math.min(Math.max(lo + sig * (hi - lo), lo), hi);
  };
}

/**
 * current (Yuma3) liquid alpha: returns `alpha(consensus_j, weight_ij, bond_ij)` on I32F32 bits
 * (numbers). The sigmoid depends only on the combined buy/sell distance, so results are memoized.
 * @param steepness i16 as stored (`AlphaSigmoidSteepness`)
 */
export function sigmoidAlpha(
  alphaLow: number,
  alphaHigh: number,
  steepness: number,
  variant: 'safeExp' | 'expSafe' = 'expSafe',
): (consensus: number, weight: number, bond: number) => number {
  const lo = safeDiv(BigInt(alphaLow) << 32n, U16MAX);
  const hi = safeDiv(BigInt(alphaHigh) << 32n, U16MAX);
  // alpha_sigmoid_steepness.saturating_div(I32F32::from_num(-100)): truncates toward zero
  const slope = satDiv(BigInt(steepness) << 32n, -100n << 32n);
  const half = ONE >> 1n;
  const span = satSub(hi, lo);
  const memo = new Map<number, number>();
  const clamp01 = (x: number) => (x < 0 ? 0 : x > 4294967296 ? 4294967296 : x);
  return (consensus, weight, bond) => {
    // clamp_value(x, 0, 1) on exact numbers: differences of proportions stay exact
    const buy = clamp01(weight - consensus);
    const sell = clamp01(bond - weight);
    const d = weight >= bond ? buy : sell;
    const hit = memo.get(d);
    if (hit !== undefined) return hit;
    const x = satMul(slope, satSub(BigInt(d), half));
    // spec 365+: exp_safe (clamped to ±20); spec 283–364: safe_exp (0 on overflow, no clamp)
    const e = variant === 'expSafe' ? expSafe(x, I32F32, 'v0.6.0') : safeExp(x, 'v0.6.0');
    const sig = satDiv(ONE, satAdd(ONE, e));
    let alpha = satAdd(lo, satMul(sig, span));
    if (alpha > hi) alpha = hi;
    if (alpha < lo) alpha = lo;
    const out = Number(alpha);
    memo.set(d, out);
    return out;
  };
}
