import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../errors/config.ts';
import { parseJson } from '../../io/parseJson.ts';
import { parseYumaDocument, parseYumaInput } from './parseYumaInput.ts';

const base = (over: Record<string, unknown> = {}) => ({
  profile: 'dtao-launch',
  mode: 'exact',
  epochs: [{ stake: [1, 2, 3], weights: [[0, 1, 2], [0, 0, 0], [1, 0, 0]] }],
  ...over,
});

/** The `path: message` lines of the ConfigError thrown for a text or value. */
function problems(doc: unknown): string[] {
  try {
    parseYumaDocument(typeof doc === 'string' ? parseJson(doc) : doc, 'x.json');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  throw new Error('no ConfigError');
}

describe('parseYumaDocument: valid inputs', () => {
  it('fills defaults and converts dense rows to sparse, dropping zeros', () => {
    const input = parseYumaInput(base());
    expect(input).toEqual({
      profile: 'dtao-launch',
      mode: 'exact',
      units: 'float',
      hyperparameters: {},
      epochs: [{ stake: [1, 2, 3], weights: [[[1, 1], [2, 2]], [], [[0, 1]]] }],
    });
  });

  it('keeps explicit zeros of sparse rows and sorts them by uid', () => {
    const input = parseYumaInput(base({ epochs: [{ stake: [1, 1, 1], weights: [[[2, 5], [0, 0]], [], [[1, 0]]] }] }));
    expect(input.epochs[0].weights).toEqual([[[0, 0], [2, 5]], [], [[1, 0]]]);
  });

  it('reads chain stake exactly: 2^64 − 1 as a number literal and as a string', () => {
    const text = `{"profile": "current", "mode": "exact", "units": "chain",
      "epochs": [{"stake": [18446744073709551615, "18446744073709551615", 0, "7", 9007199254740993], "weights": [[], [], [], [], []]}],
      "raoEmission": 18446744073709551615}`;
    const input = parseYumaDocument(parseJson(text), 'x.json').input;
    expect(input.epochs[0].stake).toEqual([18446744073709551615n, 18446744073709551615n, 0n, 7n, 9007199254740993n]);
    expect(input.raoEmission).toBe(18446744073709551615n);
  });

  it('reads raoEmission given as a string, and float stake as numbers', () => {
    const input = parseYumaInput(base({ raoEmission: '1000000000', epochs: [{ stake: [0.5, '2', 1e3], weights: [[], [], []] }] }));
    expect(input.raoEmission).toBe(1000000000n);
    expect(input.epochs[0].stake).toEqual([0.5, 2, 1000]);
  });

  it('keeps only the hyperparameters given, and accepts those the profile ignores', () => {
    const input = parseYumaInput(
      base({ hyperparameters: { kappa: 0.5, alphaSigmoidSteepness: 10, liquidAlpha: { enabled: true }, yuma3: false, tempo: 100 } }),
    );
    expect(input.hyperparameters).toEqual({ kappa: 0.5, alphaSigmoidSteepness: 10, liquidAlpha: { enabled: true }, yuma3: false, tempo: 100 });
  });

  it('reads a case: input, expected, meta', () => {
    const doc = parseYumaDocument({ input: base(), expected: { epochs: [{ u16: { consensus: [1, 2, 3], trust: null } }] }, meta: { note: 'x' } }, 'c.json');
    expect(doc.kind).toBe('case');
    expect(doc.expected?.epochs[0].u16?.consensus).toEqual([1, 2, 3]);
    expect(doc.meta).toEqual({ note: 'x' });
    expect(parseYumaDocument(base(), 'i.json').kind).toBe('input');
  });

  it('accepts neurons, initial bonds and increasing blocks', () => {
    const input = parseYumaInput(
      base({
        units: 'chain',
        epochs: [
          { stake: [1, 2, 3], weights: [[], [], []], block: 10 },
          { stake: [1, 2, 3], weights: [[], [], []], block: 20 },
        ],
        neurons: { registeredAt: [0, 0, 5], lastUpdate: [1, 2, 3], validatorPermit: [true, false, true] },
        initial: { bonds: [[0, 65535, 0], [0, 0, 0], [1, 2, 3]], lastMechanismStepBlock: 0 },
      }),
    );
    expect(input.neurons?.validatorPermit).toEqual([true, false, true]);
    expect(input.initial?.bonds?.[0][1]).toBe(65535);
    expect(input.epochs.map((e) => e.block)).toEqual([10, 20]);
  });

  it('parses every shared vector case', () => {
    const dir = process.env.TAOSIM_VECTORS ?? fileURLToPath(new URL('../../../../shared/vectors/yuma', import.meta.url));
    const files = readdirSync(dir).filter((f) => /^y\d+.*\.json$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const doc = parseYumaDocument(parseJson(readFileSync(path.join(dir, f), 'utf8')), f);
      expect(doc.kind).toBe('case');
      expect(doc.input.units).toBe('chain');
      expect(typeof doc.input.epochs[0].stake[0]).toBe('bigint');
      expect(doc.expected?.epochs.length).toBe(doc.input.epochs.length);
    }
  });
});

describe('parseYumaDocument: invalid inputs name every bad field', () => {
  it.each<[string, unknown, string[]]>([
    ['missing field', { profile: 'current', epochs: [{ stake: [1], weights: [[]] }] }, ['input.mode: missing (expected "exact" or "fast")']],
    ['wrong type', base({ hyperparameters: { kappa: 'high' } }), ['input.hyperparameters.kappa: expected a number, got "high"']],
    ['negative stake', base({ epochs: [{ stake: [1, -2, 3], weights: [[], [], []] }] }), ['input.epochs[0].stake[1]: expected >= 0, got -2']],
    [
      'ragged dense matrix',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[0, 1, 2], [0, 1], [0, 0, 0]] }] }),
      ['input.epochs[0].weights[1]: expected 3 entries (n = 3), got 2'],
    ],
    [
      'n mismatch between epochs',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[], [], []] }, { stake: [1, 2], weights: [[], [], []] }] }),
      ['input.epochs[1].stake: expected 3 entries (n = 3, the length of epochs[0].stake), got 2'],
    ],
    ['wrong number of rows', base({ epochs: [{ stake: [1, 2, 3], weights: [[], []] }] }), ['input.epochs[0].weights: expected 3 rows (n = 3), got 2']],
    ['unknown profile', base({ profile: 'raonet' }), ['input.profile: expected "dtao-launch" or "current", got "raonet"']],
    ['unknown mode', base({ mode: 'approximate' }), ['input.mode: expected "exact" or "fast", got "approximate"']],
    ['unknown units', base({ units: 'tao' }), ['input.units: expected "float" or "chain", got "tao"']],
    [
      'yuma3 at dtao-launch',
      base({ hyperparameters: { yuma3: true } }),
      ['input.hyperparameters.yuma3: Yuma3 does not exist at profile "dtao-launch" (spec 233): remove it, set it false, or use profile "current"'],
    ],
    [
      'uid out of range in a sparse row',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[[0, 1], [3, 1]], [], []] }] }),
      ['input.epochs[0].weights[0][1][0]: uid 3 out of range: expected 0..2 (n = 3)'],
    ],
    [
      'duplicate uid in a sparse row',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[], [[2, 1], [2, 3]], []] }] }),
      ['input.epochs[0].weights[1][1][0]: duplicate uid 2 in row 1 (also at epochs[0].weights[1][0])'],
    ],
    [
      'dense and sparse rows mixed in a matrix',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[0, 1, 0], [[0, 1]], []] }] }),
      [
        'input.epochs[0].weights[1]: is sparse but epochs[0].weights[0] is dense: all rows of a matrix are dense (n numbers) or all sparse ([uid, weight] pairs)',
      ],
    ],
    [
      'dense and sparse entries mixed in a row',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[0, [1, 1], 0], [], []] }] }),
      ['input.epochs[0].weights[0]: mixes numbers (dense) and [uid, weight] pairs (sparse): a row is one or the other'],
    ],
    [
      'a sparse entry that is not a pair',
      base({ epochs: [{ stake: [1, 2, 3], weights: [[[0, 1, 2]], [], []] }] }),
      ['input.epochs[0].weights[0][0]: expected at most 2 entries, got 3'],
    ],
    [
      'chain weights beyond u16 and fractional',
      base({
        units: 'chain',
        epochs: [
          { stake: [1, 2, 3], weights: [[0, 65536, 1.5], [], []] },
          { stake: [1, 2, 3], weights: [[], [], [[1, 70000]]] },
        ],
      }),
      [
        'input.epochs[0].weights[0][1]: expected an integer 0..65535 in chain units, got 65536',
        'input.epochs[0].weights[0][2]: expected an integer 0..65535 in chain units, got 1.5',
        'input.epochs[1].weights[2][0][1]: expected an integer 0..65535 in chain units, got 70000',
      ],
    ],
    [
      'chain stake beyond u64, fractional, or a non-number string',
      parseJson(
        '{"profile":"current","mode":"exact","units":"chain","epochs":[{"stake":[18446744073709551616,"1.5",2.5,"x"],"weights":[[],[],[],[]]}]}',
      ),
      [
        'input.epochs[0].stake[0]: expected an integer number of rao < 2^64 (u64), got 18446744073709551616',
        'input.epochs[0].stake[1]: expected an integer number of rao (no fraction or exponent in a string), got "1.5"',
        'input.epochs[0].stake[2]: expected an integer number of rao (no fraction or exponent), got 2.5',
        'input.epochs[0].stake[3]: expected a non-negative decimal number string like "1000000000", got "x"',
      ],
    ],
    [
      'float proportions out of [0, 1]',
      base({ hyperparameters: { kappa: 32767, bondsMovingAverage: 1.5, liquidAlpha: { alphaHigh: -0.1 } } }),
      [
        'input.hyperparameters.kappa: expected a proportion in [0, 1] in float units, got 32767 (a chain value? set "units": "chain")',
        'input.hyperparameters.bondsMovingAverage: expected a proportion in [0, 1] in float units, got 1.5',
        'input.hyperparameters.liquidAlpha.alphaHigh: expected a proportion in [0, 1] in float units, got -0.1',
      ],
    ],
    [
      'chain hyperparameters out of range',
      base({ units: 'chain', hyperparameters: { kappa: 0.5, bondsMovingAverage: 1000001, alphaSigmoidSteepness: 40000, tempo: 0, maxAllowedValidators: 1.5 } }),
      [
        'input.hyperparameters.kappa: expected an integer 0..65535 (65535 = 1.0) in chain units, got 0.5',
        'input.hyperparameters.bondsMovingAverage: expected an integer 0..1000000 (u64 per 1e6) in chain units, got 1000001',
        'input.hyperparameters.alphaSigmoidSteepness: expected an i16 integer -32768..32767 in chain units, got 40000',
        'input.hyperparameters.maxAllowedValidators: expected an integer, got 1.5',
        'input.hyperparameters.tempo: expected >= 1, got 0',
      ],
    ],
    [
      'blocks not increasing',
      base({
        epochs: [
          { stake: [1, 1, 1], weights: [[], [], []], block: 100 },
          { stake: [1, 1, 1], weights: [[], [], []], block: 100 },
        ],
      }),
      ["input.epochs[1].block: expected a block > 100 (epoch 0's), got 100"],
    ],
    [
      'a default block not after the given one',
      base({
        hyperparameters: { tempo: 10 },
        epochs: [
          { stake: [1, 1, 1], weights: [[], [], []], block: 1000 },
          { stake: [1, 1, 1], weights: [[], [], []] },
        ],
      }),
      ["input.epochs[1]: expected a block > 1000 (epoch 0's), got 20 (the default (k + 1) · tempo = 20: give every epoch a block, or none)"],
    ],
    [
      'neurons and initial bonds of the wrong size',
      base({ neurons: { lastUpdate: [1, 2], validatorPermit: [true, 'yes', false] }, initial: { bonds: [[0, 0, 0], [0, 0], [0, 0, 70000]] } }),
      [
        'input.neurons.lastUpdate: expected 3 entries (n = 3), got 2',
        'input.neurons.validatorPermit[1]: expected true or false, got "yes"',
        'input.initial.bonds[1]: expected 3 entries (n = 3), got 2',
        'input.initial.bonds[2][2]: expected <= 65535, got 70000',
      ],
    ],
    [
      'unknown fields, with a hint',
      base({ hyperparameters: { kapa: 0.5 }, extra: 1 }),
      ['input.hyperparameters.kapa: unknown field (did you mean "kappa"?)', 'input.extra: unknown field (allowed: profile, mode, units, hyperparameters, epochs, neurons, initial, raoEmission)'],
    ],
    ['no epochs', base({ epochs: [] }), ['input.epochs: expected at least 1 entry, got 0']],
    ['not an object', [1, 2], ['input: expected an object, got an array of 2']],
    [
      'a float stake string beyond any double',
      base({ epochs: [{ stake: ['1e999', 1, 1], weights: [[], [], []] }] }),
      ['input.epochs[0].stake[0]: expected a finite number of TAO, got "1e999"'],
    ],
    ['raoEmission not an integer', base({ raoEmission: 1.5 }), ['input.raoEmission: expected an integer number of rao (no fraction or exponent), got 1.5']],
  ])('%s', (_name, doc, expected) => {
    expect(problems(doc)).toEqual(expected);
  });

  it('reports every problem at once, in document order', () => {
    const lines = problems(
      base({
        profile: 'raonet',
        hyperparameters: { kappa: 2 },
        epochs: [
          { stake: [1, -1, 3], weights: [[0, 1], [], []] },
          { stake: [1, 2], weights: [[], [], []] },
        ],
      }),
    );
    expect(lines).toEqual([
      'input.profile: expected "dtao-launch" or "current", got "raonet"',
      'input.hyperparameters.kappa: expected a proportion in [0, 1] in float units, got 2 (a chain value? set "units": "chain")',
      'input.epochs[0].stake[1]: expected >= 0, got -1',
      'input.epochs[0].weights[0]: expected 3 entries (n = 3), got 2',
      'input.epochs[1].stake: expected 3 entries (n = 3, the length of epochs[0].stake), got 2',
    ]);
  });

  it('in a case, names the paths of the case (input.…, expected.…) and allows only input, expected, meta', () => {
    expect(problems({ input: base({ mode: 'slow' }), expected: { epochs: [{ u16: { incentive: [1, 70000] } }] }, notes: 1 })).toEqual([
      'input.mode: expected "exact" or "fast", got "slow"',
      'expected.epochs[0].u16.incentive[1]: expected <= 65535, got 70000',
      'notes: unknown field (allowed: input, expected, meta)',
    ]);
  });

  it('the ConfigError names the source and the docs', () => {
    try {
      parseYumaDocument(base({ mode: 'x' }), 'my.json');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.source).toBe('my.json');
      expect(e.shortMessage).toBe('invalid my.json: 1 problem');
      expect(e.docsPath).toBe('docs/cli/yuma.md');
    }
  });
});
