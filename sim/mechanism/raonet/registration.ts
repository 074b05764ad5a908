/**
 * R218 registration: neuron burn registration (`burned_register`), the interval adjustment of
 * burn and difficulty (`block_step.rs`), and subnet registration (`register_network`).
 *
 * Authority @ 1629c559b: `pallets/subtensor/src/subnets/{registration,uids,subnet,lock}.rs`,
 * `coinbase/block_step.rs`, `staking/helpers.rs`, the `SubtensorSignedExtension` in `lib.rs`
 * (mechanism.md §10.1, §10.2; quirks #21, #22).
 */
import { appendNeuron as appendNeuronShared } from '../../state/neurons.ts';
import { I110F18, type Arith } from '../../math/arith.ts';
import { createSubnet, subnetsInOrder } from '../../state/network.ts';
import type { AccountId, Netuid, SubnetHyperparameters, SubnetState } from '../../state/types.ts';
import { RuntimeError, type ActionResult } from '../runtimeError.ts';
import { swapTaoForAlpha } from './pool.ts';
import {
  applyWithdraw,
  canRemoveBalance,
  createAccountIfNonExistent,
  divOrPanic,
  hotkeyAccountExists,
  ownerOf,
  subnetExtras,
  subnetOf,
  withdrawableAmount,
} from './storage.ts';
import { RAONET, U64_MAX, type RaonetState, type RaonetSubnetExtras } from './types.ts';

// -----------------------------------------------------------------------------------------------
// Interval adjustment of burn and difficulty
// -----------------------------------------------------------------------------------------------

/**
 * `upgraded_burn` / `upgraded_difficulty` (same formula, I110F18): `updated = v · (regs + target)
 * / (2·target)` (u16 saturating sums; a zero target panics in `saturating_div`), `next = α·v +
 * (1 − α)·updated` with `α = AdjustmentAlpha / u64::MAX`, clamped to `[min, max]` (`>= max` → max,
 * `<= min` → min, else floor).
 *
 * @example
 * upgradedValue(exactArith, 1_000_000_000n, 0, 4, 0n, 1_000_000_000n, 100_000_000_000n); // 1_000_000_000n (min)
 */
export function upgradedValue<N>(A: Arith<N>, current: N, regs: number, target: number, alphaU64: bigint, min: N, max: N): N {
  const T = I110F18;
  const sumU16 = Math.min(regs + target, 65535);
  const twoTarget = Math.min(target + target, 65535);
  const updated = divOrPanic(
    A,
    T,
    A.satMul(T, A.fromAmount(T, current), A.fromAmount(T, A.amount(sumU16))),
    A.fromAmount(T, A.amount(twoTarget)),
    'upgraded_burn: saturating_div by 2·target',
  );
  const alpha = divOrPanic(A, T, A.fromAmount(T, A.amount(alphaU64)), A.fromAmount(T, A.amount(U64_MAX)), 'adjustment alpha');
  const one = A.fromAmount(T, A.amount(1));
  const next = A.satAdd(T, A.satMul(T, alpha, A.fromAmount(T, current)), A.satMul(T, A.satSub(T, one, alpha), updated));
  if (A.le(A.fromAmount(T, max), next)) return max;
  if (A.le(next, A.fromAmount(T, min))) return min;
  return A.toU64(T, next);
}

/**
 * `adjust_registration_terms_for_networks` (every block, every subnet in `NetworksAdded` order):
 * when `block − LastAdjustmentBlock >= AdjustmentInterval`, adjust burn and/or difficulty by the
 * six cases A–F (too many / too few registrations × PoW vs burn majority), then reset the
 * interval counters; `RegistrationsThisBlock` is reset every block. Returns the adjusted netuids.
 *
 * @example
 * adjustRegistrationTermsForNetworks(exactArith, state); // [] until block 100 at raonet genesis
 */
