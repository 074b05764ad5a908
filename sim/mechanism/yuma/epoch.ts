/**
 * One Yuma epoch: subtensor's sparse `epoch` (`pallets/subtensor/src/epoch/run_epoch.rs` @
 * e2b8367b8 for dtao-launch) and `epoch_mechanism` (@ 14bc6f9f9 for current), stage for stage
 * under the same banners, in either numeric mode:
 *
 * - `exact`: I32F32 bits held in doubles, every rounding as the runtime rounds (bit-identical
 *   u16 outputs and rao emissions);
 * - `fast`: float64 with the same stages, for sweeps.
 *
 * Where the code changed between chain versions the {@link YumaRules} of the profile decide.
 */
import { ONE as ONE_BITS, safeDiv, toU16Proportion } from '../../math/i32f32.ts';
import {
  type Csr,
  Scratch,
  allocCsr,
  compactCsr,
  colClip,
  colMaxUpscaleM,
  colNormalizeM,
  cloneCsr,
  filterCsr,
  interpolateClipped,
  isTopk,
  maskWeights,
  matEmaM,
  matmulM,
  matmulTransposeM,
  mulM,
  normalizeM,
  rowHadamardM,
  rowNormalizeM,
  rowSum,
  vecSum,
} from './csr.ts';
import { logisticAlphaPerColumn, logisticAlphaPerColumnFast, sigmoidAlpha, sigmoidAlphaFast } from './liquidAlpha.ts';
import type { YumaChainParams, YumaRules } from './profiles.ts';
import { normalizeStake64 } from './stake.ts';
import { weightedMedianColSparse } from './weightedMedian.ts';

/** Hyperparameters in the mode's units (exact: I32F32 bits; fast: floats). */
export interface EpochParams {
  exact: boolean;
  /** 2^32 (exact) or 1 (fast) */
  one: number;
  kappa: number;
  bondsPenalty: number;
  /** 1 − bonds moving average */
  emaAlpha: number;
  liquidAlphaEnabled: boolean;
  yuma3: boolean;
  maxAllowedValidators: number;
  activityCutoff: number;
  tempo: number;
  /** exact: u16 as stored; fast: proportions */
  alphaLow: number;
  alphaHigh: number;
  /** exact: i16 as stored; fast: the float form (stored / 100) */
  alphaSigmoidSteepness: number;
}

/** Scratch memory shared by epochs that are not given their own (JavaScript runs one at a time). */
const defaultScratch = new Scratch();

/** Epoch parameters for exact mode from chain units (`get_float_kappa` etc.: u16 / 65535 by safe_div). */
export function exactParams(p: YumaChainParams): EpochParams {
  const prop = (u: number) => safeDiv(u * ONE_BITS, 65535 * ONE_BITS);
  // 1 − I32F32(I64F64(bma) / 1e6): the I64F64 quotient truncated to 32 fractional bits
  const bma = Number((BigInt(p.bondsMovingAverage) << 32n) / 1_000_000n);
  return {
    exact: true,
    one: ONE_BITS,
    kappa: prop(p.kappa),
    bondsPenalty: prop(p.bondsPenalty),
    emaAlpha: ONE_BITS - bma,
    liquidAlphaEnabled: p.liquidAlphaEnabled,
    yuma3: p.yuma3,
    maxAllowedValidators: p.maxAllowedValidators,
    activityCutoff: p.activityCutoff,
    tempo: p.tempo,
    alphaLow: p.alphaLow,
    alphaHigh: p.alphaHigh,
    alphaSigmoidSteepness: p.alphaSigmoidSteepness,
  };
}

/** What the epoch reads from storage. */
export interface EpochInput {
  n: number;
  block: number;
  /** stake weight per uid: rao (bigint) in exact mode, any non-negative scale in fast mode */
  stake: ReadonlyArray<bigint | number>;
  /** stored weights: exact = u16 integers (row max-upscaled); fast = any non-negative scale */
  weights: Csr;
  /** stored bonds: exact = u16; fast = floats in the profile's storage form */
  bonds: Csr;
  lastUpdate: ArrayLike<number>;
  registeredAt: ArrayLike<number>;
  /** `ValidatorPermit` written by the previous epoch */
  validatorPermit: ArrayLike<boolean>;
  /** `LastMechansimStepBlock` (HEAD bond mask) */
  lastMechanismStepBlock: number;
  /** alpha rao to distribute */
  raoEmission?: bigint;
}

