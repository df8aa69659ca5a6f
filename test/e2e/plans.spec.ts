import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, signedIn, signInAsAdmin } from './system-helpers.js';

/**
 * Action plans in the browser. Through the API: an administration with a unit, and its process
 * leader. In the browser the process leader creates a plan for the administration, adds a goal, an
 * action with a due date and an indicator about people, adopts it, follows the action up as
 * ongoing, revises it into version 2, changes the goal's title, sees the change listed, adopts
 * version 2 and finds version 1 replaced; copies it for the next period, deletes the copy, and ends
 * the plan. axe finds no WCAG 2.1 AA violation on the list, the plan,
 * any dialog, or on a phone, where nothing scrolls sideways.
 */

test.describe.configure({ mode: 'serial' });

const names = {
  administration: `Planförvaltningen ${run}`,
  unit: `Fritidsgården Planen ${run}`,
  plan: `Jämställdhetsplan ${run}`,
  goal: 'Alla medarbetare känner till jämställdhetsarbetet',
  revisedGoal: 'Alla medarbetare känner till och deltar i jämställdhetsarbetet',
  action: 'Utbildning för arbetsplatsträffar',
  indicator: 'Andel medarbetare som genomgått utbildningen',
};
const leader = { name: `Pia Processledare ${run}`, email: `pia.plan.${run}@example.se`, password: 'a long password' };

let planUrl = '';
let revisedUrl = '';

async function build(page: Page) {
  const administration = await post(page.request, '/api/administrations', { name: names.administration });
  const unit = await post(page.request, '/api/units', { administrationId: administration.id, name: names.unit });
  await post(page.request, '/api/users', {
    ...leader,
    roles: [{ role: 'process_leader', administrationId: administration.id }],
  });
  return { administration, unit };
}

test('a process leader writes a plan, adopts it and follows an action up', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  await build(page);

  const their = await signedIn(browser, leader);
  await their.getByRole('link', { name: 'Handlingsplaner', exact: true }).click();
  await expect(their.getByRole('heading', { level: 1, name: 'Handlingsplaner' })).toBeVisible();
  await expectNoAxeViolations(their, 'the plans list');

  // A new plan for their administration (chosen already: it is the only one they may write).
  await their.getByRole('button', { name: 'Ny handlingsplan' }).click();
  const create = their.getByRole('dialog');
  await expect(create.getByRole('combobox', { name: 'Planen gäller' })).toHaveValue('administration');
  await expect(create.getByRole('combobox', { name: /^Förvaltning/ })).toHaveValue(names.administration);
  await create.getByRole('textbox', { name: /^Namn/ }).fill(names.plan);
  await create.getByRole('combobox', { name: 'Område' }).selectOption({ label: 'Jämställdhet' });
  await expectNoAxeViolations(their, 'the new plan dialog');
  await create.getByRole('button', { name: 'Skapa' }).click();
  await expect(their).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(their.getByRole('heading', { level: 1, name: names.plan })).toBeVisible();
  await expect(their.getByText('Utkast', { exact: true }).first()).toBeVisible();
  planUrl = their.url();

  // A goal.
  await their.getByRole('button', { name: 'Lägg till mål' }).click();
  const goalDialog = their.getByRole('dialog');
  await goalDialog.getByRole('textbox', { name: /^Mål/ }).fill(names.goal);
  await expectNoAxeViolations(their, 'the goal dialog');
  await goalDialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(goalDialog).toBeHidden();
  await expect(their.getByRole('heading', { name: `Mål 1: ${names.goal}` })).toBeVisible();

  // An action with a due date.
  await their.getByRole('button', { name: `Lägg till åtgärd under ${names.goal}` }).click();
  const actionDialog = their.getByRole('dialog');
  await actionDialog.getByRole('textbox', { name: /^Åtgärd/ }).fill(names.action);
  const due = actionDialog.getByRole('textbox', { name: 'Klart senast' });
  await due.fill('2030-06-30');
  await due.press('Tab');
  await expectNoAxeViolations(their, 'the action dialog');
  await actionDialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(actionDialog).toBeHidden();
  const action = their.getByRole('article', { name: names.action });
  await expect(action).toContainText('Inte påbörjad');
  await expect(action).toContainText('2030-06-30');

  // An indicator about people: followed up by gender.
  await their.getByRole('button', { name: `Lägg till nyckeltal under ${names.goal}` }).click();
  const indicatorDialog = their.getByRole('dialog');
  await indicatorDialog.getByRole('textbox', { name: /^Nyckeltal/ }).fill(names.indicator);
  await indicatorDialog.getByRole('textbox', { name: 'Målvärde' }).fill('80');
  await indicatorDialog.getByRole('checkbox', { name: /Handlar om personer/ }).check();
  await expectNoAxeViolations(their, 'the indicator dialog');
  await indicatorDialog.getByRole('button', { name: 'Skapa' }).click();
  await expect(indicatorDialog).toBeHidden();
  const indicator = their.getByRole('article', { name: names.indicator });
  await expect(indicator).toContainText('Följs upp per kön');
  await expect(indicator).toContainText('80 %');
  await expectNoAxeViolations(their, 'a draft plan with a goal, an action and an indicator');

  // Adopt it: locked, and the action's status can be followed up.
  await their.getByRole('button', { name: 'Anta planen' }).click();
  const adopt = their.getByRole('dialog');
  await expect(adopt.getByRole('textbox', { name: /^Antagen den/ })).not.toHaveValue('');
  await adopt.getByRole('textbox', { name: /^Antagen av/ }).fill('Socialnämnden');
  await expectNoAxeViolations(their, 'the adopt dialog');
  await adopt.getByRole('button', { name: 'Anta planen' }).click();
  await expect(adopt).toBeHidden();
  await expect(their.getByText(/^Planen är antagen och låst/)).toBeVisible();
  await expect(their.getByText(/av Socialnämnden/).first()).toBeVisible();
  await expect(their.getByRole('button', { name: 'Lägg till mål' })).toHaveCount(0);
  await action.getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Pågår' });
  await expect(action.locator('.mantine-Badge-root', { hasText: 'Pågår' })).toBeVisible();
  await expect(their.getByRole('img', { name: '0 av 1 åtgärder är klara, 0 är försenade' })).toBeVisible();
  await expectNoAxeViolations(their, 'an adopted plan');
  await their.context().close();
});

