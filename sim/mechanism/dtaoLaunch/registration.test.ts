import { describe, expect, it } from 'vitest';
import { exactArith as X, fastArith as F } from '../../math/arith.ts';
import { diffStates, snapshot } from '../../state/network.ts';
import type { NetworkState } from '../../state/types.ts';
import type { ActionResult } from '../runtimeError.ts';
import {
  adjustRegistrationTerms,
  burnedRegister,
  lockReductionInterval,
  networkLockCost,
  registerNetwork,
  upgradedBurn,
} from './registration.ts';
import { testNetwork } from './testNetwork.ts';

const TAO = 1_000_000_000n;
const U64_MAX = (1n << 64n) - 1n;
const ALPHA_097 = 17_893_341_751_498_265_066n;

function rejects<T>(s: NetworkState<bigint>, variant: string, call: () => ActionResult<T>): void {
  const before = snapshot(s);
  const r = call();
  expect(r.ok ? 'accepted' : r.error.variant).toBe(variant);
  expect(diffStates(before, s)).toEqual([]);
}

describe('burn adjustment (block_step.rs::upgraded_burn @ e2b8367b8, I110F18)', () => {
  it('no registrations, alpha 0: halves; 3 registrations on target 1: doubles; clamps to [min, max]', () => {
    expect(upgradedBurn(X, TAO, 0, 1, 0n, 1n, 100n * TAO)).toBe(TAO / 2n);
    expect(upgradedBurn(X, TAO, 3, 1, 0n, 1n, 100n * TAO)).toBe(2n * TAO);
    expect(upgradedBurn(X, 80n * TAO, 3, 1, 0n, 1n, 100n * TAO)).toBe(100n * TAO);
    expect(upgradedBurn(X, 600_000n, 0, 1, 0n, 500_000n, 100n * TAO)).toBe(500_000n);
  });
  it('alpha 0.97 (new subnets): next = α·burn + (1 − α)·burn·(r + t)/(2t), fixed-point written out', () => {
    const F18 = 18n;
    const alphaBits = (ALPHA_097 << F18 << F18) / (U64_MAX << F18); // safe_div in I110F18
    const burn = TAO << F18;
    const updated = ((burn * (1n << F18)) >> F18 << F18) / (2n << F18); // burn·1/2
    const next = ((alphaBits * burn) >> F18) + ((((1n << F18) - alphaBits) * updated) >> F18);
    expect(upgradedBurn(X, TAO, 0, 1, ALPHA_097, 1n, 100n * TAO)).toBe(next >> F18);
    // I110F18 keeps 18 fractional bits of α: 254,279/2^18 = 0.9699974, so 984,998,703 rather than 985e6
    expect(next >> F18).toBe(984_998_703n);
    // fast mode does not quantize α: 985e6 (a documented 1.3e-6 relative difference)
    expect(Math.abs(upgradedBurn(F, 1e9, 0, 1, ALPHA_097, 1n, 100n * TAO) - 985e6)).toBeLessThan(1);
  });
  it('the six cases without PoW: > target → up; 1..target → unchanged (case D); 0 → down; counters reset', () => {
    const s = testNetwork(X, {
      block: 360,
      subnets: [
        { netuid: 1, tao: TAO, alphaIn: TAO, hyper: { adjustmentAlpha: 0n, targetRegistrationsPerInterval: 2 } },
        { netuid: 2, tao: TAO, alphaIn: TAO, hyper: { adjustmentAlpha: 0n, targetRegistrationsPerInterval: 2 } },
        { netuid: 3, tao: TAO, alphaIn: TAO, hyper: { adjustmentAlpha: 0n, targetRegistrationsPerInterval: 2 } },
        { netuid: 4, tao: TAO, alphaIn: TAO, hyper: { adjustmentAlpha: 0n, targetRegistrationsPerInterval: 2, adjustmentInterval: 1000 } },
      ],
    });
    s.subnets.get(0)!.lastAdjustmentBlock = 360; // root not due
    const regs = [0, 3, 2, 0, 5];
    for (const n of [1, 2, 3, 4]) {
      s.subnets.get(n)!.registrationsThisInterval = regs[n];
      s.subnets.get(n)!.registrationsThisBlock = 1;
    }
    expect(adjustRegistrationTerms(X, s)).toEqual([1, 3]);
    expect(s.subnets.get(1)!.burn).toBe((TAO * 5n) / 4n); // (3 + 2)/(2·2)
    expect(s.subnets.get(2)!.burn).toBe(TAO); // 2 of target 2: difficulty only
    expect(s.subnets.get(3)!.burn).toBe(TAO / 2n);
    expect(s.subnets.get(4)!.burn).toBe(TAO); // interval not over
    expect(s.subnets.get(4)!.registrationsThisInterval).toBe(5);
    for (const n of [1, 2, 3, 4]) expect(s.subnets.get(n)!.registrationsThisBlock).toBe(0);
    expect(s.subnets.get(1)!.registrationsThisInterval).toBe(0);
    expect(s.subnets.get(1)!.lastAdjustmentBlock).toBe(360);
  });
});

