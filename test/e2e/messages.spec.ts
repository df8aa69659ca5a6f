import { expect, test, type Browser, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, run, signInAsAdmin } from './system-helpers.js';

/**
 * Citizens' messages, end to end: a citizen sends one from a phone with JavaScript switched off
 * (the form is plain server-rendered HTML), leaving an email for the answer, and gets a code; another
 * sends one anonymously in English with JavaScript on. The administrator finds the first in the inbox,
 * answers it (the answer goes to the outbox for the email), and the citizen reads the answer with the
 * code, again without JavaScript. axe on every page, and no sideways scroll on a phone.
 */

test.describe.configure({ mode: 'serial' });

const names = { administration: `Kultur- och turismförvaltningen ${run}` };
const texts = {
  withEmail: `Biblioteket borde ha en HBTQ-hylla för unga ${run}.`,
  anonymous: `More gender-neutral changing rooms at the pool ${run}.`,
  answer: `Tack! Hyllan kommer på plats i vår ${run}.`,
};
const codes = { withEmail: '', anonymous: '' };

/**
 * axe runs as a script in the page, which a page without JavaScript cannot do: it checks the very
 * same HTML, copied into a page of its own with the same viewport.
 */
async function expectNoAxeViolationsWithoutScript(browser: Browser, page: Page, what: string) {
  const context = await browser.newContext({ viewport: page.viewportSize() ?? undefined, javaScriptEnabled: true });
  const copy = await context.newPage();
  await copy.setContent(await page.content());
  await expectNoAxeViolations(copy, what);
  await context.close();
}

/** The form refuses what is sent sooner than three seconds after it was handed out (a robot's speed). */
const aPersonsPace = (page: Page) => page.waitForTimeout(3200);

test('the administrator sets up an administration', async ({ page }) => {
  await signInAsAdmin(page);
  const response = await page.request.post('/api/administrations', {
    data: { name: names.administration },
    headers: await csrf(page.request),
  });
  expect(response.ok(), await response.text()).toBe(true);
});

test.describe('without JavaScript, on a phone', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });

  test('a citizen sends a message with an email for the answer and gets a code', async ({ browser, page }) => {
    await page.goto('/feedback');
    await expect(page.getByRole('heading', { level: 1, name: 'Lämna en synpunkt' })).toBeVisible();
    await expect(page.getByText(/Vi sparar inte din IP-adress/)).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolationsWithoutScript(browser, page, 'the message form without JavaScript');

    await page.getByLabel('Problem', { exact: true }).check();
    await page.getByLabel('HBTQ', { exact: true }).check();
    await page.getByLabel(/Gäller det en viss förvaltning/).selectOption({ label: names.administration });
    await page.getByLabel('Din synpunkt').fill(texts.withEmail);
    await page.getByLabel('E-postadress').fill(`medborgare.${run}@example.se`);
    await aPersonsPace(page);
    await page.getByRole('button', { name: 'Skicka synpunkten' }).click();

    await expect(page.getByRole('heading', { level: 1, name: 'Tack för din synpunkt' })).toBeVisible();
    codes.withEmail = (await page.getByTestId('receipt-code').textContent())!.trim();
    expect(codes.withEmail).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolationsWithoutScript(browser, page, 'the receipt without JavaScript');
  });

  test('a form with a missing choice comes back with the text kept and the problem named', async ({ browser, page }) => {
    await page.goto('/feedback');
    await page.getByLabel('Din synpunkt').fill(`Ett försök utan ämne ${run}`);
    await page.getByLabel('Tanke', { exact: true }).check();
    await aPersonsPace(page);
    await page.getByRole('button', { name: 'Skicka synpunkten' }).click();
    await expect(page.getByRole('alert')).toContainText('Välj vad det gäller.');
    await expect(page.getByLabel('Din synpunkt')).toHaveValue(`Ett försök utan ämne ${run}`);
    await expectNoAxeViolationsWithoutScript(browser, page, 'the message form with an error');
  });
});

