import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  certificationProcesses,
  certificationSchemes,
  employees,
  outbox,
  sessionEligibility,
  unitCertificates,
  units,
} from '#server/db/schema/index';
import type {
  Certificate,
  CertificationProcess,
  CertificationUnitPage,
  ProcessListItem,
  PublicRegister,
  Scheme,
} from '#shared/contracts/certification';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { pdfText } from '../../../../test/support/pdf.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import { translate } from '../../http/i18n.js';
import { monthsBefore, sendCertificationReminders } from './reminders.js';
import { newCertificateCode, validUntilOf } from './service.js';

/** Details of an error carry their message in the request's language (Swedish by default). */
const message = (code: string) => translate('sv', `errors.${code}`);

const t = useTestApp({ config: { rateLimits: { login: 30, public: 5 }, publicUrl: 'https://inkludera.example.se' } });
const db = () => t.database.db;
const admin = () => signIn(t.app, db(), 'administrator');

/** A scheme like RFSL's: 80% of the staff through the course, two sessions for the unit, a group of 5, a routine confirmed. */
async function rfslScheme(agent: Awaited<ReturnType<typeof admin>>['agent'], courseId: string) {
  const response = await agent.post('/api/certification-schemes', {
    name: `HBTQ-certifiering ${crypto.randomUUID().slice(0, 6)}`,
    issuer: 'RFSL',
    validityYears: 3,
    criteria: [
      { kind: 'course_share', label: 'Personal som genomfört utbildningen', courseId, threshold: 80 },
      { kind: 'sessions_held', label: 'Utbildningstillfällen för verksamheten', threshold: 2 },
      { kind: 'working_group', label: 'HBTQ-grupp', threshold: 5 },
      { kind: 'confirmed', label: 'Rutin för introduktion av nyanställda' },
    ],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Scheme;
}

/**
 * A unit by hand, on 2 March 2026: ten current staff of whom seven completed the course on or before
 * today, one whose completion is dated after today, one who has left (with a completion), one who
 * starts next month, and a completion in another unit.
 */
async function handComputedUnit() {
  const unit = await buildUnit(db(), { worksWithChildren: true, name: 'Förskolan Solen' });
  const course = await buildCourse(db(), { name: 'HBTQ-certifiering för förskolan', level: 'certification_course' });
  const session = await buildSession(db(), { courseId: course.id, parts: [{ date: '2026-02-01' }] });
  const staff = [];
  for (let i = 0; i < 10; i++)
    staff.push(await buildEmployee(db(), { unitId: unit.id, firstName: 'Åsa', lastName: `Öberg ${i}` }));
  for (const person of staff.slice(0, 7))
    await buildEnrolment(db(), session, { employeeId: person.id, completedOn: '2026-02-01', attendedMinutes: 240 });
  await buildEnrolment(db(), session, { employeeId: staff[7].id, completedOn: '2026-03-20', attendedMinutes: 240 });
  const left = await buildEmployee(db(), { unitId: unit.id, endDate: '2026-02-28' });
  await buildEnrolment(db(), session, { employeeId: left.id, completedOn: '2026-02-01', attendedMinutes: 240 });
  await buildEmployee(db(), { unitId: unit.id, startDate: '2026-04-01' });
  const elsewhere = await buildEmployee(db());
  await buildEnrolment(db(), session, { employeeId: elsewhere.id, completedOn: '2026-02-01', attendedMinutes: 240 });
  return { unit, course, staff, elsewhere };
}

async function sessionsForUnit(unitId: string, dates: string[], status = 'planned') {
  for (const date of dates) {
    const session = await buildSession(db(), { parts: [{ date }], eligibility: 'restricted', status });
    await db().insert(sessionEligibility).values({ sessionId: session.id, unitId });
  }
}

describe('certification schemes', () => {
  it('are created with their criteria, checked, audited, and fixed once a unit has started', async () => {
    const { agent } = await admin();
    const course = await buildCourse(db());
    const scheme = await rfslScheme(agent, course.id);
    expect(scheme.criteria.map((c) => [c.kind, c.threshold, c.courseName])).toEqual([
      ['course_share', 80, course.name],
      ['sessions_held', 2, null],
      ['working_group', 5, null],
      ['confirmed', null, null],
    ]);
    expect(await auditEntriesFor(db(), 'certification_scheme', scheme.id)).toHaveLength(1);

    const noCourse = await agent.post('/api/certification-schemes', {
      name: 'Diplomering',
      issuer: 'Kommunen',
      validityYears: 2,
      criteria: [{ kind: 'course_share', label: 'Andel', threshold: 120 }],
    });
    expect(noCourse.statusCode).toBe(400);
    expect(
      noCourse
        .json()
        .error.details.map((d: { message: string }) => d.message)
        .sort(),
    ).toEqual([message('course_required'), message('percent_at_most_100')].sort());
    const hugeGroup = await agent.post('/api/certification-schemes', {
      name: 'Diplomering',
      issuer: 'Kommunen',
      validityYears: 2,
      criteria: [{ kind: 'working_group', label: 'Grupp', threshold: 101 }],
    });
    expect(hugeGroup.json().error.details).toEqual([
      { path: 'body.criteria.0.threshold', message: message('group_at_most_100') },
    ]);
    const unknownCourse = await agent.post('/api/certification-schemes', {
      name: 'Diplomering',
      issuer: 'Kommunen',
      validityYears: 2,
      criteria: [{ kind: 'course_share', label: 'Andel', threshold: 50, courseId: crypto.randomUUID() }],
    });
    expect(unknownCourse.json().error.details).toEqual([
      { path: 'body.criteria.0.courseId', message: message('unknown_course') },
    ]);

    // Before any unit starts, the criteria can change.
    const changed = await agent.patch(`/api/certification-schemes/${scheme.id}`, {
      criteria: [{ kind: 'confirmed', label: 'Sluttest' }],
      validityYears: 4,
    });
    expect(changed.statusCode).toBe(200);
    expect((changed.json() as Scheme).criteria.map((c) => c.label)).toEqual(['Sluttest']);

    const unit = await buildUnit(db());
    expect((await agent.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id })).statusCode).toBe(201);
    const locked = await agent.patch(`/api/certification-schemes/${scheme.id}`, {
      criteria: [{ kind: 'confirmed', label: 'Annat' }],
    });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error.code).toBe('scheme_in_use');
    expect((await agent.delete(`/api/certification-schemes/${scheme.id}`)).statusCode).toBe(409);
    // The name and validity still can.
    expect(
      (await agent.patch(`/api/certification-schemes/${scheme.id}`, { validityYears: 3, active: false })).json(),
    ).toMatchObject({ validityYears: 3, active: false, inUse: true });
  });

  it('may be read by unit managers but written only by administrators', async () => {
    const unit = await buildUnit(db());
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    expect((await manager.get('/api/certification-schemes')).statusCode).toBe(200);
    const refused = await manager.post('/api/certification-schemes', {
      name: 'X',
      issuer: 'Y',
      validityYears: 1,
      criteria: [{ kind: 'confirmed', label: 'Z' }],
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('the checklist of a unit', () => {
  it('computes the course share, the sessions held and the working group against a hand-computed unit', async () => {
    const { agent } = await admin();
    const { unit, course, staff, elsewhere } = await handComputedUnit();
    const scheme = await rfslScheme(agent, course.id);
    await sessionsForUnit(unit.id, ['2025-10-01', '2026-02-15']);
    await sessionsForUnit(unit.id, ['2026-01-10'], 'cancelled');
    await sessionsForUnit(unit.id, ['2026-04-01']);

    const opened = await agent.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id });
    expect(opened.statusCode).toBe(201);
    let process: CertificationProcess = opened.json();
    const [share, sessions, group, routine] = process.checklist;
    // 7 of 10: the late completion, the one who left and the one not yet started do not count.
    expect(share).toMatchObject({ value: 7, of: 10, percent: 70, met: false });
    // Two held; the cancelled one and the one next month do not count.
    expect(sessions).toMatchObject({ value: 2, met: true });
    expect(group).toMatchObject({ value: 0, met: false });
    expect(routine).toMatchObject({ met: false, confirmation: null });
    expect(process.ready).toBe(false);

    // The group: staff of the unit only.
    const outsider = await agent.put(`/api/certification/processes/${process.id}/group`, {
      employeeIds: [staff[0].id, elsewhere.id],
    });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().error.details).toEqual([{ path: 'body.employeeIds.1', message: message('not_in_unit') }]);
    process = (
      await agent.put(`/api/certification/processes/${process.id}/group`, { employeeIds: staff.slice(0, 5).map((s) => s.id) })
    ).json();
    expect(process.checklist[2]).toMatchObject({ value: 5, met: true });

    // Someone of the group leaves, and someone without the course leaves: 7 of 9 (77%), the group 4 of 5.
    await db().update(employees).set({ endDate: '2026-03-01' }).where(eq(employees.id, staff[0].id));
    await db().update(employees).set({ endDate: '2026-03-01' }).where(eq(employees.id, staff[9].id));
    process = (await agent.get(`/api/certification/processes/${process.id}`)).json();
    expect(process.checklist[0]).toMatchObject({ value: 6, of: 8, percent: 75, met: false });
    expect(process.checklist[2]).toMatchObject({ value: 4, met: false });
    expect(process.group.find((g) => g.employeeId === staff[0].id)).toMatchObject({ current: false });

    // The late completion's day comes: 7 of 8 (87%).
    t.clock.set('2026-03-21T09:00:00Z');
    const { agent: later } = await admin();
    process = (await later.get(`/api/certification/processes/${process.id}`)).json();
    expect(process.checklist[0]).toMatchObject({ value: 7, of: 8, percent: 87, met: true });

    // A confirmed criterion is met when confirmed with evidence, and not after the confirmation is taken back.
    const url = `/api/certification/processes/${process.id}/criteria/${routine.id}/confirmation`;
    process = (await later.put(url, { evidence: 'Rutinen antagen på APT 12 mars.' })).json();
    expect(process.checklist[3]).toMatchObject({ met: true, confirmation: { evidence: 'Rutinen antagen på APT 12 mars.' } });
    process = (await later.delete(url)).json();
    expect(process.checklist[3].met).toBe(false);
    const computed = await later.put(`/api/certification/processes/${process.id}/criteria/${share.id}/confirmation`, {
      evidence: 'x',
    });
    expect(computed.statusCode).toBe(409);
    expect(computed.json().error.code).toBe('criterion_is_computed');
  });

  it('is for the unit’s manager and the process leader of its administration, and nobody else’s business', async () => {
    const { agent } = await admin();
    const course = await buildCourse(db());
    const scheme = await rfslScheme(agent, course.id);
    const administration = await buildAdministration(db());
    const unit = await buildUnit(db(), { administrationId: administration.id });
    const other = await buildUnit(db());
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    const { agent: otherManager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: other.id }]);
    const { agent: leader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: administration.id }]);

    expect((await otherManager.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id })).statusCode).toBe(
      403,
    );
    const opened = await manager.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id });
    expect(opened.statusCode).toBe(201);
    const id = opened.json().id;
    const again = await leader.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('process_already_open');
    expect((await leader.get(`/api/certification/processes/${id}`)).statusCode).toBe(200);
    expect((await otherManager.get(`/api/certification/processes/${id}`)).statusCode).toBe(404);
    expect((await otherManager.get('/api/certification/processes')).json().items).toEqual([]);
    // Managers and process leaders prepare; only administrators certify.
    expect((await manager.post('/api/certificates', { processIds: [id] })).statusCode).toBe(403);
    expect((await leader.post('/api/certificates', { processIds: [id] })).statusCode).toBe(403);
  });
});

