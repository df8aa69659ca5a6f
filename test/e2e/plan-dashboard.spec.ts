import { expect, test, type APIRequestContext } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin } from './system-helpers.js';

/**
 * The plans' dashboard in the browser. Through the API, the administrator makes an administration with
 * a process leader and an adopted plan of this year: two goals, two actions (one done, one overdue that
 * the process leader is responsible for) and two indicators about people, and reports delår 1: one goal
 * not met, one met, one indicator without the split by gender (with a reason). The process leader opens
 * the dashboard from the plans list and sees their plan only, the actions by status and the goals by
 * assessment as charts each with its table, the goal not met, the overdue action, the indicators
 * furthest from target with the flag; follows a link by keyboard. axe finds no WCAG 2.1 AA violation,
 * on a computer nor on a phone, where nothing scrolls sideways.
 */

test.describe.configure({ mode: 'serial' });

const year = Number(new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric' }).format(new Date()));
const names = {
  administration: `Översiktsförvaltningen ${run}`,
  plan: `Plan i översikten ${run}`,
  goalNotMet: 'Jämställd service',
  goalMet: 'Trygg arbetsplats',
  done: 'Kartlägg bemötandet',
  overdue: 'Utbilda alla chefer',
  unsplit: 'Besökare som fått stöd',
  split: 'Chefer som gått utbildningen',
};
const leader = { name: `Petra Processledare ${run}`, email: `petra.dash.${run}@example.se`, password: 'a long password' };

async function send(request: APIRequestContext, method: 'post' | 'put', url: string, data: unknown) {
  const response = await request[method](url, { data, headers: await csrf(request) });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

let planId = '';

test('the administrator makes a plan of this year and reports delår 1', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const request = page.request;
  const administration = await send(request, 'post', '/api/administrations', { name: names.administration });
  const person = await send(request, 'post', '/api/users', {
    ...leader,
    roles: [{ role: 'process_leader', administrationId: administration.id }],
  });
  const plan = await send(request, 'post', '/api/action-plans', {
    scope: 'administration',
    administrationId: administration.id,
    area: 'gender_equality',
    name: names.plan,
    startYear: year,
    endYear: year + 1,
  });
  planId = plan.id;
  const notMet = await send(request, 'post', `/api/action-plans/${plan.id}/goals`, { title: names.goalNotMet });
  const met = await send(request, 'post', `/api/action-plans/${plan.id}/goals`, { title: names.goalMet });
  await send(request, 'post', `/api/plan-goals/${notMet.id}/actions`, { title: names.done, status: 'done' });
  await send(request, 'post', `/api/plan-goals/${met.id}/actions`, {
    title: names.overdue,
    dueDate: `${year - 1}-12-15`,
    responsibleUserId: person.id,
  });
  const unsplit = await send(request, 'post', `/api/plan-goals/${notMet.id}/indicators`, {
    name: names.unsplit,
    measure: 'number',
    direction: 'higher',
    target: 50,
    aboutPeople: true,
  });
  const split = await send(request, 'post', `/api/plan-goals/${met.id}/indicators`, {
    name: names.split,
    measure: 'number',
    direction: 'higher',
    target: 40,
    aboutPeople: true,
  });
  await send(request, 'post', `/api/action-plans/${plan.id}/adopt`, { adoptedOn: `${year - 1}-12-20`, adoptedBy: 'Nämnden' });

  let periods = (await (await request.get(`/api/plans/periods?year=${year}`)).json()).items;
  if (periods.length === 0) periods = (await send(request, 'post', '/api/plans/periods/defaults', { year })).items;
  const first = periods[0];
  await send(request, 'put', `/api/action-plans/${plan.id}/follow-ups/${first.id}`, {
    goals: [
      { goalId: notMet.id, assessment: 'not_met', analysis: 'Få besökare har fått stöd.' },
      { goalId: met.id, assessment: 'met' },
    ],
    indicators: [
      { indicatorId: unsplit.id, total: 20, missingSplitReason: 'Besöken räknas utan kön.' },
      { indicatorId: split.id, women: 10, men: 20, total: 30 },
    ],
  });

  // The administrator's dashboard, with every plan of the year in the database.
  await page.goto('/plans/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt över handlingsplanerna' })).toBeVisible();
  await expect(page.getByRole('link', { name: names.plan }).first()).toBeVisible();
  await expectNoAxeViolations(page, "the administrator's dashboard");
});

