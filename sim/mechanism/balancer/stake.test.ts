import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Arith, exactArith, fastArith } from '../../math/arith.ts';
import { createNetwork, createSubnet } from '../../state/network.ts';
import type { GlobalParameters, NetworkState, SubnetHyperparameters, SubnetState } from '../../state/types.ts';
import { DEFAULT_QUOTE_WEIGHT, MIN_WEIGHT, ACCURACY, calculateFeeAmount, exactBalancerMath as EX, fastBalancerMath as FA } from './balancer.ts';
import { DEFAULT_MIN_STAKE, addStake, removeStake, stakeIntoSubnet, unstakeFromSubnet, validateAddStake, validateRemoveStake } from './stake.ts';

const HYPER = {} as SubnetHyperparameters;

function network<N>(A: Arith<N>, tao: N, alphaIn: N, init: Partial<SubnetState<N>> = {}, netuid = 1): NetworkState<N> {
  const net = createNetwork(A, {} as GlobalParameters<N>);
  net.totalStake = A.amount(50_000_000_000_000n);
  net.subnets.set(netuid, createSubnet(A, netuid, HYPER, { tao, alphaIn, alphaOut: A.amount(10_000_000_000_000n), ...init }));
  return net;
}

const fee = (a: bigint) => calculateFeeAmount(exactArith, a, 33, false);

describe('stakeIntoSubnet (HEAD stake_into_subnet, pool side)', () => {
  it('SubnetTAO += paid in, SubnetAlphaIn −= out, SubnetAlphaOut += out, TotalStake += tao, SubnetVolume += tao; inflow = paid in', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const s = net.subnets.get(1)!;
    const tao = 10_000_000_000n;
    const r = stakeIntoSubnet(EX, net, 1, tao);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    const dy = tao - fee(tao);
    expect(v.feePaid).toBe(fee(tao));
    expect(v.taoPaidIn).toBe(dy);
    expect(v.alpha).toBe((4_000_000_000_000n * dy) / (1_000_000_000_000n + dy)); // w1 = w2: constant product
    expect(s.tao).toBe(1_000_000_000_000n + dy);
    expect(s.alphaIn).toBe(4_000_000_000_000n - v.alpha);
    expect(s.alphaOut).toBe(10_000_000_000_000n + v.alpha);
    expect(s.volume).toBe(tao);
    expect(net.totalStake).toBe(50_000_000_000_000n + tao); // the fee too, as the runtime counts it
    expect(v.taoInflow).toBe(dy);
    expect(v.feeToBlockAuthor).toBe(fee(tao));
    expect(v.feeBurned).toBe(0n);
    expect(v.unusedTao).toBe(0n);
  });

  it('without a block author the TAO fee is burned; with dropFees there is none', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const r = stakeIntoSubnet(EX, net, 1, 10_000_000_000n, { hasBlockAuthor: false });
    expect(r.ok && [r.value.feeToBlockAuthor, r.value.feeBurned]).toEqual([0n, fee(10_000_000_000n)]);
    const r2 = stakeIntoSubnet(EX, net, 1, 10_000_000_000n, { dropFees: true });
    expect(r2.ok && [r2.value.feePaid, r2.value.feeBurned, r2.value.feeToBlockAuthor, r2.value.taoPaidIn]).toEqual([0n, 0n, 0n, 10_000_000_000n]);
  });

  it('a limit-capped stake leaves unused TAO on the subnet account (not refunded by stake_into_subnet)', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const r = stakeIntoSubnet(EX, net, 1, 100_000_000_000n, { priceLimit: 255_000_000n }); // 0.255 TAO/alpha, now 0.25
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.unusedTao > 0n).toBe(true);
    expect(r.value.unusedTao).toBe(100_000_000_000n - r.value.taoPaidIn - r.value.feePaid);
    expect(net.subnets.get(1)!.volume).toBe(100_000_000_000n);
  });

  it('errors: SubnetNotExists, AmountTooLow (no alpha out), Swap errors; state unchanged', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const before = structuredClone(net);
    const missing = stakeIntoSubnet(EX, net, 7, 1_000_000_000n);
    expect(!missing.ok && [missing.error.variant, missing.error.pallet]).toEqual(['SubnetNotExists', 'SubtensorModule']);
    const zero = stakeIntoSubnet(EX, net, 1, 0n);
    expect(!zero.ok && zero.error.variant).toBe('AmountTooLow');
    const limit = stakeIntoSubnet(EX, net, 1, 1_000_000_000n, { priceLimit: 200_000_000n });
    expect(!limit.ok && [limit.error.variant, limit.error.pallet]).toEqual(['PriceLimitExceeded', 'Swap']);
    expect(net).toEqual(before);
  });

  it('root / stable subnets stake 1:1 without fee', () => {
    const net = network(exactArith, 5_000_000_000n, 5_000_000_000n, { mechanism: 0 }, 0);
    const r = stakeIntoSubnet(EX, net, 0, 1_000_000_000n);
    expect(r.ok && [r.value.alpha, r.value.feePaid, r.value.taoInflow]).toEqual([1_000_000_000n, 0n, 1_000_000_000n]);
  });
});

