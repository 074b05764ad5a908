import { describe, expect, it } from 'vitest';
import { I96F32, exactArith as X, fastArith as F } from '../../math/arith.ts';
import { hotkeyNetuidKey } from '../../state/network.ts';
import { dtaoLaunchBlockStep } from './coinbase.ts';
import { LAUNCH_TAO_WEIGHT, ZERO_ACCOUNT } from './constants.ts';
import { type PreDtaoNetwork, launchState } from './launch.ts';
import { shareValue } from './sharePool.ts';

const TAO = 1_000_000_000n;

const pre: PreDtaoNetwork = {
  block: 5000,
  balances: [
    ['ck1', 100n * TAO],
    ['own1', 0n],
  ],
  stakes: [
    { hotkey: 'hk1', coldkey: 'ck1', amount: 1000n * TAO },
    { hotkey: 'hk1', coldkey: 'ck2', amount: 500n * TAO },
    { hotkey: 'hk2', coldkey: 'ck2', amount: 200n * TAO },
  ],
  hotkeys: [
    { hotkey: 'hk1', owner: 'ck1' },
    { hotkey: 'hk2', owner: 'ck2', take: 0 },
    { hotkey: 'own3', owner: 'own3' },
  ],
  subnets: [
    { netuid: 1, emissionValue: 600_000_000n, owner: 'own1', locked: 5n * TAO, neurons: [{ hotkey: 'hk1' }, { hotkey: 'hk2' }], hyper: { tempo: 10 } },
    { netuid: 2, emissionValue: 400_000_000n, owner: null, locked: 0n, hyper: { tempo: 10 } },
    { netuid: 3, emissionValue: 0n, owner: 'own3', locked: TAO / 2n, neurons: [{ hotkey: 'own3' }], hyper: { tempo: 10 } },
  ],
};

describe('launch state (migrate_rao.rs @ e2b8367b8)', () => {
  it('all TAO stake becomes root stake with U64F64 shares', () => {
    const s = launchState(X, pre);
    const root = s.subnets.get(0)!;
    expect([root.tao, root.alphaOut, root.alphaIn, root.mechanism]).toEqual([1700n * TAO, 1700n * TAO, TAO, 0]);
    expect(s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey('hk1', 0))).toBe(1500n * TAO);
    expect(s.stake.pools.get(hotkeyNetuidKey('hk1', 0))!.totalShares).toBe((1500n * TAO) << 64n);
    expect(shareValue(X, s, 'hk1', 'ck1', 0)).toBe(1000n * TAO);
    expect(shareValue(X, s, 'hk1', 'ck2', 0)).toBe(500n * TAO);
  });
  it('1 TAO / 1 alpha pools, moving price = old emission share, lock above 1 TAO refunded, TaoWeight 0.18, min lock 1 TAO', () => {
    const s = launchState(X, pre);
    const s1 = s.subnets.get(1)!;
    expect([s1.tao, s1.alphaIn, s1.alphaOut, s1.mechanism]).toEqual([TAO, TAO, 0n, 1]);
    expect(s1.movingPrice).toBe((600_000_000n << 32n) / TAO);
    expect(s.subnets.get(3)!.movingPrice).toBe(0n);
    expect(s.balances.get('own1')).toBe(4n * TAO);
    expect(s.balances.has(ZERO_ACCOUNT)).toBe(false);
    expect(s.params.taoWeight).toBe(LAUNCH_TAO_WEIGHT);
    expect(s.params.networkMinLockCost).toBe(TAO);
    expect(s1.hyper.minBurn).toBe(500_000n); // migrate_set_min_burn
  });
  it('the owner coldkey becomes the owner hotkey and a neuron (unless already registered)', () => {
    const s = launchState(X, pre);
    expect(s.subnets.get(1)!.ownerHotkey).toBe('own1');
    expect(s.hotkeys.get('own1')!.owner).toBe('own1');
    expect(s.subnets.get(1)!.neurons.hotkeys).toEqual(['hk1', 'hk2', 'own1']);
    expect(s.subnets.get(1)!.neurons.blockAtRegistration[2]).toBe(5000);
    expect(s.subnets.get(2)!.ownerHotkey).toBeNull();
    expect(s.subnets.get(3)!.neurons.hotkeys).toEqual(['own3']);
  });
  it('a full subnet registers the owner by pruning', () => {
    const s = launchState(X, {
      ...pre,
      subnets: [
        {
          netuid: 1,
          emissionValue: TAO,
          owner: 'own1',
          neurons: [
            { hotkey: 'hk1', pruningScore: 9 },
            { hotkey: 'hk2', pruningScore: 3 },
          ],
          hyper: { maxAllowedUids: 2, immunityPeriod: 10 },
        },
      ],
    });
    expect(s.subnets.get(1)!.neurons.hotkeys).toEqual(['hk1', 'own1']);
  });
  it('TotalIssuance = balances + TotalStake, and = balances + Σ SubnetTAO at launch', () => {
    const s = launchState(X, pre);
    const balances = [...s.balances.values()].reduce((a, b) => a + b, 0n);
    expect(s.totalStake).toBe(1700n * TAO + 3n * TAO);
    expect(s.totalIssuance).toBe(balances + s.totalStake);
    const pools = [...s.subnets.values()].reduce((a, b) => a + b.tao, 0n);
    expect(s.totalIssuance).toBe(balances + pools);
  });
  it('the first block pays subnets by their old emission share; a zero share gets no TAO', () => {
    const s = launchState(X, pre);
    s.block += 1;
    const r = dtaoLaunchBlockStep(X, s);
    const taoIn = r.subnets.map((x) => x.taoIn);
    // E·mp/Σmp with mp = trunc(0.6·2^32)/2^32 and trunc(0.4·2^32)/2^32
    expect(taoIn[0] + taoIn[1]).toBeLessThanOrEqual(TAO);
    expect(Number(taoIn[0])).toBeCloseTo(600_000_000, -1);
    expect(taoIn[2]).toBe(0n);
    expect(X.value(I96F32, r.subnets[0].movingPriceAfter)).toBeGreaterThan(0.6);
  });
  it('fast mode builds the same state', () => {
    const a = launchState(X, pre);
    const b = launchState(F, pre);
    expect(Number(a.totalIssuance)).toBe(b.totalIssuance);
    expect(b.subnets.get(1)!.movingPrice).toBeCloseTo(0.6, 9);
  });
});
