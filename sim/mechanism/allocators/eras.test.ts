/**
 * Hand-worked examples per era (2–4 subnets), each chosen so the era's distinguishing rule
 * decides the result, and checked against the neighbouring era where the rule differs. The
 * expected values are derived by hand from the Rust source of each era (commits in rules.ts);
 * inputs are dyadic where possible so the fixed-point results are exact.
 */
import { describe, expect, it } from 'vitest';
import { exactArith as X, I64F64, I96F32, U64F64, U96F32 } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import { ALLOCATOR_ERAS, ALLOCATOR_PROFILE_ALIASES, allocatorEra, allocatorForSpec } from './eras.ts';
import { AllocatorInputError } from './errors.ts';
import { ALLOCATOR_RULES, allocatorRulesForSpec } from './rules.ts';
import { makeContext, makeSubnet, type ContextSpec, type SubnetSpec } from './testing.ts';

const U64_MAX = (1n << 64n) - 1n;
const TAO = 1_000_000_000;
/** a subnet whose alpha issuance is past the first halving: a_s = 0.5 TAO */
const HALVED_ALPHA_OUT = 10_500_000_000_000_000n;

const rao = (T: F.FixedType, x: bigint) => F.saturatingToU64(T, x);
const val = (T: F.FixedType, x: bigint) => F.toNumber(T, x);

function run(spec: number, subs: SubnetSpec[], ctxSpec: ContextSpec = {}) {
  const a = allocatorForSpec(spec);
  const subnets = subs.map((s) => makeSubnet(X, s));
  const ctx = makeContext(X, ctxSpec);
  const shares = a.shares(X, subnets, ctx);
  const { terms, coinbaseType: T } = a.subnetTerms(X, subnets, shares, ctx);
  const r = (x: bigint) => rao(T, x);
  return {
    shares,
    terms,
    T,
    taoEmission: shares.taoEmission.map(r),
    taoIn: terms.map((t) => r(t.taoIn)),
    alphaIn: terms.map((t) => r(t.alphaIn)),
    alphaOut: terms.map((t) => r(t.alphaOut)),
    excess: terms.map((t) => r(t.excessTao)),
  };
}

function movingPrice(spec: number, s: SubnetSpec, c: ContextSpec): bigint {
  return allocatorForSpec(spec).updateMovingPrice(X, makeSubnet(X, s), makeContext(X, c));
}

describe('registry', () => {
  it('eras in order, each with its first main merge and spec versions', () => {
    expect(ALLOCATOR_ERAS.map((e) => [e.id, e.specVersions, e.commit])).toEqual([
      ['A0', [233], 'e2b8367b8'],
      ['A1', [234, 238], 'f95810a25'],
      ['A2', [246, 252], 'a27fff291'],
      ['A3', [257, 258, 261], '8de0d23ca'],
      ['A4', [283], 'e9bbb6134'],
      ['B', [298, 301, 320], '6309d3592'],
      ['C', [334, 338, 342], '6218ecc5c'],
      ['C1', [348, 361, 362, 397], '459fa72d1'],
      ['D', [411], '486037ba4'],
      ['E', [421, 423], '6016381e4'],
      ['F', [425], '14bc6f9f9'],
    ]);
  });
  it('spec lookup picks the newest rule set at or below the spec; aliases', () => {
    expect(allocatorRulesForSpec(233).spec).toBe(233);
    expect(allocatorRulesForSpec(300).spec).toBe(298);
    expect(allocatorRulesForSpec(347).spec).toBe(342);
    expect(allocatorRulesForSpec(ALLOCATOR_PROFILE_ALIASES.taoflow).era).toBe('C');
    expect(allocatorRulesForSpec(ALLOCATOR_PROFILE_ALIASES.netflow).era).toBe('D');
    expect(allocatorRulesForSpec(ALLOCATOR_PROFILE_ALIASES.current).era).toBe('F');
    expect(allocatorRulesForSpec(999).spec).toBe(425);
    expect(() => allocatorRulesForSpec(219)).toThrow(RangeError);
    expect(() => allocatorEra('B').at(334)).toThrow(RangeError);
    expect(allocatorEra('B').at(320).rules.spec).toBe(320);
    expect(ALLOCATOR_RULES.map((r) => r.spec)).toEqual([...ALLOCATOR_RULES.map((r) => r.spec)].sort((a, b) => a - b));
  });
  it('getEmaFlow is present exactly in the flow eras', () => {
    expect(ALLOCATOR_ERAS.filter((e) => e.getEmaFlow !== null).map((e) => e.id)).toEqual(['C', 'C1', 'D']);
  });
});