/** A unit with every criterion of a small scheme met: a group of two and a confirmed routine. */
async function readyProcess(
  agent: Awaited<ReturnType<typeof admin>>['agent'],
  options: { unitName?: string; schemeId?: string } = {},
) {
  const unit = await buildUnit(db(), {
    name: options.unitName ?? `Fritidsgården ${crypto.randomUUID().slice(0, 4)}`,
    worksWithChildren: true,
  });
  const members = [
    await buildEmployee(db(), { unitId: unit.id, firstName: 'Maja', lastName: 'Lind' }),
    await buildEmployee(db(), { unitId: unit.id }),
  ];
  let schemeId = options.schemeId;
  if (!schemeId) {
    const created = await agent.post('/api/certification-schemes', {
      name: `Diplomering ${crypto.randomUUID().slice(0, 6)}`,
      issuer: 'Katrineholms kommun',
      validityYears: 3,
      criteria: [
        { kind: 'working_group', label: 'Arbetsgrupp', threshold: 2 },
        { kind: 'confirmed', label: 'Slutprov' },
      ],
    });
    schemeId = (created.json() as Scheme).id;
  }
  const scheme: Scheme = (await agent.get(`/api/certification-schemes/${schemeId}`)).json();
  const process: CertificationProcess = (await agent.post('/api/certification/processes', { unitId: unit.id, schemeId })).json();
  await agent.put(`/api/certification/processes/${process.id}/group`, { employeeIds: members.map((m) => m.id) });
  const confirmed = scheme.criteria.find((c) => c.kind === 'confirmed')!;
  const ready: CertificationProcess = (
    await agent.put(`/api/certification/processes/${process.id}/criteria/${confirmed.id}/confirmation`, {
      evidence: 'Hemlig anteckning om Maja',
    })
  ).json();
  expect(ready.ready).toBe(true);
  return { unit, scheme, process: ready, members };
}

