/**
 * Hand-worked cases and properties for `fixed.ts`. Bit-exact agreement with the real crate over
 * thousands of generated cases is in `fixed.vectors.test.ts`; here every expected bit pattern is
 * derived by hand (in the comment beside it) or is an assertion copied from the Rust tests of
 * substrate-fixed (`src/transcendental.rs` `mod tests`) or subtensor (`primitives/safe-math`).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FixedType,
  FixedOverflowError,
  FixedPanicError,
  FixedTypeError,
  I110F18,
  I32F32,
  I64F64,
  I96F32,
  I9F23,
  U110F18,
  U64F64,
  U96F32,
  E_I9F23_BITS,
  abs,
  add,
  ceil,
  checkedAdd,
  checkedConvert,
  checkedDiv,
  checkedFromFloat,
  checkedMul,
  checkedNeg,
  checkedPow,
  checkedSqrt,
  checkedSub,
  compareValues,
  convert,
  defineFixedType,
  div,
  divInt,
  exp,
  expSafe,
  fixedProportionToU16,
  floor,
  fromBits,
  fromFloatRound,
  fromInt,
  ln,
  log2,
  max,
  min,
  mul,
  mulInt,
  neg,
  pow,
  powi,
  round,
  roundToZero,
  safeDiv,
  safeDivOr,
  safeExp,
  safeLn,
  saturatingAdd,
  saturatingConvert,
  saturatingDiv,
  saturatingFromFloat,
  saturatingFromInt,
  saturatingMul,
  saturatingSub,
  saturatingToInt,
  saturatingToU64,
  sub,
  toIntFloor,
  toNumber,
  u16ProportionToFixed,
  wrappingFromInt,
  wrappingToInt,
} from './fixed.ts';

const ALL: FixedType[] = [I32F32, I64F64, I96F32, U96F32, U64F64, I110F18, U110F18];
const ONE32 = 1n << 32n;
const HALF32 = 1n << 31n;
const MAX64 = (1n << 63n) - 1n;
const MIN64 = -(1n << 63n);
const MAX128 = (1n << 127n) - 1n;
const MIN128 = -(1n << 127n);
const UMAX128 = (1n << 128n) - 1n;

describe('type descriptors', () => {
  it('have the ranges of the Rust storage integers', () => {
    expect([I32F32.min, I32F32.max]).toEqual([MIN64, MAX64]);
    expect([I64F64.min, I64F64.max, I96F32.min, I96F32.max, I110F18.max]).toEqual([MIN128, MAX128, MIN128, MAX128, MAX128]);
    expect([U96F32.min, U96F32.max, U64F64.max, U110F18.max]).toEqual([0n, UMAX128, UMAX128, UMAX128]);
    expect([I32F32.one, I64F64.one, I110F18.one, I9F23.one]).toEqual([ONE32, 1n << 64n, 1n << 18n, 1n << 23n]);
    expect(toNumber(I32F32, I32F32.max)).toBe(2 ** 31); // 2^31 − 2^-32 rounds to 2^31
    expect(toNumber(U96F32, U96F32.max)).toBe(2 ** 96);
  });

  it('reject storage widths Rust does not have', () => {
    expect(() => defineFixedType(true, 30, 20)).toThrow(FixedTypeError);
    expect(defineFixedType(false, 32, 32).name).toBe('U32F32');
  });

  it('fromBits validates the range', () => {
    expect(fromBits(I32F32, MAX64)).toBe(MAX64);
    expect(() => fromBits(I32F32, MAX64 + 1n)).toThrow(FixedOverflowError);
    expect(() => fromBits(U64F64, -1n)).toThrow(FixedOverflowError);
  });
});

describe('add / sub', () => {
  it('wrap like a release build', () => {
    expect(add(I32F32, MAX64, 1n)).toBe(MIN64);
    expect(sub(I32F32, MIN64, 1n)).toBe(MAX64);
    expect(sub(U96F32, 0n, 1n)).toBe(UMAX128);
  });

  it('saturate at each type bound', () => {
    for (const T of ALL) {
      expect(saturatingAdd(T, T.max, 1n)).toBe(T.max);
      expect(saturatingSub(T, T.min, 1n)).toBe(T.min);
      expect(saturatingAdd(T, T.max, T.max)).toBe(T.max);
    }
    expect(saturatingAdd(I64F64, MIN128, -1n)).toBe(MIN128);
  });

  it('unsigned subtraction saturates at 0 (and checked_sub is None)', () => {
    for (const T of [U96F32, U64F64, U110F18]) {
      expect(saturatingSub(T, fromInt(T, 1), fromInt(T, 2))).toBe(0n);
      expect(saturatingSub(T, 0n, 1n)).toBe(0n);
      expect(checkedSub(T, 0n, 1n)).toBeNull();
      expect(checkedSub(T, 5n, 5n)).toBe(0n);
    }
  });

  it('checked: null exactly at the first overflowing bit', () => {
    expect(checkedAdd(I32F32, MAX64 - 1n, 1n)).toBe(MAX64);
    expect(checkedAdd(I32F32, MAX64, 1n)).toBeNull();
    expect(checkedSub(I32F32, MIN64 + 1n, 1n)).toBe(MIN64);
    expect(checkedSub(I32F32, MIN64, 1n)).toBeNull();
  });
});

describe('mul: floor(a·b / 2^F)', () => {
  it('rounds toward −∞', () => {
    // (−2^-32)·0.5 = −2^-33 → floor → −2^-32 (bits −1)
    expect(mul(I32F32, -1n, HALF32)).toBe(-1n);
    // (+2^-32)·0.5 = +2^-33 → 0
    expect(mul(I32F32, 1n, HALF32)).toBe(0n);
    // (−3·2^-32)·0.5 = −1.5 ulp → −2 ulp
    expect(mul(I32F32, -3n, HALF32)).toBe(-2n);
    // same in I64F64: (−2^-64)·0.5 → −2^-64
    expect(mul(I64F64, -1n, 1n << 63n)).toBe(-1n);
    // −1 ulp · −1 ulp = +2^-64 → 0
    expect(mul(I32F32, -1n, -1n)).toBe(0n);
  });

  it('is exact when representable', () => {
    // 1.5 · 2.5 = 3.75 = 15/4 → 15·2^30
    expect(mul(I32F32, 3n << 31n, 5n << 31n)).toBe(15n << 30n);
    expect(mul(I110F18, fromInt(I110F18, -7), fromInt(I110F18, 3))).toBe(fromInt(I110F18, -21));
  });

  it('saturates by operand signs and is null on overflow', () => {
    expect(saturatingMul(I32F32, MAX64, fromInt(I32F32, 2))).toBe(MAX64);
    expect(saturatingMul(I32F32, MAX64, fromInt(I32F32, -2))).toBe(MIN64);
    expect(saturatingMul(I32F32, MIN64, fromInt(I32F32, -1))).toBe(MAX64); // −(−2^31) = 2^31 does not fit
    expect(checkedMul(I32F32, MIN64, fromInt(I32F32, -1))).toBeNull();
    expect(checkedMul(I32F32, MIN64, ONE32)).toBe(MIN64);
    expect(saturatingMul(U64F64, UMAX128, fromInt(U64F64, 2))).toBe(UMAX128);
    // 2^15.5 squared = 2^31 > I32F32 max: overflow by exactly one unit of the result
    expect(checkedMul(I32F32, 1n << 47n, 1n << 48n)).toBeNull();
    expect(checkedMul(I32F32, 1n << 47n, (1n << 48n) - 1n)).toBe((1n << 63n) - (1n << 15n)); // (2^95 − 2^47) >> 32
  });

  it('mulInt / divInt scale the bits directly', () => {
    expect(mulInt(I32F32, HALF32, 65535n)).toBe(65535n << 31n);
    expect(divInt(I32F32, -3n, 2n)).toBe(-1n); // truncates
    expect(() => divInt(I32F32, 1n, 0n)).toThrow(FixedPanicError);
  });
});

describe('div: trunc(a·2^F / b)', () => {
  it('rounds toward zero, also for negative quotients', () => {
    expect(div(I32F32, -1n, fromInt(I32F32, 2))).toBe(0n); // −2^-33 → 0
    expect(div(I32F32, -3n, fromInt(I32F32, 2))).toBe(-1n); // −1.5 ulp → −1 ulp
    expect(div(I32F32, ONE32, fromInt(I32F32, 3))).toBe(1431655765n); // 2^32/3 = 1431655765.33
    expect(div(I32F32, -ONE32, fromInt(I32F32, 3))).toBe(-1431655765n);
    expect(div(I32F32, ONE32, fromInt(I32F32, -3))).toBe(-1431655765n);
  });

  it('zero divisor: checked → null, safe → 0, saturating and / → panic', () => {
    expect(checkedDiv(I32F32, ONE32, 0n)).toBeNull();
    expect(safeDiv(I32F32, ONE32, 0n)).toBe(0n);
    expect(safeDivOr(I32F32, ONE32, 0n, 7n)).toBe(7n);
    expect(() => saturatingDiv(I32F32, ONE32, 0n)).toThrow(FixedPanicError);
    expect(() => div(I32F32, ONE32, 0n)).toThrow(FixedPanicError);
  });

  it('overflow: checked → null, safe → 0 (not max!), saturating → by sign', () => {
    expect(checkedDiv(I32F32, MAX64, HALF32)).toBeNull(); // 2^31/0.5 = 2^32
    expect(safeDiv(I32F32, MAX64, HALF32)).toBe(0n);
    expect(saturatingDiv(I32F32, MAX64, HALF32)).toBe(MAX64);
    expect(saturatingDiv(I32F32, MIN64, HALF32)).toBe(MIN64);
    expect(saturatingDiv(I32F32, MIN64, -ONE32)).toBe(MAX64);
    expect(checkedDiv(I32F32, ONE32, 1n)).toBeNull(); // 1 / 2^-32 = 2^32
    expect(checkedDiv(I32F32, ONE32, 3n)).toBe(6148914691236517205n); // 2^64/3 fits
    expect(div(I32F32, MAX64, HALF32)).toBe(-2n); // release `/` wraps: 2^64 − 2 → −2
  });
});

describe('sign and comparisons', () => {
  it('neg / abs wrap at MIN; unsigned types have no neg', () => {
    expect(neg(I32F32, MIN64)).toBe(MIN64);
    expect(abs(I32F32, MIN64)).toBe(MIN64);
    expect(checkedNeg(I32F32, MIN64)).toBeNull();
    expect(checkedNeg(U64F64, 0n)).toBe(0n);
    expect(checkedNeg(U64F64, 1n)).toBeNull();
    expect(() => neg(U64F64, 1n)).toThrow(FixedTypeError);
    expect(abs(I110F18, -5n)).toBe(5n);
  });

  it('compareValues compares across types exactly', () => {
    expect(compareValues(I32F32, ONE32, I9F23, 1n << 23n)).toBe(0);
    expect(compareValues(I32F32, ONE32 + 1n, I9F23, 1n << 23n)).toBe(1);
    expect(compareValues(I110F18, -1n, I64F64, -(1n << 46n))).toBe(0);
    expect([min(3n, -2n), max(3n, -2n)]).toEqual([-2n, 3n]);
  });
});

describe('conversions', () => {
  it('integers: exact, checked, saturating, wrapping', () => {
    expect(fromInt(I32F32, 65535)).toBe(65535n << 32n);
    expect(fromInt(U96F32, 2n ** 64n - 1n)).toBe((2n ** 64n - 1n) << 32n);
    expect(() => fromInt(I32F32, 2 ** 31)).toThrow(FixedOverflowError);
    expect(saturatingFromInt(I32F32, 2 ** 31)).toBe(MAX64);
    expect(saturatingFromInt(U64F64, -1)).toBe(0n);
    expect(wrappingFromInt(I32F32, 2 ** 31)).toBe(MIN64);
    expect(() => fromInt(I32F32, 0.5)).toThrow(RangeError);
  });

  it('fixed → integer floors; saturating clamps negatives to 0', () => {
    expect(toIntFloor(I32F32, -HALF32)).toBe(-1n); // −0.5 → −1
    expect(toIntFloor(I32F32, -1n)).toBe(-1n);
    expect(toIntFloor(I32F32, ONE32 + HALF32)).toBe(1n);
    expect(saturatingToU64(I32F32, -1n)).toBe(0n);
    expect(saturatingToU64(U96F32, U96F32.max)).toBe(2n ** 64n - 1n);
    expect(saturatingToU64(I96F32, fromInt(I96F32, 123))).toBe(123n);
    expect(saturatingToInt(I32F32, fromInt(I32F32, 70000), 'u16')).toBe(65535n);
    expect(wrappingToInt(I32F32, fromInt(I32F32, 65536), 'u16')).toBe(0n);
    expect(wrappingToInt(I32F32, -ONE32, 'u16')).toBe(65535n);
  });

  it('f64 constants round to nearest, ties to even', () => {
    expect(fromFloatRound(I32F32, 0.5)).toBe(HALF32);
    expect(fromFloatRound(I32F32, 0.000003)).toBe(12885n); // 0.000003·2^32 = 12884.901888
    expect(fromFloatRound(I32F32, 0.1)).toBe(429496730n); // 429496729.6000000238
    // 0.1 = 3602879701896397·2^-55 exactly, so in I64F64 it is 3602879701896397·2^9
    expect(fromFloatRound(I64F64, 0.1)).toBe(3602879701896397n << 9n);
    // ties: 0.5 ulp → 0, 1.5 ulp → 2, 2.5 ulp → 2, −1.5 ulp → −2
    expect(fromFloatRound(I32F32, 2 ** -33)).toBe(0n);
    expect(fromFloatRound(I32F32, 3 * 2 ** -33)).toBe(2n);
    expect(fromFloatRound(I32F32, 5 * 2 ** -33)).toBe(2n);
    expect(fromFloatRound(I32F32, -3 * 2 ** -33)).toBe(-2n);
    expect(fromFloatRound(I110F18, 10_500_000_000_000_000)).toBe(10_500_000_000_000_000n << 18n);
    expect(fromFloatRound(U64F64, -1e-30)).toBe(0n); // rounds to −0 = 0, fits
  });

  it('f64 overflow and the crate\'s ∞/NaN quirk', () => {
    expect(() => fromFloatRound(I32F32, 2 ** 31)).toThrow(FixedOverflowError);
    expect(checkedFromFloat(I32F32, 2 ** 31)).toBeNull();
    expect(saturatingFromFloat(I32F32, 2 ** 31)).toBe(MAX64);
    expect(saturatingFromFloat(U96F32, -0.001)).toBe(0n);
    expect(checkedFromFloat(U96F32, -0.001)).toBeNull();
    expect(saturatingFromFloat(I32F32, Infinity)).toBe(MAX64);
    expect(saturatingFromFloat(I32F32, -Infinity)).toBe(MIN64);
    expect(saturatingFromFloat(I32F32, NaN)).toBe(MAX64); // positive NaN: a huge positive number to the crate
    expect(saturatingFromFloat(I64F64, 2 ** 1023)).toBe(MAX128); // "infinite" to the crate
    expect(() => saturatingFromFloat(I64F64, Number.MAX_VALUE)).toThrow(FixedPanicError); // "NaN" to the crate
    expect(() => fromFloatRound(I32F32, NaN)).toThrow(FixedPanicError);
  });

  it('I64F64 → I32F32 floors (also for negative values) and reports overflow', () => {
    expect(convert(I64F64, I32F32, -1n)).toEqual({ bits: -1n, overflow: false }); // −2^-64 → −2^-32
    expect(convert(I64F64, I32F32, -(1n << 32n))).toEqual({ bits: -1n, overflow: false }); // exactly −2^-32
    expect(convert(I64F64, I32F32, -(1n << 32n) - 1n)).toEqual({ bits: -2n, overflow: false });
    expect(convert(I64F64, I32F32, (1n << 32n) + 1n)).toEqual({ bits: 1n, overflow: false });
    expect(convert(I64F64, I32F32, 1n << 95n)).toEqual({ bits: MIN64, overflow: true }); // 2^31
    expect(saturatingConvert(I64F64, I32F32, 1n << 95n)).toBe(MAX64);
    expect(checkedConvert(I64F64, I32F32, 1n << 95n)).toBeNull();
    expect(saturatingConvert(I96F32, U96F32, -1n)).toBe(0n);
    expect(checkedConvert(I96F32, U96F32, -1n)).toBeNull();
    expect(convert(I32F32, I64F64, -1n)).toEqual({ bits: -(1n << 32n), overflow: false }); // exact
    expect(convert(I110F18, I96F32, 3n)).toEqual({ bits: 3n << 14n, overflow: false });
  });

  it('toNumber rounds to the nearest double', () => {
    expect(toNumber(I32F32, -HALF32)).toBe(-0.5);
    expect(toNumber(I64F64, 1n)).toBe(2 ** -64);
    expect(toNumber(U64F64, (1n << 64n) + 1n)).toBe(1); // 1 + 2^-64 → 1
  });
});

describe('round / floor / ceil', () => {
  const v = (x: number) => fromFloatRound(I32F32, x);
  it('round: nearest, ties away from zero', () => {
    expect([2.5, -2.5, 2.4, -2.4, 0.5, -0.5, 2.6, -2.6].map((x) => round(I32F32, v(x)))).toEqual(
      [3, -3, 2, -2, 1, -1, 3, -3].map((n) => BigInt(n) << 32n),
    );
    expect(round(I32F32, -1n)).toBe(0n);
    expect(round(I32F32, -HALF32 - 1n)).toBe(-ONE32);
    expect(round(I32F32, MAX64)).toBe(MIN64); // overflowing_round(MAX) = (MIN, true): wraps
  });

  it('floor / ceil / round_to_zero', () => {
    expect(floor(I32F32, -1n)).toBe(-ONE32);
    expect(floor(I32F32, v(2.9))).toBe(2n << 32n);
    expect(ceil(I32F32, 1n)).toBe(ONE32);
    expect(ceil(I32F32, v(-2.5))).toBe(-2n << 32n);
    expect(ceil(I32F32, -ONE32)).toBe(-ONE32);
    expect(roundToZero(I32F32, v(-2.5))).toBe(-2n << 32n);
    expect(roundToZero(I32F32, v(2.5))).toBe(2n << 32n);
  });
});

describe('u16 proportions (subtensor epoch/math.rs)', () => {
  it('u16ProportionToFixed = trunc(u·2^32 / 65535)', () => {
    expect(u16ProportionToFixed(0)).toBe(0n);
    expect(u16ProportionToFixed(1)).toBe(65537n); // 2^32/65535 = 65537.000015
    expect(u16ProportionToFixed(32768)).toBe(2147516416n); // 2^47/65535 = 2147516416.50001
    expect(u16ProportionToFixed(65535)).toBe(ONE32);
    expect(() => u16ProportionToFixed(65536)).toThrow(RangeError);
  });

  it('fixedProportionToU16 = min(65535, max(0, floor(x.bits·65535 / 2^32)))', () => {
    expect(fixedProportionToU16(0n)).toBe(0);
    expect(fixedProportionToU16(1n)).toBe(0);
    expect(fixedProportionToU16(HALF32)).toBe(32767); // 65535/2 = 32767.5
    expect(fixedProportionToU16(ONE32)).toBe(65535);
    expect(fixedProportionToU16(ONE32 - 1n)).toBe(65534); // 65535 − 65535/2^32
    expect(fixedProportionToU16(-ONE32)).toBe(0);
    expect(fixedProportionToU16(2n * ONE32)).toBe(65535);
    expect(fixedProportionToU16(2n * ONE32, 'wrapping')).toBe(65534); // R218 to_num::<u16>: 131070 mod 2^16
    expect(fixedProportionToU16(-1n, 'wrapping')).toBe(65535); // floor(−65535/2^32) = −1
  });

  it('round trip loses one unit for every u except 0 and 65535 (exhaustive)', () => {
    // u·2^32 ≡ u (mod 65535) since 2^32 = 65536² ≡ 1, so the truncation remainder is u mod 65535.
    for (let u = 0; u <= 65535; u++) {
      const back = fixedProportionToU16(u16ProportionToFixed(u));
      expect(back).toBe(u === 0 || u === 65535 ? u : u - 1);
    }
  });
});

describe('transcendentals (src/transcendental.rs)', () => {
  const i32 = (n: number) => fromInt(I32F32, n);

  it('exp special cases: 0 → 1, exactly 1 → 23-bit e, series otherwise', () => {
    expect(exp(I32F32, 0n)).toBe(ONE32);
    expect(E_I9F23_BITS).toBe(22802600n); // 0xADF8_5458_A2BB_4A9A_AFDC_5620_273D_3CF1 >> 103
    expect(exp(I32F32, ONE32)).toBe(22802600n << 9n); // 11674931200 = 2.7182817459…
    expect(exp(I64F64, 1n << 64n)).toBe(22802600n << 41n);
    // just below 1 the series gives the better e, so exp is not monotone at 1
    expect(exp(I32F32, ONE32 - 1n)! > exp(I32F32, ONE32)!).toBe(true);
    // 1/x for negative x: exp(−1) is 1/series(1), not 1/(23-bit e)
    expect(exp(I32F32, -ONE32)).not.toBe(div(I32F32, ONE32, exp(I32F32, ONE32)!));
  });

  it('exp on I32F32: Err beyond |x| ≈ 20.8885, and ~0.8% low at 20 (series cut at i = 31)', () => {
    expect(exp(I32F32, 89715445397n)).not.toBeNull(); // 20.88850489…
    expect(exp(I32F32, 89715445398n)).toBeNull(); // term·x overflows before the division by i
    expect(exp(I32F32, -89715445398n)).toBeNull();
    expect(exp(I32F32, i32(21))).toBeNull(); // although e^21 < 2^31
    const e20 = toNumber(I32F32, exp(I32F32, i32(20))!);
    expect(e20 / Math.exp(20)).toBeGreaterThan(0.99);
    expect(e20 / Math.exp(20)).toBeLessThan(0.993);
    expect(exp(I32F32, i32(-20))).toBe(8n); // 1/481239357.67 = 8.3 ulp (true e^-20 = 8.85 ulp)
    expect(exp(I32F32, MIN64)).toBeNull();
  });

  it('log2 / ln: exact cases', () => {
    expect(log2(I32F32, ONE32)).toBe(0n);
    expect(log2(I32F32, i32(8))).toBe(3n << 32n); // halving reaches exactly 1 → from_num(3)
    expect(log2(I32F32, HALF32)).toBe(-ONE32); // −log2(2)
    expect(log2(I96F32, fromInt(I96F32, 2))).toBe(1n << 32n); // block emission at half supply: k = 1
    expect(ln(I32F32, ONE32)).toBe(0n);
    expect(log2(I32F32, 0n)).toBeNull();
    expect(ln(I32F32, -ONE32)).toBeNull();
    // ln divides by the 23-bit log2(e) = 12102203/2^23: ln 2 = trunc(2^64 / (12102203·2^9))
    expect(ln(I32F32, i32(2))).toBe((ONE32 << 32n) / (12102203n << 9n));
    expect(ln(I32F32, i32(2))).toBe(2977044511n); // true ln 2 = 2977044471.8 ulp: +1.3e-8 relative
  });

  it('log2 of tiny operands: Err in v0.6.0, panic in v0.5.9 (1/x overflows)', () => {
    for (const x of [1n, 2n]) {
      expect(log2(I32F32, x)).toBeNull();
      expect(() => log2(I32F32, x, { version: 'v0.5.9' })).toThrow(FixedPanicError);
      expect(() => ln(I64F64, x, { version: 'v0.5.9' })).toThrow(FixedPanicError);
    }
    // bits 3: 1/x = 2^64/3 fits, both versions agree (log2 3 = 1.58496…, so −(32 − 1.58…))
    expect(log2(I32F32, 3n, { version: 'v0.5.9' })).toBe(log2(I32F32, 3n));
    expect(toNumber(I32F32, log2(I32F32, 3n)!)).toBeCloseTo(Math.log2(3) - 32, 8);
    expect(log2(I96F32, 1n, { version: 'v0.5.9' })).toBe(-32n << 32n); // I96F32 has room for 2^32
  });

  it("reproduces the crate's own unit-test assertions (S = I9F23, D = I32F32 / I64F64)", () => {
    const s = (x: number) => fromFloatRound(I9F23, x);
    const f = (T: FixedType, b: bigint | null) => toNumber(T, b!);
    expect(f(I32F32, exp(I9F23, 5n << 23n, { dst: I32F32 }))).toBeCloseTo(148.413159, 1);
    expect(exp(I9F23, -23n << 23n, { dst: I32F32 })).toBeNull(); // "overflow if type too small"
    expect(Math.abs(f(I64F64, exp(I9F23, -23n << 23n, { dst: I64F64 })) - 102.619e-12)).toBeLessThan(1e-12);
    expect(log2(I9F23, 0n, { dst: I32F32 })).toBeNull();
    expect(Math.abs(f(I32F32, log2(I9F23, s(3.33333), { dst: I32F32 })) - 1.73696)).toBeLessThan(1e-5);
    expect(Math.abs(f(I32F32, log2(I9F23, s(0.11111), { dst: I32F32 })) + 3.16994)).toBeLessThan(1e-2);
    expect(Math.abs(f(I32F32, ln(I9F23, E_I9F23_BITS, { dst: I32F32 })) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(f(I32F32, ln(I9F23, 10n << 23n, { dst: I32F32 })) - 2.30259)).toBeLessThan(1e-4);
    expect(Math.abs(f(I32F32, ln(I9F23, s(0.00001), { dst: I32F32 })) + 11.5129)).toBeLessThan(1e-1);
    expect(pow(I9F23, 0n, 2n << 23n, { dst: I32F32 })).toBe(0n);
    expect(pow(I9F23, 1n << 23n, 2n << 23n, { dst: I32F32 })).toBe(ONE32);
    expect(Math.abs(f(I32F32, pow(I9F23, s(2.9), s(3.1), { dst: I32F32 })) - 27.129)).toBeLessThan(1e-2);
    expect(pow(I9F23, s(-0.0001), 2n << 23n, { dst: I32F32 })).toBeNull();
    expect(f(I32F32, powi(I9F23, 2n << 23n, -2, { dst: I32F32 }))).toBeCloseTo(0.25, 4);
    expect(powi(I9F23, 2n << 23n, 3, { dst: I32F32 })).toBe(8n << 32n);
  });

  it('enforce the Rust trait bounds', () => {
    expect(() => exp(U64F64, 0n)).toThrow(FixedTypeError); // S: FixedSigned
    expect(() => exp(I110F18, 0n)).toThrow(FixedTypeError); // no From<I9F23> (18 < 23 frac bits)
    expect(() => log2(I64F64, 1n, { dst: I32F32 })).toThrow(FixedTypeError); // no From<I64F64>
    expect(() => powi(U64F64, 1n, 2)).toThrow(FixedTypeError); // D = U64F64: no From<I9F23>
    expect(() => powi(U96F32, 1n, 2, { dst: I96F32 })).toThrow(FixedTypeError); // no lossless From<U96F32>
    expect(powi(I32F32, 3n << 32n, 2, { dst: I64F64 })).toBe(9n << 64n);
  });
});

describe('subtensor wrappers (epoch/math.rs)', () => {
  const i32 = (n: number) => fromInt(I32F32, n);
  it('exp_safe clamps to [−20, 20]', () => {
    expect(expSafe(i32(100))).toBe(exp(I32F32, i32(20)));
    expect(expSafe(i32(-100))).toBe(8n);
    expect(expSafe(i32(3))).toBe(exp(I32F32, i32(3)));
    expect(expSafe(fromInt(I96F32, 30), I96F32)).toBe(exp(I96F32, fromInt(I96F32, 20))); // R218 exp_safe_f96
  });

  it('safe_exp (no clamp) and safe_ln fall back to 0', () => {
    expect(safeExp(i32(21))).toBe(0n); // overflowing large input → 0, not max
    expect(safeExp(i32(-21))).toBe(0n);
    expect(safeExp(i32(2))).toBe(exp(I32F32, i32(2)));
    expect(safeLn(0n)).toBe(0n);
    expect(safeLn(-ONE32)).toBe(0n);
    expect(safeLn(1n)).toBe(0n);
    expect(() => safeLn(1n, 'v0.5.9')).toThrow(FixedPanicError); // L233 runtime would panic here
  });
});

describe('safe-math (primitives/safe-math)', () => {
  it('checked_sqrt: subtensor HEAD tests (U110F18)', () => {
    const u = (x: number) => fromFloatRound(U110F18, x);
    const eps = u(0.0001);
    const close = (x: number, e = eps) => {
      const r = checkedSqrt(U110F18, u(x), e)!;
      const d = r > u(Math.sqrt(x)) ? r - u(Math.sqrt(x)) : u(Math.sqrt(x)) - r;
      return d <= e;
    };
    expect(close(4)).toBe(true);
    expect(close(1e18)).toBe(true);
    expect(close(441e30, u(1000))).toBe(true);
    expect(close(2)).toBe(true);
    expect(checkedSqrt(U110F18, 0n, eps)! <= eps).toBe(true);
    expect(checkedSqrt(U110F18, u(2), 0n)).not.toBeNull(); // stops after 129 iterations
    expect(checkedSqrt(I32F32, -1n, 1n)).toBeNull();
  });

  it('checked_sqrt: L233 bracket [0, value] vs HEAD [value, 1] below 1', () => {
    const x = fromFloatRound(U64F64, 0.25);
    const eps = fromFloatRound(U64F64, 1e-9);
    const head = toNumber(U64F64, checkedSqrt(U64F64, x, eps, 'HEAD')!);
    const l233 = toNumber(U64F64, checkedSqrt(U64F64, x, eps, 'L233')!);
    expect(head).toBeCloseTo(0.5, 8);
    expect(l233).toBeLessThan(0.5); // [0, 0.25] never contains 0.5: converges to the upper end
    expect(checkedSqrt(U110F18, 0n, 1n, 'L233')).toBe(0n);
  });

  it('checked_pow: subtensor HEAD tests', () => {
    expect(checkedPow(U64F64, fromFloatRound(U64F64, 2.5), 3)).toBe(fromFloatRound(U64F64, 15.625));
    const r = checkedPow(I32F32, fromFloatRound(I32F32, 1.5), -2)!;
    expect(abs(I32F32, r - fromFloatRound(I32F32, 0.44444444)) <= fromFloatRound(I32F32, 0.00001)).toBe(true);
    expect(checkedPow(I32F32, 0n, -1)).toBeNull();
    expect(checkedPow(I32F32, 0n, 0)).toBe(ONE32);
    expect(checkedPow(I32F32, fromInt(I32F32, 2), 40)).toBe(MAX64); // saturating_mul
    expect(checkedPow(I32F32, fromInt(I32F32, 2), -40)).toBe(2n); // 1/MAX: trunc(2^64 / (2^63 − 1)) = 2 bits
  });
});

// ---------------------------------------------------------------------------------------------
// Properties (≥ 1000 runs each). References are written independently of the implementation:
// floor division by sign correction instead of `>>`, wrapping by modular arithmetic instead of
// BigInt.asIntN.
// ---------------------------------------------------------------------------------------------

const RUNS = { numRuns: 1000 };

function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d !== 0n) && ((n < 0n) !== (d < 0n)) ? q - 1n : q;
}
function truncDiv(n: bigint, d: bigint): bigint {
  const q = floorDiv(n < 0n ? -n : n, d < 0n ? -d : d);
  return (n < 0n) !== (d < 0n) ? -q : q;
}
function refWrap(T: FixedType, x: bigint): bigint {
  const m = 1n << BigInt(T.nbits);
  return ((((x - T.min) % m) + m) % m) + T.min;
}
const fits = (T: FixedType, x: bigint) => x >= T.min && x <= T.max;

/** Bits of T, biased toward edges and small magnitudes. */
function bitsArb(T: FixedType): fc.Arbitrary<bigint> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.bigInt({ min: T.min, max: T.max }) },
    { weight: 2, arbitrary: fc.bigInt({ min: T.signed ? -(T.one << 8n) : 0n, max: T.one << 8n }) },
    { weight: 1, arbitrary: fc.constantFrom(T.min, T.max, 0n, 1n, T.one, T.max - 1n, T.signed ? -1n : 2n, T.signed ? -T.one : T.one >> 1n) },
  );
}
const typeArb = fc.constantFrom(...ALL);
const typedPair = typeArb.chain((T) => fc.tuple(fc.constant(T), bitsArb(T), bitsArb(T)));

