/**
 * One Yuma epoch in `exact` mode: the sparse `epoch` of subtensor
 * `pallets/subtensor/src/epoch/run_epoch.rs` (e2b8367b8 for dtao-launch; `epoch_mechanism` at
 * 14bc6f9f9 for current), stage for stage, on I32F32 bits. The stage banners follow the Rust.
 */
import { ONE, add, checkedDiv, mul, safeDiv, sub, toU16Proportion } from '../../math/i32f32.ts';
import type { YumaChainParams, YumaRules } from './profiles.ts';
import {
  type SpMat,
  cloneMat,
  colClipSparse,
  colNormalizeU16Sparse,
  filterSparse,
  inplaceColMaxUpscaleSparse,
  inplaceColNormalizeSparse,
  inplaceNormalize,
  inplaceNormalizeUsingSum,
  interpolateSparse,
  isTopk,
  isTopkNonzero,
  maskRowsSparse,
  matEmaSparse,
  matmulSparse,
  matmulTransposeSparse,
  rowHadamardSparse,
  rowNormalizeU16Sparse,
  rowSumSparse,
  sum,
} from './sparse.ts';
import { normalizeExact, weightedMedianColSparse } from './weightedMedian.ts';
import { logisticAlphaPerColumn, sigmoidAlpha } from './liquidAlpha.ts';
import { normalizeStake64 } from './stake.ts';

/** What the epoch reads (storage, in chain units). */
export interface EpochExactInput {
  n: number;
  block: number;
  /** stake weight per uid in rao */
  stake: bigint[];
  /** stored weights, u16, rows sorted by uid */
  weights: SpMat;
  /** stored bonds, u16, rows sorted by uid */
  bonds: SpMat;
  lastUpdate: number[];
  registeredAt: number[];
  /** `ValidatorPermit` from the previous epoch */
  validatorPermit: boolean[];
  /** `LastMechansimStepBlock` (HEAD bond mask) */
  lastMechanismStepBlock: number;
  /** alpha rao to distribute (optional) */
  raoEmission?: bigint;
}

/** What the epoch computes and writes. Vectors are I32F32 bits unless stated. */
export interface EpochExactResult {
  stake: number[];
  active: boolean[];
  consensus: number[];
  incentive: number[];
  dividends: number[];
  /** normalized ranks (= incentive) */
  rank: number[];
  /** L233 only */
  trust: number[] | null;
  validatorTrust: number[];
  newPermits: boolean[];
  /** EMA bonds in storage form (column max-upscaled classic; raw Yuma3), bits; rows of uids with a new permit */
  bondsStorageForm: SpMat;
  /** `Bonds` after the epoch (u16 as stored), every row */
  bondsStored: SpMat;
  /** which rows the epoch (re)wrote: 'write' (new permit), 'clear', or 'keep' */
  bondsRowAction: Array<'write' | 'clear' | 'keep'>;
  normalizedServer: number[];
  normalizedValidator: number[];
  normalizedCombined: number[];
  serverEmission: bigint[] | null;
  validatorEmission: bigint[] | null;
}

/**
 * Run one exact epoch.
 * @example
 * const r = epochExact(DTAO_LAUNCH, DTAO_LAUNCH.defaults, input);
 * toU16Proportion(r.incentive[3]);
 */
