/**
 * The R218 block: `block_step` = registration-term adjustment, then `run_coinbase`, which in
 * the raonet runtime emits into every subnet **and drains every subnet (root included) through
 * `epoch_mock` every block** (mechanism.md §2, §5.1, §6.1, §8.10).
 *
 * Authority: `pallets/subtensor/src/coinbase/{block_step,run_coinbase,block_emission}.rs` and
 * `epoch/run_epoch.rs::epoch_mock` @ 1629c559b. The order of operations, the I96F32 rounding and
 * every `to_num` floor are kept, including quirks #1–#15 and #23 of §14.1.
 */
import { I32F32, I64F64, I96F32, type Arith } from '../../math/arith.ts';
import { subnetsInOrder } from '../../state/network.ts';
import type { AccountId, Netuid, SubnetState } from '../../state/types.ts';
import { blockEmissionForIssuance } from '../emission/blockEmission.ts';
import { swapAlphaForTao } from './pool.ts';
import { adjustRegistrationTermsForNetworks } from './registration.ts';
import { increaseStakeForHotkeyAndColdkeyOnSubnet, increaseStakeForHotkeyOnSubnet, stakeWeights } from './stake.ts';
import {
  childkeyTake,
  compareAccounts,
  delegateTake,
  divOrPanic,
  ownerCutFraction,
  ownerOf,
  parentsOf,
  taoWeightOf,
  totalHotkeyAlpha,
  u16Fraction,
  u64MaxFixed,
  uidsInKeyOrder,
} from './storage.ts';
import {
  type RaonetBlockRecord,
  type RaonetDividendTuple,
  type RaonetState,
  type RaonetSubnetRecord,
} from './types.ts';

/**
 * One R218 block: advances `state.block` by one, then runs `block_step` at that block number
 * (`on_initialize`): `adjust_registration_terms_for_networks`, then `run_coinbase`. Extrinsics of
 * the same block are applied afterwards at `state.block`, as on chain. Mutates `state`.
 *
 * @returns what a recorder / diff harness needs (per-subnet emission, injection, drain, dividends)
 * @throws {RuntimePanic} where the runtime panics (a zero block emission with subnets, quirk #2;
 *   a division by zero in the share pools). The state is then partly updated, as the runtime's
 *   block would be discarded: snapshot first if you need to recover.
 *
 * @example
 * ```ts
 * import { exactArith } from '../../math/arith.ts';
 * import { raonetGenesis } from './genesis.ts';
 * const state = raonetGenesis(exactArith);
 * const rec = raonetBlockStep(exactArith, state); // block 1 of mechanism.md §13.7
 * rec.subnets[1].dividends; // [910_002_289n]
 * ```
 */
export function raonetBlockStep<N>(A: Arith<N>, s: RaonetState<N>): RaonetBlockRecord<N> {
  s.block += 1;
  const adjusted = adjustRegistrationTermsForNetworks(A, s);
  const { blockEmission, subnets } = runCoinbase(A, s);
  return { block: s.block, blockEmission, subnets, adjusted };
}

/**
 * `get_block_emission_for_issuance` as the R218 runtime calls it: returns the emission (0 on the
 * runtime's `Err`) and, like the runtime, **writes `BlockEmission`** whenever it computes a value
 * (not on the `>= TotalSupply` early return nor on an error). The coinbase calls it for the TAO
 * issuance and again per dynamic subnet for its alpha issuance, so `BlockEmission` ends the block
 * holding the alpha emission of the last dynamic subnet (equal to the TAO one until an alpha
 * supply passes 10.5M).
 */
function blockEmissionWriting<N>(A: Arith<N>, s: RaonetState<N>, issuance: N): N {
  const supply = s.params.totalSupply;
  const iss = A.rao(issuance);
  const e = blockEmissionForIssuance(iss, { mode: A.mode, totalSupply: supply });
  if (e === null) return A.zero;
  if (iss < supply) s.blockEmission = A.amount(e);
  return A.amount(e);
}

