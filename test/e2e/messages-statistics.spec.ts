import { expect, test, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, run, signInAsAdmin } from './system-helpers.js';

/**
 * Citizens' messages, issue 7 items 4 and 5: the administrator sets how long messages are kept (and
 * the public form says so at once), and reads the statistics: charts with their tables, the CSV with
 * counts only. axe on each page, and the statistics on a phone without sideways scroll.
 */

test.describe.configure({ mode: 'serial' });

const administration = `Socialförvaltningen ${run}`;
const secretText = `Personalen på fritidsgården skämtar om transpersoner ${run}.`;

async function sendMessage(page: Page, kind: string, subject: string) {
  await page.goto('/feedback');
  await page.getByLabel(kind, { exact: true }).check();
  await page.getByLabel(subject, { exact: true }).check();
  await page.getByLabel(/Gäller det en viss förvaltning/).selectOption({ label: administration });
  await page.getByLabel('Din synpunkt').fill(secretText);
  // The form refuses what is sent sooner than three seconds after it was handed out.
  await page.waitForTimeout(3200);
  await page.getByRole('button', { name: 'Skicka synpunkten' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tack för din synpunkt' })).toBeVisible();
}

test('two citizens send messages about a new administration', async ({ page }) => {
  await signInAsAdmin(page);
  const response = await page.request.post('/api/administrations', {
    data: { name: administration },
    headers: await csrf(page.request),
  });
  expect(response.ok(), await response.text()).toBe(true);
  await page.context().clearCookies();
  await sendMessage(page, 'Problem', 'HBTQ');
  await sendMessage(page, 'Önskemål', 'Jämställdhet');
});

test('the administrator sets how long messages are kept, and the form states it', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Lagring av synpunkter' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Hur länge synpunkter sparas' })).toBeVisible();
  const contact = page.getByRole('textbox', { name: /Namn och e-post tas bort efter/ });
  const text = page.getByRole('textbox', { name: /Texten, svaret och anteckningarna tas bort efter/ });
  await expect(contact).toHaveValue('90');
  await expect(text).toHaveValue('730');
  await expectNoAxeViolations(page, 'the retention settings');

  // The text cannot go before the contact details.
  await contact.fill('400');
  await text.fill('300');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.getByText('Texten kan inte tas bort före namn och e-post')).toBeVisible();
  await expectNoAxeViolations(page, 'the retention settings with an error');

  await contact.fill('30');
  await text.fill('400');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect(page.getByText('Texten kan inte tas bort före namn och e-post')).toBeHidden();
  await expect.poll(async () => (await (await page.request.get('/api/messages/retention')).json()).contactRetentionDays).toBe(30);

  const form = await page.request.get('/feedback');
  const html = await form.text();
  expect(html).toContain('Namn och e-post tas bort 30 dagar efter att ärendet avslutats.');
  expect(html).toContain('tas bort 400 dagar efter att ärendet avslutats');

  // Back to the defaults, for the other tests.
  await contact.fill('90');
  await text.fill('730');
  await page.getByRole('button', { name: 'Spara', exact: true }).click();
  await expect.poll(async () => (await (await page.request.get('/api/messages/retention')).json()).textRetentionDays).toBe(730);
  expect(await (await page.request.get('/feedback')).text()).toContain('tas bort 2 år efter att ärendet avslutats');
});

test('the administrator reads the statistics, as charts with their tables and as CSV with no text', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Statistik om synpunkter' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Statistik om synpunkter' })).toBeVisible();

  const byAdministration = page.getByRole('table', { name: 'Per förvaltning' });
  const row = byAdministration.getByRole('row', { name: new RegExp(administration) });
  await expect(row.getByRole('cell').first()).toHaveText('2');
  await expect(page.getByRole('table', { name: 'Per sort' }).getByRole('row', { name: /Problem/ })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Per månad' })).toBeVisible();
  // Each chart is a picture named by its figures; the table beside it holds the same numbers.
  await expect(page.getByRole('img', { name: /^Per förvaltning: .*2/ })).toBeVisible();
  await expect(page.getByText(secretText)).toHaveCount(0);
  await expectNoAxeViolations(page, 'the message statistics');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Ladda ner CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^messages-statistics-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
  const csv = await (await page.request.get('/api/messages/statistics.csv')).text();
  expect(csv).toContain(`Förvaltning;${administration};2;`);
  expect(csv).not.toContain(secretText);
  expect(csv).not.toContain('fritidsgården');

  await page.setViewportSize({ width: 375, height: 800 });
  await expect(byAdministration).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the message statistics on a phone');
});
