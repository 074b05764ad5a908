/**
 * Exact BigInt reproduction of Rust's `substrate-fixed` fixed-point types, as subtensor uses
 * them (docs/mechanism.md §1). A value is its raw `bits: bigint` (value = bits / 2^F); the
 * functions are pure and take the type descriptor first: `mul(I32F32, a, b)`.
 *
 * Crate versions: encointer/substrate-fixed tag v0.6.0 (subtensor HEAD) and tag v0.5.9
 * (commit a4fb461, what opentensor/substrate-fixed v0.5.9 in subtensor's R218/L233 Cargo.lock
 * resolves to). They differ only in `src/transcendental.rs` (see `fixed/transcendental.ts`).
 * Semantics are those of the runtime's release build (no overflow checks, no debug
 * assertions): plain operators wrap.
 *
 * Checked against the real crate: `fixed.vectors.test.ts` replays vectors produced by
 * a throwaway program (not kept here) that linked both crate tags (built offline with the codec
 * derives stripped) in release mode.
 *
 * This module is the reference and serves O(n) code paths. Hot loops use number kernels
 * (`i32f32.ts`). Throughput of BigInt `mul(I32F32, a, b)` measured on this machine (Node 20.20,
 * 2 shared cores, warm loop of 5·10^6 calls, random ±2^39-bit operands): ≈ 4–6 M ops/s
 * (`checkedMul`/`saturatingMul` the same, `div` ≈ 3–5 M, the bare `(a * b) >> 32n` ≈ 12–15 M),
 * i.e. ≈ 0.2 µs per operation including the type-generic range handling.
 *
 * Layout: `fixed/types.ts` (descriptors), `fixed/arith.ts`, `fixed/convert.ts`,
 * `fixed/transcendental.ts`, `fixed/safeMath.ts` (subtensor `primitives/safe-math`),
 * `fixed/subtensor.ts` (`exp_safe`, `safe_exp`, `safe_ln`), `fixed/errors.ts`.
 *
 * @example
 * ```ts
 * import { I32F32, fromFloatRound, mul, toNumber } from './fixed.ts';
 * const half = fromFloatRound(I32F32, 0.5);
 * toNumber(I32F32, mul(I32F32, half, half)); // 0.25
 * ```
 */

export * from './fixed/types.ts';
export * from './fixed/errors.ts';
export * from './fixed/arith.ts';
export * from './fixed/convert.ts';
export * from './fixed/transcendental.ts';
export * from './fixed/safeMath.ts';
export * from './fixed/subtensor.ts';
