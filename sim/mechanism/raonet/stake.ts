/**
 * R218 stake: integer share pools (mechanism.md §7.2 R218), the stake weights the mock epoch
 * reads (§7.1 R218), and the staking extrinsics `add_stake`, `remove_stake`, `move_stake`
 * (R218 has no `transfer_stake` / `swap_stake`; `macros/dispatches.rs` @ 1629c559b).
 *
 * Authority: `pallets/subtensor/src/staking/{stake_utils,helpers,add_stake,remove_stake,move_stake}.rs`
 * @ 1629c559b. Quirks #17–#20 of §14.1 are copied.
 */
import { I64F64, I96F32, type Arith } from '../../math/arith.ts';
import type { ActionResult } from '../runtimeError.ts';
import { RuntimeError } from '../runtimeError.ts';
import type { AccountId, Netuid } from '../../state/types.ts';
import { swapAlphaForTao, swapTaoForAlpha } from './pool.ts';
import {
  alphaShares,
  applyWithdraw,
  canRemoveBalance,
  childrenOf,
  depositBalance,
  divOrPanic,
  hotkeyAccountExists,
  ownerOf,
  parentsOf,
  pushUnique,
  setTotalHotkeyAlpha,
  sharePool,
  subnetExists,
  subnetOf,
  taoWeightOf,
  totalHotkeyAlpha,
  totalHotkeyShares,
  u64MaxFixed,
  uidsInKeyOrder,
  withdrawableAmount,
} from './storage.ts';
import type { RaonetState } from './types.ts';
import { hotkeyNetuidKey } from '../../state/network.ts';

// -----------------------------------------------------------------------------------------------
// Share accounting (u64 shares, I96F32 quotients)
// -----------------------------------------------------------------------------------------------

/**
 * `get_stake_for_hotkey_and_coldkey_on_subnet`: `floor((TotalHotkeyAlpha / TotalHotkeyShares) ·
 * Alpha(h, c, s))` in I96F32, 0 if any of the three is 0 (quirk #18).
 *
 * @example
 * getStakeForHotkeyAndColdkeyOnSubnet(exactArith, state, hk, ck, 1);
 */
export function getStakeForHotkeyAndColdkeyOnSubnet<N>(
  A: Arith<N>,
  s: RaonetState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
): N {
  const shares = totalHotkeyShares(A, s, hotkey, netuid);
  const alpha = totalHotkeyAlpha(A, s, hotkey, netuid);
  const own = alphaShares(A, s, hotkey, coldkey, netuid);
  if (A.isZero(shares) || A.isZero(alpha) || A.isZero(own)) return A.zero;
  const perShare = A.checkedDiv(I96F32, A.fromAmount(I96F32, alpha), A.fromAmount(I96F32, shares)) ?? A.zero;
  return A.toU64(I96F32, A.satMul(I96F32, perShare, A.fromAmount(I96F32, own)));
}

/**
 * `increase_stake_for_hotkey_on_subnet`: `TotalHotkeyAlpha += amount` (every nominator of the
 * hotkey gains pro rata; no shares are issued).
 */
export function increaseStakeForHotkeyOnSubnet<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid, amount: N): void {
  setTotalHotkeyAlpha(s, hotkey, netuid, A.amountAdd(totalHotkeyAlpha(A, s, hotkey, netuid), amount));
}

/**
 * `decrease_stake_for_hotkey_on_subnet`, quirk #19: it **adds** `amount` (the R218 source body is a
 * copy of the increase). Unused by the coinbase and the extrinsics; kept for fidelity.
 */
export function decreaseStakeForHotkeyOnSubnet<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid, amount: N): void {
  setTotalHotkeyAlpha(s, hotkey, netuid, A.amountAdd(totalHotkeyAlpha(A, s, hotkey, netuid), amount));
}

/**
 * `increase_stake_for_hotkey_and_coldkey_on_subnet`: buys shares for `amount` alpha
 * (quirk #17): `amount` shares if `TotalHotkeyShares == 0`, whatever the pool holds; else
 * `floor((amount / TotalHotkeyAlpha) · TotalHotkeyShares)` with the quotient floored to 2^-32
 * (a plain `/`: a zero pool with shares panics). The coldkey's `Alpha`, `TotalHotkeyShares` and
 * `TotalHotkeyAlpha` are then raised; entries are written even for 0 (quirk #11). Returns the
 * shares bought.
 */