/**
 * `run_coinbase` (R218). Shares by `SubnetTAO` grouped by mechanism, injection with the
 * `min(p/x, x/p)` rule, pending alpha, the 1-rao issuance quirk, then the drain of every subnet.
 */
export function runCoinbase<N>(A: Arith<N>, s: RaonetState<N>): { blockEmission: N; subnets: RaonetSubnetRecord<N>[] } {
  const block = s.block;
  const subnets = subnetsInOrder(s);
  const E = A.fromAmount(I96F32, blockEmissionWriting(A, s, s.totalIssuance));
  const records = new Map<Netuid, RaonetSubnetRecord<N>>();
  for (const sn of subnets) records.set(sn.netuid, emptyRecord(A, sn));

  // --- 4. SubnetTAO summed per mechanism (root skipped)
  let totalTao = A.zero;
  const mechTao = new Map<number, N>();
  for (const sn of subnets) {
    if (sn.netuid === 0) continue;
    const t = A.fromAmount(I96F32, sn.tao);
    mechTao.set(sn.mechanism, A.satAdd(I96F32, t, mechTao.get(sn.mechanism) ?? A.zero));
    totalTao = A.satAdd(I96F32, totalTao, t);
  }

  // --- 5. TAO emission per subnet: E_m = (T_m / T)·E, then E_m·(T_s / T_m), floored (quirk #3)
  const taoIn = new Map<Netuid, N>();
  for (const sn of subnets) {
    if (sn.netuid === 0) continue;
    const t = A.fromAmount(I96F32, sn.tao);
    const tm = mechTao.get(sn.mechanism) ?? A.zero;
    const pm = A.checkedDiv(I96F32, tm, totalTao) ?? A.zero;
    const em = A.satMul(I96F32, pm, E);
    const ps = A.checkedDiv(I96F32, t, tm) ?? A.zero;
    // `checked_mul(..).unwrap_or(0)`: E_m ≤ E and P_s ≤ 1, so the product cannot overflow here
    const e = A.toU64(I96F32, A.satMul(I96F32, em, ps));
    taoIn.set(sn.netuid, e);
    sn.emissionValue = e;
    records.get(sn.netuid)!.taoEmission = e;
  }

  // --- 6. Injection
  for (const sn of subnets) {
    if (sn.netuid === 0) continue;
    const rec = records.get(sn.netuid)!;
    const taoEmission = A.fromAmount(I96F32, taoIn.get(sn.netuid) ?? A.zero);
    // quirk #2: a plain division; E = 0 panics
    const x = divOrPanic(A, I96F32, taoEmission, E, 'run_coinbase: tao_emission / block_emission');
    const fx = A.toU64(I96F32, x);
    rec.emissionFraction = x;
    rec.issuanceAdded = fx;
    if (sn.mechanism === 1) {
      const a = A.fromAmount(I96F32, blockEmissionWriting(A, s, A.amountAdd(sn.alphaIn, sn.alphaOut)));
      const price = A.checkedDiv(I96F32, A.fromAmount(I96F32, sn.tao), A.fromAmount(I96F32, sn.alphaIn)) ?? A.zero;
      // quirk #4: alpha_in = min(p/x, x/p)·a
      const ratio = A.le(price, x) ? (A.checkedDiv(I96F32, price, x) ?? A.zero) : (A.checkedDiv(I96F32, x, price) ?? A.zero);
      const alphaIn = A.satMul(I96F32, ratio, a);
      // quirk #5: the difference is taken before flooring
      const alphaOut = A.satSub(I96F32, a, alphaIn);
      const injected = A.toU64(I96F32, alphaIn);
      const pending = A.toU64(I96F32, alphaOut);
      sn.alphaIn = A.amountAdd(sn.alphaIn, injected);
      sn.tao = A.amountAdd(sn.tao, A.toU64(I96F32, taoEmission));
      sn.pendingEmission = A.amountAdd(sn.pendingEmission, pending);
      // quirk #1: the fraction x, not the TAO amount, goes into TotalStake and TotalIssuance
      s.totalStake = A.amountAdd(s.totalStake, fx);
      s.totalIssuance = A.amountAdd(s.totalIssuance, fx);
      rec.alphaEmission = A.toU64(I96F32, a);
      rec.alphaInjected = injected;
      rec.pendingAdded = pending;
      rec.taoAdded = A.toU64(I96F32, taoEmission);
    } else {
      // quirk #7: stable subnets get floor(x) everywhere
      sn.tao = A.amountAdd(sn.tao, fx);
      s.totalStake = A.amountAdd(s.totalStake, fx);
      s.totalIssuance = A.amountAdd(s.totalIssuance, fx);
      sn.pendingEmission = A.amountAdd(sn.pendingEmission, fx);
      rec.pendingAdded = fx;
      rec.taoAdded = fx;
    }
  }

  // --- 7. Drain every subnet, every block (quirk #8)
  for (const sn of subnets) drainSubnet(A, s, sn, block, records.get(sn.netuid)!);

  return { blockEmission: A.toU64(I96F32, E), subnets: subnets.map((sn) => records.get(sn.netuid)!) };
}

