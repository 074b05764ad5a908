import { describe, expect, test } from 'vitest';
import { exactArith as X } from '../../math/arith.ts';
import { diffStates, snapshot } from '../../state/network.ts';
import { epochMock, getParentDividends, raonetBlockStep } from './coinbase.ts';
import { addSyntheticSubnet, ensureRoot, setChildkey } from './fixtures.ts';
import { raonetEmpty, raonetGenesis } from './genesis.ts';
import { stakeWeights } from './stake.ts';
import { F32, acct, alphaOf, normalizedI32F32, shares, ta } from './testkit.ts';
import { RAONET, RuntimePanic, U64_MAX, ZERO_ACCOUNT as Z } from './types.ts';

const E = 1_000_000_000n;
const OWNER_CUT = F32.u16(5898);
const TAKE = F32.u16(11_796);
const TW = F32.u64prop(RAONET.taoWeight);

/** A fresh network with root only (block 0). */
function empty() {
  const s = raonetEmpty(X);
  ensureRoot(X, s);
  return s;
}

describe('mechanism.md §13.7: block 1 from raonet genesis', () => {
  test('every listed value, to the rao', () => {
    const s = raonetGenesis(X);
    const rec = raonetBlockStep(X, s);
    const sn = s.subnets.get(1)!;
    const r1 = rec.subnets.find((r) => r.netuid === 1)!;
    expect(rec.block).toBe(1);
    expect(rec.blockEmission).toBe(E);
    expect(r1.taoEmission).toBe(E);
    expect(r1.emissionFraction).toBe(1n << 32n); // x = 1.0
    expect(r1.alphaEmission).toBe(E);
    expect(r1.alphaInjected).toBe(0n); // 1/1e10 is 0 in I96F32
    expect(r1.pendingAdded).toBe(E);
    expect(sn.tao).toBe(11_000_000_000n);
    expect(sn.alphaIn).toBe(1n);
    expect(s.totalIssuance).toBe(1n);
    expect(s.totalStake).toBe(1n);
    expect(r1.ownerCut).toBe(89_997_711n);
    expect(r1.ownerCutPaid).toBe(false);
    expect(r1.dividends).toEqual([910_002_289n]);
    expect(r1.tuples).toEqual([
      { hotkey: Z, receiver: Z, dividend: 910_002_289n, take: 163_796_246n, alphaDividend: 746_206_042n, rootAlphaDividend: 0n },
    ]);
    expect(shares(s, Z, 1)).toBe(163_796_246n);
    expect(alphaOf(s, Z, Z, 1)).toBe(1_000_000_000n + 163_796_246n);
    expect(ta(s, Z, 1)).toBe(1_910_002_288n);
    expect(sn.alphaOut).toBe(1_000_000_000n + 910_002_288n);
    expect(s.raonet.hotkeyDividendsPerSubnet.get(1)).toEqual(new Map([[Z, 910_002_289n]]));
    expect(sn.emissionValue).toBe(E);
    expect(sn.pendingEmission).toBe(0n);
    expect(sn.neurons.emission).toEqual([910_002_289n]);
    expect(sn.neurons.stakeWeight).toEqual([65535]);
    expect(sn.neurons.pruningScores).toEqual([65535]);
    expect(sn.neurons.validatorPermit).toEqual([true]);
    expect(sn.neurons.active).toEqual([true]);
    for (const v of [sn.neurons.rank, sn.neurons.trust, sn.neurons.consensus, sn.neurons.incentive, sn.neurons.dividends, sn.neurons.validatorTrust]) {
      expect(v).toEqual([0]);
    }
    expect(s.blockEmission).toBe(E);
    expect(ta(s, Z, 0)).toBe(0n); // the zero root payout writes an entry (chain probe)
    expect(s.subnets.get(0)!.lastMechanismStepBlock).toBe(1);
    expect(sn.lastMechanismStepBlock).toBe(1);
  });

  test('nothing else changes (full state diff)', () => {
    const s = raonetGenesis(X);
    const g = snapshot(s);
    raonetBlockStep(X, s);
    const paths = diffStates(g, s).map((d) => d.path);
    const z1 = `${Z}|1`;
    expect(paths.sort()).toEqual(
      [
        'block',
        'raonet.hotkeyDividendsPerSubnet.0',
        'raonet.hotkeyDividendsPerSubnet.1',
        `stake.pools.${z1}.shares.${Z}`,
        `stake.pools.${z1}.totalShares`,
        `stake.totalHotkeyAlpha.${Z}|0`,
        `stake.totalHotkeyAlpha.${z1}`,
        'subnets.0.lastMechanismStepBlock',
        'subnets.1.alphaOut',
        'subnets.1.emissionValue',
        'subnets.1.lastMechanismStepBlock',
        'subnets.1.neurons.emission[0]',
        'subnets.1.neurons.pruningScores[0]',
        'subnets.1.neurons.stakeWeight[0]',
        'subnets.1.neurons.validatorPermit[0]',
        'subnets.1.tao',
        'totalIssuance',
        'totalStake',
      ].sort(),
    );
  });

  test('blocks 2..7 match the raonet runtime in chopsticks (probes/chain/README.md)', () => {
    const s = raonetGenesis(X);
    // TotalHotkeyShares(0x00.., 1) observed at blocks 1..7
    const observed = [163_796_246n, 177_842_936n, 188_172_708n, 196_435_959n, 203_370_314n, 209_372_336n, 214_681_055n];
    for (let b = 1; b <= 7; b++) {
      raonetBlockStep(X, s);
      const sn = s.subnets.get(1)!;
      expect(shares(s, Z, 1)).toBe(observed[b - 1]);
      expect(alphaOf(s, Z, Z, 1)).toBe(1_000_000_000n + observed[b - 1]);
      expect(sn.tao).toBe(10_000_000_000n + BigInt(b) * E);
      expect(sn.alphaIn).toBe(1n);
      expect(sn.alphaOut).toBe(1_000_000_000n + BigInt(b) * 910_002_288n);
      expect(ta(s, Z, 1)).toBe(sn.alphaOut);
      expect(s.totalIssuance).toBe(BigInt(b));
      expect(s.totalStake).toBe(BigInt(b));
      expect(sn.neurons.emission).toEqual([910_002_289n]);
      expect(s.subnets.get(0)!.lastMechanismStepBlock).toBe(b);
      expect(s.blockEmission).toBe(E);
    }
  });
});

