/**
 * Constants and defaults of the `dtao-launch` runtime profile: subtensor spec 233, commit
 * e2b8367b8 ("final deployment of rao to mainnet", 2025-02-13), mainnet build (not
 * `fast-blocks`). Values are read from `pallets/subtensor/src/lib.rs` (type values) and
 * `runtime/src/lib.rs` (parameter_types) at that commit.
 */
import type { Arith } from '../../math/arith.ts';
import { I96F32 } from '../../math/arith.ts';
import { saturatingFromFloat } from '../../math/fixed.ts';
import type { AccountId, GlobalParameters, SubnetHyperparameters } from '../../state/types.ts';

/** The runtime this profile mirrors. */
export const DTAO_LAUNCH_RUNTIME = { name: 'dtao-launch', specVersion: 233, commit: 'e2b8367b8' } as const;

/** `u64::MAX` */
export const U64_MAX = (1n << 64n) - 1n;
/** `u16::MAX` */
export const U16_MAX = 65535;

/**
 * The account a `ValueQuery` map returns for a missing key (`DefaultAccount`, zero bytes): e.g.
 * `Owner(hotkey)` of a hotkey that was never created, or `SubnetOwner(netuid)` of a subnet with
 * no owner.
 */
export const ZERO_ACCOUNT: AccountId = `0x${'00'.repeat(32)}`;

/** pallet Balances `ExistentialDeposit` (runtime/src/lib.rs `EXISTENTIAL_DEPOSIT`). */
export const EXISTENTIAL_DEPOSIT = 500n;
/** `DefaultStakingFee`: flat fee per add/remove stake (rao). */
export const DEFAULT_STAKING_FEE = 50_000n;
/** `DefaultMinStake` (rao). */
export const DEFAULT_MIN_STAKE = 500_000n;
/** `DefaultMinimumPoolLiquidity` (I96F32 10,000,000, compared by value with the I110F18 reserves). */
export const DEFAULT_MINIMUM_POOL_LIQUIDITY = 10_000_000n;
/** `InitialDefaultDelegateTake` = `Delegates` default (u16, 18%). */
export const DEFAULT_DELEGATE_TAKE = 11_796;
/** `InitialMaxChildKeyTake` (u16, 18%). */
export const MAX_CHILDKEY_TAKE = 11_796;
/** `get_rate_limit(SetChildren)` (blocks). */
export const SET_CHILDREN_RATE_LIMIT = 150;
/** `DefaultPendingCooldown` (blocks): scheduled children apply once `cooldown_block < now`. */
export const PENDING_CHILDKEY_COOLDOWN = 1;
/** `InitialMaxRegistrationsPerBlock` = `MaxRegistrationsPerBlock` default. */
export const DEFAULT_MAX_REGISTRATIONS_PER_BLOCK = 1;
/** `DefaultTempo` = `INITIAL_SUBNET_TEMPO` (mainnet build). */
export const DEFAULT_TEMPO = 99;
/** `InitialBurn` = `Burn` default (rao). */
export const DEFAULT_BURN = 1_000_000_000n;
/** `InitialMinBurn` (rao); written to every non-root subnet by `migrate_set_min_burn`. */
export const INITIAL_MIN_BURN = 500_000n;
/** `InitialMaxBurn` (rao). */
export const INITIAL_MAX_BURN = 100_000_000_000n;
/** `SubtensorInitialTaoWeight` (runtime default, ≈ 0.0527). */
export const RUNTIME_TAO_WEIGHT = 971_718_665_099_567_868n;
/** `TaoWeight` written by `migrate_rao` (≈ 0.18). */
export const LAUNCH_TAO_WEIGHT = 3_320_413_933_267_719_290n;
/** `NetworkMinLockCost` written by `migrate_rao` (1 TAO; runtime default 1000 TAO). */
export const LAUNCH_MIN_LOCK_COST = 1_000_000_000n;
/** `DefaultMovingAlpha`: `I96F32::saturating_from_num(0.000003)`. */
export const DEFAULT_MOVING_ALPHA = 0.000003;

