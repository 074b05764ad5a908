/**
 * Construction, iteration order, snapshots and diffs of the network state.
 */
import type { Arith } from '../math/arith.ts';
import type {
  AccountId,
  GlobalParameters,
  NetworkState,
  NeuronTable,
  Netuid,
  SubnetHyperparameters,
  SubnetState,
} from './types.ts';

/** A fresh, empty network. */
export function createNetwork<N>(A: Arith<N>, params: GlobalParameters<N>, block = 0): NetworkState<N> {
  return {
    block,
    totalIssuance: A.zero,
    totalStake: A.zero,
    blockEmission: A.zero,
    balances: new Map(),
    recycled: A.zero,
    params,
    subnets: new Map(),
    hotkeys: new Map(),
    stake: { totalHotkeyAlpha: new Map(), pools: new Map() },
  };
}

export function emptyNeurons<N>(): NeuronTable<N> {
  return {
    hotkeys: [],
    blockAtRegistration: [],
    lastUpdate: [],
    validatorPermit: [],
    active: [],
    weights: [],
    bonds: [],
    incentive: [],
    dividends: [],
    consensus: [],
    validatorTrust: [],
    rank: [],
    trust: [],
    stakeWeight: [],
    pruningScores: [],
    emission: [],
  };
}

/** A subnet with an empty pool and no neurons. */
export function createSubnet<N>(
  A: Arith<N>,
  netuid: Netuid,
  hyper: SubnetHyperparameters,
  init: Partial<SubnetState<N>> = {},
): SubnetState<N> {
  return {
    netuid,
    mechanism: 1,
    owner: null,
    ownerHotkey: null,
    registeredAt: 0,
    firstEmissionBlock: null,
    tao: A.zero,
    alphaIn: A.zero,
    alphaOut: A.zero,
    movingPrice: A.zero,
    volume: A.zero,
    taoWeight: A.zero,
    pendingEmission: A.zero,
    pendingRootDivs: A.zero,
    pendingAlphaSwapped: A.zero,
    pendingOwnerCut: A.zero,
    pendingServer: A.zero,
    pendingValidator: A.zero,
    pendingRootAlpha: A.zero,
    blocksSinceLastStep: 0,
    lastMechanismStepBlock: 0,
    emissionValue: A.zero,
    taoInEmission: A.zero,
    alphaInEmission: A.zero,
    alphaOutEmission: A.zero,
    burn: A.zero,
    registrationsThisInterval: 0,
    registrationsThisBlock: 0,
    lastAdjustmentBlock: 0,
    balancerQuoteWeight: 500_000_000_000_000_000n,
    feeRate: 33,
    hyper: { ...hyper },
    neurons: emptyNeurons<N>(),
    ...init,
  };
}

/**
 * Netuids in the runtime's iteration order: `NetworksAdded` is keyed by `Identity` over the SCALE
 * little-endian u16, so the order is by raw key bytes (low byte first): numeric below 256, but
 * 256 sorts before 1 (mechanism.md §1).
 */
export function subnetsInOrder<N>(s: NetworkState<N>): SubnetState<N>[] {
  return [...s.subnets.values()].sort((a, b) => (a.netuid & 0xff) - (b.netuid & 0xff) || (a.netuid >> 8) - (b.netuid >> 8));
}

/** Key of the per-(hotkey, netuid) maps. */
export function hotkeyNetuidKey(hotkey: AccountId, netuid: Netuid): string {
  return `${hotkey}|${netuid}`;
}

/** A deep, independent copy (Maps, arrays and bigints included). */
export function snapshot<N>(s: NetworkState<N>): NetworkState<N> {
  return structuredClone(s);
}

/** One differing value between two states. */
export interface StateDiff {
  path: string;
  a: unknown;
  b: unknown;
}

/**
 * Every differing leaf between two states (paths like `subnets.1.tao` or
 * `stake.totalHotkeyAlpha.hk1|1`), in a stable order. `limit` stops early.
 */
export function diffStates<N>(a: NetworkState<N>, b: NetworkState<N>, limit = Infinity): StateDiff[] {
  const out: StateDiff[] = [];
  walk(a, b, '', out, limit);
  return out;
}

function walk(a: unknown, b: unknown, path: string, out: StateDiff[], limit: number): void {
  if (out.length >= limit) return;
  if (Object.is(a, b)) return;
  if (a instanceof Map && b instanceof Map) {
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => String(x).localeCompare(String(y)));
    for (const k of keys) walk(a.get(k), b.get(k), path ? `${path}.${String(k)}` : String(k), out, limit);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) walk(a[i], b[i], `${path}[${i}]`, out, limit);
    return;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys)
      walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k, out, limit);
    return;
  }
  out.push({ path, a, b });
}
