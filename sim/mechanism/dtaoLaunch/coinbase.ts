/**
 * The per-block step of the `dtao-launch` profile (spec 233, subtensor e2b8367b8): `block_step`
 * (`coinbase/block_step.rs`) and `run_coinbase` (`coinbase/run_coinbase.rs`), §2 column L233.
 *
 * 1. Registration burn adjustment of every subnet whose interval is over (`registration.ts`).
 * 2. Block emission E = f(TotalIssuance) (§4).
 * 3. `run_coinbase(E)`:
 *    a. shares by moving price: tao_in_s = E·mp_s/Σmp; alpha_in_s = min(tao_in_s/price_s, a_s)
 *       with a_s = f(alpha issuance); alpha_out_s = a_s; tao_in_s = 0 if registration is off
 *       and PoW registration on;
 *    b. injection: SubnetAlphaIn += ⌊alpha_in⌋, SubnetAlphaOut += ⌊alpha_out⌋, SubnetTAO,
 *       TotalStake and TotalIssuance += ⌊tao_in⌋;
 *    c. owner cut: PendingOwnerCut += ⌊alpha_out·cut⌋, alpha_out −= alpha_out·cut;
 *    d. root share: root_alpha = W/(W + issuance)·alpha_out·½ with W = SubnetTAO(0)·tao_weight,
 *       sold through the pool now: PendingRootDivs += TAO, PendingAlphaSwapped += ⌊root_alpha⌋,
 *       PendingEmission += ⌊alpha_out − root_alpha⌋;
 *    e. moving prices (spec 233: uncapped EMA of the spot price);
 *    f. subnets whose epoch is due: counters, drain (`drain.ts`); others BlocksSinceLastStep += 1;
 *    g. pending childkeys of every subnet.
 *
 * The function runs `on_initialize` of block `state.block`; the caller advances the block
 * number. CRv3 commit reveals are not modelled.
 */
import type { Arith } from '../../math/arith.ts';
import { I96F32 } from '../../math/arith.ts';
import type { NetworkState, Netuid } from '../../state/types.ts';
import { subnetsInOrder } from '../../state/network.ts';
import { applyPendingChildren, type ChildkeyScheduler } from './childkeys.ts';
import { drainPendingEmission, type DrainRecord } from './drain.ts';
import { blockEmissionFor } from './emission.ts';
import { alphaPrice, movingAlphaPrice, swapAlphaForTao, updateMovingPrice } from './pool.ts';
import { adjustRegistrationTerms } from './registration.ts';
import { taoWeightFloat, u16ProportionI96 } from './util.ts';

/** What the coinbase did for one subnet in one block. */
export interface SubnetBlockRecord<N> {
  netuid: Netuid;
  /** spot price and moving price used for the shares (I96F32), and the moving price after the update */
  price: N;
  movingPrice: N;
  movingPriceAfter: N;
  /** `SubnetTaoInEmission`, `SubnetAlphaInEmission`, `SubnetAlphaOutEmission` (u64) */
  taoIn: N;
  alphaIn: N;
  alphaOut: N;
  /** `PendingOwnerCut` increment */
  ownerCut: N;
  /** root proportion (I96F32) */
  rootProportion: N;
  /** `PendingAlphaSwapped` increment (⌊root_alpha⌋) and what the pool actually took (0 if it refused) */
  rootAlpha: N;
  rootAlphaSold: N;
  /** `PendingRootDivs` increment (TAO) */
  rootTao: N;
  /** `PendingEmission` increment */
  pendingAlpha: N;
  /** whether the epoch ran (and the drain) this block */
  epochRan: boolean;
}

/** One block of the dtao-launch runtime. */
export interface BlockRecord<N> {
  block: number;
  /** E = f(TotalIssuance) used for the shares (u64) */
  blockEmission: N;
  /** netuids whose burn was adjusted this block */
  burnAdjusted: Netuid[];
  subnets: SubnetBlockRecord<N>[];
  drains: DrainRecord<N>[];
  /** hotkeys whose pending children were applied, per netuid */
  childkeysApplied: Array<[Netuid, string[]]>;
}

/** Options of a block step. */
export interface BlockStepOptions {
  /** where `PendingChildKeys` live (none: no pending children) */
  childkeys?: ChildkeyScheduler;
}

