import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, buildUnit, signIn } from '../../../../test/support/factories.js';
import type { Agent } from '../../../../test/support/agent.js';
import { pdfStructure, pdfText } from '../../../../test/support/pdf.js';
import { zipEntry } from '../../../../test/support/zip.js';
import { translate } from '../../http/i18n.js';
import { outline, reportTitle } from './report-documents.js';
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
      actions: ['Lönekartläggning', 'Heltidsnorm på Čuovga förskola'],
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
      ['Heltidsnorm på Čuovga förskola', 'not_started', false, null],
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

    // An ended plan is still reported for the periods of its years.
    await ok(agent.post(`/api/action-plans/${northPlan.id}/end`));
    const ended = await ok<PlanReport>(agent.get(`/api/plan-reports?periodId=${period.id}&scope=unit&unitId=${northUnit.id}`));
    expect(ended.plans.map((p) => [p.name, p.status])).toEqual([['HBTQ-plan Norrsken', 'ended']]);

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
    // A letter outside the PDF standard fonts' WinAnsi (Č) is kept: the font is embedded. (The action's
    // column is narrow: its title breaks over lines.)
    expect(text.replace(/\s+/g, ' ')).toContain('Heltidsnorm på Čuovga förskola');
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(text).toContain('2024 Helår');
    expect(text).toContain('Perioden 2025-01-01–2025-08-31');

    // Everything the report holds is in the PDF's text: every heading, paragraph, list item, caption,
    // column and cell of the outline the page shows (lines wrapped in the PDF are joined again).
    const report = await ok<PlanReport>(agent.get(`/api/plan-reports?periodId=${period.id}`));
    const flat = ` ${text.replace(/\s+/g, ' ')} `;
    const expected = outline(report, 'sv').flatMap((block) =>
      block.kind === 'heading' || block.kind === 'paragraph'
        ? [block.text]
        : block.kind === 'list'
          ? block.items
          : block.kind === 'table'
            ? [block.caption, ...block.columns, ...block.rows.flat()]
            : [...block.labels, ...block.series.map((s) => s.name)],
    );
    expect(expected.length).toBeGreaterThan(40);
    for (const piece of expected.filter(Boolean)) expect(flat, piece).toContain(` ${piece.replace(/\s+/g, ' ')} `);
    for (const plan of report.plans) expect(flat).toContain(` ${plan.name} `);

    // Tagged: the structure a screen reader follows, with its language and title.
    const structure = pdfStructure(pdf.rawPayload);
    expect(structure).toMatchObject({ marked: true, structTreeRoot: true, displayTitle: true, lang: 'sv-SE' });
    expect(structure.title).toBe(reportTitle(report, 'sv'));
    expect(structure.counts).toMatchObject({ Document: 1, H1: 1, L: 1, LI: 4, Lbl: 4, LBody: 4 });
    // The plans, the summary's two charts, goals, analysis, actions and indicators as headings.
    expect(structure.counts.H2).toBe(1 + report.plans.length);
    expect(structure.counts.H3).toBe(2 + report.plans.reduce((n, p) => n + p.goals.length, 0));
    // The two charts of the summary, and one trend per indicator: each a figure with its data as a table.
    expect(structure.counts.Figure).toBe(2 + 2);
    expect(structure.counts.Table).toBe(2 + 1 + 2);
    expect(structure.counts.Caption).toBe(structure.counts.Table);
    // Bookmarks: the summary and each plan, a plan's goals under it.
    expect(structure.outline.map((b) => b.title)).toEqual(['Sammanfattning', ...report.plans.map((p) => p.name)]);
    expect(structure.outline[0]!.kids.map((b) => b.title)).toEqual(['Målens bedömning', 'Åtgärdernas status']);
    expect(structure.outline[1]!.kids.map((b) => b.title)).toEqual(report.plans[0]!.goals.map((g) => g.title));
    const parentOf = (type: string) => [...new Set(structure.elements.filter((e) => e.type === type).map((e) => e.parent))];
    expect(parentOf('TR')).toEqual(['Table']);
    expect(parentOf('TH')).toEqual(['TR']);
    expect(parentOf('TD')).toEqual(['TR']);
    expect(parentOf('Document')).toEqual(['StructTreeRoot']);
    expect(structure.elements.filter((e) => e.type === 'TH').every((e) => e.scope === 'Column')).toBe(true);
    const figures = structure.elements.filter((e) => e.type === 'Figure').map((e) => e.alt);
    expect(figures).toContain(
      'Målens bedömning: Uppfyllt: 0, Delvis uppfyllt: 1, Inte uppfyllt: 0, Ingen bedömning för perioden: 2',
    );
    expect(figures).toContain('Andel heltid: 2024 Helår kvinnor 60 %, män 50 %; 2025 Delår 2 kvinnor –, män –.');

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
