/**
 * One Yuma epoch in `fast` mode: the same stages as `epochExact.ts` (subtensor
 * `epoch/run_epoch.rs`, e2b8367b8 / 14bc6f9f9) in float64, for sweeps. Structural kernels
 * (masks, clipping, top-k, the weighted median search) are shared with exact mode; only the
 * arithmetic ones have float twins here. The float twins are written out rather than
 * parameterized by an arithmetic object: a polymorphic call per element costs more than the
 * whole float epoch.
 */
import type { YumaChainParams, YumaRules } from './profiles.ts';
import {
  type SpMat,
  cloneMat,
  colClipSparse,
  filterSparse,
  isTopk,
  isTopkNonzero,
  maskRowsSparse,
  mergeCols,
} from './sparse.ts';
import type { SparseRow, YumaEpochOutput, YumaInput, YumaOutput } from './types.ts';
import { weightedMedianColSparse } from './weightedMedian.ts';

/** Hyperparameters as floats (proportions in [0, 1]). */
export interface YumaFloatParams {
  kappa: number;
  bondsMovingAverage: number;
  bondsPenalty: number;
  liquidAlphaEnabled: boolean;
  alphaLow: number;
  alphaHigh: number;
  yuma3: boolean;
  /** float form: the stored i16 / 100 (10 for the default 1000) */
  alphaSigmoidSteepness: number;
  maxAllowedValidators: number;
  activityCutoff: number;
  tempo: number;
}

export interface EpochFastInput {
  n: number;
  block: number;
  stake: number[];
  /** raw weights per row (any positive scale; rows are normalized by the epoch), sorted by uid */
  weights: SpMat;
  /** stored bonds: classic = any column scale (normalized here); Yuma3 = proportions in [0, 1] */
  bonds: SpMat;
  lastUpdate: number[];
  registeredAt: number[];
  validatorPermit: boolean[];
  lastMechanismStepBlock: number;
}

export interface EpochFastResult {
  stake: number[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
  trust: number[] | null;
  validatorTrust: number[];
  newPermits: boolean[];
  bondsStorageForm: SpMat;
  bondsRowAction: Array<'write' | 'clear' | 'keep'>;
  normalizedServer: number[];
  normalizedValidator: number[];
}

function normalize(x: number[]): void {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  if (s === 0) return;
  for (let i = 0; i < x.length; i++) x[i] /= s;
}

function rowNormalize(m: SpMat): void {
  for (const r of m) {
    let s = 0;
    for (let k = 0; k < r.v.length; k++) s += r.v[k];
    if (s > 0) for (let k = 0; k < r.v.length; k++) r.v[k] /= s;
  }
}

function colNormalize(m: SpMat, n: number): void {
  const cs = new Float64Array(n);
  for (const r of m) for (let k = 0; k < r.j.length; k++) cs[r.j[k]] += r.v[k];
  for (const r of m)
    for (let k = 0; k < r.j.length; k++) {
      const s = cs[r.j[k]];
      if (s !== 0) r.v[k] /= s;
    }
}

function colMaxUpscale(m: SpMat, n: number): void {
  const cm = new Float64Array(n);
  for (const r of m) for (let k = 0; k < r.j.length; k++) if (cm[r.j[k]] < r.v[k]) cm[r.j[k]] = r.v[k];
  for (const r of m)
    for (let k = 0; k < r.j.length; k++) {
      const c = cm[r.j[k]];
      if (c !== 0) r.v[k] /= c;
    }
}

function matmul(m: SpMat, x: number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < m.length; i++) {
    const r = m[i];
    const xi = x[i];
    if (xi === 0) continue;
    for (let k = 0; k < r.j.length; k++) out[r.j[k]] += xi * r.v[k];
  }
  return out;
}

function matmulTranspose(m: SpMat, x: number[]): number[] {
  return m.map((r) => {
    let s = 0;
    for (let k = 0; k < r.j.length; k++) s += x[r.j[k]] * r.v[k];
    return s;
  });
}

