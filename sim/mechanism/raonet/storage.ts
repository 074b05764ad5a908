/**
 * Storage-like accessors of the raonet profile: reads return the runtime's `ValueQuery` default
 * when an item is absent, writes create the entry (a `ValueQuery` `mutate` stores even the
 * default, quirk #11), and the Balances semantics the staking calls rely on (existential
 * deposit, `Preservation::Preserve` withdrawals, best-effort deposits).
 *
 * Authority: `pallets/subtensor/src/lib.rs`, `staking/helpers.rs`, `staking/stake_utils.rs`,
 * `utils/misc.rs` @ 1629c559b; pallet_balances `fungible` impls of the same polkadot-sdk.
 */
import { I96F32, type Arith, type FixedType } from '../../math/arith.ts';
import { hotkeyNetuidKey } from '../../state/network.ts';
import type { AccountId, Netuid, SharePool, SubnetState } from '../../state/types.ts';
import { RuntimePanic, U64_MAX, ZERO_ACCOUNT, type RaonetState, type RaonetSubnetExtras } from './types.ts';

/** `TotalHotkeyAlpha(hotkey, netuid)` (0 when absent). */
export function totalHotkeyAlpha<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): N {
  return s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey(hotkey, netuid)) ?? A.zero;
}

/** Writes `TotalHotkeyAlpha(hotkey, netuid)` (the entry exists afterwards, even at 0). */
export function setTotalHotkeyAlpha<N>(s: RaonetState<N>, hotkey: AccountId, netuid: Netuid, v: N): void {
  s.stake.totalHotkeyAlpha.set(hotkeyNetuidKey(hotkey, netuid), v);
}

/** The share pool behind (hotkey, netuid), created empty if absent. */
export function sharePool<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): SharePool<N> {
  const key = hotkeyNetuidKey(hotkey, netuid);
  let p = s.stake.pools.get(key);
  if (!p) {
    p = { totalShares: A.zero, shares: new Map() };
    s.stake.pools.set(key, p);
  }
  return p;
}

/** `TotalHotkeyShares(hotkey, netuid)` (0 when absent). */
export function totalHotkeyShares<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): N {
  return s.stake.pools.get(hotkeyNetuidKey(hotkey, netuid))?.totalShares ?? A.zero;
}

/** `Alpha(hotkey, coldkey, netuid)`: the coldkey's shares (0 when absent). */
export function alphaShares<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid): N {
  return s.stake.pools.get(hotkeyNetuidKey(hotkey, netuid))?.shares.get(coldkey) ?? A.zero;
}

/** `Owner::contains_key(hotkey)` (`hotkey_account_exists`). */
export function hotkeyAccountExists<N>(s: RaonetState<N>, hotkey: AccountId): boolean {
  return s.hotkeys.has(hotkey);
}

/** `Owner(hotkey)`: the zero account when absent. */
export function ownerOf<N>(s: RaonetState<N>, hotkey: AccountId): AccountId {
  return s.hotkeys.get(hotkey)?.owner ?? ZERO_ACCOUNT;
}

/** `Delegates(hotkey)` take (u16), the default when absent. */
export function delegateTake<N>(s: RaonetState<N>, hotkey: AccountId): number {
  return s.hotkeys.get(hotkey)?.take ?? s.raonet.defaultDelegateTake;
}

/** `ChildkeyTake(hotkey, netuid)` (0 when absent). */
export function childkeyTake<N>(s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): number {
  return s.hotkeys.get(hotkey)?.childkeyTake.get(netuid) ?? 0;
}

/** `ParentKeys(child, netuid)`: (proportion u64, parent). */
export function parentsOf<N>(s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): Array<[bigint, AccountId]> {
  return s.hotkeys.get(hotkey)?.parents.get(netuid) ?? [];
}

/** `ChildKeys(parent, netuid)`: (proportion u64, child). */
export function childrenOf<N>(s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): Array<[bigint, AccountId]> {
  return s.hotkeys.get(hotkey)?.children.get(netuid) ?? [];
}

/** The subnet, or a thrown error (callers check `NetworksAdded` first). */
export function subnetOf<N>(s: RaonetState<N>, netuid: Netuid): SubnetState<N> {
  const sn = s.subnets.get(netuid);
  if (!sn) throw new Error(`raonet: subnet ${netuid} does not exist`);
  return sn;
}

/** R218 per-subnet extras (created with the subnet). */
export function subnetExtras<N>(s: RaonetState<N>, netuid: Netuid): RaonetSubnetExtras<N> {
  const x = s.raonet.subnets.get(netuid);
  if (!x) throw new Error(`raonet: subnet ${netuid} has no raonet extras`);
  return x;
}

/** `NetworksAdded(netuid)` (`if_subnet_exist`). */
export function subnetExists<N>(s: RaonetState<N>, netuid: Netuid): boolean {
  return s.subnets.has(netuid);
}

/** `I96F32::from_num(u64::MAX)` */
export function u64MaxFixed<N>(A: Arith<N>): N {
  return A.fromAmount(I96F32, A.amount(U64_MAX));
}

/**
 * `get_tao_weight(netuid)` = `I96F32(TaoWeight(netuid)).saturating_div(I96F32(u64::MAX))`
 * (`staking/stake_utils.rs` @ 1629c559b; per subnet in R218).
 */
export function taoWeightOf<N>(A: Arith<N>, s: RaonetState<N>, netuid: Netuid): N {
  const w = s.subnets.get(netuid)?.taoWeight ?? s.raonet.defaultTaoWeight;
  return A.checkedDiv(I96F32, A.fromAmount(I96F32, w), u64MaxFixed(A)) ?? A.zero;
}

