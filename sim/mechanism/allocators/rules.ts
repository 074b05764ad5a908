/**
 * The allocator rule sets, one per `main` merge that changed how the block emission is split
 * among subnets (mechanism.md §15). A rule set is data: a few switches read by the rule
 * functions (`getShares`, `getSubnetTerms`, `updateMovingPrice`, `getEmaFlow`), so a new chain
 * version is one new entry here. Each entry names the first-parent `main` commit where the
 * switch first appears and the `spec_version` of `runtime/src/lib.rs` at that commit; the
 * dates are merge dates, not on-chain upgrade blocks.
 *
 * Verified with `git log --first-parent main` over `coinbase/run_coinbase.rs`,
 * `coinbase/subnet_emissions.rs` and `staking/stake_utils.rs` (function bodies compared per
 * merge); see README.md for where this differs from mechanism.md §15.
 */
import { I96F32, U64F64, U96F32, type FixedType } from '../../math/arith.ts';
import type { AllocatorEraId } from './types.ts';

/** Which subnets emit (`subnets_to_emit_to`). */
export type EmitSetRule =
  /** every netuid except root (233–256) */
  | 'nonRoot'
  /** `FirstEmissionBlockNumber` set (257–360) */
  | 'started'
  /** + `SubtokenEnabled` + (registration or PoW registration allowed) (361–396) */
  | 'startedSubtokenRegOrPow'
  /** + `SubtokenEnabled` + registration allowed (397+, PoW registration removed) */
  | 'startedSubtokenReg';

/** Registration gate applied inside the terms (before 361 the gate was not a set filter). */
export type RegistrationGateRule =
  /** 233–237: `!reg && pow` zeroes `tao_in` (the condition as written at e2b8367b8) */
  | 'regOffPowOnZeroTaoIn'
  /** 238–300: `!reg && !pow` zeroes `tao_in` */
  | 'bothOffZeroTaoIn'
  /** 301–360: `!reg && !pow` zeroes `tao_in`, `alpha_in`, `alpha_out` (not the chain buy) */
  | 'bothOffZeroAll'
  /** 361+: such subnets are not in the emitting set */
  | 'none';

/** How shares are computed. */
export type ShareRule =
  /** `E·mp_s/Σmp` in the coinbase type (233–333) */
  | 'priceEma'
  /** `get_shares_flow` on the user TAO-flow EMA (334–410) */
  | 'taoFlow'
  /** `get_shares_flow` on user − normalized protocol flow (411–420) */
  | 'netFlow'
  /** price shares × root_prop × (1 − MinerBurned), renormalized (421–424) */
  | 'priceRootPropBurn'
  /** price shares × (1 − MinerBurned), renormalized (425) */
  | 'priceBurn';

/** The injection rule of the terms. */
export type InjectionRule =
  /** `alpha_in = min(tao_in/p, a_s)` (233–297) */
  | { kind: 'minCap' }
  /** subsidy when `p < tao_in/E` (298–341): `tao_in = p·E`, `alpha_in = a_s` (298–319) or `E` (320–341) */
  | { kind: 'subsidy'; subsidizedAlphaIn: 'alphaEmission' | 'blockEmission' }
  /** `alpha_in = tao_emission/p` capped; the excess TAO buys alpha (342+) */
  | { kind: 'cap'; cap: 'alphaEmission' | 'minAlphaEmissionBlockEmission' | 'rootProportion' };

/** The moving-price (`update_moving_price`) rule. */
export interface MovingPriceRule {
  /** `min(p, 1)` as EMA input (234+) */
  capAtOne: boolean;
  /**
   * EMA weight: constant `SubnetMovingAlpha` (233–245); ramp `α·b/(b+H)` with
   * `b = now − NetworkRegisteredAt` and H = 100,800 (246–251) or `EMAPriceHalvingBlocks`
   * (252–257); with `b = now − (FirstEmissionBlockNumber − 1)` (258+)
   */
  age: 'none' | 'registeredFixed100800' | 'registered' | 'startCall';
  /** arithmetic type (the result is stored as I96F32) */
  type: FixedType;
}

