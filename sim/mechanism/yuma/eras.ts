/**
 * Yuma rule sets for the emission-allocator era profiles (`spec238` … `current`, names fixed in
 * `sim/mechanism/profiles/names.ts`): the epoch as subtensor ran it at each era's first `main`
 * merge, read from `pallets/subtensor/src/epoch/run_epoch.rs`, `epoch/math.rs`,
 * `utils/misc.rs` and `runtime/src/lib.rs` at that commit. Evidence, the chronological list of
 * epoch changes between spec 233 and 425, and the switches the pipeline still lacks are in
 * `ERAS.md` next to this file.
 *
 * Every entry is built from the existing {@link YumaRules} switches (spread from
 * {@link DTAO_LAUNCH} or {@link CURRENT}). Where the chain's rule at that commit is not one the
 * pipeline (`epoch.ts`) can express yet, the entry carries the closest existing value and a
 * `TODO(new switch)` line; {@link YUMA_ERA_PENDING} lists the same gaps as data.
 *
 * Line numbers below are in `pallets/subtensor/src/epoch/run_epoch.rs` (the sparse epoch,
 * i.e. the last occurrence in the file) at the entry's commit unless another file is named.
 */
import { resolveProfileName } from '../profiles/names.ts';
import { CURRENT, DTAO_LAUNCH, type YumaRules } from './profiles.ts';
import type { YumaProfileName } from './types.ts';

/** `YumaProfileName` (types.ts) lists only `dtao-launch` and `current` so far. */
const eraName = (name: string): YumaProfileName => name as YumaProfileName;

/**
 * Spec 238, era A1, `f9254ea63` (2025-02-15). Epoch code identical to dtao-launch
 * (`git diff e2b8367b8 f9254ea63 -- pallets/subtensor/src/epoch/` is empty):
 * `is_topk` :434, per-entry bond mask `updated <= registered` :541, pre-ranks :487 and trust
 * :513, logistic liquid alpha via `compute_ema_bonds_sparse` :560, bonds cleared only for lost
 * permits :715. Defaults: `SubtensorInitialBondsPenalty = 0` (runtime/src/lib.rs:1060),
 * `SubtensorInitialActivityCutoff = 5000` (runtime/src/lib.rs:1056). `INITIAL_SUBNET_TEMPO` is 99 at this commit (runtime/src/lib.rs:1027;
 * 360 from spec 244, `eab76ea4b`); `tempo` keeps dtao-launch's 360 (mainnet subnets held 360), see ERAS.md.
 */
const spec238: YumaRules = {
  ...DTAO_LAUNCH,
  name: eraName('spec238'),
  specVersion: 238,
  commit: 'f9254ea63',
};

/**
 * Spec 252, era A2, `b61dd3020` (2025-03-19). As spec 238, plus the subnet owner's uid keeps
 * its self-weight: `mask_diag_sparse_except_index(&weights, owner_uid)` :478 (`05f063150`,
 * owner uid = `Uids(netuid, SubnetOwnerHotkey(netuid))`, `utils/misc.rs::get_owner_uid`).
 * Without an owner uid in the metagraph the epoch is dtao-launch's bit for bit.
 * Defaults: bonds penalty still 0 (runtime/src/lib.rs:987); tempo 360 (runtime/src/lib.rs:954).
 */
const spec252: YumaRules = {
  ...DTAO_LAUNCH,
  name: eraName('spec252'),
  specVersion: 252,
  commit: 'b61dd3020',
  // TODO(new switch): keepsOwnerSelfWeight = true — drop self-weight (i, i) except i = owner uid (needs EpochInput.ownerUid; csr.ts maskWeights already takes keepSelf).
};

/**
 * Spec 257, era A3, `8de0d23ca` (2025-03-28; spec 261 `6b86ebf30` has the same epoch).
 * Bond mask becomes per column: drop every bond to j when `last_tempo <= registered[j]` with
 * `last_tempo = current_block.saturating_sub(tempo)` (:573, :578; `2b674c71a` "reset bonds for
 * miners recently deregistered"). Runtime default bonds penalty becomes 65535
 * (`SubtensorInitialBondsPenalty = u16::MAX`, runtime/src/lib.rs:1013; `75c0d6ec2`).
 * Still `is_topk` :462, trust :521/:547, logistic liquid alpha :597, lost-permit clearing :752,
 * owner self-weight :497.
 */
