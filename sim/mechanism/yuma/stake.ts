/**
 * Stake vector of the epoch: `inplace_normalize_64` on I64F64 then `vec_fixed64_to_fixed32`
 * (epoch/math.rs @ e2b8367b8 and 14bc6f9f9). O(n), so BigInt is fine here; it also reproduces
 * the wrapping sum and the saturating conversions at the edges of the types.
 */
import { I32F32RangeError } from '../../math/i32f32.ts';

const I128_MAX = (1n << 127n) - 1n;
const I128_MIN = -(1n << 127n);
const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
const U128 = 1n << 128n;

function wrapI128(x: bigint): bigint {
  let r = ((x % U128) + U128) % U128;
  if (r > I128_MAX) r -= U128;
  return r;
}

/**
 * Normalized stake as I32F32 bits (numbers) from stake weights in rao.
 * @example normalizeStake64([1n, 3n]) // [2^30, 3·2^30]
 */
export function normalizeStake64(rao: bigint[]): number[] {
  // I64F64::saturating_from_num(u64): values ≥ 2^63 saturate to the type's max bits
  const bits = rao.map((r) => (r >= 1n << 63n ? I128_MAX : r << 64n));
  // `x.iter().sum()` uses plain `+`: wraps in the release build
  let s = 0n;
  for (const b of bits) s = wrapI128(s + b);
  const out = new Array<number>(rao.length);
  for (let i = 0; i < bits.length; i++) {
    let v = bits[i];
    if (s !== 0n) {
      const q = (v << 64n) / s; // trunc toward zero
      v = q > I128_MAX || q < I128_MIN ? 0n : q; // safe_div: overflow → 0
    }
    // I64F64 → I32F32: drop 32 fractional bits (floor), saturate to i64
    let b32 = v >> 32n;
    if (b32 > I64_MAX) b32 = I64_MAX;
    if (b32 < I64_MIN) b32 = I64_MIN;
    const num = Number(b32);
    if (!Number.isSafeInteger(num))
      throw new I32F32RangeError('stake weights out of the exact range (total stake must stay below 2^63 rao)');
    out[i] = num;
  }
  return out;
}
