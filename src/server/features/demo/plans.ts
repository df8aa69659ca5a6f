import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { followUpPeriods, planActionReports, planGoalReports, planIndicatorReports } from '../../db/schema/index.js';
import { recordAudit } from '../audit/service.js';
import * as repo from '../plans/repository.js';
import { defaultPeriods } from '../plans/follow-up-service.js';
import type { Random } from './generator.js';

/**
 * The action plans of the demo municipality, shaped like the source: the overall gender equality
 * plan adopted by the council (kommunfullmäktige), with goals, actions and indicators followed up
 * by gender; an HBTQ plan for each certified unit, adopted by its manager for the three years of
 * its certificate; the follow-up periods of the last three years, with the reports of the periods
 * whose deadline has passed: the indicators' outcomes for women and men, the goals' assessments
 * and analyses, the actions' status.
 */

export type PlansDemoInput = {
  administrator: { userId: string; name: string };
  /** Process leaders by administration id, who answer for the municipal plan's actions there. */
  processLeaders: { userId: string; name: string }[];
  today: string;
  now: Date;
  random: Random;
};

type Indicator = {
  name: string;
  measure: 'number' | 'percent';
  direction: 'higher' | 'lower';
  target: number;
  aboutPeople: boolean;
  source?: 'manual' | 'training_coverage' | 'certified_children_units';
  /** The outcome in the first year followed up, and how far it moves towards the target each year. */
  start: { women: number; men: number } | number;
  step: number;
};

const municipalGoals: { title: string; description: string; actions: string[]; indicators: Indicator[] }[] = [
  {
    title: 'Jämställd service till invånarna',
    description: 'Kommunens tjänster ska komma kvinnor och män, flickor och pojkar till del på lika villkor.',
    actions: [
      'Jämställdhetsanalys av två verksamheter per förvaltning',
      'Könsuppdelad statistik i alla verksamhetsberättelser',
      'Utbildning i jämställdhetsintegrering för chefer',
    ],
    indicators: [
      {
        name: 'Andel verksamheter som redovisar könsuppdelad statistik',
        measure: 'percent',
        direction: 'higher',
        target: 100,
        aboutPeople: false,
        start: 54,
        step: 11,
      },
      {
        name: 'Nöjdhet med bemötandet (NKI)',
        measure: 'number',
        direction: 'higher',
        target: 80,
        aboutPeople: true,
        start: { women: 71, men: 74 },
        step: 2,
      },
    ],
  },
  {
    title: 'Jämställda arbetsvillkor i kommunen som arbetsgivare',
    description: 'Lika lön för likvärdigt arbete, heltid som norm och en arbetsmiljö fri från trakasserier.',
    actions: ['Årlig lönekartläggning', 'Heltid som norm i vård och omsorg', 'Rutin mot sexuella trakasserier på alla APT'],
    indicators: [
      {
        name: 'Andel anställda med heltid',
        measure: 'percent',
        direction: 'higher',
        target: 90,
        aboutPeople: true,
        start: { women: 72, men: 86 },
        step: 3,
      },
      {
        name: 'Sjukfrånvaro',
        measure: 'percent',
        direction: 'lower',
        target: 6,
        aboutPeople: true,
        start: { women: 9.4, men: 5.8 },
        step: -0.4,
      },
    ],
  },
  {
    title: 'Kunskap om jämställdhet och HBTQ i alla verksamheter',
    description: 'Alla medarbetare har grundkunskap; verksamheter för barn och unga är HBTQ-certifierade.',
    actions: ['Grundutbildning för alla nyanställda', 'HBTQ-certifiering av verksamheter för barn och unga'],
    indicators: [
      {
        name: 'Andel medarbetare som genomgått grundutbildningen',
        measure: 'percent',
        direction: 'higher',
        target: 80,
        aboutPeople: true,
        source: 'training_coverage',
        start: { women: 58, men: 49 },
        step: 6,
      },
      {
        name: 'Andel verksamheter för barn och unga som är HBTQ-certifierade',
        measure: 'percent',
        direction: 'higher',
        target: 100,
        aboutPeople: false,
        source: 'certified_children_units',
        start: 61,
        step: 5,
      },
    ],
  },
];

const unitGoals = [
  {
    title: 'Ett inkluderande bemötande av barn, unga och familjer',
    actions: ['Normkritisk genomgång av material och böcker', 'Blanketter och samtal som fungerar för alla familjer'],
  },
  {
    title: 'Kunskap och rutiner i hela personalgruppen',
    actions: ['Introduktion av nyanställda enligt rutinen', 'Uppföljning i HBTQ-gruppen varje termin'],
  },
];

const analyses = {
  met: 'Målet är nått: utfallet ligger på eller över målvärdet för både kvinnor och män.',
  partly_met: 'Målet är delvis nått: utvecklingen går åt rätt håll men skillnaden mellan kvinnor och män består.',
  not_met: 'Målet är inte nått: åtgärderna har inte fått effekt ännu och behöver förstärkas.',
} as const;

