import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import type { Agent } from '../../../../test/support/agent.js';
import type { Plan, PlanChanges, PlanGoal } from '#shared/contracts/plans';

const t = useTestApp();
const admin = () => signIn(t.app, t.database.db, 'administrator');

const planBody = (extra: Record<string, unknown> = {}) => ({
  scope: 'municipality',
  area: 'both',
  name: 'Kommunens jämställdhets- och HBTQ-plan',
  startYear: 2026,
  endYear: 2028,
  ...extra,
});

async function createPlan(agent: Agent, extra: Record<string, unknown> = {}): Promise<Plan> {
  const response = await agent.post('/api/action-plans', planBody(extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
async function addGoal(agent: Agent, planId: string, title: string, extra: Record<string, unknown> = {}): Promise<PlanGoal> {
  const response = await agent.post(`/api/action-plans/${planId}/goals`, { title, ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}
async function adopt(agent: Agent, planId: string) {
  const response = await agent.post(`/api/action-plans/${planId}/adopt`, {
    adoptedOn: '2026-02-20',
    adoptedBy: 'Kommunfullmäktige',
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Plan;
}
const get = async (agent: Agent, id: string): Promise<Plan> => (await agent.get(`/api/action-plans/${id}`)).json();

describe('action plans: scopes and roles', () => {
  it("a unit manager writes only their units' plans; reads every plan", async () => {
    const { agent: administrator } = await admin();
    const unit = await buildUnit(t.database.db);
    const other = await buildUnit(t.database.db);
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: unit.id }]);
    const own = await createPlan(agent, { scope: 'unit', unitId: unit.id });
    expect(own).toMatchObject({ scope: 'unit', unitId: unit.id, version: 1, status: 'draft', seriesId: own.id });
    expect(own.can).toMatchObject({ edit: true, adopt: true, delete: true });
    expect((await agent.post('/api/action-plans', planBody({ scope: 'unit', unitId: other.id }))).statusCode).toBe(403);
    expect((await agent.post('/api/action-plans', planBody())).statusCode).toBe(403);
    expect(
      (await agent.post('/api/action-plans', planBody({ scope: 'administration', administrationId: unit.administrationId })))
        .statusCode,
    ).toBe(403);
    const foreign = await createPlan(administrator, { scope: 'unit', unitId: other.id });
    expect((await agent.get(`/api/action-plans/${foreign.id}`)).statusCode).toBe(200);
    expect((await get(agent, foreign.id)).can.edit).toBe(false);
    expect((await agent.patch(`/api/action-plans/${foreign.id}`, { name: 'X' })).statusCode).toBe(403);
    expect((await agent.post(`/api/action-plans/${foreign.id}/goals`, { title: 'X' })).statusCode).toBe(403);
    expect((await agent.delete(`/api/action-plans/${foreign.id}`)).statusCode).toBe(403);
    expect((await agent.patch(`/api/action-plans/${own.id}`, { name: 'Ugglans plan' })).json().name).toBe('Ugglans plan');
  });

  it("a process leader writes their administration's plans and its units'; nobody but an administrator the municipal plan", async () => {
    const { agent: administrator } = await admin();
    const administration = await buildAdministration(t.database.db);
    const unit = await buildUnit(t.database.db, { administrationId: administration.id });
    const elsewhere = await buildUnit(t.database.db);
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: administration.id }]);
    await createPlan(agent, { scope: 'administration', administrationId: administration.id });
    await createPlan(agent, { scope: 'unit', unitId: unit.id });
    expect((await agent.post('/api/action-plans', planBody({ scope: 'unit', unitId: elsewhere.id }))).statusCode).toBe(403);
    expect((await agent.post('/api/action-plans', planBody())).statusCode).toBe(403);
    const municipal = await createPlan(administrator);
    expect((await agent.patch(`/api/action-plans/${municipal.id}`, { name: 'X' })).statusCode).toBe(403);
    for (const role of ['training_coordinator', 'certifier'] as const) {
      const { agent: reader } = await signIn(t.app, t.database.db, role);
      expect((await reader.get(`/api/action-plans/${municipal.id}`)).statusCode).toBe(200);
      expect((await reader.get('/api/action-plans')).statusCode).toBe(200);
      expect((await reader.patch(`/api/action-plans/${municipal.id}`, { name: 'X' })).statusCode).toBe(403);
    }
  });

  it('unknown scope ids are 400 with details; unknown plan ids 404', async () => {
    const { agent } = await admin();
    const unknown = crypto.randomUUID();
    const a = await agent.post('/api/action-plans', planBody({ scope: 'unit', unitId: unknown }));
    expect(a.statusCode).toBe(400);
    expect(a.json().error.details[0].path).toBe('body.unitId');
    const b = await agent.post('/api/action-plans', planBody({ scope: 'administration', administrationId: unknown }));
    expect(b.statusCode).toBe(400);
    expect(b.json().error.details[0].path).toBe('body.administrationId');
    expect((await agent.post('/api/action-plans', planBody({ scope: 'unit' }))).statusCode).toBe(400);
    expect((await agent.post('/api/action-plans', planBody({ endYear: 2020 }))).statusCode).toBe(400);
    expect((await agent.get(`/api/action-plans/${unknown}`)).statusCode).toBe(404);
    expect((await agent.patch(`/api/plan-goals/${unknown}`, { title: 'x' })).statusCode).toBe(404);
    expect((await agent.patch(`/api/plan-actions/${unknown}`, { title: 'x' })).statusCode).toBe(404);
    expect((await agent.delete(`/api/plan-indicators/${unknown}`)).statusCode).toBe(404);
  });
});

describe('action plans: versions', () => {
  it('adopting locks; revising copies with lineage; adopting v2 replaces v1; changes lists what changed', async () => {
    const { agent } = await admin();
    const v1 = await createPlan(agent);
    const goal = await addGoal(agent, v1.id, 'Lika villkor');
    const kept = await addGoal(agent, v1.id, 'Trygg arbetsplats');
    const action = (
      await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Lönekartläggning', dueDate: '2026-06-30' })
    ).json();
    await agent.post(`/api/plan-goals/${kept.id}/indicators`, {
      name: 'Andel trygga',
      measure: 'percent',
      direction: 'higher',
      target: 90,
    });
    const future = await agent.post(`/api/action-plans/${v1.id}/adopt`, { adoptedOn: '2026-03-03', adoptedBy: 'KF' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details[0].path).toBe('body.adoptedOn');
    expect((await agent.post(`/api/action-plans/${v1.id}/revise`, {})).json().error.code).toBe('plan_not_adopted');
    const adopted = await adopt(agent, v1.id);
    expect(adopted).toMatchObject({ status: 'adopted', adoptedOn: '2026-02-20', adoptedBy: 'Kommunfullmäktige' });
    expect(adopted.can).toMatchObject({ edit: false, revise: true, end: true, delete: false, updateProgress: true });
    expect((await agent.patch(`/api/action-plans/${v1.id}`, { name: 'X' })).json().error.code).toBe('plan_locked');
    expect((await agent.post(`/api/action-plans/${v1.id}/goals`, { title: 'X' })).json().error.code).toBe('plan_locked');
    expect((await agent.patch(`/api/plan-goals/${goal.id}`, { title: 'X' })).statusCode).toBe(409);
    expect((await agent.delete(`/api/action-plans/${v1.id}`)).statusCode).toBe(409);
    // Progress on the adopted plan: the status only.
    const progress = await agent.patch(`/api/plan-actions/${action.id}`, { status: 'ongoing' });
    expect(progress.statusCode, progress.body).toBe(200);
    expect(progress.json().status).toBe('ongoing');
    expect((await agent.patch(`/api/plan-actions/${action.id}`, { title: 'Annat' })).json().error.code).toBe('plan_locked');
    expect((await auditEntriesFor(t.database.db, 'plan_action', action.id)).map((e) => e.action)).toEqual(['create', 'update']);

    const revised = await agent.post(`/api/action-plans/${v1.id}/revise`, { changeNote: 'Nytt mål' });
    expect(revised.statusCode, revised.body).toBe(201);
    const v2: Plan = revised.json();
    expect(v2).toMatchObject({ version: 2, status: 'draft', seriesId: v1.id, changeNote: 'Nytt mål' });
    expect(v2.goals.map((g) => g.title)).toEqual(['Lika villkor', 'Trygg arbetsplats']);
    expect(v2.goals[0].id).not.toBe(goal.id);
    expect(v2.goals[0].actions[0]).toMatchObject({ title: 'Lönekartläggning', status: 'ongoing' });
    expect(v2.versions.map((v) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'adopted'],
    ]);
    expect((await agent.post(`/api/action-plans/${v1.id}/revise`, {})).json().error.code).toBe('plan_draft_exists');
    expect((await get(agent, v1.id)).can.revise).toBe(false);

    // Change v2: rename one goal, remove the indicator's goal, add a goal, change the action's due date.
    await agent.patch(`/api/plan-goals/${v2.goals[0].id}`, { title: 'Lika villkor och löner' });
    await agent.patch(`/api/plan-actions/${v2.goals[0].actions[0].id}`, { dueDate: '2026-09-30' });
    expect((await agent.delete(`/api/plan-goals/${v2.goals[1].id}`)).statusCode).toBe(204);
    await addGoal(agent, v2.id, 'Inkluderande bemötande');
    const changes: PlanChanges = (await agent.get(`/api/action-plans/${v2.id}/changes`)).json();
    expect(changes).toMatchObject({ previousPlanId: v1.id, previousVersion: 1 });
    expect(changes.items).toEqual(
      expect.arrayContaining([
        { kind: 'goal', change: 'changed', label: 'Lika villkor och löner', fields: ['title'] },
        { kind: 'goal', change: 'removed', label: 'Trygg arbetsplats', fields: [] },
        { kind: 'goal', change: 'added', label: 'Inkluderande bemötande', fields: [] },
        { kind: 'action', change: 'changed', label: 'Lönekartläggning', fields: ['dueDate'] },
        { kind: 'indicator', change: 'removed', label: 'Andel trygga', fields: [] },
      ]),
    );
    expect(changes.items).toHaveLength(5);

    await adopt(agent, v2.id);
    const old = await get(agent, v1.id);
    expect(old.status).toBe('replaced');
    expect(old.goals.map((g) => g.title)).toEqual(['Lika villkor', 'Trygg arbetsplats']);
    expect((await agent.patch(`/api/plan-actions/${action.id}`, { status: 'done' })).json().error.code).toBe('plan_locked');
    const list = (await agent.get('/api/action-plans')).json();
    expect(list.items.filter((p: Plan) => p.seriesId === v1.id).map((p: Plan) => p.version)).toEqual([2]);
    const all = (await agent.get('/api/action-plans?versions=all')).json();
    expect(all.items.filter((p: Plan) => p.seriesId === v1.id)).toHaveLength(2);
    const ended = await agent.post(`/api/action-plans/${v2.id}/end`, {});
    expect(ended.json().status).toBe('ended');
    expect((await auditEntriesFor(t.database.db, 'action_plan', v1.id)).map((e) => e.action)).toEqual([
      'create',
      'adopt',
      'replace',
    ]);
  });

  it('copy starts a new series with new lineages and actions not started', async () => {
    const { agent } = await admin();
    const plan = await createPlan(agent);
    const goal = await addGoal(agent, plan.id, 'Mål');
    await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Åtgärd', status: 'done' });
    const copy = await agent.post(`/api/action-plans/${plan.id}/copy`, { name: 'Nästa plan', startYear: 2029, endYear: 2031 });
    expect(copy.statusCode, copy.body).toBe(201);
    const next: Plan = copy.json();
    expect(next).toMatchObject({ version: 1, status: 'draft', seriesId: next.id, name: 'Nästa plan', scope: 'municipality' });
    expect(next.goals[0].actions[0].status).toBe('not_started');
    expect((await agent.get(`/api/action-plans/${next.id}/changes`)).json().items).toEqual([]);
  });
});

describe('action plans: goals, actions, indicators', () => {
  it('keeps positions 1..n: inserting shifts, moving and deleting close the gaps', async () => {
    const { agent } = await admin();
    const plan = await createPlan(agent);
    const a = await addGoal(agent, plan.id, 'A');
    const b = await addGoal(agent, plan.id, 'B');
    const c = await addGoal(agent, plan.id, 'C', { position: 1 });
    const order = async () => (await get(agent, plan.id)).goals.map((g) => `${g.position}${g.title}`);
    expect(await order()).toEqual(['1C', '2A', '3B']);
    await agent.patch(`/api/plan-goals/${c.id}`, { position: 3 });
    expect(await order()).toEqual(['1A', '2B', '3C']);
    await agent.patch(`/api/plan-goals/${c.id}`, { position: 99 });
    expect(await order()).toEqual(['1A', '2B', '3C']);
    await agent.delete(`/api/plan-goals/${a.id}`);
    expect(await order()).toEqual(['1B', '2C']);
    expect(b.position).toBe(2);
  });

  it('serves only goals of adopted municipal plans of another series; lists them', async () => {
    const { agent } = await admin();
    const municipal = await createPlan(agent);
    const goal = await addGoal(agent, municipal.id, 'Kommunmål');
    const unit = await buildUnit(t.database.db);
    const unitPlan = await createPlan(agent, { scope: 'unit', unitId: unit.id });
    const draftServed = await agent.post(`/api/action-plans/${unitPlan.id}/goals`, { title: 'X', servesGoalId: goal.id });
    expect(draftServed.statusCode).toBe(400);
    expect(draftServed.json().error.details[0].path).toBe('body.servesGoalId');
    await adopt(agent, municipal.id);
    const served = await addGoal(agent, unitPlan.id, 'Enhetsmål', { servesGoalId: goal.id });
    expect(served.servesGoalName).toBe(`Kommunmål (${municipal.name})`);
    const revision: Plan = (await agent.post(`/api/action-plans/${municipal.id}/revise`, {})).json();
    expect((await agent.post(`/api/action-plans/${revision.id}/goals`, { title: 'X', servesGoalId: goal.id })).statusCode).toBe(
      400,
    );
    const options = (await agent.get('/api/plan-goals/municipal')).json();
    expect(options.items).toEqual([{ id: goal.id, title: 'Kommunmål', planId: municipal.id, planName: municipal.name }]);
  });

  it('actions: responsible must be an active user; overdue is due before today and not done', async () => {
    const { agent } = await admin();
    const plan = await createPlan(agent);
    const goal = await addGoal(agent, plan.id, 'Mål');
    const inactive = await buildUser(t.database.db, { active: false });
    const bad = await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'X', responsibleUserId: inactive.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.responsibleUserId');
    const person = await buildUser(t.database.db, { name: 'Eva Ansvarig' });
    const late = (
      await agent.post(`/api/plan-goals/${goal.id}/actions`, {
        title: 'Sen',
        dueDate: '2026-03-01',
        responsibleUserId: person.id,
      })
    ).json();
    expect(late).toMatchObject({ overdue: true, responsibleName: 'Eva Ansvarig' });
    const today = (await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Idag', dueDate: '2026-03-02' })).json();
    expect(today.overdue).toBe(false);
    const done = (
      await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Klar', dueDate: '2026-01-01', status: 'done' })
    ).json();
    expect(done.overdue).toBe(false);
    const dates = await agent.patch(`/api/plan-actions/${late.id}`, { startDate: '2026-04-01' });
    expect(dates.statusCode).toBe(400);
    const summary = (await agent.get('/api/action-plans')).json().items.find((p: Plan) => p.id === plan.id);
    expect(summary).toMatchObject({ goalCount: 1, actionCount: 3, actionsDone: 1, actionsOverdue: 1 });
    const indicator = await agent.post(`/api/plan-goals/${goal.id}/indicators`, {
      name: 'Andel',
      measure: 'percent',
      direction: 'higher',
      target: 12.5,
    });
    expect(indicator.statusCode).toBe(201);
    expect((await agent.patch(`/api/plan-indicators/${indicator.json().id}`, { target: 15 })).json().target).toBe(15);
    expect((await agent.delete(`/api/plan-actions/${late.id}`)).statusCode).toBe(204);
    expect((await agent.delete(`/api/plan-indicators/${indicator.json().id}`)).statusCode).toBe(204);
    expect((await agent.delete(`/api/action-plans/${plan.id}`)).statusCode).toBe(204);
    expect((await agent.get(`/api/action-plans/${plan.id}`)).statusCode).toBe(404);
  });
});
