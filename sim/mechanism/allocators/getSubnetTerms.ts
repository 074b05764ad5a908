/**
 * Per-subnet coinbase terms (`tao_in`, `alpha_in`, `alpha_out`, excess TAO) per era, in the
 * coinbase type, from the subnet's TAO emission, its alpha block emission
 * `a_s = f(SubnetAlphaIn + SubnetAlphaOut)` (§4) and its spot price:
 *
 * - `minCap` (A0–A4, `run_coinbase` step 3 @ e2b8367b8): `tao_in = tao_s`,
 *   `alpha_in = min(tao_in/p, a_s)` (`checked_div` failure → `a_s`), `alpha_out = a_s`;
 * - `subsidy` (B, C 334–341, @ 6309d3592 / 835a2c902): `r = tao_s/E` (`safe_div_or` 0); if
 *   `p < r`: `tao_in = p·E`, `alpha_in = a_s` (298–319) or `E` (320–341), `tao_s − tao_in` buys
 *   alpha (returned as `excessTao`); else `tao_in = tao_s`, `alpha_in = tao_in/p` (failure → `a_s`);
 * - `cap` (342+, `get_subnet_terms` @ 6a76ecc0d / 8834a7c73 / 6016381e4):
 *   `alpha_in = tao_s/p` (`safe_div_or` 0); above the cap (`a_s`; `min(a_s, E)` from 362;
 *   `root_prop·a_s` from 421) `alpha_in = cap`, `tao_in = cap·p`; `excess = tao_s − tao_in`.
 *
 * Registration gate (in the terms until spec 360): 233–237 `!reg && pow` zeroes `tao_in` (after
 * `alpha_in` was computed); 238–300 `!reg && !pow` zeroes `tao_in`; 301–360 it zeroes `tao_in`,
 * `alpha_in` and `alpha_out` but not the excess TAO, which still buys alpha.
 */
import { type Arith, U64F64 } from '../../math/arith.ts';
import { resolveSpotPrice } from './getAlphaPrice.ts';
import { alphaBlockEmission, alphaIssuance } from './internal.ts';
import { rootProportion } from './rootProportion.ts';
import type { AllocatorRules, RegistrationGateRule } from './rules.ts';
import type { AllocatorContext, AllocatorSubnet, GetSharesOutput, GetSubnetTermsOutput, SubnetTerms } from './types.ts';

/**
 * What the registration gate zeroes for a subnet with these flags.
 *
 * @example
 * ```ts
 * import { registrationGate } from './getSubnetTerms.ts';
 * registrationGate('regOffPowOnZeroTaoIn', false, true); // 'taoIn' (spec 233)
 * registrationGate('bothOffZeroAll', false, false);      // 'all'   (spec 301–360)
 * ```
 */
export function registrationGate(rule: RegistrationGateRule, reg: boolean, pow: boolean): 'none' | 'taoIn' | 'all' {
  switch (rule) {
    case 'regOffPowOnZeroTaoIn':
      return !reg && pow ? 'taoIn' : 'none';
    case 'bothOffZeroTaoIn':
      return !reg && !pow ? 'taoIn' : 'none';
    case 'bothOffZeroAll':
      return !reg && !pow ? 'all' : 'none';
    case 'none':
      return 'none';
  }
}

/**
 * Terms of one subnet given its TAO emission `taoEmission` (coinbase type).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { subnetTerms } from './getSubnetTerms.ts';
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const subnet = { state: { netuid: 1, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 1e9, alphaIn: 1e9, alphaOut: 0, movingPrice: 1, hyper }, inputs: { spotPrice: 0.5 } };
 * const ctx = { block: 100, blockEmission: 1e9, rootTao: 0, params: { taoWeight: 0n, movingAlpha: 3e-6, emaPriceHalvingBlocks: 201_600 } };
 * subnetTerms(fastArith, allocatorRulesForSpec(298), subnet, 7.5e8, ctx); // subsidized: taoIn 5e8, alphaIn 1e9, excessTao 2.5e8
 * ```
 */
