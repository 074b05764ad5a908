/**
 * Reading a `taosim yuma` document (a bare input, or a case `{ input, expected?, meta? }`) into
 * the typed {@link YumaInput} of the mechanism: the zod schema checks each field on its own,
 * {@link checkYumaInput} the rules between fields (n, units, profile), and every problem of both
 * is reported at once, one per field, as a {@link ConfigError}.
 *
 * @example
 * import { parseJson } from '../../io/parseJson.ts';
 * import { parseYumaDocument } from './parseYumaInput.ts';
 * const doc = parseYumaDocument(parseJson(text), 'case.json');
 * doc.input.epochs[0].stake; // bigint[] in chain units
 */
import { ConfigError } from '../../errors/config.ts';
import { allowedKeysOf, formatPath, type PathIssue, pathIssuesFromZod } from '../../config/issues.ts';
import { amountToBigInt, amountToNumber, DECIMAL_STRING, INTEGER_STRING } from '../../config/zod.ts';
import type { SparseRow, YumaEpochInput, YumaHyperparameters, YumaInput } from '../../mechanism/yuma/types.ts';
import { type YumaExpected, type YumaInputWire, yumaCaseSchema, yumaInputSchema } from './schema.ts';

type Key = string | number;
type Obj = Record<string, unknown>;

/** A parsed document: the input, and for a case what it expects. */
export interface YumaDocument {
  /** `case` when the file has a top-level `input` */
  kind: 'input' | 'case';
  input: YumaInput;
  /** the case's expected output, when given */
  expected?: YumaExpected;
  meta?: Record<string, unknown>;
}

export type ParseYumaDocumentErrorType = ConfigError;

const U64_LIMIT = 1n << 64n;
/** Tempo of both Yuma profiles' defaults, for the default block of an epoch. */
const DEFAULT_TEMPO = 360;

/**
 * Validate and convert a parsed JSON document.
 * @param doc what `parseJson` returned
 * @param source how to name the document in the error's short message (e.g. the file name)
 * @throws {ConfigError} listing every bad field, paths like `input.epochs[1].weights[3]`
 */
export function parseYumaDocument(doc: unknown, source: string): YumaDocument {
  const isCase = isObject(doc) && 'input' in doc;
  const schema = isCase ? yumaCaseSchema : yumaInputSchema;
  // paths: a case's are its own JSON paths (input.…, expected.…); a bare input's start at `input`
  const prefix: Key[] = isCase ? [] : ['input'];
  const issues: PathIssue[] = [];
  const parsed = schema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const allowed = allowedKeysOf(schema);
    for (const i of pathIssuesFromZod(parsed.error, allowed)) issues.push({ path: [...prefix, ...(i.path as Key[])], message: i.message });
  }
  const rawInput = isCase ? (doc as Obj).input : doc;
  const zodPaths = new Set(issues.map((i) => formatPath('', i.path)));
  for (const i of checkYumaInput(rawInput)) {
    const path = ['input', ...i.path];
    if (!zodPaths.has(formatPath('', path))) issues.push({ path, message: i.message });
  }
  if (issues.length || !parsed.success) {
    const order = keyOrder();
    issues.sort((a, b) => comparePaths(a.path as Key[], b.path as Key[], order));
    throw new ConfigError(source, issues.map((i) => ({ path: formatPath('', i.path), message: i.message })), {
      docsPath: 'docs/cli/yuma.md',
    });
  }
  if (isCase) {
    const c = parsed.data as { input: YumaInputWire; expected?: YumaExpected; meta?: Record<string, unknown> };
    return { kind: 'case', input: toYumaInput(c.input), expected: c.expected, meta: c.meta };
  }
  return { kind: 'input', input: toYumaInput(parsed.data as YumaInputWire) };
}

/**
 * Validate and convert a bare input (an object, as `parseJson` returns it).
 * @throws {ConfigError}
 */
export function parseYumaInput(raw: unknown, source = 'yuma input'): YumaInput {
  if (isObject(raw) && 'input' in raw) {
    throw new ConfigError(source, [{ path: 'input.input', message: 'unknown field (a case file? use parseYumaDocument)' }]);
  }
  return parseYumaDocument(raw, source).input;
}

// ------------------------------------------------------------------------- cross-field rules

/**
 * The rules that involve more than one field, on the raw input (before or without a successful
 * zod parse, so that all problems are found in one pass). Values of the wrong type are skipped:
 * the zod schema reports those. Paths are relative to the input.
 */
