import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { useTestApp } from '../../../../test/support/app.js';
import {
  auditEntriesFor,
  buildAdministration,
  buildEmployee,
  buildUnit,
  signIn,
} from '../../../../test/support/factories.js';
import { buildCourse, buildEnrolment, buildSession } from '../../../../test/support/training.js';
import type { Db } from '../../db/client.js';
import type { Coverage } from '#shared/contracts/coverage';

const t = useTestApp();

/**
 * A small municipality whose figures are worked out by hand below. Today is 2026-03-02 (the test clock).
 *
 * Courses: L a lecture (refresher after 3 years), H a half day (no refresher), C the certification
 * course (refresher after 3 years). Sessions held: L 2016-05-10, H 2019-10-01, C 2024-04-01,
 * L 2025-09-15 (the last held); L 2025-12-01 was cancelled; L 2026-04-01 lies ahead.
 *
 * Bildning (A1): unit U1 (children), unit U2.  Omsorg (A2): unit U3 (children), unit U4.
 *
 * | emp | unit | gender     | start      | completions (course completedOn)     | highest today |
 * | e1  | U1   | woman      | 2015-01-01 | L 2016-05-10, C 2017-03-01           | certification |
 * | e2  | U1   | woman      | 2015-01-01 | L 2016-05-10                         | lecture       |
 * | e3  | U1   | man        | 2018-06-01 | C 2024-04-01                         | certification |
 * | e4  | U1   | woman      | 2020-01-01 | H 2021-09-01                         | half day      |
 * | e5  | U2   | man        | 2010-01-01 | L 2023-02-01                         | lecture       |
 * | e6  | U2   | woman      | 2010-01-01 | (enrolled on L 2025, not completed)  | none          |
 * | e7  | U2   | not_stated | 2025-06-01 | –                                    | none          |
 * | e8  | U2   | woman      | 2012-01-01 | L 2017-05-01, L 2024-05-01           | lecture       |
 * | e9  | U3   | woman      | 2016-01-01 | C 2017-03-01                         | certification |
 * | e10 | U3   | woman      | 2016-01-01 | H 2019-10-01                         | half day      |
 * | e11 | U3   | man        | 2026-01-15 | – (the late starter)                 | none          |
 * | e12 | U3   | woman      | 2014-01-01 | L 2016-05-10                         | lecture       |
 * | e13 | U4   | man        | 2000-01-01 | –                                    | none          |
 * | e14 | U4   | woman      | 2019-01-01 | H 2022-03-01                         | half day      |
 * | e15 | U4   | woman      | 2010-01-01, ended 2025-12-31 | L 2016-05-10       | (not staff)   |
 * | e16 | U1   | man        | starts 2026-04-01 | –                             | (not staff)   |
 *
 * Today: staff 14 (e1-e14), trained 10, untrained 4 (e6, e7, e11, e13).
 * Highest: lecture 4 (e2 e5 e8 e12), half day 3 (e4 e10 e14), workshop 0, certification 3 (e1 e3 e9).
 * At least: lecture 10, half day 6, workshop 3, certification 3.
 * Gender: women 9 (none 1, lecture 3, half day 3, workshop 0, certification 2), men 4, not stated 1.
 * Breakdown: Bildning 8 staff / 6 trained; Omsorg 6 / 4. Within Bildning: U1 4 / 4, U2 4 / 2.
 * New since the last session (2025-09-15) and untrained: e11. Since the last C session (2024-04-01): e7, e11.
 * Refresher due: e2 L, e1 L, e12 L (2019-05-10), e1 C, e9 C (2020-03-01), e5 L (2026-02-01); e8's later
 * L (2024) is not due, e3's C (2024) neither, e15 has left.
 */
