/**
 * `taosim yuma <file.json> [--out result.json] [--check]`: run Yuma epochs on a contract input
 * (or a case `{ input, expected?, meta? }`) and write the result, or check it against the case's
 * expected u16 values. The contract is in docs/cli/yuma.md; other tools depend on it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { CliError, ExitCode } from '../../errors/cli.ts';
import { JsonSyntaxError } from '../../errors/config.ts';
import { parseJson } from '../../io/parseJson.ts';
import { stringifyJson } from '../../io/stringifyJson.ts';
import { writeFileAtomic } from '../../io/writeFileAtomic.ts';
import type { YumaInput, YumaOutput } from '../../mechanism/yuma/types.ts';
import { defineCommand } from '../command.ts';
import { checkOutputInvariants } from '../yuma/checkOutputInvariants.ts';
import { compareYumaU16, describeDifference } from '../yuma/checkYumaOutput.ts';
import { parseYumaDocument } from '../yuma/parseYumaInput.ts';

export const yumaOptions = z
  .object({
    out: z
      .string()
      .min(1)
      .describe('Write the result to this file (atomically) instead of stdout')
      .meta({ placeholder: 'result.json', short: 'o' })
      .optional(),
    check: z
      .boolean()
      .default(false)
      .describe("Compare the result's u16 fields with the case's expected; exit 1 on the first difference"),
  })
  .strict();

/** How the command gets the mechanism's `runYuma` (injectable, for tests of the command alone). */
export type LoadRunYuma = () => Promise<(input: YumaInput) => YumaOutput>;

const loadRealRunYuma: LoadRunYuma = async () => (await import('../../mechanism/yuma/index.ts')).runYuma;

/**
 * The `yuma` command, with the mechanism loaded by `loadRunYuma` (default: the real `runYuma` of
 * `sim/mechanism/yuma/index.ts`, imported when the command runs).
 */
export function createYumaCommand(loadRunYuma: LoadRunYuma = loadRealRunYuma) {
  return defineCommand({
    name: 'yuma',
    description: 'Run Yuma Consensus epochs on a JSON input (the yuma contract), or --check a case',
    details: [
      'The file is a bare input, or a case { "input": ..., "expected": ..., "meta": ... }.',
      'Without --out the result (JSON, "schemaVersion": 1) goes to stdout. With --check, stdout gets',
      'a one-line verdict instead, and --out (if given) still gets the result.',
      'Invalid input: exit 2, one line per bad field on stderr, nothing written.',
    ],
    positionals: [{ name: 'file.json', description: 'Contract input or case file', required: true }],
    options: yumaOptions,
    examples: [
      'taosim yuma examples/yuma-basic.json',
      'taosim yuma examples/yuma-basic.json --out reports/yuma-basic.result.json',
      'taosim yuma ../shared/vectors/yuma/y000-cur-n5-e3.json --check',
    ],
    docsPath: 'docs/cli/yuma.md',
    async run({ positionals: [file], options, io }) {
      const text = await readInputFile(file, io.cwd);
      let doc: unknown;
      try {
        doc = parseJson(text);
      } catch (err) {
        if (err instanceof JsonSyntaxError) throw new CliError(`${file} is not valid JSON: ${err.shortMessage}`, { cause: err });
        throw err;
      }
      const parsed = parseYumaDocument(doc, file);
      if (options.check) {
        if (parsed.kind === 'input') throw new CliError(`--check needs a case file with "expected"; ${file} is a bare input`);
        if (!parsed.expected) throw new CliError(`--check needs "expected" in the case; ${file} has none`);
        if (parsed.input.mode !== 'exact') {
          throw new CliError(`--check compares u16 values, which only mode "exact" outputs; ${file} has mode "${parsed.input.mode}"`);
        }
      }
      const output = await runYumaContract(parsed.input, loadRunYuma);
      const json = stringifyJson(output) + '\n';
      if (options.out !== undefined) {
        const target = path.resolve(io.cwd, options.out);
        try {
          await writeFileAtomic(target, json);
        } catch (err) {
          throw new CliError(`cannot write ${options.out}: ${osMessage(err)}`, { cause: err });
        }
      } else if (!options.check) io.stdout.write(json);

      if (!options.check) return ExitCode.ok;
      const result = compareYumaU16(parsed.expected!, output);
      if (result.ok) {
        const epochs = `${result.epochs} epoch${result.epochs === 1 ? '' : 's'}`;
        io.stdout.write(`check OK: ${file}: ${epochs}, ${result.fields} u16 fields, ${result.values} values equal\n`);
        return ExitCode.ok;
      }
      const more = result.differences > 1 ? ` (${result.differences} differences in all)` : '';
      io.stderr.write(`taosim yuma: check FAILED: ${file}: ${describeDifference(result.first)}${more}\n`);
      return ExitCode.failure;
    },
  });
}

export const yuma = createYumaCommand();

/** `runYuma` of the mechanism, with the output checked against the contract. */
async function runYumaContract(input: YumaInput, loadRunYuma: LoadRunYuma): Promise<YumaOutput> {
  const runYuma = await loadRunYuma();
  const output = runYuma(input);
  checkOutputInvariants(input, output);
  return output;
}

async function readInputFile(file: string, cwd: string): Promise<string> {
  try {
    return await readFile(path.resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${osMessage(err)}`, { cause: err });
  }
}

function osMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
