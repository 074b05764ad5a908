import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArith as X, fastArith as F } from '../../math/arith.ts';
import { createNetwork } from '../../state/network.ts';
import type { NetworkState } from '../../state/types.ts';
import { dtaoLaunchParams } from './constants.ts';
import { decreaseStake, shareValue, stakeOf, tryShareValue, updateValueForAll, updateValueForOne } from './sharePool.ts';

const U64_MAX = (1n << 64n) - 1n;
const sh = (x: bigint) => x << 64n; // U64F64 bits of an integer

function net(): NetworkState<bigint> {
  return createNetwork(X, dtaoLaunchParams(X));
}
/** Mock storage as in primitives/share-pool/src/lib.rs tests @ e2b8367b8. */
function withPool(shared: bigint, denominator: bigint, shares: Array<[string, bigint]>): NetworkState<bigint> {
  const s = net();
  if (shared) s.stake.totalHotkeyAlpha.set('hk|1', shared);
  s.stake.pools.set('hk|1', { totalShares: denominator, shares: new Map(shares) });
  return s;
}

describe('share pool (U64F64, primitives/share-pool @ e2b8367b8)', () => {
  it('test_get_value: 3 and 7 of 10 shares of 100 → 30 and 70', () => {
    const s = withPool(100n, sh(10n), [
      ['a', sh(3n)],
      ['b', sh(7n)],
    ]);
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(30n);
    expect(shareValue(X, s, 'hk', 'b', 1)).toBe(70n);
  });
  it('test_division_by_zero: zero denominator → 0', () => {
    const s = withPool(0n, 0n, []);
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(0n);
  });
  it('test_max_shared_value: u64::MAX split 3/7 loses at most 5', () => {
    const s = withPool(U64_MAX, sh(10n), [
      ['a', sh(3n)],
      ['b', sh(7n)],
    ]);
    const total = shareValue(X, s, 'hk', 'a', 1) + shareValue(X, s, 'hk', 'b', 1);
    expect(U64_MAX - total <= 5n).toBe(true);
  });
  it('test_max_share_value: halves of a u64::MAX denominator are worth 5e8 ± 1', () => {
    const s = withPool(1_000_000_000n, sh(U64_MAX), [
      ['a', sh(U64_MAX / 2n)],
      ['b', sh(U64_MAX / 2n)],
    ]);
    for (const k of ['a', 'b']) {
      const v = shareValue(X, s, 'hk', k, 1);
      expect(v >= 499_999_999n && v <= 500_000_001n).toBe(true);
    }
  });
  it('test_denom_precision: +1000, −990 on two keys leaves 10 each', () => {
    const s = net();
    updateValueForOne(X, s, 'hk', 'a', 1, 1000n);
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(1000n);
    updateValueForOne(X, s, 'hk', 'a', 1, 990n, true);
    updateValueForOne(X, s, 'hk', 'b', 1, 1000n);
    updateValueForOne(X, s, 'hk', 'b', 1, 990n, true);
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(10n);
    expect(shareValue(X, s, 'hk', 'b', 1)).toBe(10n);
  });
  it('test_update_value_for_all: only the shared value moves', () => {
    const s = net();
    updateValueForAll(X, s, 'hk', 1, 1000n);
    expect(s.stake.totalHotkeyAlpha.get('hk|1')).toBe(1000n);
    expect(s.stake.pools.has('hk|1')).toBe(false);
  });
  it('the first key of an empty denominator gets everything already in the pool', () => {
    const s = net();
    updateValueForAll(X, s, 'hk', 1, 500n); // e.g. dividends to a hotkey nobody stakes on
    updateValueForOne(X, s, 'hk', 'a', 1, 100n);
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(600n);
    expect(s.stake.pools.get('hk|1')!.totalShares).toBe(sh(600n));
  });
  it('a second staker buys shares at the current value per share (truncated I64F64 quotient)', () => {
    const s = net();
    updateValueForOne(X, s, 'hk', 'a', 1, 300n);
    updateValueForAll(X, s, 'hk', 1, 150n); // value per share 1.5
    updateValueForOne(X, s, 'hk', 'b', 1, 100n);
    // shares = I64F64(100) / I64F64(1.5) = trunc(100·2^64 / 1.5)
    const vps = (sh(450n) << 64n) / sh(300n);
    const expected = (sh(100n) << 64n) / vps;
    expect(s.stake.pools.get('hk|1')!.shares.get('b')).toBe(expected);
    expect(shareValue(X, s, 'hk', 'b', 1)).toBe(99n); // floor of the rounded-down share value
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(450n);
  });
  it('zero entries are removed from storage; try_get distinguishes absent from zero', () => {
    const s = net();
    updateValueForOne(X, s, 'hk', 'a', 1, 100n);
    expect(tryShareValue(X, s, 'hk', 'b', 1)).toBeNull();
    expect(decreaseStake(X, s, 'hk', 'a', 1, 100n)).toBe(true);
    expect(s.stake.totalHotkeyAlpha.has('hk|1')).toBe(false);
    expect(s.stake.pools.has('hk|1')).toBe(false);
    expect(stakeOf(X, s, 'hk', 'a', 1)).toBe(0n);
  });
  it('decrease beyond the value does nothing', () => {
    const s = net();
    updateValueForOne(X, s, 'hk', 'a', 1, 100n);
    expect(decreaseStake(X, s, 'hk', 'a', 1, 101n)).toBe(false);
    expect(shareValue(X, s, 'hk', 'a', 1)).toBe(100n);
  });
  it('property: values never exceed the shared value; deposits round in the pool’s favour; fast ≈ exact', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.boolean(), fc.boolean()), {
          maxLength: 40,
        }),
        (ops) => {
          const s = net();
          const f = createNetwork(F, dtaoLaunchParams(F));
          for (const [k, amount, all, neg] of ops) {
            const key = `c${k}`;
            if (all) {
              updateValueForAll(X, s, 'hk', 1, amount, neg);
              updateValueForAll(F, f, 'hk', 1, Number(amount), neg);
            } else if (neg) {
              decreaseStake(X, s, 'hk', key, 1, amount);
              decreaseStake(F, f, 'hk', key, 1, Number(amount));
            } else {
              updateValueForOne(X, s, 'hk', key, 1, amount);
              updateValueForOne(F, f, 'hk', key, 1, Number(amount));
            }
            const shared = s.stake.totalHotkeyAlpha.get('hk|1') ?? 0n;
            let sum = 0n;
            for (let c = 0; c < 4; c++) sum += shareValue(X, s, 'hk', `c${c}`, 1);
            expect(sum <= shared).toBe(true);
            const pool = s.stake.pools.get('hk|1');
            if (pool) for (const v of pool.shares.values()) expect(v > 0n && v <= pool.totalShares + 4n).toBe(true);
          }
          // fast mirrors exact on the shared value to float precision
          const xs = Number(s.stake.totalHotkeyAlpha.get('hk|1') ?? 0n);
          const fs = f.stake.totalHotkeyAlpha.get('hk|1') ?? 0;
          expect(Math.abs(xs - fs)).toBeLessThanOrEqual(1e-9 * Math.max(1, xs) + 50);
        },
      ),
      { numRuns: 300 },
    );
  });
});
