import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Coverage, MaskedCount } from '#shared/contracts/coverage';
import { translate, type Locale } from '../../http/i18n.js';

/**
 * The coverage figures as a file: the same numbers as the page (summary, levels, gender with the
 * "<5" masking done by the server, trend, breakdown), never a list of people. XLSX has one sheet
 * per table; CSV is one long table (section; group; measure; value), semicolon-separated as
 * Swedish Excel reads it, with a byte order mark so it opens as UTF-8.
 */

type Cell = string | number | null;
type Table = { key: string; header: string[]; rows: Cell[][]; shareColumns: number[] };

const t = (locale: Locale, key: string, values?: Record<string, string | number>) => translate(locale, `coverage.${key}`, values);

export function scopeName(coverage: Coverage, locale: Locale): string {
  const { scope } = coverage;
  if (scope.kind === 'unit') return scope.unitName ?? '';
  if (scope.kind === 'administration') return scope.administrationName ?? '';
  if (scope.kind === 'units') return t(locale, 'scope.myUnits');
  return t(locale, 'scope.municipality');
}

const levelName = (level: { nameSv: string; nameEn: string }, locale: Locale) => (locale === 'en' ? level.nameEn : level.nameSv);

function tables(coverage: Coverage, locale: Locale): Table[] {
  const name = scopeName(coverage, locale);
  const levels = coverage.levels;
  const genderLabel = (g: string) => translate(locale, `gender.${g}`);
  return [
    {
      key: 'summary',
      header: [t(locale, 'export.measure'), t(locale, 'export.value')],
      shareColumns: [],
      rows: [
        [t(locale, 'scope.label'), name],
        [t(locale, 'export.date'), coverage.date],
        [t(locale, 'kpi.staff'), coverage.staff],
        [t(locale, 'kpi.trained'), coverage.trained],
        [t(locale, 'kpi.untrained'), coverage.untrained],
        [t(locale, 'kpi.newUntrained'), coverage.newUntrainedCount],
        [t(locale, 'kpi.refresherDue'), coverage.refresherDueCount],
        [t(locale, 'kpi.lastSession'), coverage.lastSessionEndedOn ?? '–'],
      ],
    },
    {
      key: 'levels',
      header: [
        t(locale, 'levels.level'),
        t(locale, 'levels.highest'),
        t(locale, 'levels.highestShare'),
        t(locale, 'levels.atLeast'),
        t(locale, 'levels.atLeastShare'),
      ],
      shareColumns: [2, 4],
      rows: [
        [t(locale, 'levels.none'), coverage.untrained, coverage.untrainedShare, null, null],
        ...levels.map((l) => [levelName(l, locale), l.highest, l.highestShare, l.atLeast, l.atLeastShare]),
      ],
    },
    {
      key: 'gender',
      header: [t(locale, 'gender.gender'), t(locale, 'kpi.staff'), t(locale, 'levels.none'), ...levels.map((l) => levelName(l, locale))],
      shareColumns: [],
      rows: coverage.byGender.map((row) => [
        genderLabel(row.gender),
        row.staff as MaskedCount,
        row.untrained as MaskedCount,
        ...row.levels.map((l) => l.highest as MaskedCount),
      ]),
    },
    {
      key: 'trend',
      header: [
        t(locale, 'trend.year'),
        t(locale, 'trend.countedOn'),
        t(locale, 'trend.staff'),
        t(locale, 'trend.trained'),
        t(locale, 'trend.share'),
        ...levels.map((l) => t(locale, 'trend.completionsOf', { level: levelName(l, locale) })),
      ],
      shareColumns: [4],
      rows: coverage.trend.years.map((y) => [
        y.year,
        y.countedOn,
        y.staff,
        y.trained,
        y.share,
        ...y.completions.map((c) => c.count),
      ]),
    },
    {
      key: 'breakdown',
      header: [
        coverage.scope.kind === 'municipality' ? t(locale, 'breakdown.administration') : t(locale, 'breakdown.unit'),
        t(locale, 'breakdown.staff'),
        t(locale, 'breakdown.trained'),
        t(locale, 'breakdown.share'),
      ],
      shareColumns: [3],
      rows: coverage.children.map((c) => [c.name, c.staff, c.trained, c.share]),
    },
  ];
}

export async function coverageXlsx(coverage: Coverage, locale: Locale): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Inkludera';
  for (const table of tables(coverage, locale)) {
    const sheet = workbook.addWorksheet(t(locale, `export.sheets.${table.key}`));
    sheet.addRow(table.header).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    for (const column of table.shareColumns) sheet.getColumn(column + 1).numFmt = '0.0%';
    sheet.columns.forEach((column, index) => {
      column.width = index === 0 ? 36 : 16;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A share as a percentage with one decimal, in the language's notation (45,5 / 45.5). */
const percent = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1, useGrouping: false }).format(
    Math.round(value * 1000) / 10,
  );

export function coverageCsv(coverage: Coverage, locale: Locale): string {
  const records: Cell[][] = [[t(locale, 'export.section'), t(locale, 'export.group'), t(locale, 'export.measure'), t(locale, 'export.value')]];
  for (const table of tables(coverage, locale)) {
    const section = t(locale, `export.sheets.${table.key}`);
    for (const row of table.rows) {
      if (table.key === 'summary') {
        records.push([section, scopeName(coverage, locale), row[0], row[1]]);
        continue;
      }
      for (let column = 1; column < table.header.length; column++) {
        const value = row[column];
        if (value === null) continue;
        const shown = table.shareColumns.includes(column) && typeof value === 'number' ? `${percent(value, locale)} %` : value;
        records.push([section, row[0], table.header[column], shown]);
      }
    }
  }
  return `\uFEFF${stringify(records, { delimiter: ';', record_delimiter: '\r\n' })}`;
}

/** A file name without characters a browser or a file system would choke on. */
export function exportFileName(coverage: Coverage, locale: Locale, extension: string): string {
  const slug = scopeName(coverage, locale)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  return `${t(locale, 'export.filePrefix')}-${slug || 'scope'}-${coverage.date}.${extension}`;
}
