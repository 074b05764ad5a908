import { describe, expect, it } from 'vitest';
import type { YumaEpochOutput, YumaOutput } from '../../mechanism/yuma/types.ts';
import { compareYumaU16, describeDifference } from './checkYumaOutput.ts';
import type { YumaExpected } from './schema.ts';

const u16 = {
  consensus: [1, 2],
  incentive: [3, 4],
  dividends: [5, 6],
  trust: null,
  validatorTrust: [7, 8],
  rank: [3, 4],
  bonds: [
    [0, 9],
    [10, 0],
  ],
};
const epoch = (over: Partial<NonNullable<YumaEpochOutput['u16']>> = {}): YumaEpochOutput => ({
  rank: null,
  trust: null,
  consensus: [0, 0],
  incentive: [0, 0],
  dividends: [0, 0],
  validatorTrust: [0, 0],
  validatorPermit: [true, true],
  bonds: [
    [0, 0],
    [0, 0],
  ],
  emission: null,
  u16: { ...u16, ...over },
});
const got = (...epochs: YumaEpochOutput[]): YumaOutput => ({ schemaVersion: 1, epochs });
const expected = (...e: Array<Record<string, unknown> | null>): YumaExpected => ({ epochs: e.map((u) => ({ u16: u })) }) as YumaExpected;

describe('compareYumaU16', () => {
  it('equal: counts epochs, fields and values compared', () => {
    expect(compareYumaU16(expected(u16, u16), got(epoch(), epoch()))).toEqual({ ok: true, epochs: 2, fields: 12, values: 28 });
  });

  it('skips fields that are null or absent in expected', () => {
    expect(compareYumaU16(expected({ consensus: [1, 2], trust: null }, null), got(epoch({ trust: [0, 0] }), epoch({ consensus: [9, 9] })))).toEqual({
      ok: true,
      epochs: 2,
      fields: 1,
      values: 2,
    });
  });

  it('finds the first differing uid and counts all differences', () => {
    const r = compareYumaU16(expected(u16, u16), got(epoch(), epoch({ incentive: [3, 5], rank: [0, 4] })));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.first).toEqual({ kind: 'value', epoch: 1, field: 'incentive', uid: 1, expected: 4, got: 5 });
    expect(r.differences).toBe(2);
    expect(describeDifference(r.first)).toBe('epoch 1, incentive, uid 1: expected 4, got 5');
  });

  it('names row and column for bonds', () => {
    const r = compareYumaU16(expected(u16), got(epoch({ bonds: [[0, 9], [11, 0]] })));
    expect(!r.ok && describeDifference(r.first)).toBe('epoch 0, bonds, row 1, col 0: expected 10, got 11');
  });

  it('reports structural differences: epoch count, lengths, missing fields', () => {
    const count = compareYumaU16(expected(u16, u16), got(epoch()));
    expect(!count.ok && describeDifference(count.first)).toBe('number of epochs: expected 2, got 1');
    const len = compareYumaU16(expected(u16), got(epoch({ consensus: [1] })));
    expect(!len.ok && describeDifference(len.first)).toBe('epoch 0, consensus: expected 2 entries, got 1');
    const missing = compareYumaU16(expected({ trust: [1, 2] }), got(epoch()));
    expect(!missing.ok && describeDifference(missing.first)).toBe('epoch 0, trust: expected 2 values, got null');
    const noU16 = compareYumaU16(expected({ consensus: [1, 2] }), got({ ...epoch(), u16: undefined }));
    expect(!noU16.ok && describeDifference(noU16.first)).toBe('epoch 0, consensus: expected 2 values, got no u16 output');
  });
});
