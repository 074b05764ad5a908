import { describe, expect, test } from 'vitest';
import { exactArith as X } from '../../math/arith.ts';
import { diffStates, snapshot } from '../../state/network.ts';
import { raonetBlockStep } from './coinbase.ts';
import { addSyntheticSubnet, ensureRoot } from './fixtures.ts';
import { raonetEmpty, raonetGenesis } from './genesis.ts';
import { quoteTaoForAlpha } from './pool.ts';
import { adjustRegistrationTermsForNetworks, burnedRegister, networkLockCost, registerNetwork, upgradedValue } from './registration.ts';
import { acct, ta } from './testkit.ts';
import { RAONET, U64_MAX, ZERO_ACCOUNT as Z, type RaonetState } from './types.ts';

const [C, H, C2, H2] = [acct(1), acct(2), acct(3), acct(4)];
const TAO = 1_000_000_000n;

/** I110F18 by hand (F = 18). */
const F18 = {
  from: (n: bigint) => n << 18n,
  mul: (a: bigint, b: bigint) => (a * b) >> 18n,
  div: (a: bigint, b: bigint) => (a << 18n) / b,
};
function handUpgraded(v: bigint, regs: bigint, target: bigint, alphaU64: bigint, min: bigint, max: bigint): bigint {
  const updated = F18.div(F18.mul(F18.from(v), F18.from(regs + target)), F18.from(2n * target));
  const a = F18.div(F18.from(alphaU64), F18.from(U64_MAX));
  const next = F18.mul(a, F18.from(v)) + F18.mul(F18.from(1n) - a, updated);
  if (next >= F18.from(max)) return max;
  if (next <= F18.from(min)) return min;
  return next >> 18n;
}

function rejects(s: RaonetState<bigint>, call: (s: RaonetState<bigint>) => { ok: boolean; error?: { variant: string } }, variant: string): void {
  const before = snapshot(s);
  const r = call(s);
  expect(r.ok).toBe(false);
  expect(r.error?.variant).toBe(variant);
  expect(diffStates(before, s)).toEqual([]);
}

function genesisAt(block: number): RaonetState<bigint> {
  const s = raonetGenesis(X, { balances: [[C, 100n * TAO], [C2, 100n * TAO]] });
  for (let b = 0; b < block; b++) raonetBlockStep(X, s);
  return s;
}

