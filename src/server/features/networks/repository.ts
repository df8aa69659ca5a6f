import { aliasedTable, and, asc, count, desc, eq, gte, inArray, isNull, min, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  administrations,
  networkFiles,
  networkInvitations,
  networkLinks,
  networkMeetings,
  networkMembers,
  networks,
  userRoles,
  units,
  users,
} from '../../db/schema/index.js';

export type NetworkRow = typeof networks.$inferSelect;
export type MeetingRow = typeof networkMeetings.$inferSelect;
export type InvitationRow = typeof networkInvitations.$inferSelect;

/** The networks, or only those the user is part of: contact person of a member unit, or manager of one. */
export async function listNetworks(db: DbOrTx, onlyFor: string | undefined, now: Date) {
  const memberCount = db
    .select({ networkId: networkMembers.networkId, n: count().as('n') })
    .from(networkMembers)
    .groupBy(networkMembers.networkId)
    .as('member_count');
  const next = db
    .select({ networkId: networkMeetings.networkId, at: min(networkMeetings.startsAt).as('at') })
    .from(networkMeetings)
    .where(gte(networkMeetings.startsAt, now))
    .groupBy(networkMeetings.networkId)
    .as('next_meeting');
  const query = db
    .select({
      id: networks.id,
      name: networks.name,
      description: networks.description,
      memberCount: sql<number>`coalesce(${memberCount.n}, 0)::int`,
      nextMeetingAt: next.at,
    })
    .from(networks)
    .leftJoin(memberCount, eq(memberCount.networkId, networks.id))
    .leftJoin(next, eq(next.networkId, networks.id));
  const filtered = onlyFor ? query.where(inArray(networks.id, networkIdsOf(db, onlyFor))) : query;
  return filtered.orderBy(asc(networks.name), asc(networks.id));
}

/** The ids of the networks a user is part of. */
function networkIdsOf(db: DbOrTx, userId: string) {
  return db
    .select({ id: networkMembers.networkId })
    .from(networkMembers)
    .leftJoin(userRoles, and(eq(userRoles.unitId, networkMembers.unitId), eq(userRoles.role, 'unit_manager')))
    .where(or(eq(networkMembers.contactUserId, userId), eq(userRoles.userId, userId)));
}

export async function isPartOf(db: DbOrTx, networkId: string, userId: string) {
  const [row] = await db
    .select({ id: networks.id })
    .from(networks)
    .where(and(eq(networks.id, networkId), inArray(networks.id, networkIdsOf(db, userId))));
  return row !== undefined;
}

export async function findNetwork(db: DbOrTx, id: string, lock?: 'update') {
  const query = db.select().from(networks).where(eq(networks.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function insertNetwork(db: DbOrTx, values: typeof networks.$inferInsert) {
  const [row] = await db.insert(networks).values(values).returning();
  return row;
}

export async function updateNetwork(db: DbOrTx, id: string, values: Partial<typeof networks.$inferInsert>) {
  const [row] = await db.update(networks).set(values).where(eq(networks.id, id)).returning();
  return row;
}

const manager = aliasedTable(users, 'manager');
const managerRole = aliasedTable(userRoles, 'manager_role');
const contact = aliasedTable(users, 'contact');

export async function membersOf(db: DbOrTx, networkId: string) {
  return db
    .select({
      unitId: networkMembers.unitId,
      unitName: units.name,
      administrationName: administrations.name,
      contactUserId: networkMembers.contactUserId,
      contactName: contact.name,
      contactEmail: contact.email,
      managerName: manager.name,
      joinedAt: networkMembers.joinedAt,
    })
    .from(networkMembers)
    .innerJoin(units, eq(units.id, networkMembers.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .leftJoin(contact, eq(contact.id, networkMembers.contactUserId))
    .leftJoin(managerRole, and(eq(managerRole.unitId, units.id), eq(managerRole.role, 'unit_manager')))
    .leftJoin(manager, eq(manager.id, managerRole.userId))
    .where(eq(networkMembers.networkId, networkId))
    .orderBy(asc(units.name), asc(units.id));
}

export async function findMember(db: DbOrTx, networkId: string, unitId: string) {
  const [row] = await db
    .select()
    .from(networkMembers)
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.unitId, unitId)));
  return row;
}

export async function upsertMember(db: DbOrTx, values: typeof networkMembers.$inferInsert) {
  await db
    .insert(networkMembers)
    .values(values)
    .onConflictDoUpdate({
      target: [networkMembers.networkId, networkMembers.unitId],
      set: { contactUserId: values.contactUserId ?? null },
    });
}

export async function deleteMember(db: DbOrTx, networkId: string, unitId: string) {
  await db.delete(networkMembers).where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.unitId, unitId)));
}

