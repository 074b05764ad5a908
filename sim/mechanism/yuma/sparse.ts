/**
 * Exact sparse-matrix kernels of the Yuma epoch, named after their twins in subtensor's
 * `pallets/subtensor/src/epoch/math.rs` (@ e2b8367b8 for dtao-launch, 14bc6f9f9 for current).
 * Values are I32F32 bits held in numbers (see `sim/math/i32f32.ts`); a row is two parallel
 * arrays (column indices ascending, values). Plain arrays, not objects per entry: these loops
 * run over every weight of every validator each epoch.
 */
import { ONE, add, mul, safeDiv, sub } from '../../math/i32f32.ts';

/** One sparse row: `j[k]` is the column of the k-th entry, `v[k]` its value (I32F32 bits or u16). */
export interface SpRow {
  j: number[];
  v: number[];
}
export type SpMat = SpRow[];

export function emptyMat(n: number): SpMat {
  const m: SpMat = new Array(n);
  for (let i = 0; i < n; i++) m[i] = { j: [], v: [] };
  return m;
}

export function cloneMat(m: SpMat): SpMat {
  return m.map((r) => ({ j: r.j.slice(), v: r.v.slice() }));
}

/** `vec_sum`: exact sum of bits. */
export function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** `inplace_normalize`: divide by the sum unless it is 0. */
export function inplaceNormalize(x: number[]): void {
  const s = sum(x);
  if (s === 0) return;
  for (let i = 0; i < x.length; i++) x[i] = safeDiv(x[i], s);
}

/** `inplace_normalize_using_sum`. */
export function inplaceNormalizeUsingSum(x: number[], s: number): void {
  if (s === 0) return;
  for (let i = 0; i < x.length; i++) x[i] = safeDiv(x[i], s);
}

/** `is_topk` (L233): all true if n < k; else the n − k smallest (stable ascending sort, lower uid first on ties) are false. */
export function isTopk(x: number[], k: number): boolean[] {
  const n = x.length;
  const out = new Array<boolean>(n).fill(true);
  if (n < k) return out;
  const idx = stableAscending(x);
  for (let t = 0; t < n - k; t++) out[idx[t]] = false;
  return out;
}

/** `is_topk_nonzero` (HEAD): like `is_topk` but starting from `x[i] != 0`. */
export function isTopkNonzero(x: number[], k: number): boolean[] {
  const n = x.length;
  const out = x.map((v) => v !== 0);
  if (n < k) return out;
  const idx = stableAscending(x);
  for (let t = 0; t < n - k; t++) out[idx[t]] = false;
  return out;
}

function stableAscending(x: number[]): number[] {
  const idx = x.map((_, i) => i);
  // Array.prototype.sort is stable (ES2019); ties keep uid order like Rust's sort_by_key
  idx.sort((a, b) => x[a] - x[b]);
  return idx;
}

/** Rows whose mask is true become empty (`mask_rows_sparse`). In place. */
export function maskRowsSparse(mask: boolean[], m: SpMat): void {
  for (let i = 0; i < m.length; i++) if (mask[i]) m[i] = { j: [], v: [] };
}

/** Drops (i, j) where `drop(i, j)` holds. In place; keeps order. */
export function filterSparse(m: SpMat, drop: (i: number, j: number) => boolean): void {
  for (let i = 0; i < m.length; i++) {
    const r = m[i];
    let w = 0;
    for (let k = 0; k < r.j.length; k++) {
      if (!drop(i, r.j[k])) {
        r.j[w] = r.j[k];
        r.v[w] = r.v[k];
        w++;
      }
    }
    r.j.length = w;
    r.v.length = w;
  }
}

/**
 * Row normalize for rows holding u16 integers taken as I32F32 integers (`inplace_row_normalize_sparse`
 * right after `get_weights_sparse`): bits = trunc(w · 2^32 / Σw). Works on the integers, so the
 * dividend stays below 2^53.
 */
