import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, send, signedIn, signInAsAdmin } from './system-helpers.js';

/**
 * Activities in the browser. The administrator creates the HBTQ café MOGAI at Perrongen in the form:
 * weekly on Wednesdays 17–20 from eight weeks ago, with the summer break, and its host. The host,
 * on a phone, sees only the café (and no other part of the system in the menu), records the number of
 * visitors of the last Wednesday (numbers only; the form says never to write who came). The public
 * page, without logging in, lists the upcoming Wednesdays. The statistics show the occurrences (a
 * cancelled one marked), the season and the year with their tables, and export the numbers as CSV.
 * axe finds no WCAG 2.1 AA violation.
 */

test.describe.configure({ mode: 'serial' });

const cafe = `MOGAI ${run}`;
const host = { name: `Mika Värd ${run}`, email: `vard.${run}@example.se`, password: 'a long password' };
const dialog = (page: Page) => page.getByRole('dialog');

async function fillDate(input: Locator, value: string) {
  await input.fill(value);
  await input.press('Tab');
}

const stockholmToday = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
const shift = (iso: string, days: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const weekday = (iso: string) => ((new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
/** The last Wednesday strictly before today: its occurrence is over. */
function lastWednesday() {
  let d = shift(stockholmToday(), -1);
  while (weekday(d) !== 3) d = shift(d, -1);
  return d;
}
const nextSummer = () => Number(stockholmToday().slice(0, 4)) + 1;

test('the administrator creates the café with its summer break and host', async ({ page }) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  await post(page.request, '/api/users', { ...host, roles: [{ role: 'activity_host' }] });

  await page.goto('/activities');
  await expect(page.getByRole('heading', { name: 'Aktiviteter', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Ny aktivitet' }).click();
  const form = dialog(page);
  await form.getByRole('textbox', { name: 'Namn', exact: true }).fill(cafe);
  await form.getByRole('textbox', { name: 'Beskrivning' }).fill('Ett HBTQ-café för unga och unga vuxna. Fika och samtal.');
  await form.getByRole('textbox', { name: 'Plats' }).fill('Perrongen, Katrineholm');
  await form.getByRole('combobox', { name: 'Veckodag' }).selectOption({ label: 'onsdag' });
  await form.getByRole('textbox', { name: /^Börjar/ }).fill('17:00');
  await form.getByRole('textbox', { name: /^Slutar/ }).fill('20:00');
  await fillDate(form.getByRole('textbox', { name: 'Första dagen' }), shift(stockholmToday(), -56));
  await form.getByRole('button', { name: 'Lägg till uppehåll' }).click();
  await fillDate(form.getByRole('textbox', { name: 'Uppehåll 1 från' }), `${nextSummer()}-06-15`);
  await fillDate(form.getByRole('textbox', { name: 'Uppehåll 1 till' }), `${nextSummer()}-08-16`);
  await form.getByRole('textbox', { name: 'Uppehåll 1, namn' }).fill('Sommaruppehåll');
  await form.getByRole('checkbox', { name: new RegExp(host.name) }).check();
  await expectNoAxeViolations(page, 'the activity form');
  await form.getByRole('button', { name: 'Skapa' }).click();
  await expect(dialog(page)).toHaveCount(0);

  await expect(page.getByRole('heading', { name: cafe, level: 1 })).toBeVisible();
  await expect(page.getByText('Varje onsdag 17:00–20:00, Perrongen, Katrineholm')).toBeVisible();
  await expect(page.getByText(/Sommaruppehåll:/)).toBeVisible();
  await expect(page.getByText(`Värdar: ${host.name}`)).toBeVisible();
  await expectNoAxeViolations(page, 'the activity page');
});

test('the host, on a phone, records the number of visitors and sees nothing else', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser, host);
  await page.setViewportSize({ width: 375, height: 800 });
  // The start page leads the host to their activities.
  await page.goto('/');
  await page.getByRole('link', { name: 'Dina aktiviteter: registrera antalet besökare' }).click();
  await expect(page).toHaveURL(/\/activities$/);
  await expect(page.getByRole('heading', { name: cafe })).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The menu offers the activities and the host's own account, not training, plans or people.
  const menu = page.getByRole('navigation');
  if (!(await menu.getByRole('link', { name: 'Aktiviteter' }).isVisible()))
    await page.getByRole('button', { name: 'Visa eller dölj menyn' }).click();
  await expect(menu.getByRole('link', { name: 'Aktiviteter' })).toBeVisible();
  for (const name of ['Min utbildning', 'Kurser', 'Handlingsplaner', 'Medarbetare', 'Enheter', 'Synpunkter'])
    await expect(menu.getByRole('link', { name, exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');

  await page.getByRole('link', { name: cafe }).click();
  await expect(page.getByRole('heading', { name: cafe, level: 1 })).toBeVisible();
  const date = lastWednesday();
  const [y, m, d] = date.split('-');
  const shown = `${y}-${m}-${d}`;
  await page.getByRole('button', { name: `Registrera besökare ${shown}` }).click();
  const form = dialog(page);
  await expect(form.getByText(/Skriv aldrig namn/)).toBeVisible();
  await form.getByRole('textbox', { name: /^Besökare/ }).fill('11');
  await form.getByRole('textbox', { name: /^Varav första gången/ }).fill('2');
  await form.getByRole('textbox', { name: /^Anteckning/ }).fill('Filmkväll');
  await expectNoAxeViolations(page, 'the headcount form on a phone');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(dialog(page)).toHaveCount(0);
  await expect(page.getByRole('button', { name: `Ändra antalet besökare ${shown}` })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the activity page of the host on a phone');

  // The host is refused the rest of the system.
  expect((await page.request.get('/api/courses')).status()).toBe(403);
  expect((await page.request.get('/api/employees')).status()).toBe(403);
  await page.context().close();
});

/** The season of a date as the page names it (docs/activities.md#statistics). */
function seasonName(iso: string) {
  const monthDay = iso.slice(5);
  const name = monthDay >= '08-15' ? 'Hösttermin' : monthDay >= '06-15' ? 'Sommar' : 'Vårtermin';
  return `${name} ${iso.slice(0, 4)}`;
}

test('the statistics show each occurrence, the season and the year with their tables, and export the numbers', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  // An earlier Wednesday was cancelled: it is marked, and holds no visitors.
  const activities = (await (await page.request.get('/api/activities')).json()) as { items: { id: string; name: string }[] };
  const id = activities.items.find((a) => a.name === cafe)!.id;
  const counted = lastWednesday();
  const cancelled = shift(counted, -14);
  await send(page.request, 'put', `/api/activities/${id}/occurrences/${cancelled}/change`, {
    kind: 'cancelled',
    reason: 'Sjukdom',
  });

  await page.goto('/activities/statistics');
  await expect(page.getByRole('heading', { name: 'Besöksstatistik', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Aktivitet' }).selectOption({ label: cafe });
  await expect(page).toHaveURL(new RegExp(`activityId=${id}`));

  const occurrences = page.getByRole('table', { name: 'Besökare per tillfälle' });
  await expect(occurrences.getByRole('row', { name: new RegExp(counted) })).toContainText('11');
  await expect(occurrences.getByRole('row', { name: new RegExp(cancelled) })).toContainText('Inställt: Sjukdom');
  await expect(occurrences.getByText('Inte registrerat').first()).toBeVisible();
  // The average counts only the counted occurrence, and says how many held ones have no count.
  await expect(
    page.getByText(/Snittet räknas bara på hållna tillfällen som har ett registrerat antal \(1 av \d+\)/),
  ).toBeVisible();

  const seasons = page.getByRole('table', { name: 'Besökare per säsong' });
  await expect(seasons.getByRole('row', { name: new RegExp(seasonName(counted)) })).toContainText('11');
  const years = page.getByRole('table', { name: 'Utvecklingen år för år' });
  await expect(years.getByRole('row', { name: new RegExp(`${counted.slice(0, 4)} \\(del av året\\)`) })).toContainText('11');
  await expect(page.getByRole('img', { name: /Besökare per år:/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the visitor statistics per occurrence, season and year');

  // The same numbers as CSV: numbers only, no note.
  const href = await page.getByRole('link', { name: 'Exportera siffrorna (CSV)' }).getAttribute('href');
  expect(href).toContain(`activityId=${id}`);
  const csv = await page.request.get(href!);
  expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
  const text = await csv.text();
  expect(text).toContain(`Tillfälle;${counted};${cafe};Enligt schema;1;1;0;0;11;2;`);
  expect(text).toContain(`Tillfälle;${cancelled};${cafe};Inställt;0;0;0;1;`);
  expect(text).toContain(`Säsong;${seasonName(counted)};`);
  expect(text).not.toContain('Filmkväll');

  await page.setViewportSize({ width: 375, height: 800 });
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the visitor statistics on a phone');
});

test('the administrator sees the visitors per week with the table, and the public page lists the upcoming Wednesdays', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  await page.goto('/activities/statistics?period=week');
  await expect(page.getByRole('heading', { name: 'Besöksstatistik', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Besökare per period' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('row', { name: /Totalt/ })).toContainText('11');
  await expectNoAxeViolations(page, 'the visitor statistics');

  const visitor = await browser_page(page);
  // Linked from the login page, for anyone.
  await visitor.goto('/login');
  await visitor.getByRole('link', { name: 'Aktiviteter', exact: true }).click();
  await expect(visitor).toHaveURL(/\/activities\/upcoming$/);
  const section = visitor.getByRole('region', { name: cafe });
  await expect(section).toBeVisible();
  await expect(section.getByText('Varje onsdag 17:00–20:00, Perrongen, Katrineholm')).toBeVisible();
  await expect(section.getByRole('listitem')).toHaveCount(8);
  await expect(section.getByText(/17:00–20:00/).first()).toBeVisible();
  await expect(section.getByText(/Sommaruppehåll/)).toBeVisible();
  await expect(visitor.getByText(/besökare/i)).toHaveCount(0);
  await expectNoAxeViolations(visitor, 'the public activities page');
  await visitor.setViewportSize({ width: 375, height: 800 });
  await expectNoSidewaysScroll(visitor);
  await expectNoAxeViolations(visitor, 'the public activities page on a phone');
  const ics = await visitor.request.get('/api/public/activities.ics');
  expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
  expect(await ics.text()).toContain(`SUMMARY:${cafe}`);
  await visitor.context().close();
});

/** A fresh browser context without a session: what anyone sees. */
async function browser_page(page: Page) {
  const browser = page.context().browser()!;
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  return context.newPage();
}
