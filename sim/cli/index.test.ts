import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runInProcess } from '../../test/cli/helpers.ts';
import { commandHelp, defineCommand, flagsOf } from './command.ts';
import { commands } from './commands/index.ts';
import { packageInfo } from './index.ts';

const hello = defineCommand({
  name: 'hello',
  description: 'Print a greeting',
  positionals: [{ name: 'name', description: 'who to greet', required: true }],
  options: z
    .object({
      loud: z.boolean().default(false).describe('Shout'),
      times: z.coerce.number().int().min(1).default(1).describe('How many times').meta({ placeholder: 'n' }),
      profile: z.array(z.string()).default([]).describe('A profile').meta({ short: 'p', placeholder: 'P' }),
    })
    .strict(),
  async run({ positionals: [name], options, io }) {
    const line = `${options.loud ? 'HELLO' : 'hello'} ${name}${options.profile.length ? ` [${options.profile.join(',')}]` : ''}\n`;
    io.stdout.write(line.repeat(options.times));
    return 0;
  },
});

describe('taosim (dispatch)', () => {
  it('--help lists every registered command with its one-line description', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: taosim <command>');
    for (const c of commands) expect(r.stdout).toMatch(new RegExp(`^  ${c.name} +${c.description.replace(/[()[\]]/g, '\\$&')}$`, 'm'));
    expect(r.stdout).toContain('dtao-launch (spec 233)');
  });

  it('-h is --help; no arguments prints the help on stderr and exits 2', async () => {
    expect((await runInProcess(['-h'])).stdout).toContain('Commands:');
    const none = await runInProcess([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Commands:');
  });

  it('--help before a command shows that command\'s help', async () => {
    const r = await runInProcess(['--help', 'yuma']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: taosim yuma <file\.json>/);
  });

  it('--version and -v print the package.json version', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await runInProcess([flag]);
      expect(r).toEqual({ code: 0, stdout: `${packageInfo().version}\n`, stderr: '' });
    }
  });

  it('unknown command: exit 2, one line, with a suggestion', async () => {
    const r = await runInProcess(['yumma', 'x.json']);
    expect(r.code).toBe(2);
    const names = commands.map((c) => c.name).join(', ');
    expect(r.stderr).toBe(`taosim: unknown command 'yumma' (did you mean 'yuma'?); commands: ${names} (see 'taosim --help')\n`);
  });

  it('unknown global flag: exit 2, one line', async () => {
    const r = await runInProcess(['--frobnicate']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "taosim: unknown option '--frobnicate' (see 'taosim --help')\n" });
  });

  it('derives parseArgs flags from the options schema (kebab-case, repeatable arrays, short aliases)', () => {
    const schema = z.object({ out: z.string().optional().describe('d').meta({ short: 'o' }), raoEmission: z.string().optional(), check: z.boolean().default(false) });
    expect(flagsOf(schema)).toEqual([
      { key: 'out', flag: 'out', type: 'string', multiple: false, short: 'o', placeholder: 'out', description: 'd' },
      { key: 'raoEmission', flag: 'rao-emission', type: 'string', multiple: false, placeholder: 'rao-emission', description: '' },
      { key: 'check', flag: 'check', type: 'boolean', multiple: false, placeholder: 'check', description: '' },
    ]);
  });

  it('runs a registered command with parsed, validated options', async () => {
    const r = await runInProcess(['hello', 'bob', '--loud', '--times', '2', '-p', 'a', '--profile', 'b'], { registry: [hello] });
    expect(r).toEqual({ code: 0, stdout: 'HELLO bob [a,b]\n'.repeat(2), stderr: '' });
  });

  it.each([
    [['hello'], "taosim hello: missing <name> (usage: see 'taosim hello --help')"],
    [['hello', 'a', 'b'], "taosim hello: unexpected argument 'b' (see 'taosim hello --help')"],
    [['hello', 'a', '--nope'], "taosim hello: unknown option '--nope' (see 'taosim hello --help')"],
    [['hello', 'a', '--loud=yes'], "taosim hello: option '--loud' does not take an argument (see 'taosim hello --help')"],
    [['hello', 'a', '--times'], "taosim hello: option '--times <value>' argument missing (see 'taosim hello --help')"],
    [['hello', 'a', '--times', '0'], 'taosim hello: options: --times: expected >= 1, got 0'],
  ])('usage error %j: exit 2 and one line', async (argv, line) => {
    const r = await runInProcess(argv, { registry: [hello] });
    expect(r).toEqual({ code: 2, stdout: '', stderr: line + '\n' });
  });

  it('<command> --help prints the usage derived from the schema', async () => {
    const r = await runInProcess(['hello', '--help'], { registry: [hello] });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(commandHelp(hello));
    expect(r.stdout).toMatchInlineSnapshot(`
      "Usage: taosim hello <name> [--loud] [--times <n>] [--profile <P>]...

      Print a greeting.

      Arguments:
        <name>  who to greet

      Options:
            --loud         Shout
            --times <n>    How many times
        -p, --profile <P>  A profile (repeatable)
            --debug        Show the stack trace of an error
        -h, --help         Show this help

      Exit codes: 0 ok, 1 negative verdict (e.g. a --check difference), 2 bad usage or input (nothing written), 3 internal error.
      "
    `);
  });

  it('an unexpected error is exit 3 with one line, and its stack only with --debug', async () => {
    const boom = defineCommand({
      name: 'boom',
      description: 'Fail',
      positionals: [],
      options: z.object({}).strict(),
      async run() {
        throw new Error('kaput');
      },
    });
    const r = await runInProcess(['boom'], { registry: [boom] });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('taosim boom: internal error: kaput\n(run again with --debug for the stack trace)\n');
    const d = await runInProcess(['boom', '--debug'], { registry: [boom] });
    expect(d.code).toBe(3);
    expect(d.stderr).toMatch(/^taosim boom: internal error: kaput\nError: kaput\n\s+at /);
  });
});
