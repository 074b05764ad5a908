/**
 * Conversions and rounding of fixed-point bits, as `substrate-fixed` does them (same in v0.5.9
 * and v0.6.0). Rules, from the crate source:
 *
 * - integer → fixed (`from_num`, src/int_helper.rs `to_fixed_helper`): exact when it fits;
 * - fixed → fixed (`from_num`): extra fractional bits dropped by an arithmetic right shift
 *   (floor), more fractional bits exact; overflow when the result does not fit;
 * - f64 → fixed (src/float_helper.rs `to_float_kind`): round to nearest, ties to even, on the
 *   exact binary value of the double;
 * - fixed → integer (`to_num`): arithmetic shift right by F (floor); `saturating_to_num`
 *   clamps (negatives to 0 for unsigned targets);
 * - fixed → f64 (`to_num::<f64>`): round to nearest, ties to even.
 */

import { FixedOverflowError, FixedPanicError } from './errors.ts';
import { type FixedType, I32F32, clampBits, inRange, wrap } from './types.ts';
import { saturatingMul, checkedDiv } from './arith.ts';

// ---------------------------------------------------------------------------------------------
// Bits and integers
// ---------------------------------------------------------------------------------------------

function toBigInt(n: bigint | number): bigint {
  if (typeof n === 'bigint') return n;
  if (!Number.isSafeInteger(n)) throw new RangeError(`Expected a safe integer, got ${n}.`);
  return BigInt(n);
}

/**
 * Validates raw bits (`T::from_bits`): throws {@link FixedOverflowError} when out of range.
 *
 * @example
 * ```ts
 * import { I32F32, fromBits } from '../fixed.ts';
 * fromBits(I32F32, 1n << 31n); // 0.5
 * ```
 */
export function fromBits(T: FixedType, bits: bigint | number): bigint {
  const b = toBigInt(bits);
  if (!inRange(T, b)) throw new FixedOverflowError(`Bits out of range for ${T.name}.`, `${b}`);
  return b;
}

/**
 * `T::from_num(n)` for an integer `n`: bits = n·2^F. Throws {@link FixedOverflowError} if it does
 * not fit (a debug build panics there; see {@link wrappingFromInt} / {@link saturatingFromInt}).
 *
 * @example
 * ```ts
 * import { I32F32, fromInt } from '../fixed.ts';
 * fromInt(I32F32, 65535); // 65535n << 32n
 * ```
 */
export function fromInt(T: FixedType, n: bigint | number): bigint {
  const r = toBigInt(n) << T.frac;
  if (!inRange(T, r)) throw new FixedOverflowError(`${n} does not fit ${T.name}.`);
  return r;
}

/** `checked_from_num(n)` for an integer: `null` if it does not fit. */
export function checkedFromInt(T: FixedType, n: bigint | number): bigint | null {
  const r = toBigInt(n) << T.frac;
  return inRange(T, r) ? r : null;
}

/** `saturating_from_num(n)` for an integer: clamped to the type range. */
export function saturatingFromInt(T: FixedType, n: bigint | number): bigint {
  return clampBits(T, toBigInt(n) << T.frac);
}

/** `from_num(n)` in a release build / `wrapping_from_num(n)`: n·2^F modulo 2^nbits. */
export function wrappingFromInt(T: FixedType, n: bigint | number): bigint {
  return wrap(T, toBigInt(n) << T.frac);
}

/** A Rust primitive integer type, for `to_num` / `saturating_to_num`. */
export type IntType = 'u8' | 'u16' | 'u32' | 'u64' | 'u128' | 'i8' | 'i16' | 'i32' | 'i64' | 'i128';

function intRange(t: IntType): [bigint, bigint] {
  const n = BigInt(t.slice(1));
  return t[0] === 'u' ? [0n, (1n << n) - 1n] : [-(1n << (n - 1n)), (1n << (n - 1n)) - 1n];
}

