import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildAdministration, buildEmployee, buildUnit, signIn } from '../../../../test/support/factories.js';

/**
 * The employee list and the API token's actor are cached per process, validated by the data versions
 * that triggers keep (docs/decisions/0012). These tests write behind the application's back (raw SQL,
 * as psql or the nightly import in another process would) and expect the very next answer to show it,
 * and they expect no actor ever to be answered from another's scope.
 */

const t = useTestApp();

async function organisation() {
  const db = t.database.db;
  const alfa = await buildAdministration(db, { name: 'Alfa' });
  const beta = await buildAdministration(db, { name: 'Beta' });
  const a1 = await buildUnit(db, { administrationId: alfa.id, name: 'A-ett' });
  const b1 = await buildUnit(db, { administrationId: beta.id, name: 'B-ett' });
  const anna = await buildEmployee(db, { unitId: a1.id, firstName: 'Anna', lastName: 'Andersson', gender: 'woman' });
  const bo = await buildEmployee(db, { unitId: b1.id, firstName: 'Bo', lastName: 'Berg', gender: 'man' });
  return { alfa, beta, a1, b1, anna, bo };
}

const names = (body: { items: { firstName: string; lastName: string }[] }) =>
  body.items.map((e) => `${e.firstName} ${e.lastName}`);

async function createToken(agent: Awaited<ReturnType<typeof signIn>>['agent']) {
  const response = await agent.post('/api/tokens', { name: 'Skript' });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; token: string };
}

