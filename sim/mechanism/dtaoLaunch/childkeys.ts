/**
 * Childkeys at L233: the parent/child split of a validator's dividend (§6.4,
 * `get_dividends_distribution` and `get_self_contribution` in `coinbase/run_coinbase.rs`), and
 * the scheduling of children (`do_schedule_children`, `do_set_pending_children` in
 * `staking/set_children.rs`), all @ e2b8367b8.
 *
 * `PendingChildKeys` and the `TransactionKeyLastBlock` rate-limit entries are not part of the
 * shared state; they live in a {@link ChildkeyScheduler} the caller keeps beside the state.
 */
import type { Arith } from '../../math/arith.ts';
import { I96F32 } from '../../math/arith.ts';
import { RuntimeError, type ActionResult } from '../runtimeError.ts';
import type { AccountId, NetworkState, Netuid } from '../../state/types.ts';
import { PENDING_CHILDKEY_COOLDOWN, SET_CHILDREN_RATE_LIMIT, U64_MAX } from './constants.ts';
import { alphaPrice } from './pool.ts';
import { coldkeyOwnsHotkey, taoWeightFloat, totalHotkeyAlpha, u16ProportionI96, u64Proportion } from './util.ts';

/** Children as stored: (proportion u64, child hotkey). */
export type ChildList = Array<[bigint, AccountId]>;

/** L233 storage the shared state does not hold: `PendingChildKeys` and the SetChildren rate limit. */
export interface ChildkeyScheduler {
  /** `PendingChildKeys(netuid, hotkey) = (children, cooldown_block)` */
  pending: Map<Netuid, Map<AccountId, { children: ChildList; coolDownBlock: number }>>;
  /** `TransactionKeyLastBlock((hotkey, netuid, SetChildren))`, keyed `${hotkey}|${netuid}` */
  lastSetChildrenBlock: Map<string, number>;
}

/** An empty scheduler. */
export function createChildkeyScheduler(): ChildkeyScheduler {
  return { pending: new Map(), lastSetChildrenBlock: new Map() };
}

/**
 * `get_self_contribution`: the hotkey's own (alpha + root·tao_weight) stake not lent to children,
 * floor(alpha·rest + root·rest·tw) with rest = 1 − Σ children proportions (I96F32).
 */
export function selfContribution<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId, netuid: Netuid): N {
  let remaining = A.c(I96F32, 1);
  for (const [p] of s.hotkeys.get(hotkey)?.children.get(netuid) ?? []) {
    remaining = A.satSub(I96F32, remaining, u64Proportion(A, p));
  }
  const tw = taoWeightFloat(A, s);
  const root = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, 0));
  const alpha = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, netuid));
  const alphaContribution = A.satMul(I96F32, alpha, remaining);
  const rootContribution = A.satMul(I96F32, A.satMul(I96F32, root, remaining), tw);
  return A.toU64(I96F32, A.satAdd(I96F32, alphaContribution, rootContribution));
}

/**
 * `get_dividends_distribution(hotkey, netuid, dividend)`: (receiver, amount) for each parent in
 * `ParentKeys` order, then the hotkey itself.
 *
 * take = ck·d (ck = `ChildkeyTake/65535`), rest = d − take; each parent gets
 * floor(rest · c_p/total) with c_p = parent_alpha·p + parent_root·p·tw and total = self
 * contribution + Σ c_p; the hotkey gets floor(rest + take) − Σ parent amounts.
 * @example dividendsDistribution(exactArith, state, 'child', 1, 1_000n) // [['parent', 600n], ['child', 400n]]
 */
export function dividendsDistribution<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  hotkey: AccountId,
  netuid: Netuid,
  dividend: N,
): Array<[AccountId, N]> {
  const out: Array<[AccountId, N]> = [];
  const info = s.hotkeys.get(hotkey);
  const emission = A.fromAmount(I96F32, dividend);
  const childkeyTake = u16ProportionI96(A, info?.childkeyTake.get(netuid) ?? 0);
  const take = A.satMul(I96F32, childkeyTake, emission);
  const remaining = A.satSub(I96F32, emission, take);
  const tw = taoWeightFloat(A, s);

  let total = A.fromAmount(I96F32, selfContribution(A, s, hotkey, netuid));
  const contributions: Array<[AccountId, N]> = [];
  for (const [p, parent] of info?.parents.get(netuid) ?? []) {
    const prop = u64Proportion(A, p);
    const parentRoot = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, parent, 0));
    const parentAlpha = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, parent, netuid));
    const c = A.satAdd(
      I96F32,
      A.satMul(I96F32, parentAlpha, prop),
      A.satMul(I96F32, A.satMul(I96F32, parentRoot, prop), tw),
    );
    total = A.satAdd(I96F32, total, c);
    contributions.push([parent, c]);
  }
  let toParents = A.zero;
  for (const [parent, c] of contributions) {
    const factor = A.checkedDiv(I96F32, c, total) ?? A.zero;
    const amount = A.toU64(I96F32, A.satMul(I96F32, remaining, factor));
    out.push([parent, amount]);
    toParents = A.amountAdd(toParents, amount);
  }
  out.push([hotkey, A.amountSub(A.toU64(I96F32, A.satAdd(I96F32, remaining, take)), toParents)]);
  return out;
}

