/**
 * The `taosim yuma` contract (v1) as a library call: resolves a profile's defaults, quantizes
 * float inputs as the chain stores them (exact mode), runs the epochs in order carrying bonds,
 * permits and the last epoch block, and shapes the contract's output.
 */
import { ONE, toFloat, toU16Proportion } from '../../math/i32f32.ts';
import { epochExact } from './epochExact.ts';
import { epochFast } from './epochFast.ts';
import { type YumaChainParams, type YumaRules, yumaRules } from './profiles.ts';
import { type SpMat, isTopk, isTopkNonzero } from './sparse.ts';
import { normalizeStake64 } from './stake.ts';
import type { SparseRow, YumaEpochOutput, YumaInput, YumaOutput } from './types.ts';

/** floor(x · 65535 + 0.5): a float proportion as the chain stores it (u16). */
export function proportionToU16(x: number): number {
  return Math.min(65535, Math.max(0, Math.floor(x * 65535 + 0.5)));
}

/**
 * Hyperparameters in chain units, filled from the profile's defaults (mechanism.md §12).
 * At `current`, an omitted activity cutoff follows the tempo: max(1, floor(13,889 · tempo / 1000)).
 */
export function resolveChainParams(rules: YumaRules, input: YumaInput): YumaChainParams {
  const h = input.hyperparameters ?? {};
  const float = input.units === 'float';
  const d = rules.defaults;
  const prop = (v: number | undefined, def: number) => (v === undefined ? def : float ? proportionToU16(v) : v);
  const tempo = h.tempo ?? d.tempo;
  const activityCutoff =
    h.activityCutoff ??
    (rules.name === 'current' ? Math.max(1, Math.floor((13889 * tempo) / 1000)) : d.activityCutoff);
  return {
    kappa: prop(h.kappa, d.kappa),
    bondsMovingAverage:
      h.bondsMovingAverage === undefined
        ? d.bondsMovingAverage
        : float
          ? Math.min(1_000_000, Math.max(0, Math.floor(h.bondsMovingAverage * 1e6 + 0.5)))
          : h.bondsMovingAverage,
    bondsPenalty: prop(h.bondsPenalty, d.bondsPenalty),
    liquidAlphaEnabled: h.liquidAlpha?.enabled ?? d.liquidAlphaEnabled,
    alphaLow: prop(h.liquidAlpha?.alphaLow, d.alphaLow),
    alphaHigh: prop(h.liquidAlpha?.alphaHigh, d.alphaHigh),
    yuma3: rules.supportsYuma3 ? (h.yuma3 ?? d.yuma3) : false,
    alphaSigmoidSteepness:
      h.alphaSigmoidSteepness === undefined
        ? d.alphaSigmoidSteepness
        : float
          ? Math.round(h.alphaSigmoidSteepness * 100)
          : h.alphaSigmoidSteepness,
    maxAllowedValidators: h.maxAllowedValidators ?? d.maxAllowedValidators,
    activityCutoff,
    tempo,
  };
}

/** Float weights row → u16 as `set_weights` stores it (max-upscaled so the largest is 65535). */
export function quantizeWeightRow(row: SparseRow): SparseRow {
  let max = 0;
  for (const [, w] of row) if (w > max) max = w;
  if (max === 0) return row.map(([j]) => [j, 0]);
  return row.map(([j, w]) => [j, Math.min(65535, Math.floor((w / max) * 65535 + 0.5))]);
}

function toSpMat(rows: SparseRow[]): SpMat {
  return rows.map((r) => {
    const sorted = r.slice().sort((a, b) => a[0] - b[0]);
    return { j: sorted.map((e) => e[0]), v: sorted.map((e) => e[1]) };
  });
}

function denseBondsToSp(bonds: number[][] | undefined, n: number): SpMat {
  const m: SpMat = [];
  for (let i = 0; i < n; i++) {
    const j: number[] = [];
    const v: number[] = [];
    const row = bonds?.[i];
    if (row) for (let c = 0; c < n; c++) if (row[c]) (j.push(c), v.push(row[c]));
    m.push({ j, v });
  }
  return m;
}

function dense(m: SpMat, n: number, f: (v: number) => number): number[][] {
  return m.map((r) => {
    const row = new Array<number>(n).fill(0);
    for (let k = 0; k < r.j.length; k++) row[r.j[k]] = f(r.v[k]);
    return row;
  });
}

