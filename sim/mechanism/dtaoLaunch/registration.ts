/**
 * Registration at L233 (§10, subtensor e2b8367b8):
 * - the interval burn adjustment (`adjust_registration_terms_for_networks`, `upgraded_burn` in
 *   `coinbase/block_step.rs`);
 * - `burned_register` (`subnets/registration.rs::do_burned_registration`): the burn buys alpha
 *   which is burned (`SubnetAlphaOut −= alpha`), the uid is appended or the lowest pruning
 *   score is replaced (`register_neuron`, `get_neuron_to_prune`, `subnets/uids.rs`);
 * - `register_network` (`subnets/subnet.rs::do_register_network`, lock cost in
 *   `coinbase/root.rs::get_network_lock_cost`): the pool starts with `NetworkMinLockCost` TAO and
 *   as much alpha; the rest of the lock is burned from `TotalIssuance`.
 *
 * PoW registration and difficulty are not modelled: every registration is a burned one, so
 * `BurnRegistrationsThisInterval = RegistrationsThisInterval` and `POWRegistrationsThisInterval = 0`.
 */
import { appendNeuron } from '../../state/neurons.ts';
import type { Arith } from '../../math/arith.ts';
import { I110F18, I64F64 } from '../../math/arith.ts';
import { createSubnet, emptyNeurons, subnetsInOrder } from '../../state/network.ts';
import type { AccountId, NetworkState, Netuid, SubnetHyperparameters, SubnetState } from '../../state/types.ts';
import { RuntimeError, type ActionResult } from '../runtimeError.ts';
import { canRemoveBalance, recordLostTao, withdrawBalance, withdrawableAmount } from './balances.ts';
import { blockEmissionFor } from './emission.ts';
import { DEFAULT_BURN, DEFAULT_MAX_REGISTRATIONS_PER_BLOCK, U64_MAX, U16_MAX, ZERO_ACCOUNT, newSubnetHyperparameters } from './constants.ts';
import { swapTaoForAlpha } from './pool.ts';
import { coldkeyOwnsHotkey, createAccountIfNonExistent, hotkeyExists, ownerOf, subnetOwnerOf } from './util.ts';

/**
 * `upgraded_burn` (I110F18): updated = burn·(regs + target)/(2·target);
 * next = α·burn + (1 − α)·updated with α = AdjustmentAlpha/u64::MAX; clamped to [MinBurn, MaxBurn].
 * @example upgradedBurn(exactArith, 1_000_000_000n, 0, 1, 0n, 1n, 100_000_000_000n) // 500_000_000n
 */
export function upgradedBurn<N>(
  A: Arith<N>,
  burn: N,
  registrations: number,
  target: number,
  adjustmentAlpha: bigint,
  minBurn: bigint,
  maxBurn: bigint,
): N {
  const T = I110F18;
  const regsPlusTarget = Math.min(U16_MAX, registrations + target);
  const twoTarget = Math.min(U16_MAX, target + target);
  const updated = A.safeDiv(
    T,
    A.satMul(T, A.fromAmount(T, burn), A.fromAmount(T, A.amount(regsPlusTarget))),
    A.fromAmount(T, A.amount(twoTarget)),
  );
  const alpha = A.safeDiv(T, A.fromAmount(T, A.amount(adjustmentAlpha)), A.fromAmount(T, A.amount(U64_MAX)));
  const next = A.satAdd(
    T,
    A.satMul(T, alpha, A.fromAmount(T, burn)),
    A.satMul(T, A.satSub(T, A.c(T, 1), alpha), updated),
  );
  if (A.le(A.fromAmount(T, A.amount(maxBurn)), next)) return A.amount(maxBurn);
  if (A.le(next, A.fromAmount(T, A.amount(minBurn)))) return A.amount(minBurn);
  return A.toU64(T, next);
}

/**
 * `adjust_registration_terms_for_networks` (mutates): for every subnet whose
 * `AdjustmentInterval` has passed since `LastAdjustmentBlock`, the six-case rule with no PoW
 * registrations: more registrations than the target → burn up (case B); none → burn down (case
 * E); 1..target → difficulty only (case D: burn unchanged). Counters reset; every subnet's
 * `RegistrationsThisBlock` resets. Returns the netuids whose burn was recomputed.
 */
