/**
 * A tiny deterministic driver for the dtao-launch rules, used by the property tests: a launch
 * state built from a compact description, then blocks with actions, with the accounting ledgers
 * the conservation identities need. Not an engine (no agents, no recorder).
 */
import type { Arith } from '../../math/arith.ts';
import { hotkeyNetuidKey, subnetsInOrder } from '../../state/network.ts';
import type { NetworkState } from '../../state/types.ts';
import type { ActionResult } from '../runtimeError.ts';
import { createChildkeyScheduler, scheduleChildren, type ChildkeyScheduler } from './childkeys.ts';
import { type BlockRecord, dtaoLaunchBlockStep } from './coinbase.ts';
import { type PreDtaoNetwork, launchState } from './launch.ts';
import { burnedRegister, registerNetwork } from './registration.ts';
import {
  addStake,
  addStakeLimit,
  moveStake,
  removeStake,
  removeStakeLimit,
  stakeOf,
  swapStake,
  transferStake,
  unstakeAll,
  unstakeAllAlpha,
} from './stake.ts';

export type ActionKind =
  | 'addStake'
  | 'addStakeLimit'
  | 'removeStake'
  | 'removeStakeLimit'
  | 'moveStake'
  | 'swapStake'
  | 'transferStake'
  | 'unstakeAll'
  | 'unstakeAllAlpha'
  | 'burnedRegister'
  | 'registerNetwork'
  | 'setWeights'
  | 'setChildren'
  | 'roundTrip';

/** One action: indices pick among what exists (modulo), `amount` in rao, `frac` a per-mille share. */
export interface SimAction {
  at: number;
  kind: ActionKind;
  a: number;
  b: number;
  c: number;
  amount: bigint;
  frac: number;
  weights: number[];
}

export interface SimScenario {
  pre: PreDtaoNetwork;
  blocks: number;
  actions: SimAction[];
  coldkeys: string[];
  hotkeys: string[];
}

/** Ledgers of flows that leave no trace in the state (see README, "Conservation"). */
export interface SimLedger {
  /** TAO credited to root stake with no `SubnetTAO(0)` behind it, minus root clipping and pool TAO created */
  rootUnbacked: bigint;
  /** per netuid: expected alpha supply (SubnetAlphaIn + SubnetAlphaOut) */
  alphaSupply: Map<number, bigint>;
  /** per netuid: expected Σ stakes + pending alpha − SubnetAlphaOut */
  alphaClaimsOverOutstanding: Map<number, bigint>;
}

/** What a run produced. */
export interface SimRun<N> {
  state: NetworkState<N>;
  ledger: SimLedger;
  /** action outcomes in order: variant or 'ok' */
  outcomes: string[];
  /** per block: [ΔTotalIssuance, Σ taoIn, E, number of subnets, all moving prices zero] */
  emissionChecks: Array<[bigint, bigint, bigint, number, boolean]>;
}

const big = <N>(A: Arith<N>, x: N): bigint => (A.mode === 'exact' ? (x as bigint) : BigInt(Math.round(x as number)));

/**
 * Run a scenario. `check(state, ledger)` is called after every block and every action.
 */
export function simulate<N>(A: Arith<N>, sc: SimScenario, check?: (s: NetworkState<N>, l: SimLedger, where: string) => void): SimRun<N> {
  const s = launchState(A, sc.pre);
  const sched = createChildkeyScheduler();
  const ledger: SimLedger = { rootUnbacked: 0n, alphaSupply: new Map(), alphaClaimsOverOutstanding: new Map() };
  const resetSupply = (netuid: number) => {
    const sub = s.subnets.get(netuid)!;
    ledger.alphaSupply.set(netuid, big(A, sub.alphaIn) + big(A, sub.alphaOut));
    ledger.alphaClaimsOverOutstanding.set(netuid, claims(A, s, netuid) - big(A, sub.alphaOut));
  };
  for (const sub of s.subnets.values()) if (sub.netuid !== 0) resetSupply(sub.netuid);
  const outcomes: string[] = [];
  const emissionChecks: SimRun<N>['emissionChecks'] = [];
  const byBlock = new Map<number, SimAction[]>();
  for (const x of sc.actions) {
    const l = byBlock.get(x.at) ?? [];
    l.push(x);
    byBlock.set(x.at, l);
  }
  const add = (m: Map<number, bigint>, k: number, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);

  for (let k = 0; k < sc.blocks; k++) {
    s.block += 1;
    const issuance = big(A, s.totalIssuance);
    const allZero = subnetsInOrder(s).every((x) => x.netuid === 0 || x.mechanism === 0 || (A.mode === 'exact' ? x.movingPrice === 0n : x.movingPrice === 0));
    const r: BlockRecord<N> = dtaoLaunchBlockStep(A, s, { childkeys: sched });
    let taoIn = 0n;
    for (const x of r.subnets) {
      taoIn += big(A, x.taoIn);
      add(ledger.alphaSupply, x.netuid, big(A, x.alphaIn) + big(A, x.alphaOut));
      const dust = big(A, x.alphaOut) - big(A, x.ownerCut) - big(A, x.pendingAlpha) - big(A, x.rootAlpha);
      add(ledger.alphaClaimsOverOutstanding, x.netuid, big(A, x.rootAlphaSold) - dust);
    }
    for (const d of r.drains) {
      ledger.rootUnbacked += big(A, d.taoPaid);
      const drained = big(A, d.pendingAlpha) + big(A, d.pendingSwapped) + big(A, d.ownerCut);
      add(ledger.alphaClaimsOverOutstanding, d.netuid, big(A, d.alphaPaid) - drained);
    }
    emissionChecks.push([big(A, s.totalIssuance) - issuance, taoIn, big(A, r.blockEmission), r.subnets.length, allZero]);
    check?.(s, ledger, `block ${s.block}`);

    for (const act of byBlock.get(k) ?? []) {
      const res = apply(A, s, sc, act, sched, ledger, resetSupply);
      outcomes.push(res.ok ? 'ok' : res.error.variant);
      check?.(s, ledger, `block ${s.block} ${act.kind}`);
    }
  }
  return { state: s, ledger, outcomes, emissionChecks };
}

