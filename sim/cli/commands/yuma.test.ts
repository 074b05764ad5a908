/**
 * The `yuma` command alone, with a fake `runYuma` injected (the end-to-end and vector tests in
 * test/cli/ use the real one).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../../../test/cli/helpers.ts';
import type { YumaInput, YumaOutput } from '../../mechanism/yuma/types.ts';
import { commandHelp } from '../command.ts';
import { createYumaCommand } from './yuma.ts';

/** A deterministic stand-in: u16 consensus = uid, emission beyond 2^53. */
function fakeRunYuma(input: YumaInput): YumaOutput {
  const n = input.epochs[0].stake.length;
  const v = Array.from({ length: n }, (_, i) => i / n);
  const u = Array.from({ length: n }, (_, i) => i);
  const m = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  return {
    schemaVersion: 1,
    epochs: input.epochs.map(() => ({
      rank: v,
      trust: v,
      consensus: v,
      incentive: v,
      dividends: v,
      validatorTrust: v,
      validatorPermit: u.map(() => true),
      bonds: m,
      emission: input.raoEmission === undefined ? null : u.map((i) => 9007199254740993n + BigInt(i)),
      ...(input.mode === 'exact' ? { u16: { consensus: u, incentive: u, dividends: u, trust: u, validatorTrust: u, rank: u, bonds: m } } : {}),
    })),
  };
}

const registry = [createYumaCommand(async () => fakeRunYuma)];
const run = (argv: string[], cwd: string) => runInProcess(['yuma', ...argv], { cwd, registry });

const input = { profile: 'current', mode: 'exact', units: 'chain', epochs: [{ stake: [1, 2, 3], weights: [[], [], []] }], raoEmission: '5' };
const u16 = { consensus: [0, 1, 2], incentive: [0, 1, 2], dividends: [0, 1, 2], trust: null, validatorTrust: [0, 1, 2], rank: [0, 1, 2], bonds: [[0, 0, 0], [0, 0, 0], [0, 0, 0]] };

function files(content: Record<string, unknown>): string {
  const dir = tempDir();
  for (const [name, value] of Object.entries(content)) writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
  return dir;
}

