import { describe, expect, it } from 'vitest';
import { PROFILE_NAMES } from '../../sim/mechanism/profiles/names.ts';
import { runInProcess } from './helpers.ts';

describe('taosim profiles', () => {
  it('lists every profile with era, spec, commit, summary and a verification level per part', async () => {
    const r = await runInProcess(['profiles']);
    expect(r.code).toBe(0);
    for (const p of PROFILE_NAMES) {
      expect(r.stdout).toContain(`spec ${p.specVersion}  era ${p.era}  commit ${p.commit}`);
    }
    expect(r.stdout).toContain('spec334 | taoflow');
    expect(r.stdout.match(/^ {4}yuma: /gm)).toHaveLength(PROFILE_NAMES.length);
  });
  it('--json gives one record per profile with both parts verified at a known level', async () => {
    const r = await runInProcess(['profiles', '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ name: string; verification: Record<string, { level: string }> }>;
    expect(rows.map((x) => x.name)).toEqual(PROFILE_NAMES.map((p) => p.name));
    const levels = ['runtime', 'rust-vectors', 'derived-vectors', 'source', 'not-yet'];
    for (const row of rows) for (const part of ['yuma', 'allocator', 'economics']) expect(levels).toContain(row.verification[part].level);
  });
  it('an unknown flag is refused with exit 2', async () => {
    const r = await runInProcess(['profiles', '--verbose']);
    expect(r.code).toBe(2);
  });
});
