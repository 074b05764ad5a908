/**
 * Sparse-matrix kernels of the Yuma epoch on CSR typed arrays, named after their twins in
 * subtensor `pallets/subtensor/src/epoch/math.rs` (@ e2b8367b8 and 14bc6f9f9).
 *
 * One kernel serves both numeric modes: `exact` values are I32F32 bits held in doubles (see
 * `sim/math/i32f32.ts`), `fast` values are plain floats; the only differences are how a product
 * and a quotient are formed, chosen by a flag inside the loop (a predictable branch costs less
 * than a second copy of every kernel, and keeps the two modes structurally identical).
 * Written by hand on typed arrays rather than with a matrix library: these loops run for every
 * weight of every validator each epoch, and CSR with no per-row allocation is ~10× faster than
 * arrays of row objects here.
 */
import { I32F32RangeError, divByDivisor, divisorShift, mul, safeDiv } from '../../math/i32f32.ts';

/** Compressed sparse rows: row i has entries `ptr[i] .. ptr[i+1]`, columns ascending. */
export interface Csr {
  n: number;
  ptr: Int32Array;
  col: Int32Array;
  val: Float64Array;
}

const TWO53 = 2 ** 53;

/** a·b in the mode's arithmetic (exact: floor of the I32F32 product). */
export function mulM(exact: boolean, a: number, b: number): number {
  return exact ? mul(a, b) : a * b;
}

/** a/b in the mode's arithmetic (exact: `safe_div`; fast: a/b, 0 for b = 0). */
export function divM(exact: boolean, a: number, b: number): number {
  return exact ? safeDiv(a, b) : b === 0 ? 0 : a / b;
}

/** An empty n×n matrix with room for `cap` entries. */
export function allocCsr(n: number, cap: number): Csr {
  return { n, ptr: new Int32Array(n + 1), col: new Int32Array(cap), val: new Float64Array(cap) };
}

/**
 * Reusable scratch memory for one epoch's intermediate matrices and vectors: allocating a 64 KB
 * typed array costs ~50 µs here (more than the loop that fills it), so the epoch takes its
 * buffers from named slots that grow and are reused across epochs. Results that outlive the
 * epoch are copied out of it.
 */
export class Scratch {
  private csrs = new Map<string, Csr>();
  private f64s = new Map<string, Float64Array>();
  private i32s = new Map<string, Int32Array>();
  /** A matrix slot for n×n with room for `cap` entries (contents undefined: ops overwrite ptr). */
  csr(key: string, n: number, cap: number): Csr {
    let m = this.csrs.get(key);
    if (!m || m.ptr.length < n + 1 || m.col.length < cap) {
      const c = Math.max(cap, m ? m.col.length : 0);
      m = { n, ptr: new Int32Array(Math.max(n + 1, m ? m.ptr.length : 0)), col: new Int32Array(c), val: new Float64Array(c) };
      this.csrs.set(key, m);
    }
    m.n = n;
    return m;
  }
  /** A zero-filled Float64Array view of length `len`. */
  f64(key: string, len: number): Float64Array {
    let a = this.f64s.get(key);
    if (!a || a.length < len) {
      a = new Float64Array(Math.max(len, a ? a.length : 0));
      this.f64s.set(key, a);
    }
    const v = a.subarray(0, len);
    v.fill(0);
    return v;
  }
  /** An Int32Array view of length `len` (contents undefined). */
  i32(key: string, len: number): Int32Array {
    let a = this.i32s.get(key);
    if (!a || a.length < len) {
      a = new Int32Array(Math.max(len, a ? a.length : 0));
      this.i32s.set(key, a);
    }
    return a.subarray(0, len);
  }
}

/** A compact, independent copy of a matrix (for results that outlive the scratch memory). */
export function compactCsr(m: Csr): Csr {
  const nnz = m.ptr[m.n];
  return { n: m.n, ptr: m.ptr.slice(0, m.n + 1), col: m.col.slice(0, nnz), val: m.val.slice(0, nnz) };
}

