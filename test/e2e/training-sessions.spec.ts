import { expect, test, type Locator, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

const coordinator = { name: `Cia Samordnare ${run}`, email: `cia.${run}@example.se`, password: 'cias long password' };
const trainer = { name: `Tove Utbildare ${run}`, email: `tove.${run}@example.se`, password: 'toves long password' };
const courseName = `HBTQ-certifiering ${run}`;
// Next year, so that the session is upcoming whenever the test runs.
const year = new Date().getFullYear() + 1;

const dialog = (page: Page) => page.getByRole('dialog');
/** The session planned by the first test, for the phone test. */
let sessionUrl = '';

/** Types a date as a keyboard user does, and moves on (which closes the calendar). */
async function fillDate(input: Locator, value: string) {
  await input.fill(value);
  await input.press('Tab');
}

/** Picks an option of a Mantine select in the open dialog. */
async function choose(page: Page, label: string, option: string) {
  const input = dialog(page).getByRole('combobox', { name: label, exact: true });
  await input.click();
  await page.getByRole('listbox', { name: label }).getByRole('option', { name: option, exact: true }).click();
}

test('a coordinator creates a course, plans a two-part session, changes its capacity and finds it in the list', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const headers = await csrf(page.request);
  for (const [person, role] of [
    [coordinator, 'training_coordinator'],
    [trainer, 'trainer'],
  ] as const) {
    const created = await page.request.post('/api/users', { headers, data: { ...person, roles: [{ role }] } });
    expect(created.status(), await created.text()).toBe(201);
  }

  const context = await browser.newContext();
  const their = await context.newPage();
  await logIn(their, coordinator.email, coordinator.password);
  await their.waitForURL((url) => !url.pathname.endsWith('/login'));

  // Courses: the list, then a new course with every field.
  await their.getByRole('navigation', { name: 'Huvudmeny' }).first().getByRole('link', { name: 'Kurser', exact: true }).click();
  // Off the menu: an active menu item under the pointer is a hover state, not what the page shows.
  await their.mouse.move(900, 700);
  await expect(their.getByRole('heading', { level: 1, name: 'Kurser' })).toBeVisible();
  await expectNoAxeViolations(their, 'the courses list');
  await their.getByRole('button', { name: 'Ny kurs' }).click();
  await expect(dialog(their).getByRole('textbox', { name: 'Namn' })).toBeFocused();
  // The contract's rules beside the fields, before anything is sent.
  await dialog(their).getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog(their).getByRole('textbox', { name: 'Namn' })).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(their, 'the course form with errors');
  await dialog(their).getByRole('textbox', { name: 'Namn' }).fill(courseName);
  await dialog(their).getByRole('textbox', { name: 'Beskrivning' }).fill('Fyra halvdagar med RFSL.');
  await choose(their, 'Ämne', 'HBTQ');
  await choose(their, 'Nivå', 'Certifieringsutbildning');
  await dialog(their).getByRole('textbox', { name: 'Timmar' }).fill('7');
  await dialog(their).getByRole('textbox', { name: 'Utbildningsanordnare' }).fill('RFSL');
  await dialog(their).getByRole('textbox', { name: 'Repetera efter antal år' }).fill('3');
  await dialog(their).getByRole('checkbox', { name: 'Erbjuds varje år' }).check();
  await dialog(their).getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog(their)).toHaveCount(0);
  await their.getByRole('searchbox', { name: 'Sök kurs' }).fill(courseName);
  const courseRow = their.getByRole('table', { name: 'Kurser' }).getByRole('row').filter({ hasText: courseName });
  await expect(courseRow).toContainText('RFSL');
  await expect(courseRow).toContainText('80 %');

  // From the course to its sessions, and a session in two parts.
  await courseRow.getByRole('link', { name: `Tillfällen för ${courseName}` }).click();
  await expect(their.getByRole('heading', { level: 1, name: 'Utbildningstillfällen' })).toBeVisible();
  await expect(their).toHaveURL(/courseId=/);
  // The list filtered by the course (other tests' sessions may fill the first page of all upcoming ones).
  const listUrl = their.url();
  await expectNoAxeViolations(their, 'the sessions list');
  await their.getByRole('button', { name: 'Planera tillfälle' }).click();
  await expect(dialog(their).getByRole('combobox', { name: 'Kurs', exact: true })).toHaveValue(courseName);
  await dialog(their).getByRole('textbox', { name: 'Rubrik' }).fill('Våren');
  await dialog(their).getByRole('textbox', { name: 'Antal platser' }).fill('12');
  const part1 = dialog(their).getByRole('group', { name: 'Pass 1' });
  await fillDate(part1.getByRole('textbox', { name: 'Datum' }), `${year}-04-14`);
  await part1.getByLabel('Starttid').fill('08:30');
  await part1.getByLabel('Sluttid').fill('12:00');
  await part1.getByRole('textbox', { name: 'Plats' }).fill('Stadshuset');
  await dialog(their).getByRole('button', { name: 'Lägg till pass' }).click();
  const part2 = dialog(their).getByRole('group', { name: 'Pass 2' });
  // The new part starts with the times and place of the one before.
  await expect(part2.getByRole('textbox', { name: 'Plats' })).toHaveValue('Stadshuset');
  await fillDate(part2.getByRole('textbox', { name: 'Datum' }), `${year}-04-21`);
  await part2.getByLabel('Sluttid').fill('08:00');
  await dialog(their).getByRole('button', { name: 'Planera tillfälle' }).click();
  await expect(part2.getByText('Sluttiden måste vara efter starttiden.')).toBeVisible();
  await part2.getByLabel('Sluttid').fill('12:00');
  const trainers = dialog(their).getByLabel('Utbildare', { exact: true });
  await trainers.click();
  await their.getByRole('option', { name: trainer.name }).click();
  await their.keyboard.press('Escape');
  await expectNoAxeViolations(their, 'the session form');
  await dialog(their).getByRole('button', { name: 'Planera tillfälle' }).click();

  // The session's page: derived dates and hours, the parts, the trainer, links onwards.
  await expect(their.getByRole('heading', { level: 1, name: `${courseName} – Våren` })).toBeVisible();
  const parts = their.getByRole('table', { name: 'Pass' });
  await expect(parts.getByRole('row')).toHaveCount(3);
  await expect(parts.getByRole('row').nth(1)).toContainText('08:30–12:00');
  await expect(parts.getByRole('row').nth(2)).toContainText(`${year}-04-21`);
  await expect(their.getByText('7 h', { exact: true })).toBeVisible();
  await expect(their.getByText(trainer.name)).toBeVisible();
  await expect(their.getByRole('link', { name: 'Deltagare och väntelista' })).toHaveAttribute(
    'href',
    /\/training-sessions\/.+\/participants$/,
  );
  await expect(their.getByRole('link', { name: 'Närvaro' })).toHaveAttribute('href', /\/training-sessions\/.+\/attendance$/);
  await expectNoAxeViolations(their, 'the session page');

  // A larger capacity.
  await their.getByRole('button', { name: 'Ändra', exact: true }).click();
  await dialog(their).getByRole('textbox', { name: 'Antal platser' }).fill('25');
  await dialog(their).getByRole('button', { name: 'Spara' }).click();
  await expect(dialog(their)).toHaveCount(0);
  const capacity = their.locator('dl > div').filter({ has: their.getByText('Antal platser', { exact: true }) });
  await expect(capacity).toContainText('25');

  sessionUrl = their.url();

  // The list of upcoming sessions shows it, with its seats.
  await their.goto(listUrl);
  const row = their.getByRole('table', { name: 'Utbildningstillfällen' }).getByRole('row').filter({ hasText: courseName });
  await expect(row).toContainText('0 av 25');
  await expect(row).toContainText('Planerat');
  await row.getByRole('link').click();
  await expect(their.getByRole('heading', { level: 1, name: `${courseName} – Våren` })).toBeVisible();

  // The training settings.
  await their.goto('/training-settings');
  await expect(their.getByRole('heading', { level: 1, name: 'Inställningar för utbildning' })).toBeVisible();
  await expect(their.getByRole('table', { name: 'Nivåer' }).getByRole('row')).not.toHaveCount(0);
  await expectNoAxeViolations(their, 'the training settings');
  await context.close();
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the session page passes axe and scrolls down, never sideways', async ({ page }) => {
    test.skip(!sessionUrl, 'needs the session planned by the test before');
    await logIn(page, coordinator.email, coordinator.password);
    await page.waitForURL((url) => !url.pathname.endsWith('/login'));
    await page.goto(sessionUrl);
    await expect(page.getByRole('heading', { level: 1, name: `${courseName} – Våren` })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Pass' }).getByRole('row')).toHaveCount(3);
    await expectNoAxeViolations(page, 'the session page on a phone');
    await expectNoSidewaysScroll(page);
  });
});
