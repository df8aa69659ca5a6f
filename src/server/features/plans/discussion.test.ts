import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, buildUnit, signIn } from '../../../../test/support/factories.js';
import { multipart, type Agent } from '../../../../test/support/agent.js';
import { planAttachments, planComments } from '../../db/schema/index.js';
import { translate } from '../../http/i18n.js';
import type { Plan } from '#shared/contracts/plans';
import type { PlanDiscussion } from '#shared/contracts/plan-discussion';

const t = useTestApp();
const db = () => t.database.db;
const message = (code: string) => translate('sv', `errors.${code}`);

async function unitPlan(agent: Agent, unitId: string): Promise<Plan> {
  const created = await agent.post('/api/action-plans', {
    scope: 'unit',
    unitId,
    area: 'hbtq',
    name: 'HBTQ-plan för Förskolan Solen',
    startYear: 2026,
    endYear: 2028,
  });
  expect(created.statusCode, created.body).toBe(201);
  const plan: Plan = created.json();
  const goal = (await agent.post(`/api/action-plans/${plan.id}/goals`, { title: 'Ett inkluderande bemötande' })).json();
  await agent.post(`/api/plan-goals/${goal.id}/actions`, { title: 'Normkritisk genomgång av lekmaterial' });
  return (await agent.get(`/api/action-plans/${plan.id}`)).json();
}

function attach(
  agent: Agent,
  planId: string,
  item: { itemType: string; itemId: string },
  file: { name: string; content: Uint8Array },
) {
  const { payload, headers } = multipart({ ...file, type: 'application/octet-stream' });
  return agent.request(
    'POST',
    `/api/action-plans/${planId}/attachments?itemType=${item.itemType}&itemId=${item.itemId}`,
    payload,
    { headers },
  );
}

const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xe5, 0xe4, 0xf6, 0x00, 0xff]);
const discussion = async (agent: Agent, planId: string): Promise<PlanDiscussion> =>
  (await agent.get(`/api/action-plans/${planId}/discussion`)).json();