export function adjustRegistrationTermsForNetworks<N>(A: Arith<N>, s: RaonetState<N>): Netuid[] {
  const adjusted: Netuid[] = [];
  for (const sn of subnetsInOrder(s)) {
    const x = subnetExtras(s, sn.netuid);
    const h = sn.hyper;
    if (Math.max(0, s.block - sn.lastAdjustmentBlock) >= h.adjustmentInterval) {
      const regs = sn.registrationsThisInterval;
      const pow = x.powRegistrationsThisInterval;
      const burnRegs = x.burnRegistrationsThisInterval;
      const target = h.targetRegistrationsPerInterval;
      const burn = (): void => {
        sn.burn = upgradedValue(A, sn.burn, regs, target, h.adjustmentAlpha, A.amount(h.minBurn), A.amount(h.maxBurn));
      };
      const difficulty = (): void => {
        x.difficulty = upgradedValue(A, x.difficulty, regs, target, h.adjustmentAlpha, x.minDifficulty, x.maxDifficulty);
      };
      if (regs > target) {
        if (pow > burnRegs) difficulty(); // A
        else if (pow < burnRegs) burn(); // B
        else {
          burn(); // F
          difficulty();
        }
      } else if (pow > burnRegs) burn(); // C
      else if (pow < burnRegs) difficulty(); // D
      else {
        burn(); // E
        difficulty();
      }
      sn.lastAdjustmentBlock = s.block;
      sn.registrationsThisInterval = 0;
      x.powRegistrationsThisInterval = 0;
      x.burnRegistrationsThisInterval = 0;
      adjusted.push(sn.netuid);
    }
    sn.registrationsThisBlock = 0;
  }
  return adjusted;
}

// -----------------------------------------------------------------------------------------------
// Neuron slots
// -----------------------------------------------------------------------------------------------

/**
 * `append_neuron`: `SubnetworkN += 1` and one more entry in `Rank`, `Trust`, `Active` (true),
 * `Emission`, `Consensus`, `Incentive`, `Dividends`, `LastUpdate` (block), `PruningScores`,
 * `ValidatorTrust`, `ValidatorPermit` (false), plus `Keys`/`Uids`/`BlockAtRegistration`.
 * `StakeWeight` is not extended (the next `epoch_mock` rewrites it). Returns the new uid.
 */
export function appendNeuron<N>(A: Arith<N>, sn: SubnetState<N>, hotkey: AccountId, block: number): number {
  return appendNeuronShared(A, sn, hotkey, block, { extendStakeWeight: false });
}

/**
 * `get_neuron_to_prune`: the lowest `PruningScores` among non-immune uids (ties: earliest
 * registration, then lowest uid), else among immune ones; its score is set to 65535. Immune =
 * `block − BlockAtRegistration < ImmunityPeriod`. In raonet `PruningScores` is the last block's
 * stake weight (`epoch_mock`).
 */
export function getNeuronToPrune<N>(sn: SubnetState<N>, block: number): number {
  const nt = sn.neurons;
  const n = nt.hotkeys.length;
  if (n === 0) return 0;
  let minScore = 65535;
  let minImmune = 65535;
  let earliest = Number.POSITIVE_INFINITY;
  let earliestImmune = Number.POSITIVE_INFINITY;
  let uidPrune = 0;
  let uidPruneImmune = 0;
  let foundNonImmune = false;
  for (let uid = 0; uid < n; uid++) {
    const score = nt.pruningScores[uid] ?? 65535;
    const reg = nt.blockAtRegistration[uid] ?? 0;
    const immune = Math.max(0, block - reg) < sn.hyper.immunityPeriod;
    if (immune) {
      if (score < minImmune || (score === minImmune && reg < earliestImmune)) {
        minImmune = score;
        earliestImmune = reg;
        uidPruneImmune = uid;
      }
    } else {
      foundNonImmune = true;
      if (score < minScore || (score === minScore && reg < earliest)) {
        minScore = score;
        earliest = reg;
        uidPrune = uid;
      }
    }
  }
  const uid = foundNonImmune ? uidPrune : uidPruneImmune;
  if (uid < nt.pruningScores.length) nt.pruningScores[uid] = 65535;
  return uid;
}

/**
 * `register_neuron`: append while `SubnetworkN < MaxAllowedUids`, else replace the uid of
 * {@link getNeuronToPrune} (`replace_neuron`: new `Keys`/`Uids`, `BlockAtRegistration`, `Active`
 * true; the old hotkey keeps its stake; the other per-uid vectors are left as they are).
 */
export function registerNeuron<N>(A: Arith<N>, sn: SubnetState<N>, hotkey: AccountId, block: number): { uid: number; replaced: AccountId | null } {
  const nt = sn.neurons;
  if (nt.hotkeys.length < sn.hyper.maxAllowedUids) return { uid: appendNeuron(A, sn, hotkey, block), replaced: null };
  const uid = getNeuronToPrune(sn, block);
  const replaced = nt.hotkeys[uid];
  if (uid < nt.active.length) nt.active[uid] = true;
  nt.hotkeys[uid] = hotkey;
  nt.blockAtRegistration[uid] = block;
  return { uid, replaced };
}

// -----------------------------------------------------------------------------------------------
// burned_register
// -----------------------------------------------------------------------------------------------

