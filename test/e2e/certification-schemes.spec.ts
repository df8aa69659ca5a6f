import { expect, test, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, post, run, signInAsAdmin } from './system-helpers.js';

/**
 * The certification schemes once they are used, and for those who only read them. Through the API:
 * a course, a unit, and a scheme with a course_share criterion and a confirmed one; a process opened
 * on it makes it in use. In the browser the administrator finds it marked as used, sees why its
 * criteria can no longer change, still changes its other facts, is told why it cannot be deleted
 * and takes it out of the offer instead; a training coordinator reads the schemes and the reminder
 * months without any way to change them. The pages read well on a 375 px phone; axe finds no
 * WCAG 2.1 AA violation, at desktop width and on the phone. (Creating, changing, ordering and
 * deleting a scheme that has not been used is in certification.spec.ts.)
 */

test.describe.configure({ mode: 'serial' });

const names = {
  administration: `Schemaförvaltningen ${run}`,
  unit: `Fritidsgården Schema ${run}`,
  course: `Normkritik grund ${run}`,
  scheme: `Använd diplomering ${run}`,
  fresh: `Förskolediplom ${run}`,
};
const coordinator = { name: `Siv Samordnare ${run}`, email: `siv.${run}@example.se`, password: 'sivs long password' };
let usedId = '';
let freshId = '';

const criteria = (courseId: string) => [
  { kind: 'course_share', label: 'Utbildad personal', courseId, threshold: 75 },
  { kind: 'confirmed', label: 'Rutin för nyanställda', description: 'Rutinen finns i ledningssystemet.' },
];

async function build(page: Page) {
  const request = page.request;
  const levels = await (await request.get('/api/training-levels')).json();
  const level = levels.items.find((l: { key: string }) => l.key === 'certification_course') ?? levels.items[0];
  const course = await post(request, '/api/courses', { name: names.course, topic: 'hbtq', levelId: level.id, hours: 8 });
  const administration = await post(request, '/api/administrations', { name: names.administration });
  const unit = await post(request, '/api/units', {
    administrationId: administration.id,
    name: names.unit,
    worksWithChildren: true,
  });
  const used = await post(request, '/api/certification-schemes', {
    name: names.scheme,
    issuer: 'RFSL',
    validityYears: 3,
    criteria: criteria(course.id),
  });
  const fresh = await post(request, '/api/certification-schemes', {
    name: names.fresh,
    issuer: 'Kommunen',
    validityYears: 2,
    criteria: criteria(course.id),
  });
  // A process refers to the scheme: from now on it is in use.
  await post(request, '/api/certification/processes', { unitId: unit.id, schemeId: used.id });
  const created = await request.post('/api/users', {
    headers: await csrf(request),
    data: { ...coordinator, roles: [{ role: 'training_coordinator' }] },
  });
  expect(created.ok(), await created.text()).toBe(true);
  usedId = used.id;
  freshId = fresh.id;
}