describe('the discussion around a plan', () => {
  it('keeps comments on the plan and its items through a revision; authors change them, the plan’s writers remove them', async () => {
    const unit = await buildUnit(db(), { name: 'Förskolan Solen' });
    const other = await buildUnit(db());
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    const { agent: neighbour } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: other.id }]);
    const { agent: admin } = await signIn(t.app, db(), 'administrator');
    const plan = await unitPlan(manager, unit.id);
    const [goal] = plan.goals;
    const [action] = goal.actions;

    // Anyone who reads plans takes part: the manager of another unit comments on the goal.
    const onGoal = await neighbour.post(`/api/action-plans/${plan.id}/comments`, {
      itemType: 'goal',
      itemId: goal.id,
      body: 'Vi gjorde så här hos oss – hör av er!',
    });
    expect(onGoal.statusCode, onGoal.body).toBe(201);
    expect(onGoal.json()).toMatchObject({ itemType: 'goal', itemKey: goal.lineageId, mine: true, removable: true });
    t.clock.advance(60_000);
    const onAction = await manager.post(`/api/action-plans/${plan.id}/comments`, {
      itemType: 'action',
      itemId: action.id,
      body: 'Klart till hösten.',
    });
    expect(onAction.statusCode).toBe(201);
    t.clock.advance(60_000);
    await manager.post(`/api/action-plans/${plan.id}/comments`, { itemType: 'plan', itemId: plan.id, body: '  Antas i maj. ' });

    // An item of another plan, or an empty text, is refused with the reason beside the field.
    const elsewhere = await unitPlan(admin, other.id);
    const wrong = await manager.post(`/api/action-plans/${plan.id}/comments`, {
      itemType: 'goal',
      itemId: elsewhere.goals[0].id,
      body: 'Fel plan',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.details).toEqual([{ path: 'body.itemId', message: message('unknown_plan_item') }]);
    const empty = await manager.post(`/api/action-plans/${plan.id}/comments`, { itemType: 'plan', itemId: plan.id, body: '   ' });
    expect(empty.statusCode).toBe(400);

    // The author changes their comment; nobody else does. Removing: the author, or those who may delete the plan.
    const neighbourComment = onGoal.json().id as string;
    const notTheirs = await manager.patch(`/api/plan-comments/${neighbourComment}`, { body: 'Ändrad' });
    expect(notTheirs.statusCode).toBe(403);
    expect(notTheirs.json().error.code).toBe('not_comment_author');
    const changed = await neighbour.patch(`/api/plan-comments/${neighbourComment}`, { body: 'Vi gjorde så här – ring mig.' });
    expect(changed.json()).toMatchObject({ body: 'Vi gjorde så här – ring mig.', editedAt: expect.any(String) });
    expect((await neighbour.delete(`/api/plan-comments/${onAction.json().id}`)).statusCode).toBe(403);

    let seen = await discussion(manager, plan.id);
    expect(seen.comments.map((c) => [c.itemType, c.body])).toEqual([
      ['goal', 'Vi gjorde så här – ring mig.'],
      ['action', 'Klart till hösten.'],
      ['plan', 'Antas i maj.'],
    ]);
    // The plan's manager may delete the plan: every comment is removable for them, but only their own is theirs.
    expect(seen.comments.map((c) => [c.mine, c.removable])).toEqual([
      [false, true],
      [true, true],
      [true, true],
    ]);
    expect((await discussion(neighbour, plan.id)).canAttach).toBe(false);

    // A revision keeps the discussion: the new version's goal has the same lineage.
    await manager.post(`/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2026-02-20', adoptedBy: 'Enhetschefen' });
    const v2: Plan = (await manager.post(`/api/action-plans/${plan.id}/revise`, { changeNote: 'Nytt år' })).json();
    expect(v2.goals[0].lineageId).toBe(goal.lineageId);
    seen = await discussion(manager, v2.id);
    expect(seen.comments.filter((c) => c.itemKey === v2.goals[0].lineageId)).toHaveLength(1);
    expect(seen.comments.find((c) => c.itemType === 'plan')!.itemKey).toBe(v2.seriesId);

    expect((await admin.delete(`/api/plan-comments/${neighbourComment}`)).statusCode).toBe(204);
    expect((await discussion(manager, v2.id)).comments).toHaveLength(2);
    expect((await auditEntriesFor(db(), 'action_plan', plan.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['comment', 'update_comment']),
    );
    expect((await auditEntriesFor(db(), 'action_plan', v2.id)).map((e) => e.action)).toContain('remove_comment');
  });

  it('takes attachments from those who may change the plan, gives them back byte for byte, and refuses what is not a document', async () => {
    const unit = await buildUnit(db());
    const { agent: manager } = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    const { agent: reader } = await signIn(t.app, db(), 'training_coordinator');
    const plan = await unitPlan(manager, unit.id);

    const created = await attach(
      manager,
      plan.id,
      { itemType: 'plan', itemId: plan.id },
      { name: 'Protokoll APT.pdf', content: pdf },
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      fileName: 'Protokoll APT.pdf',
      contentType: 'application/pdf',
      size: pdf.byteLength,
      itemKey: plan.seriesId,
    });
    const id = created.json().id as string;

    const download = await reader.get(`/api/plan-attachments/${id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(new Uint8Array(download.rawPayload)).toEqual(pdf);

    // A reader may not attach; a script is not a document; an item not of the plan is refused.
    expect(
      (await attach(reader, plan.id, { itemType: 'plan', itemId: plan.id }, { name: 'a.pdf', content: pdf })).statusCode,
    ).toBe(403);
    const script = await attach(manager, plan.id, { itemType: 'plan', itemId: plan.id }, { name: 'x.html', content: pdf });
    expect(script.statusCode).toBe(415);
    expect(script.json().error.code).toBe('attachment_file_type');
    const unknown = await attach(manager, plan.id, { itemType: 'goal', itemId: plan.id }, { name: 'a.pdf', content: pdf });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details).toEqual([{ path: 'querystring.itemId', message: message('unknown_plan_item') }]);
    expect((await discussion(reader, plan.id)).attachments.map((a) => [a.fileName, a.removable])).toEqual([
      ['Protokoll APT.pdf', false],
    ]);

    expect((await reader.delete(`/api/plan-attachments/${id}`)).statusCode).toBe(403);
    expect((await manager.delete(`/api/plan-attachments/${id}`)).statusCode).toBe(204);
    expect((await reader.get(`/api/plan-attachments/${id}`)).statusCode).toBe(404);
    expect((await auditEntriesFor(db(), 'action_plan', plan.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(['attach', 'detach']),
    );
  });

  it('goes with a draft plan deleted as its only version', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    const unit = await buildUnit(db());
    const plan = await unitPlan(agent, unit.id);
    await agent.post(`/api/action-plans/${plan.id}/comments`, { itemType: 'plan', itemId: plan.id, body: 'Utkast' });
    await attach(agent, plan.id, { itemType: 'goal', itemId: plan.goals[0].id }, { name: 'Underlag.txt', content: pdf });
    expect((await agent.delete(`/api/action-plans/${plan.id}`)).statusCode).toBe(204);
    expect(await db().select().from(planComments).where(eq(planComments.seriesId, plan.seriesId))).toEqual([]);
    expect(await db().select().from(planAttachments).where(eq(planAttachments.seriesId, plan.seriesId))).toEqual([]);
  });
});
