import { describe, expect, it } from 'vitest';
import { I96F32, exactArith, fastArith } from '../math/arith.ts';
import { createNetwork, createSubnet, diffStates, snapshot, subnetsInOrder } from './network.ts';
import type { GlobalParameters, SubnetHyperparameters } from './types.ts';

const hyper = { tempo: 360 } as SubnetHyperparameters;
const params = { totalSupply: 21_000_000_000_000_000n } as GlobalParameters<bigint>;

describe('network state', () => {
  it('iterates subnets in SCALE little-endian key order (256 before 1 above 255 subnets)', () => {
    const s = createNetwork(exactArith, params);
    for (const id of [1, 0, 257, 256, 2, 300]) s.subnets.set(id, createSubnet(exactArith, id, hyper));
    expect(subnetsInOrder(s).map((x) => x.netuid)).toEqual([0, 256, 1, 257, 2, 300]);
  });
  it('snapshots are independent and diffs name every changed leaf', () => {
    const s = createNetwork(exactArith, params);
    s.subnets.set(1, createSubnet(exactArith, 1, hyper, { tao: 10n }));
    s.stake.totalHotkeyAlpha.set('hk|1', 5n);
    const snap = snapshot(s);
    s.subnets.get(1)!.tao = 11n;
    s.stake.totalHotkeyAlpha.set('hk|1', 6n);
    s.balances.set('ck', 1n);
    expect(snap.subnets.get(1)!.tao).toBe(10n);
    expect(diffStates(snap, s).map((d) => d.path)).toEqual(['balances.ck', 'stake.totalHotkeyAlpha.hk|1', 'subnets.1.tao']);
    expect(diffStates(s, snapshot(s))).toEqual([]);
  });
});

describe('arith', () => {
  it('exact rounds as substrate-fixed, fast is plain float', () => {
    const third = exactArith.safeDiv(I96F32, exactArith.fromAmount(I96F32, 1n), exactArith.fromAmount(I96F32, 3n));
    expect(third).toBe((1n << 32n) / 3n);
    expect(exactArith.toU64(I96F32, exactArith.satMul(I96F32, third, exactArith.fromAmount(I96F32, 3n)))).toBe(0n);
    expect(fastArith.toU64(I96F32, fastArith.satMul(I96F32, 1 / 3, 3))).toBe(1);
    expect(exactArith.amountSub(1n, 2n)).toBe(0n);
    expect(exactArith.checkedDiv(I96F32, 1n, 0n)).toBeNull();
  });
});