async function buildMunicipality(db: Db) {
  const a1 = await buildAdministration(db, { name: 'Bildning' });
  const a2 = await buildAdministration(db, { name: 'Omsorg' });
  const u1 = await buildUnit(db, { administrationId: a1.id, name: 'U1', worksWithChildren: true });
  const u2 = await buildUnit(db, { administrationId: a1.id, name: 'U2' });
  const u3 = await buildUnit(db, { administrationId: a2.id, name: 'U3', worksWithChildren: true });
  const u4 = await buildUnit(db, { administrationId: a2.id, name: 'U4' });
  const L = await buildCourse(db, { name: 'Föreläsning', level: 'lecture', refresherYears: 3 });
  const H = await buildCourse(db, { name: 'Halvdag', level: 'half_day' });
  const C = await buildCourse(db, { name: 'Certifiering', level: 'certification_course', refresherYears: 3 });
  const sL1 = await buildSession(db, { courseId: L.id, parts: [{ date: '2016-05-10' }] });
  const sH = await buildSession(db, { courseId: H.id, parts: [{ date: '2019-10-01' }] });
  const sC = await buildSession(db, { courseId: C.id, parts: [{ date: '2024-04-01' }] });
  const sL2 = await buildSession(db, { courseId: L.id, parts: [{ date: '2025-09-15' }] });
  await buildSession(db, { courseId: L.id, parts: [{ date: '2025-12-01' }], status: 'cancelled' });
  await buildSession(db, { courseId: L.id, parts: [{ date: '2026-04-01' }] });

  const emp = (unitId: string, gender: string, startDate: string, endDate: string | null = null, lastName?: string) =>
    buildEmployee(db, { unitId, gender, startDate, endDate, ...(lastName ? { lastName } : {}) });
  const e = {
    e1: await emp(u1.id, 'woman', '2015-01-01', null, 'E01'),
    e2: await emp(u1.id, 'woman', '2015-01-01', null, 'E02'),
    e3: await emp(u1.id, 'man', '2018-06-01', null, 'E03'),
    e4: await emp(u1.id, 'woman', '2020-01-01', null, 'E04'),
    e5: await emp(u2.id, 'man', '2010-01-01', null, 'E05'),
    e6: await emp(u2.id, 'woman', '2010-01-01', null, 'E06'),
    e7: await emp(u2.id, 'not_stated', '2025-06-01', null, 'E07'),
    e8: await emp(u2.id, 'woman', '2012-01-01', null, 'E08'),
    e9: await emp(u3.id, 'woman', '2016-01-01', null, 'E09'),
    e10: await emp(u3.id, 'woman', '2016-01-01', null, 'E10'),
    e11: await emp(u3.id, 'man', '2026-01-15', null, 'E11'),
    e12: await emp(u3.id, 'woman', '2014-01-01', null, 'E12'),
    e13: await emp(u4.id, 'man', '2000-01-01', null, 'E13'),
    e14: await emp(u4.id, 'woman', '2019-01-01', null, 'E14'),
    e15: await emp(u4.id, 'woman', '2010-01-01', '2025-12-31', 'E15'),
    e16: await emp(u1.id, 'man', '2026-04-01', null, 'E16'),
  };
  const done = (session: { id: string; courseId: string }, employee: { id: string }, completedOn: string | null) =>
    buildEnrolment(db, session, { employeeId: employee.id, completedOn });
  await done(sL1, e.e1, '2016-05-10');
  await done(sC, e.e1, '2017-03-01');
  await done(sL1, e.e2, '2016-05-10');
  await done(sC, e.e3, '2024-04-01');
  await done(sH, e.e4, '2021-09-01');
  await done(sL2, e.e5, '2023-02-01');
  await done(sL2, e.e6, null);
  await done(sL1, e.e8, '2017-05-01');
  await done(sL2, e.e8, '2024-05-01');
  await done(sC, e.e9, '2017-03-01');
  await done(sH, e.e10, '2019-10-01');
  await done(sL1, e.e12, '2016-05-10');
  await done(sH, e.e14, '2022-03-01');
  await done(sL1, e.e15, '2016-05-10');
  return { a1, a2, u1, u2, u3, u4, L, H, C, e };
}

const coordinator = () => signIn(t.app, t.database.db, 'training_coordinator');
const byKey = (coverage: Coverage) => Object.fromEntries(coverage.levels.map((l) => [l.key, l]));