describe('certifying units', () => {
  it('certifies several units at once, all or none, with the dates and a snapshot', async () => {
    const { agent } = await admin();
    const first = await readyProcess(agent);
    const second = await readyProcess(agent, { schemeId: first.scheme.id });
    const notReadyUnit = await buildUnit(db());
    const notReady: CertificationProcess = (
      await agent.post('/api/certification/processes', { unitId: notReadyUnit.id, schemeId: first.scheme.id })
    ).json();

    // The open processes say how far each checklist has come, for choosing which to certify.
    const open = (await agent.get('/api/certification/processes?status=open')).json().items as ProcessListItem[];
    const readiness = (id: string) => open.find((p) => p.id === id)?.readiness;
    expect(readiness(first.process.id)).toEqual({ met: 2, total: 2, ready: true });
    expect(readiness(notReady.id)).toMatchObject({ total: 2, ready: false });

    const refused = await agent.post('/api/certificates', { processIds: [first.process.id, notReady.id, second.process.id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({
      code: 'criteria_not_met',
      details: [{ path: 'body.processIds.1', message: message('criteria_not_met') }],
    });
    expect(await db().select().from(unitCertificates)).toEqual([]);

    const certified = await agent.post('/api/certificates', { processIds: [first.process.id, second.process.id] });
    expect(certified.statusCode, certified.body).toBe(201);
    const items: Certificate[] = certified.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      certifiedOn: '2026-03-02',
      validUntil: '2029-03-02',
      status: 'valid',
      issuer: 'Katrineholms kommun',
    });
    expect(items[0].code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(items[0].snapshot).toEqual([
      { label: 'Arbetsgrupp', kind: 'working_group', threshold: 2, value: 2, of: null, percent: null, evidence: null },
      {
        label: 'Slutprov',
        kind: 'confirmed',
        threshold: null,
        value: null,
        of: null,
        percent: null,
        evidence: 'Hemlig anteckning om Maja',
      },
    ]);
    const [processRow] = await db().select().from(certificationProcesses).where(eq(certificationProcesses.id, first.process.id));
    expect(processRow.status).toBe('certified');
    expect(await auditEntriesFor(db(), 'unit_certificate', items[0].id)).toHaveLength(1);
    // Certified once: again is refused.
    const twice = await agent.post('/api/certificates', { processIds: [first.process.id] });
    expect(twice.json().error.details).toEqual([{ path: 'body.processIds.0', message: message('process_not_open') }]);
    expect((await agent.post('/api/certificates', { processIds: [crypto.randomUUID()] })).statusCode).toBe(400);
    const tomorrow = await agent.post('/api/certificates', { processIds: [first.process.id], certifiedOn: '2026-03-03' });
    expect(tomorrow.statusCode).toBe(400);
    expect(tomorrow.json().error.details).toEqual([{ path: 'body.certifiedOn', message: message('certified_in_future') }]);
    // A year typed wrong is not history: from 1 January 2000 on, and not after today.
    for (const certifiedOn of ['1026-03-02', '1999-12-31']) {
      const typo = await agent.post('/api/certificates', { processIds: [first.process.id], certifiedOn });
      expect(typo.statusCode).toBe(400);
      expect(typo.json().error.details).toEqual([{ path: 'body.certifiedOn', message: message('date_before_2000') }]);
    }
    // The first day allowed passes the date rule (and meets the process already certified).
    const firstDay = await agent.post('/api/certificates', { processIds: [first.process.id], certifiedOn: '2000-01-01' });
    expect(firstDay.json().error.details).toEqual([{ path: 'body.processIds.0', message: message('process_not_open') }]);
  });

  it('renews from the last certificate: a new process starting with its group and confirmations', async () => {
    const { agent } = await admin();
    const { unit, scheme, process } = await readyProcess(agent);
    const [issued]: Certificate[] = (await agent.post('/api/certificates', { processIds: [process.id] })).json().items;
    const renewal: CertificationProcess = (
      await agent.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id })
    ).json();
    expect(renewal.renewalOfCertificateId).toBe(issued.id);
    expect(renewal.group).toHaveLength(2);
    expect(renewal.ready).toBe(true);
    const history: Certificate[] = (await agent.get(`/api/certificates?unitId=${unit.id}`)).json().items;
    expect(history.map((c) => c.id)).toEqual([issued.id]);
  });

  it('revokes with a reason; the certificate stays in the history as revoked', async () => {
    const { agent } = await admin();
    const { process } = await readyProcess(agent);
    const [issued]: Certificate[] = (await agent.post('/api/certificates', { processIds: [process.id] })).json().items;
    expect((await agent.post(`/api/certificates/${issued.id}/revoke`, { reason: '' })).statusCode).toBe(400);
    const revoked = await agent.post(`/api/certificates/${issued.id}/revoke`, { reason: 'Verksamheten har lagts ned.' });
    expect(revoked.json()).toMatchObject({ status: 'revoked', revokedReason: 'Verksamheten har lagts ned.' });
    expect((await agent.post(`/api/certificates/${issued.id}/revoke`, { reason: 'Igen' })).json().error.code).toBe(
      'certificate_revoked',
    );
  });

  it('prints the certificate as a tagged PDF naming the unit and the scheme, and no person', async () => {
    const { agent } = await admin();
    const { process } = await readyProcess(agent, { unitName: 'Sámi mánáidgárdi Čuovga' });
    const [issued]: Certificate[] = (await agent.post('/api/certificates', { processIds: [process.id] })).json().items;
    const response = await agent.get(`/api/certificates/${issued.id}/certificate.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const raw = response.rawPayload.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/S /H1');
    const text = pdfText(response.rawPayload);
    const grouped = issued.code.match(/.{4}/g)!.join('-');
    expect(text).toContain('Certifikat');
    expect(text).toContain('Sámi mánáidgárdi Čuovga');
    expect(text).toContain('Katrineholms kommun');
    expect(text).toContain('2 mars 2029');
    expect(text).toContain(`https://inkludera.example.se/register/${grouped}`);
    expect(text).not.toContain('Maja');
    expect(text).not.toMatch(/ÅTERKALLAT|UPPHÖRDE/);

    // A printout of a certificate that no longer holds says so on its face.
    // (The clock moves years: each time a new session, as the old one has run out.)
    t.clock.set('2029-03-03T09:00:00Z');
    const { agent: inThreeYears } = await admin();
    const expired = pdfText((await inThreeYears.get(`/api/certificates/${issued.id}/certificate.pdf`)).rawPayload);
    expect(expired).toContain('UPPHÖRDE ATT GÄLLA 2 mars 2029');
    t.clock.set('2027-05-01T09:00:00Z');
    const { agent: inOneYear } = await admin();
    expect((await inOneYear.post(`/api/certificates/${issued.id}/revoke`, { reason: 'Fel underlag' })).statusCode).toBe(200);
    const revoked = pdfText((await inOneYear.get(`/api/certificates/${issued.id}/certificate.pdf`)).rawPayload);
    expect(revoked).toContain('ÅTERKALLAT 1 maj 2027');
  });
});

describe('the public register and the check', () => {
  it('lists the valid certificates without any personal data, as JSON and CSV, and follows expiry and revocation', async () => {
    const { agent, user } = await admin();
    const { unit, process, members } = await readyProcess(agent, { unitName: 'Förskolan Regnbågen' });
    const [issued]: Certificate[] = (await agent.post('/api/certificates', { processIds: [process.id] })).json().items;

    const response = await t.app.inject({ method: 'GET', url: '/api/public/certificates' });
    expect(response.statusCode).toBe(200);
    const register: PublicRegister = response.json();
    expect(register.items).toEqual([
      {
        unitName: 'Förskolan Regnbågen',
        administrationName: expect.any(String),
        schemeName: issued.schemeName,
        issuer: 'Katrineholms kommun',
        validFrom: '2026-03-02',
        validUntil: '2029-03-02',
      },
    ]);
    for (const personal of [user.name, user.email, members[0].firstName, members[0].lastName, 'Hemlig', issued.code, unit.id]) {
      expect(response.body).not.toContain(personal);
    }
    const csv = await t.app.inject({ method: 'GET', url: '/api/public/certificates.csv' });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    // A byte order mark first, so that Excel reads å, ä and ö as UTF-8.
    expect([...csv.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.body.split('\r\n')[0]).toBe('\uFEFFunit,administration,scheme,issuer,valid_from,valid_until');
    expect(csv.body).toContain('Förskolan Regnbågen');
    expect(csv.body).not.toContain('Maja');

    const typed = issued.code.toLowerCase().match(/.{4}/g)!.join('-');
    const check = await t.app.inject({ method: 'GET', url: `/api/public/unit-certificates/${typed}`, remoteAddress: '10.1.0.1' });
    expect(check.json()).toMatchObject({ unitName: 'Förskolan Regnbågen', status: 'valid', validUntil: '2029-03-02' });
    expect(check.body).not.toContain(user.name);

    // On the last valid day it is still in the register; the day after it has expired.
    t.clock.set('2029-03-02T12:00:00Z');
    expect(
      ((await t.app.inject({ method: 'GET', url: '/api/public/certificates' })).json() as PublicRegister).items,
    ).toHaveLength(1);
    t.clock.set('2029-03-02T23:30:00Z'); // 00:30 on 3 March in Sweden
    expect(((await t.app.inject({ method: 'GET', url: '/api/public/certificates' })).json() as PublicRegister).items).toEqual([]);
    expect(
      (
        await t.app.inject({ method: 'GET', url: `/api/public/unit-certificates/${issued.code}`, remoteAddress: '10.1.0.1' })
      ).json().status,
    ).toBe('expired');

    t.clock.set('2027-01-01T09:00:00Z');
    const { agent: later } = await admin();
    expect((await later.post(`/api/certificates/${issued.id}/revoke`, { reason: 'Fel' })).statusCode).toBe(200);
    expect(((await t.app.inject({ method: 'GET', url: '/api/public/certificates' })).json() as PublicRegister).items).toEqual([]);
    expect(
      (
        await t.app.inject({ method: 'GET', url: `/api/public/unit-certificates/${issued.code}`, remoteAddress: '10.1.0.1' })
      ).json().status,
    ).toBe('revoked');
  });

  it('leaves out the units that have closed', async () => {
    const { agent } = await admin();
    const { unit, process } = await readyProcess(agent, { unitName: 'Fritidsgården Stängd' });
    expect((await agent.post('/api/certificates', { processIds: [process.id] })).statusCode).toBe(201);
    const listed = async () =>
      ((await t.app.inject({ method: 'GET', url: '/api/public/certificates' })).json() as PublicRegister).items.map(
        (i) => i.unitName,
      );
    expect(await listed()).toContain('Fritidsgården Stängd');
    await db().update(units).set({ active: false, closedAt: new Date() }).where(eq(units.id, unit.id));
    expect(await listed()).not.toContain('Fritidsgården Stängd');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/certificates.csv' })).body).not.toContain(
      'Fritidsgården Stängd',
    );
  });

  it('reads O as 0 and I and L as 1 in a typed code (no code contains those letters)', async () => {
    const { unit } = await certificateOn('2025-06-01');
    const code = `0011${newCertificateCode().slice(4)}`;
    await db().update(unitCertificates).set({ code }).where(eq(unitCertificates.unitId, unit.id));
    const typed = `oOiL-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`.toLowerCase();
    const check = await t.app.inject({ method: 'GET', url: `/api/public/unit-certificates/${typed}`, remoteAddress: '10.1.0.2' });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ unitName: unit.name, status: 'valid' });
  });

  it('rate-limits the register per address, more generously than the check', async () => {
    for (const [url, remoteAddress] of [
      ['/api/public/certificates', '10.2.0.1'],
      ['/api/public/certificates.csv', '10.2.0.2'],
    ]) {
      const statuses: number[] = [];
      // The check allows 5 a minute here (the test's config); the register five times as many.
      for (let i = 0; i < 26; i++) statuses.push((await t.app.inject({ method: 'GET', url, remoteAddress })).statusCode);
      expect(statuses).toEqual([...Array(25).fill(200), 429]);
      const limited = await t.app.inject({ method: 'GET', url, remoteAddress });
      expect(limited.json().error.code).toBe('rate_limited');
      expect((await t.app.inject({ method: 'GET', url, remoteAddress: '10.2.0.3' })).statusCode).toBe(200);
    }
  });

  it('rate-limits the check per address', async () => {
    const url = '/api/public/unit-certificates/AAAA-BBBB-CCCC-DDDD';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await t.app.inject({ method: 'GET', url, remoteAddress: '10.1.0.9' })).statusCode);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429]);
    expect((await t.app.inject({ method: 'GET', url, remoteAddress: '10.1.0.10' })).json().error.code).toBe(
      'certificate_not_found',
    );
  });
});

