/**
 * Properties every allocator era has, on random networks (fast-check, ≥ 500 runs each, every
 * rule set of rules.ts drawn at random):
 *
 * - shares are ≥ 0 and sum to 1 within the share type's truncation (n ulp), or are all 0;
 *   TAO emissions sum to at most E;
 * - permuting the input subnets permutes every output (bit-identical, both modes);
 * - alpha_in ≤ the era's cap where it has one (A: a_s; C 342+: a_s; C1 362+: min(a_s, E);
 *   E, F: root_prop·a_s); tao_in, excess ≥ 0 and tao_in + excess ≤ the TAO emission from B on;
 * - fast ≈ exact within the tolerances derived below.
 *
 * Inputs are drawn on the 2^-32 grid (prices, moving prices, MinerBurned, α) or as whole rao, so
 * both modes start from the same numbers and the comparison measures only the arithmetic.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Arith, exactArith as X, fastArith as Fa, type FixedType, I64F64, U64F64 } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import { allocatorForSpec } from './eras.ts';
import { ALLOCATOR_RULES } from './rules.ts';
import { makeContext, makeSubnet, type ContextSpec, type SubnetSpec } from './testing.ts';

const RUNS = { numRuns: 600 };
const SPECS = ALLOCATOR_RULES.map((r) => r.spec);
const GRID = 2 ** 32;
/** a value on the 2^-32 grid in [lo, hi] */
const grid = (lo: number, hi: number) => fc.integer({ min: Math.round(lo * GRID), max: Math.round(hi * GRID) }).map((k) => k / GRID);

interface Net {
  spec: number;
  subs: SubnetSpec[];
  ctx: ContextSpec;
}

const subnetArb = (block: number) =>
  fc.record({
    mechanism: fc.constantFrom<0 | 1>(1, 1, 1, 1, 0),
    started: fc.integer({ min: 0, max: 9 }),
    registeredAgo: fc.integer({ min: 0, max: 1_000_000 }),
    reg: fc.integer({ min: 0, max: 9 }),
    pow: fc.boolean(),
    tao: fc.integer({ min: 0, max: 1e15 }),
    alphaIn: fc.integer({ min: 0, max: 1e15 }),
    alphaOut: fc.oneof(fc.integer({ min: 0, max: 1e15 }), fc.integer({ min: 0, max: 2.2e16 })),
    movingPrice: fc.oneof(grid(0, 2), fc.constant(0)),
    spotPrice: fc.oneof(grid(1e-5, 4), grid(0, 0.01)),
    emaCurrent: fc.boolean(),
    emaAbsent: fc.integer({ min: 0, max: 9 }),
    ema: fc.integer({ min: -1e12, max: 1e12 }),
    taoFlow: fc.integer({ min: -1e12, max: 1e12 }),
    protoEma: fc.integer({ min: -1e12, max: 1e12 }),
    protocolFlow: fc.integer({ min: -1e12, max: 1e12 }),
    minerBurned: fc.oneof(grid(0, 1.2), fc.constant(0)),
    enabled: fc.integer({ min: 0, max: 9 }),
    subtoken: fc.integer({ min: 0, max: 19 }),
  }).map(
    (r): Omit<SubnetSpec, 'netuid'> => ({
      mechanism: r.mechanism,
      firstEmissionBlock: r.started === 0 ? null : block - Math.floor(r.registeredAgo / 2),
      registeredAt: block - r.registeredAgo,
      registrationAllowed: r.reg !== 0,
      powRegistrationAllowed: r.pow,
      tao: r.tao,
      alphaIn: r.alphaIn,
      alphaOut: r.alphaOut,
      movingPrice: r.movingPrice,
      spotPrice: r.spotPrice,
      emaTaoFlow: r.emaAbsent === 0 ? null : [r.emaCurrent ? block : block - 1, r.ema],
      taoFlow: r.taoFlow,
      emaProtocolFlow: [r.emaCurrent ? block : block - 1, r.protoEma],
      protocolFlow: r.protocolFlow,
      minerBurned: r.minerBurned,
      emissionEnabled: r.enabled !== 0,
      subtokenEnabled: r.subtoken !== 0,
    }),
  );