function emptyRecord<N>(A: Arith<N>, sn: SubnetState<N>): RaonetSubnetRecord<N> {
  return {
    netuid: sn.netuid,
    mechanism: sn.mechanism,
    taoEmission: A.zero,
    emissionFraction: A.zero,
    issuanceAdded: A.zero,
    taoAdded: A.zero,
    alphaEmission: A.zero,
    alphaInjected: A.zero,
    pendingAdded: A.zero,
    pendingDrained: A.zero,
    ownerCut: A.zero,
    ownerCutPaid: false,
    dividends: [],
    tuples: [],
    rootAlphaTotal: A.zero,
    rootTao: A.zero,
    rootTaoPaid: [],
    alphaOutClipped: A.zero,
  };
}

/** `run_coinbase` step 7 for one subnet (§6.1). */
function drainSubnet<N>(A: Arith<N>, s: RaonetState<N>, sn: SubnetState<N>, block: number, rec: RaonetSubnetRecord<N>): void {
  const netuid = sn.netuid;
  // 7.2 / 7.3
  const pending = sn.pendingEmission;
  sn.pendingEmission = A.zero;
  sn.blocksSinceLastStep = 0;
  sn.lastMechanismStepBlock = block;
  rec.pendingDrained = pending;

  // 7.4 owner cut: always deducted, paid only with both owner items stored (quirk #9)
  const ownerCut = A.toU64(I96F32, A.satMul(I96F32, A.fromAmount(I96F32, pending), ownerCutFraction(A, s)));
  rec.ownerCut = ownerCut;
  if (sn.owner !== null && sn.ownerHotkey !== null) {
    increaseStakeForHotkeyAndColdkeyOnSubnet(A, s, sn.ownerHotkey, sn.owner, netuid, ownerCut);
    rec.alphaOutClipped = A.amountAdd(rec.alphaOutClipped, A.amountSub(ownerCut, sn.alphaOut));
    sn.alphaOut = A.amountSub(sn.alphaOut, ownerCut); // quirk #9: subtracted, not added
    rec.ownerCutPaid = true;
  }
  const remaining = A.amountSub(pending, ownerCut);

  // 7.5 epoch_mock
  const emission = epochMock(A, s, netuid, remaining);
  rec.dividends = sn.neurons.emission.slice();

  // 7.6 dividends
  let totalRoot = A.zero;
  const rootDivs = new Map<AccountId, N>();
  const recorded = new Map<AccountId, N>(); // HotkeyDividendsPerSubnet(netuid, ·), cleared (quirk #23)
  s.raonet.hotkeyDividendsPerSubnet.set(netuid, recorded);
  const taoWeight = taoWeightOf(A, s, netuid);
  for (const [hotkey, incentive, dividend] of emission) {
    // 7.6.1 the (zero) incentive is staked anyway (quirk #11)
    increaseStakeForHotkeyAndColdkeyOnSubnet(A, s, hotkey, ownerOf(s, hotkey), netuid, incentive);
    sn.alphaOut = A.amountAdd(sn.alphaOut, incentive);
    // 7.6.2 parents first, self last (quirk #12)
    for (const [receiver, dj] of getParentDividends(A, s, hotkey, netuid, dividend)) {
      // 7.6.3.1 take of the receiver (quirk #13)
      const takeProp = u16Fraction(A, delegateTake(s, receiver));
      const take = A.satMul(I96F32, takeProp, A.fromAmount(I96F32, dj));
      const rest = A.satSub(I96F32, A.fromAmount(I96F32, dj), take);
      const takeRao = A.toU64(I96F32, take);
      increaseStakeForHotkeyAndColdkeyOnSubnet(A, s, receiver, ownerOf(s, receiver), netuid, takeRao);
      sn.alphaOut = A.amountAdd(sn.alphaOut, takeRao);
      // 7.6.3.3 split by the CHILD hotkey's stakes, read after the take was staked (quirk #14)
      const hotkeyTao = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, 0));
      const taoAsAlpha = A.satMul(I96F32, hotkeyTao, taoWeight);
      const hotkeyAlpha = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, netuid));
      const sum = A.satAdd(I96F32, hotkeyAlpha, taoAsAlpha);
      const alphaProp = A.checkedDiv(I96F32, hotkeyAlpha, sum) ?? A.zero;
      const rootProp = A.checkedDiv(I96F32, taoAsAlpha, sum) ?? A.zero;
      const alphaDivs = A.toU64(I96F32, A.satMul(I96F32, rest, alphaProp));
      const rootAlpha = A.toU64(I96F32, A.satMul(I96F32, rest, rootProp));
      rootDivs.set(receiver, A.amountAdd(rootDivs.get(receiver) ?? A.zero, rootAlpha));
      totalRoot = A.amountAdd(totalRoot, rootAlpha);
      increaseStakeForHotkeyOnSubnet(A, s, receiver, netuid, alphaDivs);
      sn.alphaOut = A.amountAdd(sn.alphaOut, alphaDivs);
      recorded.set(receiver, A.amountAdd(recorded.get(receiver) ?? A.zero, dj));
      const tuple: RaonetDividendTuple<N> = { hotkey, receiver, dividend: dj, take: takeRao, alphaDividend: alphaDivs, rootAlphaDividend: rootAlpha };
      rec.tuples.push(tuple);
    }
  }

  // 7.7 root dividends: sell the root share of alpha (quirk #15)
  rec.alphaOutClipped = A.amountAdd(rec.alphaOutClipped, A.amountSub(totalRoot, sn.alphaOut));
  const tao = swapAlphaForTao(A, s, netuid, totalRoot);
  rec.rootAlphaTotal = totalRoot;
  rec.rootTao = tao;
  const taoFixed = A.fromAmount(I96F32, tao);
  const totalFixed = A.fromAmount(I96F32, totalRoot);
  for (const receiver of [...rootDivs.keys()].sort(compareAccounts)) {
    const prop = A.checkedDiv(I96F32, A.fromAmount(I96F32, rootDivs.get(receiver)!), totalFixed) ?? A.zero;
    const pay = A.toU64(I96F32, A.satMul(I96F32, prop, taoFixed));
    // root stake of the receiver rises; SubnetTAO(0) and TotalStake do not
    increaseStakeForHotkeyOnSubnet(A, s, receiver, 0, pay);
    rec.rootTaoPaid.push([receiver, pay]);
  }
}

