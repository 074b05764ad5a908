/**
 * Data shapes of the emission allocators (mechanism.md §15): what each era reads beyond
 * `SubnetState`, and what its rules return. Generic over `N` of `sim/math/arith.ts`: in exact
 * mode amounts are u64 rao (`bigint`) and fixed-point values are the raw bits of the Rust type
 * named in each field's TSDoc; in fast mode both are float64 values.
 */
import type { FixedType } from '../../math/arith.ts';
import type { GlobalParameters, Netuid, SubnetHyperparameters, SubnetState } from '../../state/types.ts';

/** Allocator eras of mechanism.md §15 (G, the unconfirmed "Hill gate", is not modelled). */
export type AllocatorEraId = 'A0' | 'A1' | 'A2' | 'A3' | 'A4' | 'B' | 'C' | 'C1' | 'D' | 'E' | 'F';

/** `(block, ema)` as stored in `SubnetEmaTaoFlow` / `SubnetEmaProtocolFlow` (`(u64, I64F64)`). */
export interface EmaFlow<N> {
  /** block of the last update */
  block: number;
  /** I64F64 */
  value: N;
}

/**
 * Per-subnet inputs an allocator reads that `SubnetState` does not hold. Every field is
 * optional; an absent field takes the runtime storage default named in its TSDoc.
 */
export interface AllocatorInputs<N> {
  /**
   * Spot price of the subnet's pool in TAO per alpha, as **U64F64** (exact: bits): A0–A3
   * `get_alpha_price` (`SubnetTAO / SubnetAlphaIn` in I96F32/U96F32), A4+
   * `SwapInterface::current_alpha_price` (U96F32 until spec 422, U64F64 from 423). Every era's
   * price is exactly representable in U64F64; each rule truncates it to the type it computes in.
   * Absent: derived from the reserves (`getAlphaPrice`) in the reserve-price eras (A0–A3), an
   * error in the swap eras.
   */
  spotPrice?: N;
  /** `SubnetTaoFlow` (i64 rao): user TAO flow into the pool since the last EMA update (C, C1, D). Default 0. */
  taoFlow?: N;
  /** `SubnetEmaTaoFlow` (`Option<(u64, I64F64)>`, C, C1, D). Default `null` (not initialized). */
  emaTaoFlow?: EmaFlow<N> | null;
  /** `SubnetProtocolFlow` (i64 rao): TAO injected + chain-bought − root-sold since the last EMA update (D). Default 0. */
  protocolFlow?: N;
  /** `SubnetEmaProtocolFlow` (`Option<(u64, I64F64)>`, D). Default `null`. */
  emaProtocolFlow?: EmaFlow<N> | null;
  /** `MinerBurned` (U96F32): share of the last drained miner emission withheld from miners (E, F). Default 0. */
  minerBurned?: N;
  /** `SubnetEmissionEnabled` (D+). Default `true` (storage `DefaultTrue`). */
  emissionEnabled?: boolean;
  /**
   * `SubtokenEnabled` (emitting-set filter from spec 361). Storage default is `false`, but
   * `start_call` sets it, so an absent value means "started" (`firstEmissionBlock !== null`).
   */
  subtokenEnabled?: boolean;
  /** `EMAPriceHalvingBlocks(netuid)` (u64, spec 252+). Default `GlobalParameters.emaPriceHalvingBlocks`. */
  emaPriceHalvingBlocks?: number;
}

/** The part of `SubnetState` the allocators read. */
export type AllocatorSubnetState<N> = Pick<
  SubnetState<N>,
  'netuid' | 'mechanism' | 'registeredAt' | 'firstEmissionBlock' | 'tao' | 'alphaIn' | 'alphaOut' | 'movingPrice'
> & {
  hyper: Pick<SubnetHyperparameters, 'registrationAllowed' | 'powRegistrationAllowed'>;
};

/** One subnet as the allocators see it: state plus era inputs. */
export interface AllocatorSubnet<N> {
  state: AllocatorSubnetState<N>;
  inputs?: AllocatorInputs<N>;
}