/** From rows of (column, value) pairs (sorted here by column). */
export function csrFromPairs(rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, n: number): Csr {
  let nnz = 0;
  for (let i = 0; i < n; i++) nnz += rows[i]?.length ?? 0;
  const m = allocCsr(n, nnz);
  let w = 0;
  for (let i = 0; i < n; i++) {
    m.ptr[i] = w;
    const r = rows[i];
    if (r && r.length) {
      const sorted = r.length > 1 ? r.slice().sort((a, b) => a[0] - b[0]) : r;
      for (const [j, v] of sorted) {
        m.col[w] = j;
        m.val[w] = v;
        w++;
      }
    }
  }
  m.ptr[n] = w;
  return m;
}

/** From a dense matrix, dropping zeros. */
export function csrFromDense(d: ReadonlyArray<ArrayLike<number>> | undefined, n: number): Csr {
  let nnz = 0;
  if (d) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (d[i]?.[j]) nnz++;
  const m = allocCsr(n, nnz);
  let w = 0;
  for (let i = 0; i < n; i++) {
    m.ptr[i] = w;
    const r = d?.[i];
    if (r)
      for (let j = 0; j < n; j++)
        if (r[j]) {
          m.col[w] = j;
          m.val[w++] = r[j];
        }
  }
  m.ptr[n] = w;
  return m;
}

/** Dense n×n copy, values mapped. */
export function csrToDense(m: Csr, f: (v: number) => number = (v) => v): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < m.n; i++) {
    const row = new Array<number>(m.n).fill(0);
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) row[m.col[k]] = f(m.val[k]);
    out.push(row);
  }
  return out;
}

export function cloneCsr(m: Csr, out?: Csr): Csr {
  if (!out) return { n: m.n, ptr: m.ptr.slice(), col: m.col.slice(), val: m.val.slice() };
  const nnz = m.ptr[m.n];
  out.ptr.set(m.ptr.subarray(0, m.n + 1));
  out.col.set(m.col.subarray(0, nnz));
  out.val.set(m.val.subarray(0, nnz));
  return out;
}

/** Copies entries for which `keep(i, j, v)` holds into a new matrix (masks drop entries, never create them). */
export function filterCsr(m: Csr, keep: (i: number, j: number, v: number) => boolean, into?: Csr): Csr {
  const out = into ?? allocCsr(m.n, m.ptr[m.n]);
  let w = 0;
  for (let i = 0; i < m.n; i++) {
    out.ptr[i] = w;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      const v = m.val[k];
      if (keep(i, j, v)) {
        out.col[w] = j;
        out.val[w++] = v;
      }
    }
  }
  out.ptr[m.n] = w;
  return out;
}

/**
 * The weight masks of the epoch in one pass: rows of forbidden uids emptied (`mask_rows_sparse`),
 * the diagonal removed except at `keepSelf` (`mask_diag_sparse[_except_index]`), and (i, j)
 * dropped when `last_update[i] <= registered[j]` (`vec_mask_sparse_matrix`).
 */
export function maskWeights(
  m: Csr,
  forbid: ArrayLike<boolean>,
  lastUpdate: ArrayLike<number>,
  registeredAt: ArrayLike<number>,
  keepSelf = -1,
  into?: Csr,
): Csr {
  const out = into ?? allocCsr(m.n, m.ptr[m.n]);
  let w = 0;
  for (let i = 0; i < m.n; i++) {
    out.ptr[i] = w;
    if (forbid[i]) continue;
    const lu = lastUpdate[i];
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      if (j === i && i !== keepSelf) continue;
      if (lu <= registeredAt[j]) continue;
      out.col[w] = j;
      out.val[w++] = m.val[k];
    }
  }
  out.ptr[m.n] = w;
  return out;
}

/** Σ of a vector (exact on bits below 2^53). */
export function vecSum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

/** `inplace_normalize`: divide by the sum unless it is 0. */
export function normalizeM(exact: boolean, x: Float64Array): void {
  const s = vecSum(x);
  if (s === 0) return;
  if (exact) {
    if (!(s < TWO53)) throw new I32F32RangeError('vector sum out of exact range');
    const k = divisorShift(s); // 0 for sums from 2^52: then every element takes safeDiv
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      x[i] = k >= 1 && v >= 0 && v <= s ? divByDivisor(v, s, k) : safeDiv(v, s);
    }
  } else for (let i = 0; i < x.length; i++) x[i] /= s;
}