/** `get_total_stake_for_hotkey`: Σ over subnets of floor(TotalHotkeyAlpha · price) (u64). */
export function totalStakeForHotkey<N>(A: Arith<N>, s: NetworkState<N>, hotkey: AccountId): N {
  let t = A.zero;
  for (const sub of s.subnets.values()) {
    const a = A.fromAmount(I96F32, totalHotkeyAlpha(A, s, hotkey, sub.netuid));
    t = A.amountAdd(t, A.toU64(I96F32, A.satMul(I96F32, a, alphaPrice(A, sub))));
  }
  return t;
}

/** Arguments of `set_children` (`do_schedule_children`). */
export interface ScheduleChildrenInput {
  coldkey: AccountId;
  hotkey: AccountId;
  netuid: Netuid;
  children: ChildList;
}

/**
 * `do_schedule_children`: checks in the runtime's order (rate limit `TxRateLimitExceeded`, root
 * `RegistrationNotPermittedOnRootSubnet`, `SubNetworkDoesNotExist`, `NonAssociatedColdKey`,
 * `TooManyChildren` (> 5), `InvalidChild` (self), `ProportionOverflow`, `DuplicateChild`,
 * `NotEnoughStakeToSetChildkeys`), then stores the pending list with cooldown block
 * `now + 1`. The rate-limit block is written before the later checks, but a failed call is
 * rolled back, so a rejection changes nothing.
 */
export function scheduleChildren<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  sched: ChildkeyScheduler,
  x: ScheduleChildrenInput,
): ActionResult<{ coolDownBlock: number }> {
  const fail = (v: string, d?: string) => ({ ok: false as const, error: new RuntimeError(v, d) });
  const rlKey = `${x.hotkey}|${x.netuid}`;
  const last = sched.lastSetChildrenBlock.get(rlKey) ?? 0;
  if (!(last === 0 || s.block - last >= SET_CHILDREN_RATE_LIMIT)) return fail('TxRateLimitExceeded');
  if (x.netuid === 0) return fail('RegistrationNotPermittedOnRootSubnet');
  if (!s.subnets.has(x.netuid)) return fail('SubNetworkDoesNotExist');
  if (!coldkeyOwnsHotkey(s, x.coldkey, x.hotkey)) return fail('NonAssociatedColdKey');
  if (x.children.length > 5) return fail('TooManyChildren');
  for (const [, c] of x.children) if (c === x.hotkey) return fail('InvalidChild');
  let sum = 0n;
  for (const [p] of x.children) {
    sum += p;
    if (sum > U64_MAX) return fail('ProportionOverflow');
  }
  const seen = new Set<AccountId>();
  for (const [, c] of x.children) {
    if (seen.has(c)) return fail('DuplicateChild');
    seen.add(c);
  }
  if (x.children.length > 0 && A.lt(totalStakeForHotkey(A, s, x.hotkey), A.amount(s.params.stakeThreshold)))
    return fail('NotEnoughStakeToSetChildkeys');
  for (const [, c] of x.children)
    if (!s.hotkeys.has(c))
      throw new Error(
        `scheduleChildren: child ${c} has no Owner entry; the shared state keeps ParentKeys on HotkeyInfo and cannot hold it (the runtime would accept it)`,
      );
  sched.lastSetChildrenBlock.set(rlKey, s.block);
  const coolDownBlock = s.block + PENDING_CHILDKEY_COOLDOWN;
  let m = sched.pending.get(x.netuid);
  if (!m) sched.pending.set(x.netuid, (m = new Map()));
  m.set(x.hotkey, { children: x.children.map(([p, c]) => [p, c]), coolDownBlock });
  return { ok: true, value: { coolDownBlock } };
}

/**
 * `do_set_pending_children(netuid)`: every pending list of the subnet whose cooldown block is
 * below the current block replaces the hotkey's children (and the parents lists of old and new
 * children). Returns the hotkeys applied.
 */
export function applyPendingChildren<N>(s: NetworkState<N>, sched: ChildkeyScheduler, netuid: Netuid): AccountId[] {
  const m = sched.pending.get(netuid);
  if (!m) return [];
  const applied: AccountId[] = [];
  for (const hotkey of [...m.keys()].sort()) {
    const { children, coolDownBlock } = m.get(hotkey)!;
    if (!(coolDownBlock < s.block)) continue;
    const info = s.hotkeys.get(hotkey)!;
    for (const [, oldChild] of info.children.get(netuid) ?? []) {
      const ci = s.hotkeys.get(oldChild);
      if (!ci) continue;
      ci.parents.set(
        netuid,
        (ci.parents.get(netuid) ?? []).filter(([, p]) => p !== hotkey),
      );
    }
    info.children.set(netuid, children.map(([p, c]) => [p, c]));
    for (const [p, child] of children) {
      const ci = s.hotkeys.get(child)!;
      const list = ci.parents.get(netuid) ?? [];
      list.push([p, hotkey]);
      ci.parents.set(netuid, list);
    }
    m.delete(hotkey);
    applied.push(hotkey);
  }
  if (m.size === 0) sched.pending.delete(netuid);
  return applied;
}