const spec257: YumaRules = {
  ...DTAO_LAUNCH,
  name: eraName('spec257'),
  specVersion: 257,
  commit: '8de0d23ca',
  bondsMask: 'blockMinusTempo',
  // TODO(new switch): keepsOwnerSelfWeight = true (as spec252).
  defaults: { ...DTAO_LAUNCH.defaults, bondsPenalty: 65535 },
};

/**
 * Spec 283, era A4, `e9bbb6134` (2025-06-30). From spec 273 (`1b0c63a71`): stake below
 * `StakeThreshold` zeroed before normalization :501 and `is_topk_nonzero` :530 (`2ecebb194`);
 * `Yuma3On` branch :636 (`be623f009`) with the per-entry sigmoid liquid alpha; the classic branch
 * lost liquid alpha (`compute_ema_bonds_normal_sparse` :706). From spec 283: sigmoid argument
 * `steepness / −100 · (d − ½)` with `AlphaSigmoidSteepness` i16 (:1302, `96e189485`), still
 * through `safe_exp` (:1300: `exp(x)` or 0 on overflow, no ±20 clamp). Pre-ranks :589 and trust
 * :615 still computed; bonds still cleared only for lost permits :863; bond mask `block − tempo`
 * :683/:688. Defaults: steepness 1000 (runtime/src/lib.rs:1057), bonds penalty 65535 (:1077),
 * `Yuma3On` false (:1107).
 */
const spec283: YumaRules = {
  ...CURRENT,
  name: eraName('spec283'),
  specVersion: 283,
  commit: 'e9bbb6134',
  bondsMask: 'blockMinusTempo',
  computesTrust: true,
  sigmoidExp: 'safeExp',
  activityCutoffFromTempo: false,
  liquidAlpha: 'sigmoidYuma3Only',
  clearBonds: 'lostPermit',
  // TODO(new switch): keepsOwnerSelfWeight = true; stakeThreshold without owner exemption (input-level, default 0).
  defaults: { ...CURRENT.defaults },
};

/**
 * Spec 298, era B, `6309d3592` (2025-07-29). Epoch as spec 283 plus, from spec 297
 * (`7b541095b`, `e2b0a0bfd`), the commit-reveal column mask when `CommitRevealWeightsEnabled`
 * :586: drop (i, j) when uid i's earliest unexpired commit block < registered[j], expiry by
 * the commit block's epoch index. Commit-reveal defaults off at this spec.
 * Lines: threshold :507, `is_topk_nonzero` :536, trust :642/:668, `Yuma3On` :689,
 * mask :736/:741, clearing :916, sigmoid :1353/:1355.
 */
const spec298: YumaRules = {
  ...spec283,
  name: eraName('spec298'),
  specVersion: 298,
  commit: '6309d3592',
  // TODO(new switch): commitRevealMask 'commitBlockEpochIndex' (input-level: earliest unexpired commit block per uid).
};

/**
 * Spec 334 (alias `taoflow`), era C, `6218ecc5c` (2025-11-04). From spec 320 (`835a2c902`):
 * mechanisms (`epoch_mechanism`, one per `MechanismCountCurrent`, default 1) and
 * `persist_mechanism_epoch_terms` writing a bonds row for every uid (:120; rows of uids without
 * a new permit are empty even without an old permit, `2c447fd99`). From spec 301
 * (`312c0be95`): substrate-fixed v0.6.0 (no change to `exp`). From spec 306 (`737e4acb1`):
 * commit-reveal defaults on. Still pre-ranks :794 and trust :820, sigmoid through `safe_exp`
 * :1539/:1541, mask `block − tempo` :889/:894.
 */
const spec334: YumaRules = {
  ...CURRENT,
  name: eraName('spec334'),
  specVersion: 334,
  commit: '6218ecc5c',
  bondsMask: 'blockMinusTempo',
  computesTrust: true,
  sigmoidExp: 'safeExp',
  activityCutoffFromTempo: false,
  // TODO(new switch): keepsOwnerSelfWeight = true; commitRevealMask 'commitBlockEpochIndex'.
  defaults: { ...CURRENT.defaults },
};

/**
 * Spec 348, era C1, `459fa72d1` (2025-11-24; spec 362 `8834a7c73` the same). No epoch change
 * since spec 334 (`git diff 6218ecc5c 459fa72d1 -- pallets/subtensor/src/epoch/` is empty).
 */
const spec348: YumaRules = {
  ...spec334,
  name: eraName('spec348'),
  specVersion: 348,
  commit: '459fa72d1',
};

