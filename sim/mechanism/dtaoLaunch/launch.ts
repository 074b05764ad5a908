/**
 * The dTAO launch state transform: `migrate_rao` (`migrations/migrate_rao.rs` @ e2b8367b8) with
 * the migrations of the same upgrade that touch economics (`migrate_init_total_issuance` called
 * from it, then `migrate_set_min_burn`), applied to a description of the pre-dTAO (M219) chain.
 *
 * - All TAO stake becomes root stake: `SubnetTAO(0)` and `SubnetAlphaOut(0)` += stake,
 *   `Alpha(h, c, 0)`, `TotalHotkeyShares(h, 0)` (U64F64) and `TotalHotkeyAlpha(h, 0)` += stake.
 * - `NetworkMinLockCost = 1 TAO`, `TaoWeight = 3,320,413,933,267,719,290` (≈ 0.18).
 * - Root: `SubnetAlphaIn(0) = 1e9`, mechanism 0.
 * - Every other subnet: pool of 1 TAO and 1 alpha (`SubnetTAO = SubnetAlphaIn = 1e9`,
 *   `SubnetAlphaOut = 0`, `TotalStake += 1e9`), `SubnetMovingPrice = EmissionValues / 1e9` (its
 *   old share of the block emission), mechanism 1, the lock above 1 TAO refunded to the owner
 *   (`SubnetLocked = 0`); if the subnet has an owner: `SubnetOwnerHotkey = owner coldkey`, the
 *   coldkey becomes its own hotkey (`Owner(c) = c` if new) and is registered as a neuron unless
 *   already registered (appended, or replacing the neuron to prune when the subnet is full).
 * - `TotalIssuance = Balances issuance + TotalStake + Σ SubnetLocked` (the locks are 0 by then).
 * - `MinBurn = 500,000 rao` on every non-root subnet (`migrate_set_min_burn`).
 */
import { appendNeuron } from '../../state/neurons.ts';
import type { Arith } from '../../math/arith.ts';
import { I96F32, U64F64 } from '../../math/arith.ts';
import { createNetwork, createSubnet, hotkeyNetuidKey } from '../../state/network.ts';
import type { AccountId, GlobalParameters, NetworkState, Netuid, SubnetHyperparameters, U16Row } from '../../state/types.ts';
import { depositBalance } from './balances.ts';
import {
  DEFAULT_BURN,
  DEFAULT_DELEGATE_TAKE,
  INITIAL_MIN_BURN,
  LAUNCH_MIN_LOCK_COST,
  LAUNCH_TAO_WEIGHT,
  ZERO_ACCOUNT,
  dtaoLaunchParams,
  runtimeDefaultHyperparameters,
} from './constants.ts';
import { registerNeuron } from './registration.ts';
import { createAccountIfNonExistent } from './util.ts';

/** A neuron of a pre-dTAO subnet. */
export interface PreDtaoNeuron {
  hotkey: AccountId;
  registeredAt?: number;
  lastUpdate?: number;
  validatorPermit?: boolean;
  weights?: U16Row;
  bonds?: U16Row;
  pruningScore?: number;
}

/** A subnet as it stood before the upgrade. */
export interface PreDtaoSubnet {
  netuid: Netuid;
  /** `EmissionValues(netuid)`: rao per block from the root-network Yuma (Σ ≈ 1e9) */
  emissionValue: bigint;
  /** `SubnetOwner` coldkey (null: never set) */
  owner: AccountId | null;
  /** `SubnetLocked` (rao) */
  locked?: bigint;
  /** `NetworkRegisteredAt` */
  registeredAt?: number;
  /** `Burn` (default 1 TAO) */
  burn?: bigint;
  /** stored hyperparameters (default: the runtime defaults with registration allowed) */
  hyper?: Partial<SubnetHyperparameters>;
  neurons?: PreDtaoNeuron[];
}

/** The pre-dTAO chain, as much of it as the launch transform reads. */
export interface PreDtaoNetwork {
  /** block of the upgrade */
  block: number;
  /** free balances (pallet Balances) */
  balances: Iterable<[AccountId, bigint]>;
  /** `Stake(hotkey, coldkey)` (TAO rao) */
  stakes: Array<{ hotkey: AccountId; coldkey: AccountId; amount: bigint }>;
  /** `Owner(hotkey)` and `Delegates(hotkey)` take */
  hotkeys: Array<{ hotkey: AccountId; owner: AccountId; take?: number }>;
  /** non-root subnets (root is created here) */
  subnets: PreDtaoSubnet[];
  /** `TotalStake` before the upgrade (default Σ stakes) */
  totalStake?: bigint;
  /** global parameters to keep from before (e.g. `networkLastLockCost`, `networkLastRegistered`) */
  params?: Partial<GlobalParameters<bigint>>;
  /** root (netuid 0) hyperparameters */
  rootHyper?: Partial<SubnetHyperparameters>;
}

/**
 * Build the dTAO launch state from a pre-dTAO description.
 * @example
 * const s = launchState(exactArith, { block: 4_920_351, balances: [['ck', 10n ** 12n]], stakes: [],
 *   hotkeys: [], subnets: [{ netuid: 1, emissionValue: 1_000_000_000n, owner: 'ck' }] });
 */