describe('A0 (233) vs A1 (234/238): uncapped EMA, registration gate', () => {
  it('a price above 1 moves the EMA uncapped at A0 and capped at 1 from 234', () => {
    const s = { netuid: 1, movingPrice: 1, tao: 4_000_000, alphaIn: 1_000_000 }; // reserve price 4
    expect(movingPrice(233, s, { movingAlpha: 0.5 })).toBe(F.fromFloatRound(I96F32, 2.5)); // 0.5·4 + 0.5·1
    expect(movingPrice(234, s, { movingAlpha: 0.5 })).toBe(F.fromInt(I96F32, 1)); // 0.5·1 + 0.5·1
    expect(movingPrice(238, s, { movingAlpha: 0.5 })).toBe(F.fromInt(I96F32, 1));
  });
  it('233/234 zero tao_in when !reg && pow; 238 when !reg && !pow; alpha_in is not gated', () => {
    const subs: SubnetSpec[] = [
      { netuid: 1, tao: 1e12, alphaIn: 1e12, movingPrice: 1 },
      { netuid: 2, tao: 1e12, alphaIn: 1e12, movingPrice: 1, registrationAllowed: false, powRegistrationAllowed: true },
      { netuid: 3, tao: 1e12, alphaIn: 1e12, movingPrice: 1, registrationAllowed: false, powRegistrationAllowed: false },
    ];
    const e = { blockEmission: 3 * TAO };
    for (const spec of [233, 234]) expect(run(spec, subs, e).taoIn).toEqual([1_000_000_000n, 0n, 1_000_000_000n]);
    expect(run(238, subs, e).taoIn).toEqual([1_000_000_000n, 1_000_000_000n, 0n]);
    expect(run(238, subs, e).alphaIn).toEqual([1_000_000_000n, 1_000_000_000n, 1_000_000_000n]);
  });
  it('alpha_in = min(tao_in/p, a_s): a cheap pool is capped at a_s, the TAO is injected in full', () => {
    // te = 2.5e8 and 7.5e8; p = 0.5 → 5e8 (free) and 1.5e9 > a_s = 1e9 (capped)
    const subs: SubnetSpec[] = [
      { netuid: 1, tao: 5e11, alphaIn: 1e12, movingPrice: 1 },
      { netuid: 2, tao: 5e11, alphaIn: 1e12, movingPrice: 3 },
    ];
    const r = run(233, subs);
    expect(r.taoIn).toEqual([250_000_000n, 750_000_000n]);
    expect(r.alphaIn).toEqual([500_000_000n, 1_000_000_000n]);
    expect(r.alphaOut).toEqual([1_000_000_000n, 1_000_000_000n]);
    expect(r.excess).toEqual([0n, 0n]);
  });
  it('every non-root subnet emits at A0, started or not; stable subnets count with mp = 1', () => {
    const subs: SubnetSpec[] = [
      { netuid: 0, mechanism: 0 },
      { netuid: 1, movingPrice: 1, firstEmissionBlock: null },
      { netuid: 2, mechanism: 0 },
      { netuid: 3, movingPrice: 2 },
    ];
    const r = run(233, subs, { blockEmission: 4 * TAO });
    expect(r.shares.netuids).toEqual([1, 2, 3]);
    expect(r.taoEmission).toEqual([1_000_000_000n, 1_000_000_000n, 2_000_000_000n]);
  });
});

