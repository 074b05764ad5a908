import { describe, expect, it } from 'vitest';
import { exactArith as X } from '../../math/arith.ts';
import { diffStates, snapshot } from '../../state/network.ts';
import type { NetworkState } from '../../state/types.ts';
import type { ActionResult } from '../runtimeError.ts';
import { createChildkeyScheduler, scheduleChildren } from './childkeys.ts';
import {
  addStake,
  addStakeLimit,
  moveStake,
  removeStake,
  removeStakeLimit,
  stakeOf,
  swapStake,
  swapStakeLimit,
  transferStake,
  unstakeAll,
  unstakeAllAlpha,
} from './stake.ts';
import { testNetwork } from './testNetwork.ts';

const TAO = 1_000_000_000n;

/** Subnets 1 and 2 (10 TAO / 10 alpha each); 'ck' owns 'hk' (registered on 1) and holds 100 TAO. */
function net(): NetworkState<bigint> {
  const s = testNetwork(X, {
    subnets: [
      { netuid: 1, tao: 10n * TAO, alphaIn: 10n * TAO, neurons: ['hk', 'other'] },
      { netuid: 2, tao: 10n * TAO, alphaIn: 10n * TAO },
      { netuid: 3, tao: 20_000_000n, alphaIn: 20_000_000n }, // a pool at the liquidity floor
    ],
    balances: [
      ['ck', 100n * TAO],
      ['nominator', 100n * TAO],
    ],
  });
  s.hotkeys.get('hk')!.owner = 'ck';
  return s;
}

/** The call is rejected with `variant` and the state is unchanged. */
function rejects<T>(s: NetworkState<bigint>, variant: string, call: () => ActionResult<T>): void {
  const before = snapshot(s);
  const r = call();
  expect(r.ok ? 'accepted' : r.error.variant).toBe(variant);
  if (!r.ok) expect(r.error.variant).toBe(variant);
  expect(diffStates(before, s)).toEqual([]);
}

/** I110F18 constant product, written out: floor(out_reserve − in_reserve·out_reserve/(in_reserve + x)). */
function cp(inReserve: bigint, outReserve: bigint, x: bigint): bigint {
  const k = (inReserve << 18n) * (outReserve << 18n) >> 18n;
  const newOut = (k << 18n) / ((inReserve + x) << 18n);
  return ((outReserve << 18n) - newOut) >> 18n;
}

