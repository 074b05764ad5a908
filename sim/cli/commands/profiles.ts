/**
 * `taosim profiles`: the runtime profiles with their era, spec version, source commit, what
 * changed, and how far each part is verified.
 */
import { z } from 'zod';
import { PROFILE_NAMES } from '../../mechanism/profiles/names.ts';
import { PROFILE_VERIFICATION } from '../../mechanism/profiles/verification.ts';
import { stringifyJson } from '../../io/stringifyJson.ts';
import { defineCommand } from '../command.ts';

export const profiles = defineCommand({
  name: 'profiles',
  description: 'List the runtime profiles: era, spec, source commit, what changed, how verified',
  positionals: [],
  options: z
    .object({
      json: z.boolean().default(false).describe('Print JSON instead of a table'),
    })
    .strict(),
  examples: ['taosim profiles', 'taosim profiles --json'],
  async run({ options, io }) {
    const rows = PROFILE_NAMES.map((p) => ({ ...p, verification: PROFILE_VERIFICATION[p.name] }));
    if (options.json) {
      io.stdout.write(`${stringifyJson(rows)}\n`);
      return 0;
    }
    for (const r of rows) {
      const names = [r.name, ...r.aliases].join(' | ');
      io.stdout.write(`${names}  spec ${r.specVersion}  era ${r.era}  commit ${r.commit}  (${r.date})\n`);
      io.stdout.write(`    ${r.summary}\n`);
      io.stdout.write(`    yuma: ${r.verification.yuma.level} — ${r.verification.yuma.evidence}\n`);
      io.stdout.write(`    allocator: ${r.verification.allocator.level} — ${r.verification.allocator.evidence}\n`);
      io.stdout.write(`    economics: ${r.verification.economics.level} — ${r.verification.economics.evidence}\n`);
    }
    return 0;
  },
});