const round1 = (n: number) => Math.round(n * 10) / 10;
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

export async function writePlanHistory(tx: Tx, input: PlansDemoInput): Promise<Record<string, number>> {
  const { today, random, administrator } = input;
  const year = Number(today.slice(0, 4));
  const counts = { actionPlans: 0, followUpPeriods: 0, followUpReports: 0 };

  // The periods of this year and the two before it.
  const periods = await tx
    .insert(followUpPeriods)
    .values(
      [year - 2, year - 1, year].flatMap((y) =>
        defaultPeriods(y).map((p) => ({ ...p, createdAt: noon(`${y}-01-10`), updatedAt: noon(`${y}-01-10`) })),
      ),
    )
    .returning();
  counts.followUpPeriods = periods.length;
  const reported = periods.filter((p) => p.deadline < today);

  // The council's plan: four years, adopted the December before it starts.
  const firstYear = year - 2;
  const planId = crypto.randomUUID();
  const plan = await repo.insertPlan(tx, {
    id: planId,
    seriesId: planId,
    version: 1,
    scope: 'municipality',
    area: 'gender_equality',
    name: `Jämställdhetsplan för kommunen ${firstYear}–${firstYear + 3}`,
    description:
      'Kommunens övergripande plan för jämställdhet, antagen av kommunfullmäktige. Följs upp i delårsrapporten och årsredovisningen.',
    startYear: firstYear,
    endYear: firstYear + 3,
    status: 'adopted',
    adoptedOn: `${firstYear - 1}-12-11`,
    adoptedBy: 'Kommunfullmäktige',
    isPublic: true,
    createdAt: noon(`${firstYear - 1}-10-02`),
    createdByUserId: administrator.userId,
    createdByName: administrator.name,
    updatedAt: noon(`${firstYear - 1}-12-11`),
  });
  counts.actionPlans += 1;

  const goals: { id: string; indicators: { id: string; spec: Indicator }[]; actions: { id: string; done: number }[] }[] = [];
  const content = { goals: [], actions: [], indicators: [] } as Parameters<typeof repo.insertContent>[1];
  for (const [g, spec] of municipalGoals.entries()) {
    const goalId = crypto.randomUUID();
    content.goals.push({
      id: goalId,
      planId: plan.id,
      lineageId: goalId,
      position: g + 1,
      title: spec.title,
      description: spec.description,
    });
    const goal = {
      id: goalId,
      indicators: [] as { id: string; spec: Indicator }[],
      actions: [] as { id: string; done: number }[],
    };
    for (const [a, title] of spec.actions.entries()) {
      const id = crypto.randomUUID();
      const leader = input.processLeaders.length > 0 ? random.pick(input.processLeaders) : null;
      // Actions finish in the plan's years one after another; the last ones are still going on.
      const doneYear = firstYear + a + random.int(0, 1);
      const dueDate = `${Math.min(doneYear, firstYear + 3)}-12-31`;
      const done = doneYear < year;
      content.actions.push({
        id,
        goalId,
        lineageId: id,
        position: a + 1,
        title,
        responsibleUserId: leader?.userId ?? administrator.userId,
        startDate: `${firstYear}-01-01`,
        dueDate,
        status: done ? 'done' : 'ongoing',
        statusChangedAt: noon(done ? `${doneYear}-11-20` : `${firstYear}-02-01`),
      });
      goal.actions.push({ id, done: doneYear });
    }
    for (const [i, indicator] of spec.indicators.entries()) {
      const id = crypto.randomUUID();
      content.indicators.push({
        id,
        goalId,
        lineageId: id,
        position: i + 1,
        name: indicator.name,
        measure: indicator.measure,
        direction: indicator.direction,
        target: indicator.target,
        aboutPeople: indicator.aboutPeople,
        source: indicator.source ?? 'manual',
      });
      goal.indicators.push({ id, spec: indicator });
    }
    goals.push(goal);
  }
  await repo.insertContent(tx, content);

  // The reports of the periods whose deadline has passed, by the administrator, a week before each deadline.
  const reportedBy = { reportedByUserId: administrator.userId, reportedByName: administrator.name };
  const actionReports: (typeof planActionReports.$inferInsert)[] = [];
  const indicatorReports: (typeof planIndicatorReports.$inferInsert)[] = [];
  const goalReports: (typeof planGoalReports.$inferInsert)[] = [];
  for (const period of reported) {
    const reportedAt = noon(addDays(period.deadline, -7));
    // How far into the plan: 0 for the first year's first period, growing by a third of a year a period.
    const progress = period.year - firstYear + (period.name === 'Delår 1' ? 0 : period.name === 'Delår 2' ? 0.33 : 0.67);
    for (const goal of goals) {
      for (const action of goal.actions) {
        const status =
          action.done < period.year ? 'done' : action.done === period.year && period.name === 'Helår' ? 'done' : 'ongoing';
        actionReports.push({ periodId: period.id, actionId: action.id, status, comment: null, reportedAt, ...reportedBy });
      }
      let onTarget = 0;
      for (const { id, spec } of goal.indicators) {
        const move = spec.step * progress + (random.next() - 0.5) * Math.abs(spec.step) * 0.4;
        const better = (value: number) => (spec.direction === 'higher' ? value >= spec.target : value <= spec.target);
        if (typeof spec.start === 'number') {
          const total = round1(Math.min(Math.max(spec.start + move, 0), spec.measure === 'percent' ? 100 : Infinity));
          if (better(total)) onTarget += 1;
          indicatorReports.push({ periodId: period.id, indicatorId: id, total, reportedAt, ...reportedBy });
        } else {
          const women = round1(Math.min(spec.start.women + move, spec.measure === 'percent' ? 100 : Infinity));
          const men = round1(Math.min(spec.start.men + move * 1.2, spec.measure === 'percent' ? 100 : Infinity));
          const total = round1((women * 3 + men) / 4);
          if (better(women) && better(men)) onTarget += 1;
          indicatorReports.push({ periodId: period.id, indicatorId: id, women, men, total, reportedAt, ...reportedBy });
        }
      }
      const assessment = onTarget === goal.indicators.length ? 'met' : progress >= 1 ? 'partly_met' : 'not_met';
      goalReports.push({
        periodId: period.id,
        goalId: goal.id,
        assessment,
        analysis: analyses[assessment],
        reportedAt,
        ...reportedBy,
      });
    }
  }

  // An HBTQ plan for each unit with a valid certificate, for the three years from its certification.
  const certified = await tx.execute<{ unit_id: string; unit_name: string; certified_on: string }>(sql`
    select distinct on (c.unit_id) c.unit_id, u.name as unit_name, c.certified_on::text as certified_on
      from unit_certificates c join units u on u.id = c.unit_id
     where c.revoked_at is null and c.certified_on <= ${today}::date and c.valid_until >= ${today}::date
     order by c.unit_id, c.certified_on desc`);
  const municipalKnowledgeGoal = goals[2]!.id;
  const unitContent = { goals: [], actions: [], indicators: [] } as Parameters<typeof repo.insertContent>[1];
  for (const row of certified.rows) {
    const start = Number(row.certified_on.slice(0, 4));
    const adoptedOn = addDays(row.certified_on, -random.int(14, 40));
    const unitPlanId = crypto.randomUUID();
    const unitPlan = await repo.insertPlan(tx, {
      id: unitPlanId,
      seriesId: unitPlanId,
      version: 1,
      scope: 'unit',
      unitId: row.unit_id,
      area: 'hbtq',
      name: `HBTQ-handlingsplan för ${row.unit_name} ${start}–${start + 2}`,
      startYear: start,
      endYear: start + 2,
      status: 'adopted',
      adoptedOn,
      adoptedBy: 'Enhetschefen',
      createdAt: noon(addDays(adoptedOn, -30)),
      createdByName: 'Enhetschefen',
      updatedAt: noon(adoptedOn),
    });
    counts.actionPlans += 1;
    for (const [g, spec] of unitGoals.entries()) {
      const goalId = crypto.randomUUID();
      unitContent.goals.push({
        id: goalId,
        planId: unitPlan.id,
        lineageId: goalId,
        position: g + 1,
        title: spec.title,
        servesGoalId: municipalKnowledgeGoal,
      });
      for (const [a, title] of spec.actions.entries()) {
        const id = crypto.randomUUID();
        const due = `${start + a}-12-31`;
        unitContent.actions.push({
          id,
          goalId,
          lineageId: id,
          position: a + 1,
          title,
          startDate: adoptedOn,
          dueDate: due,
          status: due < today ? 'done' : 'ongoing',
        });
        for (const period of reported.filter((p) => p.name === 'Helår' && p.year >= start && p.year <= start + 2))
          actionReports.push({
            periodId: period.id,
            actionId: id,
            status: due <= period.endsOn ? 'done' : 'ongoing',
            comment: null,
            reportedAt: noon(addDays(period.deadline, -3)),
            ...reportedBy,
          });
      }
      for (const period of reported.filter((p) => p.name === 'Helår' && p.year >= start && p.year <= start + 2))
        goalReports.push({
          periodId: period.id,
          goalId,
          assessment: period.year > start ? 'met' : 'partly_met',
          analysis: period.year > start ? analyses.met : analyses.partly_met,
          reportedAt: noon(addDays(period.deadline, -3)),
          ...reportedBy,
        });
    }
  }
  await repo.insertContent(tx, unitContent);

  for (const [table, rows] of [
    [planActionReports, actionReports],
    [planIndicatorReports, indicatorReports],
    [planGoalReports, goalReports],
  ] as const) {
    for (let i = 0; i < rows.length; i += 500) await tx.insert(table).values(rows.slice(i, i + 500) as never);
    counts.followUpReports += rows.length;
  }

  await recordAudit(tx, administrator, { action: 'demo', entityType: 'action_plan', entityId: null, after: counts }, input.now);
  return counts;
}