export function checkYumaInput(raw: unknown): PathIssue[] {
  const out: PathIssue[] = [];
  const add = (path: Key[], message: string) => out.push({ path, message });
  if (!isObject(raw)) return out;
  const units = raw.units === undefined ? 'float' : raw.units;
  const chain = units === 'chain';
  const float = units === 'float';
  const unitsNote = chain ? 'in chain units' : 'in float units';

  // hyperparameters
  const h = isObject(raw.hyperparameters) ? raw.hyperparameters : {};
  if (raw.profile === 'dtao-launch' && h.yuma3 === true) {
    add(['hyperparameters', 'yuma3'], 'Yuma3 does not exist at profile "dtao-launch" (spec 233): remove it, set it false, or use profile "current"');
  }
  const proportion = (path: Key[], v: unknown, chainMax: number, chainWhat: string) => {
    const x = num(v);
    if (x === undefined) return;
    if (chain && !(Number.isInteger(x) && x >= 0 && x <= chainMax)) add(path, `expected ${chainWhat} ${unitsNote}, got ${x}`);
    if (float && !(x >= 0 && x <= 1)) {
      const hint = Number.isInteger(x) && x > 1 && x <= chainMax ? ' (a chain value? set "units": "chain")' : '';
      add(path, `expected a proportion in [0, 1] ${unitsNote}, got ${x}${hint}`);
    }
  };
  const u16What = 'an integer 0..65535 (65535 = 1.0)';
  proportion(['hyperparameters', 'kappa'], h.kappa, 65535, u16What);
  proportion(['hyperparameters', 'bondsPenalty'], h.bondsPenalty, 65535, u16What);
  proportion(['hyperparameters', 'bondsMovingAverage'], h.bondsMovingAverage, 1_000_000, 'an integer 0..1000000 (u64 per 1e6)');
  if (isObject(h.liquidAlpha)) {
    proportion(['hyperparameters', 'liquidAlpha', 'alphaLow'], h.liquidAlpha.alphaLow, 65535, u16What);
    proportion(['hyperparameters', 'liquidAlpha', 'alphaHigh'], h.liquidAlpha.alphaHigh, 65535, u16What);
  }
  const steep = num(h.alphaSigmoidSteepness);
  if (chain && steep !== undefined && !(Number.isInteger(steep) && steep >= -32768 && steep <= 32767)) {
    add(['hyperparameters', 'alphaSigmoidSteepness'], `expected an i16 integer -32768..32767 ${unitsNote}, got ${steep}`);
  }

  // n, from epoch 0's stake
  const epochs = Array.isArray(raw.epochs) ? raw.epochs : [];
  const stake0 = isObject(epochs[0]) && Array.isArray(epochs[0].stake) ? epochs[0].stake : undefined;
  const n = stake0 && stake0.length > 0 ? stake0.length : undefined;
  const nNote = `(n = ${n})`;

  const tempoRaw = num(h.tempo);
  const tempo = tempoRaw !== undefined && Number.isInteger(tempoRaw) && tempoRaw >= 1 ? tempoRaw : DEFAULT_TEMPO;
  let prevBlock: { k: number; block: number; given: boolean } | undefined;

  epochs.forEach((e, k) => {
    if (!isObject(e)) return;
    const at = (...rest: Key[]): Key[] => ['epochs', k, ...rest];
    // stake
    if (Array.isArray(e.stake)) {
      if (n !== undefined && k > 0 && e.stake.length !== n) {
        add(at('stake'), `expected ${n} entries (n = ${n}, the length of epochs[0].stake), got ${e.stake.length}`);
      }
      e.stake.forEach((v, i) => {
        if (chain) checkRao(at('stake', i), v, add, 'an integer number of rao');
        else if (float && typeof v === 'string' && DECIMAL_STRING.test(v) && amountToNumber(v) === null) {
          add(at('stake', i), `expected a finite number of TAO, got ${JSON.stringify(v)}`);
        }
      });
    }
    // weights
    if (Array.isArray(e.weights)) {
      if (n !== undefined && e.weights.length !== n) add(at('weights'), `expected ${n} rows ${nNote}, got ${e.weights.length}`);
      let matrixKind: { kind: 'dense' | 'sparse'; row: number } | undefined;
      e.weights.forEach((row, i) => {
        if (!Array.isArray(row)) return;
        const dense = row.some((x) => num(x) !== undefined);
        const sparse = row.some((x) => Array.isArray(x));
        if (dense && sparse) {
          add(at('weights', i), 'mixes numbers (dense) and [uid, weight] pairs (sparse): a row is one or the other');
          return;
        }
        if (!dense && !sparse) return; // [] or only values of the wrong type
        const kind = dense ? 'dense' : 'sparse';
        if (!matrixKind) matrixKind = { kind, row: i };
        else if (matrixKind.kind !== kind) {
          add(
            at('weights', i),
            `is ${kind} but epochs[${k}].weights[${matrixKind.row}] is ${matrixKind.kind}: all rows of a matrix are dense (n numbers) or all sparse ([uid, weight] pairs)`,
          );
          return;
        }
        if (dense) {
          if (n !== undefined && row.length !== n) add(at('weights', i), `expected ${n} entries ${nNote}, got ${row.length}`);
          if (chain) row.forEach((x, j) => checkU16Weight(at('weights', i, j), x, add));
          return;
        }
        const seen = new Map<number, number>();
        row.forEach((pair, j) => {
          if (!Array.isArray(pair) || pair.length !== 2) return;
          const uid = num(pair[0]);
          if (uid !== undefined && Number.isInteger(uid) && uid >= 0) {
            if (n !== undefined && uid >= n) add(at('weights', i, j, 0), `uid ${uid} out of range: expected 0..${n - 1} ${nNote}`);
            const prev = seen.get(uid);
            if (prev !== undefined) add(at('weights', i, j, 0), `duplicate uid ${uid} in row ${i} (also at epochs[${k}].weights[${i}][${prev}])`);
            else seen.set(uid, j);
          }
          if (chain) checkU16Weight(at('weights', i, j, 1), pair[1], add);
        });
      });
    }
    // blocks: strictly increasing, counting the default (k + 1) · tempo of an omitted one
    const given = e.block !== undefined;
    const b = given ? num(e.block) : (k + 1) * tempo;
    if (b !== undefined && Number.isInteger(b) && b >= 0) {
      if (prevBlock && b <= prevBlock.block) {
        const note = given ? '' : ` (the default (k + 1) · tempo = ${b}: give every epoch a block, or none)`;
        const prevNote = prevBlock.given ? '' : ', its default (k + 1) · tempo';
        add(given ? at('block') : at(), `expected a block > ${prevBlock.block} (epoch ${prevBlock.k}'s${prevNote}), got ${b}${note}`);
      }
      prevBlock = { k, block: b, given };
    } else prevBlock = undefined;
  });

  // neurons
  if (isObject(raw.neurons) && n !== undefined) {
    for (const f of ['registeredAt', 'lastUpdate', 'validatorPermit'] as const) {
      const a = raw.neurons[f];
      if (Array.isArray(a) && a.length !== n) add(['neurons', f], `expected ${n} entries ${nNote}, got ${a.length}`);
    }
  }
  // initial bonds: n × n
  if (isObject(raw.initial) && Array.isArray(raw.initial.bonds) && n !== undefined) {
    const bonds = raw.initial.bonds;
    if (bonds.length !== n) add(['initial', 'bonds'], `expected ${n} rows ${nNote}, got ${bonds.length}`);
    bonds.forEach((row, i) => {
      if (Array.isArray(row) && row.length !== n) add(['initial', 'bonds', i], `expected ${n} entries ${nNote}, got ${row.length}`);
    });
  }
  if (raw.raoEmission !== undefined) checkRao(['raoEmission'], raw.raoEmission, add, 'an integer number of rao');
  return out;
}

