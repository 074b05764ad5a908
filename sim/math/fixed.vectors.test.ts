/**
 * Replays vectors produced by the real `substrate-fixed` crate (tags v0.6.0 and v0.5.9, release
 * build, no overflow checks, as in the runtime) through `fixed.ts`. The vectors were written once
 * by a throwaway Rust program linking both crate tags (not kept in this repository: it would
 * build another project's code); the JSON is our own test data. One test per section and type;
 * each reports the first mismatching rows.
 */

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  type FixedType,
  type SubstrateFixedVersion,
  I110F18,
  I32F32,
  I64F64,
  I96F32,
  U110F18,
  U64F64,
  U96F32,
  FixedPanicError,
  abs,
  add,
  ceil,
  checkedAdd,
  checkedConvert,
  checkedDiv,
  checkedFromFloat,
  checkedMul,
  checkedNeg,
  checkedSub,
  convert,
  div,
  exp,
  fixedProportionToU16,
  floor,
  ln,
  log2,
  mul,
  pow,
  powi,
  round,
  saturatingAdd,
  saturatingConvert,
  saturatingDiv,
  saturatingFromFloat,
  saturatingMul,
  saturatingSub,
  saturatingToU64,
  sub,
  toIntFloor,
  toNumber,
  u16ProportionToFixed,
} from './fixed.ts';

type Bits = string;
type Out = Bits | null | 'panic';
interface OpRow {
  a: Bits; b: Bits; add: Bits; sub: Bits; sadd: Bits; ssub: Bits; cadd: Out; csub: Out; mul: Bits; smul: Bits;
  cmul: Out; div: Out; cdiv: Out; sdiv: Out; round: Bits; floor: Bits; ceil: Bits; int: Bits; satu64: Bits;
  cneg: Out; abs: Bits | null; lt: boolean;
}
interface ConvRow { from: string; to: string; a: Bits; wrap: Bits; sat: Bits; checked: Out }
interface F64Row { x: string; sat: Out; checked: Out; to_f64: string; to_f64_src: Bits }
interface TransRow { x: Bits; exp: Out; log2: Out; ln: Out }
interface PowRow { x: Bits; y: Bits; k: number; pow: Out; powi: Out }
interface U16Row { u: number; toFixed: Bits; x: Bits; toU16: number; toU16wrap: number }
interface Vectors {
  generator: string;
  ops?: Record<string, OpRow[]>;
  convert?: ConvRow[];
  fromF64?: Record<string, F64Row[]>;
  trans: Record<string, TransRow[]>;
  expI32toI64: { x: Bits; r: Out }[];
  pow: PowRow[];
  u16?: U16Row[];
}

const load = (file: string): Vectors =>
  JSON.parse(gunzipSync(readFileSync(new URL(`./fixed/vectors/${file}`, import.meta.url))).toString('utf8')) as Vectors;

const v060 = load('substrate-fixed-v0.6.0.json.gz');
const v059 = load('substrate-fixed-v0.5.9.transcendental.json.gz');

const TYPES: Record<string, FixedType> = { I32F32, I64F64, I96F32, U96F32, U64F64, I110F18, U110F18 };

/** Runs `f`, mapping a FixedPanicError to "panic" and bigints to decimal strings. */
function run(f: () => bigint | null): Out {
  try {
    const r = f();
    return r === null ? null : r.toString();
  } catch (e) {
    if (e instanceof FixedPanicError) return 'panic';
    throw e;
  }
}

/** Collects mismatches as readable lines (at most 5 shown by the failing assertion). */
function mismatches<R>(rows: R[], check: (r: R) => [string, unknown, unknown][]): string[] {
  const bad: string[] = [];
  for (const r of rows) {
    for (const [field, got, want] of check(r)) {
      if (got !== want) bad.push(`${field}: got ${String(got)}, crate ${String(want)} in ${JSON.stringify(r)}`);
    }
  }
  return bad.slice(0, 5);
}

const parseF64 = (s: string): number => (s === 'NaN' ? NaN : s === 'inf' ? Infinity : s === '-inf' ? -Infinity : Number(s));

describe('substrate-fixed v0.6.0 vectors: arithmetic', () => {
  for (const [name, rows] of Object.entries(v060.ops!)) {
    const T = TYPES[name]!;
    it(`${name}: ${rows.length} operand pairs × 21 ops`, () => {
      const bad = mismatches(rows, (r) => {
        const a = BigInt(r.a);
        const b = BigInt(r.b);
        return [
          ['add', run(() => add(T, a, b)), r.add],
          ['sub', run(() => sub(T, a, b)), r.sub],
          ['saturating_add', run(() => saturatingAdd(T, a, b)), r.sadd],
          ['saturating_sub', run(() => saturatingSub(T, a, b)), r.ssub],
          ['checked_add', run(() => checkedAdd(T, a, b)), r.cadd],
          ['checked_sub', run(() => checkedSub(T, a, b)), r.csub],
          ['mul', run(() => mul(T, a, b)), r.mul],
          ['saturating_mul', run(() => saturatingMul(T, a, b)), r.smul],
          ['checked_mul', run(() => checkedMul(T, a, b)), r.cmul],
          ['div', run(() => div(T, a, b)), r.div],
          ['checked_div', run(() => checkedDiv(T, a, b)), r.cdiv],
          ['saturating_div', run(() => saturatingDiv(T, a, b)), r.sdiv],
          ['round', run(() => round(T, a)), r.round],
          ['floor', run(() => floor(T, a)), r.floor],
          ['ceil', run(() => ceil(T, a)), r.ceil],
          ['to_num::<i128>', run(() => toIntFloor(T, a)), r.int],
          ['saturating_to_num::<u64>', run(() => saturatingToU64(T, a)), r.satu64],
          ['checked_neg', run(() => checkedNeg(T, a)), r.cneg],
          ['abs', T.signed ? run(() => abs(T, a)) : null, r.abs],
          ['lt', a < b, r.lt],
        ];
      });
      expect(bad).toEqual([]);
    });
  }
});