/** What the epoch computes. Vectors in the mode's units. */
export interface EpochResult {
  stake: Float64Array;
  active: boolean[];
  consensus: Float64Array;
  incentive: Float64Array;
  dividends: Float64Array;
  /** L233 only: ranks / pre-ranks */
  trust: Float64Array | null;
  validatorTrust: Float64Array;
  newPermits: boolean[];
  /** EMA bonds in storage form (classic: column max-upscaled; Yuma3: raw) */
  bondsStorageForm: Csr;
  /** per uid: the epoch writes its bonds row, clears it, or keeps what was stored */
  bondsRowAction: Array<'write' | 'clear' | 'keep'>;
  normalizedServer: Float64Array;
  normalizedValidator: Float64Array;
  normalizedCombined: Float64Array;
  /** rao per uid, when `raoEmission` is given */
  serverEmission: bigint[] | null;
  validatorEmission: bigint[] | null;
}

function normalizedStake(exact: boolean, stake: ReadonlyArray<bigint | number>): Float64Array {
  if (exact) return Float64Array.from(normalizeStake64(stake.map((s) => BigInt(s))));
  const s = Float64Array.from(stake, (v) => Number(v));
  normalizeM(false, s);
  return s;
}

/** New validator permits: `is_topk` (L233) or `is_topk_nonzero` (HEAD) on the normalized stake. */
export function permitsFor(rules: YumaRules, exact: boolean, stake: ReadonlyArray<bigint | number>, k: number): boolean[] {
  return isTopk(normalizedStake(exact, stake), k, rules.permits === 'topkNonzero');
}

/**
 * Run one epoch.
 * @example
 * const r = yumaEpoch(DTAO_LAUNCH, exactParams(DTAO_LAUNCH.defaults), input);
 * toU16Proportion(r.incentive[3]);
 */
