/**
 * `inplace_pow_normalize` and `safe_pow` (subnet_emissions.rs, 6218ecc5c … 14bc6f9f9): edges and
 * the quirks the source has, in both modes. The Rust tests of the function are in
 * allocators.rusttests.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArith as X, fastArith as Fa, I32F32, U64F64 } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import { allocatorForSpec } from './eras.ts';
import { getLowerLimit } from './getSharesFlow.ts';
import { inplacePowNormalize, inplaceScale, safePow } from './inplacePowNormalize.ts';
import { makeContext, makeSubnet } from './testing.ts';

const ULP32 = 1n << 32n; // one I32F32 ulp in U64F64 bits
const u = (x: number) => X.c(U64F64, x);
const v = (b: bigint) => F.toNumber(U64F64, b);

describe('safePow', () => {
  it('0, 1 and 2 ulp of I32F32 have no ln → 0; 3 ulp (ln ≈ −21.08) overflows exp → i32::MAX; 4 ulp is tiny', () => {
    const one = u(1);
    expect(safePow(X, 0n, one)).toBe(0n);
    expect(safePow(X, ULP32 - 1n, one)).toBe(0n); // truncates to 0 in I32F32
    expect(safePow(X, ULP32, one)).toBe(0n);
    expect(safePow(X, 2n * ULP32, one)).toBe(0n);
    expect(safePow(X, 3n * ULP32, one)).toBe(2147483647n << 64n);
    expect(v(safePow(X, 4n * ULP32, one))).toBeLessThan(1e-8);
    for (const k of [0, 1, 2, 3]) expect(safePow(Fa, k * 2 ** -32, 1)).toBe([0, 0, 0, 2147483647][k]);
  });
  it('the crate exp overflows at |x| = 20.8885…: the threshold sits where the fast series says', () => {
    // exact: exp::<I32F32> fails from this |x| on (bisection on fixed.ts)
    let lo = 20n << 32n;
    let hi = 22n << 32n;
    while (hi - lo > 1n) {
      const m = (lo + hi) / 2n;
      if (F.exp(I32F32, m) === null) hi = m;
      else lo = m;
    }
    const t = F.toNumber(I32F32, hi);
    expect(t).toBeCloseTo(20.888504897709936, 9);
    // exact and fast agree on both sides of it (x = e^y; on the negative side x ≈ 3.6 ulp of I32F32,
    // which truncates to 3 ulp: ln = −21.08, past the threshold either way, see the test above)
    for (const y of [t - 1e-4, t + 1e-4]) {
      const x = Math.exp(y);
      const e = safePow(X, X.c(U64F64, x), u(1));
      const overflow = Math.abs(y) > t;
      expect(e === 2147483647n << 64n).toBe(overflow);
      expect(safePow(Fa, x, 1) === 2147483647).toBe(overflow);
    }
  });
  it('fast ≈ exact within 1e-8 relative where |p·ln x| < 20 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2 ** 20, max: 46_341 * 2 ** 32 }), fc.constantFrom(1, 1.25, 1.5, 2), (bits, p) => {
        const x = bits / 2 ** 32;
        if (Math.abs(p * Math.log(x)) >= 20) return;
        const e = v(safePow(X, BigInt(bits) << 32n, u(p)));
        expect(Math.abs(safePow(Fa, x, p) - e)).toBeLessThanOrEqual(1e-8 * e + 2 ** -31);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('inplaceScale / inplacePowNormalize', () => {
  it('n = 0: nothing; all zero stays zero', () => {
    expect(inplacePowNormalize(X, [], u(1))).toEqual([]);
    expect(inplacePowNormalize(Fa, [0, 0], 1)).toEqual([0, 0]);
  });
  it('a max of exactly 1 ulp (2^-64) makes 1/max overflow U64F64: factor 0, all shares 0', () => {
    expect(inplaceScale(X, [1n, 0n])).toEqual([0n, 0n]);
    expect(inplacePowNormalize(X, [1n, 0n], u(1))).toEqual([0n, 0n]);
    expect(v(inplacePowNormalize(X, [2n, 1n], u(1))[0])).toBeCloseTo(2 / 3, 7);
  });
  it('a single nonzero flow gets exactly 1', () => {
    expect(inplacePowNormalize(X, [0n, u(12345.678), 0n], u(2))).toEqual([0n, 1n << 64n, 0n]);
  });
  it('quirk (p = 1, the default): a subnet whose scaled flow truncates to 3 I32F32 ulp takes ≈ all the emission', () => {
    // flows 0.0249 rao and 1e12 rao, n = 2: f = √(i32::MAX/2) ≈ 32768, so the small one scales to
    // 32768·0.0249/1e12 ≈ 8.2e-10 = 3.5 ulp → 3 ulp → ln ≈ −21.08 → exp overflows → i32::MAX,
    // against ≈ 32768 for the large one. 0.02 rao (2 ulp, no ln) and 0.03 rao (4 ulp) behave.
    const block = 10;
    const shares = (small: number, p = 1) =>
      allocatorForSpec(348)
        .shares(
          X,
          [small, 1e12].map((f, i) => makeSubnet(X, { netuid: i + 1, spotPrice: 1, emaTaoFlow: [block, f] })),
          makeContext(X, { block, flowNormExponent: p }),
        )
        .share.map(v);
    expect(shares(0.0249)[0]).toBeGreaterThan(0.9999);
    expect(shares(0.02)).toEqual([0, 1]);
    expect(shares(0.03)[0]).toBeLessThan(1e-12);
    expect(inplacePowNormalize(Fa, [0.0249, 1e12], 1)[0]).toBeCloseTo(shares(0.0249)[0], 9);
    // at p = 2 the band is wider (any scaled flow below e^-10.44): 1 rao against 1.1e9 rao gets ≈ 2/3,
    // i32::MAX against the truncated series' e^20.79 ≈ 1.07e9
    const s2 = shares(1, 2).map((x) => x); // [1, 1e12] at p = 2
    expect(s2[0]).toBeGreaterThan(0.6);
    expect(s2[0]).toBeGreaterThan(s2[1]);
  });
});

describe('getLowerLimit', () => {
  it('max(cutoff, min(0, min flow)); 0 for no flows', () => {
    expect(getLowerLimit(Fa, [], -5)).toBe(0);
    expect(getLowerLimit(Fa, [3, 4], -5)).toBe(0);
    expect(getLowerLimit(Fa, [-3, 4], -5)).toBe(-3);
    expect(getLowerLimit(Fa, [-7, 4], -5)).toBe(-5);
    expect(getLowerLimit(Fa, [-7, 4], 2)).toBe(2);
  });
});