/**
 * `inplace_row_normalize_sparse`. In exact mode with `u16Integers`, the values are u16 taken
 * as I32F32 integers (weights straight from storage): bits = trunc(w·2^32 / Σw) on the integers.
 */
export function rowNormalizeM(exact: boolean, m: Csr, u16Integers = false): void {
  for (let i = 0; i < m.n; i++) {
    const a = m.ptr[i];
    const b = m.ptr[i + 1];
    let s = 0;
    for (let k = a; k < b; k++) s += m.val[k];
    if (!(s > 0)) continue;
    if (!exact) for (let k = a; k < b; k++) m.val[k] /= s;
    else if (u16Integers) for (let k = a; k < b; k++) m.val[k] = Math.floor((m.val[k] * 4294967296) / s);
    else for (let k = a; k < b; k++) m.val[k] = safeDiv(m.val[k], s);
  }
}

/** Divides each entry by its column's divisor, skipping 0 divisors (body of the column normalizations). */
function divideColumns(exact: boolean, m: Csr, div: Float64Array, u16Integers: boolean): void {
  const nnz = m.ptr[m.n];
  if (!exact) {
    for (let k = 0; k < nnz; k++) {
      const s = div[m.col[k]];
      if (s !== 0) m.val[k] /= s;
    }
    return;
  }
  if (u16Integers) {
    // u16 integers as I32F32: trunc(b · 2^32 / Σb) on the integers (exact below 2^53)
    for (let k = 0; k < nnz; k++) {
      const s = div[m.col[k]];
      if (s !== 0) m.val[k] = Math.floor((m.val[k] * 4294967296) / s);
    }
    return;
  }
  const shift = new Int32Array(div.length);
  for (let c = 0; c < div.length; c++) if (div[c] > 0 && div[c] < TWO53) shift[c] = divisorShift(div[c]);
  for (let k = 0; k < nnz; k++) {
    const c = m.col[k];
    const s = div[c];
    if (s === 0) continue;
    const x = m.val[k];
    m.val[k] = shift[c] > 0 && x >= 0 && x <= s ? divByDivisor(x, s, shift[c]) : safeDiv(x, s);
  }
}

/** `inplace_col_normalize_sparse` (column sums with exact adds). */
export function colNormalizeM(exact: boolean, m: Csr, u16Integers = false): void {
  const cs = new Float64Array(m.n);
  const nnz = m.ptr[m.n];
  for (let k = 0; k < nnz; k++) cs[m.col[k]] += m.val[k];
  divideColumns(exact, m, cs, u16Integers);
}

/** `inplace_col_max_upscale_sparse`. */
export function colMaxUpscaleM(exact: boolean, m: Csr): void {
  const cm = new Float64Array(m.n);
  const nnz = m.ptr[m.n];
  for (let k = 0; k < nnz; k++) if (cm[m.col[k]] < m.val[k]) cm[m.col[k]] = m.val[k];
  divideColumns(exact, m, cm, false);
}

/** `matmul_sparse`: out_j = Σ_i x_i · m_ij. */
export function matmulM(exact: boolean, m: Csr, x: Float64Array): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    const xi = x[i];
    if (xi === 0) continue; // products with 0 add nothing
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) out[m.col[k]] += exact ? mul(xi, m.val[k]) : xi * m.val[k];
  }
  return out;
}

/** `matmul_transpose_sparse`: out_i = Σ_j x_j · m_ij. */
export function matmulTransposeM(exact: boolean, m: Csr, x: Float64Array): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) s += exact ? mul(x[m.col[k]], m.val[k]) : x[m.col[k]] * m.val[k];
    out[i] = s;
  }
  return out;
}

/** `row_sum_sparse`. */
export function rowSum(m: Csr): Float64Array {
  const out = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) s += m.val[k];
    out[i] = s;
  }
  return out;
}

/** `col_clip_sparse`: min(w, c_j); an entry above a consensus of 0 is dropped. */
export function colClip(m: Csr, c: Float64Array, into?: Csr): Csr {
  const out = into ?? allocCsr(m.n, m.ptr[m.n]);
  let w = 0;
  for (let i = 0; i < m.n; i++) {
    out.ptr[i] = w;
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) {
      const j = m.col[k];
      const t = c[j];
      const v = m.val[k];
      if (t < v) {
        if (0 < t) {
          out.col[w] = j;
          out.val[w++] = t;
        }
      } else {
        out.col[w] = j;
        out.val[w++] = v;
      }
    }
  }
  out.ptr[m.n] = w;
  return out;
}