export interface BurnedRegisterInput {
  /** the signer */
  coldkey: AccountId;
  netuid: Netuid;
  hotkey: AccountId;
}
export interface BurnedRegisterOutput<N> {
  uid: number;
  /** the hotkey whose slot was taken, if the subnet was full */
  replaced: AccountId | null;
  /** TAO withdrawn and swapped into the pool (`min(Burn, free − ED)`) */
  burned: N;
  /** alpha bought with it and left in `SubnetAlphaOut`, owned by nobody (quirk #21) */
  alphaBought: N;
}
export type BurnedRegisterErrorType =
  | 'TooManyRegistrationsThisInterval'
  | 'RegistrationNotPermittedOnRootSubnet'
  | 'SubNetworkDoesNotExist'
  | 'SubNetRegistrationDisabled'
  | 'TooManyRegistrationsThisBlock'
  | 'HotKeyAlreadyRegisteredInSubNet'
  | 'NotEnoughBalanceToStake'
  | 'ZeroBalanceAfterWithdrawn'
  | 'NonAssociatedColdKey'
  | 'NoNeuronIdAvailable';

/**
 * `burned_register(netuid, hotkey)` (`do_burned_registration`). Checks, in the runtime's order:
 * the signed extension's interval limit (`RegistrationsThisInterval >= 3·target` → rejected at
 * validation as `InvalidTransaction::Custom(5)`, reported as `TooManyRegistrationsThisInterval`),
 * `RegistrationNotPermittedOnRootSubnet`, `SubNetworkDoesNotExist`, `SubNetRegistrationDisabled`,
 * `TooManyRegistrationsThisBlock`, `TooManyRegistrationsThisInterval`,
 * `HotKeyAlreadyRegisteredInSubNet`, `NotEnoughBalanceToStake`, `ZeroBalanceAfterWithdrawn`,
 * `NonAssociatedColdKey`, `NoNeuronIdAvailable` (the last two come after the swap in the source;
 * the runtime rolls the swap back, so here they are checked first). Then: the burn is withdrawn
 * and swapped into the pool (the alpha stays in `SubnetAlphaOut`, quirk #21), the hotkey account
 * is created, the uid appended or replaced, counters incremented and `RAORecycledForRegistration
 * += Burn` (the burn value, even when less was withdrawn).
 *
 * @example
 * burnedRegister(exactArith, state, { coldkey: ck, netuid: 1, hotkey: hk });
 */
export function burnedRegister<N>(A: Arith<N>, s: RaonetState<N>, input: BurnedRegisterInput): ActionResult<BurnedRegisterOutput<N>> {
  const { coldkey, netuid, hotkey } = input;
  const sn = s.subnets.get(netuid);
  if (sn && sn.registrationsThisInterval >= Math.min(sn.hyper.targetRegistrationsPerInterval * 3, 65535)) {
    return fail('TooManyRegistrationsThisInterval', 'rejected by the signed extension: InvalidTransaction::Custom(5)');
  }
  if (netuid === 0) return fail('RegistrationNotPermittedOnRootSubnet', '');
  if (!sn) return fail('SubNetworkDoesNotExist', `netuid ${netuid}`);
  if (!sn.hyper.registrationAllowed) return fail('SubNetRegistrationDisabled', `netuid ${netuid}`);
  const x = subnetExtras(s, netuid);
  if (sn.registrationsThisBlock >= x.maxRegistrationsPerBlock) return fail('TooManyRegistrationsThisBlock', `netuid ${netuid}`);
  if (sn.registrationsThisInterval >= Math.min(sn.hyper.targetRegistrationsPerInterval * 3, 65535)) {
    return fail('TooManyRegistrationsThisInterval', `netuid ${netuid}`);
  }
  if (sn.neurons.hotkeys.includes(hotkey)) return fail('HotKeyAlreadyRegisteredInSubNet', hotkey);
  const cost = sn.burn;
  if (!canRemoveBalance(A, s, coldkey, cost)) return fail('NotEnoughBalanceToStake', `${coldkey} cannot pay ${String(cost)}`);
  const burned = withdrawableAmount(A, s, coldkey, cost);
  if (!A.isZero(cost) && A.isZero(burned)) return fail('ZeroBalanceAfterWithdrawn', coldkey);
  if (hotkeyAccountExists(s, hotkey) && ownerOf(s, hotkey) !== coldkey) return fail('NonAssociatedColdKey', hotkey);
  if (sn.hyper.maxAllowedUids === 0) return fail('NoNeuronIdAvailable', `netuid ${netuid}`);

  applyWithdraw(A, s, coldkey, burned);
  const alphaBought = swapTaoForAlpha(A, s, netuid, burned);
  createAccountIfNonExistent(s, coldkey, hotkey);
  const { uid, replaced } = registerNeuron(A, sn, hotkey, s.block);
  x.burnRegistrationsThisInterval = Math.min(x.burnRegistrationsThisInterval + 1, 65535);
  sn.registrationsThisInterval = Math.min(sn.registrationsThisInterval + 1, 65535);
  sn.registrationsThisBlock = Math.min(sn.registrationsThisBlock + 1, 65535);
  x.raoRecycledForRegistration = A.amountAdd(x.raoRecycledForRegistration, sn.burn);
  return { ok: true, value: { uid, replaced, burned, alphaBought } };
}

