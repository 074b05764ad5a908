/**
 * One arithmetic interface for the economics rules, two implementations: a rule (coinbase,
 * drain, swap …) is written once against `Arith<N>` and runs
 *
 * - `exact` (`N = bigint`): amounts are u64 rao, fixed-point values are raw bits of the Rust type
 *   named at each call (`I96F32`, `U64F64`, `I110F18` …), every operation rounds and saturates as
 *   `substrate-fixed` does (`sim/math/fixed.ts`);
 * - `fast` (`N = number`): amounts and fixed values are plain float64 values, the type argument
 *   is ignored except where it decides a sign (unsigned saturation at 0), and `toU64` floors.
 *
 * Writing the rule once keeps the two modes structurally identical (fast ≈ exact is then a
 * numerical question, not a second implementation to keep in step).
 */
import * as F from './fixed.ts';
import type { FixedType } from './fixed.ts';

export type { FixedType };
export { I32F32, I64F64, I96F32, U96F32, U64F64, I110F18 } from './fixed.ts';

export interface Arith<N> {
  readonly mode: 'exact' | 'fast';
  /** 0 of any type */
  readonly zero: N;
  /** u64 amount → N (exact: the integer itself) */
  amount(x: bigint | number): N;
  /** N amount → bigint rao (fast: floor, clamped at 0) */
  rao(x: N): bigint;
  /** `T::saturating_from_num(u64 amount)` */
  fromAmount(T: FixedType, x: N): N;
  /** `T::saturating_from_num(float const)` (round to nearest) */
  c(T: FixedType, x: number): N;
  /** bits → value (exact: bits as stored; fast: bits / 2^frac) */
  fromBits(T: FixedType, bits: bigint): N;
  /** value → bits as stored (fast: rounded) */
  toBits(T: FixedType, x: N): bigint;
  /** `saturating_to_num::<u64>()`: floor, negatives to 0, clamp to u64 */
  toU64(T: FixedType, x: N): N;
  add(T: FixedType, a: N, b: N): N;
  satAdd(T: FixedType, a: N, b: N): N;
  satSub(T: FixedType, a: N, b: N): N;
  satMul(T: FixedType, a: N, b: N): N;
  /** `checked_div`: null on a zero divisor or overflow */
  checkedDiv(T: FixedType, a: N, b: N): N | null;
  /** `safe_div`: checked or 0 */
  safeDiv(T: FixedType, a: N, b: N): N;
  /** fixed → fixed (`saturating_from_num` of another fixed type: truncates extra bits) */
  convert(from: FixedType, to: FixedType, x: N): N;
  /** u64 amount arithmetic (saturating at 0 and u64::MAX in exact mode) */
  amountAdd(a: N, b: N): N;
  amountSub(a: N, b: N): N;
  lt(a: N, b: N): boolean;
  le(a: N, b: N): boolean;
  isZero(a: N): boolean;
  min(a: N, b: N): N;
  max(a: N, b: N): N;
  /** float value for display and metrics */
  value(T: FixedType | null, x: N): number;
}

const U64_MAX = (1n << 64n) - 1n;

/** Exact arithmetic: bigint amounts and bigint fixed-point bits. */
export const exactArith: Arith<bigint> = {
  mode: 'exact',
  zero: 0n,
  amount: (x) => BigInt(x),
  rao: (x) => x,
  fromAmount: (T, x) => F.saturatingFromInt(T, x),
  c: (T, x) => F.saturatingFromFloat(T, x),
  fromBits: (_T, bits) => bits,
  toBits: (_T, x) => x,
  toU64: (T, x) => F.saturatingToU64(T, x),
  add: (T, a, b) => F.add(T, a, b),
  satAdd: (T, a, b) => F.saturatingAdd(T, a, b),
  satSub: (T, a, b) => F.saturatingSub(T, a, b),
  satMul: (T, a, b) => F.saturatingMul(T, a, b),
  checkedDiv: (T, a, b) => F.checkedDiv(T, a, b),
  safeDiv: (T, a, b) => F.safeDiv(T, a, b),
  convert: (from, to, x) => F.saturatingConvert(from, to, x),
  amountAdd: (a, b) => {
    const s = a + b;
    return s > U64_MAX ? U64_MAX : s;
  },
  amountSub: (a, b) => (a > b ? a - b : 0n),
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  isZero: (a) => a === 0n,
  min: (a, b) => (a < b ? a : b),
  max: (a, b) => (a > b ? a : b),
  value: (T, x) => (T ? F.toNumber(T, x) : Number(x)),
};

/** Fast arithmetic: float64 values. */
export const fastArith: Arith<number> = {
  mode: 'fast',
  zero: 0,
  amount: (x) => Number(x),
  rao: (x) => (x <= 0 ? 0n : BigInt(Math.floor(x))),
  fromAmount: (_T, x) => x,
  c: (_T, x) => x,
  fromBits: (T, bits) => Number(bits) / 2 ** T.fracBits,
  toBits: (T, x) => BigInt(Math.round(x * 2 ** T.fracBits)),
  toU64: (_T, x) => (x <= 0 ? 0 : Math.floor(x)),
  add: (_T, a, b) => a + b,
  satAdd: (_T, a, b) => a + b,
  satSub: (T, a, b) => (T.signed ? a - b : a > b ? a - b : 0),
  satMul: (_T, a, b) => a * b,
  checkedDiv: (_T, a, b) => (b === 0 ? null : a / b),
  safeDiv: (_T, a, b) => (b === 0 ? 0 : a / b),
  convert: (_f, _t, x) => x,
  amountAdd: (a, b) => a + b,
  amountSub: (a, b) => (a > b ? a - b : 0),
  lt: (a, b) => a < b,
  le: (a, b) => a <= b,
  isZero: (a) => a === 0,
  min: (a, b) => (a < b ? a : b),
  max: (a, b) => (a > b ? a : b),
  value: (_T, x) => x,
};

/** The arithmetic of a numeric mode. */
export function arithFor(mode: 'exact' | 'fast'): Arith<bigint> | Arith<number> {
  return mode === 'exact' ? exactArith : fastArith;
}
