import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { messageFormMaxHours, messageFormMinSeconds } from '#shared/contracts/messages';
import * as repo from './repository.js';

/**
 * The message form carries the time it was handed out, signed with a key kept in the database (so
 * every server process on it agrees). A form sent back too soon was filled in by a robot; one older
 * than a day has expired. Nothing in the token says who asked for the form.
 */
const keys = new WeakMap<object, Promise<Buffer>>();

function keyOf(ctx: Pick<AppContext, 'db'>): Promise<Buffer> {
  let key = keys.get(ctx.db);
  if (!key) {
    key = repo.formKey(ctx.db, randomBytes(32).toString('hex')).then((secret) => Buffer.from(secret, 'hex'));
    key.catch(() => keys.delete(ctx.db));
    keys.set(ctx.db, key);
  }
  return key;
}

const sign = (key: Buffer, issuedAt: number) =>
  createHmac('sha256', key).update(`citizen-message-form:${issuedAt}`).digest('base64url');

export async function issueFormToken(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<string> {
  const issuedAt = ctx.clock.now().getTime();
  return `${issuedAt}.${sign(await keyOf(ctx), issuedAt)}`;
}

export type FormTokenCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

export async function checkFormToken(ctx: Pick<AppContext, 'db' | 'clock'>, token: string): Promise<FormTokenCheck> {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return 'invalid';
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(sign(await keyOf(ctx), issuedAt));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'invalid';
  const age = ctx.clock.now().getTime() - issuedAt;
  if (age < messageFormMinSeconds * 1000) return 'too_fast';
  if (age > messageFormMaxHours * 3600 * 1000) return 'expired';
  return 'ok';
}
