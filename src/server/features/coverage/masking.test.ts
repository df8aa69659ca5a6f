import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { maskGenderTable, maskedShare } from './masking.js';

describe('gender masking', () => {
  it('shows counts of 5 and more, and "<5" for 0 to 4', () => {
    const masked = maskGenderTable({
      totals: [60, 45, 25],
      parts: [
        [10, 20, 30],
        [15, 15, 15],
        [5, 10, 10],
      ],
    });
    expect(masked).toEqual({
      totals: [60, 45, 25],
      parts: [
        [10, 20, 30],
        [15, 15, 15],
        [5, 10, 10],
      ],
    });
  });

  it('masks a second cell where one "<5" could be worked out from a total', () => {
    // Not stated: 3 people, all untrained. Unmasked, the men's and women's figures would give them away.
    const masked = maskGenderTable({
      totals: [40, 30, 3],
      parts: [
        [10, 20, 10],
        [8, 12, 10],
        [3, 0, 0],
      ],
    });
    expect(masked).toEqual({
      // The genders' totals add up to the published staff: a second total is hidden.
      totals: [40, '<5', '<5'],
      parts: [
        // The third column's men and women were equal, so the first found is hidden; then the women's
        // row had one hidden cell left beside its shown total, and its smallest other part went too.
        ['<5', 20, '<5'],
        // Each column with a hidden "not stated" hides one more: the smaller of the others.
        ['<5', '<5', 10],
        ['<5', '<5', '<5'],
      ],
    });
  });

  it('never leaves a row or column with exactly one masked cell, and masks everything under 5', () => {
    const table = fc.integer({ min: 1, max: 6 }).chain((columns) =>
      fc.array(fc.array(fc.nat({ max: 40 }), { minLength: columns, maxLength: columns }), { minLength: 3, maxLength: 3 }),
    );
    fc.assert(
      fc.property(table, (parts) => {
        const totals = parts.map((row) => row.reduce((a, b) => a + b, 0));
        const masked = maskGenderTable({ totals, parts });
        const hidden = (v: unknown) => v === '<5';
        parts.forEach((row, r) => {
          row.forEach((value, c) => {
            if (value < 5) expect(masked.parts[r][c]).toBe('<5');
            else if (!hidden(masked.parts[r][c])) expect(masked.parts[r][c]).toBe(value);
          });
          if (totals[r] < 5) expect(masked.totals[r]).toBe('<5');
          const inRow = masked.parts[r].filter(hidden).length + (hidden(masked.totals[r]) ? 1 : 0);
          expect(inRow).not.toBe(1);
        });
        for (let c = 0; c < parts[0].length; c++) {
          expect(masked.parts.filter((row) => hidden(row[c])).length).not.toBe(1);
        }
        expect(masked.totals.filter(hidden).length).not.toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('gives no share for a masked count or total', () => {
    expect(maskedShare('<5', 10)).toBeNull();
    expect(maskedShare(5, '<5')).toBeNull();
    expect(maskedShare(5, 0)).toBeNull();
    expect(maskedShare(5, 10)).toBe(0.5);
  });
});
