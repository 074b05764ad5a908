/**
 * What a `taosim` command is: one file under `commands/` exporting a {@link Command} made with
 * {@link defineCommand}. Its flags are a zod object (a `description` on each field); the
 * `util.parseArgs` configuration, the validation of the values and the `--help` text are all
 * derived from that schema (see {@link flagsOf}, {@link commandHelp}).
 *
 * @example
 * import { z } from 'zod';
 * import { defineCommand } from '../command.ts';
 * export const hello = defineCommand({
 *   name: 'hello',
 *   description: 'Print a greeting',
 *   positionals: [{ name: 'name', description: 'who to greet', required: true }],
 *   options: z.object({ loud: z.boolean().default(false).describe('Shout') }).strict(),
 *   async run({ positionals: [name], options, io }) {
 *     io.stdout.write(`${options.loud ? 'HELLO' : 'hello'} ${name}\n`);
 *     return 0;
 *   },
 * });
 */
import { z } from 'zod';

/** Where a command writes, and what it resolves relative paths against (injectable for tests). */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  /** directory that relative paths are resolved against */
  cwd: string;
}

export interface CommandContext<O> {
  /** positional arguments, in order */
  positionals: string[];
  /** flags, parsed and validated by the command's schema */
  options: O;
  io: CliIo;
  /** `--debug` was given */
  debug: boolean;
}

export interface PositionalSpec {
  /** as shown in usage: `file.json` → `<file.json>` */
  name: string;
  description: string;
  required?: boolean;
}

/** Extra per-flag data, given with `.meta({...})` on a field of the options schema. */
export interface FlagMeta {
  /** one-letter alias, e.g. `o` for `-o` */
  short?: string;
  /** what the value looks like in usage: `--out <placeholder>` (default: the field name) */
  placeholder?: string;
}

export interface Command<S extends z.ZodObject = z.ZodObject> {
  /** what is typed after `taosim` */
  name: string;
  /** one line, shown in `taosim --help` */
  description: string;
  /** more lines for `taosim <name> --help` */
  details?: string[];
  positionals: PositionalSpec[];
  /** the flags: a strict zod object; booleans are switches, strings take a value, arrays of strings repeat */
  options: S;
  /** lines shown under "Examples:" in help */
  examples?: string[];
  /** a page under docs/ */
  docsPath?: string;
  /** Do the work; return the exit code. Throw a `TaosimError` for errors the user should see. */
  run(ctx: CommandContext<z.output<S>>): Promise<number>;
}

/** Identity with inference: the `run` context is typed from the options schema. */
export function defineCommand<S extends z.ZodObject>(command: Command<S>): Command<S> {
  return command;
}

/** One flag as `util.parseArgs` sees it, derived from one field of the options schema. */
export interface FlagSpec {
  /** field of the options object (camelCase) */
  key: string;
  /** `--kebab-case` name without the dashes */
  flag: string;
  type: 'boolean' | 'string';
  multiple: boolean;
  short?: string;
  placeholder: string;
  description: string;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The flags of an options schema, in field order. */
export function flagsOf(schema: z.ZodObject): FlagSpec[] {
  return Object.entries(schema.shape).map(([key, field]) => {
    let s = field as z.ZodType;
    let meta: FlagMeta & { description?: string } = { ...(z.globalRegistry.get(s) as object | undefined) };
    for (;;) {
      const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
      const next = WRAPPERS.has(def.type) ? (def.innerType as z.ZodType) : def.type === 'pipe' ? (def.out as z.ZodType) : undefined;
      if (!next) break;
      s = next;
      meta = { ...(z.globalRegistry.get(s) as object | undefined), ...meta };
    }
    const type = s._zod.def.type;
    const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return {
      key,
      flag,
      type: type === 'boolean' ? 'boolean' : 'string',
      multiple: type === 'array',
      ...(meta.short ? { short: meta.short } : {}),
      placeholder: meta.placeholder ?? flag,
      description: meta.description ?? '',
    } satisfies FlagSpec;
  });
}

/** `taosim yuma <file.json> [--out <result.json>] [--check]` */
export function commandUsage(command: Command): string {
  const parts = [`taosim ${command.name}`];
  for (const p of command.positionals) parts.push(p.required ? `<${p.name}>` : `[<${p.name}>]`);
  for (const f of flagsOf(command.options)) {
    const v = f.type === 'string' ? ` <${f.placeholder}>` : '';
    parts.push(`[--${f.flag}${v}]${f.multiple ? '...' : ''}`);
  }
  return parts.join(' ');
}

/** The text of `taosim <name> --help`. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: ${commandUsage(command)}`, '', command.description + '.'];
  if (command.details?.length) lines.push('', ...command.details);
  const table = (rows: Array<[string, string]>) => {
    const w = Math.max(...rows.map(([a]) => a.length));
    return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`.trimEnd());
  };
  if (command.positionals.length) {
    lines.push('', 'Arguments:', ...table(command.positionals.map((p) => [`<${p.name}>`, p.description])));
  }
  const flags: Array<[string, string]> = flagsOf(command.options).map((f) => [
    `${f.short ? `-${f.short}, ` : '    '}--${f.flag}${f.type === 'string' ? ` <${f.placeholder}>` : ''}`,
    f.description + (f.multiple ? ' (repeatable)' : ''),
  ]);
  flags.push(['    --debug', 'Show the stack trace of an error'], ['-h, --help', 'Show this help']);
  lines.push('', 'Options:', ...table(flags));
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  lines.push(
    '',
    'Exit codes: 0 ok, 1 negative verdict (e.g. a --check difference), 2 bad usage or input (nothing written), 3 internal error.',
  );
  if (command.docsPath) lines.push(`Docs: ${command.docsPath}`);
  return lines.join('\n') + '\n';
}
