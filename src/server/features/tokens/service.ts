import type { Actor, AppContext } from '../../context.js';
import { notFound } from '../../http/errors.js';
import { recordAudit } from '../audit/service.js';
import { randomToken, sha256 } from '../auth/crypto.js';
import { authorize } from './policy.js';
import * as repo from './repository.js';

export const tokenPrefix = 'ink_';
/** 'ink_' and six characters: enough to tell one's tokens apart, far too few to guess the rest. */
const shownPrefixLength = tokenPrefix.length + 6;

export async function listTokens(ctx: AppContext, actor: Actor) {
  authorize(actor, 'list');
  return repo.liveTokensOf(ctx.db, actor.userId);
}

export async function createToken(ctx: AppContext, actor: Actor, body: { name: string; expiresInDays: number | null }) {
  authorize(actor, 'create');
  const now = ctx.clock.now();
  // 32 random bytes; the recognisable prefix lets secret scanners and people spot a leaked one.
  const token = `${tokenPrefix}${randomToken(32)}`;
  const expiresAt = body.expiresInDays === null ? null : new Date(now.getTime() + body.expiresInDays * 86_400_000);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertToken(tx, {
      userId: actor.userId,
      name: body.name,
      tokenHash: sha256(token),
      prefix: token.slice(0, shownPrefixLength),
      createdAt: now,
      expiresAt,
    });
    await recordAudit(
      tx,
      actor,
      { action: 'create', entityType: 'api_token', entityId: created.id, after: { name: created.name, prefix: created.prefix, expiresAt } },
      now,
    );
    return created;
  });
  return { row, token };
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string) {
  authorize(actor, 'revoke');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const revoked = await repo.revokeOwnToken(tx, id, actor.userId, now);
    // Someone else's token answers exactly like a missing one: its existence is not the caller's business.
    if (!revoked) throw notFound();
    await recordAudit(
      tx,
      actor,
      { action: 'delete', entityType: 'api_token', entityId: id, before: { name: revoked.name, prefix: revoked.prefix }, after: { revokedAt: now } },
      now,
    );
  });
}
