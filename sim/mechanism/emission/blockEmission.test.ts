import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOTAL_SUPPLY, blockEmissionForIssuance, halvingThreshold } from './blockEmission.ts';

/** First issuance at which the exact emission drops to `target` (binary search). */
function firstIssuanceAtOrBelow(target: bigint, lo: bigint, hi: bigint): bigint {
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if ((blockEmissionForIssuance(mid) ?? 0n) <= target) hi = mid;
    else lo = mid + 1n;
  }
  return lo;
}

describe('block emission by issuance (§4)', () => {
  it('1 TAO per block below the first halving, 0 at the total supply', () => {
    expect(blockEmissionForIssuance(0n)).toBe(1_000_000_000n);
    expect(blockEmissionForIssuance(5_000_000_000_000_000n)).toBe(1_000_000_000n);
    expect(blockEmissionForIssuance(TOTAL_SUPPLY)).toBe(0n);
    expect(blockEmissionForIssuance(TOTAL_SUPPLY + 1n)).toBe(0n);
  });
  it('halves exactly at 10.5M TAO (1/(1−0.5) = 2, log2 exact)', () => {
    expect(blockEmissionForIssuance(10_500_000_000_000_000n)).toBe(500_000_000n);
    expect(blockEmissionForIssuance(10_500_000_000_000_000n - 1_000_000_000n)).toBe(1_000_000_000n);
  });
  it('halving thresholds land exactly at the issuance the formula gives (21M·(1 − 2^−k) TAO)', () => {
    for (let k = 1; k <= 6; k++) {
      const expected = halvingThreshold(k);
      const at = firstIssuanceAtOrBelow(1_000_000_000n >> BigInt(k), halvingThreshold(k - 1), TOTAL_SUPPLY);
      // 1/(1 − r) is exactly 2^k there, and the fixed-point log2 of a power of two is exact
      expect(at, `halving ${k}`).toBe(expected);
      expect(blockEmissionForIssuance(at)).toBe(1_000_000_000n >> BigInt(k));
      expect(blockEmissionForIssuance(at - 1n)).toBe(1_000_000_000n >> BigInt(k - 1));
    }
  });
  it('never increases with issuance and fast mode agrees except within 1 TAO of a threshold', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: TOTAL_SUPPLY }), fc.bigInt({ min: 0n, max: 10n ** 15n }), (i, d) => {
        const a = blockEmissionForIssuance(i)!;
        const b = blockEmissionForIssuance(i + d)!;
        expect(b).toBeLessThanOrEqual(a);
        const nearThreshold = Array.from({ length: 40 }, (_, k) => halvingThreshold(k + 1)).some(
          (t) => (i > t ? i - t : t - i) < 1_000_000_000n,
        );
        if (!nearThreshold) expect(blockEmissionForIssuance(i, { mode: 'fast' })).toBe(a);
      }),
      { numRuns: 1000 },
    );
  });
});