describe('§14.1 quirks of run_coinbase', () => {
  test('#1: TotalIssuance and TotalStake grow by floor(x), SubnetTAO by the TAO emission', () => {
    const s = raonetGenesis(X);
    addSyntheticSubnet(X, s, { netuid: 2, tao: 10_000_000_000n, alphaIn: 1_000_000_000n });
    const rec = raonetBlockStep(X, s);
    // two subnets with equal SubnetTAO: x = 0.5 each, floor(x) = 0
    expect(rec.subnets.filter((r) => r.netuid !== 0).map((r) => r.taoEmission)).toEqual([500_000_000n, 500_000_000n]);
    expect(s.totalIssuance).toBe(0n);
    expect(s.totalStake).toBe(0n);
    expect(s.subnets.get(1)!.tao).toBe(10_500_000_000n);
    expect(s.subnets.get(2)!.tao).toBe(10_500_000_000n);
  });

  test('#1: the block emission never halves (issuance grows 1 rao per block)', () => {
    const s = raonetGenesis(X);
    for (let b = 0; b < 50; b++) raonetBlockStep(X, s);
    expect(s.totalIssuance).toBe(50n);
    expect(s.subnets.get(1)!.tao).toBe(10_000_000_000n + 50n * E);
  });

  test('#2: a zero block emission panics (x = tao_emission / E)', () => {
    const s = raonetGenesis(X);
    s.totalIssuance = RAONET.totalSupply; // E = 0
    expect(() => raonetBlockStep(X, s)).toThrow(RuntimePanic);
    const rootOnly = empty();
    rootOnly.totalIssuance = RAONET.totalSupply;
    expect(() => raonetBlockStep(X, rootOnly)).not.toThrow(); // no non-root subnet, no division
  });

  test('#3: shares by SubnetTAO grouped by mechanism, floored', () => {
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 3_000_000_000n, alphaIn: 3_000_000_000n });
    addSyntheticSubnet(X, s, { netuid: 2, tao: 1_000_000_000n, alphaIn: 1_000_000_000n });
    addSyntheticSubnet(X, s, { netuid: 3, tao: 4_000_000_000n, alphaIn: 0n, mechanism: 0 });
    const rec = raonetBlockStep(X, s);
    const t = (n: number) => rec.subnets.find((r) => r.netuid === n)!.taoEmission;
    expect([t(1), t(2), t(3)]).toEqual([375_000_000n, 125_000_000n, 500_000_000n]);

    const s2 = empty();
    for (const n of [1, 2, 3]) addSyntheticSubnet(X, s2, { netuid: n, tao: 1_000_000_000n, alphaIn: 1_000_000_000n });
    const r2 = raonetBlockStep(X, s2);
    // P_s = trunc(2^32/3)/2^32: floor(1e9 · 1431655765 / 2^32) = 333,333,333 each, 1 rao unassigned
    const third = F32.floor(F32.mul(F32.from(E), F32.div(F32.from(1n), F32.from(3n))));
    expect(third).toBe(333_333_333n);
    expect(r2.subnets.filter((r) => r.netuid !== 0).map((r) => r.taoEmission)).toEqual([third, third, third]);
    expect(s2.subnets.get(1)!.emissionValue).toBe(third);
  });

  test('#4: alpha_in = min(p/x, x/p)·a, the price is not preserved', () => {
    const inject = (tao: bigint, alphaIn: bigint) => {
      const s = empty();
      addSyntheticSubnet(X, s, { netuid: 1, tao, alphaIn });
      return raonetBlockStep(X, s).subnets.find((r) => r.netuid === 1)!;
    };
    // price 1 = x: ratio 1, everything goes into the pool, nothing to stakers
    const p1 = inject(1_000_000_000n, 1_000_000_000n);
    expect([p1.alphaInjected, p1.pendingAdded]).toEqual([E, 0n]);
    // price 2 > x = 1: x/p = 0.5
    const p2 = inject(2_000_000_000n, 1_000_000_000n);
    expect([p2.alphaInjected, p2.pendingAdded]).toEqual([500_000_000n, 500_000_000n]);
    // price 0.25 < x = 1: p/x = 0.25 (a naive tao_in / price would be 4e9)
    const p3 = inject(250_000_000n, 1_000_000_000n);
    expect([p3.alphaInjected, p3.pendingAdded]).toEqual([250_000_000n, 750_000_000n]);
  });

  test('#5: floor(alpha_in) + floor(a − alpha_in) loses one rao when alpha_in is fractional', () => {
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 3_000_000_000n, alphaIn: 1_000_000_000n }); // price 3, x = 1
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    const ratio = F32.div(F32.from(1n), F32.from(3n));
    const alphaIn = F32.mul(ratio, F32.from(E));
    expect(r.alphaInjected).toBe(F32.floor(alphaIn));
    expect(r.pendingAdded).toBe(F32.floor(F32.from(E) - alphaIn));
    expect(r.alphaInjected + r.pendingAdded).toBe(E - 1n);
    expect(s.subnets.get(1)!.alphaIn).toBe(1_000_000_000n + 333_333_333n);
  });

  test('#6: SubnetAlphaOut grows only by what is paid out, not at injection', () => {
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: acct(1), coldkey: acct(2), alpha: 1_000_000_000n }] });
    const before = s.subnets.get(1)!.alphaOut;
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    const paid = r.tuples.reduce((a, t) => a + t.take + t.alphaDividend, 0n);
    expect(s.subnets.get(1)!.alphaOut - before).toBe(paid);
    expect(paid).toBeLessThan(r.pendingAdded);
    // with no neuron the pending alpha is drained into nothing
    const e = empty();
    addSyntheticSubnet(X, e, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n });
    const re = raonetBlockStep(X, e).subnets.find((x) => x.netuid === 1)!;
    expect(re.pendingDrained).toBe(500_000_000n);
    expect(e.subnets.get(1)!.alphaOut).toBe(0n);
    expect(e.subnets.get(1)!.pendingEmission).toBe(0n);
  });

  test('#7: a stable subnet gets floor(x) in SubnetTAO, TotalStake, TotalIssuance and PendingEmission', () => {
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 5_000_000_000n, alphaIn: 0n, mechanism: 0 });
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    expect(r.taoEmission).toBe(E);
    expect([r.taoAdded, r.pendingAdded, r.issuanceAdded, r.pendingDrained]).toEqual([1n, 1n, 1n, 1n]);
    expect(s.subnets.get(1)!.tao).toBe(5_000_000_001n);
    expect([s.totalIssuance, s.totalStake]).toEqual([1n, 1n]);
  });

  test('#8: every subnet, root included, drains every block whatever its tempo', () => {
    const s = empty();
    const root = s.subnets.get(0)!;
    addSyntheticSubnet(X, s, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: acct(1), coldkey: acct(2), alpha: 1_000_000_000n }] });
    const sn = s.subnets.get(1)!;
    sn.hyper.tempo = 360;
    sn.blocksSinceLastStep = 7;
    // a root neuron with root stake and some pending emission on root
    s.hotkeys.set(acct(3), { owner: acct(4), take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    root.neurons.hotkeys.push(acct(3));
    root.neurons.emission.push(0n);
    root.pendingEmission = 1_000n;
    s.stake.totalHotkeyAlpha.set(`${acct(3)}|0`, 5_000n);
    const rec = raonetBlockStep(X, s);
    for (const n of [0, 1]) {
      expect(s.subnets.get(n)!.lastMechanismStepBlock).toBe(1);
      expect(s.subnets.get(n)!.blocksSinceLastStep).toBe(0);
      expect(s.subnets.get(n)!.pendingEmission).toBe(0n);
    }
    const r0 = rec.subnets.find((x) => x.netuid === 0)!;
    expect(r0.pendingDrained).toBe(1_000n);
    expect(r0.ownerCut).toBe(F32.floor(F32.mul(F32.from(1_000n), OWNER_CUT)));
    expect(root.neurons.stakeWeight).toEqual([65535]);
    expect(root.neurons.validatorPermit).toEqual([true]);
    expect(s.raonet.hotkeyDividendsPerSubnet.get(0)).toEqual(new Map([[acct(3), 1_000n - r0.ownerCut]]));
  });

  test('#9: the owner cut is paid only with owner and owner hotkey, and then decreases SubnetAlphaOut', () => {
    const run = (withOwner: boolean) => {
      const s = empty();
      addSyntheticSubnet(X, s, {
        netuid: 1,
        tao: 2_000_000_000n,
        alphaIn: 1_000_000_000n,
        owner: withOwner ? { coldkey: acct(10), hotkey: acct(11) } : undefined,
        neurons: [{ hotkey: acct(1), coldkey: acct(2), alpha: 1_000_000_000n }],
      });
      const before = s.subnets.get(1)!.alphaOut;
      const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
      const paid = r.tuples.reduce((a, t) => a + t.take + t.alphaDividend, 0n);
      return { s, r, delta: s.subnets.get(1)!.alphaOut - before, paid };
    };
    const cut = F32.floor(F32.mul(F32.from(500_000_000n), OWNER_CUT));
    const unpaid = run(false);
    expect(unpaid.r.ownerCut).toBe(cut);
    expect(unpaid.r.ownerCutPaid).toBe(false);
    expect(unpaid.r.dividends).toEqual([500_000_000n - cut]); // deducted anyway
    expect(unpaid.delta).toBe(unpaid.paid);
    const paid = run(true);
    expect(paid.r.ownerCutPaid).toBe(true);
    expect(ta(paid.s, acct(11), 1)).toBe(cut);
    expect(alphaOf(paid.s, acct(11), acct(10), 1)).toBe(cut); // bootstrapped shares
    expect(paid.delta).toBe(paid.paid - cut); // subtracted instead of added
  });

  test('#10: epoch_mock pays floor(S_i · em) by stake alone; weights are ignored', () => {
    const s = empty();
    const stakes = [1_000_000_000n, 2_000_000_000n, 3_000_000_007n];
    addSyntheticSubnet(X, s, {
      netuid: 1,
      tao: 1_000_000_000n,
      alphaIn: 1_000_000_000n,
      neurons: stakes.map((a, i) => ({ hotkey: acct(20 + i), coldkey: acct(30 + i), alpha: a })),
    });
    const sn = s.subnets.get(1)!;
    sn.neurons.weights = [[[2, 65535]], [[2, 65535]], [[0, 65535]]];
    const em = 123_456_789n;
    const out = epochMock(X, s, 1, em);
    const S = normalizedI32F32(stakes);
    const expected = S.map((x) => F32.floor(F32.mul(x, F32.from(em))));
    expect(out.map((t) => t[2])).toEqual(expected);
    expect(out.map((t) => t[1])).toEqual([0n, 0n, 0n]);
    expect(sn.neurons.stakeWeight).toEqual(S.map((x) => Number((x * 65535n) >> 32n)));
    expect(sn.neurons.pruningScores).toEqual(sn.neurons.stakeWeight);
    expect(sn.neurons.validatorPermit).toEqual([true, true, true]);
    expect(sn.neurons.incentive).toEqual([0, 0, 0]);
    expect(em - expected.reduce((a, b) => a + b, 0n)).toBeGreaterThan(0n); // flooring leaves dust
  });

  test('#11: the zero incentive writes zero-valued Alpha, TotalHotkeyShares, TotalHotkeyAlpha entries', () => {
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: acct(1), coldkey: acct(2), alpha: 1_000_000_000n }, { hotkey: acct(3), coldkey: acct(4) }] });
    expect(alphaOf(s, acct(3), acct(4), 1)).toBeUndefined();
    raonetBlockStep(X, s);
    expect(alphaOf(s, acct(3), acct(4), 1)).toBe(0n);
    expect(shares(s, acct(3), 1)).toBe(0n);
    expect(ta(s, acct(3), 1)).toBe(0n);
    expect(ta(s, acct(3), 0)).toBe(0n); // zero root payout entry
  });

  test('#12: parent split: the child\'s own stake is not in the denominator', () => {
    const s = empty();
    const [p, c] = [acct(1), acct(2)];
    addSyntheticSubnet(X, s, { netuid: 1, tao: 1_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: c, coldkey: acct(9), alpha: 1_000_000_000n }] });
    s.hotkeys.set(p, { owner: acct(8), take: 11_796, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    s.stake.totalHotkeyAlpha.set(`${p}|1`, 3_000_000_000n);
    setChildkey(s, p, c, 1, U64_MAX / 2n);
    s.hotkeys.get(c)!.childkeyTake.set(1, 6553);
    const d = 1_000_000_000n;
    const tuples = getParentDividends(X, s, c, 1, d);
    // one parent: factor = contrib/contrib = 1, so the parent gets d minus the child take
    const childTake = F32.floor(F32.mul(F32.u16(6553), F32.from(d)));
    expect(tuples).toEqual([
      [p, d - childTake],
      [c, childTake],
    ]);
    // two parents with contributions 1 : 3 (alpha), tao weight on root stake
    const q = acct(3);
    s.hotkeys.set(q, { owner: acct(8), take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    s.stake.totalHotkeyAlpha.set(`${q}|0`, 10_000_000_000n);
    setChildkey(s, q, c, 1, U64_MAX);
    const pp = F32.div(F32.from(U64_MAX / 2n), F32.from(U64_MAX));
    const cp = F32.mul(F32.from(3_000_000_000n), pp);
    const cq = F32.mul(F32.mul(F32.from(10_000_000_000n), F32.from(1n)), TW);
    const sp = F32.floor(F32.mul(F32.from(d), F32.div(cp, cp + cq)));
    const sq = F32.floor(F32.mul(F32.from(d), F32.div(cq, cp + cq)));
    const tp = F32.floor(F32.mul(F32.u16(6553), F32.from(sp)));
    const tq = F32.floor(F32.mul(F32.u16(6553), F32.from(sq)));
    expect(getParentDividends(X, s, c, 1, d)).toEqual([
      [p, sp - tp],
      [q, sq - tq],
      [c, d - (sp - tp) - (sq - tq)],
    ]);
  });

  test('#13: take by each receiver\'s Delegates, take/alpha/root floored separately', () => {
    const s = empty();
    const h = acct(1);
    addSyntheticSubnet(X, s, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: h, coldkey: acct(2), alpha: 1_000_000_007n, root: 1_000_000_000n }] });
    const a0 = 1_000_000_007n;
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    const [t] = r.tuples;
    const d = t.dividend;
    const take = F32.mul(TAKE, F32.from(d));
    const rest = F32.from(d) - take;
    const alpha = F32.from(a0 + F32.floor(take)); // read after the take is staked
    const tao = F32.mul(F32.from(1_000_000_000n), TW);
    const alphaDivs = F32.floor(F32.mul(rest, F32.div(alpha, alpha + tao)));
    const rootDivs = F32.floor(F32.mul(rest, F32.div(tao, alpha + tao)));
    expect([t.take, t.alphaDividend, t.rootAlphaDividend]).toEqual([F32.floor(take), alphaDivs, rootDivs]);
    const lost = d - t.take - t.alphaDividend - t.rootAlphaDividend;
    expect(lost).toBeGreaterThanOrEqual(1n);
    expect(lost).toBeLessThanOrEqual(2n);
    // a receiver with take 0 keeps its whole share as dividends
    const s2 = empty();
    addSyntheticSubnet(X, s2, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: h, coldkey: acct(2), alpha: 1_000_000_000n, take: 0 }] });
    const [t2] = raonetBlockStep(X, s2).subnets.find((x) => x.netuid === 1)!.tuples;
    expect([t2.take, t2.alphaDividend]).toEqual([0n, t2.dividend]);
  });

  test('#13: up to 3 rao per tuple, not 2: both proportions are truncated, so alpha + root < rest', () => {
    const [a0, r0, take, tw] = [290_679_552_001n, 220_118_848_001n, 7808, 1_072_517_517_802_471_424n];
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, taoWeight: tw, neurons: [{ hotkey: acct(1), coldkey: acct(2), alpha: a0, root: r0, take }] });
    const [t] = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!.tuples;
    const d = 500_000_000n - F32.floor(F32.mul(F32.from(500_000_000n), OWNER_CUT));
    expect(t.dividend).toBe(d);
    const tk = F32.mul(F32.u16(take), F32.from(d));
    const rest = F32.from(d) - tk;
    const alpha = F32.from(a0 + F32.floor(tk));
    const tao = F32.mul(F32.from(r0), F32.u64prop(tw));
    const ad = F32.floor(F32.mul(rest, F32.div(alpha, alpha + tao)));
    const rd = F32.floor(F32.mul(rest, F32.div(tao, alpha + tao)));
    expect([t.take, t.alphaDividend, t.rootAlphaDividend]).toEqual([F32.floor(tk), ad, rd]);
    expect(d - t.take - t.alphaDividend - t.rootAlphaDividend).toBe(3n);
  });

  test('#14: the alpha/root split of a parent\'s tuple uses the CHILD\'s stakes', () => {
    // child: alpha only; parent: root only -> the parent's tuple gets no root dividend
    const s = empty();
    const [p, c] = [acct(1), acct(2)];
    addSyntheticSubnet(X, s, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: c, coldkey: acct(9), alpha: 1_000_000_000n }] });
    s.hotkeys.set(p, { owner: acct(8), take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    s.stake.totalHotkeyAlpha.set(`${p}|0`, 100_000_000_000n);
    setChildkey(s, p, c, 1, U64_MAX);
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    const tp = r.tuples.find((t) => t.receiver === p)!;
    expect(tp.dividend).toBeGreaterThan(0n);
    expect(tp.rootAlphaDividend).toBe(0n);
    expect(tp.alphaDividend).toBe(tp.dividend);
    expect(ta(s, p, 1)).toBe(tp.dividend);

    // child without own stake: its parent's tuple is split by 0 / 0, the rest vanishes
    const s2 = empty();
    addSyntheticSubnet(X, s2, { netuid: 1, tao: 2_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: c, coldkey: acct(9) }] });
    s2.hotkeys.set(p, { owner: acct(8), take: 11_796, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    s2.stake.totalHotkeyAlpha.set(`${p}|1`, 1_000_000_000n);
    setChildkey(s2, p, c, 1, U64_MAX);
    const r2 = raonetBlockStep(X, s2).subnets.find((x) => x.netuid === 1)!;
    const tp2 = r2.tuples.find((t) => t.receiver === p)!;
    expect(tp2.take).toBe(F32.floor(F32.mul(TAKE, F32.from(tp2.dividend))));
    expect([tp2.alphaDividend, tp2.rootAlphaDividend]).toEqual([0n, 0n]);
  });

  test('#15: root dividends: alpha sold, SubnetAlphaOut decreased, TAO to root stake without SubnetTAO(0)/TotalStake, remainder lost', () => {
    const s = empty();
    const [p, c] = [acct(1), acct(2)];
    addSyntheticSubnet(X, s, {
      netuid: 1,
      tao: 1_000_000_000_000n,
      alphaIn: 500_000_000_000n,
      neurons: [{ hotkey: c, coldkey: acct(9), alpha: 3_000_000_000n, root: 7_000_000_000n }],
    });
    s.hotkeys.set(p, { owner: acct(8), take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    s.stake.totalHotkeyAlpha.set(`${p}|1`, 2_000_000_000n);
    setChildkey(s, p, c, 1, U64_MAX / 3n);
    const sn = s.subnets.get(1)!;
    const root0 = s.subnets.get(0)!.tao;
    const rootStake = [ta(s, p, 0) ?? 0n, ta(s, c, 0) ?? 0n];
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    // what the pool looked like right before the root sale
    const T = 1_000_000_000_000n + r.taoAdded;
    const A = 500_000_000_000n + r.alphaInjected;
    const k = F32.mul(F32.from(A), F32.from(T));
    const tao = F32.floor(F32.from(T) - F32.div(k, F32.from(A + r.rootAlphaTotal)));
    expect(r.rootAlphaTotal).toBe(r.tuples.reduce((a, t) => a + t.rootAlphaDividend, 0n));
    expect(r.rootTao).toBe(tao);
    expect(sn.alphaIn).toBe(A + r.rootAlphaTotal);
    expect(sn.tao).toBe(T - tao);
    const pays = [p, c].map((h) => {
      const rh = r.tuples.filter((t) => t.receiver === h).reduce((a, t) => a + t.rootAlphaDividend, 0n);
      return F32.floor(F32.mul(F32.div(F32.from(rh), F32.from(r.rootAlphaTotal)), F32.from(tao)));
    });
    expect(r.rootTaoPaid).toEqual([
      [p, pays[0]],
      [c, pays[1]],
    ]);
    expect(ta(s, p, 0)).toBe(rootStake[0] + pays[0]);
    expect(ta(s, c, 0)).toBe(rootStake[1] + pays[1]);
    expect(s.subnets.get(0)!.tao).toBe(root0); // SubnetTAO(0) not raised
    expect(tao - pays[0] - pays[1]).toBeGreaterThanOrEqual(0n);
    // SubnetAlphaOut: paid takes and alpha dividends in, root alpha out (never added)
    const paid = r.tuples.reduce((a, t) => a + t.take + t.alphaDividend, 0n);
    expect(sn.alphaOut).toBe(3_000_000_000n + paid - r.rootAlphaTotal);
  });

  test('#20: the root part of the stake weight uses childkey relations on netuid 0', () => {
    const s = empty();
    const [p, c] = [acct(1), acct(2)];
    addSyntheticSubnet(X, s, { netuid: 1, tao: 1_000_000_000n, alphaIn: 1_000_000_000n, neurons: [{ hotkey: c, coldkey: acct(9), root: 1_000_000_000n }] });
    s.hotkeys.set(p, { owner: acct(8), take: 0, childkeyTake: new Map(), children: new Map(), parents: new Map() });
    s.stake.totalHotkeyAlpha.set(`${p}|0`, 4_000_000_000n);
    setChildkey(s, p, c, 1, U64_MAX); // on the subnet: ignored for the root part
    expect(stakeWeights(X, s, 1).tao).toEqual([1_000_000_000n << 64n]);
    setChildkey(s, p, c, 0, U64_MAX / 2n); // on root: counted
    const half = F32.floor(F32.mul(F32.from(4_000_000_000n), F32.div(F32.from(U64_MAX / 2n), F32.from(U64_MAX))));
    expect(stakeWeights(X, s, 1).tao).toEqual([(1_000_000_000n + half) << 64n]);
  });

  test('#23: HotkeyDividendsPerSubnet is cleared every block and records the pre-take dividend', () => {
    const s = raonetGenesis(X);
    s.raonet.hotkeyDividendsPerSubnet.set(1, new Map([[acct(99), 5n]]));
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    expect(s.raonet.hotkeyDividendsPerSubnet.get(1)).toEqual(new Map([[Z, r.tuples[0].dividend]]));
    expect(r.tuples[0].dividend).toBeGreaterThan(r.tuples[0].take + r.tuples[0].alphaDividend);
  });
});

