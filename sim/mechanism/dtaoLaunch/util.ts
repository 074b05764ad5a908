/**
 * Small helpers shared by the dtao-launch rules: storage lookups with the runtime's defaults,
 * cross-type fixed-point comparison, and the fast/exact bridges the `Arith` interface lacks.
 */
import type { Arith, FixedType } from '../../math/arith.ts';
import { I96F32 } from '../../math/arith.ts';
import { compareValues } from '../../math/fixed.ts';
import { hotkeyNetuidKey } from '../../state/network.ts';
import type { AccountId, NetworkState, Netuid, SubnetState } from '../../state/types.ts';
import { DEFAULT_DELEGATE_TAKE, U16_MAX, U64_MAX, ZERO_ACCOUNT } from './constants.ts';

/** Cross-type `PartialOrd` of two fixed values (−1, 0, 1), exact in exact mode. */
export function cmpFixed<N>(A: Arith<N>, Ta: FixedType, a: N, Tb: FixedType, b: N): -1 | 0 | 1 {
  if (A.mode === 'exact') return compareValues(Ta, a as bigint, Tb, b as bigint);
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `TotalHotkeyAlpha(hotkey, netuid)` (0 if absent). */
export function totalHotkeyAlpha<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, netuid: Netuid): N {
  return s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey(hotkey, netuid)) ?? A.zero;
}

/** `Owner(hotkey)`: the owning coldkey, or the zero account (ValueQuery default). */
export function ownerOf<N>(s: NetworkState<N>, hotkey: AccountId): AccountId {
  return s.hotkeys.get(hotkey)?.owner ?? ZERO_ACCOUNT;
}

/** `SubnetOwner(netuid)` with its ValueQuery default (zero account). */
export function subnetOwnerOf<N>(sub: SubnetState<N>): AccountId {
  return sub.owner ?? ZERO_ACCOUNT;
}

/** `Delegates(hotkey)` (default take 11,796). */
export function delegateTake<N>(s: NetworkState<N>, hotkey: AccountId): number {
  return s.hotkeys.get(hotkey)?.take ?? DEFAULT_DELEGATE_TAKE;
}

/** `hotkey_account_exists`: `Owner` contains the hotkey. */
export function hotkeyExists<N>(s: NetworkState<N>, hotkey: AccountId): boolean {
  return s.hotkeys.has(hotkey);
}

/** `coldkey_owns_hotkey`. */
export function coldkeyOwnsHotkey<N>(s: NetworkState<N>, coldkey: AccountId, hotkey: AccountId): boolean {
  const h = s.hotkeys.get(hotkey);
  return h !== undefined && h.owner === coldkey;
}

/** `create_account_if_non_existent`: `Owner(hotkey) = coldkey` with the default take, if the hotkey is new. */
export function createAccountIfNonExistent<N>(s: NetworkState<N>, coldkey: AccountId, hotkey: AccountId): void {
  if (s.hotkeys.has(hotkey)) return;
  s.hotkeys.set(hotkey, {
    owner: coldkey,
    take: DEFAULT_DELEGATE_TAKE,
    childkeyTake: new Map(),
    children: new Map(),
    parents: new Map(),
  });
}

/** `get_tao_weight`: `TaoWeight / u64::MAX` in I96F32 (safe_div). */
export function taoWeightFloat<N>(A: Arith<N>, s: NetworkState<N>): N {
  return A.safeDiv(I96F32, A.fromAmount(I96F32, A.amount(s.params.taoWeight)), A.fromAmount(I96F32, A.amount(U64_MAX)));
}

/** A u64 proportion (childkey relations) as I96F32: `proportion / u64::MAX` (safe_div). */
export function u64Proportion<N>(A: Arith<N>, p: bigint): N {
  return A.safeDiv(I96F32, A.fromAmount(I96F32, A.amount(p)), A.fromAmount(I96F32, A.amount(U64_MAX)));
}

/** A u16 proportion as I96F32 with `safe_div` (e.g. `get_float_subnet_owner_cut`, childkey take). */
export function u16ProportionI96<N>(A: Arith<N>, u: number): N {
  return A.safeDiv(I96F32, A.fromAmount(I96F32, A.amount(u)), A.fromAmount(I96F32, A.amount(U16_MAX)));
}

/** `get_hotkey_take_float`: `Delegates(hotkey) / 65535` (checked_div, 0). */
export function hotkeyTakeFloat<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId): N {
  return (
    A.checkedDiv(I96F32, A.fromAmount(I96F32, A.amount(delegateTake(s, hotkey))), A.fromAmount(I96F32, A.amount(U16_MAX))) ??
    A.zero
  );
}

/** Add `x` to a u64 amount held in a Map (saturating), leaving the map untouched when x is 0. */
export function mapAdd<N, K>(A: Arith<N>, m: Map<K, N>, k: K, x: N): void {
  const cur = m.get(k);
  if (cur === undefined) m.set(k, x);
  else m.set(k, A.amountAdd(cur, x));
}

/** Amount comparison helpers over N. */
export function isPositive<N>(A: Arith<N>, x: N): boolean {
  return A.lt(A.zero, x);
}

/** The subnet or undefined. */
export function subnetOf<N>(s: NetworkState<N>, netuid: Netuid): SubnetState<N> | undefined {
  return s.subnets.get(netuid);
}

/** Sum of amounts (saturating). */
export function sumAmounts<N>(A: Arith<N>, xs: Iterable<N>): N {
  let t = A.zero;
  for (const x of xs) t = A.amountAdd(t, x);
  return t;
}

/** Deterministic `BTreeMap<AccountId, _>` iteration stand-in: keys sorted as strings. */
export function sortedKeys<K extends string, V>(m: Map<K, V>): K[] {
  return [...m.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

const U128_MAX = (1n << 128n) - 1n;

/** u128 saturating add of amounts (`SubnetVolume`). */
export function u128Add<N>(A: Arith<N>, a: N, b: N): N {
  if (A.mode === 'exact') {
    const r = (a as bigint) + (b as bigint);
    return (r > U128_MAX ? U128_MAX : r) as N;
  }
  return ((a as number) + (b as number)) as N;
}
