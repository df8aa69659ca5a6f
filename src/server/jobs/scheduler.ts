import type { AppInstance } from '../app.js';
import { sendCertificationReminders } from '../features/certification/reminders.js';
import { sendTrainingReminders } from '../features/training-reminders/service.js';
import { sendFollowUpReminders } from '../features/plans/follow-up-reminders.js';
import { applyRetention } from '../features/messages/retention.js';

type Job = { name: string; everyMs: number; run: (app: AppInstance) => Promise<unknown> };

/** Jobs that run inside the server process. Each run is awaited before the next is scheduled. */
export const jobs: Job[] = [
  { name: 'deliver-mail', everyMs: 15_000, run: (app) => app.mailer.deliverPending() },
  // Daily reminders, each sent once: run hourly, so a restart or a missed day costs nothing.
  { name: 'training-reminders', everyMs: 3_600_000, run: (app) => sendTrainingReminders(app.appContext) },
  { name: 'certification-reminders', everyMs: 3_600_000, run: (app) => sendCertificationReminders(app.appContext) },
  { name: 'plan-follow-up-reminders', everyMs: 3_600_000, run: (app) => sendFollowUpReminders(app.appContext) },
  // Daily removal of citizens' messages past retention: what falls due on a Stockholm day goes at its first run.
  { name: 'message-retention', everyMs: 3_600_000, run: (app) => applyRetention(app.appContext) },
];

export function startJobs(app: AppInstance) {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  for (const job of jobs) {
    const tick = async () => {
      try {
        await job.run(app);
      } catch (error) {
        app.log.error({ err: error, job: job.name }, 'job failed');
      }
      if (!stopped) timers.push(setTimeout(tick, job.everyMs).unref());
    };
    timers.push(setTimeout(tick, 1_000).unref());
  }
  return {
    stop() {
      stopped = true;
      timers.forEach(clearTimeout);
    },
  };
}
