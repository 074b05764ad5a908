import { describe, expect, it } from 'vitest';
import { CliError, ConfigError, ExitCode, JsonSyntaxError, MechanismInvariantError, TaosimError } from './index.ts';

describe('errors', () => {
  it('TaosimError composes its message and keeps its parts', () => {
    const cause = new Error('ENOENT');
    const e = new TaosimError('cannot read x', { details: 'errno -2', metaMessages: ['a', 'b'], docsPath: 'docs/x.md', cause });
    expect(e.message).toBe('cannot read x\n  a\n  b\nDetails: errno -2\nDocs: docs/x.md');
    expect(e.shortMessage).toBe('cannot read x');
    expect(e.cause).toBe(cause);
    expect(e.name).toBe('TaosimError');
  });

  it('walk follows causes: the deepest, or the first matching', () => {
    const root = new Error('root');
    const mid = new ConfigError('f.json', [{ path: 'input.mode', message: 'bad' }], { cause: root });
    const top = new CliError('failed', { cause: mid });
    expect(top.walk()).toBe(root);
    expect(top.walk((e) => e instanceof ConfigError)).toBe(mid);
    expect(top.walk((e) => e instanceof JsonSyntaxError)).toBeNull();
  });

  it('each family has a literal name; CliError carries an exit code (default 2)', () => {
    expect(new CliError('x').exitCode).toBe(ExitCode.usage);
    expect(new CliError('x', { exitCode: 1 }).exitCode).toBe(1);
    const c = new ConfigError('f.json', [{ path: 'a', message: 'm' }, { path: 'b', message: 'n' }]);
    expect([c.name, c.shortMessage, c.source, c.metaMessages]).toEqual(['ConfigError', 'invalid f.json: 2 problems', 'f.json', ['a: m', 'b: n']]);
    const j = new JsonSyntaxError('unexpected end of input', { line: 3, column: 7 });
    expect([j.name, j.message, j.line, j.column]).toEqual(['JsonSyntaxError', 'unexpected end of input at line 3, column 7', 3, 7]);
    expect(new MechanismInvariantError('sums to 1').shortMessage).toBe('mechanism invariant broken: sums to 1');
    for (const e of [c, j, new CliError('x'), new MechanismInvariantError('y')]) expect(e).toBeInstanceOf(TaosimError);
  });
});
