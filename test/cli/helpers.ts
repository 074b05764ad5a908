/**
 * Running the CLI from tests: in process through `main` (fast, for many cases), or as the real
 * `node bin/taosim.js` subprocess (for the few end-to-end tests).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../sim/cli/index.ts';
import type { Command } from '../../sim/cli/command.ts';

export const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const bin = path.join(repoRoot, 'bin', 'taosim.js');
export const vectorsDir = process.env.TAOSIM_VECTORS ?? path.resolve(repoRoot, '../shared/vectors/yuma');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `main(argv)` with captured output; relative paths resolve against `cwd`. */
export async function runInProcess(argv: string[], options: { cwd?: string; registry?: ReadonlyArray<Command> } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, cwd: options.cwd ?? repoRoot },
    options.registry,
  );
  return { code, stdout, stderr };
}

/** `node bin/taosim.js ...argv` in `cwd`, no stdin, CI-like environment. */
export function runBin(argv: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'taosim-cli-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}
