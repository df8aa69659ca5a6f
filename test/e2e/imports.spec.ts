import { expect, test, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, run, signInAsAdmin } from './system-helpers.js';

/**
 * The employee import in the browser: upload an HR file (Windows-1252, semicolons, Swedish column
 * names), correct a column mapping, commit, follow the progress and see the result; a file with a
 * bad row cannot be committed; ambiguous dates are asked about and missing units created only when
 * chosen; axe finds no WCAG 2.1 AA violation on the history page or on an import's page, on a
 * desktop and on a 375 px phone.
 */

test.describe.configure({ mode: 'serial' });

// The database lives for the whole test run, shared by every spec: names and employee numbers carry
// this run's suffix, and differ from those the other specs make.
const names = {
  administration: `Vård- och omsorgsförvaltningen ${run}`,
  unit: `Hemtjänsten Norr ${run}`,
  newUnit: `Hemtjänsten Söder ${run}`,
};
const number = (n: number) => `I${run}-${String(n).padStart(5, '0')}`;

/** The administration and unit the files name, made through the API (the organisation pages have their own tests). */
async function ensureOrganisation(page: Page) {
  const headers = await csrf(page.request);
  const found = await (await page.request.get(`/api/administrations?q=${encodeURIComponent(names.administration)}`)).json();
  let administrationId: string = found.items[0]?.id;
  if (!administrationId) {
    const created = await page.request.post('/api/administrations', {
      headers,
      data: { name: names.administration, shortName: null, description: null },
    });
    expect(created.status(), await created.text()).toBe(201);
    administrationId = (await created.json()).id;
  }
  const units = await (await page.request.get(`/api/units?q=${encodeURIComponent(names.unit)}`)).json();
  if (units.items.length === 0) {
    const created = await page.request.post('/api/units', { headers, data: { administrationId, name: names.unit, code: null } });
    expect(created.status(), await created.text()).toBe(201);
  }
}

/** A CSV as an HR system exports it: Windows-1252 (å, ä and ö are single bytes), semicolons, CRLF. */
function windows1252(lines: string[]): Buffer {
  return Buffer.from(lines.join('\r\n') + '\r\n', 'latin1');
}

async function upload(page: Page, file: { name: string; buffer: Buffer }) {
  await page.goto('/employees/imports');
  await expect(page.getByRole('heading', { level: 1, name: 'Importera medarbetare' })).toBeVisible();
  // The file input is a button that opens the system's file chooser, as for a keyboard user.
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^Fil från HR-systemet/ }).press('Enter');
  await (await chooser).setFiles({ name: file.name, mimeType: 'text/csv', buffer: file.buffer });
  await expect(page.getByRole('button', { name: /^Fil från HR-systemet/ })).toContainText(file.name);
  await page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }).click();
  await expect(page).toHaveURL(/\/employees\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1, name: `Import: ${file.name}` })).toBeVisible();
}

/** A count card of the preview (new, changed, unchanged, ended, problems): its number. */
const count = (page: Page, label: string) =>
  page.locator('dt', { hasText: new RegExp(`^${label}$`) }).locator('xpath=following-sibling::dd[1]');

