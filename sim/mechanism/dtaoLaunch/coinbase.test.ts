import { describe, expect, it } from 'vitest';
import { I96F32, exactArith as X, fastArith as F } from '../../math/arith.ts';
import { createChildkeyScheduler, scheduleChildren } from './childkeys.ts';
import { blocksUntilNextEpoch, dtaoLaunchBlockStep, runCoinbase, shouldRunEpoch } from './coinbase.ts';
import { testNetwork } from './testNetwork.ts';

const TAO = 1_000_000_000n;
const HALF_WEIGHT = 1n << 63n; // TaoWeight 2^63 → tao_weight = 0.5 exactly in I96F32
const ONE = 1n << 32n;

describe('epoch schedule (run_coinbase.rs::blocks_until_next_epoch @ e2b8367b8)', () => {
  it('reproduces tests/emission.rs', () => {
    expect(blocksUntilNextEpoch(1, 10, 5)).toBe(3);
    expect(blocksUntilNextEpoch(2, 20, 15)).toBe(2);
    expect(blocksUntilNextEpoch(3, 30, 25)).toBe(1);
    expect(blocksUntilNextEpoch(1, 10, 9)).toBe(10);
    expect(blocksUntilNextEpoch(2, 20, 21)).toBe(17);
    expect(blocksUntilNextEpoch(2, 10, 5)).toBe(2);
    expect(blocksUntilNextEpoch(3, 10, 5)).toBe(1);
    expect(blocksUntilNextEpoch(1, 65534, 100)).toBe(65535 - 103);
    expect(shouldRunEpoch(1, 0, 100)).toBe(false);
  });
  it('runs when (block + netuid + 1) mod (tempo + 1) == tempo: the doc comment table', () => {
    // tempo | netuid | first epoch block: 1 0 0; 1 1 1; 2 0 1; 2 1 0; 100 0 99; 100 1 98
    const first = (tempo: number, netuid: number) => {
      let b = 0;
      while (!shouldRunEpoch(netuid, tempo, b)) b++;
      return b;
    };
    expect([first(1, 0), first(1, 1), first(2, 0), first(2, 1), first(100, 0), first(100, 1)]).toEqual([0, 1, 1, 0, 99, 98]);
    // period tempo + 1
    expect(shouldRunEpoch(1, 99, 97)).toBe(true);
    expect(shouldRunEpoch(1, 99, 197)).toBe(true);
    expect(shouldRunEpoch(1, 99, 196)).toBe(false);
  });
});

