/**
 * Arithmetic on fixed-point bits, as `substrate-fixed` computes it (identical in tags v0.5.9
 * and v0.6.0: `git diff v0.5.9 v0.6.0 -- src/arith.rs src/macros_frac.rs` is empty).
 *
 * Operands are bits of type `T` (already in range; build them with `fromBits`/`fromInt`).
 * Plain operators (`add`, `mul`, `div`, ...) follow the runtime's release build, which has no
 * overflow checks and no debug assertions: they wrap. `checked*` return `null` on overflow,
 * `saturating*` clamp.
 */

import { FixedPanicError, FixedTypeError } from './errors.ts';
import { type FixedType, clampBits, inRange, wrap } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Add / subtract: exact on bits (`pass! { impl Add }` in src/arith.rs adds the inner integers).
// ---------------------------------------------------------------------------------------------

/**
 * `a + b`, wrapping on overflow (release build).
 *
 * @example
 * ```ts
 * import { I32F32, add, fromInt } from '../fixed.ts';
 * add(I32F32, fromInt(I32F32, 1), fromInt(I32F32, 2)); // 3n << 32n
 * ```
 */
export function add(T: FixedType, a: bigint, b: bigint): bigint {
  return wrap(T, a + b);
}

/** `a - b`, wrapping on overflow (release build). */
export function sub(T: FixedType, a: bigint, b: bigint): bigint {
  return wrap(T, a - b);
}

/** `saturating_add`: `a + b` clamped to the type range. */
export function saturatingAdd(T: FixedType, a: bigint, b: bigint): bigint {
  return clampBits(T, a + b);
}

/** `saturating_sub`: `a - b` clamped (for unsigned types, `a < b` gives 0). */
export function saturatingSub(T: FixedType, a: bigint, b: bigint): bigint {
  return clampBits(T, a - b);
}

/** `checked_add`: `null` when `a + b` is out of range. */
export function checkedAdd(T: FixedType, a: bigint, b: bigint): bigint | null {
  const r = a + b;
  return inRange(T, r) ? r : null;
}

/** `checked_sub`: `null` when `a - b` is out of range. */
export function checkedSub(T: FixedType, a: bigint, b: bigint): bigint | null {
  const r = a - b;
  return inRange(T, r) ? r : null;
}

// ---------------------------------------------------------------------------------------------
// Multiply. src/arith.rs `mul_overflow` (v0.5.9 = v0.6.0): for 64-bit storage it widens to 128
// bits and multiplies `a * (b << int_nbits)`, takes the high half (`>> NBITS`, arithmetic) and
// flags overflow when the double-width product overflows; for 128-bit storage it builds the
// 256-bit product and shifts right by F. In both paths the result is floor(a·b / 2^F) (an
// arithmetic shift: rounds toward −∞), and "overflow" means exactly that this floor does not fit
// the type. The wrapped value (release `*`) is that floor modulo 2^nbits.
// ---------------------------------------------------------------------------------------------

/** floor(a·b / 2^F): the exact, unbounded product bits. */
function mulFloor(T: FixedType, a: bigint, b: bigint): bigint {
  return (a * b) >> T.frac; // BigInt `>>` is an arithmetic shift (floors)
}

/**
 * `a * b` (release build): bits = floor(a·b / 2^F), wrapped on overflow.
 *
 * @example
 * ```ts
 * import { I32F32, mul } from '../fixed.ts';
 * mul(I32F32, -1n, 1n << 31n); // -1n: (−2^-32)·0.5 rounds toward −∞
 * ```
 */
export function mul(T: FixedType, a: bigint, b: bigint): bigint {
  return wrap(T, mulFloor(T, a, b));
}

/**
 * `saturating_mul`: floor(a·b / 2^F); on overflow `min_value()` if the operands' signs differ,
 * else `max_value()` (src/macros_frac.rs `saturating_mul`).
 */
export function saturatingMul(T: FixedType, a: bigint, b: bigint): bigint {
  const r = mulFloor(T, a, b);
  if (inRange(T, r)) return r;
  return a < 0n !== b < 0n ? T.min : T.max;
}

/** `checked_mul`: floor(a·b / 2^F), or `null` when it does not fit. */
export function checkedMul(T: FixedType, a: bigint, b: bigint): bigint | null {
  const r = mulFloor(T, a, b);
  return inRange(T, r) ? r : null;
}

/** `wrapping_mul`: same as the release-build `mul`. */
export const wrappingMul = mul;

/** `overflowing_mul`: the wrapped product and whether it overflowed. */
export function overflowingMul(T: FixedType, a: bigint, b: bigint): { bits: bigint; overflow: boolean } {
  const r = mulFloor(T, a, b);
  return { bits: wrap(T, r), overflow: !inRange(T, r) };
}

/**
 * `a * n` for an integer `n` (`Mul<$Inner>`: multiplies the bits, no shift), wrapping.
 * `saturating_mul_int` / `checked_mul_int` follow from {@link clampBits} / {@link inRange}.
 */
export function mulInt(T: FixedType, a: bigint, n: bigint): bigint {
  return wrap(T, a * n);
}

