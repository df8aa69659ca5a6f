import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { IndicatorSource } from '#shared/contracts/plans';
import type { IndicatorFromData } from '#shared/contracts/plan-follow-up';
import { maskGenderTable, maskedShare } from '../coverage/masking.js';
import { staffAggregate, type ScopeFilter } from '../coverage/repository.js';

/**
 * The values of indicators that take them from data Inkludera has, for the plan's own scope (the
 * municipality, its administration or its unit) on a day:
 * - training_coverage: the share of the staff employed on the day who have completed any training
 *   (coverage's rule), for women, men and in total. The split is withheld, as coverage withholds it,
 *   when a group is so small that the share would give a count under 5 away (DOMAIN.md).
 * - certified_children_units: the share of the active units working with children and youth that
 *   hold a valid certificate on the day (not about people: a total only).
 * - activity_visits: the visitors counted at the municipality's activities (the HBTQ café and the
 *   like) from the period's first day to the day: headcounts, never who came, so a total only.
 *   Activities belong to no unit, so the value is the municipality's whatever the plan's scope.
 * Manual indicators have none.
 */
export async function valuesFromData(
  db: DbOrTx,
  place: { scope: string; administrationId: string | null; unitId: string | null },
  indicators: { id: string; source: string }[],
  period: { from: string; day: string },
): Promise<Map<string, IndicatorFromData>> {
  const { day } = period;
  const values = new Map<string, IndicatorFromData>();
  const scope: ScopeFilter =
    place.scope === 'unit' && place.unitId
      ? { kind: 'unit', unitId: place.unitId }
      : place.scope === 'administration' && place.administrationId
        ? { kind: 'administration', administrationId: place.administrationId }
        : { kind: 'municipality' };
  const wanted = new Set(indicators.map((i) => i.source as IndicatorSource));
  const computed: Partial<Record<IndicatorSource, IndicatorFromData>> = {};
  if (wanted.has('training_coverage')) computed.training_coverage = await trainingCoverage(db, scope, day);
  if (wanted.has('certified_children_units')) computed.certified_children_units = await certifiedChildrenUnits(db, scope, day);
  if (wanted.has('activity_visits')) computed.activity_visits = await activityVisits(db, period.from, day);
  for (const indicator of indicators) {
    const value = computed[indicator.source as IndicatorSource];
    if (value) values.set(indicator.id, value);
  }
  return values;
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

async function trainingCoverage(db: DbOrTx, scope: ScopeFilter, day: string): Promise<IndicatorFromData> {
  const year = Number(day.slice(0, 4));
  const rows = (await staffAggregate(db, scope, { from: year, to: year, today: day })).filter((r) => r.current);
  const count = (gender: string | null, trained: boolean | null) =>
    rows
      .filter((r) => (gender === null || r.gender === gender) && (trained === null || (r.rank !== null) === trained))
      .reduce((n, r) => n + r.n, 0);
  const table = maskGenderTable({
    totals: [count('woman', null), count('man', null)],
    parts: [
      [count('woman', false), count('woman', true)],
      [count('man', false), count('man', true)],
    ],
  });
  const women = percent(maskedShare(table.parts[0]![1]!, table.totals[0]!));
  const men = percent(maskedShare(table.parts[1]![1]!, table.totals[1]!));
  const staff = count(null, null);
  const withheld = women === null || men === null;
  return {
    women: withheld ? null : women,
    men: withheld ? null : men,
    total: staff === 0 ? null : percent(count(null, true) / staff),
    splitWithheld: withheld && staff > 0,
    asOf: day,
  };
}

async function certifiedChildrenUnits(db: DbOrTx, scope: ScopeFilter, day: string): Promise<IndicatorFromData> {
  const where =
    scope.kind === 'unit'
      ? sql`u.id = ${scope.unitId}::uuid`
      : scope.kind === 'administration'
        ? sql`u.administration_id = ${scope.administrationId}::uuid`
        : sql`true`;
  const result = await db.execute<{ units: number; certified: number }>(sql`
    select count(*)::int as units,
           count(*) filter (where exists (
             select 1 from unit_certificates c
              where c.unit_id = u.id and c.revoked_at is null and c.certified_on <= ${day}::date and c.valid_until >= ${day}::date
           ))::int as certified
      from units u
     where u.active and u.works_with_children and ${where}`);
  const { units, certified } = result.rows[0] ?? { units: 0, certified: 0 };
  return {
    women: null,
    men: null,
    total: Number(units) === 0 ? null : percent(Number(certified) / Number(units)),
    splitWithheld: false,
    asOf: day,
  };
}

async function activityVisits(db: DbOrTx, from: string, day: string): Promise<IndicatorFromData> {
  const result = await db.execute<{ visitors: number }>(sql`
    select coalesce(sum(visitors), 0)::int as visitors
      from activity_headcounts
     where scheduled_date >= ${from}::date and scheduled_date <= ${day}::date`);
  return { women: null, men: null, total: Number(result.rows[0]?.visitors ?? 0), splitWithheld: false, asOf: day };
}