describe('properties', () => {
  it('mul agrees with exact rational floor; checked/saturating/wrapping consistent', () => {
    fc.assert(
      fc.property(typedPair, ([T, a, b]) => {
        const exact = floorDiv(a * b, 1n << T.frac);
        expect(mul(T, a, b)).toBe(refWrap(T, exact));
        expect(checkedMul(T, a, b)).toBe(fits(T, exact) ? exact : null);
        const sat = saturatingMul(T, a, b);
        expect(sat).toBe(exact > T.max ? T.max : exact < T.min ? T.min : exact);
        expect(mul(T, a, b)).toBe(mul(T, b, a));
      }),
      RUNS,
    );
  });

  it('div agrees with exact rational trunc; checked is null exactly on 0 or overflow', () => {
    fc.assert(
      fc.property(typedPair, ([T, a, b]) => {
        if (b === 0n) {
          expect(checkedDiv(T, a, b)).toBeNull();
          expect(safeDiv(T, a, b)).toBe(0n);
          expect(() => saturatingDiv(T, a, b)).toThrow(FixedPanicError);
          return;
        }
        const exact = truncDiv(a * (1n << T.frac), b);
        expect(div(T, a, b)).toBe(refWrap(T, exact));
        expect(checkedDiv(T, a, b)).toBe(fits(T, exact) ? exact : null);
        expect(safeDiv(T, a, b)).toBe(fits(T, exact) ? exact : 0n);
        expect(saturatingDiv(T, a, b)).toBe(exact > T.max ? T.max : exact < T.min ? T.min : exact);
      }),
      RUNS,
    );
  });

  it('add commutes; add/sub wrap, saturate and check against the exact sum', () => {
    fc.assert(
      fc.property(typedPair, ([T, a, b]) => {
        expect(add(T, a, b)).toBe(add(T, b, a));
        expect(saturatingAdd(T, a, b)).toBe(saturatingAdd(T, b, a));
        const s = a + b;
        const d = a - b;
        expect(add(T, a, b)).toBe(refWrap(T, s));
        expect(sub(T, a, b)).toBe(refWrap(T, d));
        expect(sub(T, add(T, a, b), b)).toBe(a);
        expect(checkedAdd(T, a, b)).toBe(fits(T, s) ? s : null);
        expect(checkedSub(T, a, b)).toBe(fits(T, d) ? d : null);
        expect(saturatingSub(T, a, b)).toBe(d > T.max ? T.max : d < T.min ? T.min : d);
      }),
      RUNS,
    );
  });

  it('fixed → fixed conversion floors, and is null exactly when out of range', () => {
    const arb = fc.tuple(typeArb, typeArb).chain(([F, Tt]) => fc.tuple(fc.constant(F), fc.constant(Tt), bitsArb(F)));
    fc.assert(
      fc.property(arb, ([F, Tt, a]) => {
        const e =
          Tt.fracBits >= F.fracBits
            ? a * (1n << BigInt(Tt.fracBits - F.fracBits))
            : floorDiv(a, 1n << BigInt(F.fracBits - Tt.fracBits));
        expect(checkedConvert(F, Tt, a)).toBe(fits(Tt, e) ? e : null);
        expect(saturatingConvert(F, Tt, a)).toBe(e > Tt.max ? Tt.max : e < Tt.min ? Tt.min : e);
        expect(convert(F, Tt, a)).toEqual({ bits: refWrap(Tt, e), overflow: !fits(Tt, e) });
      }),
      { numRuns: 2000 },
    );
  });

  it('fromFloatRound is round-half-even of x·2^F', () => {
    fc.assert(
      fc.property(fc.double({ min: -(2 ** 30), max: 2 ** 30, noNaN: true }), (x) => {
        const s = x * 2 ** 32; // exact: scaling by a power of two
        let q: bigint;
        if (Number.isInteger(s)) q = BigInt(s);
        else {
          const fl = Math.floor(s);
          const frac = s - fl; // exact for |s| < 2^53 (non-integers are below that)
          q = BigInt(fl) + (frac > 0.5 || (frac === 0.5 && fl % 2 !== 0) ? 1n : 0n);
        }
        expect(fromFloatRound(I32F32, x)).toBe(q);
        expect(Math.abs(toNumber(I32F32, q) - x)).toBeLessThanOrEqual(2 ** -33);
      }),
      { numRuns: 2000 },
    );
  });

  it('round is half-away-from-zero of the exact value', () => {
    fc.assert(
      fc.property(bitsArb(I32F32), (a) => {
        const mag = a < 0n ? -a : a;
        const r = floorDiv(mag + HALF32, ONE32) * ONE32;
        const e = a < 0n ? -r : r;
        expect(round(I32F32, a)).toBe(refWrap(I32F32, e));
      }),
      RUNS,
    );
  });

  it('exp(ln x) ≈ x on I32F32 within 2e-7·x + 2^-30 for x ∈ [2^-7, 2^7]', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n << 25n, max: 1n << 39n }), (x) => {
        const y = exp(I32F32, ln(I32F32, x)!)!;
        const err = Math.abs(toNumber(I32F32, y) - toNumber(I32F32, x));
        expect(err).toBeLessThanOrEqual(2e-7 * toNumber(I32F32, x) + 2 ** -30);
      }),
      RUNS,
    );
  });

  it('log2 within 8 ulp of Math.log2 on I32F32 (x ∈ [2^-30, 2^30])', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 4n, max: 1n << 62n }), (x) => {
        const l = toNumber(I32F32, log2(I32F32, x)!);
        expect(Math.abs(l - Math.log2(toNumber(I32F32, x)))).toBeLessThanOrEqual(8 * 2 ** -32);
      }),
      RUNS,
    );
  });

  it('exp within 2e-7 relative + 2 ulp of Math.exp on I32F32 for |x| ≤ 10', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -10n << 32n, max: 10n << 32n }), (x) => {
        const y = toNumber(I32F32, exp(I32F32, x)!);
        const ref = Math.exp(toNumber(I32F32, x));
        expect(Math.abs(y - ref)).toBeLessThanOrEqual(2e-7 * ref + 2 * 2 ** -32);
      }),
      RUNS,
    );
  });

  it('v0.5.9 and v0.6.0 exp agree everywhere on I32F32 and I64F64 (release semantics)', () => {
    fc.assert(
      fc.property(fc.constantFrom(I32F32, I64F64).chain((T) => fc.tuple(fc.constant(T), bitsArb(T))), ([T, x]) => {
        expect(exp(T, x, { version: 'v0.5.9' })).toBe(exp(T, x, { version: 'v0.6.0' }));
      }),
      RUNS,
    );
  });
});
