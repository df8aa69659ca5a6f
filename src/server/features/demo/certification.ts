import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { certificationConfirmations, certificationProcesses, courses } from '../../db/schema/index.js';
import * as repo from '../certification/repository.js';
import { checklistOf, newCertificateCode, validUntilOf } from '../certification/service.js';
import { recordAudit } from '../audit/service.js';
import type { Random } from './generator.js';

/**
 * The certification history of the demo municipality, shaped like the source: RFSL's HBTQ
 * certification for the units that work with children and youth, eight of them certified on one
 * day in June 2017 and the rest within the year; renewed every third year since, with a few that
 * let it lapse and some whose renewal is under way today; Lyckliga Gatorna certified in 2021. And the
 * municipality's own diplomering in gender equality, offered but not yet taken up.
 */

export type CertificationDemoInput = {
  /** The units that work with children and youth, in the demo's order: id and name. */
  childrenUnits: { id: string; name: string }[];
  administrator: { userId: string; name: string };
  today: string;
  now: Date;
  random: Random;
};

const rfslCriteria = (certificationCourseId: string): repo.NewCriterion[] => [
  {
    kind: 'course_share',
    label: 'Personal som genomgått certifieringsutbildningen (20 timmar)',
    description: 'Minst 80 procent av verksamhetens nuvarande personal.',
    courseId: certificationCourseId,
    threshold: 80,
  },
  {
    kind: 'sessions_held',
    label: 'Utbildningstillfällen för verksamheten',
    description: 'Fyra halvdagar med RFSL:s utbildare, för verksamheten.',
    courseId: certificationCourseId,
    threshold: 1,
  },
  {
    kind: 'working_group',
    label: 'Hbtq-grupp',
    description: 'En arbetsgrupp på 5–10 personer som driver arbetet.',
    courseId: null,
    threshold: 5,
  },
  {
    kind: 'confirmed',
    label: 'Mål och handlingsplan för tre år',
    description: 'Antagna av verksamheten.',
    courseId: null,
    threshold: null,
  },
  { kind: 'confirmed', label: 'Rutin för introduktion av nyanställda', description: null, courseId: null, threshold: null },
  { kind: 'confirmed', label: 'Slutprov och avslutande seminarium', description: null, courseId: null, threshold: null },
];

const evidence: Record<string, string[]> = {
  'Mål och handlingsplan för tre år': [
    'Handlingsplanen antagen på arbetsplatsträffen.',
    'Mål och handlingsplan antagna av ledningsgruppen.',
  ],
  'Rutin för introduktion av nyanställda': [
    'Rutinen finns i introduktionspärmen och på intranätet.',
    'Introduktionsrutinen uppdaterad med hbtq-avsnittet.',
  ],
  'Slutprov och avslutande seminarium': [
    'Slutprovet genomfört av all personal; seminariet hölls med RFSL.',
    'Avslutande seminarium med RFSL:s utbildare.',
  ],
};

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const noon = (isoDate: string) => new Date(`${isoDate}T11:00:00Z`);

