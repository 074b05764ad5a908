/**
 * The base of every error taosim throws on purpose. Modelled on viem's `BaseError`: a short
 * message for one line of output, optional details and meta lines, a docs path, and a cause
 * chain that {@link TaosimError.walk} follows.
 *
 * @example
 * import { TaosimError } from './base.ts';
 * throw new TaosimError('cannot read scenario', { details: 'ENOENT', docsPath: 'docs/cli/scenario.md' });
 */

export interface TaosimErrorParameters {
  /** underlying error (kept as `cause`) */
  cause?: unknown;
  /** one more line of technical detail (e.g. an OS error code) */
  details?: string;
  /** extra lines shown under the short message (e.g. one line per bad field) */
  metaMessages?: string[];
  /** a page under `docs/` that explains the error (e.g. `docs/cli/yuma.md`) */
  docsPath?: string;
}

export type TaosimErrorType = TaosimError & { name: 'TaosimError' };

export class TaosimError extends Error {
  override name: string = 'TaosimError';
  /** one line, no trailing period, no path prefix: what went wrong */
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly metaMessages: string[];
  readonly docsPath: string | undefined;

  constructor(shortMessage: string, parameters: TaosimErrorParameters = {}) {
    const metaMessages = parameters.metaMessages ?? [];
    const message = [
      shortMessage,
      ...metaMessages.map((m) => `  ${m}`),
      ...(parameters.details ? [`Details: ${parameters.details}`] : []),
      ...(parameters.docsPath ? [`Docs: ${parameters.docsPath}`] : []),
    ].join('\n');
    super(message, parameters.cause === undefined ? undefined : { cause: parameters.cause });
    this.shortMessage = shortMessage;
    this.details = parameters.details;
    this.metaMessages = metaMessages;
    this.docsPath = parameters.docsPath;
  }

  /**
   * Follows the `cause` chain: the deepest cause, or the first error for which `fn` returns true
   * (null when none does).
   */
  walk(fn?: (err: unknown) => boolean): unknown {
    let err: unknown = this;
    for (;;) {
      if (fn?.(err)) return err;
      const next = err instanceof Error ? err.cause : undefined;
      if (next === undefined || next === err) return fn ? null : err;
      err = next;
    }
  }
}
