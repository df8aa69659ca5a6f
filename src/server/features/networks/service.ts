import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { withUniqueConflicts } from '../../db/constraints.js';
import { checkedDocument } from '../../http/documents.js';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail } from '../../mail/outbox.js';
import { certificationUnitsQuery } from '#shared/contracts/certification';
import type {
  Invitation,
  Meeting,
  Network,
  NetworkFile,
  acceptBody,
  declineBody,
  inviteBody,
  linkBody,
  meetingBody,
  memberBody,
  networkBody,
} from '#shared/contracts/networks';
import { changedFields, recordAudit } from '../audit/service.js';
import { listUnitStatuses } from '../certification/service.js';
import { canAnswerInvitation, canEditNetworks, canInvite, canReadNetwork, readsAllNetworks } from './policy.js';
import { presentFile, presentInvitation, presentMeetingSummary, presentMember } from './presenter.js';
import * as repo from './repository.js';

/**
 * Networks of units and their invitations (docs/networks.md). Every write is one transaction with
 * its audit entry; the invitation's mail goes through the outbox in the same transaction.
 */

const entityType = 'network';

async function partOf(db: DbOrTx, actor: Actor, networkId: string) {
  return readsAllNetworks(actor) || repo.isPartOf(db, networkId, actor.userId);
}

/** The network as the actor may see it: one they are not part of does not exist for them (404). */
async function visible(db: DbOrTx, actor: Actor, id: string, lock?: 'update') {
  const row = await repo.findNetwork(db, id, lock);
  if (!row || !canReadNetwork(actor, await partOf(db, actor, id))) throw notFound();
  return row;
}

function requireEdit(actor: Actor) {
  if (!canEditNetworks(actor)) throw forbidden();
}

// ---- Networks -----------------------------------------------------------------------------------

export async function listNetworks(ctx: AppContext, actor: Actor) {
  const rows = await repo.listNetworks(ctx.db, readsAllNetworks(actor) ? undefined : actor.userId, ctx.clock.now());
  return {
    items: rows.map((r) => ({
      ...r,
      memberCount: Number(r.memberCount),
      nextMeetingAt: r.nextMeetingAt ? new Date(r.nextMeetingAt).toISOString() : null,
    })),
    canCreate: canEditNetworks(actor),
  };
}

export async function getNetwork(ctx: AppContext, actor: Actor, id: string): Promise<Network> {
  const row = await visible(ctx.db, actor, id);
  return detail(ctx.db, ctx, actor, row);
}

async function detail(db: DbOrTx, ctx: AppContext, actor: Actor, row: repo.NetworkRow): Promise<Network> {
  const [members, meetings, files, links] = [
    await repo.membersOf(db, row.id),
    await repo.meetingsOf(db, row.id),
    await repo.filesOf(db, row.id, null),
    await repo.linksOf(db, row.id),
  ];
  const now = ctx.clock.now().getTime();
  const upcoming = meetings.filter((m) => new Date(m.startsAt).getTime() >= now).map((m) => new Date(m.startsAt).getTime());
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    memberCount: members.length,
    nextMeetingAt: upcoming.length > 0 ? new Date(Math.min(...upcoming)).toISOString() : null,
    members: members.map(presentMember),
    meetings: meetings.map(presentMeetingSummary),
    files: files.map(presentFile),
    links: links.map((l) => ({ id: l.id, title: l.title, url: l.url, createdAt: l.createdAt.toISOString() })),
    canEdit: canEditNetworks(actor),
  };
}

/** Races past the service's checks answer 409 with the field, never a 500 (db/constraints.ts). */
const networkNameTaken = { networks_name_unique: { code: 'network_name_taken', path: 'body.name' } };
const invitationOpen = { network_invitations_one_open: { code: 'network_already_invited', path: 'body.unitIds' } };