describe('coverage figures against a hand-computed municipality', () => {
  it('counts the whole municipality: levels, cumulative shares, untrained, breakdown by administration', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const response = await agent.get('/api/coverage');
    expect(response.statusCode).toBe(200);
    const c: Coverage = response.json();
    expect(c.date).toBe('2026-03-02');
    expect(c.scope).toMatchObject({ kind: 'municipality', administrationId: null, unitId: null });
    expect(c).toMatchObject({ staff: 14, trained: 10, untrained: 4 });
    expect(c.untrainedShare).toBeCloseTo(4 / 14);
    const levels = byKey(c);
    expect(c.levels.map((l) => l.key)).toEqual(['lecture', 'half_day', 'workshop', 'certification_course']);
    expect(levels.lecture).toMatchObject({ highest: 4, atLeast: 10 });
    expect(levels.half_day).toMatchObject({ highest: 3, atLeast: 6 });
    expect(levels.workshop).toMatchObject({ highest: 0, atLeast: 3 });
    expect(levels.certification_course).toMatchObject({ highest: 3, atLeast: 3 });
    expect(levels.lecture.atLeastShare).toBeCloseTo(10 / 14);
    expect(levels.half_day.highestShare).toBeCloseTo(3 / 14);
    expect(c.children).toEqual([
      { kind: 'administration', id: m.a1.id, name: 'Bildning', staff: 8, trained: 6, share: 0.75 },
      { kind: 'administration', id: m.a2.id, name: 'Omsorg', staff: 6, trained: 4, share: 4 / 6 },
    ]);
    expect(c.lastSessionEndedOn).toBe('2025-09-15');
    expect(c.newUntrainedCount).toBe(1);
    expect(c.refresherDueCount).toBe(6);
  });

  it('splits by gender, sending every count under 5 as "<5" and never as a number', async () => {
    await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const c: Coverage = (await agent.get('/api/coverage')).json();
    const women = c.byGender.find((g) => g.gender === 'woman')!;
    const men = c.byGender.find((g) => g.gender === 'man')!;
    const notStated = c.byGender.find((g) => g.gender === 'not_stated')!;
    expect(women.staff).toBe(9);
    expect(men.staff).toBe('<5');
    expect(notStated.staff).toBe('<5');
    // Women's parts are 1, 3, 3, 0, 2: all under 5.
    expect([women.untrained, ...women.levels.map((l) => l.highest)]).toEqual(['<5', '<5', '<5', '<5', '<5']);
    for (const row of c.byGender) {
      for (const value of [row.staff, row.untrained, ...row.levels.map((l) => l.highest)]) {
        if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(5);
      }
      // A share would give a masked count away.
      expect(row.untrainedShare).toBeNull();
      expect(row.levels.every((l) => l.share === null)).toBe(true);
    }
  });

  it('has a trend over the last ten years, counted at each year end, with completions per level', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const c: Coverage = (await agent.get('/api/coverage')).json();
    const lectureId = byKey(c).lecture.levelId;
    expect(c.trend.levelId).toBe(lectureId);
    expect(c.trend.years.map((y) => y.year)).toEqual([2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(c.trend.years.map((y) => [y.staff, y.trained])).toEqual([
      [10, 6],
      [11, 6],
      [12, 7],
      [13, 7],
      [13, 8],
      [13, 9],
      [13, 10],
      [13, 11],
      [14, 11],
      [14, 10],
    ]);
    expect(c.trend.years[0].countedOn).toBe('2017-12-31');
    expect(c.trend.years.at(-1)).toMatchObject({ countedOn: '2026-03-02', share: 10 / 14 });
    const completions = (year: number, key: string) =>
      c.trend.years.find((y) => y.year === year)!.completions.find((x) => x.levelId === byKey(c)[key].levelId)!.count;
    expect(completions(2017, 'certification_course')).toBe(2);
    expect(completions(2017, 'lecture')).toBe(1);
    expect(completions(2019, 'half_day')).toBe(1);
    expect(completions(2024, 'lecture')).toBe(1);
    expect(completions(2024, 'certification_course')).toBe(1);
    expect(completions(2025, 'lecture')).toBe(0);
    expect(c.trend.years.reduce((n, y) => n + y.completions.reduce((s, x) => s + x.count, 0), 0)).toBe(9);

    // Within Omsorg, 2017: e9 e10 e12 e13 e15 employed; e9 e12 e15 trained.
    const omsorg: Coverage = (await agent.get(`/api/coverage?administrationId=${m.a2.id}`)).json();
    expect(omsorg.trend.years[0]).toMatchObject({ year: 2017, staff: 5, trained: 3 });
  });

  it('counts nothing completed after today: not in the highest level, the trained, nor the trend', async () => {
    const m = await buildMunicipality(t.database.db);
    // Completions dated after today (2026-03-02): e2 (a lecture in 2016) a certification course, e13 (untrained) a lecture.
    const later = await buildSession(t.database.db, { courseId: m.C.id, parts: [{ date: '2026-04-01' }] });
    const laterL = await buildSession(t.database.db, { courseId: m.L.id, parts: [{ date: '2026-05-01' }] });
    await buildEnrolment(t.database.db, later, { employeeId: m.e.e2.id, completedOn: '2026-04-01' });
    await buildEnrolment(t.database.db, laterL, { employeeId: m.e.e13.id, completedOn: '2026-05-01' });
    const { agent } = await coordinator();
    const c: Coverage = (await agent.get('/api/coverage')).json();
    expect(c).toMatchObject({ staff: 14, trained: 10, untrained: 4 });
    expect(byKey(c).lecture).toMatchObject({ highest: 4, atLeast: 10 });
    expect(byKey(c).certification_course).toMatchObject({ highest: 3, atLeast: 3 });
    expect(c.trend.years.at(-1)).toMatchObject({ year: 2026, staff: 14, trained: 10 });
    expect(c.trend.years.at(-1)!.completions.reduce((n, x) => n + x.count, 0)).toBe(0);
  });

  it('follows the ranks of the levels: a lecture ranked above the certification course is the highest level', async () => {
    await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const before: Coverage = (await agent.get('/api/coverage')).json();
    const { agent: admin } = await signIn(t.app, t.database.db, 'administrator');
    const changed = await admin.patch(`/api/training-levels/${byKey(before).lecture.levelId}`, { rank: 50 });
    expect(changed.statusCode).toBe(200);
    const after: Coverage = (await agent.get('/api/coverage')).json();
    // e1 (lecture and certification) now has the lecture as highest; e3 and e9 keep the certification course.
    expect(byKey(after).lecture).toMatchObject({ highest: 5, atLeast: 5 });
    expect(byKey(after).certification_course).toMatchObject({ highest: 2, atLeast: 7 });
    expect(after).toMatchObject({ staff: 14, trained: 10 });
    // The trend counts any completion: the lowest level is now the half day.
    expect(after.trend.levelId).toBe(byKey(after).half_day.levelId);
    expect(after.trend.years.at(-1)).toMatchObject({ staff: 14, trained: 10 });
  });

  it('narrows to an administration (one row per unit) and to a unit', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const a1: Coverage = (await agent.get(`/api/coverage?administrationId=${m.a1.id}`)).json();
    expect(a1.scope).toMatchObject({ kind: 'administration', administrationId: m.a1.id, administrationName: 'Bildning' });
    expect(a1).toMatchObject({ staff: 8, trained: 6, untrained: 2 });
    expect(byKey(a1).certification_course.highest).toBe(2);
    expect(byKey(a1).lecture.highest).toBe(3);
    expect(a1.children).toEqual([
      { kind: 'unit', id: m.u1.id, name: 'U1', staff: 4, trained: 4, share: 1 },
      { kind: 'unit', id: m.u2.id, name: 'U2', staff: 4, trained: 2, share: 0.5 },
    ]);
    const u2: Coverage = (await agent.get(`/api/coverage?unitId=${m.u2.id}`)).json();
    expect(u2.scope).toMatchObject({ kind: 'unit', unitId: m.u2.id, unitName: 'U2', administrationName: 'Bildning' });
    expect(u2).toMatchObject({ staff: 4, trained: 2, untrained: 2, children: [] });
    expect(u2.newUntrainedCount).toBe(0);
    expect(u2.refresherDueCount).toBe(1);

    const mismatch = await agent.get(`/api/coverage?administrationId=${m.a2.id}&unitId=${m.u1.id}`);
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.json().error.details).toEqual([{ path: 'querystring.unitId', message: expect.any(String) }]);
    expect((await agent.get(`/api/coverage?unitId=${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await agent.get('/api/coverage?administrationId=nope')).statusCode).toBe(400);
  });

  it('lists the new untrained since the last session (of any course or the chosen one), and audits the read', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent, user } = await coordinator();
    const any = await agent.get('/api/coverage/new-untrained');
    expect(any.statusCode).toBe(200);
    expect(any.json()).toMatchObject({
      total: 1,
      lastSessionEndedOn: '2025-09-15',
      items: [{ employeeId: m.e.e11.id, lastName: 'E11', unitName: 'U3', administrationName: 'Omsorg', startDate: '2026-01-15' }],
    });
    expect(Object.keys(any.json().items[0])).not.toContain('gender');
    const sinceC = (await agent.get(`/api/coverage/new-untrained?courseId=${m.C.id}`)).json();
    expect(sinceC.lastSessionEndedOn).toBe('2024-04-01');
    expect(sinceC.items.map((p: { lastName: string }) => p.lastName)).toEqual(['E11', 'E07']);
    expect((await agent.get(`/api/coverage?courseId=${m.C.id}`)).json().newUntrainedCount).toBe(2);

    const reads = await auditEntriesFor(t.database.db, 'employee', null);
    expect(reads.at(-1)).toMatchObject({
      action: 'read',
      actorUserId: user.id,
      after: { list: 'coverage.newUntrained', courseId: m.C.id, ids: [m.e.e11.id, m.e.e7.id] },
    });
  });

  it('lists whose refresher is due, paged, latest completion per course only', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const first = (await agent.get('/api/coverage/refresher-due?pageSize=4')).json();
    expect(first.total).toBe(6);
    expect(first.items).toHaveLength(4);
    const second = (await agent.get('/api/coverage/refresher-due?pageSize=4&page=2')).json();
    const all = [...first.items, ...second.items].map((p: { lastName: string; courseName: string; dueOn: string; completedOn: string }) => [
      p.lastName,
      p.courseName,
      p.completedOn,
      p.dueOn,
    ]);
    expect(all).toEqual([
      ['E01', 'Föreläsning', '2016-05-10', '2019-05-10'],
      ['E02', 'Föreläsning', '2016-05-10', '2019-05-10'],
      ['E12', 'Föreläsning', '2016-05-10', '2019-05-10'],
      ['E01', 'Certifiering', '2017-03-01', '2020-03-01'],
      ['E09', 'Certifiering', '2017-03-01', '2020-03-01'],
      ['E05', 'Föreläsning', '2023-02-01', '2026-02-01'],
    ]);
    const onlyC = (await agent.get(`/api/coverage/refresher-due?courseId=${m.C.id}`)).json();
    expect(onlyC.items.map((p: { lastName: string }) => p.lastName)).toEqual(['E01', 'E09']);
    expect((await auditEntriesFor(t.database.db, 'employee', null)).at(-1)).toMatchObject({
      after: { list: 'coverage.refresherDue', ids: [m.e.e1.id, m.e.e9.id] },
    });
    // A day before e5's refresher falls due, it is not listed.
    t.clock.set('2026-01-31T12:00:00Z');
    expect((await agent.get('/api/coverage/refresher-due')).json().total).toBe(5);
  });
});

describe('coverage scope', () => {
  it('gives a process leader their administration, and 403 outside it', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'process_leader', administrationId: m.a1.id }]);
    const own: Coverage = (await agent.get('/api/coverage')).json();
    expect(own.scope).toMatchObject({ kind: 'administration', administrationId: m.a1.id });
    expect(own.staff).toBe(8);
    expect((await agent.get(`/api/coverage?unitId=${m.u1.id}`)).statusCode).toBe(200);
    expect((await agent.get(`/api/coverage?administrationId=${m.a2.id}`)).statusCode).toBe(403);
    expect((await agent.get(`/api/coverage?unitId=${m.u3.id}`)).statusCode).toBe(403);
    expect((await agent.get(`/api/coverage/new-untrained?unitId=${m.u3.id}`)).statusCode).toBe(403);
    expect((await agent.get(`/api/coverage/export?format=csv&administrationId=${m.a2.id}`)).statusCode).toBe(403);
  });

  it('gives a unit manager their unit (or their units together), and 403 elsewhere', async () => {
    const m = await buildMunicipality(t.database.db);
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: m.u2.id }]);
    const own: Coverage = (await agent.get('/api/coverage')).json();
    expect(own.scope).toMatchObject({ kind: 'unit', unitId: m.u2.id });
    expect(own.staff).toBe(4);
    expect((await agent.get(`/api/coverage?unitId=${m.u1.id}`)).statusCode).toBe(403);
    expect((await agent.get(`/api/coverage?administrationId=${m.a1.id}`)).statusCode).toBe(403);
    expect((await agent.get(`/api/coverage/refresher-due?unitId=${m.u1.id}`)).statusCode).toBe(403);

    const { agent: two } = await signIn(t.app, t.database.db, [
      { role: 'unit_manager', unitId: m.u3.id },
      { role: 'unit_manager', unitId: m.u4.id },
    ]);
    const both: Coverage = (await two.get('/api/coverage')).json();
    expect(both.scope.kind).toBe('units');
    expect(both.staff).toBe(6);
    expect(both.children.map((c) => [c.name, c.staff, c.trained])).toEqual([
      ['U3', 4, 3],
      ['U4', 2, 1],
    ]);
  });

  it('is closed to employees and trainers', async () => {
    for (const role of ['employee', 'trainer'] as const) {
      const { agent } = await signIn(t.app, t.database.db, role);
      expect((await agent.get('/api/coverage')).statusCode).toBe(403);
      expect((await agent.get('/api/coverage/export')).statusCode).toBe(403);
    }
  });
});

describe('coverage export', () => {
  it('writes the same figures as XLSX, one sheet per table, with "<5" in the gender sheet', async () => {
    await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const response = await agent.get('/api/coverage/export?format=xlsx');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toBe('attachment; filename="utbildningstackning-hela-kommunen-2026-03-02.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Sammanfattning', 'Nivåer', 'Kön', 'Utveckling', 'Fördelning']);
    const rows = (name: string) =>
      (workbook.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    expect(rows('Sammanfattning')).toContainEqual(['Personal', 14]);
    expect(rows('Nivåer')).toContainEqual(['Föreläsning', 4, 4 / 14, 10, 10 / 14]);
    expect(rows('Kön')).toEqual([
      ['Kön', 'Personal', 'Ingen utbildning', 'Föreläsning', 'Halvdag', 'Workshop', 'Certifieringsutbildning'],
      ['Kvinna', 9, '<5', '<5', '<5', '<5', '<5'],
      ['Man', '<5', '<5', '<5', '<5', '<5', '<5'],
      ['Ej angivet', '<5', '<5', '<5', '<5', '<5', '<5'],
    ]);
    expect(rows('Utveckling')).toHaveLength(11);
    expect(rows('Fördelning')).toEqual([rows('Fördelning')[0], ['Bildning', 8, 6, 0.75], ['Omsorg', 6, 4, 4 / 6]]);
  });

  it('writes one CSV, in English when asked, with the gender masking', async () => {
    await buildMunicipality(t.database.db);
    const { agent } = await coordinator();
    const response = await agent.get('/api/coverage/export?format=csv', { headers: { 'accept-language': 'en' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="training-coverage-the-whole-municipality-2026-03-02.csv"');
    const records: string[][] = parse(response.body, { delimiter: ';', bom: true });
    expect(records[0]).toEqual(['Section', 'Group', 'Measure', 'Value']);
    expect(records).toContainEqual(['Summary', 'The whole municipality', 'Staff', '14']);
    expect(records).toContainEqual(['Gender', 'Woman', 'Staff', '9']);
    expect(records).toContainEqual(['Gender', 'Man', 'Staff', '<5']);
    expect(records.filter((r) => r[0] === 'Gender' && /^\d+$/.test(r[3]) && Number(r[3]) < 5)).toEqual([]);
    expect(records).toContainEqual(['Breakdown', 'Bildning', 'Share', '75 %']);
    expect(records).toContainEqual(['Trend', '2026', 'Staff', '14']);
    expect(records).toContainEqual(['Levels', 'No training', 'Highest level (number)', '4']);
  });
});
