import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { networkInvitations, networkMeetings, networkMembers, networks, users } from '#server/db/schema/index';
import { useTestApp } from '../../../../test/support/app.js';
import { Agent } from '../../../../test/support/agent.js';
import { demoPassword, loadDemo } from '../demo/service.js';

const t = useTestApp();

describe('the demo network', () => {
  it('has the certified units as members with a contact each, two years of meetings and invitations in every state', async () => {
    await loadDemo(t.app.appContext);
    const db = t.database.db;
    const [network] = await db.select().from(networks);
    expect(network.name).toBe('HBTQ-nätverket');

    const admin = new Agent(t.app);
    await admin.login('strateg@demo.example', demoPassword);
    const statuses = (await admin.get('/api/certification/units?pageSize=1000')).json();
    const certified = statuses.items
      .filter((u: { status: string }) => u.status === 'certified')
      .map((u: { unitId: string }) => u.unitId);
    expect(certified.length).toBeGreaterThan(0);

    const invitations = await db.select().from(networkInvitations);
    expect(new Set(invitations.map((i) => i.status))).toEqual(new Set(['sent', 'accepted', 'declined', 'withdrawn']));
    expect(invitations.every((i) => !certified.includes(i.unitId))).toBe(true);
    expect(invitations.filter((i) => i.status === 'declined').every((i) => i.declineReason)).toBe(true);
    const accepted = invitations.filter((i) => i.status === 'accepted').map((i) => i.unitId);

    const members = await db.select().from(networkMembers).where(eq(networkMembers.networkId, network.id));
    expect(new Set(members.map((m) => m.unitId))).toEqual(new Set([...certified, ...accepted]));
    expect(members.every((m) => m.contactUserId)).toBe(true);

    const meetings = await db.select().from(networkMeetings);
    const now = t.app.appContext.clock.now().getTime();
    const past = meetings.filter((m) => m.startsAt.getTime() < now);
    expect(past.length).toBeGreaterThanOrEqual(7);
    expect(past.every((m) => m.agenda && m.minutes)).toBe(true);
    expect(meetings.filter((m) => m.startsAt.getTime() >= now)).toHaveLength(1);

    const page = (await admin.get(`/api/networks/${network.id}`)).json();
    expect(page.files.length).toBeGreaterThan(0);
    expect(page.links.length).toBeGreaterThan(0);

    // The demo preschool manager has an invitation to answer.
    const robin = new Agent(t.app);
    await robin.login('chef.forskola@demo.example', demoPassword);
    expect((await robin.get('/api/network-invitations')).json().items.some((i: { status: string }) => i.status === 'sent')).toBe(
      true,
    );

    // A contact person given a demo account signs in and sees the network.
    const contact = members.find((m) => m.contactUserId);
    const [user] = await db.select().from(users).where(eq(users.id, contact!.contactUserId!));
    const agent = new Agent(t.app);
    await agent.login(user.email, demoPassword);
    expect((await agent.get('/api/networks')).json().items.map((n: { id: string }) => n.id)).toEqual([network.id]);
  });
});
