import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, signedIn, signInAsAdmin } from './system-helpers.js';

/**
 * The follow-up of action plans in the browser. The administrator sets the periods of a year (the
 * usual three in one click, and one more by hand, changed and deleted again). Through the API: an
 * administration's adopted plan with a goal, two actions and an indicator about people, and its process
 * leader. The process leader reports the period in the plan's follow-up: the action's status, the
 * indicator's outcome without the split by gender (refused until a reason is given, then flagged) and
 * the goal's assessment. A person with no role in the plans, responsible for the other action, opens the
 * reminder's link and reports only that. The administrator sees in the period's status who has reported.
 * axe finds no WCAG 2.1 AA violation on any of these pages or dialogs, nor on a phone, where nothing
 * scrolls sideways.
 */

test.describe.configure({ mode: 'serial' });

// A year of its own, so that the periods made here are the only ones (the database lives for the whole run).
const year = 2040 + (parseInt(run, 36) % 50);
const names = {
  administration: `Uppföljningsförvaltningen ${run}`,
  plan: `Uppföljd plan ${run}`,
  goal: 'Jämställd service',
  action: 'Kartlägg bemötandet',
  indicator: 'Besökare som fått stöd',
  ownAction: 'Informera personalen',
};
const leader = { name: `Ulla Uppföljare ${run}`, email: `ulla.fu.${run}@example.se`, password: 'a long password' };
/** Responsible for one action, with no role in the plans: reports it from the reminder's link. */
const staff = { name: `Erik Ansvarig ${run}`, email: `erik.fu.${run}@example.se`, password: 'a long password' };

let planId = '';
let firstPeriodId = '';