describe('A2 (246/252): EMA weight ramps with age since NetworkRegisteredAt', () => {
  const young = { netuid: 1, movingPrice: 0, tao: 1e9, alphaIn: 1e9, registeredAt: 1_000 };
  it('b = H = 201,600 halves α at 252 (0.5 → 0.25); 246 uses H = 100,800 (α·2/3); 238 has no ramp', () => {
    const c = { movingAlpha: 0.5, block: 1_000 + 201_600 };
    expect(movingPrice(252, young, c)).toBe(F.fromFloatRound(I96F32, 0.25));
    expect(Math.abs(val(I96F32, movingPrice(246, young, c)) - 1 / 3)).toBeLessThan(2 ** -31);
    expect(movingPrice(238, young, c)).toBe(F.fromFloatRound(I96F32, 0.5));
  });
  it('a subnet registered this block does not move its EMA (b = 0); the per-subnet H is read', () => {
    expect(movingPrice(252, young, { movingAlpha: 0.5, block: 1_000 })).toBe(0n);
    const h = { ...young, emaPriceHalvingBlocks: 100 };
    expect(movingPrice(252, h, { movingAlpha: 0.5, block: 1_100 })).toBe(F.fromFloatRound(I96F32, 0.25));
  });
});

describe('A3 (257/258/261): started subnets only; age from the start call', () => {
  const subs: SubnetSpec[] = [
    { netuid: 1, movingPrice: 1 },
    { netuid: 2, movingPrice: 1, firstEmissionBlock: null },
    { netuid: 3, movingPrice: 2 },
  ];
  it('an unstarted subnet is left out of the shares and of the EMA update from 257', () => {
    expect(run(252, subs, { blockEmission: 4 * TAO }).taoEmission).toEqual([1_000_000_000n, 1_000_000_000n, 2_000_000_000n]);
    const r = run(257, subs, { blockEmission: 3 * TAO });
    expect(r.shares.netuids).toEqual([1, 3]);
    expect(r.taoEmission).toEqual([1_000_000_000n, 2_000_000_000n]);
    const ctx = makeContext(X);
    const subnets = subs.map((s) => makeSubnet(X, s));
    expect(allocatorForSpec(252).updateMovingPrices(X, subnets, ctx).netuids).toEqual([1, 2, 3]);
    expect(allocatorForSpec(257).updateMovingPrices(X, subnets, ctx).netuids).toEqual([1, 3]);
  });
  it('257 still ages from registration, 258 from FirstEmissionBlockNumber − 1; 261 (U96F32) agrees with 258', () => {
    const s = { netuid: 1, movingPrice: 0, tao: 1e9, alphaIn: 1e9, registeredAt: 0, firstEmissionBlock: 1_000_001 };
    const c = { movingAlpha: 0.5, block: 1_000_000 + 201_600 };
    expect(movingPrice(258, s, c)).toBe(F.fromFloatRound(I96F32, 0.25)); // b = 201,600 = H
    expect(movingPrice(261, s, c)).toBe(F.fromFloatRound(I96F32, 0.25));
    expect(movingPrice(257, s, c)).toBeGreaterThan(F.fromFloatRound(I96F32, 0.4)); // b = 1,201,600 ≫ H
  });
});

describe('A4 (283): the spot price comes from the swap pallet', () => {
  it('same numbers as A3@261 given the same price; a missing price is an input error', () => {
    const subs: SubnetSpec[] = [
      { netuid: 1, movingPrice: 1, spotPrice: 0.5, tao: 1e12, alphaIn: 1e12 },
      { netuid: 2, movingPrice: 3, spotPrice: 0.5, tao: 1e12, alphaIn: 1e12 },
    ];
    expect(run(283, subs).alphaIn).toEqual(run(261, subs).alphaIn);
    expect(run(283, subs).alphaIn).toEqual([500_000_000n, 1_000_000_000n]);
    expect(() => run(283, [{ netuid: 1, movingPrice: 1 }])).toThrow(AllocatorInputError);
    expect(() => run(261, [{ netuid: 1, movingPrice: 1 }])).not.toThrow(); // reserves
  });
});

