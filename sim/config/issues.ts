/**
 * Turning zod issues into {@link ConfigIssue}s: one line per bad field, `path: expected …, got …`,
 * with JSON paths (`input.epochs[1].weights[3]`) and the value that was received.
 */
import type { z } from 'zod';
import type { ConfigIssue } from '../errors/config.ts';

type Key = PropertyKey;

/** `root.key[3]["odd key"]`; an empty path is `root` (or `(root)` when root is empty). */
export function formatPath(root: string, path: ReadonlyArray<Key>): string {
  let s = root;
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_$][\w$]*$/.test(k)) s += s ? `.${k}` : k;
    else s += `[${JSON.stringify(String(k))}]`;
  }
  return s || '(root)';
}

/** A short description of a received value: `-1`, `"abc"`, `an array of 4`, `an object`, `nothing`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return v.length > 40 ? JSON.stringify(v.slice(0, 37)).replace(/"$/, '..."') : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return `an ${typeof v}`;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'an array',
  tuple: 'an array',
  object: 'an object',
  bigint: 'an integer',
  null: 'null',
};
const typeName = (t: string) => TYPE_NAMES[t] ?? t;
const plural = (n: number | bigint, one: string, many: string) => `${n} ${n === 1 || n === 1n ? one : many}`;

type Issue = z.core.$ZodIssue;

/** Allowed keys at a path, for "unknown field" hints (optional). */
export type AllowedKeys = (path: ReadonlyArray<Key>) => string[] | undefined;

/** An issue whose path is still a list of keys (to sort or merge before formatting). */
export interface PathIssue {
  path: Key[];
  message: string;
}

/**
 * One {@link ConfigIssue} per bad field of a zod error, paths prefixed with `root`.
 * Unknown keys give one issue each (path = the unknown key), with a "did you mean" hint when
 * `allowedKeys` knows the object's fields. A failed union reports the branch that got furthest.
 */
export function issuesFromZod(error: z.ZodError, root: string, allowedKeys?: AllowedKeys): ConfigIssue[] {
  return pathIssuesFromZod(error, allowedKeys).map((i) => ({ path: formatPath(root, i.path), message: i.message }));
}

/** {@link issuesFromZod} with the paths left as key lists. */
export function pathIssuesFromZod(error: z.ZodError, allowedKeys?: AllowedKeys): PathIssue[] {
  const out: PathIssue[] = [];
  const visit = (issue: Issue, prefix: ReadonlyArray<Key>) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys?.(path);
      for (const key of issue.keys) {
        const near = allowed ? closest(key, allowed) : undefined;
        const hint = near ? ` (did you mean "${near}"?)` : allowed ? ` (allowed: ${allowed.join(', ')})` : '';
        out.push({ path: [...path, key], message: `unknown field${hint}` });
      }
      return;
    }
    if (issue.code === 'invalid_union' && issue.errors.length) {
      const branch = bestBranch(issue.errors);
      if (branch) {
        for (const sub of branch) visit(sub, path);
        return;
      }
    }
    out.push({ path, message: messageOf(issue) });
  };
  for (const issue of error.issues) visit(issue, []);
  return out;
}

/** The union branch whose failure is most specific: one that matched the type at the root. */
function bestBranch(branches: Issue[][]): Issue[] | undefined {
  const rootTypeMiss = (b: Issue[]) => b.some((i) => i.path.length === 0 && i.code === 'invalid_type');
  const typed = branches.filter((b) => b.length && !rootTypeMiss(b));
  return typed.length ? typed[0] : undefined;
}

function received(issue: Issue): string {
  const r = (issue as { received?: unknown }).received;
  if (typeof r === 'string' && (r === 'Infinity' || r === '-Infinity' || r === 'NaN')) return r;
  return describeValue(issue.input);
}

function messageOf(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined && (issue as { received?: unknown }).received === undefined)
        return `missing (expected ${typeName(issue.expected)})`;
      return `expected ${typeName(issue.expected)}, got ${received(issue)}`;
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = small ? issue.minimum : issue.maximum;
      const op = small ? (issue.inclusive ? '>=' : '>') : issue.inclusive ? '<=' : '<';
      if (issue.origin === 'array' || issue.origin === 'set') {
        const len = Array.isArray(issue.input) ? issue.input.length : undefined;
        const what = issue.exact ? `exactly ${plural(bound, 'entry', 'entries')}` : `${small ? 'at least' : 'at most'} ${plural(bound, 'entry', 'entries')}`;
        return `expected ${what}${len === undefined ? '' : `, got ${len}`}`;
      }
      if (issue.origin === 'string') {
        const what = `${small ? 'at least' : 'at most'} ${plural(bound, 'character', 'characters')}`;
        return `expected ${what}, got ${describeValue(issue.input)}`;
      }
      return `expected ${op} ${bound}, got ${received(issue)}`;
    }
    case 'invalid_value': {
      const vals = issue.values.map((v) => JSON.stringify(v));
      const list = vals.length === 1 ? vals[0] : vals.length === 2 ? `${vals[0]} or ${vals[1]}` : `one of ${vals.join(', ')}`;
      if (issue.input === undefined) return `missing (expected ${list})`;
      return `expected ${list}, got ${describeValue(issue.input)}`;
    }
    case 'invalid_union': {
      const expected = new Set<string>();
      for (const b of issue.errors) for (const i of b) if (i.path.length === 0 && i.code === 'invalid_type') expected.add(typeName(i.expected));
      return expected.size ? `expected ${[...expected].join(' or ')}, got ${describeValue(issue.input)}` : issue.message;
    }
    case 'invalid_format':
      return issue.message.startsWith('expected') ? `${issue.message}, got ${describeValue(issue.input)}` : issue.message;
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}, got ${describeValue(issue.input)}`;
    default:
      return issue.message;
  }
}

/** The allowed key nearest to `key` (edit distance ≤ 2, or a case-only difference). */
export function closest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const a of allowed) {
    const d = a.toLowerCase() === key.toLowerCase() ? 0 : editDistance(key, a);
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/**
 * Allowed keys along a path of a zod schema: unwraps optional / nullable / default / pipe,
 * follows object shapes and array elements (not unions). For "unknown field" hints.
 */
export function allowedKeysOf(schema: z.ZodType): AllowedKeys {
  return (path) => {
    let s: unknown = schema;
    const unwrap = () => {
      for (;;) {
        const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
        if (!def) return;
        if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'readonly')
          s = def.innerType;
        else if (def.type === 'pipe') s = (def.out as { _zod: { def: { type: string } } })._zod.def.type === 'transform' ? def.in : def.out;
        else return;
      }
    };
    for (const k of path) {
      unwrap();
      const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
      if (def.type === 'object' && typeof k === 'string') s = (def.shape as Record<string, unknown>)[k];
      else if (def.type === 'array' && typeof k === 'number') s = def.element;
      else return undefined;
      if (!s) return undefined;
    }
    unwrap();
    const def = (s as { _zod: { def: Record<string, unknown> } })._zod.def;
    return def.type === 'object' ? Object.keys(def.shape as object) : undefined;
  };
}
