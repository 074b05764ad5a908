import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactArith as X, fastArith as F } from '../../math/arith.ts';
import { hotkeyNetuidKey } from '../../state/network.ts';
import type { NetworkState } from '../../state/types.ts';
import { normalizeStake64 } from '../yuma/stake.ts';
import { dividendsDistribution } from './childkeys.ts';
import { drainPendingEmission } from './drain.ts';
import { vecMaxUpscaleToU16 } from './runEpoch.ts';
import { increaseStake, shareValue } from './sharePool.ts';
import { epochStakeArgument, stakeWeights } from './stakeWeights.ts';
import { testNetwork } from './testNetwork.ts';

const TAO = 1_000_000_000n;
const HALF = 1n << 63n; // proportion or TaoWeight 0.5 (exact in I96F32)

/**
 * Subnet 1: validator 'val' (uid 0) with 1000 alpha and 1000 root TAO, weight on miner (uid 1);
 * TaoWeight 0.5, takes 0. At block 8 the epoch gives the miner I = 1 and the validator D = 1, so
 * each gets exactly half of the epoch emission.
 */
function drainNetwork<N>(A: typeof X | typeof F): NetworkState<N> {
  const s = testNetwork(A as never, {
    block: 8,
    taoWeight: HALF,
    subnets: [{ netuid: 1, tao: 100n * TAO, alphaIn: 100n * TAO, movingPrice: 1, owner: 'own', ownerHotkey: 'own-hk', hyper: { tempo: 10 }, neurons: ['val', 'miner'] }],
    alphaStakes: [['val', 'ck-val', 1, 1000n * TAO]],
    rootStakes: [['val', 'ck-val', 1000n * TAO]],
  }) as NetworkState<N>;
  s.hotkeys.get('val')!.take = 0;
  const nt = s.subnets.get(1)!.neurons;
  nt.weights[0] = [[1, 65535]];
  nt.lastUpdate = [8, 8];
  nt.validatorPermit = [true, false];
  return s;
}