describe('unstakeFromSubnet (HEAD unstake_from_subnet, pool side)', () => {
  it('with a block author: the alpha fee is swapped fee-free and its TAO paid to the author', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const s = net.subnets.get(1)!;
    const alpha = 40_000_000_000n;
    const r = unstakeFromSubnet(EX, net, 1, alpha);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.value;
    const dx = alpha - fee(alpha);
    expect(v.feePaid).toBe(fee(alpha));
    expect(v.alphaPaidIn).toBe(dx);
    expect(v.tao).toBe((1_000_000_000_000n * dx) / (4_000_000_000_000n + dx));
    // second swap on the moved pool, no fee
    const y1 = 1_000_000_000_000n - v.tao;
    const x1 = 4_000_000_000_000n + dx;
    expect(v.feeAlphaSwapped).toBe(fee(alpha));
    expect(v.feeToBlockAuthor).toBe((y1 * fee(alpha)) / (x1 + fee(alpha)));
    expect(s.alphaIn).toBe(x1 + fee(alpha));
    expect(s.tao).toBe(y1 - v.feeToBlockAuthor);
    expect(s.alphaOut).toBe(10_000_000_000_000n - alpha);
    expect(s.volume).toBe(v.tao + v.feeToBlockAuthor);
    expect(net.totalStake).toBe(50_000_000_000_000n - v.tao - v.feeToBlockAuthor);
    expect(v.taoOutflow).toBe(v.tao + v.feeToBlockAuthor);
    expect(v.alphaRefunded).toBe(0n);
  });

  it('without a block author the alpha fee is burned: SubnetAlphaOut keeps it', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const s = net.subnets.get(1)!;
    const alpha = 40_000_000_000n;
    const r = unstakeFromSubnet(EX, net, 1, alpha, { hasBlockAuthor: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.feeAlphaBurned).toBe(fee(alpha));
    expect(r.value.feeToBlockAuthor).toBe(0n);
    expect(s.alphaOut).toBe(10_000_000_000_000n - (alpha - fee(alpha)));
    expect(s.alphaIn).toBe(4_000_000_000_000n + alpha - fee(alpha));
    expect(r.value.taoOutflow).toBe(r.value.tao);
  });

  it('a limit-capped unstake refunds the unused alpha; the author-fee swap then pushes the price past the limit', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const r = unstakeFromSubnet(EX, net, 1, 4_000_000_000_000n, { priceLimit: 245_000_000n, hasBlockAuthor: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.alphaRefunded > 0n).toBe(true);
    expect(r.value.alphaRefunded + r.value.alphaPaidIn + r.value.feePaid).toBe(4_000_000_000_000n);
    expect(Math.abs(Number(r.value.priceAfter) / 2 ** 64 / 0.245 - 1)).toBeLessThan(1e-9);
    // with an author, the fee alpha is sold after the capped step (limit min_price): below 0.245
    const net2 = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const r2 = unstakeFromSubnet(EX, net2, 1, 4_000_000_000_000n, { priceLimit: 245_000_000n });
    expect(r2.ok && r2.value.feeAlphaSwapped > 0n && Number(r2.value.priceAfter) / 2 ** 64 < 0.245 * (1 - 1e-6)).toBe(true);
  });

  it('the author-fee swap can fail the whole unstake (its TAO reserve fell below the minimum); without an author it succeeds', () => {
    const net = network(exactArith, 1_500_000n, 1_000_000_000n);
    const before = structuredClone(net);
    const r = unstakeFromSubnet(EX, net, 1, 1_000_000_000n);
    expect(!r.ok && [r.error.variant, r.error.pallet]).toEqual(['ReservesTooLow', 'Swap']);
    expect(net).toEqual(before);
    const r2 = unstakeFromSubnet(EX, net, 1, 1_000_000_000n, { hasBlockAuthor: false });
    expect(r2.ok).toBe(true);
  });
});

