/**
 * The `taosim yuma` contract (v1) as a library call: resolves a profile's defaults, quantizes
 * float inputs as the chain stores them (exact mode), runs the epochs in order carrying bonds,
 * permits and the last epoch block, and shapes the contract's output.
 */
import { toU16Proportion } from '../../math/i32f32.ts';
import { type Csr, csrFromDense, csrFromPairs, csrToDense } from './csr.ts';
import { type EpochParams, type EpochResult, exactParams, permitsFor, yumaEpoch } from './epoch.ts';
import { type YumaChainParams, type YumaRules, yumaRules } from './profiles.ts';
import type { SparseRow, YumaEpochOutput, YumaInput, YumaOutput } from './types.ts';

/** floor(x · 65535 + 0.5): a float proportion as the chain stores it (u16). */
export function proportionToU16(x: number): number {
  return Math.min(65535, Math.max(0, Math.floor(x * 65535 + 0.5)));
}

/**
 * Hyperparameters in chain units, filled from the profile's defaults (mechanism.md §12).
 * From spec 423 (`current`), an omitted activity cutoff follows the tempo: max(1, floor(13,889 · tempo / 1000)).
 */
export function resolveChainParams(rules: YumaRules, input: YumaInput): YumaChainParams {
  const h = input.hyperparameters ?? {};
  const float = input.units === 'float';
  const d = rules.defaults;
  const prop = (v: number | undefined, def: number) => (v === undefined ? def : float ? proportionToU16(v) : v);
  const tempo = h.tempo ?? d.tempo;
  const activityCutoff =
    h.activityCutoff ??
    (rules.activityCutoffFromTempo ? Math.max(1, Math.floor((13889 * tempo) / 1000)) : d.activityCutoff);
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

/** Epoch parameters for fast mode: floats as given in float units, chain units scaled. */
export function fastParams(p: YumaChainParams, input: YumaInput): EpochParams {
  const h = input.hyperparameters ?? {};
  const float = input.units === 'float';
  const pick = (given: number | undefined, chain: number, scale: number) =>
    float && given !== undefined ? given : chain / scale;
  return {
    exact: false,
    one: 1,
    kappa: pick(h.kappa, p.kappa, 65535),
    bondsPenalty: pick(h.bondsPenalty, p.bondsPenalty, 65535),
    emaAlpha: 1 - pick(h.bondsMovingAverage, p.bondsMovingAverage, 1e6),
    liquidAlphaEnabled: p.liquidAlphaEnabled,
    yuma3: p.yuma3,
    maxAllowedValidators: p.maxAllowedValidators,
    activityCutoff: p.activityCutoff,
    tempo: p.tempo,
    alphaLow: pick(h.liquidAlpha?.alphaLow, p.alphaLow, 65535),
    alphaHigh: pick(h.liquidAlpha?.alphaHigh, p.alphaHigh, 65535),
    alphaSigmoidSteepness: pick(h.alphaSigmoidSteepness, p.alphaSigmoidSteepness, 100),
  };
}

/**
 * Run the epochs of a `taosim yuma` input.
 * @example
 * const out = runYuma({ profile: 'dtao-launch', mode: 'exact', units: 'float', hyperparameters: {},
 *   epochs: [{ stake: [1, 1, 0, 0], weights: [[[2, 1]], [[3, 1]], [], []] }] });
 */
export function runYuma(input: YumaInput): YumaOutput {
  const rules = yumaRules(input.profile);
  const cp = resolveChainParams(rules, input);
  const exact = input.mode === 'exact';
  const p = exact ? exactParams(cp) : fastParams(cp, input);
  const n = input.epochs[0].stake.length;
  const registeredAt = input.neurons?.registeredAt ?? new Array<number>(n).fill(0);
  // stake as the epoch reads it: rao (exact: float units floored to rao) or floats (fast)
  const stakeOf = (s: Array<number | bigint>): Array<number | bigint> =>
    exact ? (input.units === 'chain' ? s.map((v) => BigInt(v)) : s.map((v) => BigInt(Math.floor(Number(v) * 1e9)))) : s.map(Number);
  let permits = input.neurons?.validatorPermit?.slice() ?? permitsFor(rules, exact, stakeOf(input.epochs[0].stake), cp.maxAllowedValidators);
  // stored bonds: exact keeps u16 as stored; fast keeps floats in the storage form
  let bonds = csrFromDense(input.initial?.bonds, n);
  if (!exact) for (let k = 0; k < bonds.ptr[n]; k++) bonds.val[k] /= 65535;
  const firstBlock = input.epochs[0].block ?? cp.tempo;
  let lastStep = input.initial?.lastMechanismStepBlock ?? Math.max(0, firstBlock - cp.tempo);
  const toFloat = exact ? (v: number) => v / 2 ** 32 : (v: number) => v;
  const epochs: YumaEpochOutput[] = [];
  input.epochs.forEach((e, k) => {
    const block = e.block ?? (k + 1) * cp.tempo;
    const rows = exact && input.units === 'float' ? e.weights.map(quantizeWeightRow) : e.weights;
    const r = yumaEpoch(rules, p, {
      n,
      block,
      stake: stakeOf(e.stake),
      weights: csrFromPairs(rows, n),
      bonds,
      lastUpdate: input.neurons?.lastUpdate ?? new Array<number>(n).fill(block),
      registeredAt,
      validatorPermit: permits,
      lastMechanismStepBlock: lastStep,
      raoEmission: input.raoEmission,
    });
    bonds = storeBonds(exact, bonds, r);
    const list = (v: Float64Array) => Array.from(v, toFloat);
    const u16 = (v: Float64Array) => Array.from(v, toU16Proportion);
    epochs.push({
      rank: list(r.incentive),
      trust: r.trust ? list(r.trust) : null,
      consensus: list(r.consensus),
      incentive: list(r.incentive),
      dividends: list(r.dividends),
      validatorTrust: list(r.validatorTrust),
      validatorPermit: r.newPermits,
      bonds: bondsFloat(exact, bonds, r),
      emission:
        r.serverEmission && r.validatorEmission ? r.serverEmission.map((s, i) => s + r.validatorEmission![i]) : null,
      ...(exact
        ? {
            u16: {
              consensus: u16(r.consensus),
              incentive: u16(r.incentive),
              dividends: u16(r.dividends),
              trust: r.trust ? u16(r.trust) : null,
              validatorTrust: u16(r.validatorTrust),
              rank: u16(r.incentive),
              bonds: csrToDense(bonds),
            },
          }
        : {}),
    });
    permits = r.newPermits;
    lastStep = block;
  });
  return { schemaVersion: 1, epochs };
}

/** `Bonds` after an epoch: written rows (exact: u16 of the storage form), cleared rows, kept rows. */
function storeBonds(exact: boolean, prev: Csr, r: EpochResult): Csr {
  const n = prev.n;
  const rows: Array<Array<[number, number]>> = [];
  for (let i = 0; i < n; i++) {
    const a = r.bondsRowAction[i];
    const src = a === 'write' ? r.bondsStorageForm : a === 'keep' ? prev : null;
    const row: Array<[number, number]> = [];
    if (src)
      for (let k = src.ptr[i]; k < src.ptr[i + 1]; k++)
        row.push([src.col[k], exact && a === 'write' ? toU16Proportion(src.val[k]) : src.val[k]]);
    rows.push(row);
  }
  return csrFromPairs(rows, n);
}

/**
 * The contract's float `bonds`: the storage form before u16 quantization for written rows,
 * 0 for cleared rows, and the stored value (u16 / 65535 in exact mode) for rows left as they were.
 */
function bondsFloat(exact: boolean, stored: Csr, r: EpochResult): number[][] {
  const n = stored.n;
  const out: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(n).fill(0);
    const a = r.bondsRowAction[i];
    if (a === 'write') {
      const m = r.bondsStorageForm;
      for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) row[m.col[k]] = exact ? m.val[k] / 2 ** 32 : m.val[k];
    } else if (a === 'keep') {
      for (let k = stored.ptr[i]; k < stored.ptr[i + 1]; k++) row[stored.col[k]] = exact ? stored.val[k] / 65535 : stored.val[k];
    }
    out.push(row);
  }
  return out;
}
