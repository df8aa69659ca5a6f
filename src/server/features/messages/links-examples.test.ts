import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { citizenMessageExamples, citizenMessages } from '#server/db/schema/index';
import type {
  ActionMessages,
  LinkableActions,
  MessageDetail,
  MessageStatistics,
  PublicExamples,
} from '#shared/contracts/messages';
import type { Plan } from '#shared/contracts/plans';
import { useTestApp } from '../../../../test/support/app.js';
import type { Agent } from '../../../../test/support/agent.js';
import { auditEntriesFor, buildAdministration, buildUnit, signIn } from '../../../../test/support/factories.js';
import { translate } from '../../http/i18n.js';
import { applyRetention } from './retention.js';
import { newReceiptCode } from './service.js';

const t = useTestApp({ config: { rateLimits: { login: 30, public: 12 } } });
const db = () => t.database.db;
const message = (code: string) => translate('sv', `errors.${code}`);

let addresses = 0;
const nextAddress = () => {
  addresses += 1;
  return `10.7.${Math.floor(addresses / 250)}.${(addresses % 250) + 1}`;
};

/** A message as it arrived, straight into the table (the public form has its own tests). */
async function stored(values: Partial<typeof citizenMessages.$inferInsert> = {}) {
  const now = t.clock.now();
  const [row] = await db()
    .insert(citizenMessages)
    .values({
      code: newReceiptCode(),
      kind: 'problem',
      subject: 'hbtq',
      text: 'Jag heter Kim Lindqvist. Blanketten på fritidsgården frågar efter kön med bara två val.',
      createdAt: now,
      acknowledgeBy: new Date(now.getTime() + 2 * 86_400_000),
      answerBy: new Date(now.getTime() + 14 * 86_400_000),
      ...values,
    })
    .returning();
  return row;
}

async function planWithAction(agent: Agent, place: Record<string, unknown>, name: string, action: string): Promise<Plan> {
  const created = await agent.post('/api/action-plans', { area: 'hbtq', name, startYear: 2026, endYear: 2028, ...place });
  expect(created.statusCode, created.body).toBe(201);
  const plan: Plan = created.json();
  const goal = (await agent.post(`/api/action-plans/${plan.id}/goals`, { title: 'Inkluderande blanketter' })).json();
  expect((await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: action })).statusCode).toBe(201);
  return (await agent.get(`/api/action-plans/${plan.id}`)).json();
}

const ok = <T>(response: { statusCode: number; body: string; json: () => unknown }, status = 200): T => {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
};

