/**
 * State, records and constants of the `raonet` runtime profile: subtensor spec 218, the dTAO
 * prototype at commit `1629c559b` (branch `rao-games/pools`) whose wasm is in the raonet chain spec
 * (mechanism.md §0). Storage items R218 has and the shared `NetworkState` does not are kept in
 * `state.raonet` (named after the storage items), so `snapshot` / `diffStates` cover them too.
 */
import type { AccountId, NetworkState, Netuid } from '../../state/types.ts';

/** The all-zero `AccountId` (`DefaultAccount`, the default of `Owner`, `SubnetOwner` …), as 0x-hex. */
export const ZERO_ACCOUNT: AccountId = `0x${'00'.repeat(32)}`;

/** u64::MAX */
export const U64_MAX = (1n << 64n) - 1n;

/**
 * Runtime constants of the raonet build (`runtime/src/lib.rs` @ 1629c559b, feature `raonet`, and
 * the pallet's hard-coded defaults in `pallets/subtensor/src/lib.rs`).
 */
export const RAONET = {
  specVersion: 218,
  commit: '1629c559b',
  /** `SubtensorInitialTaoWeight` (= `DefaultTaoWeight`, per subnet in R218): ≈ 0.18 of u64::MAX */
  taoWeight: 3_320_413_933_267_719_290n,
  /** `SubtensorInitialSubnetOwnerCut`: 5,898 / 65,535 ≈ 9 % */
  subnetOwnerCut: 5_898,
  /** `SubtensorInitialDefaultTake` (`Delegates` default) */
  defaultDelegateTake: 11_796,
  /** `SubtensorInitialBondsMovingAverage` */
  bondsMovingAverage: 990_000,
  kappa: 32_767,
  /** `DefaultTempo` is hard-coded 30 (the `InitialTempo` of 99 is not used) */
  defaultTempo: 30,
  maxAllowedUids: 4096,
  maxAllowedValidators: 128,
  immunityPeriod: 4096,
  activityCutoff: 5000,
  minAllowedWeights: 1024,
  maxWeightsLimit: 1000,
  weightsSetRateLimit: 100,
  alphaLow: 45_875,
  alphaHigh: 58_982,
  /** `SubtensorInitialBurn`, `MinBurn`, `MaxBurn` (rao) */
  burn: 1_000_000_000n,
  minBurn: 1_000_000_000n,
  maxBurn: 100_000_000_000n,
  /** `SubtensorInitialDifficulty`, `MinDifficulty`, `MaxDifficulty` */
  difficulty: 10_000_000n,
  minDifficulty: 10_000_000n,
  maxDifficulty: U64_MAX / 4n,
  adjustmentInterval: 100,
  adjustmentAlpha: 0n,
  targetRegistrationsPerInterval: 4,
  maxRegistrationsPerBlock: 4,
  /** `SubtensorInitialMinLockCost` (1 TAO), `NetworkLockReductionInterval`, `NetworkRateLimit` */
  networkMinLockCost: 1_000_000_000n,
  networkLockReductionInterval: 1200,
  networkRateLimit: 10,
  /** `SubtensorInitialIssuance` */
  initialIssuance: 0n,
  /** `TotalSupply` */
  totalSupply: 21_000_000_000_000_000n,
  /** `DefaultBlockEmission` */
  defaultBlockEmission: 1_000_000_000n,
  /** pallet Balances `ExistentialDeposit` (`EXISTENTIAL_DEPOSIT`) */
  existentialDeposit: 500n,
  /** parameters `init_new_network` writes for a registered subnet (`subnets/subnet.rs`) */
  newSubnet: {
    maxAllowedUids: 256,
    maxAllowedValidators: 64,
    minAllowedWeights: 1,
    maxWeightsLimit: 65_535,
    adjustmentInterval: 360,
    targetRegistrationsPerInterval: 1,
    adjustmentAlpha: 17_893_341_751_498_265_066n,
    immunityPeriod: 5000,
    minBurn: 1n,
    minDifficulty: U64_MAX,
    maxDifficulty: U64_MAX,
  },
} as const;

/** Per-subnet R218 storage the shared `SubnetState` does not hold. */
export interface RaonetSubnetExtras<N> {
  /** `MaxRegistrationsPerBlock(netuid)` */
  maxRegistrationsPerBlock: number;
  /** `BurnRegistrationsThisInterval`, `POWRegistrationsThisInterval` */
  burnRegistrationsThisInterval: number;
  powRegistrationsThisInterval: number;
  /** `Difficulty`, `MinDifficulty`, `MaxDifficulty` (u64) */
  difficulty: N;
  minDifficulty: N;
  maxDifficulty: N;
  /** `RAORecycledForRegistration(netuid)`: a counter only (the burn itself goes into the pool, quirk #21) */
  raoRecycledForRegistration: N;
}

