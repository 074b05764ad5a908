/**
 * The asserted vectors of subtensor's own tests (mechanism.md §13.1–§13.4), run through the
 * `taosim yuma` contract in exact mode. Test setups use the mock runtime's parameters
 * (`pallets/subtensor/src/tests/mock.rs` @ 14bc6f9f9): kappa 32,767, bonds moving average
 * 900,000, bonds penalty 65,535, activity cutoff factor 13,889 ‰ of tempo.
 */
import { describe, expect, it } from 'vitest';
import { ONE } from '../../math/i32f32.ts';
import { runYuma } from './runYuma.ts';
import type { SparseRow, YumaInput, YumaOutput } from './types.ts';
import { csrFromPairs, normalizeM } from './csr.ts';
import { weightedMedianColSparse } from './weightedMedian.ts';

const base = (over: Partial<YumaInput>): YumaInput => ({
  profile: 'current',
  mode: 'exact',
  units: 'chain',
  hyperparameters: {},
  epochs: [],
  ...over,
});

describe('epoch.rs::test_10_graph (§13.1)', () => {
  it('self-weights only: all outputs 0, emission falls back to stake (99,999,999 each)', () => {
    const n = 10;
    const out = runYuma(
      base({
        hyperparameters: { kappa: 32767, bondsMovingAverage: 900000, bondsPenalty: 65535, maxAllowedValidators: 100 },
        epochs: [{ stake: new Array(n).fill(1n), weights: Array.from({ length: n }, (_, i) => [[i, 65535]] as SparseRow) }],
        raoEmission: 1_000_000_000n,
      }),
    );
    const e = out.epochs[0];
    for (const key of ['rank', 'consensus', 'incentive', 'dividends'] as const) expect(e.u16![key]).toEqual(new Array(n).fill(0));
    expect(e.emission).toEqual(new Array(n).fill(99_999_999n));
  });
});

describe('epoch.rs::test_bonds (§13.2)', () => {
  // 8 uids registered at block 1; stake [1,2,3,4,0,0,0,0]; validators 0–3 weight miners 4–7.
  const n = 8;
  const stake = [1n, 2n, 3n, 4n, 0n, 0n, 0n, 0n];
  const full: SparseRow = [
    [4, 16383],
    [5, 32767],
    [6, 49149],
    [7, 65535],
  ];
  const params = {
    kappa: 32767,
    bondsMovingAverage: 900000,
    bondsPenalty: 65535,
    maxAllowedValidators: 8,
    activityCutoff: 13, // max(1, 13,889 · tempo 1 / 1000)
    tempo: 1,
  };
  /** Runs one epoch at `block` with the given rows and per-uid last update, carrying state. */
  function step(
    prev: { bonds?: number[][]; permits?: boolean[] },
    block: number,
    weights: SparseRow[],
    lastUpdate: number[],
  ): YumaOutput['epochs'][number] {
    const out = runYuma(
      base({
        hyperparameters: params,
        epochs: [{ stake, weights, block }],
        neurons: { registeredAt: new Array(n).fill(1), lastUpdate, validatorPermit: prev.permits },
        initial: { bonds: prev.bonds, lastMechanismStepBlock: block - 1 },
        raoEmission: 1_000_000_000n,
      }),
    );
    return out.epochs[0];
  }
  it('bonds of each epoch equal the asserted u16 values', () => {
    const rows: SparseRow[] = [full, full, full, full, [], [], [], []];
    const lu = [2, 2, 2, 2, 1, 1, 1, 1];
    const col = (e: YumaOutput['epochs'][number], j: number) => [0, 1, 2, 3].map((i) => e.u16!.bonds[i][j]);
    const emission = (e: YumaOutput['epochs'][number]) => e.emission!.map(Number);
    // permits from the epoch at block 1: uids 0–3 (zero-stake uids get none at HEAD)
    let st = { bonds: undefined as number[][] | undefined, permits: [true, true, true, true, false, false, false, false] };
    let e = step(st, 2, rows, lu);
    expect(col(e, 4)).toEqual([16383, 32767, 49151, 65535]);
    expect(emission(e)).toEqual([49999998, 99999999, 150000000, 200000001, 49998779, 100000610, 149996337, 200004272]);
    st = { bonds: e.u16!.bonds, permits: e.validatorPermit };

    rows[0] = [[0, 65535]];
    lu[0] = 3;
    e = step(st, 3, rows, lu);
    expect(col(e, 4)).toEqual([14582, 32767, 49151, 65535]);
    expect(emission(e)).toEqual([44998351, 101110561, 151667215, 202223870, 49998779, 100000610, 149996337, 200004272]);
    st = { bonds: e.u16!.bonds, permits: e.validatorPermit };

    rows[1] = [[1, 65535]];
    lu[1] = 4;
    e = step(st, 4, rows, lu);
    expect(col(e, 4)).toEqual([12603, 28321, 49151, 65535]);
    expect(emission(e).slice(0, 4)).toEqual([40496805, 90999783, 157929636, 210573773]);
    st = { bonds: e.u16!.bonds, permits: e.validatorPermit };

    rows[2] = [[2, 65535]];
    lu[2] = 5;
    e = step(st, 5, rows, lu);
    expect(col(e, 7)).toEqual([12602, 28320, 49150, 65535]);
    expect(emission(e)).toEqual([99999999, 199999999, 299999999, 399999999, 0, 0, 0, 0]);
    st = { bonds: e.u16!.bonds, permits: e.validatorPermit };

    rows[2] = [[7, 65535]];
    lu[2] = 6;
    e = step(st, 6, rows, lu);
    expect(col(e, 7)).toEqual([10951, 24609, 49150, 65535]);
    expect(emission(e)).toEqual([36443733, 81898628, 163565493, 218092144, 0, 0, 0, 500000000]);
    st = { bonds: e.u16!.bonds, permits: e.validatorPermit };

    e = step(st, 7, rows, lu);
    expect(col(e, 7)).toEqual([9559, 21482, 49150, 65535]);
    expect(emission(e)).toEqual([32799427, 73706612, 168638129, 224855830, 0, 0, 0, 500000000]);
    st = { bonds: e.u16!.bonds, permits: e.validatorPermit };

    e = step(st, 8, rows, lu);
    expect(col(e, 7)).toEqual([8376, 18824, 49150, 65535]);
    expect(emission(e)).toEqual([29518068, 66336137, 173203134, 230942659, 0, 0, 0, 500000000]);
  });
});

