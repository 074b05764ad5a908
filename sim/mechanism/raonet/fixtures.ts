/**
 * Builders of synthetic raonet networks (for tests, scenarios and examples): subnets with a
 * given pool and neurons holding given alpha and root stake, written the way the runtime would
 * hold them (shares bought through `increase_stake_for_hotkey_and_coldkey_on_subnet`, staked
 * alpha counted in `SubnetAlphaOut`, root stake in `SubnetTAO(0)` and `TotalStake`).
 */
import type { Arith } from '../../math/arith.ts';
import { createSubnet } from '../../state/network.ts';
import type { AccountId, Netuid, SubnetState } from '../../state/types.ts';
import { raonetDefaultHyperparameters } from './genesis.ts';
import { appendNeuron, defaultSubnetExtras } from './registration.ts';
import { increaseStakeForHotkeyAndColdkeyOnSubnet } from './stake.ts';
import { createAccountIfNonExistent } from './storage.ts';
import type { RaonetState } from './types.ts';

export interface SyntheticNeuron {
  hotkey: AccountId;
  coldkey: AccountId;
  /** alpha staked by the coldkey on the subnet (rao) */
  alpha?: bigint;
  /** TAO staked by the coldkey on root (rao) */
  root?: bigint;
  /** `Delegates` take (u16) */
  take?: number;
}

export interface SyntheticSubnet {
  netuid: Netuid;
  mechanism?: 0 | 1;
  /** pool reserves (rao) */
  tao: bigint;
  alphaIn: bigint;
  /** outstanding alpha not held by the neurons below (added to their stakes) */
  alphaOutExtra?: bigint;
  /** `TaoWeight(netuid)` (u64); default the raonet one */
  taoWeight?: bigint;
  /** owner coldkey / hotkey (both or neither are stored) */
  owner?: { coldkey: AccountId; hotkey: AccountId };
  neurons?: SyntheticNeuron[];
  registeredAt?: number;
}

/** Stakes `amount` alpha for (hotkey, coldkey) on `netuid` and counts it as outstanding. */
export function stakeDirect<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid, amount: bigint): void {
  const x = A.amount(amount);
  increaseStakeForHotkeyAndColdkeyOnSubnet(A, s, hotkey, coldkey, netuid, x);
  const sn = s.subnets.get(netuid)!;
  sn.alphaOut = A.amountAdd(sn.alphaOut, x);
  if (netuid === 0 || sn.mechanism === 0) {
    sn.tao = A.amountAdd(sn.tao, x);
    s.totalStake = A.amountAdd(s.totalStake, x);
  }
}

/** Ensures the root subnet exists (as raonet genesis creates it). */
export function ensureRoot<N>(A: Arith<N>, s: RaonetState<N>): SubnetState<N> {
  let root = s.subnets.get(0);
  if (!root) {
    root = createSubnet(A, 0, { ...raonetDefaultHyperparameters(), tempo: 100, maxAllowedUids: 64, maxAllowedValidators: 64, registrationAllowed: true, targetRegistrationsPerInterval: 1 }, {
      mechanism: 0,
      taoWeight: s.raonet.defaultTaoWeight,
      burn: A.amount(1_000_000_000n),
    });
    s.subnets.set(0, root);
    s.raonet.subnets.set(0, defaultSubnetExtras(A));
    s.raonet.totalNetworks += 1;
  }
  return root;
}

/**
 * Adds a subnet with the given pool, owner and neurons (registered in order as uids 0, 1, …).
 *
 * @example
 * addSyntheticSubnet(exactArith, s, { netuid: 2, tao: 1_000_000_000_000n, alphaIn: 1_000_000_000_000n,
 *   neurons: [{ hotkey: 'h1', coldkey: 'c1', alpha: 5_000_000_000n }] });
 */
export function addSyntheticSubnet<N>(A: Arith<N>, s: RaonetState<N>, spec: SyntheticSubnet): SubnetState<N> {
  ensureRoot(A, s);
  const sn = createSubnet(A, spec.netuid, { ...raonetDefaultHyperparameters(), maxAllowedUids: 256, registrationAllowed: true }, {
    mechanism: spec.mechanism ?? 1,
    tao: A.amount(spec.tao),
    alphaIn: A.amount(spec.alphaIn),
    alphaOut: A.amount(spec.alphaOutExtra ?? 0n),
    taoWeight: spec.taoWeight !== undefined ? A.amount(spec.taoWeight) : s.raonet.defaultTaoWeight,
    burn: A.amount(1_000_000_000n),
    owner: spec.owner?.coldkey ?? null,
    ownerHotkey: spec.owner?.hotkey ?? null,
    registeredAt: spec.registeredAt ?? 0,
  });
  s.subnets.set(spec.netuid, sn);
  s.raonet.subnets.set(spec.netuid, defaultSubnetExtras(A));
  s.raonet.totalNetworks += 1;
  if (spec.owner) createAccountIfNonExistent(s, spec.owner.coldkey, spec.owner.hotkey);
  for (const nr of spec.neurons ?? []) {
    createAccountIfNonExistent(s, nr.coldkey, nr.hotkey);
    if (nr.take !== undefined) s.hotkeys.get(nr.hotkey)!.take = nr.take;
    appendNeuron(A, sn, nr.hotkey, s.block);
    if (nr.alpha) stakeDirect(A, s, nr.hotkey, nr.coldkey, spec.netuid, nr.alpha);
    if (nr.root) stakeDirect(A, s, nr.hotkey, nr.coldkey, 0, nr.root);
  }
  return sn;
}

/**
 * Sets a childkey relation on `netuid` (`ChildKeys(parent)` and `ParentKeys(child)`), as
 * `do_set_children` would (no checks).
 */
export function setChildkey<N>(s: RaonetState<N>, parent: AccountId, child: AccountId, netuid: Netuid, proportion: bigint): void {
  const p = s.hotkeys.get(parent);
  const c = s.hotkeys.get(child);
  if (!p || !c) throw new Error('setChildkey: both hotkeys must exist');
  p.children.set(netuid, [...(p.children.get(netuid) ?? []), [proportion, child]]);
  c.parents.set(netuid, [...(c.parents.get(netuid) ?? []), [proportion, parent]]);
}