/** `row_hadamard_sparse`: m_ij · x_i (new matrix). */
export function rowHadamardM(exact: boolean, m: Csr, x: Float64Array, into?: Csr): Csr {
  const out = cloneCsr(m, into);
  for (let i = 0; i < m.n; i++) {
    const xi = x[i];
    for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) out.val[k] = exact ? mul(out.val[k], xi) : out.val[k] * xi;
  }
  return out;
}

/**
 * `interpolate_sparse(w, wc, ratio)` for wc = `col_clip_sparse(w, ·)`, whose entries are a subset
 * of w's with values ≤ w's: the union of entries is w's, so one pass over w. Ratio 0 and 1 return
 * copies of w / wc as they are (explicit zeros included); otherwise entries > 0 are kept.
 */
export function interpolateClipped(exact: boolean, w: Csr, wc: Csr, ratio: number, one: number, into?: Csr): Csr {
  if (ratio === 0) return cloneCsr(w, into);
  if (ratio === one) return cloneCsr(wc, into);
  const out = into ?? allocCsr(w.n, w.ptr[w.n]);
  let o = 0;
  for (let i = 0; i < w.n; i++) {
    out.ptr[i] = o;
    let kc = wc.ptr[i];
    const endc = wc.ptr[i + 1];
    for (let k = w.ptr[i]; k < w.ptr[i + 1]; k++) {
      const j = w.col[k];
      const v1 = w.val[k];
      let v2 = 0;
      if (kc < endc && wc.col[kc] === j) v2 = wc.val[kc++];
      const d = v2 - v1;
      const x = v1 + (exact ? mul(ratio, d) : ratio * d);
      if (0 < x) {
        out.col[o] = j;
        out.val[o++] = x;
      }
    }
  }
  out.ptr[w.n] = o;
  return out;
}

/**
 * `mat_ema_sparse` (alpha) / `mat_ema_alpha_vec_sparse` (alpha per column): α·new + (1 − α)·old
 * over the union of each row's entries (two-pointer merge of the sorted rows), keeping > 0.
 */
export function matEmaM(
  exact: boolean,
  nw: Csr,
  old: Csr,
  alpha: number,
  one: number,
  alphaCol?: Float64Array,
  into?: Csr,
): Csr {
  const n = nw.n;
  const out = into ?? allocCsr(n, nw.ptr[n] + old.ptr[n]);
  const oneMinus = one - alpha;
  let o = 0;
  for (let i = 0; i < n; i++) {
    out.ptr[i] = o;
    let a = nw.ptr[i];
    const ae = nw.ptr[i + 1];
    let b = old.ptr[i];
    const be = old.ptr[i + 1];
    while (a < ae || b < be) {
      const ja = a < ae ? nw.col[a] : 0x7fffffff;
      const jb = b < be ? old.col[b] : 0x7fffffff;
      const j = ja < jb ? ja : jb;
      let x = 0;
      if (ja === j) {
        const al = alphaCol ? alphaCol[j] : alpha;
        x += exact ? mul(al, nw.val[a]) : al * nw.val[a];
        a++;
      }
      if (jb === j) {
        const om = alphaCol ? one - alphaCol[j] : oneMinus;
        x += exact ? mul(om, old.val[b]) : om * old.val[b];
        b++;
      }
      if (x > 0) {
        out.col[o] = j;
        out.val[o++] = x;
      }
    }
  }
  out.ptr[n] = o;
  return out;
}

/** `is_topk` (L233): all true if n < k; else the n − k smallest (stable, lower uid first on ties) are false. */
export function isTopk(x: ArrayLike<number>, k: number, nonzeroOnly: boolean): boolean[] {
  const n = x.length;
  const out = new Array<boolean>(n);
  for (let i = 0; i < n; i++) out[i] = nonzeroOnly ? x[i] !== 0 : true;
  if (n < k) return out;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => x[a] - x[b] || a - b); // ascending, stable by uid like Rust's sort_by_key
  for (let t = 0; t < n - k; t++) out[idx[t]] = false;
  return out;
}