export function launchState<N>(A: Arith<N>, pre: PreDtaoNetwork): NetworkState<N> {
  const p = pre.params ?? {};
  const params = dtaoLaunchParams(A, {
    ...(p.totalSupply !== undefined ? { totalSupply: p.totalSupply } : {}),
    ...(p.subnetOwnerCut !== undefined ? { subnetOwnerCut: p.subnetOwnerCut } : {}),
    ...(p.networkLastLockCost !== undefined ? { networkLastLockCost: p.networkLastLockCost } : {}),
    ...(p.networkLastRegistered !== undefined ? { networkLastRegistered: p.networkLastRegistered } : {}),
    ...(p.networkLockReductionInterval !== undefined ? { networkLockReductionInterval: p.networkLockReductionInterval } : {}),
    ...(p.networkRateLimit !== undefined ? { networkRateLimit: p.networkRateLimit } : {}),
    ...(p.stakeThreshold !== undefined ? { stakeThreshold: p.stakeThreshold } : {}),
    taoWeight: LAUNCH_TAO_WEIGHT,
    networkMinLockCost: LAUNCH_MIN_LOCK_COST,
  });
  const s = createNetwork(A, params, pre.block);
  for (const [who, amount] of pre.balances) if (amount > 0n) s.balances.set(who, A.amount(amount));
  for (const h of pre.hotkeys)
    s.hotkeys.set(h.hotkey, {
      owner: h.owner,
      take: h.take ?? DEFAULT_DELEGATE_TAKE,
      childkeyTake: new Map(),
      children: new Map(),
      parents: new Map(),
    });

  // Root network.
  const root = createSubnet(A, 0, runtimeDefaultHyperparameters(pre.rootHyper), { mechanism: 0, burn: A.amount(DEFAULT_BURN) });
  s.subnets.set(0, root);

  // Pre-dTAO subnets with their neurons, as they stood.
  for (const ps of [...pre.subnets].sort((a, b) => a.netuid - b.netuid)) {
    if (ps.netuid === 0) throw new Error('launchState: describe root through rootHyper, not as a subnet');
    const sub = createSubnet(A, ps.netuid, runtimeDefaultHyperparameters({ registrationAllowed: true, ...ps.hyper }), {
      mechanism: 0,
      owner: ps.owner,
      registeredAt: ps.registeredAt ?? 0,
      burn: A.amount(ps.burn ?? DEFAULT_BURN),
      emissionValue: A.amount(ps.emissionValue),
    });
    for (const n of ps.neurons ?? []) {
      appendNeuron(A, sub, n.hotkey, n.registeredAt ?? 0, {
        lastUpdate: n.lastUpdate ?? n.registeredAt ?? 0,
        validatorPermit: n.validatorPermit ?? false,
        weights: n.weights,
        bonds: n.bonds,
        pruningScore: n.pruningScore ?? 0,
      });
    }
    s.subnets.set(ps.netuid, sub);
  }

  // --- Migrate all TAO to root.
  let totalStake = A.amount(pre.totalStake ?? pre.stakes.reduce((t, x) => t + x.amount, 0n));
  for (const { hotkey, coldkey, amount } of pre.stakes) {
    const a = A.amount(amount);
    root.tao = A.amountAdd(root.tao, a);
    root.alphaOut = A.amountAdd(root.alphaOut, a);
    const key = hotkeyNetuidKey(hotkey, 0);
    let pool = s.stake.pools.get(key);
    if (!pool) s.stake.pools.set(key, (pool = { totalShares: A.zero, shares: new Map() }));
    const sh = A.fromAmount(U64F64, a);
    pool.shares.set(coldkey, A.satAdd(U64F64, pool.shares.get(coldkey) ?? A.zero, sh));
    pool.totalShares = A.satAdd(U64F64, pool.totalShares, sh);
    s.stake.totalHotkeyAlpha.set(key, A.amountAdd(s.stake.totalHotkeyAlpha.get(key) ?? A.zero, a));
  }
  for (const [key, pool] of [...s.stake.pools]) {
    if (A.isZero(pool.totalShares)) s.stake.pools.delete(key);
    for (const [c, v] of [...pool.shares]) if (A.isZero(v)) pool.shares.delete(c);
  }
  for (const [key, v] of [...s.stake.totalHotkeyAlpha]) if (A.isZero(v)) s.stake.totalHotkeyAlpha.delete(key);

  // --- Convert subnets and give them a pool.
  root.alphaIn = A.amount(1_000_000_000n);
  root.mechanism = 0;
  const poolInitialTao = A.amount(params.networkMinLockCost);
  for (const ps of [...pre.subnets].sort((a, b) => a.netuid - b.netuid)) {
    const sub = s.subnets.get(ps.netuid)!;
    const lock = A.amount(ps.locked ?? 0n);
    const remainingLock = A.amountSub(lock, poolInitialTao);
    sub.movingPrice =
      A.checkedDiv(I96F32, A.fromAmount(I96F32, A.amount(ps.emissionValue)), A.fromAmount(I96F32, A.amount(1_000_000_000n))) ??
      A.zero;
    depositBalance(A, s, ps.owner ?? ZERO_ACCOUNT, remainingLock);
    sub.tao = poolInitialTao;
    totalStake = A.amountAdd(totalStake, poolInitialTao);
    sub.alphaIn = poolInitialTao;
    sub.alphaOut = A.zero;
    sub.mechanism = 1;
    if (ps.owner !== null) {
      sub.ownerHotkey = ps.owner;
      createAccountIfNonExistent(s, ps.owner, ps.owner);
      if (!sub.neurons.hotkeys.includes(ps.owner)) registerNeuron(A, s, sub, ps.owner);
    }
    // migrate_set_min_burn
    sub.hyper.minBurn = INITIAL_MIN_BURN;
  }
  s.totalStake = totalStake;

  // --- migrate_init_total_issuance: Balances issuance + TotalStake (+ locks, all 0 now).
  let balances = A.zero;
  for (const v of s.balances.values()) balances = A.amountAdd(balances, v);
  s.totalIssuance = A.amountAdd(balances, totalStake);
  return s;
}
