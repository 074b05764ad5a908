import { describe, expect, it } from 'vitest';
import { parseJson } from './parseJson.ts';
import { stringifyJson } from './stringifyJson.ts';

describe('stringifyJson', () => {
  it('writes bigints as plain integer literals with every digit', () => {
    expect(stringifyJson({ emission: [18446744073709551615n, 1n] }, { indent: 0 })).toBe('{"emission":[18446744073709551615, 1]}');
  });

  it('keeps arrays of scalars on one line and indents the rest', () => {
    expect(stringifyJson({ schemaVersion: 1, bonds: [[0, 1], [2, 3]], u16: null, skipped: undefined, empty: [], o: {} }))
      .toMatchInlineSnapshot(`
        "{
          "schemaVersion": 1,
          "bonds": [
            [0, 1],
            [2, 3]
          ],
          "u16": null,
          "empty": [],
          "o": {}
        }"
      `);
  });

  it('round-trips through parseJson', () => {
    const v = { a: [1.5, -0.25, 9007199254740993n, 'x"y', true, null], b: { c: [[1], []] } };
    expect(parseJson(stringifyJson(v))).toEqual(v);
    expect(parseJson(stringifyJson(v, { indent: 0 }))).toEqual(v);
  });

  it('numbers as JSON.stringify writes them', () => {
    for (const x of [0, 1e21, 1e-7, 0.1 + 0.2, -5, 2 ** 53]) expect(stringifyJson(x)).toBe(JSON.stringify(x));
  });

  it('refuses non-finite numbers, naming the path', () => {
    expect(() => stringifyJson({ epochs: [{ consensus: [0, NaN] }] })).toThrow('cannot write NaN as JSON at $.epochs[0].consensus[1]');
    expect(() => stringifyJson([Infinity])).toThrow('at $[0]');
  });

  it('refuses cycles', () => {
    const a: unknown[] = [];
    a.push(a);
    expect(() => stringifyJson(a)).toThrow('cycle');
  });
});
