/**
 * I32F32 fixed point held in a JavaScript number: a value is its raw `bits` (value = bits / 2^32),
 * an exact integer. This is the hot-loop twin of the BigInt reference in `fixed.ts`: the Yuma
 * epoch does millions of I32F32 operations and BigInt costs ~50× more per operation, so we keep
 * bits in doubles and split products and quotients into pieces that doubles hold exactly
 * (every intermediate is an integer below 2^53).
 *
 * Semantics are those of `substrate-fixed` (see ../../../shared/docs/mechanism.md §1):
 * multiply floors (arithmetic shift of the double-width product), divide truncates toward zero,
 * `safeDiv` gives 0 on a zero divisor or on overflow. Values whose bits leave ±2^53 cannot be
 * held here; the operations then throw {@link I32F32RangeError} rather than round silently —
 * the epoch never reaches that range (all its vectors are proportions or u16 integers).
 */

/** 2^32: the bits of 1.0. */
export const ONE = 4294967296;
const TWO16 = 65536;
const TWO32 = 4294967296;
const TWO53 = 9007199254740992;
const TWO52 = 4503599627370496;
/** 2^i for i = 0..53 (a table beats `2 ** s` in the division loop). */
const POW2 = Float64Array.from({ length: 54 }, (_, i) => 2 ** i);
/** Largest I32F32 bits: 2^63 − 1 (as a bigint; not representable exactly as a number). */
export const MAX_BITS_BIG = (1n << 63n) - 1n;
/** The I32F32 integer 65535 (u16::MAX), in bits. */
export const U16_MAX_BITS = 65535 * TWO32;

/** Thrown when an exact result cannot be held in a double (|bits| ≥ 2^53). */
export class I32F32RangeError extends Error {
  override name = 'I32F32RangeError' as const;
}

/** bits of the I32F32 integer `n` (`I32F32::saturating_from_num(n)` for small integers). */
export function fromInt(n: number): number {
  return n * TWO32;
}

/** Float value of `bits` (for display and float outputs). */
export function toFloat(bits: number): number {
  return bits / TWO32;
}

/** `saturating_to_num::<u64>()`: floor, negatives to 0. */
export function toU64Floor(bits: number): number {
  return bits <= 0 ? 0 : Math.floor(bits / TWO32);
}

/**
 * floor(a · b / 2^32) for a, b ≥ 0, |result| < 2^53. Splits b into 32-bit halves and the low
 * product into 16-bit pieces so that every partial product is exact.
 */
function mulMagnitude(x: number, y: number): number {
  const p = x * y;
  if (p < TWO53) {
    // exact product: floor of a division by a power of two is exact
    return Math.floor(p / TWO32);
  }
  const x1 = Math.floor(x / TWO32);
  const x0 = x - x1 * TWO32;
  const y1 = Math.floor(y / TWO32);
  const y0 = y - y1 * TWO32;
  // x·y/2^32 = x1·y1·2^32 + x1·y0 + x0·y1 + x0·y0/2^32
  const hi = x1 * y1 * TWO32 + x1 * y0 + x0 * y1;
  const xh = Math.floor(x0 / TWO16);
  const xl = x0 - xh * TWO16;
  const t1 = xh * y0; // < 2^48
  const t2 = xl * y0; // < 2^48
  const t2h = Math.floor(t2 / TWO16);
  const s = t1 + t2h; // < 2^49
  const r = hi + Math.floor(s / TWO16);
  if (!(r < TWO53)) throw new I32F32RangeError(`I32F32 product out of exact range: ${x} * ${y}`);
  return r;
}

/** true when x0·y0 (low halves) leaves a non-zero remainder below 2^32, i.e. the product is not exact. */
function mulHasRemainder(x: number, y: number): boolean {
  const p = x * y;
  if (p < TWO53) return p % TWO32 !== 0;
  const x0 = x % TWO32;
  const y0 = y % TWO32;
  const xh = Math.floor(x0 / TWO16);
  const xl = x0 - xh * TWO16;
  const t1 = xh * y0;
  const t2 = xl * y0;
  const t2h = Math.floor(t2 / TWO16);
  const t2l = t2 - t2h * TWO16;
  const s = t1 + t2h;
  return t2l !== 0 || s % TWO16 !== 0;
}

/**
 * `a * b` (also `saturating_mul` within range): floor(a·b / 2^32), rounding toward −∞.
 * @example mul(fromInt(3), ONE / 2) // 1.5 → bits 3·2^31
 */
export function mul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  if (a > 0 && b > 0) return mulMagnitude(a, b);
  const x = Math.abs(a);
  const y = Math.abs(b);
  const m = mulMagnitude(x, y);
  if ((a < 0) === (b < 0)) return m;
  // negative product: floor(−p) = −ceil(p)
  if (mulHasRemainder(x, y)) return -m - 1;
  return m === 0 ? 0 : -m;
}

/** floor(log2(y)) + 1 for 1 ≤ y < 2^53, exact (count of significant bits, via clz32 on the halves). */
export function bitLength(y: number): number {
  const hi = Math.floor(y / TWO32);
  return hi > 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(y >>> 0);
}

