import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import { buildUser } from '../../../../test/support/factories.js';
import { truncateAll } from '../../../../test/support/database.js';
import { recomputeOutcomes } from '../enrolments/outcomes.js';
import { generateMunicipality, unitCountFor } from './generator.js';
import { demoPassword, loadDemo } from './service.js';
import { demoCourses, dayOf, planTrainingHistory } from './training.js';

describe('the demo generator', () => {
  it('is deterministic and shaped like the source texts', () => {
    const first = generateMunicipality({ employees: 3000, seed: 7 });
    const second = generateMunicipality({ employees: 3000, seed: 7 });
    expect(second).toEqual(first);
    expect(first.administrations.map((a) => a.name)).toEqual([
      'Bildningsförvaltningen',
      'Vård- och omsorgsförvaltningen',
      'Socialförvaltningen',
      'Kultur- och turismförvaltningen',
      'Service- och teknikförvaltningen',
      'Samhällsbyggnadsförvaltningen',
      'Kommunledningsförvaltningen',
    ]);
    expect(first.employees).toHaveLength(3000);
    expect(first.units.length).toBeGreaterThanOrEqual(140);
    expect(first.units.length).toBeLessThanOrEqual(160);
    expect(new Set(first.units.map((u) => u.name)).size).toBe(first.units.length);
    expect(new Set(first.employees.map((e) => e.employeeNumber)).size).toBe(3000);
    expect(new Set(first.employees.map((e) => e.email)).size).toBe(3000);
    const schools = first.units.filter((u) => /skolan$|^Förskolan /.test(u.name));
    expect(schools.length).toBeGreaterThan(30);
    expect(schools.every((u) => u.worksWithChildren)).toBe(true);
    expect(first.units.find((u) => u.name === 'Hemsjukvården')?.worksWithChildren).toBe(false);
    for (const e of first.employees) {
      if (e.endDate) expect(e.endDate >= e.startDate).toBe(true);
    }
  });

  it('scales to 600 units at 60,000 employees', () => {
    expect(unitCountFor(60_000)).toBe(600);
    expect(unitCountFor(3000)).toBe(150);
  });
});

describe('loading the demo', () => {
  const t = useTestApp();

  it('loads into an empty system and every demo account can log in with its scope', async () => {
    const agent = new Agent(t.app);
    expect((await agent.get('/api/setup')).json()).toEqual({ needsSetup: true, demoAvailable: true });
    const response = await agent.post('/api/setup/demo');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ administrations: 7, employees: 3000, password: demoPassword });
    const counts = await t.database.db.execute<{ employees: number; history: number; units: number }>(
      sql`select (select count(*)::int from employees) as employees, (select count(*)::int from employee_unit_history) as history, (select count(*)::int from units) as units`,
    );
    expect(counts.rows[0]).toEqual({ employees: 3000, history: 3000, units: body.units });
    expect(new Set(body.accounts.map((a: { role: string }) => a.role))).toEqual(
      new Set([
        'administrator',
        'process_leader',
        'unit_manager',
        'training_coordinator',
        'trainer',
        'employee',
        'activity_host',
        'certifier',
      ]),
    );

    const manager = new Agent(t.app);
    const me = await manager.login('chef.forskola@demo.example', demoPassword);
    expect(me.json().roles).toHaveLength(2);
    expect(
      me
        .json()
        .roles.every((r: { role: string; unitName: string }) => r.role === 'unit_manager' && r.unitName.startsWith('Förskolan')),
    ).toBe(true);

    const employee = new Agent(t.app);
    expect((await employee.login('medarbetare@demo.example', demoPassword)).json().employeeId).not.toBeNull();
    expect((await new Agent(t.app).get('/api/setup')).json()).toEqual({ needsSetup: false, demoAvailable: false });
  });

  it('refuses when the system already has users, and changes nothing', async () => {
    await buildUser(t.database.db);
    const response = await new Agent(t.app).post('/api/setup/demo');
    expect(response.statusCode).toBe(409);
    const counts = await t.database.db.execute<{ n: number }>(sql`select count(*)::int as n from administrations`);
    expect(counts.rows[0].n).toBe(0);
  });
});

