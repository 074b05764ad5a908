/**
 * The `taosim yuma` contract (v1) on the wire: zod schemas of the input, of a test case and of
 * the output, with a description on every field. `schemas/yuma-*.schema.json` are generated from
 * these (`npm run schemas`). Rules that depend on other fields (n, units, profile) are checked by
 * `checkYumaInput`, after these.
 *
 * Units: `float` = proportions in [0, 1] and stake in TAO; `chain` = values as stored on chain
 * (u16 with 65535 = 1.0, rao, u64 per 1e6).
 */
import { z } from 'zod';
import { jsonAmount, jsonNumber } from '../../config/zod.ts';

/** Version of the contract's output (`schemaVersion`). */
export const YUMA_SCHEMA_VERSION = 1 as const;

export const YUMA_PROFILES = ['dtao-launch', 'current'] as const;
export const NUMERIC_MODES = ['exact', 'fast'] as const;
export const UNITS = ['float', 'chain'] as const;

const int = (min: number, max?: number) => jsonNumber(max === undefined ? z.int().min(min) : z.int().min(min).max(max));
const u16Int = () => int(0, 65535);

const proportion = (what: string, chainDefault: string) =>
  jsonNumber().describe(`${what}. chain units: u16 integer 0..65535 (65535 = 1.0); float units: proportion in [0, 1]. Omitted: the profile's default (${chainDefault}).`);

export const yumaHyperparametersSchema = z
  .object({
    kappa: proportion('Consensus majority threshold (Kappa)', '32767').optional(),
    bondsMovingAverage: jsonNumber()
      .describe(
        'Bonds EMA coefficient (BondsMovingAverage). chain units: integer 0..1000000 (u64 per 1e6, 900000 = 0.9); float units: proportion in [0, 1]. Omitted: the profile default (900000).',
      )
      .optional(),
    bondsPenalty: proportion('Bonds penalty (BondsPenalty)', 'dtao-launch 0, current 65535').optional(),
    liquidAlpha: z
      .object({
        enabled: z.boolean().describe('Liquid alpha on (LiquidAlphaOn). Omitted: false.').optional(),
        alphaLow: proportion('Lower bound of the liquid alpha (AlphaValues low)', '45875').optional(),
        alphaHigh: proportion('Upper bound of the liquid alpha (AlphaValues high)', '58982').optional(),
      })
      .strict()
      .describe('Liquid alpha: a per-bond EMA coefficient (dtao-launch: logistic per column; current: sigmoid per entry, with Yuma3 only).')
      .optional(),
    yuma3: z
      .boolean()
      .describe('Yuma3 bonds (Yuma3On). Exists at profile "current" only: true at "dtao-launch" is an error. Omitted: false.')
      .optional(),
    alphaSigmoidSteepness: jsonNumber()
      .describe(
        'Steepness of the Yuma3 liquid-alpha sigmoid (AlphaSigmoidSteepness). chain units: i16 integer as stored (1000); float units: the same / 100 (10). Used by "current" only.',
      )
      .optional(),
    maxAllowedValidators: int(1).describe('Validator permits: top-k by stake (MaxAllowedValidators). Omitted: 128.').optional(),
    activityCutoff: int(0)
      .describe('Blocks after which a uid whose lastUpdate is older is inactive (ActivityCutoff). Omitted: 5000 (current: from the tempo).')
      .optional(),
    tempo: int(1).describe('Blocks between epochs (Tempo); the default block of epoch k is (k + 1) · tempo. Omitted: 360.').optional(),
  })
  .strict()
  .describe('Subnet hyperparameters, each optional (omitted = the profile default). Keys a profile does not use are accepted and ignored.');

/** A weight: dense entry, or a [uid, weight] pair of a sparse row. */
const weightValue = () => jsonNumber(z.number().min(0));
export const yumaWeightEntrySchema = z
  .union([
    weightValue().describe('dense entry: the weight of the uid at this position; 0 = no stored entry'),
    z
      .tuple([int(0).describe('uid the weight is set on'), weightValue().describe('weight; an explicit 0 is a stored zero')])
      .describe('sparse entry: [uid, weight]'),
  ])
  .describe('chain units: u16 integer 0..65535; float units: non-negative number (rows are max-upscaled like set_weights)');

export const yumaEpochInputSchema = z
  .object({
    stake: z
      .array(
        jsonAmount().describe(
          'Stake of one uid. chain units: integer rao < 2^64 (a JSON number, exact even beyond 2^53, or a string of digits); float units: non-negative number of TAO (or a decimal string).',
        ),
      )
      .min(1)
      .describe('Stake weight per uid (the final stake weight the epoch reads); its length is n, the same in every epoch.'),
    weights: z
      .array(z.array(yumaWeightEntrySchema).describe('The weights uid i set: n dense entries, or [uid, weight] pairs.'))
      .describe('n rows: row i = the weights uid i set. All rows dense (n numbers each) or all sparse ([uid, weight] pairs, no uid twice); [] = no weights.'),
    block: int(0)
      .describe('Block of this epoch; strictly increasing over epochs. Omitted: (k + 1) · tempo for epoch k.')
      .optional(),
  })
  .strict()
  .describe('One epoch: the stake and weights it reads.');

