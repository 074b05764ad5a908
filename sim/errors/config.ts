/**
 * Errors in user-facing input (config files, contract inputs, command options): one
 * {@link ConfigIssue} per bad field, each naming the field's path and what was expected.
 */
import { TaosimError, type TaosimErrorParameters } from './base.ts';

/** One bad field. */
export interface ConfigIssue {
  /** the field's path as written in messages, e.g. `input.epochs[1].weights[3]` */
  path: string;
  /** what is wrong, e.g. `expected 5 entries (n = 5), got 4` */
  message: string;
}

export type ConfigErrorType = ConfigError & { name: 'ConfigError' };

export class ConfigError extends TaosimError {
  override name = 'ConfigError' as const;
  /** what was invalid, as named in messages (a file name, `options`) */
  readonly source: string;
  readonly issues: ConfigIssue[];

  /**
   * @param what the input, for the short message (e.g. `examples/x.json`)
   * @param issues every bad field, in a stable order
   */
  constructor(what: string, issues: ConfigIssue[], parameters: Omit<TaosimErrorParameters, 'metaMessages'> = {}) {
    super(`invalid ${what}: ${issues.length} problem${issues.length === 1 ? '' : 's'}`, {
      ...parameters,
      metaMessages: issues.map(formatConfigIssue),
    });
    this.source = what;
    this.issues = issues;
  }
}

/** `path: message`, the form in which a CLI prints one issue per line. */
export function formatConfigIssue(issue: ConfigIssue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

export type JsonSyntaxErrorType = JsonSyntaxError & { name: 'JsonSyntaxError' };

/** Text that is not JSON, with the 1-based line and column of the first offending character. */
export class JsonSyntaxError extends TaosimError {
  override name = 'JsonSyntaxError' as const;
  readonly line: number;
  readonly column: number;

  constructor(problem: string, position: { line: number; column: number }) {
    super(`${problem} at line ${position.line}, column ${position.column}`);
    this.line = position.line;
    this.column = position.column;
  }
}