describe('where the units stand', () => {
  it('gives each unit its status and counts them, within one’s scope, and the start page the missing children’s units', async () => {
    const { agent } = await admin();
    const certified = await readyProcess(agent);
    await agent.post('/api/certificates', { processIds: [certified.process.id] });
    const inProcess = await readyProcess(agent, { schemeId: certified.scheme.id });
    const expired = await readyProcess(agent, { schemeId: certified.scheme.id });
    await agent.post('/api/certificates', { processIds: [expired.process.id], certifiedOn: '2022-01-10' });
    const untouched = await buildUnit(db(), { worksWithChildren: true });
    await buildUnit(db(), { worksWithChildren: false });

    const page: CertificationUnitPage = (await agent.get('/api/certification/units?worksWithChildren=true')).json();
    const statusOf = (id: string) => page.items.find((u) => u.unitId === id)?.status;
    expect(statusOf(certified.unit.id)).toBe('certified');
    expect(statusOf(inProcess.unit.id)).toBe('in_process');
    expect(statusOf(expired.unit.id)).toBe('expired');
    expect(statusOf(untouched.id)).toBe('not_started');
    expect(page.counts).toEqual({ certified: 1, in_process: 1, expired: 1, not_started: 1 });
    expect(page.items.find((u) => u.unitId === expired.unit.id)).toMatchObject({ validUntil: '2025-01-10' });
    const onlyExpired: CertificationUnitPage = (
      await agent.get('/api/certification/units?worksWithChildren=true&status=expired')
    ).json();
    expect(onlyExpired.items.map((u) => u.unitId)).toEqual([expired.unit.id]);
    expect(onlyExpired.counts.certified).toBe(1);

    const overview = (await agent.get('/api/overview')).json();
    expect(overview.certification).toEqual({ childrenUnits: 4, missing: 3, belowThreshold: 0 });

    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: untouched.id }]);
    const own: CertificationUnitPage = (await manager.get('/api/certification/units')).json();
    expect(own.items.map((u) => u.unitId)).toEqual([untouched.id]);
    expect((await manager.get('/api/overview')).json().certification).toEqual({
      childrenUnits: 1,
      missing: 1,
      belowThreshold: 0,
    });
    const { agent: employee } = await signIn(t.app, db(), 'employee');
    expect((await employee.get('/api/certification/units')).statusCode).toBe(403);
    expect((await employee.get('/api/overview')).json().certification).toBeNull();
  });
});

