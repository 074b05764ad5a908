import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exactArith as X, fastArith as Fa } from '../../math/arith.ts';
import { addSyntheticSubnet } from './fixtures.ts';
import { raonetEmpty, raonetGenesis } from './genesis.ts';
import { quoteAlphaForTao, quoteTaoForAlpha, swapAlphaForTao, swapTaoForAlpha } from './pool.ts';
import { F32 } from './testkit.ts';

/** The constant-product quotes by hand, from substrate-fixed's rules (mul floors, div truncates). */
const K_MAX = (1n << 127n) - 1n;
function kOf(T: bigint, A: bigint): bigint {
  const k = F32.mul(F32.from(A), F32.from(T));
  return k > K_MAX ? K_MAX : k;
}
function handTaoForAlpha(T: bigint, A: bigint, tao: bigint): bigint {
  const d = F32.from(T + tao);
  return F32.floor(F32.from(A) - (d === 0n ? 0n : F32.div(kOf(T, A), d)));
}
function handAlphaForTao(T: bigint, A: bigint, alpha: bigint): bigint {
  const d = F32.from(A + alpha);
  return F32.floor(F32.from(T) - (d === 0n ? 0n : F32.div(kOf(T, A), d)));
}

describe('R218 constant-product swaps (§9.1)', () => {
  test('quotes equal the hand formula on simple reserves', () => {
    expect(quoteAlphaForTao(X, 1_000n, 1_000n, 1_000n)).toBe(500n);
    expect(quoteTaoForAlpha(X, 1_000n, 1_000n, 1_000n)).toBe(500n);
    expect(quoteTaoForAlpha(X, 3_000_000_000n, 7_000_000_000n, 1_234_567n)).toBe(handTaoForAlpha(3_000_000_000n, 7_000_000_000n, 1_234_567n));
  });

  test('swap_tao_for_alpha updates SubnetAlphaIn, SubnetAlphaOut, SubnetTAO, TotalStake', () => {
    const s = raonetEmpty(X);
    addSyntheticSubnet(X, s, { netuid: 1, tao: 4_000_000_000n, alphaIn: 2_000_000_000n, alphaOutExtra: 10n });
    const ts = s.totalStake;
    const alpha = swapTaoForAlpha(X, s, 1, 1_000_000_000n);
    expect(alpha).toBe(handTaoForAlpha(4_000_000_000n, 2_000_000_000n, 1_000_000_000n));
    const sn = s.subnets.get(1)!;
    expect([sn.tao, sn.alphaIn, sn.alphaOut, s.totalStake]).toEqual([5_000_000_000n, 2_000_000_000n - alpha, 10n + alpha, ts + 1_000_000_000n]);
    const tao = swapAlphaForTao(X, s, 1, alpha);
    expect(tao).toBe(handAlphaForTao(5_000_000_000n, 2_000_000_000n - alpha, alpha));
    expect([sn.alphaIn, sn.alphaOut, sn.tao]).toEqual([2_000_000_000n, 10n, 5_000_000_000n - tao]);
    expect(tao).toBeLessThanOrEqual(1_000_000_000n);
  });

  test('raonet genesis pool: 1 TAO buys 0 alpha (price 1e10)', () => {
    const s = raonetGenesis(X);
    expect(swapTaoForAlpha(X, s, 1, 1_000_000_000n)).toBe(0n);
    expect(s.subnets.get(1)!.tao).toBe(11_000_000_000n);
  });

  test('root and stable subnets swap 1:1; SubnetAlphaIn saturates at 0 (#16)', () => {
    const s = raonetGenesis(X);
    expect(swapTaoForAlpha(X, s, 0, 7_000n)).toBe(7_000n);
    const root = s.subnets.get(0)!;
    expect([root.alphaIn, root.alphaOut, root.tao]).toEqual([0n, 7_000n, 7_000n]);
    expect(swapAlphaForTao(X, s, 0, 10_000n)).toBe(10_000n);
    expect([root.alphaIn, root.alphaOut, root.tao]).toEqual([10_000n, 0n, 0n]);
  });

  test('#16: k = A·T saturates above 2^95, so a buyer gets more alpha than the true product allows', () => {
    const big = 1_000_000_000_000_000n;
    const alpha = quoteTaoForAlpha(X, big, big, 1_000_000_000n);
    expect(alpha).toBe(handTaoForAlpha(big, big, 1_000_000_000n));
    const trueProduct = big - (big * big) / (big + 1_000_000_000n); // ≈ 1e9
    expect(alpha).toBeGreaterThan(trueProduct * 10n);
  });

  test('#16: a zero divisor gives the whole opposite reserve', () => {
    expect(quoteTaoForAlpha(X, 0n, 5n, 0n)).toBe(5n);
    expect(quoteAlphaForTao(X, 9n, 0n, 0n)).toBe(9n);
  });

  test('a new subnet\'s 1 rao / 1 rao pool: ≥ 2^32 rao of TAO empties the alpha reserve', () => {
    expect(quoteTaoForAlpha(X, 1n, 1n, 1_000_000_000n)).toBe(0n);
    expect(quoteTaoForAlpha(X, 1n, 1n, 1n << 32n)).toBe(1n);
  });

  test('an emptied reserve: the reverse swap returns the whole opposite reserve (a round-trip gain)', () => {
    // T = A = 1 (a new subnet): 2^32 rao buy the only alpha rao; k' = 0, so selling it back
    // returns all of SubnetTAO, the 1 rao that was there before included.
    const alpha = quoteTaoForAlpha(X, 1n, 1n, 1n << 32n);
    expect(alpha).toBe(1n);
    expect(quoteAlphaForTao(X, 1n + (1n << 32n), 0n, alpha)).toBe((1n << 32n) + 1n);
  });

  /**
   * A round trip x → y → x' gains nothing in exact arithmetic (the product is path-independent).
   * R218 loses only to floors except in one place: `k / (reserve + in)` is truncated to 2^-32, which
   * under-states the reserve left, so each leg may pay up to 2^-32 of its output token too much.
   * For TAO → alpha → TAO with reserves (T, A) that gives back ≤ ⌊tao + 2^-32·(1 + (T + tao)/A)⌋
   * (the first leg's extra 2^-32 alpha is sold at (T + tao)/A TAO per alpha), i.e. a gain of at most
   * ⌊(A + T + tao) / (2^32·A)⌋ rao: 0 unless the pool is very lopsided or the buy empties it.
   */
  test('property: a swap and its reverse gain at most the I96F32 truncation bound (exact, ≥ 200 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.bigInt({ min: 1n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 5n * 10n ** 13n }),
        (T, A, x) => {
          const alpha = quoteTaoForAlpha(X, T, A, x);
          expect(alpha).toBe(handTaoForAlpha(T, A, x));
          expect(alpha).toBeLessThanOrEqual(A);
          const back = quoteAlphaForTao(X, T + x, A - alpha, alpha);
          expect(back - x).toBeLessThanOrEqual((A + T + x) / ((1n << 32n) * A));
          const taoOut = quoteAlphaForTao(X, T, A, x);
          expect(taoOut).toBe(handAlphaForTao(T, A, x));
          const again = quoteTaoForAlpha(X, T - taoOut, A + x, taoOut);
          expect(again - x).toBeLessThanOrEqual((A + T + x) / ((1n << 32n) * T));
        },
      ),
      { numRuns: 400, endOnFailure: true },
    );
  });

  test('the truncation gain exists: a lopsided pool returns more alpha than was sold', () => {
    // T = 4 rao, A ≈ 1e14: selling ~1e14 alpha yields 2 rao (true 1.9999999999998), and 2 rao buy back more
    const [T, A, x] = [4n, 99_999_999_999_996n, 99_999_999_999_986n];
    const taoOut = quoteAlphaForTao(X, T, A, x);
    expect(taoOut).toBe(2n);
    const again = quoteTaoForAlpha(X, T - taoOut, A + x, taoOut);
    expect(again).toBe(99_999_999_999_991n);
    expect(again - x).toBeLessThanOrEqual((A + T + x) / ((1n << 32n) * T));
  });

  test('property: fast quotes within 1 rao + 1e-9 relative of exact (≥ 200 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_000_000n, max: 10n ** 14n }),
        fc.bigInt({ min: 1_000_000n, max: 10n ** 14n }),
        fc.bigInt({ min: 0n, max: 10n ** 13n }),
        (T, A, tao) => {
          const e = Number(quoteTaoForAlpha(X, T, A, tao));
          const f = quoteTaoForAlpha(Fa, Number(T), Number(A), Number(tao));
          expect(Math.abs(e - f)).toBeLessThanOrEqual(1 + 1e-9 * Number(A));
        },
      ),
      { numRuns: 300, endOnFailure: true },
    );
  });
});
