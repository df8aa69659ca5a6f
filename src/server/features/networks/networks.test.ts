import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  certificationProcesses,
  certificationSchemes,
  networkInvitations,
  networkMembers,
  outbox,
  unitCertificates,
} from '#server/db/schema/index';
import { permissionsOf } from '#shared/permissions';
import { useTestApp } from '../../../../test/support/app.js';
import { multipart } from '../../../../test/support/agent.js';
import {
  auditEntriesFor,
  buildAdministration,
  buildEmployee,
  buildUnit,
  buildUser,
  signIn,
} from '../../../../test/support/factories.js';
import { canAnswerInvitation, canEditNetworks, canInvite, canReadNetwork } from './policy.js';

const t = useTestApp({ config: { publicUrl: 'https://inkludera.example.se' } });

async function setUp() {
  const db = t.database.db;
  const administration = await buildAdministration(db);
  const memberUnit = await buildUnit(db, { administrationId: administration.id, name: 'Fritidsgården Perrongen' });
  const otherUnit = await buildUnit(db, { administrationId: administration.id, name: 'Bibliotekets barnavdelning' });
  const certifiedUnit = await buildUnit(db, { administrationId: administration.id, name: 'Ungdomsmottagningen' });
  const { agent: admin } = await signIn(t.app, db, 'administrator');
  const { agent: memberManager, user: memberManagerUser } = await signIn(t.app, db, [
    { role: 'unit_manager', unitId: memberUnit.id },
  ]);
  const { agent: otherManager, user: otherManagerUser } = await signIn(
    t.app,
    db,
    [{ role: 'unit_manager', unitId: otherUnit.id }],
    {
      email: 'chef.bibliotek@example.se',
    },
  );
  const staff = await buildEmployee(db, { unitId: memberUnit.id });
  const { agent: contact, user: contactUser } = await signIn(t.app, db, 'employee', { employeeId: staff.id });
  const { agent: stranger } = await signIn(t.app, db, 'employee');
  // certifiedUnit holds a valid certificate.
  const [scheme] = await db
    .insert(certificationSchemes)
    .values({ name: 'HBTQ-diplomering', issuer: 'RFSL', validityYears: 3 })
    .returning();
  const [process] = await db
    .insert(certificationProcesses)
    .values({ unitId: certifiedUnit.id, schemeId: scheme.id, status: 'certified' })
    .returning();
  await db.insert(unitCertificates).values({
    unitId: certifiedUnit.id,
    schemeId: scheme.id,
    processId: process.id,
    certifiedOn: '2025-01-10',
    validUntil: '2099-01-10',
    code: 'ABCD-1234',
    snapshot: {},
  });

  const created = await admin.post('/api/networks', { name: 'HBTQ-nätverket', description: 'Enheter som driver HBTQ-arbetet.' });
  expect(created.statusCode, created.body).toBe(201);
  const network = created.json();
  const member = await admin.post(`/api/networks/${network.id}/members`, {
    unitId: memberUnit.id,
    contactUserId: contactUser.id,
  });
  expect(member.statusCode, member.body).toBe(200);
  return {
    db,
    admin,
    memberManager,
    memberManagerUser,
    otherManager,
    otherManagerUser,
    contact,
    contactUser,
    stranger,
    network,
    memberUnit,
    otherUnit,
    certifiedUnit,
  };
}

describe('the networks policy', () => {
  it('lets administrators do everything and others only read the networks they are part of', () => {
    const admin = { userId: 'a', unitIds: [], permissions: permissionsOf(['administrator']) };
    expect(canReadNetwork(admin, false)).toBe(true);
    expect(canEditNetworks(admin)).toBe(true);
    expect(canInvite(admin)).toBe(true);
    const manager = { userId: 'm', unitIds: ['u1'], permissions: permissionsOf(['unit_manager']) };
    expect(canReadNetwork(manager, true)).toBe(true);
    expect(canReadNetwork(manager, false)).toBe(false);
    expect(canEditNetworks(manager)).toBe(false);
    expect(canInvite(manager)).toBe(false);
    expect(canAnswerInvitation(manager, 'u1')).toBe(true);
    expect(canAnswerInvitation(manager, 'u2')).toBe(false);
    const host = { userId: 'h', unitIds: [], permissions: permissionsOf(['activity_host']) };
    expect(canReadNetwork(host, true)).toBe(false);
  });
});