describe('the demo training history, planned', () => {
  it('is the same plan for the same municipality, seed and day', () => {
    const municipality = generateMunicipality({ employees: 3000, seed: 7, today: '2026-03-02' });
    const first = planTrainingHistory(municipality, { today: '2026-03-02', seed: 7, featured: [5] });
    const second = planTrainingHistory(municipality, { today: '2026-03-02', seed: 7, featured: [5] });
    expect(second).toEqual(first);
    const other = planTrainingHistory(municipality, { today: '2026-03-02', seed: 8, featured: [5] });
    expect(other.enrolments.length).not.toBe(first.enrolments.length);
  });

  it("has about a million attendance marks in the benchmark's large municipality (60,000 employees, ten years)", () => {
    const municipality = generateMunicipality({ employees: 60_000, today: '2026-11-23' });
    const plan = planTrainingHistory(municipality, { today: '2026-11-23' });
    let marks = 0;
    for (let i = 0; i < plan.enrolments.length; i++) {
      for (let m = plan.enrolments.marks.data[i]; m !== 0; m >>= 2) if ((m & 3) !== 0) marks++;
    }
    expect(marks).toBeGreaterThan(900_000);
    expect(marks).toBeLessThan(1_200_000);
    const years = new Set(
      plan.sessions
        .filter((s) => s.parts[0].day < dayOf('2026-11-23'))
        .map((s) => new Date(s.parts[0].day * 86_400_000).getUTCFullYear()),
    );
    for (let year = 2017; year <= 2026; year++) expect(years.has(year)).toBe(true);
  }, 60_000);
});

