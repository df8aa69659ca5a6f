import { masked, type MaskedCount } from '#shared/contracts/coverage';

/** Groups of people smaller than this are never shown by number when split by gender (DOMAIN.md). */
export const smallestShown = 5;

/**
 * A table of counts by gender: rows are the genders, columns the parts of a row (for coverage: no
 * training, then each level as highest reached), whose sum is the row's total (the gender's staff).
 * The column totals (over all genders) are published unmasked elsewhere, so they are constraints too.
 */
export type GenderTable = { totals: number[]; parts: number[][] };
export type MaskedTable = { totals: MaskedCount[]; parts: MaskedCount[][] };

/**
 * Masks every count under 5 (0 included) as "<5", then, so that no masked count can be worked out
 * by subtraction, also masks more cells (complementary suppression): as long as a row (a gender's
 * total and its parts) or a column (the genders of one part, or the genders' totals, whose sum is
 * published) has exactly one masked cell, the smallest shown part of that row or cell of that
 * column is masked too. It ends because each round masks at least one more cell or stops.
 */
export function maskGenderTable(table: GenderTable): MaskedTable {
  const rows = table.parts.length;
  const columns = rows > 0 ? table.parts[0].length : 0;
  const totalHidden = table.totals.map((v) => v < smallestShown);
  const partHidden = table.parts.map((row) => row.map((v) => v < smallestShown));

  const smallestShownIndex = (values: number[], hidden: boolean[]) => {
    let best = -1;
    values.forEach((value, index) => {
      if (!hidden[index] && (best === -1 || value < values[best])) best = index;
    });
    return best;
  };

  for (let changed = true; changed; ) {
    changed = false;
    // A gender's total and its parts: total = sum of parts.
    for (let r = 0; r < rows; r++) {
      const hiddenCount = partHidden[r].filter(Boolean).length + (totalHidden[r] ? 1 : 0);
      if (hiddenCount !== 1) continue;
      const index = smallestShownIndex(table.parts[r], partHidden[r]);
      if (index >= 0) {
        partHidden[r][index] = true;
        changed = true;
      } else if (!totalHidden[r]) {
        totalHidden[r] = true;
        changed = true;
      }
    }
    // One part over the genders: its published total = sum over the genders.
    for (let c = 0; c < columns; c++) {
      const column = table.parts.map((row) => row[c]);
      const hidden = partHidden.map((row) => row[c]);
      if (hidden.filter(Boolean).length !== 1) continue;
      const index = smallestShownIndex(column, hidden);
      if (index >= 0) {
        partHidden[index][c] = true;
        changed = true;
      }
    }
    // The genders' totals: their sum is the published staff.
    if (totalHidden.filter(Boolean).length === 1) {
      const index = smallestShownIndex(table.totals, totalHidden);
      if (index >= 0) {
        totalHidden[index] = true;
        changed = true;
      }
    }
  }

  return {
    totals: table.totals.map((v, i) => (totalHidden[i] ? masked : v)),
    parts: table.parts.map((row, r) => row.map((v, c) => (partHidden[r][c] ? masked : v))),
  };
}

/** A share of two counts, or null when either is masked (a share would give the count away) or the whole is 0. */
export function maskedShare(part: MaskedCount, whole: MaskedCount): number | null {
  if (part === masked || whole === masked || whole === 0) return null;
  return part / whole;
}