export const yumaInputSchema = z
  .object({
    profile: z.enum(YUMA_PROFILES).describe('Runtime profile: "dtao-launch" (spec 233) or "current" (spec 425).'),
    mode: z.enum(NUMERIC_MODES).describe('"exact": fixed point, bit-identical to the runtime; "fast": float64.'),
    units: z
      .enum(UNITS)
      .default('float')
      .describe('"float": proportions in [0, 1], stake in TAO; "chain": values as stored on chain (u16, rao, u64 per 1e6).'),
    hyperparameters: yumaHyperparametersSchema.default({}),
    epochs: z.array(yumaEpochInputSchema).min(1).describe('The epochs to run in order; bonds, permits and the last epoch block carry over.'),
    neurons: z
      .object({
        registeredAt: z.array(int(0)).describe('Block at which each uid registered (n entries). Omitted: 0 for every uid.').optional(),
        lastUpdate: z
          .array(int(0))
          .describe('Block of each uid\'s last weights update (n entries). Omitted: the epoch\'s block (weights fresh).')
          .optional(),
        validatorPermit: z
          .array(z.boolean())
          .describe('Validator permits before epoch 0 (n entries). Omitted: the profile\'s top-k rule on epoch 0\'s stake.')
          .optional(),
      })
      .strict()
      .describe('Per-uid neuron state, each array optional.')
      .optional(),
    initial: z
      .object({
        bonds: z.array(z.array(u16Int())).describe('Bonds before epoch 0: n × n, u16 as stored (row = validator). Omitted: none.').optional(),
        lastMechanismStepBlock: int(0)
          .describe('Block of the last epoch before epoch 0. Omitted: epoch 0\'s block − tempo.')
          .optional(),
      })
      .strict()
      .describe('State before epoch 0.')
      .optional(),
    raoEmission: jsonAmount()
      .describe('Rao to distribute at each epoch: an integer < 2^64 (a JSON number, exact beyond 2^53, or a string of digits). Omitted: no emission output.')
      .optional(),
  })
  .strict()
  .describe('Input of `taosim yuma` (contract v1).');

export type YumaInputWire = z.output<typeof yumaInputSchema>;

// ---------------------------------------------------------------------------------- output

const vec = (what: string) => z.array(z.number()).describe(what);
const u16Vec = (what: string) => z.array(u16Int()).describe(what);

export const yumaU16OutputSchema = z
  .object({
    consensus: u16Vec('Consensus as stored (u16).'),
    incentive: u16Vec('Incentive as stored (u16).'),
    dividends: u16Vec('Dividends as stored (u16).'),
    trust: u16Vec('Trust as stored (u16); null at "current".').nullable(),
    validatorTrust: u16Vec('Validator trust as stored (u16).'),
    rank: u16Vec('Rank as stored (u16); null where the profile has no rank.').nullable(),
    bonds: z.array(u16Vec('One row of bonds')).describe('Bonds as stored after the epoch (u16), n × n.'),
  })
  .strict()
  .describe('The values as the chain stores them (exact mode only).');

export const yumaEpochOutputSchema = z
  .object({
    rank: vec('Rank per uid (before u16 quantization); null where the profile has none.').nullable(),
    trust: vec('Trust per uid; null at "current" (removed there).').nullable(),
    consensus: vec('Consensus per uid.'),
    incentive: vec('Incentive per uid (sums to 1 or 0).'),
    dividends: vec('Dividends per uid (sums to 1 or 0).'),
    validatorTrust: vec('Validator trust per uid.'),
    validatorPermit: z.array(z.boolean()).describe('Validator permits after the epoch.'),
    bonds: z.array(vec('One row of bonds')).describe('Bonds after the epoch as proportions, n × n (row = validator).'),
    emission: z
      .array(z.bigint().meta({ type: 'integer', minimum: 0 }).describe('rao'))
      .nullable()
      .describe('Server + validator emission per uid in rao (exact integers, may exceed 2^53); null without raoEmission.'),
    u16: yumaU16OutputSchema.optional(),
  })
  .strict()
  .describe('Result of one epoch: floats are the values before u16 quantization.');

export const yumaOutputSchema = z
  .object({
    schemaVersion: z.literal(YUMA_SCHEMA_VERSION).describe('Version of this output format.'),
    epochs: z.array(yumaEpochOutputSchema).describe('One result per input epoch, in order.'),
  })
  .strict()
  .describe('Output of `taosim yuma` (contract v1).');

// ----------------------------------------------------------------------------- test case

/** Fields of `u16` that `--check` compares, in the order it compares them. */
export const CHECKED_U16_FIELDS = ['consensus', 'incentive', 'dividends', 'trust', 'validatorTrust', 'rank', 'bonds'] as const;
export type CheckedU16Field = (typeof CHECKED_U16_FIELDS)[number];

const expectedU16Schema = z
  .looseObject({
    consensus: z.array(u16Int()).nullable().optional(),
    incentive: z.array(u16Int()).nullable().optional(),
    dividends: z.array(u16Int()).nullable().optional(),
    trust: z.array(u16Int()).nullable().optional(),
    validatorTrust: z.array(u16Int()).nullable().optional(),
    rank: z.array(u16Int()).nullable().optional(),
    bonds: z.array(z.array(u16Int())).nullable().optional(),
  })
  .describe('u16 values to compare; a null or absent field is skipped.');

/** What a case expects: an output (other fields than `u16` are not compared, so they are not checked). */
export const yumaExpectedSchema = z
  .looseObject({
    schemaVersion: z.literal(YUMA_SCHEMA_VERSION).optional(),
    epochs: z.array(z.looseObject({ u16: expectedU16Schema.nullable().optional() })).describe('One expected result per epoch.'),
  })
  .describe('Expected output of the case (`--check` compares its u16 fields).');

export type YumaExpected = z.output<typeof yumaExpectedSchema>;

/** A test case: an input, what it should give, and free-form notes. */
export const yumaCaseSchema = z
  .object({
    input: yumaInputSchema,
    expected: yumaExpectedSchema.optional(),
    meta: z.record(z.string(), z.unknown()).describe('Free-form notes about the case (not read).').optional(),
  })
  .strict()
  .describe('A `taosim yuma` test case (format of shared/vectors/yuma).');
