/**
 * `get_block_emission_for_issuance` as the L233 runtime calls it (`coinbase/block_emission.rs`
 * @ e2b8367b8): the halving curve of §4, and a write of `BlockEmission` whenever the value
 * differs, for every call: the TAO emission, each subnet's alpha emission in the coinbase and
 * the lock-cost interval all go through it, so after a block `BlockEmission` holds the alpha
 * emission of the last subnet.
 */
import type { Arith } from '../../math/arith.ts';
import type { NetworkState } from '../../state/types.ts';
import { blockEmissionForIssuance } from '../emission/blockEmission.ts';

/**
 * Block emission (u64) for an issuance, in the arithmetic's mode; writes `state.blockEmission`.
 * @example blockEmissionFor(exactArith, state, state.totalIssuance) // 1_000_000_000n below 10.5M TAO
 */
export function blockEmissionFor<N>(A: Arith<N>, s: NetworkState<N>, issuance: N): N {
  const e = blockEmissionForIssuance(A.rao(issuance), { mode: A.mode, totalSupply: s.params.totalSupply }) ?? 0n;
  const v = A.amount(e);
  s.blockEmission = v;
  return v;
}
