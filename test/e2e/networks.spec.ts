import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, signedIn, signInAsAdmin } from './system-helpers.js';

/**
 * The network of units in the browser. Through the API: an administration with two units and their
 * managers. In the browser the administrator creates the network, adds the first unit as a member,
 * adds a meeting and attaches its agenda, and invites the second unit; its manager signs in, finds
 * the invitation and accepts it, and then sees the network. axe finds no WCAG 2.1 AA violation on
 * the list, the network, the meeting and the invitations; on a phone the network page does not
 * scroll sideways.
 */

test.describe.configure({ mode: 'serial' });

const names = {
  administration: `Nätverksförvaltningen ${run}`,
  member: `Fritidsgården Spåret ${run}`,
  invited: `Biblioteket Perrongen ${run}`,
  network: `HBTQ-nätverket ${run}`,
};
const invitedManager = { name: `Ines Chef ${run}`, email: `ines.chef.${run}@example.se`, password: 'ines long password' };
const memberManager = { name: `Mats Chef ${run}`, email: `mats.chef.${run}@example.se`, password: 'mats long password' };

test('the administrator builds a network and invites a unit, whose manager accepts', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const administration = await post(page.request, '/api/administrations', { name: names.administration });
  const member = await post(page.request, '/api/units', { administrationId: administration.id, name: names.member });
  const invited = await post(page.request, '/api/units', { administrationId: administration.id, name: names.invited });
  await post(page.request, '/api/users', { ...memberManager, roles: [{ role: 'unit_manager', unitId: member.id }] });
  await post(page.request, '/api/users', { ...invitedManager, roles: [{ role: 'unit_manager', unitId: invited.id }] });

  await page.goto('/networks');
  await expect(page.getByRole('heading', { level: 1, name: 'Nätverk' })).toBeVisible();
  await expectNoAxeViolations(page, 'the networks');
  await page.getByRole('button', { name: 'Nytt nätverk' }).click();
  const dialog = page.getByRole('dialog', { name: 'Nytt nätverk' });
  await dialog.getByLabel('Namn').fill(names.network);
  await dialog.getByLabel('Beskrivning').fill('Enheter som driver HBTQ-arbetet och delar erfarenheter.');
  await dialog.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: names.network })).toBeVisible();

  // The first unit joins, with its manager as contact.
  await page.getByRole('button', { name: 'Lägg till enhet' }).click();
  await page.getByRole('combobox', { name: /^Enhet/ }).selectOption({ label: `${names.member} (${names.administration})` });
  await page.getByLabel('Kontaktperson (valfri)').selectOption({ label: memberManager.name });
  await page.getByRole('button', { name: 'Lägg till enhet' }).click();
  const members = page.getByRole('region', { name: 'Medlemmar' }).first();
  await expect(members.getByRole('row', { name: new RegExp(`${names.member}.*${memberManager.name}`) })).toBeVisible();
  await expectNoAxeViolations(page, 'a network');

  // A meeting with its agenda attached.
  await page.getByRole('button', { name: 'Nytt möte' }).click();
  const meetingDialog = page.getByRole('dialog', { name: 'Nytt möte' });
  await meetingDialog.getByLabel('Datum och tid').fill('2027-03-12T13:00');
  await meetingDialog.getByLabel('Plats').fill('Stadshuset, rum Forsen');
  await meetingDialog.getByLabel('Dagordning').fill('1. Erfarenhetsutbyte\n2. Pride');
  await meetingDialog.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Möte / })).toBeVisible();
  await expect(page.getByText('2. Pride')).toBeVisible();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Bifoga fil till mötet' }).click();
  await (
    await chooser
  ).setFiles({ name: 'Dagordning.txt', mimeType: 'text/plain', buffer: Buffer.from('Erfarenhetsutbyte och Pride.') });
  const attached = page.getByRole('link', { name: 'Dagordning.txt' });
  await expect(attached).toBeVisible();
  expect(await (await page.request.get((await attached.getAttribute('href')) ?? '')).text()).toBe('Erfarenhetsutbyte och Pride.');
  await expectNoAxeViolations(page, 'a meeting');

  // The second unit invited.
  await page.getByRole('link', { name: `Till ${names.network}` }).click();
  const invitations = page.getByRole('region', { name: 'Inbjudningar' }).first();
  await invitations.getByRole('radio', { name: 'Bara de enheter jag väljer' }).check();
  await invitations.getByRole('checkbox', { name: new RegExp(names.invited) }).check();
  await invitations.getByLabel('Meddelande i mejlet (valfritt)').fill('Välkomna med!');
  await invitations.getByRole('button', { name: 'Skicka inbjudan' }).click();
  await expect(invitations.getByRole('row', { name: new RegExp(`${names.invited}.*Skickad`) })).toBeVisible();
  await expectNoAxeViolations(page, 'a network with its invitations');
  const networkUrl = page.url();

  // The manager answers in the system.
  const theirs = await signedIn(browser, invitedManager);
  await theirs.goto(networkUrl);
  await expect(theirs.getByText(names.network)).toHaveCount(0);
  await theirs.goto('/networks/invitations');
  const card = theirs.getByRole('article', { name: new RegExp(names.network) });
  await expect(card.getByText('Välkomna med!')).toBeVisible();
  await expectNoAxeViolations(theirs, 'the invitations of a unit');
  await card.getByRole('button', { name: 'Tacka ja' }).click();
  const answer = theirs.getByRole('dialog', { name: `Tacka ja till ${names.network}` });
  await expect(answer.getByLabel('Kontaktperson för enheten')).toHaveValue(/.+/);
  await answer.getByRole('button', { name: 'Tacka ja' }).click();
  await expect(card.getByText('Accepterad')).toBeVisible();
  await theirs.goto(networkUrl);
  await expect(theirs.getByRole('heading', { level: 1, name: names.network })).toBeVisible();
  await expect(theirs.getByRole('row', { name: new RegExp(`${names.invited}.*${invitedManager.name}`) })).toBeVisible();
  await expect(theirs.getByRole('button', { name: 'Nytt möte' })).toHaveCount(0);

  // The administrator sees the answer; the network page reads well on a phone.
  await page.reload();
  await expect(
    page
      .getByRole('region', { name: 'Inbjudningar' })
      .first()
      .getByRole('row', { name: new RegExp(`${names.invited}.*Accepterad.*${invitedManager.name}`) }),
  ).toBeVisible();
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(page.getByRole('heading', { level: 1, name: names.network })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page, 'a network on a phone');
});
