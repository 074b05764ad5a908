/**
 * `drain_pending_emission` of L233 (§6.2, `coinbase/run_coinbase.rs` @ e2b8367b8): at a subnet's
 * epoch, the pending alpha, swapped alpha, root TAO dividends and owner cut are distributed.
 *
 * 1. The epoch runs on `pending_alpha + pending_swapped`: the alpha already sold for root
 *    dividends is emitted again.
 * 2. Incentives accumulate per hotkey; each dividend is split among the hotkey and its parents
 *    (§6.4) and accumulated per receiving hotkey (I96F32).
 * 3. Per receiving hotkey: root_divs = div · root_stake·tw / (alpha_stake + root_stake·tw), and
 *    **alpha_divs = div** (the full dividend, not div − root_divs; fixed upstream on 2025-02-19 in
 *    956263fbb).
 * 4. TAO dividends: pending_tao · root_divs / Σ root_divs.
 * 5. Payouts: owner cut (if `SubnetOwner` and `SubnetOwnerHotkey` exist), incentives, alpha
 *    dividends (take to the owner coldkey, the rest to all nominators; recorded in
 *    `AlphaDividendsPerSubnet`), TAO dividends on root likewise (`TaoDividendsPerSubnet`).
 *    `SubnetAlphaOut` is not touched; root TAO dividends raise root stake without `SubnetTAO(0)`.
 */
import type { Arith } from '../../math/arith.ts';
import { I96F32 } from '../../math/arith.ts';
import type { AccountId, NetworkState, Netuid } from '../../state/types.ts';
import { recordLostTao } from './balances.ts';
import { dividendsDistribution } from './childkeys.ts';
import { runEpoch, type EpochOnState } from './runEpoch.ts';
import { increaseStake, updateValueForAll } from './sharePool.ts';
import { hotkeyTakeFloat, ownerOf, sortedKeys, taoWeightFloat, totalHotkeyAlpha } from './util.ts';

/** What one drain did. Amounts are u64 rao (alpha on the subnet, TAO on root). */
export interface DrainRecord<N> {
  netuid: Netuid;
  block: number;
  /** drained `PendingEmission`, `PendingAlphaSwapped`, `PendingRootDivs` (TAO), `PendingOwnerCut` */
  pendingAlpha: N;
  pendingSwapped: N;
  pendingTao: N;
  ownerCut: N;
  /** the owner cut staked (0 when `SubnetOwner` or `SubnetOwnerHotkey` is missing) */
  ownerCutPaid: N;
  /** emission handed to the epoch: pending_alpha + pending_swapped */
  epochEmission: N;
  /** incentive staked per hotkey */
  incentives: Map<AccountId, N>;
  /** dividend per receiving hotkey after the parent split (I96F32 as the runtime holds it) */
  dividends: Map<AccountId, N>;
  /** root share of each receiver's dividend (I96F32) */
  rootDividends: Map<AccountId, N>;
  /** `AlphaDividendsPerSubnet(netuid, hotkey)`: alpha paid to the nominators (after take) */
  alphaDividendsPerSubnet: Map<AccountId, N>;
  /** alpha take staked to each hotkey's owner */
  alphaTakes: Map<AccountId, N>;
  /** `TaoDividendsPerSubnet(netuid, hotkey)`: TAO paid to root nominators (after take) */
  taoDividendsPerSubnet: Map<AccountId, N>;
  /** TAO take staked on root to each hotkey's owner */
  taoTakes: Map<AccountId, N>;
  /** totals staked on the subnet (owner cut + incentives + alpha takes + alpha dividends) and on root */
  alphaPaid: N;
  taoPaid: N;
  /** pending TAO not paid (rounding, or no receiver with root stake): it leaves circulation */
  taoUnpaid: N;
  /** the epoch's outputs */
  epoch: EpochOnState<N>;
}

/**
 * Distribute a subnet's drained pending amounts (the caller has already zeroed the pending
 * items). Mutates stakes and the neuron table; returns the record.
 */
