/**
 * Property tests of the balancer swap (fast-check, ≥ 500 runs each), exact and fast.
 *
 * Domain: reserves 1e5 … 2.1e16 rao (some below the 1e6 minimum to exercise the guard), w2 over
 * [0.01, 0.99] (half of the runs on irregular Perquintills, i.e. the crate's series path), fee
 * rates 0 … 10,000, inputs 1e-9 … 1000× the input reserve.
 *
 * fast ≈ exact tolerance (documented in README.md): amounts out |fast − exact| ≤ 2 rao +
 * 1e-9·exact + 2·(spot marginal rate), the last term covering a one-rao difference of the
 * floored fee; amounts in and fees ≤ 1 rao + 1e-9·exact; prices 1e-9 relative plus
 * (3 + 2·marginal) rao of each remaining reserve (a nearly emptied reserve quantizes the price);
 * inputs within float resolution of the 1000× guard, trades whose post-trade price is within
 * 1e-9 of the limit (fast may decide those comparisons the other way), and trades that would leave
 * fewer rao of the output reserve than float64 resolves at its size, are skipped; checked where the crate's exp series converges (|exponent · ln(1 + ∆/reserve)| ≤ 100; beyond
 * it the exact e is the crate's cut-off value, see powRatioScaled.ts, while the true e < 1e-43).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArith, fastArith, U64F64 } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import {
  ACCURACY,
  MIN_WEIGHT,
  MAX_PRICE_RAO,
  MIN_PRICE_RAO,
  SWAP_MINIMUM_RESERVE,
  type BalancerPool,
  type SwapSide,
  calculateFeeAmount,
  convertDeltas,
  currentPrice,
  exactBalancerMath as EX,
  fastBalancerMath as FA,
  limitPriceFromRao,
  priceTarget,
  swap,
} from './balancer.ts';

/** runs per property (override with BALANCER_RUNS for a longer search) */
const RUNS = Number(process.env.BALANCER_RUNS ?? 500);
const I64_MAX = (1n << 63n) - 1n;
const MAX_LIMIT = limitPriceFromRao(exactArith, MAX_PRICE_RAO);
const MIN_LIMIT = limitPriceFromRao(exactArith, MIN_PRICE_RAO);
const MAX_LIMIT_F = limitPriceFromRao(fastArith, Number(MAX_PRICE_RAO));
const MIN_LIMIT_F = limitPriceFromRao(fastArith, Number(MIN_PRICE_RAO));

/** A log-uniform integer amount in [10^lo, 10^hi). */
const logAmount = (lo: number, hi: number) =>
  fc.tuple(fc.integer({ min: lo, max: hi - 1 }), fc.double({ min: 1, max: 9.999, noNaN: true })).map(([e, m]) => BigInt(Math.floor(m * 10 ** e)));

const reserve = logAmount(6, 16).map((r) => (r > 21_000_000_000_000_000n ? 21_000_000_000_000_000n : r));
const weight = fc.oneof(
  fc.constantFrom(ACCURACY / 2n, ACCURACY / 4n, (ACCURACY * 3n) / 4n, ACCURACY / 10n, (ACCURACY * 9n) / 10n, ACCURACY / 100n, (ACCURACY * 99n) / 100n),
  fc.bigInt({ min: MIN_WEIGHT, max: ACCURACY - MIN_WEIGHT }),
);
const feeRate = fc.oneof(fc.constant(33), fc.integer({ min: 0, max: 10_000 }));
const poolArb = fc.record({ tao: reserve, alphaIn: reserve, quoteWeight: weight, feeRate });
/** amount = reserve_in · 10^k, k ∈ [−9, 3] */
const scaleArb = fc.double({ min: -9, max: 3, noNaN: true });

function amountFor(p: BalancerPool<bigint>, side: SwapSide, k: number): bigint {
  const r = side === 'buy' ? p.tao : p.alphaIn;
  const a = BigInt(Math.floor(Number(r) * 10 ** k));
  return a < 1n ? 1n : a;
}

