/**
 * End to end: `taosim yuma` with the real mechanism. A few tests spawn the real bin
 * (`node bin/taosim.js`); the table of bad inputs goes through `main` in process (same code path
 * after the bin's two lines) to keep the suite fast.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseJson } from '../../sim/io/parseJson.ts';
import { stringifyJson } from '../../sim/io/stringifyJson.ts';
import { packageInfo } from '../../sim/cli/index.ts';
import { repoRoot, runBin, runInProcess, tempDir } from './helpers.ts';

const example = path.join(repoRoot, 'examples', 'yuma-basic.json');
const exampleInput = () => JSON.parse(readFileSync(example, 'utf8')) as Record<string, any>;

describe('taosim (real bin)', () => {
  it('--help lists the commands; --version prints the version', () => {
    const dir = tempDir();
    const help = runBin(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^ {2}yuma +Run Yuma Consensus epochs/m);
    expect(help.stdout).toMatch(/^ {2}profiles +List the runtime profiles/m);
    const version = runBin(['--version'], dir);
    expect(version).toEqual({ code: 0, stdout: `${packageInfo().version}\n`, stderr: '' });
    const yumaHelp = runBin(['yuma', '--help'], dir);
    expect(yumaHelp.code).toBe(0);
    expect(yumaHelp.stdout).toMatch(/^Usage: taosim yuma <file\.json> \[--out <result\.json>\] \[--check\]$/m);
  });

  it('unknown command and unknown flag: exit 2, one line', () => {
    const dir = tempDir();
    const cmd = runBin(['frobnicate'], dir);
    expect(cmd.code).toBe(2);
    expect(cmd.stderr.trimEnd().split('\n')).toHaveLength(1);
    const flag = runBin(['yuma', example, '--bogus'], dir);
    expect(flag).toEqual({ code: 2, stdout: '', stderr: "taosim yuma: unknown option '--bogus' (see 'taosim yuma --help')\n" });
  });

  describe('a valid input, and --check of a case made from its result', () => {
    let dir: string;
    let result: Record<string, any>;
    beforeAll(() => {
      dir = tempDir();
      const r = runBin(['yuma', example, '--out', 'result.json'], dir);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      result = parseJson(readFileSync(path.join(dir, 'result.json'), 'utf8')) as Record<string, any>;
    });

    it('exit 0; the output has schemaVersion 1 and one result per epoch, n values each', () => {
      expect(result.schemaVersion).toBe(1);
      expect(result.epochs).toHaveLength(exampleInput().epochs.length);
      for (const e of result.epochs) {
        expect(e.consensus).toHaveLength(8);
        expect(e.u16.bonds).toHaveLength(8);
        expect(e.emission).toHaveLength(8);
      }
      // stdout without --out: the same JSON
      const r = runBin(['yuma', example], dir);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(path.join(dir, 'result.json'), 'utf8'));
    });

    it('--check with the correct expected: exit 0 and a one-line OK', () => {
      writeFileSync(path.join(dir, 'case.json'), stringifyJson({ input: exampleInput(), expected: result, meta: { from: 'e2e' } }));
      const r = runBin(['yuma', 'case.json', '--check'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^check OK: case\.json: 3 epochs, 21 u16 fields, \d+ values equal\n$/);
    });

    it('--check with a tampered expected: exit 1, the first difference printed', () => {
      const tampered = structuredClone(result);
      tampered.epochs[1].u16.incentive[5] += 1;
      tampered.epochs[2].u16.bonds[1][4] += 1;
      writeFileSync(path.join(dir, 'tampered.json'), stringifyJson({ input: exampleInput(), expected: tampered }));
      const r = runBin(['yuma', 'tampered.json', '--check'], dir);
      expect(r.code).toBe(1);
      const want = result.epochs[1].u16.incentive[5];
      expect(r.stderr).toBe(
        `taosim yuma: check FAILED: tampered.json: epoch 1, incentive, uid 5: expected ${want + 1}, got ${want} (2 differences in all)\n`,
      );
    });
  });

  it('bad input: exit 2, one line naming the field, no output file', () => {
    const dir = tempDir();
    const bad = exampleInput();
    bad.epochs[0].stake[2] = -300;
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    const r = runBin(['yuma', 'bad.json', '--out', 'out.json'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'taosim yuma: bad.json: input.epochs[0].stake[2]: expected >= 0, got -300\n' });
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });

  it('missing file and non-JSON file: exit 2, one line', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'not.json'), '{"profile": "current",\n  oops }');
    expect(runBin(['yuma', 'missing.json'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'taosim yuma: cannot read missing.json: no such file or directory\n',
    });
    expect(runBin(['yuma', 'not.json', '--out', 'o.json'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'taosim yuma: not.json is not valid JSON: unexpected character "o" (expected a "key") at line 2, column 3\n',
    });
    expect(readdirSync(dir)).toEqual(['not.json']);
  });
});

describe('taosim yuma: each kind of bad input (in process)', () => {
  type Mutate = (input: Record<string, any>) => unknown;
  const cases: Array<[string, Mutate, string]> = [
    [
      'missing field',
      (i) => {
        delete i.mode;
        return i;
      },
      'input.mode: missing (expected "exact" or "fast")',
    ],
    [
      'wrong type',
      (i) => {
        i.hyperparameters.maxAllowedValidators = 'four';
        return i;
      },
      'input.hyperparameters.maxAllowedValidators: expected a number, got "four"',
    ],
    [
      'negative stake',
      (i) => {
        i.epochs[1].stake[0] = -1;
        return i;
      },
      'input.epochs[1].stake[0]: expected >= 0, got -1',
    ],
    [
      'ragged weight matrix',
      (i) => {
        i.epochs[0].weights = [[0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 1, 1, 1], [], [], [], [], [], []];
        return i;
      },
      'input.epochs[0].weights[1]: expected 8 entries (n = 8), got 7',
    ],
    [
      'n mismatch between epochs',
      (i) => {
        i.epochs[2].stake.push(5);
        return i;
      },
      'input.epochs[2].stake: expected 8 entries (n = 8, the length of epochs[0].stake), got 9',
    ],
    [
      'unknown profile',
      (i) => {
        i.profile = 'raonet';
        return i;
      },
      'input.profile: expected "dtao-launch" or "current", got "raonet"',
    ],
    [
      'unknown mode',
      (i) => {
        i.mode = 'precise';
        return i;
      },
      'input.mode: expected "exact" or "fast", got "precise"',
    ],
    [
      'yuma3 true at dtao-launch',
      (i) => {
        i.hyperparameters.yuma3 = true;
        return i;
      },
      'input.hyperparameters.yuma3: Yuma3 does not exist at profile "dtao-launch" (spec 233): remove it, set it false, or use profile "current"',
    ],
    [
      'uid out of range in a sparse row',
      (i) => {
        i.epochs[0].weights[3] = [[8, 1]];
        return i;
      },
      'input.epochs[0].weights[3][0][0]: uid 8 out of range: expected 0..7 (n = 8)',
    ],
    [
      'unknown top-level key',
      (i) => {
        i.seed = 42;
        return i;
      },
      'input.seed: unknown field (allowed: profile, mode, units, hyperparameters, epochs, neurons, initial, raoEmission)',
    ],
  ];

  it.each(cases)('%s: exit 2, one line naming the field, nothing written', async (_name, mutate, line) => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'in.json'), JSON.stringify(mutate(exampleInput())));
    const r = await runInProcess(['yuma', 'in.json', '--out', 'out.json'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: `taosim yuma: in.json: ${line}\n` });
    expect(existsSync(path.join(dir, 'out.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual(['in.json']);
  });

  it('non-JSON file: exit 2, one line', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'in.json'), 'profile: current\n');
    const r = await runInProcess(['yuma', 'in.json', '--out', 'out.json'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'taosim yuma: in.json is not valid JSON: unexpected character "p" at line 1, column 1\n' });
    expect(readdirSync(dir)).toEqual(['in.json']);
  });

  it('missing file: exit 2, one line', async () => {
    const dir = tempDir();
    const r = await runInProcess(['yuma', 'nope.json', '--out', 'out.json'], { cwd: dir });
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'taosim yuma: cannot read nope.json: no such file or directory\n' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--check on a bare input: exit 2', async () => {
    const r = await runInProcess(['yuma', example, '--check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--check needs a case file with "expected"; .*yuma-basic\.json is a bare input\n$/);
  });

  it('chain stake of 2^64 − 1 as a number literal and as a string runs, exactly', async () => {
    const dir = tempDir();
    writeFileSync(
      path.join(dir, 'big.json'),
      '{"profile": "current", "mode": "exact", "units": "chain", "epochs": [{"stake": [18446744073709551615, "18446744073709551615", 1], "weights": [[[2, 65535]], [[2, 65535]], []]}], "raoEmission": "18446744073709551615"}',
    );
    const r = await runInProcess(['yuma', 'big.json'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = parseJson(r.stdout) as Record<string, any>;
    expect(out.schemaVersion).toBe(1);
    for (const v of out.epochs[0].emission) expect(['bigint', 'number']).toContain(typeof v);
  });
});
