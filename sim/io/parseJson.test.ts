import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError } from '../errors/config.ts';
import { parseJson } from './parseJson.ts';

describe('parseJson', () => {
  it('keeps integers beyond 2^53 exact as bigint', () => {
    expect(parseJson('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseJson('[9007199254740993, -9007199254740993]')).toEqual([9007199254740993n, -9007199254740993n]);
    expect(parseJson('{"stake": [18446744073709551615, "18446744073709551615"]}')).toEqual({
      stake: [18446744073709551615n, '18446744073709551615'],
    });
  });

  it('gives numbers inside the safe range, as JSON.parse does', () => {
    expect(parseJson('9007199254740991')).toBe(9007199254740991);
    expect(parseJson('-9007199254740991')).toBe(-9007199254740991);
    expect(parseJson('0')).toBe(0);
    expect(Object.is(parseJson('-0'), -0)).toBe(true);
    expect(parseJson('1.5')).toBe(1.5);
    expect(parseJson('1e3')).toBe(1000);
    expect(parseJson('123456789012345')).toBe(123456789012345);
  });

  it('reads integer-valued literals with a fraction or exponent exactly', () => {
    expect(parseJson('1e20')).toBe(100000000000000000000n);
    expect(parseJson('1.8446744073709551615e19')).toBe(18446744073709551615n);
    expect(parseJson('18446744073709551615.000')).toBe(18446744073709551615n);
    expect(parseJson('-2E+18')).toBe(-2000000000000000000n);
    expect(parseJson('1.5e20')).toBe(150000000000000000000n);
    // not integers, or too long for any u64: doubles
    expect(parseJson('12345678901234567.5')).toBe(12345678901234567.5);
    expect(parseJson('1e-5')).toBe(1e-5);
    expect(parseJson('1e999')).toBe(Infinity);
  });

  it('parses strings with every escape', () => {
    expect(parseJson(String.raw`"a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\ud83d\ude00"`)).toBe('a"b\\c/d\be\ff\ng\rh\tié😀');
  });

  it('agrees with JSON.parse, big integers aside (which round to the same double)', () => {
    const toDoubles = (v: unknown): unknown =>
      typeof v === 'bigint'
        ? Number(v)
        : Array.isArray(v)
          ? v.map(toDoubles)
          : v && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toDoubles(x)]))
            : v;
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(toDoubles(parseJson(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });

  it('a big integer parses to the bigint of its exact digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), (b) => {
        const v = parseJson(b.toString());
        expect(typeof v === 'bigint' ? v : BigInt(v as number)).toBe(b);
        expect(typeof v).toBe(b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER) ? 'bigint' : 'number');
      }),
      { numRuns: 500 },
    );
  });

  it('skips a byte-order mark and surrounding whitespace', () => {
    expect(parseJson('\ufeff \n {"a": [1, 2]} \r\n')).toEqual({ a: [1, 2] });
  });

  it.each([
    ['', 'unexpected end of input at line 1, column 1'],
    ['nope', 'unexpected character "n" at line 1, column 1'],
    ['{"a": 1,}', 'unexpected character "}" (expected a "key") at line 1, column 9'],
    ['[1, 2', 'unexpected end of input (expected \',\' or \']\') at line 1, column 6'],
    ['{\n  "a": 1\n  "b": 2\n}', 'unexpected character "\\"" (expected \',\' or \'}\') at line 3, column 3'],
    ['{"a": 1, "a": 2}', 'duplicate key "a" at line 1, column 10'],
    ['"abc', 'unterminated string at line 1, column 5'],
    ['"a\nb"', 'control character in string (escape it) at line 1, column 3'],
    ['01', 'unexpected character "1" after the JSON value at line 1, column 2'],
    ['[1] x', 'unexpected character "x" after the JSON value at line 1, column 5'],
    ['NaN', 'unexpected character "N" at line 1, column 1'],
    ['"\\x"', 'invalid escape in string at line 1, column 3'],
  ])('rejects %j: %s', (text, message) => {
    expect(() => parseJson(text)).toThrow(JsonSyntaxError);
    expect(() => parseJson(text)).toThrow(message);
  });

  it('does not let "__proto__" change the prototype', () => {
    const v = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(v.__proto__).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
