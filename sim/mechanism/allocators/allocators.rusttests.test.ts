/**
 * The subtensor Rust tests that concern shares, injection terms, the price EMA and the flow
 * EMAs, each reproduced at the era whose source it was written against (mechanism.md §13.5;
 * `pallets/subtensor/src/tests/coinbase.rs` and `tests/subnet_emissions.rs` at the commit
 * named in each `describe`). Exact mode; where the Rust test asserts equality so do we, where it
 * allows an epsilon we use the same one. What the Rust tests read from the mock runtime (pool
 * prices of `setup_reserves`, `add_network`'s stable mechanism) is written out here.
 */
import { describe, expect, it } from 'vitest';
import { exactArith as X, I96F32, U64F64, U96F32 } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import { allocatorForSpec } from './eras.ts';
import { getSubnetsToEmitTo } from './getSubnetsToEmitTo.ts';
import { inplacePowNormalize } from './inplacePowNormalize.ts';
import { alphaBlockEmission } from './internal.ts';
import { rootProportion } from './rootProportion.ts';
import { subnetTerms } from './getSubnetTerms.ts';
import { makeContext, makeSubnet, type ContextSpec, type SubnetSpec } from './testing.ts';

const U64_MAX = (1n << 64n) - 1n;
/** `set_full_injection_root_stake()` (HEAD tests): root TAO 1e18, TaoWeight u64::MAX. */
const FULL_ROOT: ContextSpec = { rootTao: 1_000_000_000_000_000_000n, taoWeight: U64_MAX };

const rao = (T: F.FixedType, x: bigint) => F.saturatingToU64(T, x);
const val = (T: F.FixedType, x: bigint) => F.toNumber(T, x);

/** shares + terms at `spec`. */
function coinbase(spec: number, subs: SubnetSpec[], ctxSpec: ContextSpec) {
  const a = allocatorForSpec(spec);
  const subnets = subs.map((s) => makeSubnet(X, s));
  const ctx = makeContext(X, ctxSpec);
  const shares = a.shares(X, subnets, ctx);
  const { terms, coinbaseType: T } = a.subnetTerms(X, subnets, shares, ctx);
  return { shares, terms, T };
}

