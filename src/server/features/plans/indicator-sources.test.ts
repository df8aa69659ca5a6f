import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import type { Agent } from '../../../../test/support/agent.js';
import {
  activities,
  activityHeadcounts,
  certificationProcesses,
  certificationSchemes,
  unitCertificates,
} from '../../db/schema/index.js';
import type { IndicatorFollowUp, PlanFollowUp } from '#shared/contracts/plan-follow-up';
import type { Plan } from '#shared/contracts/plans';
import { newCertificateCode } from '../certification/service.js';

const t = useTestApp();
const db = () => t.database.db;

async function planWith(agent: Agent, body: Record<string, unknown>, indicator: Record<string, unknown>) {
  const plan = (
    await agent.post('/api/action-plans', { startYear: 2026, endYear: 2027, area: 'both', name: 'Plan', ...body })
  ).json() as Plan;
  const goal = (await agent.post(`/api/action-plans/${plan.id}/goals`, { title: 'Kunskap' })).json();
  const created = await agent.post(`/api/plan-goals/${goal.id}/indicators`, {
    measure: 'percent',
    direction: 'higher',
    target: 80,
    ...indicator,
  });
  expect(created.statusCode, created.body).toBe(201);
  await agent.post(`/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2026-01-10', adoptedBy: 'Nämnden' });
  return plan;
}

async function indicatorOf(agent: Agent, planId: string): Promise<IndicatorFollowUp> {
  const periods = (await agent.get(`/api/action-plans/${planId}/periods`)).json();
  const delår1 = periods.items.find((p: { year: number; name: string }) => p.year === 2026 && p.name === 'Delår 1');
  const followUp: PlanFollowUp = (await agent.get(`/api/action-plans/${planId}/follow-ups/${delår1.id}`)).json();
  return followUp.goals[0].indicators[0];
}

/** Staff of a unit: this many women and men, of whom this many completed a course before 2 March 2026. */
async function staffed(unitId: string, people: { women: number; men: number; trainedWomen: number; trainedMen: number }) {
  const course = await buildCourse(db());
  const session = await buildSession(db(), { courseId: course.id, parts: [{ date: '2026-02-01' }] });
  for (const [gender, count, trained] of [
    ['woman', people.women, people.trainedWomen],
    ['man', people.men, people.trainedMen],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const employee = await buildEmployee(db(), { unitId, gender });
      if (i < trained)
        await buildEnrolment(db(), session, { employeeId: employee.id, completedOn: '2026-02-01', attendedMinutes: 240 });
    }
  }
}

describe('indicators that take their values from Inkludera', () => {
  it('offers the training coverage of the plan’s unit by gender, withheld where a group is too small', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    await agent.post('/api/plans/periods/defaults', { year: 2026 });
    const unit = await buildUnit(db(), { name: 'Förskolan Kunskap' });
    await staffed(unit.id, { women: 10, men: 12, trainedWomen: 5, trainedMen: 7 });
    // Someone who has left does not count.
    const left = await buildEmployee(db(), { unitId: unit.id, gender: 'woman', endDate: '2026-01-31' });
    expect(left.endDate).toBe('2026-01-31');
    const plan = await planWith(
      agent,
      { scope: 'unit', unitId: unit.id },
      {
        name: 'Andel utbildad personal',
        aboutPeople: true,
        source: 'training_coverage',
      },
    );
    // Delår 1 runs to 30 April; on 2 March its values are today's.
    expect(await indicatorOf(agent, plan.id)).toMatchObject({
      source: 'training_coverage',
      fromData: { women: 50, men: 58.3, total: 54.5, splitWithheld: false, asOf: '2026-03-02' },
    });

    // Three men, and no woman without training: a share by gender would give a count under five away.
    const small = await buildUnit(db(), { name: 'Förskolan Liten' });
    await staffed(small.id, { women: 6, men: 3, trainedWomen: 6, trainedMen: 1 });
    const smallPlan = await planWith(
      agent,
      { scope: 'unit', unitId: small.id },
      {
        name: 'Andel utbildad personal',
        aboutPeople: true,
        source: 'training_coverage',
      },
    );
    expect((await indicatorOf(agent, smallPlan.id)).fromData).toEqual({
      women: null,
      men: null,
      total: 77.8,
      splitWithheld: true,
      asOf: '2026-03-02',
    });

    // A manual indicator has none.
    const manual = await planWith(agent, { scope: 'unit', unitId: unit.id }, { name: 'Nöjdhet', measure: 'number' });
    expect(await indicatorOf(agent, manual.id)).toMatchObject({ source: 'manual', fromData: null });
  });

  it('offers the share of the children’s units with a valid certificate', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    await agent.post('/api/plans/periods/defaults', { year: 2026 });
    const [scheme] = await db()
      .insert(certificationSchemes)
      .values({ name: 'RFSL', issuer: 'RFSL', validityYears: 3 })
      .returning();
    const certify = async (unitId: string, certifiedOn: string, validUntil: string) => {
      const [process] = await db()
        .insert(certificationProcesses)
        .values({ unitId, schemeId: scheme.id, status: 'certified' })
        .returning();
      await db().insert(unitCertificates).values({
        unitId,
        schemeId: scheme.id,
        processId: process.id,
        certifiedOn,
        validUntil,
        code: newCertificateCode(),
        snapshot: [],
      });
    };
    const units = [];
    for (let i = 0; i < 4; i++) units.push(await buildUnit(db(), { worksWithChildren: true }));
    await buildUnit(db(), { worksWithChildren: false });
    await certify(units[0].id, '2025-06-01', '2028-05-31');
    await certify(units[1].id, '2022-06-01', '2025-05-31'); // expired
    await certify(units[2].id, '2026-06-01', '2029-05-31'); // not yet
    const plan = await planWith(
      agent,
      { scope: 'municipality' },
      { name: 'Certifierade verksamheter', source: 'certified_children_units' },
    );
    expect((await indicatorOf(agent, plan.id)).fromData).toEqual({
      women: null,
      men: null,
      total: 25,
      splitWithheld: false,
      asOf: '2026-03-02',
    });
  });

  it('offers the visitors counted at the activities during the period: a headcount, so a total only', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    await agent.post('/api/plans/periods/defaults', { year: 2026 });
    const [cafe] = await db()
      .insert(activities)
      .values({ name: 'MOGAI', place: 'Perrongen', weekday: 3, startTime: '17:00', endTime: '20:00', startsOn: '2025-01-01' })
      .returning();
    const counted = (scheduledDate: string, visitors: number) => ({
      activityId: cafe.id,
      scheduledDate,
      visitors,
      recordedAt: new Date(`${scheduledDate}T20:00:00Z`),
    });
    // December is before the period; 4 March is after the day (2 March): neither counts.
    await db()
      .insert(activityHeadcounts)
      .values([counted('2025-12-17', 30), counted('2026-01-07', 9), counted('2026-02-11', 12), counted('2026-03-04', 40)]);
    const plan = await planWith(
      agent,
      { scope: 'unit', unitId: (await buildUnit(db())).id },
      {
        name: 'Besök på HBTQ-caféet',
        measure: 'number',
        source: 'activity_visits',
      },
    );
    expect((await indicatorOf(agent, plan.id)).fromData).toEqual({
      women: null,
      men: null,
      total: 21,
      splitWithheld: false,
      asOf: '2026-03-02',
    });
  });
});
