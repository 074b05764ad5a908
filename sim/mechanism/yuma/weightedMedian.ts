/**
 * Stake-weighted median per column at majority `kappa`: `weighted_median_col_sparse` and
 * `weighted_median` of subtensor `epoch/math.rs` (e2b8367b8 recursive form; 14bc6f9f9 loop form
 * with an iteration cap that a partition which shrinks every round never reaches — both give the
 * same pivot). Works on I32F32 bits (`exact`) or on floats (`fast`): the only arithmetic is
 * exact addition and comparison, plus the normalization which each mode does its own way.
 */
import { safeDiv } from '../../math/i32f32.ts';
import type { SpMat } from './sparse.ts';

/**
 * `weighted_median`: quickselect by the middle element of the current partition (in list order,
 * not sorted), ties with the pivot dropped.
 */
export function weightedMedian(
  stake: ArrayLike<number>,
  score: ArrayLike<number>,
  offset: number,
  m: number,
  minority: number,
  lo0: number,
  hi0: number,
  idxBuf: Int32Array,
  tmpBuf: Int32Array,
): number {
  // current partition lives in idxBuf[0..len)
  let len = m;
  for (let k = 0; k < m; k++) idxBuf[k] = k;
  let lo = lo0;
  let hi = hi0;
  let cur = idxBuf;
  let other = tmpBuf;
  for (;;) {
    if (len === 0) return 0;
    if (len === 1) return score[offset + cur[0]];
    const pivot = score[offset + cur[len >> 1]];
    let loStake = 0;
    let hiStake = 0;
    // lower goes to the front of `other`, upper to its back (reversed later if chosen)
    let nl = 0;
    let nu = 0;
    for (let t = 0; t < len; t++) {
      const k = cur[t];
      const s = score[offset + k];
      if (s === pivot) continue;
      if (s < pivot) {
        loStake += stake[k];
        other[nl++] = k;
      } else {
        hiStake += stake[k];
        other[m - 1 - nu++] = k;
      }
    }
    if (minority < lo + loStake && nl > 0) {
      hi = lo + loStake;
      const sw = cur;
      cur = other;
      other = sw;
      len = nl;
    } else if (hi - hiStake <= minority && nu > 0) {
      lo = hi - hiStake;
      // upper part was written backwards from the end: restore list order at the front
      for (let t = 0; t < nu; t++) cur[t] = other[m - 1 - t];
      len = nu;
    } else {
      return pivot;
    }
  }
}

/**
 * `weighted_median_col_sparse`: per column j the median of the scores that the validators with
 * positive stake gave (0 where a validator has no entry), at majority `kappa`.
 * `normalize` is the mode's `inplace_normalize`.
 */
export function weightedMedianColSparse(
  stake: number[],
  score: SpMat,
  n: number,
  kappa: number,
  normalize: (x: number[]) => void,
): number[] {
  const rows: number[] = [];
  const useStake: number[] = [];
  for (let r = 0; r < stake.length; r++)
    if (stake[r] > 0) {
      rows.push(r);
      useStake.push(stake[r]);
    }
  normalize(useStake);
  let stakeSum = 0;
  for (const s of useStake) stakeSum += s;
  const minority = stakeSum - kappa;
  const m = useStake.length;
  const median = new Array<number>(n).fill(0);
  if (m === 0) return median;
  // column-major dense scores: useScore[c * m + k]
  const useScore = new Float64Array(n * m);
  for (let k = 0; k < m; k++) {
    const row = score[rows[k]];
    for (let t = 0; t < row.j.length; t++) useScore[row.j[t] * m + k] = row.v[t];
  }
  const idxBuf = new Int32Array(m);
  const tmpBuf = new Int32Array(m);
  for (let c = 0; c < n; c++) {
    median[c] = weightedMedian(useStake, useScore, c * m, m, minority, 0, stakeSum, idxBuf, tmpBuf);
  }
  return median;
}

/** Exact-mode normalization helper for {@link weightedMedianColSparse}. */
export function normalizeExact(x: number[]): void {
  let s = 0;
  for (const v of x) s += v;
  if (s === 0) return;
  for (let i = 0; i < x.length; i++) x[i] = safeDiv(x[i], s);
}
