import { describe, expect, it } from 'vitest';
import { citizenMessages } from '#server/db/schema/index';
import type { MessageStatistics } from '#shared/contracts/messages';
import { useTestApp } from '../../../../test/support/app.js';
import { buildAdministration, signIn } from '../../../../test/support/factories.js';
import { newReceiptCode } from './service.js';

const t = useTestApp();
const db = () => t.database.db;

const day = 86_400_000;
const secret = 'Hemligt: jag heter Kim och bor på Storgatan 1.';

type Seed = {
  createdAt: string;
  kind?: string;
  subject?: string;
  administrationId?: string | null;
  /** Days after arrival it was acknowledged / answered, if it was. */
  acknowledgedAfter?: number;
  answeredAfter?: number;
  closed?: boolean;
  hateful?: boolean;
};

/** Targets: acknowledge within 2 days, answer within 10 (calendar days here: the stored due times are what count). */
async function seed(s: Seed) {
  const createdAt = new Date(s.createdAt);
  const at = (days?: number) => (days === undefined ? null : new Date(createdAt.getTime() + days * day));
  const answeredAt = at(s.answeredAfter);
  await db()
    .insert(citizenMessages)
    .values({
      code: newReceiptCode(),
      kind: s.kind ?? 'problem',
      subject: s.subject ?? 'hbtq',
      administrationId: s.administrationId ?? null,
      text: secret,
      contactName: 'Kim',
      contactEmail: 'kim@example.se',
      status: s.closed ? 'closed' : answeredAt ? 'answered' : s.acknowledgedAfter !== undefined ? 'in_progress' : 'new',
      hateful: s.hateful ?? false,
      createdAt,
      acknowledgeBy: new Date(createdAt.getTime() + 2 * day),
      answerBy: new Date(createdAt.getTime() + 10 * day),
      acknowledgedAt: at(s.acknowledgedAfter ?? s.answeredAfter),
      answer: answeredAt ? 'Svar' : null,
      answeredAt,
      closedAt: s.closed ? new Date(createdAt.getTime() + 20 * day) : null,
    });
}

