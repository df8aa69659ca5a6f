import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import type { Agent } from '../../../../test/support/agent.js';
import type { FollowUpPeriod } from '#shared/contracts/plan-follow-up';
import type { PlanDashboard } from '#shared/contracts/plan-dashboard';

const t = useTestApp();

type Item = Record<string, unknown>;

async function ok(response: { statusCode: number; body: string; json: () => unknown }, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as Item & { id: string };
}

/** A plan with goals, each with actions and indicators as given, adopted unless told otherwise. */
async function plan(agent: Agent, fields: Item, goals: { title: string; actions?: Item[]; indicators?: Item[] }[], adopt = true) {
  const created = await ok(
    await agent.post('/api/action-plans', { area: 'gender_equality', startYear: 2026, endYear: 2028, ...fields }),
    201,
  );
  const ids: Record<string, string> = {};
  for (const goal of goals) {
    const g = await ok(await agent.post(`/api/action-plans/${created.id}/goals`, { title: goal.title }), 201);
    ids[goal.title] = g.id;
    for (const action of goal.actions ?? []) {
      const a = await ok(await agent.post(`/api/plan-goals/${g.id}/actions`, action), 201);
      ids[action.title as string] = a.id;
    }
    for (const indicator of goal.indicators ?? []) {
      const i = await ok(await agent.post(`/api/plan-goals/${g.id}/indicators`, indicator), 201);
      ids[indicator.name as string] = i.id;
    }
  }
  if (adopt) await ok(await agent.post(`/api/action-plans/${created.id}/adopt`, { adoptedOn: '2026-02-20', adoptedBy: 'KF' }));
  return { id: created.id, ids };
}

/**
 * A municipality of four adopted plans and a draft, on 1 September 2026 (Stockholm):
 * - the municipal plan: goal "Lika lön" with five actions, one of each status (ongoing due 1 May and
 *   postponed due 1 March are overdue; not started is due in October; cancelled is never overdue) and
 *   two indicators (about people, higher, target 40; lower, target 10); goal "Trygg arbetsmiljö";
 * - administration A's plan: an action not started due 1 February (overdue), an indicator with target 0
 *   where lower is better, and one that has met its target;
 * - the plan of unit UA (in A): one action done;
 * - administration B's plan: one action ongoing due 15 January (overdue);
 * - a draft of A, not counted.
 * Delår 1: the municipal goals not met and partly met, A's goal met; the indicators' outcomes. Delår 2
 * (deadline 15 September, near): one indicator's outcome, without the split by gender.
 */
async function municipality() {
  t.clock.set('2026-09-01T08:00:00Z');
  const { agent } = await signIn(t.app, t.database.db, 'administrator');
  const a = await buildAdministration(t.database.db, { name: 'Förvaltning A' });
  const b = await buildAdministration(t.database.db, { name: 'Förvaltning B' });
  const ua = await buildUnit(t.database.db, { administrationId: a.id, name: 'Enhet UA' });
  const anna = await buildUser(t.database.db, { name: 'Anna Ansvarig' });

  const municipal = await plan(agent, { scope: 'municipality', name: 'Kommunens plan' }, [
    {
      title: 'Lika lön',
      actions: [
        { title: 'Klar', status: 'done', dueDate: '2026-04-01' },
        { title: 'Pågår försenad', status: 'ongoing', dueDate: '2026-05-01', responsibleUserId: anna.id },
        { title: 'Ej påbörjad i tid', status: 'not_started', dueDate: '2026-10-01' },
        { title: 'Inställd', status: 'cancelled', dueDate: '2026-01-01' },
      ],
      indicators: [
        { name: 'Chefer utbildade', measure: 'number', direction: 'higher', target: 40, aboutPeople: true },
        { name: 'Löneskillnad', measure: 'percent', direction: 'lower', target: 10 },
      ],
    },
    { title: 'Trygg arbetsmiljö', actions: [{ title: 'Uppskjuten', status: 'postponed', dueDate: '2026-03-01' }] },
  ]);
  const ofA = await plan(agent, { scope: 'administration', administrationId: a.id, name: 'A:s plan' }, [
    {
      title: 'Inga trakasserier',
      actions: [{ title: 'Kartlägg', dueDate: '2026-02-01' }],
      indicators: [
        { name: 'Anmälningar', measure: 'number', direction: 'lower', target: 0 },
        { name: 'Nöjda medarbetare', measure: 'percent', direction: 'higher', target: 50 },
      ],
    },
  ]);
  const ofUnit = await plan(agent, { scope: 'unit', unitId: ua.id, name: 'UA:s plan' }, [
    { title: 'Bemötande', actions: [{ title: 'Utbilda', status: 'done' }] },
  ]);
  const ofB = await plan(agent, { scope: 'administration', administrationId: b.id, name: 'B:s plan' }, [
    { title: 'Representation', actions: [{ title: 'Rekrytera', status: 'ongoing', dueDate: '2026-01-15' }] },
  ]);
  await plan(
    agent,
    { scope: 'administration', administrationId: a.id, name: 'A:s utkast' },
    [{ title: 'Utkast', actions: [{ title: 'Sen', dueDate: '2026-01-02' }] }],
    false,
  );

  const periods: FollowUpPeriod[] = (await ok(await agent.post('/api/plans/periods/defaults', { year: 2026 }), 201))
    .items as never;
  const [first, second] = periods;
  const report = async (planId: string, periodId: string, body: Item) =>
    ok(await agent.put(`/api/action-plans/${planId}/follow-ups/${periodId}`, body));
  await report(municipal.id, first.id, {
    goals: [
      { goalId: municipal.ids['Lika lön'], assessment: 'not_met', analysis: 'Skillnaden består.' },
      { goalId: municipal.ids['Trygg arbetsmiljö'], assessment: 'partly_met' },
    ],
    indicators: [
      { indicatorId: municipal.ids['Chefer utbildade'], women: 12, men: 8, total: 20 },
      { indicatorId: municipal.ids['Löneskillnad'], total: 12 },
    ],
  });
  await report(ofA.id, first.id, {
    goals: [{ goalId: ofA.ids['Inga trakasserier'], assessment: 'met' }],
    indicators: [
      { indicatorId: ofA.ids['Anmälningar'], total: 3 },
      { indicatorId: ofA.ids['Nöjda medarbetare'], total: 60 },
    ],
  });
  await report(municipal.id, second.id, {
    indicators: [{ indicatorId: municipal.ids['Chefer utbildade'], total: 30, missingSplitReason: 'Systemet delar inte upp.' }],
  });
  return { agent, a, b, ua, municipal, ofA, ofUnit, ofB, first, second };
}