/** chain weight: u16 integer (negative and non-numbers are the schema's to report). */
function checkU16Weight(path: Key[], v: unknown, add: (p: Key[], m: string) => void) {
  const x = num(v);
  if (x === undefined || x < 0) return;
  if (!Number.isInteger(x) || x > 65535) add(path, `expected an integer 0..65535 in chain units, got ${x}`);
}

/** An integer < 2^64 (rao): numbers, big literals, digit strings. */
function checkRao(path: Key[], v: unknown, add: (p: Key[], m: string) => void, what: string) {
  const wellTyped =
    (typeof v === 'number' && v >= 0) || (typeof v === 'bigint' && v >= 0n) || (typeof v === 'string' && DECIMAL_STRING.test(v));
  if (!wellTyped) return;
  const b = amountToBigInt(v);
  if (b === null) {
    const shown = typeof v === 'string' ? JSON.stringify(v) : String(v);
    add(path, `expected ${what} (no fraction or exponent${typeof v === 'string' && !INTEGER_STRING.test(v) ? ' in a string' : ''}), got ${shown}`);
  } else if (b >= U64_LIMIT) add(path, `expected ${what} < 2^64 (u64), got ${b}`);
}

// ------------------------------------------------------------------------------- conversion

/** The typed input of the mechanism, from a wire input that passed every check. */
export function toYumaInput(w: YumaInputWire): YumaInput {
  const chain = w.units === 'chain';
  const h = w.hyperparameters;
  const hyperparameters: YumaHyperparameters = {};
  for (const key of ['kappa', 'bondsMovingAverage', 'bondsPenalty', 'yuma3', 'alphaSigmoidSteepness', 'maxAllowedValidators', 'activityCutoff', 'tempo'] as const) {
    if (h[key] !== undefined) (hyperparameters as Record<string, unknown>)[key] = h[key];
  }
  if (h.liquidAlpha) {
    const la: NonNullable<YumaHyperparameters['liquidAlpha']> = {};
    if (h.liquidAlpha.enabled !== undefined) la.enabled = h.liquidAlpha.enabled;
    if (h.liquidAlpha.alphaLow !== undefined) la.alphaLow = h.liquidAlpha.alphaLow;
    if (h.liquidAlpha.alphaHigh !== undefined) la.alphaHigh = h.liquidAlpha.alphaHigh;
    hyperparameters.liquidAlpha = la;
  }
  const epochs: YumaEpochInput[] = w.epochs.map((e) => {
    const stake = chain ? e.stake.map((v) => amountToBigInt(v)!) : e.stake.map((v) => amountToNumber(v)!);
    const weights: SparseRow[] = e.weights.map((row) => {
      const pairs: SparseRow = [];
      row.forEach((x, j) => {
        if (Array.isArray(x)) pairs.push([x[0], x[1]]);
        else if (x !== 0) pairs.push([j, x]);
      });
      return pairs.sort((a, b) => a[0] - b[0]);
    });
    const epoch: YumaEpochInput = { stake, weights };
    if (e.block !== undefined) epoch.block = e.block;
    return epoch;
  });
  const input: YumaInput = { profile: w.profile, mode: w.mode, units: w.units, hyperparameters, epochs };
  if (w.neurons) {
    const neurons: NonNullable<YumaInput['neurons']> = {};
    if (w.neurons.registeredAt) neurons.registeredAt = w.neurons.registeredAt;
    if (w.neurons.lastUpdate) neurons.lastUpdate = w.neurons.lastUpdate;
    if (w.neurons.validatorPermit) neurons.validatorPermit = w.neurons.validatorPermit;
    input.neurons = neurons;
  }
  if (w.initial) {
    const initial: NonNullable<YumaInput['initial']> = {};
    if (w.initial.bonds) initial.bonds = w.initial.bonds;
    if (w.initial.lastMechanismStepBlock !== undefined) initial.lastMechanismStepBlock = w.initial.lastMechanismStepBlock;
    input.initial = initial;
  }
  if (w.raoEmission !== undefined) input.raoEmission = amountToBigInt(w.raoEmission)!;
  return input;
}