/** trunc(x · 2^32 / y) for x ≥ 0, y > 0 (both exact integers < 2^53). */
function divMagnitude(x: number, y: number): number {
  return divByDivisor(x, y, divisorShift(y));
}

/**
 * trunc(x · 2^32 / y) for 0 ≤ x < 2^53 and 0 < y < 2^53 when y's chunk size `k = 53 − bitLength(y)`
 * is precomputed: the normalization loops divide many values by one column or row sum, so they
 * pay for the divisor's constants once. Same result as {@link checkedDiv} when the quotient
 * fits (callers divide proportions by sums, so it does); throws rather than rounding otherwise.
 */
export function divByDivisor(x: number, y: number, k: number): number {
  if (!(k >= 1)) throw new I32F32RangeError(`divisor out of the chunked range (needs y < 2^52): ${y}`);
  let q = Math.floor(x / y);
  let r = x - q * y;
  if (k >= 32) {
    // one chunk: r · 2^32 < 2^53
    q = q * TWO32 + Math.floor((r * TWO32) / y);
  } else if (k >= 16) {
    // two chunks of k and 32 − k ≤ k bits
    const s1 = POW2[k];
    const s2 = POW2[32 - k];
    let t = r * s1;
    let d = Math.floor(t / y);
    r = t - d * y;
    q = q * s1 + d;
    t = r * s2;
    d = Math.floor(t / y);
    q = q * s2 + d;
  } else {
    let remaining = 32;
    while (remaining > 0) {
      const s = k < remaining ? k : remaining;
      const scale = POW2[s];
      const t = r * scale;
      const d = Math.floor(t / y);
      r = t - d * y;
      q = q * scale + d;
      remaining -= s;
    }
  }
  if (!(q < TWO53)) throw new I32F32RangeError(`I32F32 quotient out of exact range: ${x} / ${y}`);
  return q;
}

/** Chunk size for {@link divByDivisor}: 53 − bitLength(y). */
export function divisorShift(y: number): number {
  return 53 - bitLength(y);
}

/** x / y at or past this (2^20) may give quotient bits beyond 2^52: take the BigInt path. */
const QUOTIENT_FAST_LIMIT = 2 ** 20;

/**
 * `checked_div`: trunc(a · 2^32 / b) toward zero, or `null` on a zero divisor or overflow.
 */
export function checkedDiv(a: number, b: number): number | null {
  if (b === 0) return null;
  if (a === 0) return 0;
  const x = Math.abs(a);
  const y = Math.abs(b);
  // divisors from 2^52 leave no room for a chunk of the long division (k = 0): BigInt
  if (!(x < TWO53) || !(y < TWO52)) return checkedDivBig(a, b);
  // quotient bits ≥ 2^52 (or overflow past 2^63): decide exactly with BigInt
  if (x / y >= QUOTIENT_FAST_LIMIT) return checkedDivBig(a, b);
  const m = divMagnitude(x, y);
  return (a < 0) !== (b < 0) && m !== 0 ? -m : m;
}

function checkedDivBig(a: number, b: number): number | null {
  const q = (BigInt(a) << 32n) / BigInt(b); // BigInt division truncates toward zero
  if (q > MAX_BITS_BIG || q < -MAX_BITS_BIG - 1n) return null;
  const n = Number(q);
  if (!Number.isSafeInteger(n)) throw new I32F32RangeError(`I32F32 quotient out of exact range: ${a} / ${b}`);
  return n;
}

/** `safe_div` (safe-math): checked division, 0 on a zero divisor or overflow. */
export function safeDiv(a: number, b: number): number {
  const q = checkedDiv(a, b);
  return q === null ? 0 : q;
}

/** `saturating_add` within the exact range (the epoch never nears 2^63). */
export function add(a: number, b: number): number {
  const s = a + b;
  if (!(Math.abs(s) < TWO53)) throw new I32F32RangeError(`I32F32 sum out of exact range: ${a} + ${b}`);
  return s;
}

/** `saturating_sub` within the exact range. */
export function sub(a: number, b: number): number {
  const s = a - b;
  if (!(Math.abs(s) < TWO53)) throw new I32F32RangeError(`I32F32 difference out of exact range: ${a} - ${b}`);
  return s;
}

/**
 * `fixed_proportion_to_u16` (epoch/math.rs): `x.saturating_mul(65535).saturating_to_num::<u16>()`,
 * i.e. min(65535, floor(bits · 65535 / 2^32)), negatives to 0.
 */
export function toU16Proportion(bits: number): number {
  if (bits <= 0) return 0;
  const v = toU64Floor(mul(bits, U16_MAX_BITS));
  return v > 65535 ? 65535 : v;
}

/** `u16_proportion_to_fixed` / `fixed_to_fixed_u16_proportion`: trunc(u · 2^32 / 65535). */
export function fromU16Proportion(u: number): number {
  // u · 2^32 < 2^48: one exact float division
  return Math.floor((u * TWO32) / 65535);
}

/** `round()`: to nearest integer, ties away from zero (bits of the result). */
export function round(bits: number): number {
  const half = TWO32 / 2;
  if (bits >= 0) return Math.floor((bits + half) / TWO32) * TWO32;
  return -Math.floor((-bits + half) / TWO32) * TWO32;
}
