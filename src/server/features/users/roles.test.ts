import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, buildUnit, buildUser } from '../../../../test/support/factories.js';
import { violatedUniqueIndex } from '../../db/errors.js';
import { userRoles } from '../../db/schema/index.js';
import { AppError } from '../../http/errors.js';
import { setProcessLeader, setUnitManager } from './roles.js';

const t = useTestApp();

describe('scoped role helpers', () => {
  it('keeps a process leader to one administration, also when set from the administration', async () => {
    const [first, second] = [await buildAdministration(t.database.db), await buildAdministration(t.database.db)];
    const leader = await buildUser(t.database.db);
    await t.database.db.transaction((tx) => setProcessLeader(tx, first.id, leader.id));
    const refused = await t.database.db.transaction((tx) => setProcessLeader(tx, second.id, leader.id)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('role_scope_one_administration');
    // Moving the leader: first free them, then appoint them elsewhere.
    await t.database.db.transaction(async (tx) => {
      await setProcessLeader(tx, first.id, null);
      await setProcessLeader(tx, second.id, leader.id);
    });
    const rows = await t.database.db.select().from(userRoles);
    expect(rows.map((r) => [r.role, r.administrationId])).toEqual([['process_leader', second.id]]);
  });

  it('replaces a unit’s manager and returns the previous one', async () => {
    const unit = await buildUnit(t.database.db);
    const [before, after] = [await buildUser(t.database.db), await buildUser(t.database.db)];
    await t.database.db.transaction((tx) => setUnitManager(tx, unit.id, before.id));
    expect(await t.database.db.transaction((tx) => setUnitManager(tx, unit.id, after.id))).toBe(before.id);
  });

  it('recognises the unique index a statement violated, through drizzle’s wrapped driver error', async () => {
    const unit = await buildUnit(t.database.db);
    const [one, two] = [await buildUser(t.database.db), await buildUser(t.database.db)];
    await t.database.db.insert(userRoles).values({ userId: one.id, role: 'unit_manager', unitId: unit.id });
    const error = await t.database.db
      .insert(userRoles)
      .values({ userId: two.id, role: 'unit_manager', unitId: unit.id })
      .catch((e: unknown) => e);
    expect(violatedUniqueIndex(error)).toBe('user_roles_one_unit_manager');
    const other = await t.database.db.execute(sql`select 1/0`).catch((e: unknown) => e);
    expect(violatedUniqueIndex(other)).toBeUndefined();
  });
});
