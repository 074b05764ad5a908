/**
 * How far each profile is verified, part by part, so researchers and auditors know how much to
 * trust it. Levels, strongest first: `runtime` (differential against the real runtime),
 * `rust-vectors` (the values the Rust tests assert), `derived-vectors` (independent models or
 * hand-derived worked examples), `source` (rules read from the source at the commit, pinned by
 * unit tests, no outside vectors), `not-yet` (not implemented).
 */
export type VerificationLevel = 'runtime' | 'rust-vectors' | 'derived-vectors' | 'source' | 'not-yet';

export interface PartVerification {
  level: VerificationLevel;
  /** what exactly backs it */
  evidence: string;
}

export interface ProfileVerification {
  yuma: PartVerification;
  /** emission allocator: subnet shares, injection terms, moving price, flow EMAs (sim/mechanism/allocators) */
  allocator: PartVerification;
  /** the rest of the economy: coinbase bookkeeping, drains, pools, staking, registration */
  economics: PartVerification;
}

const ERA_YUMA: PartVerification = {
  level: 'source',
  evidence: 'switches per sim/mechanism/yuma/eras.ts from the epoch source history (ERAS.md); owner uid, stake threshold and commit-reveal masks not modelled',
};

const ERA_ECONOMY: PartVerification = {
  level: 'not-yet',
  evidence: 'coinbase bookkeeping, drains and pools per era not assembled yet (the allocator is; dtao-launch and current parts in progress)',
};

/** Verification per canonical profile name. */
export const PROFILE_VERIFICATION: Record<string, ProfileVerification> = {
  raonet: {
    allocator: { level: 'derived-vectors', evidence: 'R218 shares by pool TAO inside the raonet coinbase, checked by the §13.7 worked example' },
    yuma: { level: 'source', evidence: 'no Yuma at spec 218: stake-proportional epoch_mock (mechanism.md §8.10)' },
    economics: {
      level: 'derived-vectors',
      evidence:
        '§13.7 worked example to the rao, genesis equal to raonet.json storage, chopsticks probe values of blocks 1–7 reproduced; all 23 quirks of §14.1 (sim/mechanism/raonet); the differential harness against the runtime comes with the chain-in-the-loop issue',
    },
  },
  'dtao-launch': {
    allocator: { level: 'rust-vectors', evidence: 'era A0 rule set; coinbase.rs tests test_coinbase_alpha_issuance_base and test_coinbase_tao_issuance_different_prices reproduced at A0' },
    yuma: { level: 'derived-vectors', evidence: '20 shared vectors (independent integer model) bit-exact in exact mode; same pipeline as current, whose Rust-test vectors pass' },
    economics: {
      level: 'source',
      evidence:
        'coinbase, drain, pools, staking, registration, childkeys and the launch migration from the source at e2b8367b8 (sim/mechanism/dtaoLaunch); conservation identities asserted to the rao; commit-reveal, set_weights checks, PoW, root/senate not yet',
    },
  },
  spec238: { yuma: ERA_YUMA, allocator: { level: 'source', evidence: 'era A1 rule sets (specs 234/238) from the source at each merge, pinned by hand-worked cases' }, economics: ERA_ECONOMY },
  spec252: { yuma: ERA_YUMA, allocator: { level: 'rust-vectors', evidence: 'era A2 rule sets (246/252); test_update_moving_price_after_time reproduced at A2' }, economics: ERA_ECONOMY },
  spec257: { yuma: ERA_YUMA, allocator: { level: 'source', evidence: 'era A3 rule sets (257/258/261) from the source, hand-worked cases' }, economics: ERA_ECONOMY },
  spec283: { yuma: ERA_YUMA, allocator: { level: 'source', evidence: 'era A4 rule set from the source, hand-worked cases' }, economics: ERA_ECONOMY },
  spec298: { yuma: ERA_YUMA, allocator: { level: 'source', evidence: 'era B rule sets (298/301/320) from the source, hand-worked cases' }, economics: ERA_ECONOMY },
  spec334: { yuma: ERA_YUMA, allocator: { level: 'rust-vectors', evidence: 'era C rule sets (334–345); coinbase.rs and inplace_pow_normalize tests reproduced' }, economics: ERA_ECONOMY },
  spec348: { yuma: ERA_YUMA, allocator: { level: 'rust-vectors', evidence: 'era C1 rule sets (348/361/362); coinbase.rs tests reproduced at C1' }, economics: ERA_ECONOMY },
  spec411: { yuma: ERA_YUMA, allocator: { level: 'rust-vectors', evidence: 'era D rule set; coinbase.rs tests reproduced at D' }, economics: ERA_ECONOMY },
  spec421: { yuma: ERA_YUMA, allocator: { level: 'rust-vectors', evidence: 'era E rule set; the five E-era get_shares tests reproduced' }, economics: ERA_ECONOMY },
  current: {
    allocator: { level: 'rust-vectors', evidence: 'era F rule set; §13.5 coinbase vectors (alpha issuance, different prices, moving price after time, root proportion) reproduced' },
    yuma: {
      level: 'rust-vectors',
      evidence: 'epoch.rs test_10_graph, test_bonds (bonds and logged emissions), Yuma3 scenarios, weighted median vectors bit-exact; 20 shared derived vectors bit-exact',
    },
    economics: {
      level: 'not-yet',
      evidence:
        'balancer pool done (§13.6 test_exp_scaled vectors and ported swap-pallet tests bit-exact, sim/mechanism/balancer); HEAD coinbase bookkeeping and drains not assembled yet',
    },
  },
};