describe('drain_pending_emission (run_coinbase.rs @ e2b8367b8)', () => {
  it('the epoch runs on pending_alpha + pending_swapped, and alpha_divs = full dividend (the L233 bug)', () => {
    const s = drainNetwork<bigint>(X);
    const r = drainPendingEmission(X, s, 1, 600_000_000n, 90_000_000n, 400_000_000n, 50_000_000n);
    expect(r.epochEmission).toBe(TAO);
    // server [0, 0.5], validator [0.5, 0] of 1e9
    expect(r.epoch.hotkeyEmission).toEqual([
      ['val', 0n, 500_000_000n],
      ['miner', 500_000_000n, 0n],
    ]);
    expect(s.subnets.get(1)!.neurons.emission).toEqual([500_000_000n, 500_000_000n]);
    // root share of val's dividend: 500/(1000 + 500) = 1/3, yet the whole dividend is paid as alpha
    const rootDivs = X.value(null, r.rootDividends.get('val')!) / 2 ** 32;
    expect(rootDivs).toBeCloseTo(500_000_000 / 3, 0);
    expect(r.alphaDividendsPerSubnet.get('val')).toBe(500_000_000n); // not 333,333,333
    // all pending TAO goes to the only root-staked receiver
    expect(r.taoDividendsPerSubnet.get('val')).toBe(90_000_000n);
    expect(r.taoUnpaid).toBe(0n);
    // stakes after payout
    const tha = (h: string, n: number) => s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey(h, n));
    expect(tha('val', 1)).toBe(1000n * TAO + 500_000_000n);
    expect(tha('val', 0)).toBe(1000n * TAO + 90_000_000n);
    expect(tha('miner', 1)).toBe(500_000_000n);
    expect(shareValue(X, s, 'miner', 'ck-miner', 1)).toBe(500_000_000n);
    expect(shareValue(X, s, 'own-hk', 'own', 1)).toBe(50_000_000n);
    // alpha paid = owner cut + pending alpha + pending swapped: the swapped alpha is paid twice
    expect(r.alphaPaid).toBe(50_000_000n + TAO);
    // the root TAO dividend raises root stake but not SubnetTAO(0)
    expect(s.subnets.get(0)!.tao).toBe(1000n * TAO);
  });

  it('takes: the delegate take of each payout goes to the hotkey owner, the rest to all nominators', () => {
    const s = drainNetwork<bigint>(X);
    s.hotkeys.get('val')!.take = 13107; // 0.2 → trunc(2^32/5)/2^32
    const r = drainPendingEmission(X, s, 1, TAO, 100_000_000n, 0n, 0n);
    // take = floor(500e6 · 0.19999999995) = 99,999,999; rest = floor(500e6 − take) = 400,000,000
    expect(r.alphaTakes.get('val')).toBe(99_999_999n);
    expect(r.alphaDividendsPerSubnet.get('val')).toBe(400_000_000n);
    expect(r.taoTakes.get('val')).toBe(19_999_999n);
    expect(r.taoDividendsPerSubnet.get('val')).toBe(80_000_000n);
    expect(r.taoUnpaid).toBe(1n);
    expect(s.recycled).toBe(1n);
  });

  it('pending TAO with no root-staked receiver is not paid to anyone', () => {
    const s = drainNetwork<bigint>(X);
    s.stake.totalHotkeyAlpha.delete(hotkeyNetuidKey('val', 0));
    s.stake.pools.delete(hotkeyNetuidKey('val', 0));
    const r = drainPendingEmission(X, s, 1, TAO, 70_000_000n, 0n, 0n);
    // every hotkey of the epoch is a receiver (zero dividends included), none has root stake
    expect([...r.taoDividendsPerSubnet.values()]).toEqual([0n, 0n]);
    expect(r.taoUnpaid).toBe(70_000_000n);
  });

  it('a validator with root stake only and zero take: its alpha dividends have no share holder; the next staker gets them', () => {
    const s = drainNetwork<bigint>(X);
    s.stake.totalHotkeyAlpha.delete(hotkeyNetuidKey('val', 1));
    s.stake.pools.delete(hotkeyNetuidKey('val', 1));
    s.subnets.get(1)!.alphaOut = 0n;
    const r = drainPendingEmission(X, s, 1, TAO, 0n, 0n, 0n);
    expect(r.alphaTakes.get('val')).toBe(0n);
    expect(s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey('val', 1))).toBe(500_000_000n);
    expect(s.stake.pools.has(hotkeyNetuidKey('val', 1))).toBe(false); // no shares at all
    // share-pool first-key rule: the first coldkey to stake 1 rao on 'val' owns all 500,000,001
    increaseStake(X, s, 'val', 'newcomer', 1, 1n);
    expect(shareValue(X, s, 'val', 'newcomer', 1)).toBe(500_000_001n);
  });

  it('owner cut without an owner hotkey is not paid', () => {
    const s = drainNetwork<bigint>(X);
    s.subnets.get(1)!.ownerHotkey = null;
    const r = drainPendingEmission(X, s, 1, TAO, 0n, 0n, 50_000_000n);
    expect(r.ownerCutPaid).toBe(0n);
  });

  it('writes the epoch outputs: u16 vectors, Emission, PruningScores (max-upscaled), permits, bonds', () => {
    const s = drainNetwork<bigint>(X);
    drainPendingEmission(X, s, 1, TAO, 0n, 0n, 0n);
    const nt = s.subnets.get(1)!.neurons;
    expect(nt.incentive).toEqual([0, 65535]);
    expect(nt.dividends).toEqual([65535, 0]);
    expect(nt.consensus).toEqual([0, 65535]);
    expect(nt.stakeWeight).toEqual([65535, 0]);
    expect(nt.validatorTrust).toEqual([65535, 0]);
    expect(nt.pruningScores).toEqual([65535, 65535]);
    expect(nt.validatorPermit).toEqual([true, true]);
    expect(nt.bonds[0]).toEqual([[1, 65535]]);
    expect(nt.bonds[1]).toEqual([]);
    expect(nt.trust).toEqual([0, 65535]);
  });

  it('fast mode drains within a few rao of exact', () => {
    const sx = drainNetwork<bigint>(X);
    const sf = drainNetwork<number>(F);
    drainPendingEmission(X, sx, 1, 600_000_000n, 90_000_000n, 400_000_000n, 50_000_000n);
    drainPendingEmission(F, sf, 1, 6e8, 9e7, 4e8, 5e7);
    for (const [k, v] of sx.stake.totalHotkeyAlpha) expect(Math.abs(Number(v) - sf.stake.totalHotkeyAlpha.get(k)!)).toBeLessThanOrEqual(2);
  });
});

