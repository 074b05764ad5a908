import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { I96F32, exactArith as X, fastArith as F } from '../../math/arith.ts';
import { diffStates, snapshot } from '../../state/network.ts';
import {
  alphaPrice,
  maxAmountAdd,
  maxAmountMove,
  maxAmountRemove,
  simSwapAlphaForTao,
  simSwapTaoForAlpha,
  swapAlphaForTao,
  swapTaoForAlpha,
  updateMovingPrice,
} from './pool.ts';
import { testNetwork } from './testNetwork.ts';

const TAO = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;

describe('constant-product pool in I110F18 (stake_utils.rs @ e2b8367b8)', () => {
  it('TAO → alpha: 1 TAO into a 10/10 pool gives floor(10e9 − 1e20/11e9) = 909,090,909', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: 10n * TAO, alphaIn: 10n * TAO }] });
    const sub = s.subnets.get(1)!;
    // new_alpha bits = trunc(1e20·2^18 / 11e9) (I110F18 safe_div), alpha = floor(A − new_alpha)
    const newAlphaBits = ((10n * TAO * 10n * TAO) << 18n) / (11n * TAO);
    const expected = ((10n * TAO << 18n) - newAlphaBits) >> 18n;
    expect(expected).toBe(909_090_909n);
    expect(simSwapTaoForAlpha(X, s, sub, TAO)).toBe(909_090_909n);
    const out = swapTaoForAlpha(X, s, 1, TAO);
    expect(out.out).toBe(909_090_909n);
    expect(sub.tao).toBe(11n * TAO);
    expect(sub.alphaIn).toBe(10n * TAO - 909_090_909n);
    expect(sub.alphaOut).toBe(909_090_909n);
    expect(sub.volume).toBe(TAO);
    expect(s.totalStake).toBe(11n * TAO);
  });
  it('alpha → TAO: 1 alpha into a 10/10 pool gives floor(10e9 − 1e20/11e9)', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: 10n * TAO, alphaIn: 10n * TAO, alphaOut: 5n * TAO }] });
    const out = swapAlphaForTao(X, s, 1, TAO);
    expect(out.out).toBe(909_090_909n);
    const sub = s.subnets.get(1)!;
    expect(sub.alphaIn).toBe(11n * TAO);
    expect(sub.alphaOut).toBe(4n * TAO);
    expect(sub.tao).toBe(10n * TAO - 909_090_909n);
  });
  it('minimum liquidity: a swap that leaves less than 1e7 rao on the output side is refused and changes nothing', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: 20_000_000n, alphaIn: 20_000_000n, alphaOut: TAO }] });
    const sub = s.subnets.get(1)!;
    // alpha side: A·T/(T + x) ≥ 1e7 ⇔ x ≤ T
    expect(simSwapTaoForAlpha(X, s, sub, 20_000_000n)).toBe(10_000_000n);
    expect(simSwapTaoForAlpha(X, s, sub, 20_000_001n)).toBeNull();
    expect(simSwapAlphaForTao(X, s, sub, 20_000_001n)).toBeNull();
    const before = snapshot(s);
    expect(swapTaoForAlpha(X, s, 1, 30_000_000n)).toEqual({ out: 0n, refused: true, clipped: 0n, taoClipped: 0n });
    expect(swapAlphaForTao(X, s, 1, 30_000_000n).refused).toBe(true);
    expect(diffStates(before, s)).toEqual([]);
  });
  it('root and stable subnets swap 1:1 and price 1', () => {
    const s = testNetwork(X, { subnets: [], rootStakes: [['v', 'c', 5n * TAO]] });
    const root = s.subnets.get(0)!;
    expect(simSwapTaoForAlpha(X, s, root, 123n)).toBe(123n);
    expect(simSwapAlphaForTao(X, s, root, 123n)).toBe(123n);
    expect(alphaPrice(X, root)).toBe(1n << 32n);
  });
  it('price = SubnetTAO / SubnetAlphaIn (I96F32), 0 for an empty pool', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: 3n * TAO, alphaIn: 2n * TAO }, { netuid: 2, tao: TAO, alphaIn: 0n }] });
    expect(alphaPrice(X, s.subnets.get(1)!)).toBe((3n << 32n) / 2n);
    expect(alphaPrice(X, s.subnets.get(2)!)).toBe(0n);
  });
  it('moving price (spec 233, uncapped): mp ← 3e-6·p + (1 − 3e-6)·mp in I96F32', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: 4n * TAO, alphaIn: TAO, movingPrice: 1 }] });
    const sub = s.subnets.get(1)!;
    updateMovingPrice(X, s, sub);
    const alpha = X.c(I96F32, 0.000003); // round(3e-6·2^32) = 12885 bits
    expect(alpha).toBe(12885n);
    const expected = ((alpha * (4n << 32n)) >> 32n) + ((((1n << 32n) - alpha) * (1n << 32n)) >> 32n);
    expect(sub.movingPrice).toBe(expected);
    expect(X.value(I96F32, sub.movingPrice)).toBeGreaterThan(1); // a price of 4 is not capped at 1 in spec 233
  });
  it('limit maxima (add: limit·A/1e9 − T; remove: T·1e9/limit − A; corner cases)', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: 10n * TAO, alphaIn: 10n * TAO }, { netuid: 2, tao: 20n * TAO, alphaIn: 10n * TAO }] });
    const a = s.subnets.get(1)!;
    const b = s.subnets.get(2)!;
    const root = s.subnets.get(0)!;
    expect(maxAmountAdd(X, a, 2n * TAO)).toBe(10n * TAO);
    expect(maxAmountAdd(X, a, TAO / 2n)).toBe(0n);
    expect(maxAmountAdd(X, a, 0n)).toBe(0n);
    expect(maxAmountAdd(X, root, TAO)).toBe(U64_MAX);
    expect(maxAmountAdd(X, root, TAO - 1n)).toBe(0n);
    expect(maxAmountRemove(X, a, TAO / 2n)).toBe(10n * TAO);
    expect(maxAmountRemove(X, a, TAO)).toBe(0n); // limit ≥ current price
    expect(maxAmountRemove(X, a, 0n)).toBe(U64_MAX);
    expect(maxAmountRemove(X, root, TAO)).toBe(U64_MAX);
    expect(maxAmountRemove(X, root, TAO + 1n)).toBe(0n);
    // dynamic → dynamic: price ratio 1/2 = 0.5; limit above it → 0; limit 0 → unlimited
    expect(maxAmountMove(X, a, b, TAO / 2n + 1n)).toBe(0n);
    expect(maxAmountMove(X, a, b, 0n)).toBe(U64_MAX);
    // limit 0.25: A2·(T1/(T1+T2))/0.25 − A1·(T2/(T1+T2)) = 10e9·(1/3)·4 − 10e9·(2/3) ≈ 6.667e9
    const m = maxAmountMove(X, a, b, TAO / 4n);
    expect(Number(m)).toBeCloseTo(20e9 / 3, -2);
    expect(maxAmountMove(X, root, root, TAO)).toBe(U64_MAX);
  });
  it('property: swapping TAO in and the alpha back out never returns more TAO', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 20_000_000n, max: 10n ** 16n }),
        fc.bigInt({ min: 20_000_000n, max: 10n ** 16n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (tao, alphaIn, x) => {
          const s = testNetwork(X, { subnets: [{ netuid: 1, tao, alphaIn, alphaOut: 10n ** 17n }] });
          const got = swapTaoForAlpha(X, s, 1, x);
          if (got.refused) return;
          const back = swapAlphaForTao(X, s, 1, got.out);
          if (back.refused) return;
          expect(back.out <= x).toBe(true);
          const sub = s.subnets.get(1)!;
          expect(sub.tao >= tao).toBe(true); // the pool keeps the rounding
          expect(sub.alphaIn).toBe(alphaIn);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('property: fast swaps agree with exact within 2 rao + 1e-15·reserve (float cancellation in A − A·T/(T + x))', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 20_000_000n, max: 10n ** 16n }),
        fc.bigInt({ min: 20_000_000n, max: 10n ** 16n }),
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        (tao, alphaIn, x) => {
          const sx = testNetwork(X, { subnets: [{ netuid: 1, tao, alphaIn }] });
          const sf = testNetwork(F, { subnets: [{ netuid: 1, tao, alphaIn }] });
          const e = simSwapTaoForAlpha(X, sx, sx.subnets.get(1)!, x);
          const f = simSwapTaoForAlpha(F, sf, sf.subnets.get(1)!, Number(x));
          if (e === null || f === null) return;
          expect(Math.abs(Number(e) - f)).toBeLessThanOrEqual(2 + 1e-15 * Number(alphaIn) + 1e-12 * Number(e));
        },
      ),
      { numRuns: 300 },
    );
  });
});