describe('run_coinbase (spec 233)', () => {
  it('one subnet, no root stake: tao_in = E, alpha_in = a, owner cut 11796/65535 of alpha_out to PendingOwnerCut', () => {
    const s = testNetwork(X, { subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO, movingPrice: 1 }] });
    const issuance0 = s.totalIssuance;
    const r = runCoinbase(X, s, TAO);
    const sub = s.subnets.get(1)!;
    expect(sub.taoInEmission).toBe(TAO);
    expect(sub.alphaInEmission).toBe(TAO);
    expect(sub.alphaOutEmission).toBe(TAO);
    expect(sub.tao).toBe(2n * TAO);
    expect(sub.alphaIn).toBe(2n * TAO);
    expect(sub.alphaOut).toBe(TAO);
    expect(s.totalIssuance).toBe(issuance0 + TAO);
    // cut = trunc(11796·2^32/65535) bits; owner = floor(1e9·cut)
    const cutBits = (11796n << 32n) / 65535n;
    const ownerRao = (TAO * cutBits) >> 32n;
    expect(ownerRao).toBe(179_995_422n);
    expect(sub.pendingOwnerCut).toBe(ownerRao);
    expect(sub.pendingEmission).toBe(((TAO << 32n) - TAO * cutBits) >> 32n);
    expect(sub.pendingEmission + sub.pendingOwnerCut).toBe(TAO - 1n); // both floors drop a fraction: 1 rao of dust
    expect(sub.pendingAlphaSwapped).toBe(0n);
    expect(sub.pendingRootDivs).toBe(0n);
    // price stays 1 and the moving price is the EMA of 1 and 1 = 1
    expect(sub.movingPrice).toBe(ONE);
    expect(r.subnets[0].epochRan).toBe(false);
    expect(sub.blocksSinceLastStep).toBe(1);
  });

  it('root share: W = SubnetTAO(0)·tw, root_prop = W/(W + issuance), half of it sold through the pool now', () => {
    // TaoWeight 0.5, root TAO 2e9 → W = 1e9; after injection issuance = 2e9 + 1e9 → root_prop = 1/4;
    // root_alpha = 1/4 · 1e9 · 1/2 = 125e6; selling 125e6 alpha into 2e9/2e9: tao = floor(2e9 − 4e18/2.125e9)
    const s = testNetwork(X, {
      subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO, movingPrice: 1 }],
      rootStakes: [['v', 'cv', 2n * TAO]],
      taoWeight: HALF_WEIGHT,
    });
    s.params.subnetOwnerCut = 0;
    const r = runCoinbase(X, s, TAO);
    const sub = s.subnets.get(1)!;
    expect(r.subnets[0].rootProportion).toBe(ONE / 4n);
    expect(sub.pendingAlphaSwapped).toBe(125_000_000n);
    expect(sub.pendingEmission).toBe(875_000_000n);
    expect(sub.pendingRootDivs).toBe(117_647_058n);
    expect(sub.alphaIn).toBe(2_125_000_000n);
    expect(sub.alphaOut).toBe(875_000_000n);
    expect(sub.tao).toBe(2n * TAO - 117_647_058n);
    expect(sub.volume).toBe(117_647_058n);
    // the moving price moves toward the (lower) spot price after the sale
    const p = X.checkedDiv(I96F32, X.fromAmount(I96F32, sub.tao), X.fromAmount(I96F32, sub.alphaIn))!;
    const alpha = X.c(I96F32, 0.000003);
    expect(sub.movingPrice).toBe(((alpha * p) >> 32n) + (((ONE - alpha) * ONE) >> 32n));
  });

  it('shares by moving price; alpha_in = min(tao_in/price, a); Σ tao_in = E', () => {
    const s = testNetwork(X, {
      subnets: [
        { netuid: 1, tao: TAO, alphaIn: 2n * TAO, movingPrice: 1 }, // price 0.5
        { netuid: 2, tao: TAO, alphaIn: 10n * TAO, movingPrice: 3 }, // price 0.1 (inexact in I96F32)
      ],
    });
    runCoinbase(X, s, TAO);
    const [a, b] = [s.subnets.get(1)!, s.subnets.get(2)!];
    expect(a.taoInEmission).toBe(250_000_000n);
    expect(b.taoInEmission).toBe(750_000_000n);
    expect(a.alphaInEmission).toBe(500_000_000n); // 0.25e9 / 0.5
    expect(b.alphaInEmission).toBe(TAO); // 0.75e9 / 0.1 > a = 1e9: capped
    expect(a.alphaOutEmission).toBe(TAO);
    expect(a.taoInEmission + b.taoInEmission).toBe(TAO);
  });

  it('registration off and PoW on: no TAO, alpha_in from the TAO share all the same', () => {
    const s = testNetwork(X, {
      subnets: [{ netuid: 1, tao: TAO, alphaIn: 2n * TAO, movingPrice: 1, hyper: { registrationAllowed: false, powRegistrationAllowed: true } }],
    });
    const issuance = s.totalIssuance;
    runCoinbase(X, s, TAO);
    const sub = s.subnets.get(1)!;
    expect(sub.taoInEmission).toBe(0n);
    expect(sub.alphaInEmission).toBe(2n * TAO > TAO ? TAO : 0n); // 1e9/0.5 = 2e9 capped at a = 1e9
    expect(s.totalIssuance).toBe(issuance);
  });

  it('a zero moving price gets no TAO (new subnets start at 0 at spec 233)', () => {
    const s = testNetwork(X, {
      subnets: [
        { netuid: 1, tao: TAO, alphaIn: TAO, movingPrice: 1 },
        { netuid: 2, tao: TAO, alphaIn: TAO, movingPrice: 0 },
      ],
    });
    runCoinbase(X, s, TAO);
    expect(s.subnets.get(2)!.taoInEmission).toBe(0n);
    expect(s.subnets.get(2)!.alphaInEmission).toBe(0n);
    expect(s.subnets.get(2)!.alphaOutEmission).toBe(TAO); // participants still get alpha
    expect(s.subnets.get(1)!.taoInEmission).toBe(TAO);
  });

  it('block step: E from TotalIssuance; BlockEmission ends as the last subnet’s alpha emission; drains on the due block', () => {
    const s = testNetwork(X, {
      block: 8, // netuid 1, tempo 10: (8 + 1 + 1) mod 11 == 10 == tempo
      subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO, movingPrice: 1, hyper: { tempo: 10 }, neurons: ['a'] }],
    });
    s.subnets.get(1)!.alphaOut = 11_000_000_000_000_000n; // alpha issuance past the first halving
    const r = dtaoLaunchBlockStep(X, s);
    expect(r.blockEmission).toBe(TAO);
    expect(s.blockEmission).toBe(TAO / 2n);
    expect(r.drains.length).toBe(1);
    const sub = s.subnets.get(1)!;
    expect(sub.pendingEmission).toBe(0n);
    expect(sub.pendingOwnerCut).toBe(0n);
    expect(sub.lastMechanismStepBlock).toBe(8);
    expect(sub.blocksSinceLastStep).toBe(0);
  });

  it('pending children apply in the block step once their cooldown block is below the current block', () => {
    const s = testNetwork(X, {
      block: 10,
      subnets: [{ netuid: 1, tao: TAO, alphaIn: TAO, movingPrice: 1, neurons: ['p', 'c1', 'c2'] }],
    });
    const sched = createChildkeyScheduler();
    s.hotkeys.get('p')!.owner = 'owner';
    expect(scheduleChildren(X, s, sched, { coldkey: 'owner', hotkey: 'p', netuid: 1, children: [[HALF_WEIGHT, 'c1']] }).ok).toBe(true);
    s.block = 11;
    expect(dtaoLaunchBlockStep(X, s, { childkeys: sched }).childkeysApplied).toEqual([]); // cooldown 11 is not < 11
    s.block = 12;
    expect(dtaoLaunchBlockStep(X, s, { childkeys: sched }).childkeysApplied).toEqual([[1, ['p']]]);
    expect(s.hotkeys.get('p')!.children.get(1)).toEqual([[HALF_WEIGHT, 'c1']]);
    expect(s.hotkeys.get('c1')!.parents.get(1)).toEqual([[HALF_WEIGHT, 'p']]);
    // replacing the children removes the parent from the old child
    s.block = 200;
    expect(scheduleChildren(X, s, sched, { coldkey: 'owner', hotkey: 'p', netuid: 1, children: [[1n, 'c2']] }).ok).toBe(true);
    s.block = 202;
    dtaoLaunchBlockStep(X, s, { childkeys: sched });
    expect(s.hotkeys.get('c1')!.parents.get(1)).toEqual([]);
    expect(s.hotkeys.get('c2')!.parents.get(1)).toEqual([[1n, 'p']]);
    expect(sched.pending.size).toBe(0);
  });

  it('fast mode follows exact on one block', () => {
    const mk = <N>(A: typeof X | typeof F) =>
      testNetwork(A as never, {
        subnets: [
          { netuid: 1, tao: 7n * TAO, alphaIn: 5n * TAO, movingPrice: 1.2 },
          { netuid: 2, tao: 3n * TAO, alphaIn: 9n * TAO, movingPrice: 0.4 },
        ],
        rootStakes: [['v', 'cv', 50n * TAO]],
      }) as never as ReturnType<typeof testNetwork<N>>;
    const sx = mk<bigint>(X);
    const sf = mk<number>(F);
    runCoinbase(X, sx, TAO);
    runCoinbase(F, sf, 1e9);
    for (const netuid of [1, 2]) {
      const a = sx.subnets.get(netuid)!;
      const b = sf.subnets.get(netuid)!;
      for (const k of ['tao', 'alphaIn', 'alphaOut', 'pendingEmission', 'pendingRootDivs', 'pendingAlphaSwapped', 'pendingOwnerCut'] as const)
        expect(Math.abs(Number(a[k]) - b[k])).toBeLessThanOrEqual(2);
      expect(Math.abs(X.value(I96F32, a.movingPrice) - b.movingPrice)).toBeLessThan(1e-9);
    }
  });
});