// ---------------------------------------------------------------------------------------------
// Divide. src/arith.rs `div_overflow`: (a << F) / b in double width, Rust integer division
// (truncates toward zero); overflow when the quotient does not fit. A zero divisor panics
// ("attempt to divide by zero" / "division by zero" in wide_div.rs) for `/`, `saturating_div`,
// `wrapping_div`; `checked_div` tests it first and returns None.
// ---------------------------------------------------------------------------------------------

function divTrunc(T: FixedType, a: bigint, b: bigint): bigint {
  if (b === 0n) throw new FixedPanicError('Fixed-point division by zero.', `${T.name}: ${a} / 0`);
  return (a << T.frac) / b; // BigInt `/` truncates toward zero, like Rust
}

/**
 * `a / b` (release build): bits = trunc(a·2^F / b), wrapped on overflow; throws
 * {@link FixedPanicError} for b = 0.
 *
 * @example
 * ```ts
 * import { I32F32, div, fromInt } from '../fixed.ts';
 * div(I32F32, -1n, fromInt(I32F32, 2)); // 0n: −2^-33 truncates toward zero
 * ```
 */
export function div(T: FixedType, a: bigint, b: bigint): bigint {
  return wrap(T, divTrunc(T, a, b));
}

/** `checked_div`: `null` on a zero divisor or when the quotient does not fit. */
export function checkedDiv(T: FixedType, a: bigint, b: bigint): bigint | null {
  if (b === 0n) return null;
  const r = (a << T.frac) / b;
  return inRange(T, r) ? r : null;
}

/**
 * `saturating_div`: on overflow `min_value()` if the signs differ, else `max_value()`; throws
 * {@link FixedPanicError} for b = 0 (the Rust code panics).
 */
export function saturatingDiv(T: FixedType, a: bigint, b: bigint): bigint {
  const r = divTrunc(T, a, b);
  if (inRange(T, r)) return r;
  return a < 0n !== b < 0n ? T.min : T.max;
}

/** `overflowing_div`: wrapped quotient and overflow flag; throws for b = 0. */
export function overflowingDiv(T: FixedType, a: bigint, b: bigint): { bits: bigint; overflow: boolean } {
  const r = divTrunc(T, a, b);
  return { bits: wrap(T, r), overflow: !inRange(T, r) };
}

/** `a / n` for an integer `n` (`Div<$Inner>`: divides the bits, truncating); throws for n = 0. */
export function divInt(T: FixedType, a: bigint, n: bigint): bigint {
  if (n === 0n) throw new FixedPanicError('Fixed-point division by zero.', `${T.name}: ${a} / 0 (int)`);
  return wrap(T, a / n);
}

// ---------------------------------------------------------------------------------------------
// Sign, comparisons.
// ---------------------------------------------------------------------------------------------

/**
 * `-a` (release build: `-MIN` wraps to `MIN`). Unsigned types have no `Neg` in the crate:
 * throws {@link FixedTypeError}.
 */
export function neg(T: FixedType, a: bigint): bigint {
  if (!T.signed) throw new FixedTypeError(`${T.name} has no negation (unsigned).`);
  return wrap(T, -a);
}

/** `checked_neg`: `null` for `MIN` (signed) or any nonzero value (unsigned). */
export function checkedNeg(T: FixedType, a: bigint): bigint | null {
  const r = -a;
  return inRange(T, r) ? r : null;
}

/** `saturating_neg`. */
export function saturatingNeg(T: FixedType, a: bigint): bigint {
  return clampBits(T, -a);
}

/** `abs` (signed: `abs(MIN)` wraps to `MIN` in release; unsigned: identity). */
export function abs(T: FixedType, a: bigint): bigint {
  return wrap(T, a < 0n ? -a : a);
}

/** −1, 0 or 1 as `a` is below, equal to or above `b` (same type). */
export function compare(a: bigint, b: bigint): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Compares values of two (possibly different) fixed types exactly, as the crate's cross-type
 * `PartialOrd`/`PartialEq` do (used by `transcendental.rs`, e.g. `operand == ONE` with `ONE: I9F23`).
 */
export function compareValues(A: FixedType, a: bigint, B: FixedType, b: bigint): -1 | 0 | 1 {
  const f = A.fracBits > B.fracBits ? A.frac : B.frac;
  return compare(a << (f - A.frac), b << (f - B.frac));
}

/** The smaller of two bits of one type (`Ord::min`). */
export function min(a: bigint, b: bigint): bigint {
  return a <= b ? a : b;
}

/** The larger of two bits of one type (`Ord::max`). */
export function max(a: bigint, b: bigint): bigint {
  return a >= b ? a : b;
}

/** `a == b`. */
export const eq = (a: bigint, b: bigint): boolean => a === b;
/** `a < b`. */
export const lt = (a: bigint, b: bigint): boolean => a < b;
/** `a <= b`. */
export const le = (a: bigint, b: bigint): boolean => a <= b;
/** `a > b`. */
export const gt = (a: bigint, b: bigint): boolean => a > b;
/** `a >= b`. */
export const ge = (a: bigint, b: bigint): boolean => a >= b;

/** subtensor `FixedExt::abs_diff` / safe-math `abs_diff`: |a − b| with saturating subtraction. */
export function absDiff(T: FixedType, a: bigint, b: bigint): bigint {
  return a < b ? saturatingSub(T, b, a) : saturatingSub(T, a, b);
}
