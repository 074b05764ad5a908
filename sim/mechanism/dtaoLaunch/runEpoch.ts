/**
 * `epoch(netuid, rao_emission)` of L233 on the network state (`epoch/run_epoch.rs` @
 * e2b8367b8): reads stake weights (§7.1), weights, bonds, activity and permits from the neuron
 * table, runs the shared Yuma epoch (`sim/mechanism/yuma`, `DTAO_LAUNCH` rules), writes its
 * outputs back as the runtime stores them (u16 vectors, `Emission` in rao, `PruningScores` by
 * `vec_max_upscale_to_u16`, bonds rows per permit) and returns the per-hotkey
 * (server, validator) emission tuples the drain distributes.
 */
import type { Arith } from '../../math/arith.ts';
import { I32F32, round as fixedRound, safeDiv as fixedSafeDiv, saturatingMul, saturatingToInt } from '../../math/fixed.ts';
import { toU16Proportion } from '../../math/i32f32.ts';
import type { AccountId, NetworkState, Netuid, SubnetState, U16Row } from '../../state/types.ts';
import { csrFromPairs } from '../yuma/csr.ts';
import { type EpochParams, type EpochResult, exactParams, yumaEpoch } from '../yuma/epoch.ts';
import { DTAO_LAUNCH, type YumaChainParams } from '../yuma/profiles.ts';
import { epochStakeArgument, stakeWeights } from './stakeWeights.ts';

/** Yuma chain parameters of a subnet (L233 has no Yuma3). */
export function chainParamsOf<N>(sub: SubnetState<N>): YumaChainParams {
  const h = sub.hyper;
  return {
    kappa: h.kappa,
    bondsMovingAverage: h.bondsMovingAverage,
    bondsPenalty: h.bondsPenalty,
    liquidAlphaEnabled: h.liquidAlphaEnabled,
    alphaLow: h.alphaLow,
    alphaHigh: h.alphaHigh,
    yuma3: false,
    alphaSigmoidSteepness: h.alphaSigmoidSteepness,
    maxAllowedValidators: h.maxAllowedValidators,
    activityCutoff: h.activityCutoff,
    tempo: h.tempo,
  };
}

/** Epoch parameters in the arithmetic's mode (exact: I32F32 bits as the runtime derives them). */
export function epochParamsFor<N>(A: Arith<N>, sub: SubnetState<N>): EpochParams {
  const p = chainParamsOf(sub);
  if (A.mode === 'exact') return exactParams(p);
  return {
    exact: false,
    one: 1,
    kappa: p.kappa / 65535,
    bondsPenalty: p.bondsPenalty / 65535,
    emaAlpha: 1 - p.bondsMovingAverage / 1e6,
    liquidAlphaEnabled: p.liquidAlphaEnabled,
    yuma3: false,
    maxAllowedValidators: p.maxAllowedValidators,
    activityCutoff: p.activityCutoff,
    tempo: p.tempo,
    alphaLow: p.alphaLow / 65535,
    alphaHigh: p.alphaHigh / 65535,
    alphaSigmoidSteepness: p.alphaSigmoidSteepness / 100,
  };
}

/** `fixed_proportion_to_u16` in the mode's units. */
function toU16(exact: boolean, v: number): number {
  if (exact) return toU16Proportion(v);
  if (!(v > 0)) return 0;
  const u = Math.floor(v * 65535);
  return u > 65535 ? 65535 : u;
}

/** `vec_max_upscale_to_u16` (`epoch/math.rs` @ e2b8367b8) on I32F32 bits (exact) or floats. */
export function vecMaxUpscaleToU16(exact: boolean, v: ArrayLike<number>): number[] {
  const out: number[] = [];
  if (v.length === 0) return out;
  if (!exact) {
    let max = -Infinity;
    for (let i = 0; i < v.length; i++) if (v[i] > max) max = v[i];
    for (let i = 0; i < v.length; i++) {
      const x = max === 0 ? Math.floor(v[i] * 65535) : Math.round((v[i] * 65535) / max);
      out.push(Math.min(65535, Math.max(0, x)));
    }
    return out;
  }
  const bits = Array.from(v, (x) => BigInt(x));
  const u16Max = 65535n << 32n;
  const threshold = 32768n << 32n;
  let max = bits[0];
  for (const b of bits) if (b > max) max = b;
  for (const e of bits) {
    let r: bigint;
    if (max === 0n) r = saturatingMul(I32F32, e, u16Max);
    else if (max > threshold) r = fixedRound(I32F32, saturatingMul(I32F32, e, fixedSafeDiv(I32F32, u16Max, max)));
    else r = fixedRound(I32F32, fixedSafeDiv(I32F32, saturatingMul(I32F32, e, u16Max), max));
    out.push(Number(saturatingToInt(I32F32, r, 'u16')));
  }
  return out;
}