// -----------------------------------------------------------------------------------------------
// register_network
// -----------------------------------------------------------------------------------------------

/**
 * `get_network_lock_cost` (`subnets/lock.rs`): `max(min_lock, last_lock·m − (last_lock /
 * interval)·(block − last_lock_block))`, `m = 1` if `NetworkLastRegistered == 0` else 2, u64
 * integer arithmetic, saturating.
 *
 * @example
 * networkLockCost(raonetGenesis(exactArith)); // 1_000_000_000n
 */
export function networkLockCost<N>(s: RaonetState<N>): bigint {
  const p = s.params;
  const last = p.networkLastLockCost;
  const lastBlock = BigInt(p.networkLastRegistered);
  const mult = lastBlock === 0n ? 1n : 2n;
  if (p.networkLockReductionInterval === 0) throw new Error('raonet: NetworkLockReductionInterval 0 (saturating_div by zero panics)');
  const sat = (v: bigint): bigint => (v > U64_MAX ? U64_MAX : v);
  const elapsed = BigInt(s.block) > lastBlock ? BigInt(s.block) - lastBlock : 0n;
  const reduction = sat((last / BigInt(p.networkLockReductionInterval)) * elapsed);
  const gross = sat(last * mult);
  const cost = gross > reduction ? gross - reduction : 0n;
  return cost < p.networkMinLockCost ? p.networkMinLockCost : cost;
}

export interface RegisterNetworkInput {
  /** the signer (becomes `SubnetOwner`) */
  coldkey: AccountId;
  /** becomes `SubnetOwnerHotkey` and uid 0 */
  hotkey: AccountId;
  /** `mechid`: only 1 (dynamic) is accepted */
  mechid: number;
}
export interface RegisterNetworkOutput<N> {
  netuid: Netuid;
  /** TAO withdrawn and burned from `TotalIssuance` (saturating, quirk #22) */
  lock: N;
}
export type RegisterNetworkErrorType =
  | 'HotKeyNotDelegateAndSignerNotOwnHotKey'
  | 'MechanismDoesNotExist'
  | 'NetworkTxRateLimitExceeded'
  | 'NotEnoughBalanceToStake'
  | 'ZeroBalanceAfterWithdrawn';

/**
 * `register_network(hotkey, mechid)` (`do_register_network`, identity `None`). Checks:
 * `HotKeyNotDelegateAndSignerNotOwnHotKey`, `MechanismDoesNotExist` (mechid ≠ 1),
 * `NetworkTxRateLimitExceeded` (`block − NetworkLastRegistered < NetworkRateLimit`),
 * `NotEnoughBalanceToStake`, `ZeroBalanceAfterWithdrawn`. Then the lowest free netuid is
 * initialized (`init_new_network`: tempo = `DefaultTempo` 30, 256 uids, 64 validators, min
 * weights 1, interval 360, target 1, adjustment alpha 0.97, immunity 5000, min burn 1 rao, min and
 * max difficulty u64::MAX, `TaoWeight` default), the hotkey is appended as uid 0, the pool is
 * `SubnetTAO = SubnetAlphaIn = 1` rao from nothing, owner and owner hotkey are set, and the whole
 * lock is burned from `TotalIssuance` (saturating; quirk #22). No `SubnetLimit` check.
 *
 * @example
 * registerNetwork(exactArith, state, { coldkey: ck, hotkey: hk, mechid: 1 }); // netuid 2 at genesis
 */
