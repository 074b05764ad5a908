import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  I32F32RangeError,
  ONE,
  checkedDiv,
  fromInt,
  fromU16Proportion,
  mul,
  round,
  safeDiv,
  toU16Proportion,
  toU64Floor,
} from './i32f32.ts';

const RUNS = { numRuns: 2000 };
const SAFE = 2n ** 53n;
/** reference floor(a·b / 2^32) */
const refMul = (a: bigint, b: bigint) => {
  const p = a * b;
  const q = p >> 32n; // BigInt >> floors
  return q;
};
/** reference trunc(a·2^32 / b) */
const refDiv = (a: bigint, b: bigint) => (a << 32n) / b;

describe('I32F32 number kernel: hand-computed bit patterns', () => {
  it('mul rounds toward −∞', () => {
    expect(mul(-1, ONE / 2)).toBe(-1); // −2^-32 · 0.5 = −2^-33 → floor → −1 bit
    expect(mul(1, ONE / 2)).toBe(0); // +2^-33 → floor → 0
    expect(mul(3, ONE / 2)).toBe(1);
    expect(mul(-3, ONE / 2)).toBe(-2);
    expect(mul(fromInt(3), ONE / 2)).toBe(3 * 2 ** 31);
    expect(mul(-fromInt(2), -fromInt(3))).toBe(fromInt(6));
    expect(mul(0, -5)).toBe(0);
  });
  it('div truncates toward 0', () => {
    expect(checkedDiv(ONE, fromInt(3))).toBe(1431655765); // floor(2^32/3)
    expect(checkedDiv(-ONE, fromInt(3))).toBe(-1431655765); // trunc, not floor
    expect(checkedDiv(ONE, -fromInt(3))).toBe(-1431655765);
    expect(checkedDiv(fromInt(7), fromInt(2))).toBe(fromInt(7) / 2);
    expect(checkedDiv(1, fromInt(10))).toBe(0);
  });
  it('safeDiv gives 0 on a zero divisor and on overflow; checkedDiv gives null', () => {
    expect(safeDiv(ONE, 0)).toBe(0);
    expect(checkedDiv(ONE, 0)).toBeNull();
    // 2^31 / 2^-32 = 2^63 overflows I32F32 (max 2^63 − 2^-32 as bits 2^63 − 1)
    expect(checkedDiv(fromInt(2 ** 31 - 1) + (ONE - 1), 1)).toBeNull();
    expect(safeDiv(fromInt(2 ** 20), 1)).toBe(0);
  });
  it('u16 proportions in and out', () => {
    expect(toU16Proportion(ONE)).toBe(65535);
    expect(toU16Proportion(ONE / 2)).toBe(32767); // floor(0.5 · 65535)
    expect(toU16Proportion(0)).toBe(0);
    expect(toU16Proportion(-ONE)).toBe(0);
    expect(toU16Proportion(2 * ONE)).toBe(65535); // saturates
    expect(fromU16Proportion(65535)).toBe(ONE);
    expect(fromU16Proportion(0)).toBe(0);
    expect(fromU16Proportion(32768)).toBe(Math.floor((32768 * ONE) / 65535));
    expect(fromU16Proportion(1)).toBe(65537); // trunc(2^32 / 65535) = 65537
  });
  it('to u64 floors and clamps negatives; round goes half away from zero', () => {
    expect(toU64Floor(fromInt(5) + ONE - 1)).toBe(5);
    expect(toU64Floor(-1)).toBe(0);
    expect(round(fromInt(2) + ONE / 2)).toBe(fromInt(3));
    expect(round(-(fromInt(2) + ONE / 2))).toBe(-fromInt(3));
    expect(round(fromInt(2) + ONE / 2 - 1)).toBe(fromInt(2));
  });
  it('divisors from 2^52 take the BigInt path (no zero-width long-division chunks)', () => {
    const y = 2 ** 52 + 12345;
    expect(checkedDiv(2 ** 50, y)).toBe(Number(((2n ** 50n) << 32n) / BigInt(y)));
    expect(checkedDiv(-(2 ** 51), y)).toBe(Number((-(2n ** 51n) << 32n) / BigInt(y)));
  });
  it('refuses to round silently outside the exact range', () => {
    expect(() => mul(2 ** 52, 2 ** 40)).toThrow(I32F32RangeError);
  });
});

describe('I32F32 number kernel against BigInt (property)', () => {
  const bits = fc.bigInt({ min: -(2n ** 40n), max: 2n ** 40n });
  const prop = fc.bigInt({ min: 0n, max: 2n ** 33n });
  it('mul = floor(a·b/2^32) for proportions and u16-sized integers', () => {
    fc.assert(
      fc.property(fc.oneof(bits, prop), fc.oneof(prop, fc.bigInt({ min: -(2n ** 33n), max: 2n ** 33n })), (a, b) => {
        const r = refMul(a, b);
        fc.pre(r > -SAFE && r < SAFE);
        expect(mul(Number(a), Number(b))).toBe(Number(r));
      }),
      RUNS,
    );
  });
  it('checkedDiv = trunc(a·2^32/b), null only on 0 or overflow', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }),
        fc.bigInt({ min: -(2n ** 50n), max: 2n ** 50n }),
        (a, b) => {
          if (b === 0n) {
            expect(checkedDiv(Number(a), 0)).toBeNull();
            return;
          }
          const r = refDiv(a, b);
          if (r >= 2n ** 63n || r < -(2n ** 63n)) {
            expect(checkedDiv(Number(a), Number(b))).toBeNull();
            return;
          }
          fc.pre(r > -SAFE && r < SAFE);
          expect(checkedDiv(Number(a), Number(b))).toBe(Number(r));
        },
      ),
      RUNS,
    );
  });
  it('division of proportions by sums (the normalize path) is exact', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 34n }), fc.bigInt({ min: 1n, max: 2n ** 40n }), (a, s) => {
        fc.pre(a <= s);
        expect(safeDiv(Number(a), Number(s))).toBe(Number(refDiv(a, s)));
      }),
      RUNS,
    );
  });
  it('toU16Proportion = min(65535, floor(bits·65535/2^32))', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 34n }), (a) => {
        const r = (a * 65535n) >> 32n;
        expect(toU16Proportion(Number(a))).toBe(Number(r > 65535n ? 65535n : r));
      }),
      RUNS,
    );
  });
});