describe('A0, spec 233 (coinbase.rs @ e2b8367b8)', () => {
  it('test_coinbase_tao_issuance_base / _base_low: one stable subnet gets all of E', () => {
    for (const e of [1_234_567, 1]) {
      const { terms, T } = coinbase(233, [{ netuid: 1, mechanism: 0 }], { blockEmission: e });
      expect(rao(T, terms[0].taoIn)).toBe(BigInt(e));
    }
  });
  it('test_coinbase_tao_issuance_multiple: three stable subnets get E/3 each, Σ = E', () => {
    const subs = [1, 2, 3].map((netuid) => ({ netuid, mechanism: 0 as const }));
    const { terms, T } = coinbase(233, subs, { blockEmission: 3_333_333 });
    expect(terms.map((t) => rao(T, t.taoIn))).toEqual([1_111_111n, 1_111_111n, 1_111_111n]);
  });
  it('test_coinbase_tao_issuance_different_prices: moving prices 1 and 2 split E 1:2', () => {
    const subs = [
      { netuid: 1, movingPrice: 1 },
      { netuid: 2, movingPrice: 2 },
    ];
    const { terms, T } = coinbase(233, subs, { blockEmission: 100_000_000 });
    expect(terms.map((t) => rao(T, t.taoIn))).toEqual([33_333_333n, 66_666_666n]);
    const total = terms.reduce((s, t) => s + rao(T, t.taoIn), 0n);
    expect(Number(100_000_000n - total)).toBeLessThanOrEqual(2); // close(TotalIssuance, emission, 2)
  });
  it('test_coinbase_alpha_issuance_base: stable pools at price 1 take alpha_in = tao_in = E/2', () => {
    const subs = [1, 2].map((netuid) => ({ netuid, mechanism: 0 as const, tao: 1_000_000, alphaIn: 1_000_000 }));
    const { terms, T } = coinbase(233, subs, { blockEmission: 1_000_000 });
    expect(terms.map((t) => rao(T, t.alphaIn))).toEqual([500_000n, 500_000n]);
  });
  it('test_coinbase_alpha_issuance_different: alpha_in = tao_in / price (price 1)', () => {
    const subs = [
      { netuid: 1, tao: 1_000_000, alphaIn: 1_000_000, movingPrice: 1 },
      { netuid: 2, tao: 1_000_000, alphaIn: 1_000_000, movingPrice: 2 },
    ];
    const { terms, T } = coinbase(233, subs, { blockEmission: 1_000_000 });
    expect(terms.map((t) => rao(T, t.alphaIn))).toEqual([333_333n, 666_666n]);
  });
  it('test_coinbase_alpha_issuance_with_cap_trigger: alpha_in capped at a_s = 1e9, alpha_out = a_s', () => {
    const subs = [
      { netuid: 1, tao: 1_000, alphaIn: 1_000_000_000, movingPrice: 1 },
      { netuid: 2, tao: 1_000, alphaIn: 1_000_000_000, movingPrice: 2 },
    ];
    const { terms, T } = coinbase(233, subs, { blockEmission: 1_000_000 });
    for (const t of terms) {
      expect(rao(T, t.alphaIn)).toBe(1_000_000_000n);
      expect(rao(T, t.alphaOut)).toBe(1_000_000_000n);
    }
  });
  it('test_coinbase_alpha_issuance_with_cap_trigger_and_block_emission: alpha issuance above 21M → a_s = 0, nothing injected', () => {
    const subs = [1, 2].map((netuid) => ({
      netuid,
      tao: 1_000,
      alphaIn: 1_000_000_000,
      alphaOut: 22_000_000_000_000_000n,
      movingPrice: netuid,
    }));
    const { terms } = coinbase(233, subs, { blockEmission: 1_000_000 });
    for (const t of terms) {
      expect(t.alphaIn).toBe(0n);
      expect(t.alphaOut).toBe(0n);
    }
  });
  it('test_coinbase_moving_prices: fixed point at price 1; α = 1 jumps; α = 0.1 six times gives exactly from_num(0.468559)', () => {
    const a = allocatorForSpec(233);
    const s = makeSubnet(X, { netuid: 1, tao: 1_000_000, alphaIn: 1_000_000, movingPrice: 1 });
    s.state.movingPrice = a.updateMovingPrice(X, s, makeContext(X));
    expect(s.state.movingPrice).toBe(F.fromInt(I96F32, 1));
    s.state.movingPrice = 0n;
    s.state.movingPrice = a.updateMovingPrice(X, s, makeContext(X, { movingAlpha: 1 }));
    expect(s.state.movingPrice).toBe(F.fromInt(I96F32, 1));
    s.state.movingPrice = 0n;
    const ctx = makeContext(X, { movingAlpha: 0.1 });
    for (let i = 0; i < 6; i++) s.state.movingPrice = a.updateMovingPrice(X, s, ctx);
    expect(s.state.movingPrice).toBe(F.fromFloatRound(I96F32, 0.468559));
  });
});

describe('A2, spec 252 (coinbase.rs @ b61dd3020): EMA weight ramps from NetworkRegisteredAt', () => {
  const a = allocatorForSpec(252);
  const s = () => makeSubnet(X, { netuid: 1, tao: 1_000_000, alphaIn: 1_000_000, movingPrice: 0, registeredAt: 500 });
  it('test_update_moving_price_initial: 10 blocks after registration the EMA barely moves (< 0.001)', () => {
    const mp = a.updateMovingPrice(X, s(), makeContext(X, { movingAlpha: 0.5, block: 510 }));
    expect(val(I96F32, mp)).toBeLessThan(0.001);
  });
  it('test_update_moving_price_after_time: long after registration it moves by α = 0.5 (±0.001)', () => {
    const mp = a.updateMovingPrice(X, s(), makeContext(X, { movingAlpha: 0.5, block: 144_000_500 }));
    expect(Math.abs(val(I96F32, mp) - 0.5)).toBeLessThan(0.001);
  });
});

