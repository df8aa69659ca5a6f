import fc from 'fast-check';
import { asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Actor } from '#server/context';
import { enrolments, trainingSessions } from '#server/db/schema/index';
import { permissionsOf } from '#shared/permissions';
import { useTestApp, testConfig } from '../../../../test/support/app.js';
import { createDatabaseContext } from '../../../../test/support/context.js';
import { buildEmployee, buildUnit, buildUser, signIn } from '../../../../test/support/factories.js';
import { buildSession } from '../../../../test/support/training.js';
import { cancel, enrol } from './service.js';
import { lockSession, promoteFromWaitingList } from './waiting-list.js';

const t = useTestApp();
const db = () => t.database.db;
const ctx = () => createDatabaseContext(t.database, t.clock, testConfig());

async function coordinatorActor(): Promise<Actor> {
  const user = await buildUser(db(), { roles: [{ role: 'training_coordinator' }] });
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    locale: 'sv',
    employeeId: null,
    roles: [{ role: 'training_coordinator', administrationId: null, unitId: null }],
    permissions: permissionsOf(['training_coordinator']),
    administrationIds: [],
    unitIds: [],
    via: 'session',
    sessionId: null,
  };
}

/** A capacity change as the sessions service makes it: under the lock, then the waiting list moves up. */
async function setCapacity(sessionId: string, capacity: number) {
  await db().transaction(async (tx) => {
    await tx.update(trainingSessions).set({ capacity }).where(eq(trainingSessions.id, sessionId));
    const locked = await lockSession(tx, sessionId);
    await promoteFromWaitingList(ctx(), tx, locked!);
  });
}

type Op = { kind: 'signUp'; person: number } | { kind: 'cancel'; person: number } | { kind: 'capacity'; capacity: number };

const people = 6;
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 0, max: people - 1 }).map((person) => ({ kind: 'signUp' as const, person })) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: people - 1 }).map((person) => ({ kind: 'cancel' as const, person })) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }).map((capacity) => ({ kind: 'capacity' as const, capacity })) },
);

/**
 * The rules as a model: a seat if one is free, else the back of the queue; a freed seat or a new one
 * goes to the first in line; a lower capacity takes no seat away but promotes nobody past it.
 */
class Model {
  enrolled: number[] = [];
  waiting: number[] = [];
  constructor(public capacity: number) {}
  private promote() {
    while (this.enrolled.length < this.capacity && this.waiting.length > 0) this.enrolled.push(this.waiting.shift()!);
  }
  apply(o: Op) {
    if (o.kind === 'signUp') {
      if (this.enrolled.includes(o.person) || this.waiting.includes(o.person)) return;
      if (this.enrolled.length < this.capacity) this.enrolled.push(o.person);
      else this.waiting.push(o.person);
    } else if (o.kind === 'cancel') {
      this.enrolled = this.enrolled.filter((p) => p !== o.person);
      this.waiting = this.waiting.filter((p) => p !== o.person);
      this.promote();
    } else {
      this.capacity = o.capacity;
      this.promote();
    }
  }
}

describe('the waiting list (property tests)', () => {
  it('never seats more than the capacity, promotes on cancel and on a capacity raise, first come first served', async () => {
    const actor = await coordinatorActor();
    const unit = await buildUnit(db());
    const staff: { id: string }[] = [];
    for (let i = 0; i < people; i++) staff.push(await buildEmployee(db(), { unitId: unit.id }));
    const index = new Map(staff.map((e, i) => [e.id, i]));

    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.array(op, { minLength: 1, maxLength: 20 }), async (capacity, ops) => {
        // Every action at the same instant: the order must come from the lock, not the clock.
        const session = await buildSession(db(), { capacity, parts: [{ date: '2026-04-01' }] });
        const model = new Model(capacity);
        for (const o of ops) {
          if (o.kind === 'signUp') {
            await enrol(ctx(), actor, session.id, { employeeIds: [staff[o.person].id] });
          } else if (o.kind === 'cancel') {
            const wasActive = model.enrolled.includes(o.person) || model.waiting.includes(o.person);
            await cancel(ctx(), actor, session.id, staff[o.person].id).then(
              () => expect(wasActive).toBe(true),
              (error: { statusCode?: number }) => expect([wasActive, error.statusCode]).toEqual([false, 404]),
            );
          } else {
            await setCapacity(session.id, o.capacity);
          }
          model.apply(o);

          const rows = await db()
            .select({ employeeId: enrolments.employeeId, status: enrolments.status })
            .from(enrolments)
            .where(eq(enrolments.sessionId, session.id))
            .orderBy(asc(enrolments.queuedAt), asc(enrolments.id));
          const enrolled = rows.filter((r) => r.status === 'enrolled').map((r) => index.get(r.employeeId)!);
          const waiting = rows.filter((r) => r.status === 'waiting').map((r) => index.get(r.employeeId)!);
          // Never more than the capacity, unless a lowered capacity left seats that were already taken.
          expect(enrolled.length).toBeLessThanOrEqual(Math.max(model.capacity, model.enrolled.length));
          // Nobody waits while a seat is free.
          if (waiting.length > 0) expect(enrolled.length).toBeGreaterThanOrEqual(model.capacity);
          expect(new Set(enrolled)).toEqual(new Set(model.enrolled));
          // The queue in the database is the queue of the model, in order.
          expect(waiting).toEqual(model.waiting);
        }
      }),
      { numRuns: 25 },
    );
  });
});

describe('fifty sign-ups at once', () => {
  it('gives exactly ten places for ten seats and puts forty on the waiting list, in distinct positions', async () => {
    const unit = await buildUnit(db());
    const session = await buildSession(db(), { capacity: 10 });
    const staff: { id: string }[] = [];
    for (let i = 0; i < 50; i++) staff.push(await buildEmployee(db(), { unitId: unit.id }));
    const { agent } = await signIn(t.app, db(), 'training_coordinator');
    await agent.csrfToken();

    const answers = await Promise.all(
      staff.map((e) => agent.post(`/api/training-sessions/${session.id}/enrolments`, { employeeIds: [e.id] })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(staff.map(() => 200));
    const bodies = answers.map((a) => a.json());
    expect(bodies.filter((b) => b.enrolledCount === 1)).toHaveLength(10);
    expect(bodies.filter((b) => b.waitingCount === 1)).toHaveLength(40);
    const positions = bodies.flatMap((b) => b.waiting.map((w: { position: number }) => w.position)).sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const rows = await db().select().from(enrolments).where(eq(enrolments.sessionId, session.id));
    expect(rows.filter((r) => r.status === 'enrolled')).toHaveLength(10);
    expect(rows.filter((r) => r.status === 'waiting')).toHaveLength(40);
    const list = (await agent.get(`/api/training-sessions/${session.id}/enrolments`)).json();
    expect(list).toMatchObject({ enrolledCount: 10, waitingCount: 40 });
  });
});