describe('substrate-fixed v0.6.0 vectors: conversions', () => {
  it(`fixed → fixed between all 7 types (${v060.convert!.length} cases × wrap/saturating/checked)`, () => {
    const bad = mismatches(v060.convert!, (r) => {
      const from = TYPES[r.from]!;
      const to = TYPES[r.to]!;
      const a = BigInt(r.a);
      return [
        ['wrapping_from_num', convert(from, to, a).bits.toString(), r.wrap],
        ['saturating_from_num', saturatingConvert(from, to, a).toString(), r.sat],
        ['checked_from_num', run(() => checkedConvert(from, to, a)), r.checked],
      ];
    });
    expect(bad).toEqual([]);
  });

  for (const [name, rows] of Object.entries(v060.fromF64!)) {
    const T = TYPES[name]!;
    it(`${name}: from_num(f64) and to_num::<f64>() (${rows.length} doubles)`, () => {
      const bad = mismatches(rows, (r) => {
        const x = parseF64(r.x);
        return [
          ['saturating_from_num', run(() => saturatingFromFloat(T, x)), r.sat],
          ['checked_from_num', run(() => checkedFromFloat(T, x)), r.checked],
          ['to_num::<f64>', toNumber(T, BigInt(r.to_f64_src)), Number(r.to_f64)],
        ];
      });
      expect(bad).toEqual([]);
    });
  }

  it(`u16_proportion_to_fixed / fixed_proportion_to_u16 (${v060.u16!.length} cases)`, () => {
    const bad = mismatches(v060.u16!, (r) => [
      ['u16_proportion_to_fixed', u16ProportionToFixed(r.u).toString(), r.toFixed],
      ['fixed_proportion_to_u16 (saturating_to_num)', fixedProportionToU16(BigInt(r.x)), r.toU16],
      ['fixed_proportion_to_u16 (R218 to_num)', fixedProportionToU16(BigInt(r.x), 'wrapping'), r.toU16wrap],
    ]);
    expect(bad).toEqual([]);
  });
});

const versions: [SubstrateFixedVersion, Vectors][] = [
  ['v0.6.0', v060],
  ['v0.5.9', v059],
];

for (const [version, vec] of versions) {
  describe(`substrate-fixed ${version} vectors: transcendentals`, () => {
    for (const [name, rows] of Object.entries(vec.trans)) {
      const T = TYPES[name]!;
      it(`${name}: exp, log2, ln (${rows.length} inputs)`, () => {
        const bad = mismatches(rows, (r) => {
          const x = BigInt(r.x);
          return [
            ['exp', run(() => exp(T, x, { version })), r.exp],
            ['log2', run(() => log2(T, x, { version })), r.log2],
            ['ln', run(() => ln(T, x, { version })), r.ln],
          ];
        });
        expect(bad).toEqual([]);
      });
    }

    it(`exp::<I32F32, I64F64> (${vec.expI32toI64.length} inputs)`, () => {
      const bad = mismatches(vec.expI32toI64, (r) => [
        ['exp', run(() => exp(I32F32, BigInt(r.x), { dst: I64F64, version })), r.r],
      ]);
      expect(bad).toEqual([]);
    });

    it(`pow, powi on I32F32 (${vec.pow.length} inputs)`, () => {
      const bad = mismatches(vec.pow, (r) => [
        ['pow', run(() => pow(I32F32, BigInt(r.x), BigInt(r.y), { version })), r.pow],
        ['powi', run(() => powi(I32F32, BigInt(r.x), r.k, { version })), r.powi],
      ]);
      expect(bad).toEqual([]);
    });
  });
}

describe('v0.5.9 vs v0.6.0', () => {
  it('differ exactly on log2/ln of the two smallest positive I32F32 and I64F64 values', () => {
    const diffs: string[] = [];
    for (const [name, rows] of Object.entries(v060.trans)) {
      rows.forEach((r, i) => {
        const old = v059.trans[name]![i]!;
        for (const f of ['exp', 'log2', 'ln'] as const) if (r[f] !== old[f]) diffs.push(`${name} ${f}(${r.x}): ${r[f]} vs ${old[f]}`);
      });
    }
    expect(new Set(diffs)).toEqual(
      new Set(
        ['I32F32', 'I64F64'].flatMap((t) => ['1', '2'].flatMap((x) => [`${t} log2(${x}): null vs panic`, `${t} ln(${x}): null vs panic`])),
      ),
    );
  });
});