const netArb: fc.Arbitrary<Net> = fc
  .record({
    spec: fc.constantFrom(...SPECS),
    block: fc.integer({ min: 2_000_000, max: 8_000_000 }),
    netuids: fc.uniqueArray(fc.integer({ min: 1, max: 600 }), { minLength: 1, maxLength: 6 }),
    seeds: fc.array(fc.integer(), { minLength: 6, maxLength: 6 }),
    blockEmission: fc.oneof(fc.constant(1_000_000_000), fc.constant(500_000_000), fc.integer({ min: 1, max: 1_000_000_000 })),
    rootTao: fc.oneof(fc.constant(0), fc.integer({ min: 1e15, max: 1e16 }), fc.constant(1e18)),
    taoWeight: fc.oneof(fc.constant(0n), fc.constant((1n << 64n) - 1n), fc.bigInt({ min: 1n << 60n, max: (1n << 64n) - 1n })),
    movingAlpha: fc.oneof(fc.constant(0.000003), grid(0, 1)),
    cutoff: fc.oneof(fc.constant(0), fc.integer({ min: -1e12, max: 0 })),
    exponent: fc.constantFrom(1, 1, 1.5, 2),
    netTaoFlowEnabled: fc.boolean(),
  })
  .chain((r) =>
    fc.tuple(...r.netuids.map(() => subnetArb(r.block))).map((subs): Net => ({
      spec: r.spec,
      subs: subs.map((s, i) => ({ ...s, netuid: r.netuids[i] })),
      ctx: {
        block: r.block,
        blockEmission: r.blockEmission,
        rootTao: r.rootTao,
        taoWeight: r.taoWeight,
        movingAlpha: r.movingAlpha,
        taoFlowCutoff: r.cutoff,
        flowNormExponent: r.exponent,
        netTaoFlowEnabled: r.netTaoFlowEnabled,
      },
    })),
  );

function allocate<N>(A: Arith<N>, net: Net) {
  const a = allocatorForSpec(net.spec);
  const subnets = net.subs.map((s) => makeSubnet(A, s));
  const ctx = makeContext(A, net.ctx);
  const shares = a.shares(A, subnets, ctx);
  const terms = a.subnetTerms(A, subnets, shares, ctx);
  const prices = a.updateMovingPrices(A, subnets, ctx);
  return { a, shares, terms, prices };
}

const num = (A: Arith<unknown>, T: FixedType, x: unknown) => A.value(T, x as never);

/**
 * fast ≈ exact tolerances per share rule (E = block emission, rao), with the largest deviation
 * measured over 20,000 random networks in brackets:
 * - `priceEma`: mp/Σmp and E·mp/Σmp truncate to 2^-32 in the coinbase type → 2^-30 [2.3e-10];
 * - `priceBurn` (F): U64F64 throughout → 1e-12 [1.1e-16];
 * - `priceRootPropBurn` (E): root_prop is U96F32 (2^-32 absolute), so a weight carries up to
 *   2^-32/root_prop relative error; root_prop ≥ 2.5e-3 in the generator → 1e-7 [1.6e-9];
 * - `taoFlow`/`netFlow`: the exact path truncates each scaled flow to I32F32 before `ln` and
 *   stops the √ bisection at |v/m − m| ≤ 0.001; both cancel to first order in the
 *   normalization → 1e-8 [2.2e-10]; the fast `exp` is the crate's 31-term series in float64.
 * TAO amounts: share tolerance × E + 1 rao [≤ 1.6 rao]; alpha_in: (2 × that)/price + a_s·2^-30
 * + 2 [alpha_in·price ≤ 0.8 rao]; moving price: 2^-29 (8 ulp): the ratio b/(b+H), α·ratio,
 * both products and the I96F32 storage each truncate to 2^-32, the α error amplified by mp
 * (≤ 2 here) [3.8 ulp]; + 1e-12 relative.
 */
function fastExactTolerance(rule: string, e: number): { share: number; tao: number; movingPrice: number } {
  const share = rule === 'priceEma' ? 2 ** -30 : rule === 'priceBurn' ? 1e-12 : rule === 'priceRootPropBurn' ? 1e-7 : 1e-8;
  return { share, tao: share * e + 1, movingPrice: 2 ** -29 };
}

