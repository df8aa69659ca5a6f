import type { ApiToken } from '#shared/contracts/tokens';
import type { TokenRecord } from './repository.js';

/** Never the hash, and the secret only in the answer that creates it (routes.ts adds it there). */
export function presentToken(row: TokenRecord): ApiToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}
