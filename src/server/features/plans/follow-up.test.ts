import { asc } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import type { Agent } from '../../../../test/support/agent.js';
import type { FollowUpPeriod, PeriodStatus, PlanFollowUp } from '#shared/contracts/plan-follow-up';
import type { Plan } from '#shared/contracts/plans';
import { sendFollowUpReminders } from './follow-up-reminders.js';

const t = useTestApp({ config: { publicUrl: 'https://inkludera.example.se' } });
const admin = () => signIn(t.app, t.database.db, 'administrator');

async function defaults(agent: Agent, year = 2026): Promise<FollowUpPeriod[]> {
  const response = await agent.post('/api/plans/periods/defaults', { year });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().items;
}

/** An adopted plan with one goal, an action (with the responsible person given), an indicator about people and one not. */
async function adoptedPlan(agent: Agent, extra: Record<string, unknown> = {}, responsibleUserId: string | null = null) {
  const created = await agent.post('/api/action-plans', {
    scope: 'municipality',
    area: 'gender_equality',
    name: 'Jämställdhetsplan',
    startYear: 2026,
    endYear: 2028,
    ...extra,
  });
  expect(created.statusCode, created.body).toBe(201);
  const plan: Plan = created.json();
  const goal = (await agent.post(`/api/action-plans/${plan.id}/goals`, { title: 'Lika villkor' })).json();
  const action = (
    await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Lönekartläggning', responsibleUserId })
  ).json();
  const other = (await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Utbilda chefer' })).json();
  const people = (
    await agent.post(`/api/plan-goals/${goal.id}/indicators`, {
      name: 'Chefer som gått utbildningen',
      measure: 'number',
      direction: 'higher',
      target: 40,
      aboutPeople: true,
    })
  ).json();
  const share = (
    await agent.post(`/api/plan-goals/${goal.id}/indicators`, {
      name: 'Andel verksamheter med plan',
      measure: 'percent',
      direction: 'higher',
      target: 100,
    })
  ).json();
  const adopted = await agent.post(`/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2026-02-20', adoptedBy: 'KF' });
  expect(adopted.statusCode, adopted.body).toBe(200);
  return { plan, goal, action, other, people, share };
}

describe('follow-up periods', () => {
  it('the administrator adds the usual periods once, lists them by year, changes and deletes them', async () => {
    const { agent } = await admin();
    const created = await defaults(agent);
    expect(created.map((p) => [p.name, p.startsOn, p.endsOn, p.deadline])).toEqual([
      ['Delår 1', '2026-01-01', '2026-04-30', '2026-05-15'],
      ['Delår 2', '2026-01-01', '2026-08-31', '2026-09-15'],
      ['Helår', '2026-01-01', '2026-12-31', '2027-01-31'],
    ]);
    expect((await agent.post('/api/plans/periods/defaults', { year: 2026 })).json().error.code).toBe('periods_exist');
    expect((await agent.get('/api/plans/periods?year=2026')).json().items).toHaveLength(3);
    expect((await agent.get('/api/plans/periods?year=2027')).json().items).toEqual([]);

    const extra = await agent.post('/api/plans/periods', {
      year: 2027,
      name: 'Tertial 1',
      startsOn: '2027-01-01',
      endsOn: '2027-04-30',
      deadline: '2027-05-20',
      reminderDaysBefore: 7,
    });
    expect(extra.statusCode, extra.body).toBe(201);
    const taken = await agent.post('/api/plans/periods', {
      year: 2026,
      name: 'delår 1',
      startsOn: '2026-01-01',
      endsOn: '2026-04-30',
      deadline: '2026-05-20',
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'name_taken', details: [{ path: 'body.name' }] });
    const outside = await agent.post('/api/plans/periods', {
      year: 2026,
      name: 'Fel år',
      startsOn: '2025-01-01',
      endsOn: '2026-04-30',
      deadline: '2026-05-20',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details[0]).toMatchObject({ path: 'body.startsOn', message: expect.any(String) });
    expect(
      (
        await agent.post('/api/plans/periods', {
          year: 2026,
          name: 'X',
          startsOn: '2026-05-01',
          endsOn: '2026-04-30',
          deadline: '2026-05-01',
        })
      ).statusCode,
    ).toBe(400);

    const changed = await agent.patch(`/api/plans/periods/${created[0].id}`, { deadline: '2026-05-20', reminderDaysBefore: 10 });
    expect(changed.json()).toMatchObject({ deadline: '2026-05-20', reminderDaysBefore: 10 });
    expect((await agent.patch(`/api/plans/periods/${created[0].id}`, { endsOn: '2027-01-10' })).statusCode).toBe(400);
    expect((await agent.patch(`/api/plans/periods/${created[0].id}`, { name: 'Helår' })).statusCode).toBe(409);
    expect((await agent.delete(`/api/plans/periods/${created[1].id}`)).statusCode).toBe(204);
    expect((await agent.delete(`/api/plans/periods/${created[1].id}`)).statusCode).toBe(404);
    expect((await agent.patch(`/api/plans/periods/${crypto.randomUUID()}`, { name: 'X' })).statusCode).toBe(404);
    const audit = await auditEntriesFor(t.database.db, 'follow_up_period', created[0].id);
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('only administrators write periods; everyone who reads plans lists them', async () => {
    const { agent: administrator } = await admin();
    const [period] = await defaults(administrator);
    const administration = await buildAdministration(t.database.db);
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: administration.id }]);
    expect((await agent.get('/api/plans/periods?year=2026')).statusCode).toBe(200);
    expect((await agent.post('/api/plans/periods/defaults', { year: 2030 })).statusCode).toBe(403);
    expect((await agent.patch(`/api/plans/periods/${period.id}`, { name: 'X' })).statusCode).toBe(403);
    expect((await agent.delete(`/api/plans/periods/${period.id}`)).statusCode).toBe(403);
    const { agent: employee } = await signIn(t.app, t.database.db, 'employee');
    expect((await employee.get('/api/plans/periods?year=2026')).statusCode).toBe(403);
    expect((await administrator.get('/api/plans/periods?year=abc')).statusCode).toBe(400);
    expect((await administrator.post('/api/plans/periods/defaults', { year: 1900 })).statusCode).toBe(400);
  });
});

describe('reporting a plan for a period', () => {
  it('the responsible person reports their action; the owner reports indicators and goals; the split by gender needs a reason when missing', async () => {
    const { agent } = await admin();
    const [period, later] = await defaults(agent);
    const { user: anna, agent: annaAgent } = await signIn(t.app, t.database.db, 'employee', { name: 'Anna Ansvarig' });
    const { plan, goal, action, other, people, share } = await adoptedPlan(agent, {}, anna.id);
    const url = `/api/action-plans/${plan.id}/follow-ups/${period.id}`;

    const seen = await annaAgent.get(url);
    expect(seen.statusCode, seen.body).toBe(200);
    const view: PlanFollowUp = seen.json();
    expect(view.open).toBe(true);
    expect(view.goals[0].canReport).toBe(false);
    expect(view.goals[0].actions.map((a) => [a.title, a.canReport])).toEqual([
      ['Lönekartläggning', true],
      ['Utbilda chefer', false],
    ]);
    expect(view.periods.map((p) => p.name)).toEqual(['Delår 1', 'Delår 2', 'Helår']);

    const reported = await annaAgent.put(url, {
      actions: [{ actionId: action.id, status: 'ongoing', comment: 'Påbörjad i mars' }],
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const after: PlanFollowUp = reported.json();
    expect(after.goals[0].actions[0].report).toMatchObject({
      status: 'ongoing',
      comment: 'Påbörjad i mars',
      reportedByName: 'Anna Ansvarig',
    });
    expect(after.goals[0].actions[0].currentStatus).toBe('ongoing');
    expect(after.actions).toEqual({ reported: 1, total: 2 });
    expect((await annaAgent.put(url, { actions: [{ actionId: other.id, status: 'done' }] })).statusCode).toBe(403);
    expect((await annaAgent.put(url, { goals: [{ goalId: goal.id, assessment: 'met' }] })).statusCode).toBe(403);

    // An indicator about people without women and men needs a reason; with one, it is flagged.
    const noReason = await agent.put(url, { indicators: [{ indicatorId: people.id, total: 12 }] });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details).toEqual([
      { path: 'body.indicators.0.missingSplitReason', message: expect.any(String) },
    ]);
    const noTotal = await agent.put(url, { indicators: [{ indicatorId: share.id }] });
    expect(noTotal.json().error.details[0].path).toBe('body.indicators.0.total');
    const flagged = await agent.put(url, {
      indicators: [
        { indicatorId: people.id, total: 12, missingSplitReason: 'Utbildningsregistret saknar kön' },
        { indicatorId: share.id, total: 64.5, women: 3 },
      ],
      goals: [{ goalId: goal.id, assessment: 'partly_met', analysis: 'Arbetet har kommit igång.' }],
      actions: [{ actionId: other.id, status: 'postponed', comment: 'Flyttas till hösten' }],
    });
    expect(flagged.statusCode, flagged.body).toBe(200);
    const full: PlanFollowUp = flagged.json();
    expect(full.goals[0].indicators[0].report).toMatchObject({ total: 12, women: null, splitMissing: true });
    expect(full.goals[0].indicators[1].report).toMatchObject({ total: 64.5, women: null, men: null, splitMissing: false });
    expect(full.goals[0].report).toMatchObject({ assessment: 'partly_met', analysis: 'Arbetet har kommit igång.' });
    expect(full.splitMissing).toBe(1);
    const split = await agent.put(url, {
      indicators: [
        { indicatorId: people.id, women: 7, men: 5, total: 12, missingSplitReason: 'ignored once the split is there' },
      ],
    });
    expect(split.json().goals[0].indicators[0].report).toMatchObject({
      women: 7,
      men: 5,
      missingSplitReason: null,
      splitMissing: false,
    });

    // A later period's report sets the action's status; an earlier one does not undo it.
    await agent.put(`/api/action-plans/${plan.id}/follow-ups/${later.id}`, {
      actions: [{ actionId: action.id, status: 'done' }],
    });
    await annaAgent.put(url, { actions: [{ actionId: action.id, status: 'ongoing', comment: 'Rättad kommentar' }] });
    const plain: Plan = (await agent.get(`/api/action-plans/${plan.id}`)).json();
    expect(plain.goals[0].actions[0].status).toBe('done');

    const audit = await auditEntriesFor(t.database.db, 'plan_indicator_report');
    expect(audit.map((a) => a.action)).toEqual(['create', 'create', 'update']);
    expect(audit[2]).toMatchObject({ before: { women: null, men: null }, after: { women: 7, men: 5 } });
    expect((await auditEntriesFor(t.database.db, 'plan_action_report')).map((a) => a.action)).toEqual([
      'create',
      'create',
      'create',
      'update',
    ]);
  });

  it('refuses unknown and repeated items, drafts and periods outside the plan, writing nothing', async () => {
    const { agent } = await admin();
    const periods = await defaults(agent);
    const outside = (await defaults(agent, 2031))[0];
    const { plan, action, goal } = await adoptedPlan(agent);
    const url = `/api/action-plans/${plan.id}/follow-ups/${periods[0].id}`;
    const unknown = await agent.put(url, {
      actions: [
        { actionId: action.id, status: 'done' },
        { actionId: crypto.randomUUID(), status: 'done' },
      ],
      goals: [
        { goalId: goal.id, assessment: 'met' },
        { goalId: goal.id, assessment: 'not_met' },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.map((d: { path: string }) => d.path)).toEqual(['body.actions.1', 'body.goals.1']);
    expect((await agent.get(url)).json().actions.reported).toBe(0);
    expect((await agent.put(url, { actions: [{ actionId: action.id, status: 'finished' }] })).statusCode).toBe(400);
    expect((await agent.put(url, { goals: 'all' })).statusCode).toBe(400);
    expect((await agent.put(url, { indicators: [{ indicatorId: 'x', total: 'many' }] })).statusCode).toBe(400);
    expect((await agent.put(`/api/action-plans/${plan.id}/follow-ups/${outside.id}`, {})).json().error.code).toBe(
      'period_outside_plan',
    );
    expect((await agent.get(`/api/action-plans/${plan.id}/follow-ups/${outside.id}`)).json().open).toBe(false);
    expect((await agent.put(`/api/action-plans/${plan.id}/follow-ups/${crypto.randomUUID()}`, {})).statusCode).toBe(404);
    expect((await agent.put(`/api/action-plans/${crypto.randomUUID()}/follow-ups/${periods[0].id}`, {})).statusCode).toBe(404);
    const draft = (
      await agent.post('/api/action-plans', {
        scope: 'municipality',
        area: 'hbtq',
        name: 'Utkast',
        startYear: 2026,
        endYear: 2026,
      })
    ).json();
    expect((await agent.put(`/api/action-plans/${draft.id}/follow-ups/${periods[0].id}`, {})).json().error.code).toBe(
      'plan_not_adopted',
    );
    // A period with reports stays.
    await agent.put(url, { actions: [{ actionId: action.id, status: 'done' }] });
    expect((await agent.delete(`/api/plans/periods/${periods[0].id}`)).json().error.code).toBe('period_has_reports');
  });

  it("a unit manager reports their unit's plan, not another's; someone with no part in a plan does not see its follow-up", async () => {
    const { agent: administrator } = await admin();
    const [period] = await defaults(administrator);
    const unit = await buildUnit(t.database.db);
    const other = await buildUnit(t.database.db);
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: unit.id }]);
    const own = await adoptedPlan(administrator, { scope: 'unit', unitId: unit.id });
    const foreign = await adoptedPlan(administrator, { scope: 'unit', unitId: other.id });
    const body = (p: typeof own) => ({ goals: [{ goalId: p.goal.id, assessment: 'met' }] });
    expect((await agent.put(`/api/action-plans/${own.plan.id}/follow-ups/${period.id}`, body(own))).statusCode).toBe(200);
    expect((await agent.put(`/api/action-plans/${foreign.plan.id}/follow-ups/${period.id}`, body(foreign))).statusCode).toBe(403);
    const { agent: outsider } = await signIn(t.app, t.database.db, 'employee');
    expect((await outsider.get(`/api/action-plans/${own.plan.id}/follow-ups/${period.id}`)).statusCode).toBe(403);
    expect((await outsider.get(`/api/action-plans/${own.plan.id}/periods`)).statusCode).toBe(403);
    expect((await agent.get(`/api/action-plans/${own.plan.id}/periods`)).json().items).toHaveLength(3);
  });
});

describe('who has and has not reported', () => {
  it('the administrator sees every plan of the year, a process leader those of their administration', async () => {
    const { agent: administrator } = await admin();
    const [period] = await defaults(administrator);
    const administration = await buildAdministration(t.database.db);
    const unit = await buildUnit(t.database.db, { administrationId: administration.id });
    const anna = await buildUser(t.database.db, { name: 'Anna Ansvarig' });
    const municipal = await adoptedPlan(administrator, {}, anna.id);
    const unitPlan = await adoptedPlan(administrator, { scope: 'unit', unitId: unit.id, name: 'Enhetens plan' }, anna.id);
    await adoptedPlan(administrator, { name: 'Senare plan', startYear: 2027, endYear: 2028 });
    await administrator.put(`/api/action-plans/${unitPlan.plan.id}/follow-ups/${period.id}`, {
      actions: [
        { actionId: unitPlan.action.id, status: 'done' },
        { actionId: unitPlan.other.id, status: 'done' },
      ],
      indicators: [
        { indicatorId: unitPlan.people.id, total: 3, missingSplitReason: 'För få för att dela upp' },
        { indicatorId: unitPlan.share.id, total: 50 },
      ],
      goals: [{ goalId: unitPlan.goal.id, assessment: 'met' }],
    });
    const status: PeriodStatus = (await administrator.get(`/api/plans/periods/${period.id}/status`)).json();
    expect(status.plans.map((p) => [p.name, p.actions, p.complete, p.splitMissing])).toEqual([
      [municipal.plan.name, { reported: 0, total: 2 }, false, 0],
      ['Enhetens plan', { reported: 2, total: 2 }, true, 1],
    ]);
    expect(status.people).toEqual([{ userId: anna.id, name: 'Anna Ansvarig', actions: { reported: 1, total: 2 } }]);

    const { agent: leader } = await signIn(t.app, t.database.db, [
      { role: 'process_leader', administrationId: administration.id },
    ]);
    const theirs: PeriodStatus = (await leader.get(`/api/plans/periods/${period.id}/status`)).json();
    expect(theirs.plans.map((p) => p.name)).toEqual(['Enhetens plan']);
    const { agent: coordinator } = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await coordinator.get(`/api/plans/periods/${period.id}/status`)).statusCode).toBe(403);
    expect((await administrator.get(`/api/plans/periods/${crypto.randomUUID()}/status`)).statusCode).toBe(404);
  });
});

describe('reminders before the deadline', () => {
  it('mails those with something left to report, from the reminder day to the deadline, once per period and person', async () => {
    const db = t.database.db;
    const { agent: administrator, user: adminUser } = await admin();
    const [period] = await defaults(administrator); // deadline 2026-05-15, 14 days before: from 2026-05-01
    const unit = await buildUnit(db);
    const manager = await buildUser(db, { email: 'chef@example.se', roles: [{ role: 'unit_manager', unitId: unit.id }] });
    const anna = await buildUser(db, { email: 'anna@example.se' });
    const bo = await buildUser(db, { email: 'bo@example.se' });
    const unitPlan = await adoptedPlan(administrator, { scope: 'unit', unitId: unit.id, name: 'Enhetens plan' }, anna.id);
    const done = await adoptedPlan(administrator, { scope: 'unit', unitId: unit.id, name: 'Klar plan' }, bo.id);
    await administrator.put(`/api/action-plans/${done.plan.id}/follow-ups/${period.id}`, {
      actions: [{ actionId: done.action.id, status: 'done' }],
    });
    const run = () => sendFollowUpReminders(t.app.appContext);
    const mail = () => db.select().from(outbox).orderBy(asc(outbox.toAddress));

    t.clock.set('2026-04-30T08:00:00Z');
    expect((await run()).reminded).toBe(0);
    t.clock.set('2026-05-01T05:00:00Z');
    expect((await run()).reminded).toBe(2);
    const sent = await mail();
    // Anna for her action; the unit's manager for the plans' indicators, goals and the actions nobody is responsible for.
    // Bo reported his only action; the administrator owns no unit plan.
    expect(sent.map((m) => m.toAddress)).toEqual(['anna@example.se', 'chef@example.se']);
    expect(sent[0].subject).toContain('Delår 1');
    expect(sent[0].body).toContain('15 maj 2026');
    expect(sent[0].body).toContain('Enhetens plan: 1 kvar');
    expect(sent[0].body).toContain(`https://inkludera.example.se/plans/${unitPlan.plan.id}/follow-up?period=${period.id}`);
    expect(sent[1].body).toContain('Enhetens plan: 4 kvar');
    expect(sent[1].body).toContain('Klar plan: 4 kvar');
    expect(sent.map((m) => m.toAddress)).not.toContain(adminUser.email);
    expect(manager.email).toBe('chef@example.se');

    t.clock.set('2026-05-03T08:00:00Z');
    expect((await run()).reminded).toBe(0);
    t.clock.set('2026-05-16T08:00:00Z');
    expect((await run()).reminded).toBe(0);
  });
});
