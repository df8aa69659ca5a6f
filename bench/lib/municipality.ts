import { randomBytes } from 'node:crypto';
import type { Db } from '#server/db/client';
import { administrations, apiTokens, units, userRoles, users } from '#server/db/schema/index';
import { sha256 } from '#server/features/auth/crypto';
import { stockholmDate } from '#server/features/employees/current';
import { generateMunicipality, type DemoEmployee, type DemoMunicipality } from '#server/features/demo/generator';

/** The large municipality of issue 3: 60,000 employees in 600 units. */
export const benchEmployees = 60_000;

let cached: DemoMunicipality | undefined;
/** Generated once per run of the benchmark (about a second). */
export function largeMunicipality(): DemoMunicipality {
  cached ??= generateMunicipality({ employees: benchEmployees, today: stockholmDate(new Date()) });
  return cached;
}

export const csvHeader =
  'Anställningsnummer;Förnamn;Efternamn;E-post;Förvaltning;Enhet;Befattning;Kön;Anställningsdatum;Slutdatum';
const genderCode = { woman: 'K', man: 'M', not_stated: '' } as const;

/** The employees as an HR system exports them: semicolons, Swedish column names, ISO dates, UTF-8. */
export function employeeCsv(municipality: DemoMunicipality, employees: DemoEmployee[] = municipality.employees): Uint8Array {
  const administrationName = new Map(municipality.administrations.map((a) => [a.key, a.name]));
  const unit = new Map(municipality.units.map((u) => [u.key, u]));
  const lines = [csvHeader];
  for (const e of employees) {
    const u = unit.get(e.unitKey)!;
    lines.push(
      [
        e.employeeNumber,
        e.firstName,
        e.lastName,
        e.email,
        administrationName.get(u.administrationKey),
        u.name,
        e.title,
        genderCode[e.gender],
        e.startDate,
        e.endDate ?? '',
      ].join(';'),
    );
  }
  return new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
}

/**
 * The same employees with 1% of them changed, as the next night's file: every hundredth employee,
 * alternately with a new title or moved to the next unit of the same administration.
 */
export function changedEmployees(municipality: DemoMunicipality): { employees: DemoEmployee[]; changed: number; moved: number } {
  const unitsOf = new Map<string, string[]>();
  for (const u of municipality.units) unitsOf.set(u.administrationKey, [...(unitsOf.get(u.administrationKey) ?? []), u.key]);
  const administrationOf = new Map(municipality.units.map((u) => [u.key, u.administrationKey]));
  let changed = 0;
  let moved = 0;
  const employees = municipality.employees.map((e, i) => {
    if (i % 100 !== 50) return e;
    changed++;
    if (changed % 2 === 0) return { ...e, title: `${e.title}, samordnare` };
    const siblings = unitsOf.get(administrationOf.get(e.unitKey)!)!;
    moved++;
    return { ...e, unitKey: siblings[(siblings.indexOf(e.unitKey) + 1) % siblings.length] };
  });
  return { employees, changed, moved };
}

export type LoadedOrganisation = {
  administrationIds: Map<string, string>;
  unitIds: Map<string, string>;
  administrator: { id: string; email: string };
  /** An API token of the administrator, for Authorization: Bearer. */
  token: string;
};

/** The administrations and units of the municipality, without employees, and an administrator with an API token. */
export async function insertOrganisation(db: Db, municipality: DemoMunicipality): Promise<LoadedOrganisation> {
  return db.transaction(async (tx) => {
    const administrationRows = await tx
      .insert(administrations)
      .values(municipality.administrations.map((a) => ({ name: a.name, shortName: a.shortName })))
      .returning({ id: administrations.id });
    const administrationIds = new Map(municipality.administrations.map((a, i) => [a.key, administrationRows[i].id]));
    const unitRows = await tx
      .insert(units)
      .values(
        municipality.units.map((u) => ({
          administrationId: administrationIds.get(u.administrationKey)!,
          name: u.name,
          code: u.code,
          worksWithChildren: u.worksWithChildren,
        })),
      )
      .returning({ id: units.id });
    const unitIds = new Map(municipality.units.map((u, i) => [u.key, unitRows[i].id]));
    const administrator = await insertAdministrator(tx as unknown as Db);
    return { administrationIds, unitIds, ...administrator };
  });
}

/** An administrator who cannot log in (no usable password) and a token of theirs. */
export async function insertAdministrator(
  db: Db,
  email = 'bench.admin@bench.example',
): Promise<Pick<LoadedOrganisation, 'administrator' | 'token'>> {
  const [user] = await db
    .insert(users)
    .values({ email, name: 'Benchmark Administratör', passwordHash: 'no password: benchmark user' })
    .returning({ id: users.id, email: users.email });
  await db.insert(userRoles).values({ userId: user.id, role: 'administrator' });
  const token = await insertApiToken(db, user.id);
  return { administrator: user, token };
}

export async function insertApiToken(db: Db, userId: string): Promise<string> {
  const token = `ink_${randomBytes(32).toString('base64url')}`;
  await db.insert(apiTokens).values({ userId, name: 'benchmark', tokenHash: sha256(token), prefix: token.slice(0, 10) });
  return token;
}