function stakeRao(input: YumaInput, s: Array<number | bigint>): bigint[] {
  if (input.units === 'chain') return s.map((v) => (typeof v === 'bigint' ? v : BigInt(v)));
  return s.map((v) => BigInt(Math.floor(Number(v) * 1e9)));
}

/**
 * Run the epochs of a `taosim yuma` input.
 * @example
 * const out = runYuma({ profile: 'dtao-launch', mode: 'exact', units: 'float', hyperparameters: {},
 *   epochs: [{ stake: [1, 1, 0, 0], weights: [[[2, 1]], [[3, 1]], [], []] }] });
 */
export function runYuma(input: YumaInput): YumaOutput {
  const rules = yumaRules(input.profile);
  const p = resolveChainParams(rules, input);
  return input.mode === 'exact' ? runExact(rules, p, input) : runFastMode(rules, p, input);
}

function runExact(rules: YumaRules, p: YumaChainParams, input: YumaInput): YumaOutput {
  const n = input.epochs[0].stake.length;
  const registeredAt = input.neurons?.registeredAt ?? new Array<number>(n).fill(0);
  let permits: boolean[];
  if (input.neurons?.validatorPermit) permits = input.neurons.validatorPermit.slice();
  else {
    const s0 = normalizeStake64(stakeRao(input, input.epochs[0].stake));
    permits = rules.permits === 'topk' ? isTopk(s0, p.maxAllowedValidators) : isTopkNonzero(s0, p.maxAllowedValidators);
  }
  let bonds = denseBondsToSp(input.initial?.bonds, n);
  // float form of the stored bonds, carried for rows an epoch leaves untouched
  let bondsFloat: number[][] = dense(bonds, n, (u) => u / 65535);
  let firstBlock = input.epochs[0].block ?? p.tempo;
  let lastStep = input.initial?.lastMechanismStepBlock ?? Math.max(0, firstBlock - p.tempo);
  const out: YumaEpochOutput[] = [];
  input.epochs.forEach((e, k) => {
    const block = e.block ?? (k + 1) * p.tempo;
    const weights = toSpMat(input.units === 'float' ? e.weights.map(quantizeWeightRow) : e.weights);
    const lastUpdate = input.neurons?.lastUpdate ?? new Array<number>(n).fill(block);
    const r = epochExact(rules, p, {
      n,
      block,
      stake: stakeRao(input, e.stake),
      weights,
      bonds,
      lastUpdate,
      registeredAt,
      validatorPermit: permits,
      lastMechanismStepBlock: lastStep,
      raoEmission: input.raoEmission,
    });
    const nextFloat: number[][] = bondsFloat.map((row, i) => {
      const a = r.bondsRowAction[i];
      if (a === 'keep') return row;
      const d = new Array<number>(n).fill(0);
      if (a === 'write') {
        const er = r.bondsStorageForm[i];
        for (let t = 0; t < er.j.length; t++) d[er.j[t]] = toFloat(er.v[t]);
      }
      return d;
    });
    const u16 = (v: number[]) => v.map(toU16Proportion);
    out.push({
      rank: r.rank.map(toFloat),
      trust: r.trust ? r.trust.map(toFloat) : null,
      consensus: r.consensus.map(toFloat),
      incentive: r.incentive.map(toFloat),
      dividends: r.dividends.map(toFloat),
      validatorTrust: r.validatorTrust.map(toFloat),
      validatorPermit: r.newPermits,
      bonds: nextFloat,
      emission:
        r.serverEmission && r.validatorEmission
          ? r.serverEmission.map((s, i) => s + r.validatorEmission![i])
          : null,
      u16: {
        consensus: u16(r.consensus),
        incentive: u16(r.incentive),
        dividends: u16(r.dividends),
        trust: r.trust ? u16(r.trust) : null,
        validatorTrust: u16(r.validatorTrust),
        rank: u16(r.rank),
        bonds: dense(r.bondsStored, n, (v) => v),
      },
    });
    bonds = r.bondsStored;
    bondsFloat = nextFloat;
    permits = r.newPermits;
    lastStep = block;
    firstBlock = block;
  });
  return { schemaVersion: 1, epochs: out };
}

function runFastMode(rules: YumaRules, p: YumaChainParams, input: YumaInput): YumaOutput {
  return epochFast(rules, p, input);
}

export { ONE };