export async function createNetwork(ctx: AppContext, actor: Actor, body: z.output<typeof networkBody>): Promise<Network> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return withUniqueConflicts(networkNameTaken, () =>
    ctx.db.transaction(async (tx) => {
      const row = await repo.insertNetwork(tx, {
        name: body.name,
        description: body.description,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(
        tx,
        actor,
        { action: 'create', entityType, entityId: row.id, after: { name: row.name, description: row.description } },
        now,
      );
      return detail(tx, ctx, actor, row);
    }),
  );
}

export async function updateNetwork(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof networkBody>,
): Promise<Network> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return withUniqueConflicts(networkNameTaken, () =>
    ctx.db.transaction(async (tx) => {
      const before = await visible(tx, actor, id, 'update');
      const row = await repo.updateNetwork(tx, id, { name: body.name, description: body.description, updatedAt: now });
      const diff = changedFields(before, { name: row.name, description: row.description });
      if (diff.changed)
        await recordAudit(tx, actor, { action: 'update', entityType, entityId: id, before: diff.before, after: diff.after }, now);
      return detail(tx, ctx, actor, row);
    }),
  );
}

// ---- Members ------------------------------------------------------------------------------------

async function checkContact(tx: DbOrTx, unitId: string, contactUserId: string | null | undefined, path: string) {
  if (!contactUserId) return;
  const candidates = await repo.contactCandidates(tx, unitId);
  if (!candidates.some((c) => c.userId === contactUserId))
    throw badRequest('validation_failed', [{ path, message: 'contact_not_of_unit' }]);
}

/** Adds a unit as a member, or changes its contact person (the unit's manager or one of its employees with an account). */
export async function setMember(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof memberBody>): Promise<Network> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const row = await visible(tx, actor, id, 'update');
    const [unit] = await repo.unitExists(tx, [body.unitId]);
    if (!unit || !unit.active) throw badRequest('validation_failed', [{ path: 'body.unitId', message: 'unit_unknown' }]);
    await checkContact(tx, body.unitId, body.contactUserId, 'body.contactUserId');
    const before = await repo.findMember(tx, id, body.unitId);
    await repo.upsertMember(tx, { networkId: id, unitId: body.unitId, contactUserId: body.contactUserId ?? null, joinedAt: now });
    await recordAudit(
      tx,
      actor,
      {
        action: before ? 'update_member' : 'add_member',
        entityType,
        entityId: id,
        before: before ? { unitId: before.unitId, contactUserId: before.contactUserId } : null,
        after: { unitId: body.unitId, contactUserId: body.contactUserId ?? null },
      },
      now,
    );
    return detail(tx, ctx, actor, row);
  });
}

export async function removeMember(ctx: AppContext, actor: Actor, id: string, unitId: string): Promise<void> {
  requireEdit(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await visible(tx, actor, id, 'update');
    const before = await repo.findMember(tx, id, unitId);
    if (!before) throw notFound();
    await repo.deleteMember(tx, id, unitId);
    await recordAudit(
      tx,
      actor,
      { action: 'remove_member', entityType, entityId: id, before: { unitId, contactUserId: before.contactUserId } },
      now,
    );
  });
}

export async function contactCandidates(ctx: AppContext, actor: Actor, unitId: string) {
  if (!canEditNetworks(actor) && !canAnswerInvitation(actor, unitId)) throw notFound();
  return { items: await repo.contactCandidates(ctx.db, unitId) };
}

// ---- Meetings -----------------------------------------------------------------------------------

async function visibleMeeting(db: DbOrTx, actor: Actor, id: string, lock?: 'update') {
  const meeting = await repo.findMeeting(db, id, lock);
  if (!meeting) throw notFound();
  const network = await visible(db, actor, meeting.networkId);
  return { meeting, network };
}

async function meetingDetail(db: DbOrTx, actor: Actor, meeting: repo.MeetingRow, network: repo.NetworkRow): Promise<Meeting> {
  const files = await repo.filesOf(db, network.id, meeting.id);
  return {
    id: meeting.id,
    networkId: network.id,
    networkName: network.name,
    startsAt: meeting.startsAt.toISOString(),
    place: meeting.place,
    agenda: meeting.agenda,
    minutes: meeting.minutes,
    hasMinutes: meeting.minutes !== null,
    fileCount: files.length,
    files: files.map(presentFile),
    canEdit: canEditNetworks(actor),
  };
}

const meetingFields = (m: { startsAt: Date; place: string; agenda: string | null; minutes: string | null }) => ({
  startsAt: m.startsAt.toISOString(),
  place: m.place,
  agenda: m.agenda,
  minutes: m.minutes,
});

export async function getMeeting(ctx: AppContext, actor: Actor, id: string): Promise<Meeting> {
  const { meeting, network } = await visibleMeeting(ctx.db, actor, id);
  return meetingDetail(ctx.db, actor, meeting, network);
}