/** One allocator rule set. */
export interface AllocatorRules {
  era: AllocatorEraId;
  /** `spec_version` at `commit` */
  spec: number;
  /** first-parent `main` commit where these rules first appear (short hash) */
  commit: string;
  /** merge date (YYYY-MM-DD) */
  date: string;
  /** what changed at this commit, one line */
  change: string;
  /** fixed type of the coinbase terms: I96F32 (233–260), U96F32 (261+) */
  coinbaseType: FixedType;
  /** where the spot price comes from (the caller's pool model) */
  priceSource: 'reserves' | 'swap';
  emitSet: EmitSetRule;
  /** which subnets get `update_moving_price`: all non-root (233–256) or the emitting set (257+) */
  movingPriceSet: 'nonRoot' | 'emitting';
  registrationGate: RegistrationGateRule;
  shares: ShareRule;
  /** `SubnetEmissionEnabled` zeroes and renormalizes (411+) */
  emissionEnabledFlag: boolean;
  /** missing `SubnetEmaTaoFlow`: `min(mp, p)` (334–337), `1e9·min(mp, p)` (338–347), from (0, 0) (348+) */
  flowEmaInit: 'minPrice' | 'scaledMinPrice' | 'zero' | null;
  injection: InjectionRule;
  movingPrice: MovingPriceRule;
}

type Base = Omit<AllocatorRules, 'era' | 'spec' | 'commit' | 'date' | 'change'>;

function rules(era: AllocatorEraId, spec: number, commit: string, date: string, change: string, base: Base | AllocatorRules): AllocatorRules {
  return Object.freeze({ ...base, era, spec, commit, date, change });
}

const A0_BASE: Base = {
  coinbaseType: I96F32,
  priceSource: 'reserves',
  emitSet: 'nonRoot',
  movingPriceSet: 'nonRoot',
  registrationGate: 'regOffPowOnZeroTaoIn',
  shares: 'priceEma',
  emissionEnabledFlag: false,
  flowEmaInit: null,
  injection: { kind: 'minCap' },
  movingPrice: { capAtOne: false, age: 'none', type: I96F32 },
};