describe('burned_register (registration.rs @ e2b8367b8)', () => {
  function net(): NetworkState<bigint> {
    const s = testNetwork(X, {
      block: 100,
      subnets: [{ netuid: 1, tao: 10n * TAO, alphaIn: 10n * TAO, alphaOut: 5n * TAO, owner: 'owner', ownerHotkey: 'owner-hk' }],
      balances: [
        ['ck', 10n * TAO],
        ['poor', TAO / 2n],
      ],
    });
    s.subnets.get(1)!.burn = TAO;
    return s;
  }
  it('the burn buys alpha that is burned: SubnetTAO += burn, SubnetAlphaIn −= alpha, SubnetAlphaOut unchanged', () => {
    const s = net();
    const issuance = s.totalIssuance;
    const r = burnedRegister(X, s, { coldkey: 'ck', hotkey: 'new', netuid: 1 });
    expect(r.ok).toBe(true);
    const sub = s.subnets.get(1)!;
    expect(r.ok && r.value).toMatchObject({ uid: 0, taoPaid: TAO, alphaBurned: 909_090_909n, raoRecycled: TAO, registered: true });
    expect(sub.tao).toBe(11n * TAO);
    expect(sub.alphaIn).toBe(10n * TAO - 909_090_909n);
    expect(sub.alphaOut).toBe(5n * TAO);
    expect(s.totalIssuance).toBe(issuance); // the TAO moved from a balance into the pool
    expect(s.balances.get('ck')).toBe(9n * TAO);
    expect(sub.neurons.hotkeys).toEqual(['new']);
    expect(sub.neurons.blockAtRegistration).toEqual([100]);
    expect(s.hotkeys.get('new')!.owner).toBe('ck');
    expect([sub.registrationsThisBlock, sub.registrationsThisInterval]).toEqual([1, 1]);
  });
  it('a full subnet replaces the lowest pruning score among non-immune uids, skipping the owner’s; weights stay', () => {
    const s = net();
    const sub = s.subnets.get(1)!;
    sub.hyper.maxAllowedUids = 3;
    sub.hyper.immunityPeriod = 50;
    for (const c of ['owner', 'ck-a', 'ck-b']) s.balances.set(c, 10n * TAO);
    for (const [c, h] of [['owner', 'owner-hk'], ['ck-a', 'a'], ['ck-b', 'b']])
      expect(burnedRegister(X, s, { coldkey: c, hotkey: h, netuid: 1 }, { maxRegistrationsPerBlock: 9 }).ok).toBe(true);
    expect(sub.neurons.hotkeys).toEqual(['owner-hk', 'a', 'b']);
    sub.neurons.pruningScores = [0, 500, 100];
    sub.neurons.blockAtRegistration = [0, 10, 20];
    sub.neurons.weights[2] = [[0, 65535]];
    s.block = 100; // all non-immune (100 − 20 ≥ 50)
    sub.registrationsThisInterval = 0;
    sub.registrationsThisBlock = 0;
    const r = burnedRegister(X, s, { coldkey: 'ck', hotkey: 'new', netuid: 1 });
    expect(r.ok && r.value).toMatchObject({ uid: 2, replaced: 'b', registered: true });
    expect(sub.neurons.hotkeys).toEqual(['owner-hk', 'a', 'new']);
    expect(sub.neurons.pruningScores[2]).toBe(65535);
    expect(sub.neurons.weights[2]).toEqual([[0, 65535]]); // L233 keeps the old row
    expect(sub.neurons.blockAtRegistration[2]).toBe(100);
    // immune uids are pruned only when no non-immune one is left
    sub.registrationsThisBlock = 0;
    sub.neurons.blockAtRegistration = [0, 90, 95];
    s.block = 120;
    sub.neurons.pruningScores = [0, 300, 200];
    const r2 = burnedRegister(X, s, { coldkey: 'ck', hotkey: 'newer', netuid: 1 });
    expect(r2.ok && r2.value.uid).toBe(2); // both immune: the lower score
  });
  it('errors in the runtime order, each leaving the state unchanged', () => {
    const s = net();
    s.hotkeys.set('taken', { owner: 'someone', take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    rejects(s, 'RegistrationNotPermittedOnRootSubnet', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 0 }));
    rejects(s, 'SubNetworkDoesNotExist', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 7 }));
    s.subnets.get(1)!.hyper.registrationAllowed = false;
    rejects(s, 'SubNetRegistrationDisabled', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 1 }));
    s.subnets.get(1)!.hyper.registrationAllowed = true;
    s.subnets.get(1)!.registrationsThisBlock = 1;
    rejects(s, 'TooManyRegistrationsThisBlock', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 1 }));
    s.subnets.get(1)!.registrationsThisBlock = 0;
    s.subnets.get(1)!.registrationsThisInterval = 3;
    rejects(s, 'TooManyRegistrationsThisInterval', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 1 }));
    s.subnets.get(1)!.registrationsThisInterval = 0;
    burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 1 });
    s.subnets.get(1)!.registrationsThisBlock = 0;
    rejects(s, 'HotKeyAlreadyRegisteredInSubNet', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h', netuid: 1 }));
    rejects(s, 'NotEnoughBalanceToStake', () => burnedRegister(X, s, { coldkey: 'poor', hotkey: 'h2', netuid: 1 }));
    rejects(s, 'NonAssociatedColdKey', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'taken', netuid: 1 }));
    s.subnets.get(1)!.hyper.maxAllowedUids = 0;
    rejects(s, 'NoNeuronIdAvailable', () => burnedRegister(X, s, { coldkey: 'ck', hotkey: 'h2', netuid: 1 }));
    s.subnets.get(1)!.hyper.maxAllowedUids = 256;
    // 500 rao is all existential deposit: nothing can be withdrawn with Preserve
    s.balances.set('dust', 500n);
    s.subnets.get(1)!.burn = 200n;
    rejects(s, 'ZeroBalanceAfterWithdrawn', () => burnedRegister(X, s, { coldkey: 'dust', hotkey: 'h3', netuid: 1 }));
  });
});

