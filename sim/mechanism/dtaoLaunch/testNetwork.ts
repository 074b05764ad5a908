/**
 * Small networks for the dtao-launch tests (not used by the mechanism itself).
 */
import type { Arith } from '../../math/arith.ts';
import { I96F32 } from '../../math/arith.ts';
import { createNetwork, createSubnet } from '../../state/network.ts';
import type { AccountId, NetworkState, SubnetHyperparameters } from '../../state/types.ts';
import { dtaoLaunchParams, newSubnetHyperparameters } from './constants.ts';
import { appendNeuron } from './registration.ts';
import { increaseStake } from './sharePool.ts';
import { createAccountIfNonExistent } from './util.ts';

export interface TestSubnet {
  netuid: number;
  tao: bigint;
  alphaIn: bigint;
  alphaOut?: bigint;
  /** float moving price (default: spot) */
  movingPrice?: number;
  owner?: AccountId;
  ownerHotkey?: AccountId;
  hyper?: Partial<SubnetHyperparameters>;
  /** hotkeys registered at block 0, owned by `ck-<hotkey>` unless already known */
  neurons?: AccountId[];
}

/**
 * A network with a root subnet (mechanism 0, the given root TAO) and the given dynamic subnets.
 * Issuance = balances + Σ SubnetTAO (consistent with launch).
 */
export function testNetwork<N>(
  A: Arith<N>,
  o: {
    block?: number;
    subnets: TestSubnet[];
    balances?: Array<[AccountId, bigint]>;
    taoWeight?: bigint;
    /** root stakes (hotkey, coldkey, TAO): SubnetTAO(0) and SubnetAlphaOut(0) grow with them */
    rootStakes?: Array<[AccountId, AccountId, bigint]>;
    /** alpha stakes (hotkey, coldkey, netuid, alpha): SubnetAlphaOut grows with them */
    alphaStakes?: Array<[AccountId, AccountId, number, bigint]>;
  },
): NetworkState<N> {
  const s = createNetwork(A, dtaoLaunchParams(A, o.taoWeight !== undefined ? { taoWeight: o.taoWeight } : {}), o.block ?? 0);
  const root = createSubnet(A, 0, newSubnetHyperparameters(), {
    mechanism: 0,
    alphaIn: A.amount(1_000_000_000n),
  });
  s.subnets.set(0, root);
  for (const t of o.subnets) {
    const sub = createSubnet(A, t.netuid, newSubnetHyperparameters(t.hyper), {
      mechanism: 1,
      tao: A.amount(t.tao),
      alphaIn: A.amount(t.alphaIn),
      alphaOut: A.amount(t.alphaOut ?? 0n),
      owner: t.owner ?? null,
      ownerHotkey: t.ownerHotkey ?? null,
      burn: A.amount(1_000_000_000n),
    });
    sub.movingPrice = A.c(I96F32, t.movingPrice ?? Number(t.tao) / Number(t.alphaIn));
    for (const h of t.neurons ?? []) {
      createAccountIfNonExistent(s, `ck-${h}`, h);
      appendNeuron(A, sub, h, 0);
    }
    if (t.owner && t.ownerHotkey) createAccountIfNonExistent(s, t.owner, t.ownerHotkey);
    s.subnets.set(t.netuid, sub);
  }
  for (const [h, c, v] of o.rootStakes ?? []) {
    createAccountIfNonExistent(s, c, h);
    increaseStake(A, s, h, c, 0, A.amount(v));
    root.tao = A.amountAdd(root.tao, A.amount(v));
    root.alphaOut = A.amountAdd(root.alphaOut, A.amount(v));
  }
  for (const [h, c, netuid, v] of o.alphaStakes ?? []) {
    createAccountIfNonExistent(s, c, h);
    increaseStake(A, s, h, c, netuid, A.amount(v));
    const sub = s.subnets.get(netuid)!;
    sub.alphaOut = A.amountAdd(sub.alphaOut, A.amount(v));
  }
  let issuance = A.zero;
  for (const [who, v] of o.balances ?? []) {
    s.balances.set(who, A.amount(v));
    issuance = A.amountAdd(issuance, A.amount(v));
  }
  for (const sub of s.subnets.values()) issuance = A.amountAdd(issuance, sub.tao);
  s.totalIssuance = issuance;
  s.totalStake = A.amountSub(issuance, [...s.balances.values()].reduce((a, b) => A.amountAdd(a, b), A.zero));
  return s;
}