export function epochExact(rules: YumaRules, p: YumaChainParams, x: EpochExactInput): EpochExactResult {
  const n = x.n;
  const b = x.block;

  // == Active & updated ==
  const inactive = x.lastUpdate.map((u) => u + p.activityCutoff < b);
  const active = inactive.map((v) => !v);

  // == Stake == (I64F64 normalize, then truncate to I32F32)
  const stake = normalizeStake64(x.stake);

  // == Validator permits ==
  const forbids = x.validatorPermit.map((v) => !v);
  const newPermits =
    rules.permits === 'topk' ? isTopk(stake, p.maxAllowedValidators) : isTopkNonzero(stake, p.maxAllowedValidators);

  // == Active stake ==
  const activeStake = stake.slice();
  for (let i = 0; i < n; i++) if (inactive[i] || forbids[i]) activeStake[i] = 0;
  inplaceNormalize(activeStake);

  // == Weights == (u16 integers until the row normalization)
  const weights = cloneMat(x.weights);
  maskRowsSparse(forbids, weights);
  filterSparse(weights, (i, j) => i === j); // self-weights
  filterSparse(weights, (i, j) => x.lastUpdate[i] <= x.registeredAt[j]); // set before j registered
  rowNormalizeU16Sparse(weights);

  // == Consensus, validator trust ==
  const preranks = rules.computesTrust ? matmulSparse(weights, activeStake, n) : null;
  const kappa = safeDiv(p.kappa * ONE, 65535 * ONE);
  const consensus = weightedMedianColSparse(activeStake, weights, n, kappa, normalizeExact);
  const clipped = colClipSparse(weights, consensus);
  const validatorTrust = rowSumSparse(clipped);

  // == Ranks, trust, incentive ==
  const ranks = matmulSparse(clipped, activeStake, n);
  let trust: number[] | null = null;
  if (preranks) trust = ranks.map((r, j) => (preranks[j] !== 0 ? safeDiv(r, preranks[j]) : 0));
  inplaceNormalize(ranks);
  const incentive = ranks.slice();

  // == Bonds and dividends ==
  const bondsPenalty = safeDiv(p.bondsPenalty * ONE, 65535 * ONE);
  const weightsForBonds = interpolateSparse(weights, clipped, n, bondsPenalty);

  // last_tempo for the HEAD bond mask (run_epoch.rs @ 14bc6f9f9: LastMechansimStepBlock + 1, or block − tempo when 0)
  const lastTempo =
    x.lastMechanismStepBlock === 0 ? Math.max(0, b - p.tempo) : x.lastMechanismStepBlock + 1;
  const maskBonds = (m: SpMat) =>
    rules.bondsMask === 'lastUpdate'
      ? filterSparse(m, (i, j) => x.lastUpdate[i] <= x.registeredAt[j])
      : filterSparse(m, (_i, j) => lastTempo <= x.registeredAt[j]);

  let dividends: number[];
  let emaBonds: SpMat;
  const useYuma3 = rules.supportsYuma3 && p.yuma3;
  if (useYuma3) {
    // Yuma3: stored u16 → proportion (trunc division by 65535), no column normalization
    const bonds: SpMat = x.bonds.map((r) => ({ j: r.j.slice(), v: r.v.map((u) => Math.floor((u * ONE) / 65535)) }));
    maskBonds(bonds);
    const liquid = p.liquidAlphaEnabled && consensus.some((c) => c !== 0);
    emaBonds = liquid
      ? matEmaAlphaSparseYuma3(weightsForBonds, bonds, consensus, p, n)
      : matEmaSparse(weightsForBonds, bonds, n, disabledLiquidAlpha(p.bondsMovingAverage));
    const norm = cloneMat(emaBonds);
    inplaceColNormalizeSparse(norm, n);
    // row_sum(mat_vec_mul_sparse(norm, incentive)): products that are exactly 0 are skipped (no effect on sums)
    const totalBonds = norm.map((r) => {
      let s = 0;
      for (let k = 0; k < r.j.length; k++) s = add(s, mul(r.v[k], incentive[r.j[k]]));
      return s;
    });
    // vec_mul: checked_mul, 0 on overflow (cannot overflow for proportions)
    dividends = totalBonds.map((t, i) => mul(t, activeStake[i]));
    inplaceNormalize(dividends);
  } else {
    const bonds = cloneMat(x.bonds);
    maskBonds(bonds);
    colNormalizeU16Sparse(bonds, n);
    const delta = rowHadamardSparse(weightsForBonds, activeStake);
    inplaceColNormalizeSparse(delta, n);
    let alphaCol: number[] | undefined;
    if (rules.liquidAlpha === 'logisticPerColumn' && p.liquidAlphaEnabled && consensus.some((c) => c !== 0)) {
      alphaCol = logisticAlphaPerColumn(consensus, p.alphaLow, p.alphaHigh) ?? undefined;
    }
    emaBonds = matEmaSparse(delta, bonds, n, disabledLiquidAlpha(p.bondsMovingAverage), alphaCol);
    inplaceColNormalizeSparse(emaBonds, n);
    dividends = matmulTransposeSparse(emaBonds, incentive);
    inplaceNormalize(dividends);
    inplaceColMaxUpscaleSparse(emaBonds, n);
  }

  // == Emission ==
  const combined = incentive.map((v, i) => add(v, dividends[i]));
  const emissionSum = sum(combined);
  let nServer = incentive.slice();
  let nValidator = dividends.slice();
  let nCombined = combined.slice();
  inplaceNormalizeUsingSum(nServer, emissionSum);
  inplaceNormalizeUsingSum(nValidator, emissionSum);
  inplaceNormalize(nCombined);
  if (emissionSum === 0) {
    const src = sum(activeStake) === 0 ? stake : activeStake;
    nValidator = src.slice();
    nCombined = src.slice();
  }
  let serverEmission: bigint[] | null = null;
  let validatorEmission: bigint[] | null = null;
  if (x.raoEmission !== undefined) {
    const rao = x.raoEmission;
    // I96F32(ns) · I96F32(rao), then to u64 (floor): (bits · rao) >> 32
    const toRao = (bits: number) => (bits <= 0 ? 0n : (BigInt(bits) * rao) >> 32n);
    serverEmission = nServer.map(toRao);
    validatorEmission = nValidator.map(toRao);
  }

  // == Bonds storage ==
  const bondsStored: SpMat = cloneMat(x.bonds);
  const bondsRowAction: Array<'write' | 'clear' | 'keep'> = new Array(n);
  for (let i = 0; i < n; i++) {
    if (newPermits[i]) {
      bondsStored[i] = { j: emaBonds[i].j.slice(), v: emaBonds[i].v.map(toU16Proportion) };
      bondsRowAction[i] = 'write';
    } else if (rules.clearBonds === 'allWithoutPermit' || x.validatorPermit[i]) {
      bondsStored[i] = { j: [], v: [] };
      bondsRowAction[i] = 'clear';
    } else {
      bondsRowAction[i] = 'keep';
    }
  }

  return {
    stake,
    active,
    consensus,
    incentive,
    dividends,
    rank: incentive,
    trust,
    validatorTrust,
    newPermits,
    bondsStorageForm: emaBonds,
    bondsStored,
    bondsRowAction,
    normalizedServer: nServer,
    normalizedValidator: nValidator,
    normalizedCombined: nCombined,
    serverEmission,
    validatorEmission,
  };
}

