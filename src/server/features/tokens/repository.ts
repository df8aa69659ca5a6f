import { and, desc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { apiTokens } from '../../db/schema/index.js';

export type TokenRow = typeof apiTokens.$inferSelect;

/** The columns that may be shown to the owner: everything but the hash. */
const tokenColumns = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};
export type TokenRecord = Omit<TokenRow, 'tokenHash'>;

export async function liveTokensOf(db: DbOrTx, userId: string): Promise<TokenRecord[]> {
  return db
    .select(tokenColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

export async function insertToken(db: DbOrTx, values: typeof apiTokens.$inferInsert): Promise<TokenRecord> {
  const [row] = await db.insert(apiTokens).values(values).returning(tokenColumns);
  return row;
}

/** Revokes the token only if it is the user's own and not revoked yet; returns it, or undefined. */
export async function revokeOwnToken(db: DbOrTx, id: string, userId: string, at: Date): Promise<TokenRecord | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning(tokenColumns);
  return row;
}