export function adjustRegistrationTerms<N>(A: Arith<N>, s: NetworkState<N>): Netuid[] {
  const adjusted: Netuid[] = [];
  for (const sub of subnetsInOrder(s)) {
    const h = sub.hyper;
    if (s.block - sub.lastAdjustmentBlock >= h.adjustmentInterval) {
      const regs = sub.registrationsThisInterval;
      const target = h.targetRegistrationsPerInterval;
      const burnRegs = regs; // no PoW registrations in taosim
      const powRegs = 0;
      const adjustBurn = regs > target ? powRegs <= burnRegs : powRegs >= burnRegs;
      if (adjustBurn) {
        sub.burn = upgradedBurn(A, sub.burn, regs, target, h.adjustmentAlpha, h.minBurn, h.maxBurn);
        adjusted.push(sub.netuid);
      }
      sub.lastAdjustmentBlock = s.block;
      sub.registrationsThisInterval = 0;
    }
    sub.registrationsThisBlock = 0;
  }
  return adjusted;
}

/** `append_neuron` (`subnets/uids.rs` @ e2b8367b8): shared with the other profiles. */
export { appendNeuron };

/**
 * `replace_neuron`: the uid gets the new hotkey, registration block and `Active = true`;
 * `Emission`, `Trust`, `Consensus`, `Incentive`, `Dividends` are zeroed; its weights, bonds,
 * `LastUpdate`, permit, rank, stake weight and pruning score stay as they were. A uid whose
 * hotkey belongs to the subnet owner's coldkey is not replaced (returns false).
 */
export function replaceNeuron<N>(A: Arith<N>, s: NetworkState<N>, sub: SubnetState<N>, uid: number, hotkey: AccountId): boolean {
  const nt = sub.neurons;
  const old = nt.hotkeys[uid] ?? ZERO_ACCOUNT;
  if (subnetOwnerOf(sub) === ownerOf(s, old)) return false;
  nt.hotkeys[uid] = hotkey;
  nt.active[uid] = true;
  nt.blockAtRegistration[uid] = s.block;
  nt.emission[uid] = A.zero;
  nt.trust[uid] = 0;
  nt.consensus[uid] = 0;
  nt.incentive[uid] = 0;
  nt.dividends[uid] = 0;
  return true;
}

/**
 * `get_neuron_to_prune`: the lowest `PruningScores` among non-immune uids (ties: earliest
 * registration), else among immune ones; uids of the owner's coldkey are skipped. Sets the
 * chosen uid's pruning score to 65535 (mutates).
 */
export function neuronToPrune<N>(s: NetworkState<N>, sub: SubnetState<N>): number {
  const nt = sub.neurons;
  const n = nt.hotkeys.length;
  if (n === 0) return 0;
  let minScore = U16_MAX;
  let minScoreImmune = U16_MAX;
  let earliest = Number.MAX_SAFE_INTEGER;
  let earliestImmune = Number.MAX_SAFE_INTEGER;
  let uidToPrune = 0;
  let uidToPruneImmune = 0;
  let foundNonImmune = false;
  const owner = subnetOwnerOf(sub);
  for (let uid = 0; uid < n; uid++) {
    if (owner === ownerOf(s, nt.hotkeys[uid])) continue;
    const score = nt.pruningScores[uid] ?? 0;
    const reg = nt.blockAtRegistration[uid] ?? 0;
    const immune = Math.max(0, s.block - reg) < sub.hyper.immunityPeriod;
    if (immune) {
      if (score < minScoreImmune || (score === minScoreImmune && reg < earliestImmune)) {
        minScoreImmune = score;
        earliestImmune = reg;
        uidToPruneImmune = uid;
      }
    } else {
      foundNonImmune = true;
      if (score < minScore || (score === minScore && reg < earliest)) {
        minScore = score;
        earliest = reg;
        uidToPrune = uid;
      }
    }
  }
  const uid = foundNonImmune ? uidToPrune : uidToPruneImmune;
  nt.pruningScores[uid] = U16_MAX;
  return uid;
}

/** `register_neuron`: append below `MaxAllowedUids`, else replace the neuron to prune. Returns the uid. */
export function registerNeuron<N>(A: Arith<N>, s: NetworkState<N>, sub: SubnetState<N>, hotkey: AccountId): number {
  if (sub.neurons.hotkeys.length < sub.hyper.maxAllowedUids) return appendNeuron(A, sub, hotkey, s.block);
  const uid = neuronToPrune(s, sub);
  replaceNeuron(A, s, sub, uid, hotkey);
  return uid;
}

/** Options for `burnedRegister` (L233 storage the shared state does not hold). */
export interface BurnedRegisterOptions {
  /** `MaxRegistrationsPerBlock(netuid)` (default 1) */
  maxRegistrationsPerBlock?: number;
}

/** `NeuronRegistered` plus the amounts moved. */
export interface BurnedRegisterEvent<N> {
  uid: number;
  /** TAO withdrawn and swapped into the pool */
  taoPaid: N;
  /** alpha bought and burned (`SubnetAlphaOut −= alpha`) */
  alphaBurned: N;
  /** `RAORecycledForRegistration` increment (the subnet's `Burn`) */
  raoRecycled: N;
  /** the uid's previous hotkey when it was pruned; false when the owner-protected uid was kept (burn paid, nothing registered) */
  replaced: AccountId | null;
  registered: boolean;
}

