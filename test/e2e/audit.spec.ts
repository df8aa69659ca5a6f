import { expect, test } from '@playwright/test';
import { admin, csrf, expectNoAxeViolations, expectNoSidewaysScroll, run, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

test('the audit log lists events newest first, filters in the address, and shows a change as before and after', async ({
  page,
}) => {
  await signInAsAdmin(page);
  // A change to look at: a token created and revoked by the administrator.
  const created = await page.request.post('/api/tokens', {
    data: { name: `Granskning ${run}`, expiresInDays: 1 },
    headers: await csrf(page.request),
  });
  expect(created.status()).toBe(201);

  await page.goto('/audit-log');
  await expect(page.getByRole('heading', { level: 1, name: 'Granskningslogg' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Granskningslogg, nyast först' });
  await expect(table.getByRole('row').nth(1)).toContainText('API-nyckel');
  await expectNoAxeViolations(page, 'the audit log');

  await page.getByRole('combobox', { name: 'Typ av post' }).click();
  await page.getByRole('option', { name: 'API-nyckel' }).click();
  await page.getByRole('combobox', { name: 'Händelse' }).click();
  await page.getByRole('option', { name: 'Skapad', exact: true }).click();
  await expect(page).toHaveURL(/entityType=api_token/);
  await expect(page).toHaveURL(/action=create/);
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
  await page.getByLabel('Från').fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}`));

  const row = table.getByRole('row').filter({ hasText: admin.name }).first();
  await expect(row).toContainText('Skapad');
  const toggle = row.getByRole('button', { name: 'Visa ändringar' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(row.getByRole('button', { name: 'Dölj ändringar' })).toHaveAttribute('aria-expanded', 'true');
  const changes = page.getByRole('table', { name: /^Ändringar: Skapad, API-nyckel/ }).first();
  await expect(changes.getByRole('columnheader', { name: 'Före' })).toBeVisible();
  await expect(changes.getByRole('columnheader', { name: 'Efter' })).toBeVisible();
  await expect(changes.getByRole('row', { name: new RegExp(`^Namn – Granskning ${run}$`) })).toBeVisible();
  // Timestamps read as dates and times, not as raw JSON.
  await expect(changes.getByRole('row', { name: /^Upphör – \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the audit log with a change open');

  // The filters survive a reload.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Typ av post' })).toHaveValue('API-nyckel');
  await expect(page.getByLabel('Från')).toHaveValue(today);
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the audit log passes axe and does not scroll sideways', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto('/audit-log');
    await expect(page.getByRole('heading', { level: 1, name: 'Granskningslogg' })).toBeVisible();
    await page.getByRole('button', { name: 'Visa ändringar' }).first().click();
    await expectNoAxeViolations(page, 'the audit log on a phone');
    await expectNoSidewaysScroll(page);
  });
});
