import { createHash } from 'node:crypto';
import { and, asc, eq, inArray, isNull, or, gte } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  employees,
  networkFiles,
  networkInvitations,
  networkLinks,
  networkMeetings,
  networkMembers,
  networks,
  userRoles,
  users,
} from '../../db/schema/index.js';
import { stockholmMoment } from '../activities/schedule.js';
import { unitStatusesOn } from '../certification/service.js';
import { addDays } from '../activities/schedule.js';
import { managersOf } from './repository.js';

/**
 * The demo municipality's HBTQ network (issue 7, item 11), deterministic from the seed: the units
 * certified today are its members, each with a contact person (the unit's demo manager, or one of
 * its employees given a demo account with the demo password); a meeting each quarter over the last
 * two years with agenda and minutes, and one upcoming with its agenda; shared documents and links;
 * and invitations to uncertified units in every state (open, accepted, declined with a reason,
 * withdrawn). Robin Förskolechef's preschools are among the invited, so the demo manager can answer.
 * Which units are certified comes from the certification feature's own status query (the rules of
 * docs/certification.md), not from its tables.
 */
export type NetworksDemoInput = {
  administrator: { userId: string; name: string };
  /** Units whose invitation should be left open for the demo's unit manager to answer. */
  openFor: string[];
  today: string;
  now: Date;
  random: { int: (min: number, max: number) => number };
};

const topics = [
  'Erfarenhetsutbyte: hur vi pratar om familjer med barnen',
  'Normkritisk genomgång av böcker och bilder',
  'Inför Pride: vad gör enheterna i år?',
  'Bemötande av transpersoner i receptionen',
  'Rekrytering av nya HBTQ-grupper på enheterna',
  'Uppföljning av handlingsplanerna',
  'Omcertifiering: vad krävs och hur lång tid tar det?',
  'Gästföreläsning från RFSL',
];

const declineReasons = [
  'Vi har inte möjlighet att delta i år, vi återkommer efter omorganisationen.',
  'Enheten prioriterar certifieringen först.',
];

/** A Swedish local time as an instant: +02:00 in the summer half of the year, +01:00 otherwise (good enough for demo meetings). */

