import { describe, expect, it } from 'vitest';
import { certificationProcesses, certificationSchemes, unitCertificates } from '#server/db/schema/index';
import { permissionsOf } from '#shared/permissions';
import type { Plan } from '#shared/contracts/plans';
import type { PublicPlan, PublicSiteContent, PublicSiteSettings } from '#shared/contracts/public-site';
import { useTestApp } from '../../../../test/support/app.js';
import type { Agent } from '../../../../test/support/agent.js';
import { auditEntriesFor, buildAdministration, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import { newCertificateCode } from '../certification/service.js';
import { canManagePublicSite } from './policy.js';

const t = useTestApp();
const db = () => t.database.db;
const admin = () => signIn(t.app, db(), 'administrator');
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

async function settingsOf(agent: Agent): Promise<PublicSiteSettings> {
  const response = await agent.get('/api/public-site/settings');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

const body = (settings: PublicSiteSettings, extra: Record<string, unknown> = {}) => ({
  introSv: settings.introSv,
  introEn: settings.introEn,
  accessibilityStatus: settings.accessibilityStatus,
  shortcomingsSv: settings.shortcomingsSv,
  shortcomingsEn: settings.shortcomingsEn,
  testingSv: settings.testingSv,
  testingEn: settings.testingEn,
  statementDate: settings.statementDate,
  contacts: settings.contacts.map((c) => ({ userId: c.userId, roleSv: c.roleSv, roleEn: c.roleEn, phone: c.phone })),
  ...extra,
});

/** A plan with a goal, an action with a responsible user, and an indicator; adopted unless told otherwise. */
async function planWith(
  agent: Agent,
  name: string,
  options: { adopt?: boolean; isPublic?: boolean; responsibleUserId?: string } = {},
) {
  const created = await agent.post('/api/action-plans', {
    scope: 'municipality',
    area: 'both',
    name,
    startYear: 2026,
    endYear: 2028,
    isPublic: options.isPublic ?? true,
  });
  expect(created.statusCode, created.body).toBe(201);
  const plan: Plan = created.json();
  const goal = (await agent.post(`/api/action-plans/${plan.id}/goals`, { title: 'Alla medarbetare utbildade' })).json();
  const action = await agent.post(`/api/plan-goals/${goal.id}/actions`, {
    title: 'Föreläsning för alla chefer',
    dueDate: '2026-06-30',
    responsibleUserId: options.responsibleUserId ?? null,
  });
  expect(action.statusCode, action.body).toBe(201);
  const indicator = await agent.post(`/api/plan-goals/${goal.id}/indicators`, {
    name: 'Andel utbildade',
    measure: 'percent',
    direction: 'higher',
    target: 80,
    aboutPeople: true,
  });
  expect(indicator.statusCode, indicator.body).toBe(201);
  if (options.adopt ?? true) {
    const adopted = await agent.post(`/api/action-plans/${plan.id}/adopt`, {
      adoptedOn: '2026-02-20',
      adoptedBy: 'Kommunfullmäktige',
    });
    expect(adopted.statusCode, adopted.body).toBe(200);
  }
  return plan;
}

describe('the public site policy', () => {
  it('lets administrators alone read and change the settings', () => {
    expect(canManagePublicSite({ permissions: permissionsOf(['administrator']) }, 'update')).toBe(true);
    for (const role of [
      'process_leader',
      'unit_manager',
      'training_coordinator',
      'trainer',
      'employee',
      'activity_host',
      'certifier',
    ] as const) {
      expect(canManagePublicSite({ permissions: permissionsOf([role]) }, 'read'), role).toBe(false);
    }
  });
});

describe('the public site settings', () => {
  it('start with default texts in both languages, are saved whole, validated and audited', async () => {
    const { agent } = await admin();
    const settings = await settingsOf(agent);
    expect(settings.introSv).toMatch(/jämställdhet/);
    expect(settings.introEn).toMatch(/gender equality/);
    expect(settings.statementDate).toBe('2026-03-02');
    expect(settings.contacts).toEqual([]);

    const person = await buildUser(db(), { name: 'Kim Strateg', email: 'kim.strateg@example.se' });
    const saved = await agent.put(
      '/api/public-site/settings',
      body(settings, {
        introSv: 'Vi arbetar för jämställdhet.\n\nOch för HBTQ-personers inkludering.',
        introEn: 'We work for gender equality.',
        accessibilityStatus: 'partial',
        shortcomingsSv: 'PDF-rapporterna saknar taggar.',
        contacts: [{ userId: person.id, roleSv: 'Kommunstrateg', roleEn: 'Strategist', phone: '0150-123 45' }],
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().contacts).toEqual([
      {
        userId: person.id,
        name: 'Kim Strateg',
        email: 'kim.strateg@example.se',
        active: true,
        roleSv: 'Kommunstrateg',
        roleEn: 'Strategist',
        phone: '0150-123 45',
      },
    ]);
    const [entry] = await auditEntriesFor(db(), 'public_site_settings');
    expect(entry.after).toMatchObject({
      introSv: 'Vi arbetar för jämställdhet.\n\nOch för HBTQ-personers inkludering.',
      contacts: [{ userId: person.id }],
    });
    expect(entry.before).toMatchObject({ contacts: [] });

    // The same again changes nothing and writes no entry.
    expect((await agent.put('/api/public-site/settings', body(saved.json()))).statusCode).toBe(200);
    expect(await auditEntriesFor(db(), 'public_site_settings')).toHaveLength(1);

    const current: PublicSiteSettings = saved.json();
    const bad = async (extra: Record<string, unknown>, path: string) => {
      const response = await agent.put('/api/public-site/settings', body(current, extra), {
        headers: { 'accept-language': 'en' },
      });
      expect(response.statusCode, JSON.stringify(extra)).toBe(400);
      expect(response.json().error.details).toContainEqual(expect.objectContaining({ path, message: expect.any(String) }));
      return response.json().error;
    };
    await bad({ introSv: '   ' }, 'body.introSv');
    await bad({ accessibilityStatus: 'mostly' }, 'body.accessibilityStatus');
    const future = await bad({ statementDate: '2026-03-03' }, 'body.statementDate');
    expect(future.details[0].message).toBe("The statement's date cannot be in the future.");
    await bad({ contacts: [{ userId: person.id, roleSv: 'A', roleEn: 'B', phone: 'ring mig' }] }, 'body.contacts.0.phone');
    await bad(
      {
        contacts: [
          { userId: person.id, roleSv: 'A', roleEn: 'B' },
          { userId: person.id, roleSv: 'A', roleEn: 'B' },
        ],
      },
      'body.contacts',
    );
    await bad({ contacts: [{ userId: crypto.randomUUID(), roleSv: 'A', roleEn: 'B' }] }, 'body.contacts.0.userId');
    const inactive = await buildUser(db(), { active: false });
    await bad({ contacts: [{ userId: inactive.id, roleSv: 'A', roleEn: 'B' }] }, 'body.contacts.0.userId');
    expect((await agent.put('/api/public-site/settings', { ...body(current), extra: 1 })).statusCode).toBe(400);
    expect(await auditEntriesFor(db(), 'public_site_settings')).toHaveLength(1);
  });

  it('are refused to everyone but administrators', async () => {
    const { agent } = await signIn(t.app, db(), 'process_leader');
    expect((await agent.get('/api/public-site/settings')).statusCode).toBe(403);
    expect((await get('/api/public-site/settings')).statusCode).toBe(401);
  });
});

describe('the public pages', () => {
  it('show the chosen contact persons only, active ones only, with nothing else about them', async () => {
    const { agent } = await admin();
    const chosen = await buildUser(db(), {
      name: 'Alex Processledare',
      email: 'alex@example.se',
      roles: [{ role: 'process_leader', administrationId: (await buildAdministration(db())).id }],
    });
    const later = await buildUser(db(), { name: 'Sam Slutar', email: 'sam@example.se' });
    await buildUser(db(), { name: 'Robin Okänd', email: 'robin@example.se' }); // a user not chosen
    const settings = await settingsOf(agent);
    const saved = await agent.put(
      '/api/public-site/settings',
      body(settings, {
        contacts: [
          {
            userId: chosen.id,
            roleSv: 'Processledare för jämställdhet',
            roleEn: 'Process leader for gender equality',
            phone: '+46 150 570 00',
          },
          { userId: later.id, roleSv: 'HBTQ-samordnare', roleEn: 'LGBTQ coordinator' },
        ],
      }),
    );
    expect(saved.statusCode, saved.body).toBe(200);
    const deactivated = await agent.post(`/api/users/${later.id}/deactivate`);
    expect(deactivated.statusCode, deactivated.body).toBe(200);

    const sv = await get('/public/contacts');
    expect(sv.statusCode).toBe(200);
    expect(sv.headers['content-type']).toMatch(/text\/html/);
    expect(sv.body).toContain('Alex Processledare');
    expect(sv.body).toContain('Processledare för jämställdhet');
    expect(sv.body).toContain('mailto:alex@example.se');
    expect(sv.body).toContain('tel:+4615057000');
    expect(sv.body).not.toContain('Sam Slutar');
    expect(sv.body).not.toContain('Robin Okänd');
    expect(sv.body).not.toContain(chosen.id);
    const en = await get('/public/contacts?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('Process leader for gender equality');

    const content: PublicSiteContent = (await get('/api/public/site')).json();
    expect(content.contacts).toEqual([
      {
        name: 'Alex Processledare',
        email: 'alex@example.se',
        phone: '+46 150 570 00',
        role: { sv: 'Processledare för jämställdhet', en: 'Process leader for gender equality' },
      },
    ]);
    expect(JSON.stringify(content)).not.toContain(chosen.id);

    // A deactivated contact stays chosen (the administrator sees it) and may be saved again as it is.
    const again = await settingsOf(agent);
    expect(again.contacts.map((c) => [c.name, c.active])).toEqual([
      ['Alex Processledare', true],
      ['Sam Slutar', false],
    ]);
    expect((await agent.put('/api/public-site/settings', body(again))).statusCode).toBe(200);
  });

  it('show adopted public plans only: never a draft, a plan not public, or the name of whoever is responsible', async () => {
    const { agent } = await admin();
    const responsible = await buildUser(db(), { name: 'Jo Ansvarig', email: 'jo.ansvarig@example.se' });
    const shown = await planWith(agent, 'Jämställdhetsplan 2026–2028', { responsibleUserId: responsible.id });
    const draft = await planWith(agent, 'Utkast till HBTQ-plan', { adopt: false });
    const hidden = await planWith(agent, 'Intern plan', { isPublic: false });

    const list = (await get('/api/public/plans')).json().items as { id: string; name: string }[];
    expect(list.map((p) => p.name)).toEqual(['Jämställdhetsplan 2026–2028']);
    expect(list[0].id).toBe(shown.seriesId);

    const detail = await get(`/api/public/plans/${shown.seriesId}`);
    expect(detail.statusCode).toBe(200);
    const plan: PublicPlan = detail.json();
    expect(plan.goals[0].actions[0]).toEqual({
      title: 'Föreläsning för alla chefer',
      description: null,
      startDate: null,
      dueDate: '2026-06-30',
      status: 'not_started',
    });
    expect(plan.goals[0].indicators[0]).toMatchObject({
      name: 'Andel utbildade',
      measure: 'percent',
      target: 80,
      aboutPeople: true,
    });
    expect(detail.body).not.toContain('Jo Ansvarig');
    expect(detail.body).not.toContain(responsible.id);

    const page = await get(`/public/plans/${shown.seriesId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Föreläsning för alla chefer');
    expect(page.body).toContain('80 %');
    expect(page.body).not.toContain('Jo Ansvarig');
    const plansPage = await get('/public/plans');
    expect(plansPage.body).toContain('Jämställdhetsplan 2026–2028');
    expect(plansPage.body).not.toContain('Utkast till HBTQ-plan');
    expect(plansPage.body).not.toContain('Intern plan');

    for (const plan of [draft, hidden]) {
      expect((await get(`/api/public/plans/${plan.seriesId}`)).statusCode).toBe(404);
      expect((await get(`/public/plans/${plan.seriesId}`)).statusCode).toBe(404);
    }
    expect((await get('/public/plans/not-a-plan')).statusCode).toBe(404);
    expect((await get('/api/public/plans/not-a-plan')).statusCode).toBe(400);

    // Hiding an adopted plan takes it off the site at once, without a new version; audited.
    const hide = await agent.put(`/api/action-plans/${shown.id}/public`, { isPublic: false });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(hide.json()).toMatchObject({ status: 'adopted', isPublic: false, version: 1 });
    expect((await get(`/api/public/plans/${shown.seriesId}`)).statusCode).toBe(404);
    const entries = await auditEntriesFor(db(), 'action_plan', shown.id);
    expect(entries.at(-1)).toMatchObject({ action: 'update', before: { isPublic: true }, after: { isPublic: false } });
    // Showing it again brings it back; a unit manager may not touch the municipality's plan.
    expect((await agent.put(`/api/action-plans/${shown.id}/public`, { isPublic: true })).statusCode).toBe(200);
    expect((await get(`/api/public/plans/${shown.seriesId}`)).statusCode).toBe(200);
    const unit = await buildUnit(db());
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    expect((await manager.put(`/api/action-plans/${shown.id}/public`, { isPublic: false })).statusCode).toBe(403);

    // A new version being drafted does not change what is shown; once adopted, the public sees it under the same address.
    const revised = await agent.post(`/api/action-plans/${shown.id}/revise`, { changeNote: 'Ny version' });
    expect(revised.statusCode, revised.body).toBe(201);
    expect((await get(`/api/public/plans/${shown.seriesId}`)).json().version).toBe(1);
    await agent.patch(`/api/action-plans/${revised.json().id}`, { name: 'Jämställdhetsplan, reviderad' });
    await agent.post(`/api/action-plans/${revised.json().id}/adopt`, { adoptedOn: '2026-03-01', adoptedBy: 'Kommunfullmäktige' });
    expect((await get(`/api/public/plans/${shown.seriesId}`)).json()).toMatchObject({
      version: 2,
      name: 'Jämställdhetsplan, reviderad',
    });

    // An ended plan is not shown, and its flag no longer changes.
    await agent.post(`/api/action-plans/${revised.json().id}/end`);
    expect((await get('/api/public/plans')).json().items).toEqual([]);
    expect((await agent.put(`/api/action-plans/${revised.json().id}/public`, { isPublic: false })).statusCode).toBe(409);
  });

  it('list the valid certificates and check a code without JavaScript, in Swedish and English', async () => {
    const unit = await buildUnit(db(), { name: 'Förskolan Regnbågen' });
    const [scheme] = await db()
      .insert(certificationSchemes)
      .values({ name: 'HBTQI-certifiering', issuer: 'RFSL', validityYears: 3 })
      .returning();
    const [process] = await db()
      .insert(certificationProcesses)
      .values({ unitId: unit.id, schemeId: scheme.id, status: 'certified' })
      .returning();
    const code = newCertificateCode();
    await db().insert(unitCertificates).values({
      unitId: unit.id,
      schemeId: scheme.id,
      processId: process.id,
      certifiedOn: '2025-05-20',
      validUntil: '2028-05-20',
      code,
      snapshot: [],
      certifiedByName: 'Certifieraren Själv',
    });
    const page = await get('/public/certificates');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Förskolan Regnbågen');
    expect(page.body).toContain('Ett giltigt certifikat');
    expect(page.body).not.toContain('Certifieraren Själv');
    expect(page.body).not.toContain(code);

    const checked = await get(`/public/certificates?lang=en&code=${code.toLowerCase()}`);
    expect(checked.statusCode).toBe(200);
    expect(checked.headers['cache-control']).toBe('no-store');
    expect(checked.body).toContain('data-testid="certificate-check"');
    expect(checked.body).toContain('<strong>Valid</strong>');
    expect(checked.body).toContain('20 May 2028');
    const unknown = await get('/public/certificates?code=ABCD-1234');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain('aria-invalid="true"');
    expect(unknown.body).toContain('Det finns inget certifikat med den koden');
    expect(unknown.body).toContain('value="ABCD-1234"');
    const escaped = await get(`/public/certificates?code=${encodeURIComponent('<script>x</script>')}`);
    expect(escaped.body).not.toContain('<script>');
  });

  it('show the start page, activities and accessibility statement in the language asked for, escaped, with no cookie and no script', async () => {
    const { agent } = await admin();
    const host = await buildUser(db(), { roles: [{ role: 'activity_host' }] });
    const cafe = await agent.post('/api/activities', {
      name: 'MOGAI – HBTQ-café',
      description: 'Ett öppet HBTQ-café.',
      place: 'Perrongen',
      weekday: 3,
      startTime: '17:00',
      endTime: '20:00',
      startsOn: '2026-01-07',
      endsOn: null,
      breaks: [],
      hostIds: [host.id],
    });
    expect(cafe.statusCode, cafe.body).toBe(201);
    const id = cafe.json().id;
    expect(
      (
        await agent.put(`/api/activities/${id}/occurrences/2026-03-11/change`, {
          kind: 'cancelled',
          reason: 'Personalen är sjuk',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await agent.put(`/api/activities/${id}/occurrences/2026-03-18/change`, {
          kind: 'moved',
          date: '2026-03-19',
          startTime: '18:00',
          endTime: '21:00',
          place: 'Stadsbiblioteket',
        })
      ).statusCode,
    ).toBe(200);
    const settings = await settingsOf(agent);
    await agent.put(
      '/api/public-site/settings',
      body(settings, { introSv: 'Vi <b>arbetar</b> & lär.', shortcomingsSv: 'Kartan saknar textalternativ.' }),
    );

    const start = await get('/public');
    expect(start.statusCode).toBe(200);
    expect(start.headers['set-cookie']).toBeUndefined();
    expect(start.headers['content-language']).toBe('sv');
    expect(start.headers.vary).toMatch(/accept-language/i);
    expect(start.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // Nothing on a public page to guard from other windows: no opener policy, no process of its own (decision 0014).
    expect(start.headers['cross-origin-opener-policy']).toBeUndefined();
    expect(start.body).toContain('<p>Vi &lt;b&gt;arbetar&lt;/b&gt; &amp; lär.</p>');
    expect(start.body).not.toMatch(/<script|\son[a-z]+=/i);
    expect(start.body).toContain('MOGAI – HBTQ-café');
    expect(start.body).toContain('aria-current="page"');
    expect((await get('/public', { 'accept-language': 'en-GB,en;q=0.9' })).body).toContain('<html lang="en">');
    expect((await get('/public?lang=sv', { 'accept-language': 'en' })).body).toContain('<html lang="sv">');

    const activities = await get('/public/activities?lang=en');
    expect(activities.body).toContain('Cancelled');
    expect(activities.body).toContain('Personalen är sjuk');
    expect(activities.body).toContain('Stadsbiblioteket');
    expect(activities.body).toContain('Thursday, 19 March 2026 18:00–21:00, Stadsbiblioteket');
    expect(activities.body).toContain('/api/public/activities.ics?lang=en');

    const statement = await get('/public/accessibility');
    expect(statement.body).toContain('Kartan saknar textalternativ.');
    expect(statement.body).toContain('delvis förenlig');
    expect(statement.body).toContain('Myndigheten för digital förvaltning');
    expect(statement.body).toMatch(/href="\/feedback(\?subject=accessibility&amp;|\?)lang=sv"/);
    expect(statement.body).toContain('2 mars 2026');

    const missing = await get('/public/nothing-here?lang=en');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page not found');
  });

  it('are compressed when the browser accepts it', async () => {
    const plain = await get('/public');
    const zipped = await get('/public', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
  });
});
