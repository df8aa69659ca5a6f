import type { AppContext } from '../../context.js';
import type { Role } from '#shared/permissions';
import { conflict } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { hashPassword } from '../auth/crypto.js';
import type { Tx } from '../../db/client.js';
import { writeCertificationHistory } from './certification.js';
import { writePlanHistory } from './plans.js';
import { writeMessagesDemo } from '../messages/demo.js';
import { writeActivitiesDemo } from './activities.js';
import { writeNetworksDemo } from '../networks/demo.js';
import { generateMunicipality, seededRandom, type DemoMunicipality } from './generator.js';
import * as repo from './repository.js';
import { largeHistoryFrom, planTrainingHistory, writeTrainingHistory, type TrainingHistory } from './training.js';

/** The one password of every demo user; the demo is for trying the system, never for real data. */
export const demoPassword = 'Inkludera-demo-2026';

export type DemoAccount = { email: string; name: string; role: Role; scope: string | null };
export type DemoResult = {
  administrations: number;
  units: number;
  employees: number;
  accounts: DemoAccount[];
  password: string;
};

export type LoadedOrganisation = {
  municipality: DemoMunicipality;
  administrationIds: Map<string, string>;
  unitIds: Map<string, string>;
  /** In the order of municipality.employees. */
  employeeIds: string[];
  /** The demo users' ids by email. */
  userIds: Map<string, string>;
  /** Employee index -> the demo user linked to that employee. */
  userOfEmployee: Map<number, string>;
  /** Today in Europe/Stockholm (YYYY-MM-DD), from the clock. */
  today: string;
  now: Date;
  seed: number;
  history: TrainingHistory;
};

/**
 * What the demo loads after the organisation, in this order, in the same transaction. Each step
 * answers counts for the demo's audit entry. Later features add theirs to this list.
 */
export type DemoStep = (ctx: AppContext, tx: Tx, loaded: LoadedOrganisation) => Promise<Record<string, number>>;

/** The training history (issue 4): courses, the 2015-2017 programme, sessions, enrolments, attendance. */
const trainingHistoryStep: DemoStep = async (_ctx, tx, loaded) => {
  const featured = [...loaded.userOfEmployee.keys()];
  const plan = planTrainingHistory(loaded.municipality, {
    today: loaded.today,
    seed: loaded.seed,
    history: loaded.history,
    featured,
  });
  return writeTrainingHistory(
    tx,
    plan,
    {
      employeeIds: loaded.employeeIds,
      unitIds: loaded.municipality.units.map((u) => loaded.unitIds.get(u.key)!),
      trainerUserId: loaded.userIds.get('utbildare@demo.example')!,
      coordinatorUserId: loaded.userIds.get('hr@demo.example')!,
      userOfEmployee: loaded.userOfEmployee,
    },
    loaded.now,
  );
};

/** The certification history (issue 5): the RFSL scheme, the certificates since 2017 and the renewals under way. */
const certificationHistoryStep: DemoStep = async (_ctx, tx, loaded) =>
  writeCertificationHistory(tx, {
    childrenUnits: loaded.municipality.units
      .filter((u) => u.worksWithChildren)
      .map((u) => ({ id: loaded.unitIds.get(u.key)!, name: u.name })),
    administrator: { userId: loaded.userIds.get('strateg@demo.example')!, name: 'Kim Strateg' },
    today: loaded.today,
    now: loaded.now,
    random: seededRandom(loaded.seed + 5),
  });

/** The action plans (issue 6): the council's gender equality plan, the certified units' HBTQ plans, three years of follow-up. */
const planHistoryStep: DemoStep = async (_ctx, tx, loaded) =>
  writePlanHistory(tx, {
    administrator: { userId: loaded.userIds.get('strateg@demo.example')!, name: 'Kim Strateg' },
    processLeaders: loaded.municipality.administrations.map((a) => ({
      userId: loaded.userIds.get(`processledare.${a.key}@demo.example`)!,
      name: `Processledare ${a.shortName}`,
    })),
    today: loaded.today,
    now: loaded.now,
    random: seededRandom(loaded.seed + 6),
  });