/** R218 storage beyond `NetworkState` (all keyed as in the runtime). */
export interface RaonetExtras<N> {
  /** `HotkeyDividendsPerSubnet(netuid, hotkey)`: cleared and rewritten by every drain (quirk #23) */
  hotkeyDividendsPerSubnet: Map<Netuid, Map<AccountId, N>>;
  /** `StakingHotkeys(coldkey)` */
  stakingHotkeys: Map<AccountId, AccountId[]>;
  /** `OwnedHotkeys(coldkey)` */
  ownedHotkeys: Map<AccountId, AccountId[]>;
  /** per-subnet items, keyed by netuid (present for every subnet) */
  subnets: Map<Netuid, RaonetSubnetExtras<N>>;
  /** `TotalNetworks` */
  totalNetworks: number;
  /** `NominatorMinRequiredStake` (rao; 0 in raonet) */
  nominatorMinRequiredStake: N;
  /** Balances `ExistentialDeposit` */
  existentialDeposit: N;
  /** `Delegates` default take for a hotkey without an entry in `state.hotkeys` */
  defaultDelegateTake: number;
  /** `DefaultTaoWeight`, written into `TaoWeight(netuid)` of a new subnet */
  defaultTaoWeight: N;
  /** `DefaultTempo` (new subnets) */
  defaultTempo: number;
}

/** The network under the raonet profile. */
export type RaonetState<N> = NetworkState<N> & { raonet: RaonetExtras<N> };

/** One `(child, receiver)` dividend tuple of the drain (§6.1 step 4). */
export interface RaonetDividendTuple<N> {
  /** the uid's hotkey whose stakes decide the alpha/root split (quirk #14) */
  hotkey: AccountId;
  /** `hotkey_j`: a parent or the hotkey itself (last) */
  receiver: AccountId;
  /** `divs_j`, pre-take (what `HotkeyDividendsPerSubnet` records) */
  dividend: N;
  /** `floor(take)` staked to (receiver, Owner(receiver)) */
  take: N;
  /** `floor(alpha_divs)` added to `TotalHotkeyAlpha(receiver, s)` */
  alphaDividend: N;
  /** `floor(root_divs)`: alpha sold for TAO paid to the receiver's root stake */
  rootAlphaDividend: N;
}

/** What one subnet did in one block (coinbase step 5/6 and the drain). */
export interface RaonetSubnetRecord<N> {
  netuid: Netuid;
  mechanism: 0 | 1;
  /** `EmissionValues`: TAO emission of this block (0 for root, which is not in the share loop) */
  taoEmission: N;
  /** `x = tao_emission / E` (I96F32 value; fast: float) */
  emissionFraction: N;
  /** what the coinbase added to `TotalIssuance` and `TotalStake`: `floor(x)` (quirk #1, #7) */
  issuanceAdded: N;
  /** what the coinbase added to `SubnetTAO` (dynamic: the TAO emission; stable: `floor(x)`) */
  taoAdded: N;
  /** alpha block emission `a` from `SubnetAlphaIn + SubnetAlphaOut` (dynamic only, else 0) */
  alphaEmission: N;
  /** `floor(alpha_in)` added to `SubnetAlphaIn` */
  alphaInjected: N;
  /** added to `PendingEmission` (dynamic `floor(a − alpha_in)`, stable `floor(x)`) */
  pendingAdded: N;
  /** `PendingEmission` drained */
  pendingDrained: N;
  /** `floor(pending · SubnetOwnerCut/65535)`, always deducted (quirk #9) */
  ownerCut: N;
  /** whether the cut was staked to the owner (`SubnetOwner` and `SubnetOwnerHotkey` both stored) */
  ownerCutPaid: boolean;
  /** `epoch_mock` dividends per uid (`Emission(netuid)`) */
  dividends: N[];
  tuples: RaonetDividendTuple<N>[];
  /** `total_root_alpha_divs`, swapped with `swap_alpha_for_tao` */
  rootAlphaTotal: N;
  /** TAO out of that swap */
  rootTao: N;
  /** per receiver, `floor(root_j / total · tao)` credited to `TotalHotkeyAlpha(h, 0)` (AccountId order) */
  rootTaoPaid: Array<[AccountId, N]>;
  /** alpha by which `SubnetAlphaOut`'s saturating subtractions (owner cut, root sale) were clipped at 0 */
  alphaOutClipped: N;
}

/** What a recorder or a diff harness needs from one `block_step`. */
export interface RaonetBlockRecord<N> {
  /** the block number the step ran at */
  block: number;
  /** `E`, the TAO block emission (`BlockEmission`) */
  blockEmission: N;
  /** subnets in the runtime's iteration order */
  subnets: RaonetSubnetRecord<N>[];
  /** netuids whose burn / difficulty were adjusted at this block (`adjust_registration_terms_for_networks`) */
  adjusted: Netuid[];
}

/**
 * A runtime panic (`attempt to divide by zero`, `saturating_div` by zero …): in `on_initialize`
 * the block cannot be built; in an extrinsic the call is dropped. Thrown, never returned.
 */
export class RuntimePanic extends Error {
  override name = 'RuntimePanic' as const;
  constructor(message: string) {
    super(`runtime panic: ${message}`);
  }
}