export function registerNetwork<N>(A: Arith<N>, s: RaonetState<N>, input: RegisterNetworkInput): ActionResult<RegisterNetworkOutput<N>> {
  const { coldkey, hotkey, mechid } = input;
  if (hotkeyAccountExists(s, hotkey) && ownerOf(s, hotkey) !== coldkey) return fail('HotKeyNotDelegateAndSignerNotOwnHotKey', hotkey);
  if (mechid !== 1) return fail('MechanismDoesNotExist', `mechid ${mechid}`);
  if (Math.max(0, s.block - s.params.networkLastRegistered) < s.params.networkRateLimit) {
    return fail('NetworkTxRateLimitExceeded', `last registration at ${s.params.networkLastRegistered}`);
  }
  const lockCost = A.amount(networkLockCost(s));
  if (!canRemoveBalance(A, s, coldkey, lockCost)) return fail('NotEnoughBalanceToStake', `${coldkey} cannot pay ${String(lockCost)}`);
  let netuid = 0;
  while (s.subnets.has(netuid)) netuid++;
  const lock = withdrawableAmount(A, s, coldkey, lockCost);
  if (!A.isZero(lockCost) && A.isZero(lock)) return fail('ZeroBalanceAfterWithdrawn', coldkey);

  applyWithdraw(A, s, coldkey, lock);
  s.params.networkLastLockCost = A.rao(lock);
  const sn = initNewNetwork(A, s, netuid);
  createAccountIfNonExistent(s, coldkey, hotkey);
  appendNeuron(A, sn, hotkey, s.block);
  sn.mechanism = 1;
  s.params.networkLastRegistered = s.block;
  sn.registeredAt = s.block;
  sn.tao = A.amount(1);
  sn.alphaIn = A.amount(1);
  sn.owner = coldkey;
  sn.ownerHotkey = hotkey;
  s.totalIssuance = A.amountSub(s.totalIssuance, lock); // burn_tokens: saturating
  s.recycled = A.amountAdd(s.recycled, lock);
  return { ok: true, value: { netuid, lock } };
}

/** Hyperparameters as `init_new_network` leaves them (written values, else storage defaults). */
export function newSubnetHyperparameters(tempo: number): SubnetHyperparameters {
  const ns = RAONET.newSubnet;
  return {
    tempo,
    kappa: RAONET.kappa,
    bondsMovingAverage: RAONET.bondsMovingAverage,
    bondsPenalty: 0,
    liquidAlphaEnabled: false,
    alphaLow: RAONET.alphaLow,
    alphaHigh: RAONET.alphaHigh,
    alphaSigmoidSteepness: 0,
    yuma3: false,
    maxAllowedValidators: ns.maxAllowedValidators,
    maxAllowedUids: ns.maxAllowedUids,
    immunityPeriod: ns.immunityPeriod,
    activityCutoff: RAONET.activityCutoff,
    minAllowedWeights: ns.minAllowedWeights,
    maxWeightsLimit: ns.maxWeightsLimit,
    weightsSetRateLimit: RAONET.weightsSetRateLimit,
    commitRevealEnabled: false,
    revealPeriodEpochs: 1,
    minBurn: ns.minBurn,
    maxBurn: RAONET.maxBurn,
    adjustmentInterval: ns.adjustmentInterval,
    targetRegistrationsPerInterval: ns.targetRegistrationsPerInterval,
    adjustmentAlpha: ns.adjustmentAlpha,
    registrationAllowed: true,
    powRegistrationAllowed: false,
  };
}

/** Default R218 per-subnet extras (storage defaults of the raonet build). */
export function defaultSubnetExtras<N>(A: Arith<N>): RaonetSubnetExtras<N> {
  return {
    maxRegistrationsPerBlock: RAONET.maxRegistrationsPerBlock,
    burnRegistrationsThisInterval: 0,
    powRegistrationsThisInterval: 0,
    difficulty: A.amount(RAONET.difficulty),
    minDifficulty: A.amount(RAONET.minDifficulty),
    maxDifficulty: A.amount(RAONET.maxDifficulty),
    raoRecycledForRegistration: A.zero,
  };
}

/** `init_new_network(netuid, DefaultTempo)`: an empty subnet with the new-subnet parameters. */
function initNewNetwork<N>(A: Arith<N>, s: RaonetState<N>, netuid: Netuid): SubnetState<N> {
  const sn = createSubnet(A, netuid, newSubnetHyperparameters(s.raonet.defaultTempo), {
    taoWeight: s.raonet.defaultTaoWeight,
    burn: A.amount(RAONET.burn),
  });
  s.subnets.set(netuid, sn);
  const x = defaultSubnetExtras(A);
  x.minDifficulty = A.amount(RAONET.newSubnet.minDifficulty);
  x.maxDifficulty = A.amount(RAONET.newSubnet.maxDifficulty);
  s.raonet.subnets.set(netuid, x);
  s.raonet.totalNetworks += 1;
  return subnetOf(s, netuid);
}

function fail(variant: string, details: string): { ok: false; error: RuntimeError } {
  return { ok: false, error: new RuntimeError(variant, details || undefined) };
}