export function subnetTerms<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnet: AllocatorSubnet<N>,
  taoEmission: N,
  ctx: AllocatorContext<N>,
): SubnetTerms<N> {
  const CT = rules.coinbaseType;
  const s = subnet.state;
  const e = A.fromAmount(CT, ctx.blockEmission);
  const issuance = alphaIssuance(A, s);
  const aS = A.fromAmount(CT, alphaBlockEmission(A, issuance));
  const price = A.convert(U64F64, CT, resolveSpotPrice(A, rules, subnet));
  let taoIn = taoEmission;
  let alphaIn: N;
  let alphaOut = aS;
  let excessTao = A.zero;
  let subsidized = false;
  let rp: N | null = null;

  const inj = rules.injection;
  if (inj.kind === 'minCap') {
    alphaIn = A.min(A.checkedDiv(CT, taoIn, price) ?? aS, aS);
  } else if (inj.kind === 'subsidy') {
    const ratio = A.checkedDiv(CT, taoEmission, e) ?? A.zero;
    if (A.lt(price, ratio)) {
      taoIn = A.satMul(CT, price, e);
      alphaIn = inj.subsidizedAlphaIn === 'alphaEmission' ? aS : e;
      excessTao = A.satSub(CT, taoEmission, taoIn);
      subsidized = true;
    } else {
      alphaIn = A.checkedDiv(CT, taoIn, price) ?? aS;
    }
  } else {
    alphaIn = A.checkedDiv(CT, taoEmission, price) ?? A.zero;
    let cap: N;
    if (inj.cap === 'alphaEmission') cap = aS;
    else if (inj.cap === 'minAlphaEmissionBlockEmission') cap = A.min(aS, e);
    else {
      rp = rootProportion(A, issuance, ctx.rootTao, ctx.params.taoWeight);
      cap = A.satMul(CT, rp, aS);
    }
    if (A.lt(cap, alphaIn)) {
      alphaIn = cap;
      taoIn = A.satMul(CT, alphaIn, price);
    }
    excessTao = A.satSub(CT, taoEmission, taoIn);
  }

  const gate = registrationGate(rules.registrationGate, s.hyper.registrationAllowed, s.hyper.powRegistrationAllowed);
  if (gate !== 'none') taoIn = A.zero;
  if (gate === 'all') {
    alphaIn = A.zero;
    alphaOut = A.zero;
  }
  return { netuid: s.netuid, alphaEmission: aS, price, taoIn, alphaIn, alphaOut, excessTao, subsidized, rootProportion: rp };
}

/**
 * Terms of every emitting subnet of `shares` (aligned with `shares.netuids`).
 *
 * @example
 * ```ts
 * import { fastArith } from '../../math/arith.ts';
 * import { allocatorRulesForSpec } from './rules.ts';
 * import { getShares } from './getShares.ts';
 * import { getSubnetTerms } from './getSubnetTerms.ts';
 * const rules = allocatorRulesForSpec(425);
 * const hyper = { registrationAllowed: true, powRegistrationAllowed: false };
 * const subnets = [{ state: { netuid: 1, mechanism: 1 as const, registeredAt: 0, firstEmissionBlock: 1, tao: 1e9, alphaIn: 1e9, alphaOut: 0, movingPrice: 1, hyper }, inputs: { spotPrice: 1 } }];
 * const ctx = { block: 100, blockEmission: 1e9, rootTao: 1e12, params: { taoWeight: (1n << 64n) - 1n, movingAlpha: 3e-6, emaPriceHalvingBlocks: 201_600 } };
 * getSubnetTerms(fastArith, rules, subnets, getShares(fastArith, rules, subnets, ctx), ctx).terms[0].alphaIn; // ≈ 9.99e8 (root_prop · a_s)
 * ```
 */
export function getSubnetTerms<N>(
  A: Arith<N>,
  rules: AllocatorRules,
  subnets: readonly AllocatorSubnet<N>[],
  shares: GetSharesOutput<N>,
  ctx: AllocatorContext<N>,
): GetSubnetTermsOutput<N> {
  return {
    coinbaseType: rules.coinbaseType,
    terms: shares.index.map((i, k) => subnetTerms(A, rules, subnets[i], shares.taoEmission[k], ctx)),
  };
}
