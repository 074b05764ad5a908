/**
 * `substrate_fixed::transcendental::{exp, log2, ln, pow, powi}` reimplemented on bits, generic
 * over the types the crate accepts.
 *
 * Source: `src/transcendental.rs` at encointer/substrate-fixed tag v0.6.0 (d5f7036, used by
 * subtensor HEAD) and tag v0.5.9 (a4fb461, the commit opentensor/substrate-fixed v0.5.9 points to,
 * used by R218/L233). Between the two tags `git diff v0.5.9 v0.6.0 -- src/` changes only
 * `transcendental.rs` (three lines, PR #21 "make panic free") and a codec derive in `lib.rs`:
 *
 * | where | v0.5.9 | v0.6.0 |
 * |---|---|---|
 * | `log2`, operand < 1 | `1.checked_div(x).unwrap()`: **panics** when 1/x overflows D | returns `Err` |
 * | `exp`, negative operand | `-x` (release: `-MIN` wraps to `MIN`) | `checked_neg()?` → `Err` for `MIN` |
 * | `exp`, `result = x + 1` | `+` (release: wraps) | `checked_add()?` → `Err` on overflow |
 *
 * In a release build (the runtime's) the two `exp` changes give identical results for every
 * input: whenever they matter, the first `checked_mul` of the series overflows and returns
 * `Err` anyway (checked against the real crate in `fixed.vectors.test.ts`). The `log2` change
 * matters: for `I32F32` and `I64F64`, `log2`/`ln` of the two smallest positive values (bits 1
 * and 2, where 1/x ≥ 2^(int bits − 1)) panic in v0.5.9 and return `Err` in v0.6.0. `pow`/`powi`
 * are identical (the `powi` diff is whitespace). Pass `version` to choose.
 *
 * Type requirements (Rust trait bounds, enforced here with {@link FixedTypeError}): `exp`,
 * `log2`, `ln`, `pow` need a signed source `S`; all need a signed destination `D` that
 * implements `From<I9F23>` losslessly (≥ 9 integer and ≥ 23 fractional bits: `I32F32`,
 * `I64F64`, `I96F32`; not `I110F18`) and `From<S>`.
 */

import {
  add,
  checkedAdd,
  checkedDiv,
  checkedMul,
  compareValues,
  div,
  mul,
  neg as wrappingNeg,
} from './arith.ts';
import { FixedPanicError, FixedTypeError } from './errors.ts';
import { type FixedType, I9F23 } from './types.ts';

/** The crate tag whose transcendental.rs to follow. */
export type SubstrateFixedVersion = 'v0.5.9' | 'v0.6.0';

/** Options of the transcendental functions. */
export interface TranscendentalOptions {
  /** Destination type `D` (defaults to the source type `S`, as subtensor always calls them). */
  dst?: FixedType;
  /** Crate version (default `'v0.6.0'`). */
  version?: SubstrateFixedVersion;
}

/**
 * e with 23 fractional bits: `I9F23::from_bits(consts::E.to_bits() >> 103)`, where `consts::E`
 * is U2F126 0xADF8_5458_A2BB_4A9A_AFDC_5620_273D_3CF1 (src/consts.rs). = 2.71828174591064453125.
 */
export const E_I9F23_BITS = 22802600n;
/**
 * log2(e) with 23 fractional bits: `consts::LOG2_E.to_bits() >> 104`, with `consts::LOG2_E`
 * U1F127 0xB8AA_3B29_5C17_F0BB_BE87_FED0_691D_3E88. = 1.44269502162933349609375.
 */
export const LOG2_E_I9F23_BITS = 12102203n;

const ONE_I9F23 = 1n << 23n;

function fitsLossless(S: FixedType, D: FixedType): boolean {
  if (S.fracBits > D.fracBits) return false;
  if (S.signed && !D.signed) return false;
  return S.signed === D.signed ? S.intBits <= D.intBits : S.intBits < D.intBits;
}