describe('B (298/301/320): subsidy when p < tao_in/E', () => {
  // shares 1/4, 3/4 of E = 1e9; both prices 0.5: subnet 1 (ratio 0.25) is not subsidized, subnet 2 (0.75) is.
  const subs: SubnetSpec[] = [
    { netuid: 1, movingPrice: 1, spotPrice: 0.5 },
    { netuid: 2, movingPrice: 3, spotPrice: 0.5, alphaOut: HALVED_ALPHA_OUT },
  ];
  it('298: tao_in = p·E, alpha_in = a_s, the rest (2.5e8) buys alpha; 283 injects all TAO with alpha capped', () => {
    const b = run(298, subs);
    expect(b.terms.map((t) => t.subsidized)).toEqual([false, true]);
    expect(b.taoIn).toEqual([250_000_000n, 500_000_000n]);
    expect(b.alphaIn).toEqual([500_000_000n, 500_000_000n]); // subnet 2: a_s = 0.5 TAO after the halving
    expect(b.excess).toEqual([0n, 250_000_000n]);
    const a4 = run(283, subs);
    expect(a4.taoIn).toEqual([250_000_000n, 750_000_000n]);
    expect(a4.alphaIn).toEqual([500_000_000n, 500_000_000n]);
    expect(a4.excess).toEqual([0n, 0n]);
  });
  it('320: the subsidized alpha_in is E (1e9), not a_s', () => {
    expect(run(320, subs).alphaIn).toEqual([500_000_000n, 1_000_000_000n]);
  });
  it('registration off: 298 zeroes tao_in only; 301 zeroes tao_in, alpha_in, alpha_out but keeps the chain buy', () => {
    const off = subs.map((s) => ({ ...s, registrationAllowed: false, powRegistrationAllowed: false }));
    const b298 = run(298, off);
    expect(b298.taoIn).toEqual([0n, 0n]);
    expect(b298.alphaIn).toEqual([500_000_000n, 500_000_000n]);
    const b301 = run(301, off);
    expect([b301.taoIn, b301.alphaIn, b301.alphaOut]).toEqual([
      [0n, 0n],
      [0n, 0n],
      [0n, 0n],
    ]);
    expect(b301.excess).toEqual([0n, 250_000_000n]);
  });
});