/**
 * Global parameters as the runtime holds them after the launch migration (`migrate_rao`):
 * TaoWeight 0.18, NetworkMinLockCost 1 TAO; everything else the runtime default.
 * @example const params = dtaoLaunchParams(exactArith);
 */
export function dtaoLaunchParams<N>(A: Arith<N>, overrides: Partial<GlobalParameters<N>> = {}): GlobalParameters<N> {
  return {
    totalSupply: 21_000_000_000_000_000n,
    taoWeight: LAUNCH_TAO_WEIGHT,
    subnetOwnerCut: 11_796,
    // the I96F32 value the runtime stores (12,885 / 2^32), also in fast mode
    movingAlpha: A.fromBits(I96F32, saturatingFromFloat(I96F32, DEFAULT_MOVING_ALPHA)),
    emaPriceHalvingBlocks: 201_600,
    stakingFee: DEFAULT_STAKING_FEE,
    minStake: DEFAULT_MIN_STAKE,
    minPoolLiquidity: DEFAULT_MINIMUM_POOL_LIQUIDITY,
    networkMinLockCost: LAUNCH_MIN_LOCK_COST,
    networkLastLockCost: LAUNCH_MIN_LOCK_COST,
    networkLockReductionInterval: 14 * 7200,
    networkLastRegistered: 0,
    networkRateLimit: 7200,
    stakeThreshold: 0n,
    ...overrides,
  };
}

/**
 * Hyperparameters a subnet gets from `register_network` at L233: what `init_new_network`
 * writes explicitly (registration allowed, 256 uids, 64 validators, min weights 1, max weight
 * 65535, adjustment interval 360, target 1 registration, adjustment alpha 0.97, immunity 5000,
 * min burn 1 rao) over the runtime defaults for the rest (`subnets/subnet.rs` @ e2b8367b8).
 */
export function newSubnetHyperparameters(overrides: Partial<SubnetHyperparameters> = {}): SubnetHyperparameters {
  return {
    tempo: DEFAULT_TEMPO,
    kappa: 32_767,
    bondsMovingAverage: 900_000,
    bondsPenalty: 0,
    liquidAlphaEnabled: false,
    alphaLow: 45_875,
    alphaHigh: 58_982,
    alphaSigmoidSteepness: 1000,
    yuma3: false,
    maxAllowedValidators: 64,
    maxAllowedUids: 256,
    immunityPeriod: 5000,
    activityCutoff: 5000,
    minAllowedWeights: 1,
    maxWeightsLimit: 65_535,
    weightsSetRateLimit: 100,
    commitRevealEnabled: false,
    revealPeriodEpochs: 1,
    minBurn: 1n,
    maxBurn: INITIAL_MAX_BURN,
    adjustmentInterval: 360,
    targetRegistrationsPerInterval: 1,
    adjustmentAlpha: 17_893_341_751_498_265_066n,
    registrationAllowed: true,
    powRegistrationAllowed: false,
    ...overrides,
  };
}

/**
 * Runtime-default hyperparameters (a storage item never written), as a subnet that existed
 * before dTAO falls back to: 4096 uids, 128 validators, immunity 4096, interval 100, target 2,
 * adjustment alpha 0, min burn 500,000 rao (after `migrate_set_min_burn`), registration
 * disallowed unless set (mainnet subnets have it set; pass overrides).
 */
export function runtimeDefaultHyperparameters(overrides: Partial<SubnetHyperparameters> = {}): SubnetHyperparameters {
  return newSubnetHyperparameters({
    maxAllowedValidators: 128,
    maxAllowedUids: 4096,
    immunityPeriod: 4096,
    minAllowedWeights: 1024,
    maxWeightsLimit: 1000,
    minBurn: INITIAL_MIN_BURN,
    adjustmentInterval: 100,
    targetRegistrationsPerInterval: 2,
    adjustmentAlpha: 0n,
    registrationAllowed: false,
    ...overrides,
  });
}
