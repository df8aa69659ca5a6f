import { expect, test } from '@playwright/test';
import { admin, expectNoAxeViolations, expectNoSidewaysScroll, run, signInAsAdmin } from './system-helpers.js';

test.describe.configure({ mode: 'serial' });

test('my account shows who I am, my roles, my language and my sessions', async ({ page }) => {
  const name = await signInAsAdmin(page);
  await page.goto('/account');
  await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible();
  const profile = page.getByRole('region', { name: 'Uppgifter om dig' });
  await expect(profile.getByText(name, { exact: true })).toBeVisible();
  await expect(profile.getByText(admin.email)).toBeVisible();
  await expect(profile.getByRole('listitem').filter({ hasText: 'Administratör' })).toBeVisible();
  await expect(page.getByText('Sparat språk för ditt konto: Svenska.')).toBeVisible();
  const sessions = page.getByRole('table', { name: 'Inloggade sessioner' });
  await expect(sessions.getByText('Den här webbläsaren')).toBeVisible();
  await expectNoAxeViolations(page, 'my account');
});

test('changing the password shows the server’s error beside the field', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/account');
  // The contract first: too short a new password is refused before anything is sent.
  await page.getByLabel('Nuvarande lösenord').fill('not the password');
  await page.getByLabel('Nytt lösenord').fill('short');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await expect(page.getByLabel('Nytt lösenord')).toHaveAttribute('aria-invalid', 'true');
  // Then the server: the current password is wrong.
  await page.getByLabel('Nytt lösenord').fill('an entirely new password');
  await page.getByRole('button', { name: 'Byt lösenord' }).click();
  await expect(page.getByText('Det nuvarande lösenordet stämmer inte.')).toBeVisible();
  await expect(page.getByLabel('Nuvarande lösenord')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page, 'the password form with an error');
});

test('a personal API token is created, shown once, works as a bearer token, and is revoked', async ({ page, request }) => {
  await signInAsAdmin(page);
  await page.goto('/account');
  const tokenName = `Rapportskript ${run}`;
  await page.getByRole('textbox', { name: 'Namn' }).fill(tokenName);
  await page.getByRole('combobox', { name: 'Giltig' }).click();
  await page.getByRole('option', { name: '30 dagar' }).click();
  await page.getByRole('button', { name: 'Skapa nyckel' }).click();

  const secretField = page.getByRole('textbox', { name: 'Din nya API-nyckel' });
  await expect(secretField).toBeVisible();
  await expect(secretField).toBeFocused();
  await expect(page.getByText('Den visas bara den här gången')).toBeVisible();
  const secret = await secretField.inputValue();
  expect(secret).toMatch(/^ink_/);
  await expect(page.getByText(/curl -H "Authorization: Bearer DIN_NYCKEL" .*\/api\/auth\/me/)).toBeVisible();
  await expectNoAxeViolations(page, 'my account with a new token');

  // The example works: the token stands for the person (this request context has no session cookie).
  const me = await request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).email).toBe(admin.email);

  await page.getByRole('button', { name: 'Jag har sparat nyckeln' }).click();
  await expect(secretField).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Personliga API-nycklar' }).getByRole('row').filter({ hasText: tokenName });
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: new RegExp(`^Återkalla nyckeln ${tokenName}`) }).click();
  const dialog = page.getByRole('dialog', { name: 'Återkalla API-nyckeln?' });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page, 'the revoke dialog');
  await dialog.getByRole('button', { name: 'Återkalla' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(row).toHaveCount(0);

  const after = await request.get('/api/auth/me', { headers: { authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
});

test.describe('on a 375 px wide phone', () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test('my account passes axe and does not scroll sideways', async ({ page }) => {
    await signInAsAdmin(page);
    await page.goto('/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Mitt konto' })).toBeVisible();
    await expectNoAxeViolations(page, 'my account on a phone');
    await expectNoSidewaysScroll(page);
  });
});
