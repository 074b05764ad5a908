/**
 * Share normalization of the flow eras (C, C1, D): subtensor
 * `coinbase/subnet_emissions.rs::{inplace_scale, safe_pow, inplace_pow_normalize}` (unchanged
 * from 6218ecc5c / spec 334 to 14bc6f9f9 / HEAD). Values are U64F64. The power is taken as the
 * source takes it, `exp(p·ln x)` in I32F32 (substrate-fixed v0.6.0), after scaling the flows
 * by `f = checked_sqrt(i32::MAX / (n·max²), 0.001)` so that they fit I32F32: so even at p = 1
 * the shares carry the `exp(ln(·))` rounding.
 *
 * Quirks kept (exact mode, and mirrored by the fast twin):
 * - a scaled flow whose I32F32 truncation is 0, 1 or 2 ulp (x < 3·2^-32) has no `ln` and gets 0;
 * - when |p·ln x| ≥ 20.8885… the crate's `exp` series overflows and `safe_pow` returns
 *   `I32F32::from_num(i32::MAX)` = 2147483647 — also for very *negative* exponents, i.e. a scaled
 *   flow of 3 ulp (ln ≈ −21.08) gets the largest weight;
 * - `exp` is a 31-term Taylor series: near |x| ≈ 20 (p = 2 after the √ scaling) it falls short
 *   of e^x by up to ≈ 0.5%, so p = 2 shares differ from x²/Σx² by that much (the Rust tests
 *   allow 1%). The fast twin evaluates the same series in float64;
 * - all-zero flows stay all zero (no emission that block).
 */
import * as F from '../../math/fixed.ts';
import { type Arith, I32F32, U64F64 } from '../../math/arith.ts';
import { U64_MAX, one } from './internal.ts';

/** `LOG2_E` as the crate holds it (23 fractional bits): ln x = log2 x / LOG2_E. */
const LOG2_E_23 = Number(F.LOG2_E_I9F23_BITS) / 2 ** 23;
/** e as the crate returns it for x = 1 exactly (23 fractional bits). */
const E_23 = Number(F.E_I9F23_BITS) / 2 ** 23;
const I32_MAX = 2147483647;
const I32F32_I32MAX_BITS = BigInt(I32_MAX) << 32n;
const TWO32 = 2 ** 32;

function safePowExact(val: bigint, p: bigint): bigint {
  const l = F.ln(I32F32, F.saturatingConvert(U64F64, I32F32, val), { version: 'v0.6.0' });
  if (l === null) return 0n;
  const y = F.saturatingMul(I32F32, F.saturatingConvert(U64F64, I32F32, p), l);
  const e = F.exp(I32F32, y, { version: 'v0.6.0' }) ?? I32F32_I32MAX_BITS;
  return F.saturatingConvert(I32F32, U64F64, e);
}

/** The I32F32 maximum as a float (2^31 − 2^-32 rounds to 2^31). */
const I32F32_MAX = Number(I32F32.max) / TWO32;

/**
 * Float twin of the crate's `exp::<I32F32>`: the same truncated series 1 + x + Σ_{i=2}^{31}
 * x^i/i! on |x|, `null` where a checked step would overflow I32F32, inverted for x < 0. The
 * truncation matters: at |x| ≈ 20 the series misses ≈ 0.5% of e^x, which the shares carry.
 */
function expSeriesFast(x: number): number | null {
  if (x === 0) return 1;
  if (x === 1) return E_23;
  const ax = Math.abs(x);
  let result = ax + 1;
  if (result > I32F32_MAX) return null;
  let term = ax;
  for (let i = 2; i < 32; i++) {
    term *= ax;
    if (term > I32F32_MAX) return null;
    term /= i;
    result += term;
    if (result > I32F32_MAX) return null;
  }
  return x < 0 ? 1 / result : result;
}

