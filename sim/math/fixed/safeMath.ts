/**
 * subtensor's workspace crate `primitives/safe-math` (from L233 on) for fixed types.
 * Sources: `primitives/safe-math/src/lib.rs` at e2b8367b8 (L233: `SafeDiv` impls and the free
 * function `checked_sqrt`) and at 14bc6f9f9 (HEAD: the blanket `FixedExt` trait with
 * `safe_div`, `safe_div_or`, `checked_pow`, `checked_sqrt`, `checked_ln`, `checked_log`,
 * `checked_floor`, `abs_diff`). Only `safe_div`/`safe_div_or` and (HEAD) `checked_sqrt` are
 * called by runtime code; `checked_pow` is mirrored for completeness.
 */

import { absDiff, checkedDiv, saturatingAdd, saturatingMul } from './arith.ts';
import type { FixedType } from './types.ts';

/**
 * `safe_div`: `checked_div` or 0 (`unwrap_or_default`). A zero divisor **and an overflowing
 * quotient** both give 0.
 *
 * @example
 * ```ts
 * import { I32F32, safeDiv, fromInt } from '../fixed.ts';
 * safeDiv(I32F32, fromInt(I32F32, 1), 0n); // 0n
 * ```
 */
export function safeDiv(T: FixedType, a: bigint, b: bigint): bigint {
  return checkedDiv(T, a, b) ?? 0n;
}

/** `safe_div_or(a, b, d)`: `checked_div` or the default `d`. */
export function safeDivOr(T: FixedType, a: bigint, b: bigint, d: bigint): bigint {
  return checkedDiv(T, a, b) ?? d;
}

/** Which `checked_sqrt` to mirror: the L233 free function or the HEAD `FixedExt` method. */
export type CheckedSqrtVariant = 'L233' | 'HEAD';

/**
 * `checked_sqrt(value, epsilon)`: bisection until |value/middle − middle| ≤ epsilon or 129
 * iterations; `null` for a negative value. The bracket starts at [0, value] (L233) or, at HEAD,
 * at [0, value] if value > 1 else [value, 1]. Midpoints are `saturating_add(high, low).safe_div(2)`
 * and the test value is `value.safe_div(middle)` (0 when middle is 0).
 * Used at HEAD by `subnet_emissions.rs::inplace_pow_normalize` (U64F64).
 */
export function checkedSqrt(T: FixedType, value: bigint, epsilon: bigint, variant: CheckedSqrtVariant = 'HEAD'): bigint | null {
  if (value < 0n) return null;
  const two = 2n << T.frac;
  let high: bigint;
  let low: bigint;
  if (variant === 'HEAD' && !(value > T.one)) {
    high = T.one;
    low = value;
  } else {
    high = value;
    low = 0n;
  }
  let middle = safeDiv(T, saturatingAdd(T, high, low), two);
  let iteration = 0;
  let check = safeDiv(T, value, middle);
  while (absDiff(T, check, middle) > epsilon) {
    if (check < middle) high = middle;
    else low = middle;
    middle = safeDiv(T, saturatingAdd(T, high, low), two);
    check = safeDiv(T, value, middle);
    iteration += 1;
    if (iteration > 128) break;
  }
  return middle;
}

/**
 * HEAD `FixedExt::checked_pow(exponent)` (exponent saturated into i32): binary exponentiation
 * with `saturating_mul`; 0^negative → `null`; negative exponents invert with `checked_div`
 * falling back to 0.
 */
export function checkedPow(T: FixedType, x: bigint, exponent: number): bigint | null {
  const e = Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(exponent)));
  if (e === 0) return T.one;
  if (x === 0n) return e < 0 ? null : 0n;
  let result = T.one;
  let base = x;
  let n = BigInt(Math.abs(e));
  while (n > 0n) {
    if ((n & 1n) === 1n) result = saturatingMul(T, result, base);
    base = saturatingMul(T, base, base);
    n >>= 1n;
  }
  if (e < 0) result = checkedDiv(T, T.one, result) ?? 0n;
  return result;
}
