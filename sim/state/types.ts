/**
 * The network state the economics rules read and write, shaped after subtensor's storage
 * (mechanism.md §11; item names in the TSDoc so the runtime twin can be found). Generic over the
 * numeric representation `N` of `sim/math/arith.ts`: `bigint` in exact mode (u64 rao, raw
 * fixed-point bits), `number` in fast mode (float values).
 *
 * Per-uid data are struct-of-arrays per subnet. Hotkeys and coldkeys are opaque strings
 * (`AccountId`): the engine uses short labels, the chain adapters SS58 or 0x-hex.
 *
 * Items a revision does not have simply stay at their defaults (e.g. `pendingServer` before
 * HEAD, `movingPrice` at R218).
 */

export type AccountId = string;
export type Netuid = number;

/** A sparse row as stored: (uid, u16) pairs, sorted by uid. */
export type U16Row = Array<[number, number]>;

/** Subnet hyperparameters, chain units as stored (§12). */
export interface SubnetHyperparameters {
  /** `Tempo` */
  tempo: number;
  /** `Kappa` u16 */
  kappa: number;
  /** `BondsMovingAverage` u64 per 1e6 */
  bondsMovingAverage: number;
  /** `BondsPenalty` u16 */
  bondsPenalty: number;
  /** `LiquidAlphaOn` */
  liquidAlphaEnabled: boolean;
  /** `AlphaValues` (low, high) u16 */
  alphaLow: number;
  alphaHigh: number;
  /** `AlphaSigmoidSteepness` i16 (HEAD) */
  alphaSigmoidSteepness: number;
  /** `Yuma3On` (HEAD) */
  yuma3: boolean;
  /** `MaxAllowedValidators` */
  maxAllowedValidators: number;
  /** `MaxAllowedUids` */
  maxAllowedUids: number;
  /** `ImmunityPeriod` blocks */
  immunityPeriod: number;
  /** `ActivityCutoff` blocks (HEAD derives it from `ActivityCutoffFactorMilli` × tempo) */
  activityCutoff: number;
  /** `MinAllowedWeights` */
  minAllowedWeights: number;
  /** `MaxWeightsLimit` u16 */
  maxWeightsLimit: number;
  /** `WeightsSetRateLimit` blocks */
  weightsSetRateLimit: number;
  /** `CommitRevealWeightsEnabled` */
  commitRevealEnabled: boolean;
  /** `RevealPeriodEpochs` */
  revealPeriodEpochs: number;
  /** registration: `Burn` bounds and adjustment (`MinBurn`, `MaxBurn`, `AdjustmentInterval`, `TargetRegistrationsPerInterval`, `AdjustmentAlpha` u64) */
  minBurn: bigint;
  maxBurn: bigint;
  adjustmentInterval: number;
  targetRegistrationsPerInterval: number;
  adjustmentAlpha: bigint;
  /** `NetworkRegistrationAllowed`, `NetworkPowRegistrationAllowed` */
  registrationAllowed: boolean;
  powRegistrationAllowed: boolean;
}

/** Per-uid arrays of one subnet (`Keys`, `BlockAtRegistration`, `LastUpdate`, epoch outputs …). */
export interface NeuronTable<N> {
  /** `Keys(netuid, uid)` */
  hotkeys: AccountId[];
  /** `BlockAtRegistration` */
  blockAtRegistration: number[];
  /** `LastUpdate` */
  lastUpdate: number[];
  /** `ValidatorPermit` (written by the epoch) */
  validatorPermit: boolean[];
  /** `Active` */
  active: boolean[];
  /** `Weights(netuid, uid)`: row max-upscaled u16 */
  weights: U16Row[];
  /** `Bonds(netuid, uid)`: u16 storage form */
  bonds: U16Row[];
  /** epoch outputs as stored (u16): `Incentive`, `Dividends`, `Consensus`, `ValidatorTrust`, `Rank`, `Trust`, `StakeWeight`, `PruningScores` */
  incentive: number[];
  dividends: number[];
  consensus: number[];
  validatorTrust: number[];
  rank: number[];
  trust: number[];
  stakeWeight: number[];
  pruningScores: number[];
  /** `Emission(netuid)`: alpha rao per uid at the last epoch */
  emission: N[];
}

