import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { exactArith as X } from '../../math/arith.ts';
import { diffStates, snapshot } from '../../state/network.ts';
import { raonetBlockStep } from './coinbase.ts';
import { addSyntheticSubnet, ensureRoot, setChildkey } from './fixtures.ts';
import { raonetEmpty, raonetGenesis } from './genesis.ts';
import { quoteAlphaForTao, quoteTaoForAlpha } from './pool.ts';
import {
  addStake,
  decreaseStakeForHotkeyAndColdkeyOnSubnet,
  decreaseStakeForHotkeyOnSubnet,
  getStakeForHotkeyAndColdkeyOnSubnet,
  increaseStakeForHotkeyAndColdkeyOnSubnet,
  inheritedForHotkeyOnSubnet,
  moveStake,
  removeStake,
  unstakeFromSubnet,
} from './stake.ts';
import { F32, acct, alphaOf, shares, ta } from './testkit.ts';
import { RuntimePanic, U64_MAX, ZERO_ACCOUNT as Z, type RaonetState } from './types.ts';

const [H1, C1, H2, C2, C3] = [acct(1), acct(2), acct(3), acct(4), acct(5)];

/** root + subnet 1 (pool 1000 TAO / 1000 alpha) with H1 owned by C1 holding 10 alpha; C1, C3 funded. */
function net(): RaonetState<bigint> {
  const s = raonetEmpty(X);
  ensureRoot(X, s);
  addSyntheticSubnet(X, s, {
    netuid: 1,
    tao: 1_000_000_000_000n,
    alphaIn: 1_000_000_000_000n,
    neurons: [{ hotkey: H1, coldkey: C1, alpha: 10_000_000_000n }, { hotkey: H2, coldkey: C2 }],
  });
  addSyntheticSubnet(X, s, { netuid: 2, tao: 500_000_000_000n, alphaIn: 2_000_000_000_000n });
  s.balances.set(C1, 100_000_000_000n);
  s.balances.set(C3, 50_000_000_000n);
  return s;
}

/** Runs a call that must fail with `variant` and asserts the state is untouched. */
function rejects(s: RaonetState<bigint>, call: (s: RaonetState<bigint>) => { ok: boolean; error?: { variant: string } }, variant: string): void {
  const before = snapshot(s);
  const r = call(s);
  expect(r.ok).toBe(false);
  expect(r.error?.variant).toBe(variant);
  expect(diffStates(before, s)).toEqual([]);
}