describe('C (334/338/342): Taoflow', () => {
  const block = 5_000;
  it('negative EMA flows get 0 with the default cutoff; a negative cutoff lifts them by the most negative flow', () => {
    const subs: SubnetSpec[] = [
      { netuid: 1, spotPrice: 1, emaTaoFlow: [block, -5e8] },
      { netuid: 2, spotPrice: 1, emaTaoFlow: [block, 1e8] },
      { netuid: 3, spotPrice: 1, emaTaoFlow: [block, 3e8] },
    ];
    const s0 = run(334, subs, { block }).shares.share.map((b) => val(U64F64, b));
    [0, 0.25, 0.75].forEach((e, i) => expect(Math.abs(s0[i] - e)).toBeLessThan(1e-7));
    // cutoff −1e9: L = max(−1e9, −5e8) = −5e8 → z = 0, 6e8, 8e8
    const s1 = run(334, subs, { block, taoFlowCutoff: -1e9 }).shares.share.map((b) => val(U64F64, b));
    [0, 6 / 14, 8 / 14].forEach((e, i) => expect(Math.abs(s1[i] - e)).toBeLessThan(1e-7));
    // the moving prices play no part (price-EMA shares would be equal here)
    expect(run(334, subs.map((s) => ({ ...s, movingPrice: 1 })), { block }).shares.share[0]).toBe(0n);
  });
  it('the EMA is advanced once per block and consumes SubnetTaoFlow', () => {
    const subs: SubnetSpec[] = [{ netuid: 1, spotPrice: 1, emaTaoFlow: [block - 1, 1e8], taoFlow: 5e8 }];
    const f = run(334, subs, { block }).shares.flow![0];
    const beta = 29_597_889_189_277 / (2 ** 63 - 1);
    expect(Math.abs(val(I64F64, f.emaTaoFlow.value) - ((1 - beta) * 1e8 + beta * 5e8))).toBeLessThan(1e-6);
    expect(f.emaTaoFlow.block).toBe(block);
    expect(f.resetTaoFlow).toBe(true);
    const again = run(334, [{ ...subs[0], emaTaoFlow: [block, 7] }], { block }).shares.flow![0];
    expect([again.emaTaoFlow.value, again.resetTaoFlow]).toEqual([F.fromInt(I64F64, 7), false]);
  });
  it('missing EMA: min(mp, p) at 334, ×1e9 at 338, from (0, 0) with the update at 348', () => {
    const s: SubnetSpec = { netuid: 1, movingPrice: 0.5, spotPrice: 0.75, taoFlow: 1e9, emaTaoFlow: null };
    const ema = (spec: number) => run(spec, [s], { block }).shares.flow![0];
    expect(ema(334).emaTaoFlow.value).toBe(F.fromFloatRound(I64F64, 0.5));
    expect(ema(334).resetTaoFlow).toBe(false);
    expect(ema(338).emaTaoFlow.value).toBe(F.fromInt(I64F64, 500_000_000));
    const beta = 29_597_889_189_277 / (2 ** 63 - 1);
    expect(Math.abs(val(I64F64, ema(348).emaTaoFlow.value) - beta * 1e9)).toBeLessThan(1e-6);
    expect(ema(348).resetTaoFlow).toBe(true);
  });
  it('334 injects by the B subsidy rule (alpha_in = E); 342 by the cap at a_s (excess buys alpha)', () => {
    // one subnet takes all of E = 1e9 (ratio 1); price 0.25; its alpha issuance is past the halving: a_s = 5e8
    const subs: SubnetSpec[] = [{ netuid: 1, spotPrice: 0.25, emaTaoFlow: [block, 1e9], alphaOut: HALVED_ALPHA_OUT }];
    const c334 = run(334, subs, { block });
    expect([c334.taoIn[0], c334.alphaIn[0], c334.excess[0]]).toEqual([250_000_000n, 1_000_000_000n, 750_000_000n]);
    expect(c334.terms[0].subsidized).toBe(true);
    const c342 = run(342, subs, { block });
    expect([c342.taoIn[0], c342.alphaIn[0], c342.excess[0]]).toEqual([125_000_000n, 500_000_000n, 875_000_000n]);
    expect(c342.terms[0].subsidized).toBe(false);
  });
});

describe('C1 (348/361/362/397): cap min(a_s, E); emitting set', () => {
  const block = 5_000;
  it('with E halved below a_s the cap is E at 362, a_s at 348', () => {
    const subs: SubnetSpec[] = [{ netuid: 1, spotPrice: 0.25, emaTaoFlow: [block, 1e9] }];
    const c = { block, blockEmission: 500_000_000 };
    const r348 = run(348, subs, c);
    expect([r348.taoIn[0], r348.alphaIn[0], r348.excess[0]]).toEqual([250_000_000n, 1_000_000_000n, 250_000_000n]);
    const r362 = run(362, subs, c);
    expect([r362.taoIn[0], r362.alphaIn[0], r362.excess[0]]).toEqual([125_000_000n, 500_000_000n, 375_000_000n]);
  });
  it('registration-disabled subnets are zeroed at 348 but leave the set at 361; PoW-only subnets leave it at 397', () => {
    const subs: SubnetSpec[] = [
      { netuid: 1, spotPrice: 1, emaTaoFlow: [block, 1e8] },
      { netuid: 2, spotPrice: 1, emaTaoFlow: [block, 1e8], registrationAllowed: false, powRegistrationAllowed: false },
      { netuid: 3, spotPrice: 1, emaTaoFlow: [block, 1e8], registrationAllowed: false, powRegistrationAllowed: true },
      { netuid: 4, spotPrice: 1, emaTaoFlow: [block, 1e8], subtokenEnabled: false },
    ];
    const r348 = run(348, subs, { block });
    expect(r348.shares.netuids).toEqual([1, 2, 3, 4]);
    expect(r348.taoIn[1]).toBe(0n);
    expect(r348.alphaOut[1]).toBe(0n);
    expect(run(361, subs, { block }).shares.netuids).toEqual([1, 3]);
    expect(run(397, subs, { block }).shares.netuids).toEqual([1]);
  });
});