describe('C, spec 334 (coinbase.rs @ 6218ecc5c): Taoflow shares, B injection', () => {
  it('test_zero_shares_zero_emission: zero moving prices and no EMA → every share 0, nothing injected', () => {
    const subs = [1, 2].map((netuid) => ({ netuid, tao: 1_000_000, alphaIn: 1_000_000, movingPrice: 0, spotPrice: 1 }));
    const { shares, terms } = coinbase(334, subs, { blockEmission: 1_000_000 });
    expect(shares.share).toEqual([0n, 0n]);
    for (const t of terms) expect(t.alphaIn).toBe(0n);
    expect(shares.flow!.map((f) => f.emaTaoFlow.value)).toEqual([0n, 0n]); // initialized to min(mp, p) = 0
  });
  it('test_coinbase_tao_issuance_base_low_flow: a single subnet gets share exactly 1, tao_in 1 rao', () => {
    const block = 216_000;
    const { shares, terms, T } = coinbase(
      334,
      [{ netuid: 1, emaTaoFlow: [block, 1_000_000_000], spotPrice: 1, movingPrice: 1 }],
      { blockEmission: 1, block },
    );
    expect(shares.share).toEqual([1n << 64n]);
    expect(shares.taoEmission).toEqual([1n << 32n]);
    expect(rao(T, terms[0].taoIn)).toBe(1n);
  });
  it('test_coinbase_tao_issuance_different_flows: EMA flows 1:2 split E 1:3/2:3; prices 0.1/0.2 are subsidized', () => {
    const block = 216_000;
    const e = 100_000_000;
    const subs = [
      { netuid: 1, movingPrice: 2, spotPrice: 0.1, emaTaoFlow: [block, 1] as [number, number] },
      { netuid: 2, movingPrice: 1, spotPrice: 0.2, emaTaoFlow: [block, 2] as [number, number] },
    ];
    const { terms, T } = coinbase(334, subs, { blockEmission: e, block });
    // SubnetTAO grows by tao_in + the TAO of the chain buy (±10)
    expect(Math.abs(Number(rao(T, terms[0].taoIn) + rao(T, terms[0].excessTao)) - e / 3)).toBeLessThanOrEqual(10);
    expect(Math.abs(Number(rao(T, terms[1].taoIn) + rao(T, terms[1].excessTao)) - (2 * e) / 3)).toBeLessThanOrEqual(10);
    // TotalIssuance grows by tao_in only: (0.1 + 0.2)·E (±10)
    const issued = Number(rao(T, terms[0].taoIn) + rao(T, terms[1].taoIn));
    expect(Math.abs(issued - 0.3 * e)).toBeLessThanOrEqual(10);
    expect(terms.every((t) => t.subsidized)).toBe(true);
  });
});

describe('inplace_pow_normalize (tests/subnet_emissions.rs, 6218ecc5c … 14bc6f9f9)', () => {
  const u = (x: number) => X.c(U64F64, x);
  const norm = (xs: number[], p: number) => inplacePowNormalize(X, xs.map(u), u(p)).map((b) => val(U64F64, b));
  it('all_zero_inputs_no_panic_and_unchanged', () => {
    expect(inplacePowNormalize(X, [0n, 0n, 0n], u(1))).toEqual([0n, 0n, 0n]);
  });
  it('tiny_values_no_panic (p = 2): v²/Σv² within 1%', () => {
    const v = [1e-9, 2e-9, 3e-9];
    const out = norm(v, 2);
    v.forEach((x, i) => {
      const expected = (x * 1e18 * x) / 14;
      expect(Math.abs(out[i] - expected)).toBeLessThanOrEqual(expected / 100);
    });
  });
  it('large_values_no_overflow_and_sum_to_one (p = 2)', () => {
    const out = norm([1e9, 5e9, 1e10], 2);
    expect(Math.abs(out.reduce((a, b) => a + b) - 1)).toBeLessThanOrEqual(1e-9);
    for (const x of out) expect(x >= 0 && x <= 1).toBe(true);
  });
  it('regular_case_relative_proportions_preserved (p = 1): 0.2 / 0.3 / 0.5 within 0.001, Σ = 1 within 1e-12', () => {
    const out = norm([2, 3, 5], 1);
    [0.2, 0.3, 0.5].forEach((e, i) => expect(Math.abs(out[i] - e)).toBeLessThanOrEqual(0.001));
    expect(Math.abs(out.reduce((a, b) => a + b) - 1)).toBeLessThanOrEqual(1e-12);
  });
  it('fractional_exponent (p = 1.0 … 2.0): x^p/Σx^p within 1%, Σ = 1 within 1e-12', () => {
    for (const p of [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0]) {
      const out = norm([2, 3, 5], p);
      const sum = 2 ** p + 3 ** p + 5 ** p;
      [2, 3, 5].forEach((x, i) => {
        const e = x ** p / sum;
        expect(Math.abs(out[i] - e)).toBeLessThanOrEqual(e / 100);
      });
      expect(Math.abs(out.reduce((a, b) => a + b) - 1)).toBeLessThanOrEqual(1e-12);
    }
  });
});

