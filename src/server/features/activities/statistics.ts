import { stringify } from 'csv-stringify/sync';
import {
  seasonStarts,
  seasons,
  type ActivityStatistics,
  type Season,
  type StatisticsFigures,
  type StatisticsOccurrence,
} from '#shared/contracts/activities';
import { translate, type Locale } from '../../http/i18n.js';
import { addDays, isoWeekday } from './schedule.js';

/**
 * The visitor statistics of activities (docs/activities.md#statistics), computed from the
 * occurrences that are over, each with its headcount or none: pure functions, tested in
 * statistics.test.ts. Only numbers go in and come out; nothing about who came exists to count.
 */

/** The season of a date (see `seasons` in the contracts): vårtermin, sommar or hösttermin of its year. */
export function seasonOf(date: string): { year: number; season: Season } {
  const monthDay = date.slice(5);
  const season = monthDay >= seasonStarts.autumn ? 'autumn' : monthDay >= seasonStarts.summer ? 'summer' : 'spring';
  return { year: Number(date.slice(0, 4)), season };
}

/** The first and last day of a season. */
export function seasonSpan(year: number, season: Season): { from: string; to: string } {
  const index = seasons.indexOf(season);
  const next = seasons[index + 1];
  return {
    from: `${year}-${seasonStarts[season]}`,
    to: next ? addDays(`${year}-${seasonStarts[next]}`, -1) : `${year}-12-31`,
  };
}

/** The ISO week of a date: 2026-W05 (the week belongs to the year of its Thursday). */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = thursday.slice(0, 4);
  const dayOfYear = (Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000;
  return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

type Tally = Omit<StatisticsFigures, 'averageVisitors' | 'firstTimeShare'> & { firstTimeBase: number };

const emptyTally = (): Tally => ({
  held: 0,
  counted: 0,
  uncounted: 0,
  cancelled: 0,
  visitors: 0,
  firstTimeVisitors: 0,
  firstTimeBase: 0,
});

function add(tally: Tally, o: StatisticsOccurrence) {
  if (o.status === 'cancelled') {
    tally.cancelled += 1;
    return;
  }
  if (!o.held) return;
  tally.held += 1;
  if (o.visitors === null) {
    tally.uncounted += 1;
    return;
  }
  tally.counted += 1;
  tally.visitors += o.visitors;
  if (o.firstTimeVisitors !== null) {
    tally.firstTimeVisitors += o.firstTimeVisitors;
    tally.firstTimeBase += o.visitors;
  }
}

function finish({ firstTimeBase, ...tally }: Tally): StatisticsFigures {
  return {
    ...tally,
    averageVisitors: tally.counted > 0 ? tally.visitors / tally.counted : null,
    firstTimeShare: firstTimeBase > 0 ? tally.firstTimeVisitors / firstTimeBase : null,
  };
}

/** The figures of some occurrences: only held ones with a count enter the average. */
export function figuresOf(occurrences: readonly StatisticsOccurrence[]): StatisticsFigures {
  const tally = emptyTally();
  for (const o of occurrences) add(tally, o);
  return finish(tally);
}

function groupBy<K>(occurrences: readonly StatisticsOccurrence[], key: (o: StatisticsOccurrence) => K) {
  const groups = new Map<K, StatisticsOccurrence[]>();
  for (const o of occurrences) {
    const k = key(o);
    const list = groups.get(k);
    if (list) list.push(o);
    else groups.set(k, [o]);
  }
  return groups;
}

/** Per ISO week or month, in order; only the periods with an occurrence. */
export function perPeriod(occurrences: readonly StatisticsOccurrence[], period: 'week' | 'month') {
  const groups = groupBy(occurrences, (o) => (period === 'week' ? isoWeekOf(o.date) : o.date.slice(0, 7)));
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, list]) => ({ period: label, ...figuresOf(list) }));
}

/** Per season, in order; only the seasons with an occurrence (the café's summers have none). */
export function perSeason(occurrences: readonly StatisticsOccurrence[]): ActivityStatistics['seasons'] {
  const groups = groupBy(occurrences, (o) => {
    const { year, season } = seasonOf(o.date);
    return `${year}-${seasons.indexOf(season)}`;
  });
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, list]) => {
      const year = Number(key.slice(0, 4));
      const season = seasons[Number(key.slice(5))];
      return { year, season, ...seasonSpan(year, season), ...figuresOf(list) };
    });
}

