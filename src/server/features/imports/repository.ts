import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { count, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { employeeImports } from '../../db/schema/index.js';

/** An import as the history, the preview and the progress show it: without its file. */
export type ImportRow = Omit<typeof employeeImports.$inferSelect, 'fileContent'>;
export type ImportValues = Partial<typeof employeeImports.$inferInsert>;

/** Every column but the file (up to 50 MB): it is read only to analyse or commit it, never to show an import. */
const { fileContent: _fileContent, ...rowColumns } = getTableColumns(employeeImports);

/**
 * The file is kept compressed: an HR export shrinks to about a seventh (7.8 MB of CSV to 1.1 MB), and
 * every copy of it the way to the database makes is smaller by as much; the embedded database grows
 * its WebAssembly memory for the largest message it has received and never gives it back.
 */
const compress = promisify(gzip);
const decompress = promisify(gunzip);
/** Files kept before they were compressed are read as they are; no CSV or XLSX starts with gzip's magic bytes. */
const isCompressed = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The file goes to the database as base64 text that the database decodes: the embedded database
 * (PGlite 0.5) serialises a binary parameter so wastefully that an 8 MB file raised the server's
 * peak memory by some 600 MB; as text it costs a few times the file.
 */
async function withFileAsText<T extends ImportValues>(values: T) {
  const { fileContent, ...rest } = values;
  if (fileContent === undefined || fileContent === null) return values;
  const compressed = await compress(fileContent);
  return { ...rest, fileContent: sql`decode(${compressed.toString('base64')}, 'base64')` };
}

export async function insertImport(db: DbOrTx, values: typeof employeeImports.$inferInsert): Promise<ImportRow> {
  const [row] = await db
    .insert(employeeImports)
    .values(await withFileAsText(values))
    .returning(rowColumns);
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
 * An import's file, to analyse or commit it; null once the import is committed, discarded or failed.
 * The file comes back in 1 MB slices as base64 text: read whole, a bytea comes back as hex text twice
 * its size, which the embedded database and then the driver each hold at once.
 */
export async function findImportFile(db: DbOrTx, id: string): Promise<Uint8Array | null> {
  const [row] = await db
    .select({ fileLength: sql<number | null>`octet_length(${employeeImports.fileContent})`.mapWith(Number) })
    .from(employeeImports)
    .where(eq(employeeImports.id, id));
  const fileLength = row?.fileLength;
  if (fileLength === null || fileLength === undefined || Number.isNaN(fileLength)) return null;
  const stored = Buffer.alloc(fileLength);
  for (let offset = 0; offset < fileLength; offset += fileSliceBytes) {
    const [slice] = await db
      .select({
        base64: sql<Base64>`encode(substring(${employeeImports.fileContent} from ${offset + 1}::int for ${fileSliceBytes}::int), 'base64')`,
      })
      .from(employeeImports)
      .where(eq(employeeImports.id, id));
    // Committed or discarded meanwhile (the file is then gone): the import is no longer open.
    if (!slice || slice.base64 === null) return null;
    // PostgreSQL's base64 breaks lines every 76 characters; Buffer ignores the line breaks.
    stored.set(Buffer.from(slice.base64, 'base64'), offset);
  }
  return isCompressed(stored) ? new Uint8Array(await decompress(stored)) : stored;
}

export async function updateImport(db: DbOrTx, id: string, values: ImportValues): Promise<ImportRow> {
  const [row] = await db
    .update(employeeImports)
    .set(await withFileAsText(values))
    .where(eq(employeeImports.id, id))
    .returning(rowColumns);
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