/**
 * `burned_register(netuid, hotkey)` signed by `coldkey`.
 * Errors in the runtime's order: `RegistrationNotPermittedOnRootSubnet`, `SubNetworkDoesNotExist`,
 * `SubNetRegistrationDisabled`, `TooManyRegistrationsThisBlock`, `TooManyRegistrationsThisInterval`,
 * `HotKeyAlreadyRegisteredInSubNet`, `NotEnoughBalanceToStake`, `NonAssociatedColdKey`,
 * `NoNeuronIdAvailable`, `ZeroBalanceAfterWithdrawn`. A rejected call changes nothing.
 * @example burnedRegister(exactArith, state, { coldkey: 'ck', hotkey: 'hk', netuid: 1 })
 */
export function burnedRegister<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId; netuid: Netuid },
  opts: BurnedRegisterOptions = {},
): ActionResult<BurnedRegisterEvent<N>> {
  const fail = (v: string, d?: string) => ({ ok: false as const, error: new RuntimeError(v, d) });
  if (x.netuid === 0) return fail('RegistrationNotPermittedOnRootSubnet');
  const sub = s.subnets.get(x.netuid);
  if (!sub) return fail('SubNetworkDoesNotExist');
  if (!sub.hyper.registrationAllowed) return fail('SubNetRegistrationDisabled');
  if (sub.registrationsThisBlock >= (opts.maxRegistrationsPerBlock ?? DEFAULT_MAX_REGISTRATIONS_PER_BLOCK))
    return fail('TooManyRegistrationsThisBlock');
  if (sub.registrationsThisInterval >= Math.min(U16_MAX, sub.hyper.targetRegistrationsPerInterval * 3))
    return fail('TooManyRegistrationsThisInterval');
  if (sub.neurons.hotkeys.includes(x.hotkey)) return fail('HotKeyAlreadyRegisteredInSubNet');
  const cost = sub.burn;
  if (!canRemoveBalance(A, s, x.coldkey, cost)) return fail('NotEnoughBalanceToStake');
  // create_account_if_non_existent happens here; a hotkey owned by another coldkey fails next
  if (hotkeyExists(s, x.hotkey) && !coldkeyOwnsHotkey(s, x.coldkey, x.hotkey)) return fail('NonAssociatedColdKey');
  if (sub.hyper.maxAllowedUids === 0) return fail('NoNeuronIdAvailable');
  if (!A.isZero(cost) && A.isZero(withdrawableAmount(A, s, x.coldkey, cost))) return fail('ZeroBalanceAfterWithdrawn');

  createAccountIfNonExistent(s, x.coldkey, x.hotkey);
  const paid = withdrawBalance(A, s, x.coldkey, cost);
  const swap = swapTaoForAlpha(A, s, x.netuid, paid);
  if (swap.refused) recordLostTao(A, s, paid); // the pool refused: the withdrawn TAO went nowhere
  sub.alphaOut = A.amountSub(sub.alphaOut, swap.out);
  const n = sub.neurons.hotkeys.length;
  let uid: number;
  let replaced: AccountId | null = null;
  let registered = true;
  if (n < sub.hyper.maxAllowedUids) uid = appendNeuron(A, sub, x.hotkey, s.block);
  else {
    uid = neuronToPrune(s, sub);
    const old = sub.neurons.hotkeys[uid];
    registered = replaceNeuron(A, s, sub, uid, x.hotkey);
    replaced = registered ? old : null;
  }
  sub.registrationsThisInterval = Math.min(U16_MAX, sub.registrationsThisInterval + 1);
  sub.registrationsThisBlock = Math.min(U16_MAX, sub.registrationsThisBlock + 1);
  return { ok: true, value: { uid, taoPaid: paid, alphaBurned: swap.out, raoRecycled: sub.burn, replaced, registered } };
}

/**
 * `get_lock_reduction_interval`: `NetworkLockReductionInterval · (E / 1e9)` in I64F64 with E the
 * current block emission (so the interval halves with the emission; `get_block_emission` also
 * writes `BlockEmission`).
 */
export function lockReductionInterval<N>(A: Arith<N>, s: NetworkState<N>): bigint {
  const interval = A.fromAmount(I64F64, A.amount(s.params.networkLockReductionInterval));
  const e = A.fromAmount(I64F64, blockEmissionFor(A, s, s.totalIssuance));
  const halving = A.checkedDiv(I64F64, e, A.fromAmount(I64F64, A.amount(1_000_000_000n))) ?? A.zero;
  return A.rao(A.toU64(I64F64, A.satMul(I64F64, interval, halving)));
}

