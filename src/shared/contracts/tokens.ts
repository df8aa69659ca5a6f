import { z } from 'zod';

export const apiToken = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
});
export type ApiToken = z.infer<typeof apiToken>;

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** Days until the token expires; null for a token that does not expire. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(365),
});
export type CreateTokenBody = z.input<typeof createTokenBody>;

/**
 * The secret is in this answer once, and never again: 'ink_' and 43 random base64url characters,
 * sent as `Authorization: Bearer <token>`. The server keeps only its SHA-256 and the prefix.
 */
export const createdToken = apiToken.extend({ token: z.string() });