/**
 * A flow-era tie: some net flow equals the lower limit up to rounding (e.g. one subnet with
 * Σ user < Σ protocol has net = S − (S/P)·P = 0), where the sign of a few ulps decides
 * whether it emits; fast and exact legitimately differ there.
 */
function flowTie(flow: readonly { netFlow: bigint; emaTaoFlow: { value: bigint }; emaProtocolFlow: { value: bigint } | null }[], cutoff: number): boolean {
  const v = (x: bigint) => F.toNumber(I64F64, x);
  const nets = flow.map((f) => v(f.netFlow));
  const scale = Math.max(1, ...flow.map((f) => Math.abs(v(f.emaTaoFlow.value))), ...flow.map((f) => Math.abs(v(f.emaProtocolFlow?.value ?? 0n))));
  const lower = Math.max(cutoff, Math.min(0, ...nets));
  return nets.some((n) => Math.abs(n - lower) <= 1e-9 * scale);
}

describe('allocator properties (all rule sets, random networks)', () => {
  it('shares ≥ 0 and Σ = 1 within n ulp (or all 0); Σ TAO emission ≤ E', () => {
    fc.assert(
      fc.property(netArb, (net) => {
        const { shares } = allocate(X, net);
        const T = shares.shareType;
        const n = shares.share.length;
        let sum = 0n;
        for (const s of shares.share) {
          expect(s >= 0n).toBe(true);
          sum += s;
        }
        const one = T.one;
        if (sum !== 0n) {
          expect(sum <= one).toBe(true);
          expect(one - sum <= BigInt(n)).toBe(true);
        }
        const CT = shares.coinbaseType;
        const e = BigInt(net.ctx.blockEmission!) << CT.frac;
        const total = shares.taoEmission.reduce((a, b) => a + b, 0n);
        expect(total <= e).toBe(true);
        if (sum !== 0n) expect(Number(e - total) / 2 ** CT.fracBits).toBeLessThan(n + 1e-6 * Number(net.ctx.blockEmission));
      }),
      RUNS,
    );
  });

  it('permuting the subnets permutes every output, bit for bit (exact and fast)', () => {
    fc.assert(
      fc.property(netArb, fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (net, keys) => {
        const perm = net.subs.map((_, i) => i).sort((i, j) => keys[i] - keys[j] || i - j);
        const shuffled = { ...net, subs: perm.map((i) => net.subs[i]) };
        for (const A of [X, Fa] as Arith<unknown>[]) {
          const a = allocate(A, net);
          const b = allocate(A, shuffled);
          const byNetuid = (r: ReturnType<typeof allocate<unknown>>) => {
            const m = new Map<number, unknown[]>();
            r.shares.netuids.forEach((u, k) => {
              const t = r.terms.terms[k];
              m.set(u, [r.shares.share[k], r.shares.taoEmission[k], t.taoIn, t.alphaIn, t.alphaOut, t.excessTao, r.shares.flow?.[k]]);
            });
            r.prices.netuids.forEach((u, k) => m.set(-u - 1, [r.prices.movingPrice[k]]));
            return m;
          };
          expect(byNetuid(b)).toEqual(byNetuid(a));
        }
      }),
      RUNS,
    );
  });

  it('alpha_in ≤ the era cap; tao_in, excess ≥ 0; tao_in + excess ≤ TAO emission (B+)', () => {
    fc.assert(
      fc.property(netArb, (net) => {
        const { a, shares, terms } = allocate(X, net);
        const inj = a.rules.injection;
        const e = BigInt(net.ctx.blockEmission!) << terms.coinbaseType.frac;
        terms.terms.forEach((t, k) => {
          expect(t.taoIn >= 0n && t.excessTao >= 0n && t.alphaIn >= 0n).toBe(true);
          if (inj.kind === 'minCap') expect(t.alphaIn <= t.alphaEmission).toBe(true);
          if (inj.kind === 'cap') {
            const cap =
              inj.cap === 'alphaEmission'
                ? t.alphaEmission
                : inj.cap === 'minAlphaEmissionBlockEmission'
                  ? t.alphaEmission < e
                    ? t.alphaEmission
                    : e
                  : F.saturatingMul(terms.coinbaseType, t.rootProportion!, t.alphaEmission);
            expect(t.alphaIn <= cap).toBe(true);
            expect(t.alphaIn <= t.alphaEmission).toBe(true);
          }
          if (inj.kind !== 'minCap') expect(t.taoIn + t.excessTao <= shares.taoEmission[k]).toBe(true);
          else expect(t.taoIn <= shares.taoEmission[k]).toBe(true);
        });
      }),
      RUNS,
    );
  });

  it('fast ≈ exact (tolerances in fastExactTolerance)', () => {
    fc.assert(
      fc.property(netArb, (net) => {
        const ex = allocate(X, net);
        const fa = allocate(Fa, net);
        expect(fa.shares.netuids).toEqual(ex.shares.netuids);
        const tol = fastExactTolerance(ex.a.rules.shares, Number(net.ctx.blockEmission));
        const ST = ex.shares.shareType;
        const CT = ex.shares.coinbaseType;
        ex.prices.movingPrice.forEach((mp, k) => {
          const e = F.toNumber(F.I96F32, mp);
          expect(Math.abs(fa.prices.movingPrice[k] - e)).toBeLessThanOrEqual(tol.movingPrice + 1e-12 * Math.abs(e));
        });
        if (ex.shares.flow) {
          ex.shares.flow.forEach((fl, k) => {
            const e = F.toNumber(I64F64, fl.emaTaoFlow.value);
            expect(Math.abs(fa.shares.flow![k].emaTaoFlow.value - e)).toBeLessThanOrEqual(1e-6 + 1e-12 * Math.abs(e));
          });
          if (flowTie(ex.shares.flow, net.ctx.taoFlowCutoff ?? 0)) return;
        }
        ex.shares.share.forEach((s, k) => {
          expect(Math.abs(fa.shares.share[k] - num(X, ST, s))).toBeLessThanOrEqual(tol.share);
          expect(Math.abs(fa.shares.taoEmission[k] - num(X, CT, ex.shares.taoEmission[k]))).toBeLessThanOrEqual(tol.tao);
        });
        ex.terms.terms.forEach((t, k) => {
          const f = fa.terms.terms[k];
          if (f.subsidized !== t.subsidized) return; // a tie on p = tao/E
          const price = num(X, CT, t.price);
          for (const key of ['taoIn', 'excessTao'] as const) {
            expect(Math.abs(f[key] - num(X, CT, t[key]))).toBeLessThanOrEqual(2 * tol.tao + 2);
          }
          const alphaTol = (2 * tol.tao) / Math.max(price, 2 ** -32) + num(X, CT, t.alphaEmission) * 2 ** -30 + 2;
          expect(Math.abs(f.alphaIn - num(X, CT, t.alphaIn))).toBeLessThanOrEqual(alphaTol);
          expect(f.alphaOut).toBe(num(X, CT, t.alphaOut));
        });
      }),
      RUNS,
    );
  });

  it('U64F64 shares of a random flow vector: Σ = 1 within n·2^-64, order preserved for p ≥ 1', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 1, maxLength: 12 }), fc.constantFrom(1, 1.5, 2), (flows, p) => {
        const a = allocatorForSpec(348);
        const block = 10;
        const subnets = flows.map((f, i) => makeSubnet(X, { netuid: i + 1, spotPrice: 1, emaTaoFlow: [block, f] }));
        const s = a.shares(X, subnets, makeContext(X, { block, flowNormExponent: p })).share;
        const sum = s.reduce((x, y) => x + y, 0n);
        if (flows.some((f) => f > 0)) {
          expect(sum <= U64F64.one && U64F64.one - sum <= BigInt(flows.length)).toBe(true);
          // order is kept while every nonzero flow is ≥ 1e-6 of the largest; below that the
          // exp-overflow quirk can hand a tiny flow the largest weight (see the quirk test)
          const max = Math.max(...flows);
          if (flows.every((f) => f === 0 || f >= 1e-6 * max))
            for (let i = 0; i < flows.length; i++)
              for (let j = 0; j < flows.length; j++) if (flows[i] > flows[j] * 1.001) expect(s[i] >= s[j]).toBe(true);
        } else expect(sum).toBe(0n);
      }),
      RUNS,
    );
  });
});
