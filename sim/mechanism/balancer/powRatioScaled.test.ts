import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, nthRootFloor, powRatioPath, powRatioScaled, powRatioScaledFast } from './powRatioScaled.ts';

const E18 = 10n ** 18n;

/** The crate's `nth_root_ratio_floor` as written there (doubling, then bisection): an independent reference. */
function bisectionRoot(num: bigint, den: bigint, q: bigint): bigint {
  let lo = 0n;
  let hi = 1n;
  while (hi ** q * den <= num) hi <<= 1n;
  while (lo < hi) {
    const mid = (lo + hi + 1n) >> 1n;
    if (mid ** q * den <= num) lo = mid;
    else hi = mid - 1n;
  }
  return lo;
}

describe('powRatioScaled: values asserted by the crate and by balancer.rs', () => {
  it('crate doc example: (2/3)^(1/2)·1000 floors to 816', () => {
    expect(powRatioScaled(2n, 3n, 1n, 2n, 0, 1000n)).toBe(816n);
  });

  it('balancer.rs::test_perquintill_power: (21e15/28e15)^(0.6/0.4)·1e18 = 649_519_052_838_328_985', () => {
    const r = powRatioScaled(21_000_000_000_000_000n, 28_000_000_000_000_000n, 600_000_000_000_000_000n, 400_000_000_000_000_000n, 4096, E18);
    expect(r).toBe(649_519_052_838_328_985n);
  });

  it('balancer.rs::test_safe_bigmath_pow_ratio_internal_paths: paths and results', () => {
    const bn = 999_999_937n;
    const bd = 1_000_000_003n;
    const scale = 1_000_000n;
    const cases: Array<[bigint, bigint, string]> = [
      [1024n, 1n, 'exact'],
      [999n, 1024n, 'exact'],
      [1025n, 1n, 'series'],
      [999n, 1025n, 'series'],
      [2048n, 4096n, 'exact'], // gcd reduces to 1/2
    ];
    for (const [en, ed, path] of cases) {
      expect(powRatioPath(bn, bd, en, ed, scale)).toBe(path);
      const r = powRatioScaled(bn, bd, en, ed, 64, scale);
      expect(r).not.toBeNull();
      // exact references: integer power for 1024/1025, integer root for the others
      const g = en % ed === 0n ? en / ed : null;
      const ref = g !== null ? (scale * bn ** g) / bd ** g : bisectionRoot(bn ** en * scale ** ed, bd ** en, ed);
      expect(r).toBe(ref);
    }
  });
});

describe('powRatioScaled: guards (the crate returns None / trivial values)', () => {
  it('None on a zero denominator, negative base, scale or exponent', () => {
    expect(powRatioScaled(1n, 0n, 1n, 1n, 64, E18)).toBeNull();
    expect(powRatioScaled(1n, 2n, 1n, 0n, 64, E18)).toBeNull();
    expect(powRatioScaled(-1n, 2n, 1n, 1n, 64, E18)).toBeNull();
    expect(powRatioScaled(1n, -2n, 1n, 1n, 64, E18)).toBeNull();
    expect(powRatioScaled(1n, 2n, 1n, 1n, 64, -E18)).toBeNull();
    expect(powRatioScaled(1n, 2n, -1n, 1n, 64, E18)).toBeNull();
  });
  it('0^anything = 0 (checked before the scale sign), x^0 = scale', () => {
    expect(powRatioScaled(0n, 5n, 3n, 7n, 64, -1n)).toBe(0n);
    expect(powRatioScaled(3n, 5n, 0n, 7n, 64, E18)).toBe(E18);
  });
});

describe('powRatioScaled: exact path is the floor root', () => {
  it('equals the crate-style bisection for random small inputs', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        (bn, bd, p, q) => {
          const P = BigInt(p);
          const Q = BigInt(q);
          const r = powRatioScaled(bn, bd, P, Q, 256, E18);
          const g = gcdN(P, Q);
          expect(r).toBe(bisectionRoot(bn ** (P / g) * E18 ** (Q / g), bd ** (P / g), Q / g));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('nthRootFloor: r^q ≤ n < (r+1)^q', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 300n }), fc.integer({ min: 1, max: 40 }), (n, q) => {
        const Q = BigInt(q);
        const r = nthRootFloor(n, Q);
        expect(r ** Q <= n && (r + 1n) ** Q > n).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(1n)).toBe(1);
    expect(bitLength(255n)).toBe(8);
    expect(bitLength(256n)).toBe(9);
  });
});

