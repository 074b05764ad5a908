/**
 * Stake-weighted median per column at majority `kappa`: `weighted_median_col_sparse` and
 * `weighted_median` of subtensor `epoch/math.rs` (e2b8367b8 recursive form; 14bc6f9f9 loop form
 * with an iteration cap that a partition which shrinks every round never reaches — both give the
 * same pivot). Works on I32F32 bits (`exact`) or on floats (`fast`): the only arithmetic is
 * exact addition and comparison, plus the normalization which each mode does its own way.
 */
import type { Csr, Scratch } from './csr.ts';

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
 * `weighted_median_col_sparse`: per column j the stake-weighted median of the scores that the
 * validators with positive stake gave (0 where a validator has no entry), at majority `kappa`.
 *
 * The runtime's quickselect returns the unique score v with S<(v) ≤ minority < S≤(v), where
 * S<, S≤ sum the (re-normalized) stake of scores below / at most v; i.e. the smallest v with
 * S≤(v) > minority, or the largest score when no v qualifies. With exact sums (exact mode) the
 * answer does not depend on the order in which pivots are tried, so this computes it directly:
 * the zero scores (absent entries, the bulk of a sparse column) are one group, and a weighted
 * selection runs over the column's non-zero entries only. {@link weightedMedianColReference}
 * is the step-by-step port; tests assert both give identical bits.
 * `normalize` is the mode's `inplace_normalize`.
 * @example weightedMedianColSparse(activeStake, weights, kappa, (x) => normalizeM(true, x))
 */
export function weightedMedianColSparse(
  stake: ArrayLike<number>,
  score: Csr,
  kappa: number,
  normalize: (x: Float64Array) => void,
  scratch?: Pick<Scratch, 'f64' | 'i32'>,
): Float64Array {
  const n = score.n;
  const f64 = (key: string, len: number) => (scratch ? scratch.f64(key, len) : new Float64Array(len));
  const i32 = (key: string, len: number) => (scratch ? scratch.i32(key, len) : new Int32Array(len));
  let m = 0;
  for (let r = 0; r < stake.length; r++) if (stake[r] > 0) m++;
  const useStake = f64('median.stake', m);
  const rowOf = i32('median.rows', m);
  m = 0;
  for (let r = 0; r < stake.length; r++)
    if (stake[r] > 0) {
      rowOf[m] = r;
      useStake[m++] = stake[r];
    }
  normalize(useStake);
  let stakeSum = 0;
  for (let k = 0; k < m; k++) stakeSum += useStake[k];
  const minority = stakeSum - kappa;
  const median = new Float64Array(n);
  if (m === 0) return median;
  // bucket the non-zero scores by column (CSC of the validators' rows)
  const colPtr = i32('median.colptr', n + 1);
  colPtr.fill(0);
  let nnz = 0;
  for (let k = 0; k < m; k++) {
    const r = rowOf[k];
    for (let t = score.ptr[r]; t < score.ptr[r + 1]; t++)
      if (score.val[t] !== 0) {
        colPtr[score.col[t] + 1]++;
        nnz++;
      }
  }
  for (let c = 0; c < n; c++) colPtr[c + 1] += colPtr[c];
  const fill = i32('median.fill', n);
  fill.set(colPtr.subarray(0, n));
  const sc = f64('median.score', nnz);
  const st = f64('median.st', nnz);
  for (let k = 0; k < m; k++) {
    const r = rowOf[k];
    const sk = useStake[k];
    for (let t = score.ptr[r]; t < score.ptr[r + 1]; t++) {
      const v = score.val[t];
      if (v !== 0) {
        const at = fill[score.col[t]]++;
        sc[at] = v;
        st[at] = sk;
      }
    }
  }
  for (let c = 0; c < n; c++) {
    const a = colPtr[c];
    const b = colPtr[c + 1];
    let nonZeroStake = 0;
    for (let t = a; t < b; t++) nonZeroStake += st[t];
    const zeroCount = m - (b - a);
    const zeroStake = stakeSum - nonZeroStake;
    if (zeroCount > 0 && zeroStake > minority) {
      median[c] = 0;
      continue;
    }
    median[c] = b > a ? weightedSelect(sc, st, a, b, zeroCount > 0 ? zeroStake : 0, minority) : 0;
  }
  return median;
}

/**
 * Smallest score v in [a, b) with below + S≤(v) > minority (S over the range), or the largest
 * score when none qualifies: three-way partitions around the middle element, in place.
 */
function weightedSelect(sc: Float64Array, st: Float64Array, a: number, b: number, below: number, minority: number): number {
  for (;;) {
    const pivot = sc[(a + b) >> 1];
    // Dutch-flag partition: [a, lt) < pivot, [lt, gt) == pivot, [gt, b) > pivot
    let lt = a;
    let i = a;
    let gt = b;
    let ls = 0;
    let es = 0;
    while (i < gt) {
      const v = sc[i];
      if (v < pivot) {
        ls += st[i];
        swap(sc, st, lt++, i++);
      } else if (v > pivot) {
        swap(sc, st, i, --gt);
      } else {
        es += st[i];
        i++;
      }
    }
    if (lt > a && below + ls > minority) {
      b = lt;
    } else if (below + ls + es > minority || gt === b) {
      return pivot;
    } else {
      below += ls + es;
      a = gt;
    }
  }
}

function swap(sc: Float64Array, st: Float64Array, i: number, j: number): void {
  const s = sc[i];
  sc[i] = sc[j];
  sc[j] = s;
  const t = st[i];
  st[i] = st[j];
  st[j] = t;
}

/**
 * Step-by-step port of `weighted_median_col_sparse` + `weighted_median` (dense scores per column,
 * quickselect by the middle element in list order). The reference for tests.
 */
export function weightedMedianColReference(
  stake: ArrayLike<number>,
  score: Csr,
  kappa: number,
  normalize: (x: Float64Array) => void,
): Float64Array {
  const n = score.n;
  const rows: number[] = [];
  for (let r = 0; r < stake.length; r++) if (stake[r] > 0) rows.push(r);
  const m = rows.length;
  const useStake = Float64Array.from(rows, (r) => stake[r]);
  normalize(useStake);
  let stakeSum = 0;
  for (let k = 0; k < m; k++) stakeSum += useStake[k];
  const minority = stakeSum - kappa;
  const median = new Float64Array(n);
  if (m === 0) return median;
  const useScore = new Float64Array(n * m);
  rows.forEach((r, k) => {
    for (let t = score.ptr[r]; t < score.ptr[r + 1]; t++) useScore[score.col[t] * m + k] = score.val[t];
  });
  const idxBuf = new Int32Array(m);
  const tmpBuf = new Int32Array(m);
  for (let c = 0; c < n; c++) median[c] = weightedMedian(useStake, useScore, c * m, m, minority, 0, stakeSum, idxBuf, tmpBuf);
  return median;
}
