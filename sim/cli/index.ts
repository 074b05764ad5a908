/**
 * `taosim`: dispatches to the command named by the first argument, with the single catch of the
 * CLI. Errors become one line per problem on stderr (`taosim <cmd>: …`) and an exit code; a stack
 * trace is shown only with `--debug`.
 *
 * @example
 * import { main } from './sim/cli/index.ts';
 * const out: string[] = [];
 * const code = await main(['yuma', 'case.json', '--check'], { stdout: { write: (s) => out.push(s) } });
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, formatConfigIssue } from '../errors/config.ts';
import { CliError, ExitCode } from '../errors/cli.ts';
import { TaosimError } from '../errors/base.ts';
import { closest, issuesFromZod } from '../config/issues.ts';
import { type CliIo, type Command, commandHelp, flagsOf } from './command.ts';
import { commands } from './commands/index.ts';

export type { CliIo } from './command.ts';

/** The package's name, version and description (from package.json). */
export function packageInfo(): { name: string; version: string; description: string } {
  return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
}

/** The text of `taosim --help`. */
export function rootHelp(list: ReadonlyArray<Command> = commands): string {
  const pkg = packageInfo();
  const w = Math.max(...list.map((c) => c.name.length));
  return [
    `taosim ${pkg.version}: ${pkg.description}`,
    '',
    'Usage: taosim <command> [arguments] [options]',
    '',
    'Commands:',
    ...list.map((c) => `  ${c.name.padEnd(w)}  ${c.description}`),
    '',
    'Options:',
    '  -h, --help     Show this help (or a command\'s: taosim <command> --help)',
    '  -v, --version  Print the version',
    '      --debug    Show the stack trace of an error',
    '',
    'Runtime profiles: raonet (spec 218), dtao-launch (spec 233), spec<N> per later era,',
    'with aliases taoflow (334), netflow (411), current (425). See README.md.',
    '',
  ].join('\n');
}

/**
 * Run the CLI.
 * @param argv the arguments after `taosim` (process.argv.slice(2))
 * @param io where to write (default: the process's stdout and stderr, and its cwd)
 * @param registry the commands (default: `commands/index.ts`; tests pass their own)
 * @returns the exit code: 0 ok, 1 negative verdict, 2 bad usage or input, 3 internal error
 */
