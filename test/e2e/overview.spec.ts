import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

test('the start page greets the person and shows the counts, each linking to its page', async ({ page }) => {
  const name = await signInAsAdmin(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: `Välkommen, ${name}` })).toBeVisible();
  const counts = page.getByRole('region', { name: 'I siffror' });
  for (const label of [
    'Förvaltningar',
    'Enheter',
    'Enheter som arbetar med barn och unga',
    'Medarbetare',
    'Användare',
    'Meddelanden i utkorgen som väntar',
  ]) {
    await expect(counts.getByRole('link', { name: new RegExp(`^[\\d\\s\\u00a0\\u202f]+${label}$`) })).toBeVisible();
  }
  await expectNoAxeViolations(page, 'the start page');

  await counts.getByRole('link', { name: /Användare$/ }).click();
  await expect(page).toHaveURL(/\/users$/);
  await page.goBack();
  await counts.getByRole('link', { name: /Meddelanden i utkorgen som väntar$/ }).click();
  await expect(page).toHaveURL(/\/outbox\?status=pending$/);
});

test('the start page in English', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/');
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Welcome, / })).toBeVisible();
  await expect(page.getByRole('link', { name: /Units working with children and youth$/ })).toBeVisible();
  await expectNoAxeViolations(page, 'the start page in English');
  await page.getByText('Svenska', { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Välkommen, / })).toBeVisible();
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('the start page passes axe and does not scroll sideways', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, 'the start page on a phone');
    await expectNoSidewaysScroll(page);
  });
});