/** One subnet: pool, pending emission, counters, hyperparameters, neurons. */
export interface SubnetState<N> {
  netuid: Netuid;
  /** `SubnetMechanism`: 0 stable, 1 dynamic */
  mechanism: 0 | 1;
  /** `SubnetOwner` (coldkey), `SubnetOwnerHotkey` */
  owner: AccountId | null;
  ownerHotkey: AccountId | null;
  /** `NetworkRegisteredAt` */
  registeredAt: number;
  /** `FirstEmissionBlockNumber` (HEAD start call); null = not started */
  firstEmissionBlock: number | null;
  /** `SubnetTAO` (pool TAO; root: total root stake), `SubnetAlphaIn` (pool alpha), `SubnetAlphaOut` (outstanding alpha) */
  tao: N;
  alphaIn: N;
  alphaOut: N;
  /** `SubnetMovingPrice` (I96F32) */
  movingPrice: N;
  /** `SubnetVolume` (u128 TAO) */
  volume: N;
  /** R218 per-subnet `TaoWeight(netuid)` (u64, / u64::MAX); later revisions use the global one */
  taoWeight: N;
  /** `PendingEmission` (R218, L233), `PendingRootDivs` (TAO, L233), `PendingAlphaSwapped` (L233), `PendingOwnerCut` */
  pendingEmission: N;
  pendingRootDivs: N;
  pendingAlphaSwapped: N;
  pendingOwnerCut: N;
  /** HEAD: `PendingServerEmission`, `PendingValidatorEmission`, `PendingRootAlphaDivs` */
  pendingServer: N;
  pendingValidator: N;
  pendingRootAlpha: N;
  /** `BlocksSinceLastStep`, `LastMechansimStepBlock` */
  blocksSinceLastStep: number;
  lastMechanismStepBlock: number;
  /** last block's emission records: `EmissionValues` (R218/L233), `SubnetTaoInEmission`, `SubnetAlphaInEmission`, `SubnetAlphaOutEmission` */
  emissionValue: N;
  taoInEmission: N;
  alphaInEmission: N;
  alphaOutEmission: N;
  /** registration: `Burn`, `RegistrationsThisInterval`, `RegistrationsThisBlock`, `LastAdjustmentBlock` */
  burn: N;
  registrationsThisInterval: number;
  registrationsThisBlock: number;
  lastAdjustmentBlock: number;
  /** HEAD balancer: `Swap::SwapBalancer` quote weight (Perquintill, 1e18 scale) and `Swap::FeeRate` (u16) */
  balancerQuoteWeight: bigint;
  feeRate: number;
  hyper: SubnetHyperparameters;
  neurons: NeuronTable<N>;
}

/** A coldkey's stake behind a hotkey on one subnet is a share of the hotkey's pool (§7.2). */
export interface SharePool<N> {
  /** `TotalHotkeyShares(hotkey, netuid)`: u64 at R218, U64F64 bits at L233+ */
  totalShares: N;
  /** `Alpha(hotkey, coldkey, netuid)` */
  shares: Map<AccountId, N>;
}

/** Stake ledgers: pools behind hotkeys, per netuid (netuid 0 = root, holding TAO). */
export interface StakeLedger<N> {
  /** `TotalHotkeyAlpha(hotkey, netuid)`, keyed `${hotkey}|${netuid}` */
  totalHotkeyAlpha: Map<string, N>;
  /** share pools, keyed `${hotkey}|${netuid}` */
  pools: Map<string, SharePool<N>>;
}

/** Per-hotkey registry data: `Owner`, `Delegates` take, childkeys. */
export interface HotkeyInfo {
  /** `Owner(hotkey)`: the coldkey */
  owner: AccountId;
  /** `Delegates(hotkey)`: take u16 (default 11,796) */
  take: number;
  /** `ChildkeyTake(hotkey, netuid)` u16 */
  childkeyTake: Map<Netuid, number>;
  /** `ChildKeys(hotkey, netuid)`: (proportion u64, child) */
  children: Map<Netuid, Array<[bigint, AccountId]>>;
  /** `ParentKeys(hotkey, netuid)`: (proportion u64, parent) */
  parents: Map<Netuid, Array<[bigint, AccountId]>>;
}

/** Global parameters (chain units as stored). */
export interface GlobalParameters<N> {
  /** `TotalSupply` */
  totalSupply: bigint;
  /** `TaoWeight` (global, L233+): u64 / u64::MAX */
  taoWeight: bigint;
  /** `SubnetOwnerCut` u16 */
  subnetOwnerCut: number;
  /** `SubnetMovingAlpha` (I96F32) */
  movingAlpha: N;
  /** `EMAPriceHalvingBlocks` default */
  emaPriceHalvingBlocks: number;
  /** staking: fee (L233 flat rao), minimum stake (rao) */
  stakingFee: bigint;
  minStake: bigint;
  /** `DefaultMinimumPoolLiquidity` (L233, rao) */
  minPoolLiquidity: bigint;
  /** subnet lock: `NetworkMinLockCost`, `NetworkLastLockCost`, `NetworkLockReductionInterval`, `NetworkLastRegistered`, `NetworkRateLimit` */
  networkMinLockCost: bigint;
  networkLastLockCost: bigint;
  networkLockReductionInterval: number;
  networkLastRegistered: number;
  networkRateLimit: number;
  /** `StakeThreshold` (rao) */
  stakeThreshold: bigint;
}

/** The whole network. */
export interface NetworkState<N> {
  /** current block number */
  block: number;
  /** `TotalIssuance`, `TotalStake`, `BlockEmission` */
  totalIssuance: N;
  totalStake: N;
  blockEmission: N;
  /** free TAO balances (pallet Balances) */
  balances: Map<AccountId, N>;
  /** TAO removed from circulation by recycling / burning (`RAORecycledForRegistration` and burns), for conservation checks */
  recycled: N;
  params: GlobalParameters<N>;
  /** subnets by netuid; iterate with `subnetsInOrder` (the runtime's key order) */
  subnets: Map<Netuid, SubnetState<N>>;
  hotkeys: Map<AccountId, HotkeyInfo>;
  stake: StakeLedger<N>;
}
