import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './writeFileAtomic.ts';

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one, leaving no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taosim-atomic-'));
    const file = path.join(dir, 'out.json');
    await writeFileAtomic(file, 'one');
    expect(readFileSync(file, 'utf8')).toBe('one');
    await writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it('fails without touching anything when the directory does not exist', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taosim-atomic-'));
    await expect(writeFileAtomic(path.join(dir, 'missing', 'out.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('removes its temporary file when the rename fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taosim-atomic-'));
    const target = path.join(dir, 'target');
    // a non-empty directory at the target path: rename(file, dir) fails
    const { mkdirSync } = await import('node:fs');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep'), 'k');
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['target']);
    expect(readdirSync(target)).toEqual(['keep']);
  });
});
