/**
 * Emission allocators by era (mechanism.md §15): which subnets emit, each subnet's share of the
 * block emission, the per-subnet injection terms, the price EMA and the flow EMAs, for every
 * `main` rule change between dTAO launch (spec 233) and HEAD (spec 425). See README.md.
 */
export * from './types.ts';
export * from './rules.ts';
export * from './eras.ts';
export { AllocatorInputError, type AllocatorInputErrorType } from './errors.ts';
export { getAlphaPrice, resolveSpotPrice } from './getAlphaPrice.ts';
export { isEmitting, getSubnetsToEmitTo } from './getSubnetsToEmitTo.ts';
export { getTaoWeight, rootProportion } from './rootProportion.ts';
export {
  DEFAULT_FLOW_EMA_SMOOTHING_FACTOR,
  flowSmoothing,
  getEmaFlow,
  type GetEmaFlowInput,
  type GetEmaFlowOutput,
} from './getEmaFlow.ts';
export { inplacePowNormalize, inplaceScale, safePow } from './inplacePowNormalize.ts';
export { flowParameters, getLowerLimit, getSharesFlow, netFlows, type GetSharesFlowOutput } from './getSharesFlow.ts';
export { getMovingAlphaPrice, getShares } from './getShares.ts';
export { getSubnetTerms, registrationGate, subnetTerms } from './getSubnetTerms.ts';
export {
  FIXED_EMA_HALVING_BLOCKS_246,
  movingPriceWeight,
  updateMovingPrice,
  updateMovingPrices,
} from './updateMovingPrice.ts';
