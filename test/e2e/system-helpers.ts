import { expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * Helpers for the browser tests of the system pages (start page, my account, users, outbox, audit
 * log). The database lives for the whole test run, shared by every spec: the administrator is the
 * one the first spec to run creates, and names made here carry a per-run suffix.
 */
export const admin = { name: 'Ada Administratör', email: 'admin@example.se', password: 'a long password' };
export const run = Date.now().toString(36).slice(-5);

export async function logIn(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel(/^Lösenord/).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

/** Signs in as the administrator, creating them on the first-run page when the system is new; returns their name. */
export async function signInAsAdmin(page: Page): Promise<string> {
  await page.goto('/');
  const status = await (await page.request.get('/api/setup')).json();
  if (status.needsSetup) {
    await page.goto('/setup');
    await page.getByLabel('Ditt namn').fill(admin.name);
    await page.getByLabel('E-postadress').fill(admin.email);
    await page.getByLabel(/^Lösenord/).fill(admin.password);
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
  } else {
    await logIn(page, admin.email, admin.password);
  }
  await page.waitForURL((url) => !/\/(login|setup)$/.test(url.pathname));
  // The language is remembered per browser and per account: start every test in Swedish.
  await page.evaluate(() => localStorage.setItem('inkludera.language', 'sv'));
  await page.request.put('/api/auth/locale', { data: { locale: 'sv' }, headers: await csrf(page.request) });
  return (await (await page.request.get('/api/auth/me')).json()).name;
}

export async function csrf(request: APIRequestContext) {
  return { 'x-csrf-token': (await (await request.get('/api/auth/csrf')).json()).token as string };
}

/** A write through the API as the signed-in browser, which must succeed: the answer's JSON. */
export async function send(request: APIRequestContext, method: 'post' | 'put' | 'patch', url: string, data: unknown) {
  const response = await request[method](url, { data, headers: await csrf(request) });
  expect(response.ok(), `${method.toUpperCase()} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

export const post = (request: APIRequestContext, url: string, data: unknown) => send(request, 'post', url, data);

/** A second person in a browser context of their own, logged in. */
export async function signedIn(browser: Browser, person: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, person.email, person.password);
  await page.waitForURL((url) => url.pathname !== '/login');
  return page;
}

/** axe with the WCAG 2.1 A and AA rules, once the page has settled. */
export async function expectNoAxeViolations(page: Page, what: string) {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('.mantine-datatable-loader[data-active], .mantine-Loader-root')).toHaveCount(0);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on ${what}`).toEqual([]);
}

/** On a phone the page scrolls down, never sideways (wide tables scroll inside themselves). */
export async function expectNoSidewaysScroll(page: Page) {
  const width = page.viewportSize()?.width ?? 375;
  // Polled: after a change of viewport the layout follows a media query in React, a render later.
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}