function checkTypes(fn: string, S: FixedType, D: FixedType, needSignedS: boolean): void {
  if (needSignedS && !S.signed) throw new FixedTypeError(`${fn} needs a signed source type; got ${S.name}.`);
  if (!D.signed || !fitsLossless(I9F23, D)) {
    throw new FixedTypeError(`${fn} needs a signed destination with From<I9F23> (≥ 9 int, ≥ 23 frac bits); got ${D.name}.`);
  }
  if (!fitsLossless(S, D)) throw new FixedTypeError(`${fn}: ${D.name} has no lossless From<${S.name}>.`);
}

/** Lossless `D::from(x)` for `x: S`. */
function widen(S: FixedType, D: FixedType, bits: bigint): bigint {
  return bits << (D.frac - S.frac);
}

/** I9F23 constant as D bits (lossless). */
const fromConst = (D: FixedType, bits23: bigint): bigint => bits23 << (D.frac - 23n);

/** Bits of the integer `n` in D (`D::from_num(n)`; small n always fits the types allowed here). */
const intBits = (D: FixedType, n: bigint): bigint => n << D.frac;

/**
 * `exp::<S, D>(x)`: e^x, or `null` where the crate returns `Err(())`.
 *
 * Algorithm (src/transcendental.rs `exp`): 1 if x = 0; the 23-bit e (2.7182817…) if x = 1
 * exactly (tested on the signed input, so e^-1 goes through the series); otherwise on |x|:
 * `result = |x| + 1`, `term = |x|`, then for i = 2 … F−1 (30 steps for F = 32):
 * `term = checked_mul(term, |x|)`, `term = checked_div(term, i)`, `result = checked_add(result,
 * term)`, any overflow → `Err`. Negative x: `result = checked_div(1, result)`.
 *
 * @example
 * ```ts
 * import { I32F32, exp, fromInt, toNumber } from '../fixed.ts';
 * toNumber(I32F32, exp(I32F32, fromInt(I32F32, 2))!); // ≈ 7.389056
 * ```
 */
export function exp(S: FixedType, x: bigint, opts: TranscendentalOptions = {}): bigint | null {
  const D = opts.dst ?? S;
  const version = opts.version ?? 'v0.6.0';
  checkTypes('exp', S, D, true);
  const one = D.one;
  if (x === 0n) return one;
  if (compareValues(S, x, I9F23, ONE_I9F23) === 0) return fromConst(D, E_I9F23_BITS);
  const negative = x < 0n;
  let ax = x;
  if (negative) {
    if (version === 'v0.6.0') {
      if (-x > S.max) return null; // checked_neg
      ax = -x;
    } else {
      ax = wrappingNeg(S, x); // release: -MIN == MIN
    }
  }
  const operand = widen(S, D, ax);
  let result: bigint;
  if (version === 'v0.6.0') {
    const r = checkedAdd(D, operand, one);
    if (r === null) return null;
    result = r;
  } else {
    result = add(D, operand, one); // release `+` wraps
  }
  let term = operand;
  for (let i = 2n; i < D.frac; i++) {
    const t = checkedMul(D, term, operand);
    if (t === null) return null;
    const q = checkedDiv(D, t, intBits(D, i));
    if (q === null) return null;
    term = q;
    const r = checkedAdd(D, result, term);
    if (r === null) return null;
    result = r;
  }
  if (negative) return checkedDiv(D, one, result);
  return result;
}

/** Right shift by one with rounding (`rs`): (x >> 1) + (x & lsb), i.e. round half up. */
const rs = (x: bigint): bigint => (x >> 1n) + (x & 1n);

/**
 * `log2_inner`, for x ≥ 1 in D: integer part by halving with `rs` while x ≥ 2; if x is then
 * exactly 1 return that integer; otherwise shift in one fractional bit per step for F steps
 * (x = x·x with the release-build `*`; bit = 1 and x = rs(x) if x ≥ 2).
 */
function log2Inner(D: FixedType, x: bigint): bigint {
  const two = D.one << 1n;
  let result = 0n;
  while (x >= two) {
    result += 1n;
    x = rs(x);
  }
  if (x === D.one) return intBits(D, result); // D::from_num(result) of the integer count
  for (let i = 0; i < D.fracBits; i++) {
    x = mul(D, x, x);
    result <<= 1n;
    if (x >= two) {
      result |= 1n;
      x = rs(x);
    }
  }
  return result;
}