describe('register_network (subnet.rs, root.rs::get_network_lock_cost @ e2b8367b8)', () => {
  function net(): NetworkState<bigint> {
    const s = testNetwork(X, {
      block: 1100,
      subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO }],
      balances: [
        ['ck', 100n * TAO],
        ['poor', TAO],
      ],
    });
    s.params.networkLastLockCost = 10n * TAO;
    s.params.networkLastRegistered = 100;
    s.params.networkRateLimit = 500;
    return s;
  }
  it('lock = max(min, 2·last − last/interval·elapsed), interval = 100,800 × E/1e9', () => {
    const s = net();
    expect(lockReductionInterval(X, s)).toBe(100_800n);
    expect(networkLockCost(X, s)).toBe(20n * TAO - (10n * TAO / 100_800n) * 1000n);
    s.params.networkLastRegistered = 0;
    expect(networkLockCost(X, s)).toBe(10n * TAO - (10n * TAO / 100_800n) * 1100n); // multiplier 1 before any registration
    s.totalIssuance = 10_500_000_000_000_000n; // emission halved → interval halved
    expect(lockReductionInterval(X, s)).toBe(50_400n);
  });
  it('the pool starts at NetworkMinLockCost TAO and alpha; the rest of the lock is burned from TotalIssuance', () => {
    const s = net();
    const issuance = s.totalIssuance;
    const lock = networkLockCost(X, s);
    const r = registerNetwork(X, s, { coldkey: 'ck', hotkey: 'owner-hk' });
    expect(r.ok && r.value).toMatchObject({ netuid: 2, lock, poolTao: TAO, burned: lock - TAO, taoCreated: 0n });
    const sub = s.subnets.get(2)!;
    expect([sub.tao, sub.alphaIn, sub.alphaOut, sub.movingPrice, sub.mechanism]).toEqual([TAO, TAO, 0n, 0n, 1]);
    expect([sub.owner, sub.ownerHotkey]).toEqual(['ck', 'owner-hk']);
    expect(sub.neurons.hotkeys).toEqual(['owner-hk']);
    expect(sub.hyper).toMatchObject({ maxAllowedUids: 256, maxAllowedValidators: 64, immunityPeriod: 5000, minBurn: 1n, tempo: 99 });
    expect(s.totalIssuance).toBe(issuance - (lock - TAO));
    expect(s.params.networkLastLockCost).toBe(lock);
    expect(s.params.networkLastRegistered).toBe(1100);
  });
  it('errors in order, each leaving the state unchanged', () => {
    const s = net();
    s.hotkeys.set('taken', { owner: 'someone', take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    rejects(s, 'NonAssociatedColdKey', () => registerNetwork(X, s, { coldkey: 'ck', hotkey: 'taken' }));
    s.block = 550;
    rejects(s, 'NetworkTxRateLimitExceeded', () => registerNetwork(X, s, { coldkey: 'ck', hotkey: 'h' }));
    s.block = 1100;
    rejects(s, 'NotEnoughBalanceToStake', () => registerNetwork(X, s, { coldkey: 'poor', hotkey: 'h' }));
  });
});
