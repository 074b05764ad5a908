/**
 * The allocator registry: one entry per era of mechanism.md §15 (A0 … F), each with its spec
 * versions, first `main` merge, date, a one-line summary and its rule functions. A later
 * profile registry attaches them to runtime profiles `spec<N>` (with the aliases of
 * {@link ALLOCATOR_PROFILE_ALIASES}) through {@link allocatorForSpec}.
 */
import type { Arith } from '../../math/arith.ts';
import { type GetEmaFlowInput, type GetEmaFlowOutput, getEmaFlow } from './getEmaFlow.ts';
import { getShares } from './getShares.ts';
import { getSubnetTerms } from './getSubnetTerms.ts';
import { ALLOCATOR_RULES, type AllocatorRules, allocatorRulesForSpec } from './rules.ts';
import type {
  AllocatorContext,
  AllocatorEraId,
  AllocatorSubnet,
  GetSharesOutput,
  GetSubnetTermsOutput,
  UpdateMovingPricesOutput,
} from './types.ts';
import { updateMovingPrice, updateMovingPrices } from './updateMovingPrice.ts';

/** The rule functions of one rule set. */
export interface Allocator {
  rules: AllocatorRules;
  /** which subnets emit and each one's share / TAO emission ({@link getShares}) */
  shares<N>(A: Arith<N>, subnets: readonly AllocatorSubnet<N>[], ctx: AllocatorContext<N>): GetSharesOutput<N>;
  /** tao_in, alpha_in, alpha_out, excess TAO of the emitting subnets ({@link getSubnetTerms}) */
  subnetTerms<N>(
    A: Arith<N>,
    subnets: readonly AllocatorSubnet<N>[],
    shares: GetSharesOutput<N>,
    ctx: AllocatorContext<N>,
  ): GetSubnetTermsOutput<N>;
  /** new `SubnetMovingPrice` of one subnet */
  updateMovingPrice<N>(A: Arith<N>, subnet: AllocatorSubnet<N>, ctx: AllocatorContext<N>): N;
  /** new `SubnetMovingPrice` of every subnet the era updates */
  updateMovingPrices<N>(A: Arith<N>, subnets: readonly AllocatorSubnet<N>[], ctx: AllocatorContext<N>): UpdateMovingPricesOutput<N>;
  /** the user-flow EMA read (`get_ema_flow`, C/C1/D), with the era's init rule; null in other eras */
  getEmaFlow: (<N>(A: Arith<N>, input: Omit<GetEmaFlowInput<N>, 'init'>) => GetEmaFlowOutput<N>) | null;
}

/** Binds the rule functions to a rule set. */
function bind(rules: AllocatorRules): Allocator {
  const init = rules.flowEmaInit;
  return Object.freeze({
    rules,
    shares: (A, subnets, ctx) => getShares(A, rules, subnets, ctx),
    subnetTerms: (A, subnets, shares, ctx) => getSubnetTerms(A, rules, subnets, shares, ctx),
    updateMovingPrice: (A, subnet, ctx) => updateMovingPrice(A, rules, subnet, ctx),
    updateMovingPrices: (A, subnets, ctx) => updateMovingPrices(A, rules, subnets, ctx),
    getEmaFlow: init === null ? null : (A, input) => getEmaFlow(A, { ...input, init }),
  } satisfies Allocator) as Allocator;
}

const BY_SPEC = new Map<number, Allocator>(ALLOCATOR_RULES.map((r) => [r.spec, bind(r)]));

/**
 * The allocator a runtime of `spec_version` `spec` runs (the newest rule set with
 * `rules.spec <= spec`).
 *
 * @example
 * ```ts
 * import { allocatorForSpec } from './eras.ts';
 * allocatorForSpec(334).rules.shares; // 'taoFlow'
 * ```
 */
export function allocatorForSpec(spec: number): Allocator {
  return BY_SPEC.get(allocatorRulesForSpec(spec).spec)!;
}

