/**
 * `get_ema_flow` / `update_ema_protocol_flow` (subnet_emissions.rs @ 6218ecc5c, 1f520ed95,
 * 459fa72d1, 486037ba4): hand-worked updates and the once-per-block rule.
 */
import { describe, expect, it } from 'vitest';
import { exactArith as X, fastArith as Fa, I64F64, I96F32, U64F64 } from '../../math/arith.ts';
import * as F from '../../math/fixed.ts';
import { allocatorEra } from './eras.ts';
import { DEFAULT_FLOW_EMA_SMOOTHING_FACTOR, flowSmoothing, getEmaFlow } from './getEmaFlow.ts';

const I64_MAX = (1n << 63n) - 1n;

describe('getEmaFlow', () => {
  it('β = factor / i64::MAX: the default is ≈ 3.209e-6 (216,000-block half-life); i64::MAX gives exactly 1', () => {
    expect(F.toNumber(I64F64, flowSmoothing(X, DEFAULT_FLOW_EMA_SMOOTHING_FACTOR))).toBeCloseTo(3.209009576e-6, 14);
    expect(flowSmoothing(X, I64_MAX)).toBe(1n << 64n);
    const beta = F.toNumber(I64F64, flowSmoothing(X, DEFAULT_FLOW_EMA_SMOOTHING_FACTOR));
    expect(Math.abs((1 - beta) ** 216_000 - 0.5)).toBeLessThan(1e-4);
  });
  it('S ← (1 − β)·S + β·flow with β = 1/2 (factor ≈ i64::MAX/2), negative flows included', () => {
    const half = I64_MAX / 2n; // β = trunc((2^62 − 1)·2^64 / (2^63 − 1)) ≈ 1/2 − 2^-64
    const out = getEmaFlow(X, { stored: { block: 9, value: F.fromInt(I64F64, 100) }, flow: -300n, block: 10, smoothingFactor: half, init: 'zero' });
    expect(F.toNumber(I64F64, out.value)).toBeCloseTo(-100, 9);
    expect(out.stored.block).toBe(10);
    expect(out.resetFlow).toBe(true);
    const fast = getEmaFlow(Fa, { stored: { block: 9, value: 100 }, flow: -300, block: 10, smoothingFactor: half, init: 'zero' });
    expect(fast.value).toBeCloseTo(-100, 9);
  });
  it('a second read in the same block returns the stored value and keeps the flow', () => {
    const stored = { block: 10, value: F.fromInt(I64F64, 5) };
    expect(getEmaFlow(X, { stored, flow: 1_000n, block: 10, smoothingFactor: I64_MAX, init: 'zero' })).toEqual({ value: stored.value, stored, resetFlow: false });
  });
  it('348+: a missing EMA is (0, 0), so at block 0 nothing happens', () => {
    const out = getEmaFlow(X, { stored: null, flow: 1_000n, block: 0, smoothingFactor: I64_MAX, init: 'zero' });
    expect(out).toEqual({ value: 0n, stored: { block: 0, value: 0n }, resetFlow: false });
  });
  it('334/338: a missing EMA starts at min(mp, p) (×1e9) without consuming the flow; era C binds its init', () => {
    const input = { stored: null, flow: 5n, block: 7, smoothingFactor: I64_MAX, movingPrice: X.c(I96F32, 1.5), spotPrice: X.c(U64F64, 0.25) };
    const c = allocatorEra('C');
    expect(c.getEmaFlow!(X, input).value).toBe(F.fromFloatRound(I64F64, 0.25));
    expect(c.getEmaFlow!(X, input, 338).value).toBe(F.fromInt(I64F64, 250_000_000));
    expect(c.getEmaFlow!(X, input, 338).resetFlow).toBe(false);
    expect(allocatorEra('C1').getEmaFlow!(X, input).value).toBe(F.fromInt(I64F64, 5));
  });
});