describe('R218 share accounting (§7.2)', () => {
  test('value = floor((TotalHotkeyAlpha / TotalHotkeyShares) · Alpha) in I96F32, 0 if any is 0', () => {
    const s = net();
    s.stake.totalHotkeyAlpha.set(`${H1}|1`, 10_000_000_007n);
    const value = getStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C1, 1);
    expect(value).toBe(F32.floor(F32.mul(F32.div(F32.from(10_000_000_007n), F32.from(10_000_000_000n)), F32.from(10_000_000_000n))));
    expect(getStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C3, 1)).toBe(0n);
    expect(getStakeForHotkeyAndColdkeyOnSubnet(X, s, H2, C2, 1)).toBe(0n);
  });

  test('#17: with no TotalHotkeyShares the amount buys as many shares, whatever the pool holds', () => {
    const s = raonetGenesis(X); // pool 1e9, Alpha(0,0,1) = 1e9, no TotalHotkeyShares
    expect(getStakeForHotkeyAndColdkeyOnSubnet(X, s, Z, Z, 1)).toBe(0n);
    increaseStakeForHotkeyAndColdkeyOnSubnet(X, s, Z, Z, 1, 5n);
    expect([shares(s, Z, 1), alphaOf(s, Z, Z, 1), ta(s, Z, 1)]).toEqual([5n, 1_000_000_005n, 1_000_000_005n]);
    // the coldkey now holds more shares than exist: its value exceeds the whole pool
    expect(getStakeForHotkeyAndColdkeyOnSubnet(X, s, Z, Z, 1)).toBeGreaterThan(ta(s, Z, 1)!);
  });

  test('#17: the share quotient is floored to 2^-32: a small addition to a big pool buys 0 shares', () => {
    const s = net();
    s.stake.totalHotkeyAlpha.set(`${H1}|1`, 10_000_000_000_000n); // 1e13 alpha behind 1e10 shares
    const bought = increaseStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C3, 1, 2_000n);
    expect(bought).toBe(F32.floor(F32.mul(F32.div(F32.from(2_000n), F32.from(10_000_000_000_000n)), F32.from(10_000_000_000n))));
    expect(bought).toBe(0n);
    expect(ta(s, H1, 1)).toBe(10_000_000_002_000n); // the pool still grows
    expect(alphaOf(s, H1, C3, 1)).toBe(0n);
  });

  test('#17: a zero pool with shares panics (plain division by zero)', () => {
    const s = net();
    s.stake.totalHotkeyAlpha.set(`${H1}|1`, 0n);
    expect(() => increaseStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C1, 1, 1n)).toThrow(RuntimePanic);
  });

  test('#18: selling more shares than owned silently does nothing, after the swap already happened', () => {
    const s = net();
    const before = snapshot(s);
    const out = decreaseStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C1, 1, 20_000_000_000n);
    expect(out.applied).toBe(false);
    expect(diffStates(before, s)).toEqual([]);
    const { tao, decrease } = unstakeFromSubnet(X, s, H1, C1, 1, 20_000_000_000n);
    expect(decrease.applied).toBe(false);
    expect(tao).toBeGreaterThan(0n);
    expect(s.subnets.get(1)!.alphaIn).toBe(1_020_000_000_000n); // swapped anyway
    expect(ta(s, H1, 1)).toBe(10_000_000_000n);
  });

  test('share sale: entries removed at zero (mutate_exists), TotalHotkeyAlpha decreased', () => {
    const s = net();
    const out = decreaseStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C1, 1, 10_000_000_000n);
    expect(out).toEqual({ applied: true, sharesSold: 10_000_000_000n, alphaDecrease: 10_000_000_000n });
    expect([alphaOf(s, H1, C1, 1), shares(s, H1, 1), ta(s, H1, 1)]).toEqual([undefined, undefined, undefined]);
  });

  test('#19: decrease_stake_for_hotkey_on_subnet adds', () => {
    const s = net();
    decreaseStakeForHotkeyOnSubnet(X, s, H1, 1, 5n);
    expect(ta(s, H1, 1)).toBe(10_000_000_005n);
  });

  test('inherited stake: minus A·prop to children, plus parent·prop from parents (I96F32, floored)', () => {
    const s = net();
    s.stake.totalHotkeyAlpha.set(`${H2}|1`, 3_000_000_000n);
    setChildkey(s, H1, H2, 1, U64_MAX / 4n);
    const p = F32.div(F32.from(U64_MAX / 4n), F32.from(U64_MAX));
    const give = F32.mul(F32.from(10_000_000_000n), p);
    expect(inheritedForHotkeyOnSubnet(X, s, H1, 1)).toBe(F32.floor(F32.from(10_000_000_000n) - give));
    expect(inheritedForHotkeyOnSubnet(X, s, H2, 1)).toBe(F32.floor(F32.from(3_000_000_000n) + give));
  });
});

describe('add_stake (do_add_stake)', () => {
  test('withdraws, swaps, buys shares, adds to StakingHotkeys', () => {
    const s = net();
    const r = addStake(X, s, { coldkey: C3, hotkey: H1, netuid: 1, amount: 10_000_000_000n });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const alpha = quoteTaoForAlpha(X, 1_000_000_000_000n, 1_000_000_000_000n, 10_000_000_000n);
    expect(r.value).toEqual({ taoStaked: 10_000_000_000n, alpha });
    expect(s.balances.get(C3)).toBe(40_000_000_000n);
    const sn = s.subnets.get(1)!;
    expect([sn.tao, sn.alphaIn]).toEqual([1_010_000_000_000n, 1_000_000_000_000n - alpha]);
    expect(ta(s, H1, 1)).toBe(10_000_000_000n + alpha);
    expect(alphaOf(s, H1, C3, 1)).toBe(F32.floor(F32.mul(F32.div(F32.from(alpha), F32.from(10_000_000_000n)), F32.from(10_000_000_000n))));
    expect(s.raonet.stakingHotkeys.get(C3)).toEqual([H1]);
  });

  test('staking the whole balance keeps the existential deposit (Preserve, best effort)', () => {
    const s = net();
    const r = addStake(X, s, { coldkey: C3, hotkey: H1, netuid: 1, amount: 50_000_000_000n });
    expect(r.ok && r.value.taoStaked).toBe(50_000_000_000n - 500n);
    expect(s.balances.get(C3)).toBe(500n);
  });

  test('errors in the runtime\'s order, nothing changed', () => {
    const s = net();
    rejects(s, (x) => addStake(X, x, { coldkey: C3, hotkey: H1, netuid: 7, amount: 1n << 62n }), 'SubnetNotExists');
    rejects(s, (x) => addStake(X, x, { coldkey: C3, hotkey: acct(77), netuid: 1, amount: 60_000_000_000n }), 'NotEnoughBalanceToStake');
    rejects(s, (x) => addStake(X, x, { coldkey: C3, hotkey: acct(77), netuid: 1, amount: 1n }), 'HotKeyAccountNotExists');
    s.balances.set(C2, 500n); // free = ED: nothing can be withdrawn
    rejects(s, (x) => addStake(X, x, { coldkey: C2, hotkey: H1, netuid: 1, amount: 100n }), 'ZeroBalanceAfterWithdrawn');
  });

  test('a zero amount is accepted (swaps 0)', () => {
    const s = net();
    const r = addStake(X, s, { coldkey: acct(50), hotkey: H1, netuid: 1, amount: 0n });
    expect(r.ok && r.value).toEqual({ taoStaked: 0n, alpha: 0n });
  });

  test('root stake: 1:1, SubnetTAO(0) and TotalStake rise', () => {
    const s = net();
    const ts = s.totalStake;
    const r = addStake(X, s, { coldkey: C3, hotkey: H1, netuid: 0, amount: 7_000_000_000n });
    expect(r.ok && r.value.alpha).toBe(7_000_000_000n);
    expect(ta(s, H1, 0)).toBe(7_000_000_000n);
    expect(s.subnets.get(0)!.tao).toBe(7_000_000_000n);
    expect(s.totalStake).toBe(ts + 7_000_000_000n);
  });
});

