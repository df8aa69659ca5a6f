import { expect, test, type Locator, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin as signIn } from './system-helpers.js';

/**
 * The organisation pages: an administrator sets up an administration, a unit and an employee,
 * moves the employee and sees the unit history; the lists keep their state in the address; the UI
 * switches to English; and axe finds no WCAG 2.1 AA violation on any page, list, detail or open form,
 * on a desktop and on a 375 px phone.
 */

// The database lives as long as the whole test run, shared by every spec: names carry the run's suffix,
// and differ from those the other specs make.
const names = {
  administration: `Samhällsbyggnadsförvaltningen ${run}`,
  shortName: `SBF${run}`.slice(0, 10),
  unit: `Fritidsgården Järven ${run}`,
  otherUnit: `Parkavdelningen ${run}`,
  employeeNumber: `E${run}`,
};

test.describe.configure({ mode: 'serial' });

const dialog = (page: Page) => page.getByRole('dialog');

/** Types a date as a keyboard user does, and moves on (which closes the calendar). */
async function fillDate(input: Locator, value: string) {
  await input.fill(value);
  await input.press('Tab');
}

/** Picks an option in a Mantine select, in the open dialog, that searches as one types. */
async function choose(page: Page, label: string, search: string, option: string | RegExp) {
  const input = dialog(page).getByRole('combobox', { name: label, exact: true });
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: option }).first().click();
}

