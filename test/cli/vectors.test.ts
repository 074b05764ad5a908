/**
 * The shared Yuma vectors (shared/vectors/yuma, or $TAOSIM_VECTORS) through the CLI:
 * `taosim yuma <case> --check`, one test per case, in process (spawning node + tsx 40 times is
 * slow). Exact mode must equal every u16 field of `expected`. A mismatch is a bug in the engine
 * until a reading of the Rust source shows otherwise (see the vectors' README).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, vectorsDir } from './helpers.ts';

const present = existsSync(vectorsDir);
const files = present ? readdirSync(vectorsDir).filter((f) => /^y\d+.*\.json$/.test(f)).sort() : [];

describe(`yuma vectors (${vectorsDir})`, () => {
  it('the vectors directory holds every case of its index', () => {
    expect(present, `no vectors at ${vectorsDir} (set TAOSIM_VECTORS)`).toBe(true);
    const index = JSON.parse(readFileSync(path.join(vectorsDir, 'index.json'), 'utf8')) as { cases: Array<{ id: string }> };
    expect(files).toEqual(index.cases.map((c) => `${c.id}.json`).sort());
  });

  it.each(files)('%s --check', async (file) => {
    const r = await runInProcess(['yuma', path.join(vectorsDir, file), '--check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^check OK: /);
  });
});