describe('behaviours found in the source beyond §14.1', () => {
  test('BlockEmission holds the alpha block emission of the last dynamic subnet', () => {
    const s = raonetGenesis(X);
    s.subnets.get(1)!.alphaOut = 11_000_000_000_000_000n; // alpha issuance past 10.5M: a halves
    const rec = raonetBlockStep(X, s);
    expect(rec.blockEmission).toBe(E);
    expect(rec.subnets.find((x) => x.netuid === 1)!.alphaEmission).toBe(500_000_000n);
    expect(s.blockEmission).toBe(500_000_000n);
  });

  test('an empty alpha reserve: the per-block root sale of 0 alpha drains the whole SubnetTAO', () => {
    const s = empty();
    addSyntheticSubnet(X, s, { netuid: 1, tao: 5_000_000_000n, alphaIn: 0n });
    s.totalStake = 2_000_000_000n;
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    expect(r.rootAlphaTotal).toBe(0n);
    expect(r.rootTao).toBe(6_000_000_000n); // the pool plus this block's emission
    expect(s.subnets.get(1)!.tao).toBe(0n);
    expect(s.totalStake).toBe(0n); // 2e9 + 1 − 6e9, saturating
  });

  test('#16 in the coinbase: a saturated k clips SubnetTAO to k_max / SubnetAlphaIn every block', () => {
    const s = empty();
    const big = 1_000_000_000_000_000n; // A·T = 1e30 > 2^95
    addSyntheticSubnet(X, s, { netuid: 1, tao: big, alphaIn: big });
    const r = raonetBlockStep(X, s).subnets.find((x) => x.netuid === 1)!;
    const T = big + r.taoAdded;
    const A = big + r.alphaInjected;
    const kMax = (1n << 127n) - 1n;
    expect(r.rootTao).toBe(F32.floor(F32.from(T) - F32.div(kMax, F32.from(A))));
    expect(s.subnets.get(1)!.tao).toBe(T - r.rootTao);
    expect(r.rootTao).toBeGreaterThan(900_000_000_000_000n);
  });
});