function safePowFast(val: number, p: number): number {
  const bits = Math.min(Math.floor(val * TWO32), Number(I32F32.max));
  if (bits <= 2) return 0; // ln: x ≤ 0 is Err; 1/x overflowing I32F32 is Err (v0.6.0)
  const l = Math.log2(bits / TWO32) / LOG2_E_23;
  const y = (Math.floor(p * TWO32) / TWO32) * l;
  return expSeriesFast(y) ?? I32_MAX;
}

/**
 * `safe_pow(val, p)`: `exp(I32F32(p)·ln(I32F32(val)))` back to U64F64; 0 if `ln` fails,
 * `i32::MAX` if `exp` fails.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { safePow } from './inplacePowNormalize.ts';
 * safePow(fastArith, 3, 2); // ≈ 9
 * ```
 */
export function safePow<N>(A: Arith<N>, val: N, p: N): N {
  if (A.mode === 'exact') return safePowExact(val as unknown as bigint, p as unknown as bigint) as unknown as N;
  return safePowFast(val as unknown as number, p as unknown as number) as unknown as N;
}

/** `checked_sqrt(value, epsilon)` on U64F64 (safe-math `FixedExt`, HEAD variant); fast: `Math.sqrt`. */
function checkedSqrt<N>(A: Arith<N>, value: N, epsilon: N): N | null {
  if (A.mode === 'exact') {
    return F.checkedSqrt(U64F64, value as unknown as bigint, epsilon as unknown as bigint, 'HEAD') as unknown as N | null;
  }
  const v = value as unknown as number;
  return (v < 0 ? null : Math.sqrt(v)) as unknown as N | null;
}

function maxOf<N>(A: Arith<N>, xs: readonly N[]): N {
  let m = A.zero;
  for (const x of xs) m = A.max(m, x);
  return m;
}

/**
 * `inplace_scale`: multiplies every flow by `1.safe_div(max)` (so the largest becomes ≈ 1;
 * a zero max gives factor 0). Returns a new array.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { inplaceScale } from './inplacePowNormalize.ts';
 * inplaceScale(fastArith, [2, 8]); // [0.25, 1]
 * ```
 */
export function inplaceScale<N>(A: Arith<N>, flows: readonly N[]): N[] {
  const factor = A.safeDiv(U64F64, one(A, U64F64), maxOf(A, flows));
  return flows.map((f) => A.satMul(U64F64, factor, f));
}

/**
 * `inplace_pow_normalize(flows, p)` on U64F64 values; returns the shares (a new array, same
 * order). The sum is taken in array order (pass the flows in netuid order, as the runtime's
 * `BTreeMap` iterates them).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { inplacePowNormalize } from './inplacePowNormalize.ts';
 * inplacePowNormalize(fastArith, [2, 3, 5], 1); // ≈ [0.2, 0.3, 0.5]
 * ```
 */
export function inplacePowNormalize<N>(A: Arith<N>, flows: readonly N[], p: N): N[] {
  const scaled = inplaceScale(A, flows);
  const max = maxOf(A, scaled);
  const maxTimesCount = A.satMul(U64F64, A.fromAmount(U64F64, A.amount(scaled.length)), A.satMul(U64F64, max, max));
  const i32max = A.fromAmount(U64F64, A.amount(I32_MAX));
  const precisionMin = A.safeDiv(U64F64, i32max, A.fromAmount(U64F64, A.amount(U64_MAX)));
  if (A.lt(maxTimesCount, precisionMin)) return scaled;
  const epsilon = A.safeDiv(U64F64, one(A, U64F64), A.fromAmount(U64F64, A.amount(1000)));
  const factor = checkedSqrt(A, A.safeDiv(U64F64, i32max, maxTimesCount), epsilon) ?? A.zero;
  const pows = scaled.map((f) => safePow(A, A.satMul(U64F64, factor, f), p));
  let sum = A.zero;
  for (const x of pows) sum = A.add(U64F64, sum, x); // `.sum()`: plain `+` (wraps in release)
  return pows.map((x) => A.safeDiv(U64F64, x, sum));
}
