/**
 * Fixed-point type descriptors. A value of type `T` is held as its raw `bits: bigint`
 * (value = bits / 2^T.fracBits), the integer `substrate-fixed` stores in its `i64`/`i128`/`u128`.
 */

import { FixedTypeError } from './errors.ts';

/** Descriptor of a `substrate-fixed` type such as `I32F32` (= `FixedI64<U32>`). */
export interface FixedType {
  /** Rust name, e.g. `"I32F32"`. */
  readonly name: string;
  /** `FixedI*` (two's complement) or `FixedU*`. */
  readonly signed: boolean;
  /** Integer bits (including the sign bit for signed types). */
  readonly intBits: number;
  /** Fractional bits F: value = bits / 2^F. */
  readonly fracBits: number;
  /** Storage width: intBits + fracBits (8, 16, 32, 64 or 128). */
  readonly nbits: number;
  /** `BigInt(fracBits)`, for shifts. */
  readonly frac: bigint;
  /** Bits of 1.0 (2^F). May be out of range for types with < 2 integer bits. */
  readonly one: bigint;
  /** Smallest bits (`min_value()`). */
  readonly min: bigint;
  /** Largest bits (`max_value()`). */
  readonly max: bigint;
}

/**
 * Builds a descriptor. The storage width must be one of Rust's (8, 16, 32, 64, 128).
 *
 * @example
 * ```ts
 * import { defineFixedType } from './types.ts';
 * const U32F32 = defineFixedType(false, 32, 32); // name "U32F32"
 * ```
 */
export function defineFixedType(
  signed: boolean,
  intBits: number,
  fracBits: number,
  name = `${signed ? 'I' : 'U'}${intBits}F${fracBits}`,
): FixedType {
  const nbits = intBits + fracBits;
  if (![8, 16, 32, 64, 128].includes(nbits) || intBits < 0 || fracBits < 0) {
    throw new FixedTypeError(`No substrate-fixed type has ${intBits} integer and ${fracBits} fractional bits.`);
  }
  const n = BigInt(nbits);
  return Object.freeze({
    name,
    signed,
    intBits,
    fracBits,
    nbits,
    frac: BigInt(fracBits),
    one: 1n << BigInt(fracBits),
    min: signed ? -(1n << (n - 1n)) : 0n,
    max: signed ? (1n << (n - 1n)) - 1n : (1n << n) - 1n,
  });
}

/** `I32F32` (`FixedI64<U32>`): everything inside the Yuma epoch. */
export const I32F32 = defineFixedType(true, 32, 32);
/** `I64F64` (`FixedI128<U64>`): stake before normalization, bonds moving average, lock decay. */
export const I64F64 = defineFixedType(true, 64, 64);
/** `I96F32` (`FixedI128<U32>`): coinbase (R218, L233), block emission, prices (L233). */
export const I96F32 = defineFixedType(true, 96, 32);
/** `U96F32` (`FixedU128<U32>`): coinbase and stake (HEAD). */
export const U96F32 = defineFixedType(false, 96, 32);
/** `U64F64` (`FixedU128<U64>`): share pools (L233), prices and shares (HEAD). */
export const U64F64 = defineFixedType(false, 64, 64);
/** `I110F18` (`FixedI128<U18>`): constant-product swap math (L233), burn adjustment. */
export const I110F18 = defineFixedType(true, 110, 18);
/** `U110F18` (`FixedU128<U18>`): `safe_div` impl and `checked_sqrt` tests in `primitives/safe-math`. */
export const U110F18 = defineFixedType(false, 110, 18);
/** `I9F23` (`FixedI32<U23>`): the crate's `transcendental::ConstType` (E, LOG2_E, ONE, TWO). */
export const I9F23 = defineFixedType(true, 9, 23);

/** Whether `bits` is a valid value of `T`. */
export function inRange(T: FixedType, bits: bigint): boolean {
  return bits >= T.min && bits <= T.max;
}

/** `bits` reduced modulo 2^nbits into `T`'s range (two's complement wrap, as a release build). */
export function wrap(T: FixedType, bits: bigint): bigint {
  return T.signed ? BigInt.asIntN(T.nbits, bits) : BigInt.asUintN(T.nbits, bits);
}

/** `bits` clamped into `T`'s range. */
export function clampBits(T: FixedType, bits: bigint): bigint {
  return bits > T.max ? T.max : bits < T.min ? T.min : bits;
}