/** What the epoch returned to the drain. */
export interface EpochOnState<N> {
  /** the shared epoch's result (null for an empty subnet) */
  result: EpochResult | null;
  /** (hotkey, server emission, validator emission) per uid in `Keys` order */
  hotkeyEmission: Array<[AccountId, N, N]>;
}

/**
 * Run `epoch(netuid, raoEmission)` on the state and persist its outputs.
 * @example const { hotkeyEmission } = runEpoch(exactArith, state, 1, 1_000_000_000n);
 */
export function runEpoch<N>(A: Arith<N>, s: NetworkState<N>, netuid: Netuid, raoEmission: N): EpochOnState<N> {
  const sub = s.subnets.get(netuid)!;
  const nt = sub.neurons;
  const n = nt.hotkeys.length;
  const exact = A.mode === 'exact';
  if (n === 0) return { result: null, hotkeyEmission: [] };

  const weightsRows = nt.weights.slice(0, n).map((row) => row.filter(([j]) => j < n));
  const bondRows = nt.bonds.slice(0, n).map((row) =>
    row.filter(([j]) => j < n).map(([j, b]) => [j, exact ? b : b / 65535] as [number, number]),
  );
  const rao = A.rao(raoEmission);
  const r = yumaEpoch(DTAO_LAUNCH, epochParamsFor(A, sub), {
    n,
    block: s.block,
    stake: epochStakeArgument(A, stakeWeights(A, s, netuid).total),
    weights: csrFromPairs(weightsRows, n),
    bonds: csrFromPairs(bondRows, n),
    lastUpdate: nt.lastUpdate.slice(0, n),
    registeredAt: nt.blockAtRegistration.slice(0, n),
    validatorPermit: nt.validatorPermit.slice(0, n),
    lastMechanismStepBlock: sub.lastMechanismStepBlock,
    raoEmission: rao,
  });

  // == Value storage ==
  const u16 = (v: ArrayLike<number>) => Array.from(v, (x) => toU16(exact, x));
  const combined = Array.from(r.normalizedCombined, (v) =>
    exact ? (v <= 0 ? 0n : (BigInt(v) * rao) >> 32n) : v <= 0 ? 0n : BigInt(Math.floor(v * Number(rao))),
  );
  nt.stakeWeight = u16(r.stake);
  nt.active = r.active.slice();
  nt.emission = combined.map((x) => A.amount(x));
  nt.rank = u16(r.incentive);
  nt.trust = r.trust ? u16(r.trust) : new Array<number>(n).fill(0);
  nt.consensus = u16(r.consensus);
  nt.incentive = u16(r.incentive);
  nt.dividends = u16(r.dividends);
  nt.pruningScores = vecMaxUpscaleToU16(exact, r.normalizedCombined);
  nt.validatorTrust = u16(r.validatorTrust);
  nt.validatorPermit = r.newPermits.slice();
  const m = r.bondsStorageForm;
  for (let i = 0; i < n; i++) {
    const action = r.bondsRowAction[i];
    if (action === 'keep') continue;
    const row: U16Row = [];
    if (action === 'write') for (let k = m.ptr[i]; k < m.ptr[i + 1]; k++) row.push([m.col[k], toU16(exact, m.val[k])]);
    nt.bonds[i] = row;
  }

  const hotkeyEmission: Array<[AccountId, N, N]> = [];
  for (let uid = 0; uid < n; uid++) {
    hotkeyEmission.push([nt.hotkeys[uid], A.amount(r.serverEmission![uid]), A.amount(r.validatorEmission![uid])]);
  }
  return { result: r, hotkeyEmission };
}