test('a citizen sends a message anonymously, in English, with JavaScript on', async ({ page }) => {
  // The way in: a link under the login form, to the server's own page; then its language link.
  await page.goto('/login');
  await page.getByRole('link', { name: 'Lämna en synpunkt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lämna en synpunkt' })).toBeVisible();
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Send us a message' })).toBeVisible();
  await page.getByLabel('Wish', { exact: true }).check();
  await page.getByLabel('Gender equality', { exact: true }).check();
  await page.getByLabel('Your message').fill(texts.anonymous);
  await aPersonsPace(page);
  await page.getByRole('button', { name: 'Send the message' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thank you for your message' })).toBeVisible();
  codes.anonymous = (await page.getByTestId('receipt-code').textContent())!.trim();
  await expectNoAxeViolations(page, 'the receipt in English');
});

test('the administrator finds the message in the inbox and answers it', async ({ page }) => {
  await signInAsAdmin(page);
  await page.getByRole('link', { name: 'Synpunkter' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Synpunkter' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Synpunkter' });
  // This spec's two messages; other specs of the run (the statistics) send messages of their own.
  const ours = new RegExp(
    `(${[texts.withEmail, texts.anonymous].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
  );
  await expect(table.getByRole('link', { name: ours })).toHaveCount(2);
  await expectNoAxeViolations(page, 'the inbox');

  const administration = page.getByRole('combobox', { name: 'Förvaltning', exact: true });
  await administration.click();
  await administration.fill(names.administration.slice(0, 14));
  await page.getByRole('option', { name: names.administration }).click();
  await expect(table.getByRole('link', { name: ours })).toHaveCount(1);
  await table.getByRole('link', { name: `Problem: ${texts.withEmail}` }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Problem: HBTQ' })).toBeVisible();
  await expect(page.getByText(texts.withEmail)).toBeVisible();
  await expect(page.getByText(`medborgare.${run}@example.se`)).toBeVisible();
  await expect(page.getByText(codes.withEmail)).toBeVisible();
  await expectNoAxeViolations(page, 'a message');

  await page.getByRole('textbox', { name: /^Ny anteckning/ }).fill('Kolla med biblioteket först.');
  await page.getByRole('button', { name: 'Lägg till anteckningen' }).click();
  await expect(page.getByText('Kolla med biblioteket först.')).toBeVisible();

  await page.getByRole('textbox', { name: /^Svar/ }).fill(texts.answer);
  await page.getByRole('button', { name: 'Spara och skicka svaret' }).click();
  await expect(page.getByText('Besvarad', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Svar', exact: true }).getByText(texts.answer)).toBeVisible();

  // The answer went to the outbox for the email the citizen left.
  const outbox = await (await page.request.get(`/api/outbox?q=${encodeURIComponent(`medborgare.${run}`)}`)).json();
  expect(JSON.stringify(outbox)).toContain(`medborgare.${run}@example.se`);

  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/messages');
  await expect(page.getByRole('heading', { level: 1, name: 'Synpunkter' })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'the inbox on a phone');
  await page.getByRole('link', { name: `Problem: ${texts.withEmail}` }).click();
  await expect(page.getByRole('region', { name: 'Svar', exact: true }).getByText(texts.answer)).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'an answered message on a phone');
});

test.describe('reading the answer without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });

  test('the citizen reads the answer with the code; the anonymous one has none yet', async ({ browser, page }) => {
    await page.goto('/feedback/status');
    await page.getByLabel('Kod').fill(codes.withEmail.toLowerCase());
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Vårt svar' })).toBeVisible();
    await expect(page.getByText(texts.answer)).toBeVisible();
    await expect(page.getByTestId('receipt-status')).toHaveText('Besvarad');
    // Staff's note and names never reach the citizen.
    await expect(page.getByText('Kolla med biblioteket')).toHaveCount(0);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolationsWithoutScript(browser, page, 'the answer page');

    await page.goto('/feedback/status?lang=en');
    await page.getByLabel('Code').fill(codes.anonymous);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.getByText('We have not answered yet.')).toBeVisible();

    await page.goto('/feedback/status');
    await page.getByLabel('Kod').fill('AAAA-BBBB-CCCC-DDDD');
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.getByRole('alert')).toContainText('Ingen synpunkt har den koden.');
    await expectNoAxeViolationsWithoutScript(browser, page, 'an unknown code');
  });
});