describe('remove_stake (do_remove_stake)', () => {
  test('swaps alpha for TAO, sells shares, credits the coldkey', () => {
    const s = net();
    const r = removeStake(X, s, { coldkey: C1, hotkey: H1, netuid: 1, amount: 4_000_000_000n });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const tao = quoteAlphaForTao(X, 1_000_000_000_000n, 1_000_000_000_000n, 4_000_000_000n);
    expect([r.value.tao, r.value.credited]).toEqual([tao, tao]);
    // 0.4 floored to 2^-32, times 1e10 shares: 3,999,999,999 shares sold, the seller keeps one extra
    const sold = F32.floor(F32.mul(F32.div(F32.from(4_000_000_000n), F32.from(10_000_000_000n)), F32.from(10_000_000_000n)));
    expect(sold).toBe(3_999_999_999n);
    expect(r.value.decrease).toEqual({ applied: true, sharesSold: sold, alphaDecrease: 4_000_000_000n });
    expect(alphaOf(s, H1, C1, 1)).toBe(10_000_000_000n - sold);
    expect(s.balances.get(C1)).toBe(100_000_000_000n + tao);
    expect(ta(s, H1, 1)).toBe(6_000_000_000n);
    expect(s.subnets.get(1)!.alphaOut).toBe(6_000_000_000n);
  });

  test('errors in the runtime\'s order, nothing changed', () => {
    const s = net();
    rejects(s, (x) => removeStake(X, x, { coldkey: C1, hotkey: acct(77), netuid: 9, amount: 0n }), 'StakeToWithdrawIsZero');
    rejects(s, (x) => removeStake(X, x, { coldkey: C1, hotkey: acct(77), netuid: 9, amount: 1n }), 'SubnetNotExists');
    rejects(s, (x) => removeStake(X, x, { coldkey: C1, hotkey: acct(77), netuid: 1, amount: 1n }), 'HotKeyAccountNotExists');
    rejects(s, (x) => removeStake(X, x, { coldkey: C1, hotkey: H1, netuid: 1, amount: 10_000_000_001n }), 'NotEnoughStakeToWithdraw');
    rejects(s, (x) => removeStake(X, x, { coldkey: C3, hotkey: H1, netuid: 1, amount: 1n }), 'NotEnoughStakeToWithdraw');
  });

  test('TAO below the existential deposit to an empty account is lost', () => {
    const s = net();
    increaseStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C2, 1, 400n); // C2 has no balance
    s.subnets.get(1)!.alphaOut += 400n;
    const v = getStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C2, 1);
    const r = removeStake(X, s, { coldkey: C2, hotkey: H1, netuid: 1, amount: v });
    expect(r.ok && r.value.tao).toBeGreaterThan(0n);
    expect(r.ok && r.value.credited).toBe(0n);
    expect(s.balances.get(C2)).toBeUndefined();
  });

  test('raonet genesis: the zero coldkey may withdraw more than the pool (#17), which then saturates', () => {
    const s = raonetGenesis(X);
    raonetBlockStep(X, s);
    const pool = ta(s, Z, 1)!;
    const value = getStakeForHotkeyAndColdkeyOnSubnet(X, s, Z, Z, 1);
    expect(value).toBeGreaterThan(pool);
    const r = removeStake(X, s, { coldkey: Z, hotkey: Z, netuid: 1, amount: value });
    expect(r.ok && r.value.decrease.applied).toBe(true);
    expect(r.ok && r.value.decrease.alphaDecrease).toBe(pool);
    expect(ta(s, Z, 1)).toBeUndefined();
  });
});

