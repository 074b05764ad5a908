import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { exactArith as X, fastArith as Fa } from '../../math/arith.ts';
import { RAONET_GENESIS_ENDOWED_TOTAL, raonetGenesis } from './genesis.ts';
import { networkLockCost } from './registration.ts';
import { alphaOf, shares, ta } from './testkit.ts';
import { RAONET, ZERO_ACCOUNT as Z } from './types.ts';

describe('raonet genesis (macros/genesis.rs @ 1629c559b, mechanism.md §13.7)', () => {
  test('subnets 0 and 1, pools, the zero account, TotalIssuance 0', () => {
    const s = raonetGenesis(X);
    expect([...s.subnets.keys()]).toEqual([0, 1]);
    const [root, one] = [s.subnets.get(0)!, s.subnets.get(1)!];
    expect([root.mechanism, root.tao, root.alphaIn, root.alphaOut, root.owner, root.neurons.hotkeys.length]).toEqual([0, 0n, 0n, 0n, null, 0]);
    expect([one.mechanism, one.tao, one.alphaIn, one.alphaOut, one.owner, one.ownerHotkey]).toEqual([1, 10_000_000_000n, 1n, 1_000_000_000n, Z, null]);
    expect(one.neurons.hotkeys).toEqual([Z]);
    expect(one.neurons.validatorPermit).toEqual([false]);
    expect(one.neurons.stakeWeight).toEqual([]);
    expect([s.totalIssuance, s.totalStake, s.blockEmission, s.block]).toEqual([0n, 0n, 1_000_000_000n, 0]);
    expect([ta(s, Z, 1), alphaOf(s, Z, Z, 1), shares(s, Z, 1)]).toEqual([1_000_000_000n, 1_000_000_000n, 0n]);
    expect(s.hotkeys.get(Z)!.owner).toBe(Z);
    expect(s.raonet.stakingHotkeys.get(Z)).toEqual([Z]);
    expect(s.raonet.totalNetworks).toBe(2);
  });

  test('raonet hyperparameters and defaults (runtime/src/lib.rs, feature raonet)', () => {
    const s = raonetGenesis(X);
    const [root, one] = [s.subnets.get(0)!, s.subnets.get(1)!];
    for (const sn of [root, one]) {
      expect(sn.taoWeight).toBe(3_320_413_933_267_719_290n);
      expect(sn.hyper).toMatchObject({ tempo: 100, bondsMovingAverage: 990_000, kappa: 32_767, maxAllowedValidators: 64, minAllowedWeights: 0, maxWeightsLimit: 65_535, registrationAllowed: true, immunityPeriod: 4096, adjustmentInterval: 100, adjustmentAlpha: 0n });
      expect(sn.burn).toBe(1_000_000_000n);
      expect([sn.hyper.minBurn, sn.hyper.maxBurn]).toEqual([1_000_000_000n, 100_000_000_000n]);
    }
    expect([root.hyper.maxAllowedUids, one.hyper.maxAllowedUids]).toEqual([64, 256]);
    expect([root.hyper.targetRegistrationsPerInterval, one.hyper.targetRegistrationsPerInterval]).toEqual([1, 4]);
    expect(s.params.subnetOwnerCut).toBe(5_898);
    expect(s.raonet.defaultDelegateTake).toBe(11_796);
    expect(s.raonet.existentialDeposit).toBe(500n);
    expect(s.raonet.defaultTempo).toBe(30);
    expect([s.params.networkMinLockCost, s.params.networkLockReductionInterval, s.params.networkRateLimit]).toEqual([1_000_000_000n, 1200, 10]);
    expect(networkLockCost(s)).toBe(1_000_000_000n);
  });

  test('fast mode builds the same values as floats', () => {
    const s = raonetGenesis(Fa);
    expect(s.subnets.get(1)!.tao).toBe(1e10);
    expect(s.subnets.get(1)!.taoWeight).toBe(Number(RAONET.taoWeight));
  });

  test('balances option', () => {
    const s = raonetGenesis(X, { balances: [['a', 5n], ['b', 7n]] });
    expect([...s.balances.entries()]).toEqual([['a', 5n], ['b', 7n]]);
  });
});

// ---------------------------------------------------------------------------------------------
// The raw chain spec, when available: every SubtensorModule item genesis writes, and the balances.
// ---------------------------------------------------------------------------------------------

const SPEC = process.env.RAONET_SPEC ?? resolve(import.meta.dirname, '../../../../shared/chain-spec/raonet.json');