describe('add_stake / remove_stake (L233)', () => {
  it('add_stake: the 50,000-rao fee goes into SubnetTAO, the rest buys alpha for the coldkey', () => {
    const s = net();
    const r = addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: TAO + 50_000n });
    expect(r.ok).toBe(true);
    expect(r.ok && r.value).toMatchObject({ taoWithdrawn: TAO + 50_000n, taoStaked: TAO, alpha: 909_090_909n, fee: 50_000n });
    const sub = s.subnets.get(1)!;
    expect(sub.tao).toBe(11n * TAO + 50_000n);
    expect(sub.alphaIn).toBe(10n * TAO - 909_090_909n);
    expect(sub.alphaOut).toBe(909_090_909n);
    expect(s.balances.get('ck')).toBe(100n * TAO - TAO - 50_000n);
    expect(stakeOf(X, s, 'hk', 'ck', 1)).toBe(909_090_909n);
  });
  it('add_stake keeps the existential deposit (Preserve): staking the whole balance withdraws balance − 500', () => {
    const s = net();
    s.balances.set('ck', TAO);
    const r = addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: TAO });
    expect(r.ok && r.value.taoWithdrawn).toBe(TAO - 500n);
    expect(s.balances.get('ck')).toBe(500n);
  });
  it('remove_stake: the swap output minus the fee is credited; the fee stays in the pool', () => {
    const s = net();
    addStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, amount: TAO + 50_000n });
    const sub = s.subnets.get(1)!;
    const [T, A] = [sub.tao, sub.alphaIn];
    const tao = cp(A, T, 909_090_909n);
    const r = removeStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, alpha: 909_090_909n });
    expect(r.ok && r.value).toMatchObject({ taoUnstaked: tao - 50_000n, fee: 50_000n });
    expect(sub.tao).toBe(T - tao + 50_000n);
    expect(stakeOf(X, s, 'hk', 'nominator', 1)).toBe(0n);
    expect(s.balances.get('nominator')).toBe(100n * TAO - TAO - 50_000n + tao - 50_000n);
    // the round trip never gains: 1e9 + 50,000 paid in, less back (the fee raised the price a little)
    expect(tao - 50_000n).toBeLessThan(TAO + 50_000n);
  });
  it('add_stake errors in the runtime order, each leaving the state unchanged', () => {
    const s = net();
    rejects(s, 'SubnetNotExists', () => addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 9, amount: 1n }));
    rejects(s, 'AmountTooLow', () => addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: 549_999n }));
    rejects(s, 'NotEnoughBalanceToStake', () => addStake(X, s, { coldkey: 'ck', hotkey: 'nope', netuid: 1, amount: 101n * TAO }));
    rejects(s, 'HotKeyAccountNotExists', () => addStake(X, s, { coldkey: 'ck', hotkey: 'nope', netuid: 3, amount: TAO }));
    rejects(s, 'InsufficientLiquidity', () => addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 3, amount: 20_000_001n }));
  });
  it('add_stake_limit: SlippageTooHigh without partial fills; with them only the maximum is staked', () => {
    const s = net();
    // limit 1.21 TAO/alpha on a 10/10 pool: max = 1.21e9·10e9/1e9 − 10e9 = 2.1e9
    rejects(s, 'SlippageTooHigh', () =>
      addStakeLimit(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: 3n * TAO, limitPrice: 1_210_000_000n, allowPartial: false }),
    );
    const r = addStakeLimit(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: 3n * TAO, limitPrice: 1_210_000_000n, allowPartial: true });
    expect(r.ok && r.value.taoWithdrawn).toBe(2_100_000_000n);
  });
  it('remove_stake errors in the runtime order, each leaving the state unchanged', () => {
    const s = net();
    addStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, amount: 2n * TAO });
    addStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 3, amount: 600_000n });
    rejects(s, 'SubnetNotExists', () => removeStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 9, alpha: TAO }));
    rejects(s, 'InsufficientLiquidity', () => removeStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 3, alpha: 10n ** 12n }));
    // price ≈ 1.4 after the stakes: 300,000 alpha is worth < 500,000 rao
    rejects(s, 'AmountTooLow', () => removeStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, alpha: 300_000n }));
    rejects(s, 'HotKeyAccountNotExists', () => removeStake(X, s, { coldkey: 'nominator', hotkey: 'nope', netuid: 1, alpha: TAO }));
    rejects(s, 'NotEnoughStakeToWithdraw', () => removeStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, alpha: 3n * TAO }));
    const sub = s.subnets.get(1)!;
    const limitPrice = (sub.tao * 990_000_000n) / sub.alphaIn; // 1% under the price: max ≈ 1% of the pool's alpha
    rejects(s, 'SlippageTooHigh', () =>
      removeStakeLimit(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, alpha: TAO, limitPrice, allowPartial: false }),
    );
  });
  it('unstake_all pays every subnet out (root included); unstake_all_alpha restakes the TAO on root without fee', () => {
    const s = net();
    addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: 2n * TAO });
    addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 2, amount: 3n * TAO });
    const t = snapshot(s);
    rejects(t, 'HotKeyAccountNotExists', () => unstakeAll(X, t, { coldkey: 'ck', hotkey: 'nope' }));
    const r = unstakeAllAlpha(X, t, { coldkey: 'ck', hotkey: 'hk' });
    expect(r.ok).toBe(true);
    const total = r.ok ? r.value.tao : 0n;
    expect(stakeOf(X, t, 'hk', 'ck', 0)).toBe(total);
    expect(stakeOf(X, t, 'hk', 'ck', 1)).toBe(0n);
    expect(t.subnets.get(0)!.tao).toBe(total);
    const u = unstakeAll(X, s, { coldkey: 'ck', hotkey: 'hk' });
    expect(u.ok && u.value.unstaked.map((x) => x.netuid)).toEqual([1, 2]);
    expect(stakeOf(X, s, 'hk', 'ck', 2)).toBe(0n);
  });
});

