/**
 * The raonet genesis state (mechanism.md §13.7), as `macros/genesis.rs` @ 1629c559b builds it
 * and as the storage of `raonet.json` holds it (decoded from the raw spec: `TotalIssuance = 0`,
 * no `TaoWeight`, `Delegates`, `TotalHotkeyShares`, `SubnetOwnerHotkey` or `Burn` entries, so the
 * raonet runtime defaults apply).
 *
 * - Root (netuid 0): stable mechanism, no neurons, tempo 100, 64 uids / validators, target 1.
 * - Subnet 1: dynamic, `SubnetTAO = 10 TAO`, `SubnetAlphaIn = 1` rao, `SubnetAlphaOut = 1` alpha,
 *   one uid 0 whose hotkey = coldkey = the zero account, `Alpha(0, 0, 1) = TotalHotkeyAlpha(0, 1) =
 *   1e9` but no `TotalHotkeyShares` (quirk #17), `SubnetOwner(1)` = zero account and no owner
 *   hotkey (so the owner cut is never paid, quirk #9), 256 uids, 64 validators, tempo 100.
 * - Balances: the spec endows 200 accounts with 100 TAO and 2 with 50 TAO (20,100 TAO in all);
 *   pass them in `balances` to model them (Balances' own issuance is not tracked).
 */
import type { Arith } from '../../math/arith.ts';
import { createNetwork, createSubnet, hotkeyNetuidKey } from '../../state/network.ts';
import type { AccountId, GlobalParameters, SubnetHyperparameters } from '../../state/types.ts';
import { appendNeuron, defaultSubnetExtras } from './registration.ts';
import { RAONET, ZERO_ACCOUNT, type RaonetState } from './types.ts';

/** Free TAO endowed by `raonet.json` (rao): 200 × 100 TAO + 2 × 50 TAO. */
export const RAONET_GENESIS_ENDOWED_TOTAL = 20_100_000_000_000n;

export interface RaonetGenesisOptions {
  /** free balances to endow (rao), e.g. the spec's 202 accounts or an engine's agents */
  balances?: Iterable<[AccountId, bigint]>;
}

/** Global parameters of the raonet build (`GlobalParameters` of the shared state). */
export function raonetParams<N>(A: Arith<N>): GlobalParameters<N> {
  return {
    totalSupply: RAONET.totalSupply,
    taoWeight: RAONET.taoWeight,
    subnetOwnerCut: RAONET.subnetOwnerCut,
    movingAlpha: A.zero,
    emaPriceHalvingBlocks: 0,
    stakingFee: 0n,
    minStake: 0n,
    minPoolLiquidity: 0n,
    networkMinLockCost: RAONET.networkMinLockCost,
    // `NetworkLastLockCost` defaults to `DefaultNetworkMinLockCost`
    networkLastLockCost: RAONET.networkMinLockCost,
    networkLockReductionInterval: RAONET.networkLockReductionInterval,
    networkLastRegistered: 0,
    networkRateLimit: RAONET.networkRateLimit,
    // `WeightsMinStake`
    stakeThreshold: 0n,
  };
}

/** Storage defaults of a subnet's hyperparameters in the raonet build (what an unwritten item reads). */
export function raonetDefaultHyperparameters(): SubnetHyperparameters {
  return {
    tempo: RAONET.defaultTempo,
    kappa: RAONET.kappa,
    bondsMovingAverage: RAONET.bondsMovingAverage,
    bondsPenalty: 0,
    liquidAlphaEnabled: false,
    alphaLow: RAONET.alphaLow,
    alphaHigh: RAONET.alphaHigh,
    alphaSigmoidSteepness: 0,
    yuma3: false,
    maxAllowedValidators: RAONET.maxAllowedValidators,
    maxAllowedUids: RAONET.maxAllowedUids,
    immunityPeriod: RAONET.immunityPeriod,
    activityCutoff: RAONET.activityCutoff,
    minAllowedWeights: RAONET.minAllowedWeights,
    maxWeightsLimit: RAONET.maxWeightsLimit,
    weightsSetRateLimit: RAONET.weightsSetRateLimit,
    commitRevealEnabled: false,
    revealPeriodEpochs: 1,
    minBurn: RAONET.minBurn,
    maxBurn: RAONET.maxBurn,
    adjustmentInterval: RAONET.adjustmentInterval,
    targetRegistrationsPerInterval: RAONET.targetRegistrationsPerInterval,
    adjustmentAlpha: RAONET.adjustmentAlpha,
    registrationAllowed: false,
    powRegistrationAllowed: false,
  };
}