const M64 = (1n << 64n) - 1n;
const P = [11400714785074694791n, 14029467366897019727n, 1609587929392839161n, 9650029242287828579n, 2870177450012600261n];
const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & M64;
const u64le = (b: Uint8Array, i: number) => b.slice(i, i + 8).reduceRight((a, v) => (a << 8n) | BigInt(v), 0n);
const u32le = (b: Uint8Array, i: number) => b.slice(i, i + 4).reduceRight((a, v) => (a << 8n) | BigInt(v), 0n);
function round(acc: bigint, input: bigint): bigint {
  return (rotl((acc + input * P[1]) & M64, 31n) * P[0]) & M64;
}
/** xxHash64 (the public algorithm), for `twox_128` storage prefixes. */
function xxh64(data: Uint8Array, seed: bigint): bigint {
  let i = 0;
  let h: bigint;
  if (data.length >= 32) {
    let v = [(seed + P[0] + P[1]) & M64, (seed + P[1]) & M64, seed, (seed - P[0]) & M64];
    while (i + 32 <= data.length) {
      v = v.map((x, k) => round(x, u64le(data, i + 8 * k)));
      i += 32;
    }
    h = (rotl(v[0], 1n) + rotl(v[1], 7n) + rotl(v[2], 12n) + rotl(v[3], 18n)) & M64;
    for (const x of v) h = (((h ^ round(0n, x)) * P[0]) + P[3]) & M64;
  } else h = (seed + P[4]) & M64;
  h = (h + BigInt(data.length)) & M64;
  for (; i + 8 <= data.length; i += 8) h = ((rotl(h ^ round(0n, u64le(data, i)), 27n) * P[0]) + P[3]) & M64;
  if (i + 4 <= data.length) {
    h = ((rotl(h ^ ((u32le(data, i) * P[0]) & M64), 23n) * P[1]) + P[2]) & M64;
    i += 4;
  }
  for (; i < data.length; i++) h = (rotl(h ^ ((BigInt(data[i]) * P[4]) & M64), 11n) * P[0]) & M64;
  h ^= h >> 33n;
  h = (h * P[1]) & M64;
  h ^= h >> 29n;
  h = (h * P[2]) & M64;
  return h ^ (h >> 32n);
}
const le8 = (x: bigint) => [...Array(8)].map((_, k) => ((x >> BigInt(8 * k)) & 0xffn).toString(16).padStart(2, '0')).join('');
const twox128 = (s: string) => le8(xxh64(new TextEncoder().encode(s), 0n)) + le8(xxh64(new TextEncoder().encode(s), 1n));
const leHex = (hex: string) => BigInt(`0x${(hex.match(/../g) ?? []).reverse().join('') || '0'}`);

describe.skipIf(!existsSync(SPEC))(
  `raonet genesis = raonet.json raw storage${existsSync(SPEC) ? '' : ` (skipped: no chain spec at ${SPEC}; set RAONET_SPEC)`}`,
  () => {
  const top: Record<string, string> = existsSync(SPEC) ? JSON.parse(readFileSync(SPEC, 'utf8')).genesis.raw.top : {};
  const item = (name: string) => {
    const prefix = `0x${twox128('SubtensorModule')}${twox128(name)}`;
    return Object.entries(top)
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, v]) => [k.slice(prefix.length), v.slice(2)] as [string, string]);
  };
  const zero = '00'.repeat(32);

  test('xxh64 known answer', () => {
    expect(twox128('Sudo')).toBe('5c0d1176a568c1f92944340dbfed9e9c'); // twox128("Sudo") as in every Substrate chain
  });

  test('pool, issuance, subnets, owner, stakes as raonetGenesis has them', () => {
    const s = raonetGenesis(X);
    const one = s.subnets.get(1)!;
    expect(item('TotalIssuance')).toEqual([['', '0000000000000000']]);
    expect(item('TotalStake')).toEqual([]);
    expect(item('SubnetTAO').map(([k, v]) => [k, leHex(v)])).toEqual([['0100', one.tao]]);
    expect(item('SubnetAlphaIn').map(([k, v]) => [k, leHex(v)])).toEqual([['0100', one.alphaIn]]);
    expect(item('SubnetAlphaOut').map(([k, v]) => [k, leHex(v)])).toEqual([['0100', one.alphaOut]]);
    expect(item('SubnetMechanism')).toEqual([['0100', '0100']]);
    expect(item('NetworksAdded').map(([k]) => k).sort()).toEqual(['0000', '0100']);
    expect(Object.fromEntries(item('Tempo').map(([k, v]) => [k, Number(leHex(v))]))).toEqual({ '0000': 100, '0100': 100 });
    expect(Object.fromEntries(item('MaxAllowedUids').map(([k, v]) => [k, Number(leHex(v))]))).toEqual({ '0000': 64, '0100': 256 });
    expect(Object.fromEntries(item('SubnetworkN').map(([k, v]) => [k, Number(leHex(v))]))).toEqual({ '0000': 0, '0100': 1 });
    expect(Object.fromEntries(item('TargetRegistrationsPerInterval').map(([k, v]) => [k, Number(leHex(v))]))).toEqual({ '0000': 1 });
    expect(item('SubnetOwner')).toEqual([['0100', zero]]);
    for (const absent of ['SubnetOwnerHotkey', 'TaoWeight', 'TotalHotkeyShares', 'Delegates', 'Burn', 'SubnetOwnerCut', 'BlockEmission', 'PendingEmission']) {
      expect(item(absent)).toEqual([]);
    }
    // Blake2_128Concat(AccountId): 16 hash bytes, then the account; Identity(u16) netuid
    expect(item('TotalHotkeyAlpha').map(([k, v]) => [k.slice(32), leHex(v)])).toEqual([[`${zero}0100`, ta(s, Z, 1)]]);
    expect(item('Alpha').map(([k, v]) => [k.slice(32, 96) + k.slice(128), leHex(v)])).toEqual([[`${zero}${zero}0100`, alphaOf(s, Z, Z, 1)]]);
    expect(item('Owner').map(([k, v]) => [k.slice(32), v])).toEqual([[zero, zero]]);
    expect(item('StakingHotkeys').map(([k, v]) => [k.slice(32), v])).toEqual([[zero, `04${zero}`]]);
    expect(item('Keys')).toEqual([['01000000', zero]]);
  });

  test('balances: 202 accounts (200 × 100 TAO, 2 × 50 TAO), 20,100 TAO', () => {
    const prefix = `0x${twox128('System')}${twox128('Account')}`;
    const free = Object.entries(top)
      .filter(([k]) => k.startsWith(prefix))
      .map(([, v]) => leHex(v.slice(2 + 32, 2 + 64)));
    expect(free.length).toBe(202);
    expect(free.filter((f) => f === 50_000_000_000n).length).toBe(2);
    expect(free.reduce((a, b) => a + b, 0n)).toBe(RAONET_GENESIS_ENDOWED_TOTAL);
  });
});