/** Citizens' messages (issue 7): a hundred over the last year, every kind in every state. */
const messagesStep: DemoStep = async (_ctx, tx, loaded) =>
  writeMessagesDemo(tx, {
    administrations: loaded.municipality.administrations.map((a) => ({
      id: loaded.administrationIds.get(a.key)!,
      leader: { userId: loaded.userIds.get(`processledare.${a.key}@demo.example`)!, name: `Processledare ${a.shortName}` },
    })),
    administrator: { userId: loaded.userIds.get('strateg@demo.example')!, name: 'Kim Strateg' },
    now: loaded.now,
    random: seededRandom(loaded.seed + 7),
  });

/** The HBTQ café MOGAI at Perrongen (issue 7): two years of weekly headcounts with the summer breaks. */
const activitiesStep: DemoStep = async (_ctx, tx, loaded) =>
  writeActivitiesDemo(tx, {
    host: { userId: loaded.userIds.get('vard@demo.example')! },
    today: loaded.today,
    now: loaded.now,
    random: seededRandom(loaded.seed + 8),
  });

/** The HBTQ network (issue 7): the certified units with their contacts, two years of meetings, invitations in every state. */
const networksStep: DemoStep = async (_ctx, tx, loaded) =>
  writeNetworksDemo(tx, {
    administrator: { userId: loaded.userIds.get('strateg@demo.example')!, name: 'Kim Strateg' },
    openFor: loaded.municipality.units
      .filter((u) => u.name.startsWith('Förskolan '))
      .slice(0, 2)
      .map((u) => loaded.unitIds.get(u.key)!),
    today: loaded.today,
    now: loaded.now,
    random: seededRandom(loaded.seed + 9),
  });

export const demoSteps: readonly DemoStep[] = [
  trainingHistoryStep,
  certificationHistoryStep,
  planHistoryStep,
  messagesStep,
  activitiesStep,
  networksStep,
];

function todayInStockholm(date: Date) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(date);
}

/**
 * Loads the demo municipality into an empty system, in one transaction: the organisation, its
 * employees with their unit history, and a demo user for every role.
 */
