import { expect, test, type Page } from '@playwright/test';
import {
  admin,
  csrf,
  expectNoAxeViolations,
  expectNoSidewaysScroll,
  post,
  run,
  signedIn,
  signInAsAdmin,
} from './system-helpers.js';

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
  // Sorted by unit name, descending on the second press: Regnbågen before Ekorren.
  await page.getByRole('button', { name: /^Enhet/ }).click();
  await expect(page).toHaveURL(/sort=unitName/);
  await page.getByRole('button', { name: /^Enhet/ }).click();
  await expect(page).toHaveURL(/sort=-unitName/);
  await expect(page.getByRole('table', { name: 'Enheternas certifiering' }).getByRole('row').nth(1)).toContainText(names.first);

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
  // How far its checklist has come, from the list itself.
  await expect(page.getByText(`${names.scheme}. 0 av 2 kriterier uppfyllda`)).toBeVisible();
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

test('an administrator defines a scheme with its criteria, changes it, sets the reminders and deletes it', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsAdmin(page);
  const courseName = `Certifieringsutbildning ${run}`;
  const levels = await (await page.request.get('/api/training-levels')).json();
  const level = levels.items.find((l: { key: string }) => l.key === 'certification_course') ?? levels.items[0];
  await post(page.request, '/api/courses', { name: courseName, topic: 'hbtq', levelId: level.id, hours: 20 });
  const schemeName = `Diplomering ${run}`;

  await page.goto('/certification/schemes');
  await expect(page.getByRole('heading', { level: 1, name: 'Certifieringar och kriterier' })).toBeVisible();
  await expectNoAxeViolations(page, 'the schemes page');
  await page.getByRole('button', { name: 'Ny certifiering' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel(/^Namn/).fill(schemeName);
  await form.getByLabel(/^Utfärdare/).fill('Kommunen');
  // No criterion yet: the form says so beside the list, before anything is sent.
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await form.getByRole('button', { name: 'Lägg till kriterium' }).click();
  await form.getByLabel('Typ').selectOption({ label: 'Andel utbildad personal' });
  await form.getByLabel(/^Benämning/).fill('Utbildad personal');
  await form.getByLabel(/^Utbildning/).selectOption({ label: courseName });
  await form.getByLabel(/^Krav i procent/).fill('80');
  await form.getByRole('button', { name: 'Lägg till kriterium' }).click();
  await form
    .getByLabel(/^Benämning/)
    .nth(1)
    .fill('Rutin för nyanställda');
  // An adopted action plan: the area is asked for before anything is sent.
  await form.getByRole('button', { name: 'Lägg till kriterium' }).click();
  await form.getByLabel('Typ').nth(2).selectOption({ label: 'Antagen handlingsplan' });
  await form
    .getByLabel(/^Benämning/)
    .nth(2)
    .fill('HBTQ-handlingsplan');
  await form.getByRole('button', { name: 'Spara' }).click();
  await expect(form.getByText('Välj handlingsplanens område.')).toBeVisible();
  await form.getByLabel(/^Handlingsplanens område/).selectOption({ label: 'HBTQ' });
  await expectNoAxeViolations(page, 'the scheme form');
  await form.getByRole('button', { name: 'Spara' }).click();

  await expect(page.getByRole('heading', { level: 1, name: schemeName, exact: true })).toBeVisible();
  await expect(page.getByText(`minst 80 % av enhetens personal har genomfört ${courseName}`)).toBeVisible();
  await expect(page.getByText('Rutin för nyanställda')).toBeVisible();
  await expect(page.getByText('en antagen handlingsplan för enheten inom området HBTQ som gäller innevarande år')).toBeVisible();
  await expectNoAxeViolations(page, 'a scheme');

  // Change it: the second criterion moves first, the validity becomes two years.
  await page.getByRole('button', { name: 'Ändra certifieringen' }).click();
  const edit = page.getByRole('dialog');
  await edit.getByRole('button', { name: 'Flytta kriterium 2 upp' }).click();
  await edit.getByLabel(/^Giltig i antal år/).fill('2');
  await edit.getByRole('button', { name: 'Spara' }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByText('2 år')).toBeVisible();
  await expect(page.getByRole('listitem').first()).toContainText('Rutin för nyanställda');

  // The reminders: 6, 3 and 1 months; a word is refused beside the field.
  await page.getByRole('link', { name: 'Certifieringar och kriterier' }).first().click();
  const months = page.getByLabel(/^Månader före utgången/);
  await months.fill('sex');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Skriv hela månader åtskilda med komma')).toBeVisible();
  await months.fill('1, 6, 3');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect
    .poll(async () => (await (await page.request.get('/api/certification/settings')).json()).renewalReminderMonths)
    .toEqual([6, 3, 1]);

  // Deleted, as no unit has used it.
  await page.getByRole('link', { name: schemeName, exact: true }).click();
  await page.getByRole('button', { name: 'Ta bort certifieringen' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Ta bort certifieringen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Certifieringar och kriterier' })).toBeVisible();
  await expect(page.getByRole('link', { name: schemeName, exact: true })).toHaveCount(0);
});

test('anyone reads the register of certified units and checks a certificate by its code, without logging in', async ({
  page,
  browser,
}) => {
  await signInAsAdmin(page);
  const unit = await post(page.request, '/api/units', {
    administrationId: built.administration.id,
    name: `Fritidsgården Öppen ${run}`,
    worksWithChildren: true,
  });
  const scheme = await post(page.request, '/api/certification-schemes', {
    name: `Öppen certifiering ${run}`,
    issuer: 'RFSL',
    validityYears: 3,
    criteria: [{ kind: 'confirmed', label: 'Slutprov' }],
  });
  const process = await post(page.request, '/api/certification/processes', { unitId: unit.id, schemeId: scheme.id });
  const put = await page.request.put(
    `/api/certification/processes/${process.id}/criteria/${scheme.criteria[0].id}/confirmation`,
    {
      data: { evidence: 'Slutprovet gjordes 2026-11-30.' },
      headers: await csrf(page.request),
    },
  );
  expect(put.ok()).toBe(true);
  const [certificate] = (await post(page.request, '/api/certificates', { processIds: [process.id] })).items;

  const context = await browser.newContext();
  const citizen = await context.newPage();
  await citizen.goto('/register');
  await expect(citizen.getByRole('heading', { level: 1, name: 'Certifierade verksamheter' })).toBeVisible();
  const table = citizen.getByRole('table', { name: 'Verksamheter med giltigt certifikat' });
  await expect(table.getByRole('row').filter({ hasText: `Fritidsgården Öppen ${run}` })).toContainText(
    `Öppen certifiering ${run}`,
  );
  // No person is named anywhere in the register.
  await expect(citizen.getByText(admin.name)).toHaveCount(0);
  await citizen.getByLabel(/^Sök/).fill(`Fritidsgården Öppen ${run}`);
  await expect(table.getByRole('row')).toHaveCount(2);
  const csv = await citizen.request.get(
    (await citizen.getByRole('link', { name: 'Ladda ner som CSV' }).getAttribute('href')) ?? '',
  );
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`Fritidsgården Öppen ${run}`);
  await expectNoAxeViolations(citizen, 'the public register');

  await citizen.getByLabel(/^Verifieringskod/).fill(certificate.code.toLowerCase());
  await citizen.getByRole('button', { name: 'Kontrollera' }).click();
  await expect(citizen.getByText('Certifikatet är giltigt')).toBeVisible();
  await expect(citizen.getByRole('cell', { name: `Fritidsgården Öppen ${run}` })).toBeVisible();
  await expectNoAxeViolations(citizen, 'a valid certificate checked by its code');

  await citizen.goto('/register/ABCDEFGHJKMNPQRS');
  await expect(citizen.getByText(/Det finns inget certifikat med koden ABCD-EFGH-JKMN-PQRS/)).toBeVisible();
  await expectNoAxeViolations(citizen, 'an unknown code');

  await citizen.setViewportSize({ width: 375, height: 800 });
  await citizen.goto('/register');
  await expect(citizen.getByRole('heading', { level: 1 })).toBeVisible();
  await expectNoSidewaysScroll(citizen);
  await expectNoAxeViolations(citizen, 'the public register on a phone');
  await context.close();
});
