/** Shared helpers of `npm run bench`. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** reports/bench under the repository root. */
export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../reports/bench');

/** Median wall time in ms of `runs` calls after a warm-up of max(3, runs / 5) calls. */
export function medianMs(f: () => unknown, runs: number): number {
  for (let i = 0; i < Math.max(3, Math.floor(runs / 5)); i++) f();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    f();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return t.length % 2 ? t[t.length >> 1] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
}

/** Writes reports/bench/<name> atomically (temp file + rename). */
export function writeBenchJson(name: string, data: unknown): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, name);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(tmp, path);
  return path;
}