/**
 * `log2::<S, D>(x)`: `null` for x ≤ 0; for x < 1, −log2(1/x) with 1/x by `checked_div` — whose
 * overflow (x so small that 1/x does not fit D) is `Err` in v0.6.0 and a panic in v0.5.9
 * ({@link FixedPanicError}).
 *
 * @example
 * ```ts
 * import { I96F32, log2, fromInt } from '../fixed.ts';
 * log2(I96F32, fromInt(I96F32, 8)); // 3n << 32n
 * ```
 */
export function log2(S: FixedType, x: bigint, opts: TranscendentalOptions = {}): bigint | null {
  const D = opts.dst ?? S;
  const version = opts.version ?? 'v0.6.0';
  checkTypes('log2', S, D, true);
  if (x <= 0n) return null;
  const operand = widen(S, D, x);
  if (operand < D.one) {
    const inverse = checkedDiv(D, D.one, operand);
    if (inverse === null) {
      if (version === 'v0.6.0') return null;
      throw new FixedPanicError('log2 (substrate-fixed v0.5.9): called `Option::unwrap()` on a `None` value.', `${S.name} bits ${x}`);
    }
    return wrappingNeg(D, log2Inner(D, inverse));
  }
  return log2Inner(D, operand);
}

/**
 * `ln::<S, D>(x)` = `log2(x)? / D::from(LOG2_E)`, with the 23-bit log2(e) (1.4426950216…) and
 * the truncating fixed division. `null` where `log2` is `Err`.
 *
 * @example
 * ```ts
 * import { I32F32, ln, fromInt, toNumber } from '../fixed.ts';
 * toNumber(I32F32, ln(I32F32, fromInt(I32F32, 10))!); // ≈ 2.302585
 * ```
 */
export function ln(S: FixedType, x: bigint, opts: TranscendentalOptions = {}): bigint | null {
  const D = opts.dst ?? S;
  const l = log2(S, x, opts);
  if (l === null) return null;
  return div(D, l, fromConst(D, LOG2_E_I9F23_BITS));
}

/**
 * `pow::<S, D>(x, y)`: 0 if x = 0; 1 if y = 0; x if y = 1; otherwise
 * `exp(checked_mul(ln(x)?, y))`, `null` on any error (so negative x gives `null`).
 * Not called by subtensor's runtime code at R218, L233 or HEAD.
 */
export function pow(S: FixedType, x: bigint, y: bigint, opts: TranscendentalOptions = {}): bigint | null {
  const D = opts.dst ?? S;
  checkTypes('pow', S, D, true);
  if (x === 0n) return 0n;
  if (y === 0n) return D.one;
  if (y === S.one) return widen(S, D, x);
  const l = ln(S, x, opts);
  if (l === null) return null;
  const r = checkedMul(D, l, widen(S, D, y));
  if (r === null) return null;
  return exp(D, r, { version: opts.version });
}

/**
 * `powi::<S, D>(x, k)` for an i32 exponent: 0 if x = 0; 1 if k = 0; x if k = 1; otherwise
 * |k| − 1 `checked_mul`s by x, then `checked_div(1, r)` for k < 0; `null` on overflow.
 * Not called by subtensor's runtime code at R218, L233 or HEAD.
 */
export function powi(S: FixedType, x: bigint, k: number, opts: TranscendentalOptions = {}): bigint | null {
  const D = opts.dst ?? S;
  checkTypes('powi', S, D, false);
  if (!Number.isInteger(k) || k < -(2 ** 31) || k >= 2 ** 31) throw new RangeError(`Not an i32: ${k}`);
  if (x === 0n) return 0n;
  if (k === 0) return D.one;
  if (k === 1) return widen(S, D, x);
  const operand = widen(S, D, x);
  let r = operand;
  const n = k === -(2 ** 31) ? -(2 ** 31) : Math.abs(k); // i32::abs(MIN) wraps to MIN in release: no steps
  for (let i = 1; i < n; i++) {
    const t = checkedMul(D, r, operand);
    if (t === null) return null;
    r = t;
  }
  if (k < 0) return checkedDiv(D, D.one, r);
  return r;
}
