/**
 * The U64F64 share pool behind each (hotkey, netuid) at L233: `primitives/share-pool/src/lib.rs`
 * and `HotkeyAlphaSharePoolDataOperations` in `staking/stake_utils.rs` @ e2b8367b8 (§7.2).
 *
 * - shared value = `TotalHotkeyAlpha(hotkey, netuid)` (u64, removed when 0);
 * - denominator = `TotalHotkeyShares(hotkey, netuid)` (U64F64, removed when 0);
 * - share = `Alpha(hotkey, coldkey, netuid)` (U64F64, removed when 0).
 *
 * value(c) = floor(shared / denominator · share) (checked_div, 0). Adding `u` for one coldkey on
 * an empty denominator gives that coldkey the whole new shared value; otherwise the coldkey
 * gains `I64F64(u) / I64F64(shared / denominator)` shares (truncated, 0 if the division fails),
 * added to both share and denominator (saturating). Adding to all changes the shared value only.
 *
 * Exact mode: shares are U64F64 bits; fast mode: floats. Updates above 2^63 rao (where the
 * runtime's `amount as i64` would wrap) are out of scope.
 */
import type { Arith } from '../../math/arith.ts';
import { I64F64, U64F64 } from '../../math/arith.ts';
import { hotkeyNetuidKey } from '../../state/network.ts';
import type { AccountId, NetworkState, Netuid, SharePool } from '../../state/types.ts';

function getPool<N>(s: NetworkState<N>, hotkey: AccountId, netuid: Netuid): SharePool<N> | undefined {
  return s.stake.pools.get(hotkeyNetuidKey(hotkey, netuid));
}

function sharedValue<N>(A: Arith<N>, s: NetworkState<N>, key: string): N {
  return A.fromAmount(U64F64, s.stake.totalHotkeyAlpha.get(key) ?? A.zero);
}

/** `set_shared_value`: stores the u64 value, removes the entry at 0. */
function setSharedValue<N>(A: Arith<N>, s: NetworkState<N>, key: string, v: N): void {
  if (A.isZero(v)) s.stake.totalHotkeyAlpha.delete(key);
  else s.stake.totalHotkeyAlpha.set(key, A.toU64(U64F64, v));
}

/**
 * `SharePool::get_value`: the coldkey's stake (u64).
 * @example shareValue(exactArith, state, 'hk', 'ck', 1) // 0n if no stake
 */
export function shareValue<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid): N {
  const key = hotkeyNetuidKey(hotkey, netuid);
  const pool = s.stake.pools.get(key);
  const share = pool?.shares.get(coldkey) ?? A.zero;
  const denominator = pool?.totalShares ?? A.zero;
  const perShare = A.checkedDiv(U64F64, sharedValue(A, s, key), denominator) ?? A.zero;
  return A.toU64(U64F64, A.satMul(U64F64, perShare, share));
}

/** `SharePool::try_get_value`: null when the coldkey holds no share entry. */
export function tryShareValue<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
): N | null {
  const pool = getPool(s, hotkey, netuid);
  if (!pool || !pool.shares.has(coldkey)) return null;
  return shareValue(A, s, hotkey, coldkey, netuid);
}

/** `get_stake_for_hotkey_and_coldkey_on_subnet`: `try_get_value` or 0. */
export function stakeOf<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid): N {
  return tryShareValue(A, s, hotkey, coldkey, netuid) ?? A.zero;
}

/**
 * `SharePool::update_value_for_all` (`increase/decrease_stake_for_hotkey_on_subnet`): every
 * coldkey's value moves pro rata.
 */
export function updateValueForAll<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  netuid: Netuid,
  amount: N,
  negative = false,
): void {
  const key = hotkeyNetuidKey(hotkey, netuid);
  const shared = sharedValue(A, s, key);
  const u = A.fromAmount(U64F64, amount);
  setSharedValue(A, s, key, negative ? A.satSub(U64F64, shared, u) : A.satAdd(U64F64, shared, u));
}

/**
 * `SharePool::update_value_for_one` (`increase/decrease_stake_for_hotkey_and_coldkey_on_subnet`
 * without the value check).
 */
export function updateValueForOne<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  amount: N,
  negative = false,
): void {
  const key = hotkeyNetuidKey(hotkey, netuid);
  const shared = sharedValue(A, s, key);
  const pool = s.stake.pools.get(key);
  const current = pool?.shares.get(coldkey) ?? A.zero;
  const denominator = pool?.totalShares ?? A.zero;

  updateValueForAll(A, s, hotkey, netuid, amount, negative);
  const newShared = sharedValue(A, s, key);

  let newDenominator: N;
  let newShare: N;
  if (A.isZero(denominator)) {
    // the first key gets all
    newDenominator = newShared;
    newShare = newShared;
  } else {
    const perShare = A.convert(U64F64, I64F64, A.checkedDiv(U64F64, shared, denominator) ?? A.zero);
    // I64F64(±u) / per_share: truncation is symmetric, so the magnitude is computed once
    const sharesMagnitude = A.convert(I64F64, U64F64, A.checkedDiv(I64F64, A.fromAmount(I64F64, amount), perShare) ?? A.zero);
    if (!negative) {
      newDenominator = A.satAdd(U64F64, denominator, sharesMagnitude);
      newShare = A.satAdd(U64F64, current, sharesMagnitude);
    } else {
      newDenominator = A.satSub(U64F64, denominator, sharesMagnitude);
      newShare = A.satSub(U64F64, current, sharesMagnitude);
    }
  }
  writePool(A, s, key, coldkey, newDenominator, newShare);
}

/** `set_denominator` + `set_share` (each removed at 0); drops the pool object when it is empty. */
function writePool<N>(A: Arith<N>, s: NetworkState<N>, key: string, coldkey: AccountId, denominator: N, share: N): void {
  let pool = s.stake.pools.get(key);
  if (!pool) {
    if (A.isZero(denominator) && A.isZero(share)) return;
    pool = { totalShares: A.zero, shares: new Map() };
    s.stake.pools.set(key, pool);
  }
  pool.totalShares = A.isZero(denominator) ? A.zero : denominator;
  if (A.isZero(share)) pool.shares.delete(coldkey);
  else pool.shares.set(coldkey, share);
  if (A.isZero(pool.totalShares) && pool.shares.size === 0) s.stake.pools.delete(key);
}

/** `increase_stake_for_hotkey_and_coldkey_on_subnet`. */
export function increaseStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  amount: N,
): void {
  updateValueForOne(A, s, hotkey, coldkey, netuid, amount);
}

/**
 * `decrease_stake_for_hotkey_and_coldkey_on_subnet`: only if the coldkey has an entry whose
 * value covers the amount (otherwise nothing happens). Returns whether it happened.
 */
export function decreaseStake<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  coldkey: AccountId,
  netuid: Netuid,
  amount: N,
): boolean {
  const v = tryShareValue(A, s, hotkey, coldkey, netuid);
  if (v === null || A.lt(v, amount)) return false;
  updateValueForOne(A, s, hotkey, coldkey, netuid, amount, true);
  return true;
}