describe('burned_register (do_burned_registration)', () => {
  test('raonet subnet 1: the burn goes into the pool, buys 0 alpha at price 1e10, uid appended', () => {
    const s = genesisAt(1);
    const sn = s.subnets.get(1)!;
    const [tao, ts, aIn, aOut] = [sn.tao, s.totalStake, sn.alphaIn, sn.alphaOut];
    const r = burnedRegister(X, s, { coldkey: C, netuid: 1, hotkey: H });
    expect(r.ok && r.value).toEqual({ uid: 1, replaced: null, burned: TAO, alphaBought: 0n });
    expect([sn.tao, s.totalStake, sn.alphaIn, sn.alphaOut]).toEqual([tao + TAO, ts + TAO, aIn, aOut]);
    expect(s.balances.get(C)).toBe(99n * TAO);
    expect(sn.neurons.hotkeys).toEqual([Z, H]);
    expect(sn.neurons.blockAtRegistration).toEqual([0, 1]);
    expect(sn.neurons.validatorPermit).toEqual([true, false]);
    expect(sn.neurons.stakeWeight).toEqual([65535]); // not extended until the next epoch_mock
    expect(s.hotkeys.get(H)!.owner).toBe(C);
    expect(s.raonet.ownedHotkeys.get(C)).toEqual([H]);
    expect(s.raonet.stakingHotkeys.get(C)).toEqual([H]);
    expect([sn.registrationsThisBlock, sn.registrationsThisInterval, s.raonet.subnets.get(1)!.burnRegistrationsThisInterval]).toEqual([1, 1, 1]);
    expect(s.raonet.subnets.get(1)!.raoRecycledForRegistration).toBe(TAO);
    raonetBlockStep(X, s);
    expect(sn.registrationsThisBlock).toBe(0);
    expect(sn.neurons.stakeWeight).toEqual([65535, 0]);
  });

  test('#21: the bought alpha stays in SubnetAlphaOut, owned by nobody', () => {
    const s = raonetEmpty(X);
    ensureRoot(X, s);
    addSyntheticSubnet(X, s, { netuid: 1, tao: 1_000n * TAO, alphaIn: 1_000n * TAO });
    s.balances.set(C, 10n * TAO);
    const staked = [...s.stake.totalHotkeyAlpha.values()].reduce((a, b) => a + b, 0n);
    const r = burnedRegister(X, s, { coldkey: C, netuid: 1, hotkey: H });
    const bought = quoteTaoForAlpha(X, 1_000n * TAO, 1_000n * TAO, TAO);
    expect(r.ok && r.value.alphaBought).toBe(bought);
    expect(s.subnets.get(1)!.alphaOut).toBe(bought);
    expect([...s.stake.totalHotkeyAlpha.values()].reduce((a, b) => a + b, 0n)).toBe(staked);
    expect(ta(s, H, 1)).toBeUndefined();
  });

  test('a balance just above the burn: only free − ED is burned, RAORecycledForRegistration counts the full burn', () => {
    const s = genesisAt(1);
    s.balances.set(C, TAO + 100n);
    const r = burnedRegister(X, s, { coldkey: C, netuid: 1, hotkey: H });
    expect(r.ok && r.value.burned).toBe(TAO + 100n - 500n);
    expect(s.balances.get(C)).toBe(500n);
    expect(s.raonet.subnets.get(1)!.raoRecycledForRegistration).toBe(TAO);
  });

  test('errors in the runtime\'s order, nothing changed', () => {
    const s = genesisAt(1);
    const sn = s.subnets.get(1)!;
    sn.registrationsThisInterval = 12; // 3 × target 4: the signed extension rejects first
    sn.hyper.registrationAllowed = false;
    rejects(s, (x) => burnedRegister(X, x, { coldkey: C, netuid: 1, hotkey: Z }), 'TooManyRegistrationsThisInterval');
    sn.registrationsThisInterval = 0;
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(99), netuid: 0, hotkey: H }), 'RegistrationNotPermittedOnRootSubnet');
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(99), netuid: 9, hotkey: H }), 'SubNetworkDoesNotExist');
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(99), netuid: 1, hotkey: Z }), 'SubNetRegistrationDisabled');
    sn.hyper.registrationAllowed = true;
    sn.registrationsThisBlock = 4;
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(99), netuid: 1, hotkey: Z }), 'TooManyRegistrationsThisBlock');
    sn.registrationsThisBlock = 0;
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(99), netuid: 1, hotkey: Z }), 'HotKeyAlreadyRegisteredInSubNet');
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(99), netuid: 1, hotkey: H }), 'NotEnoughBalanceToStake');
    sn.burn = 100n;
    s.balances.set(acct(98), 500n);
    rejects(s, (x) => burnedRegister(X, x, { coldkey: acct(98), netuid: 1, hotkey: H }), 'ZeroBalanceAfterWithdrawn');
    s.hotkeys.set(H2, { owner: C2, take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    rejects(s, (x) => burnedRegister(X, x, { coldkey: C, netuid: 1, hotkey: H2 }), 'NonAssociatedColdKey');
    sn.hyper.maxAllowedUids = 0;
    rejects(s, (x) => burnedRegister(X, x, { coldkey: C, netuid: 1, hotkey: H }), 'NoNeuronIdAvailable');
  });

  test('a full subnet replaces the lowest pruning score among non-immune uids (ties: earliest)', () => {
    const s = raonetEmpty(X);
    ensureRoot(X, s);
    const sn = addSyntheticSubnet(X, s, { netuid: 1, tao: 1_000n * TAO, alphaIn: 1_000n * TAO, neurons: [0, 1, 2, 3].map((i) => ({ hotkey: acct(10 + i), coldkey: acct(20 + i), alpha: 1_000n })) });
    sn.hyper.maxAllowedUids = 4;
    sn.hyper.immunityPeriod = 100;
    sn.neurons.blockAtRegistration = [0, 50, 10, 200];
    sn.neurons.pruningScores = [9, 3, 3, 0]; // uid 3 has the lowest score but is immune at block 250
    s.block = 250;
    s.balances.set(C, 10n * TAO);
    const r = burnedRegister(X, s, { coldkey: C, netuid: 1, hotkey: H });
    expect(r.ok && r.value).toMatchObject({ uid: 2, replaced: acct(12) }); // score 3, registered at 10 < 50
    expect(sn.neurons.hotkeys).toEqual([acct(10), acct(11), H, acct(13)]);
    expect(sn.neurons.blockAtRegistration[2]).toBe(250);
    expect(sn.neurons.pruningScores).toEqual([9, 3, 65535, 0]);
    expect(ta(s, acct(12), 1)).toBe(1_000n); // the pruned hotkey keeps its stake
    // every uid immune: the lowest immune score goes
    s.block = 260;
    sn.neurons.blockAtRegistration = [200, 200, 250, 200];
    s.balances.set(C2, 10n * TAO);
    const r2 = burnedRegister(X, s, { coldkey: C2, netuid: 1, hotkey: H2 });
    expect(r2.ok && r2.value.uid).toBe(3);
  });

  test('a new subnet\'s 1/1 pool: the first 1 TAO burn buys 0 alpha and the price jumps to ~1e9', () => {
    const s = genesisAt(10);
    const reg = registerNetwork(X, s, { coldkey: C, hotkey: H, mechid: 1 });
    expect(reg.ok).toBe(true);
    const r = burnedRegister(X, s, { coldkey: C2, netuid: 2, hotkey: H2 });
    expect(r.ok && r.value.alphaBought).toBe(0n);
    const sn = s.subnets.get(2)!;
    expect([sn.tao, sn.alphaIn]).toEqual([TAO + 1n, 1n]);
  });
});

