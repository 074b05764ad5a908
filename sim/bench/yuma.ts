/**
 * `npm run bench` — Yuma epoch: seeded random subnets (256 uids / 64 validators and 1024 / 256,
 * ~50% dense weights, bonds carried from a first epoch), per profile and mode, against a dense
 * mathjs float epoch measured in the same run. Writes reports/bench/yuma.json (an array of
 * { profile, mode, uids, validators, runs, medianMs }) and the baseline to yuma-baseline.json.
 */
import { createRng } from '../math/rng.ts';
import { type Csr, Scratch, csrFromPairs, csrToDense } from '../mechanism/yuma/csr.ts';
import { type EpochInput, exactParams, yumaEpoch } from '../mechanism/yuma/epoch.ts';
import { YUMA_PROFILES } from '../mechanism/yuma/profiles.ts';
import { fastParams } from '../mechanism/yuma/runYuma.ts';
import { denseMathjsEpoch } from './yumaDenseMathjs.ts';
import { medianMs, writeBenchJson } from './util.ts';

export interface YumaBenchRow {
  profile: string;
  mode: 'exact' | 'fast' | 'baseline-mathjs-dense';
  uids: number;
  validators: number;
  runs: number;
  medianMs: number;
}

function makeCase(n: number, m: number, seed: number) {
  const r = createRng(seed);
  const stake = Array.from({ length: n }, (_, i) => (i < m ? BigInt(1 + r.int(1_000_000)) * 1_000_000_000n : 0n));
  const rows = Array.from({ length: n }, (_, i) => {
    const row: Array<[number, number]> = [];
    if (i < m) for (let c = 0; c < n; c++) if (c !== i && r.next() < 0.5) row.push([c, 1 + r.int(65535)]);
    return row;
  });
  return { stake, weights: csrFromPairs(rows, n) };
}

export function benchYuma(log: (s: string) => void): YumaBenchRow[] {
  const out: YumaBenchRow[] = [];
  for (const [n, m] of [
    [256, 64],
    [1024, 256],
  ] as const) {
    const { stake, weights } = makeCase(n, m, 20260101 + n);
    const runsExact = n <= 256 ? 60 : 12;
    const runsFast = n <= 256 ? 300 : 40;
    for (const rules of Object.values(YUMA_PROFILES)) {
      const cp = { ...rules.defaults, maxAllowedValidators: m };
      const scratch = new Scratch();
      const base: EpochInput = {
        n,
        block: 720,
        stake,
        weights,
        bonds: csrFromPairs([], n),
        lastUpdate: new Array(n).fill(720),
        registeredAt: new Array(n).fill(0),
        validatorPermit: Array.from({ length: n }, (_, i) => i < m),
        lastMechanismStepBlock: 360,
      };
      // carry bonds from a first epoch so the EMA has both old and new entries
      const ep = exactParams(cp);
      const first = yumaEpoch(rules, ep, base, scratch);
      const bondsU16: Csr = { ...first.bondsStorageForm, val: first.bondsStorageForm.val.map((v) => Math.floor((v * 65535) / 2 ** 32)) };
      const exactIn = { ...base, bonds: bondsU16 };
      const fp = fastParams(cp, { profile: rules.name, mode: 'fast', units: 'chain', hyperparameters: {}, epochs: [] });
      const fastIn = { ...base, stake: stake.map(Number), bonds: { ...bondsU16, val: bondsU16.val.map((v) => v / 65535) } };
      const ex = medianMs(() => yumaEpoch(rules, ep, exactIn, scratch), runsExact);
      const fa = medianMs(() => yumaEpoch(rules, fp, fastIn, scratch), runsFast);
      out.push({ profile: rules.name, mode: 'exact', uids: n, validators: m, runs: runsExact, medianMs: ex });
      out.push({ profile: rules.name, mode: 'fast', uids: n, validators: m, runs: runsFast, medianMs: fa });
    }
    // baseline: dense mathjs float epoch on the same case (classic bonds)
    const denseW = csrToDense(weights);
    const bl = medianMs(
      () =>
        denseMathjsEpoch({
          n,
          stake: stake.map(Number),
          weights: denseW,
          bonds: denseW,
          kappa: 0.5,
          bondsPenalty: 1,
          alpha: 0.1,
          permits: Array.from({ length: n }, (_, i) => i < m),
        }),
      n <= 256 ? 10 : 3,
    );
    out.push({ profile: 'any', mode: 'baseline-mathjs-dense', uids: n, validators: m, runs: n <= 256 ? 10 : 3, medianMs: bl });
  }
  // table
  log('Yuma epoch (median ms per epoch; ratio = mathjs dense baseline / taosim)');
  log(`${'profile'.padEnd(12)} ${'mode'.padEnd(22)} ${'uids'.padStart(5)} ${'vals'.padStart(5)} ${'runs'.padStart(5)} ${'median ms'.padStart(10)} ${'× baseline'.padStart(11)}`);
  for (const r of out) {
    const b = out.find((x) => x.mode === 'baseline-mathjs-dense' && x.uids === r.uids)!;
    log(
      `${r.profile.padEnd(12)} ${r.mode.padEnd(22)} ${String(r.uids).padStart(5)} ${String(r.validators).padStart(5)} ${String(r.runs).padStart(5)} ${r.medianMs.toFixed(3).padStart(10)} ${(b.medianMs / r.medianMs).toFixed(1).padStart(10)}×`,
    );
  }
  // reports/bench/yuma.json holds exactly the contract's rows (exact and fast); the baseline
  // measured in the same run goes beside it
  writeBenchJson(
    'yuma.json',
    out.filter((r) => r.mode !== 'baseline-mathjs-dense'),
  );
  writeBenchJson(
    'yuma-baseline.json',
    out.filter((r) => r.mode === 'baseline-mathjs-dense'),
  );
  return out;
}