describe('taosim yuma (fake runYuma)', () => {
  it('writes the result to stdout, bigints as exact integer literals', async () => {
    const dir = files({ 'in.json': input });
    const r = await run(['in.json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('"emission": [9007199254740993, 9007199254740994, 9007199254740995]');
    expect(JSON.parse(r.stdout)).toMatchObject({ schemaVersion: 1, epochs: [{ u16: { consensus: [0, 1, 2] } }] });
  });

  it('--out writes the file (and nothing to stdout), replacing an old one', async () => {
    const dir = files({ 'in.json': input, 'out.json': 'old' });
    const r = await run(['in.json', '--out', 'out.json'], dir);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'out.json'), 'utf8')).toMatch(/^\{\n {2}"schemaVersion": 1,/);
    expect(readdirSync(dir).sort()).toEqual(['in.json', 'out.json']);
  });

  it('--check: OK line on stdout and exit 0, and --out still written', async () => {
    const dir = files({ 'case.json': { input, expected: { epochs: [{ u16 }] }, meta: { why: 'test' } } });
    const r = await run(['case.json', '--check', '-o', 'res.json'], dir);
    expect(r).toEqual({ code: 0, stdout: 'check OK: case.json: 1 epoch, 6 u16 fields, 24 values equal\n', stderr: '' });
    expect(existsSync(path.join(dir, 'res.json'))).toBe(true);
  });

  it('--check: the first difference on stderr and exit 1 (the result still goes to --out)', async () => {
    const tampered = { ...u16, incentive: [0, 1, 7], bonds: [[0, 0, 0], [0, 0, 3], [0, 0, 0]] };
    const dir = files({ 'case.json': { input, expected: { epochs: [{ u16: tampered }] } } });
    const r = await run(['case.json', '--check', '--out', 'res.json'], dir);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: 'taosim yuma: check FAILED: case.json: epoch 0, incentive, uid 2: expected 7, got 2 (2 differences in all)\n',
    });
    expect(existsSync(path.join(dir, 'res.json'))).toBe(true);
  });

  it.each([
    ['a bare input', input, '--check needs a case file with "expected"; f.json is a bare input'],
    ['a case without expected', { input }, '--check needs "expected" in the case; f.json has none'],
    ['a fast-mode case', { input: { ...input, mode: 'fast' }, expected: { epochs: [] } }, '--check compares u16 values, which only mode "exact" outputs; f.json has mode "fast"'],
  ])('--check on %s: exit 2 and nothing written', async (_name, doc, message) => {
    const dir = files({ 'f.json': doc });
    const r = await run(['f.json', '--check', '--out', 'res.json'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `taosim yuma: ${message}\n` });
    expect(readdirSync(dir)).toEqual(['f.json']);
  });

  it('an output that breaks the contract is an internal error (exit 3), nothing written', async () => {
    const broken = createYumaCommand(async () => (i: YumaInput) => {
      const out = fakeRunYuma(i);
      out.epochs[0].consensus = [0, NaN, 0];
      return out;
    });
    const dir = files({ 'in.json': input });
    const r = await runInProcess(['yuma', 'in.json', '--out', 'o.json'], { cwd: dir, registry: [broken] });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('taosim yuma: mechanism invariant broken: runYuma output matches the contract\n  output.epochs[0].consensus[1]: expected a number, got NaN\n');
    expect(readdirSync(dir)).toEqual(['in.json']);
  });

  it('cannot write --out: exit 2, one line', async () => {
    const dir = files({ 'in.json': input });
    const r = await run(['in.json', '--out', 'no/such/dir/o.json'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'taosim yuma: cannot write no/such/dir/o.json: no such file or directory\n' });
  });

  it('invalid input: one line per bad field, exit 2, runYuma not called', async () => {
    let called = false;
    const spy = createYumaCommand(async () => (i: YumaInput) => {
      called = true;
      return fakeRunYuma(i);
    });
    const dir = files({ 'in.json': { ...input, mode: 'slow', epochs: [{ stake: [1, -1], weights: [[], [0]] }] } });
    const r = await runInProcess(['yuma', 'in.json', '--out', 'o.json'], { cwd: dir, registry: [spy] });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      'taosim yuma: in.json: input.mode: expected "exact" or "fast", got "slow"',
      'taosim yuma: in.json: input.epochs[0].stake[1]: expected >= 0, got -1',
      'taosim yuma: in.json: input.epochs[0].weights[1]: expected 2 entries (n = 2), got 1',
    ]);
    expect(called).toBe(false);
    expect(readdirSync(dir)).toEqual(['in.json']);
  });

  it('help is derived from the options schema', () => {
    expect(commandHelp(registry[0])).toMatchInlineSnapshot(`
      "Usage: taosim yuma <file.json> [--out <result.json>] [--check]

      Run Yuma Consensus epochs on a JSON input (the yuma contract), or --check a case.

      The file is a bare input, or a case { "input": ..., "expected": ..., "meta": ... }.
      Without --out the result (JSON, "schemaVersion": 1) goes to stdout. With --check, stdout gets
      a one-line verdict instead, and --out (if given) still gets the result.
      Invalid input: exit 2, one line per bad field on stderr, nothing written.

      Arguments:
        <file.json>  Contract input or case file

      Options:
        -o, --out <result.json>  Write the result to this file (atomically) instead of stdout
            --check              Compare the result's u16 fields with the case's expected; exit 1 on the first difference
            --debug              Show the stack trace of an error
        -h, --help               Show this help

      Examples:
        taosim yuma examples/yuma-basic.json
        taosim yuma examples/yuma-basic.json --out reports/yuma-basic.result.json
        taosim yuma ../shared/vectors/yuma/y000-cur-n5-e3.json --check

      Exit codes: 0 ok, 1 negative verdict (e.g. a --check difference), 2 bad usage or input (nothing written), 3 internal error.
      Docs: docs/cli/yuma.md
      "
    `);
  });
});