describe('interval adjustment of burn and difficulty (block_step.rs)', () => {
  test('upgraded value = α·v + (1 − α)·v·(regs + target)/(2·target), clamped, in I110F18', () => {
    for (const [v, regs, target, a, min, max] of [
      [TAO, 10n, 4n, 0n, TAO, 100n * TAO],
      [TAO, 0n, 4n, 0n, TAO, 100n * TAO],
      [3n * TAO, 7n, 1n, RAONET.newSubnet.adjustmentAlpha, 1n, 100n * TAO],
      [3n * TAO, 0n, 1n, RAONET.newSubnet.adjustmentAlpha, 1n, 100n * TAO],
      [99n * TAO, 40n, 1n, 0n, 1n, 100n * TAO],
    ] as const) {
      expect(upgradedValue(X, v, Number(regs), Number(target), a, min, max)).toBe(handUpgraded(v, regs, target, a, min, max));
    }
    expect(upgradedValue(X, TAO, 10, 4, 0n, TAO, 100n * TAO)).toBe(1_750_000_000n);
  });

  test('runs at the interval: raonet genesis at block 100 keeps the minimum burn and resets the counters', () => {
    const s = genesisAt(99);
    const sn = s.subnets.get(1)!;
    sn.registrationsThisInterval = 2;
    s.raonet.subnets.get(1)!.burnRegistrationsThisInterval = 2;
    expect(raonetBlockStep(X, s).adjusted).toEqual([0, 1]);
    expect(sn.burn).toBe(TAO); // 1e9 · 6/8 clamps to MinBurn
    expect(s.raonet.subnets.get(1)!.difficulty).toBe(RAONET.minDifficulty);
    expect([sn.registrationsThisInterval, sn.lastAdjustmentBlock]).toEqual([0, 100]);
    expect(raonetBlockStep(X, s).adjusted).toEqual([]);
  });

  test('the six cases: B raises the burn only, A the difficulty only, E/F both', () => {
    const run = (regs: number, pow: number, burn: number) => {
      const s = genesisAt(0);
      s.block = 100;
      const sn = s.subnets.get(1)!;
      const x = s.raonet.subnets.get(1)!;
      sn.registrationsThisInterval = regs;
      x.powRegistrationsThisInterval = pow;
      x.burnRegistrationsThisInterval = burn;
      x.difficulty = 20_000_000n;
      adjustRegistrationTermsForNetworks(X, s);
      return [sn.burn, x.difficulty];
    };
    const up = (v: bigint, regs: bigint) => handUpgraded(v, regs, 4n, 0n, 1n, 100n * TAO);
    expect(run(10, 0, 10)).toEqual([up(TAO, 10n), 20_000_000n]); // B
    expect(run(10, 10, 0)).toEqual([TAO, handUpgraded(20_000_000n, 10n, 4n, 0n, RAONET.minDifficulty, RAONET.maxDifficulty)]); // A
    expect(run(10, 5, 5)[0]).toBe(up(TAO, 10n)); // F
    expect(run(2, 0, 2)).toEqual([TAO, 15_000_000n]); // D: difficulty down, 2e7 · 6/8
    expect(run(2, 2, 0)[1]).toBe(20_000_000n); // C: burn only
  });

  test('a zero target panics (saturating_div by zero)', () => {
    const s = genesisAt(0);
    s.block = 100;
    s.subnets.get(1)!.hyper.targetRegistrationsPerInterval = 0;
    expect(() => adjustRegistrationTermsForNetworks(X, s)).toThrow(/divide by zero/);
  });
});

