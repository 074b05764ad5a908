/**
 * Per-uid table operations shared by every profile.
 */
import type { Arith } from '../math/arith.ts';
import type { AccountId, SubnetState, U16Row } from './types.ts';

/** Initial values of a new uid's entries (defaults: a fresh registration). */
export interface NeuronInit {
  lastUpdate?: number;
  validatorPermit?: boolean;
  weights?: U16Row;
  bonds?: U16Row;
  pruningScore?: number;
  /**
   * Extend `StakeWeight` too. `append_neuron` at R218 does not (the next `epoch_mock` rewrites
   * it; `subnets/uids.rs` @ 1629c559b); L233 does.
   */
  extendStakeWeight?: boolean;
}

/**
 * `append_neuron` (`subnets/uids.rs`): a new uid at the end of every per-uid vector, registered at
 * `block`; `Active` true, `ValidatorPermit` false, outputs 0. Returns the new uid.
 * @example const uid = appendNeuron(exactArith, subnet, 'hk:7', 1200);
 */
export function appendNeuron<N>(
  A: Arith<N>,
  sub: SubnetState<N>,
  hotkey: AccountId,
  block: number,
  init: NeuronInit = {},
): number {
  const nt = sub.neurons;
  const uid = nt.hotkeys.length;
  nt.hotkeys.push(hotkey);
  nt.blockAtRegistration.push(block);
  nt.lastUpdate.push(init.lastUpdate ?? block);
  nt.validatorPermit.push(init.validatorPermit ?? false);
  nt.active.push(true);
  nt.weights.push(init.weights ? init.weights.map(([j, w]) => [j, w] as [number, number]) : []);
  nt.bonds.push(init.bonds ? init.bonds.map(([j, b]) => [j, b] as [number, number]) : []);
  nt.incentive.push(0);
  nt.dividends.push(0);
  nt.consensus.push(0);
  nt.validatorTrust.push(0);
  nt.rank.push(0);
  nt.trust.push(0);
  if (init.extendStakeWeight ?? true) nt.stakeWeight.push(0);
  nt.pruningScores.push(init.pruningScore ?? 0);
  nt.emission.push(A.zero);
  return uid;
}
