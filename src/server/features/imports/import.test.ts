import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { multipart, type Agent } from '../../../../test/support/agent.js';
import type { AddressInfo } from 'node:net';
import { apiTokens } from '../../db/schema/index.js';
import { sha256 } from '../auth/crypto.js';
import { buildAdministration, buildEmployee, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import { ndjsonValues } from '#shared/ndjson';
import { commitEnded } from './service.js';

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

const count = async (query: ReturnType<typeof sql>) => (await t.database.db.execute<{ n: number }>(query)).rows[0].n;

describe('employee import', () => {
  it('previews new, changed, unchanged and problems, commits in one go, and a second import of the same file changes nothing', async () => {
    const { ekbacken, lärkan } = await organisation();
    await buildEmployee(t.database.db, {
      employeeNumber: '1001',
      firstName: 'Anna',
      lastName: 'Andersson',
      email: 'anna@example.se',
      unitId: ekbacken.id,
      title: 'Förskollärare',
      gender: 'woman',
      startDate: '2019-08-01',
    });
    await buildEmployee(t.database.db, {
      employeeNumber: '1002',
      firstName: 'Bo',
      lastName: 'Berg',
      email: null,
      unitId: ekbacken.id,
      title: 'Barnskötare',
      gender: 'man',
      startDate: '2020-01-01',
    });
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
    expect(body.summary.changes).toEqual([
      {
        employeeNumber: '1002',
        name: 'Bo Berg',
        fields: [{ field: 'unitId', before: 'Förskolan Ekbacken', after: 'Förskolan Lärkan' }],
      },
    ]);
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
    const audited = await count(
      sql`select count(*)::int as n from audit_log where entity_type = 'employee' and action in ('create', 'update')`,
    );
    expect(audited).toBe(2);
    // The new employee: written with their first unit, and audited with every field, by whom, from the import.
    const created = await t.database.db.execute<{
      id: string;
      actor_name: string;
      after: unknown;
      unit_id: string;
      from_date: string;
    }>(
      sql`select e.id, a.actor_name, a.after, h.unit_id, h.from_date::text from employees e
          join audit_log a on a.entity_id = e.id::text and a.action = 'create'
          join employee_unit_history h on h.employee_id = e.id
          where e.employee_number = '1003'`,
    );
    expect(created.rows).toEqual([
      {
        id: expect.any(String),
        actor_name: expect.any(String),
        unit_id: lärkan.id,
        from_date: '2024-03-01',
        after: {
          employeeNumber: '1003',
          firstName: 'Åsa',
          lastName: 'Öberg',
          email: 'asa@example.se',
          unitId: lärkan.id,
          title: 'Förskollärare',
          gender: 'woman',
          startDate: '2024-03-01',
          endDate: null,
          source: 'import',
        },
      },
    ]);

    const again = (await upload(agent, csv)).json();
    expect(again.summary).toMatchObject({ new: 0, changed: 0, unchanged: 3, ended: 0 });
    const second = await commitAndWait(agent, again.id);
    expect(second.status).toBe('committed');
    expect(
      await count(
        sql`select count(*)::int as n from audit_log where entity_type = 'employee' and action in ('create', 'update')`,
      ),
    ).toBe(2);
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
    await buildEmployee(t.database.db, {
      employeeNumber: '4002',
      firstName: 'Kvar',
      lastName: 'Inte',
      unitId: ekbacken.id,
      startDate: '2015-01-01',
    });
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = [
      header.split(';').slice(0, 3).join(';') + ';Enhet;Anställningsdatum',
      '4001;Anna;Andersson 1;Förskolan Ekbacken;2015-01-01',
    ].join('\n');
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

  it('commits against the organisation as it is at the commit, when it changed after the preview', async () => {
    const { ekbacken } = await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = [header, '5001;Nora;Nyström;;Bildningsförvaltningen;Förskolan Ekbacken;Barnskötare;K;2024-01-01;'].join('\n');
    const preview = (await upload(agent, csv)).json();
    expect(preview.summary).toMatchObject({ new: 1, changed: 0 });
    // Behind the application's back, as an HR person with psql or another import might: the same number, added.
    await t.database.db.execute(
      sql`insert into employees (employee_number, first_name, last_name, unit_id, start_date) values ('5001', 'Nora', 'Gammal', ${ekbacken.id}, '2024-01-01')`,
    );
    const done = await commitAndWait(agent, preview.id);
    expect(done.status).toBe('committed');
    expect(done.summary).toMatchObject({ new: 0, changed: 1 });
    const rows = await t.database.db.execute<{ last_name: string; title: string | null }>(
      sql`select last_name, title from employees where employee_number = '5001'`,
    );
    expect(rows.rows).toEqual([{ last_name: 'Nyström', title: 'Barnskötare' }]);
  });

  it('keeps the file compressed until the commit, and still reads a file kept uncompressed', async () => {
    await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const rows = Array.from(
      { length: 400 },
      (_, i) => `${6000 + i};Ida;Isaksson;;Bildningsförvaltningen;Förskolan Lärkan;Lärare;K;2024-01-01;`,
    );
    const csv = [header, ...rows].join('\n');
    const preview = (await upload(agent, csv)).json();
    expect(preview.summary).toMatchObject({ rows: 400, new: 400 });
    const stored = async () =>
      (
        await t.database.db.execute<{ bytes: number | null; start: string | null }>(
          sql`select octet_length(file_content) as bytes, encode(substring(file_content from 1 for 2), 'hex') as start from employee_imports where id = ${preview.id}`,
        )
      ).rows[0];
    const kept = await stored();
    expect(kept.start).toBe('1f8b');
    expect(Number(kept.bytes)).toBeLessThan(Buffer.byteLength(csv) / 5);

    // An import previewed before files were compressed: its file is read as it is.
    await t.database.db.execute(sql`update employee_imports set file_content = ${Buffer.from(csv)} where id = ${preview.id}`);
    // A changed setting analyses the file again, from the database.
    const full = (await agent.patch(`/api/employees/imports/${preview.id}`, { mode: 'full' })).json();
    expect(full.summary).toMatchObject({ rows: 400, new: 400 });
    const done = await commitAndWait(agent, preview.id);
    expect(done).toMatchObject({ status: 'committed', summary: { new: 400 } });
    expect(await stored()).toEqual({ bytes: null, start: null });
  });

  it('follows a commit line by line when asked for application/x-ndjson, and refuses as usual before it starts', async () => {
    await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const follow = { headers: { accept: 'application/x-ndjson' } };
    const bad = (
      await upload(agent, [header, '7001;Ola;;;Bildningsförvaltningen;Förskolan Lärkan;;M;inte ett datum;'].join('\n'))
    ).json();
    const refused = await agent.post(`/api/employees/imports/${bad.id}/commit`, {}, follow);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('import_has_problems');

    const rows = Array.from(
      { length: 30 },
      (_, i) => `${7100 + i};Ola;Olsson;;Bildningsförvaltningen;Förskolan Lärkan;;M;2024-01-01;`,
    );
    const preview = (await upload(agent, [header, ...rows].join('\n'))).json();
    const answer = await agent.post(`/api/employees/imports/${preview.id}/commit`, {}, follow);
    expect(answer.statusCode).toBe(202);
    expect(answer.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = answer.payload
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ id: preview.id, status: 'committing' });
    expect(
      lines.some((line) => line.status === 'committing' && line.progress?.phase === 'writing' && line.progress.total === 30),
    ).toBe(true);
    expect(lines.at(-1)).toMatchObject({ id: preview.id, status: 'committed', summary: { new: 30 }, progress: null });
    expect(await count(sql`select count(*)::int as n from employees where employee_number like '71%'`)).toBe(30);
  });

  it('sends each step of a followed commit while its transaction runs, not after it', async () => {
    await organisation();
    const user = await buildUser(t.database.db, { roles: [{ role: 'administrator' }] });
    const token = 'ink_follow_test_token_0123456789';
    await t.database.db
      .insert(apiTokens)
      .values({ userId: user.id, name: 'follow', tokenHash: sha256(token), prefix: token.slice(0, 12) });
    if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const authorization = `Bearer ${token}`;
    // 6,000 new employees: two statements (5,000 rows each at most), with a step of progress after each.
    const rows = Array.from(
      { length: 6000 },
      (_, i) => `${10000 + i};Ola;Olsson;;Bildningsförvaltningen;Förskolan Lärkan;;M;2024-01-01;`,
    );
    const form = new FormData();
    form.append('file', new Blob([[header, ...rows].join('\n')], { type: 'text/csv' }), 'personal.csv');
    const preview = await (
      await fetch(`${base}/api/employees/imports`, { method: 'POST', headers: { authorization }, body: form })
    ).json();
    expect(preview.summary).toMatchObject({ new: 6000 });

    const response = await fetch(`${base}/api/employees/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: { authorization, accept: 'application/x-ndjson' },
    });
    let ended = false;
    void commitEnded(preview.id).then(() => (ended = true));
    const seen: { status: string; done: number | null; ended: boolean }[] = [];
    for await (const current of ndjsonValues<{ status: string; progress: { done: number } | null }>(response)) {
      seen.push({ status: current.status, done: current.progress?.done ?? null, ended });
    }
    // The step after the first statement arrived while the commit was still under way.
    expect(seen).toContainEqual({ status: 'committing', done: 5000, ended: false });
    expect(seen.at(-1)).toMatchObject({ status: 'committed' });
  });

  it('asks for the date format when the file cannot tell, and lets the mapping be corrected', async () => {
    await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    const csv = [
      'Nr;Förnamn;Efternamn;Enhet;Datum',
      '5001;Ida;Isaksson;Förskolan Lärkan;1/3/2024',
      '5002;Jan;Jansson;Förskolan Lärkan;2/4/2020',
    ].join('\n');
    const first = (await upload(agent, csv)).json();
    expect(first.summary.unmappedRequired).toEqual(['employeeNumber', 'startDate']);
    expect(first.canCommit).toBe(false);
    const mapped = (
      await agent.patch(`/api/employees/imports/${first.id}`, {
        mapping: { employeeNumber: 0, firstName: 1, lastName: 2, unit: 3, startDate: 4 },
      })
    ).json();
    expect(mapped.summary.dateFormatCandidates).toEqual(['D/M/YYYY', 'M/D/YYYY']);
    expect(mapped.summary.dateExample).toEqual({
      value: '1/3/2024',
      readings: { 'D/M/YYYY': '2024-03-01', 'M/D/YYYY': '2024-01-03' },
    });
    expect(mapped.settings.dateFormat).toBeNull();
    const chosen = (await agent.patch(`/api/employees/imports/${first.id}`, { dateFormat: 'D/M/YYYY' })).json();
    expect(chosen.canCommit).toBe(true);
    await commitAndWait(agent, first.id);
    const dates = await t.database.db.execute<{ start_date: string }>(
      sql`select start_date::text from employees order by employee_number`,
    );
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
