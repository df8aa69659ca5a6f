import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { administrations, units } from '../../db/schema/index.js';
import { recordAudit } from '../audit/service.js';

/** Every unit with its administration's name: what an HR file's unit and administration columns are matched against. */
export type DirectoryUnit = { id: string; name: string; code: string | null; active: boolean; administrationId: string; administrationName: string };

export async function unitDirectory(db: DbOrTx): Promise<{ units: DirectoryUnit[]; administrations: { id: string; name: string }[] }> {
  const [unitRows, administrationRows] = await Promise.all([
    db
      .select({
        id: units.id,
        name: units.name,
        code: units.code,
        active: units.active,
        administrationId: units.administrationId,
        administrationName: administrations.name,
      })
      .from(units)
      .innerJoin(administrations, eq(administrations.id, units.administrationId)),
    db.select({ id: administrations.id, name: administrations.name }).from(administrations),
  ]);
  return { units: unitRows, administrations: administrationRows };
}

export type MissingUnit = { administration: string; unit: string };

/**
 * Creates the administrations and units an import names that do not exist yet, after the person
 * chose to. Returns the new units' ids keyed like the import matches them: lower-case
 * "administration|unit".
 */
export async function createUnitsForImport(tx: DbOrTx, actor: Actor, missing: MissingUnit[], now: Date): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  if (missing.length === 0) return created;
  const existing = await tx.select({ id: administrations.id, name: administrations.name }).from(administrations);
  const administrationIds = new Map(existing.map((a) => [a.name.toLowerCase(), a.id]));
  for (const name of new Set(missing.map((m) => m.administration))) {
    if (administrationIds.has(name.toLowerCase())) continue;
    const [row] = await tx.insert(administrations).values({ name, createdAt: now, updatedAt: now }).returning({ id: administrations.id });
    administrationIds.set(name.toLowerCase(), row.id);
    await recordAudit(tx, actor, { action: 'create', entityType: 'administration', entityId: row.id, after: { name, createdBy: 'import' } }, now);
  }
  for (const m of missing) {
    const key = `${m.administration.toLowerCase()}|${m.unit.toLowerCase()}`;
    if (created.has(key)) continue;
    const administrationId = administrationIds.get(m.administration.toLowerCase())!;
    const [row] = await tx
      .insert(units)
      .values({ administrationId, name: m.unit, createdAt: now, updatedAt: now })
      .returning({ id: units.id });
    created.set(key, row.id);
    await recordAudit(tx, actor, { action: 'create', entityType: 'unit', entityId: row.id, after: { name: m.unit, administrationId, createdBy: 'import' } }, now);
  }
  return created;
}

export const unitCount = async (db: DbOrTx) => (await db.select({ n: sql<number>`count(*)::int` }).from(units))[0].n;
