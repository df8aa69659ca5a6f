import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

test('the outbox says that mail stays here without SMTP, and filters by status in the address', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/outbox');
  await expect(page.getByRole('heading', { level: 1, name: 'Utkorg' })).toBeVisible();
  await expect(page.getByText('E-post skickas inte')).toBeVisible();
  await expect(page.getByText('SMTP_URL=smtp://')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Meddelanden i utkorgen, nyast först' })).toBeVisible();
  await expectNoAxeViolations(page, 'the outbox');

  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Misslyckades' }).click();
  await expect(page).toHaveURL(/status=failed/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('Misslyckades');
});

test('a message opens with recipient, subject, body, attempts and last error, and a failed one is sent again', async ({
  page,
}) => {
  // No feature sends mail yet: the outbox's answers are stood in for here; the API has its own tests.
  const failed = {
    id: '11111111-1111-4111-8111-111111111111',
    toAddress: 'anna@example.se',
    subject: 'Kallelse till utbildning',
    body: 'Hej Anna!\n\nDu är anmäld till utbildningen.',
    status: 'failed',
    attempts: 8,
    lastError: 'connect ECONNREFUSED 127.0.0.1:25',
    createdAt: '2026-03-01T08:00:00.000Z',
    sentAt: null,
    nextAttemptAt: null,
  };
  let retried = false;
  await signInAsAdmin(page);
  await page.route('**/api/outbox?**', (route) => route.fulfill({ json: { items: [failed], total: 1, page: 1, pageSize: 25 } }));
  const requeued = { ...failed, status: 'pending', attempts: 0, nextAttemptAt: '2026-03-01T09:00:00.000Z' };
  await page.route(`**/api/outbox/${failed.id}`, (route) => route.fulfill({ json: retried ? requeued : failed }));
  await page.route(`**/api/outbox/${failed.id}/retry`, (route) => {
    retried = true;
    return route.fulfill({ json: requeued });
  });
  await page.goto('/outbox');
  await page.getByRole('button', { name: failed.subject }).click();
  const dialog = page.getByRole('dialog', { name: failed.subject });
  await expect(dialog).toContainText(failed.toAddress);
  await expect(dialog).toContainText('Du är anmäld till utbildningen.');
  await expect(dialog).toContainText(failed.lastError);
  await expect(dialog.getByRole('row', { name: /Försök 8/ })).toBeVisible();
  await expect(dialog.getByRole('row', { name: /Skapad 2026-03-01 09:00/ })).toBeVisible();
  await expectNoAxeViolations(page, 'an outbox message');
  await dialog.getByRole('button', { name: 'Försök skicka igen' }).click();
  await expect(dialog.getByText('Väntar', { exact: true })).toBeVisible();
  expect(retried).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: failed.subject })).toBeFocused();
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the outbox passes axe and does not scroll sideways', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto('/outbox');
    await expect(page.getByRole('heading', { level: 1, name: 'Utkorg' })).toBeVisible();
    await expectNoAxeViolations(page, 'the outbox on a phone');
    await expectNoSidewaysScroll(page);
  });
});
