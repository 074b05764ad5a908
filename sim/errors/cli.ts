/**
 * Errors a command reports to its user and exits with: bad usage, unreadable files, a failed
 * check. The CLI's single catch prints `shortMessage` (one line) and exits with `exitCode`.
 */
import { TaosimError, type TaosimErrorParameters } from './base.ts';

/** Exit codes of every `taosim` command. */
export const ExitCode = {
  ok: 0,
  /** the command ran and its verdict is negative (e.g. `--check` found a difference) */
  failure: 1,
  /** bad usage or bad input: unknown command or flag, missing/unreadable/invalid file; nothing was written */
  usage: 2,
  /** an unexpected error inside taosim (a bug): run with `--debug` for the stack */
  internal: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorParameters extends TaosimErrorParameters {
  /** process exit code (default 2: usage) */
  exitCode?: number;
}

export type CliErrorType = CliError & { name: 'CliError' };

export class CliError extends TaosimError {
  override name = 'CliError' as const;
  readonly exitCode: number;

  constructor(shortMessage: string, parameters: CliErrorParameters = {}) {
    const { exitCode = ExitCode.usage, ...rest } = parameters;
    super(shortMessage, rest);
    this.exitCode = exitCode;
  }
}