test('an administrator builds the organisation, moves an employee and sees the history', async ({ page }) => {
  // A long walk through the three features with an axe scan at every step.
  test.setTimeout(180_000);
  await signIn(page);
  // A process leader leads one administration: this run's gets a person of its own.
  const leader = { name: `Pelle Processledare ${run}`, email: `pelle.${run}@example.se`, password: 'pelles long password' };
  expect((await page.request.post('/api/users', { headers: await csrf(page.request), data: leader })).status()).toBe(201);

  // Administrations: list, form, detail.
  await page.goto('/administrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Förvaltningar' })).toBeVisible();
  await expectNoAxeViolations(page, 'the administrations list');
  // By keyboard: the form opens with the first field focused, Escape closes it and focus returns.
  await page.getByRole('button', { name: 'Ny förvaltning' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog(page).getByRole('textbox', { name: 'Namn', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ny förvaltning' })).toBeFocused();
  await page.getByRole('button', { name: 'Ny förvaltning' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Ny förvaltning' })).toBeVisible();
  await expectNoAxeViolations(page, 'the new administration form');
  // The contract's validation, beside the field, before anything is sent.
  await dialog(page).getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog(page).getByRole('textbox', { name: 'Namn', exact: true })).toHaveAttribute('aria-invalid', 'true');
  await dialog(page).getByRole('textbox', { name: 'Namn', exact: true }).fill(names.administration);
  await dialog(page).getByRole('textbox', { name: 'Kortnamn', exact: true }).fill(names.shortName);
  await choose(page, 'Processledare', leader.email, new RegExp(leader.email));
  await dialog(page).getByRole('button', { name: 'Skapa' }).click();
  await expect(page).toHaveURL(/\/administrations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: names.administration })).toBeVisible();
  await expect(page.getByText(leader.name)).toBeVisible();
  await expectNoAxeViolations(page, 'the administration page');

  // A unit, created from the administration's page.
  await page.getByRole('button', { name: 'Ny enhet' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Ny enhet' })).toBeVisible();
  await expectNoAxeViolations(page, 'the new unit form');
  await dialog(page).getByRole('textbox', { name: 'Namn', exact: true }).fill(names.unit);
  await dialog(page).getByRole('textbox', { name: 'Kod', exact: true }).fill(`P${run}`);
  await dialog(page).getByRole('checkbox', { name: 'Arbetar med barn och unga' }).check();
  await dialog(page).getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog(page)).toHaveCount(0);
  // It is listed among the administration's units; its own page is one link away.
  await page.getByRole('table', { name: 'Enheter' }).getByRole('link', { name: names.unit }).click();
  await expect(page).toHaveURL(/\/units\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: names.unit })).toBeVisible();
  await expectNoAxeViolations(page, 'the unit page');

  // A second unit, from the units list, choosing the administration.
  await page.goto('/units');
  await expectNoAxeViolations(page, 'the units list');
  await page.getByRole('button', { name: 'Ny enhet' }).click();
  await choose(page, 'Förvaltning', names.administration.slice(0, 12), names.administration);
  await dialog(page).getByRole('textbox', { name: 'Namn', exact: true }).fill(names.otherUnit);
  await dialog(page).getByRole('button', { name: 'Skapa' }).click();
  await expect(page.getByRole('heading', { level: 1, name: names.otherUnit })).toBeVisible();

  // An employee.
  await page.goto('/employees');
  await expectNoAxeViolations(page, 'the employees list');
  await page.getByRole('button', { name: 'Ny medarbetare' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Ny medarbetare' })).toBeVisible();
  await expect(dialog(page).getByText('Används bara i statistik på gruppnivå')).toBeVisible();
  await expectNoAxeViolations(page, 'the new employee form');
  await dialog(page).getByRole('textbox', { name: 'Anställningsnummer', exact: true }).fill(names.employeeNumber);
  await dialog(page).getByRole('textbox', { name: 'Förnamn', exact: true }).fill('Kim');
  await dialog(page).getByRole('textbox', { name: 'Efternamn', exact: true }).fill(`Lind ${run}`);
  await dialog(page).getByRole('textbox', { name: 'E-postadress', exact: true }).fill(`kim.lind.${run}@example.se`);
  await choose(page, 'Enhet', names.unit, new RegExp(names.unit));
  await dialog(page).getByRole('textbox', { name: 'Befattning', exact: true }).fill('Fritidsledare');
  await fillDate(dialog(page).getByRole('textbox', { name: 'Startdatum', exact: true }), '2024-01-15');
  await dialog(page).getByRole('radio', { name: 'Kvinna' }).check();
  await dialog(page).getByRole('button', { name: 'Skapa' }).click();
  await expect(page).toHaveURL(/\/employees\/[0-9a-f-]{36}$/);
  const employeeUrl = page.url();
  await expect(page.getByRole('heading', { level: 1, name: `Kim Lind ${run}` })).toBeVisible();
  await expect(page.getByText('2024-01-15').first()).toBeVisible();
  await expectNoAxeViolations(page, 'the employee page');

  // The same employee number again: the server's answer stands beside the field.
  await page.goto('/employees');
  await page.getByRole('button', { name: 'Ny medarbetare' }).click();
  await dialog(page).getByRole('textbox', { name: 'Anställningsnummer', exact: true }).fill(names.employeeNumber);
  await dialog(page).getByRole('textbox', { name: 'Förnamn', exact: true }).fill('Alex');
  await dialog(page).getByRole('textbox', { name: 'Efternamn', exact: true }).fill('Berg');
  await choose(page, 'Enhet', names.unit, new RegExp(names.unit));
  await dialog(page).getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog(page).getByRole('textbox', { name: 'Anställningsnummer', exact: true })).toHaveAccessibleDescription(
    /Anställningsnumret används redan/,
  );
  await expectNoAxeViolations(page, 'the employee form with a server error');
  await dialog(page).getByRole('button', { name: 'Avbryt' }).click();

  // Move the employee to the other unit from a date: the history keeps both units.
  await page.goto(employeeUrl);
  await page.getByRole('button', { name: 'Ändra' }).click();
  await expect(dialog(page).getByRole('heading', { name: 'Ändra medarbetare' })).toBeVisible();
  await choose(page, 'Enhet', names.otherUnit, new RegExp(names.otherUnit));
  const movedOn = dialog(page).getByRole('textbox', { name: 'Flyttas från och med', exact: true });
  await expect(movedOn).toBeVisible();
  await expectNoAxeViolations(page, 'the employee form during a move');
  await fillDate(movedOn, '2025-03-01');
  await dialog(page).getByRole('button', { name: 'Spara' }).click();
  await expect(dialog(page)).toHaveCount(0);
  const history = page.getByRole('table', { name: 'Enheter över tid' });
  await expect(history.getByRole('row')).toHaveCount(3);
  await expect(history.getByRole('row').nth(1)).toContainText(names.unit);
  await expect(history.getByRole('row').nth(1)).toContainText('2024-01-15');
  await expect(history.getByRole('row').nth(1)).toContainText('2025-02-28');
  await expect(history.getByRole('row').nth(2)).toContainText(names.otherUnit);
  await expect(history.getByRole('row').nth(2)).toContainText('2025-03-01');
  await expect(history.getByRole('row').nth(2)).toContainText('Nu');
  await expectNoAxeViolations(page, 'the employee page after a move');

  // Ending the employment is setting its last day; it can be undone.
  await page.getByRole('button', { name: 'Avsluta anställningen' }).click();
  await expectNoAxeViolations(page, 'the end-of-employment form');
  await fillDate(dialog(page).getByRole('textbox', { name: 'Slutdatum', exact: true }), '2025-12-31');
  await dialog(page).getByRole('button', { name: 'Avsluta anställningen' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByText('Avslutad', { exact: true })).toBeVisible();
  await expect(page.getByText('2025-12-31')).toBeVisible();
  await page.getByRole('button', { name: 'Ångra avslutet' }).click();
  await dialog(page).getByRole('button', { name: 'Ångra avslutet' }).click();
  await expect(page.getByText('Tills vidare', { exact: true })).toBeVisible();
  await expect(page.getByText('Anställd', { exact: true })).toBeVisible();

  // Closing an administration that has active units: the server's 409 is shown plainly.
  await page.getByRole('link', { name: names.administration }).first().click();
  await page.getByRole('button', { name: 'Stäng förvaltningen' }).click();
  await expectNoAxeViolations(page, 'the close-administration dialog');
  await dialog(page).getByRole('button', { name: 'Stäng förvaltningen' }).click();
  await expect(dialog(page).getByRole('alert')).toContainText('Förvaltningen har enheter som är aktiva');
  await expectNoAxeViolations(page, 'the close-administration dialog with the conflict');
  await dialog(page).getByRole('button', { name: 'Avbryt' }).click();
});

test('lists keep search, filters, sorting and paging in the address', async ({ page }) => {
  await signIn(page);
  await page.goto('/employees');
  await page.getByLabel('Sök på namn, e-post eller anställningsnummer').fill(names.employeeNumber);
  await expect(page).toHaveURL(new RegExp(`q=${names.employeeNumber}`));
  await expect(page.getByRole('table', { name: 'Medarbetare' }).getByRole('link', { name: `Lind ${run}, Kim` })).toBeVisible();
  await page.getByRole('button', { name: /^Anställningsnummer/ }).click();
  await expect(page).toHaveURL(/sort=employeeNumber/);
  await page.getByLabel('Anställning', { exact: true }).selectOption('all');
  await expect(page).toHaveURL(/status=all/);
  // Reloading keeps the list as it was.
  await page.reload();
  await expect(page.getByLabel('Sök på namn, e-post eller anställningsnummer')).toHaveValue(names.employeeNumber);
  await expect(page.getByLabel('Anställning', { exact: true })).toHaveValue('all');

  await page.goto('/units');
  await page.getByLabel('Arbetar med barn och unga').selectOption('true');
  await expect(page).toHaveURL(/worksWithChildren=true/);
  await expect(page.getByRole('link', { name: names.unit })).toBeVisible();
  await expect(page.getByRole('link', { name: names.otherUnit })).toHaveCount(0);

  await page.goto('/administrations?status=all');
  await expect(page.getByLabel('Status')).toHaveValue('all');
  await page.getByRole('button', { name: /^Namn/ }).click();
  await expect(page).toHaveURL(/sort=-name/);
});

test('the organisation pages switch to English', async ({ page }) => {
  await signIn(page);
  await page.goto('/employees');
  await expect(page.getByRole('heading', { level: 1, name: 'Medarbetare' })).toBeVisible();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Employees' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Search by name, email or employee number')).toBeVisible();
  await expectNoAxeViolations(page, 'the employees list in English');

  await page.getByLabel('Search by name, email or employee number').fill(names.employeeNumber);
  await page.getByRole('link', { name: `Lind ${run}, Kim` }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Units over time' })).toBeVisible();
  await expect(page.getByText('Job title')).toBeVisible();
  await expectNoAxeViolations(page, 'the employee page in English');

  await page.goto('/units');
  await expect(page.getByRole('heading', { level: 1, name: 'Units' })).toBeVisible();
  await page.goto('/administrations');
  await expect(page.getByRole('heading', { level: 1, name: 'Administrations' })).toBeVisible();
  await page.getByRole('button', { name: 'New administration' }).click();
  await expect(dialog(page).getByRole('combobox', { name: 'Process leader' })).toBeVisible();
  await expectNoAxeViolations(page, 'the administration form in English');
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('Svenska', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Förvaltningar' })).toBeVisible();
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('every organisation page, list, detail and form, passes axe', async ({ page }) => {
    // Nine pages and forms, each scanned by axe: more than the default 30 s on a busy machine.
    test.setTimeout(120_000);
    await signIn(page);
    for (const [path, heading, create] of [
      ['/administrations', 'Förvaltningar', 'Ny förvaltning'],
      ['/units', 'Enheter', 'Ny enhet'],
      ['/employees', 'Medarbetare', 'Ny medarbetare'],
    ] as const) {
      await page.goto(`${path}?status=all`);
      await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
      // Nothing wider than the screen but the tables, which scroll on their own.
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page, `${path} on a phone`);
      await page.getByRole('button', { name: create }).click();
      await expect(dialog(page)).toBeVisible();
      await expectNoAxeViolations(page, `the form on ${path} on a phone`);
      await dialog(page).getByRole('button', { name: 'Avbryt' }).click();
      // The first record's page.
      await page.getByRole('table').getByRole('link').first().click();
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, `a record from ${path} on a phone`);
    }
  });
});