test('the administrator sets the periods of a year', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);

  // The plan to follow up, through the API.
  const administration = await post(page.request, '/api/administrations', { name: names.administration });
  await post(page.request, '/api/users', { ...leader, roles: [{ role: 'process_leader', administrationId: administration.id }] });
  const responsible = await post(page.request, '/api/users', { ...staff, roles: [{ role: 'employee' }] });
  const plan = await post(page.request, '/api/action-plans', {
    scope: 'administration',
    administrationId: administration.id,
    area: 'gender_equality',
    name: names.plan,
    startYear: year - 1,
    endYear: year + 1,
  });
  planId = plan.id;
  const goal = await post(page.request, `/api/action-plans/${plan.id}/goals`, { title: names.goal });
  await post(page.request, `/api/plan-goals/${goal.id}/actions`, { title: names.action });
  await post(page.request, `/api/plan-goals/${goal.id}/actions`, { title: names.ownAction, responsibleUserId: responsible.id });
  await post(page.request, `/api/plan-goals/${goal.id}/indicators`, {
    name: names.indicator,
    measure: 'number',
    direction: 'higher',
    target: 40,
    aboutPeople: true,
  });
  await post(page.request, `/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2026-01-15', adoptedBy: 'Kommunstyrelsen' });

  await page.getByRole('link', { name: 'Uppföljning', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Uppföljning' })).toBeVisible();
  await page.goto(`/plans/periods?year=${year}`);
  await expect(page.getByText('Året har inga uppföljningsperioder än.')).toBeVisible();
  await expectNoAxeViolations(page, 'a year without periods');

  await page.getByRole('button', { name: 'Skapa delår 1, delår 2 och helår' }).click();
  const table = page.getByRole('table', { name: `Uppföljningsperioder ${year}` });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1)).toContainText('Delår 1');
  const periods = await (await page.request.get(`/api/plans/periods?year=${year}`)).json();
  firstPeriodId = periods.items[0].id;
  await expect(table.getByRole('row').nth(1)).toContainText(`${year}-05-15`);
  await expect(table.getByRole('row').nth(3)).toContainText(`${year + 1}-01-31`);
  await expectNoAxeViolations(page, 'the periods of a year');

  // One more by hand; a deadline before the start is refused beside the field.
  await page.getByRole('button', { name: 'Ny period' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('textbox', { name: /^Namn/ }).fill('Tertial 2');
  const ends = create.getByRole('textbox', { name: /^Till och med/ });
  await ends.fill(`${year}-08-31`);
  await ends.press('Tab');
  const deadline = create.getByRole('textbox', { name: /^Sista dag/ });
  await deadline.fill(`${year - 1}-12-01`);
  await deadline.press('Tab');
  await expectNoAxeViolations(page, 'the new period dialog');
  await create.getByRole('button', { name: 'Skapa' }).click();
  await expect(create.getByText('Sista dag för rapporten kan inte vara före periodens start.')).toBeVisible();
  await deadline.fill(`${year}-09-20`);
  await deadline.press('Tab');
  await create.getByRole('button', { name: 'Skapa' }).click();
  await expect(create).toBeHidden();
  await expect(table.getByRole('row')).toHaveCount(5);

  // Change it, then delete it: nobody has reported for it.
  await page.getByRole('button', { name: 'Ändra perioden Tertial 2' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByRole('textbox', { name: /^Påminnelse, dagar före/ }).fill('7');
  await edit.getByRole('button', { name: 'Spara' }).click();
  await expect(edit).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: 'Tertial 2' })).toContainText('7');
  await page.getByRole('button', { name: 'Ta bort perioden Tertial 2' }).click();
  await expectNoAxeViolations(page, 'the delete period dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Ta bort perioden' }).click();
  await expect(table.getByRole('row')).toHaveCount(4);
});

test('the process leader reports the plan for delår 1', async ({ browser }) => {
  test.setTimeout(120_000);
  const their = await signedIn(browser, leader);
  await their.goto(`/plans/${planId}`);
  await their.getByRole('link', { name: 'Följ upp planen' }).click();
  await expect(their.getByRole('heading', { level: 1, name: `Uppföljning: ${names.plan}` })).toBeVisible();
  await their.getByRole('combobox', { name: 'Period', exact: true }).selectOption({ label: `Delår 1 ${year}` });
  await expect(their.getByText(`Sista dag för rapporten: ${year}-05-15`)).toBeVisible();
  await expectNoAxeViolations(their, 'a follow-up not yet reported');

  const action = their.getByRole('group', { name: names.action });
  await action.getByRole('combobox', { name: 'Status för perioden' }).selectOption({ label: 'Pågår' });
  await action.getByRole('textbox', { name: 'Kommentar' }).fill('Enkäten är skickad.');
  const indicator = their.getByRole('group', { name: names.indicator });
  await indicator.getByRole('textbox', { name: 'Totalt' }).fill('12');
  const assessment = their.getByRole('group', { name: 'Bedömning' });
  await assessment.getByRole('combobox', { name: 'Bedömning' }).selectOption({ label: 'Delvis uppfyllt' });
  await assessment.getByRole('textbox', { name: 'Analys' }).fill('Arbetet har kommit igång men når inte alla verksamheter.');

  // Without women and men, a reason is needed.
  await their.getByRole('button', { name: 'Spara rapporten' }).click();
  await expect(indicator.getByText('Ange kvinnor och män, eller skriv varför uppdelningen per kön saknas.')).toBeVisible();
  await indicator.getByRole('textbox', { name: /^Varför uppdelningen per kön saknas/ }).fill('Registret saknar kön.');
  await their.getByRole('button', { name: 'Spara rapporten' }).click();
  await expect(their.getByText('Rapporten är sparad')).toBeVisible();
  await expect(indicator.getByText('Saknar uppdelning per kön')).toBeVisible();
  await expect(their.getByText('1 nyckeltal om personer saknar uppdelning per kön.')).toBeVisible();
  await expect(their.getByText('Rapporterat: 1 av 2 åtgärder, 1 av 1 nyckeltal och 1 av 1 mål')).toBeVisible();
  await expect(action.getByText(/^Rapporterat .* av Ulla Uppföljare/)).toBeVisible();
  await expectNoAxeViolations(their, 'a reported follow-up');

  // The action's status in the plan follows the report.
  await their.goto(`/plans/${planId}`);
  await expect(their.getByRole('article', { name: names.action })).toContainText('Pågår');
  await their.context().close();
});

test('the person responsible for an action reports it from the reminder’s link', async ({ browser }) => {
  const their = await signedIn(browser, staff);
  await their.goto(`/plans/${planId}/follow-up?period=${firstPeriodId}`);
  await expect(their.getByRole('heading', { level: 1, name: `Uppföljning: ${names.plan}` })).toBeVisible();
  await expect(their.getByRole('link', { name: 'Tillbaka till planen' })).toHaveCount(0);
  // Only their own action can be reported; the rest is shown as reported.
  const other = their.getByRole('group', { name: names.action });
  await expect(other.getByRole('combobox')).toHaveCount(0);
  await expect(other.getByText('Pågår', { exact: true })).toBeVisible();
  await expect(their.getByRole('group', { name: 'Bedömning' }).getByText('Delvis uppfyllt')).toBeVisible();
  const own = their.getByRole('group', { name: names.ownAction });
  await own.getByRole('combobox', { name: 'Status för perioden' }).selectOption({ label: 'Klar' });
  await expectNoAxeViolations(their, 'a follow-up for the person responsible for one action');
  await their.getByRole('button', { name: 'Spara rapporten' }).click();
  await expect(their.getByText('Rapporten är sparad')).toBeVisible();
  await expect(their.getByText('Rapporterat: 2 av 2 åtgärder, 1 av 1 nyckeltal och 1 av 1 mål')).toBeVisible();
  await their.context().close();
});

test('the administrator sees who has reported', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/plans/periods?year=${year}`);
  await page.getByRole('link', { name: 'Se vem som har rapporterat för Delår 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Rapporterat för Delår 1 ${year}` })).toBeVisible();
  const row = page.getByRole('table', { name: 'Planerna' }).getByRole('row').filter({ hasText: names.plan });
  await expect(row).toContainText('2 av 2');
  await expect(row).toContainText('Klar');
  const people = page.getByRole('table', { name: 'Ansvariga för åtgärder' });
  await expect(people.getByRole('row').filter({ hasText: staff.name })).toContainText('1 av 1');
  await expectNoAxeViolations(page, "a period's status");
  await row.getByRole('link', { name: names.plan }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Uppföljning: ${names.plan}` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Period', exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByText(`Sista dag för rapporten: ${year}-05-15`)).toBeVisible();
});

test('the follow-up reads well on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAsAdmin(page);
  await page.goto(`/plans/periods?year=${year}`);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the periods on a phone');
  await page.getByRole('link', { name: 'Se vem som har rapporterat för Delår 1' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Rapporterat för/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, "a period's status on a phone");
  await page.goto(`/plans/${planId}/follow-up`);
  await page.getByRole('combobox', { name: 'Period', exact: true }).selectOption({ label: `Delår 1 ${year}` });
  await expect(page.getByText('Saknar uppdelning per kön', { exact: true })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'a follow-up on a phone');
});
