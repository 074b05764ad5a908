/**
 * `SafeInt::pow_ratio_scaled` of the crate `safe-bigmath` (github.com/sam0x17/safe-bigmath, rev
 * `013c49984910e1c9a23289e8c85e7a856e263a02`, the rev pinned by subtensor's Cargo.lock at
 * `14bc6f9f9`), reimplemented on JS BigInt from the crate's `src/integer.rs`:
 *
 *   floor(scale · (baseNum / baseDen) ^ (expNum / expDen))
 *
 * The crate takes one of two paths (after reducing expNum/expDen by their gcd):
 *
 * - **exact** when both reduced exponent terms are ≤ 1024: the integer q-th root (floor) of
 *   baseNum^p · scale^q / baseDen^p (`nth_root_ratio_floor`, a bisection in the crate; Newton's
 *   method here, which returns the same integer: the floor root is unique);
 * - **series** otherwise: fixed-point ln/exp with `requested = max(precision, 32, bits(scale)+8)`
 *   fractional bits plus 24 guard bits, ln via a normalized mantissa in [0.5, 1.5) and the
 *   ln(1+x) Taylor series, exp via its Taylor series, both stopped early once the value rounded
 *   to `requested` bits stops changing (or a term falls below the guard), capped at
 *   `min(4096, requested + 24 + 128)` terms. Every division floors (`div_floor`) except the
 *   guard rounding (half away from zero), as in the crate. When the exp series is cut by the
 *   cap (|exponent·ln(base)| ≳ 120 at precision 256) the crate's result is garbage (often
 *   negative or beyond u64); this port returns the same garbage, bit for bit.
 *
 * `powRatioScaledFast` is the float twin: `floor(scale · (bn/bd)^(en/ed))` with `Math.pow`.
 */

/** The crate's `DEFAULT_MAX_ITERS`. */
export const DEFAULT_MAX_ITERS = 4096;
/** The crate's `MAX_EXACT_EXPONENT`: reduced exponent terms up to this use the exact root path. */
export const MAX_EXACT_EXPONENT = 1024n;
const GUARD_BITS = 24;

/** Which path `pow_ratio_scaled` takes for these arguments (for tests and documentation). */
export type PowRatioPath = 'exact' | 'series' | 'trivial' | 'none';

/** `Some(value)` as a bigint, or `null` for the crate's `None`. */
export type PowRatioScaledOutput = bigint | null;

/**
 * `SafeInt::pow_ratio_scaled(bn, bd, en, ed, precision, scale)`: floor(scale·(bn/bd)^(en/ed)) with
 * the crate's rounding, or `null` where the crate returns `None` (a zero denominator, a negative
 * base, scale or exponent term). `0^anything = 0`, `x^0 = scale`.
 *
 * Source: safe-bigmath `src/integer.rs::pow_ratio_scaled_with_max_iters` @ 013c499.
 *
 * @example
 * ```ts
 * import { powRatioScaled } from './powRatioScaled.ts';
 * powRatioScaled(2n, 3n, 1n, 2n, 0, 1000n); // 816n  (√(2/3)·1000, floored: the crate's doc example)
 * powRatioScaled(21n, 28n, 6n, 4n, 4096, 10n ** 18n); // 649_519_052_838_328_985n (0.75^1.5)
 * ```
 */
export function powRatioScaled(
  baseNumerator: bigint,
  baseDenominator: bigint,
  exponentNumerator: bigint,
  exponentDenominator: bigint,
  precision: number,
  scale: bigint,
  maxIters?: number,
): PowRatioScaledOutput {
  const path = powRatioPath(baseNumerator, baseDenominator, exponentNumerator, exponentDenominator, scale);
  if (path === 'none') return null;
  if (path === 'trivial') return baseNumerator === 0n ? 0n : scale;
  const g = gcd(exponentNumerator, exponentDenominator);
  const p = exponentNumerator / g;
  const q = exponentDenominator / g;
  if (path === 'exact') {
    // scale·(bn/bd)^(p/q) = (bn^p·scale^q / bd^p)^(1/q); floor root of the floored ratio is the
    // same integer as the crate's bisection on the unfloored one (r^q is an integer).
    const target = (baseNumerator ** p * scale ** q) / baseDenominator ** p;
    return nthRootFloor(target, q);
  }
  return seriesPath(baseNumerator, baseDenominator, p, q, precision, scale, maxIters);
}