/** `get_float_subnet_owner_cut()` = `I96F32(SubnetOwnerCut).saturating_div(I96F32(u16::MAX))` (`utils/misc.rs`). */
export function ownerCutFraction<N>(A: Arith<N>, s: RaonetState<N>): N {
  return u16Fraction(A, s.params.subnetOwnerCut);
}

/** `I96F32::from_num(u16).checked_div(I96F32::from_num(u16::MAX))` */
export function u16Fraction<N>(A: Arith<N>, x: number): N {
  return A.checkedDiv(I96F32, A.fromAmount(I96F32, A.amount(x)), A.fromAmount(I96F32, A.amount(65535))) ?? A.zero;
}

/** Plain Rust `/` on a fixed type: panics on a zero divisor (overflow does not occur where used). */
export function divOrPanic<N>(A: Arith<N>, T: FixedType, a: N, b: N, what: string): N {
  if (A.isZero(b)) throw new RuntimePanic(`${what}: attempt to divide by zero`);
  const q = A.checkedDiv(T, a, b);
  if (q === null) throw new RuntimePanic(`${what}: division overflow`);
  return q;
}

/**
 * uids of a subnet in `Keys` iteration order: the key is the SCALE little-endian u16 uid under an
 * `Identity` hasher, so the order is by low byte, then high byte (0, 256, 512 …, 1, 257 …).
 */
export function uidsInKeyOrder(n: number): number[] {
  const uids = Array.from({ length: n }, (_, i) => i);
  if (n <= 256) return uids;
  return uids.sort((a, b) => (a & 0xff) - (b & 0xff) || (a >> 8) - (b >> 8));
}

/** `BTreeMap<AccountId, _>` order: bytewise, which is string order for same-length 0x-hex ids. */
export function compareAccounts(a: AccountId, b: AccountId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// -----------------------------------------------------------------------------------------------
// Balances (pallet_balances through `fungible`), as `staking/helpers.rs` uses it. No holds,
// freezes or extra consumers are modelled, so `reducible_balance(Expendable)` is the free balance
// and `reducible_balance(Preserve)` is the free balance minus the existential deposit.
// -----------------------------------------------------------------------------------------------

/** Free balance (0 for an unknown account). */
export function freeBalance<N>(A: Arith<N>, s: RaonetState<N>, who: AccountId): N {
  return s.balances.get(who) ?? A.zero;
}

/**
 * `can_remove_balance_from_coldkey_account`: `amount <= reducible_balance(Expendable)` and
 * `can_withdraw(amount)` (which, with no freezes, only fails above the free balance).
 */
export function canRemoveBalance<N>(A: Arith<N>, s: RaonetState<N>, who: AccountId, amount: N): boolean {
  return A.le(amount, freeBalance(A, s, who));
}

/**
 * What `remove_balance_from_coldkey_account` would withdraw: `withdraw(amount, BestEffort,
 * Preserve, Polite)` takes `min(amount, free − ED)`; the call fails with
 * `ZeroBalanceAfterWithdrawn` when that is 0 (a 0 request returns 0 without failing).
 */
export function withdrawableAmount<N>(A: Arith<N>, s: RaonetState<N>, who: AccountId, amount: N): N {
  if (A.isZero(amount)) return A.zero;
  return A.min(amount, A.amountSub(freeBalance(A, s, who), s.raonet.existentialDeposit));
}

/** Applies a withdrawal computed by {@link withdrawableAmount}. */
export function applyWithdraw<N>(A: Arith<N>, s: RaonetState<N>, who: AccountId, actual: N): void {
  if (A.isZero(actual)) return;
  s.balances.set(who, A.amountSub(freeBalance(A, s, who), actual));
}

/**
 * `add_balance_to_coldkey_account` = `deposit(amount, BestEffort)`: if the new balance would stay
 * below the existential deposit nothing is credited (the TAO is lost). Returns what was credited.
 */
export function depositBalance<N>(A: Arith<N>, s: RaonetState<N>, who: AccountId, amount: N): N {
  const next = A.amountAdd(freeBalance(A, s, who), amount);
  if (A.lt(next, s.raonet.existentialDeposit)) return A.zero;
  s.balances.set(who, next);
  return amount;
}

/** Appends `hotkey` to a `Vec<AccountId>` map entry if missing (`StakingHotkeys`, `OwnedHotkeys`). */
export function pushUnique(m: Map<AccountId, AccountId[]>, key: AccountId, hotkey: AccountId): void {
  const v = m.get(key) ?? [];
  if (!v.includes(hotkey)) {
    m.set(key, [...v, hotkey]);
  }
}

/**
 * `create_account_if_non_existent(coldkey, hotkey)` (`staking/helpers.rs`): if the hotkey has no
 * `Owner`, set it (take = the `Delegates` default) and add it to `OwnedHotkeys` and `StakingHotkeys`.
 */
export function createAccountIfNonExistent<N>(s: RaonetState<N>, coldkey: AccountId, hotkey: AccountId): void {
  if (s.hotkeys.has(hotkey)) return;
  s.hotkeys.set(hotkey, {
    owner: coldkey,
    take: s.raonet.defaultDelegateTake,
    childkeyTake: new Map(),
    children: new Map(),
    parents: new Map(),
  });
  pushUnique(s.raonet.ownedHotkeys, coldkey, hotkey);
  pushUnique(s.raonet.stakingHotkeys, coldkey, hotkey);
}
