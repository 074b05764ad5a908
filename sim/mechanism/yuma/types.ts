/**
 * Types of the `taosim yuma` contract (v1) after parsing: what the CLI hands to the mechanism,
 * and what the mechanism returns. The JSON schema files in `schemas/` describe the same shapes
 * on the wire (where big integers may be decimal strings).
 */

/** Runtime profiles that compute a Yuma epoch. */
export type YumaProfileName = 'dtao-launch' | 'current';
/** Numeric mode: `exact` = fixed point, bit-identical to the runtime; `fast` = float64. */
export type NumericMode = 'exact' | 'fast';
/** `float`: proportions in [0,1], stake in TAO; `chain`: values as stored on chain (u16, rao, u64 per 1e6). */
export type Units = 'float' | 'chain';

export interface YumaHyperparameters {
  /** chain: u16 (65535 = 1.0); float: proportion */
  kappa?: number;
  /** chain: u64 per 1e6 (900000 = 0.9); float: proportion */
  bondsMovingAverage?: number;
  /** chain: u16; float: proportion */
  bondsPenalty?: number;
  liquidAlpha?: { enabled?: boolean; alphaLow?: number; alphaHigh?: number };
  yuma3?: boolean;
  /** chain: i16 as stored (1000); float: the same number / 100 (10) */
  alphaSigmoidSteepness?: number;
  maxAllowedValidators?: number;
  activityCutoff?: number;
  tempo?: number;
}

/** One sparse row: pairs (uid, value). A pair with value 0 is an explicitly stored zero. */
export type SparseRow = Array<[number, number]>;

export interface YumaEpochInput {
  /** chain units: integer rao as bigint; float units: non-negative numbers (TAO) */
  stake: Array<number | bigint>;
  /** row i = the weights uid i set, always in sparse form here (dense zeros already dropped) */
  weights: SparseRow[];
  /** block of this epoch; undefined = (k + 1) · tempo for epoch k */
  block?: number;
}

export interface YumaInput {
  profile: YumaProfileName;
  mode: NumericMode;
  units: Units;
  hyperparameters: YumaHyperparameters;
  epochs: YumaEpochInput[];
  neurons?: { registeredAt?: number[]; lastUpdate?: number[]; validatorPermit?: boolean[] };
  initial?: { bonds?: number[][]; lastMechanismStepBlock?: number };
  /** rao to distribute at each epoch (integer) */
  raoEmission?: bigint;
}

export interface YumaU16Output {
  consensus: number[];
  incentive: number[];
  dividends: number[];
  trust: number[] | null;
  validatorTrust: number[];
  rank: number[] | null;
  bonds: number[][];
}

export interface YumaEpochOutput {
  rank: number[] | null;
  trust: number[] | null;
  consensus: number[];
  incentive: number[];
  dividends: number[];
  validatorTrust: number[];
  validatorPermit: boolean[];
  bonds: number[][];
  /** server + validator rao per uid, when `raoEmission` is given (bigint: may exceed 2^53) */
  emission: bigint[] | null;
  /** present in exact mode */
  u16?: YumaU16Output;
}

export interface YumaOutput {
  schemaVersion: 1;
  epochs: YumaEpochOutput[];
}