const bytesOf = (text: string) => {
  const content = new TextEncoder().encode(text);
  return { content, size: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') };
};

export async function writeNetworksDemo(tx: Tx, input: NetworksDemoInput): Promise<Record<string, number>> {
  const { now, today } = input;
  const statuses = await unitStatusesOn(tx, today);
  const certified = statuses.filter((s) => s.status === 'certified');
  const uncertified = statuses.filter((s) => s.status !== 'certified');
  const managers = new Map(
    (
      await managersOf(
        tx,
        statuses.map((s) => s.unit_id),
      )
    ).map((m) => [m.unitId!, m]),
  );
  const [admin] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.administrator.userId));

  let created = 0;
  /** The contact person of a unit: its demo manager, else its longest-serving current employee, given a demo account. */
  async function contactOf(unitId: string): Promise<string | null> {
    const manager = managers.get(unitId);
    if (manager) return manager.userId;
    const [employee] = await tx
      .select({ id: employees.id, firstName: employees.firstName, lastName: employees.lastName })
      .from(employees)
      .where(and(eq(employees.unitId, unitId), or(isNull(employees.endDate), gte(employees.endDate, today))))
      .orderBy(asc(employees.startDate), asc(employees.employeeNumber))
      .limit(1);
    if (!employee) return null;
    created += 1;
    const [user] = await tx
      .insert(users)
      .values({
        name: `${employee.firstName} ${employee.lastName}`,
        email: `natverk.${created}@demo.example`,
        passwordHash: admin.passwordHash,
        employeeId: employee.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: users.id });
    await tx.insert(userRoles).values({ userId: user.id, role: 'employee', createdAt: now });
    return user.id;
  }

  const start = addDays(today, -730);
  const [network] = await tx
    .insert(networks)
    .values({
      name: 'HBTQ-nätverket',
      description:
        'Nätverket för de enheter som är HBTQ-certifierade eller på väg dit. Vi träffas en gång i kvartalet, delar erfarenheter och driver arbetet framåt tillsammans. Varje enhet har en kontaktperson.',
      createdAt: new Date(`${start}T08:00:00Z`),
      updatedAt: new Date(`${start}T08:00:00Z`),
    })
    .returning({ id: networks.id });

  const memberRows: (typeof networkMembers.$inferInsert)[] = [];
  for (const unit of certified) {
    memberRows.push({
      networkId: network.id,
      unitId: unit.unit_id,
      contactUserId: await contactOf(unit.unit_id),
      joinedAt: new Date(`${start}T08:00:00Z`),
    });
  }
  if (memberRows.length > 0) await tx.insert(networkMembers).values(memberRows);

  // A meeting each quarter over the two years, and one in a month.
  const dates: string[] = [];
  for (let day = addDays(start, 14); day < today; day = addDays(day, 91)) dates.push(day);
  const upcoming = addDays(today, 30);
  let meetings = 0;
  for (const [index, date] of [...dates, upcoming].entries()) {
    const topic = topics[index % topics.length];
    const past = date < today;
    const [meeting] = await tx
      .insert(networkMeetings)
      .values({
        networkId: network.id,
        startsAt: stockholmMoment(date, '13:00'),
        place: index % 2 === 0 ? 'Stadshuset, sammanträdesrum Forsen' : 'Perrongen, Katrineholm',
        agenda: `1. Välkommen och presentationsrunda\n2. ${topic}\n3. Nytt från enheterna\n4. Nästa möte`,
        minutes: past
          ? `Närvarande: ${input.random.int(6, Math.max(6, certified.length))} enheter.\n\n${topic}: samtal i grupper, anteckningarna delas i nätverkets dokument.\nNytt från enheterna: ${input.random.int(1, 4)} enheter berättade om sina aktiviteter.\nNästa möte om ungefär tre månader.`
          : null,
        createdAt: new Date(stockholmMoment(date, '13:00').getTime() - 21 * 86_400_000),
        updatedAt: past ? stockholmMoment(date, '17:00') : now,
      })
      .returning({ id: networkMeetings.id });
    meetings += 1;
    if (past && index % 3 === 0) {
      await tx.insert(networkFiles).values({
        networkId: network.id,
        meetingId: meeting.id,
        fileName: `Minnesanteckningar ${date}.txt`,
        contentType: 'text/plain; charset=utf-8',
        ...bytesOf(`Minnesanteckningar från HBTQ-nätverkets möte ${date}.\n\n${topic}.\n`),
        uploadedByUserId: input.administrator.userId,
        uploadedByName: input.administrator.name,
        uploadedAt: stockholmMoment(date, '17:00'),
      });
    }
  }

  await tx.insert(networkFiles).values({
    networkId: network.id,
    meetingId: null,
    fileName: 'Nätverkets arbetsordning.txt',
    contentType: 'text/plain; charset=utf-8',
    ...bytesOf(
      'HBTQ-nätverkets arbetsordning\n\nNätverket träffas fyra gånger om året. Varje medlemsenhet utser en kontaktperson.\n',
    ),
    uploadedByUserId: input.administrator.userId,
    uploadedByName: input.administrator.name,
    uploadedAt: new Date(`${start}T09:00:00Z`),
  });
  const links = [
    { title: 'RFSL:s HBTQ-certifiering', url: 'https://www.rfsl.se/verksamhet/hbtq-certifiering/' },
    { title: 'Jämställdhetsmyndigheten', url: 'https://jamstalldhetsmyndigheten.se/' },
    { title: 'MUCF: Unga hbtqi-personer', url: 'https://www.mucf.se/' },
  ];
  await tx
    .insert(networkLinks)
    .values(links.map((l, i) => ({ networkId: network.id, ...l, createdAt: new Date(`${addDays(start, i)}T09:00:00Z`) })));

  // Invitations to uncertified units: the demo manager's open, then accepted, declined, withdrawn, open.
  const open = uncertified.filter((u) => input.openFor.includes(u.unit_id));
  // Units with someone to be their contact (a manager or a current employee), so an accepted one has its contact.
  const staffed = new Set(
    (
      await tx
        .selectDistinct({ unitId: employees.unitId })
        .from(employees)
        .where(
          and(
            inArray(
              employees.unitId,
              uncertified.map((u) => u.unit_id),
            ),
            or(isNull(employees.endDate), gte(employees.endDate, today)),
          ),
        )
    ).map((r) => r.unitId),
  );
  const rest = uncertified.filter(
    (u) => !input.openFor.includes(u.unit_id) && (managers.has(u.unit_id) || staffed.has(u.unit_id)),
  );
  const plan: { unit: (typeof statuses)[number]; status: 'sent' | 'accepted' | 'declined' | 'withdrawn' }[] = [
    ...open.map((unit) => ({ unit, status: 'sent' as const })),
    ...rest.slice(0, 2).map((unit) => ({ unit, status: 'accepted' as const })),
    ...rest.slice(2, 4).map((unit) => ({ unit, status: 'declined' as const })),
    ...rest.slice(4, 5).map((unit) => ({ unit, status: 'withdrawn' as const })),
    ...rest.slice(5, 8).map((unit) => ({ unit, status: 'sent' as const })),
  ];
  const sentAt = new Date(`${addDays(today, -45)}T08:30:00Z`);
  const answeredAt = new Date(`${addDays(today, -38)}T10:15:00Z`);
  let declined = 0;
  for (const { unit, status } of plan) {
    const manager = managers.get(unit.unit_id);
    const answerer =
      status === 'withdrawn'
        ? { id: input.administrator.userId, name: input.administrator.name }
        : manager
          ? { id: manager.userId, name: manager.name }
          : { id: null, name: 'Enhetens chef' };
    await tx.insert(networkInvitations).values({
      networkId: network.id,
      unitId: unit.unit_id,
      status,
      message: 'Välkomna till HBTQ-nätverket! Vi träffas en gång i kvartalet och delar erfarenheter.',
      invitedByUserId: input.administrator.userId,
      sentAt,
      answeredByUserId: status === 'sent' ? null : answerer.id,
      answeredByName: status === 'sent' ? null : answerer.name,
      answeredAt: status === 'sent' ? null : answeredAt,
      declineReason: status === 'declined' ? declineReasons[declined++ % declineReasons.length] : null,
    });
    if (status === 'accepted')
      await tx.insert(networkMembers).values({
        networkId: network.id,
        unitId: unit.unit_id,
        contactUserId: await contactOf(unit.unit_id),
        joinedAt: answeredAt,
      });
  }
  const members = await tx
    .select({ unitId: networkMembers.unitId })
    .from(networkMembers)
    .where(inArray(networkMembers.networkId, [network.id]));
  return {
    networks: 1,
    networkMembers: members.length,
    networkMeetings: meetings,
    networkInvitations: plan.length,
    networkContactAccounts: created,
  };
}