describe('linking a message to an action of a plan', () => {
  it('links by the action’s lineage, within the actor’s reach, audited, shown on the plan through versions', async () => {
    const north = await buildAdministration(db(), { name: 'Norra förvaltningen' });
    const south = await buildAdministration(db(), { name: 'Södra förvaltningen' });
    const southUnit = await buildUnit(db(), { administrationId: south.id, name: 'Södra skolan' });
    const { agent: admin } = await signIn(t.app, db(), 'administrator');
    const { agent: leader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: north.id }], {
      name: 'Nora Norr',
    });
    const { agent: southLeader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: south.id }]);
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: southUnit.id }]);

    const municipal = await planWithAction(admin, { scope: 'municipality' }, 'Kommunens HBTQ-plan', 'Se över alla blanketter');
    const northPlan = await planWithAction(
      admin,
      { scope: 'administration', administrationId: north.id },
      'Norras jämställdhetsplan',
      'Könsneutrala blanketter på fritidsgårdarna',
    );
    const southPlan = await planWithAction(
      admin,
      { scope: 'unit', unitId: southUnit.id },
      'Södra skolans plan',
      'Blanketter i elevhälsan',
    );
    const northAction = northPlan.goals[0].actions[0];
    const southAction = southPlan.goals[0].actions[0];
    const row = await stored({ administrationId: north.id });

    // The process leader finds the municipality's and their administration's actions, not the south's.
    const found = ok<LinkableActions>(await leader.get('/api/messages/linkable-actions?q=blanketter'));
    expect(found.items.map((i) => i.actionTitle).sort()).toEqual([
      'Könsneutrala blanketter på fritidsgårdarna',
      'Se över alla blanketter',
    ]);
    expect(found.items.find((i) => i.actionId === northAction.id)).toMatchObject({
      actionLineageId: northAction.lineageId,
      planName: 'Norras jämställdhetsplan',
      goalTitle: 'Inkluderande blanketter',
      planStatus: 'draft',
      ownerName: 'Norra förvaltningen',
    });
    const byPlanName = ok<LinkableActions>(await leader.get('/api/messages/linkable-actions?q=norras'));
    expect(byPlanName.items.map((i) => i.actionId)).toEqual([northAction.id]);
    // The administrator reaches every plan, the unit's too.
    const all = ok<LinkableActions>(await admin.get('/api/messages/linkable-actions?q=blanketter'));
    expect(all.items).toHaveLength(3);
    // One who does not handle messages may not search.
    expect((await manager.get('/api/messages/linkable-actions?q=blanketter')).statusCode).toBe(403);

    const linked = ok<MessageDetail>(await leader.post(`/api/messages/${row.id}/links`, { actionId: northAction.id }));
    expect(linked.links).toEqual([
      expect.objectContaining({
        actionId: northAction.id,
        actionLineageId: northAction.lineageId,
        actionTitle: 'Könsneutrala blanketter på fritidsgårdarna',
        planId: northPlan.id,
        planVersion: 1,
        linkedByName: 'Nora Norr',
      }),
    ]);
    // Twice is refused; an action out of reach is refused beside the field; an unknown one too.
    const twice = await leader.post(`/api/messages/${row.id}/links`, { actionId: northAction.id });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'message_link_exists', message: message('message_link_exists') });
    const outOfReach = await leader.post(`/api/messages/${row.id}/links`, { actionId: southAction.id });
    expect(outOfReach.statusCode).toBe(400);
    expect(outOfReach.json().error.details).toEqual([{ path: 'body.actionId', message: message('message_action_not_linkable') }]);
    expect((await leader.post(`/api/messages/${row.id}/links`, { actionId: 'nope' })).statusCode).toBe(400);
    // The south's leader may not handle the north's message at all.
    expect((await southLeader.post(`/api/messages/${row.id}/links`, { actionId: southAction.id })).statusCode).toBe(403);
    // Several links: the municipal action and, by the administrator, the unit's.
    ok(await leader.post(`/api/messages/${row.id}/links`, { actionId: municipal.goals[0].actions[0].id }));
    const three = ok<MessageDetail>(await admin.post(`/api/messages/${row.id}/links`, { actionId: southAction.id }));
    expect(three.links).toHaveLength(3);

    // A new version of the north's plan: the link stays, shown in the newest version holding the action.
    ok(await admin.post(`/api/action-plans/${northPlan.id}/adopt`, { adoptedOn: '2026-02-20', adoptedBy: 'Nämnden' }));
    const v2 = ok<Plan>(await admin.post(`/api/action-plans/${northPlan.id}/revise`, { changeNote: 'Nytt år' }), 201);
    const v2Action = v2.goals[0].actions[0];
    expect(v2Action.lineageId).toBe(northAction.lineageId);
    const detail = ok<MessageDetail>(await leader.get(`/api/messages/${row.id}`));
    expect(detail.links.find((l) => l.actionLineageId === northAction.lineageId)).toMatchObject({
      actionId: v2Action.id,
      planId: v2.id,
      planVersion: 2,
      planStatus: 'draft',
    });
    // Searching offers the lineage once, in its adopted version.
    const again = ok<LinkableActions>(await leader.get('/api/messages/linkable-actions?q=fritidsgårdarna'));
    expect(again.items).toEqual([expect.objectContaining({ actionId: northAction.id, planStatus: 'adopted' })]);

    // The plan's actions show their messages: both versions, the count for every plan reader, the
    // messages (no text) only to those who may read them.
    const forLeader = ok<ActionMessages>(await leader.get(`/api/messages/action-links?planId=${v2.id}`));
    expect(forLeader.items).toEqual([
      {
        actionLineageId: northAction.lineageId,
        count: 1,
        messages: [{ id: row.id, kind: 'problem', subject: 'hbtq', status: 'new', createdAt: row.createdAt.toISOString() }],
      },
    ]);
    expect(JSON.stringify(forLeader)).not.toContain('Lindqvist');
    const onV1 = ok<ActionMessages>(await admin.get(`/api/messages/action-links?planId=${northPlan.id}`));
    expect(onV1.items[0].count).toBe(1);
    const forManager = ok<ActionMessages>(await manager.get(`/api/messages/action-links?planId=${southPlan.id}`));
    expect(forManager.items).toEqual([{ actionLineageId: southAction.lineageId, count: 1, messages: [] }]);
    const forSouth = ok<ActionMessages>(await southLeader.get(`/api/messages/action-links?planId=${southPlan.id}`));
    expect(forSouth.items[0]).toMatchObject({ count: 1, messages: [] });
    expect((await admin.get(`/api/messages/action-links?planId=${row.id}`)).statusCode).toBe(404);

    // Removing a link; a link of another message or an unknown one is 404.
    const municipalLink = three.links.find((l) => l.planId === municipal.id)!;
    const other = await stored({ administrationId: north.id });
    expect((await leader.delete(`/api/messages/${other.id}/links/${municipalLink.id}`)).statusCode).toBe(404);
    const after = ok<MessageDetail>(await leader.delete(`/api/messages/${row.id}/links/${municipalLink.id}`));
    expect(after.links.map((l) => l.planId).sort()).toEqual([southPlan.id, v2.id].sort());
    expect((await leader.delete(`/api/messages/${row.id}/links/${municipalLink.id}`)).statusCode).toBe(404);

    const audit = await auditEntriesFor(db(), 'citizen_message', row.id);
    const links = audit.filter((a) => a.action === 'link' || a.action === 'unlink');
    expect(links.map((a) => a.action)).toEqual(['link', 'link', 'link', 'unlink']);
    expect(links[0].after).toMatchObject({ actionLineageId: northAction.lineageId, actionId: northAction.id });
    expect(links[3].before).toMatchObject({ link: municipalLink.id, actionLineageId: municipalLink.actionLineageId });
    expect(JSON.stringify(links)).not.toContain('Lindqvist');
  });
});