const toFast = (p: BalancerPool<bigint>): BalancerPool<number> => ({ tao: Number(p.tao), alphaIn: Number(p.alphaIn), quoteWeight: p.quoteWeight, feeRate: p.feeRate });

function inSeriesReach(p: BalancerPool<bigint>, side: SwapSide, amount: bigint): boolean {
  const w2 = Number(p.quoteWeight) / 1e18;
  const expo = side === 'buy' ? w2 / (1 - w2) : (1 - w2) / w2;
  const r = Number(side === 'buy' ? p.tao : p.alphaIn);
  return expo * Math.log1p(Number(amount) / r) <= 100;
}

describe('balancer swap properties', () => {
  it('buy then sell back (and sell then buy back) never gains value: exact', () => {
    fc.assert(
      fc.property(poolArb, scaleArb, fc.boolean(), fc.constantFrom<SwapSide>('buy', 'sell'), (p, k, dropFees, first) => {
        const amount = amountFor(p, first, k);
        const back: SwapSide = first === 'buy' ? 'sell' : 'buy';
        const a = swap(EX, p, { side: first, amount, limitPrice: first === 'buy' ? MAX_LIMIT : MIN_LIMIT, dropFees });
        if (!a.ok) return;
        const b = swap(EX, a.value.pool, { side: back, amount: a.value.amountPaidOut, limitPrice: back === 'buy' ? MAX_LIMIT : MIN_LIMIT, dropFees });
        if (!b.ok) return;
        expect(b.value.amountPaidOut <= a.value.amountPaidIn).toBe(true);
        expect(b.value.amountPaidOut <= amount).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('buy then sell back never gains value: fast, up to float64 resolution (1 rao + 8 ulps of the reserve)', () => {
    fc.assert(
      fc.property(poolArb, scaleArb, fc.boolean(), fc.constantFrom<SwapSide>('buy', 'sell'), (pb, k, dropFees, first) => {
        const amount = Number(amountFor(pb, first, k));
        const p = toFast(pb);
        const back: SwapSide = first === 'buy' ? 'sell' : 'buy';
        const a = swap(FA, p, { side: first, amount, limitPrice: first === 'buy' ? MAX_LIMIT_F : MIN_LIMIT_F, dropFees });
        if (!a.ok) return;
        const b = swap(FA, a.value.pool, { side: back, amount: a.value.amountPaidOut, limitPrice: back === 'buy' ? MAX_LIMIT_F : MIN_LIMIT_F, dropFees });
        if (!b.ok) return;
        // float64 carries ~16 digits: above 2^53 rao (9e15) a rao is below one ulp
        const ulps = 8 * Number.EPSILON * (first === 'buy' ? p.tao + amount : p.alphaIn + amount);
        expect(b.value.amountPaidOut).toBeLessThanOrEqual(a.value.amountPaidIn + 1 + Math.floor(ulps));
      }),
      { numRuns: RUNS },
    );
  });

  it('reserves never go negative, output ≤ reserve, the guard rejects a low output reserve, price moves with the trade (exact)', () => {
    const lowReserve = logAmount(4, 8);
    fc.assert(
      fc.property(
        fc.oneof(poolArb, fc.record({ tao: lowReserve, alphaIn: lowReserve, quoteWeight: weight, feeRate })),
        scaleArb,
        fc.constantFrom<SwapSide>('buy', 'sell'),
        (p, k, side) => {
          const amount = amountFor(p, side, k);
          const r = swap(EX, p, { side, amount, limitPrice: side === 'buy' ? MAX_LIMIT : MIN_LIMIT });
          const outReserve = side === 'buy' ? p.alphaIn : p.tao;
          if (outReserve < SWAP_MINIMUM_RESERVE) {
            expect(!r.ok && r.error.variant === 'ReservesTooLow' || (!r.ok && r.error.variant === 'SwapInputTooLarge')).toBe(true);
            return;
          }
          if (!r.ok) {
            expect(['SwapInputTooLarge', 'ReservesTooLow', 'PriceLimitExceeded']).toContain(r.error.variant);
            return;
          }
          const v = r.value;
          expect(v.amountPaidOut <= outReserve).toBe(true);
          expect(v.pool.tao >= 0n && v.pool.alphaIn >= 0n).toBe(true);
          expect(v.amountPaidIn + v.feePaid <= amount).toBe(true);
          if (side === 'buy') {
            // stake_utils adds `paid_in_reserve_delta_i64`: clamped to i64::MAX (9.2e18 rao)
            expect(v.pool.tao).toBe(p.tao + (v.amountPaidIn > I64_MAX ? I64_MAX : v.amountPaidIn));
            expect(v.pool.alphaIn).toBe(p.alphaIn - v.amountPaidOut);
            // an emptied alpha reserve quotes 0 (`current_price`): the one exception
            if (v.pool.alphaIn === 0n) expect(v.priceAfter).toBe(0n);
            else expect(v.priceAfter >= v.priceBefore).toBe(true);
          } else {
            expect(v.pool.alphaIn).toBe(p.alphaIn + (v.amountPaidIn > I64_MAX ? I64_MAX : v.amountPaidIn));
            expect(v.pool.tao).toBe(p.tao - v.amountPaidOut);
            expect(v.priceAfter <= v.priceBefore).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('fast: output ≤ reserve, reserves ≥ 0, price moves with the trade', () => {
    fc.assert(
      fc.property(poolArb, scaleArb, fc.constantFrom<SwapSide>('buy', 'sell'), (pb, k, side) => {
        const p = toFast(pb);
        const amount = Number(amountFor(pb, side, k));
        const r = swap(FA, p, { side, amount, limitPrice: side === 'buy' ? MAX_LIMIT_F : MIN_LIMIT_F });
        if (!r.ok) return;
        expect(r.value.amountPaidOut).toBeLessThanOrEqual(side === 'buy' ? p.alphaIn : p.tao);
        expect(r.value.pool.tao).toBeGreaterThanOrEqual(0);
        expect(r.value.pool.alphaIn).toBeGreaterThanOrEqual(0);
        if (side === 'sell') expect(r.value.priceAfter).toBeLessThanOrEqual(r.value.priceBefore);
        else if (r.value.pool.alphaIn === 0) expect(r.value.priceAfter).toBe(0);
        else expect(r.value.priceAfter).toBeGreaterThanOrEqual(r.value.priceBefore);
      }),
      { numRuns: RUNS },
    );
  });

  it('limit orders stop at the limit: never past it, within the reserves\' integer granularity when capped (exact)', () => {
    fc.assert(
      fc.property(poolArb, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.constantFrom<SwapSide>('buy', 'sell'), (p, k, move, side) => {
        const before = currentPrice(exactArith, p);
        fc.pre(before > 0n);
        // limit = price·(1 + move) for buys, price/(1 + move) for sells
        const m = BigInt(Math.round(move * 1e9));
        const limit = side === 'buy' ? (before * (1_000_000_000n + m)) / 1_000_000_000n : (before * 1_000_000_000n) / (1_000_000_000n + m);
        const amount = amountFor(p, side, k);
        const r = swap(EX, p, { side, amount, limitPrice: limit });
        if (!r.ok) return;
        const v = r.value;
        if (side === 'buy') expect(v.priceAfter <= limit || v.pool.alphaIn === 0n).toBe(true);
        else expect(v.priceAfter >= limit).toBe(true);
        if (v.limitHit && v.pool.alphaIn > 0n && v.pool.tao > 0n) {
          // one rao of input moves p ∝ y^(1/w1) ∝ x^(−1/w2) by 1/(w1·y) resp. 1/(w2·x); one rao of output by 1/y resp. 1/x
          const rel = Math.abs(F.toNumber(U64F64, v.priceAfter) / F.toNumber(U64F64, limit) - 1);
          const w2 = Number(p.quoteWeight) / 1e18;
          const y = Number(v.pool.tao);
          const x = Number(v.pool.alphaIn);
          expect(rel).toBeLessThanOrEqual(2 / ((1 - w2) * y) + 2 / (w2 * x) + 2 / y + 2 / x + 1e-12);
          expect(v.amountPaidIn + v.feePaid <= amount).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('fast is within the documented tolerance of exact (same outcome, amounts, fee, price)', () => {
    fc.assert(
      fc.property(poolArb, scaleArb, fc.constantFrom<SwapSide>('buy', 'sell'), fc.boolean(), (p, k, side, dropFees) => {
        const amount = amountFor(p, side, k);
        fc.pre(inSeriesReach(p, side, amount));
        const ex = swap(EX, p, { side, amount, limitPrice: side === 'buy' ? MAX_LIMIT : MIN_LIMIT, dropFees });
        const fa = swap(FA, toFast(p), { side, amount: Number(amount), limitPrice: side === 'buy' ? MAX_LIMIT_F : MIN_LIMIT_F, dropFees });
        // the 1000× input guard is an equality test on integers: fast mode decides it within one
        // ulp of the input, so skip inputs that close to the threshold
        const inReserve = side === 'buy' ? p.tao : p.alphaIn;
        const net = Number(amount) * (1 - (dropFees ? 0 : p.feeRate / 65_535));
        fc.pre(Math.abs(net - 1000 * Number(inReserve)) > 4 * Number.EPSILON * net + 2);
        // likewise the full-or-capped branch compares the post-trade price with the limit: skip
        // trades whose post-trade price is within 1e-9 of the limit (fast may branch the other way)
        const netExact = amount - calculateFeeAmount(exactArith, amount, p.feeRate, dropFees);
        const target = F.toNumber(U64F64, priceTarget(EX, p, side, netExact));
        const lim = F.toNumber(U64F64, side === 'buy' ? MAX_LIMIT : MIN_LIMIT);
        fc.pre(Math.abs(target / lim - 1) > 1e-9);
        // and trades that would leave fewer rao of the output reserve than float64 resolves at its
        // size (above 2^53 a rao is below one ulp: fast then empties what exact leaves at 1–4 rao)
        const outReserve = side === 'buy' ? p.alphaIn : p.tao;
        const left = outReserve - convertDeltas(EX, p, side, netExact);
        fc.pre(Number(left) > 16 * Number.EPSILON * Number(outReserve));
        expect(fa.ok).toBe(ex.ok);
        if (!ex.ok || !fa.ok) {
          if (!ex.ok && !fa.ok) expect(fa.error.variant).toBe(ex.error.variant);
          return;
        }
        const price = F.toNumber(U64F64, ex.value.priceBefore);
        const marginal = side === 'buy' ? 1 / price : price;
        const tol = (x: bigint) => 2 + 1e-9 * Number(x) + 2 * marginal;
        expect(Math.abs(fa.value.amountPaidOut - Number(ex.value.amountPaidOut))).toBeLessThanOrEqual(tol(ex.value.amountPaidOut));
        // amounts in: equal but for a one-rao fee floor, or (limit-capped step) within 1e-9
        expect(Math.abs(fa.value.amountPaidIn - Number(ex.value.amountPaidIn))).toBeLessThanOrEqual(1 + 1e-9 * Number(ex.value.amountPaidIn));
        expect(Math.abs(fa.value.feePaid - Number(ex.value.feePaid))).toBeLessThanOrEqual(1 + 1e-9 * Number(ex.value.feePaid));
        // prices: 1e-9 relative, plus the integer granularity of a nearly emptied reserve
        const pa = F.toNumber(U64F64, ex.value.priceAfter);
        const grain = (3 + 2 * marginal) * (1 / Number(ex.value.pool.tao || 1n) + 1 / Number(ex.value.pool.alphaIn || 1n));
        expect(Math.abs(fa.value.priceAfter - pa)).toBeLessThanOrEqual((1e-9 + grain) * pa + 1e-18);
      }),
      { numRuns: RUNS },
    );
  });
});