/**
 * `to_num` to an unbounded integer: floor(value) (the crate shifts the bits right by F, which
 * rounds toward −∞: −0.5 → −1).
 */
export function toIntFloor(T: FixedType, bits: bigint): bigint {
  return bits >> T.frac;
}

/**
 * `saturating_to_num::<t>()`: floor(value) clamped to the integer type (negatives → 0 for
 * unsigned targets).
 *
 * @example
 * ```ts
 * import { I32F32, saturatingToInt } from '../fixed.ts';
 * saturatingToInt(I32F32, -1n, 'u16'); // 0n
 * ```
 */
export function saturatingToInt(T: FixedType, bits: bigint, t: IntType): bigint {
  const [lo, hi] = intRange(t);
  const v = bits >> T.frac;
  return v < lo ? lo : v > hi ? hi : v;
}

/** `saturating_to_num::<u64>()` (subtensor's `fixed_to_u64`, `fixed64_to_u64`, coinbase amounts). */
export function saturatingToU64(T: FixedType, bits: bigint): bigint {
  return saturatingToInt(T, bits, 'u64');
}

/** `to_num::<t>()` in a release build (`wrapping_to_num`): floor(value) modulo 2^width. */
export function wrappingToInt(T: FixedType, bits: bigint, t: IntType): bigint {
  const n = Number(t.slice(1));
  const v = bits >> T.frac;
  return t[0] === 'u' ? BigInt.asUintN(n, v) : BigInt.asIntN(n, v);
}

/** `checked_to_num::<t>()`: floor(value), or `null` if it does not fit the integer type. */
export function checkedToInt(T: FixedType, bits: bigint, t: IntType): bigint | null {
  const [lo, hi] = intRange(t);
  const v = bits >> T.frac;
  return v < lo || v > hi ? null : v;
}

// ---------------------------------------------------------------------------------------------
// Floats
// ---------------------------------------------------------------------------------------------

/**
 * `to_num::<f64>()`: the value rounded to the nearest double (ties to even). `Number(bigint)`
 * rounds to nearest-even and dividing by 2^F is exact, so this is the crate's result.
 */
export function toNumber(T: FixedType, bits: bigint): number {
  return Number(bits) / 2 ** T.fracBits;
}

const f64View = new DataView(new ArrayBuffer(8));

/** Decomposes a double: |x| = mant · 2^exp2 exactly; `biased` is the raw exponent field. */
function f64Parts(x: number): { neg: boolean; biased: number; frac52: bigint; mant: bigint; exp2: number } {
  f64View.setFloat64(0, x);
  const hi = f64View.getUint32(0);
  const lo = f64View.getUint32(4);
  const neg = hi >>> 31 === 1;
  const biased = (hi >>> 20) & 0x7ff;
  const frac52 = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  const mant = biased === 0 ? frac52 : frac52 | (1n << 52n);
  const exp2 = (biased === 0 ? 1 : biased) - 1075;
  return { neg, biased, frac52, mant, exp2 };
}