describe('C1, spec 362 (coinbase.rs @ 8834a7c73)', () => {
  it('test_get_subnet_terms_alpha_emissions_cap: cap min(a_s, E) = E; 1e8 passes, 1e10 is capped to E exactly', () => {
    const a = allocatorForSpec(362);
    const subnet = makeSubnet(X, { netuid: 1, tao: 1_000_000_000, alphaIn: 1_000_000_000, spotPrice: 1 });
    const ctx = makeContext(X, { blockEmission: 1_000_000_000 });
    const e1 = F.fromInt(U96F32, 100_000_000);
    expect(subnetTerms(X, a.rules, subnet, e1, ctx).alphaIn).toBe(e1);
    const e2 = F.fromInt(U96F32, 10_000_000_000);
    expect(subnetTerms(X, a.rules, subnet, e2, ctx).alphaIn).toBe(F.fromInt(U96F32, 1_000_000_000));
  });
  it('test_coinbase_subnets_with_no_reg_get_no_emission: registration or PoW keeps a subnet in the set', () => {
    const rules = allocatorForSpec(362).rules;
    const both = [
      makeSubnet(X, { netuid: 1, registrationAllowed: true, powRegistrationAllowed: false }),
      makeSubnet(X, { netuid: 2, registrationAllowed: true, powRegistrationAllowed: true }),
    ];
    expect(getSubnetsToEmitTo(rules, both)).toEqual([0, 1]);
    both[0].state.hyper = { registrationAllowed: false, powRegistrationAllowed: false };
    expect(getSubnetsToEmitTo(rules, both)).toEqual([1]);
  });
});

describe('D, spec 411 (coinbase.rs, subnet_emissions.rs @ 486037ba4)', () => {
  it('test_coinbase_tao_issuance_multiple: equal flows split E in three (±1)', () => {
    const subs = [1, 2, 3].map((netuid) => ({ netuid, mechanism: 0 as const, taoFlow: 100_000_000 }));
    const { shares, T } = coinbase(411, subs, { blockEmission: 3_333_333, block: 1 });
    for (const te of shares.taoEmission) expect(Math.abs(Number(rao(T, te)) - 1_111_111)).toBeLessThanOrEqual(1);
  });
  it('test_coinbase_disabled_subnet_emission_redistributes_tao_to_enabled_subnets', () => {
    const subs = [1, 2, 3].map((netuid) => ({
      netuid,
      mechanism: 0 as const,
      taoFlow: 100_000_000,
      emissionEnabled: netuid !== 2,
    }));
    const { shares, terms, T } = coinbase(411, subs, { blockEmission: 3_333_333, block: 1 });
    const te = shares.taoEmission.map((x) => val(T, x));
    expect(Math.abs(te[0] - 3_333_333 / 2)).toBeLessThanOrEqual(2);
    expect(te[1]).toBe(0);
    expect(Math.abs(te[2] - 3_333_333 / 2)).toBeLessThanOrEqual(2);
    expect(terms[1].alphaIn).toBe(0n);
    expect(terms[1].excessTao).toBe(0n);
    expect(terms[1].alphaOut > 0n).toBe(true);
  });
  it('protocol_normalization_keeps_eligible_subnet_count_from_collapsing (70 subnets)', () => {
    const subs = Array.from({ length: 70 }, (_, i) => ({
      netuid: i + 1,
      mechanism: 0 as const,
      taoFlow: 100,
      protocolFlow: 40 + 4 * i,
    }));
    const { shares, T } = coinbase(411, subs, {
      blockEmission: 1_000_000_000,
      block: 1,
      flowEmaSmoothingFactor: (1n << 63n) - 1n,
      netTaoFlowEnabled: true,
      flowNormExponent: 1,
      taoFlowCutoff: 0,
    });
    const te = shares.taoEmission.map((x) => val(T, x));
    const eligible = te.filter((x) => x > 0).length;
    // user EMA 100 each, protocol EMA 40 + 4i: k = 7000/12460; eligible iff 40 + 4i < 100/k
    const k = 7000 / 12460;
    expect(eligible).toBe(subs.filter((_, i) => 100 > k * (40 + 4 * i)).length);
    expect(eligible).toBe(35); // ≥ the dynamic floor 70/2; the unnormalized rule keeps only 15
    expect(Math.abs(te.reduce((a, b) => a + b) - 1e9)).toBeLessThanOrEqual(1);
  });
});