/**
 * Per year from the history's first to its last year, every year (an empty one too, so the trend
 * has no gap), with the change from the year before. A year is partial when the history does not
 * cover it whole (the first year, or the current one so far).
 */
export function perYear(
  occurrences: readonly StatisticsOccurrence[],
  history: { from: string | null; to: string },
): ActivityStatistics['years'] {
  if (history.from === null) return [];
  const groups = groupBy(occurrences, (o) => Number(o.date.slice(0, 4)));
  const first = Number(history.from.slice(0, 4));
  const last = Number(history.to.slice(0, 4));
  const years: ActivityStatistics['years'] = [];
  for (let year = first; year <= last; year += 1) {
    const figures = figuresOf(groups.get(year) ?? []);
    const before = years.at(-1);
    years.push({
      year,
      partial: history.from > `${year}-01-01` || history.to < `${year}-12-31`,
      ...figures,
      change: before
        ? {
            held: figures.held - before.held,
            visitors: figures.visitors - before.visitors,
            visitorsShare: before.visitors > 0 ? (figures.visitors - before.visitors) / before.visitors : null,
            averageVisitors:
              figures.averageVisitors !== null && before.averageVisitors !== null
                ? figures.averageVisitors - before.averageVisitors
                : null,
          }
        : null,
    });
  }
  return years;
}

const decimal = (value: number | null, locale: Locale, factor = 1) =>
  value === null
    ? ''
    : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 1, useGrouping: false })
        .format(Math.round(value * factor * 10) / 10)
        .replace('\u2212', '-');

/**
 * The statistics as CSV (semicolons, a BOM for Excel): one line per occurrence, period, season and
 * year, with the same figures as the page. Numbers only: no note, nothing about who came.
 */
export function statisticsCsv(stats: ActivityStatistics, locale: Locale): string {
  const t = (key: string, values: Record<string, string | number> = {}) =>
    translate(locale, `activities.statistics.${key}`, values);
  const records: (string | number)[][] = [
    [
      t('csv.section'),
      t('csv.group'),
      t('csv.activity'),
      t('csv.status'),
      t('csv.held'),
      t('csv.counted'),
      t('csv.uncounted'),
      t('csv.cancelled'),
      t('csv.visitors'),
      t('csv.firstTime'),
      t('csv.average'),
      t('csv.firstTimeShare'),
      t('csv.changeVisitors'),
      t('csv.changeShare'),
      t('csv.changeAverage'),
    ],
  ];
  const figures = (f: StatisticsFigures) => [
    f.held,
    f.counted,
    f.uncounted,
    f.cancelled,
    f.visitors,
    f.firstTimeVisitors,
    decimal(f.averageVisitors, locale),
    decimal(f.firstTimeShare, locale, 100),
  ];
  const section = (key: string) => t(`csv.sections.${key}`);
  records.push([section('total'), `${stats.from} – ${stats.to}`, '', '', ...figures(stats.totals), '', '', '']);
  for (const o of stats.occurrences)
    records.push([
      section('occurrence'),
      o.date,
      o.activityName,
      translate(locale, `activities.statuses.${o.status}`),
      o.held ? 1 : 0,
      o.visitors === null ? 0 : 1,
      o.held && o.visitors === null ? 1 : 0,
      o.status === 'cancelled' ? 1 : 0,
      o.visitors ?? '',
      o.firstTimeVisitors ?? '',
      '',
      '',
      '',
      '',
      '',
    ]);
  for (const row of stats.rows) records.push([section(stats.period), row.period, '', '', ...figures(row), '', '', '']);
  for (const row of stats.seasons)
    records.push([section('season'), t(`seasonName.${row.season}`, { year: row.year }), '', '', ...figures(row), '', '', '']);
  for (const row of stats.years)
    records.push([
      section('year'),
      row.partial ? t('partialYear', { year: row.year }) : String(row.year),
      '',
      '',
      ...figures(row),
      row.change?.visitors ?? '',
      decimal(row.change?.visitorsShare ?? null, locale, 100),
      decimal(row.change?.averageVisitors ?? null, locale),
    ]);
  return `\uFEFF${stringify(records, { delimiter: ';', record_delimiter: '\r\n' })}`;
}