/**
 * alpha = 1 − I32F32(I64F64(BondsMovingAverage) / 1e6) (`compute_ema_bonds_normal_sparse`,
 * `compute_disabled_liquid_alpha`): the I64F64 quotient truncated to 32 fractional bits.
 */
export function disabledLiquidAlpha(bma: number): number {
  // trunc(bma · 2^64 / 1e6) >> 32 = floor(bma · 2^32 / 1e6) (nested floors of positives)
  const q = Number((BigInt(bma) << 32n) / 1000000n);
  return sub(ONE, q);
}

/**
 * Yuma3 EMA with a liquid alpha per entry (`compute_liquid_alpha_values_sparse` +
 * `mat_ema_alpha_sparse` @ 14bc6f9f9): only the entries of the current weights row survive;
 * E = min(1, (1 − α)·B + max(0, α·W)), kept if > 0.
 */
function matEmaAlphaSparseYuma3(
  w: SpMat,
  bonds: SpMat,
  consensus: number[],
  p: YumaChainParams,
  n: number,
): SpMat {
  const bondRow = new Float64Array(n);
  const alpha = sigmoidAlpha(p.alphaLow, p.alphaHigh, p.alphaSigmoidSteepness);
  const out: SpMat = [];
  for (let i = 0; i < w.length; i++) {
    const wr = w[i];
    const br = bonds[i];
    for (let k = 0; k < br.j.length; k++) bondRow[br.j[k]] = br.v[k];
    const j: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < wr.j.length; k++) {
      const c = wr.j[k];
      const wv = wr.v[k];
      const bv = bondRow[c];
      const a = alpha(consensus[c], wv, bv);
      const decayed = mul(sub(ONE, a), bv);
      let inc = mul(a, wv);
      if (inc < 0) inc = 0;
      let val = add(decayed, inc);
      if (val > ONE) val = ONE;
      if (val > 0) {
        j.push(c);
        v.push(val);
      }
    }
    for (let k = 0; k < br.j.length; k++) bondRow[br.j[k]] = 0;
    out.push({ j, v });
  }
  return out;
}

export { checkedDiv };