test('the process leader sees their plans at a glance, by keyboard and on a phone', async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, leader.email, leader.password);
  await page.waitForURL((url) => url.pathname !== '/login');

  // From the plans list, and in the navigation.
  await page.goto('/plans');
  await expect(page.getByRole('link', { name: 'Översikt över planerna' })).toHaveCount(2);
  await page.getByRole('main').getByRole('link', { name: 'Översikt över planerna' }).click();
  await expect(page).toHaveURL(/\/plans\/dashboard$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt över handlingsplanerna' })).toBeVisible();
  await expect(page.getByText(`Den antagna planen för ${year} som du ansvarar för`)).toBeVisible();

  // Actions by status: a chart named by its summary, and its table.
  await expect(page.getByRole('img', { name: '1 av 2 åtgärder är klara, 1 är försenade' })).toBeVisible();
  const actions = page.getByRole('table', { name: 'Åtgärderna efter status' });
  await expect(actions.getByRole('row', { name: /^Klar 1$/ })).toBeVisible();
  await expect(actions.getByRole('row', { name: /^Inte påbörjad 1$/ })).toBeVisible();
  await expect(actions.getByRole('row', { name: /^Varav försenade 1$/ })).toBeVisible();

  // Goals by assessment in delår 1, and the goal not met with its analysis.
  const goals = page.getByRole('table', { name: `Målens bedömning, Delår 1 ${year}` });
  await expect(goals.getByRole('row', { name: /^Uppfyllt 1$/ })).toBeVisible();
  await expect(goals.getByRole('row', { name: /^Inte uppfyllt 1$/ })).toBeVisible();
  await expect(page.getByRole('link', { name: `${names.goalNotMet} (${names.plan})` })).toBeVisible();
  await expect(page.getByText('Få besökare har fått stöd.')).toBeVisible();

  // What is overdue, with who is responsible.
  const overdue = page.getByRole('table', { name: 'Försenade åtgärder (1)' });
  await expect(overdue.getByRole('row').filter({ hasText: names.overdue })).toContainText(leader.name);
  await expect(overdue.getByRole('row').filter({ hasText: names.overdue })).toContainText(`${year - 1}-12-15`);

  // The indicators furthest from target: (50 - 20) / 50 = 60 %, flagged; (40 - 30) / 40 = 25 %, with the split.
  const indicators = page.getByRole('table', { name: 'Nyckeltal längst från målvärdet' });
  const unsplit = indicators.getByRole('row').filter({ hasText: names.unsplit });
  await expect(unsplit).toContainText('60');
  await expect(unsplit).toContainText('Saknar uppdelning per kön');
  await expect(indicators.getByRole('row').filter({ hasText: names.split })).toContainText('Kvinnor 10, män 20');
  await expect(page.getByText('1 nyckeltal om personer saknar uppdelning per kön i sin senaste rapport')).toBeVisible();

  // Only their administration's plan.
  const plans = page.getByRole('table', { name: `Planerna ${year}` });
  await expect(plans.getByRole('row')).toHaveCount(2);
  await expectNoAxeViolations(page, "the process leader's dashboard");

  // By keyboard: the plan's link opens the plan.
  const link = plans.getByRole('link', { name: names.plan });
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/plans/${planId}$`));

  // On a phone the page scrolls down only.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/plans/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: 'Översikt över handlingsplanerna' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Åtgärderna efter status' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the dashboard on a phone');
  await context.close();
});