/** Global storage of the flow allocators (C, C1, D). */
export interface FlowParameters<N> {
  /** `FlowEmaSmoothingFactor` (u64, EMA weight × i64::MAX); default 29,597,889,189,277 (216,000-block half-life) */
  flowEmaSmoothingFactor: bigint;
  /** `TaoFlowCutoff` (I64F64); default 0 */
  taoFlowCutoff: N;
  /** `FlowNormExponent` (U64F64); default 1 */
  flowNormExponent: N;
  /** `NetTaoFlowEnabled` (D); default true */
  netTaoFlowEnabled: boolean;
}

/** What one block's allocation reads besides the subnets. */
export interface AllocatorContext<N> {
  /** current block (`get_current_block_as_u64`) */
  block: number;
  /** block emission E (u64 rao, `get_block_emission` / the minted credit at HEAD) */
  blockEmission: N;
  /** `SubnetTAO(0)` (u64 rao): root stake, for `root_proportion` (E, F) */
  rootTao: N;
  /** `TaoWeight` (u64), `SubnetMovingAlpha` (I96F32), `EMAPriceHalvingBlocks` default */
  params: Pick<GlobalParameters<N>, 'taoWeight' | 'movingAlpha' | 'emaPriceHalvingBlocks'>;
  /** flow storage (C, C1, D); absent fields take the defaults */
  flow?: Partial<FlowParameters<N>>;
}

/** New flow storage of one emitting subnet after `get_shares_flow` (C, C1, D). */
export interface FlowUpdate<N> {
  /** new `SubnetEmaTaoFlow` */
  emaTaoFlow: EmaFlow<N>;
  /** `SubnetTaoFlow` was removed (the EMA consumed it) */
  resetTaoFlow: boolean;
  /** new `SubnetEmaProtocolFlow` (D), else null */
  emaProtocolFlow: EmaFlow<N> | null;
  /** `SubnetProtocolFlow` was removed (D) */
  resetProtocolFlow: boolean;
  /** the flow the shares were computed from (I64F64): user EMA (C) or net flow (D) */
  netFlow: N;
}

/** Output of {@link getShares}: the emitting set and each member's part of E. */
export interface GetSharesOutput<N> {
  /** netuids of the emitting set, in input order */
  netuids: Netuid[];
  /** position of each emitting subnet in the input array */
  index: number[];
  /** type of `share`: U64F64 (C+), the coinbase type (A, B: `mp/Σmp`, reported only) */
  shareType: FixedType;
  /** share of E, ≥ 0, summing to 1 (within rounding) or all 0 */
  share: N[];
  /** I96F32 (spec 233–260) or U96F32 (261+) */
  coinbaseType: FixedType;
  /** TAO emission of the subnet (`tao_in` before the era's injection rule), coinbase type */
  taoEmission: N[];
  /** flow storage to write back (C, C1, D), aligned with `netuids` */
  flow: FlowUpdate<N>[] | null;
}

/** Per-subnet coinbase terms (`get_subnet_terms` and its predecessors). */
export interface SubnetTerms<N> {
  netuid: Netuid;
  /** alpha block emission a_s = f(SubnetAlphaIn + SubnetAlphaOut) (coinbase type) */
  alphaEmission: N;
  /** spot price in the coinbase type */
  price: N;
  /** TAO injected into the pool (coinbase type; the runtime floors it to rao) */
  taoIn: N;
  /** alpha injected into the pool */
  alphaIn: N;
  /** alpha emitted to participants (owner, miners, validators, root) */
  alphaOut: N;
  /** TAO that buys alpha from the pool (B subsidy, C+ excess over the cap); 0 otherwise */
  excessTao: N;
  /** B, C (334–341): the subsidy branch was taken */
  subsidized: boolean;
  /** E, F: `root_proportion` used by the cap (U96F32); null otherwise */
  rootProportion: N | null;
}

/** Output of {@link getSubnetTerms}. */
export interface GetSubnetTermsOutput<N> {
  coinbaseType: FixedType;
  /** aligned with the shares' `netuids` */
  terms: SubnetTerms<N>[];
}

/** Output of {@link updateMovingPrices}. */
export interface UpdateMovingPricesOutput<N> {
  /** subnets whose `SubnetMovingPrice` the era updates, in input order */
  netuids: Netuid[];
  index: number[];
  /** new `SubnetMovingPrice` (I96F32) */
  movingPrice: N[];
}
