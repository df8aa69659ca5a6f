import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { csrf, expectNoAxeViolations, expectNoSidewaysScroll, logIn, run, signInAsAdmin } from './system-helpers.js';

/**
 * A unit's certification in the browser. Through the API: an administration with two pre-schools
 * (working with children and youth) and their staff, a unit manager of the first, a certifier, and a
 * scheme with a working-group criterion and a confirmed one. In the browser the unit manager starts
 * the process from the units' status page, puts an employee in the working group and confirms the
 * other criterion with evidence; the certifier certifies the unit; the administrator reads the
 * certificate and revokes it. The certify page lists the second pre-school's process as not ready;
 * the start page counts the uncertified units. axe finds no WCAG 2.1 AA violation on any page, at
 * desktop width and on a phone.
 */

test.describe.configure({ mode: 'serial' });

const names = {
  administration: `Certförvaltningen ${run}`,
  first: `Förskolan Regnbågen ${run}`,
  second: `Förskolan Ekorren ${run}`,
  scheme: `HBTQ-certifiering ${run}`,
  group: 'Arbetsgrupp med minst en medarbetare',
  routine: 'Rutin för introduktion av nyanställda',
};
const manager = { name: `Uma Enhetschef ${run}`, email: `uma.${run}@example.se`, password: 'a long password' };
const certifier = { name: `Sam Certifierare ${run}`, email: `sam.${run}@example.se`, password: 'a long password' };

async function signedIn(browser: Browser, person: { email: string; password: string }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, person.email, person.password);
  await page.waitForURL((url) => url.pathname !== '/login');
  return page;
}

