/**
 * `npm run bench`: timings of taosim's engines as ratios against baselines measured in the same
 * run (never in the test suite). Each bench writes its JSON under reports/bench/.
 * `npm run bench -- yuma` runs only the named benches.
 */
import { benchYuma } from './yuma.ts';

const BENCHES: Record<string, (log: (s: string) => void) => unknown> = {
  yuma: benchYuma,
};

const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = only.filter((n) => !(n in BENCHES));
if (unknown.length) {
  console.error(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`);
  process.exit(2);
}
for (const [name, run] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(name)) continue;
  run((s) => console.log(s));
  console.log('');
}