describe('D (411): net flow with the normalized protocol EMA; emission-disabled subnets', () => {
  const block = 5_000;
  const cur = (v: number): [number, number] => [block, v];
  it('protocol flow moves emission: k = min(1, ΣS⁺/ΣP⁺) = 0.8, net = 6e8 and −6e8 → shares 1 and 0', () => {
    const subs: SubnetSpec[] = [
      { netuid: 1, spotPrice: 1, emaTaoFlow: cur(1e9), emaProtocolFlow: cur(5e8) },
      { netuid: 2, spotPrice: 1, emaTaoFlow: cur(1e9), emaProtocolFlow: cur(2e9) },
    ];
    const d = run(411, subs, { block });
    expect(d.shares.flow!.map((f) => val(I64F64, f.netFlow))).toEqual([6e8, -6e8]);
    expect(d.shares.share).toEqual([1n << 64n, 0n]);
    expect(run(411, subs, { block, netTaoFlowEnabled: false }).shares.share).toEqual([1n << 63n, 1n << 63n]);
    expect(run(397, subs, { block }).shares.share).toEqual([1n << 63n, 1n << 63n]); // C1 ignores protocol flow
  });
  it('a negative protocol EMA (root sells) is a benefit, kept unscaled', () => {
    const subs: SubnetSpec[] = [
      { netuid: 1, spotPrice: 1, emaTaoFlow: cur(1e9), emaProtocolFlow: cur(-1e9) },
      { netuid: 2, spotPrice: 1, emaTaoFlow: cur(1e9), emaProtocolFlow: cur(1e9) },
    ];
    // ΣS⁺ = 2e9, ΣP⁺ = 1e9 → k = 1; net = 2e9, 0
    expect(run(411, subs, { block }).shares.flow!.map((f) => val(I64F64, f.netFlow))).toEqual([2e9, 0]);
  });
  it('the protocol EMA is advanced every block (β = 1: it becomes the block flow)', () => {
    const subs: SubnetSpec[] = [{ netuid: 1, spotPrice: 1, emaTaoFlow: cur(1e9), emaProtocolFlow: [block - 1, 0], protocolFlow: 3e8 }];
    const f = run(411, subs, { block, flowEmaSmoothingFactor: (1n << 63n) - 1n }).shares.flow![0];
    expect(f.emaProtocolFlow).toEqual({ block, value: F.fromInt(I64F64, 300_000_000) });
    expect(f.resetProtocolFlow).toBe(true);
  });
  it('a disabled subnet keeps its alpha_out but its share goes to the enabled ones', () => {
    const subs: SubnetSpec[] = [1, 2, 3, 4].map((netuid) => ({
      netuid,
      spotPrice: 1,
      emaTaoFlow: cur(1e9),
      emissionEnabled: netuid !== 3,
    }));
    const d = run(411, subs, { block, blockEmission: 3 * TAO });
    expect(d.shares.share.map((b) => val(U64F64, b))).toEqual([1 / 3, 1 / 3, 0, 1 / 3].map((x) => expect.closeTo(x, 12)));
    expect(d.taoIn[2]).toBe(0n);
    expect(d.alphaOut[2]).toBe(1_000_000_000n);
    const all = run(411, subs.map((s) => ({ ...s, emissionEnabled: false })), { block });
    expect(all.shares.share).toEqual([0n, 0n, 0n, 0n]);
  });
});

