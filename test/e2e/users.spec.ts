import { expect, test, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

const person = { name: `Pia Processledare ${run}`, email: `pia.${run}@example.se`, password: 'pias long password' };
const administrationName = `Bildningsförvaltningen ${run}`;

/** An administration to lead, made through the API (the organisation pages have their own tests). */
async function ensureAdministration(page: Page) {
  const found = await (await page.request.get(`/api/administrations?q=${encodeURIComponent(administrationName)}`)).json();
  if (found.items.length > 0) return;
  const response = await page.request.post('/api/administrations', {
    data: { name: administrationName, shortName: null, description: null, processLeaderUserId: null },
    headers: await csrf(page.request),
  });
  expect(response.status(), await response.text()).toBeLessThan(300);
}

test('an administrator creates a user with a scoped role, and the user logs in', async ({ page, browser }) => {
  // Two people, several logins (argon2 on purpose slow) and axe scans: more than the default 30 s.
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  await ensureAdministration(page);

  await page.goto('/users');
  await expect(page.getByRole('heading', { level: 1, name: 'Användare och roller' })).toBeVisible();
  await expectNoAxeViolations(page, 'the users list');
  await page.getByRole('link', { name: 'Ny användare' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny användare' })).toBeVisible();

  // The contract's rules beside the fields, before anything is sent: a process leader needs an administration.
  await page.getByRole('checkbox', { name: /^Processledare/ }).check();
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByLabel('Namn')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Rollen processledare kräver en förvaltning.')).toBeVisible();
  await expectNoAxeViolations(page, 'the new user form with errors');

  await page.getByLabel('Namn').fill(person.name);
  await page.getByLabel('E-postadress').fill(person.email);
  await page.getByLabel('Första lösenord').fill(person.password);
  const administration = page.getByRole('combobox', { name: 'Processledare för förvaltning' });
  await administration.click();
  await administration.fill(administrationName);
  await page.getByRole('option', { name: administrationName }).click();
  await page.getByRole('button', { name: 'Skapa användare' }).click();

  await expect(page.getByRole('heading', { level: 1, name: `Användare: ${person.name}` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Processledare för förvaltning' })).toHaveValue(administrationName);
  await expectNoAxeViolations(page, 'the user page');

  // The list finds them, and keeps its search and filters in the address.
  await page.goto('/users');
  await page.getByRole('searchbox', { name: 'Sök' }).fill(person.email);
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(person.email).replace(/\./g, '\\.')}`));
  await page.getByRole('combobox', { name: 'Roll' }).click();
  await page.getByRole('option', { name: 'Processledare' }).click();
  await expect(page).toHaveURL(/role=process_leader/);
  const row = page.getByRole('table', { name: 'Användare' }).getByRole('row').filter({ hasText: person.name });
  await expect(row).toContainText(`Processledare – ${administrationName}`);
  await page.reload();
  await expect(page.getByRole('searchbox', { name: 'Sök' })).toHaveValue(person.email);
  await expect(row).toBeVisible();

  // The new user logs in, in a browser of their own.
  const theirs = await browser.newContext();
  const their = await theirs.newPage();
  await logIn(their, person.email, person.password);
  await expect(their.getByRole('heading', { level: 1, name: `Välkommen, ${person.name}` })).toBeVisible();
  await their.goto('/account');
  await expect(their.getByRole('listitem').filter({ hasText: `Processledare – ${administrationName}` })).toBeVisible();
  // Users and roles are for administrators only.
  await expect(their.getByRole('link', { name: 'Användare och roller' })).toHaveCount(0);
  await their.goto('/users');
  await expect(their.getByRole('heading', { level: 1, name: 'Användare och roller' })).toBeVisible();
  await expect(their.getByText('Den här sidan är för administratörer.', { exact: false })).toBeVisible();
  await expect(their.getByRole('table')).toHaveCount(0);

  // Deactivating ends their sessions at once.
  await page.getByRole('link', { name: person.name }).click();
  await page.getByRole('button', { name: 'Avaktivera' }).click();
  const dialog = page.getByRole('dialog', { name: `Avaktivera ${person.name}?` });
  await expect(dialog).toContainText('loggas ut direkt');
  await expectNoAxeViolations(page, 'the deactivate dialog');
  await dialog.getByRole('button', { name: 'Avaktivera' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Avaktiverad', { exact: true })).toBeVisible();
  expect((await their.request.get('/api/auth/me')).status()).toBe(401);
  await logIn(their, person.email, person.password);
  await expect(their.getByText('Kontot är avaktiverat. Kontakta en administratör.')).toBeVisible();

  // Reactivated, they can log in again.
  await page.getByRole('button', { name: 'Aktivera igen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Aktivera igen' }).click();
  await expect(page.getByText('Aktiv', { exact: true })).toBeVisible();
  await logIn(their, person.email, person.password);
  await expect(their.getByRole('heading', { level: 1, name: `Välkommen, ${person.name}` })).toBeVisible();
  await theirs.close();
});

test('the server’s errors appear beside the fields: an email address in use, an administration already led', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureAdministration(page);
  await page.goto('/users/new');
  await page.getByLabel('Namn').fill(`Någon annan ${run}`);
  await page.getByLabel('E-postadress').fill(person.email);
  await page.getByLabel('Första lösenord').fill('another long password');
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByText('E-postadressen används redan av en annan användare.')).toBeVisible();
  await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('E-postadress').fill(`nagon.${run}@example.se`);
  await page.getByRole('checkbox', { name: /^Processledare/ }).check();
  const administration = page.getByRole('combobox', { name: 'Processledare för förvaltning' });
  await administration.click();
  await administration.fill(administrationName);
  await page.getByRole('option', { name: administrationName }).click();
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByText('Förvaltningen har redan en processledare.')).toBeVisible();
  await expect(administration).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'the new user form with server errors');
});

test('an administrator links a user to their employee record, once: a second link is refused beside the field', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await signInAsAdmin(page);
  await ensureAdministration(page);
  // An employee in a unit of their own, made through the API (the organisation pages have their own tests).
  const headers = await csrf(page.request);
  const administrationId = (
    await (await page.request.get(`/api/administrations?q=${encodeURIComponent(administrationName)}`)).json()
  ).items[0].id;
  const unitName = `Kopplingsgården ${run}`;
  const unit = await page.request.post('/api/units', { headers, data: { administrationId, name: unitName, code: null } });
  expect(unit.status(), await unit.text()).toBe(201);
  const employee = { employeeNumber: `K${run}`, firstName: 'Kim', lastName: `Kopplad ${run}` };
  const created = await page.request.post('/api/employees', {
    headers,
    data: { ...employee, unitId: (await unit.json()).id, startDate: '2024-01-01' },
  });
  expect(created.status(), await created.text()).toBe(201);
  const label = `${employee.lastName}, ${employee.firstName} (${employee.employeeNumber}, ${unitName})`;

  async function newUserLinked(name: string, email: string) {
    await page.goto('/users/new');
    await expect(page.getByRole('heading', { level: 1, name: 'Ny användare' })).toBeVisible();
    await page.getByLabel('Namn').fill(name);
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Första lösenord').fill('a long enough password');
    await page.getByRole('checkbox', { name: /^Medarbetare/ }).check();
    const select = page.getByRole('combobox', { name: 'Kopplad till medarbetare' });
    await select.click();
    // Searched on the server, by employee number as well as by name.
    await select.fill(employee.employeeNumber);
    await expect(page.getByRole('option', { name: label })).toBeVisible();
    // The first 50 are listed until the search answers; the search finds only Kim.
    await expect(page.getByRole('option')).toHaveCount(1);
    return select;
  }

  const kim = { name: `Kim Kopplad ${run}`, email: `kim.${run}@example.se` };
  await newUserLinked(kim.name, kim.email);
  await expectNoAxeViolations(page, 'the new user form with the employee select open');
  await page.getByRole('option', { name: label }).click();
  // Kim manages the unit they work in, too: its units are chosen among those searched.
  await page.getByRole('checkbox', { name: /^Enhetschef/ }).check();
  const units = page.getByRole('combobox', { name: 'Enhetschef för enheter' });
  await units.click();
  await units.fill(unitName);
  await page.getByRole('option', { name: `${unitName} (${administrationName})` }).click();
  await page.getByRole('button', { name: 'Skapa användare' }).click();

  // The edit page names the employee linked, read by its id.
  await expect(page.getByRole('heading', { level: 1, name: `Användare: ${kim.name}` })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Kopplad till medarbetare' })).toHaveValue(label);
  // The unit stays chosen, as a pill named like its option.
  await expect(page.getByText(`${unitName} (${administrationName})`, { exact: true }).first()).toBeVisible();

  // A second account for the same person: the server's answer beside the field, not in an alert as well.
  const select = await newUserLinked(`Kim igen ${run}`, `kim.igen.${run}@example.se`);
  await page.getByRole('option', { name: label }).click();
  await page.getByRole('button', { name: 'Skapa användare' }).click();
  await expect(page.getByText('Medarbetaren är redan kopplad till ett annat användarkonto.')).toHaveCount(1);
  await expect(select).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the new user form with the employee already linked');
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the users pages pass axe and do not scroll sideways', async ({ page }) => {
    await signInAsAdmin(page);
    for (const path of ['/users', '/users/new']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, `${path} on a phone`);
      await expectNoSidewaysScroll(page);
    }
    await page.goto('/users');
    await page.getByRole('table', { name: 'Användare' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: /^Användare: / })).toBeVisible();
    await expectNoAxeViolations(page, 'a user page on a phone');
    await expectNoSidewaysScroll(page);
  });
});