/**
 * An empty raonet network (block 0, no subnets): the starting point for synthetic networks.
 *
 * @example
 * const s = raonetEmpty(exactArith);
 */
export function raonetEmpty<N>(A: Arith<N>): RaonetState<N> {
  const base = createNetwork(A, raonetParams(A), 0);
  return {
    ...base,
    totalIssuance: A.amount(RAONET.initialIssuance),
    blockEmission: A.amount(RAONET.defaultBlockEmission),
    raonet: {
      hotkeyDividendsPerSubnet: new Map(),
      stakingHotkeys: new Map(),
      ownedHotkeys: new Map(),
      subnets: new Map(),
      totalNetworks: 0,
      nominatorMinRequiredStake: A.zero,
      existentialDeposit: A.amount(RAONET.existentialDeposit),
      defaultDelegateTake: RAONET.defaultDelegateTake,
      defaultTaoWeight: A.amount(RAONET.taoWeight),
      defaultTempo: RAONET.defaultTempo,
    },
  };
}

/**
 * The raonet genesis (block 0).
 *
 * @example
 * ```ts
 * import { exactArith } from '../../math/arith.ts';
 * const s = raonetGenesis(exactArith);
 * s.subnets.get(1)!.tao; // 10_000_000_000n
 * ```
 */
export function raonetGenesis<N>(A: Arith<N>, opts: RaonetGenesisOptions = {}): RaonetState<N> {
  const s = raonetEmpty(A);
  const defaults = raonetDefaultHyperparameters();

  const root = createSubnet(A, 0, {
    ...defaults,
    tempo: 100,
    maxAllowedUids: 64,
    maxAllowedValidators: 64,
    minAllowedWeights: 0,
    maxWeightsLimit: 65_535,
    registrationAllowed: true,
    targetRegistrationsPerInterval: 1,
  }, { mechanism: 0, taoWeight: A.amount(RAONET.taoWeight), burn: A.amount(RAONET.burn) });
  s.subnets.set(0, root);
  s.raonet.subnets.set(0, defaultSubnetExtras(A));

  const one = createSubnet(A, 1, {
    ...defaults,
    tempo: 100,
    maxAllowedUids: 256,
    maxAllowedValidators: 64,
    minAllowedWeights: 0,
    maxWeightsLimit: 65_535,
    registrationAllowed: true,
  }, {
    mechanism: 1,
    owner: ZERO_ACCOUNT,
    ownerHotkey: null,
    tao: A.amount(10_000_000_000n),
    alphaIn: A.amount(1n),
    alphaOut: A.amount(1_000_000_000n),
    taoWeight: A.amount(RAONET.taoWeight),
    burn: A.amount(RAONET.burn),
  });
  s.subnets.set(1, one);
  s.raonet.subnets.set(1, defaultSubnetExtras(A));
  s.raonet.totalNetworks = 2;

  // Owner(0x00) = 0x00 (no OwnedHotkeys entry), StakingHotkeys(0x00) = [0x00]
  s.hotkeys.set(ZERO_ACCOUNT, {
    owner: ZERO_ACCOUNT,
    take: RAONET.defaultDelegateTake,
    childkeyTake: new Map(),
    children: new Map(),
    parents: new Map(),
  });
  s.raonet.stakingHotkeys.set(ZERO_ACCOUNT, [ZERO_ACCOUNT]);
  // Alpha(0x00, 0x00, 1) = 1e9 shares and TotalHotkeyAlpha(0x00, 1) = 1e9, no TotalHotkeyShares
  s.stake.totalHotkeyAlpha.set(hotkeyNetuidKey(ZERO_ACCOUNT, 1), A.amount(1_000_000_000n));
  s.stake.pools.set(hotkeyNetuidKey(ZERO_ACCOUNT, 1), { totalShares: A.zero, shares: new Map([[ZERO_ACCOUNT, A.amount(1_000_000_000n)]]) });
  appendNeuron(A, one, ZERO_ACCOUNT, 0);

  for (const [who, free] of opts.balances ?? []) s.balances.set(who, A.amount(free));
  return s;
}
