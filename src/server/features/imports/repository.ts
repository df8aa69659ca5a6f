import { count, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { employeeImports } from '../../db/schema/index.js';

/** An import as the history, the preview and the progress show it: without its file. */
export type ImportRow = Omit<typeof employeeImports.$inferSelect, 'fileContent'>;
export type ImportValues = Partial<typeof employeeImports.$inferInsert>;

/** Every column but the file (up to 50 MB): it is read only to analyse or commit it, never to show an import. */
const { fileContent: _fileContent, ...rowColumns } = getTableColumns(employeeImports);

/**
 * The file goes to the database as base64 text that the database decodes: the embedded database
 * (PGlite 0.5) serialises a binary parameter so wastefully that an 8 MB file raised the server's
 * peak memory by some 600 MB; as text it costs a few times the file.
 */
function withFileAsText<T extends ImportValues>(values: T) {
  const { fileContent, ...rest } = values;
  if (fileContent === undefined || fileContent === null) return values;
  return { ...rest, fileContent: sql`decode(${Buffer.from(fileContent.buffer, fileContent.byteOffset, fileContent.byteLength).toString('base64')}, 'base64')` };
}

export async function insertImport(db: DbOrTx, values: typeof employeeImports.$inferInsert): Promise<ImportRow> {
  const [row] = await db.insert(employeeImports).values(withFileAsText(values)).returning(rowColumns);
  return row;
}

export async function findImport(db: DbOrTx, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select(rowColumns).from(employeeImports).where(eq(employeeImports.id, id));
  return row;
}

/** A slice of the file per query: the database never has to turn the whole file into one answer. */
const fileSliceBytes = 1024 * 1024;
type Base64 = string | null;

/**
 * The import with its file, to analyse or commit it; fileContent is null once it is committed or abandoned.
 * The file comes back in 1 MB slices as base64 text: read whole, a bytea comes back as hex text twice the
 * file's size, which the embedded database (WebAssembly memory, which never shrinks) and then the driver
 * each hold at once; in slices, the server's peak memory rises by a few MB instead.
 */
export async function findImportWithFile(
  db: DbOrTx,
  id: string,
): Promise<(ImportRow & { fileContent: Uint8Array | null }) | undefined> {
  const [row] = await db
    .select({ ...rowColumns, fileLength: sql<number | null>`octet_length(${employeeImports.fileContent})`.mapWith(Number) })
    .from(employeeImports)
    .where(eq(employeeImports.id, id));
  if (!row) return undefined;
  const { fileLength, ...rest } = row;
  if (fileLength === null || Number.isNaN(fileLength)) return { ...rest, fileContent: null };
  const fileContent = new Uint8Array(fileLength);
  for (let offset = 0; offset < fileLength; offset += fileSliceBytes) {
    const [slice] = await db
      .select({
        base64: sql<Base64>`encode(substring(${employeeImports.fileContent} from ${offset + 1}::int for ${fileSliceBytes}::int), 'base64')`,
      })
      .from(employeeImports)
      .where(eq(employeeImports.id, id));
    // Committed or discarded meanwhile (the file is then gone): the import is no longer open.
    if (!slice || slice.base64 === null) return { ...rest, fileContent: null };
    // PostgreSQL's base64 breaks lines every 76 characters; Buffer ignores the line breaks.
    const bytes = Buffer.from(slice.base64, 'base64');
    fileContent.set(bytes, offset);
  }
  return { ...rest, fileContent };
}

export async function updateImport(db: DbOrTx, id: string, values: ImportValues): Promise<ImportRow> {
  const [row] = await db.update(employeeImports).set(withFileAsText(values)).where(eq(employeeImports.id, id)).returning(rowColumns);
  return row;
}

export async function listImports(db: DbOrTx, limit: number, offset: number) {
  const [rows, [{ total }]] = await Promise.all([
    db.select(rowColumns).from(employeeImports).orderBy(desc(employeeImports.createdAt)).limit(limit).offset(offset),
    db.select({ total: count() }).from(employeeImports),
  ]);
  return { rows, total };
}

/** An import left 'committing' by a server that stopped was rolled back with its transaction. */
export async function failInterrupted(db: DbOrTx) {
  await db
    .update(employeeImports)
    .set({ status: 'failed', error: 'interrupted' })
    .where(eq(employeeImports.status, 'committing'));
}