async function post(request: APIRequestContext, url: string, data: unknown) {
  const response = await request.post(url, { data, headers: await csrf(request) });
  expect(response.ok(), `POST ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

async function build(page: Page) {
  const request = page.request;
  const administration = await post(request, '/api/administrations', { name: names.administration });
  const first = await post(request, '/api/units', {
    administrationId: administration.id,
    name: names.first,
    worksWithChildren: true,
  });
  const second = await post(request, '/api/units', {
    administrationId: administration.id,
    name: names.second,
    worksWithChildren: true,
  });
  const employees = [];
  for (const [index, unit] of [first, first, second].entries()) {
    employees.push(
      await post(request, '/api/employees', {
        employeeNumber: `CERT${run}${index}`,
        firstName: 'Robin',
        lastName: `Certifierad${index}${run}`,
        unitId: unit.id,
        gender: 'not_stated',
        startDate: '2020-01-01',
      }),
    );
  }
  const scheme = await post(request, '/api/certification-schemes', {
    name: names.scheme,
    issuer: 'RFSL',
    validityYears: 3,
    criteria: [
      { kind: 'working_group', label: names.group, threshold: 1 },
      { kind: 'confirmed', label: names.routine },
    ],
  });
  await post(request, '/api/users', { ...manager, roles: [{ role: 'unit_manager', unitId: first.id }] });
  await post(request, '/api/users', { ...certifier, roles: [{ role: 'certifier' }] });
  const secondProcess = await post(request, '/api/certification/processes', { unitId: second.id, schemeId: scheme.id });
  return { administration, first, second, employees, scheme, secondProcess };
}

let built: Awaited<ReturnType<typeof build>>;

test('a unit manager follows the checklist, a certifier certifies, the administrator revokes', async ({ page, browser }) => {
  // Three people in three browsers, and axe at each step.
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  built = await build(page);

  // The administrator sees both pre-schools where they stand.
  await page.goto(`/certification?administrationId=${built.administration.id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Certifiering' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: names.first }).getByText('Inte påbörjad')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: names.second }).getByText('Pågår')).toBeVisible();
  await expectNoAxeViolations(page, 'the units status page');

  // The unit manager sees only their own unit, and starts its process with the scheme.
  const their = await signedIn(browser, manager);
  await their.getByRole('link', { name: 'Certifiering', exact: true }).click();
  const row = their.getByRole('row').filter({ hasText: names.first });
  await expect(row.getByText('Inte påbörjad')).toBeVisible();
  await expect(their.getByRole('row').filter({ hasText: names.second })).toHaveCount(0);
  await row.getByRole('button', { name: `Starta eller förnya certifieringen för ${names.first}` }).click();
  const start = their.getByRole('dialog');
  await start.getByLabel('Certifiering').selectOption({ label: names.scheme });
  await expectNoAxeViolations(their, 'the dialog that starts a process');
  await start.getByRole('button', { name: 'Starta processen' }).click();
  await expect(their.getByRole('heading', { level: 1, name: `Certifieringsprocess: ${names.first}` })).toBeVisible();
  await expect(their.getByText('0 av 2 kriterier uppfyllda')).toBeVisible();
  await expect(their.getByText('Inte redo än')).toBeVisible();
  // Certifying is not theirs to do.
  await expect(their.getByRole('button', { name: 'Certifiera', exact: true })).toHaveCount(0);
  await expectNoAxeViolations(their, 'a process with nothing met');
  const processUrl = their.url();

  // The working group: one of the unit's employees, searched by name.
  await their.getByRole('button', { name: 'Ändra arbetsgruppen' }).click();
  const groupDialog = their.getByRole('dialog');
  const members = groupDialog.getByRole('combobox', { name: 'Medlemmar' });
  await members.click();
  await members.fill(`Certifierad0${run}`);
  await expect(their.getByRole('option')).toHaveCount(1);
  await their.getByRole('option').first().click();
  // The list stays open for another choice: leaving the field closes it.
  await groupDialog.getByRole('heading').click();
  await expect(their.getByRole('option')).toHaveCount(0);
  await groupDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(groupDialog).toBeHidden();
  await expect(their.getByRole('link', { name: `Robin Certifierad0${run}` })).toBeVisible();
  await expect(their.getByText('1 av 2 kriterier uppfyllda')).toBeVisible();

  // The routine is confirmed with evidence; an empty evidence is refused first.
  await their.getByRole('button', { name: `Bekräfta ${names.routine}` }).click();
  const confirmDialog = their.getByRole('dialog');
  await confirmDialog.getByRole('button', { name: 'Bekräfta' }).click();
  await expect(confirmDialog.getByText('Skriv vad som visar att kriteriet är uppfyllt.')).toBeVisible();
  await confirmDialog.getByLabel(/^Underlag/).fill('Rutinen antogs av ledningsgruppen 2026-10-01.');
  await expectNoAxeViolations(their, 'the confirmation dialog');
  await confirmDialog.getByRole('button', { name: 'Bekräfta' }).click();
  await expect(confirmDialog).toBeHidden();
  await expect(their.getByText('2 av 2 kriterier uppfyllda')).toBeVisible();
  await expect(their.getByText('Redo att certifieras')).toBeVisible();
  await expect(their.getByText('Rutinen antogs av ledningsgruppen 2026-10-01.')).toBeVisible();
  // The routine itself is attached as a file; it can be downloaded from the checklist.
  const chooser = their.waitForEvent('filechooser');
  await their.getByRole('button', { name: `Bifoga fil till ${names.routine}` }).click();
  await (
    await chooser
  ).setFiles({ name: 'Introduktionsrutin.txt', mimeType: 'text/plain', buffer: Buffer.from('Så tar vi emot nyanställda.') });
  const attached = their.getByRole('link', { name: 'Introduktionsrutin.txt' });
  await expect(attached).toBeVisible();
  const downloaded = await their.request.get((await attached.getAttribute('href')) ?? '');
  expect(await downloaded.text()).toBe('Så tar vi emot nyanställda.');
  await expectNoAxeViolations(their, 'a process ready to be certified');

  // The certifier certifies: the certificate page shows the snapshot the certificate rests on.
  const issuer = await signedIn(browser, certifier);
  await issuer.goto(processUrl);
  await expect(issuer.getByText('Redo att certifieras')).toBeVisible();
  await expect(issuer.getByRole('button', { name: `Bekräfta ${names.routine}` })).toHaveCount(0);
  await issuer.getByRole('button', { name: 'Certifiera', exact: true }).click();
  const certifyDialog = issuer.getByRole('dialog');
  await expect(certifyDialog.getByLabel(/^Certifierad den/)).not.toHaveValue('');
  await certifyDialog.getByRole('button', { name: 'Certifiera', exact: true }).click();
  await expect(issuer.getByRole('heading', { level: 1, name: `Certifikat: ${names.first}` })).toBeVisible();
  await expect(issuer.getByText('Giltigt', { exact: true }).first()).toBeVisible();
  const snapshot = issuer.getByRole('table', { name: 'Underlaget när enheten certifierades' });
  await expect(snapshot.getByRole('row').filter({ hasText: names.group })).toContainText('1 i arbetsgruppen, krav 1');
  await expect(snapshot.getByRole('row').filter({ hasText: names.routine })).toContainText('ledningsgruppen');
  const pdf = await issuer.request.get(
    (await issuer.getByRole('link', { name: 'Ladda ner som PDF' }).getAttribute('href')) ?? '',
  );
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await expectNoAxeViolations(issuer, 'a valid certificate');

  // The status page now counts the unit certified.
  await page.goto(`/certification?administrationId=${built.administration.id}`);
  await expect(page.getByRole('row').filter({ hasText: names.first }).getByText('Certifierad')).toBeVisible();
  await expect(page.getByRole('img', { name: '1 av 2 enheter är certifierade' })).toBeVisible();

  // Revoke, with a reason.
  await page.getByRole('row').filter({ hasText: names.first }).getByRole('link', { name: /\(/ }).click();
  await page.getByRole('button', { name: 'Återkalla' }).click();
  const revokeDialog = page.getByRole('dialog');
  await revokeDialog.getByRole('button', { name: 'Återkalla' }).click();
  await expect(revokeDialog.getByText('Skriv varför certifikatet återkallas.')).toBeVisible();
  await revokeDialog.getByLabel(/^Skäl/).fill('Arbetsgruppen har upphört.');
  await revokeDialog.getByRole('button', { name: 'Återkalla' }).click();
  await expect(revokeDialog).toBeHidden();
  await expect(page.getByText('Återkallat', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Arbetsgruppen har upphört.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Återkalla' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'a revoked certificate');
});

test('the certify page lists open processes with whether each is ready, and refuses what is not', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/certification/certify');
  await expect(page.getByRole('heading', { level: 1, name: 'Certifiera enheter' })).toBeVisible();
  const choice = page.getByRole('checkbox', { name: new RegExp(names.second) });
  await expect(choice).toBeVisible();
  await expectNoAxeViolations(page, 'the certify page');
  await choice.check();
  await page.getByRole('button', { name: 'Certifiera 1 enhet' }).click();
  // Not ready: the server refuses, and names the unit and why; nothing is certified.
  await expect(page.getByRole('alert')).toContainText(`${names.second}: Alla kriterier är inte uppfyllda.`);
  await expect(choice).toBeChecked();
});

test('the start page counts the children units without a certificate', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/');
  const section = page.getByRole('region', { name: 'Certifiering av enheter' });
  await expect(section).toBeVisible();
  await expect(section.getByRole('link', { name: 'Se var enheterna står' })).toBeVisible();
  await expectNoAxeViolations(page, 'the start page with certification');
});

test('the certification pages read well on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signInAsAdmin(page);
  for (const path of [
    `/certification?administrationId=${built.administration.id}`,
    `/certification/processes/${built.secondProcess.id}`,
    '/certification/certify',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, `${path} on a phone`);
  }
  const certificates = await (await page.request.get(`/api/certificates?unitId=${built.first.id}`)).json();
  await page.goto(`/certificates/${certificates.items[0].id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Certifikat: ${names.first}` })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'a certificate on a phone');
});