export function drainPendingEmission<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  netuid: Netuid,
  pendingAlpha: N,
  pendingTao: N,
  pendingSwapped: N,
  ownerCut: N,
): DrainRecord<N> {
  const sub = s.subnets.get(netuid)!;
  const epochEmission = A.amountAdd(pendingAlpha, pendingSwapped);
  const epoch = runEpoch(A, s, netuid, epochEmission);

  // Accumulate incentives and (parent-split) dividends per hotkey.
  const incentives = new Map<AccountId, N>();
  const dividends = new Map<AccountId, N>();
  for (const [hotkey, incentive, dividend] of epoch.hotkeyEmission) {
    incentives.set(hotkey, A.amountAdd(incentives.get(hotkey) ?? A.zero, incentive));
    for (const [receiver, d] of dividendsDistribution(A, s, hotkey, netuid, dividend)) {
      const x = A.fromAmount(I96F32, d);
      const cur = dividends.get(receiver);
      dividends.set(receiver, cur === undefined ? x : A.satAdd(I96F32, cur, x));
    }
  }

  // Root/alpha split per receiver (stakes before any payout).
  const tw = taoWeightFloat(A, s);
  let totalRootDivs = A.zero;
  const rootDividends = new Map<AccountId, N>();
  const alphaDividends = new Map<AccountId, N>();
  for (const hotkey of sortedKeys(dividends)) {
    const dividend = dividends.get(hotkey)!;
    const alphaStake = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, netuid));
    const rootStake = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, 0));
    const rootAlpha = A.satMul(I96F32, rootStake, tw);
    const totalAlpha = A.satAdd(I96F32, alphaStake, rootAlpha);
    const rootProp = A.checkedDiv(I96F32, rootAlpha, totalAlpha) ?? A.zero;
    const rootDivs = A.satMul(I96F32, dividend, rootProp);
    // run_coinbase.rs @ e2b8367b8: alpha_dividends gets `dividend`, not `dividend - root_divs`
    alphaDividends.set(hotkey, dividend);
    rootDividends.set(hotkey, rootDivs);
    totalRootDivs = A.satAdd(I96F32, totalRootDivs, rootDivs);
  }
  const taoDividends = new Map<AccountId, N>();
  const pendingTaoF = A.fromAmount(I96F32, pendingTao);
  for (const hotkey of sortedKeys(rootDividends)) {
    const share = A.checkedDiv(I96F32, rootDividends.get(hotkey)!, totalRootDivs) ?? A.zero;
    taoDividends.set(hotkey, A.satMul(I96F32, pendingTaoF, share));
  }

  // Owner cut.
  let alphaPaid = A.zero;
  let ownerCutPaid = A.zero;
  if (sub.owner !== null && sub.ownerHotkey !== null) {
    increaseStake(A, s, sub.ownerHotkey, sub.owner, netuid, ownerCut);
    ownerCutPaid = ownerCut;
    alphaPaid = A.amountAdd(alphaPaid, ownerCut);
  }

  // Incentives.
  for (const hotkey of sortedKeys(incentives)) {
    const inc = incentives.get(hotkey)!;
    increaseStake(A, s, hotkey, ownerOf(s, hotkey), netuid, inc);
    alphaPaid = A.amountAdd(alphaPaid, inc);
  }

  // Alpha dividends.
  const alphaDividendsPerSubnet = new Map<AccountId, N>();
  const alphaTakes = new Map<AccountId, N>();
  for (const hotkey of sortedKeys(alphaDividends)) {
    let divs: N = alphaDividends.get(hotkey)!;
    const take = A.satMul(I96F32, hotkeyTakeFloat(A, s, hotkey), divs);
    divs = A.satSub(I96F32, divs, take);
    const takeRao = A.toU64(I96F32, take);
    const divsRao = A.toU64(I96F32, divs);
    increaseStake(A, s, hotkey, ownerOf(s, hotkey), netuid, takeRao);
    updateValueForAll(A, s, hotkey, netuid, divsRao);
    alphaTakes.set(hotkey, takeRao);
    alphaDividendsPerSubnet.set(hotkey, A.amountAdd(alphaDividendsPerSubnet.get(hotkey) ?? A.zero, divsRao));
    alphaPaid = A.amountAdd(alphaPaid, A.amountAdd(takeRao, divsRao));
  }

  // TAO dividends on root.
  const taoDividendsPerSubnet = new Map<AccountId, N>();
  const taoTakes = new Map<AccountId, N>();
  let taoPaid = A.zero;
  for (const hotkey of sortedKeys(taoDividends)) {
    let rootTao: N = taoDividends.get(hotkey)!;
    const take = A.satMul(I96F32, hotkeyTakeFloat(A, s, hotkey), rootTao);
    rootTao = A.satSub(I96F32, rootTao, take);
    const takeRao = A.toU64(I96F32, take);
    const restRao = A.toU64(I96F32, rootTao);
    increaseStake(A, s, hotkey, ownerOf(s, hotkey), 0, takeRao);
    updateValueForAll(A, s, hotkey, 0, restRao);
    taoTakes.set(hotkey, takeRao);
    taoDividendsPerSubnet.set(hotkey, A.amountAdd(taoDividendsPerSubnet.get(hotkey) ?? A.zero, restRao));
    taoPaid = A.amountAdd(taoPaid, A.amountAdd(takeRao, restRao));
  }
  const taoUnpaid = A.amountSub(pendingTao, taoPaid);
  recordLostTao(A, s, taoUnpaid);

  return {
    netuid,
    block: s.block,
    pendingAlpha,
    pendingSwapped,
    pendingTao,
    ownerCut,
    ownerCutPaid,
    epochEmission,
    incentives,
    dividends,
    rootDividends,
    alphaDividendsPerSubnet,
    alphaTakes,
    taoDividendsPerSubnet,
    taoTakes,
    alphaPaid,
    taoPaid,
    taoUnpaid,
    epoch,
  };
}
