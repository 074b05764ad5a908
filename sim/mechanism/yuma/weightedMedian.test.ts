import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ONE } from '../../math/i32f32.ts';
import { csrFromPairs, normalizeM } from './csr.ts';
import { weightedMedianColReference, weightedMedianColSparse } from './weightedMedian.ts';

const exactNorm = (x: Float64Array) => normalizeM(true, x);

describe('weighted median', () => {
  it('the direct selection returns exactly the quickselect port, bit for bit (ties, zero stakes, explicit zeros, every kappa)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 10 }),
        // stakes as I32F32 bits, including zeros and tiny ones that normalize to 0
        fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: ONE })), { minLength: 12, maxLength: 12 }),
        // scores drawn from a small set so that ties are common; 0 = explicit zero entry; -1 = absent
        fc.array(fc.array(fc.constantFrom(-1, 0, ONE / 4, ONE / 3, ONE / 2, ONE, 12345, 12346), { minLength: 10, maxLength: 10 }), {
          minLength: 12,
          maxLength: 12,
        }),
        fc.oneof(fc.constantFrom(0, ONE, ONE / 2), fc.integer({ min: 0, max: ONE })),
        (m, n, stakes, scores, kappa) => {
          const rows = Array.from({ length: m }, (_, i) =>
            scores[i].slice(0, n).flatMap((v, j) => (v < 0 ? [] : [[j, v] as [number, number]])),
          );
          const w = csrFromPairs(rows, n > m ? n : m);
          const s = stakes.slice(0, w.n);
          while (s.length < w.n) s.push(0);
          const fast = weightedMedianColSparse(s, w, kappa, exactNorm);
          const ref = weightedMedianColReference(s, w, kappa, exactNorm);
          expect(Array.from(fast)).toEqual(Array.from(ref));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
