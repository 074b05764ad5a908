/**
 * Bench baseline: a straightforward dense float Yuma epoch (classic bonds, no liquid alpha)
 * written with mathjs matrices, the way a first implementation would be. Only for `npm run
 * bench`, to express the engine's speed as a ratio measured in the same run on the same machine.
 */
import { type Matrix, create, all } from 'mathjs';

const math = create(all, {});

export interface DenseCase {
  n: number;
  stake: number[];
  /** dense n×n raw weights */
  weights: number[][];
  /** dense n×n bonds (column-normalized or not) */
  bonds: number[][];
  kappa: number;
  bondsPenalty: number;
  alpha: number;
  permits: boolean[];
}

function weightedMedian(stake: number[], scores: number[], kappa: number): number {
  const idx = scores.map((_, i) => i).filter((i) => stake[i] > 0);
  const tot = idx.reduce((s, i) => s + stake[i], 0);
  if (tot === 0) return 0;
  idx.sort((a, b) => scores[a] - scores[b]);
  const minority = 1 - kappa;
  let cum = 0;
  for (const i of idx) {
    cum += stake[i] / tot;
    if (cum > minority) return scores[i];
  }
  return idx.length ? scores[idx[idx.length - 1]] : 0;
}

/** One epoch; returns incentive and dividends. */
export function denseMathjsEpoch(c: DenseCase): { incentive: number[]; dividends: number[] } {
  const n = c.n;
  const S = math.divide(math.matrix(c.stake), math.sum(c.stake)) as Matrix;
  const A = math.dotMultiply(S, math.matrix(c.permits.map((p) => (p ? 1 : 0)))) as Matrix;
  const aSum = math.sum(A) as number;
  const As = aSum > 0 ? (math.divide(A, aSum) as Matrix) : A;
  let W = math.matrix(c.weights.map((row, i) => row.map((w, j) => (c.permits[i] && i !== j ? w : 0))));
  const rs = math.sum(W, 1) as unknown as Matrix;
  W = math.matrix(
    (W.toArray() as number[][]).map((row, i) => {
      const s = rs.get([i]) as number;
      return s > 0 ? row.map((v) => v / s) : row;
    }),
  );
  const Wa = W.toArray() as number[][];
  const As0 = As.toArray() as number[];
  const C = Array.from({ length: n }, (_, j) => weightedMedian(As0, Wa.map((r) => r[j]), c.kappa));
  const Wc = math.matrix(Wa.map((row) => row.map((v, j) => Math.min(v, C[j]))));
  const R = math.multiply(math.transpose(Wc), As) as Matrix;
  const rSum = math.sum(R) as number;
  const I = rSum > 0 ? (math.divide(R, rSum) as Matrix) : R;
  const WB = math.add(W, math.multiply(c.bondsPenalty, math.subtract(Wc, W))) as Matrix;
  const colNorm = (M: Matrix) => {
    const cs = math.sum(M, 0) as unknown as Matrix;
    return math.matrix((M.toArray() as number[][]).map((row) => row.map((v, j) => ((cs.get([j]) as number) > 0 ? v / (cs.get([j]) as number) : v))));
  };
  const dB = colNorm(math.matrix((WB.toArray() as number[][]).map((row, i) => row.map((v) => v * As0[i]))));
  const B = colNorm(math.matrix(c.bonds));
  const E = colNorm(math.add(math.multiply(c.alpha, dB), math.multiply(1 - c.alpha, B)) as Matrix);
  const D = math.multiply(E, I) as Matrix;
  const dSum = math.sum(D) as number;
  const Dn = dSum > 0 ? (math.divide(D, dSum) as Matrix) : D;
  return { incentive: I.toArray() as number[], dividends: Dn.toArray() as number[] };
}
