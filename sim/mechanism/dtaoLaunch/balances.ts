/**
 * Free TAO balances as subtensor moves them through pallet Balances at L233
 * (`staking/helpers.rs` @ e2b8367b8): `can_remove_balance_from_coldkey_account` (reducible
 * balance, Expendable), `remove_balance_from_coldkey_account` (withdraw, BestEffort, Preserve:
 * never below the existential deposit of 500 rao) and `add_balance_to_coldkey_account`
 * (deposit, BestEffort: a deposit that would leave a new account below the existential deposit
 * credits nothing). Locks, reserves and consumer references are not modelled.
 *
 * An account "exists" when its free balance is positive.
 */
import type { Arith } from '../../math/arith.ts';
import type { AccountId, NetworkState } from '../../state/types.ts';
import { EXISTENTIAL_DEPOSIT } from './constants.ts';

/** Free balance (0 for an unknown account). */
export function freeBalance<N>(A: Arith<N>, s: NetworkState<N>, who: AccountId): N {
  return s.balances.get(who) ?? A.zero;
}

/** `can_remove_balance_from_coldkey_account`: `amount <= reducible_balance(Expendable)` = free balance. */
export function canRemoveBalance<N>(A: Arith<N>, s: NetworkState<N>, who: AccountId, amount: N): boolean {
  return A.le(amount, freeBalance(A, s, who));
}

/**
 * What `remove_balance_from_coldkey_account` would withdraw: `min(amount, free − ED)` (Preserve,
 * BestEffort); 0 for a zero amount.
 */
export function withdrawableAmount<N>(A: Arith<N>, s: NetworkState<N>, who: AccountId, amount: N): N {
  if (A.isZero(amount)) return A.zero;
  const reducible = A.amountSub(freeBalance(A, s, who), A.amount(EXISTENTIAL_DEPOSIT));
  return A.min(amount, reducible);
}

/** Withdraw (mutates): returns the amount actually taken (see {@link withdrawableAmount}). */
export function withdrawBalance<N>(A: Arith<N>, s: NetworkState<N>, who: AccountId, amount: N): N {
  const taken = withdrawableAmount(A, s, who, amount);
  if (!A.isZero(taken)) s.balances.set(who, A.amountSub(freeBalance(A, s, who), taken));
  return taken;
}

/**
 * `add_balance_to_coldkey_account` (mutates): returns what was credited. A deposit into an
 * account with no balance that stays below the existential deposit is dropped (BestEffort
 * `increase_balance` returns 0 and subtensor ignores it): that TAO leaves circulation.
 */
export function depositBalance<N>(A: Arith<N>, s: NetworkState<N>, who: AccountId, amount: N): N {
  if (A.isZero(amount)) return A.zero;
  const cur = freeBalance(A, s, who);
  if (A.isZero(cur) && A.lt(amount, A.amount(EXISTENTIAL_DEPOSIT))) return A.zero;
  s.balances.set(who, A.amountAdd(cur, amount));
  return amount;
}

/**
 * Record TAO that left both balances and pools without a `TotalIssuance` decrement (dust
 * deposits, unstaked TAO that is never restaked, failed swaps…) in `state.recycled`, so that the
 * conservation identity of the dtao-launch profile holds exactly (see README).
 */
export function recordLostTao<N>(A: Arith<N>, s: NetworkState<N>, amount: N): void {
  if (!A.isZero(amount)) s.recycled = A.amountAdd(s.recycled, amount);
}