test('a scheme in use keeps its criteria, explains why, and is taken out of the offer instead of deleted', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsAdmin(page);
  await build(page);

  await page.goto('/certification/schemes');
  await expect(page.getByRole('heading', { level: 1, name: 'Certifieringar och kriterier' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Certifieringar och kriterier' });
  const usedRow = table.getByRole('row').filter({ hasText: names.scheme });
  await expect(usedRow).toContainText('RFSL');
  await expect(usedRow).toContainText('3 år');
  await expect(usedRow).toContainText('Erbjuds');
  await expect(usedRow).toContainText('används');
  await expect(table.getByRole('row').filter({ hasText: names.fresh })).not.toContainText('används');
  await expectNoAxeViolations(page, 'the schemes page with a scheme in use');

  await usedRow.getByRole('link', { name: names.scheme }).click();
  await expect(page.getByRole('heading', { level: 1, name: names.scheme })).toBeVisible();
  await expect(page.getByText('Används av minst en process eller ett certifikat')).toBeVisible();
  const list = page.getByRole('region', { name: 'Kriterier' }).getByRole('listitem');
  await expect(list).toHaveCount(2);
  await expect(list.first()).toContainText(`minst 75 % av enhetens personal har genomfört ${names.course}`);
  await expect(list.nth(1)).toContainText('Rutinen finns i ledningssystemet.');
  await expectNoAxeViolations(page, 'a scheme in use');

  // The form: the criteria are locked, with the reason; the rest still changes.
  await page.getByRole('button', { name: 'Ändra certifieringen' }).click();
  const form = page.getByRole('dialog');
  await expect(form.getByText('Certifieringen har använts, så dess kriterier ligger fast.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Lägg till kriterium' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'the form of a scheme in use');
  await form.getByLabel(/^Utfärdare/).fill('RFSL Utbildning');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('RFSL Utbildning')).toBeVisible();
  await expect(list).toHaveCount(2);

  // Deleting is refused by the server (409 scheme_in_use): the dialog says why and what to do.
  await page.getByRole('button', { name: 'Ta bort certifieringen' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByRole('button', { name: 'Ta bort certifieringen' }).click();
  const alert = confirm.getByRole('alert');
  await expect(alert).toContainText('Markera den som inte erbjuden i stället.');
  await expect(confirm.getByRole('button', { name: 'Ta bort certifieringen' })).toBeDisabled();
  await expectNoAxeViolations(page, 'deleting a scheme in use, refused');
  await confirm.getByRole('button', { name: 'Avbryt' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: names.scheme })).toBeVisible();

  // So it is taken out of the offer.
  await page.getByRole('button', { name: 'Ändra certifieringen' }).click();
  await form.getByRole('checkbox', { name: 'Erbjuds' }).uncheck();
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText('Erbjuds inte')).toBeVisible();
  const scheme = await (await page.request.get(`/api/certification-schemes/${usedId}`)).json();
  expect(scheme).toMatchObject({ active: false, issuer: 'RFSL Utbildning', inUse: true });
  expect(scheme.criteria).toHaveLength(2);
});

test('a training coordinator reads the schemes and the reminders but cannot change them', async ({ page }) => {
  await logIn(page, coordinator.email, coordinator.password);
  await page.waitForURL((url) => url.pathname !== '/login');
  await page.goto('/certification/schemes');
  await expect(page.getByRole('heading', { level: 1, name: 'Certifieringar och kriterier' })).toBeVisible();
  await expect(page.getByRole('link', { name: names.fresh })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ny certifiering' })).toHaveCount(0);
  const reminders = page.getByRole('region', { name: 'Påminnelser om förnyelse' });
  await expect(reminders.getByText(/månader före utgången|Inga påminnelser skickas/)).toBeVisible();
  await expect(reminders.getByRole('textbox')).toHaveCount(0);
  await expectNoAxeViolations(page, 'the schemes page for a reader');

  await page.getByRole('link', { name: names.fresh }).click();
  await expect(page.getByRole('heading', { level: 1, name: names.fresh })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ändra certifieringen' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ta bort certifieringen' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'a scheme for a reader');
});

test('the schemes pages and the scheme form read well on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAsAdmin(page);

  await page.goto('/certification/schemes');
  await expect(page.getByRole('heading', { level: 1, name: 'Certifieringar och kriterier' })).toBeVisible();
  await expect(page.getByRole('link', { name: names.fresh })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the schemes page on a phone');

  await page.goto(`/certification/schemes/${freshId}`);
  await expect(page.getByRole('heading', { level: 1, name: names.fresh })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'a scheme on a phone');

  // The form fills the screen, with the criteria editor (the scheme is not in use); no select is open.
  await page.getByRole('button', { name: 'Ändra certifieringen' }).click();
  const form = page.getByRole('dialog');
  await expect(form.getByRole('group', { name: 'Kriterium 2' })).toBeVisible();
  await expect(form.getByLabel(/^Utbildning/)).toHaveValue(/.+/);
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the scheme form on a phone');
  await form.getByRole('button', { name: 'Avbryt' }).click();
  await expect(form).toBeHidden();

  await page.goto(`/certification/schemes/${usedId}`);
  await expect(page.getByRole('heading', { level: 1, name: names.scheme })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'a scheme in use on a phone');
});
