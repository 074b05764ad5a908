/**
 * The runtime profile names, fixed for the whole project (foundation issue): `raonet` (spec 218,
 * the dTAO prototype inside ../shared/chain-spec/raonet.json), `dtao-launch` (spec 233), one
 * `spec<N>` profile per later emission-allocator era of mechanism.md §15 (N = the first spec
 * of the era on `main`), with the aliases `taoflow` (334), `netflow` (411) and `current` (425).
 * Commands that take profiles take `--profile P`, repeatable for comparisons.
 */

export interface ProfileName {
  /** canonical name */
  name: string;
  aliases: string[];
  /** `spec_version` of the runtime */
  specVersion: number;
  /** era label of mechanism.md §0 / §15 */
  era: string;
  /** subtensor commit the profile mirrors */
  commit: string;
  /** date the code reached `main` (not the on-chain upgrade block) */
  date: string;
  /** one line: what this era changed */
  summary: string;
}

export const PROFILE_NAMES: readonly ProfileName[] = [
  {
    name: 'raonet',
    aliases: [],
    specVersion: 218,
    era: 'R218',
    commit: '1629c559b',
    date: '2025-01-03',
    summary: 'dTAO prototype (raonet chain spec): shares by pool TAO, every subnet drains every block through a stake-proportional mock epoch (no Yuma)',
  },
  {
    name: 'dtao-launch',
    aliases: [],
    specVersion: 233,
    era: 'A0 (L233)',
    commit: 'e2b8367b8',
    date: '2025-02-13',
    summary: 'dTAO launch: shares by moving price, alpha_in = min(tao_in/p, a), root share of alpha sold to TAO, classic Yuma with bonds penalty',
  },
  { name: 'spec238', aliases: [], specVersion: 238, era: 'A1', commit: 'f9254ea63', date: '2025-02-15', summary: 'moving-price EMA input capped at price 1' },
  { name: 'spec252', aliases: [], specVersion: 252, era: 'A2', commit: 'b61dd3020', date: '2025-03-19', summary: 'EMA alpha ramps with subnet age' },
  { name: 'spec257', aliases: [], specVersion: 257, era: 'A3', commit: '8de0d23ca', date: '2025-03-28', summary: 'only started subnets emit; age from the start call (spec 261)' },
  { name: 'spec283', aliases: [], specVersion: 283, era: 'A4', commit: 'e9bbb6134', date: '2025-06-30', summary: 'spot price from the swap pallet' },
  { name: 'spec298', aliases: [], specVersion: 298, era: 'B', commit: '6309d3592', date: '2025-07-29', summary: 'subsidy branch when the price is below the emission share' },
  { name: 'spec334', aliases: ['taoflow'], specVersion: 334, era: 'C', commit: '6218ecc5c', date: '2025-11-04', summary: 'Taoflow: shares by the EMA of users’ net TAO flow' },
  { name: 'spec348', aliases: [], specVersion: 348, era: 'C1', commit: '459fa72d1', date: '2025-11-24', summary: 'flow EMA starts from 0; injection cap min(a, E) from spec 362' },
  { name: 'spec411', aliases: ['netflow'], specVersion: 411, era: 'D', commit: '486037ba4', date: '2026-05-27', summary: 'net flow: user EMA minus normalized protocol EMA; emission-disabled subnets' },
  { name: 'spec421', aliases: [], specVersion: 421, era: 'E', commit: '6016381e4', date: '2026-06-22', summary: 'shares by price × root proportion × (1 − MinerBurned); injection cap root_prop · a' },
  {
    name: 'current',
    aliases: ['spec425'],
    specVersion: 425,
    era: 'F (HEAD)',
    commit: '14bc6f9f9',
    date: '2026-06-30',
    summary: 'shares by price × (1 − MinerBurned); balancer pool; Yuma3 for new subnets',
  },
];

/**
 * Resolves a profile name or alias to its canonical entry, or throws naming the known ones.
 * @example resolveProfileName('taoflow').name // 'spec334'
 */
export function resolveProfileName(nameOrAlias: string): ProfileName {
  const p = PROFILE_NAMES.find((x) => x.name === nameOrAlias || x.aliases.includes(nameOrAlias));
  if (!p) throw new Error(`unknown runtime profile '${nameOrAlias}' (known: ${knownProfileNames().join(', ')})`);
  return p;
}

/** Every accepted name, aliases included, in chain order. */
export function knownProfileNames(): string[] {
  return PROFILE_NAMES.flatMap((p) => [p.name, ...p.aliases]);
}
