/**
 * Test helpers of the raonet profile: an independent, minimal I96F32 / I64F64 / I32F32 model
 * (plain BigInt formulas, written from substrate-fixed's rounding rules, not from the code under
 * test) for hand-worked expected values, and readers of the state by runtime item name.
 */
import { hotkeyNetuidKey } from '../../state/network.ts';
import type { AccountId, Netuid } from '../../state/types.ts';
import type { RaonetState } from './types.ts';

/** I96F32 helpers on raw bits (F = 32): from int, floor to int, mul (floor), div (trunc). */
export const F32 = {
  from: (n: bigint): bigint => n << 32n,
  floor: (b: bigint): bigint => (b < 0n ? 0n : b >> 32n),
  mul: (a: bigint, b: bigint): bigint => (a * b) >> 32n,
  div: (a: bigint, b: bigint): bigint => (a << 32n) / b,
  /** u16 / 65535 as `I96F32::from_num(u16).checked_div(I96F32::from_num(u16::MAX))` */
  u16: (x: number): bigint => (BigInt(x) << 64n) / (65535n << 32n),
  /** `TaoWeight / u64::MAX` */
  u64prop: (x: bigint): bigint => ((x << 32n) << 32n) / (((1n << 64n) - 1n) << 32n),
};

/** I64F64 normalize of integer stakes, truncated to I32F32 bits (`epoch_mock` stake). */
export function normalizedI32F32(stakes: bigint[]): bigint[] {
  const sum = stakes.reduce((a, b) => a + b, 0n);
  if (sum === 0n) return stakes.map(() => 0n);
  // I64F64 bits of v_i / sum = trunc((v_i·2^64)·2^64 / (sum·2^64)) = trunc(v_i·2^64 / sum); to I32F32: >> 32
  return stakes.map((v) => ((v << 64n) / sum) >> 32n);
}

/** `TotalHotkeyAlpha(hotkey, netuid)` or undefined when absent. */
export function ta<N>(s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): N | undefined {
  return s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey(hotkey, netuid));
}

/** `TotalHotkeyShares(hotkey, netuid)` or undefined when the pool is absent. */
export function shares<N>(s: RaonetState<N>, hotkey: AccountId, netuid: Netuid): N | undefined {
  return s.stake.pools.get(hotkeyNetuidKey(hotkey, netuid))?.totalShares;
}

/** `Alpha(hotkey, coldkey, netuid)` or undefined when absent. */
export function alphaOf<N>(s: RaonetState<N>, hotkey: AccountId, coldkey: AccountId, netuid: Netuid): N | undefined {
  return s.stake.pools.get(hotkeyNetuidKey(hotkey, netuid))?.shares.get(coldkey);
}

/** 0x-hex test account ids (32 bytes), ordered like their index. */
export function acct(i: number): AccountId {
  return `0x${i.toString(16).padStart(64, '0')}`;
}
