import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, buildUnit, signIn } from '../../../../test/support/factories.js';
import type { Agent } from '../../../../test/support/agent.js';
import { pdfText } from '../../../../test/support/pdf.js';
import { zipEntry } from '../../../../test/support/zip.js';
import { translate } from '../../http/i18n.js';
import type { Plan } from '#shared/contracts/plans';
import type { FollowUpPeriod } from '#shared/contracts/plan-follow-up';
import type { PlanReport } from '#shared/contracts/plan-report';

const t = useTestApp();
const db = () => t.database.db;
const message = (code: string) => translate('sv', `errors.${code}`);

async function ok<T>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

async function adoptedPlan(
  agent: Agent,
  body: Record<string, unknown>,
  goals: { title: string; actions?: string[]; indicators?: Record<string, unknown>[] }[],
) {
  const plan = await ok<Plan>(agent.post('/api/action-plans', { startYear: 2024, endYear: 2027, ...body }), 201);
  for (const goal of goals) {
    const created = await ok<{ id: string }>(agent.post(`/api/action-plans/${plan.id}/goals`, { title: goal.title }), 201);
    for (const title of goal.actions ?? []) await ok(agent.post(`/api/plan-goals/${created.id}/actions`, { title }), 201);
    for (const indicator of goal.indicators ?? [])
      await ok(agent.post(`/api/plan-goals/${created.id}/indicators`, indicator), 201);
  }
  await ok(agent.post(`/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2023-12-11', adoptedBy: 'Kommunfullmäktige' }));
  return ok<Plan>(agent.get(`/api/action-plans/${plan.id}`));
}

async function periodsOf(agent: Agent, year: number) {
  await ok(agent.post('/api/plans/periods/defaults', { year }), 201);
  const { items } = await ok<{ items: FollowUpPeriod[] }>(agent.get(`/api/plans/periods?year=${year}`));
  return Object.fromEntries(items.map((p) => [p.name, p])) as Record<'Delår 1' | 'Delår 2' | 'Helår', FollowUpPeriod>;
}

/**
 * A municipal plan with one goal (two actions; an indicator about people and one that is not),
 * followed up for 2024's full year and 2025's second period, then revised into version 2; plans of
 * two units in two administrations.
 */
async function setting() {
  const { agent } = await signIn(t.app, db(), 'administrator');
  const north = await buildAdministration(db(), { name: 'Norra förvaltningen' });
  const south = await buildAdministration(db(), { name: 'Södra förvaltningen' });
  const northUnit = await buildUnit(db(), { administrationId: north.id, name: 'Förskolan Norrsken' });
  const southUnit = await buildUnit(db(), { administrationId: south.id, name: 'Förskolan Söderljus' });
  const v1 = await adoptedPlan(agent, { scope: 'municipality', area: 'gender_equality', name: 'Jämställdhetsplan' }, [
    {
      title: 'Jämställda villkor',
      actions: ['Lönekartläggning', 'Heltidsnorm'],
      indicators: [
        { name: 'Andel heltid', measure: 'percent', direction: 'higher', target: 80, aboutPeople: true },
        { name: 'Anmälda trakasserier', measure: 'number', direction: 'lower', target: 5 },
      ],
    },
  ]);
  const [goal] = v1.goals;
  const [wage] = goal.actions;
  const [fullTime, harassment] = goal.indicators;
  const y2024 = await periodsOf(agent, 2024);
  const y2025 = await periodsOf(agent, 2025);
  await ok(
    agent.put(`/api/action-plans/${v1.id}/follow-ups/${y2024['Helår'].id}`, {
      indicators: [
        { indicatorId: fullTime.id, women: 60, men: 50, total: 56 },
        { indicatorId: harassment.id, total: 9 },
      ],
      goals: [{ goalId: goal.id, assessment: 'not_met', analysis: 'Långt kvar.' }],
    }),
  );
  await ok(
    agent.put(`/api/action-plans/${v1.id}/follow-ups/${y2025['Delår 2'].id}`, {
      actions: [{ actionId: wage.id, status: 'done', comment: 'Klar i juni.' }],
      indicators: [
        { indicatorId: fullTime.id, total: 57, missingSplitReason: 'Lönesystemet ger ingen uppdelning' },
        { indicatorId: harassment.id, total: 4 },
      ],
      goals: [{ goalId: goal.id, assessment: 'partly_met', analysis: 'Lönerna är kartlagda; heltid dröjer.' }],
    }),
  );
  // Version 2 takes over: its items are new rows, and their follow-ups are found by lineage.
  const v2 = await ok<Plan>(agent.post(`/api/action-plans/${v1.id}/revise`, { changeNote: 'Nytt år' }), 201);
  await ok(agent.post(`/api/action-plans/${v2.id}/adopt`, { adoptedOn: '2026-02-01', adoptedBy: 'Kommunfullmäktige' }));
  const northPlan = await adoptedPlan(agent, { scope: 'unit', unitId: northUnit.id, area: 'hbtq', name: 'HBTQ-plan Norrsken' }, [
    { title: 'Trygg förskola' },
  ]);
  await adoptedPlan(agent, { scope: 'unit', unitId: southUnit.id, area: 'hbtq', name: 'HBTQ-plan Söderljus' }, [
    { title: 'Öppen förskola' },
  ]);
  return { agent, north, northUnit, v2, northPlan, period: y2025['Delår 2'] };
}

describe('the follow-up report', () => {
  it('assembles the period’s follow-up of every plan in scope, by lineage through versions, with the trend by gender', async () => {
    const { agent, north, northUnit, v2, northPlan, period } = await setting();

    const report = await ok<PlanReport>(agent.get(`/api/plan-reports?periodId=${period.id}`));
    expect(report.period).toMatchObject({ year: 2025, name: 'Delår 2' });
    expect(report.scope).toEqual({ kind: 'municipality', id: null, name: null });
    expect(report.plans.map((p) => [p.name, p.version, p.ownerName])).toEqual([
      ['Jämställdhetsplan', 2, null],
      ['HBTQ-plan Norrsken', 1, 'Förskolan Norrsken'],
      ['HBTQ-plan Söderljus', 1, 'Förskolan Söderljus'],
    ]);
    const [goal] = report.plans[0].goals;
    expect(goal).toMatchObject({
      id: v2.goals[0].id,
      assessment: 'partly_met',
      analysis: 'Lönerna är kartlagda; heltid dröjer.',
    });
    expect(goal.actions.map((a) => [a.title, a.status, a.reported, a.comment])).toEqual([
      ['Lönekartläggning', 'done', true, 'Klar i juni.'],
      ['Heltidsnorm', 'not_started', false, null],
    ]);
    const [fullTime, harassment] = goal.indicators;
    expect(fullTime).toMatchObject({
      outcome: { women: null, men: null, total: 57, missingSplitReason: 'Lönesystemet ger ingen uppdelning' },
      missingSplit: true,
      onTarget: false,
    });
    expect(fullTime.trend).toEqual([
      { periodId: expect.any(String), label: '2024 Helår', women: 60, men: 50, total: 56 },
      { periodId: period.id, label: '2025 Delår 2', women: null, men: null, total: 57 },
    ]);
    // Lower is better: 4 reaches the target of 5.
    expect(harassment).toMatchObject({ outcome: { total: 4 }, missingSplit: false, onTarget: true });
    expect(report.summary).toEqual({
      plans: 3,
      goals: { met: 0, partly_met: 1, not_met: 0, unassessed: 2 },
      actions: { not_started: 1, ongoing: 0, done: 1, postponed: 0, cancelled: 0 },
      actionsUnreported: 1,
      indicators: 2,
      indicatorsUnreported: 0,
      indicatorsMissingSplit: 1,
    });

    // An administration: its own plans and its units'; a unit: its plans.
    const administration = await ok<PlanReport>(
      agent.get(`/api/plan-reports?periodId=${period.id}&scope=administration&administrationId=${north.id}`),
    );
    expect(administration.scope).toEqual({ kind: 'administration', id: north.id, name: 'Norra förvaltningen' });
    expect(administration.plans.map((p) => p.id)).toEqual([northPlan.id]);
    const unit = await ok<PlanReport>(agent.get(`/api/plan-reports?periodId=${period.id}&scope=unit&unitId=${northUnit.id}`));
    expect(unit.plans.map((p) => p.name)).toEqual(['HBTQ-plan Norrsken']);

    // Bad input: a clear 4xx.
    const missing = await agent.get(`/api/plan-reports?periodId=${period.id}&scope=unit`);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([{ path: 'querystring.unitId', message: message('unit_required') }]);
    const unknown = await agent.get(`/api/plan-reports?periodId=${period.id}&scope=unit&unitId=${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ path: 'querystring.unitId', message: message('unknown_unit') }]);
    expect((await agent.get(`/api/plan-reports?periodId=${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('writes the same report as a tagged PDF, a Word document and an Excel workbook, in Swedish or English', async () => {
    const { agent, period } = await setting();
    const base = `/api/plan-reports/export?periodId=${period.id}`;

    const pdf = await agent.get(`${base}&format=pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(String(pdf.headers['content-disposition'])).toContain('.pdf');
    const raw = pdf.rawPayload.toString('latin1');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('(sv-SE)');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Uppföljning Delår 2 2025: Hela kommunen');
    expect(text).toContain('Jämställda villkor');
    expect(text).toContain('Bedömning: Delvis uppfyllt');
    expect(text).toContain('Lönekartläggning');
    expect(text).toContain('2024 Helår');

    const docx = await agent.get(`${base}&format=docx`);
    expect(docx.statusCode).toBe(200);
    const documentXml = zipEntry(docx.rawPayload, 'word/document.xml') ?? '';
    expect(documentXml).toContain('Uppföljning Delår 2 2025: Hela kommunen');
    expect(documentXml).toContain('Lönerna är kartlagda; heltid dröjer.');
    expect(documentXml).toContain('Saknar uppdelning på kvinnor och män: Lönesystemet ger ingen uppdelning');

    const xlsx = await agent.get(`${base}&format=xlsx&lang=en`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Goals', 'Actions', 'Indicators', 'Trend']);
    const indicators = workbook.getWorksheet('Indicators')!;
    expect(indicators.getRow(1).getCell(3).value).toBe('Indicator');
    expect(indicators.getRow(2).values).toEqual(
      expect.arrayContaining(['Jämställdhetsplan', 'Andel heltid', 80, 57, 'Yes', 'Lönesystemet ger ingen uppdelning']),
    );
    const trend = workbook.getWorksheet('Trend')!;
    expect(trend.rowCount).toBe(1 + 2 + 2);

    expect((await agent.get(`${base}&format=odt`)).statusCode).toBe(400);
  });
});