describe('E (421/423) vs F (425): MinerBurned and root proportion', () => {
  // root 1000 TAO-weighted fully; alpha issuance 1000 / 3000 → root_prop 0.5 / 0.25; subnet 1 burns half its miner emission
  const subs: SubnetSpec[] = [
    { netuid: 1, movingPrice: 1, spotPrice: 1, alphaOut: 1_000, minerBurned: 0.5 },
    { netuid: 2, movingPrice: 1, spotPrice: 1, alphaOut: 3_000, minerBurned: 0 },
  ];
  const ctx: ContextSpec = { rootTao: 1_000, taoWeight: U64_MAX };
  it('E weights 0.5·0.5·0.5 = 0.125 and 0.5·0.25 = 0.125 → 1/2, 1/2; F weights 0.25 and 0.5 → 1/3, 2/3', () => {
    expect(run(421, subs, ctx).shares.share).toEqual([1n << 63n, 1n << 63n]);
    const f = run(425, subs, ctx).shares.share.map((b) => val(U64F64, b));
    expect(f[0]).toBeCloseTo(1 / 3, 15);
    expect(f[1]).toBeCloseTo(2 / 3, 15);
  });
  it('the injection cap root_prop·a_s: 5e8 and 2.5e8; subnet 2 is capped, its excess buys alpha', () => {
    const e = run(421, subs, ctx);
    expect(e.taoEmission).toEqual([500_000_000n, 500_000_000n]);
    expect(e.alphaIn).toEqual([500_000_000n, 250_000_000n]);
    expect(e.taoIn).toEqual([500_000_000n, 250_000_000n]);
    expect(e.excess).toEqual([0n, 250_000_000n]);
    expect(e.terms.map((t) => (t.rootProportion === null ? null : val(U96F32, t.rootProportion)))).toEqual([0.5, 0.25]);
    const f = run(425, subs, ctx);
    expect(f.alphaIn).toEqual([333_333_333n, 250_000_000n]);
    expect(f.excess[1]).toBe(416_666_666n);
  });
  it('D ignores MinerBurned and root proportion (flow shares)', () => {
    const d = run(411, subs.map((s) => ({ ...s, emaTaoFlow: [1000, 1e9] as [number, number] })), { ...ctx, block: 1000 });
    expect(d.shares.share).toEqual([1n << 63n, 1n << 63n]);
  });
  it('423 computes the EMA in U64F64, 421 in U96F32 (both stored as I96F32)', () => {
    const ref = (T: F.FixedType, mp: number) => {
      // α·(b/(b+H))·min(p,1) + (1 − α·(b/(b+H)))·mp, b = H/2 → ratio 1/3
      const ratio = F.safeDiv(T, F.fromInt(T, 100_800), F.fromInt(T, 302_400));
      const a = F.saturatingMul(T, F.saturatingConvert(I96F32, T, F.fromFloatRound(I96F32, 0.5)), ratio);
      const cur = F.saturatingMul(T, a, F.fromInt(T, 1));
      const mov = F.saturatingMul(T, F.saturatingSub(T, F.fromInt(T, 1), a), F.saturatingConvert(I96F32, T, F.fromFloatRound(I96F32, mp)));
      return F.saturatingConvert(T, I96F32, F.saturatingAdd(T, cur, mov));
    };
    let differ = 0;
    for (const mp of [0.1, 0.3, 0.7, 0.123456789, 0.9]) {
      const s = { netuid: 1, movingPrice: mp, spotPrice: 1, firstEmissionBlock: 1 };
      const c = { movingAlpha: 0.5, block: 100_800 };
      expect(movingPrice(421, s, c)).toBe(ref(U96F32, mp));
      expect(movingPrice(423, s, c)).toBe(ref(U64F64, mp));
      if (ref(U96F32, mp) !== ref(U64F64, mp)) differ++;
    }
    expect(differ).toBeGreaterThan(0);
  });
});
