import { sql } from 'drizzle-orm';
import type { AppContext } from '../../context.js';
import type { DbOrTx } from '../../db/client.js';
import { translate, type Locale } from '../../http/i18n.js';
import { enqueueMail } from '../../mail/outbox.js';

export type LockedSession = { id: string; capacity: number; status: string; courseName: string; startsOn: string };

/**
 * Locks the session row for the rest of the transaction. Every change to who holds a seat (sign-up,
 * cancellation, promotion, a new capacity) takes this lock first, so fifty people signing up at
 * once for ten seats are served one after another and never get more than ten places.
 * Returns null when there is no such session.
 */
export async function lockSession(tx: DbOrTx, sessionId: string): Promise<LockedSession | null> {
  const result = await tx.execute<{ id: string; capacity: number; status: string; course_name: string; starts_on: string }>(sql`
    select s.id, s.capacity, s.status, c.name as course_name, s.starts_on::text as starts_on
      from training_sessions s join courses c on c.id = s.course_id
     where s.id = ${sessionId}
       for update of s`);
  const row = result.rows[0];
  return row
    ? { id: row.id, capacity: row.capacity, status: row.status, courseName: row.course_name, startsOn: row.starts_on }
    : null;
}

export async function enrolledCount(tx: DbOrTx, sessionId: string): Promise<number> {
  const result = await tx.execute<{ n: string }>(
    sql`select count(*) as n from enrolments where session_id = ${sessionId} and status = 'enrolled'`,
  );
  return Number(result.rows[0].n);
}

export type Promotion = { enrolmentId: string; employeeId: string };

/**
 * Gives the free seats of a locked session to the waiting list, first come first served (queued_at,
 * then id), and tells each promoted person by mail (in the language of their account, if they have
 * one). Call it after anything that may free seats; it never fills past capacity.
 */
export async function promoteFromWaitingList(ctx: Pick<AppContext, 'clock' | 'config'>, tx: DbOrTx, session: LockedSession) {
  if (session.status !== 'planned') return [] as Promotion[];
  const free = session.capacity - (await enrolledCount(tx, session.id));
  if (free <= 0) return [] as Promotion[];
  const now = ctx.clock.now();
  const promoted = await tx.execute<{ id: string; employee_id: string; email: string | null; locale: string | null }>(sql`
    with next as (
      select id from enrolments
       where session_id = ${session.id} and status = 'waiting'
       order by queued_at, id
       limit ${free}
    )
    update enrolments e
       set status = 'enrolled', enrolled_at = ${now.toISOString()}
      from next
     where e.id = next.id
    returning e.id, e.employee_id,
      (select email from employees where id = e.employee_id) as email,
      (select locale from users where employee_id = e.employee_id and active order by created_at limit 1) as locale`);
  const messages = promoted.rows
    .filter((row) => row.email)
    .map((row) => {
      const locale: Locale = row.locale === 'en' ? 'en' : 'sv';
      const values = { course: session.courseName, date: session.startsOn, url: `${ctx.config.publicUrl}/my-training` };
      return {
        to: row.email!,
        subject: translate(locale, 'mail.training.promoted.subject', values),
        body: translate(locale, 'mail.training.promoted.body', values),
      };
    });
  await enqueueMail(ctx, tx, messages);
  return promoted.rows.map((row) => ({ enrolmentId: row.id, employeeId: row.employee_id }));
}
