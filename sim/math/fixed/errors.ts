/**
 * Errors of the fixed-point reference (`sim/math/fixed`). `sim/math/` imports nothing from the
 * rest of `sim/`, so these are standalone classes with the same shape as the project's error
 * family (`shortMessage`, `details`, literal `name`).
 */

/** Base of the fixed-point errors. */
export class FixedError extends Error {
  override name: string = 'FixedError';
  /** One-line description without the details. */
  readonly shortMessage: string;
  /** Extra context (operands, type). */
  readonly details: string | undefined;

  constructor(shortMessage: string, details?: string) {
    super(details === undefined ? shortMessage : `${shortMessage}\n\nDetails: ${details}`);
    this.shortMessage = shortMessage;
    this.details = details;
  }
}

/**
 * Where the Rust code panics in a release build: division by zero (`/`, `saturating_div`),
 * `unwrap()` on `None` (v0.5.9 `log2` of a tiny operand), `from_num` of a float the crate
 * classifies as NaN.
 */
export class FixedPanicError extends FixedError {
  override name = 'FixedPanicError' as const;
}

/**
 * A strict conversion whose result does not fit the destination type (where a Rust debug build
 * would panic and a release build would wrap; use the `wrapping*`/`saturating*`/`checked*`
 * variant to pick the behaviour explicitly).
 */
export class FixedOverflowError extends FixedError {
  override name = 'FixedOverflowError' as const;
}

/**
 * An operation the crate does not define for this type (it would not compile in Rust), e.g.
 * `exp` on an unsigned type or on `I110F18` (fewer than 23 fractional bits).
 */
export class FixedTypeError extends FixedError {
  override name = 'FixedTypeError' as const;
}