export function increaseStakeForHotkeyAndColdkeyOnSubnet<N>(
  A: Arith<N>,
  s: RaonetState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  amount: N,
): N {
  const pool = sharePool(A, s, hotkey, netuid);
  let bought: N;
  if (A.isZero(pool.totalShares)) {
    bought = amount;
  } else {
    const increase = divOrPanic(
      A,
      I96F32,
      A.fromAmount(I96F32, amount),
      A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, netuid)),
      'increase_stake_for_hotkey_and_coldkey_on_subnet',
    );
    bought = A.toU64(I96F32, A.satMul(I96F32, increase, A.fromAmount(I96F32, pool.totalShares)));
  }
  pool.shares.set(coldkey, A.amountAdd(pool.shares.get(coldkey) ?? A.zero, bought));
  pool.totalShares = A.amountAdd(pool.totalShares, bought);
  increaseStakeForHotkeyOnSubnet(A, s, hotkey, netuid, amount);
  return bought;
}

/** What a share sale did. */
export interface DecreaseStakeOutcome<N> {
  /** false when the runtime returned early (zero pool, zero amount, or more shares than owned) */
  applied: boolean;
  /** shares removed from the coldkey */
  sharesSold: N;
  /** by how much `TotalHotkeyAlpha` fell (saturating: may be less than the amount, quirk #17) */
  alphaDecrease: N;
}

/**
 * `decrease_stake_for_hotkey_and_coldkey_on_subnet`: returns early if the pool, its shares or
 * `amount` is 0; shares sold = `floor((amount / TotalHotkeyAlpha) · TotalHotkeyShares)`; if more
 * than the coldkey owns, silently nothing (quirk #18). Else `Alpha`, `TotalHotkeyShares`,
 * `TotalHotkeyAlpha` fall (saturating; entries removed at 0, `mutate_exists`).
 */
export function decreaseStakeForHotkeyAndColdkeyOnSubnet<N>(
  A: Arith<N>,
  s: RaonetState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  amount: N,
): DecreaseStakeOutcome<N> {
  const none: DecreaseStakeOutcome<N> = { applied: false, sharesSold: A.zero, alphaDecrease: A.zero };
  const shares = totalHotkeyShares(A, s, hotkey, netuid);
  const alpha = totalHotkeyAlpha(A, s, hotkey, netuid);
  if (A.isZero(shares) || A.isZero(alpha) || A.isZero(amount)) return none;
  const decrease = divOrPanic(A, I96F32, A.fromAmount(I96F32, amount), A.fromAmount(I96F32, alpha), 'decrease_stake');
  const sold = A.toU64(I96F32, A.satMul(I96F32, decrease, A.fromAmount(I96F32, shares)));
  const own = alphaShares(A, s, hotkey, coldkey, netuid);
  if (A.lt(own, sold)) return none;
  const key = hotkeyNetuidKey(hotkey, netuid);
  const pool = s.stake.pools.get(key)!;
  // mutate_exists: an absent entry stays absent; a zero result removes the entry
  if (pool.shares.has(coldkey)) {
    const left = A.amountSub(own, sold);
    if (A.isZero(left)) pool.shares.delete(coldkey);
    else pool.shares.set(coldkey, left);
  }
  pool.totalShares = A.amountSub(shares, sold);
  if (A.isZero(pool.totalShares) && pool.shares.size === 0) s.stake.pools.delete(key);
  const nextAlpha = A.amountSub(alpha, amount);
  if (A.isZero(nextAlpha)) s.stake.totalHotkeyAlpha.delete(key);
  else s.stake.totalHotkeyAlpha.set(key, nextAlpha);
  return { applied: true, sharesSold: sold, alphaDecrease: A.amountSub(alpha, nextAlpha) };
}

// -----------------------------------------------------------------------------------------------
// Stake weights (what `epoch_mock` normalizes)
// -----------------------------------------------------------------------------------------------

/**
 * `get_inherited_for_hotkey_on_subnet`: `TotalHotkeyAlpha(h, s)` minus `A · prop_c` for each child,
 * plus `TotalHotkeyAlpha(p, s) · prop_p` for each parent (I96F32, saturating), floored to u64.
 */
