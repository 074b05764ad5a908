/**
 * A JSON parser that keeps big integers exact. `JSON.parse` turns `18446744073709551615` into
 * 18446744073709552000; chain quantities (rao, u64) need every digit. Here a number literal whose
 * value is an integer beyond ±(2^53 − 1) becomes a `bigint` (also when written with a fraction or
 * exponent, e.g. `1e20`), and every other literal becomes the `number` `JSON.parse` would give.
 *
 * Stricter than `JSON.parse` in one way: a key repeated in one object is an error (JSON.parse
 * silently keeps the last). A leading byte-order mark is skipped.
 *
 * @example
 * import { parseJson } from './parseJson.ts';
 * parseJson('{"stake": [18446744073709551615, 1.5]}'); // { stake: [18446744073709551615n, 1.5] }
 */
import { JsonSyntaxError } from '../errors/config.ts';

/** A parsed JSON value: `bigint` only for integers beyond the safe range of a double. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | { [key: string]: JsonValue };

export type ParseJsonErrorType = JsonSyntaxError;

const MAX_DEPTH = 1000;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const PLAIN_STRING = /[^"\\\u0000-\u001f]*/y;

/**
 * Parse JSON text.
 * @throws {JsonSyntaxError} with the line and column of the first offending character
 */
export function parseJson(text: string): JsonValue {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (problem: string, at = i): never => {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text.charCodeAt(k) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    throw new JsonSyntaxError(problem, { line, column: col });
  };
  const describe = (at: number) =>
    at >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(text[at])}`;

  const skipWs = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else return;
    }
  };

  const parseString = (): string => {
    // at the opening quote
    i++;
    let out = '';
    for (;;) {
      PLAIN_STRING.lastIndex = i;
      PLAIN_STRING.exec(text);
      out += text.slice(i, PLAIN_STRING.lastIndex);
      i = PLAIN_STRING.lastIndex;
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (escape it)');
      // backslash
      const e = text[i + 1];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          i += 2;
          break;
        case 'b':
          out += '\b';
          i += 2;
          break;
        case 'f':
          out += '\f';
          i += 2;
          break;
        case 'n':
          out += '\n';
          i += 2;
          break;
        case 'r':
          out += '\r';
          i += 2;
          break;
        case 't':
          out += '\t';
          i += 2;
          break;
        case 'u': {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
          break;
        }
        default:
          fail('invalid escape in string', i + 1);
      }
    }
  };

  const parseNumber = (): number | bigint => {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail(describe(i));
    const lit = m[0];
    i += lit.length;
    return numberValue(lit, m[1] !== undefined, m[2] !== undefined);
  };

  const parseValue = (depth: number): JsonValue => {
    skipWs();
    const c = text[i];
    if (c === '{') {
      if (depth >= MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
      i++;
      const obj: { [key: string]: JsonValue } = {};
      const seen = new Set<string>();
      skipWs();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') fail(`${describe(i)} (expected a "key")`);
        const keyAt = i;
        const key = parseString();
        if (seen.has(key)) fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
        seen.add(key);
        skipWs();
        if (text[i] !== ':') fail(`${describe(i)} (expected ':')`);
        i++;
        const v = parseValue(depth + 1);
        if (key === '__proto__') Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
        else obj[key] = v;
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`${describe(i)} (expected ',' or '}')`);
      }
    }
    if (c === '[') {
      if (depth >= MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
      i++;
      const arr: JsonValue[] = [];
      skipWs();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(parseValue(depth + 1));
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`${describe(i)} (expected ',' or ']')`);
      }
    }
    if (c === '"') return parseString();
    if (c === '-' || (c >= '0' && c <= '9')) return parseNumber();
    if (text.startsWith('true', i)) {
      i += 4;
      return true;
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return false;
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return null;
    }
    return fail(describe(i));
  };

  const value = parseValue(0);
  skipWs();
  if (i < text.length) fail(`${describe(i)} after the JSON value`);
  return value;
}

/**
 * The value of a JSON number literal: a `bigint` when it is an integer beyond the safe range,
 * else the `number` JSON.parse gives. Literals with more than 400 integer digits (`1e999`) stay
 * doubles (Infinity or a huge float): no u64 is that long, and validation reports them.
 */
export function numberValue(lit: string, hasFraction: boolean, hasExponent: boolean): number | bigint {
  const neg = lit.charCodeAt(0) === 45;
  if (!hasFraction && !hasExponent) {
    if (lit.length - (neg ? 1 : 0) <= 15) return Number(lit);
    const b = BigInt(lit);
    return b > SAFE || b < -SAFE ? b : Number(b);
  }
  const m = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(lit)!;
  const frac = m[2] ?? '';
  let digits = (m[1] + frac).replace(/^0+/, '');
  if (digits === '') return Number(lit);
  let exp = (m[3] === undefined ? 0 : Number(m[3])) - frac.length;
  const stripped = digits.replace(/0+$/, '');
  exp += digits.length - stripped.length;
  digits = stripped;
  if (exp < 0 || digits.length + exp <= 15 || digits.length + exp > 400) return Number(lit);
  const b = BigInt(digits) * 10n ** BigInt(exp);
  const v = neg ? -b : b;
  return b > SAFE ? v : Number(v);
}
