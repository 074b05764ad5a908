/**
 * Write a file so that readers see either the old content or the whole new one, never a part:
 * the text goes to a temporary file in the same directory, which is then renamed over the
 * target (rename is atomic within one file system). On any failure the temporary file is
 * removed and the target is left as it was.
 *
 * @example
 * import { writeFileAtomic } from './writeFileAtomic.ts';
 * await writeFileAtomic('reports/result.json', '{}\n');
 */
import { randomBytes } from 'node:crypto';
import { rm, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type WriteFileAtomicErrorType = NodeJS.ErrnoException;

export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => {});
    throw err;
  }
}