export async function createMeeting(
  ctx: AppContext,
  actor: Actor,
  networkId: string,
  body: z.output<typeof meetingBody>,
): Promise<Meeting> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const network = await visible(tx, actor, networkId, 'update');
    const meeting = await repo.insertMeeting(tx, {
      networkId,
      startsAt: new Date(body.startsAt),
      place: body.place,
      agenda: body.agenda,
      minutes: body.minutes,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'create', entityType: 'network_meeting', entityId: meeting.id, after: { networkId, ...meetingFields(meeting) } },
      now,
    );
    return meetingDetail(tx, actor, meeting, network);
  });
}

export async function updateMeeting(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof meetingBody>,
): Promise<Meeting> {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const { meeting: before, network } = await visibleMeeting(tx, actor, id, 'update');
    const meeting = await repo.updateMeeting(tx, id, {
      startsAt: new Date(body.startsAt),
      place: body.place,
      agenda: body.agenda,
      minutes: body.minutes,
      updatedAt: now,
    });
    const diff = changedFields(meetingFields(before), meetingFields(meeting));
    if (diff.changed)
      await recordAudit(
        tx,
        actor,
        { action: 'update', entityType: 'network_meeting', entityId: id, before: diff.before, after: diff.after },
        now,
      );
    return meetingDetail(tx, actor, meeting, network);
  });
}

export async function deleteMeeting(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireEdit(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const { meeting } = await visibleMeeting(tx, actor, id, 'update');
    await repo.deleteMeeting(tx, id);
    await recordAudit(
      tx,
      actor,
      {
        action: 'delete',
        entityType: 'network_meeting',
        entityId: id,
        before: { networkId: meeting.networkId, ...meetingFields(meeting) },
      },
      now,
    );
  });
}

// ---- Files and links ----------------------------------------------------------------------------

/** A shared document of the network (meetingId null) or an attachment of one of its meetings. */
export async function attach(
  ctx: AppContext,
  actor: Actor,
  target: { networkId: string } | { meetingId: string },
  file: { name: string; bytes: Uint8Array },
): Promise<NetworkFile> {
  requireEdit(actor);
  const document = checkedDocument(file, 'attachment_file_type');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    let networkId: string;
    let meetingId: string | null = null;
    if ('meetingId' in target) {
      const { meeting } = await visibleMeeting(tx, actor, target.meetingId, 'update');
      networkId = meeting.networkId;
      meetingId = meeting.id;
    } else {
      networkId = (await visible(tx, actor, target.networkId, 'update')).id;
    }
    const created = await repo.insertFile(tx, {
      networkId,
      meetingId,
      ...document,
      uploadedByUserId: actor.userId,
      uploadedByName: actor.name,
      uploadedAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'attach',
        entityType,
        entityId: networkId,
        after: { meetingId, file: created.fileName, size: created.size, sha256: created.sha256 },
      },
      now,
    );
    return presentFile(created);
  });
}

export async function fileContent(ctx: AppContext, actor: Actor, id: string) {
  const found = await repo.findFile(ctx.db, id, true);
  if (!found?.content) throw notFound();
  await visible(ctx.db, actor, found.networkId);
  return { fileName: found.fileName, contentType: found.contentType, content: found.content };
}

export async function removeFile(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireEdit(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const found = await repo.findFile(tx, id, false);
    if (!found) throw notFound();
    await repo.deleteFile(tx, id);
    await recordAudit(
      tx,
      actor,
      {
        action: 'detach',
        entityType,
        entityId: found.networkId,
        before: { meetingId: found.meetingId, file: found.fileName, size: found.size, sha256: found.sha256 },
      },
      now,
    );
  });
}

export async function addLink(ctx: AppContext, actor: Actor, networkId: string, body: z.output<typeof linkBody>) {
  requireEdit(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    await visible(tx, actor, networkId, 'update');
    const link = await repo.insertLink(tx, { networkId, title: body.title, url: body.url, createdAt: now });
    await recordAudit(
      tx,
      actor,
      { action: 'add_link', entityType, entityId: networkId, after: { linkId: link.id, title: link.title, url: link.url } },
      now,
    );
    return { id: link.id, title: link.title, url: link.url, createdAt: link.createdAt.toISOString() };
  });
}