describe('move / transfer / swap stake (move_stake.rs @ e2b8367b8)', () => {
  function staked(): NetworkState<bigint> {
    const s = net();
    addStake(X, s, { coldkey: 'ck', hotkey: 'hk', netuid: 1, amount: 2n * TAO });
    addStake(X, s, { coldkey: 'nominator', hotkey: 'hk', netuid: 1, amount: 2n * TAO });
    s.hotkeys.set('hk2', { owner: 'ck', take: 11796, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    return s;
  }
  it('swap_stake: 25,000 rao fee on each leg', () => {
    const s = staked();
    const sub1 = s.subnets.get(1)!;
    const sub2 = s.subnets.get(2)!;
    const tao = cp(sub1.alphaIn, sub1.tao, TAO);
    const alpha2 = cp(sub2.tao, sub2.alphaIn, tao - 50_000n);
    const r = swapStake(X, s, { coldkey: 'ck', hotkey: 'hk', originNetuid: 1, destinationNetuid: 2, alpha: TAO });
    expect(r.ok && r.value).toMatchObject({ taoUnstaked: tao - 25_000n, taoMoved: tao - 50_000n, restaked: true, alphaIn: alpha2 });
    expect(stakeOf(X, s, 'hk', 'ck', 2)).toBe(alpha2);
  });
  it('a move whose TAO falls below min stake + fee after the first leg is neither restaked nor credited', () => {
    const s = staked();
    const sub = s.subnets.get(1)!;
    const alpha = (520_000n * sub.alphaIn) / sub.tao; // worth ≈ 520,000 rao: above min stake, below min stake + 2 half-fees
    const r = moveStake(X, s, { coldkey: 'ck', originHotkey: 'hk', destinationHotkey: 'hk2', originNetuid: 1, destinationNetuid: 2, alpha });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.restaked).toBe(false);
      expect(r.value.taoLost).toBe(r.value.taoUnstaked);
      expect(s.recycled).toBe(r.value.taoUnstaked);
    }
  });
  it('errors in order, each leaving the state unchanged', () => {
    const s = staked();
    const mv = (o: Partial<Parameters<typeof moveStake<bigint>>[2]>) => () =>
      moveStake(X, s, { coldkey: 'ck', originHotkey: 'hk', destinationHotkey: 'hk2', originNetuid: 1, destinationNetuid: 2, alpha: TAO, ...o });
    rejects(s, 'SubnetNotExists', mv({ originNetuid: 9 }));
    rejects(s, 'SubnetNotExists', mv({ destinationNetuid: 9 }));
    rejects(s, 'HotKeyAccountNotExists', mv({ originHotkey: 'nope' }));
    rejects(s, 'NonAssociatedColdKey', mv({ coldkey: 'nominator' })); // nominators cannot move at L233
    rejects(s, 'NotEnoughStakeToWithdraw', mv({ alpha: 10n * TAO }));
    rejects(s, 'AmountTooLow', mv({ alpha: 200_000n })); // price ≈ 2 after the stakes
    rejects(s, 'TransferDisallowed', () =>
      transferStake(
        X,
        s,
        { coldkey: 'ck', destinationColdkey: 'nominator', hotkey: 'hk', originNetuid: 1, destinationNetuid: 2, alpha: TAO },
        { transferToggle: (n) => n !== 2 },
      ),
    );
    rejects(s, 'SlippageTooHigh', () =>
      swapStakeLimit(X, s, { coldkey: 'ck', hotkey: 'hk', originNetuid: 1, destinationNetuid: 2, alpha: TAO, limitPrice: 2n * TAO, allowPartial: false }),
    );
  });
  it('transfer_stake gives the alpha to another coldkey on the same hotkey', () => {
    const s = staked();
    const r = transferStake(X, s, { coldkey: 'ck', destinationColdkey: 'friend', hotkey: 'hk', originNetuid: 1, destinationNetuid: 1, alpha: TAO });
    expect(r.ok).toBe(true);
    expect(stakeOf(X, s, 'hk', 'friend', 1) > 0n).toBe(true);
  });
});

describe('set_children (schedule, L233)', () => {
  it('errors in order, each leaving the state and the scheduler unchanged', () => {
    const s = net();
    s.block = 10; // a last block of 0 counts as "never" for the rate limit
    s.hotkeys.set('c1', { owner: 'x', take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    const sched = createChildkeyScheduler();
    const call = (o: object) => () => scheduleChildren(X, s, sched, { coldkey: 'ck', hotkey: 'hk', netuid: 1, children: [[1n << 62n, 'c1']], ...o });
    const check = (variant: string, o: object) => {
      const before = JSON.stringify([...sched.pending], (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
      rejects(s, variant, call(o));
      expect(JSON.stringify([...sched.pending], (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).toBe(before);
    };
    check('RegistrationNotPermittedOnRootSubnet', { netuid: 0 });
    check('SubNetworkDoesNotExist', { netuid: 9 });
    check('NonAssociatedColdKey', { coldkey: 'nominator' });
    check('TooManyChildren', { children: [1, 2, 3, 4, 5, 6].map((i) => [1n, `c${i}`]) });
    check('InvalidChild', { children: [[1n, 'hk']] });
    check('ProportionOverflow', { children: [[1n << 63n, 'c1'], [1n << 63n, 'c2']] });
    check('DuplicateChild', { children: [[1n, 'c1'], [1n, 'c1']] });
    s.params.stakeThreshold = 1n;
    check('NotEnoughStakeToSetChildkeys', {});
    s.params.stakeThreshold = 0n;
    expect(call({})().ok).toBe(true);
    check('TxRateLimitExceeded', {}); // within 150 blocks of the last set_children
  });
});