/**
 * Spec 411 (alias `netflow`), era D, `486037ba4` (2026-05-27). From spec 365 (`6e3d24cea`):
 * pre-ranks, trust and pruning scores removed (`8fb5c3688`), sigmoid through `exp_safe`
 * (:1498, `daf6ad84d`). From spec 397 (`e7f05a051`): owner uid exempt from the stake threshold
 * :638 and its old and new permits forced true :676 (`69627c0d5`); new subnets get `Yuma3On`
 * (subnets/subnet.rs:314, `1d94555da`). Bond mask still `block − tempo` :862/:867, activity
 * cutoff still the stored `ActivityCutoff` :598.
 */
const spec411: YumaRules = {
  ...CURRENT,
  name: eraName('spec411'),
  specVersion: 411,
  commit: '486037ba4',
  bondsMask: 'blockMinusTempo',
  activityCutoffFromTempo: false,
  // TODO(new switch): keepsOwnerSelfWeight = true; ownerAlwaysPermitted = true; commitRevealMask 'commitBlockEpochIndex'.
  defaults: { ...CURRENT.defaults },
};

/**
 * Spec 421, era E, `6016381e4` (2026-06-22). No epoch change since spec 411
 * (`git diff 486037ba4 6016381e4 -- pallets/subtensor/src/epoch/ pallets/subtensor/src/utils/misc.rs`
 * is empty).
 */
const spec421: YumaRules = {
  ...spec411,
  name: eraName('spec421'),
  specVersion: 421,
  commit: '6016381e4',
};

/**
 * Yuma rules per profile, keyed by canonical profile name (`dtao-launch` included for
 * completeness). `current` is {@link CURRENT} (spec 425, `14bc6f9f9`): from spec 423
 * (`06032d518`, `d30a76f38`) `last_tempo = LastMechansimStepBlock + 1` (:881–:891), activity
 * cutoff `max(1, floor(factor‰ · tempo / 1000))` (:604), commit expiry by stored commit epoch.
 * @example YUMA_ERA_RULES.spec298.permits // 'topkNonzero'
 */
export const YUMA_ERA_RULES: Record<string, YumaRules> = {
  'dtao-launch': DTAO_LAUNCH,
  spec238,
  spec252,
  spec257,
  spec283,
  spec298,
  spec334,
  spec348,
  spec411,
  spec421,
  current: CURRENT,
};

/**
 * Rules of a profile by name or alias (`taoflow` → spec334, `netflow` → spec411, `spec425` →
 * current). Throws for `raonet` (no Yuma epoch: `epoch_mock`) and unknown names.
 * @example yumaEraRules('taoflow').specVersion // 334
 */
export function yumaEraRules(nameOrAlias: string): YumaRules {
  const p = resolveProfileName(nameOrAlias);
  const r = YUMA_ERA_RULES[p.name];
  if (!r) throw new Error(`profile '${p.name}' has no Yuma epoch (spec ${p.specVersion})`);
  return r;
}

/**
 * Rules the chain applied at a profile's commit that `epoch.ts` cannot express yet (ERAS.md,
 * "New switches"). `epochLayer`: changes outputs for the same `EpochInput`; `inputLevel`: needs
 * data the epoch input does not carry (owner uid, stake threshold, commit blocks) and is not
 * modelled at any profile, `current` included.
 */
export const YUMA_ERA_PENDING: Record<string, { epochLayer: readonly string[]; inputLevel: readonly string[] }> = {
  'dtao-launch': { epochLayer: [], inputLevel: [] },
  spec238: { epochLayer: [], inputLevel: [] },
  spec252: { epochLayer: [], inputLevel: ['keepsOwnerSelfWeight'] },
  spec257: { epochLayer: [], inputLevel: ['keepsOwnerSelfWeight'] },
  spec283: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'stakeThreshold:noOwnerExemption'],
  },
  spec298: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'stakeThreshold:noOwnerExemption', 'commitRevealMask:commitBlockEpochIndex'],
  },
  spec334: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'stakeThreshold:noOwnerExemption', 'commitRevealMask:commitBlockEpochIndex'],
  },
  spec348: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'stakeThreshold:noOwnerExemption', 'commitRevealMask:commitBlockEpochIndex'],
  },
  spec411: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'ownerAlwaysPermitted', 'stakeThreshold:ownerExempt', 'commitRevealMask:commitBlockEpochIndex'],
  },
  spec421: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'ownerAlwaysPermitted', 'stakeThreshold:ownerExempt', 'commitRevealMask:commitBlockEpochIndex'],
  },
  current: {
    epochLayer: [],
    inputLevel: ['keepsOwnerSelfWeight', 'ownerAlwaysPermitted', 'stakeThreshold:ownerExempt', 'commitRevealMask:storedCommitEpoch'],
  },
};