describe('E, spec 421 (tests/subnet_emissions.rs @ 6016381e4): price × root_prop × (1 − MinerBurned)', () => {
  /** `set_price_and_burn`: root 1e18 with TaoWeight u64::MAX, no alpha issuance → root_prop exactly 1. */
  const shares = (specs: Array<[number, number]>, ctx: ContextSpec = FULL_ROOT, alphaOut: number[] = []) =>
    allocatorForSpec(421)
      .shares(
        X,
        specs.map(([movingPrice, minerBurned], i) => makeSubnet(X, { netuid: i + 1, movingPrice, minerBurned, alphaOut: alphaOut[i] ?? 0 })),
        makeContext(X, ctx),
      )
      .share.map((b) => val(U64F64, b));
  it('get_shares_no_burn_matches_price_shares: 1/6, 2/6, 3/6', () => {
    const s = shares([[1, 0], [2, 0], [3, 0]]);
    [1 / 6, 2 / 6, 3 / 6].forEach((e, i) => expect(Math.abs(s[i] - e)).toBeLessThanOrEqual(1e-9));
  });
  it('get_shares_partial_burn_reallocates_away_from_burner: 1/3, 2/3', () => {
    const s = shares([[1, 0.5], [1, 0]]);
    expect(Math.abs(s[0] - 1 / 3)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(s[1] - 2 / 3)).toBeLessThanOrEqual(1e-9);
  });
  it('get_shares_full_burn_gets_zero_emission', () => {
    const s = shares([[1, 1], [1, 0]]);
    expect(Math.abs(s[0])).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(s[1] - 1)).toBeLessThanOrEqual(1e-9);
  });
  it('get_shares_all_full_burn_falls_back_to_price_shares: 1/4, 3/4', () => {
    const s = shares([[1, 1], [3, 1]]);
    expect(Math.abs(s[0] - 1 / 4)).toBeLessThanOrEqual(1e-9);
    expect(Math.abs(s[1] - 3 / 4)).toBeLessThanOrEqual(1e-9);
  });
  it('get_shares_root_proportion_favors_newer_subnets: root prop 0.5 vs 0.25 → 2/3, 1/3', () => {
    const s = shares([[1, 0], [1, 0]], { rootTao: 1_000, taoWeight: U64_MAX }, [1_000, 3_000]);
    expect(Math.abs(s[0] - 2 / 3)).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(s[1] - 1 / 3)).toBeLessThanOrEqual(1e-6);
  });
});