describe('message statistics', () => {
  it('counts per kind, subject, status, administration and month, and the share answered in time, hand-computed; scoped as the inbox; no text', async () => {
    const north = await buildAdministration(db(), { name: 'Norra förvaltningen' });
    const south = await buildAdministration(db(), { name: 'Södra förvaltningen' });
    t.clock.set('2026-03-15T12:00:00Z');
    // January: north answered in time (day 5), north answered late (day 12), south never answered (due passed).
    await seed({
      createdAt: '2026-01-05T10:00:00Z',
      kind: 'wish',
      subject: 'gender_equality',
      administrationId: north.id,
      answeredAfter: 5,
      closed: true,
    });
    await seed({
      createdAt: '2026-01-20T10:00:00Z',
      kind: 'problem',
      administrationId: north.id,
      acknowledgedAfter: 3,
      answeredAfter: 12,
    });
    await seed({ createdAt: '2026-01-25T10:00:00Z', kind: 'problem', administrationId: south.id, acknowledgedAfter: 1 });
    // 31 January 23:30 in Stockholm is 22:30 UTC: January. 1 February 00:30 in Stockholm is 23:30 UTC on 31 January: February.
    await seed({ createdAt: '2026-01-31T22:30:00Z', kind: 'praise', subject: 'other', answeredAfter: 1 });
    await seed({
      createdAt: '2026-01-31T23:30:00Z',
      kind: 'thought',
      subject: 'other',
      administrationId: north.id,
      hateful: true,
    });
    // March: new, its answer target (25 March) not passed yet: not judged; acknowledge target passed.
    await seed({ createdAt: '2026-03-10T10:00:00Z', kind: 'wish', administrationId: south.id });
    // Outside the range asked for.
    await seed({ createdAt: '2025-12-31T10:00:00Z', kind: 'wish', administrationId: north.id, answeredAfter: 1 });

    const { agent } = await signIn(t.app, db(), 'administrator');
    const response = await agent.get('/api/messages/statistics?from=2026-01&to=2026-03');
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json() as MessageStatistics;
    expect(stats).toEqual<MessageStatistics>({
      from: '2026-01',
      to: '2026-03',
      total: 6,
      hateful: 1,
      // Judged: the three of north/south in January and the praise (answered); not the hateful one, not March's.
      answerDue: 4,
      answeredOnTime: 2,
      answeredOnTimeShare: 0.5,
      // Acknowledged: the wish on day 5 (with its answer: late), north's problem on day 3 (late), south's problem
      // and the praise on day 1 (in time); March's new one is past its acknowledge target (late).
      acknowledgeDue: 5,
      acknowledgedOnTime: 2,
      acknowledgedOnTimeShare: 0.4,
      byKind: [
        { kind: 'wish', count: 2 },
        { kind: 'thought', count: 1 },
        { kind: 'problem', count: 2 },
        { kind: 'praise', count: 1 },
      ],
      bySubject: [
        { subject: 'gender_equality', count: 1 },
        { subject: 'hbtq', count: 3 },
        { subject: 'other', count: 2 },
        { subject: 'accessibility', count: 0 },
      ],
      byStatus: [
        { status: 'new', count: 2 },
        { status: 'in_progress', count: 1 },
        { status: 'answered', count: 2 },
        { status: 'closed', count: 1 },
      ],
      byAdministration: [
        {
          administrationId: north.id,
          name: 'Norra förvaltningen',
          count: 3,
          answerDue: 2,
          answeredOnTime: 1,
          answeredOnTimeShare: 0.5,
        },
        {
          administrationId: south.id,
          name: 'Södra förvaltningen',
          count: 2,
          answerDue: 1,
          answeredOnTime: 0,
          answeredOnTimeShare: 0,
        },
        { administrationId: null, name: null, count: 1, answerDue: 1, answeredOnTime: 1, answeredOnTimeShare: 1 },
      ],
      byMonth: [
        { month: '2026-01', count: 4, answerDue: 4, answeredOnTime: 2, answeredOnTimeShare: 0.5 },
        { month: '2026-02', count: 1, answerDue: 0, answeredOnTime: 0, answeredOnTimeShare: null },
        { month: '2026-03', count: 1, answerDue: 0, answeredOnTime: 0, answeredOnTimeShare: null },
      ],
    });
    expect(response.body).not.toContain('Hemligt');
    expect(response.body).not.toContain('kim@example.se');

    // A process leader: their administration's only.
    const leader = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: south.id }]);
    const scoped = (await leader.agent.get('/api/messages/statistics?from=2026-01&to=2026-03')).json() as MessageStatistics;
    expect(scoped).toMatchObject({ total: 2, hateful: 0, answerDue: 1, answeredOnTime: 0 });
    expect(scoped.byAdministration).toEqual([
      {
        administrationId: south.id,
        name: 'Södra förvaltningen',
        count: 2,
        answerDue: 1,
        answeredOnTime: 0,
        answeredOnTimeShare: 0,
      },
    ]);

    // The CSV: counts and the fixed names of groups, nothing anyone wrote.
    const csv = await agent.get('/api/messages/statistics.csv?from=2026-01&to=2026-03');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain('messages-statistics-2026-01-2026-03.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Avsnitt;Grupp;Antal;Svar förfallna;Besvarade i tid;Andel i tid (%)');
    expect(lines).toContain('Totalt;2026-01 – 2026-03;6;4;2;50');
    expect(lines).toContain('Förvaltning;Norra förvaltningen;3;2;1;50');
    expect(lines).toContain('Förvaltning;Ingen förvaltning vald;1;1;1;100');
    expect(lines).toContain('Månad;2026-02;1;0;0;');
    expect(lines).toContain('Sort;Önskemål;2;;;');
    expect(csv.body).not.toContain('Hemligt');
    expect(csv.body).not.toContain('Svar;');
    const leaderCsv = await leader.agent.get('/api/messages/statistics.csv?from=2026-01&to=2026-03');
    expect(leaderCsv.body).not.toContain('Norra');
  });

  it('defaults to the twelve months up to this one, and refuses a range backwards or over ten years', async () => {
    t.clock.set('2026-03-15T12:00:00Z');
    const { agent } = await signIn(t.app, db(), 'administrator');
    const stats = (await agent.get('/api/messages/statistics')).json() as MessageStatistics;
    expect([stats.from, stats.to, stats.byMonth.length]).toEqual(['2025-04', '2026-03', 12]);
    expect(stats.byMonth.every((m) => m.count === 0)).toBe(true);
    expect((await agent.get('/api/messages/statistics?from=2026-03&to=2026-01')).statusCode).toBe(400);
    expect((await agent.get('/api/messages/statistics?from=2010-01&to=2026-01')).statusCode).toBe(400);
    expect((await agent.get('/api/messages/statistics?from=2026-13')).statusCode).toBe(400);
  });

  it('is refused to those who do not read messages', async () => {
    for (const role of ['unit_manager', 'employee', 'training_coordinator'] as const) {
      const { agent } = await signIn(t.app, db(), role);
      expect((await agent.get('/api/messages/statistics')).statusCode, role).toBe(403);
      expect((await agent.get('/api/messages/statistics.csv')).statusCode, role).toBe(403);
    }
  });
});