export function inheritedForHotkeyOnSubnet<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): N {
  const initial = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, netuid));
  const max = u64MaxFixed(A);
  let toChildren = A.zero;
  for (const [proportion] of childrenOf(s, hotkey, netuid)) {
    const p = A.checkedDiv(I96F32, A.fromAmount(I96F32, A.amount(proportion)), max) ?? A.zero;
    toChildren = A.satAdd(I96F32, toChildren, A.satMul(I96F32, initial, p));
  }
  let fromParents = A.zero;
  for (const [proportion, parent] of parentsOf(s, hotkey, netuid)) {
    const parentAlpha = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, parent, netuid));
    const p = A.checkedDiv(I96F32, A.fromAmount(I96F32, A.amount(proportion)), max) ?? A.zero;
    fromParents = A.satAdd(I96F32, fromParents, A.satMul(I96F32, parentAlpha, p));
  }
  return A.toU64(I96F32, A.satAdd(I96F32, A.satSub(I96F32, initial, toChildren), fromParents));
}

/** Stake vectors per uid (I64F64 values). */
export interface StakeWeights<N> {
  /** `alpha_i + tao_i · tao_weight` */
  total: N[];
  alpha: N[];
  tao: N[];
}

/**
 * `get_stake_weights_for_network` (R218): per uid of `Keys(netuid, ·)`, `alpha_i =
 * inherited(h, netuid)`, `tao_i = inherited(h, 0)` (quirk #20: the child/parent relations **of
 * netuid 0**), `stake_i = alpha_i + tao_i · TaoWeight(netuid)` in I64F64 (plain ops).
 *
 * @example
 * const { total } = stakeWeights(exactArith, state, 1);
 */
export function stakeWeights<N>(A: Arith<N>, s: RaonetState<N>, netuid: Netuid): StakeWeights<N> {
  const hotkeys = subnetOf(s, netuid).neurons.hotkeys;
  const n = hotkeys.length;
  const alpha: N[] = new Array(n).fill(A.zero);
  const tao: N[] = new Array(n).fill(A.zero);
  const order = uidsInKeyOrder(n);
  for (const uid of order) alpha[uid] = A.fromAmount(I64F64, inheritedForHotkeyOnSubnet(A, s, hotkeys[uid], netuid));
  for (const uid of order) tao[uid] = A.fromAmount(I64F64, inheritedForHotkeyOnSubnet(A, s, hotkeys[uid], 0));
  const w = A.convert(I96F32, I64F64, taoWeightOf(A, s, netuid));
  const total = alpha.map((a, i) => A.add(I64F64, a, A.satMul(I64F64, tao[i], w)));
  return { total, alpha, tao };
}

// -----------------------------------------------------------------------------------------------
// Stake into / out of a subnet
// -----------------------------------------------------------------------------------------------

/**
 * `stake_into_subnet`: swap TAO for alpha, buy shares with it, add the hotkey to the coldkey's
 * `StakingHotkeys`. Returns the alpha.
 */
export function stakeIntoSubnet<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid, tao: N): N {
  const alpha = swapTaoForAlpha(A, s, netuid, tao);
  increaseStakeForHotkeyAndColdkeyOnSubnet(A, s, hotkey, coldkey, netuid, alpha);
  pushUnique(s.raonet.stakingHotkeys, coldkey, hotkey);
  return alpha;
}

/**
 * `unstake_from_subnet`: swap alpha for TAO **first**, then sell shares (which may silently do
 * nothing, quirk #18). Returns the TAO and what the share sale did.
 */
export function unstakeFromSubnet<N>(
  A: Arith<N>,
  s: RaonetState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  alpha: N,
): { tao: N; decrease: DecreaseStakeOutcome<N> } {
  const tao = swapAlphaForTao(A, s, netuid, alpha);
  const decrease = decreaseStakeForHotkeyAndColdkeyOnSubnet(A, s, hotkey, coldkey, netuid, alpha);
  return { tao, decrease };
}

/**
 * `clear_small_nomination_if_required`: a coldkey that does not own the hotkey and holds less than
 * `NominatorMinRequiredStake` is unstaked and paid out. Returns the TAO lost to the existential
 * deposit rule (0 when nothing happened).
 */
