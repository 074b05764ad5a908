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
  economics: PartVerification;
}

const ERA_YUMA: PartVerification = {
  level: 'source',
  evidence: 'switches per sim/mechanism/yuma/eras.ts from the epoch source history (ERAS.md); owner uid, stake threshold and commit-reveal masks not modelled',
};

/** Verification per canonical profile name. */
export const PROFILE_VERIFICATION: Record<string, ProfileVerification> = {
  raonet: {
    yuma: { level: 'source', evidence: 'no Yuma at spec 218: stake-proportional epoch_mock (mechanism.md §8.10)' },
    economics: { level: 'not-yet', evidence: 'R218 coinbase, drain, pools in progress; differential vs the raonet runtime comes with the chain-in-the-loop issue' },
  },
  'dtao-launch': {
    yuma: { level: 'derived-vectors', evidence: '20 shared vectors (independent integer model) bit-exact in exact mode; same pipeline as current, whose Rust-test vectors pass' },
    economics: { level: 'not-yet', evidence: 'L233 coinbase/drain/pools in progress' },
  },
  spec238: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec252: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec257: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec283: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec298: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec334: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec348: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec411: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  spec421: { yuma: ERA_YUMA, economics: { level: 'not-yet', evidence: 'allocator rules in progress' } },
  current: {
    yuma: {
      level: 'rust-vectors',
      evidence: 'epoch.rs test_10_graph, test_bonds (bonds and logged emissions), Yuma3 scenarios, weighted median vectors bit-exact; 20 shared derived vectors bit-exact',
    },
    economics: { level: 'not-yet', evidence: 'balancer pool and HEAD coinbase in progress' },
  },
};
