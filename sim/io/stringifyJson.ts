/**
 * JSON text for results: `bigint` values as plain integer literals with every digit (never
 * quoted), objects indented, and arrays of scalars kept on one line so that an n × n matrix is n
 * lines, not n² lines.
 *
 * @example
 * import { stringifyJson } from './stringifyJson.ts';
 * stringifyJson({ emission: [18446744073709551615n], bonds: [[0, 1], [2, 3]] });
 * // {
 * //   "emission": [18446744073709551615],
 * //   "bonds": [
 * //     [0, 1],
 * //     [2, 3]
 * //   ]
 * // }
 */

export interface StringifyJsonOptions {
  /** spaces per level; 0 = everything on one line (default 2) */
  indent?: number;
}

export type StringifyJsonErrorType = TypeError;

/**
 * Serialize a value made of null, booleans, finite numbers, bigints, strings, arrays and plain
 * objects. Object keys whose value is `undefined` are left out, as `JSON.stringify` does.
 * @throws {TypeError} on a non-finite number, a function, a symbol or a cycle, naming its path
 */
export function stringifyJson(value: unknown, options: StringifyJsonOptions = {}): string {
  const indent = options.indent ?? 2;
  const stack = new Set<object>();

  const scalar = (v: unknown, path: string): string | undefined => {
    if (v === null) return 'null';
    switch (typeof v) {
      case 'boolean':
        return v ? 'true' : 'false';
      case 'number':
        if (!Number.isFinite(v)) throw new TypeError(`cannot write ${v} as JSON at ${path}`);
        return JSON.stringify(v);
      case 'bigint':
        return v.toString();
      case 'string':
        return JSON.stringify(v);
      case 'object':
        return undefined;
      default:
        throw new TypeError(`cannot write a ${typeof v} as JSON at ${path}`);
    }
  };

  const write = (v: unknown, path: string, level: number): string => {
    const s = scalar(v, path);
    if (s !== undefined) return s;
    const obj = v as object;
    if (stack.has(obj)) throw new TypeError(`cannot write a cycle as JSON at ${path}`);
    stack.add(obj);
    try {
      const pad = indent ? '\n' + ' '.repeat(indent * (level + 1)) : '';
      const end = indent ? '\n' + ' '.repeat(indent * level) : '';
      if (Array.isArray(obj)) {
        if (obj.length === 0) return '[]';
        const flat = obj.every((x) => x === null || typeof x !== 'object');
        if (flat || !indent) return '[' + obj.map((x, k) => write(x, `${path}[${k}]`, level + 1)).join(', ') + ']';
        return '[' + obj.map((x, k) => pad + write(x, `${path}[${k}]`, level + 1)).join(',') + end + ']';
      }
      const entries = Object.entries(obj).filter(([, x]) => x !== undefined);
      if (entries.length === 0) return '{}';
      const sep = indent ? ': ' : ':';
      const items = entries.map(([k, x]) => JSON.stringify(k) + sep + write(x, `${path}.${k}`, level + 1));
      return indent ? '{' + items.map((t) => pad + t).join(',') + end + '}' : '{' + items.join(',') + '}';
    } finally {
      stack.delete(obj);
    }
  };

  return write(value, '$', 0);
}
