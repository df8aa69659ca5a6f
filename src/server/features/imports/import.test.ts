import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { multipart, type Agent } from '../../../../test/support/agent.js';
import { buildAdministration, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';

const t = useTestApp();

const header = 'Anställningsnummer;Förnamn;Efternamn;E-post;Förvaltning;Enhet;Befattning;Kön;Anställningsdatum;Slutdatum';

async function upload(agent: Agent, csv: string, fields: Record<string, string> = {}) {
  const { payload, headers } = multipart({ name: 'personal.csv', content: csv }, fields);
  return agent.request('POST', '/api/employees/imports', payload, { headers });
}

async function commitAndWait(agent: Agent, id: string) {
  const started = await agent.post(`/api/employees/imports/${id}/commit`);
  expect(started.statusCode).toBe(202);
  for (let i = 0; i < 200; i++) {
    const current = (await agent.get(`/api/employees/imports/${id}`)).json();
    if (current.status !== 'committing') return current;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('import did not finish');
}

async function organisation() {
  const db = t.database.db;
  const administration = await buildAdministration(db, { name: 'Bildningsförvaltningen' });
  const ekbacken = await buildUnit(db, { administrationId: administration.id, name: 'Förskolan Ekbacken' });
  const lärkan = await buildUnit(db, { administrationId: administration.id, name: 'Förskolan Lärkan' });
  return { administration, ekbacken, lärkan };
}

const count = async (query: ReturnType<typeof sql>) => ((await t.database.db.execute<{ n: number }>(query)).rows[0].n);

describe('employee import', () => {
  it('previews new, changed, unchanged and problems, commits in one go, and a second import of the same file changes nothing', async () => {
    const { ekbacken, lärkan } = await organisation();
    await buildEmployee(t.database.db, { employeeNumber: '1001', firstName: 'Anna', lastName: 'Andersson', email: 'anna@example.se', unitId: ekbacken.id, title: 'Förskollärare', gender: 'woman', startDate: '2019-08-01' });
    await buildEmployee(t.database.db, { employeeNumber: '1002', firstName: 'Bo', lastName: 'Berg', email: null, unitId: ekbacken.id, title: 'Barnskötare', gender: 'man', startDate: '2020-01-01' });
    const { agent } = await signIn(t.app, t.database.db, 'training_coordinator');
    const csv = [
      header,
      '1001;Anna;Andersson;anna@example.se;Bildningsförvaltningen;Förskolan Ekbacken;Förskollärare;K;2019-08-01;',
      '1002;Bo;Berg;;Bildningsförvaltningen;Förskolan Lärkan;Barnskötare;M;2020-01-01;',
      '1003;Åsa;Öberg;asa@example.se;Bildningsförvaltningen;Förskolan Lärkan;Förskollärare;K;2024-03-01;',
    ].join('\n');

    const preview = await upload(agent, csv);
    expect(preview.statusCode).toBe(201);
    const body = preview.json();
    expect(body.summary).toMatchObject({ rows: 3, new: 1, changed: 1, unchanged: 1, ended: 0, problems: 0, missingUnits: [] });
    expect(body.summary.changes).toEqual([{ employeeNumber: '1002', name: 'Bo Berg', fields: [{ field: 'unitId', before: 'Förskolan Ekbacken', after: 'Förskolan Lärkan' }] }]);
    expect(body.canCommit).toBe(true);
    expect(body.encoding).toBe('utf-8');
    expect(body.delimiter).toBe(';');
    // Nothing is written before the commit.
    expect(await count(sql`select count(*)::int as n from employees`)).toBe(2);

    const committed = await commitAndWait(agent, body.id);
    expect(committed.status).toBe('committed');
    expect(await count(sql`select count(*)::int as n from employees`)).toBe(3);
    const history = await t.database.db.execute<{ unit_id: string; from_date: string; to_date: string | null }>(
      sql`select h.unit_id, h.from_date::text, h.to_date::text from employee_unit_history h join employees e on e.id = h.employee_id where e.employee_number = '1002' order by h.from_date`,
    );
    expect(history.rows).toEqual([
      { unit_id: ekbacken.id, from_date: '2020-01-01', to_date: '2026-03-01' },
      { unit_id: lärkan.id, from_date: '2026-03-02', to_date: null },
    ]);
    const audited = await count(sql`select count(*)::int as n from audit_log where entity_type = 'employee' and action in ('create', 'update')`);
    expect(audited).toBe(2);

    const again = (await upload(agent, csv)).json();
    expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 3, ended: 0 });
    const second = await commitAndWait(agent, again.id);
    expect(second.status).toBe('committed');
    expect(await count(sql`select count(*)::int as n from audit_log where entity_type = 'employee' and action in ('create', 'update')`)).toBe(2);
    expect(await count(sql`select count(*)::int as n from employee_unit_history`)).toBe(4);

    const history2 = await agent.get('/api/employees/imports');
    expect(history2.json().items.map((i: { status: string }) => i.status)).toEqual(['committed', 'committed']);
    expect(history2.json().items[0].counts).toMatchObject({ unchanged: 3 });
  });

  it('lists every problem with line, column and reason, and a file with one bad row commits nothing', async () => {
    await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = [
      header,
      '2001;Cia;Carlsson;cia@example.se;Bildningsförvaltningen;Förskolan Ekbacken;;K;2021-01-01;',
      '2002;Dan;Dahl;inte-en-adress;Bildningsförvaltningen;Förskolan Ekbacken;;M;2021-01-01;',
      '2001;Eva;Ek;;Bildningsförvaltningen;Förskolan Ekbacken;;K;2021-01-01;',
    ].join('\n');
    const body = (await upload(agent, csv)).json();
    expect(body.problems).toEqual([
      { line: 3, column: 'email', code: 'invalid_email', value: 'inte-en-adress' },
      { line: 4, column: 'employeeNumber', code: 'duplicate_employee_number', value: '2001' },
    ]);
    expect(body.canCommit).toBe(false);
    const refused = await agent.post(`/api/employees/imports/${body.id}/commit`);
    expect(refused.statusCode).toBe(422);
    expect(await count(sql`select count(*)::int as n from employees`)).toBe(0);
  });

  it('lists units and administrations that do not exist, and creates them only when asked', async () => {
    await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = [header, '3001;Gun;Gustafsson;;Socialförvaltningen;Barn och familj;Socialsekreterare;K;2022-05-01;'].join('\n');
    const body = (await upload(agent, csv)).json();
    expect(body.summary.missingUnits).toEqual([{ administration: 'Socialförvaltningen', unit: 'Barn och familj', rows: 1 }]);
    expect(body.summary.missingAdministrations).toEqual(['Socialförvaltningen']);
    expect(body.canCommit).toBe(false);
    const chosen = (await agent.patch(`/api/employees/imports/${body.id}`, { createMissingUnits: true })).json();
    expect(chosen.canCommit).toBe(true);
    const done = await commitAndWait(agent, body.id);
    expect(done.status).toBe('committed');
    const unit = await t.database.db.execute<{ name: string; administration: string; employees: number }>(
      sql`select u.name, a.name as administration, (select count(*)::int from employees e where e.unit_id = u.id) as employees from units u join administrations a on a.id = u.administration_id where u.name = 'Barn och familj'`,
    );
    expect(unit.rows).toEqual([{ name: 'Barn och familj', administration: 'Socialförvaltningen', employees: 1 }]);
  });

  it('a full import ends the employees missing from the file, and never deletes them', async () => {
    const { ekbacken } = await organisation();
    await buildEmployee(t.database.db, { employeeNumber: '4001', unitId: ekbacken.id, startDate: '2015-01-01' });
    await buildEmployee(t.database.db, { employeeNumber: '4002', firstName: 'Kvar', lastName: 'Inte', unitId: ekbacken.id, startDate: '2015-01-01' });
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = [header.split(';').slice(0, 3).join(';') + ';Enhet;Anställningsdatum', '4001;Anna;Andersson 1;Förskolan Ekbacken;2015-01-01'].join('\n');
    const partial = (await upload(agent, csv)).json();
    expect(partial.summary.ended).toBe(0);
    const full = (await agent.patch(`/api/employees/imports/${partial.id}`, { mode: 'full' })).json();
    expect(full.summary.ended).toBe(1);
    expect(full.summary.endedEmployees).toEqual([{ employeeNumber: '4002', name: 'Kvar Inte' }]);
    await commitAndWait(agent, partial.id);
    const rows = await t.database.db.execute<{ employee_number: string; end_date: string | null }>(
      sql`select employee_number, end_date::text from employees order by employee_number`,
    );
    expect(rows.rows).toEqual([
      { employee_number: '4001', end_date: null },
      { employee_number: '4002', end_date: '2026-03-01' },
    ]);
  });

  it('asks for the date format when the file cannot tell, and lets the mapping be corrected', async () => {
    await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = ['Nr;Förnamn;Efternamn;Enhet;Datum', '5001;Ida;Isaksson;Förskolan Lärkan;1/3/2024', '5002;Jan;Jansson;Förskolan Lärkan;2/4/2020'].join('\n');
    const first = (await upload(agent, csv)).json();
    expect(first.summary.unmappedRequired).toEqual(['employeeNumber', 'startDate']);
    expect(first.canCommit).toBe(false);
    const mapped = (await agent.patch(`/api/employees/imports/${first.id}`, { mapping: { employeeNumber: 0, firstName: 1, lastName: 2, unit: 3, startDate: 4 } })).json();
    expect(mapped.summary.dateFormatCandidates).toEqual(['D/M/YYYY', 'M/D/YYYY']);
    expect(mapped.summary.dateExample).toEqual({ value: '1/3/2024', readings: { 'D/M/YYYY': '2024-03-01', 'M/D/YYYY': '2024-01-03' } });
    expect(mapped.settings.dateFormat).toBeNull();
    const chosen = (await agent.patch(`/api/employees/imports/${first.id}`, { dateFormat: 'D/M/YYYY' })).json();
    expect(chosen.canCommit).toBe(true);
    await commitAndWait(agent, first.id);
    const dates = await t.database.db.execute<{ start_date: string }>(sql`select start_date::text from employees order by employee_number`);
    expect(dates.rows.map((r) => r.start_date)).toEqual(['2024-03-01', '2020-04-02']);
  });

  it('is for administrators and training coordinators only', async () => {
    const { ekbacken } = await organisation();
    const { agent } = await signIn(t.app, t.database.db, [{ role: 'unit_manager', unitId: ekbacken.id }]);
    expect((await upload(agent, `${header}\n`)).statusCode).toBe(403);
    expect((await agent.get('/api/employees/imports')).statusCode).toBe(403);
  });

  it('refuses a body that is not a file, and an empty file, with a clear error', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    expect((await agent.post('/api/employees/imports', { not: 'a file' })).statusCode).toBe(415);
    const empty = await upload(agent, '');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.code).toBe('empty_file');
  });
});