/** One era of §15. The functions run the era's first spec unless `spec` names a later one inside the era. */
export interface AllocatorEra {
  id: AllocatorEraId;
  /** `spec_version`s where the era's rules changed on `main` (the first opens the era) */
  specVersions: readonly number[];
  /** first `main` merge of the era */
  commit: string;
  /** its merge date */
  date: string;
  summary: string;
  /** the rule set at each of `specVersions` */
  milestones: readonly AllocatorRules[];
  /** the allocator at `spec` (default: the era's first spec); throws outside the era */
  at(spec?: number): Allocator;
  shares<N>(A: Arith<N>, subnets: readonly AllocatorSubnet<N>[], ctx: AllocatorContext<N>, spec?: number): GetSharesOutput<N>;
  subnetTerms<N>(
    A: Arith<N>,
    subnets: readonly AllocatorSubnet<N>[],
    shares: GetSharesOutput<N>,
    ctx: AllocatorContext<N>,
    spec?: number,
  ): GetSubnetTermsOutput<N>;
  updateMovingPrice<N>(A: Arith<N>, subnet: AllocatorSubnet<N>, ctx: AllocatorContext<N>, spec?: number): N;
  /** C, C1, D only */
  getEmaFlow: (<N>(A: Arith<N>, input: Omit<GetEmaFlowInput<N>, 'init'>, spec?: number) => GetEmaFlowOutput<N>) | null;
}

const SUMMARIES: Record<AllocatorEraId, string> = {
  A0: 'shares mp/Σmp over all non-root subnets; alpha_in = min(tao_in/p, a_s); price EMA uncapped',
  A1: 'as A0 with the EMA input capped at price 1 (and the registration gate corrected at 238)',
  A2: 'as A1 with the EMA weight ramping with subnet age since registration',
  A3: 'as A2 over started subnets only, age from the start call; U96F32 from 261',
  A4: 'as A3 with the spot price from the swap pallet',
  B: 'as A4 plus a subsidy branch when p < share: tao_in = p·E, the rest buys alpha',
  C: 'Taoflow: shares from the EMA of user net TAO flow (inplace_pow_normalize); B injection until 342, then cap a_s',
  C1: 'as C with flow EMAs starting from 0; injection cap min(a_s, E) from 362',
  D: 'net flow: user EMA − normalized protocol EMA; emission-disabled subnets',
  E: 'shares mp·root_prop·(1 − MinerBurned), renormalized; injection cap root_prop·a_s',
  F: 'shares mp·(1 − MinerBurned) (HEAD); cap root_prop·a_s',
};

function era(id: AllocatorEraId): AllocatorEra {
  const milestones = ALLOCATOR_RULES.filter((r) => r.era === id);
  const specVersions = milestones.map((r) => r.spec);
  const at = (spec: number = specVersions[0]): Allocator => {
    const a = allocatorForSpec(spec);
    if (a.rules.era !== id) throw new RangeError(`spec ${spec} is era ${a.rules.era}, not ${id}.`);
    return a;
  };
  return Object.freeze({
    id,
    specVersions,
    commit: milestones[0].commit,
    date: milestones[0].date,
    summary: SUMMARIES[id],
    milestones,
    at,
    shares: (A, subnets, ctx, spec) => at(spec).shares(A, subnets, ctx),
    subnetTerms: (A, subnets, shares, ctx, spec) => at(spec).subnetTerms(A, subnets, shares, ctx),
    updateMovingPrice: (A, subnet, ctx, spec) => at(spec).updateMovingPrice(A, subnet, ctx),
    getEmaFlow: milestones[0].flowEmaInit === null ? null : (A, input, spec) => at(spec).getEmaFlow!(A, input),
  } satisfies AllocatorEra) as AllocatorEra;
}

/** The eras of mechanism.md §15 in chronological order (G, "Hill gate", is unconfirmed and absent). */
export const ALLOCATOR_ERAS: readonly AllocatorEra[] = Object.freeze(
  (['A0', 'A1', 'A2', 'A3', 'A4', 'B', 'C', 'C1', 'D', 'E', 'F'] as const).map(era),
);

/** Named profiles the runtime-profile registry uses besides `spec<N>`. */
export const ALLOCATOR_PROFILE_ALIASES = Object.freeze({ taoflow: 334, netflow: 411, current: 425 } as const);

/**
 * The era record by id.
 *
 * @example
 * ```ts
 * import { allocatorEra } from './eras.ts';
 * allocatorEra('B').specVersions; // [298, 301, 320]
 * ```
 */
export function allocatorEra(id: AllocatorEraId): AllocatorEra {
  const e = ALLOCATOR_ERAS.find((x) => x.id === id);
  if (!e) throw new RangeError(`unknown allocator era '${id}'`);
  return e;
}
