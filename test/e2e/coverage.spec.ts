import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, run, signInAsAdmin } from './system-helpers.js';

/**
 * Coverage and programmes in the browser. The shared e2e database starts empty: this spec builds a
 * small administration through the API (two units, six employees, a lecture course, a session held
 * today where the three employees of the pre-school were present), then reads the coverage page for
 * that administration, drills down to a unit, exports, and creates a programme through its form.
 * axe finds no WCAG 2.1 AA violation on any of the pages, and a phone never scrolls sideways.
 */

test.describe.configure({ mode: 'serial' });

const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const names = {
  administration: `Täckningsförvaltningen ${run}`,
  preschool: `Förskolan Solen ${run}`,
  library: `Biblioteket Ljuset ${run}`,
  course: `HBTQ-föreläsning ${run}`,
  programme: `Satsningen ${run}`,
};

async function post(request: APIRequestContext, url: string, data: unknown, method: 'post' | 'put' = 'post') {
  const response = await request[method](url, { data, headers: await csrf(request) });
  expect(response.ok(), `${method.toUpperCase()} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

async function buildTrainedAdministration(page: Page) {
  const request = page.request;
  const administration = await post(request, '/api/administrations', { name: names.administration });
  const preschool = await post(request, '/api/units', {
    administrationId: administration.id,
    name: names.preschool,
    worksWithChildren: true,
  });
  const library = await post(request, '/api/units', { administrationId: administration.id, name: names.library });
  const people = [
    { unit: preschool, gender: 'woman' },
    { unit: preschool, gender: 'woman' },
    { unit: preschool, gender: 'man' },
    { unit: library, gender: 'woman' },
    { unit: library, gender: 'man' },
    { unit: library, gender: 'not_stated' },
  ];
  const employees = [];
  for (const [index, person] of people.entries()) {
    employees.push(
      await post(request, '/api/employees', {
        employeeNumber: `COV${run}${index}`,
        firstName: 'Kim',
        lastName: `Täckning ${index} ${run}`,
        unitId: person.unit.id,
        gender: person.gender,
        startDate: '2020-01-01',
      }),
    );
  }
  const levels = await (await request.get('/api/training-levels')).json();
  const lecture = levels.items.find((l: { key: string }) => l.key === 'lecture');
  const course = await post(request, '/api/courses', { name: names.course, topic: 'hbtq', levelId: lecture.id, hours: 2 });
  const session = await post(request, '/api/training-sessions', {
    courseId: course.id,
    capacity: 20,
    parts: [{ date: today, startTime: '08:00', endTime: '10:00', place: 'Stadshuset' }],
  });
  await post(request, `/api/training-sessions/${session.id}/enrolments`, { unitIds: [preschool.id] });
  const preschoolStaff = employees.slice(0, 3);
  await post(
    request,
    `/api/training-sessions/${session.id}/parts/${session.parts[0].id}/attendance`,
    { marks: preschoolStaff.map((e) => ({ employeeId: e.id, status: 'present' })) },
    'put',
  );
  return { administration, preschool, library, lecture };
}

let built: Awaited<ReturnType<typeof buildTrainedAdministration>>;

test('the coverage page shows an administration, drills down to a unit and exports', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  built = await buildTrainedAdministration(page);

  await page.goto('/coverage');
  await expect(page.getByRole('heading', { level: 1, name: 'Utbildningstäckning' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Hela kommunen/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the coverage page for the municipality');

  await page.goto(`/coverage?administrationId=${built.administration.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(names.administration) })).toBeVisible();
  const figures = page.getByRole('region', { name: 'Nyckeltal' });
  await expect(figures.getByText('Personal', { exact: true }).locator('xpath=following-sibling::dd')).toHaveText('6');
  await expect(figures.getByText('Har genomfört utbildning').locator('xpath=following-sibling::dd')).toHaveText(/^3 \(50\s?%\)$/);

  // The breakdown: one row per unit, each a link to its own coverage.
  const breakdown = page.getByRole('table', { name: 'Per enhet' });
  await expect(breakdown.getByRole('row', { name: new RegExp(names.preschool) })).toContainText(/3\s*3\s*100\s?%/);
  await expect(breakdown.getByRole('row', { name: new RegExp(names.library) })).toContainText(/3\s*0\s*0\s?%/);
  // The gender table: groups under 5 are "<5", never a number.
  const gender = page.getByRole('table', { name: 'Per kön' });
  await expect(gender.getByRole('row', { name: /Kvinna/ })).toContainText('<5');
  // Charts are pictures named by a summary; their numbers are in the tables.
  await expect(page.getByRole('img', { name: /Stapeldiagram: antal i personalen per högsta genomförda nivå/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the coverage page for an administration');

  // The exports carry the same scope, with a file name.
  const xlsx = await page.request.get(
    (await page.getByRole('link', { name: 'Exportera som Excel (XLSX)' }).getAttribute('href')) ?? '',
  );
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-disposition']).toMatch(/^attachment; filename="utbildningstackning-.*\.xlsx"$/);
  const csvResponse = await page.request.get(
    (await page.getByRole('link', { name: 'Exportera som CSV' }).getAttribute('href')) ?? '',
  );
  expect(await csvResponse.text()).toContain('Personal;6');

  await breakdown.getByRole('link', { name: `Visa täckningen för ${names.preschool}` }).click();
  await expect(page).toHaveURL(new RegExp(`unitId=${built.preschool.id}`));
  await expect(page.getByRole('heading', { name: new RegExp(names.preschool) })).toBeVisible();
  await expect(figures.getByText('Personal', { exact: true }).locator('xpath=following-sibling::dd')).toHaveText('3');
  await expectNoAxeViolations(page, 'the coverage page for a unit');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/coverage?administrationId=${built.administration.id}`);
  await expect(page.getByRole('heading', { name: new RegExp(names.administration) })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the coverage page on a phone');
});

test('a programme is created with a target and a grant, and shows its progress', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  await page.goto('/programmes');
  await expect(page.getByRole('heading', { level: 1, name: 'Satsningar' })).toBeVisible();
  await expectNoAxeViolations(page, 'the programmes list');

  await page.getByRole('button', { name: 'Ny satsning' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Namn' }).fill(names.programme);
  await dialog.getByRole('textbox', { name: 'Startdatum' }).fill('2025-01-01');
  await dialog.getByRole('textbox', { name: 'Startdatum' }).press('Tab');
  await dialog.getByRole('textbox', { name: 'Slutdatum' }).fill('2027-12-31');
  await dialog.getByRole('textbox', { name: 'Slutdatum' }).press('Tab');
  await dialog.getByRole('button', { name: 'Lägg till mål' }).click();
  await dialog.getByRole('textbox', { name: 'Mål (procent)' }).fill('80');
  await dialog.getByRole('button', { name: 'Lägg till bidrag' }).click();
  await dialog.getByRole('textbox', { name: 'Bidragsgivare' }).fill('Socialstyrelsen');
  await dialog.getByRole('textbox', { name: 'Sökt belopp (kr)' }).fill('500000');
  await expectNoAxeViolations(page, 'the programme form');
  await dialog.getByRole('button', { name: 'Skapa' }).click();

  await expect(page.getByRole('heading', { level: 1, name: names.programme })).toBeVisible();
  await expect(page.getByText('Alla medarbetare: minst Föreläsning, 80 %')).toBeVisible();
  await expect(page.getByRole('meter', { name: /Alla medarbetare: minst Föreläsning/ })).toBeVisible();
  await expect(page.getByRole('table', { name: /Sökt 500\s000 kr/ }).getByRole('row', { name: /Socialstyrelsen/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the programme page');

  await page.setViewportSize({ width: 375, height: 800 });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: names.programme })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await page.goto('/programmes');
  await expect(page.getByRole('link', { name: names.programme })).toBeVisible();
  await expectNoSidewaysScroll(page);
});