export function rowNormalizeU16Sparse(m: SpMat): void {
  for (const r of m) {
    let s = 0;
    for (let k = 0; k < r.v.length; k++) s += r.v[k];
    if (s > 0) for (let k = 0; k < r.v.length; k++) r.v[k] = Math.floor((r.v[k] * ONE) / s);
  }
}

/** Column normalize for u16 integers taken as I32F32 integers (classic bonds from storage). */
export function colNormalizeU16Sparse(m: SpMat, n: number): void {
  const cs = new Float64Array(n);
  for (const r of m) for (let k = 0; k < r.j.length; k++) cs[r.j[k]] += r.v[k];
  for (const r of m)
    for (let k = 0; k < r.j.length; k++) {
      const s = cs[r.j[k]];
      if (s !== 0) r.v[k] = Math.floor((r.v[k] * ONE) / s);
    }
}

/** `inplace_col_normalize_sparse` on bits. */
export function inplaceColNormalizeSparse(m: SpMat, n: number): void {
  const cs = new Float64Array(n);
  for (const r of m) for (let k = 0; k < r.j.length; k++) cs[r.j[k]] = add(cs[r.j[k]], r.v[k]);
  for (const r of m)
    for (let k = 0; k < r.j.length; k++) {
      const s = cs[r.j[k]];
      if (s !== 0) r.v[k] = safeDiv(r.v[k], s);
    }
}

/** `inplace_col_max_upscale_sparse`. */
export function inplaceColMaxUpscaleSparse(m: SpMat, n: number): void {
  const cm = new Float64Array(n);
  for (const r of m)
    for (let k = 0; k < r.j.length; k++) if (cm[r.j[k]] < r.v[k]) cm[r.j[k]] = r.v[k];
  for (const r of m)
    for (let k = 0; k < r.j.length; k++) {
      const c = cm[r.j[k]];
      if (c !== 0) r.v[k] = safeDiv(r.v[k], c);
    }
}

/** `matmul_sparse`: result_j = Σ_i vector_i · m_ij. */
export function matmulSparse(m: SpMat, x: number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (let i = 0; i < m.length; i++) {
    const r = m[i];
    const xi = x[i];
    for (let k = 0; k < r.j.length; k++) out[r.j[k]] = add(out[r.j[k]], mul(xi, r.v[k]));
  }
  return out;
}

/** `matmul_transpose_sparse`: result_i = Σ_j vector_j · m_ij. */
export function matmulTransposeSparse(m: SpMat, x: number[]): number[] {
  const out = new Array<number>(m.length).fill(0);
  for (let i = 0; i < m.length; i++) {
    const r = m[i];
    let s = 0;
    for (let k = 0; k < r.j.length; k++) s = add(s, mul(x[r.j[k]], r.v[k]));
    out[i] = s;
  }
  return out;
}

/** `row_sum_sparse`. */
export function rowSumSparse(m: SpMat): number[] {
  return m.map((r) => sum(r.v));
}

/** `col_clip_sparse`: min(w, c_j); an entry above a consensus of 0 is dropped. */
export function colClipSparse(m: SpMat, c: number[]): SpMat {
  return m.map((r) => {
    const j: number[] = [];
    const v: number[] = [];
    for (let k = 0; k < r.j.length; k++) {
      const t = c[r.j[k]];
      if (t < r.v[k]) {
        if (0 < t) {
          j.push(r.j[k]);
          v.push(t);
        }
      } else {
        j.push(r.j[k]);
        v.push(r.v[k]);
      }
    }
    return { j, v };
  });
}

/** `row_hadamard_sparse`: m_ij · x_i. */
export function rowHadamardSparse(m: SpMat, x: number[]): SpMat {
  return m.map((r, i) => ({ j: r.j.slice(), v: r.v.map((val) => mul(val, x[i])) }));
}