describe('publishing an answer among the examples', () => {
  it('publishes an edited wording without the sender’s name or email, never a hateful message; unpublishes', async () => {
    const north = await buildAdministration(db());
    const { agent: leader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: north.id }]);
    const row = await stored({ administrationId: north.id, contactName: 'Kim Lindqvist', contactEmail: 'kim.l@example.se' });
    const question = 'Blanketten på fritidsgården frågar efter kön med bara två val.';
    const answer = 'Tack! Vi tar bort frågan om kön från blanketten under våren.';

    const early = await leader.put(`/api/messages/${row.id}/example`, { question, answer });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('message_not_answered');
    ok(await leader.post(`/api/messages/${row.id}/answer`, { text: `Hej Kim! ${answer}` }));

    // The sender's name or email in the public wording is refused, each beside its field.
    const named = await leader.put(`/api/messages/${row.id}/example`, {
      question: `Jag heter Kim Lindqvist. ${question}`,
      answer: `${answer} Skriv till kim.L@example.se.`,
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.details).toEqual([
      { path: 'body.question', message: message('example_contains_contact') },
      { path: 'body.answer', message: message('example_contains_contact') },
    ]);
    expect((await leader.put(`/api/messages/${row.id}/example`, { question: 'Hej kim,', answer })).statusCode).toBe(400);
    expect((await leader.put(`/api/messages/${row.id}/example`, { question: '', answer })).statusCode).toBe(400);

    const published = ok<MessageDetail>(await leader.put(`/api/messages/${row.id}/example`, { question, answer }));
    expect(published.example).toMatchObject({ question, answer, publishedAt: t.clock.now().toISOString() });
    const examples = ok<PublicExamples>(await t.app.inject({ method: 'GET', url: '/api/public/messages/examples' }));
    expect(examples.items).toEqual([
      { kind: 'problem', subject: 'hbtq', question, answer, publishedAt: t.clock.now().toISOString() },
    ]);
    const page = await t.app.inject({ method: 'GET', url: '/feedback/examples?lang=sv' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('fritidsgården frågar efter kön');
    expect(page.body).toContain(translate('sv', 'messages.examples.title'));
    const english = await t.app.inject({ method: 'GET', url: '/feedback/examples?lang=en' });
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain(translate('en', 'messages.examples.answer'));
    for (const text of [JSON.stringify(examples), page.body, english.body]) {
      expect(text).not.toContain('Lindqvist');
      expect(text).not.toContain('kim.l@example.se');
      expect(text).not.toContain(row.code);
      expect(text).not.toContain(row.id);
    }

    // Changing the wording keeps the date it was published.
    t.clock.advance(60_000);
    const changed = ok<MessageDetail>(
      await leader.put(`/api/messages/${row.id}/example`, { question, answer: `${answer} Nu klart.` }),
    );
    expect(changed.example).toMatchObject({ answer: `${answer} Nu klart.`, publishedAt: published.example!.publishedAt });

    // Marked hateful: the example goes at once, and it cannot be published again.
    const hateful = ok<MessageDetail>(await leader.put(`/api/messages/${row.id}/hateful`, { hateful: true }));
    expect(hateful.example).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/public/messages/examples' })).json().items).toEqual([]);
    const refused = await leader.put(`/api/messages/${row.id}/example`, { question, answer });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('message_hateful');

    // Unmarked, published again, then taken off.
    ok(await leader.put(`/api/messages/${row.id}/hateful`, { hateful: false }));
    ok(await leader.put(`/api/messages/${row.id}/example`, { question, answer }));
    const off = ok<MessageDetail>(await leader.delete(`/api/messages/${row.id}/example`));
    expect(off.example).toBeNull();
    expect((await t.app.inject({ method: 'GET', url: '/api/public/messages/examples' })).json().items).toEqual([]);
    expect((await leader.delete(`/api/messages/${row.id}/example`)).statusCode).toBe(404);
    const empty = await t.app.inject({ method: 'GET', url: '/feedback/examples' });
    expect(empty.body).toContain(translate('sv', 'messages.examples.none'));

    const actions = (await auditEntriesFor(db(), 'citizen_message', row.id)).map((a) => a.action);
    expect(actions.filter((a) => a === 'publish' || a === 'unpublish')).toEqual([
      'publish',
      'publish',
      'unpublish',
      'publish',
      'unpublish',
    ]);
    const entries = JSON.stringify(await auditEntriesFor(db(), 'citizen_message', row.id));
    expect(entries).not.toContain('fritidsgården frågar');
  });

  it('another administration’s process leader may not publish; the retention job takes the example with the text', async () => {
    const north = await buildAdministration(db());
    const south = await buildAdministration(db());
    const { agent: admin } = await signIn(t.app, db(), 'administrator');
    const { agent: southLeader } = await signIn(t.app, db(), [{ role: 'process_leader', administrationId: south.id }]);
    const row = await stored({ administrationId: north.id });
    ok(await admin.post(`/api/messages/${row.id}/answer`, { text: 'Vi ändrar blanketten.' }));
    const body = { question: 'En blankett frågar efter kön.', answer: 'Vi ändrar blanketten.' };
    expect((await southLeader.put(`/api/messages/${row.id}/example`, body)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: `/api/messages/${row.id}/example`, payload: body })).statusCode).toBe(401);
    ok(await admin.put(`/api/messages/${row.id}/example`, body));
    ok(await admin.post(`/api/messages/${row.id}/close`));

    // Default periods: the text goes 730 days after closing, and its example with it.
    t.clock.advance(729 * 86_400_000);
    expect((await applyRetention(t.app.appContext)).examplesRemoved).toBe(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/messages/examples' })).json().items).toHaveLength(1);
    t.clock.advance(2 * 86_400_000);
    const result = await applyRetention(t.app.appContext);
    expect(result).toMatchObject({ textsRemoved: 1, examplesRemoved: 1 });
    expect(await db().select().from(citizenMessageExamples).where(eq(citizenMessageExamples.messageId, row.id))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/public/messages/examples' })).json().items).toEqual([]);
    // (The sessions of two years ago have expired: sign in again.)
    const { agent: later } = await signIn(t.app, db(), 'administrator');
    const removed = await later.put(`/api/messages/${row.id}/example`, body);
    expect(removed.statusCode).toBe(409);
    expect(removed.json().error.code).toBe('message_text_removed');
    const retention = await auditEntriesFor(db(), 'citizen_message_retention');
    expect(retention.at(-1)!.after).toMatchObject({ textsRemoved: 1, examplesRemoved: 1 });
  });
});

describe('accessibility problems', () => {
  it('the subject accessibility: preselected by /feedback?subject=accessibility, routed to the administrators, counted', async () => {
    const north = await buildAdministration(db());
    await signIn(t.app, db(), [{ role: 'process_leader', administrationId: north.id }]);
    const { agent: admin } = await signIn(t.app, db(), 'administrator');

    const page = await t.app.inject({ method: 'GET', url: '/feedback?subject=accessibility&lang=en' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="accessibility" checked/);
    expect(page.body).toContain(translate('en', 'messages.subjects.accessibility'));
    const plain = await t.app.inject({ method: 'GET', url: '/feedback?subject=nonsense' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toMatch(/checked/);

    const address = nextAddress();
    const form = await t.app.inject({ method: 'GET', url: '/api/public/messages/form', remoteAddress: address });
    t.clock.advance(5000);
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/public/messages',
      remoteAddress: address,
      payload: {
        kind: 'problem',
        subject: 'accessibility',
        administrationId: north.id,
        text: 'Knappen Skicka går inte att nå med tangentbordet.',
        formToken: form.json().formToken,
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().subject).toBe('accessibility');
    const [row] = await db().select().from(citizenMessages).where(eq(citizenMessages.code, sent.json().code));
    // Not to the administration's process leader: the administrators answer for the web pages.
    expect(row.assignedUserId).toBeNull();
    expect(row.subject).toBe('accessibility');

    const stats = ok<MessageStatistics>(await admin.get('/api/messages/statistics'));
    expect(stats.bySubject).toContainEqual({ subject: 'accessibility', count: 1 });
    const list = ok<{ items: { id: string }[] }>(await admin.get('/api/messages?subject=accessibility'));
    expect(list.items.map((i) => i.id)).toEqual([row.id]);
  });
});