describe('parent/child split (get_dividends_distribution @ e2b8367b8)', () => {
  function family<N>(A: typeof X | typeof F, childkeyTake = 0): NetworkState<N> {
    const s = testNetwork(A as never, {
      subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO, neurons: ['child', 'parent'] }],
      alphaStakes: [
        ['child', 'ck-child', 1, 100n],
        ['parent', 'ck-parent', 1, 300n],
      ],
    }) as NetworkState<N>;
    s.hotkeys.get('parent')!.children.set(1, [[HALF, 'child']]);
    s.hotkeys.get('child')!.parents.set(1, [[HALF, 'parent']]);
    s.hotkeys.get('child')!.childkeyTake.set(1, childkeyTake);
    return s;
  }
  it('parent gets floor(rest · (c_p / total)): 1000 · (150/250) in I96F32 is 599, the child keeps 401', () => {
    const s = family<bigint>(X);
    expect(dividendsDistribution(X, s, 'child', 1, 1000n)).toEqual([
      ['parent', 599n],
      ['child', 401n],
    ]);
  });
  it('childkey take comes off first: take 0.2 → parent 479, child 521', () => {
    const s = family<bigint>(X, 13107);
    expect(dividendsDistribution(X, s, 'child', 1, 1000n)).toEqual([
      ['parent', 479n],
      ['child', 521n],
    ]);
  });
  it('the parent lends half: its self contribution excludes the child share', () => {
    const s = family<bigint>(X);
    // parent has no parents: everything to itself
    expect(dividendsDistribution(X, s, 'parent', 1, 1000n)).toEqual([['parent', 1000n]]);
  });
});

describe('stake weights (get_stake_weights_for_network @ e2b8367b8)', () => {
  it('alpha and root stake with child/parent inheritance, TaoWeight 0.5', () => {
    const s = testNetwork(X, {
      taoWeight: HALF,
      subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO, neurons: ['P', 'C'] }],
      alphaStakes: [
        ['P', 'ck-P', 1, 1000n],
        ['C', 'ck-C', 1, 100n],
      ],
      rootStakes: [['P', 'ck-P', 2000n]],
    });
    s.hotkeys.get('P')!.children.set(1, [[HALF, 'C']]);
    s.hotkeys.get('C')!.parents.set(1, [[HALF, 'P']]);
    const w = stakeWeights(X, s, 1);
    expect(w.alpha).toEqual([500n, 600n]);
    expect(w.tao).toEqual([1000n, 1000n]);
    // 500 + 1000·0.5 = 1000; 600 + 1000·0.5 = 1100 (I64F64 bits)
    expect(w.total).toEqual([1000n << 64n, 1100n << 64n]);
  });
  it('epochStakeArgument gives the yuma epoch the runtime’s normalized stake for fractional I64F64 weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n })), { minLength: 1, maxLength: 40 }),
        (xs) => {
          const bits = xs.map(([int, frac]) => (int << 64n) + (frac << 32n)); // alpha + tao·tw shape
          const sum = bits.reduce((a, b) => a + b, 0n);
          const expected = bits.map((b) => (sum === 0n ? 0 : Number(((b << 64n) / sum) >> 32n)));
          expect(normalizeStake64(epochStakeArgument(X, bits) as bigint[])).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('vec_max_upscale_to_u16 (epoch/math.rs @ e2b8367b8)', () => {
  it('rounds v·65535/max; all-zero input floors', () => {
    const q = 2 ** 32;
    expect(vecMaxUpscaleToU16(true, [q / 4, q / 2])).toEqual([32768, 65535]);
    expect(vecMaxUpscaleToU16(true, [0, 0])).toEqual([0, 0]);
    expect(vecMaxUpscaleToU16(false, [0.25, 0.5])).toEqual([32768, 65535]);
  });
});
