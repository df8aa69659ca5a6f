import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { auditEntriesFor, signIn } from '../../../../test/support/factories.js';
import { currentSettings } from './service.js';

const t = useTestApp();

describe('training settings', () => {
  it('reads the defaults, changes only what is sent, and audits the change', async () => {
    const { agent, user } = await signIn(t.app, t.database.db, 'training_coordinator');
    expect((await agent.get('/api/training-settings')).json()).toMatchObject({ newEmployeeMonths: 3, reminderDaysBefore: 3 });
    const changed = await agent.patch('/api/training-settings', { newEmployeeMonths: 6 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ newEmployeeMonths: 6, reminderDaysBefore: 3 });
    expect(await currentSettings(t.database.db)).toEqual({ newEmployeeMonths: 6, reminderDaysBefore: 3 });
    await agent.patch('/api/training-settings', { reminderDaysBefore: 0 });
    expect(await auditEntriesFor(t.database.db, 'training_settings')).toMatchObject([
      { action: 'update', actorUserId: user.id, before: { newEmployeeMonths: 3 }, after: { newEmployeeMonths: 6 } },
      { action: 'update', before: { reminderDaysBefore: 3 }, after: { reminderDaysBefore: 0 } },
    ]);
  });

  it('refuses values out of range', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'administrator');
    for (const body of [
      { newEmployeeMonths: 0 },
      { newEmployeeMonths: 37 },
      { reminderDaysBefore: -1 },
      { reminderDaysBefore: 31 },
      { newEmployeeMonths: 2.5 },
    ]) {
      const response = await agent.patch('/api/training-settings', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
  });

  it('is read and changed only with the course permissions', async () => {
    const { agent } = await signIn(t.app, t.database.db, 'trainer');
    // Everyone may read courses, so the settings too; only coordinators and administrators change them.
    expect((await agent.get('/api/training-settings')).statusCode).toBe(200);
    expect((await agent.patch('/api/training-settings', { newEmployeeMonths: 6 })).statusCode).toBe(403);
  });
});