test('an administrator uploads an HR file, corrects a column, commits, and sees the progress and the result', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  await ensureOrganisation(page);

  // From the employees list, with the button beside "Ny medarbetare".
  await page.goto('/employees');
  await page.getByRole('link', { name: 'Importera från HR-systemet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importera medarbetare' })).toBeVisible();
  await expect(page.getByText('Filen är hela personalen: den som saknas i filen avslutas, men tas aldrig bort')).toBeVisible();
  await expectNoAxeViolations(page, 'the import history and upload form');

  // Choosing nothing is caught before anything is sent.
  await page.getByRole('button', { name: 'Ladda upp och förhandsgranska' }).click();
  await expect(page.getByText('Välj en fil.')).toBeVisible();

  // "Löpnummer" is no name the import knows: the employee number must be mapped by hand.
  const rows = 2500;
  const lines = ['Löpnummer;Förnamn;Efternamn;E-post;Förvaltning;Enhet;Befattning;Kön;Anställningsdatum;Slutdatum'];
  lines.push(`${number(1)};Åsa;Öberg;asa.${run}@example.se;${names.administration};${names.unit};Bibliotekarie;K;2024-03-01;`);
  for (let i = 2; i <= rows; i++)
    lines.push(`${number(i)};Björn;Ängström ${i};;${names.administration};${names.unit};Assistent;M;2020-01-15;`);
  const file = { name: `personal-${run}.csv`, buffer: windows1252(lines) };
  await upload(page, file);

  await expect(page.getByText('Windows-1252')).toBeVisible();
  await expect(page.getByText('Semikolon (;)')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'Obligatoriska kolumner saknas' })).toContainText('Anställningsnummer');
  await expect(page.getByRole('button', { name: 'Genomför importen' })).toBeDisabled();
  const employeeNumber = page.getByRole('combobox', { name: /^Anställningsnummer/ });
  await expect(employeeNumber).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'an import with a column to map');

  await employeeNumber.selectOption({ label: 'Löpnummer (kolumn 1)' });
  await expect(count(page, 'Nya')).toHaveText('2 500');
  await expect(count(page, 'Problem')).toHaveText('0');
  await expect(employeeNumber).not.toHaveAttribute('aria-invalid', 'true');
  // The new employees, with å, ä and ö read right from Windows-1252.
  await page.getByRole('tab', { name: 'Nya (2 500)' }).click();
  await expect(page.getByRole('table', { name: 'Nya medarbetare' })).toContainText('Åsa Öberg');
  await expect(page.getByText('Visar de första 500 av 2 500.')).toBeVisible();
  const commit = page.getByRole('button', { name: 'Genomför importen' });
  await expect(commit).toBeEnabled();
  await expectNoAxeViolations(page, 'an import ready to commit');

  await commit.click();
  // A commit of 2,500 rows may end within a moment: whether the progress bar was shown at all is
  // recorded in the page as it happens, not looked for afterwards.
  await page.evaluate(() => {
    const seen = window as unknown as { sawProgress: boolean };
    seen.sawProgress = false;
    new MutationObserver(() => {
      if (document.querySelector('[role="progressbar"]')) seen.sawProgress = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  const dialog = page.getByRole('dialog', { name: 'Genomföra importen?' });
  await expect(dialog).toContainText('2 500 nya medarbetare läggs till, 0 ändras och 0 avslutas.');
  await dialog.getByRole('button', { name: 'Genomför importen' }).click();

  // The progress, then the result, as the commit's answer reports them line by line; the focus
  // follows to what replaced the button.
  await expect(page.getByRole('heading', { level: 2, name: 'Resultat' })).toBeFocused({ timeout: 60_000 });
  expect(await page.evaluate(() => (window as unknown as { sawProgress: boolean }).sawProgress)).toBe(true);
  await expect(page.getByText('Importen är genomförd')).toBeVisible();
  await expect(page.getByText(/: 2\s500 nya, 0 ändrade och 0 avslutade medarbetare\./)).toBeVisible();
  await expectNoAxeViolations(page, 'a committed import');

  // Coming back to the page shows the same result; the history lists it.
  const url = page.url();
  await page.goto('/employees/imports');
  const row = page.getByRole('table', { name: 'Importhistorik' }).getByRole('row').filter({ hasText: file.name });
  await expect(row).toContainText('Genomförd');
  await expect(row).toContainText('2 500 nya');
  await expectNoAxeViolations(page, 'the import history');
  await row.getByRole('link', { name: file.name }).click();
  await expect(page).toHaveURL(url);
  await expect(page.getByText('Importen är genomförd')).toBeVisible();
  await page.getByRole('link', { name: 'Visa medarbetarna' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Medarbetare' })).toBeVisible();
  const found = await (await page.request.get(`/api/employees?q=${encodeURIComponent(number(1))}`)).json();
  expect(found.items.map((e: { firstName: string; lastName: string }) => `${e.firstName} ${e.lastName}`)).toEqual(['Åsa Öberg']);
});

test('a file with a bad row shows every problem and cannot be committed', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureOrganisation(page);
  const file = {
    name: `felaktig-${run}.csv`,
    buffer: windows1252([
      'Anställningsnummer;Förnamn;Efternamn;E-post;Förvaltning;Enhet;Anställningsdatum',
      `${number(90001)};Cia;Carlsson;cia.${run}@example.se;${names.administration};${names.unit};2021-01-01`,
      `${number(90002)};Dan;Dahl;inte-en-adress;${names.administration};${names.unit};2021-01-01`,
    ]),
  };
  await upload(page, file);
  await expect(count(page, 'Problem')).toHaveText('1');
  const problems = page.getByRole('table', { name: 'Problem i filen' });
  const problem = problems.getByRole('row').filter({ hasText: 'inte-en-adress' });
  await expect(problem).toContainText('3');
  await expect(problem).toContainText('E-postadress');
  await expect(problem).toContainText('Inte en e-postadress');
  await expect(page.getByText('Rätta problemet i filen och ladda upp den igen.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Genomför importen' })).toBeDisabled();
  await expectNoAxeViolations(page, 'an import with a bad row');

  // Stop: nothing is written, the file is gone.
  await page.getByRole('button', { name: 'Avbryt importen' }).click();
  await page.getByRole('dialog', { name: 'Avbryta importen?' }).getByRole('button', { name: 'Avbryt importen' }).click();
  await expect(page.getByText('Importen är avbruten')).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Resultat' })).toBeFocused();
  const found = await (await page.request.get(`/api/employees?q=${encodeURIComponent(number(90001))}`)).json();
  expect(found.total).toBe(0);
});

test('ambiguous dates are asked about, and a missing unit is created only when chosen', async ({ page }) => {
  await signInAsAdmin(page);
  await ensureOrganisation(page);
  const file = {
    name: `datum-${run}.csv`,
    buffer: windows1252([
      'Anställningsnummer;Förnamn;Efternamn;Förvaltning;Enhet;Anställningsdatum',
      `${number(80001)};Ida;Isaksson;${names.administration};${names.newUnit};1/3/2024`,
      `${number(80002)};Jan;Jansson;${names.administration};${names.unit};2/4/2020`,
    ]),
  };
  await upload(page, file);
  const dates = page.getByRole('radiogroup', { name: /Hur är datumen skrivna/ });
  await expect(dates).toContainText('1/3/2024 läses som 1 mars 2024');
  await expect(dates).toContainText('1/3/2024 läses som 3 januari 2024');
  await expect(page.getByText('Välj datumformat.')).toBeVisible();
  await expectNoAxeViolations(page, 'an import asking for the date format');

  // Until the dates can be read there is nothing to compare; then the unknown unit shows.
  await page.getByRole('radio', { name: 'Dag först (D/M/ÅÅÅÅ)' }).check();
  await expect(page.getByText('Välj datumformat.')).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Enheter som inte finns' })).toContainText(names.newUnit);
  await expect(page.getByRole('button', { name: 'Genomför importen' })).toBeDisabled();
  await expectNoAxeViolations(page, 'an import with a missing unit');
  await page.getByRole('checkbox', { name: /^Skapa enheterna/ }).check();
  await expect(page.getByRole('button', { name: 'Genomför importen' })).toBeEnabled();
  await page.getByRole('button', { name: 'Genomför importen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Genomföra importen?' });
  await expect(dialog).toContainText('1 ny enhet skapas.');
  await dialog.getByRole('button', { name: 'Genomför importen' }).click();
  await expect(page.getByText('Importen är genomförd')).toBeVisible({ timeout: 60_000 });
  const employee = (await (await page.request.get(`/api/employees?q=${encodeURIComponent(number(80001))}`)).json()).items[0];
  expect(employee).toMatchObject({ startDate: '2024-03-01', unitName: names.newUnit });
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the history and an import pass axe and do not scroll sideways', async ({ page }) => {
    await signInAsAdmin(page);
    await ensureOrganisation(page);
    await page.goto('/employees/imports');
    await expect(page.getByRole('heading', { level: 1, name: 'Importera medarbetare' })).toBeVisible();
    await expectNoAxeViolations(page, 'the import history on a phone');
    await expectNoSidewaysScroll(page);
    await upload(page, {
      name: `mobil-${run}.csv`,
      buffer: windows1252([
        'Anställningsnummer;Förnamn;Efternamn;E-post;Förvaltning;Enhet;Anställningsdatum',
        `${number(70001)};Kim;Karlsson;fel;${names.administration};${names.unit};2021-01-01`,
      ]),
    });
    await expect(page.getByRole('table', { name: 'Problem i filen' })).toContainText('Inte en e-postadress');
    await expectNoAxeViolations(page, 'an import with a problem on a phone');
    await expectNoSidewaysScroll(page);
  });
});