/** Σ_h TotalHotkeyAlpha(h, netuid) + PendingEmission + PendingOwnerCut + PendingAlphaSwapped. */
export function claims<N>(A: Arith<N>, s: NetworkState<N>, netuid: number): bigint {
  let t = 0n;
  const suffix = `|${netuid}`;
  for (const [k, v] of s.stake.totalHotkeyAlpha) if (k.endsWith(suffix)) t += big(A, v);
  const sub = s.subnets.get(netuid)!;
  return t + big(A, sub.pendingEmission) + big(A, sub.pendingOwnerCut) + big(A, sub.pendingAlphaSwapped);
}

function apply<N>(
  A: Arith<N>,
  s: NetworkState<N>,
  sc: SimScenario,
  x: SimAction,
  sched: ChildkeyScheduler,
  ledger: SimLedger,
  resetSupply: (netuid: number) => void,
): ActionResult<unknown> {
  const netuids = [...s.subnets.keys()].sort((p, q) => p - q);
  const dyn = netuids.filter((n) => n !== 0);
  const pick = <T>(xs: T[], i: number) => xs[i % xs.length];
  const coldkey = pick(sc.coldkeys, x.a);
  const hotkey = pick(sc.hotkeys, x.b);
  const netuid = pick(netuids, x.c);
  const dnet = pick(dyn, x.c);
  const amt = (v: bigint) => A.amount(v);
  const stake = (h: string, c: string, n: number) => big(A, stakeOf(A, s, h, c, n));
  const part = (v: bigint) => (v * BigInt(x.frac)) / 1000n;
  const alphaOutcome = (n: number, o: { alphaOutClipped: N; alphaDestroyed?: N }) => {
    const m = ledger.alphaClaimsOverOutstanding;
    if (n !== 0) {
      m.set(n, m.get(n)! - big(A, o.alphaOutClipped) - big(A, o.alphaDestroyed ?? A.zero));
      ledger.alphaSupply.set(n, ledger.alphaSupply.get(n)! + big(A, o.alphaOutClipped));
    }
  };
  switch (x.kind) {
    case 'addStake':
      return addStake(A, s, { coldkey, hotkey, netuid, amount: amt(x.amount) });
    case 'addStakeLimit':
      return addStakeLimit(A, s, { coldkey, hotkey, netuid, amount: amt(x.amount), limitPrice: BigInt(x.frac) * 2_000_000n, allowPartial: x.a % 2 === 0 });
    case 'removeStake':
    case 'removeStakeLimit': {
      const owner = s.hotkeys.get(hotkey)?.owner ?? coldkey;
      const ck = x.a % 2 === 0 ? owner : coldkey;
      const alpha = amt(part(stake(hotkey, ck, netuid)));
      const r =
        x.kind === 'removeStake'
          ? removeStake(A, s, { coldkey: ck, hotkey, netuid, alpha })
          : removeStakeLimit(A, s, { coldkey: ck, hotkey, netuid, alpha, limitPrice: BigInt(x.frac) * 1_000_000n, allowPartial: true });
      if (r.ok) {
        alphaOutcome(netuid, r.value);
        if (netuid === 0) ledger.rootUnbacked -= big(A, r.value.taoClipped);
      }
      return r;
    }
    case 'moveStake':
    case 'swapStake':
    case 'transferStake': {
      const owner = s.hotkeys.get(hotkey)?.owner ?? coldkey;
      const origin = netuid;
      const destination = pick(netuids, x.c + 1 + (x.a % 3));
      const alpha = amt(part(stake(hotkey, owner, origin)));
      const r =
        x.kind === 'moveStake'
          ? moveStake(A, s, { coldkey: owner, originHotkey: hotkey, destinationHotkey: pick(sc.hotkeys, x.b + 1), originNetuid: origin, destinationNetuid: destination, alpha })
          : x.kind === 'swapStake'
            ? swapStake(A, s, { coldkey: owner, hotkey, originNetuid: origin, destinationNetuid: destination, alpha })
            : transferStake(A, s, { coldkey: owner, destinationColdkey: coldkey, hotkey, originNetuid: origin, destinationNetuid: destination, alpha });
      if (r.ok) {
        alphaOutcome(origin, r.value);
        if (origin === 0) ledger.rootUnbacked -= big(A, r.value.taoClipped);
      }
      return r;
    }
    case 'unstakeAll':
    case 'unstakeAllAlpha': {
      const owner = s.hotkeys.get(hotkey)?.owner ?? coldkey;
      const ck = x.a % 2 === 0 ? owner : coldkey;
      const r = x.kind === 'unstakeAll' ? unstakeAll(A, s, { coldkey: ck, hotkey }) : unstakeAllAlpha(A, s, { coldkey: ck, hotkey });
      if (r.ok)
        for (const u of r.value.unstaked) {
          alphaOutcome(u.netuid, u);
          if (u.netuid === 0) ledger.rootUnbacked -= big(A, u.taoClipped);
        }
      return r;
    }
    case 'roundTrip': {
      // swap then swap back: the coldkey never ends with more TAO
      const before = big(A, s.balances.get(coldkey) ?? A.zero);
      const ownerOfHotkey = s.hotkeys.get(hotkey)?.owner;
      if (ownerOfHotkey !== undefined && ownerOfHotkey !== coldkey) return { ok: true, value: null };
      const staked0 = stake(hotkey, coldkey, dnet);
      // share-pool first-key rule: alpha already behind the hotkey with no shares goes to the first
      // staker (dividends of a hotkey without alpha stakers and with zero take), a real windfall
      const key = hotkeyNetuidKey(hotkey, dnet);
      const windfall = s.stake.totalHotkeyAlpha.has(key) && !(s.stake.pools.get(key)?.shares.size);
      const r = addStake(A, s, { coldkey, hotkey, netuid: dnet, amount: amt(x.amount) });
      if (!r.ok) return r;
      const got = stake(hotkey, coldkey, dnet) - staked0;
      const back = removeStake(A, s, { coldkey, hotkey, netuid: dnet, alpha: amt(got) });
      if (back.ok) {
        alphaOutcome(dnet, back.value);
        const after = big(A, s.balances.get(coldkey) ?? A.zero);
        if (!windfall && after > before) throw new Error(`round trip gained ${after - before} rao`);
      }
      return back;
    }
    case 'burnedRegister': {
      const r = burnedRegister(A, s, { coldkey, hotkey, netuid: dnet });
      if (r.ok) ledger.alphaSupply.set(dnet, ledger.alphaSupply.get(dnet)! - big(A, r.value.alphaBurned));
      return r;
    }
    case 'registerNetwork': {
      const r = registerNetwork(A, s, { coldkey, hotkey }, { hyper: { tempo: 10 } });
      if (r.ok) {
        ledger.rootUnbacked -= big(A, r.value.taoCreated);
        resetSupply(r.value.netuid);
      }
      return r;
    }
    case 'setWeights': {
      // writes the row as set_weights would store it (max-upscaled), without set_weights' checks
      const sub = s.subnets.get(dnet)!;
      const n = sub.neurons.hotkeys.length;
      if (n === 0) return { ok: true, value: null };
      const uid = x.b % n;
      const row = x.weights.slice(0, n).map((w, j) => [j, w] as [number, number]).filter(([, w]) => w > 0);
      const max = row.reduce((m, [, w]) => Math.max(m, w), 0);
      sub.neurons.weights[uid] = max === 0 ? [] : row.map(([j, w]) => [j, Math.floor((w * 65535) / max)]);
      sub.neurons.lastUpdate[uid] = s.block;
      return { ok: true, value: null };
    }
    case 'setChildren': {
      const owner = s.hotkeys.get(hotkey)?.owner ?? coldkey;
      const child = pick(sc.hotkeys, x.b + 1 + (x.a % 4));
      if (!s.hotkeys.has(child)) return { ok: true, value: null };
      const p = (BigInt(x.frac) * ((1n << 64n) - 1n)) / 1000n;
      return scheduleChildren(A, s, sched, { coldkey: owner, hotkey, netuid, children: child === hotkey ? [] : [[p, child]] });
    }
  }
}

/** Free balances + Σ SubnetTAO + Σ PendingRootDivs + recycled + root-unbacked ledger, minus TotalIssuance. */
export function taoIdentityGap<N>(A: Arith<N>, s: NetworkState<N>, l: SimLedger): bigint {
  let rhs = 0n;
  for (const v of s.balances.values()) rhs += big(A, v);
  for (const sub of s.subnets.values()) rhs += big(A, sub.tao) + big(A, sub.pendingRootDivs);
  rhs += big(A, s.recycled) + l.rootUnbacked;
  return rhs - big(A, s.totalIssuance);
}

/** `TotalHotkeyAlpha(hotkey, netuid)` as bigint. */
export function hotkeyAlpha<N>(A: Arith<N>, s: NetworkState<N>, hotkey: string, netuid: number): bigint {
  const v = s.stake.totalHotkeyAlpha.get(hotkeyNetuidKey(hotkey, netuid));
  return v === undefined ? 0n : big(A, v);
}