const withToken = (token: string, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('the cached employee list', () => {
  it('answers the same bytes from the cache as when it read the database, and audits every read', async () => {
    const { anna } = await organisation();
    const { agent } = await signIn(t.app, t.database.db, 'training_coordinator');
    const first = await agent.get('/api/employees?sort=lastName');
    const second = await agent.get('/api/employees?sort=lastName');
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(names(first.json())).toEqual(['Anna Andersson', 'Bo Berg']);
    expect(first.json().items[0].gender).toBe('woman');
    const reads = (await auditEntriesFor(t.database.db, 'employee', null)).filter((e) => e.action === 'read');
    expect(reads).toHaveLength(2);
    expect((reads[1].after as { ids: string[] }).ids[0]).toBe(anna.id);
  });

  it('shows a change written in raw SQL by the very next request: a name, a new employee, an end, a unit renamed, a unit moved', async () => {
    const { beta, a1, anna } = await organisation();
    const db = t.database.db;
    const { agent } = await signIn(t.app, db, 'training_coordinator');
    const list = async (query = '') => (await agent.get(`/api/employees?sort=lastName${query}`)).json();
    expect(names(await list())).toEqual(['Anna Andersson', 'Bo Berg']);

    await db.execute(sql`update employees set last_name = 'Öberg' where id = ${anna.id}`);
    expect(names(await list())).toEqual(['Bo Berg', 'Anna Öberg']);

    await buildEmployee(db, { unitId: a1.id, firstName: 'Cecilia', lastName: 'Ceder' });
    const three = await list();
    expect(names(three)).toEqual(['Bo Berg', 'Cecilia Ceder', 'Anna Öberg']);
    expect(three.total).toBe(3);

    await db.execute(sql`update employees set end_date = '2020-01-01' where id = ${anna.id}`);
    expect(names(await list())).toEqual(['Bo Berg', 'Cecilia Ceder']);

    await db.execute(sql`update units set name = 'A-nytt' where id = ${a1.id}`);
    expect((await list()).items.find((e: { firstName: string }) => e.firstName === 'Cecilia').unitName).toBe('A-nytt');

    await db.execute(sql`update administrations set name = 'Beta-förvaltningen' where id = ${beta.id}`);
    expect((await list()).items.find((e: { firstName: string }) => e.firstName === 'Bo').administrationName).toBe(
      'Beta-förvaltningen',
    );

    // A unit moved to another administration: the employees follow it (a trigger), and so does the filter.
    expect((await list(`&administrationId=${beta.id}`)).total).toBe(1);
    await db.execute(sql`update units set administration_id = ${beta.id} where id = ${a1.id}`);
    expect(names(await list(`&administrationId=${beta.id}`))).toEqual(['Bo Berg', 'Cecilia Ceder']);
  });

  it('shows a change made in a transaction only once it is committed, and then at once', async () => {
    const { anna } = await organisation();
    const db = t.database.db;
    const { agent } = await signIn(t.app, db, 'training_coordinator');
    const list = async () => names((await agent.get('/api/employees?sort=lastName')).json());
    expect(await list()).toEqual(['Anna Andersson', 'Bo Berg']);
    await db.transaction(async (tx) => {
      await tx.execute(sql`update employees set first_name = 'Annika' where id = ${anna.id}`);
      await tx.execute(sql`update employees set last_name = 'Ahl' where id = ${anna.id}`);
    });
    expect(await list()).toEqual(['Annika Ahl', 'Bo Berg']);
  });

  it('never answers one scope from another: managers of different units, a process leader, a coordinator, in turn', async () => {
    const { alfa, a1, b1 } = await organisation();
    const db = t.database.db;
    const ofA = await signIn(t.app, db, [{ role: 'unit_manager', unitId: a1.id }]);
    const ofB = await signIn(t.app, db, [{ role: 'unit_manager', unitId: b1.id }]);
    const leader = await signIn(t.app, db, [{ role: 'process_leader', administrationId: alfa.id }]);
    const coordinator = await signIn(t.app, db, 'training_coordinator');
    const nobody = await signIn(t.app, db, 'employee');
    for (let round = 0; round < 2; round++) {
      const a = (await ofA.agent.get('/api/employees?sort=lastName')).json();
      expect(names(a)).toEqual(['Anna Andersson']);
      expect(a.items[0].gender).toBeNull();
      expect(names((await ofB.agent.get('/api/employees?sort=lastName')).json())).toEqual(['Bo Berg']);
      expect(names((await leader.agent.get('/api/employees?sort=lastName')).json())).toEqual(['Anna Andersson']);
      const all = (await coordinator.agent.get('/api/employees?sort=lastName')).json();
      expect(names(all)).toEqual(['Anna Andersson', 'Bo Berg']);
      expect(all.items[0].gender).toBe('woman');
      expect((await nobody.agent.get('/api/employees?sort=lastName')).json().total).toBe(0);
    }
  });

  it('follows a role granted or taken away in raw SQL at the next request (session and API token)', async () => {
    const { a1, b1 } = await organisation();
    const db = t.database.db;
    const { agent, user } = await signIn(t.app, db, [{ role: 'unit_manager', unitId: a1.id }]);
    const { token } = await createToken(agent);
    const viaToken = async () => names((await withToken(token, '/api/employees?sort=lastName')).json());
    expect(await viaToken()).toEqual(['Anna Andersson']);
    expect(await viaToken()).toEqual(['Anna Andersson']);
    await db.execute(sql`update user_roles set unit_id = ${b1.id} where user_id = ${user.id}`);
    expect(await viaToken()).toEqual(['Bo Berg']);
    expect(names((await agent.get('/api/employees?sort=lastName')).json())).toEqual(['Bo Berg']);
  });
});

describe('the cached API token', () => {
  it('refuses a token revoked, a user deactivated or a token expired, from the very next request', async () => {
    await organisation();
    const db = t.database.db;
    const { agent, user } = await signIn(t.app, db, 'training_coordinator');
    const one = await createToken(agent);
    const two = await createToken(agent);
    expect((await withToken(one.token, '/api/employees')).statusCode).toBe(200);
    expect((await withToken(one.token, '/api/employees')).statusCode).toBe(200);
    expect((await withToken(two.token, '/api/employees')).statusCode).toBe(200);

    await db.execute(sql`update api_tokens set revoked_at = now() where id = ${one.id}`);
    expect((await withToken(one.token, '/api/employees')).statusCode).toBe(401);
    expect((await withToken(two.token, '/api/employees')).statusCode).toBe(200);

    // Expiry is a matter of time, not of a write: the cached token is checked against the clock.
    await db.execute(sql`update api_tokens set expires_at = '2026-03-02T10:00:00Z' where id = ${two.id}`);
    expect((await withToken(two.token, '/api/employees')).statusCode).toBe(200);
    t.clock.set('2026-03-02T10:00:01Z');
    expect((await withToken(two.token, '/api/employees')).statusCode).toBe(401);
    t.clock.set('2026-03-02T09:30:00Z');
    expect((await withToken(two.token, '/api/employees')).statusCode).toBe(200);

    await db.execute(sql`update users set active = false where id = ${user.id}`);
    expect((await withToken(two.token, '/api/employees')).statusCode).toBe(401);
  });
});
