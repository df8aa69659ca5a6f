import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession, levelId } from '../../../../test/support/training.js';
import { trainingSessions } from '../../db/schema/index.js';
import type { Programme, ProgrammeProgress } from '#shared/contracts/programmes';

const t = useTestApp();

const coordinator = () => signIn(t.app, t.database.db, 'training_coordinator');

async function body() {
  return {
    name: 'HBTQ-satsningen 2015–2017',
    description: 'Alla medarbetare utbildas, från föreläsning till certifiering.',
    startDate: '2015-01-01',
    endDate: '2017-12-31',
    targets: [
      { population: 'all_employees', levelId: await levelId(t.database.db, 'lecture'), targetPercent: 90 },
      {
        population: 'children_and_youth_units',
        levelId: await levelId(t.database.db, 'certification_course'),
        targetPercent: 100,
      },
    ],
    grants: [
      {
        funder: 'Socialstyrelsen',
        appliedAmount: 1_500_000,
        receivedAmount: 1_200_000,
        status: 'granted',
        decidedOn: '2015-03-01',
      },
      { funder: 'Länsstyrelsen', appliedAmount: 100_000, status: 'rejected', note: 'Fel utlysning' },
    ],
  };
}

describe('programmes: create, read, update, delete', () => {
  it('creates a programme with its targets and grants in one audited transaction', async () => {
    const { agent, user } = await coordinator();
    const created = await agent.post('/api/programmes', await body());
    expect(created.statusCode).toBe(201);
    const programme: Programme = created.json();
    expect(programme).toMatchObject({
      name: 'HBTQ-satsningen 2015–2017',
      startDate: '2015-01-01',
      endDate: '2017-12-31',
      targetCount: 2,
      appliedTotal: 1_600_000,
      receivedTotal: 1_200_000,
    });
    expect(programme.targets.map((x) => [x.population, x.levelNameSv, x.targetPercent])).toEqual([
      ['all_employees', 'Föreläsning', 90],
      ['children_and_youth_units', 'Certifieringsutbildning', 100],
    ]);
    expect(programme.grants).toMatchObject([
      {
        funder: 'Länsstyrelsen',
        appliedAmount: 100_000,
        receivedAmount: null,
        status: 'rejected',
        decidedOn: null,
        note: 'Fel utlysning',
      },
      { funder: 'Socialstyrelsen', status: 'granted', decidedOn: '2015-03-01' },
    ]);
    expect((await agent.get(`/api/programmes/${programme.id}`)).json()).toEqual(programme);
    expect(await auditEntriesFor(t.database.db, 'programme', programme.id)).toMatchObject([
      {
        action: 'create',
        actorUserId: user.id,
        after: { name: 'HBTQ-satsningen 2015–2017', targets: [{ targetPercent: 90 }, {}], grants: [{}, {}] },
      },
    ]);
    const list = (await agent.get('/api/programmes')).json();
    expect(list).toMatchObject({ total: 1, items: [{ id: programme.id, targetCount: 2, receivedTotal: 1_200_000 }] });
  });

  it('replaces the lists when sent, keeps them when not, and records only what changed', async () => {
    const { agent } = await coordinator();
    const programme: Programme = (await agent.post('/api/programmes', await body())).json();
    const renamed = await agent.patch(`/api/programmes/${programme.id}`, { name: 'Satsningen' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Satsningen', targetCount: 2 });
    expect(renamed.json().grants).toHaveLength(2);

    const replaced = await agent.patch(`/api/programmes/${programme.id}`, {
      targets: [{ population: 'all_employees', levelId: await levelId(t.database.db, 'half_day'), targetPercent: 50 }],
      grants: [],
    });
    expect(replaced.json()).toMatchObject({ targetCount: 1, appliedTotal: 0, receivedTotal: 0, grants: [] });
    const entries = await auditEntriesFor(t.database.db, 'programme', programme.id);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'update']);
    expect(entries[1]).toMatchObject({ before: { name: 'HBTQ-satsningen 2015–2017' }, after: { name: 'Satsningen' } });
    expect(Object.keys(entries[2].after as object).sort()).toEqual(['grants', 'targets']);

    // The same again changes nothing and writes nothing.
    await agent.patch(`/api/programmes/${programme.id}`, { name: 'Satsningen' });
    expect(await auditEntriesFor(t.database.db, 'programme', programme.id)).toHaveLength(3);
  });

  it('refuses bad input with 400 and the field', async () => {
    const { agent } = await coordinator();
    const good = await body();
    const backwards = await agent.post('/api/programmes', { ...good, endDate: '2014-12-31' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details).toContainEqual(expect.objectContaining({ path: 'body.endDate' }));

    const unknownLevel = await agent.post('/api/programmes', {
      ...good,
      targets: [{ population: 'all_employees', levelId: crypto.randomUUID(), targetPercent: 50 }],
    });
    expect(unknownLevel.statusCode).toBe(400);
    expect(unknownLevel.json().error.details).toEqual([{ path: 'body.targets.0.levelId', message: expect.any(String) }]);

    const twice = await agent.post('/api/programmes', { ...good, targets: [good.targets[0], good.targets[0]] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().error.details).toEqual([{ path: 'body.targets.1.levelId', message: expect.any(String) }]);

    expect(
      (await agent.post('/api/programmes', { ...good, targets: [{ ...good.targets[0], targetPercent: 101 }] })).statusCode,
    ).toBe(400);
    expect((await agent.post('/api/programmes', { ...good, grants: [{ funder: 'X', appliedAmount: -1 }] })).statusCode).toBe(400);

    const created: Programme = (await agent.post('/api/programmes', good)).json();
    const endBeforeStart = await agent.patch(`/api/programmes/${created.id}`, { endDate: '2014-01-01' });
    expect(endBeforeStart.statusCode).toBe(400);
    expect((await agent.get(`/api/programmes/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await agent.patch(`/api/programmes/${crypto.randomUUID()}`, { name: 'X' })).statusCode).toBe(404);
    // Nothing half-written: only the one good programme exists.
    expect((await agent.get('/api/programmes')).json().total).toBe(1);
  });

  it('deletes a programme with its targets and grants; its sessions stay, unlinked', async () => {
    const { agent } = await coordinator();
    const programme: Programme = (await agent.post('/api/programmes', await body())).json();
    const session = await buildSession(t.database.db);
    await t.database.db.update(trainingSessions).set({ programmeId: programme.id }).where(eq(trainingSessions.id, session.id));
    expect((await agent.delete(`/api/programmes/${programme.id}`)).statusCode).toBe(204);
    expect((await agent.get(`/api/programmes/${programme.id}`)).statusCode).toBe(404);
    const [kept] = await t.database.db.select().from(trainingSessions).where(eq(trainingSessions.id, session.id));
    expect(kept.programmeId).toBeNull();
    expect((await auditEntriesFor(t.database.db, 'programme', programme.id)).at(-1)).toMatchObject({
      action: 'delete',
      before: { name: 'HBTQ-satsningen 2015–2017' },
    });
  });

  it('lets process leaders read, and nobody else without the permission', async () => {
    const { agent: coordinatorAgent } = await coordinator();
    const programme: Programme = (await coordinatorAgent.post('/api/programmes', await body())).json();
    const unit = await buildUnit(t.database.db);
    const { agent: leader } = await signIn(t.app, t.database.db, [
      { role: 'process_leader', administrationId: unit.administrationId },
    ]);
    expect((await leader.get('/api/programmes')).statusCode).toBe(200);
    expect((await leader.get(`/api/programmes/${programme.id}/progress`)).statusCode).toBe(200);
    expect((await leader.post('/api/programmes', await body())).statusCode).toBe(403);
    expect((await leader.patch(`/api/programmes/${programme.id}`, { name: 'X' })).statusCode).toBe(403);
    expect((await leader.delete(`/api/programmes/${programme.id}`)).statusCode).toBe(403);
    const { agent: manager } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: unit.id }]);
    expect((await manager.get('/api/programmes')).statusCode).toBe(403);
    const { agent: admin } = await signIn(t.app, t.database.db, 'administrator');
    expect((await admin.delete(`/api/programmes/${programme.id}`)).statusCode).toBe(204);
  });
});

describe('programme progress', () => {
  /**
   * Counted on 2017-12-31, the programme's end (today is 2026-03-02).
   * Uc works with children, Un does not.
   * p1 Uc: lecture 2016, certification 2017-06-01 -> reaches both targets
   * p2 Uc: lecture 2016
   * p3 Un: lecture 2017
   * p4 Un: nothing
   * p5 Un: starts 2019: not in the population
   * p6 Uc: ended 2016-12-31: not in the population
   * p7 Un: certification 2018-01-10: after the end, does not count
   * All employees, at least a lecture, 90 %: 3 of 5 (60 %), 2 more needed (90 % of 5 = 4.5 -> 5).
   * Children and youth units, certification, 100 %: 1 of 2 (50 %), 1 more needed.
   */
  it('counts each target on the end date, with the linked sessions and the grants summed', async () => {
    const db = t.database.db;
    const { agent } = await coordinator();
    const uc = await buildUnit(db, { worksWithChildren: true });
    const un = await buildUnit(db, { administrationId: uc.administrationId });
    const L = await buildCourse(db, { level: 'lecture' });
    const C = await buildCourse(db, { level: 'certification_course' });
    const sL16 = await buildSession(db, { courseId: L.id, parts: [{ date: '2016-04-01' }] });
    const sL17 = await buildSession(db, { courseId: L.id, parts: [{ date: '2017-04-01' }] });
    const sC17 = await buildSession(db, { courseId: C.id, parts: [{ date: '2017-06-01' }] });
    const sC18 = await buildSession(db, { courseId: C.id, parts: [{ date: '2018-01-10' }] });
    const emp = (unitId: string, startDate: string, endDate: string | null = null) =>
      buildEmployee(db, { unitId, startDate, endDate });
    const p1 = await emp(uc.id, '2014-01-01');
    const p2 = await emp(uc.id, '2014-01-01');
    const p3 = await emp(un.id, '2014-01-01');
    const p4 = await emp(un.id, '2014-01-01');
    const p5 = await emp(un.id, '2019-01-01');
    const p6 = await emp(uc.id, '2010-01-01', '2016-12-31');
    const p7 = await emp(un.id, '2014-01-01');
    await buildEnrolment(db, sL16, { employeeId: p1.id, completedOn: '2016-04-01' });
    await buildEnrolment(db, sC17, { employeeId: p1.id, completedOn: '2017-06-01' });
    await buildEnrolment(db, sL16, { employeeId: p2.id, completedOn: '2016-04-01' });
    await buildEnrolment(db, sL17, { employeeId: p3.id, completedOn: '2017-04-01' });
    await buildEnrolment(db, sC17, { employeeId: p4.id, completedOn: null });
    await buildEnrolment(db, sC17, { employeeId: p5.id, status: 'waiting' });
    await buildEnrolment(db, sL16, { employeeId: p6.id, completedOn: '2016-04-01' });
    await buildEnrolment(db, sC18, { employeeId: p7.id, completedOn: '2018-01-10' });

    const programme: Programme = (await agent.post('/api/programmes', await body())).json();
    for (const session of [sL16, sC17]) {
      await db.update(trainingSessions).set({ programmeId: programme.id }).where(eq(trainingSessions.id, session.id));
    }

    const response = await agent.get(`/api/programmes/${programme.id}/progress`);
    expect(response.statusCode).toBe(200);
    const progress: ProgrammeProgress = response.json();
    expect(progress.countedOn).toBe('2017-12-31');
    expect(progress.targets.map((x) => [x.population, x.populationSize, x.reached, x.share, x.met, x.missing])).toEqual([
      ['all_employees', 5, 3, 0.6, false, 2],
      ['children_and_youth_units', 2, 1, 0.5, false, 1],
    ]);
    expect(progress.sessions.map((s) => [s.id, s.startsOn, s.enrolled, s.completed])).toEqual([
      [sL16.id, '2016-04-01', 3, 3],
      [sC17.id, '2017-06-01', 2, 1],
    ]);
    expect(progress.sessionTotals).toEqual({ sessions: 2, enrolled: 5, completed: 4 });
    expect(progress.grants).toEqual({
      count: 2,
      applied: 1_600_000,
      received: 1_200_000,
      byStatus: { applied: 0, granted: 1, rejected: 1 },
    });

    // While a programme runs, progress is counted today; then p7's certification (2018) and p5 count.
    await agent.patch(`/api/programmes/${programme.id}`, { endDate: '2030-12-31' });
    const running: ProgrammeProgress = (await agent.get(`/api/programmes/${programme.id}/progress`)).json();
    expect(running.countedOn).toBe('2026-03-02');
    expect(running.targets.map((x) => [x.populationSize, x.reached])).toEqual([
      [6, 4],
      [2, 1],
    ]);
  });
});