describe('validateAddStake / validateRemoveStake: minimum stake 2,000,000 rao', () => {
  it('add: min stake + its fee is the smallest accepted amount; above 1000 × SubnetTAO is InsufficientLiquidity', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const min = DEFAULT_MIN_STAKE + fee(DEFAULT_MIN_STAKE);
    expect(min).toBe(2_001_007n);
    expect(validateAddStake(EX, net, 1, min - 1n)?.variant).toBe('AmountTooLow');
    expect(validateAddStake(EX, net, 1, min)).toBeNull();
    expect(validateAddStake(EX, net, 1, 1_000_000_000_000_001n)?.variant).toBe('InsufficientLiquidity');
    expect(validateAddStake(EX, net, 9, min)?.variant).toBe('SubnetNotExists');
    // a pool that cannot deliver (alpha reserve below the swap minimum)
    const dry = network(exactArith, 1_000_000_000_000n, 999_999n);
    expect(validateAddStake(EX, dry, 1, 1_000_000_000n)?.variant).toBe('InsufficientLiquidity');
  });

  it('remove: zero, below-minimum TAO (unless the whole stake), more than staked', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    expect(validateRemoveStake(EX, net, 1, 0n)?.variant).toBe('AmountTooLow');
    expect(validateRemoveStake(EX, net, 1, 4_000_000n)?.variant).toBe('AmountTooLow'); // ≈ 1e6 rao TAO
    expect(validateRemoveStake(EX, net, 1, 4_000_000n, { currentStake: 4_000_000n })).toBeNull(); // full unstake exempt
    expect(validateRemoveStake(EX, net, 1, 9_000_000n)).toBeNull();
    expect(validateRemoveStake(EX, net, 1, 9_000_000n, { currentStake: 8_000_000n })?.variant).toBe('NotEnoughStakeToWithdraw');
    expect(validateRemoveStake(EX, net, 1, 4_000_000_000_000_001n)?.variant).toBe('InsufficientLiquidity');
  });

  it('addStake / removeStake validate then move the pool', () => {
    const net = network(exactArith, 1_000_000_000_000n, 4_000_000_000_000n);
    const bad = addStake(EX, net, 1, 1_000_000n);
    expect(!bad.ok && bad.error.variant).toBe('AmountTooLow');
    const ok = addStake(EX, net, 1, 1_000_000_000n);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const out = removeStake(EX, net, 1, ok.value.alpha * 2n, { currentStake: ok.value.alpha });
    expect(out.ok && out.value.alphaPaidIn + out.value.feePaid).toBe(ok.value.alpha);
  });
});

describe('stake/unstake properties (fast-check)', () => {
  const reserve = fc.bigInt({ min: 10_000_000n, max: 21_000_000_000_000_000n });
  const weight = fc.oneof(fc.constant(DEFAULT_QUOTE_WEIGHT), fc.bigInt({ min: MIN_WEIGHT, max: ACCURACY - MIN_WEIGHT }));

  it('staking then unstaking the alpha received never returns more TAO than staked (exact and fast, with and without author)', () => {
    fc.assert(
      fc.property(reserve, reserve, weight, fc.double({ min: -6, max: 1, noNaN: true }), fc.boolean(), (y, x, w2, k, author) => {
        const tao = BigInt(Math.max(1, Math.floor(Number(y) * 10 ** k)));
        const net = network(exactArith, y, x, { balancerQuoteWeight: w2 });
        const total0 = net.totalStake;
        const a = stakeIntoSubnet(EX, net, 1, tao, { hasBlockAuthor: author });
        if (!a.ok) return;
        const b = unstakeFromSubnet(EX, net, 1, a.value.alpha, { hasBlockAuthor: author });
        if (!b.ok) return;
        expect(b.value.tao <= tao).toBe(true);
        expect(b.value.tao + b.value.feeToBlockAuthor <= a.value.taoPaidIn).toBe(true);
        expect(net.totalStake).toBe(total0 + tao - b.value.tao - b.value.feeToBlockAuthor);
        const s = net.subnets.get(1)!;
        expect(s.tao >= 0n && s.alphaIn >= 0n).toBe(true);

        const netF = network(fastArith, Number(y), Number(x), { balancerQuoteWeight: w2 });
        const af = stakeIntoSubnet(FA, netF, 1, Number(tao), { hasBlockAuthor: author });
        if (!af.ok) return;
        const bf = unstakeFromSubnet(FA, netF, 1, af.value.alpha, { hasBlockAuthor: author });
        if (!bf.ok) return;
        // float64 resolution: 1 rao + 8 ulps of the reserve
        expect(bf.value.tao).toBeLessThanOrEqual(Number(tao) + 1 + Math.floor(8 * Number.EPSILON * (Number(y) + Number(tao))));
      }),
      { numRuns: Number(process.env.BALANCER_RUNS ?? 500) },
    );
  });
});