describe('the demo training history, loaded', () => {
  const t = useTestApp();
  const today = '2026-03-02';

  /** Everything about the history that does not depend on the random ids and codes. */
  async function figures() {
    const result = await t.database.db.execute<Record<string, string | number>>(sql`
      select (select count(*)::int from courses) as courses,
             (select count(*)::int from training_programmes) as programmes,
             (select count(*)::int from training_sessions) as sessions,
             (select count(*)::int from session_parts) as parts,
             (select count(*)::int from enrolments) as enrolments,
             (select count(*)::int from enrolments where status = 'waiting') as waiting,
             (select count(*)::int from attendance) as attendance,
             (select count(*)::int from attendance where status = 'present') as present,
             (select count(*)::int from enrolments where completed_on is not null) as completed,
             (select sum(attended_minutes)::int from enrolments) as minutes,
             (select md5(string_agg(concat_ws('|', em.employee_number, c.name, s.starts_on, s.title, en.status, en.source,
                                              en.queued_at, en.attended_minutes, en.completed_on,
                                              (select string_agg(p.position || a.status, ',' order by p.position)
                                                 from attendance a join session_parts p on p.id = a.part_id where a.enrolment_id = en.id)),
                                    ';' order by em.employee_number, s.starts_on, c.name, s.title))
                from enrolments en join employees em on em.id = en.employee_id
                join training_sessions s on s.id = en.session_id join courses c on c.id = s.course_id) as digest`);
    return result.rows[0];
  }

  it('is the same on every load of the same seed, and recomputing the outcomes changes nothing', async () => {
    await loadDemo(t.app.appContext);
    const first = await figures();
    expect(first).toMatchObject({ courses: Object.keys(demoCourses).length, programmes: 1 });
    expect(first.attendance).toBeGreaterThan(5000);

    const outcomes = async () =>
      (
        await t.database.db.execute<{
          id: string;
          attended_minutes: number;
          completed_on: string | null;
          verification_code: string | null;
        }>(sql`select id, attended_minutes, completed_on::text, verification_code from enrolments order by id`)
      ).rows;
    const before = await outcomes();
    // Each employee's first completion of each level, as recomputeOutcomes keeps it.
    const levels = async () =>
      (
        await t.database.db.execute(
          sql`select employee_id, level_id, first_completed_on::text from employee_levels order by 1, 2`,
        )
      ).rows;
    const levelsBefore = await levels();
    expect(levelsBefore.length).toBeGreaterThan(2000);
    // And each employee's first completion and highest level, derived from those.
    const summaries = async () =>
      (
        await t.database.db.execute(
          sql`select employee_id, first_completed_on::text, highest_rank, highest_completed_on::text from employee_training order by 1`,
        )
      ).rows;
    const summariesBefore = await summaries();
    expect(summariesBefore.length).toBeGreaterThan(1000);
    const courseIds = (await t.database.db.execute<{ id: string }>(sql`select id from courses`)).rows;
    for (const { id } of courseIds) await recomputeOutcomes(t.database.db, { courseId: id });
    expect(await outcomes()).toEqual(before);
    expect(await levels()).toEqual(levelsBefore);
    expect(await summaries()).toEqual(summariesBefore);
    expect(before.filter((e) => e.completed_on !== null).every((e) => /^[0-9A-F]{19}$/.test(e.verification_code ?? ''))).toBe(
      true,
    );

    await truncateAll(t.database);
    await loadDemo(t.app.appContext);
    expect(await figures()).toEqual(first);
  }, 120_000);

  it('is shaped like the source texts', async () => {
    await loadDemo(t.app.appContext);
    const db = t.database.db;
    const one = async <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => (await db.execute<T>(query)).rows[0];

    // Nearly everyone employed throughout the lectures of 2015-2017 heard one.
    const lecture = await one<{ staff: number; heard: number }>(sql`
      select count(*)::int as staff,
             count(*) filter (where exists (
               select 1 from enrolments en join courses c on c.id = en.course_id
                where en.employee_id = e.id and c.name = ${demoCourses.lecture.name} and en.completed_on between '2015-01-01' and '2017-12-31'))::int as heard
        from employees e where e.start_date <= '2015-09-01' and (e.end_date is null or e.end_date >= '2017-11-30')`);
    expect(lecture.staff).toBeGreaterThan(1500);
    expect(lecture.heard / lecture.staff).toBeGreaterThan(0.9);

    // The staff of the units working with children and youth mostly completed the 20-hour course; a few missed a part.
    const course = await one<{ staff: number; completed: number; incomplete: number; parts: number }>(sql`
      select count(distinct e.id)::int as staff,
             count(distinct e.id) filter (where en.completed_on <= '2017-12-31')::int as completed,
             count(distinct e.id) filter (where en.id is not null and en.completed_on is null)::int as incomplete,
             (select min(n)::int from (select count(*) as n from session_parts p join training_sessions s on s.id = p.session_id
                                        join courses c on c.id = s.course_id where c.name = ${demoCourses.certification.name} group by s.id) x) as parts
        from employees e join units u on u.id = e.unit_id
        left join enrolments en on en.employee_id = e.id
              and en.course_id = (select id from courses where name = ${demoCourses.certification.name})
       where u.works_with_children and u.name <> 'Lyckliga Gatorna'
         and e.start_date <= '2016-01-01' and (e.end_date is null or e.end_date >= '2017-12-31')`);
    expect(course.parts).toBe(4);
    expect(course.completed / course.staff).toBeGreaterThan(0.75);
    expect(course.incomplete).toBeGreaterThan(0);
    const outside = await one<{ n: number }>(sql`
      select count(*)::int as n from enrolments en join employees e on e.id = en.employee_id join units u on u.id = e.unit_id
       where en.course_id = (select id from courses where name = ${demoCourses.certification.name}) and not u.works_with_children`);
    expect(outside.n).toBe(0);

    // The programme, its targets and its grants.
    const programme = await one<{ targets: number; grants: number; received: number; sessions: number }>(sql`
      select (select count(*)::int from programme_targets) as targets, (select count(*)::int from programme_grants where status = 'granted') as grants,
             (select sum(received_amount)::int from programme_grants) as received,
             (select count(*)::int from training_sessions where programme_id is not null and starts_on not between '2015-01-01' and '2017-12-31') as sessions`);
    expect(programme).toMatchObject({ targets: 2, grants: 2, sessions: 0 });
    expect(programme.received).toBeGreaterThan(0);

    // One or two sessions a year since 2018 (a few more in the year Lyckliga Gatorna was certified); autumn 2020 cancelled.
    const years = (
      await db.execute<{ year: number; held: number; cancelled: number }>(sql`
        select extract(year from starts_on)::int as year, count(*) filter (where status = 'planned')::int as held,
               count(*) filter (where status = 'cancelled')::int as cancelled
          from training_sessions where starts_on >= '2018-01-01' and starts_on <= ${today} group by 1 order by 1`)
    ).rows;
    expect(years.map((y) => y.year)).toEqual([2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    for (const y of years) expect(y.held).toBeGreaterThanOrEqual(1);
    expect(years.find((y) => y.year === 2020)?.cancelled).toBe(1);

    // Planned after today: one full with a waiting list; no future part is marked.
    const upcoming = (
      await db.execute<{ capacity: number; enrolled: number; waiting: number }>(sql`
        select s.capacity, count(*) filter (where en.status = 'enrolled')::int as enrolled, count(*) filter (where en.status = 'waiting')::int as waiting
          from training_sessions s join enrolments en on en.session_id = s.id where s.starts_on > ${today} group by s.id`)
    ).rows;
    expect(upcoming.length).toBeGreaterThanOrEqual(2);
    expect(upcoming.some((s) => s.waiting > 0 && s.enrolled === s.capacity)).toBe(true);
    expect(upcoming.every((s) => s.enrolled <= s.capacity)).toBe(true);
    const consistency = await one<{
      future: number;
      unemployed: number;
      late: number;
      wrongCourse: number;
      overfull: number;
      untrained: number;
    }>(sql`
      select (select count(*)::int from attendance a join session_parts p on p.id = a.part_id where p.date >= ${today}) as future,
             (select count(*)::int from attendance a join session_parts p on p.id = a.part_id join enrolments en on en.id = a.enrolment_id
                join employees e on e.id = en.employee_id where p.date < e.start_date or p.date > e.end_date) as unemployed,
             (select count(*)::int from enrolments en join training_sessions s on s.id = en.session_id
               where en.status = 'enrolled' and (en.enrolled_at > s.starts_on or en.queued_at > ${`${today}T09:00:00Z`}::timestamptz)) as late,
             (select count(*)::int from enrolments en join training_sessions s on s.id = en.session_id where en.course_id <> s.course_id) as "wrongCourse",
             (select count(*)::int from (select s.id from training_sessions s join enrolments en on en.session_id = s.id and en.status = 'enrolled'
                group by s.id, s.capacity having count(*) > s.capacity) x) as overfull,
             (select count(*)::int from training_sessions s where not exists (
                select 1 from session_trainers st join users u on u.id = st.user_id where st.session_id = s.id and u.email = 'utbildare@demo.example')) as untrained`);
    expect(consistency).toEqual({ future: 0, unemployed: 0, late: 0, wrongCourse: 0, overfull: 0, untrained: 0 });
    const places = (await db.execute<{ place: string }>(sql`select distinct place from session_parts`)).rows.map((r) => r.place);
    expect(places).toEqual(
      expect.arrayContaining(['Stadshuset, sessionssalen', 'Kulturhuset Perrongen', 'Safiren, konferensrummet']),
    );

    // The demo employee's "My training" shows a history and a session to come.
    const employee = new Agent(t.app);
    await employee.login('medarbetare@demo.example', demoPassword);
    const mine = (await employee.get('/api/my-training')).json();
    expect(mine.employee).not.toBeNull();
    const completed = mine.record
      .filter((r: { completedOn: string | null }) => r.completedOn !== null)
      .map((r: { courseName: string }) => r.courseName);
    expect(completed).toEqual(expect.arrayContaining([demoCourses.lecture.name, demoCourses.certification.name]));
    expect(mine.upcoming.length).toBeGreaterThan(0);

    // Certification: eight units certified on one day in June 2017, renewed every third year since;
    // today some valid, some expired, some renewing, and no certificate outside the children's units.
    const certification = await one<{
      sameDay: number;
      outside: number;
      valid: number;
      expired: number;
      open: number;
      lyckliga: string;
    }>(sql`
      select (select count(*)::int from unit_certificates where certified_on = '2017-06-08') as "sameDay",
             (select count(*)::int from unit_certificates c join units u on u.id = c.unit_id where not u.works_with_children) as outside,
             (select count(distinct unit_id)::int from unit_certificates where valid_until >= ${today}) as valid,
             (select count(*)::int from units u where u.works_with_children and not exists (
                select 1 from unit_certificates c where c.unit_id = u.id and c.valid_until >= ${today})) as expired,
             (select count(*)::int from certification_processes where status = 'open') as open,
             (select min(c.certified_on)::text from unit_certificates c join units u on u.id = c.unit_id where u.name = 'Lyckliga Gatorna') as lyckliga`);
    expect(certification.sameDay).toBe(8);
    expect(certification.outside).toBe(0);
    expect(certification.valid).toBeGreaterThan(20);
    expect(certification.expired).toBeGreaterThan(0);
    expect(certification.open).toBeGreaterThan(0);
    expect(certification.lyckliga).toBe('2021-09-16');
    const admin = new Agent(t.app);
    await admin.login('strateg@demo.example', demoPassword);
    const units = (await admin.get('/api/certification/units?worksWithChildren=true')).json();
    expect(units.counts.certified + units.counts.in_process + units.counts.expired + units.counts.not_started).toBe(units.total);
    expect(units.counts.certified).toBe(certification.valid);
    const register = (await new Agent(t.app).get('/api/public/certificates')).json();
    expect(register.items).toHaveLength(certification.valid);
    // A snapshot holds the criteria as computed on the day: the share of staff trained then.
    const [snapshot] = (
      await db.execute<{ snapshot: { kind: string; of: number | null }[] }>(
        sql`select snapshot from unit_certificates order by certified_on limit 1`,
      )
    ).rows;
    expect(snapshot.snapshot.find((item) => item.kind === 'course_share')?.of).toBeGreaterThan(0);

    // Plans: the council's gender equality plan, an HBTQ plan for each certified unit, three years of periods,
    // and the follow-ups of the periods whose deadline has passed, by gender where the indicator is about people.
    const plans = await one<{ council: number; unitPlans: number; periods: number; unsplit: number; assessed: number }>(sql`
      select (select count(*)::int from action_plans where scope = 'municipality' and status = 'adopted'
                and adopted_by = 'Kommunfullmäktige' and area = 'gender_equality') as council,
             (select count(*)::int from action_plans p where p.scope = 'unit' and p.area = 'hbtq' and p.status = 'adopted'
                and exists (select 1 from unit_certificates c where c.unit_id = p.unit_id and c.valid_until >= ${today})) as "unitPlans",
             (select count(*)::int from follow_up_periods) as periods,
             (select count(*)::int from plan_indicator_reports r join plan_indicators i on i.id = r.indicator_id
                where i.about_people and (r.women is null or r.men is null)) as unsplit,
             (select count(distinct period_id)::int from plan_goal_reports) as assessed`);
    expect(plans).toMatchObject({ council: 1, unitPlans: certification.valid, periods: 9, unsplit: 0 });
    // On 2 March 2026 the deadlines of 2024's and 2025's periods have passed (2025's full year on 31 January).
    expect(plans.assessed).toBe(6);
    const [councilPlan] = (await admin.get('/api/action-plans?scope=municipality')).json().items;
    const periods = (await admin.get(`/api/action-plans/${councilPlan.id}/periods`)).json();
    const reportedPeriod = periods.items.find((p: { name: string; year: number }) => p.year === 2025 && p.name === 'Delår 2');
    const followUp = (await admin.get(`/api/action-plans/${councilPlan.id}/follow-ups/${reportedPeriod.id}`)).json();
    expect(JSON.stringify(followUp)).toContain('Nöjdhet med bemötandet (NKI)');
  }, 120_000);
});