describe('F, spec 425 = HEAD (coinbase.rs, subnet_emissions.rs @ 14bc6f9f9)', () => {
  it('test_coinbase_alpha_issuance_base: alpha_in = tao_in/price = 500,000 each', () => {
    const subs = [1, 2].map((netuid) => ({ netuid, mechanism: 0 as const, tao: 1_000_000, alphaIn: 1_000_000 }));
    const { terms, T } = coinbase(425, subs, { ...FULL_ROOT, blockEmission: 1_000_000 });
    expect(terms.map((t) => rao(T, t.alphaIn))).toEqual([500_000n, 500_000n]);
  });
  it('test_coinbase_tao_issuance_base: one subnet, SubnetTAO grows by exactly E', () => {
    const { terms, T } = coinbase(425, [{ netuid: 1, movingPrice: 1, spotPrice: 1 }], { ...FULL_ROOT, blockEmission: 1_234_567 });
    expect(rao(T, terms[0].taoIn) + rao(T, terms[0].excessTao)).toBe(1_234_567n);
  });
  it('test_coinbase_tao_issuance_different_prices: moving prices 0.1 / 0.2 split E 1:2 (±10)', () => {
    const e = 100_000_000;
    const subs = [
      { netuid: 1, movingPrice: 0.1, spotPrice: 0.1, tao: 100_000, alphaIn: 1_000_000 },
      { netuid: 2, movingPrice: 0.2, spotPrice: 0.2, tao: 100_000, alphaIn: 500_000 },
    ];
    const { terms, T } = coinbase(425, subs, { ...FULL_ROOT, blockEmission: e });
    const grown = terms.map((t) => Number(rao(T, t.taoIn) + rao(T, t.excessTao)));
    expect(Math.abs(grown[0] - Math.floor(e / 3))).toBeLessThanOrEqual(10);
    expect(Math.abs(grown[1] - Math.floor((2 * e) / 3))).toBeLessThanOrEqual(10);
    expect(Math.abs(grown[0] + grown[1] - e)).toBeLessThanOrEqual(10);
  });
  it('test_update_moving_price_after_time: b ≈ 1.44e8 ≫ H, so the EMA moves by α = 0.5 (±0.001)', () => {
    const a = allocatorForSpec(425);
    const s = makeSubnet(X, { netuid: 1, tao: 1_000_000, alphaIn: 1_000_000, movingPrice: 0, spotPrice: 1, firstEmissionBlock: 500 });
    const mp = a.updateMovingPrice(X, s, makeContext(X, { movingAlpha: 0.5, block: 144_000_500 }));
    expect(Math.abs(val(I96F32, mp) - 0.5)).toBeLessThan(0.001);
  });
  it('test_root_proportion: w·R / (w·R + alpha issuance) exactly, in U96F32', () => {
    const tw = 3_320_413_933_267_719_290n;
    const rp = rootProportion(X, 100_000_000_000n, 1_000_000_000_000n, tw);
    const w = F.safeDiv(U96F32, F.fromInt(U96F32, tw), F.fromInt(U96F32, U64_MAX));
    const wr = F.mul(U96F32, w, F.fromInt(U96F32, 1_000_000_000_000n));
    expect(rp).toBe(F.div(U96F32, wr, F.add(U96F32, wr, F.fromInt(U96F32, 100_000_000_000n))));
    expect(Math.abs(val(U96F32, rp) - 0.6428)).toBeLessThan(0.001);
  });
  it('test_get_subnet_terms_alpha_emissions_cap: cap root_prop·a_s; 1e8 passes, 1e10 is capped exactly', () => {
    const a = allocatorForSpec(425);
    const subnet = makeSubnet(X, { netuid: 1, tao: 100_000_000_000, alphaIn: 100_000_000_000, spotPrice: 1 });
    const ctx = makeContext(X, FULL_ROOT);
    const cap = F.saturatingMul(
      U96F32,
      rootProportion(X, 100_000_000_000n, ctx.rootTao, ctx.params.taoWeight),
      F.fromInt(U96F32, alphaBlockEmission(X, 100_000_000_000n)),
    );
    const e1 = F.fromInt(U96F32, 100_000_000);
    expect(e1 < cap).toBe(true);
    expect(subnetTerms(X, a.rules, subnet, e1, ctx).alphaIn).toBe(e1);
    const e2 = F.fromInt(U96F32, 10_000_000_000);
    expect(e2 > cap).toBe(true);
    expect(subnetTerms(X, a.rules, subnet, e2, ctx).alphaIn).toBe(cap);
  });
  it('get_shares_ignores_root_prop_storage_when_prices_and_burns_match: 0.5 / 0.5', () => {
    const subs = [1, 2].map((netuid) => makeSubnet(X, { netuid, movingPrice: 1, minerBurned: 0, alphaOut: netuid * 1_000 }));
    const s = allocatorForSpec(425).shares(X, subs, makeContext(X, { rootTao: 1_000, taoWeight: U64_MAX }));
    expect(s.share).toEqual([1n << 63n, 1n << 63n]);
  });
});
