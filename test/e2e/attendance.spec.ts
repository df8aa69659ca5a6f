import { expect, test, type APIRequestContext } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin } from './system-helpers.js';

/**
 * A trainer marks attendance on a phone: the administrator sets up (through the API) a course, a
 * session of two parts (yesterday and today) led by the trainer, and three people enrolled; the
 * trainer opens the participants, marks each part with the radio buttons (by keyboard too), adds a
 * walk-in, saves once per part and sees who has completed. axe on both pages; no sideways scroll.
 */
test.describe.configure({ mode: 'serial' });

const trainer = { name: `Tore Kursledare ${run}`, email: `tore.${run}@example.se`, password: 'tores long password' };
const courseName = `HBTQ-certifiering kort ${run}`;
const stockholm = (date: Date) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(date);
const today = stockholm(new Date());
const yesterday = stockholm(new Date(Date.now() - 24 * 3600 * 1000));

async function post(request: APIRequestContext, url: string, data: unknown) {
  const response = await request.post(url, { headers: await csrf(request), data });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

test('a trainer marks two parts on a phone, adds a walk-in and sees who completed', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signInAsAdmin(page);
  const administration = await post(page.request, '/api/administrations', { name: `Vård- och omsorgsförvaltningen ${run}` });
  const unit = await post(page.request, '/api/units', { administrationId: administration.id, name: `Hemtjänsten Väst ${run}` });
  const people = [];
  for (const [i, [first, last]] of [
    ['Alva', 'Ahlström'],
    ['Bo', 'Berglund'],
    ['Cia', 'Carlsson'],
    ['Dan', 'Dahlberg'],
  ].entries()) {
    people.push(
      await post(page.request, '/api/employees', {
        employeeNumber: `AT${i}${run}`,
        firstName: first,
        lastName: `${last} ${run}`,
        email: `${first.toLowerCase()}.${run}@example.se`,
        unitId: unit.id,
        startDate: '2020-01-01',
      }),
    );
  }
  const name = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`;
  const [alva, bo, cia, dan] = people;
  const user = await post(page.request, '/api/users', { ...trainer, roles: [{ role: 'trainer' }] });
  const levels = await (await page.request.get('/api/training-levels')).json();
  const halfDay = (levels.items ?? levels).find((level: { key: string }) => level.key === 'half_day');
  const course = await post(page.request, '/api/courses', {
    name: courseName,
    topic: 'hbtq',
    levelId: halfDay.id,
    hours: 4,
    completionThreshold: 50,
  });
  const session = await post(page.request, '/api/training-sessions', {
    courseId: course.id,
    capacity: 3,
    trainerIds: [user.id],
    parts: [
      { date: yesterday, startTime: '00:00', endTime: '02:00', place: 'Stadshuset' },
      { date: today, startTime: '00:00', endTime: '02:00', place: 'Stadshuset' },
    ],
  });
  // Enrolled now, after yesterday's part: that part is not theirs. Half the hours completes this course.
  const enrolled = await post(page.request, `/api/training-sessions/${session.id}/enrolments`, {
    employeeIds: [alva.id, bo.id, cia.id],
  });
  expect(enrolled).toMatchObject({ enrolledCount: 3, waitingCount: 0 });

  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await logIn(phone, trainer.email, trainer.password);
  await phone.waitForURL((url) => !url.pathname.endsWith('/login'));
  await phone.evaluate(() => localStorage.setItem('inkludera.language', 'sv'));

  // The participants: all three, no waiting list.
  await phone.goto(`/training-sessions/${session.id}/participants`);
  await expect(phone.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
  await expect(phone.getByText('3 av 3 platser tagna, 0 på väntelistan.')).toBeVisible();
  for (const p of [alva, bo, cia]) await expect(phone.getByRole('cell', { name: name(p), exact: true })).toBeVisible();
  await expectNoAxeViolations(phone, 'the participants page');
  await expectNoSidewaysScroll(phone);

  await phone.getByRole('link', { name: 'Registrera närvaro' }).click();
  await expect(phone.getByRole('heading', { level: 1, name: 'Närvaro' })).toBeVisible();
  const part = phone.getByRole('combobox', { name: 'Pass' });
  // Today's part is the one that opens.
  await expect(part).toHaveValue(session.parts[1].id);
  await expectNoAxeViolations(phone, 'the attendance page');
  await expectNoSidewaysScroll(phone);

  // Yesterday's part. The people were enrolled today, after it: they are not marked there and not absent.
  await part.selectOption(session.parts[0].id);
  await expect(phone.getByText(/Anmäld efter det här passet/)).toHaveCount(3);

  // Today's part: everyone present, then Bo excused by keyboard (arrow keys move within his radio group).
  await part.selectOption(session.parts[1].id);
  await phone.getByRole('button', { name: 'Alla närvarande' }).click();
  const boGroup = phone.getByRole('group', { name: name(bo) });
  await expect(boGroup.getByRole('radio', { name: 'Närvarande' })).toBeChecked();
  await boGroup.getByRole('radio', { name: 'Närvarande' }).focus();
  await phone.keyboard.press('ArrowRight');
  await phone.keyboard.press('ArrowRight');
  await expect(boGroup.getByRole('radio', { name: 'Anmält förhinder' })).toBeChecked();
  await phone
    .getByRole('group', { name: name(cia) })
    .getByRole('radio', { name: 'Frånvarande' })
    .check();

  // Dan came without a seat (the session is full): found by name, marked present.
  const walkIn = phone.getByRole('combobox', { name: 'Lägg till person' });
  await walkIn.click();
  await Promise.all([phone.waitForResponse(/walk-in-candidates/), walkIn.fill(`Dahlberg ${run}`)]);
  await phone.getByRole('option', { name: new RegExp(name(dan)) }).click();
  await expect(phone.getByRole('group', { name: name(dan) }).getByRole('radio', { name: 'Närvarande' })).toBeChecked();
  await expectNoAxeViolations(phone, 'the attendance page with marks');

  await phone.getByRole('button', { name: 'Spara närvaro' }).click();
  await expect(phone.getByRole('status').filter({ hasText: 'Närvaron är sparad' })).toBeVisible();
  await expect(phone.getByText('4 av 4 markerade på passet. 2 har genomfört utbildningen.')).toBeVisible();
  // Alva and Dan were present for 2 of the session's 4 hours, which is the course's 50%: completed. Bo (excused) and
  // Cia (absent) were not.
  await expect(phone.getByRole('group', { name: name(alva) }).getByText('2 av 4 h · Genomförd')).toBeVisible();
  await expect(phone.getByRole('group', { name: name(dan) }).getByText('2 av 4 h · Genomförd')).toBeVisible();
  await expect(phone.getByRole('group', { name: name(bo) }).getByText('0 av 4 h · Ej genomförd')).toBeVisible();
  await expectNoAxeViolations(phone, 'the attendance page after saving');
  await expectNoSidewaysScroll(phone);
  await context.close();
});

test('a coordinator enrols a whole unit past capacity, and a cancelled seat goes to the first in line', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const administration = await post(page.request, '/api/administrations', { name: `Bildningsförvaltningen ${run}` });
  const unit = await post(page.request, '/api/units', { administrationId: administration.id, name: `Förskolan Solrosen ${run}` });
  const people = [];
  for (const [i, first] of ['Ella', 'Frans', 'Greta'].entries()) {
    people.push(
      await post(page.request, '/api/employees', {
        employeeNumber: `PT${i}${run}`,
        firstName: first,
        lastName: `Solros ${run}`,
        email: `${first.toLowerCase()}.solros.${run}@example.se`,
        unitId: unit.id,
        startDate: '2020-01-01',
      }),
    );
  }
  const levels = await (await page.request.get('/api/training-levels')).json();
  const lecture = (levels.items ?? levels).find((level: { key: string }) => level.key === 'lecture');
  const course = await post(page.request, '/api/courses', {
    name: `Normer i förskolan ${run}`,
    topic: 'norm_criticism',
    levelId: lecture.id,
    hours: 2,
  });
  const nextYear = new Date().getFullYear() + 1;
  const session = await post(page.request, '/api/training-sessions', {
    courseId: course.id,
    capacity: 2,
    parts: [{ date: `${nextYear}-02-03`, startTime: '13:00', endTime: '15:00', place: 'Förskolan' }],
  });

  await page.goto(`/training-sessions/${session.id}/participants`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deltagare' })).toBeVisible();
  await expect(page.getByText('Ingen är anmäld ännu.')).toBeVisible();
  await expectNoAxeViolations(page, 'the participants page, empty');

  const units = page.getByRole('combobox', { name: 'Hela enheter' });
  await units.click();
  await units.fill(`Solrosen ${run}`);
  await page.getByRole('option', { name: new RegExp(`Förskolan Solrosen ${run}`) }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Anmäl', exact: true }).click();
  const result = page.getByRole('status').filter({ hasText: 'Anmälan klar' });
  await expect(result).toContainText('2 fick plats.');
  await expect(result).toContainText('1 står på väntelistan.');
  await expect(page.getByText('2 av 2 platser tagna, 1 på väntelistan.')).toBeVisible();
  // By name: Ella and Frans got the seats, Greta waits first in line.
  const waiting = page.getByRole('table').nth(1);
  await expect(waiting.getByRole('row', { name: new RegExp(`^1 Greta Solros ${run}`) })).toBeVisible();
  await expectNoAxeViolations(page, 'the participants page with a waiting list');

  await page.getByRole('button', { name: `Avanmäl Ella Solros ${run}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Avanmäla?' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'the cancel dialog');
  await dialog.getByRole('button', { name: 'Avanmäl' }).click();
  await expect(page.getByText(`Ella Solros ${run} är avanmäld. 1 person från väntelistan fick platsen.`)).toBeVisible();
  await expect(page.getByText('2 av 2 platser tagna, 0 på väntelistan.')).toBeVisible();
  await expect(page.getByText('Ingen står på väntelistan.')).toBeVisible();
  await expect(page.getByRole('cell', { name: `Greta Solros ${run}`, exact: true })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the participants page on a phone');
});
