/**
 * Zod building blocks for inputs read with {@link parseJson} (where an integer literal beyond
 * 2^53 arrives as a `bigint`), and the JSON Schema export of a zod schema.
 */
import { z } from 'zod';

const toNumber = (v: unknown) => (typeof v === 'bigint' ? Number(v) : v);
const toDecimalString = (v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

/**
 * A JSON number checked by `inner` (default `z.number()`). A big integer literal is read as the
 * nearest double first, so range checks still report it (`expected <= 65535, got 1e+30`).
 * @example jsonNumber(z.number().int().min(0)).describe('a block')
 */
export function jsonNumber<T extends z.ZodType = z.ZodNumber>(inner?: T) {
  return z.preprocess(toNumber, (inner ?? z.number()) as T);
}

/** Decimal number strings: `"12"`, `"0.5"`, `"1e9"` (no sign, no spaces). */
export const DECIMAL_STRING = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;
/** Decimal integer strings: `"18446744073709551615"`. */
export const INTEGER_STRING = /^[0-9]+$/;

/**
 * A non-negative quantity that may exceed 2^53 (rao, u64): a JSON number (big integer literals
 * keep every digit) or a decimal string. Parses to `number | string`, a big literal to its exact
 * decimal string; the caller turns it into a `bigint` or a `number` by units.
 */
export function jsonAmount() {
  return z.preprocess(
    toDecimalString,
    z.union([
      z.number().min(0),
      z.string().regex(DECIMAL_STRING, { message: 'expected a non-negative decimal number string like "1000000000"' }),
    ]),
  );
}

/**
 * The value of a {@link jsonAmount} as an exact integer: a big literal, an integral number or a
 * string of digits; null for anything else (a fraction, `"1e9"`, a negative).
 */
export function amountToBigInt(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v >= 0n ? v : null;
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? BigInt(v) : null;
  if (typeof v === 'string' && INTEGER_STRING.test(v)) return BigInt(v);
  return null;
}

/** The value of a {@link jsonAmount} as a double (null when it is not a finite non-negative number). */
export function amountToNumber(v: unknown): number | null {
  const x = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : typeof v === 'string' && DECIMAL_STRING.test(v) ? Number(v) : NaN;
  return Number.isFinite(x) && x >= 0 ? x : null;
}

export interface JsonSchemaOptions {
  /** `$id` of the schema file */
  id: string;
  title: string;
  description?: string;
  /** `input` (default: what a user writes, defaults optional) or `output` */
  io?: 'input' | 'output';
}

/**
 * JSON Schema (draft 2020-12) of a zod schema. Types JSON Schema cannot express (bigint) must
 * carry their JSON form in `.meta({...})`, e.g. `z.bigint().meta({ type: 'integer', minimum: 0 })`.
 */
export function toJsonSchema(schema: z.ZodType, options: JsonSchemaOptions): Record<string, unknown> {
  const body = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: options.io ?? 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = body;
  return {
    $schema,
    $id: options.id,
    title: options.title,
    ...(options.description ? { description: options.description } : {}),
    ...rest,
  };
}