function interpolate(m1: SpMat, m2: SpMat, n: number, ratio: number): SpMat {
  if (ratio === 0) return cloneMat(m1);
  if (ratio === 1) return cloneMat(m2);
  const row1 = new Float64Array(n);
  const row2 = new Float64Array(n);
  return m1.map((a, i) => {
    const b = m2[i];
    const j: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < a.j.length; k++) row1[a.j[k]] = a.v[k];
    for (let k = 0; k < b.j.length; k++) row2[b.j[k]] = b.v[k];
    for (const c of mergeCols(a.j, b.j)) {
      const x = row1[c] + ratio * (row2[c] - row1[c]);
      if (x > 0) (j.push(c), v.push(x));
      row1[c] = 0;
      row2[c] = 0;
    }
    return { j, v };
  });
}

function matEma(nw: SpMat, old: SpMat, n: number, alpha: number, alphaCol?: Float64Array): SpMat {
  const acc = new Float64Array(n);
  return nw.map((a, i) => {
    const b = old[i];
    for (let k = 0; k < a.j.length; k++) acc[a.j[k]] += (alphaCol ? alphaCol[a.j[k]] : alpha) * a.v[k];
    for (let k = 0; k < b.j.length; k++) acc[b.j[k]] += (1 - (alphaCol ? alphaCol[b.j[k]] : alpha)) * b.v[k];
    const j: number[] = [];
    const v: number[] = [];
    for (const c of mergeCols(a.j, b.j)) {
      if (acc[c] > 0) (j.push(c), v.push(acc[c]));
      acc[c] = 0;
    }
    return { j, v };
  });
}