export async function main(argv: string[], io: Partial<CliIo> = {}, registry: ReadonlyArray<Command> = commands): Promise<number> {
  const cio: CliIo = { stdout: io.stdout ?? process.stdout, stderr: io.stderr ?? process.stderr, cwd: io.cwd ?? process.cwd() };
  const debug = argv.includes('--debug');
  const cmdAt = argv.findIndex((a) => !a.startsWith('-'));
  const globals = cmdAt === -1 ? argv : argv.slice(0, cmdAt);
  let prefix = 'taosim';
  try {
    const g = parseFlags(globals, { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' }, debug: { type: 'boolean' } }, 'taosim');
    if (g.help && cmdAt !== -1) {
      // `taosim --help yuma` = `taosim yuma --help`
      const named = registry.find((c) => c.name === argv[cmdAt]);
      cio.stdout.write(named ? commandHelp(named) : rootHelp(registry));
      return ExitCode.ok;
    }
    if (cmdAt === -1 || g.version) {
      if (g.version) {
        cio.stdout.write(`${packageInfo().version}\n`);
        return ExitCode.ok;
      }
      if (g.help) {
        cio.stdout.write(rootHelp(registry));
        return ExitCode.ok;
      }
      cio.stderr.write(rootHelp(registry));
      return ExitCode.usage;
    }
    const name = argv[cmdAt];
    const command = registry.find((c) => c.name === name);
    if (!command) {
      const near = closest(name, registry.map((c) => c.name));
      throw new CliError(
        `unknown command '${name}'${near ? ` (did you mean '${near}'?)` : ''}; commands: ${registry.map((c) => c.name).join(', ')} (see 'taosim --help')`,
      );
    }
    prefix = `taosim ${command.name}`;
    return await runCommand(command, argv.slice(cmdAt + 1), cio, debug || !!g.debug);
  } catch (err) {
    return report(err, prefix, cio, debug);
  }
}

async function runCommand(command: Command, args: string[], io: CliIo, debug: boolean): Promise<number> {
  const flags = flagsOf(command.options);
  const config: ParseArgsOptions = { help: { type: 'boolean', short: 'h' }, debug: { type: 'boolean' } };
  for (const f of flags) config[f.flag] = { type: f.type, multiple: f.multiple, ...(f.short ? { short: f.short } : {}) };
  const parsed = parseFlags(args, config, `taosim ${command.name}`, true);
  if (parsed.help) {
    io.stdout.write(commandHelp(command));
    return ExitCode.ok;
  }
  const positionals = parsed._positionals;
  const max = command.positionals.length;
  if (positionals.length > max) {
    throw new CliError(`unexpected argument '${positionals[max]}' (see 'taosim ${command.name} --help')`);
  }
  const missing = command.positionals.slice(positionals.length).find((p) => p.required);
  if (missing) throw new CliError(`missing <${missing.name}> (usage: see 'taosim ${command.name} --help')`);
  const values: Record<string, unknown> = {};
  for (const f of flags) if (parsed[f.flag] !== undefined) values[f.key] = parsed[f.flag];
  const options = command.options.safeParse(values, { reportInput: true });
  if (!options.success) {
    const issues = issuesFromZod(options.error, '').map((i) => ({
      path: `--${flags.find((f) => f.key === i.path.split(/[.[]/)[0])?.flag ?? i.path}`,
      message: i.message,
    }));
    throw new ConfigError('options', issues);
  }
  return command.run({ positionals, options: options.data, io, debug: debug || !!parsed.debug });
}

type ParseArgsOptions = Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }>;
type Parsed = Record<string, unknown> & { _positionals: string[] };

/** `util.parseArgs` in strict mode, its errors turned into one-line {@link CliError}s. */
function parseFlags(args: string[], options: ParseArgsOptions, who: string, allowPositionals = false): Parsed {
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals });
    return { ...values, _positionals: positionals };
  } catch (err) {
    const e = err as Error & { code?: string };
    const quoted = /'([^']*)'/.exec(e.message)?.[1];
    const help = `see '${who} --help'`;
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new CliError(`unknown option '${quoted ?? e.message}' (${help})`, { cause: err });
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new CliError(`${e.message.split('. ')[0].replace(/^Option/, 'option').replace(/\.$/, '')} (${help})`, { cause: err });
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new CliError(`unexpected argument '${quoted ?? ''}' (${help})`, { cause: err });
      default:
        throw err;
    }
  }
}

/** The single catch: print and choose the exit code. */
function report(err: unknown, prefix: string, io: CliIo, debug: boolean): number {
  const lines: string[] = [];
  let code: number = ExitCode.internal;
  if (err instanceof ConfigError) {
    for (const issue of err.issues) lines.push(`${prefix}: ${err.source}: ${formatConfigIssue(issue)}`);
    code = ExitCode.usage;
  } else if (err instanceof TaosimError) {
    lines.push(`${prefix}: ${err.shortMessage}`, ...err.metaMessages.map((m) => `  ${m}`));
    code = err instanceof CliError ? err.exitCode : ExitCode.internal;
    if (code === ExitCode.internal && !debug) lines.push(`(an internal error: run again with --debug for the stack trace)`);
  } else {
    const msg = err instanceof Error ? err.message : String(err);
    lines.push(`${prefix}: internal error: ${msg.split('\n')[0]}`);
    if (!debug) lines.push('(run again with --debug for the stack trace)');
  }
  if (debug && err instanceof Error) lines.push(String(err.stack ?? err), ...causes(err));
  io.stderr.write(lines.join('\n') + '\n');
  return code;
}

function causes(err: Error): string[] {
  const out: string[] = [];
  let c: unknown = err.cause;
  while (c instanceof Error && out.length < 10) {
    out.push(`Caused by: ${c.stack ?? c.message}`);
    c = c.cause;
  }
  return out;
}