export async function writeCertificationHistory(tx: Tx, input: CertificationDemoInput): Promise<Record<string, number>> {
  const { random, today } = input;
  const [course] = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(eq(courses.name, 'HBTQ-certifieringsutbildning 20 timmar'));
  const actor = { userId: input.administrator.userId, name: input.administrator.name };
  const created = input.now;

  const rfsl = await repo.insertScheme(tx, {
    name: 'HBTQ-certifiering (RFSL)',
    issuer: 'RFSL',
    description:
      'RFSL:s hbtqi-certifiering: cirka fem månader under ledning av en utbildare från RFSL, fyra halvdagars utbildning för all personal, en hbtq-grupp, mål och handlingsplan för tre år. Certifikatet gäller i tre år och förnyas sedan.',
    validityYears: 3,
    createdAt: created,
    updatedAt: created,
  });
  await repo.replaceCriteria(
    tx,
    rfsl.id,
    course ? rfslCriteria(course.id) : rfslCriteria('').filter((c) => c.kind === 'working_group' || c.kind === 'confirmed'),
  );
  const diplomering = await repo.insertScheme(tx, {
    name: 'Diplomering i jämställdhet',
    issuer: 'Katrineholms kommun',
    description: 'Kommunens egen diplomering för verksamheter som arbetar systematiskt med jämställdhet.',
    validityYears: 2,
    createdAt: created,
    updatedAt: created,
  });
  await repo.replaceCriteria(tx, diplomering.id, [
    { kind: 'working_group', label: 'Jämställdhetsombud', description: null, courseId: null, threshold: 2 },
    {
      kind: 'action_plan',
      label: 'Antagen jämställdhetsplan för verksamheten',
      description: 'En plan för verksamheten, antagen av enhetschefen, som gäller innevarande år.',
      courseId: null,
      threshold: null,
      planArea: 'gender_equality',
    },
    { kind: 'confirmed', label: 'Jämställdhetsanalys av verksamheten (3R)', description: null, courseId: null, threshold: null },
  ]);
  const rfslCriteriaRows = await repo.criteriaOf(tx, rfsl.id);
  const counts = { certificationSchemes: 2, certificates: 0, certificationProcesses: 0 };

  /** A process with its group and confirmations, opened about five months before the day it ends (or now). */
  async function process(unitId: string, openedOn: string, renewalOf: string | null, status: 'open' | 'certified') {
    const { id } = await repo.insertProcess(tx, {
      unitId,
      schemeId: rfsl.id,
      status,
      openedAt: noon(openedOn),
      openedByUserId: actor.userId,
      openedByName: actor.name,
      renewalOfCertificateId: renewalOf,
    });
    const members = await tx.execute<{ id: string }>(sql`
      select id from employees
       where unit_id = ${unitId}::uuid and start_date <= ${openedOn}::date and (end_date is null or end_date >= ${openedOn}::date)
       order by employee_number
       limit ${5 + random.int(0, 3)}`);
    await repo.replaceGroup(
      tx,
      id,
      members.rows.map((m) => m.id),
    );
    counts.certificationProcesses += 1;
    return id;
  }

  async function confirm(processId: string, on: string, only?: number) {
    const confirmable = rfslCriteriaRows.filter((c) => c.kind === 'confirmed').slice(0, only);
    for (const criterion of confirmable) {
      await tx.insert(certificationConfirmations).values({
        processId,
        criterionId: criterion.id,
        evidence: random.pick(evidence[criterion.label] ?? ['Bekräftat.']),
        confirmedByUserId: actor.userId,
        confirmedByName: actor.name,
        confirmedAt: noon(on),
      });
    }
  }

  async function certify(unitId: string, certifiedOn: string, renewalOf: string | null) {
    const processId = await process(unitId, addDays(certifiedOn, -150), renewalOf, 'certified');
    await confirm(processId, addDays(certifiedOn, -7));
    await tx
      .update(certificationProcesses)
      .set({ closedAt: noon(certifiedOn) })
      .where(eq(certificationProcesses.id, processId));
    const checklist = await checklistOf(tx, { id: processId, unitId, schemeId: rfsl.id }, certifiedOn);
    const validUntil = validUntilOf(certifiedOn, 3);
    const { id } = await repo.insertCertificate(tx, {
      unitId,
      schemeId: rfsl.id,
      processId,
      certifiedOn,
      validUntil,
      code: newCertificateCode(),
      snapshot: checklist.map((item) => ({
        label: item.label,
        kind: item.kind,
        threshold: item.threshold,
        value: item.value,
        of: item.of,
        percent: item.percent,
        evidence: item.confirmation?.evidence ?? null,
      })),
      certifiedByUserId: actor.userId,
      certifiedByName: actor.name,
      createdAt: noon(certifiedOn),
    });
    counts.certificates += 1;
    return { id, validUntil };
  }

  const firstDays = ['2017-06-08', '2017-12-07', '2018-05-24'];
  for (const [n, unit] of input.childrenUnits.entries()) {
    const lyckligaGatorna = unit.name === 'Lyckliga Gatorna';
    // Eight on one day, as in the source; the rest in two later rounds.
    const day = lyckligaGatorna ? '2021-09-16' : n < 8 ? firstDays[0] : firstDays[1 + (n % 2)];
    if (day > today) continue;
    // Some units let the certificate lapse after two rounds; some are renewing now; the rest renew in time.
    const lapses = n % 9 === 4;
    const renewingNow = n % 5 === 2;
    let last = await certify(unit.id, day, null);
    for (let rounds = 1; !(lapses && rounds >= 2); rounds++) {
      const renewalDay = addDays(last.validUntil, -random.int(7, 60));
      // Those renewing now are a round behind: their last certificate ran out lately, or runs out soon.
      const behind = renewingNow && last.validUntil >= addDays(today, -200);
      if (renewalDay <= today && !behind) {
        last = await certify(unit.id, renewalDay, last.id);
        continue;
      }
      // About five months before it runs out, the renewal opens: a new process, partly done.
      if (addDays(renewalDay, -150) <= today) {
        const open = await process(unit.id, addDays(today, -random.int(10, 90)), last.id, 'open');
        await confirm(open, addDays(today, -5), 1 + (n % 3));
      }
      break;
    }
  }

  await recordAudit(tx, actor, { action: 'demo', entityType: 'certification', entityId: null, after: counts }, input.now);
  return counts;
}