test('the process leader revises the adopted plan, changes a goal and adopts version 2', async ({ browser }) => {
  test.setTimeout(120_000);
  const their = await signedIn(browser, leader);
  await their.goto(planUrl);
  await expect(their.getByRole('heading', { level: 1, name: names.plan })).toBeVisible();

  // Revise: a draft of version 2.
  await their.getByRole('button', { name: 'Revidera' }).click();
  const revise = their.getByRole('dialog');
  await revise.getByRole('textbox', { name: /^Varför planen revideras/ }).fill('Målet skärps efter uppföljningen.');
  await expectNoAxeViolations(their, 'the revise dialog');
  await revise.getByRole('button', { name: 'Revidera' }).click();
  await expect(their).not.toHaveURL(planUrl);
  revisedUrl = their.url();
  await expect(their.getByText('Version 2 (den här)')).toBeVisible();
  await expect(their.getByText('Utkast', { exact: true }).first()).toBeVisible();

  // Change the goal's title: it is listed among the changes since version 1.
  await their.getByRole('button', { name: `Ändra målet ${names.goal}` }).click();
  const editGoal = their.getByRole('dialog');
  await editGoal.getByRole('textbox', { name: /^Mål/ }).fill(names.revisedGoal);
  await editGoal.getByRole('button', { name: 'Spara' }).click();
  await expect(editGoal).toBeHidden();
  const changes = their.getByRole('region', { name: 'Ändringar sedan version 1' });
  await expect(changes).toContainText(names.revisedGoal);
  await expectNoAxeViolations(their, 'a revised draft with its changes');

  // Adopt version 2: version 1 is replaced.
  await their.getByRole('button', { name: 'Anta planen' }).click();
  const adoptAgain = their.getByRole('dialog');
  await adoptAgain.getByRole('textbox', { name: /^Antagen av/ }).fill('Socialnämnden');
  await adoptAgain.getByRole('button', { name: 'Anta planen' }).click();
  await expect(adoptAgain).toBeHidden();
  const versions = their.getByRole('region', { name: 'Versioner' });
  const first = versions.getByRole('listitem').filter({ has: their.getByRole('link', { name: 'Version 1' }) });
  await expect(first).toContainText('Ersatt');
  await expect(versions.getByRole('listitem').filter({ hasText: 'Version 2 (den här)' })).toContainText('Antagen');
  await expectNoAxeViolations(their, 'version 2 adopted');
  await their.context().close();
});

test('the process leader copies the plan for the next period, deletes the copy, and ends the plan', async ({ browser }) => {
  test.setTimeout(120_000);
  const their = await signedIn(browser, leader);
  await their.goto(revisedUrl);
  await expect(their.getByRole('heading', { level: 1, name: names.plan })).toBeVisible();
  const adoptedUrl = their.url();

  // Copy: a new draft with the same goals, for the next period.
  const copyName = `${names.plan} 2028–2030`;
  await their.getByRole('button', { name: 'Kopiera till ny plan' }).click();
  const copy = their.getByRole('dialog');
  await copy.getByRole('textbox', { name: /^Namn/ }).fill(copyName);
  await copy.getByRole('textbox', { name: /^Första år/ }).fill('2028');
  await copy.getByRole('textbox', { name: /^Sista år/ }).fill('2030');
  await expectNoAxeViolations(their, 'the copy dialog');
  await copy.getByRole('button', { name: 'Kopiera till ny plan' }).click();
  await expect(their.getByRole('heading', { level: 1, name: copyName })).toBeVisible();
  await expect(their.getByRole('heading', { name: new RegExp(names.revisedGoal) })).toBeVisible();

  // The copy is a draft: it can be deleted, and the list no longer has it.
  await their.getByRole('button', { name: 'Ta bort utkastet' }).click();
  await expectNoAxeViolations(their, 'the delete dialog');
  await their.getByRole('dialog').getByRole('button', { name: 'Ta bort utkastet' }).click();
  await expect(their.getByRole('heading', { level: 1, name: 'Handlingsplaner' })).toBeVisible();
  await expect(their.getByRole('link', { name: copyName })).toHaveCount(0);

  // The adopted plan ends: still readable, marked ended, no longer followed up.
  await their.goto(adoptedUrl);
  await their.getByRole('button', { name: 'Avsluta planen' }).click();
  await expectNoAxeViolations(their, 'the end dialog');
  await their.getByRole('dialog').getByRole('button', { name: 'Avsluta planen' }).click();
  await expect(their.getByRole('dialog')).toBeHidden();
  await expect(their.getByText('Avslutad', { exact: true }).first()).toBeVisible();
  await expect(their.getByRole('button', { name: 'Avsluta planen' })).toHaveCount(0);
  await their.context().close();
});

test('the plans read well on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAsAdmin(page);
  for (const path of ['/plans', planUrl]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, `${path} on a phone`);
  }
});