describe('sorting where the units stand', () => {
  it('sorts by unit, administration, status or valid until, ascending or with - descending, in Swedish order', async () => {
    const { agent } = await admin();
    const children = await buildAdministration(db(), { name: 'Barn och utbildning' });
    const culture = await buildAdministration(db(), { name: 'Kultur' });
    const care = await buildAdministration(db(), { name: 'Vård och omsorg' });
    const unit = (name: string, administrationId: string) => buildUnit(db(), { name, administrationId });
    const alm = await unit('Almgården', children.id); // not started
    const alv = await unit('Älvgården', children.id); // certified until 2028-06-01
    const ode = await unit('Ödegården', culture.id); // certified until 2027-05-01
    const berg = await unit('Bergsgården', care.id); // expired 2024-04-01
    const ceder = await unit('Cederträdet', care.id); // in process
    const [scheme] = await db()
      .insert(certificationSchemes)
      .values({ name: 'Schema för sortering', issuer: 'RFSL', validityYears: 3 })
      .returning();
    for (const [unitId, certifiedOn] of [
      [alv.id, '2025-06-01'],
      [ode.id, '2024-05-01'],
      [berg.id, '2021-04-01'],
    ]) {
      const [process] = await db()
        .insert(certificationProcesses)
        .values({ unitId, schemeId: scheme.id, status: 'certified' })
        .returning();
      await db()
        .insert(unitCertificates)
        .values({
          unitId,
          schemeId: scheme.id,
          processId: process.id,
          certifiedOn,
          validUntil: validUntilOf(certifiedOn, 3),
          code: newCertificateCode(),
          snapshot: [],
        });
    }
    await db().insert(certificationProcesses).values({ unitId: ceder.id, schemeId: scheme.id, status: 'open' });

    const names = async (query: string) => {
      const response = await agent.get(`/api/certification/units?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as CertificationUnitPage).items.map((u) => u.unitName);
    };
    const byUnit = [alm, berg, ceder, alv, ode].map((u) => u.name);
    expect(await names('sort=unitName')).toEqual(byUnit);
    expect(await names('sort=-unitName')).toEqual([...byUnit].reverse());
    expect(await names('sort=unitName&page=2&pageSize=2')).toEqual(['Cederträdet', 'Älvgården']);
    const byAdministration = [alm, alv, ode, berg, ceder].map((u) => u.name);
    expect(await names('')).toEqual(byAdministration);
    expect(await names('sort=administrationName')).toEqual(byAdministration);
    expect(await names('sort=-administrationName')).toEqual([...byAdministration].reverse());
    const byStatus = [alv, ode, ceder, berg, alm].map((u) => u.name);
    expect(await names('sort=status')).toEqual(byStatus);
    expect(await names('sort=-status')).toEqual([...byStatus].reverse());
    // Units without a certificate come last either way.
    expect(await names('sort=validUntil')).toEqual([berg, ode, alv, alm, ceder].map((u) => u.name));
    expect(await names('sort=-validUntil')).toEqual([alv, ode, berg, alm, ceder].map((u) => u.name));
    expect(await names('sort=-validUntil&status=certified')).toEqual([alv, ode].map((u) => u.name));

    for (const sort of ['name', 'createdAt', '-', 'unitName,status']) {
      const refused = await agent.get(`/api/certification/units?sort=${encodeURIComponent(sort)}`);
      expect(refused.statusCode, sort).toBe(400);
      expect(refused.json().error.details[0].path).toBe('querystring.sort');
    }
  });
});

describe('the date rules and codes', () => {
  it('valid until is the day of certification plus the scheme’s years, 29 February becoming 28 February', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10 }),
        (date, years) => {
          const day = date.toISOString().slice(0, 10);
          const until = validUntilOf(day, years);
          expect(Number(until.slice(0, 4))).toBe(Number(day.slice(0, 4)) + years);
          expect(until.slice(5, 7)).toBe(day.slice(5, 7));
          if (day.slice(5) === '02-29' && !isLeap(Number(until.slice(0, 4)))) expect(until.slice(8)).toBe('28');
          else expect(until.slice(8)).toBe(day.slice(8));
          expect(Number.isNaN(new Date(`${until}T00:00:00Z`).getTime())).toBe(false);
        },
      ),
    );
    expect(validUntilOf('2024-02-29', 3)).toBe('2027-02-28');
    expect(validUntilOf('2024-02-29', 4)).toBe('2028-02-29');
  });

  it('codes are 16 characters of Crockford base32, 80 random bits, without repeats', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newCertificateCode()));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
  });
});

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

describe('an adopted action plan as a criterion', () => {
  it('is met by an adopted plan of the unit, of the area or of both, covering the year, and flagged when it ends', async () => {
    const { agent } = await admin();
    const unit = await buildUnit(db(), { name: 'Fritidsgården Ekbacken', worksWithChildren: true });
    const other = await buildUnit(db());
    const schemeBody = (planArea: string | null) => ({
      name: `Diplomering ${crypto.randomUUID().slice(0, 6)}`,
      issuer: 'Katrineholms kommun',
      validityYears: 3,
      criteria: [
        { kind: 'action_plan', label: 'HBTQ-handlingsplan', planArea, threshold: 4 },
        { kind: 'confirmed', label: 'Slutprov' },
      ],
    });
    const missing = await agent.post('/api/certification-schemes', schemeBody(null));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details).toEqual([{ path: 'body.criteria.0.planArea', message: message('plan_area_required') }]);
    const created = await agent.post('/api/certification-schemes', schemeBody('hbtq'));
    expect(created.statusCode, created.body).toBe(201);
    const scheme: Scheme = created.json();
    // A plan is there or not: a threshold sent with it is not kept.
    expect(scheme.criteria[0]).toMatchObject({ kind: 'action_plan', planArea: 'hbtq', threshold: null });

    const plan = async (extra: Record<string, unknown>, adopted = true) => {
      const response = await agent.post('/api/action-plans', {
        scope: 'unit',
        unitId: unit.id,
        area: 'hbtq',
        name: `Plan ${crypto.randomUUID().slice(0, 6)}`,
        startYear: 2026,
        endYear: 2028,
        ...extra,
      });
      expect(response.statusCode, response.body).toBe(201);
      const { id } = response.json() as { id: string };
      if (adopted) {
        const adopt = await agent.post(`/api/action-plans/${id}/adopt`, { adoptedOn: '2026-02-20', adoptedBy: 'Enhetschefen' });
        expect(adopt.statusCode, adopt.body).toBe(200);
      }
      return id;
    };
    // None of these is an adopted HBTQ plan of the unit for 2026.
    await plan({}, false);
    await plan({ area: 'gender_equality' });
    await plan({ unitId: other.id });
    await plan({ startYear: 2023, endYear: 2025 });
    await plan({ startYear: 2027, endYear: 2029 });

    let process: CertificationProcess = (
      await agent.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id })
    ).json();
    expect(process.checklist[0]).toMatchObject({ kind: 'action_plan', value: 0, met: false });

    // A plan for both areas serves the HBTQ criterion.
    const both = await plan({ area: 'both', startYear: 2025, endYear: 2026 });
    process = (await agent.get(`/api/certification/processes/${process.id}`)).json();
    expect(process.checklist[0]).toMatchObject({ value: 1, met: true });
    const listed = (await agent.get(`/api/certification/processes?unitId=${unit.id}`)).json();
    expect(listed.items[0].readiness).toEqual({ met: 1, total: 2, ready: false });

    await agent.put(`/api/certification/processes/${process.id}/criteria/${scheme.criteria[1].id}/confirmation`, {
      evidence: 'Slutprovet gjort 1 mars.',
    });
    const certified = await agent.post('/api/certificates', { processIds: [process.id] });
    expect(certified.statusCode, certified.body).toBe(201);
    const unitRow = async () =>
      ((await agent.get('/api/certification/units')).json() as CertificationUnitPage).items.find((u) => u.unitId === unit.id)!;
    expect((await unitRow()).belowThreshold).toEqual([]);

    // The plan ends: the certificate stays valid, and the unit is told that it needs a plan.
    expect((await agent.post(`/api/action-plans/${both}/end`, {})).statusCode).toBe(200);
    const flagged = await unitRow();
    expect(flagged.status).toBe('certified');
    expect(flagged.belowThreshold).toEqual([
      expect.objectContaining({ label: 'HBTQ-handlingsplan', kind: 'action_plan', value: 0, threshold: 1 }),
    ]);
    expect(await sendCertificationReminders(t.app.appContext)).toMatchObject({ belowThreshold: 1 });
    const [mail] = await db()
      .select()
      .from(outbox)
      .where(eq(outbox.subject, translate('sv', 'mail.certification.belowThreshold.subject', { count: 1 })));
    expect(mail.body).toContain('Fritidsgården Ekbacken: HBTQ-handlingsplan: ingen antagen handlingsplan gäller i år');
  });
});

describe('certified units that no longer meet a criterion', () => {
  it('are flagged on the list, the start page and by mail, once per fall', async () => {
    const { agent } = await admin();
    const { unit, process, members } = await readyProcess(agent, { unitName: 'Skolan Linden' });
    await agent.post('/api/certificates', { processIds: [process.id] });
    const { agent: manager, user: managerUser } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    const unitRow = async () =>
      ((await agent.get('/api/certification/units')).json() as CertificationUnitPage).items.find((u) => u.unitId === unit.id)!;
    const mailTo = async (email: string) =>
      (await db().select().from(outbox).where(eq(outbox.toAddress, email))).map((m) => m.body);

    expect((await unitRow()).belowThreshold).toEqual([]);
    expect(await sendCertificationReminders(t.app.appContext)).toMatchObject({ belowThreshold: 0 });

    // A member of the group leaves: 1 of the 2 the scheme asks for. The certificate stays valid.
    await db().update(employees).set({ endDate: '2026-03-01' }).where(eq(employees.id, members[0].id));
    const flagged = await unitRow();
    expect(flagged.status).toBe('certified');
    expect(flagged.belowThreshold).toEqual([
      expect.objectContaining({ label: 'Arbetsgrupp', kind: 'working_group', value: 1, threshold: 2 }),
    ]);
    expect((await manager.get('/api/overview')).json().certification).toMatchObject({ belowThreshold: 1 });
    expect(await sendCertificationReminders(t.app.appContext)).toMatchObject({ belowThreshold: 2 });
    const [told] = await mailTo(managerUser.email);
    expect(told).toContain('Skolan Linden: Arbetsgrupp: 1 medlemmar kvar i verksamheten, krav 2');
    expect(told).toContain('Certifikatet gäller fortfarande');
    expect(await sendCertificationReminders(t.app.appContext)).toMatchObject({ belowThreshold: 0 });

    // The manager names a new member: met again, and a later fall is told again.
    const newcomer = await buildEmployee(db(), { unitId: unit.id });
    const mended = await manager.put(`/api/certification/processes/${process.id}/group`, {
      employeeIds: [members[1].id, newcomer.id],
    });
    expect(mended.statusCode, mended.body).toBe(200);
    expect((await unitRow()).belowThreshold).toEqual([]);
    await sendCertificationReminders(t.app.appContext);
    await db().update(employees).set({ endDate: '2026-03-01' }).where(eq(employees.id, newcomer.id));
    expect(await sendCertificationReminders(t.app.appContext)).toMatchObject({ belowThreshold: 2 });
    expect(await mailTo(managerUser.email)).toHaveLength(2);
  });
});

/** A certificate written straight to the database: a certified process and its certificate. */
async function certificateOn(certifiedOn: string, validityYears = 3) {
  const unit = await buildUnit(db(), { name: `Enheten ${crypto.randomUUID().slice(0, 8)}` });
  const [scheme] = await db()
    .insert(certificationSchemes)
    .values({ name: `Schema ${crypto.randomUUID()}`, issuer: 'RFSL', validityYears })
    .returning();
  const [process] = await db()
    .insert(certificationProcesses)
    .values({ unitId: unit.id, schemeId: scheme.id, status: 'certified' })
    .returning();
  const validUntil = validUntilOf(certifiedOn, validityYears);
  await db().insert(unitCertificates).values({
    unitId: unit.id,
    schemeId: scheme.id,
    processId: process.id,
    certifiedOn,
    validUntil,
    code: newCertificateCode(),
    snapshot: [],
  });
  return { unit, validUntil };
}

describe('renewal reminders', () => {
  it('are sent at the configured months before expiry, once per step, never before a step’s day', async () => {
    const { agent } = await admin();
    const { user: administrator } = await signIn(t.app, db(), 'administrator');
    const settings = await agent.put('/api/certification/settings', { renewalReminderMonths: [1, 6, 3] });
    expect(settings.json()).toEqual({ renewalReminderMonths: [6, 3, 1] });
    expect((await agent.put('/api/certification/settings', { renewalReminderMonths: [3, 3] })).statusCode).toBe(400);

    await fc.assert(
      fc.asyncProperty(
        fc.date({ min: new Date('2021-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 1200 }), { minLength: 1, maxLength: 12 }),
        async (date, offsets) => {
          const certifiedOn = date.toISOString().slice(0, 10);
          const { unit, validUntil } = await certificateOn(certifiedOn);
          const steps = [6, 3, 1].map((m) => ({ month: m, day: monthsBefore(validUntil, m) }));
          const runDays = offsets.map((offset) => addDaysTo(certifiedOn, offset)).sort();
          const sentOn: { day: string; step: number }[] = [];
          for (const day of runDays) {
            t.clock.set(`${day}T10:00:00Z`);
            const before = await mailsAbout(administrator.email, unit.name);
            await sendCertificationReminders(t.app.appContext);
            const after = await mailsAbout(administrator.email, unit.name);
            if (after > before) {
              expect(after - before).toBe(1);
              // The step told: the latest whose day has come.
              const passed = steps.filter((s) => s.day <= day);
              expect(passed.length).toBeGreaterThan(0);
              sentOn.push({ day, step: Math.min(...passed.map((s) => s.month)) });
            }
          }
          // Once per step, and only before the certificate ran out.
          expect(new Set(sentOn.map((s) => s.step)).size).toBe(sentOn.length);
          for (const s of sentOn) expect(s.day <= validUntil).toBe(true);
          // A run in the last month before expiry has told of it by then.
          if (runDays.some((day) => day >= steps[2].day && day <= validUntil))
            expect(sentOn.some((s) => s.step === 1)).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});

async function mailsAbout(email: string, unitName: string) {
  return (await db().select().from(outbox).where(eq(outbox.toAddress, email))).filter((m) => m.body.includes(unitName)).length;
}

function addDaysTo(isoDate: string, days: number) {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