describe('register_network (do_register_network)', () => {
  test('lock cost: max(min, last·m − (last / interval)·elapsed)', () => {
    const s = genesisAt(0);
    s.block = 10;
    expect(networkLockCost(s)).toBe(TAO); // m = 1, 1e9 − 833,333·10 < min
    s.params.networkLastRegistered = 10;
    s.block = 20;
    expect(networkLockCost(s)).toBe(2n * TAO - (TAO / 1200n) * 10n);
    s.block = 10_000;
    expect(networkLockCost(s)).toBe(TAO);
  });

  test('creates the subnet: 1-rao pool, owner and owner hotkey, uid 0, whole lock burned from TotalIssuance (#22)', () => {
    const s = genesisAt(10);
    const ts = s.totalStake;
    expect(s.totalIssuance).toBe(10n);
    const r = registerNetwork(X, s, { coldkey: C, hotkey: H, mechid: 1 });
    expect(r.ok && r.value).toEqual({ netuid: 2, lock: TAO });
    const sn = s.subnets.get(2)!;
    expect([sn.tao, sn.alphaIn, sn.alphaOut, sn.mechanism]).toEqual([1n, 1n, 0n, 1]);
    expect([sn.owner, sn.ownerHotkey, sn.registeredAt]).toEqual([C, H, 10]);
    expect(sn.neurons.hotkeys).toEqual([H]);
    expect(sn.hyper).toMatchObject({ tempo: 30, maxAllowedUids: 256, maxAllowedValidators: 64, minAllowedWeights: 1, adjustmentInterval: 360, targetRegistrationsPerInterval: 1, immunityPeriod: 5000, minBurn: 1n, adjustmentAlpha: RAONET.newSubnet.adjustmentAlpha });
    expect(sn.taoWeight).toBe(RAONET.taoWeight);
    expect(s.raonet.subnets.get(2)!.maxDifficulty).toBe(U64_MAX);
    expect(s.totalIssuance).toBe(0n); // 10 − 1e9, saturating
    expect(s.totalStake).toBe(ts); // the 1 rao pool is not in TotalStake
    expect(s.balances.get(C)).toBe(99n * TAO);
    expect(s.recycled).toBe(TAO);
    expect([s.params.networkLastLockCost, s.params.networkLastRegistered, s.raonet.totalNetworks]).toEqual([TAO, 10, 3]);
    // the owner cut is paid from then on (owner and owner hotkey both set)
    const rec = raonetBlockStep(X, s);
    expect(rec.subnets.find((x) => x.netuid === 2)!.ownerCutPaid).toBe(true);
  });

  test('errors in the runtime\'s order, nothing changed', () => {
    const s = genesisAt(5);
    rejects(s, (x) => registerNetwork(X, x, { coldkey: C, hotkey: Z, mechid: 0 }), 'HotKeyNotDelegateAndSignerNotOwnHotKey');
    rejects(s, (x) => registerNetwork(X, x, { coldkey: C, hotkey: H, mechid: 0 }), 'MechanismDoesNotExist');
    rejects(s, (x) => registerNetwork(X, x, { coldkey: acct(99), hotkey: H, mechid: 1 }), 'NetworkTxRateLimitExceeded');
    for (let b = 0; b < 5; b++) raonetBlockStep(X, s);
    rejects(s, (x) => registerNetwork(X, x, { coldkey: acct(99), hotkey: H, mechid: 1 }), 'NotEnoughBalanceToStake');
    s.params.networkMinLockCost = 100n;
    s.params.networkLastLockCost = 100n;
    s.balances.set(acct(98), 500n);
    rejects(s, (x) => registerNetwork(X, x, { coldkey: acct(98), hotkey: H, mechid: 1 }), 'ZeroBalanceAfterWithdrawn');
  });
});