async function dashboard(agent: Agent, query = ''): Promise<PlanDashboard> {
  return (await ok(await agent.get(`/api/plans/dashboard${query}`))) as never;
}

describe('the plans dashboard', () => {
  it('shows the administrator every adopted plan of the year, counted by hand', async () => {
    const m = await municipality();
    const d = await dashboard(m.agent);
    expect(d.year).toBe(2026);
    expect(d.today).toBe('2026-09-01');
    // Delår 2 has a report, but no assessment: the last period with assessments is Delår 1.
    expect(d.period).toMatchObject({ id: m.first.id, name: 'Delår 1', year: 2026 });
    expect(d.plans.map((p) => p.name)).toEqual(['Kommunens plan', 'A:s plan', 'B:s plan', 'UA:s plan']);
    expect(d.totals).toEqual({
      plans: 4,
      actions: { not_started: 2, ongoing: 2, done: 2, postponed: 1, cancelled: 1, overdue: 4, total: 8 },
      assessments: { met: 1, partly_met: 1, not_met: 1, unassessed: 2, total: 5 },
    });
    expect(d.plans[0]).toMatchObject({
      id: m.municipal.id,
      scope: 'municipality',
      ownerName: null,
      actions: { not_started: 1, ongoing: 1, done: 1, postponed: 1, cancelled: 1, overdue: 2, total: 5 },
      assessments: { met: 0, partly_met: 1, not_met: 1, unassessed: 0, total: 2 },
    });
    expect(d.plans[3]).toMatchObject({ ownerName: 'Enhet UA', assessments: { unassessed: 1, total: 1 } });
    expect(d.goalsNotMet).toEqual({
      total: 1,
      items: [
        {
          goalId: m.municipal.ids['Lika lön'],
          title: 'Lika lön',
          planId: m.municipal.id,
          planName: 'Kommunens plan',
          analysis: 'Skillnaden består.',
        },
      ],
    });

    // Furthest from target: 3 reports where 0 is the target (the shortfall itself), then (40 - 30) / 40
    // from Delår 2, the latest, then (12 - 10) / 10; the indicator at 60 of 50 has met its target.
    expect(d.indicators.total).toBe(3);
    expect(d.indicators.items.map((i) => [i.name, i.distance, i.period.name, i.total, i.women, i.men, i.splitMissing])).toEqual([
      ['Anmälningar', 3, 'Delår 1', 3, null, null, false],
      ['Chefer utbildade', 0.25, 'Delår 2', 30, null, null, true],
      ['Löneskillnad', 0.2, 'Delår 1', 12, null, null, false],
    ]);
    expect(d.splitMissing).toEqual({
      total: 1,
      items: [
        {
          indicatorId: m.municipal.ids['Chefer utbildade'],
          name: 'Chefer utbildade',
          planId: m.municipal.id,
          planName: 'Kommunens plan',
          period: { name: 'Delår 2', year: 2026 },
        },
      ],
    });

    // Overdue, the longest first; the draft's action is not counted, nor the cancelled one.
    expect(d.overdue.total).toBe(4);
    expect(d.overdue.items.map((a) => [a.title, a.dueDate, a.status, a.responsibleName, a.planName])).toEqual([
      ['Rekrytera', '2026-01-15', 'ongoing', null, 'B:s plan'],
      ['Kartlägg', '2026-02-01', 'not_started', null, 'A:s plan'],
      ['Uppskjuten', '2026-03-01', 'postponed', null, 'Kommunens plan'],
      ['Pågår försenad', '2026-05-01', 'ongoing', 'Anna Ansvarig', 'Kommunens plan'],
    ]);

    // Delår 2's deadline (15 September) is near: of the four plans, one indicator is reported.
    expect(d.deadlines).toEqual([
      {
        id: m.second.id,
        name: 'Delår 2',
        year: 2026,
        endsOn: '2026-08-31',
        deadline: '2026-09-15',
        plans: 4,
        plansIncomplete: 4,
        actions: { reported: 0, total: 8 },
        indicators: { reported: 1, total: 4 },
        goals: { reported: 0, total: 5 },
      },
    ]);
  });

  it("shows a process leader only their administration's plans and its units', and a unit manager their unit's", async () => {
    const m = await municipality();
    const { agent: leader } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: m.a.id }]);
    const d = await dashboard(leader);
    expect(d.plans.map((p) => p.name)).toEqual(['A:s plan', 'UA:s plan']);
    expect(d.period?.name).toBe('Delår 1');
    expect(d.totals).toEqual({
      plans: 2,
      actions: { not_started: 1, ongoing: 0, done: 1, postponed: 0, cancelled: 0, overdue: 1, total: 2 },
      assessments: { met: 1, partly_met: 0, not_met: 0, unassessed: 1, total: 2 },
    });
    expect(d.goalsNotMet).toEqual({ total: 0, items: [] });
    expect(d.indicators.items.map((i) => i.name)).toEqual(['Anmälningar']);
    expect(d.splitMissing.total).toBe(0);
    expect(d.overdue.items.map((a) => a.title)).toEqual(['Kartlägg']);
    expect(d.deadlines[0]).toMatchObject({ plans: 2, actions: { reported: 0, total: 2 }, indicators: { reported: 0, total: 2 } });

    const { agent: manager } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: m.ua.id }]);
    const u = await dashboard(manager);
    expect(u.plans.map((p) => p.name)).toEqual(['UA:s plan']);
    // No goal of the unit's plan is assessed: no period to show.
    expect(u.period).toBeNull();
    expect(u.totals.assessments).toEqual({ met: 0, partly_met: 0, not_met: 0, unassessed: 1, total: 1 });
    expect(u.overdue.total).toBe(0);

    const { agent: elsewhere } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: m.b.id }]);
    expect((await dashboard(elsewhere)).plans.map((p) => p.name)).toEqual(['B:s plan']);
  });

  it('takes the year asked for, refuses a bad one, and is not for those who only read plans', async () => {
    const m = await municipality();
    const before = await dashboard(m.agent, '?year=2025');
    expect(before.plans).toEqual([]);
    expect(before.period).toBeNull();
    expect(before.totals.actions.total).toBe(0);
    expect(before.indicators).toEqual({ total: 0, items: [] });
    // The near deadlines are today's, whatever the year.
    expect(before.deadlines.map((p) => p.name)).toEqual(['Delår 2']);

    for (const year of ['1999', 'abc', '2101'])
      expect((await m.agent.get(`/api/plans/dashboard?year=${year}`)).statusCode).toBe(400);
    for (const role of ['training_coordinator', 'certifier', 'employee'] as const) {
      const { agent } = await signIn(t.app, t.database.db, role);
      expect((await agent.get('/api/plans/dashboard')).statusCode, role).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/plans/dashboard' })).statusCode).toBe(401);
  });

  it("follows an indicator through a plan's versions: the earlier version's report is its latest outcome", async () => {
    const m = await municipality();
    const revised = await ok(await m.agent.post(`/api/action-plans/${m.ofA.id}/revise`, {}), 201);
    await ok(await m.agent.post(`/api/action-plans/${revised.id}/adopt`, { adoptedOn: '2026-08-01', adoptedBy: 'Nämnden' }));
    const d = await dashboard(m.agent);
    expect(d.plans.map((p) => p.id)).toContain(revised.id);
    expect(d.plans.map((p) => p.id)).not.toContain(m.ofA.id);
    const reports = d.indicators.items.find((i) => i.name === 'Anmälningar');
    expect(reports).toMatchObject({ planId: revised.id, total: 3, distance: 3, period: { name: 'Delår 1' } });
  });
});