export async function removeLink(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireEdit(actor);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const link = await repo.findLink(tx, id);
    if (!link) throw notFound();
    await repo.deleteLink(tx, id);
    await recordAudit(
      tx,
      actor,
      { action: 'remove_link', entityType, entityId: link.networkId, before: { linkId: id, title: link.title, url: link.url } },
      now,
    );
  });
}

// ---- Invitations --------------------------------------------------------------------------------

/** The units that hold a valid certificate, from the certification service (its own rules, never its tables). */
async function certifiedUnitIds(ctx: AppContext, actor: Actor): Promise<Set<string>> {
  const certified = new Set<string>();
  for (let page = 1; ; page += 1) {
    const result = await listUnitStatuses(ctx, actor, certificationUnitsQuery.parse({ page, pageSize: 1000 }));
    for (const item of result.items) if (item.status === 'certified') certified.add(item.unitId);
    if (page * result.pageSize >= result.total) return certified;
  }
}

export async function invitationCandidates(ctx: AppContext, actor: Actor, networkId: string) {
  if (!canInvite(actor)) throw forbidden();
  await visible(ctx.db, actor, networkId);
  const [units, certified] = [await repo.invitableUnits(ctx.db, networkId), await certifiedUnitIds(ctx, actor)];
  return {
    items: units.map((u) => ({
      unitId: u.unitId,
      unitName: u.unitName,
      administrationName: u.administrationName,
      certified: certified.has(u.unitId),
      hasManager: u.managerUserId !== null,
    })),
  };
}

export async function listNetworkInvitations(ctx: AppContext, actor: Actor, networkId: string): Promise<{ items: Invitation[] }> {
  if (!canInvite(actor)) throw forbidden();
  await visible(ctx.db, actor, networkId);
  return { items: (await repo.invitationsOfNetwork(ctx.db, networkId)).map(presentInvitation) };
}

/** The invitations of the units the actor manages (open ones first). */
export async function myInvitations(ctx: AppContext, actor: Actor): Promise<{ items: Invitation[] }> {
  const rows = await repo.invitationsOfUnits(ctx.db, actor.unitIds);
  const items = rows.map(presentInvitation);
  return { items: [...items.filter((i) => i.status === 'sent'), ...items.filter((i) => i.status !== 'sent')] };
}

export async function getInvitation(ctx: AppContext, actor: Actor, id: string): Promise<Invitation> {
  const row = await repo.findInvitationView(ctx.db, id);
  if (!row || !(canInvite(actor) || canAnswerInvitation(actor, row.unitId))) throw notFound();
  return presentInvitation(row);
}

const localeOf = (value: string | null | undefined): Locale => (value === 'en' ? 'en' : 'sv');

/**
 * Invites units: the ones named and/or every unit not certified yet (by the certification service)
 * that is neither a member nor already invited. Naming a member or a unit with an open invitation is
 * a 409. Each invited unit's manager gets one mail through the outbox.
 */
export async function invite(ctx: AppContext, actor: Actor, networkId: string, body: z.output<typeof inviteBody>) {
  if (!canInvite(actor)) throw forbidden();
  const now = ctx.clock.now();
  const certified = body.notCertified ? await certifiedUnitIds(ctx, actor) : new Set<string>();
  const created = await withUniqueConflicts(invitationOpen, () =>
    ctx.db.transaction(async (tx) => {
      const network = await visible(tx, actor, networkId, 'update');
      const invitable = await repo.invitableUnits(tx, networkId);
      const invitableIds = new Set(invitable.map((u) => u.unitId));
      const named = [...new Set(body.unitIds)];
      const known = new Map((await repo.unitExists(tx, named)).map((u) => [u.id, u]));
      for (const [index, unitId] of named.entries()) {
        const unit = known.get(unitId);
        if (!unit || !unit.active)
          throw badRequest('validation_failed', [{ path: `body.unitIds.${index}`, message: 'unit_unknown' }]);
        if (!invitableIds.has(unitId))
          throw conflict('network_already_invited', [{ path: `body.unitIds.${index}`, message: 'network_already_invited' }]);
      }
      const chosen = new Set(named);
      if (body.notCertified) for (const u of invitable) if (!certified.has(u.unitId)) chosen.add(u.unitId);
      if (chosen.size === 0) throw conflict('network_nobody_to_invite');
      const rows = await repo.insertInvitations(
        tx,
        [...chosen].map((unitId) => ({
          networkId,
          unitId,
          status: 'sent',
          message: body.message,
          invitedByUserId: actor.userId,
          sentAt: now,
        })),
      );
      const managers = await repo.managersOf(tx, [...chosen]);
      const unitName = new Map(invitable.map((u) => [u.unitId, u.unitName]));
      await enqueueMail(
        ctx,
        tx,
        managers.map((m) => {
          const locale = localeOf(m.locale);
          const values = {
            network: network.name,
            unit: unitName.get(m.unitId ?? '') ?? '',
            message: body.message ? `\n\n${body.message}\n` : '',
            url: `${ctx.config.publicUrl}/networks/invitations`,
          };
          return {
            to: m.email,
            subject: translate(locale, 'networks.mail.invitation.subject', values),
            body: translate(locale, 'networks.mail.invitation.body', values),
          };
        }),
      );
      await recordAudit(
        tx,
        actor,
        rows.map((r) => ({
          action: 'invite',
          entityType: 'network_invitation',
          entityId: r.id,
          after: { networkId, unitId: r.unitId, message: r.message },
        })),
        now,
      );
      return rows.map((r) => r.id);
    }),
  );
  const items = (await repo.findInvitationViews(ctx.db, created)).map(presentInvitation);
  return { items: items.sort((a, b) => a.unitName.localeCompare(b.unitName, 'sv')) };
}

