import { expect, test, type APIRequestContext } from '@playwright/test';
import { pdfText } from '../support/pdf.js';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

const person = { name: `Elsa Medarbetare ${run}`, email: `elsa.${run}@example.se`, password: 'elsas long password' };
const courseName = `Normkritisk grundkurs ${run}`;
const year = new Date().getFullYear() + 1;
const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());

async function post(request: APIRequestContext, url: string, data: unknown) {
  const response = await request.post(url, { headers: await csrf(request), data });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

let employeeId = '';
let sessionId = '';
let todaySessionId = '';

test('an employee signs up to a session on My training, sees it, and cancels it', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  // The organisation, the employee with an account linked to them, a course and two sessions: through the API.
  const administration = await post(page.request, '/api/administrations', { name: `Kulturförvaltningen ${run}` });
  const unit = await post(page.request, '/api/units', { administrationId: administration.id, name: `Biblioteket ${run}` });
  const employee = await post(page.request, '/api/employees', {
    employeeNumber: `MT${run}`,
    firstName: 'Elsa',
    lastName: `Medarbetare ${run}`,
    email: person.email,
    unitId: unit.id,
    startDate: '2020-01-01',
  });
  employeeId = employee.id;
  await post(page.request, '/api/users', { ...person, roles: [{ role: 'employee' }], employeeId });
  const levels = await (await page.request.get('/api/training-levels')).json();
  const lecture = (levels.items ?? levels).find((level: { key: string }) => level.key === 'lecture');
  const course = await post(page.request, '/api/courses', {
    name: courseName,
    topic: 'norm_criticism',
    levelId: lecture.id,
    hours: 2,
  });
  const session = await post(page.request, '/api/training-sessions', {
    courseId: course.id,
    capacity: 12,
    parts: [{ date: `${year}-03-10`, startTime: '09:00', endTime: '11:00', place: 'Stadsbiblioteket' }],
  });
  sessionId = session.id;

  const context = await browser.newContext();
  const their = await context.newPage();
  await logIn(their, person.email, person.password);
  await their.waitForURL((url) => !url.pathname.endsWith('/login'));
  await their.getByRole('link', { name: 'Min utbildning' }).click();
  await expect(their).toHaveURL(/\/my-training$/);
  // The menu's highlight fades in after a click; axe judges the settled page.
  await their.reload();
  await expect(their.getByRole('heading', { level: 1, name: 'Min utbildning' })).toBeVisible();
  await expect(their.getByText('Du är inte anmäld till något kommande tillfälle.')).toBeVisible();
  await expectNoAxeViolations(their, 'my training before signing up');

  const open = their.getByRole('region', { name: 'Tillfällen du kan anmäla dig till' });
  await expect(open.getByRole('heading', { name: courseName })).toBeVisible();
  await expect(open.getByText('12 lediga platser')).toBeVisible();
  await open.getByRole('button', { name: new RegExp(`^Anmäl mig till ${courseName}`) }).click();
  await expect(their.getByText('Du är anmäld.')).toBeVisible();

  const upcoming = their.getByRole('region', { name: 'Mina kommande tillfällen' });
  await expect(upcoming.getByRole('heading', { name: courseName })).toBeVisible();
  await expect(upcoming.getByText('Anmäld', { exact: true })).toBeVisible();
  await expect(upcoming.getByText(/kl\. 09:00–11:00, Stadsbiblioteket/)).toBeVisible();
  await expect(upcoming.getByRole('link', { name: `Lägg till i kalendern: ${courseName}` })).toHaveAttribute(
    'href',
    `/api/training-sessions/${sessionId}/calendar.ics`,
  );
  await expect(open.getByRole('heading', { name: courseName })).toHaveCount(0);
  await expectNoAxeViolations(their, 'my training with a place');

  // Cancelling asks first, by keyboard too.
  await upcoming.getByRole('button', { name: `Avanmäl mig från ${courseName}` }).click();
  const dialog = their.getByRole('dialog', { name: 'Avanmäla dig?' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(their, 'the cancel dialog');
  await dialog.getByRole('button', { name: 'Avanmäl' }).click();
  await expect(their.getByText('Du är avanmäld.')).toBeVisible();
  await expect(upcoming.getByRole('heading', { name: courseName })).toHaveCount(0);
  await expect(open.getByRole('heading', { name: courseName })).toBeVisible();

  // The calendar address: made, shown once to copy.
  const calendar = their.getByRole('region', { name: 'Kalenderprenumeration' });
  await calendar.getByRole('button', { name: 'Skapa kalenderadress' }).click();
  const address = calendar.getByRole('textbox', { name: 'Din kalenderadress' });
  await expect(address).toHaveValue(/\/api\/public\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  const feed = await context.request.get(new URL(await address.inputValue()).pathname);
  expect(feed.status()).toBe(200);
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await expect(calendar.getByRole('button', { name: 'Skapa ny adress' })).toBeVisible();
  await expectNoAxeViolations(their, 'my training with a calendar address');

  // On a phone.
  await their.setViewportSize({ width: 375, height: 740 });
  // The layout switches to the phone menu once the media query has answered.
  await expect.poll(() => their.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoSidewaysScroll(their);
  await context.close();
});

test('a completed course gives a certificate that anyone can check on the public page', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const course = await (await page.request.get(`/api/courses?q=${encodeURIComponent(courseName)}`)).json();
  // A session today (attendance can be marked for today's parts), the employee enrolled and marked present.
  const session = await post(page.request, '/api/training-sessions', {
    courseId: course.items[0].id,
    capacity: 5,
    parts: [{ date: today, startTime: '00:00', endTime: '02:00', place: 'Stadsbiblioteket' }],
  });
  todaySessionId = session.id;
  await post(page.request, `/api/training-sessions/${todaySessionId}/enrolments`, { employeeIds: [employeeId] });
  const marked = await page.request.put(`/api/training-sessions/${todaySessionId}/parts/${session.parts[0].id}/attendance`, {
    headers: await csrf(page.request),
    data: { marks: [{ employeeId, status: 'present' }] },
  });
  expect(marked.status(), await marked.text()).toBeLessThan(300);

  // The employee page shows the record with the certificate.
  await page.goto(`/employees/${employeeId}`);
  const record = page.getByRole('region', { name: 'Utbildning', exact: true });
  // The place cancelled in the first test, and the course completed today.
  await expect(record.getByRole('row').filter({ hasText: 'Avanmäld' })).toContainText(courseName);
  await expect(record.getByRole('row').filter({ hasText: 'Genomförd' })).toContainText(courseName);
  const download = record.getByRole('link', { name: `Ladda ner intyg för ${courseName} (PDF)` });
  await expect(download).toBeVisible();
  await expectNoAxeViolations(page, 'the employee page with the training record');

  const pdf = await page.request.get((await download.getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  const text = pdfText(await pdf.body());
  expect(text).toContain(`Elsa Medarbetare ${run}`);
  const code = /Verifieringskod: ([0-9A-F-]+)/.exec(text)![1];

  // Anyone, not logged in: the form, then the answer.
  const visitor = await browser.newContext();
  const theirs = await visitor.newPage();
  await theirs.goto('/verify');
  await expect(theirs.getByRole('heading', { level: 1, name: 'Kontrollera ett intyg' })).toBeVisible();
  await expectNoAxeViolations(theirs, 'the verify form');
  await theirs.getByRole('textbox', { name: 'Verifieringskod' }).fill(code.toLowerCase().replace(/-/g, ' '));
  await theirs.getByRole('textbox', { name: 'Verifieringskod' }).press('Enter');
  await expect(theirs).toHaveURL(new RegExp(`/verify/${code}$`));
  await expect(theirs.getByText('Intyget är äkta')).toBeVisible();
  await expect(theirs.getByRole('cell', { name: `Elsa Medarbetare ${run}` })).toBeVisible();
  await expect(theirs.getByRole('cell', { name: courseName })).toBeVisible();
  await expect(theirs.getByRole('cell', { name: '2 timmar' })).toBeVisible();
  await expectNoAxeViolations(theirs, 'a valid certificate');

  await theirs.goto('/verify/AAAA-BBBB-CCCC');
  await expect(theirs.getByText('Det finns inget intyg med koden AAAA-BBBB-CCCC.', { exact: false })).toBeVisible();
  await expectNoAxeViolations(theirs, 'an unknown certificate');
  await visitor.close();
});