// ---------------------------------------------------------------------------------- helpers

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A JSON number (or big integer literal) as a double; undefined for anything else. */
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

let cachedOrder: Map<string, number> | undefined;
/** Rank of every field name in schema order (profile, mode, …, epochs, stake, weights, …). */
function keyOrder(): Map<string, number> {
  if (cachedOrder) return cachedOrder;
  const order = new Map<string, number>();
  const walk = (s: unknown) => {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    if (def.type === 'object') {
      for (const [k, v] of Object.entries(def.shape as Obj)) {
        if (!order.has(k)) order.set(k, order.size);
        walk(v);
      }
    } else if (def.type === 'array') walk(def.element);
    else if (def.type === 'pipe') walk(def.out);
    else if (def.type === 'union') for (const o of def.options as unknown[]) walk(o);
    else if (def.type === 'tuple') for (const o of def.items as unknown[]) walk(o);
    else if ('innerType' in def) walk(def.innerType);
  };
  walk(yumaCaseSchema);
  cachedOrder = order;
  return order;
}

function comparePaths(a: Key[], b: Key[], order: Map<string, number>): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const rx = typeof x === 'number' ? -1 : (order.get(x) ?? Number.MAX_SAFE_INTEGER);
    const ry = typeof y === 'number' ? -1 : (order.get(y) ?? Number.MAX_SAFE_INTEGER);
    if (rx !== ry) return rx - ry;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
