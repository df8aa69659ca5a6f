import { expect, test, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, post, run, signInAsAdmin } from './system-helpers.js';

/**
 * The public register of certified units, as a citizen sees it without logging in, on a phone as
 * well as at desktop width. Through the API an administrator certifies three units on a scheme with
 * one confirmed criterion: one valid today, one certified four years ago on a one-year scheme
 * (expired), and one revoked. The register lists only the valid one; the search filters it; the
 * open data answers as CSV and JSON; the check by code tells valid, expired, revoked and unknown
 * apart, each page with 0 axe violations and no sideways scroll at 375 px. (The register's first
 * walk-through, with a certificate made in the browser, is in certification.spec.ts.)
 */

test.describe.configure({ mode: 'serial' });

const names = {
  administration: `Registerförvaltningen ${run}`,
  valid: `Ungdomsgården Kompassen ${run}`,
  expired: `Ungdomsgården Fyren ${run}`,
  revoked: `Ungdomsgården Ankaret ${run}`,
  scheme: `Registercertifiering ${run}`,
};

/** Opens a process for the unit, confirms the criterion and certifies it on the day; answers the certificate with its code. */
async function certify(page: Page, unitId: string, scheme: { id: string; criteria: { id: string }[] }, certifiedOn?: string) {
  const request = page.request;
  const process = await post(request, '/api/certification/processes', { unitId, schemeId: scheme.id });
  const put = await request.put(`/api/certification/processes/${process.id}/criteria/${scheme.criteria[0]!.id}/confirmation`, {
    data: { evidence: 'Slutseminariet hölls.' },
    headers: await csrf(request),
  });
  expect(put.ok(), `confirm: ${put.status()} ${await put.text()}`).toBe(true);
  const { items } = await post(request, '/api/certificates', {
    processIds: [process.id],
    ...(certifiedOn ? { certifiedOn } : {}),
  });
  const response = await request.get(`/api/certificates/${items[0].id}`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as { id: string; code: string; status: string };
}

const codes = { valid: '', expired: '', revoked: '' };

test('an administrator certifies three units through the API', async ({ page }) => {
  await signInAsAdmin(page);
  const request = page.request;
  const administration = await post(request, '/api/administrations', { name: names.administration });
  const unit = (name: string) =>
    post(request, '/api/units', { administrationId: administration.id, name, worksWithChildren: true });
  const [valid, expired, revoked] = [await unit(names.valid), await unit(names.expired), await unit(names.revoked)];
  const scheme = await post(request, '/api/certification-schemes', {
    name: names.scheme,
    issuer: 'RFSL',
    validityYears: 1,
    criteria: [{ kind: 'confirmed', label: 'Avslutande seminarium' }],
  });

  const validCertificate = await certify(page, valid.id, scheme);
  expect(validCertificate.status).toBe('valid');
  codes.valid = validCertificate.code;

  const fourYearsAgo = new Date(Date.now() - 4 * 365 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const expiredCertificate = await certify(page, expired.id, scheme, fourYearsAgo);
  expect(expiredCertificate.status).toBe('expired');
  codes.expired = expiredCertificate.code;

  const revokedCertificate = await certify(page, revoked.id, scheme);
  await post(request, `/api/certificates/${revokedCertificate.id}/revoke`, { reason: 'Fel verksamhet certifierades.' });
  codes.revoked = revokedCertificate.code;
});

for (const viewport of [
  { name: 'at desktop width', width: 1280, height: 900 },
  { name: 'on a phone', width: 375, height: 800 },
]) {
  test(`a citizen reads the register and checks codes, without logging in, ${viewport.name}`, async ({ browser }) => {
    // Five pages, each with axe; on a loaded machine that takes more than a minute.
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport: { width: viewport.width, height: viewport.height } });
    const citizen = await context.newPage();

    // The way in: a link under the login form.
    await citizen.goto('/login');
    await citizen.getByRole('link', { name: 'Certifierade verksamheter' }).click();
    await expect(citizen).toHaveURL(/\/register$/);
    await expect(citizen.getByRole('heading', { level: 1, name: 'Certifierade verksamheter' })).toBeVisible();
    await expect(citizen.getByText(/giltig(t|a) certifikat den/)).toBeVisible();
    const table = citizen.getByRole('table', { name: 'Verksamheter med giltigt certifikat' });
    await expect(table.getByRole('row').filter({ hasText: names.valid })).toContainText(names.scheme);
    // Only certificates valid today: neither the expired nor the revoked one.
    await expect(table.getByText(names.expired)).toHaveCount(0);
    await expect(table.getByText(names.revoked)).toHaveCount(0);
    await expectNoSidewaysScroll(citizen);
    await expectNoAxeViolations(citizen, `the public register ${viewport.name}`);

    // The search filters by unit or by administration, in the browser.
    const search = citizen.getByLabel(/^Sök/);
    await search.fill(names.administration.toUpperCase());
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(citizen.getByText('1 visas')).toBeVisible();
    await search.fill(`inget sådant ${run}`);
    await expect(citizen.getByText('Ingen verksamhet att visa.')).toBeVisible();
    await search.fill('');

    // On a phone the table scrolls inside a region that the keyboard reaches.
    const region = citizen.getByRole('region', { name: 'Verksamheter med giltigt certifikat' });
    await region.focus();
    await expect(region).toBeFocused();

    // The open data.
    const csvHref = await citizen.getByRole('link', { name: 'Ladda ner som CSV' }).getAttribute('href');
    const csv = await citizen.request.get(csvHref ?? '');
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(names.valid);
    const jsonHref = await citizen.getByRole('link', { name: 'Öppna data som JSON' }).getAttribute('href');
    const json = await citizen.request.get(jsonHref ?? '');
    expect(json.status()).toBe(200);
    expect(JSON.stringify(await json.json())).toContain(names.valid);

    // The check by code, typed as people type it: lower case, with spaces.
    await citizen.getByLabel(/^Verifieringskod/).fill(codes.valid.toLowerCase().replace(/-/g, ' '));
    await citizen.getByRole('button', { name: 'Kontrollera' }).click();
    await expect(citizen).toHaveURL(/\/register\/[0-9A-Z]{16}$/);
    await expect(citizen.getByText('Certifikatet är giltigt')).toBeVisible();
    await expect(citizen.getByRole('cell', { name: names.valid })).toBeVisible();
    await expect(citizen.getByRole('cell', { name: names.administration })).toBeVisible();
    await expect(citizen.getByRole('cell', { name: 'RFSL' })).toBeVisible();
    await expectNoSidewaysScroll(citizen);
    await expectNoAxeViolations(citizen, `a valid certificate ${viewport.name}`);

    await citizen.goto(`/register/${codes.expired}`);
    await expect(citizen.getByText('Certifikatet har gått ut')).toBeVisible();
    await expect(citizen.getByRole('cell', { name: names.expired })).toBeVisible();
    await expectNoAxeViolations(citizen, `an expired certificate ${viewport.name}`);

    await citizen.goto(`/register/${codes.revoked}`);
    await expect(citizen.getByText('Certifikatet är återkallat')).toBeVisible();
    await expectNoAxeViolations(citizen, `a revoked certificate ${viewport.name}`);

    await citizen.goto('/register/ABCDEFGHJKMNPQRS');
    await expect(citizen.getByText(/Det finns inget certifikat med koden ABCD-EFGH-JKMN-PQRS/)).toBeVisible();
    await expectNoSidewaysScroll(citizen);
    await expectNoAxeViolations(citizen, `an unknown code ${viewport.name}`);

    await citizen.getByRole('link', { name: 'Till listan över certifierade verksamheter' }).click();
    await expect(citizen.getByRole('heading', { level: 1, name: 'Certifierade verksamheter' })).toBeVisible();
    await context.close();
  });
}
