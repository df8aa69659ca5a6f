import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll } from './system-helpers.js';

/**
 * The first run of a new installation, each case on a server of its own with an empty database:
 * the first administrator created on the first-run page, and the demo municipality loaded from it.
 * Also the login page and the 404 page, in Swedish and English.
 */

type Server = { child: ChildProcess; baseURL: string; dataDir: string };

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-first-run-'));
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${baseURL}/api/health`)).ok) return { child, baseURL, dataDir };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not start');
}

async function stopServer(server: Server | undefined) {
  if (!server) return;
  await new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

test.describe('a new installation', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });
  let server: Server | undefined;
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => stopServer(server));

  test('sends the first visitor to the first-run page, which creates the administrator and logs them in', async ({ page }) => {
    await page.goto(`${server!.baseURL}/`);
    await page.waitForURL(/\/setup$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Kom igång' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ladda demokommunen' })).toBeVisible();
    await expectNoAxeViolations(page, 'the first-run page');

    // The form checks with the API's own contract before sending: errors beside the fields.
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await expect(page.getByLabel('Ditt namn')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('E-postadress')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Ditt namn').fill('Henrika Strateg');
    await page.getByLabel('E-postadress').fill('strateg@example.se');
    await page.getByLabel(/^Lösenord/).fill('kort');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await expect(page.locator('.mantine-PasswordInput-error')).toBeVisible();
    await expect(page.getByLabel('Ditt namn')).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel(/^Lösenord/).fill('ett långt lösenord');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect(page.getByText('Henrika Strateg').first()).toBeVisible();

    // Once set up, the first-run page says so instead of offering a second administrator.
    await page.goto(`${server!.baseURL}/setup`);
    await expect(page.getByText('Systemet är redan installerat')).toBeVisible();
  });

  test('logs out, refuses a wrong password, and logs in again; by keyboard alone', async ({ page }) => {
    await page.goto(`${server!.baseURL}/login`);
    await expectNoAxeViolations(page, 'the login page');
    await page.keyboard.press('Tab'); // the language switch comes first, then the form
    await page.getByLabel('E-postadress').focus();
    await page.keyboard.type('strateg@example.se');
    await page.keyboard.press('Tab');
    await page.keyboard.type('fel lösenord 123');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('Fel e-postadress eller lösenord');
    await page.getByLabel(/^Lösenord/).fill('ett långt lösenord');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(/\/login/);
  });

  test('shows a helpful 404 page in Swedish and in English', async ({ page }) => {
    await page.goto(`${server!.baseURL}/finns-inte`);
    await expect(page.getByRole('heading', { level: 1, name: 'Sidan finns inte' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Till startsidan' })).toBeVisible();
    await expectNoAxeViolations(page, 'the 404 page');
    await page.goto(`${server!.baseURL}/login`);
    await page.getByText('English').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto(`${server!.baseURL}/no-such-page`);
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  });
});

test.describe('the demo municipality', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let server: Server | undefined;
  test.beforeAll(async () => {
    server = await startServer();
  });
  test.afterAll(async () => stopServer(server));

  test('is offered on the first-run page, loads, and its accounts can log in', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${server!.baseURL}/setup`);
    await page.getByRole('button', { name: 'Ladda demokommunen' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Demokommunen är laddad' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByText('strateg@demo.example')).toBeVisible();
    await expect(page.getByText('Inkludera-demo-2026')).toBeVisible();
    await expectNoAxeViolations(page, 'the demo accounts');
    await expectNoSidewaysScroll(page);

    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByLabel('E-postadress').fill('chef.forskola@demo.example');
    await page.getByLabel(/^Lösenord/).fill('Inkludera-demo-2026');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    const me = await (await page.request.get(`${server!.baseURL}/api/auth/me`)).json();
    expect(me.name).toBe('Robin Förskolechef');
    expect(me.roles.map((r: { role: string }) => r.role)).toEqual(['unit_manager', 'unit_manager']);
  });
});
