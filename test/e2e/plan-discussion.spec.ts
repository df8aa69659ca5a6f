import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, signedIn, signInAsAdmin } from './system-helpers.js';

/**
 * The discussion around a plan in the browser. Through the API: a unit with its manager, and the
 * manager of another unit; the administrator writes the unit's plan with a goal and an action. The
 * unit's manager writes on the plan itself, attaches the minutes to the goal and downloads them;
 * the other unit's manager reads the plan, answers on the goal, and may neither attach nor remove
 * the first manager's comment, but changes their own. axe finds no WCAG 2.1 AA violation on the
 * plan with its discussion or in the goal's dialog; on a phone nothing scrolls sideways.
 */

test.describe.configure({ mode: 'serial' });

const names = {
  administration: `Diskussionsförvaltningen ${run}`,
  unit: `Förskolan Samtal ${run}`,
  other: `Förskolan Granne ${run}`,
  plan: `HBTQ-plan Samtal ${run}`,
  goal: 'Alla barn känner sig välkomna',
  action: 'Se över böckerna i läshörnan',
};
const manager = { name: `Moa Chef ${run}`, email: `moa.samtal.${run}@example.se`, password: 'moas long password' };
const neighbour = { name: `Nils Granne ${run}`, email: `nils.granne.${run}@example.se`, password: 'nils long password' };

let planUrl = '';

test('the people around a plan discuss it and attach documents to its goals', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const administration = await post(page.request, '/api/administrations', { name: names.administration });
  const unit = await post(page.request, '/api/units', { administrationId: administration.id, name: names.unit });
  const other = await post(page.request, '/api/units', { administrationId: administration.id, name: names.other });
  await post(page.request, '/api/users', { ...manager, roles: [{ role: 'unit_manager', unitId: unit.id }] });
  await post(page.request, '/api/users', { ...neighbour, roles: [{ role: 'unit_manager', unitId: other.id }] });
  const plan = await post(page.request, '/api/action-plans', {
    scope: 'unit',
    unitId: unit.id,
    area: 'hbtq',
    name: names.plan,
    startYear: 2026,
    endYear: 2028,
  });
  const goal = await post(page.request, `/api/action-plans/${plan.id}/goals`, { title: names.goal });
  await post(page.request, `/api/plan-goals/${goal.id}/actions`, { title: names.action });
  planUrl = `/plans/${plan.id}`;

  const their = await signedIn(browser, manager);
  await their.goto(planUrl);
  await expect(their.getByRole('heading', { level: 1, name: names.plan })).toBeVisible();
  const section = their.getByRole('region', { name: 'Kommentarer och bilagor' });
  await expect(section.getByText('Inga kommentarer ännu.')).toBeVisible();
  // An empty comment is refused beside the field, before anything is sent.
  await section.getByRole('button', { name: 'Skicka kommentaren' }).click();
  await expect(section.getByText('Skriv en kommentar.')).toBeVisible();
  await section.getByLabel('Kommentar').fill('Planen tas upp på APT den 12 mars.');
  await section.getByRole('button', { name: 'Skicka kommentaren' }).click();
  await expect(section.getByText('Planen tas upp på APT den 12 mars.')).toBeVisible();
  await expect(section.getByLabel('Kommentar')).toHaveValue('');
  await expectNoAxeViolations(their, 'a plan with its discussion');

  // The goal's own discussion: the minutes attached, downloadable.
  await their.getByRole('button', { name: `Kommentarer och bilagor för ${names.goal} (0)` }).click();
  const dialog = their.getByRole('dialog', { name: `Kommentarer och bilagor: ${names.goal}` });
  const chooser = their.waitForEvent('filechooser');
  await dialog.getByRole('button', { name: `Bifoga fil till ${names.goal}` }).click();
  await (
    await chooser
  ).setFiles({ name: 'Protokoll APT.txt', mimeType: 'text/plain', buffer: Buffer.from('Beslut: alla böcker ses över.') });
  const attached = dialog.getByRole('link', { name: 'Protokoll APT.txt' });
  await expect(attached).toBeVisible();
  const downloaded = await their.request.get((await attached.getAttribute('href')) ?? '');
  expect(await downloaded.text()).toBe('Beslut: alla böcker ses över.');
  await expectNoAxeViolations(their, "a goal's discussion");
  await dialog.getByRole('button', { name: 'Stäng' }).click();
  await expect(their.getByRole('button', { name: `Kommentarer och bilagor för ${names.goal} (1)` })).toBeVisible();

  // The manager of another unit reads, answers, and changes only what they wrote.
  const theirNeighbour = await signedIn(browser, neighbour);
  await theirNeighbour.goto(planUrl);
  await theirNeighbour.getByRole('button', { name: `Kommentarer och bilagor för ${names.goal} (1)` }).click();
  const seen = theirNeighbour.getByRole('dialog');
  await expect(seen.getByRole('link', { name: 'Protokoll APT.txt' })).toBeVisible();
  await expect(seen.getByRole('button', { name: `Bifoga fil till ${names.goal}` })).toHaveCount(0);
  await expect(seen.getByRole('button', { name: 'Ta bort Protokoll APT.txt' })).toHaveCount(0);
  await seen.getByLabel('Kommentar').fill('Vi har en lista med bra böcker – hör av er.');
  await seen.getByRole('button', { name: 'Skicka kommentaren' }).click();
  const mine = seen.getByRole('article').filter({ hasText: 'Vi har en lista med bra böcker' });
  await mine.getByRole('button', { name: 'Ändra kommentaren' }).click();
  await mine.getByLabel('Kommentar').fill('Vi har en lista med bra böcker – ring mig.');
  await mine.getByRole('button', { name: 'Spara ändringen' }).click();
  await expect(seen.getByText('Vi har en lista med bra böcker – ring mig.')).toBeVisible();
  await expect(seen.getByText(/ändrad/)).toBeVisible();
  await expectNoAxeViolations(theirNeighbour, 'the discussion for a reader');
  await seen.getByRole('button', { name: 'Stäng' }).click();
  const planSection = theirNeighbour.getByRole('region', { name: 'Kommentarer och bilagor' });
  const managersComment = planSection.getByRole('article').filter({ hasText: 'APT den 12 mars' });
  await expect(managersComment.getByRole('button')).toHaveCount(0);

  // The unit's manager removes the attachment after a confirmation.
  await their.reload();
  await their.getByRole('button', { name: `Kommentarer och bilagor för ${names.goal} (2)` }).click();
  await their.getByRole('dialog').getByRole('button', { name: 'Ta bort Protokoll APT.txt' }).click();
  const confirm = their.getByRole('dialog', { name: 'Ta bort filen?' });
  await confirm.getByRole('button', { name: 'Ta bort' }).click();
  await expect(their.getByRole('link', { name: 'Protokoll APT.txt' })).toHaveCount(0);
});

test('the discussion reads well on a phone', async ({ browser }) => {
  const their = await signedIn(browser, manager);
  await their.setViewportSize({ width: 375, height: 800 });
  await their.goto(planUrl);
  await expect(their.getByRole('region', { name: 'Kommentarer och bilagor' })).toBeVisible();
  await expectNoSidewaysScroll(their);
  await expectNoAxeViolations(their, 'a plan with its discussion on a phone');
  await their.getByRole('button', { name: `Kommentarer och bilagor för ${names.action} (0)` }).click();
  await expect(their.getByRole('dialog')).toBeVisible();
  await expectNoSidewaysScroll(their);
});