describe('powRatioScaled: series path', () => {
  it('matches exact integer references where the exponent only looks large (1025/1, 1/1025)', () => {
    const bases: Array<[bigint, bigint]> = [
      [999_999_937n, 1_000_000_003n],
      [1_000_000_000n, 1_000_100_000n],
      [7_000_000_000n, 7_000_010_000n],
    ];
    for (const [bn, bd] of bases) {
      for (const precision of [64, 256]) {
        expect(powRatioPath(bn, bd, 1025n, 1n, E18)).toBe('series');
        const up = powRatioScaled(bn, bd, 1025n, 1n, precision, E18)!;
        const upRef = (E18 * bn ** 1025n) / bd ** 1025n;
        expect(up - upRef >= -1n && up - upRef <= 1n).toBe(true);
        const down = powRatioScaled(bn, bd, 1n, 1025n, precision, E18)!;
        const downRef = nthRootFloor((bn * E18 ** 1025n) / bd, 1025n);
        expect(down - downRef >= -1n && down - downRef <= 1n).toBe(true);
      }
    }
  });

  it('precision 256 and 1024 agree to one unit of the 1e18 scale within the series reach; within 1e-12 of Math.pow', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_000n, max: 21_000_000_000_000_000n }),
        fc.bigInt({ min: 0n, max: 21_000_000_000_000_000n }),
        fc.bigInt({ min: 10_000_000_000_000_001n, max: 989_999_999_999_999_999n }),
        (x, dx, w) => {
          // inside the series' reach at precision 256 (408 terms): |exponent·ln base| ≤ 100
          fc.pre((Number(w) / Number(E18 - w)) * Math.log(Number(x + dx) / Number(x)) <= 100);
          const a = powRatioScaled(x, x + dx, w, E18 - w, 256, E18)!;
          const b = powRatioScaled(x, x + dx, w, E18 - w, 1024, E18)!;
          expect(a - b >= -1n && a - b <= 1n).toBe(true);
          const f = Math.pow(Number(x) / Number(x + dx), Number(w) / Number(E18 - w));
          if (f > 1e-6) expect(Math.abs(Number(a) / 1e18 - f)).toBeLessThan(1e-12 + 1e-12 * f);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('reproduces the crate when the exp series is cut off (|exponent·ln base| ≫ 100): garbage, not 0', () => {
    // (1/101)^(0.980…/0.019…): ln-scaled ≈ −227 needs more than the 408 series terms allowed at
    // precision 256, so the crate's sum is a huge number; balancer.rs then sees a value beyond
    // u64 and uses e = 0 (the true value also floors to 0).
    const w = 980_000_000_000_000_001n;
    const r = powRatioScaled(1_000_000_000n, 101_000_000_000n, w, E18 - w, 256, E18)!;
    expect(r > 1n << 64n).toBe(true);
  });
});

describe('powRatioScaledFast', () => {
  it('mirrors the guards and is within 1e-12 of the exact path', () => {
    expect(powRatioScaledFast(2, 3, 1, 2, 1000)).toBe(816);
    expect(powRatioScaledFast(1, 0, 1, 1, 1)).toBeNull();
    expect(powRatioScaledFast(0, 3, 1, 1, 1)).toBe(0);
    expect(powRatioScaledFast(3, 5, 0, 1, 7)).toBe(7);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), (bn, bd, p, q) => {
        const exact = Number(powRatioScaled(BigInt(bn), BigInt(bd), BigInt(p), BigInt(q), 256, 10n ** 12n)!);
        const fast = powRatioScaledFast(bn, bd, p, q, 1e12)!;
        expect(Math.abs(fast - exact)).toBeLessThanOrEqual(1 + 1e-12 * exact);
      }),
      { numRuns: 300 },
    );
  });
});

function gcdN(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