/** round-to-nearest-even of x·2^F as an unbounded integer (x finite). */
function roundF64(T: FixedType, x: number): bigint {
  const { neg, mant, exp2 } = f64Parts(x);
  const shift = exp2 + T.fracBits;
  let q: bigint;
  if (shift >= 0) {
    q = mant << BigInt(shift);
  } else {
    const s = BigInt(-shift);
    q = mant >> s;
    const rem = mant - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  return neg ? -q : q;
}

/**
 * How the crate classifies a double (src/float_helper.rs `to_float_kind`). Quirk of the crate:
 * it tests for ∞/NaN with `exp == EXP_MAX` where `EXP_MAX` is the bias (1023), i.e. on the
 * binade [2^1023, 2^1024) instead of the all-ones exponent. So finite doubles in that binade
 * are "infinite" (mantissa 0, i.e. exactly ±2^1023) or "NaN" (any other), while real ±∞ and
 * NaN are treated as huge finite numbers (they overflow every type).
 */
function floatKind(x: number): 'finite' | 'infinite' | 'nan' {
  const { biased, frac52 } = f64Parts(x);
  if (biased === 0x7fe) return frac52 === 0n ? 'infinite' : 'nan';
  return 'finite';
}

/** Sign bit of a double (NaN included). */
function signBit(x: number): boolean {
  return f64Parts(x).neg;
}

/**
 * `checked_from_num(x: f64)`: round to nearest (ties to even), or `null` if the result does not
 * fit, or for any double the crate cannot convert (±∞, NaN, |x| ≥ 2^1023).
 */
export function checkedFromFloat(T: FixedType, x: number): bigint | null {
  if (!Number.isFinite(x) || floatKind(x) !== 'finite') return null;
  const r = roundF64(T, x);
  return inRange(T, r) ? r : null;
}

/**
 * `saturating_from_num(x: f64)`: round to nearest (ties to even), clamped. Follows the crate on
 * the edges: ±∞, NaN (by its sign bit) and ±2^1023 saturate; other doubles with
 * |x| ∈ (2^1023, 2^1024) throw {@link FixedPanicError} (the crate panics "NaN").
 */
export function saturatingFromFloat(T: FixedType, x: number): bigint {
  const kind = floatKind(x);
  if (kind === 'nan') throw new FixedPanicError('saturating_from_num: the crate classifies this double as NaN.', `${x}`);
  if (kind === 'infinite' || !Number.isFinite(x)) return signBit(x) ? T.min : T.max;
  return clampBits(T, roundF64(T, x));
}

/**
 * `T::from_num(x: f64)` for constants such as `0.5` or `0.000003`: round to nearest, ties to
 * even (exact when representable). Throws {@link FixedOverflowError} when the result does not
 * fit and {@link FixedPanicError} for ±∞/NaN (the crate panics).
 *
 * @example
 * ```ts
 * import { I32F32, fromFloatRound } from '../fixed.ts';
 * fromFloatRound(I32F32, 0.5); // 2147483648n
 * fromFloatRound(I32F32, 0.000003); // 12885n (round(0.000003·2^32) = round(12884.90…))
 * ```
 */
export function fromFloatRound(T: FixedType, x: number): bigint {
  if (!Number.isFinite(x) || floatKind(x) !== 'finite') {
    throw new FixedPanicError('from_num: the crate cannot convert this double.', `${x}`);
  }
  const r = roundF64(T, x);
  if (!inRange(T, r)) throw new FixedOverflowError(`${x} does not fit ${T.name}.`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Fixed to fixed
// ---------------------------------------------------------------------------------------------

function shiftFrac(from: FixedType, to: FixedType, bits: bigint): bigint {
  const d = to.fracBits - from.fracBits;
  return d >= 0 ? bits << BigInt(d) : bits >> BigInt(-d); // `>>` floors, as the crate's shift
}

/**
 * `overflowing_from_num` between fixed types (`To::from_num(x)` in a release build gives
 * `bits`): fewer fractional bits floor (arithmetic shift), more are exact; `overflow` when the
 * value does not fit `to` (including negative → unsigned), and `bits` is then wrapped.
 *
 * @example
 * ```ts
 * import { I64F64, I32F32, convert } from '../fixed.ts';
 * convert(I64F64, I32F32, -1n); // { bits: -1n, overflow: false }: −2^-64 floors to −2^-32
 * ```
 */
export function convert(from: FixedType, to: FixedType, bits: bigint): { bits: bigint; overflow: boolean } {
  const r = shiftFrac(from, to, bits);
  return { bits: wrap(to, r), overflow: !inRange(to, r) };
}

/** `To::saturating_from_num(x)` between fixed types (subtensor's `fixed64_to_fixed32`, ...). */
export function saturatingConvert(from: FixedType, to: FixedType, bits: bigint): bigint {
  return clampBits(to, shiftFrac(from, to, bits));
}

/** `To::checked_from_num(x)` between fixed types: `null` if the value does not fit. */
export function checkedConvert(from: FixedType, to: FixedType, bits: bigint): bigint | null {
  const r = shiftFrac(from, to, bits);
  return inRange(to, r) ? r : null;
}

// ---------------------------------------------------------------------------------------------
// Rounding (src/macros_round.rs; the plain forms wrap on overflow in a release build)
// ---------------------------------------------------------------------------------------------

/** `floor()`: bits with the fractional part cleared (toward −∞). */
export function floor(T: FixedType, bits: bigint): bigint {
  return (bits >> T.frac) << T.frac;
}

/** `ceil()`: toward +∞ (wraps on overflow, release build). */
export function ceil(T: FixedType, bits: bigint): bigint {
  const f = floor(T, bits);
  return f === bits ? f : wrap(T, f + T.one);
}

/**
 * `round()`: to nearest, ties away from zero (`overflowing_round`: floor, plus one if the first
 * fractional bit is set, except for a negative exact tie). Wraps on overflow (release build).
 *
 * @example
 * ```ts
 * import { I32F32, round, fromFloatRound } from '../fixed.ts';
 * round(I32F32, fromFloatRound(I32F32, -2.5)); // −3·2^32
 * ```
 */
export function round(T: FixedType, bits: bigint): bigint {
  if (T.fracBits === 0) return bits;
  const f = floor(T, bits);
  const rest = bits - f; // in [0, 2^F)
  const halfBit = 1n << (T.frac - 1n);
  if (rest < halfBit) return f;
  if (rest === halfBit && bits < 0n) return f;
  return wrap(T, f + T.one);
}

/** `round_to_zero()`: truncate toward zero. */
export function roundToZero(T: FixedType, bits: bigint): bigint {
  const f = floor(T, bits);
  return bits < 0n && f !== bits ? f + T.one : f;
}

// ---------------------------------------------------------------------------------------------
// subtensor u16 proportions (pallets/subtensor/src/epoch/math.rs)
// ---------------------------------------------------------------------------------------------

const U16_MAX_I32F32 = 65535n << 32n;

/**
 * `u16_proportion_to_fixed(x)` = `I32F32::saturating_from_num(x).safe_div(65535)`: I32F32 bits
 * trunc(x·2^32 / 65535) (all revisions: R218 uses `saturating_div`, same value).
 *
 * @example
 * ```ts
 * import { u16ProportionToFixed } from '../fixed.ts';
 * u16ProportionToFixed(65535); // 1n << 32n
 * ```
 */
export function u16ProportionToFixed(x: number): bigint {
  if (!Number.isInteger(x) || x < 0 || x > 65535) throw new RangeError(`Not a u16: ${x}`);
  return checkedDiv(I32F32, BigInt(x) << 32n, U16_MAX_I32F32) ?? 0n;
}

/**
 * `fixed_proportion_to_u16(x)` = `fixed_to_u16(x.saturating_mul(65535))`: floor(x.bits·65535 / 2^32)
 * then to u16. `mode` is how `fixed_to_u16` converts: `'saturating'` (L233, HEAD:
 * `saturating_to_num::<u16>`, so min(65535, max(0, ·))) or `'wrapping'` (R218: `to_num::<u16>`
 * in a release build, modulo 2^16; only differs outside [0, 1]).
 *
 * @example
 * ```ts
 * import { fixedProportionToU16 } from '../fixed.ts';
 * fixedProportionToU16(1n << 31n); // 32767 (floor(0.5·65535))
 * ```
 */
export function fixedProportionToU16(x: bigint, mode: 'saturating' | 'wrapping' = 'saturating'): number {
  const m = saturatingMul(I32F32, x, U16_MAX_I32F32);
  return Number(mode === 'saturating' ? saturatingToInt(I32F32, m, 'u16') : wrappingToInt(I32F32, m, 'u16'));
}
