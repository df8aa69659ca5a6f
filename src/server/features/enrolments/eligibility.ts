import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';

/**
 * Who may sign up to a session: everyone, or, for a restricted one, the current staff of the
 * administrations and units it names. The one definition, used by sign-up and by the lists of
 * sessions open to a person. sessionId and employeeId are SQL expressions (a column or a value).
 */
export function eligibleCondition(sessionId: SQL, employeeId: SQL): SQL {
  return sql`(
    exists (select 1 from training_sessions s_el where s_el.id = ${sessionId} and s_el.eligibility = 'everyone')
    or exists (
      select 1
        from session_eligibility el
        join employees emp_el on emp_el.id = ${employeeId}
        join units unit_el on unit_el.id = emp_el.unit_id
       where el.session_id = ${sessionId}
         and (el.unit_id = emp_el.unit_id or el.administration_id = unit_el.administration_id)
    )
  )`;
}

export async function isEligible(tx: DbOrTx, sessionId: string, employeeId: string): Promise<boolean> {
  const result = await tx.execute<{ ok: boolean }>(
    sql`select ${eligibleCondition(sql`${sessionId}::uuid`, sql`${employeeId}::uuid`)} as ok`,
  );
  return result.rows[0].ok === true;
}