export function yumaEpoch(rules: YumaRules, p: EpochParams, x: EpochInput, scratch: Scratch = defaultScratch): EpochResult {
  const { exact, one } = p;
  const n = x.n;
  const nnzW = x.weights.ptr[n];
  const nnzB = x.bonds.ptr[n];
  const slot = (key: string, cap: number) => scratch.csr(key, n, cap);
  const b = x.block;
  const normalize = (v: Float64Array) => normalizeM(exact, v);

  // == Active & updated ==
  const inactive = new Array<boolean>(n);
  for (let i = 0; i < n; i++) inactive[i] = x.lastUpdate[i] + p.activityCutoff < b;
  const active = inactive.map((v) => !v);

  // == Stake ==
  const stake = normalizedStake(exact, x.stake);

  // == Validator permits ==
  const forbid = Array.from(x.validatorPermit, (v) => !v);
  const newPermits = isTopk(stake, p.maxAllowedValidators, rules.permits === 'topkNonzero');

  // == Active stake ==
  const activeStake = stake.slice();
  for (let i = 0; i < n; i++) if (inactive[i] || forbid[i]) activeStake[i] = 0;
  normalize(activeStake);

  // == Weights ==
  const weights = maskWeights(x.weights, forbid, x.lastUpdate, x.registeredAt, -1, slot('weights', nnzW));
  rowNormalizeM(exact, weights, true);

  // == Consensus, validator trust ==
  const preranks = rules.computesTrust ? matmulM(exact, weights, activeStake) : null;
  const consensus = weightedMedianColSparse(activeStake, weights, p.kappa, normalize, scratch);
  const clipped = colClip(weights, consensus, slot('clipped', nnzW));
  const validatorTrust = rowSum(clipped);

  // == Ranks, trust, incentive ==
  const ranks = matmulM(exact, clipped, activeStake);
  let trust: Float64Array | null = null;
  if (preranks) {
    trust = new Float64Array(n);
    for (let j = 0; j < n; j++) trust[j] = preranks[j] !== 0 ? (exact ? safeDiv(ranks[j], preranks[j]) : ranks[j] / preranks[j]) : 0;
  }
  normalize(ranks);
  const incentive = ranks;

  // == Bonds and dividends ==
  const weightsForBonds = interpolateClipped(exact, weights, clipped, p.bondsPenalty, one, slot('wb', nnzW));
  // HEAD: last_tempo = LastMechansimStepBlock + 1, or block − tempo when that is 0 (run_epoch.rs @ 14bc6f9f9)
  const lastTempo = x.lastMechanismStepBlock === 0 ? Math.max(0, b - p.tempo) : x.lastMechanismStepBlock + 1;
  const blockMinusTempo = Math.max(0, b - p.tempo);
  const maskBonds = (m: Csr) =>
    rules.bondsMask === 'lastUpdate'
      ? filterCsr(m, (i, j) => !(x.lastUpdate[i] <= x.registeredAt[j]), slot('bonds', nnzB))
      : rules.bondsMask === 'blockMinusTempo'
        ? filterCsr(m, (_i, j) => !(blockMinusTempo <= x.registeredAt[j]), slot('bonds', nnzB))
        : filterCsr(m, (_i, j) => !(lastTempo <= x.registeredAt[j]), slot('bonds', nnzB));
  const anyConsensus = consensus.some((c) => c !== 0);

  let dividends: Float64Array;
  let emaBonds: Csr;
  if (rules.supportsYuma3 && p.yuma3) {
    // stored u16 → proportion (trunc division by 65535); no column normalization, no stake-weighted delta
    const bonds = maskBonds(exact ? toProportions(x.bonds, slot('bondsIn', nnzB)) : x.bonds);
    if (p.liquidAlphaEnabled && anyConsensus) {
      const variant = rules.sigmoidExp ?? 'expSafe';
      const alpha = exact
        ? sigmoidAlpha(p.alphaLow, p.alphaHigh, p.alphaSigmoidSteepness, variant)
        : sigmoidAlphaFast(p.alphaLow, p.alphaHigh, p.alphaSigmoidSteepness, variant);
      emaBonds = matEmaAlphaPerEntry(exact, one, weightsForBonds, bonds, consensus, alpha);
    } else {
      emaBonds = matEmaM(exact, weightsForBonds, bonds, p.emaAlpha, one, undefined, slot('ema', nnzW + nnzB));
    }
    const norm = cloneCsr(emaBonds, slot('norm', nnzW + nnzB));
    colNormalizeM(exact, norm);
    const totalBonds = matmulTransposeM(exact, norm, incentive);
    // vec_mul: checked_mul, 0 on overflow (proportions cannot overflow)
    dividends = new Float64Array(n);
    for (let i = 0; i < n; i++) dividends[i] = mulM(exact, totalBonds[i], activeStake[i]);
    normalize(dividends);
  } else {
    const bonds = maskBonds(x.bonds);
    colNormalizeM(exact, bonds, true);
    const delta = rowHadamardM(exact, weightsForBonds, activeStake, slot('delta', nnzW));
    colNormalizeM(exact, delta);
    let alphaCol: Float64Array | undefined;
    if (rules.liquidAlpha === 'logisticPerColumn' && p.liquidAlphaEnabled && anyConsensus) {
      const a = exact
        ? logisticAlphaPerColumn(consensus, p.alphaLow, p.alphaHigh)
        : logisticAlphaPerColumnFast(consensus, p.alphaLow, p.alphaHigh);
      alphaCol = a ?? undefined;
    }
    emaBonds = matEmaM(exact, delta, bonds, p.emaAlpha, one, alphaCol, slot('ema', nnzW + nnzB));
    colNormalizeM(exact, emaBonds);
    dividends = matmulTransposeM(exact, emaBonds, incentive);
    normalize(dividends);
    colMaxUpscaleM(exact, emaBonds);
  }

  // == Emission ==
  const combined = new Float64Array(n);
  for (let i = 0; i < n; i++) combined[i] = incentive[i] + dividends[i];
  const emissionSum = vecSum(combined);
  let nServer = incentive.slice();
  let nValidator = dividends.slice();
  let nCombined = combined.slice();
  if (emissionSum !== 0) {
    for (let i = 0; i < n; i++) {
      nServer[i] = exact ? safeDiv(nServer[i], emissionSum) : nServer[i] / emissionSum;
      nValidator[i] = exact ? safeDiv(nValidator[i], emissionSum) : nValidator[i] / emissionSum;
    }
    normalize(nCombined);
  } else {
    // no weights set | outdated weights | self-weights: emission follows (active) stake
    const src = vecSum(activeStake) === 0 ? stake : activeStake;
    nValidator = src.slice();
    nCombined = src.slice();
  }
  let serverEmission: bigint[] | null = null;
  let validatorEmission: bigint[] | null = null;
  if (x.raoEmission !== undefined) {
    const rao = x.raoEmission;
    const raoF = Number(rao);
    // exact: I96F32(v) · I96F32(rao) then to u64 (floor) = (bits · rao) >> 32
    const toRao = exact
      ? (v: number) => (v <= 0 ? 0n : (BigInt(v) * rao) >> 32n)
      : (v: number) => (v <= 0 ? 0n : BigInt(Math.floor(v * raoF)));
    serverEmission = Array.from(nServer, toRao);
    validatorEmission = Array.from(nValidator, toRao);
  }

  // == Bonds storage ==
  const bondsRowAction = newPermits.map((np, i) =>
    np ? 'write' : rules.clearBonds === 'allWithoutPermit' || x.validatorPermit[i] ? 'clear' : 'keep',
  ) as Array<'write' | 'clear' | 'keep'>;

  return {
    stake,
    active,
    consensus,
    incentive,
    dividends,
    trust,
    validatorTrust,
    newPermits,
    bondsStorageForm: compactCsr(emaBonds),
    bondsRowAction,
    normalizedServer: nServer,
    normalizedValidator: nValidator,
    normalizedCombined: nCombined,
    serverEmission,
    validatorEmission,
  };
}