function clearSmallNominationIfRequired<N>(A: Arith<N>, s: RaonetState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid): { tao: N; credited: N } {
  const owns = hotkeyAccountExists(s, hotkey) && ownerOf(s, hotkey) === coldkey;
  if (owns) return { tao: A.zero, credited: A.zero };
  const stake = getStakeForHotkeyAndColdkeyOnSubnet(A, s, hotkey, coldkey, netuid);
  if (!A.lt(stake, s.raonet.nominatorMinRequiredStake)) return { tao: A.zero, credited: A.zero };
  const { tao } = unstakeFromSubnet(A, s, hotkey, coldkey, netuid, stake);
  const credited = depositBalance(A, s, coldkey, tao);
  return { tao, credited };
}

// -----------------------------------------------------------------------------------------------
// Extrinsics
// -----------------------------------------------------------------------------------------------

export interface AddStakeInput<N> {
  /** the signer */
  coldkey: AccountId;
  hotkey: AccountId;
  netuid: Netuid;
  /** `amount_staked` (rao) */
  amount: N;
}
export interface AddStakeOutput<N> {
  /** TAO withdrawn and swapped (`min(amount, free − ED)`) */
  taoStaked: N;
  /** alpha bought (`StakeAdded` event) */
  alpha: N;
}
export type AddStakeErrorType = 'SubnetNotExists' | 'NotEnoughBalanceToStake' | 'HotKeyAccountNotExists' | 'ZeroBalanceAfterWithdrawn';

/**
 * `add_stake(hotkey, netuid, amount)` (`do_add_stake`): `SubnetNotExists`,
 * `NotEnoughBalanceToStake` (amount above the free balance), `HotKeyAccountNotExists`, then the
 * withdrawal keeps the account alive (`Preserve`: at most free − ED is taken; 0 →
 * `ZeroBalanceAfterWithdrawn`). No minimum, no fee, no rate limit; a 0 amount is accepted.
 *
 * @example
 * const r = addStake(exactArith, state, { coldkey, hotkey, netuid: 1, amount: 10_000_000_000n });
 * if (!r.ok) console.log(r.error.variant);
 */
export function addStake<N>(A: Arith<N>, s: RaonetState<N>, input: AddStakeInput<N>): ActionResult<AddStakeOutput<N>> {
  const { coldkey, hotkey, netuid, amount } = input;
  if (!subnetExists(s, netuid)) return fail('SubnetNotExists', `netuid ${netuid}`);
  if (!canRemoveBalance(A, s, coldkey, amount)) return fail('NotEnoughBalanceToStake', `${coldkey} cannot pay ${String(amount)}`);
  if (!hotkeyAccountExists(s, hotkey)) return fail('HotKeyAccountNotExists', hotkey);
  const taoStaked = withdrawableAmount(A, s, coldkey, amount);
  if (!A.isZero(amount) && A.isZero(taoStaked)) return fail('ZeroBalanceAfterWithdrawn', coldkey);
  applyWithdraw(A, s, coldkey, taoStaked);
  const alpha = stakeIntoSubnet(A, s, hotkey, coldkey, netuid, taoStaked);
  return { ok: true, value: { taoStaked, alpha } };
}

export interface RemoveStakeInput<N> {
  coldkey: AccountId;
  hotkey: AccountId;
  netuid: Netuid;
  /** `amount_unstaked` (alpha rao) */
  amount: N;
}
export interface RemoveStakeOutput<N> {
  /** TAO out of the pool (`StakeRemoved` event) */
  tao: N;
  /** TAO credited to the coldkey (less than `tao` only if the balance stays below ED) */
  credited: N;
  /** what the share sale did (`applied: false` = quirk #18: the swap happened anyway) */
  decrease: DecreaseStakeOutcome<N>;
  /** TAO and credit of a small-nomination clearing (0 with `NominatorMinRequiredStake` 0) */
  cleared: { tao: N; credited: N };
}
export type RemoveStakeErrorType = 'StakeToWithdrawIsZero' | 'SubnetNotExists' | 'HotKeyAccountNotExists' | 'NotEnoughStakeToWithdraw';