describe('epoch.rs Yuma3 scenarios (§13.3)', () => {
  const yuma3Params = (liquid: boolean) => ({
    kappa: 32767,
    bondsMovingAverage: 975000,
    bondsPenalty: 0,
    liquidAlpha: { enabled: liquid, alphaLow: 6553, alphaHigh: 19660 },
    yuma3: true,
    alphaSigmoidSteepness: 1000,
    maxAllowedValidators: 3,
    activityCutoff: 13,
    tempo: 1,
  });
  const to = (uid: number): SparseRow => [[uid, 65535]];
  function scenario(stake: bigint[], rowsPerEpoch: SparseRow[][], liquid: boolean): number[][] {
    const out = runYuma(
      base({
        hyperparameters: yuma3Params(liquid),
        epochs: rowsPerEpoch.map((rows, k) => ({ stake, weights: [...rows, [], []], block: k + 2 })),
        neurons: { registeredAt: [0, 0, 0, 0, 0], lastUpdate: [1, 1, 1, 1, 1] },
      }),
    );
    return out.epochs.map((e) => e.u16!.dividends.map((d) => d / 65535));
  }
  const close = (got: number[][], want: number[][]) =>
    got.forEach((row, k) => row.forEach((v, i) => expect(Math.abs(v - want[k][i]), `epoch ${k} uid ${i}`).toBeLessThan(1e-3)));

  it('test_yuma_3_kappa_moves_first', () => {
    const s = [8n, 1n, 1n, 0n, 0n];
    const got = scenario(
      s,
      [
        [to(3), to(3), to(3)],
        [to(4), to(3), to(3)],
        [to(4), to(4), to(3)],
        [to(4), to(4), to(4)],
        [to(4), to(4), to(4)],
        [to(4), to(4), to(4)],
      ],
      true,
    );
    close(got, [
      [0.8, 0.1, 0.1, 0, 0],
      [1.0, 0, 0, 0, 0],
      [0.9382, 0.0618, 0, 0, 0],
      [0.8819, 0.0773, 0.0407, 0, 0],
      [0.8564, 0.0844, 0.0592, 0, 0],
      [0.8418, 0.0884, 0.0697, 0, 0],
    ]);
  });

  it('test_yuma_3_liquid_alpha_disabled', () => {
    const s = [33n, 33n, 34n, 0n, 0n];
    const all3 = [to(3), to(3), to(3)];
    const got = scenario(s, [all3, all3, [to(3), to(3), to(4)], all3, all3, all3], false);
    close(got, [
      [0.33, 0.33, 0.34, 0, 0],
      [0.33, 0.33, 0.34, 0, 0],
      [0.3734, 0.3734, 0.2532, 0, 0],
      [0.3611, 0.3611, 0.2779, 0, 0],
      [0.3541, 0.3541, 0.2919, 0, 0],
      [0.3495, 0.3495, 0.3009, 0, 0],
    ]);
  });
});

describe('math.rs::test_math_weighted_median_col_sparse (§13.4)', () => {
  // values are f32 in the Rust test, converted to I32F32
  const fx = (x: number) => Math.round(Math.fround(x) * ONE);
  const mat = (rows: number[][]) =>
    csrFromPairs(
      rows.map((r) => r.map((v, j) => [j, fx(v)] as [number, number])),
      rows.length,
    );
  const median = (stake: number[], rows: number[][], majority: number) =>
    Array.from(weightedMedianColSparse(stake.map(fx), mat(rows), fx(majority), (x) => normalizeM(true, x))).slice(0, 3);
  const w1 = [
    [0, 0.1, 0],
    [0, 0.2, 0.4],
    [0, 0.3, 0.1],
    [0, 0.4, 0.5],
  ];
  it.each([
    [0.24, [0, 0.3, 0.4]],
    [0.26, [0, 0.2, 0.4]],
    [0.76, [0, 0.2, 0.1]],
  ])('stake [0, .75, .25, 0] at majority %s', (majority, want) => {
    expect(median([0, 0.75, 0.25, 0], w1, majority)).toEqual(want.map(fx));
  });
  it('stake [0, .3, .2, .5] at majority 0.51', () => {
    const w2 = [
      [0, 0.1, 0],
      [0, 0.2, 0.4],
      [0, 0.3, 0.1],
      [0, 0, 0.5],
    ];
    expect(median([0, 0.3, 0.2, 0.5], w2, 0.51)).toEqual([0, 0, 0.4].map(fx));
  });
});
