/**
 * I32F32 on BigInt bits, with the transcendentals of `substrate-fixed`
 * (`src/transcendental.rs`, encointer tag v0.6.0; v0.5.9 differs only in panicking instead of
 * returning an error at the type's extremes, which the epoch never reaches). Used where
 * I32F32 values leave the double-exact range of `i32f32.ts` (exp up to e^20).
 */

const F = 32n;
const ONE = 1n << F;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

const inRange = (x: bigint) => x >= MIN && x <= MAX;
const sat = (x: bigint) => (x > MAX ? MAX : x < MIN ? MIN : x);
/** floor division by 2^32 (arithmetic shift: BigInt `>>` floors). */
const shr = (x: bigint) => x >> F;

/** I32F32 operations on bits (bigint). */
export const I32 = {
  ONE,
  MAX,
  MIN,
  fromInt: (n: number | bigint) => BigInt(n) << F,
  saturatingAdd: (a: bigint, b: bigint) => sat(a + b),
  saturatingSub: (a: bigint, b: bigint) => sat(a - b),
  /** floor(a·b / 2^32), clamped */
  saturatingMul: (a: bigint, b: bigint) => sat(shr(a * b)),
  checkedMul: (a: bigint, b: bigint): bigint | null => {
    const r = shr(a * b);
    return inRange(r) ? r : null;
  },
  /** trunc(a·2^32 / b) toward zero; null on 0 divisor or overflow */
  checkedDiv: (a: bigint, b: bigint): bigint | null => {
    if (b === 0n) return null;
    const r = (a << F) / b;
    return inRange(r) ? r : null;
  },
  /** `safe_div`: checked or 0 */
  safeDiv: (a: bigint, b: bigint): bigint => {
    if (b === 0n) return 0n;
    const r = (a << F) / b;
    return inRange(r) ? r : 0n;
  },
  /** `saturating_div`: clamps on overflow; a zero divisor panics in Rust */
  saturatingDiv: (a: bigint, b: bigint): bigint => {
    if (b === 0n) throw new RangeError('I32F32 saturating_div by zero');
    return sat((a << F) / b);
  },
};

/** e with 23 fractional bits (`consts::E >> 103`), widened to I32F32. */
const E = 22802600n << 9n;
/** log2(e) with 23 fractional bits (`consts::LOG2_E >> 104`), widened to I32F32. */
const LOG2_E = 12102203n << 9n;
const TWO = 2n << F;

/**
 * `exp::<I32F32, I32F32>`: 1 at 0; the 23-bit e at exactly 1; otherwise the Taylor series
 * `1 + x + Σ_{i=2}^{31} x^i/i!` on |x| with checked ops (term = term·x then term / i), inverted
 * for negative x. Returns null where the crate returns an error.
 */
export function expI32(x: bigint): bigint | null {
  if (x === 0n) return ONE;
  if (x === ONE) return E;
  const neg = x < 0n;
  if (neg) {
    x = -x;
    if (!inRange(x)) return null;
  }
  let result = x + ONE;
  if (!inRange(result)) return null;
  let term = x;
  for (let i = 2n; i < F; i++) {
    const t = I32.checkedMul(term, x);
    if (t === null) return null;
    term = t / i; // checked_div by the integer i: trunc(t·2^32 / (i·2^32))
    result += term;
    if (!inRange(result)) return null;
  }
  if (neg) return I32.checkedDiv(ONE, result);
  return result;
}

/** right shift with rounding (`rs`): (x >> 1) + (x & lsb) */
const rs = (x: bigint) => (x >> 1n) + (x & 1n);

function log2Inner(x: bigint): bigint {
  let result = 0n;
  while (x >= TWO) {
    result += 1n;
    x = rs(x);
  }
  if (x === ONE) return result << F; // D::from_num(result)
  for (let i = 0n; i < F; i++) {
    x = shr(x * x);
    result <<= 1n;
    if (x >= TWO) {
      result |= 1n;
      x = rs(x);
    }
  }
  return result;
}

/** `log2::<I32F32, I32F32>`; null for x ≤ 0 or an overflowing inverse. */
export function log2I32(x: bigint): bigint | null {
  if (x <= 0n) return null;
  if (x < ONE) {
    const inv = I32.checkedDiv(ONE, x);
    if (inv === null) return null;
    return -log2Inner(inv);
  }
  return log2Inner(x);
}

/** `ln` = log2(x) / LOG2_E (truncating fixed division). */
export function lnI32(x: bigint): bigint | null {
  const l = log2I32(x);
  if (l === null) return null;
  return (l << F) / LOG2_E;
}