/**
 * The path {@link powRatioScaled} takes: `none` (crate returns `None`), `trivial` (zero base or
 * zero exponent), `exact` (reduced exponent terms ≤ 1024) or `series`.
 */
export function powRatioPath(
  baseNumerator: bigint,
  baseDenominator: bigint,
  exponentNumerator: bigint,
  exponentDenominator: bigint,
  scale: bigint,
): PowRatioPath {
  // Guard order as in the crate: zero denominators, zero base, negative scale, negative base,
  // then `to_biguint()?` of the exponent terms (None when negative).
  if (baseDenominator === 0n || exponentDenominator === 0n) return 'none';
  if (baseNumerator === 0n) return 'trivial';
  if (scale < 0n || baseNumerator < 0n || baseDenominator < 0n) return 'none';
  if (exponentNumerator < 0n || exponentDenominator < 0n) return 'none';
  if (exponentNumerator === 0n) return 'trivial';
  const g = gcd(exponentNumerator, exponentDenominator);
  const p = exponentNumerator / g;
  const q = exponentDenominator / g;
  return p <= MAX_EXACT_EXPONENT && q <= MAX_EXACT_EXPONENT ? 'exact' : 'series';
}

/**
 * Float twin of {@link powRatioScaled}: floor(scale·(bn/bd)^(en/ed)) in float64, with the same
 * `None` cases (as `null`). Accuracy: Math.pow's (≈1e-15 relative), no series cut-off garbage.
 *
 * @example
 * ```ts
 * import { powRatioScaledFast } from './powRatioScaled.ts';
 * powRatioScaledFast(2, 3, 1, 2, 1000); // 816
 * ```
 */
export function powRatioScaledFast(
  baseNumerator: number,
  baseDenominator: number,
  exponentNumerator: number,
  exponentDenominator: number,
  scale: number,
): number | null {
  if (baseDenominator === 0 || exponentDenominator === 0) return null;
  if (baseNumerator === 0) return 0;
  if (scale < 0 || baseNumerator < 0 || baseDenominator < 0 || exponentNumerator < 0 || exponentDenominator < 0) return null;
  if (exponentNumerator === 0) return scale;
  return Math.floor(scale * Math.pow(baseNumerator / baseDenominator, exponentNumerator / exponentDenominator));
}

