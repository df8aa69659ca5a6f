import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, run, send, signInAsAdmin } from './system-helpers.js';

/**
 * The follow-up report in the browser. Through the API: a unit with an adopted HBTQ plan (a goal
 * with an action and an indicator about people), the periods of 2024 and 2025, and the reports of
 * both full years. In the browser the administrator chooses 2025, Helår and the unit, reads the
 * goal's assessment and analysis, the action's status, the indicator's outcome for women and men
 * and its trend as a chart with its table, and exports the report as PDF, Word and Excel: each is
 * written on the server while the page shows its progress, then downloaded. axe finds
 * no WCAG 2.1 AA violation; on a phone nothing scrolls sideways.
 */

test.describe.configure({ mode: 'serial' });

const year = 2025;
const names = {
  administration: `Rapportförvaltningen ${run}`,
  unit: `Fritidsgården Rapport ${run}`,
  plan: `HBTQ-plan Rapport ${run}`,
  goal: 'Alla unga känner sig välkomna',
  action: 'Regnbågsvecka',
  indicator: 'Andel unga som känner sig trygga',
  coverage: 'Andel personal med utbildning',
};

test('the administrator reads a unit’s follow-up report and downloads it', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const request = page.request;
  const administration = await send(request, 'post', '/api/administrations', { name: names.administration });
  const unit = await send(request, 'post', '/api/units', { administrationId: administration.id, name: names.unit });
  const plan = await send(request, 'post', '/api/action-plans', {
    scope: 'unit',
    unitId: unit.id,
    area: 'hbtq',
    name: names.plan,
    startYear: 2024,
    endYear: 2026,
  });
  const goal = await send(request, 'post', `/api/action-plans/${plan.id}/goals`, { title: names.goal });
  const action = await send(request, 'post', `/api/plan-goals/${goal.id}/actions`, { title: names.action });
  const indicator = await send(request, 'post', `/api/plan-goals/${goal.id}/indicators`, {
    name: names.indicator,
    measure: 'percent',
    direction: 'higher',
    target: 90,
    aboutPeople: true,
  });
  // An indicator that takes its value from Inkludera: the unit's training coverage (one employee, untrained).
  await send(request, 'post', `/api/plan-goals/${goal.id}/indicators`, {
    name: names.coverage,
    measure: 'percent',
    direction: 'higher',
    target: 80,
    aboutPeople: true,
    source: 'training_coverage',
  });
  await send(request, 'post', '/api/employees', {
    employeeNumber: `RAPP${run}`,
    firstName: 'Robin',
    lastName: `Rapport${run}`,
    unitId: unit.id,
    gender: 'not_stated',
    startDate: '2020-01-01',
  });
  await send(request, 'post', `/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2024-01-20', adoptedBy: 'Enhetschefen' });
  const fullYear = async (y: number) => {
    let periods = await (await request.get(`/api/plans/periods?year=${y}`)).json();
    if (periods.items.length === 0) {
      await send(request, 'post', '/api/plans/periods/defaults', { year: y });
      periods = await (await request.get(`/api/plans/periods?year=${y}`)).json();
    }
    return periods.items.find((p: { name: string }) => p.name === 'Helår').id as string;
  };
  await send(request, 'put', `/api/action-plans/${plan.id}/follow-ups/${await fullYear(year - 1)}`, {
    indicators: [{ indicatorId: indicator.id, women: 70, men: 64, total: 67 }],
  });
  const thisYear = await fullYear(year);
  // The follow-up form offers the coverage from Inkludera's data, and takes it in on request.
  await page.goto(`/plans/${plan.id}/follow-up?period=${thisYear}`);
  const coverage = page.getByRole('group', { name: names.coverage });
  await expect(coverage.getByText('Från Inkludera (Enhetens utbildningstäckning, 2025-12-31)')).toBeVisible();
  await expect(coverage.getByText('någon grupp är färre än fem personer').first()).toBeVisible();
  await coverage.getByRole('button', { name: `Använd värdet från Inkludera för ${names.coverage}` }).click();
  await expect(coverage.getByLabel('Totalt')).toHaveValue('0');
  await expectNoAxeViolations(page, 'a follow-up with a value from Inkludera');
  await send(request, 'put', `/api/action-plans/${plan.id}/follow-ups/${thisYear}`, {
    actions: [{ actionId: action.id, status: 'done', comment: 'Genomförd i maj.' }],
    indicators: [{ indicatorId: indicator.id, women: 82, men: 76, total: 79 }],
    goals: [{ goalId: goal.id, assessment: 'partly_met', analysis: 'Flickorna känner sig tryggare än pojkarna.' }],
  });

  await page.goto('/plans');
  await page.getByRole('link', { name: 'Uppföljningsrapport' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uppföljningsrapport' })).toBeVisible();
  await page.getByLabel('År', { exact: true }).selectOption(String(year));
  await page.getByLabel('Period', { exact: true }).selectOption({ label: 'Helår' });
  await page.getByLabel('Urval', { exact: true }).selectOption({ label: 'En verksamhet' });
  const unitInput = page.getByRole('combobox', { name: /^Verksamhet/ });
  await unitInput.click();
  await unitInput.fill(names.unit.slice(0, 16));
  await page.getByRole('option', { name: names.unit }).first().click();

  await expect(page.getByRole('heading', { level: 2, name: `Uppföljning Helår ${year}: ${names.unit}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: names.plan })).toBeVisible();
  await expect(page.getByText('Bedömning: Delvis uppfyllt')).toBeVisible();
  await expect(page.getByText('Flickorna känner sig tryggare än pojkarna.')).toBeVisible();
  const actions = page.getByRole('table', { name: `Åtgärder: ${names.goal}` });
  await expect(actions.getByRole('row').nth(1)).toContainText('Klar');
  await expect(actions.getByRole('row').nth(1)).toContainText('Genomförd i maj.');
  const trend = page.getByRole('table', { name: `Trend för ${names.indicator}` });
  await expect(trend.getByRole('row')).toHaveCount(3);
  await expect(trend.getByRole('row').nth(1)).toContainText(`${year - 1} Helår`);
  await expect(trend.getByRole('row').nth(2)).toContainText('82 %');
  await expect(page.getByRole('img', { name: new RegExp(`${year} Helår: Kvinnor 82 %, Män 76 %`) })).toBeVisible();
  await expectNoAxeViolations(page, 'a follow-up report');

  // Each format is written on the server: the page shows its progress until it is ready, then the file.
  for (const [format, extension, type] of [
    ['PDF', 'pdf', 'application/pdf'],
    ['Word (docx)', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['Excel (xlsx)', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const) {
    await page.getByRole('button', { name: `Skapa rapporten som ${format}` }).click();
    const name = `Uppföljning Helår ${year}: ${names.unit} (${format})`;
    const item = page.getByRole('article', { name }).first();
    await expect(item.getByRole('status')).toHaveText(`${name} är klar att ladda ned.`, { timeout: 30_000 });
    await expect(item.getByRole('progressbar')).toHaveCount(0);
    const link = item.getByRole('link', { name: new RegExp(`^Ladda ned ${format.replace(/[()]/g, '\\$&')} \\(`) });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`Uppföljning Helår ${year} ${names.unit}.${extension}`);
    const file = await request.get((await link.getAttribute('href')) ?? '');
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe(type);
    expect((await file.body()).byteLength).toBeGreaterThan(1000);
  }
  await expect(page.getByRole('heading', { name: 'Exporter' })).toBeVisible();
  await expectNoAxeViolations(page, 'a follow-up report with its exports');

  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'a follow-up report on a phone');

  // Leaving and coming back: the exports are still listed, held by the server.
  await page.reload();
  await expect(page.getByRole('article', { name: `Uppföljning Helår ${year}: ${names.unit} (PDF)` }).first()).toBeVisible();
});
