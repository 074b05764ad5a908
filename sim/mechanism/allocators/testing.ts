/**
 * Builders for allocator inputs from plain numbers, for tests and examples: floats become the
 * fixed type each field is stored in (round to nearest, as the Rust `from_num` of a constant),
 * amounts become u64 rao.
 */
import { type Arith, I64F64, I96F32, U64F64, U96F32 } from '../../math/arith.ts';
import type { AllocatorContext, AllocatorSubnet, FlowParameters } from './types.ts';

/** A subnet described in floats and whole rao. */
export interface SubnetSpec {
  netuid: number;
  mechanism?: 0 | 1;
  registeredAt?: number;
  /** default 1 (started); null = not started */
  firstEmissionBlock?: number | null;
  /** rao */
  tao?: number | bigint;
  alphaIn?: number | bigint;
  alphaOut?: number | bigint;
  /** float → I96F32 */
  movingPrice?: number;
  registrationAllowed?: boolean;
  powRegistrationAllowed?: boolean;
  /** float → U64F64 */
  spotPrice?: number;
  /** i64 rao */
  taoFlow?: number | bigint;
  /** (block, float → I64F64) */
  emaTaoFlow?: [number, number] | null;
  protocolFlow?: number | bigint;
  emaProtocolFlow?: [number, number] | null;
  /** float → U96F32 */
  minerBurned?: number;
  emissionEnabled?: boolean;
  subtokenEnabled?: boolean;
  emaPriceHalvingBlocks?: number;
}

/**
 * Builds an {@link AllocatorSubnet} in the numeric mode of `A`.
 *
 * @example
 * ```ts
 * import { exactArith } from '../../math/arith.ts';
 * import { makeSubnet } from './testing.ts';
 * makeSubnet(exactArith, { netuid: 3, movingPrice: 0.5, spotPrice: 0.4 }).state.movingPrice; // 1n << 31n
 * ```
 */
export function makeSubnet<N>(A: Arith<N>, s: SubnetSpec): AllocatorSubnet<N> {
  const inputs: NonNullable<AllocatorSubnet<N>['inputs']> = {};
  if (s.spotPrice !== undefined) inputs.spotPrice = A.c(U64F64, s.spotPrice);
  if (s.taoFlow !== undefined) inputs.taoFlow = A.amount(s.taoFlow);
  if (s.emaTaoFlow !== undefined) inputs.emaTaoFlow = s.emaTaoFlow && { block: s.emaTaoFlow[0], value: A.c(I64F64, s.emaTaoFlow[1]) };
  if (s.protocolFlow !== undefined) inputs.protocolFlow = A.amount(s.protocolFlow);
  if (s.emaProtocolFlow !== undefined)
    inputs.emaProtocolFlow = s.emaProtocolFlow && { block: s.emaProtocolFlow[0], value: A.c(I64F64, s.emaProtocolFlow[1]) };
  if (s.minerBurned !== undefined) inputs.minerBurned = A.c(U96F32, s.minerBurned);
  if (s.emissionEnabled !== undefined) inputs.emissionEnabled = s.emissionEnabled;
  if (s.subtokenEnabled !== undefined) inputs.subtokenEnabled = s.subtokenEnabled;
  if (s.emaPriceHalvingBlocks !== undefined) inputs.emaPriceHalvingBlocks = s.emaPriceHalvingBlocks;
  return {
    state: {
      netuid: s.netuid,
      mechanism: s.mechanism ?? 1,
      registeredAt: s.registeredAt ?? 0,
      firstEmissionBlock: s.firstEmissionBlock === undefined ? 1 : s.firstEmissionBlock,
      tao: A.amount(s.tao ?? 0),
      alphaIn: A.amount(s.alphaIn ?? 0),
      alphaOut: A.amount(s.alphaOut ?? 0),
      movingPrice: A.c(I96F32, s.movingPrice ?? 0),
      hyper: { registrationAllowed: s.registrationAllowed ?? true, powRegistrationAllowed: s.powRegistrationAllowed ?? false },
    },
    inputs,
  };
}

/** A block context described in floats and whole rao. */
export interface ContextSpec {
  block?: number;
  /** rao; default 1e9 */
  blockEmission?: number | bigint;
  /** `SubnetTAO(0)` rao */
  rootTao?: number | bigint;
  /** `TaoWeight` u64; default 3,320,413,933,267,719,290 (launch value) */
  taoWeight?: bigint;
  /** float → I96F32; default 0.000003 */
  movingAlpha?: number;
  emaPriceHalvingBlocks?: number;
  flowEmaSmoothingFactor?: bigint;
  /** float → I64F64 */
  taoFlowCutoff?: number;
  /** float → U64F64 */
  flowNormExponent?: number;
  netTaoFlowEnabled?: boolean;
}

/**
 * Builds an {@link AllocatorContext} in the numeric mode of `A`.
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { makeContext } from './testing.ts';
 * makeContext(fastArith, { block: 10, blockEmission: 5e8 }).params.emaPriceHalvingBlocks; // 201600
 * ```
 */
export function makeContext<N>(A: Arith<N>, c: ContextSpec = {}): AllocatorContext<N> {
  const flow: Partial<FlowParameters<N>> = {};
  if (c.flowEmaSmoothingFactor !== undefined) flow.flowEmaSmoothingFactor = c.flowEmaSmoothingFactor;
  if (c.taoFlowCutoff !== undefined) flow.taoFlowCutoff = A.c(I64F64, c.taoFlowCutoff);
  if (c.flowNormExponent !== undefined) flow.flowNormExponent = A.c(U64F64, c.flowNormExponent);
  if (c.netTaoFlowEnabled !== undefined) flow.netTaoFlowEnabled = c.netTaoFlowEnabled;
  return {
    block: c.block ?? 1000,
    blockEmission: A.amount(c.blockEmission ?? 1_000_000_000),
    rootTao: A.amount(c.rootTao ?? 0),
    params: {
      taoWeight: c.taoWeight ?? 3_320_413_933_267_719_290n,
      movingAlpha: A.c(I96F32, c.movingAlpha ?? 0.000003),
      emaPriceHalvingBlocks: c.emaPriceHalvingBlocks ?? 201_600,
    },
    flow,
  };
}