/**
 * `get_network_lock_cost`: max(min_lock, m·last_lock − (last_lock / interval)·(now − last_block)),
 * m = 1 if no subnet was ever registered (last block 0), else 2; integer math, saturating.
 */
export function networkLockCost<N>(A: Arith<N>, s: NetworkState<N>): bigint {
  const p = s.params;
  const last = p.networkLastLockCost;
  const interval = lockReductionInterval(A, s);
  const mult = p.networkLastRegistered === 0 ? 1n : 2n;
  const perBlock = interval === 0n ? 0n : last / interval;
  const elapsed = BigInt(Math.max(0, s.block - p.networkLastRegistered));
  const sat = (x: bigint) => (x > U64_MAX ? U64_MAX : x);
  const gross = sat(last * mult);
  const reduction = sat(perBlock * elapsed);
  const cost = gross > reduction ? gross - reduction : 0n;
  return cost < p.networkMinLockCost ? p.networkMinLockCost : cost;
}

/** `get_next_netuid`: the lowest unused netuid ≥ 1. */
export function nextNetuid<N>(s: NetworkState<N>): Netuid {
  let n = 1;
  while (s.subnets.has(n)) n++;
  return n;
}

/** `NetworkAdded` plus the amounts moved. */
export interface RegisterNetworkEvent<N> {
  netuid: Netuid;
  /** lock withdrawn from the coldkey */
  lock: N;
  /** TAO put in the new pool (`NetworkMinLockCost`) and burned from `TotalIssuance` (lock − pool) */
  poolTao: N;
  burned: N;
  /** TAO the pool got beyond what was withdrawn (only if the withdrawal was cut short by the existential deposit) */
  taoCreated: N;
}

/** Options for `registerNetwork`. */
export interface RegisterNetworkOptions {
  /** hyperparameters of the new subnet (default: what `init_new_network` writes over the runtime defaults) */
  hyper?: Partial<SubnetHyperparameters>;
}

/**
 * `register_network(hotkey)` signed by `coldkey` (mechanism 1).
 * Errors in order: `NonAssociatedColdKey`, `NetworkTxRateLimitExceeded`, `NotEnoughBalanceToStake`,
 * `ZeroBalanceAfterWithdrawn`. A rejected call changes nothing.
 */
export function registerNetwork<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  x: { coldkey: AccountId; hotkey: AccountId },
  opts: RegisterNetworkOptions = {},
): ActionResult<RegisterNetworkEvent<N>> {
  const fail = (v: string, d?: string) => ({ ok: false as const, error: new RuntimeError(v, d) });
  if (hotkeyExists(s, x.hotkey) && !coldkeyOwnsHotkey(s, x.coldkey, x.hotkey)) return fail('NonAssociatedColdKey');
  const p = s.params;
  if (Math.max(0, s.block - p.networkLastRegistered) < p.networkRateLimit) return fail('NetworkTxRateLimitExceeded');
  const before = s.blockEmission;
  const lockRao = networkLockCost(A, s);
  const lock = A.amount(lockRao);
  if (!canRemoveBalance(A, s, x.coldkey, lock)) {
    s.blockEmission = before; // the failed call is rolled back
    return fail('NotEnoughBalanceToStake');
  }
  if (!A.isZero(lock) && A.isZero(withdrawableAmount(A, s, x.coldkey, lock))) {
    s.blockEmission = before;
    return fail('ZeroBalanceAfterWithdrawn');
  }
  const netuid = nextNetuid(s);
  const actual = withdrawBalance(A, s, x.coldkey, lock);
  p.networkLastLockCost = A.rao(actual);
  const sub = createSubnet(A, netuid, newSubnetHyperparameters(opts.hyper), {
    mechanism: 1,
    burn: A.amount(DEFAULT_BURN),
    neurons: emptyNeurons<N>(),
  });
  s.subnets.set(netuid, sub);
  createAccountIfNonExistent(s, x.coldkey, x.hotkey);
  appendNeuron(A, sub, x.hotkey, s.block);
  p.networkLastRegistered = s.block;
  sub.registeredAt = s.block;
  const poolTao = A.amount(p.networkMinLockCost);
  sub.tao = poolTao;
  sub.alphaIn = poolTao;
  sub.owner = x.coldkey;
  sub.ownerHotkey = x.hotkey;
  const burned = A.amountSub(actual, poolTao);
  if (!A.isZero(burned)) s.totalIssuance = A.amountSub(s.totalIssuance, burned);
  return { ok: true, value: { netuid, lock: actual, poolTao, burned, taoCreated: A.amountSub(poolTao, actual) } };
}