export async function loadDemo(
  ctx: AppContext,
  options: { employees?: number; seed?: number; history?: TrainingHistory } = {},
): Promise<DemoResult> {
  const now = ctx.clock.now();
  const today = todayInStockholm(now);
  const seed = options.seed ?? 2015;
  const municipality = generateMunicipality({ employees: options.employees, seed, today });
  const history = options.history ?? (municipality.employees.length >= largeHistoryFrom ? 'large' : 'source');
  const passwordHash = await hashPassword(demoPassword);

  return ctx.db.transaction(async (tx) => {
    if (await repo.anyUserExists(tx)) throw conflict('setup_done');

    const administrationRows = await repo.insertAdministrations(
      tx,
      municipality.administrations.map((a) => ({ name: a.name, shortName: a.shortName, createdAt: now, updatedAt: now })),
    );
    const administrationIds = new Map(municipality.administrations.map((a, i) => [a.key, administrationRows[i].id]));

    const unitRows = await repo.insertUnits(
      tx,
      municipality.units.map((u) => ({
        administrationId: administrationIds.get(u.administrationKey)!,
        name: u.name,
        code: u.code,
        worksWithChildren: u.worksWithChildren,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const unitIds = new Map(municipality.units.map((u, i) => [u.key, unitRows[i].id]));

    const employeeRows = await repo.insertEmployees(
      tx,
      municipality.employees.map((e) => ({
        employeeNumber: e.employeeNumber,
        firstName: e.firstName,
        lastName: e.lastName,
        email: e.email,
        unitId: unitIds.get(e.unitKey)!,
        title: e.title,
        gender: e.gender,
        startDate: e.startDate,
        endDate: e.endDate,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repo.insertUnitHistory(
      tx,
      // As the employees service keeps it: the history row stays open when the employment ends.
      employeeRows.map((e) => ({ employeeId: e.id, unitId: e.unitId, fromDate: e.startDate })),
    );

    // A demo user for every role, scoped to real parts of the demo organisation.
    const preschools = municipality.units.filter((u) => u.name.startsWith('Förskolan ')).slice(0, 2);
    const perrongen = municipality.units.find((u) => u.name === 'Perrongen')!;
    // The demo employee works in a preschool since before the 2015-2017 programme, so "My training" has a history.
    const inPreschool = (e: (typeof municipality.employees)[number]) => e.unitKey === preschools[0].key && !e.endDate;
    const longest = municipality.employees.findIndex((e) => inPreschool(e) && e.startDate < '2015-01-01');
    const employeeInPreschool = longest >= 0 ? longest : municipality.employees.findIndex(inPreschool);
    const accounts: (DemoAccount & { administrationId?: string; unitIds?: string[]; employeeIndex?: number })[] = [
      { email: 'strateg@demo.example', name: 'Kim Strateg', role: 'administrator', scope: null },
      ...municipality.administrations.map((a) => ({
        email: `processledare.${a.key}@demo.example`,
        name: `Processledare ${a.shortName}`,
        role: 'process_leader' as const,
        scope: a.name,
        administrationId: administrationIds.get(a.key),
      })),
      {
        email: 'chef.forskola@demo.example',
        name: 'Robin Förskolechef',
        role: 'unit_manager',
        scope: preschools.map((u) => u.name).join(', '),
        unitIds: preschools.map((u) => unitIds.get(u.key)!),
      },
      {
        email: 'chef.perrongen@demo.example',
        name: 'Sam Perrongen',
        role: 'unit_manager',
        scope: perrongen.name,
        unitIds: [unitIds.get(perrongen.key)!],
      },
      { email: 'hr@demo.example', name: 'Alex Utbildningsansvarig', role: 'training_coordinator', scope: null },
      { email: 'utbildare@demo.example', name: 'Charlie Utbildare', role: 'trainer', scope: null },
      {
        email: 'medarbetare@demo.example',
        name: `${municipality.employees[employeeInPreschool].firstName} ${municipality.employees[employeeInPreschool].lastName}`,
        role: 'employee',
        scope: null,
        employeeIndex: employeeInPreschool,
      },
      { email: 'vard@demo.example', name: 'Mika Värd', role: 'activity_host', scope: null },
      { email: 'certifierare@demo.example', name: 'Sam Certifierare', role: 'certifier', scope: null },
    ];
    const userRows = await repo.insertUsers(
      tx,
      accounts.map((a) => ({
        email: a.email,
        name: a.name,
        passwordHash,
        employeeId: a.employeeIndex !== undefined ? employeeRows[a.employeeIndex].id : null,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repo.insertUserRoles(
      tx,
      accounts.flatMap((a, i): { userId: string; role: Role; unitId?: string; administrationId?: string | null }[] =>
        a.unitIds
          ? a.unitIds.map((unitId) => ({ userId: userRows[i].id, role: a.role, unitId }))
          : [{ userId: userRows[i].id, role: a.role, administrationId: a.administrationId ?? null }],
      ),
    );

    const loaded: LoadedOrganisation = {
      municipality,
      administrationIds,
      unitIds,
      employeeIds: employeeRows.map((e) => e.id),
      userIds: new Map(userRows.map((u) => [u.email, u.id])),
      userOfEmployee: new Map(
        accounts.flatMap((a, i) => (a.employeeIndex !== undefined ? [[a.employeeIndex, userRows[i].id] as const] : [])),
      ),
      today,
      now,
      seed,
      history,
    };
    const loadedCounts: Record<string, number> = {};
    for (const step of demoSteps) Object.assign(loadedCounts, await step(ctx, tx, loaded));
    await repo.analyzeAll(tx);

    await recordAudit(
      tx,
      null,
      {
        action: 'create',
        entityType: 'demo',
        after: {
          administrations: administrationRows.length,
          units: unitRows.length,
          employees: employeeRows.length,
          users: userRows.length,
          ...loadedCounts,
        },
      },
      now,
    );
    return {
      administrations: administrationRows.length,
      units: unitRows.length,
      employees: employeeRows.length,
      accounts: accounts.map(({ email, name, role, scope }) => ({ email, name, role, scope })),
      password: demoPassword,
    };
  });
}
