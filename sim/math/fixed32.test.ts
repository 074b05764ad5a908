import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { I32, expI32, lnI32, log2I32 } from './fixed32.ts';

const ONE = 1n << 32n;
const f = (x: bigint) => Number(x) / 2 ** 32;

describe('substrate-fixed transcendentals on I32F32 (hand-derived bits)', () => {
  it('exp special cases: 0 → 1, exactly 1 → e held with 23 fractional bits', () => {
    expect(expI32(0n)).toBe(ONE);
    expect(expI32(ONE)).toBe(22802600n << 9n); // floor(e·2^23)·2^9, not the 32-bit e
  });
  it('exp(−1) goes through the series and is inverted', () => {
    const s = expI32(-ONE)!;
    // 1 / series(1); the series reaches e within a few ulps
    expect(Math.abs(f(s) - Math.exp(-1))).toBeLessThan(1e-8);
    expect(s).not.toBe(I32.checkedDiv(ONE, 22802600n << 9n));
  });
  it('exp errors past ~20 (the 30-term series overflows in term·x), which is why HEAD clamps at ±20', () => {
    // the series stops at x^31/31!: e^20 comes out ~0.8% low (a lower bound of the true value)
    const e20 = f(expI32(20n << 32n)!);
    expect(e20).toBeLessThan(Math.exp(20));
    expect(e20).toBeGreaterThan(0.99 * Math.exp(20));
    expect(expI32(21n << 32n)).toBeNull();
    expect(expI32(-(21n << 32n))).toBeNull();
  });
  it('log2 of powers of two is exact; ln fails for x ≤ 0', () => {
    expect(log2I32(ONE)).toBe(0n);
    expect(log2I32(2n * ONE)).toBe(ONE);
    expect(log2I32(8n * ONE)).toBe(3n * ONE);
    expect(log2I32(ONE / 2n)).toBe(-ONE);
    expect(lnI32(0n)).toBeNull();
    expect(lnI32(-ONE)).toBeNull();
    expect(lnI32(ONE)).toBe(0n);
  });
  it('ln(2) = 2^32 · 2^32 / LOG2_E bits (truncated)', () => {
    expect(lnI32(2n * ONE)).toBe((ONE << 32n) / (12102203n << 9n));
  });
});

describe('transcendentals (property)', () => {
  it('exp tracks Math.exp within 1e-7 relative on [−10, 10]', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        const b = BigInt(Math.round(x * 2 ** 32));
        fc.pre(b !== ONE);
        const got = f(expI32(b)!);
        const want = Math.exp(Number(b) / 2 ** 32);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-7 * want + 1e-9);
      }),
      { numRuns: 1000 },
    );
  });
  it('ln tracks Math.log within 1e-6 on (0, 1e6]', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e6, noNaN: true }), (x) => {
        const b = BigInt(Math.round(x * 2 ** 32));
        fc.pre(b > 0n);
        const got = f(lnI32(b)!);
        expect(Math.abs(got - Math.log(Number(b) / 2 ** 32))).toBeLessThan(1e-6);
      }),
      { numRuns: 1000 },
    );
  });
  it('checked ops: null exactly when the exact result leaves the I32F32 range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), (a, b) => {
        const exact = (a * b) >> 32n;
        const inRange = exact >= -(2n ** 63n) && exact < 2n ** 63n;
        expect(I32.checkedMul(a, b)).toBe(inRange ? exact : null);
        if (b !== 0n) {
          const q = (a << 32n) / b;
          expect(I32.checkedDiv(a, b)).toBe(q >= -(2n ** 63n) && q < 2n ** 63n ? q : null);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