/**
 * `epoch_mock(netuid, emission)` (§8.10, quirk #10): normalized stake weights `S` (I64F64, then
 * truncated to I32F32), `dividend_i = floor(I96F32(S_i) · emission)`. Writes `StakeWeight`,
 * `PruningScores` (= S as u16), `Emission`, `Active` and `ValidatorPermit` all true, `Rank`,
 * `Trust`, `Consensus`, `Incentive`, `Dividends`, `ValidatorTrust` all 0. Returns
 * `(hotkey, incentive 0, dividend)` in `Keys` order.
 *
 * @example
 * epochMock(exactArith, state, 1, 910_002_289n); // [[ZERO_ACCOUNT, 0n, 910_002_289n]]
 */
export function epochMock<N>(A: Arith<N>, s: RaonetState<N>, netuid: Netuid, emission: N): Array<[AccountId, N, N]> {
  const sn = s.subnets.get(netuid)!;
  const nt = sn.neurons;
  const n = nt.hotkeys.length;
  const { total } = stakeWeights(A, s, netuid);
  let sum = A.zero;
  for (const v of total) sum = A.add(I64F64, sum, v);
  const normalized = A.isZero(sum) ? total : total.map((v) => A.checkedDiv(I64F64, v, sum) ?? A.zero);
  const stake = normalized.map((v) => A.convert(I64F64, I32F32, v));
  const u16Max32 = A.fromAmount(I32F32, A.amount(65535));
  const stakeU16 = stake.map((v) => Number(A.rao(A.toU64(I32F32, A.satMul(I32F32, v, u16Max32)))));
  const em = A.fromAmount(I96F32, emission);
  const dividends = stake.map((v) => A.toU64(I96F32, A.satMul(I96F32, A.convert(I32F32, I96F32, v), em)));
  nt.stakeWeight = stakeU16;
  nt.active = new Array(n).fill(true);
  nt.emission = dividends;
  nt.rank = new Array(n).fill(0);
  nt.trust = new Array(n).fill(0);
  nt.consensus = new Array(n).fill(0);
  nt.incentive = new Array(n).fill(0);
  nt.dividends = new Array(n).fill(0);
  nt.pruningScores = stakeU16.slice();
  nt.validatorTrust = new Array(n).fill(0);
  nt.validatorPermit = new Array(n).fill(true);
  return uidsInKeyOrder(n).map((uid) => [nt.hotkeys[uid], A.zero, dividends[uid]] as [AccountId, N, N]);
}

