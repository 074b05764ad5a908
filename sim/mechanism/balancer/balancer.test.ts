import { describe, expect, it } from 'vitest';
import { U64F64, exactArith, fastArith } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import { createSubnet } from '../../state/network.ts';
import type { SubnetHyperparameters, SubnetState } from '../../state/types.ts';
import {
  ACCURACY,
  DEFAULT_QUOTE_WEIGHT,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  MIN_WEIGHT,
  type BalancerPool,
  adjustProtocolLiquidity,
  adjustSubnetProtocolLiquidity,
  baseWeight,
  calculateBaseDeltaIn,
  calculateFeeAmount,
  calculateLimitFee,
  calculatePrice,
  calculateQuoteDeltaIn,
  convertDeltas,
  currentPrice,
  exactBalancerMath as EX,
  fastBalancerMath as FA,
  getBaseNeededForQuote,
  isValidQuoteWeight,
  limitPriceFromRao,
  maybeInitializePalswap,
  mulPerquintillRound,
  perquintillFromRational,
  swap,
  swapAlphaForTao,
  swapTaoForAlpha,
  updateWeightsForAddedLiquidity,
} from './balancer.ts';
import { nthRootFloor } from './powRatioScaled.ts';

const ONE = 1n << 64n;
const f = (bits: bigint) => F.toNumber(U64F64, bits);
const fromF64 = (x: number) => F.fromFloatRound(U64F64, x);
const MAX_LIMIT = limitPriceFromRao(exactArith, MAX_PRICE_RAO);
const MIN_LIMIT = limitPriceFromRao(exactArith, MIN_PRICE_RAO);

function pool(tao: bigint, alphaIn: bigint, quoteWeight = DEFAULT_QUOTE_WEIGHT, feeRate = 33): BalancerPool<bigint> {
  return { tao, alphaIn, quoteWeight, feeRate };
}

// ---------------------------------------------------------------------------------------------
// §13.6 test_exp_scaled
// ---------------------------------------------------------------------------------------------

describe('exp_scaled: the five test_exp_scaled vectors (mechanism.md §13.6)', () => {
  // (quote weight num/den, reserve, delta, base_quote, expected) as in balancer.rs::test_exp_scaled
  const vectors: Array<[bigint, bigint, bigint, bigint, boolean, number]> = [
    [5n, 10n, 100_000n, 100n, true, 0.999000999000999],
    [1n, 4n, 500_000n, 5_000n, true, 0.970590147927644],
    [3n, 4n, 200_000n, 2_000n, false, 0.970590147927644],
    [9n, 10n, 13_513_642n, 1_673n, false, 0.998886481979889],
    [773n, 1000n, 7_000_000_000n, 10_000n, true, 0.999999580484586],
  ];

  it.each(vectors)('w2 = %i/%i, reserve %i, delta %i, base_quote %s → %f within 1e-9 (exact and fast)', (n, d, x, dx, bq, expected) => {
    const w2 = perquintillFromRational(n, d);
    const e = EX.expScaled(x, dx, false, w2, bq);
    expect(Math.abs(f(e) - expected)).toBeLessThan(1e-9);
    const ef = FA.expScaled(Number(x), Number(dx), false, w2, bq);
    expect(Math.abs(ef - expected)).toBeLessThan(1e-9);
  });

  it.each(vectors)('bit-exact: w2 = %i/%i, reserve %i, delta %i: floor(1e18·ratio^(p/q)) then U64F64 division', (n, d, x, dx, bq) => {
    // Every vector's reduced exponent is ≤ 1024/1024, so the crate takes its exact root path:
    // the reference is the floor q-th root computed independently here.
    const w2 = perquintillFromRational(n, d);
    const w1 = ACCURACY - w2;
    let [p, q] = bq ? [w1, w2] : [w2, w1];
    const g = gcd(p, q);
    p /= g;
    q /= g;
    expect(p <= 1024n && q <= 1024n).toBe(true);
    const scaled = nthRootFloor((ACCURACY ** q * x ** p) / (x + dx) ** p, q);
    const bits = ((scaled << 64n) << 64n) / (ACCURACY << 64n); // U64F64 safe_div
    expect(EX.expScaled(x, dx, false, w2, bq)).toBe(bits);
  });

  it('caps at 1 for a non-negative delta, 0 when reserve + delta = 0, no cap for a negative delta', () => {
    expect(EX.expScaled(1_000n, 0n, false, DEFAULT_QUOTE_WEIGHT, true)).toBe(ONE);
    expect(EX.expScaled(0n, 0n, false, DEFAULT_QUOTE_WEIGHT, true)).toBe(0n);
    expect(EX.expScaled(1_000n, 1_000n, true, DEFAULT_QUOTE_WEIGHT, true)).toBe(0n);
    expect(EX.expScaled(1_000n, 500n, true, DEFAULT_QUOTE_WEIGHT, true)).toBe(2n * ONE);
  });
});

// ---------------------------------------------------------------------------------------------
// Other balancer.rs tests
// ---------------------------------------------------------------------------------------------