export async function meetingsOf(db: DbOrTx, networkId: string) {
  const files = db
    .select({ meetingId: networkFiles.meetingId, n: count().as('n') })
    .from(networkFiles)
    .groupBy(networkFiles.meetingId)
    .as('file_count');
  return db
    .select({
      id: networkMeetings.id,
      networkId: networkMeetings.networkId,
      startsAt: networkMeetings.startsAt,
      place: networkMeetings.place,
      hasMinutes: sql<boolean>`${networkMeetings.minutes} is not null`,
      fileCount: sql<number>`coalesce(${files.n}, 0)::int`,
    })
    .from(networkMeetings)
    .leftJoin(files, eq(files.meetingId, networkMeetings.id))
    .where(eq(networkMeetings.networkId, networkId))
    .orderBy(desc(networkMeetings.startsAt), asc(networkMeetings.id));
}

export async function findMeeting(db: DbOrTx, id: string, lock?: 'update') {
  const query = db.select().from(networkMeetings).where(eq(networkMeetings.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function insertMeeting(db: DbOrTx, values: typeof networkMeetings.$inferInsert) {
  const [row] = await db.insert(networkMeetings).values(values).returning();
  return row;
}

export async function updateMeeting(db: DbOrTx, id: string, values: Partial<typeof networkMeetings.$inferInsert>) {
  const [row] = await db.update(networkMeetings).set(values).where(eq(networkMeetings.id, id)).returning();
  return row;
}

export async function deleteMeeting(db: DbOrTx, id: string) {
  await db.delete(networkMeetings).where(eq(networkMeetings.id, id));
}

const fileColumns = {
  id: networkFiles.id,
  networkId: networkFiles.networkId,
  meetingId: networkFiles.meetingId,
  fileName: networkFiles.fileName,
  contentType: networkFiles.contentType,
  size: networkFiles.size,
  sha256: networkFiles.sha256,
  uploadedByUserId: networkFiles.uploadedByUserId,
  uploadedByName: networkFiles.uploadedByName,
  uploadedAt: networkFiles.uploadedAt,
};

/** The network's shared documents (meetingId null) or one meeting's attachments, without their content. */
export async function filesOf(db: DbOrTx, networkId: string, meetingId: string | null) {
  return db
    .select(fileColumns)
    .from(networkFiles)
    .where(
      and(
        eq(networkFiles.networkId, networkId),
        meetingId ? eq(networkFiles.meetingId, meetingId) : isNull(networkFiles.meetingId),
      ),
    )
    .orderBy(asc(networkFiles.uploadedAt), asc(networkFiles.id));
}

export async function findFile(db: DbOrTx, id: string, withContent: boolean) {
  const [row] = await db
    .select(withContent ? { ...fileColumns, content: networkFiles.content } : fileColumns)
    .from(networkFiles)
    .where(eq(networkFiles.id, id));
  return row as (typeof row & { content?: Uint8Array }) | undefined;
}

export async function insertFile(db: DbOrTx, values: typeof networkFiles.$inferInsert) {
  const [row] = await db.insert(networkFiles).values(values).returning(fileColumns);
  return row;
}

export async function deleteFile(db: DbOrTx, id: string) {
  await db.delete(networkFiles).where(eq(networkFiles.id, id));
}

export async function linksOf(db: DbOrTx, networkId: string) {
  return db
    .select()
    .from(networkLinks)
    .where(eq(networkLinks.networkId, networkId))
    .orderBy(asc(networkLinks.createdAt), asc(networkLinks.id));
}

export async function findLink(db: DbOrTx, id: string) {
  const [row] = await db.select().from(networkLinks).where(eq(networkLinks.id, id));
  return row;
}

export async function insertLink(db: DbOrTx, values: typeof networkLinks.$inferInsert) {
  const [row] = await db.insert(networkLinks).values(values).returning();
  return row;
}

export async function deleteLink(db: DbOrTx, id: string) {
  await db.delete(networkLinks).where(eq(networkLinks.id, id));
}

const inviter = aliasedTable(users, 'inviter');

function invitationQuery(db: DbOrTx) {
  return db
    .select({
      id: networkInvitations.id,
      networkId: networkInvitations.networkId,
      networkName: networks.name,
      unitId: networkInvitations.unitId,
      unitName: units.name,
      administrationName: administrations.name,
      status: networkInvitations.status,
      message: networkInvitations.message,
      sentAt: networkInvitations.sentAt,
      invitedByName: inviter.name,
      answeredByName: networkInvitations.answeredByName,
      answeredAt: networkInvitations.answeredAt,
      declineReason: networkInvitations.declineReason,
    })
    .from(networkInvitations)
    .innerJoin(networks, eq(networks.id, networkInvitations.networkId))
    .innerJoin(units, eq(units.id, networkInvitations.unitId))
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .leftJoin(inviter, eq(inviter.id, networkInvitations.invitedByUserId));
}
export type InvitationView = Awaited<ReturnType<typeof findInvitationView>>;

export async function invitationsOfNetwork(db: DbOrTx, networkId: string) {
  return invitationQuery(db)
    .where(eq(networkInvitations.networkId, networkId))
    .orderBy(desc(networkInvitations.sentAt), asc(units.name));
}

export async function invitationsOfUnits(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return invitationQuery(db)
    .where(inArray(networkInvitations.unitId, unitIds))
    .orderBy(desc(networkInvitations.sentAt), asc(units.name));
}

export async function findInvitationView(db: DbOrTx, id: string) {
  const [row] = await invitationQuery(db).where(eq(networkInvitations.id, id));
  return row;
}

export async function findInvitationViews(db: DbOrTx, ids: string[]) {
  return ids.length === 0 ? [] : invitationQuery(db).where(inArray(networkInvitations.id, ids));
}

export async function findInvitation(db: DbOrTx, id: string, lock?: 'update') {
  const query = db.select().from(networkInvitations).where(eq(networkInvitations.id, id));
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function insertInvitations(db: DbOrTx, values: (typeof networkInvitations.$inferInsert)[]) {
  if (values.length === 0) return [];
  return db.insert(networkInvitations).values(values).returning();
}

export async function updateInvitation(db: DbOrTx, id: string, values: Partial<typeof networkInvitations.$inferInsert>) {
  const [row] = await db.update(networkInvitations).set(values).where(eq(networkInvitations.id, id)).returning();
  return row;
}

/** Active units that are neither members of the network nor have an open invitation to it. */
export async function invitableUnits(db: DbOrTx, networkId: string) {
  return db
    .select({
      unitId: units.id,
      unitName: units.name,
      administrationName: administrations.name,
      managerUserId: managerRole.userId,
    })
    .from(units)
    .innerJoin(administrations, eq(administrations.id, units.administrationId))
    .leftJoin(managerRole, and(eq(managerRole.unitId, units.id), eq(managerRole.role, 'unit_manager')))
    .where(
      and(
        eq(units.active, true),
        sql`not exists (select 1 from ${networkMembers} where ${networkMembers.networkId} = ${networkId} and ${networkMembers.unitId} = ${units.id})`,
        sql`not exists (select 1 from ${networkInvitations} where ${networkInvitations.networkId} = ${networkId} and ${networkInvitations.unitId} = ${units.id} and ${networkInvitations.status} = 'sent')`,
      ),
    )
    .orderBy(asc(administrations.name), asc(units.name), asc(units.id));
}

/** The manager of each unit (active users), with the address and language their mail goes in. */
export async function managersOf(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({ unitId: userRoles.unitId, userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(userRoles.role, 'unit_manager'), inArray(userRoles.unitId, unitIds), eq(users.active, true)));
}

/** Who may be a unit's contact person: its manager and the active users who are its employees. */
export async function contactCandidates(db: DbOrTx, unitId: string) {
  return db
    .selectDistinct({ userId: users.id, name: users.name })
    .from(users)
    .leftJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, 'unit_manager'), eq(userRoles.unitId, unitId)))
    .where(
      and(
        eq(users.active, true),
        or(
          sql`${userRoles.id} is not null`,
          sql`exists (select 1 from employees e where e.id = ${users.employeeId} and e.unit_id = ${unitId} and (e.end_date is null or e.end_date >= current_date))`,
        ),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

export async function unitExists(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db.select({ id: units.id, active: units.active }).from(units).where(inArray(units.id, unitIds));
}