/** `get_bonds_sparse_fixed_proportion`: stored u16 → I32F32 trunc(u · 2^32 / 65535). */
function toProportions(m: Csr, into: Csr): Csr {
  const out = cloneCsr(m, into);
  for (let k = 0; k < out.ptr[out.n]; k++) out.val[k] = Math.floor((out.val[k] * ONE_BITS) / 65535);
  return out;
}

/**
 * Yuma3 EMA with a liquid alpha per entry (`compute_liquid_alpha_values_sparse` +
 * `mat_ema_alpha_sparse` @ 14bc6f9f9): only entries of the current weights row survive;
 * E = min(1, (1 − α)·B + max(0, α·W)), kept if > 0 (bonds absent from W are dropped).
 */
function matEmaAlphaPerEntry(
  exact: boolean,
  one: number,
  w: Csr,
  bonds: Csr,
  consensus: Float64Array,
  alpha: (c: number, w: number, b: number) => number,
): Csr {
  const n = w.n;
  const bondRow = new Float64Array(n);
  const out = allocCsr(n, w.ptr[n]);
  let o = 0;
  for (let i = 0; i < n; i++) {
    out.ptr[i] = o;
    for (let k = bonds.ptr[i]; k < bonds.ptr[i + 1]; k++) bondRow[bonds.col[k]] = bonds.val[k];
    for (let k = w.ptr[i]; k < w.ptr[i + 1]; k++) {
      const c = w.col[k];
      const wv = w.val[k];
      const bv = bondRow[c];
      const a = alpha(consensus[c], wv, bv);
      const decayed = mulM(exact, one - a, bv);
      let inc = mulM(exact, a, wv);
      if (inc < 0) inc = 0;
      let val = decayed + inc;
      if (val > one) val = one;
      if (val > 0) {
        out.col[o] = c;
        out.val[o++] = val;
      }
    }
    for (let k = bonds.ptr[i]; k < bonds.ptr[i + 1]; k++) bondRow[bonds.col[k]] = 0;
  }
  out.ptr[n] = o;
  return out;
}

export { toU16Proportion };