/**
 * `get_parent_dividends(hotkey, netuid, dividends)` (R218, §6.4, quirk #12): each parent `p`
 * contributes `(TotalHotkeyAlpha(p, s) + TotalHotkeyAlpha(p, 0)·tao_weight)·prop_p`; its share is
 * `floor(d · contrib_p / Σ contrib)` minus the child's take `floor(ck · share)`. The hotkey
 * itself gets `d − Σ parent amounts` (its own stake is not in the denominator). Parents first,
 * self last.
 *
 * @example
 * getParentDividends(exactArith, state, child, 1, 1_000n); // [[parent, 900n], [child, 100n]]
 */
export function getParentDividends<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid, dividends: N): Array<[AccountId, N]> {
  const out: Array<[AccountId, N]> = [];
  const validating = A.fromAmount(I96F32, dividends);
  const ck = u16Fraction(A, childkeyTake(s, hotkey, netuid));
  const taoWeight = taoWeightOf(A, s, netuid);
  const max = u64MaxFixed(A);
  let total = A.zero;
  const contributions: Array<[AccountId, N]> = [];
  for (const [proportion, parent] of parentsOf(s, hotkey, netuid)) {
    const pp = A.checkedDiv(I96F32, A.fromAmount(I96F32, A.amount(proportion)), max) ?? A.zero;
    const parentRoot = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, parent, 0));
    const parentAlpha = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, parent, netuid));
    const combined = A.satAdd(I96F32, A.satMul(I96F32, parentAlpha, pp), A.satMul(I96F32, A.satMul(I96F32, parentRoot, pp), taoWeight));
    total = A.satAdd(I96F32, total, combined);
    contributions.push([parent, combined]);
  }
  let toParents = A.zero;
  for (const [parent, contribution] of contributions) {
    const factor = A.checkedDiv(I96F32, contribution, total) ?? A.zero;
    const share = A.toU64(I96F32, A.satMul(I96F32, validating, factor));
    const childTake = A.toU64(I96F32, A.satMul(I96F32, ck, A.fromAmount(I96F32, share)));
    const parentAmount = A.amountSub(share, childTake);
    out.push([parent, parentAmount]);
    toParents = A.amountAdd(toParents, parentAmount);
  }
  out.push([hotkey, A.amountSub(A.toU64(I96F32, validating), toParents)]);
  return out;
}

