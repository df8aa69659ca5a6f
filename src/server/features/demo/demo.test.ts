import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import { buildUser } from '../../../../test/support/factories.js';
import { generateMunicipality, unitCountFor } from './generator.js';
import { demoPassword } from './service.js';

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
      new Set(['administrator', 'process_leader', 'unit_manager', 'training_coordinator', 'trainer', 'employee', 'activity_host']),
    );

    const manager = new Agent(t.app);
    const me = await manager.login('chef.forskola@demo.example', demoPassword);
    expect(me.json().roles).toHaveLength(2);
    expect(me.json().roles.every((r: { role: string; unitName: string }) => r.role === 'unit_manager' && r.unitName.startsWith('Förskolan'))).toBe(true);

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