async function openInvitation(tx: DbOrTx, id: string) {
  const row = await repo.findInvitation(tx, id, 'update');
  if (!row) throw notFound();
  return row;
}

export async function withdraw(ctx: AppContext, actor: Actor, id: string): Promise<Invitation> {
  if (!canInvite(actor)) throw forbidden();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await openInvitation(tx, id);
    if (row.status !== 'sent') throw conflict('network_invitation_answered');
    await repo.updateInvitation(tx, id, {
      status: 'withdrawn',
      answeredByUserId: actor.userId,
      answeredByName: actor.name,
      answeredAt: now,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'withdraw',
        entityType: 'network_invitation',
        entityId: id,
        before: { status: 'sent' },
        after: { status: 'withdrawn' },
      },
      now,
    );
  });
  return presentInvitation((await repo.findInvitationView(ctx.db, id))!);
}

/** The unit's manager accepts: the unit becomes a member, with the manager or the person they name as contact. */
export async function accept(ctx: AppContext, actor: Actor, id: string, body: z.output<typeof acceptBody>): Promise<Invitation> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await openInvitation(tx, id);
    if (!canAnswerInvitation(actor, row.unitId)) throw notFound();
    if (row.status !== 'sent') throw conflict('network_invitation_answered');
    const contactUserId = body.contactUserId ?? actor.userId;
    await checkContact(tx, row.unitId, contactUserId, 'body.contactUserId');
    await repo.updateInvitation(tx, id, {
      status: 'accepted',
      answeredByUserId: actor.userId,
      answeredByName: actor.name,
      answeredAt: now,
    });
    await repo.upsertMember(tx, { networkId: row.networkId, unitId: row.unitId, contactUserId, joinedAt: now });
    await recordAudit(
      tx,
      actor,
      [
        {
          action: 'accept',
          entityType: 'network_invitation',
          entityId: id,
          before: { status: 'sent' },
          after: { status: 'accepted' },
        },
        { action: 'add_member', entityType, entityId: row.networkId, after: { unitId: row.unitId, contactUserId } },
      ],
      now,
    );
  });
  return presentInvitation((await repo.findInvitationView(ctx.db, id))!);
}

export async function decline(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof declineBody>,
): Promise<Invitation> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await openInvitation(tx, id);
    if (!canAnswerInvitation(actor, row.unitId)) throw notFound();
    if (row.status !== 'sent') throw conflict('network_invitation_answered');
    await repo.updateInvitation(tx, id, {
      status: 'declined',
      answeredByUserId: actor.userId,
      answeredByName: actor.name,
      answeredAt: now,
      declineReason: body.reason,
    });
    await recordAudit(
      tx,
      actor,
      {
        action: 'decline',
        entityType: 'network_invitation',
        entityId: id,
        before: { status: 'sent' },
        after: { status: 'declined', reason: body.reason },
      },
      now,
    );
  });
  return presentInvitation((await repo.findInvitationView(ctx.db, id))!);
}