/**
 * `remove_stake(hotkey, netuid, amount)` (`do_remove_stake`): `StakeToWithdrawIsZero`,
 * `SubnetNotExists`, `HotKeyAccountNotExists`, `NotEnoughStakeToWithdraw` (the coldkey's value,
 * §7.2); then swap, sell shares, credit the TAO, clear a small nomination.
 *
 * @example
 * removeStake(exactArith, state, { coldkey, hotkey, netuid: 1, amount: 1_000_000n });
 */
export function removeStake<N>(A: Arith<N>, s: RaonetState<N>, input: RemoveStakeInput<N>): ActionResult<RemoveStakeOutput<N>> {
  const { coldkey, hotkey, netuid, amount } = input;
  if (A.isZero(amount)) return fail('StakeToWithdrawIsZero', '');
  if (!subnetExists(s, netuid)) return fail('SubnetNotExists', `netuid ${netuid}`);
  if (!hotkeyAccountExists(s, hotkey)) return fail('HotKeyAccountNotExists', hotkey);
  const value = getStakeForHotkeyAndColdkeyOnSubnet(A, s, hotkey, coldkey, netuid);
  if (A.lt(value, amount)) return fail('NotEnoughStakeToWithdraw', `${String(value)} < ${String(amount)}`);
  const { tao, decrease } = unstakeFromSubnet(A, s, hotkey, coldkey, netuid, amount);
  const credited = depositBalance(A, s, coldkey, tao);
  const cleared = clearSmallNominationIfRequired(A, s, hotkey, coldkey, netuid);
  return { ok: true, value: { tao, credited, decrease, cleared } };
}

export interface MoveStakeInput<N> {
  coldkey: AccountId;
  originHotkey: AccountId;
  destinationHotkey: AccountId;
  originNetuid: Netuid;
  destinationNetuid: Netuid;
  /** alpha rao on the origin */
  amount: N;
}
export interface MoveStakeOutput<N> {
  /** TAO out of the origin pool */
  tao: N;
  /** alpha bought on the destination */
  alpha: N;
  decrease: DecreaseStakeOutcome<N>;
}
export type MoveStakeErrorType = 'SubnetNotExists' | 'HotKeyAccountNotExists' | 'NotEnoughStakeToWithdraw';

/**
 * `move_stake(origin_hotkey, destination_hotkey, origin_netuid, destination_netuid, amount)`
 * (`do_move_stake`): `SubnetNotExists` (origin, then destination), `HotKeyAccountNotExists`
 * (origin, then destination), `NotEnoughStakeToWithdraw`; then unstake (two legs, two swaps even
 * on the same subnet) and stake the TAO. A 0 amount is accepted.
 *
 * @example
 * moveStake(exactArith, state, { coldkey, originHotkey: a, destinationHotkey: b, originNetuid: 1, destinationNetuid: 2, amount: 1_000n });
 */
export function moveStake<N>(A: Arith<N>, s: RaonetState<N>, input: MoveStakeInput<N>): ActionResult<MoveStakeOutput<N>> {
  const { coldkey, originHotkey, destinationHotkey, originNetuid, destinationNetuid, amount } = input;
  if (!subnetExists(s, originNetuid)) return fail('SubnetNotExists', `origin netuid ${originNetuid}`);
  if (!subnetExists(s, destinationNetuid)) return fail('SubnetNotExists', `destination netuid ${destinationNetuid}`);
  if (!hotkeyAccountExists(s, originHotkey)) return fail('HotKeyAccountNotExists', originHotkey);
  if (!hotkeyAccountExists(s, destinationHotkey)) return fail('HotKeyAccountNotExists', destinationHotkey);
  const value = getStakeForHotkeyAndColdkeyOnSubnet(A, s, originHotkey, coldkey, originNetuid);
  if (A.lt(value, amount)) return fail('NotEnoughStakeToWithdraw', `${String(value)} < ${String(amount)}`);
  const { tao, decrease } = unstakeFromSubnet(A, s, originHotkey, coldkey, originNetuid, amount);
  const alpha = stakeIntoSubnet(A, s, destinationHotkey, coldkey, destinationNetuid, tao);
  return { ok: true, value: { tao, alpha, decrease } };
}

function fail(variant: string, details: string): { ok: false; error: RuntimeError } {
  return { ok: false, error: new RuntimeError(variant, details || undefined) };
}