// Each entry = previous entry + the change named in its `change` line.
const R233 = rules('A0', 233, 'e2b8367b8', '2025-02-13', 'dTAO launch: shares mp/Σmp, alpha_in = min(tao_in/p, a_s), EMA uncapped', A0_BASE);
const R234 = rules('A1', 234, 'f95810a25', '2025-02-13', 'EMA input min(p, 1) (#1289); registration gate unchanged', {
  ...A0_BASE,
  movingPrice: { capAtOne: true, age: 'none', type: I96F32 },
});
const R238 = rules('A1', 238, 'f9254ea63', '2025-02-15', 'registration gate corrected to !reg && !pow', {
  ...R234,
  registrationGate: 'bothOffZeroTaoIn',
});
const R246 = rules('A2', 246, 'a27fff291', '2025-03-06', 'EMA weight ramps with age since NetworkRegisteredAt, fixed H = 100,800 (#1371)', {
  ...R238,
  movingPrice: { capAtOne: true, age: 'registeredFixed100800', type: I96F32 },
});
const R252 = rules('A2', 252, 'b61dd3020', '2025-03-19', 'H read from EMAPriceHalvingBlocks (default 201,600)', {
  ...R246,
  movingPrice: { capAtOne: true, age: 'registered', type: I96F32 },
});
const R257 = rules('A3', 257, '8de0d23ca', '2025-03-28', 'only started subnets (FirstEmissionBlockNumber) emit and update their EMA', {
  ...R252,
  emitSet: 'started',
  movingPriceSet: 'emitting',
});
const R258 = rules('A3', 258, '719a6f5e9', '2025-04-04', 'EMA age from the start call (FirstEmissionBlockNumber − 1) (#1510)', {
  ...R257,
  movingPrice: { capAtOne: true, age: 'startCall', type: I96F32 },
});
const R261 = rules('A3', 261, '6b86ebf30', '2025-04-11', 'coinbase and EMA in U96F32 (EMA stored as I96F32)', {
  ...R258,
  coinbaseType: U96F32,
  movingPrice: { capAtOne: true, age: 'startCall', type: U96F32 },
});
const R283 = rules('A4', 283, 'e9bbb6134', '2025-06-30', 'spot price from the swap pallet (v3 pool)', {
  ...R261,
  priceSource: 'swap',
});
const R298 = rules('B', 298, '6309d3592', '2025-07-29', 'subsidy when p < tao_in/E: tao_in = p·E, alpha_in = a_s, difference buys alpha', {
  ...R283,
  injection: { kind: 'subsidy', subsidizedAlphaIn: 'alphaEmission' },
});
const R301 = rules('B', 301, '312c0be95', '2025-08-12', 'registration gate also zeroes alpha_in and alpha_out (111636f25)', {
  ...R298,
  registrationGate: 'bothOffZeroAll',
});
const R320 = rules('B', 320, '835a2c902', '2025-09-24', 'subsidized alpha_in = E instead of a_s ("emissions fix", e1f7897e9)', {
  ...R301,
  injection: { kind: 'subsidy', subsidizedAlphaIn: 'blockEmission' },
});
const R334 = rules('C', 334, '6218ecc5c', '2025-11-04', 'Taoflow shares (get_shares_flow); missing EMA starts at min(mp, p)', {
  ...R320,
  shares: 'taoFlow',
  flowEmaInit: 'minPrice',
});
const R338 = rules('C', 338, '1f520ed95', '2025-11-04', 'missing EMA starts at 1e9·min(mp, p) (init_factor)', {
  ...R334,
  flowEmaInit: 'scaledMinPrice',
});
const R342 = rules('C', 342, '6a76ecc0d', '2025-11-06', 'subsidy replaced: alpha_in = tao/p capped at a_s, excess buys alpha (#2187)', {
  ...R338,
  injection: { kind: 'cap', cap: 'alphaEmission' },
});
const R348 = rules('C1', 348, '459fa72d1', '2025-11-24', 'missing EMA starts from (0, 0) and is updated (a3db8e34b)', {
  ...R342,
  flowEmaInit: 'zero',
});
const R361 = rules('C1', 361, '52378dc3e', '2025-12-09', 'registration-disabled and subtoken-disabled subnets leave the emitting set', {
  ...R348,
  emitSet: 'startedSubtokenRegOrPow',
  registrationGate: 'none',
});
const R362 = rules('C1', 362, '8834a7c73', '2025-12-12', 'injection cap min(a_s, E) (#2281)', {
  ...R361,
  injection: { kind: 'cap', cap: 'minAlphaEmissionBlockEmission' },
});
const R397 = rules('C1', 397, 'e7f05a051', '2026-04-22', 'PoW registration removed: emitting set needs NetworkRegistrationAllowed', {
  ...R362,
  emitSet: 'startedSubtokenReg',
});
const R411 = rules('D', 411, '486037ba4', '2026-05-27', 'net flow (user − normalized protocol EMA); SubnetEmissionEnabled', {
  ...R397,
  shares: 'netFlow',
  emissionEnabledFlag: true,
});
const R421 = rules('E', 421, '6016381e4', '2026-06-22', 'price shares × root_prop × (1 − MinerBurned); cap root_prop·a_s (#2781)', {
  ...R411,
  shares: 'priceRootPropBurn',
  flowEmaInit: null,
  injection: { kind: 'cap', cap: 'rootProportion' },
});
const R423 = rules('E', 423, '06032d518', '2026-06-25', 'balancer price (U64F64); update_moving_price in U64F64', {
  ...R421,
  movingPrice: { capAtOne: true, age: 'startCall', type: U64F64 },
});
const R425 = rules('F', 425, '14bc6f9f9', '2026-06-30', 'root proportion removed from the shares (bb3591e71); cap keeps it', {
  ...R423,
  shares: 'priceBurn',
});

/** Every rule set, by ascending spec. */
export const ALLOCATOR_RULES: readonly AllocatorRules[] = Object.freeze([
  R233, R234, R238, R246, R252, R257, R258, R261, R283, R298, R301, R320,
  R334, R338, R342, R348, R361, R362, R397, R411, R421, R423, R425,
]);

/**
 * The rule set a runtime of spec `spec` runs: the last entry with `entry.spec <= spec`.
 * Throws for specs before dTAO (233) or after the newest modelled (425 is also used for later
 * specs, since nothing newer is confirmed; see README "Not confirmed").
 *
 * @example
 * ```ts
 * import { allocatorRulesForSpec } from './rules.ts';
 * allocatorRulesForSpec(350).era; // 'C1'
 * ```
 */
export function allocatorRulesForSpec(spec: number): AllocatorRules {
  if (!Number.isInteger(spec) || spec < 233) {
    throw new RangeError(`No dTAO emission allocator for spec ${spec} (dTAO starts at spec 233).`);
  }
  let found = ALLOCATOR_RULES[0];
  for (const r of ALLOCATOR_RULES) if (r.spec <= spec) found = r;
  return found;
}