test('a unit manager changes only their own unit, and not its manager, administration or status', async ({ page, browser }) => {
  await signIn(page);
  const headers = await csrf(page.request);
  const units = await (await page.request.get(`/api/units?q=${encodeURIComponent(run)}&pageSize=50`)).json();
  const own = units.items.find((u: { name: string }) => u.name === names.unit);
  const other = units.items.find((u: { name: string }) => u.name === names.otherUnit);
  const manager = { name: `Ulla Enhetschef ${run}`, email: `ulla.${run}@example.se`, password: 'ullas long password' };
  const created = await page.request.post('/api/users', {
    headers,
    data: { ...manager, roles: [{ role: 'unit_manager', unitId: own.id }] },
  });
  expect(created.status()).toBe(201);

  const context = await browser.newContext();
  const their = await context.newPage();
  await logIn(their, manager.email, manager.password);
  await their.waitForURL((url) => !url.pathname.startsWith('/login'));

  await their.goto('/units');
  await expect(their.getByRole('heading', { level: 1, name: 'Enheter' })).toBeVisible();
  await expect(their.getByRole('button', { name: 'Ny enhet' })).toHaveCount(0);

  await their.goto(`/units/${other.id}`);
  await expect(their.getByRole('heading', { level: 1, name: names.otherUnit })).toBeVisible();
  await expect(their.getByRole('button', { name: 'Ändra' })).toHaveCount(0);

  await their.goto(`/units/${own.id}`);
  await expect(their.getByRole('heading', { level: 1, name: names.unit })).toBeVisible();
  await expect(their.getByRole('button', { name: 'Stäng enheten' })).toHaveCount(0);
  await their.getByRole('button', { name: 'Ändra' }).click();
  // Those who may not read the users see the manager, and the administration, read-only.
  await expect(dialog(their).getByRole('textbox', { name: 'Enhetschef' })).toHaveAttribute('readonly', '');
  await expect(dialog(their).getByRole('textbox', { name: 'Förvaltning' })).toHaveAttribute('readonly', '');
  await expectNoAxeViolations(their, 'the unit form for a unit manager');
  await dialog(their).getByRole('textbox', { name: 'Kod', exact: true }).fill(`Q${run}`);
  await dialog(their).getByRole('button', { name: 'Spara' }).click();
  await expect(dialog(their)).toHaveCount(0);
  await expect(their.getByText(`Q${run}`, { exact: true })).toBeVisible();
  await context.close();
});