describe('move_stake (do_move_stake)', () => {
  test('unstakes on the origin, stakes the TAO on the destination', () => {
    const s = net();
    const r = moveStake(X, s, { coldkey: C1, originHotkey: H1, destinationHotkey: H2, originNetuid: 1, destinationNetuid: 2, amount: 5_000_000_000n });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const tao = quoteAlphaForTao(X, 1_000_000_000_000n, 1_000_000_000_000n, 5_000_000_000n);
    const alpha = quoteTaoForAlpha(X, 500_000_000_000n, 2_000_000_000_000n, tao);
    expect([r.value.tao, r.value.alpha]).toEqual([tao, alpha]);
    expect(ta(s, H2, 2)).toBe(alpha);
    expect(alphaOf(s, H2, C1, 2)).toBe(alpha);
    expect(s.balances.get(C1)).toBe(100_000_000_000n);
  });

  test('same subnet: two swaps, the round trip loses', () => {
    const s = net();
    const r = moveStake(X, s, { coldkey: C1, originHotkey: H1, destinationHotkey: H2, originNetuid: 1, destinationNetuid: 1, amount: 5_000_000_000n });
    expect(r.ok && r.value.alpha).toBeLessThanOrEqual(5_000_000_000n);
  });

  test('errors in the runtime\'s order, nothing changed', () => {
    const s = net();
    const base = { coldkey: C1, originHotkey: H1, destinationHotkey: H2, originNetuid: 1, destinationNetuid: 2, amount: 1n };
    rejects(s, (x) => moveStake(X, x, { ...base, originNetuid: 9, destinationNetuid: 8, originHotkey: acct(77) }), 'SubnetNotExists');
    rejects(s, (x) => moveStake(X, x, { ...base, destinationNetuid: 8, originHotkey: acct(77) }), 'SubnetNotExists');
    rejects(s, (x) => moveStake(X, x, { ...base, originHotkey: acct(77), destinationHotkey: acct(78) }), 'HotKeyAccountNotExists');
    rejects(s, (x) => moveStake(X, x, { ...base, destinationHotkey: acct(78), amount: 1n << 60n }), 'HotKeyAccountNotExists');
    rejects(s, (x) => moveStake(X, x, { ...base, amount: 10_000_000_001n }), 'NotEnoughStakeToWithdraw');
  });
});

describe('properties (fast-check)', () => {
  /**
   * The round trip never returns more TAO. Another staker of the same hotkey may lose a little:
   * the sale's share count floor((v / TA)·TS) has its quotient floored to 2^-32, so the seller keeps
   * up to 2^-32·TS + 1 shares too many, each worth TA/TS: a loss of at most TA/2^32 + TA/TS + 1 rao
   * (plus 1 for the value's own floor), TA and TS taken at their peak (after the add).
   */
  test('add_stake then remove_stake of the whole value never returns more TAO (≥ 200 runs)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1_000_000n, max: 10n ** 14n }),
        fc.bigInt({ min: 1_000_000n, max: 10n ** 14n }),
        fc.bigInt({ min: 1_000n, max: 10n ** 13n }),
        (T, A, amount) => {
          const s = raonetEmpty(X);
          ensureRoot(X, s);
          addSyntheticSubnet(X, s, { netuid: 1, tao: T, alphaIn: A, neurons: [{ hotkey: H1, coldkey: C1, alpha: 1_000_000_000n }] });
          s.balances.set(C3, amount + 500n);
          const a = addStake(X, s, { coldkey: C3, hotkey: H1, netuid: 1, amount });
          expect(a.ok).toBe(true);
          const before1 = getStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C1, 1);
          const [TA, TS] = [ta(s, H1, 1)!, shares(s, H1, 1)!];
          const v = getStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C3, 1);
          if (v > 0n) expect(removeStake(X, s, { coldkey: C3, hotkey: H1, netuid: 1, amount: v }).ok).toBe(true);
          expect(s.balances.get(C3)!).toBeLessThanOrEqual(amount + 500n);
          const after1 = getStakeForHotkeyAndColdkeyOnSubnet(X, s, H1, C1, 1);
          expect(before1 - after1).toBeLessThanOrEqual((TA >> 32n) + TA / TS + 2n);
        },
      ),
      { numRuns: 250, endOnFailure: true },
    );
  });
});