describe('balancer.rs unit tests', () => {
  it('test_calculate_quote_delta_in / base_delta_in: bit-equal to the f64 formula the test asserts', () => {
    const w2 = perquintillFromRational(250_000_000_000n, 1_000_000_000_000n);
    expect(calculateQuoteDeltaIn(EX, fromF64(0.1), fromF64(0.2), 1_000_000_000n, w2)).toBe(BigInt(Math.trunc(1e9 * (Math.pow(2, 0.75) - 1))));
    expect(calculateBaseDeltaIn(EX, fromF64(0.2), fromF64(0.1), 1_000_000_000n, w2)).toBe(BigInt(Math.trunc(1e9 * (Math.pow(2, 0.25) - 1))));
    expect(calculateQuoteDeltaIn(EX, fromF64(0.1), fromF64(0.05), 1_000_000_000n, w2)).toBe(0n);
    expect(calculateBaseDeltaIn(EX, fromF64(0.1), fromF64(0.2), 1_000_000_000n, w2)).toBe(0n);
    expect(calculateQuoteDeltaIn(EX, fromF64(0.1), fromF64(0.2), 1_000_000_000n, w2)).toBe(681_792_830n);
    expect(calculateBaseDeltaIn(EX, fromF64(0.2), fromF64(0.1), 1_000_000_000n, w2)).toBe(189_207_115n);
  });

  it('test_calculate_delta_in_reverse_swap: buying the quote delta brings the price to the target (1e-9)', () => {
    const w2 = perquintillFromRational(500_000_000_000n, 1_000_000_000_000n);
    const y = 1_000_000_000n;
    const x = 10_000_000_000n;
    const dy = calculateQuoteDeltaIn(EX, fromF64(0.1), fromF64(0.2), y, w2);
    const dx = convertDeltas(EX, pool(y, x, w2), 'buy', dy);
    const p = f(calculatePrice(exactArith, x - dx, y + dy, w2));
    expect(Math.abs(p - 0.2)).toBeLessThan(0.2 / 1e9);
  });

  it('test_base_needed_for_quote: equals the truncated f64 formula', () => {
    const w2 = perquintillFromRational(250_000_000_000n, 1_000_000_000_000n);
    const dx = getBaseNeededForQuote(EX, pool(1_000_000_000n, 1_000_000_000n, w2), 1_123_432n);
    expect(dx).toBe(BigInt(Math.trunc(1e9 * (Math.pow(1e9 / (1e9 - 1_123_432), 0.25 / 0.75) - 1))));
  });

  it('test_mul_round_*: half-up rounding of u128 × Perquintill', () => {
    const half = perquintillFromRational(1n, 2n);
    expect([0n, 1n, 2n, 3n, 4n, 5n, 1023n, 1025n].map((v) => mulPerquintillRound(half, v))).toEqual([0n, 1n, 1n, 2n, 2n, 3n, 512n, 513n]);
    const third = perquintillFromRational(1n, 3n);
    expect([3n, 4n, 5n, 6n].map((v) => mulPerquintillRound(third, v))).toEqual([1n, 1n, 2n, 2n]);
    expect(mulPerquintillRound(0n, 1_000_000n)).toBe(0n);
    expect(mulPerquintillRound(ACCURACY, 1_000_000n)).toBe(1_000_000n);
    const v = 10n ** 18n;
    expect(mulPerquintillRound(perquintillFromRational(7n, 10n), v)).toBe((v * 7n + 5n) / 10n);
    const u128max = (1n << 128n) - 1n;
    expect(mulPerquintillRound(ACCURACY, u128max)).toBe(u128max);
  });

  it('test_balancer_rejects_invalid_boundary_weights', () => {
    for (const q of [0n, 1n, MIN_WEIGHT - 1n, ACCURACY - MIN_WEIGHT + 1n, ACCURACY]) expect(isValidQuoteWeight(q)).toBe(false);
    for (const q of [MIN_WEIGHT, ACCURACY / 2n, ACCURACY - MIN_WEIGHT]) expect(isValidQuoteWeight(q)).toBe(true);
    expect(baseWeight(ACCURACY)).toBe(0n);
  });

  it('test_price_*: (w1/w2)·(y/x); 0 when y = 0; scale-invariant at equal weights', () => {
    expect(Math.abs(f(calculatePrice(exactArith, 2n, 5n, DEFAULT_QUOTE_WEIGHT)) - 2.5)).toBeLessThan(1e-12);
    expect(Math.abs(f(calculatePrice(exactArith, 4n, 10n, perquintillFromRational(1n, 3n))) - 5)).toBeLessThan(1e-10);
    expect(calculatePrice(exactArith, 10n, 0n, perquintillFromRational(3n, 10n))).toBe(0n);
    expect(Math.abs(f(calculatePrice(exactArith, 3n, 7n, DEFAULT_QUOTE_WEIGHT)) - f(calculatePrice(exactArith, 30n, 70n, DEFAULT_QUOTE_WEIGHT)))).toBeLessThan(1e-12);
    const q = perquintillFromRational(3n, 10n);
    const expected = (Number(ACCURACY - q) / Number(q)) * (15e15 / 21e15);
    expect(Math.abs(f(calculatePrice(exactArith, 21_000_000_000_000_000n, 15_000_000_000_000_000n, q)) - expected)).toBeLessThan(1e-9);
    expect(calculatePrice(exactArith, 0n, 5n, DEFAULT_QUOTE_WEIGHT)).toBe(0n);
  });

  it('test_exp_base_quote_happy_path: y·(1 − e) within 0.001 rao of f64 (1 rao above 1e14), both directions', () => {
    const weights = [
      [500_000_000_000n, 10n ** 12n], [500_000_000_001n, 10n ** 12n], [499_999_999_999n, 10n ** 12n], [500_000_000_100n, 10n ** 12n],
      [500_000_001_000n, 10n ** 12n], [500_000_010_000n, 10n ** 12n], [500_000_100_000n, 10n ** 12n], [500_001_000_000n, 10n ** 12n],
      [500_010_000_000n, 10n ** 12n], [500_100_000_000n, 10n ** 12n], [501_000_000_000n, 10n ** 12n], [510_000_000_000n, 10n ** 12n],
      [100_000_000_000n, 10n ** 12n], [100_000_000_001n, 10n ** 12n], [200_000_000_000n, 10n ** 12n], [300_000_000_000n, 10n ** 12n],
      [400_000_000_000n, 10n ** 12n], [600_000_000_000n, 10n ** 12n], [700_000_000_000n, 10n ** 12n], [800_000_000_000n, 10n ** 12n],
      [899_999_999_999n, 10n ** 12n], [900_000_000_000n, 10n ** 12n], [102_337_248_363_782_924n, 10n ** 18n],
    ].map(([n, d]) => perquintillFromRational(n, d));
    const cases: Array<[bigint, bigint, bigint]> = [
      [1_000n, 1_000n, 0n], [1_000n, 1_000n, 1n], [1_500n, 1_000n, 1n],
      [1_000_000_000_000n, 100_000_000_000_000n, 100_000_000n], [100_000_000_000n, 100_000_000_000_000n, 100_000_000n],
      [100_000_000_000n, 100_000_000_000_000n, 1_000_000n], [100_000_000_000n, 100_000_000_000_000n, 1_000_000_000_000n],
      [1_000_000_000n, 100_000_000_000_000n, 1_000_000_000_000n], [1_000_000n, 100_000_000_000_000n, 1_000_000_000_000n],
      [1_000n, 100_000_000_000_000n, 1_000_000_000_000n], [1_000n, 100_000_000_000_000n, 1_000_000_000n],
      [1_000n, 100_000_000_000_000n, 1_000_000n], [1_000n, 100_000_000_000_000n, 1_000n],
      [1_000n, 100_000_000_000_000n, 100_000_000_000_000n], [10n, 100_000_000_000_000n, 100_000_000_000_000n],
      [1_000_000_000n, 4_000_000_000n, 1_000_000_000_000n], [1_000_000_000_000n, 1_000n, 1_000_000_000_000n],
      [5_628_038_062_729_553n, 400_775_553n, 14_446_633_907_665_582n], [5_600_000_000_000_000n, 400_000_000n, 14_000_000_000_000_000n],
    ];
    for (const w2 of weights) {
      const w1f = Number(ACCURACY - w2) / 1e18;
      const w2f = Number(w2) / 1e18;
      for (const [y, x, dx] of cases) {
        const e1 = EX.expScaled(x, dx, false, w2, true);
        const e2 = EX.expScaled(x, dx, false, w2, false);
        if (dx > x * 1000n) {
          expect(e1 <= ONE && e2 <= ONE).toBe(true);
          continue;
        }
        const dy1 = f(F.saturatingMul(U64F64, y << 64n, ONE - e1));
        const dy2 = f(F.saturatingMul(U64F64, y << 64n, ONE - e2));
        const r = Number(x) / (Number(x) + Number(dx));
        const dy1e = Number(y) * (1 - Math.pow(r, w1f / w2f));
        const dy2e = Number(y) * (1 - Math.pow(r, w2f / w1f));
        expect(Math.abs(dy1 - dy1e)).toBeLessThanOrEqual(dy1e > 1e14 ? 1 : 0.001);
        expect(Math.abs(dy2 - dy2e)).toBeLessThanOrEqual(dy2e > 1e14 ? 1 : 0.001);
      }
    }
  });

  it('test_exp_base_quote_dy_precision: 1e-12 weight and 1-rao delta differences stay visible', () => {
    const y = 1_000_000_000n;
    const x = 21_000_000_000_000_000n;
    const cases: Array<[bigint, bigint, bigint, bigint, bigint, bigint]> = [
      // dx1, w2 num/den (1), dx2, w2 num/den (2)
      [21_000_000_000n, 1_000_000_000_000n, 2_000_000_000_000n, 21_000_000_000n, 1_000_000_000_001n, 2_000_000_000_000n],
      [21_000_000_000n, 1_000_000_000_000n, 2_000_000_000_001n, 21_000_000_000n, 1_000_000_000_000n, 2_000_000_000_000n],
      [2n, 1_000_000_000_000n, 2_000_000_000_000n, 1n, 1_000_000_000_000n, 2_000_000_000_000n],
      [1n, 1_000_000_000_000n, 2_000_000_000_000n, 1n, 1_010_000_000_000n, 2_000_000_000_000n],
      [1n, 1_000_000_000_000n, 2_010_000_000_000n, 1n, 1_000_000_000_000n, 2_000_000_000_000n],
    ];
    for (const [dx1, n1, d1, dx2, n2, d2] of cases) {
      const dy1 = F.saturatingMul(U64F64, y << 64n, ONE - EX.expScaled(x, dx1, false, perquintillFromRational(n1, d1), true));
      const dy2 = F.saturatingMul(U64F64, y << 64n, ONE - EX.expScaled(x, dx2, false, perquintillFromRational(n2, d2), true));
      expect(dy1 > dy2).toBe(true);
      expect(dy2).not.toBe(0n);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Swaps
// ---------------------------------------------------------------------------------------------

describe('swap: hand-worked at w1 = w2 = 0.5 equals constant product', () => {
  // pallets/swap tests.rs::test_swap_basic reserves: y = 1e9 TAO, x = 4e9 alpha (price 0.25)
  const y = 1_000_000_000n;
  const x = 4_000_000_000n;
  const feeOf = (a: bigint) => calculateFeeAmount(exactArith, a, 33, false);

  it.each([1_000n, 2_000n, 123_456n, 1_000_000_000n, 10_000_000_000n])('buy %i rao: alpha out = floor(x·∆y/(y+∆y)), ∆y = amount − fee', (amount) => {
    const r = swap(EX, pool(y, x), { side: 'buy', amount, limitPrice: MAX_LIMIT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const dy = amount - feeOf(amount);
    expect(r.value.feePaid).toBe(feeOf(amount));
    expect(r.value.amountPaidIn).toBe(dy);
    expect(r.value.amountPaidOut).toBe((x * dy) / (y + dy));
    expect(r.value.pool).toEqual(pool(y + dy, x - (x * dy) / (y + dy)));
    expect(r.value.priceAfter > r.value.priceBefore).toBe(true);
  });

  it.each([1_000n, 2_000n, 123_456n, 1_000_000_000n])('sell %i alpha: TAO out = floor(y·∆x/(x+∆x))', (amount) => {
    const r = swap(EX, pool(y, x), { side: 'sell', amount, limitPrice: MIN_LIMIT });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const dx = amount - feeOf(amount);
    expect(r.value.amountPaidOut).toBe((y * dx) / (x + dx));
    expect(r.value.priceAfter < r.value.priceBefore).toBe(true);
  });

  it('worked numbers: buy 123,456 rao → fee 62, 123,394 in, 493,515 alpha out (exact and fast)', () => {
    const r = swap(EX, pool(y, x), { side: 'buy', amount: 123_456n, limitPrice: MAX_LIMIT });
    expect(r.ok && [r.value.feePaid, r.value.amountPaidIn, r.value.amountPaidOut]).toEqual([62n, 123_394n, 493_515n]);
    const rf = swap(FA, { tao: 1e9, alphaIn: 4e9, quoteWeight: DEFAULT_QUOTE_WEIGHT, feeRate: 33 }, { side: 'buy', amount: 123_456, limitPrice: 1e6 });
    expect(rf.ok && [rf.value.feePaid, rf.value.amountPaidIn, rf.value.amountPaidOut]).toEqual([62, 123_394, 493_515]);
  });

  it('test_convert_deltas: within 2 rao of the f64 formula for equal, near-equal, low and high weights', () => {
    const U64MAX = (1n << 64n) - 1n;
    for (const w of [0.5, 0.50000001, 0.49999999, 0.1, 0.9]) {
      const w2 = perquintillFromRational(BigInt(Math.trunc(w * 1e9)), 1_000_000_000n);
      for (const [tao, alpha] of [[1500n, 1000n], [1n, 1_000_000n], [1_000_000n, 1n]]) {
        for (const d of [1n, 10_000n, 1_000_000n, U64MAX]) {
          const p = pool(tao, alpha, w2);
          const [yf, xf, df] = [Number(tao), Number(alpha), Number(d)];
          const sell = yf * (1 - Math.pow(xf / (xf + df), (1 - w) / w));
          const buy = xf * (1 - Math.pow(yf / (yf + df), w / (1 - w)));
          expect(Math.abs(Number(convertDeltas(EX, p, 'sell', d)) - Math.trunc(sell))).toBeLessThanOrEqual(2);
          expect(Math.abs(Number(convertDeltas(EX, p, 'buy', d)) - Math.trunc(buy))).toBeLessThanOrEqual(2);
        }
      }
    }
  });
});

describe('fee', () => {
  it('FeeRate/65535 on the input, floored; the truncated U64F64 rate makes exact multiples one rao lower', () => {
    expect(calculateFeeAmount(exactArith, 1_000_000_000n, 33, false)).toBe(503_547n);
    expect(calculateFeeAmount(exactArith, 1_985n, 33, false)).toBe(0n);
    // 65535·33/65535 = 33 exactly, but trunc(33·2^64/65535)·65535 < 33·2^64: the runtime charges 32
    expect(calculateFeeAmount(exactArith, 65_535n, 33, false)).toBe(32n);
    expect(calculateFeeAmount(exactArith, 1_000_000_000n, 33, true)).toBe(0n);
    expect(calculateFeeAmount(fastArith, 1e9, 33, false)).toBe(503_547);
  });

  it('limit-step fee = ∆·rate/(65535 − rate): the fee on the gross amount ∆ + fee', () => {
    const d = 1_000_000_000n;
    const fee = calculateLimitFee(exactArith, d, 33, false);
    expect(fee).toBe((d * 33n) / (65_535n - 33n));
    expect(calculateFeeAmount(exactArith, d + fee, 33, false) - fee <= 1n).toBe(true);
    expect(calculateLimitFee(exactArith, d, 33, true)).toBe(0n);
  });
});

describe('limit orders stop at the limit', () => {
  const y = 1_000_000_000_000n; // 1000 TAO
  const x = 4_000_000_000_000n;
  const cases: Array<[string, bigint]> = [
    ['w2 = 0.5 (exact root path)', DEFAULT_QUOTE_WEIGHT],
    ['w2 = 0.3 (exponent 7/10)', perquintillFromRational(3n, 10n)],
    ['w2 irregular (series path, precision 1024)', 612_345_678_901_234_567n],
  ];

  it.each(cases)('buy, %s: the price ends at the limit (to 1/reserve, never past it), the rest of the input is unused', (_, w2) => {
    const p = pool(y, x, w2);
    const before = currentPrice(exactArith, p);
    const limit = (before * 11n) / 10n; // +10 %
    const r = swap(EX, p, { side: 'buy', amount: y, limitPrice: limit });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.limitHit).toBe(true);
    // at the limit up to the integer granularity of the reserves, never past it
    expect(r.value.priceAfter <= limit).toBe(true);
    expect(Math.abs(f(r.value.priceAfter) / f(limit) - 1)).toBeLessThan(2 / Number(y) + 2 / Number(x));
    expect(r.value.amountPaidIn + r.value.feePaid < y).toBe(true);
    expect(r.value.feePaid).toBe(calculateLimitFee(exactArith, r.value.amountPaidIn, 33, false));
    // the same amount without the limit goes further
    const full = swap(EX, p, { side: 'buy', amount: y, limitPrice: MAX_LIMIT });
    expect(full.ok && full.value.priceAfter > limit).toBe(true);
    // fast mode lands on the same amounts within 1e-9
    const rf = swap(FA, { tao: Number(y), alphaIn: Number(x), quoteWeight: w2, feeRate: 33 }, { side: 'buy', amount: Number(y), limitPrice: f(limit) });
    expect(rf.ok && Math.abs(rf.value.amountPaidIn / Number(r.value.amountPaidIn) - 1)).toBeLessThan(1e-9);
  });

  it.each(cases)('sell, %s: the price ends at the limit (to 1/reserve, never past it)', (_, w2) => {
    const p = pool(y, x, w2);
    const before = currentPrice(exactArith, p);
    const limit = (before * 9n) / 10n; // −10 %
    const r = swap(EX, p, { side: 'sell', amount: x, limitPrice: limit });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.limitHit).toBe(true);
    expect(r.value.priceAfter >= limit).toBe(true);
    expect(Math.abs(f(r.value.priceAfter) / f(limit) - 1)).toBeLessThan(2 / Number(y) + 2 / Number(x));
    expect(r.value.amountPaidIn + r.value.feePaid < x).toBe(true);
  });

  it('a limit not beyond the current price is rejected (PriceLimitExceeded), equality included', () => {
    const p = pool(y, x);
    const price = currentPrice(exactArith, p);
    for (const [side, limit] of [['buy', price], ['buy', price - 1n], ['sell', price], ['sell', price + 1n]] as const) {
      const r = swap(EX, p, { side, amount: 1_000_000n, limitPrice: limit });
      expect(!r.ok && r.error.variant).toBe('PriceLimitExceeded');
      expect(!r.ok && r.error.pallet).toBe('Swap');
    }
  });

  it('a limit beyond the full trade executes the full amount', () => {
    const p = pool(y, x);
    const r = swap(EX, p, { side: 'buy', amount: 1_000_000n, limitPrice: currentPrice(exactArith, p) * 2n });
    expect(r.ok && !r.value.limitHit && r.value.amountPaidIn).toBe(1_000_000n - calculateFeeAmount(exactArith, 1_000_000n, 33, false));
  });
});

describe('guards give the runtime errors', () => {
  it('SwapInputTooLarge above 1000 × the input reserve (net of fee); allowed at exactly 1000× (tests.rs, mock minimum reserve 1)', () => {
    const p = pool(1_000n, 1_000n);
    for (const side of ['buy', 'sell'] as const) {
      const lim = side === 'buy' ? MAX_LIMIT : MIN_LIMIT;
      const over = swap(EX, p, { side, amount: 1_000_001n, limitPrice: lim, dropFees: true, minimumReserve: 1n });
      expect(!over.ok && over.error.variant).toBe('SwapInputTooLarge');
      const at = swap(EX, p, { side, amount: 1_000_000n, limitPrice: lim, dropFees: true, minimumReserve: 1n, simulate: true });
      expect(at.ok).toBe(true);
      // with fees the check is on amount − fee: 1_001_000 − 504 ≤ 1_000_000? no → rejected (sim_swap test)
      const sim = swap(EX, p, { side, amount: 1_001_000n, limitPrice: lim, minimumReserve: 1n, simulate: true });
      expect(!sim.ok && sim.error.variant).toBe('SwapInputTooLarge');
    }
  });

  it('ReservesTooLow when the output reserve is below 1,000,000 rao', () => {
    const r = swap(EX, pool(1_000_000_000n, 999_999n), { side: 'buy', amount: 1_000n, limitPrice: MAX_LIMIT });
    expect(!r.ok && r.error.variant).toBe('ReservesTooLow');
    const s = swap(EX, pool(999_999n, 1_000_000_000n), { side: 'sell', amount: 1_000n, limitPrice: MIN_LIMIT });
    expect(!s.ok && s.error.variant).toBe('ReservesTooLow');
    expect(swap(EX, pool(1_000_000_000n, 1_000_000n), { side: 'buy', amount: 1_000_000_000n, limitPrice: MAX_LIMIT }).ok).toBe(true); // exactly the minimum passes
  });

  it('ReservesTooLow when a non-zero input buys nothing', () => {
    // price 1e3 TAO/alpha: 100 rao of TAO buys 0.1 alpha rao
    const r = swap(EX, pool(1_000_000_000_000_000n, 1_000_000_000_000n), { side: 'buy', amount: 100n, limitPrice: MAX_LIMIT });
    expect(!r.ok && r.error.variant).toBe('ReservesTooLow');
    // a zero input is not an error: nothing moves
    const z = swap(EX, pool(1_000_000_000n, 1_000_000_000n), { side: 'buy', amount: 0n, limitPrice: MAX_LIMIT });
    expect(z.ok && z.value.amountPaidOut).toBe(0n);
  });

  it('max/min price: default limits reject buys above 1e6 TAO/alpha and sells below 1e-6', () => {
    const expensive = pool(2_000_000_000_000_000n, 1_000_000_000n); // 2e6 TAO/alpha
    const r = swap(EX, expensive, { side: 'buy', amount: 1_000_000_000n, limitPrice: MAX_LIMIT });
    expect(!r.ok && r.error.variant).toBe('PriceLimitExceeded');
    const cheap = pool(1_000_000n, 2_000_000_000_000_000n); // 5e-10 TAO/alpha
    const s = swap(EX, cheap, { side: 'sell', amount: 1_000_000_000n, limitPrice: MIN_LIMIT });
    expect(!s.ok && s.error.variant).toBe('PriceLimitExceeded');
  });

  it('the minimum-reserve guard is checked before the trade only: a trade can empty the output reserve', () => {
    // w2 = 0.99: e = (y/(y+1000y))^99 floors to 0, so the whole alpha reserve goes out
    const p = pool(1_000_000_000n, 5_000_000n, ACCURACY - MIN_WEIGHT, 0);
    const r = swap(EX, p, { side: 'buy', amount: 1_000_000_000_000n, limitPrice: MAX_LIMIT });
    expect(r.ok && r.value.amountPaidOut).toBe(5_000_000n);
    expect(r.ok && r.value.pool.alphaIn).toBe(0n);
    expect(r.ok && r.value.priceAfter).toBe(0n);
  });
});

// ---------------------------------------------------------------------------------------------
// Liquidity and initialization
// ---------------------------------------------------------------------------------------------

describe('adjust_protocol_liquidity', () => {
  const tao = 1_000_000_000_000n;
  const alpha = 4_000_000_000_000n;
  const deltas: Array<[bigint, bigint]> = [
    [0n, 0n], [0n, 1n], [1n, 0n], [1n, 1n], [0n, 10n], [10n, 0n], [100n, 100n], [0n, 1_000n], [1_000n, 0n],
    [1_000_000n, 0n], [0n, 1_000_000n], [1_000_000n, 1_000_000n], [1_000_000_000n, 0n], [0n, 1_000_000_000n],
    [1_000_000_000_000n, 0n], [0n, 1_000_000_000_000n], [1_000_000_000_000n, 1_000_000_000_000n],
    [1n, 2n], [2n, 1n], [2_000_000_000_000n, 1_000_000_000_000n], [1_234_567n, 2_432_765n], [1_234_567n, 2_432_765_890n],
  ];

  it.each(deltas)('test_adjust_protocol_liquidity_happy (∆y %i, ∆x %i): price kept to 1e-12, weight = y\'/(p·x\' + y\')', (dy, dx) => {
    const p = pool(tao, alpha);
    const before = currentPrice(exactArith, p);
    const r = adjustProtocolLiquidity(exactArith, p, dy, dx);
    expect(r.rejected).toBe(false);
    expect([r.taoDelta, r.alphaDelta]).toEqual([dy, dx]);
    const after = currentPrice(exactArith, pool(tao + dy, alpha + dx, r.quoteWeight));
    expect(Math.abs(f(after) - f(before))).toBeLessThanOrEqual(f(before) / 1e12);
    const ny = Number(tao + dy);
    const nx = Number(alpha + dx);
    const w = ny / (nx * f(before) + ny);
    expect(Math.abs(Number(r.quoteWeight) / 1e18 - 0.5 - (w - 0.5))).toBeLessThanOrEqual(w / 1e12);
  });

  it('keeps the U64F64 price within a few units of the last place (bound: p·1e-18/(w1·w2) + 4·2^-64)', () => {
    let worst = 0n;
    for (const [dy, dx] of deltas) {
      const p = pool(tao, alpha);
      const before = currentPrice(exactArith, p);
      const r = adjustProtocolLiquidity(exactArith, p, dy, dx);
      const after = currentPrice(exactArith, pool(tao + dy, alpha + dx, r.quoteWeight));
      const diff = after > before ? after - before : before - after;
      if (diff > worst) worst = diff;
      const w2 = Number(r.quoteWeight) / 1e18;
      const bound = (Number(before) * 1e-18) / (w2 * (1 - w2)) + 4;
      expect(Number(diff)).toBeLessThanOrEqual(bound);
    }
    // not bit-identical in general: the Perquintill floor of w2' moves the price by a few ulps
    expect(worst > 0n).toBe(true);
  });

  it('rejects (injects nothing, keeps the weight) when w2\' would leave [0.01, 0.99]', () => {
    const p = pool(1_000_000_000n, 1_000_000_000n);
    const up = adjustProtocolLiquidity(exactArith, p, 200_000_000_000n, 0n); // w2' ≈ 201/202 > 0.99
    expect(up).toEqual({ taoDelta: 0n, alphaDelta: 0n, quoteWeight: DEFAULT_QUOTE_WEIGHT, rejected: true });
    const down = adjustProtocolLiquidity(exactArith, p, 0n, 200_000_000_000n);
    expect(down.rejected).toBe(true);
    const ok = adjustProtocolLiquidity(exactArith, p, 90_000_000_000n, 0n); // w2' = 91/92 ≈ 0.989
    expect(ok.rejected).toBe(false);
    expect(updateWeightsForAddedLiquidity(DEFAULT_QUOTE_WEIGHT, 1_000n, 4_000n, 1_000n, 0n)).toBe(perquintillFromRational(2n, 3n));
  });

  it('test_adjust_protocol_liquidity_zero_alpha: a zero alpha reserve keeps w2 = 0.5', () => {
    for (const [dy, dx] of deltas) {
      const r = adjustProtocolLiquidity(exactArith, pool(tao, 0n), dy, dx);
      expect(r.quoteWeight).toBe(DEFAULT_QUOTE_WEIGHT);
      const after = currentPrice(exactArith, pool(tao + dy, dx, r.quoteWeight));
      if (dx === 0n) expect(after).toBe(0n);
      else expect(Math.abs(f(after) - Number(tao + dy) / Number(dx))).toBeLessThan(1e-6);
    }
  });

  it('subnet wrapper stores the weight and leaves the reserves to the caller; fast mode uses the same integer weight math', () => {
    const s = subnet(1_000_000_000_000n, 4_000_000_000_000n);
    const r = adjustSubnetProtocolLiquidity(exactArith, s, 1_000_000_000n, 0n);
    expect(s.balancerQuoteWeight).toBe(r.quoteWeight);
    expect(s.tao).toBe(1_000_000_000_000n);
    const rf = adjustProtocolLiquidity(fastArith, { tao: 1e12, alphaIn: 4e12, quoteWeight: DEFAULT_QUOTE_WEIGHT, feeRate: 33 }, 1e9, 0);
    expect(rf.quoteWeight).toBe(r.quoteWeight);
  });
});

describe('maybe_initialize_palswap', () => {
  it('no price → 0.5 (test_swap_initialization); price 0.2 → the pool quotes 0.2 (test_swap_initialization_with_price)', () => {
    const res = { tao: 1_000_000_000n, alphaIn: 4_000_000_000n };
    const none = maybeInitializePalswap(exactArith, res);
    expect(none.ok && none.value.quoteWeight).toBe(DEFAULT_QUOTE_WEIGHT);
    const fifth = F.safeDiv(U64F64, 1n << 64n, 5n << 64n);
    const r = maybeInitializePalswap(exactArith, res, fifth);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Math.abs(f(calculatePrice(exactArith, res.alphaIn, res.tao, r.value.quoteWeight)) - 0.2)).toBeLessThan(1e-9);
    const rf = maybeInitializePalswap(fastArith, { tao: 1e9, alphaIn: 4e9 }, 0.2);
    expect(rf.ok && Number(rf.value.quoteWeight) / 1e18).toBeCloseTo(1 / 1.8, 12);
  });

  it('ReservesOutOfBalance when both reserves are 0 or the implied weight leaves [0.01, 0.99]', () => {
    const z = maybeInitializePalswap(exactArith, { tao: 0n, alphaIn: 0n }, ONE);
    expect(!z.ok && z.error.variant).toBe('ReservesOutOfBalance');
    const skew = maybeInitializePalswap(exactArith, { tao: 1_000n, alphaIn: 1_000_000_000n }, ONE); // w2 ≈ 1e-6
    expect(!skew.ok && skew.error.variant).toBe('ReservesOutOfBalance');
  });

  it('a swap on an uninitialized pool first resets w2 to 0.5', () => {
    const p = pool(1_000_000_000n, 1_000_000_000n, perquintillFromRational(3n, 10n));
    const r = swap(EX, p, { side: 'buy', amount: 1_000_000n, limitPrice: MAX_LIMIT, palSwapInitialized: false });
    expect(r.ok && r.value.pool.quoteWeight).toBe(DEFAULT_QUOTE_WEIGHT);
    expect(r.ok && r.value.priceBefore).toBe(ONE);
  });
});

// ---------------------------------------------------------------------------------------------
// Subnet-level wrappers
// ---------------------------------------------------------------------------------------------

const HYPER = {} as SubnetHyperparameters;

function subnet(tao: bigint, alphaIn: bigint, init: Partial<SubnetState<bigint>> = {}): SubnetState<bigint> {
  return createSubnet(exactArith, 1, HYPER, { tao, alphaIn, alphaOut: 10_000_000_000n, ...init });
}

describe('swapTaoForAlpha / swapAlphaForTao on SubnetState', () => {
  it('buy: SubnetTAO += paid in, SubnetAlphaIn −= out, SubnetAlphaOut += out, volume += tao; fee to the author', () => {
    const s = subnet(1_000_000_000n, 4_000_000_000n);
    const r = swapTaoForAlpha(EX, s, 1_000_000_000n);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.feePaid).toBe(503_547n);
    expect(v.feeRecipient).toBe('blockAuthor');
    expect(v.feeToBlockAuthor).toBe(503_547n);
    expect(v.amountPaidIn).toBe(1_000_000_000n - 503_547n);
    expect(s.tao).toBe(1_000_000_000n + v.amountPaidIn);
    expect(s.alphaIn).toBe(4_000_000_000n - v.amountPaidOut);
    expect(s.alphaOut).toBe(10_000_000_000n + v.amountPaidOut);
    expect(s.volume).toBe(1_000_000_000n);
    expect(v.totalStakeDelta).toEqual({ add: 1_000_000_000n, sub: 0n });
  });

  it('sell: SubnetAlphaIn += paid in, SubnetAlphaOut −= paid in, SubnetTAO −= out, volume += out; fee burned without an author', () => {
    const s = subnet(1_000_000_000n, 4_000_000_000n);
    const r = swapAlphaForTao(EX, s, 400_000_000n, { hasBlockAuthor: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    expect(v.feeRecipient).toBe('burned');
    expect(v.feeBurned).toBe(v.feePaid);
    expect(v.feeToBlockAuthor).toBe(0n);
    expect(s.alphaIn).toBe(4_000_000_000n + v.amountPaidIn);
    expect(s.alphaOut).toBe(10_000_000_000n - v.amountPaidIn);
    expect(s.tao).toBe(1_000_000_000n - v.amountPaidOut);
    expect(s.volume).toBe(v.amountPaidOut);
    expect(v.totalStakeDelta).toEqual({ add: 0n, sub: v.amountPaidOut });
  });

  it('dropFees (protocol operations): no fee, no recipient', () => {
    const s = subnet(1_000_000_000n, 4_000_000_000n);
    const r = swapTaoForAlpha(EX, s, 1_000_000_000n, { dropFees: true });
    expect(r.ok && [r.value.feePaid, r.value.feeRecipient, r.value.amountPaidIn]).toEqual([0n, 'none', 1_000_000_000n]);
  });

  it('a failed swap leaves the subnet unchanged', () => {
    const s = subnet(1_000_000_000n, 999_999n);
    const snapshot = structuredClone(s);
    const r = swapTaoForAlpha(EX, s, 1_000_000_000n);
    expect(!r.ok && r.error.variant).toBe('ReservesTooLow');
    expect(s).toEqual(snapshot);
  });

  it('stable subnets (mechanism 0) swap 1:1 without fee', () => {
    const s = subnet(5_000_000_000n, 0n, { mechanism: 0 });
    const r = swapTaoForAlpha(EX, s, 1_000_000_000n);
    expect(r.ok && [r.value.amountPaidOut, r.value.feePaid]).toEqual([1_000_000_000n, 0n]);
    expect(s.tao).toBe(6_000_000_000n);
    expect(s.alphaIn).toBe(0n); // saturating
  });

  it('fast mode mirrors exact on the same trade', () => {
    const s = subnet(1_000_000_000n, 4_000_000_000n);
    const sf = createSubnet(fastArith, 1, HYPER, { tao: 1e9, alphaIn: 4e9, alphaOut: 1e10 });
    const r = swapTaoForAlpha(EX, s, 123_456_789n);
    const rf = swapTaoForAlpha(FA, sf, 123_456_789);
    expect(r.ok && rf.ok).toBe(true);
    if (!r.ok || !rf.ok) return;
    expect(Math.abs(rf.value.amountPaidOut - Number(r.value.amountPaidOut))).toBeLessThanOrEqual(1);
    expect(Math.abs(sf.alphaIn - Number(s.alphaIn))).toBeLessThanOrEqual(1);
  });
});

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}