/**
 * `interpolate_sparse`: mat1 + ratio · (mat2 − mat1) per entry, keeping entries > 0 (ratio 0 and
 * 1 return a copy of mat1 / mat2 as they are, explicit zeros included).
 */
export function interpolateSparse(m1: SpMat, m2: SpMat, n: number, ratio: number): SpMat {
  if (ratio === 0) return cloneMat(m1);
  if (ratio === ONE) return cloneMat(m2);
  const row1 = new Float64Array(n);
  const row2 = new Float64Array(n);
  const out: SpMat = [];
  for (let i = 0; i < m1.length; i++) {
    const a = m1[i];
    const b = m2[i];
    const j: number[] = [];
    const v: number[] = [];
    if (a.j.length === 0 && b.j.length === 0) {
      out.push({ j, v });
      continue;
    }
    for (let k = 0; k < a.j.length; k++) row1[a.j[k]] = a.v[k];
    for (let k = 0; k < b.j.length; k++) row2[b.j[k]] = b.v[k];
    // only columns present in either row can be non-zero; visit them in ascending order
    const cols = mergeCols(a.j, b.j);
    for (const c of cols) {
      const v1 = row1[c];
      const interp = add(v1, mul(ratio, sub(row2[c], v1)));
      if (0 < interp) {
        j.push(c);
        v.push(interp);
      }
    }
    for (let k = 0; k < a.j.length; k++) row1[a.j[k]] = 0;
    for (let k = 0; k < b.j.length; k++) row2[b.j[k]] = 0;
    out.push({ j, v });
  }
  return out;
}

/** Sorted union of two ascending index lists. */
export function mergeCols(a: number[], b: number[]): number[] {
  const out: number[] = [];
  let x = 0;
  let y = 0;
  while (x < a.length || y < b.length) {
    if (y >= b.length || (x < a.length && a[x] < b[y])) out.push(a[x++]);
    else if (x >= a.length || b[y] < a[x]) out.push(b[y++]);
    else {
      out.push(a[x]);
      x++;
      y++;
    }
  }
  return out;
}

/**
 * `mat_ema_sparse`: alpha · new + (1 − alpha) · old over the union of entries, keeping > 0.
 * `alphaCol` (L233 liquid alpha, `mat_ema_alpha_vec_sparse`) gives one alpha per column instead.
 */
export function matEmaSparse(nw: SpMat, old: SpMat, n: number, alpha: number, alphaCol?: number[]): SpMat {
  const acc = new Float64Array(n);
  const out: SpMat = [];
  const oneMinus = sub(ONE, alpha);
  for (let i = 0; i < nw.length; i++) {
    const a = nw[i];
    const b = old[i];
    const cols = mergeCols(a.j, b.j);
    for (let k = 0; k < a.j.length; k++) {
      const al = alphaCol ? alphaCol[a.j[k]] : alpha;
      acc[a.j[k]] = add(acc[a.j[k]], mul(al, a.v[k]));
    }
    for (let k = 0; k < b.j.length; k++) {
      const om = alphaCol ? sub(ONE, alphaCol[b.j[k]]) : oneMinus;
      acc[b.j[k]] = add(acc[b.j[k]], mul(om, b.v[k]));
    }
    const j: number[] = [];
    const v: number[] = [];
    for (const c of cols) {
      if (acc[c] > 0) {
        j.push(c);
        v.push(acc[c]);
      }
      acc[c] = 0;
    }
    out.push({ j, v });
  }
  return out;
}

/** `vec_max_upscale_to_u16` is not needed by the contract; `fixed_proportion_to_u16` is in i32f32.ts. */
export function denseFromSparse(m: SpMat, n: number, map: (v: number) => number): number[][] {
  return m.map((r) => {
    const row = new Array<number>(n).fill(0);
    for (let k = 0; k < r.j.length; k++) row[r.j[k]] = map(r.v[k]);
    return row;
  });
}
