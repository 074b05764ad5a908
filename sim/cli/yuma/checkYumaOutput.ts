/**
 * `taosim yuma --check`: compare every u16 field of every epoch of a result with a case's
 * expected output, and find the first difference. A field that is null or absent in `expected`
 * is skipped.
 *
 * @example
 * import { compareYumaU16 } from './checkYumaOutput.ts';
 * const r = compareYumaU16(expected, runYuma(input));
 * if (!r.ok) console.error(describeDifference(r.first));
 */
import type { YumaOutput } from '../../mechanism/yuma/types.ts';
import { CHECKED_U16_FIELDS, type CheckedU16Field, type YumaExpected } from './schema.ts';

/** Where two outputs first differ. */
export type YumaDifference =
  | { kind: 'epochCount'; expected: number; got: number }
  | { kind: 'missing'; epoch: number; field: CheckedU16Field; expected: string; got: string }
  | { kind: 'length'; epoch: number; field: CheckedU16Field; row?: number; expected: number; got: number }
  | { kind: 'value'; epoch: number; field: CheckedU16Field; uid: number; expected: number; got: number }
  | { kind: 'bond'; epoch: number; field: 'bonds'; row: number; col: number; expected: number; got: number };

export type YumaCheckResult =
  | { ok: true; epochs: number; fields: number; values: number }
  | { ok: false; first: YumaDifference; differences: number };

/** Compare the u16 fields; counts every differing value (and each structural difference as one). */
export function compareYumaU16(expected: YumaExpected, got: YumaOutput): YumaCheckResult {
  let first: YumaDifference | undefined;
  let differences = 0;
  let fields = 0;
  let values = 0;
  const differ = (d: YumaDifference) => {
    differences++;
    first ??= d;
  };
  if (expected.epochs.length !== got.epochs.length) {
    differ({ kind: 'epochCount', expected: expected.epochs.length, got: got.epochs.length });
  }
  const epochs = Math.min(expected.epochs.length, got.epochs.length);
  for (let k = 0; k < epochs; k++) {
    const want = expected.epochs[k].u16;
    if (!want) continue;
    const have = got.epochs[k].u16 as Record<CheckedU16Field, number[] | number[][] | null> | undefined;
    for (const field of CHECKED_U16_FIELDS) {
      const w = want[field];
      if (w === null || w === undefined) continue;
      fields++;
      const h = have?.[field];
      if (h === null || h === undefined) {
        differ({ kind: 'missing', epoch: k, field, expected: `${w.length} values`, got: have ? String(h) : 'no u16 output' });
        continue;
      }
      if (h.length !== w.length) {
        differ({ kind: 'length', epoch: k, field, expected: w.length, got: h.length });
        continue;
      }
      if (field === 'bonds') {
        const wm = w as number[][];
        const hm = h as number[][];
        for (let i = 0; i < wm.length; i++) {
          if (wm[i].length !== hm[i].length) {
            differ({ kind: 'length', epoch: k, field, row: i, expected: wm[i].length, got: hm[i].length });
            continue;
          }
          for (let j = 0; j < wm[i].length; j++) {
            values++;
            if (wm[i][j] !== hm[i][j]) differ({ kind: 'bond', epoch: k, field: 'bonds', row: i, col: j, expected: wm[i][j], got: hm[i][j] });
          }
        }
      } else {
        const wv = w as number[];
        const hv = h as number[];
        for (let i = 0; i < wv.length; i++) {
          values++;
          if (wv[i] !== hv[i]) differ({ kind: 'value', epoch: k, field, uid: i, expected: wv[i], got: hv[i] });
        }
      }
    }
  }
  return first ? { ok: false, first, differences } : { ok: true, epochs: got.epochs.length, fields, values };
}

/** One line: `epoch 1, incentive, uid 4: expected 17636, got 17635`. */
export function describeDifference(d: YumaDifference): string {
  switch (d.kind) {
    case 'epochCount':
      return `number of epochs: expected ${d.expected}, got ${d.got}`;
    case 'missing':
      return `epoch ${d.epoch}, ${d.field}: expected ${d.expected}, got ${d.got}`;
    case 'length':
      return `epoch ${d.epoch}, ${d.field}${d.row === undefined ? '' : `, row ${d.row}`}: expected ${d.expected} entries, got ${d.got}`;
    case 'value':
      return `epoch ${d.epoch}, ${d.field}, uid ${d.uid}: expected ${d.expected}, got ${d.got}`;
    case 'bond':
      return `epoch ${d.epoch}, bonds, row ${d.row}, col ${d.col}: expected ${d.expected}, got ${d.got}`;
  }
}