/**
 * `blocks_until_next_epoch(netuid, tempo, block)`: tempo − ((block + netuid + 1) mod (tempo + 1)),
 * u64::MAX for tempo 0.
 * @example blocksUntilNextEpoch(1, 10, 5) // 3 (tests/emission.rs @ e2b8367b8)
 */
export function blocksUntilNextEpoch(netuid: number, tempo: number, block: number): number {
  if (tempo === 0) return Number.MAX_SAFE_INTEGER;
  const remainder = (block + netuid + 1) % (tempo + 1);
  return tempo - remainder;
}

/**
 * `should_run_epoch`: `blocks_until_next_epoch == 0`, i.e. `(block + netuid + 1) mod (tempo + 1)
 * == tempo` (once every tempo + 1 blocks; netuid 1 with tempo 99 runs at blocks 97, 197, …).
 */
export function shouldRunEpoch(netuid: number, tempo: number, block: number): boolean {
  return blocksUntilNextEpoch(netuid, tempo, block) === 0;
}

/**
 * `run_coinbase(block_emission)` (mutates the state).
 * @example runCoinbase(exactArith, state, 1_000_000_000n)
 */
export function runCoinbase<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  blockEmission: N,
  opts: BlockStepOptions = {},
): Pick<BlockRecord<N>, 'subnets' | 'drains' | 'childkeysApplied'> {
  const E = A.fromAmount(I96F32, blockEmission);
  const subnets = subnetsInOrder(s).filter((x) => x.netuid !== 0);

  // --- 2. Sum of moving prices.
  let totalMovingPrices = A.zero;
  for (const sub of subnets) totalMovingPrices = A.satAdd(I96F32, totalMovingPrices, movingAlphaPrice(A, sub));

  // --- 3. Subnet terms.
  const records: SubnetBlockRecord<N>[] = [];
  const terms = subnets.map((sub) => {
    const price = alphaPrice(A, sub);
    const movingPrice = movingAlphaPrice(A, sub);
    let taoIn = A.checkedDiv(I96F32, A.satMul(I96F32, E, movingPrice), totalMovingPrices) ?? A.zero;
    const alphaEmission = A.fromAmount(I96F32, blockEmissionFor(A, s, A.amountAdd(sub.alphaIn, sub.alphaOut)));
    const alphaIn = A.min(A.checkedDiv(I96F32, taoIn, price) ?? alphaEmission, alphaEmission);
    const alphaOut = alphaEmission;
    if (!sub.hyper.registrationAllowed && sub.hyper.powRegistrationAllowed) taoIn = A.zero;
    return { sub, price, movingPrice, taoIn, alphaIn, alphaOut };
  });

  // --- 4. Injection.
  for (const t of terms) {
    const { sub } = t;
    sub.alphaInEmission = A.toU64(I96F32, t.alphaIn);
    sub.alphaIn = A.amountAdd(sub.alphaIn, sub.alphaInEmission);
    sub.alphaOutEmission = A.toU64(I96F32, t.alphaOut);
    sub.alphaOut = A.amountAdd(sub.alphaOut, sub.alphaOutEmission);
    sub.taoInEmission = A.toU64(I96F32, t.taoIn);
    sub.tao = A.amountAdd(sub.tao, sub.taoInEmission);
    s.totalStake = A.amountAdd(s.totalStake, sub.taoInEmission);
    s.totalIssuance = A.amountAdd(s.totalIssuance, sub.taoInEmission);
  }

  // --- 5. Owner cuts.
  const cut = u16ProportionI96(A, s.params.subnetOwnerCut);
  const ownerCuts = terms.map((t) => {
    const ownerCut = A.satMul(I96F32, t.alphaOut, cut);
    t.alphaOut = A.satSub(I96F32, t.alphaOut, ownerCut);
    const rao = A.toU64(I96F32, ownerCut);
    t.sub.pendingOwnerCut = A.amountAdd(t.sub.pendingOwnerCut, rao);
    return rao;
  });

  // --- 6. Root dividends: sell the root share of alpha_out now.
  const half = A.c(I96F32, 0.5);
  terms.forEach((t, k) => {
    const { sub } = t;
    const rootTaoStake = A.fromAmount(I96F32, s.subnets.get(0)?.tao ?? A.zero);
    const issuance = A.fromAmount(I96F32, A.amountAdd(sub.alphaIn, sub.alphaOut));
    const taoWeight = A.satMul(I96F32, rootTaoStake, taoWeightFloat(A, s));
    const rootProportion = A.checkedDiv(I96F32, taoWeight, A.satAdd(I96F32, taoWeight, issuance)) ?? A.zero;
    const rootAlpha = A.satMul(I96F32, A.satMul(I96F32, rootProportion, t.alphaOut), half);
    const pendingAlpha = A.satSub(I96F32, t.alphaOut, rootAlpha);
    const rootAlphaRao = A.toU64(I96F32, rootAlpha);
    const sold = swapAlphaForTao(A, s, sub.netuid, rootAlphaRao);
    sub.pendingAlphaSwapped = A.amountAdd(sub.pendingAlphaSwapped, rootAlphaRao);
    const pendingRao = A.toU64(I96F32, pendingAlpha);
    sub.pendingEmission = A.amountAdd(sub.pendingEmission, pendingRao);
    sub.pendingRootDivs = A.amountAdd(sub.pendingRootDivs, sold.out);
    records.push({
      netuid: sub.netuid,
      price: t.price,
      movingPrice: t.movingPrice,
      movingPriceAfter: t.movingPrice,
      taoIn: sub.taoInEmission,
      alphaIn: sub.alphaInEmission,
      alphaOut: sub.alphaOutEmission,
      ownerCut: ownerCuts[k],
      rootProportion,
      rootAlpha: rootAlphaRao,
      rootAlphaSold: sold.refused ? A.zero : rootAlphaRao,
      rootTao: sold.out,
      pendingAlpha: pendingRao,
      epochRan: false,
    });
  });

  // --- 7. Moving prices, after their use above.
  subnets.forEach((sub, k) => {
    updateMovingPrice(A, s, sub);
    records[k].movingPriceAfter = sub.movingPrice;
  });

  // --- 7. Drain subnets whose epoch is due.
  const drains: DrainRecord<N>[] = [];
  subnets.forEach((sub, k) => {
    if (shouldRunEpoch(sub.netuid, sub.hyper.tempo, s.block)) {
      // (reveal_crv3_commits: commit-reveal is not modelled)
      sub.blocksSinceLastStep = 0;
      sub.lastMechanismStepBlock = s.block;
      const pendingAlpha = sub.pendingEmission;
      const pendingTao = sub.pendingRootDivs;
      const pendingSwapped = sub.pendingAlphaSwapped;
      const ownerCut = sub.pendingOwnerCut;
      sub.pendingEmission = A.zero;
      sub.pendingRootDivs = A.zero;
      sub.pendingAlphaSwapped = A.zero;
      sub.pendingOwnerCut = A.zero;
      drains.push(drainPendingEmission(A, s, sub.netuid, pendingAlpha, pendingTao, pendingSwapped, ownerCut));
      records[k].epochRan = true;
    } else {
      sub.blocksSinceLastStep += 1;
    }
  });

  // --- 8. Pending childkeys.
  const childkeysApplied: Array<[Netuid, string[]]> = [];
  if (opts.childkeys)
    for (const sub of subnets) {
      const applied = applyPendingChildren(s, opts.childkeys, sub.netuid);
      if (applied.length) childkeysApplied.push([sub.netuid, applied]);
    }

  return { subnets: records, drains, childkeysApplied };
}

/**
 * `block_step` of spec 233 for block `state.block` (mutates the state; returns what happened).
 * @example
 * const state = launchState(exactArith, preDtao);
 * state.block += 1;
 * const rec = dtaoLaunchBlockStep(exactArith, state);
 */
export function dtaoLaunchBlockStep<N>(A: Arith<N>, s: NetworkState<N>, opts: BlockStepOptions = {}): BlockRecord<N> {
  // --- 1. Adjust registration terms.
  const burnAdjusted = adjustRegistrationTerms(A, s);
  // --- 2. Block emission.
  const blockEmission = blockEmissionFor(A, s, s.totalIssuance);
  // --- 3. Coinbase (drains and pending children inside).
  const rest = runCoinbase(A, s, blockEmission, opts);
  // --- 4. `try_set_pending_children` for subnets whose epoch ran: already applied in step 8 of the coinbase.
  return { block: s.block, blockEmission, burnAdjusted, ...rest };
}