describe('networks', () => {
  it('are seen by their members (contact person and manager) and administrators; others get 404', async () => {
    const { admin, memberManager, contact, stranger, otherManager, network } = await setUp();
    for (const agent of [admin, memberManager, contact]) {
      const page = await agent.get(`/api/networks/${network.id}`);
      expect(page.statusCode, page.body).toBe(200);
      expect(page.json().members).toHaveLength(1);
      expect((await agent.get('/api/networks')).json().items.map((n: { id: string }) => n.id)).toEqual([network.id]);
    }
    for (const agent of [stranger, otherManager]) {
      expect((await agent.get(`/api/networks/${network.id}`)).statusCode).toBe(404);
      expect((await agent.get('/api/networks')).json().items).toEqual([]);
    }
    // Members read but do not change.
    expect((await memberManager.put(`/api/networks/${network.id}`, { name: 'Nytt namn' })).statusCode).toBe(403);
    expect(
      (await contact.post(`/api/networks/${network.id}/meetings`, { startsAt: '2026-03-01T15:00:00+01:00', place: 'X' }))
        .statusCode,
    ).toBe(403);
  });

  it('hold meetings with agenda, minutes and attachments, shared documents and links; all audited; bad input is a 4xx', async () => {
    const { db, admin, contact, stranger, network } = await setUp();
    const bad = await admin.post(`/api/networks/${network.id}/meetings`, { startsAt: 'i morgon', place: '' });
    expect(bad.statusCode).toBe(400);
    const created = await admin.post(`/api/networks/${network.id}/meetings`, {
      startsAt: '2026-03-12T13:00:00+01:00',
      place: 'Stadshuset, rum Forsen',
      agenda: '1. Erfarenhetsutbyte\n2. Pride',
    });
    expect(created.statusCode, created.body).toBe(201);
    const meeting = created.json();
    expect(meeting.startsAt).toBe('2026-03-12T12:00:00.000Z');
    const updated = await admin.put(`/api/network-meetings/${meeting.id}`, {
      startsAt: meeting.startsAt,
      place: meeting.place,
      agenda: meeting.agenda,
      minutes: 'Vi beslöt att delta i Pride.',
    });
    expect(updated.json().minutes).toBe('Vi beslöt att delta i Pride.');

    const upload = multipart({ name: 'protokoll.pdf', content: '%PDF-1.4 protokoll', type: 'application/pdf' });
    const attached = await admin.post(`/api/network-meetings/${meeting.id}/files`, upload.payload, { headers: upload.headers });
    expect(attached.statusCode, attached.body).toBe(201);
    const exe = multipart({ name: 'virus.exe', content: 'MZ' });
    expect(
      (await admin.post(`/api/network-meetings/${meeting.id}/files`, exe.payload, { headers: exe.headers })).statusCode,
    ).toBe(415);
    const doc = multipart({ name: 'handbok.pdf', content: '%PDF-1.4 handbok', type: 'application/pdf' });
    expect((await admin.post(`/api/networks/${network.id}/files`, doc.payload, { headers: doc.headers })).statusCode).toBe(201);
    expect(
      (await admin.post(`/api/networks/${network.id}/links`, { title: 'RFSL', url: 'javascript:alert(1)' })).statusCode,
    ).toBe(400);
    expect(
      (await admin.post(`/api/networks/${network.id}/links`, { title: 'RFSL', url: 'https://www.rfsl.se/' })).statusCode,
    ).toBe(201);

    const seen = (await contact.get(`/api/network-meetings/${meeting.id}`)).json();
    expect(seen.files.map((f: { fileName: string }) => f.fileName)).toEqual(['protokoll.pdf']);
    const download = await contact.get(`/api/network-files/${attached.json().id}`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('%PDF-1.4 protokoll');
    expect((await stranger.get(`/api/network-files/${attached.json().id}`)).statusCode).toBe(404);
    expect((await stranger.get(`/api/network-meetings/${meeting.id}`)).statusCode).toBe(404);
    const page = (await contact.get(`/api/networks/${network.id}`)).json();
    expect(page.meetings).toEqual([expect.objectContaining({ id: meeting.id, hasMinutes: true, fileCount: 1 })]);
    expect(page.files.map((f: { fileName: string }) => f.fileName)).toEqual(['handbok.pdf']);
    expect(page.links).toEqual([expect.objectContaining({ title: 'RFSL', url: 'https://www.rfsl.se/' })]);

    expect((await auditEntriesFor(db, 'network_meeting', meeting.id)).map((e) => e.action)).toEqual(['create', 'update']);
    expect((await auditEntriesFor(db, 'network', network.id)).map((e) => e.action)).toEqual([
      'create',
      'add_member',
      'attach',
      'attach',
      'add_link',
    ]);
  });

  it('refuse a second network of the same name and a contact person from another unit', async () => {
    const { admin, network, memberUnit, otherManagerUser } = await setUp();
    expect((await admin.post('/api/networks', { name: 'hbtq-nätverket' })).statusCode).toBe(409);
    const wrong = await admin.post(`/api/networks/${network.id}/members`, {
      unitId: memberUnit.id,
      contactUserId: otherManagerUser.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([
      { path: 'body.contactUserId', message: 'Kontaktpersonen måste vara enhetens chef eller anställd på enheten.' },
    ]);
  });
});

describe('invitations', () => {
  it('go to the units not certified yet, one mail each to the manager, never twice while open', async () => {
    const { db, admin, network, otherUnit, certifiedUnit, memberUnit } = await setUp();
    const candidates = (await admin.get(`/api/networks/${network.id}/invitation-candidates`)).json().items;
    expect(candidates.find((c: { unitId: string }) => c.unitId === certifiedUnit.id).certified).toBe(true);
    expect(candidates.some((c: { unitId: string }) => c.unitId === memberUnit.id)).toBe(false);

    const sent = await admin.post(`/api/networks/${network.id}/invitations`, { notCertified: true, message: 'Välkomna!' });
    expect(sent.statusCode, sent.body).toBe(201);
    const invited = sent.json().items.map((i: { unitId: string }) => i.unitId);
    expect(invited).toContain(otherUnit.id);
    expect(invited).not.toContain(certifiedUnit.id);
    expect(invited).not.toContain(memberUnit.id);
    const mails = await db.select().from(outbox).where(eq(outbox.toAddress, 'chef.bibliotek@example.se'));
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('HBTQ-nätverket');
    expect(mails[0].body).toContain('https://inkludera.example.se/networks/invitations');
    expect(mails[0].body).toContain('Välkomna!');

    const again = await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: [otherUnit.id] });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('network_already_invited');
    expect((await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: [memberUnit.id] })).statusCode).toBe(409);
    expect((await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: [] })).statusCode).toBe(400);
    expect((await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: ['nope'] })).statusCode).toBe(400);
    expect(await db.select().from(outbox).where(eq(outbox.toAddress, 'chef.bibliotek@example.se'))).toHaveLength(1);

    // Withdrawn, the unit may be invited again.
    const open = sent.json().items.find((i: { unitId: string }) => i.unitId === otherUnit.id);
    const withdrawn = await admin.post(`/api/network-invitations/${open.id}/withdraw`);
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await admin.post(`/api/network-invitations/${open.id}/withdraw`)).statusCode).toBe(409);
    expect((await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: [otherUnit.id] })).statusCode).toBe(201);
    expect((await auditEntriesFor(db, 'network_invitation', open.id)).map((e) => e.action)).toEqual(['invite', 'withdraw']);
  });

  it('are answered by the invited unit’s manager only: accept makes the unit a member', async () => {
    const { db, admin, otherManager, otherManagerUser, memberManager, network, otherUnit } = await setUp();
    const sent = (await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: [otherUnit.id] })).json().items[0];
    expect((await memberManager.get('/api/network-invitations')).json().items).toEqual([]);
    expect((await memberManager.post(`/api/network-invitations/${sent.id}/accept`, {})).statusCode).toBe(404);
    expect((await otherManager.post(`/api/network-invitations/${sent.id}/withdraw`)).statusCode).toBe(403);
    expect((await otherManager.post(`/api/networks/${network.id}/invitations`, { unitIds: [otherUnit.id] })).statusCode).toBe(
      403,
    );
    expect((await otherManager.get('/api/network-invitations')).json().items.map((i: { id: string }) => i.id)).toEqual([sent.id]);
    expect((await otherManager.get(`/api/networks/${network.id}`)).statusCode).toBe(404);

    const accepted = await otherManager.post(`/api/network-invitations/${sent.id}/accept`, {});
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', answeredByName: otherManagerUser.name });
    expect(accepted.json().answeredAt).toBeTruthy();
    const [row] = await db
      .select()
      .from(networkMembers)
      .where(and(eq(networkMembers.networkId, network.id), eq(networkMembers.unitId, otherUnit.id)));
    expect(row.contactUserId).toBe(otherManagerUser.id);
    expect((await otherManager.get(`/api/networks/${network.id}`)).statusCode).toBe(200);
    expect((await otherManager.post(`/api/network-invitations/${sent.id}/decline`, {})).statusCode).toBe(409);
  });

  it('may name an employee of the unit as contact, or be declined with a reason', async () => {
    const { db, admin, otherManager, network, otherUnit, certifiedUnit } = await setUp();
    const staff = await buildEmployee(db, { unitId: otherUnit.id });
    const person = await buildUser(db, { employeeId: staff.id, roles: [{ role: 'employee' }] });
    const outsider = await buildUser(db, { roles: [{ role: 'employee' }] });
    const sent = (await admin.post(`/api/networks/${network.id}/invitations`, { unitIds: [otherUnit.id] })).json().items[0];
    const contacts = (await otherManager.get(`/api/units/${otherUnit.id}/network-contacts`))
      .json()
      .items.map((c: { userId: string }) => c.userId);
    expect(contacts).toContain(person.id);
    expect(contacts).not.toContain(outsider.id);
    expect((await otherManager.get(`/api/units/${certifiedUnit.id}/network-contacts`)).statusCode).toBe(404);
    expect(
      (await otherManager.post(`/api/network-invitations/${sent.id}/accept`, { contactUserId: outsider.id })).statusCode,
    ).toBe(400);
    const accepted = await otherManager.post(`/api/network-invitations/${sent.id}/accept`, { contactUserId: person.id });
    expect(accepted.statusCode).toBe(200);
    const [row] = await db.select().from(networkMembers).where(eq(networkMembers.unitId, otherUnit.id));
    expect(row.contactUserId).toBe(person.id);

    // Another network, declined with a reason.
    const second = (await admin.post('/api/networks', { name: 'Jämställdhetsnätverket' })).json();
    const invitation = (await admin.post(`/api/networks/${second.id}/invitations`, { unitIds: [otherUnit.id] })).json().items[0];
    const declined = await otherManager.post(`/api/network-invitations/${invitation.id}/decline`, {
      reason: 'Vi har inte tid i år.',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', declineReason: 'Vi har inte tid i år.' });
    const [stored] = await db.select().from(networkInvitations).where(eq(networkInvitations.id, invitation.id));
    expect(stored.status).toBe('declined');
    expect((await db.select().from(networkMembers).where(eq(networkMembers.networkId, second.id))).length).toBe(0);
    const list = (await admin.get(`/api/networks/${second.id}/invitations`)).json().items;
    expect(list).toEqual([
      expect.objectContaining({ id: invitation.id, status: 'declined', declineReason: 'Vi har inte tid i år.' }),
    ]);
  });
});