// ---------------------------------------------------------------------------------------------
// Integer helpers
// ---------------------------------------------------------------------------------------------

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Number of significant bits (`BigUint::bits()`): 0 for 0. */
export function bitLength(x: bigint): number {
  if (x < 0n) x = -x;
  if (x === 0n) return 0;
  // hex length gives bits within 4; refine on the leading digit
  const hex = x.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/** floor(n^(1/q)) for n ≥ 0, q ≥ 1 (Newton's method from above). */
export function nthRootFloor(n: bigint, q: bigint): bigint {
  if (n < 0n || q < 1n) throw new RangeError('nthRootFloor: n ≥ 0 and q ≥ 1');
  if (n < 2n || q === 1n) return n;
  const qn = Number(q);
  const bits = bitLength(n);
  // x0 = 2^ceil(bits/q) > n^(1/q): Newton's iterates decrease monotonically to the floor root.
  let x = 1n << BigInt(Math.ceil(bits / qn));
  for (;;) {
    const y = ((q - 1n) * x + n / x ** (q - 1n)) / q;
    if (y >= x) return x;
    x = y;
  }
}

/** Floor division (`div_floor`, rounds toward −∞) for bigint. */
function divFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function abs(a: bigint): bigint {
  return a < 0n ? -a : a;
}

/**
 * The crate's `round_to_precision` for a guard factor 2^g: truncating division (`div_rem`), then
 * one more unit away from zero when |remainder| ≥ guard/2.
 */
function roundToPrecision(value: bigint, g: bigint): bigint {
  const neg = value < 0n;
  const m = neg ? -value : value;
  let t = m >> g;
  if ((m >> (g - 1n)) & 1n) t += 1n; // |remainder|·2 ≥ 2^g
  return neg ? -t : t;
}

// ---------------------------------------------------------------------------------------------
// Series path (safe-bigmath `ln1p_fixed`, `exp_fixed`, `ln_biguint` @ 013c499)
// ---------------------------------------------------------------------------------------------

// The scales are powers of two (2^k, guard 2^g), so `div_floor(a, 2^k)` is the arithmetic shift
// `a >> k`, and `div_floor(a, 2^k·n) = div_floor(a >> k, n)` (nested floors, positive divisors).

function ln1pFixed(x: bigint, k: bigint, g: bigint, maxIters: number): bigint {
  const guard = 1n << g;
  let term = x;
  let result = term;
  let prev = roundToPrecision(result, g);
  for (let n = 2; n <= maxIters; n++) {
    term = (term * x) >> k;
    if (term === 0n) break;
    const next = divFloor(term, BigInt(n));
    if (next === 0n) break;
    if (n % 2 === 0) result -= next;
    else result += next;
    const rounded = roundToPrecision(result, g);
    if (abs(next) < guard || rounded === prev) break;
    prev = rounded;
  }
  return result;
}

function expFixed(x: bigint, k: bigint, g: bigint, maxIters: number): bigint {
  const guard = 1n << g;
  let term = 1n << k;
  let result = term;
  let prev = roundToPrecision(result, g);
  for (let n = 1; n <= maxIters; n++) {
    term = divFloor((term * x) >> k, BigInt(n));
    if (term === 0n) break;
    result += term;
    const rounded = roundToPrecision(result, g);
    if (abs(term) < guard || rounded === prev) break;
    prev = rounded;
  }
  return result;
}

function lnBig(value: bigint, internalPrecision: number, k: bigint, g: bigint, lnTwo: bigint, maxIters: number): bigint {
  const internalScale = 1n << k;
  if (value === 0n) return 0n;
  let shift = BigInt(Math.max(0, bitLength(value) - 1));
  let mantissa = (value << BigInt(internalPrecision)) >> shift;
  // keep the mantissa in [0.5, 1.5)
  if (mantissa >= internalScale + (internalScale >> 1n)) {
    mantissa >>= 1n;
    shift += 1n;
  }
  return ln1pFixed(mantissa - internalScale, k, g, maxIters) + lnTwo * shift;
}

const lnTwoCache = new Map<string, bigint>();

function seriesPath(
  baseNum: bigint,
  baseDen: bigint,
  p: bigint,
  q: bigint,
  precision: number,
  scale: bigint,
  maxItersOverride: number | undefined,
): bigint {
  const u32 = 0xffff_ffff;
  const requested = Math.max(precision, 32, Math.min(u32, bitLength(scale) + 8));
  const internal = Math.min(u32, requested + GUARD_BITS);
  const maxIters = Math.max(1, maxItersOverride ?? Math.min(DEFAULT_MAX_ITERS, internal + 128));
  const g = BigInt(GUARD_BITS);
  const k = BigInt(internal); // internal scale 2^k = target scale 2^requested · guard 2^g

  const key = `${requested}|${maxIters}`;
  let lnTwo = lnTwoCache.get(key);
  if (lnTwo === undefined) {
    lnTwo = -ln1pFixed(-(1n << (k - 1n)), k, g, maxIters);
    lnTwoCache.set(key, lnTwo);
  }

  const lnBase = lnBig(baseNum, internal, k, g, lnTwo, maxIters) - lnBig(baseDen, internal, k, g, lnTwo, maxIters);
  const lnScaled = divFloor(lnBase * p, q);
  const expFp = expFixed(lnScaled, k, g, maxIters);
  const expRequested = roundToPrecision(expFp, g);
  return (expRequested * scale) >> BigInt(requested);
}