/** numpy-style linear quantile of the sorted values (`quantile` in epoch/math.rs @ e2b8367b8). */
function quantile(data: number[], q: number): number {
  const s = data.slice().sort((a, b) => a - b);
  if (s.length === 0) return 0;
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return lo === hi ? s[lo] : s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** L233 liquid alpha per column (float twin of `logisticAlphaPerColumn`). */
function logisticAlpha(consensus: number[], lo: number, hi: number): Float64Array | null {
  const ch = quantile(consensus, 0.75);
  const cl = quantile(consensus, 0.25);
  if (!(ch > cl || ch !== 0 || cl < 0)) return null;
  let a = 0;
  let b = 0;
  if (!(ch <= cl || lo === 0 || hi === 0)) {
    const ln = (x: number) => (x > 0 ? Math.log(x) : 0);
    a = (ln(1 / hi - 1) - ln(1 / lo - 1)) / (cl - ch);
    b = ln(1 / lo - 1) + a * cl;
  }
  const out = new Float64Array(consensus.length);
  for (let j = 0; j < consensus.length; j++) {
    const alpha = 1 / (1 + Math.exp(b - a * consensus[j]));
    out[j] = Math.max(Math.min(alpha, hi), lo);
  }
  return out;
}

/**
 * One fast epoch.
 * @example epochFastStep(CURRENT, floatParams, { n: 2, block: 360, stake: [1, 0], ... })
 */
export function epochFastStep(rules: YumaRules, p: YumaFloatParams, x: EpochFastInput): EpochFastResult {
  const n = x.n;
  const b = x.block;
  const inactive = x.lastUpdate.map((u) => u + p.activityCutoff < b);
  const stake = x.stake.slice();
  normalize(stake);
  const forbids = x.validatorPermit.map((v) => !v);
  const newPermits =
    rules.permits === 'topk' ? isTopk(stake, p.maxAllowedValidators) : isTopkNonzero(stake, p.maxAllowedValidators);
  const activeStake = stake.map((s, i) => (inactive[i] || forbids[i] ? 0 : s));
  normalize(activeStake);

  const weights = cloneMat(x.weights);
  maskRowsSparse(forbids, weights);
  filterSparse(weights, (i, j) => i === j);
  filterSparse(weights, (i, j) => x.lastUpdate[i] <= x.registeredAt[j]);
  rowNormalize(weights);

  const preranks = rules.computesTrust ? matmul(weights, activeStake, n) : null;
  const consensus = weightedMedianColSparse(activeStake, weights, n, p.kappa, normalize);
  const clipped = colClipSparse(weights, consensus);
  const validatorTrust = clipped.map((r) => r.v.reduce((s, v) => s + v, 0));
  const ranks = matmul(clipped, activeStake, n);
  const trust = preranks ? ranks.map((r, j) => (preranks[j] !== 0 ? r / preranks[j] : 0)) : null;
  normalize(ranks);
  const incentive = ranks;

  const wb = interpolate(weights, clipped, n, p.bondsPenalty);
  const lastTempo = x.lastMechanismStepBlock === 0 ? Math.max(0, b - p.tempo) : x.lastMechanismStepBlock + 1;
  const maskBonds = (m: SpMat) =>
    rules.bondsMask === 'lastUpdate'
      ? filterSparse(m, (i, j) => x.lastUpdate[i] <= x.registeredAt[j])
      : filterSparse(m, (_i, j) => lastTempo <= x.registeredAt[j]);
  const fixedAlpha = 1 - p.bondsMovingAverage;
  let dividends: number[];
  let ema: SpMat;
  if (rules.supportsYuma3 && p.yuma3) {
    const bonds = cloneMat(x.bonds);
    maskBonds(bonds);
    if (p.liquidAlphaEnabled && consensus.some((c) => c !== 0)) {
      const bondRow = new Float64Array(n);
      ema = wb.map((wr, i) => {
        const br = bonds[i];
        for (let k = 0; k < br.j.length; k++) bondRow[br.j[k]] = br.v[k];
        const j: number[] = [];
        const v: number[] = [];
        for (let k = 0; k < wr.j.length; k++) {
          const c = wr.j[k];
          const w = wr.v[k];
          const bv = bondRow[c];
          const buy = Math.min(Math.max(w - consensus[c], 0), 1);
          const sell = Math.min(Math.max(bv - w, 0), 1);
          const d = w >= bv ? buy : sell;
          const z = Math.min(Math.max(-p.alphaSigmoidSteepness * (d - 0.5), -20), 20);
          const sig = 1 / (1 + Math.exp(z));
          const a = Math.min(Math.max(p.alphaLow + sig * (p.alphaHigh - p.alphaLow), p.alphaLow), p.alphaHigh);
          const val = Math.min(1, (1 - a) * bv + Math.max(0, a * w));
          if (val > 0) (j.push(c), v.push(val));
        }
        for (let k = 0; k < br.j.length; k++) bondRow[br.j[k]] = 0;
        return { j, v };
      });
    } else {
      ema = matEma(wb, bonds, n, fixedAlpha);
    }
    const norm = cloneMat(ema);
    colNormalize(norm, n);
    dividends = matmulTranspose(norm, incentive).map((t, i) => t * activeStake[i]);
    normalize(dividends);
  } else {
    const bonds = cloneMat(x.bonds);
    maskBonds(bonds);
    colNormalize(bonds, n);
    const delta: SpMat = wb.map((r, i) => ({ j: r.j.slice(), v: r.v.map((v) => v * activeStake[i]) }));
    colNormalize(delta, n);
    let alphaCol: Float64Array | undefined;
    if (rules.liquidAlpha === 'logisticPerColumn' && p.liquidAlphaEnabled && consensus.some((c) => c !== 0)) {
      alphaCol = logisticAlpha(consensus, p.alphaLow, p.alphaHigh) ?? undefined;
    }
    ema = matEma(delta, bonds, n, fixedAlpha, alphaCol);
    colNormalize(ema, n);
    dividends = matmulTranspose(ema, incentive);
    normalize(dividends);
    colMaxUpscale(ema, n);
  }

  const combinedSum = incentive.reduce((s, v, i) => s + v + dividends[i], 0);
  let nServer = incentive.map((v) => (combinedSum === 0 ? v : v / combinedSum));
  let nValidator = dividends.map((v) => (combinedSum === 0 ? v : v / combinedSum));
  if (combinedSum === 0) {
    const src = activeStake.some((v) => v !== 0) ? activeStake : stake;
    nValidator = src.slice();
    nServer = incentive.slice();
  }
  const bondsRowAction = newPermits.map((np, i) =>
    np ? 'write' : rules.clearBonds === 'allWithoutPermit' || x.validatorPermit[i] ? 'clear' : 'keep',
  ) as Array<'write' | 'clear' | 'keep'>;
  return {
    stake,
    consensus,
    incentive,
    dividends,
    trust,
    validatorTrust,
    newPermits,
    bondsStorageForm: ema,
    bondsRowAction,
    normalizedServer: nServer,
    normalizedValidator: nValidator,
  };
}

/** Float hyperparameters from chain units (or floats given in float units). */
export function toFloatParams(p: YumaChainParams, input: YumaInput): YumaFloatParams {
  const h = input.hyperparameters ?? {};
  const float = input.units === 'float';
  const pick = (given: number | undefined, chain: number, scale: number) =>
    float && given !== undefined ? given : chain / scale;
  return {
    kappa: pick(h.kappa, p.kappa, 65535),
    bondsMovingAverage: pick(h.bondsMovingAverage, p.bondsMovingAverage, 1e6),
    bondsPenalty: pick(h.bondsPenalty, p.bondsPenalty, 65535),
    liquidAlphaEnabled: p.liquidAlphaEnabled,
    alphaLow: pick(h.liquidAlpha?.alphaLow, p.alphaLow, 65535),
    alphaHigh: pick(h.liquidAlpha?.alphaHigh, p.alphaHigh, 65535),
    yuma3: p.yuma3,
    alphaSigmoidSteepness: pick(h.alphaSigmoidSteepness, p.alphaSigmoidSteepness, 100),
    maxAllowedValidators: p.maxAllowedValidators,
    activityCutoff: p.activityCutoff,
    tempo: p.tempo,
  };
}

function toSp(rows: SparseRow[]): SpMat {
  return rows.map((r) => {
    const s = r.slice().sort((a, b) => a[0] - b[0]);
    return { j: s.map((e) => e[0]), v: s.map((e) => e[1]) };
  });
}

/** The whole contract run in fast mode (carried state as in exact mode). */
export function epochFast(rules: YumaRules, p: YumaChainParams, input: YumaInput): YumaOutput {
  const fp = toFloatParams(p, input);
  const n = input.epochs[0].stake.length;
  const stakeOf = (s: Array<number | bigint>) => s.map((v) => Number(v));
  const registeredAt = input.neurons?.registeredAt ?? new Array<number>(n).fill(0);
  let permits: boolean[];
  if (input.neurons?.validatorPermit) permits = input.neurons.validatorPermit.slice();
  else {
    const s0 = stakeOf(input.epochs[0].stake);
    normalize(s0);
    permits = rules.permits === 'topk' ? isTopk(s0, fp.maxAllowedValidators) : isTopkNonzero(s0, fp.maxAllowedValidators);
  }
  // stored bonds as floats in the profile's storage form (classic: any column scale; Yuma3: proportion)
  let bonds: SpMat = [];
  for (let i = 0; i < n; i++) {
    const row = input.initial?.bonds?.[i];
    const j: number[] = [];
    const v: number[] = [];
    if (row) for (let c = 0; c < n; c++) if (row[c]) (j.push(c), v.push(row[c] / 65535));
    bonds.push({ j, v });
  }
  const firstBlock = input.epochs[0].block ?? fp.tempo;
  let lastStep = input.initial?.lastMechanismStepBlock ?? Math.max(0, firstBlock - fp.tempo);
  const epochs: YumaEpochOutput[] = input.epochs.map((e, k) => {
    const block = e.block ?? (k + 1) * fp.tempo;
    const r = epochFastStep(rules, fp, {
      n,
      block,
      stake: stakeOf(e.stake),
      weights: toSp(e.weights),
      bonds,
      lastUpdate: input.neurons?.lastUpdate ?? new Array<number>(n).fill(block),
      registeredAt,
      validatorPermit: permits,
      lastMechanismStepBlock: lastStep,
    });
    bonds = bonds.map((row, i) =>
      r.bondsRowAction[i] === 'write'
        ? { j: r.bondsStorageForm[i].j.slice(), v: r.bondsStorageForm[i].v.slice() }
        : r.bondsRowAction[i] === 'clear'
          ? { j: [], v: [] }
          : row,
    );
    permits = r.newPermits;
    lastStep = block;
    const rao = input.raoEmission;
    return {
      rank: r.incentive.slice(),
      trust: r.trust,
      consensus: r.consensus,
      incentive: r.incentive,
      dividends: r.dividends,
      validatorTrust: r.validatorTrust,
      validatorPermit: r.newPermits,
      bonds: bonds.map((row) => {
        const d = new Array<number>(n).fill(0);
        for (let t = 0; t < row.j.length; t++) d[row.j[t]] = row.v[t];
        return d;
      }),
      emission:
        rao === undefined
          ? null
          : r.normalizedServer.map((s, i) =>
              BigInt(Math.floor(s * Number(rao))) + BigInt(Math.floor(r.normalizedValidator[i] * Number(rao))),
            ),
    };
  });
  return { schemaVersion: 1, epochs };
}
