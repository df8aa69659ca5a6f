import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { signIn } from '../../../../test/support/factories.js';
import type { Agent } from '../../../../test/support/agent.js';
import { pdfStructure, pdfText } from '../../../../test/support/pdf.js';
import { translate } from '../../http/i18n.js';
import type { Plan } from '#shared/contracts/plans';
import type { FollowUpPeriod } from '#shared/contracts/plan-follow-up';
import type { ReportExport } from '#shared/contracts/plan-report';

/**
 * The document writer, made to fail (every export written while `failing.on`) or to wait (until
 * `failing.hold` resolves) for a test.
 */
const failing = vi.hoisted(() => ({ on: false, hold: null as Promise<void> | null }));
vi.mock('./report-documents.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./report-documents.js')>();
  return {
    ...original,
    renderReport: async (...args: Parameters<typeof original.renderReport>) => {
      if (failing.hold) await failing.hold;
      if (failing.on) {
        args[3]?.({ done: 1, total: 3, pages: 1 });
        throw new Error('the disk is full');
      }
      return original.renderReport(...args);
    },
  };
});

const t = useTestApp();
const db = () => t.database.db;

async function ok<T>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200): Promise<T> {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return r.json() as T;
}

/** Three adopted municipal plans, each with a goal, an action and an indicator, and 2025's periods. */
async function setting() {
  const { agent, user } = await signIn(t.app, db(), 'administrator');
  for (const name of ['Jämställdhetsplan', 'HBTQ-plan', 'Tillgänglighetsplan']) {
    const plan = await ok<Plan>(
      agent.post('/api/action-plans', { scope: 'municipality', area: 'gender_equality', name, startYear: 2024, endYear: 2027 }),
      201,
    );
    const goal = await ok<{ id: string }>(agent.post(`/api/action-plans/${plan.id}/goals`, { title: `Mål i ${name}` }), 201);
    await ok(agent.post(`/api/plan-goals/${goal.id}/actions`, { title: `Åtgärd i ${name}` }), 201);
    await ok(
      agent.post(`/api/plan-goals/${goal.id}/indicators`, {
        name: `Andel heltid, ${name}`,
        measure: 'percent',
        direction: 'higher',
        target: 80,
        aboutPeople: true,
      }),
      201,
    );
    await ok(agent.post(`/api/action-plans/${plan.id}/adopt`, { adoptedOn: '2023-12-11', adoptedBy: 'Kommunfullmäktige' }));
  }
  await ok(agent.post('/api/plans/periods/defaults', { year: 2025 }), 201);
  const { items } = await ok<{ items: FollowUpPeriod[] }>(agent.get('/api/plans/periods?year=2025'));
  return { agent, user, period: items.find((p) => p.name === 'Helår')! };
}

/** Asks for the export until it is no longer being gathered or written (as the page does, every 50 ms here). */
async function finished(agent: Agent, id: string) {
  const seen: ReportExport[] = [];
  for (let i = 0; i < 400; i++) {
    const job = await ok<ReportExport>(agent.get(`/api/plan-reports/exports/${id}`));
    seen.push(job);
    if (job.phase === 'done' || job.phase === 'failed') return { job, seen };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the export did not finish in 20 s');
}

describe('the report export in the background', () => {
  it('starts at once, reports its progress to 100 %, and gives the PDF with the report’s text to the person who started it', async () => {
    const { agent, period } = await setting();
    const started = await ok<ReportExport>(
      agent.post('/api/plan-reports/exports', { periodId: period.id, scope: 'municipality', format: 'pdf' }),
      202,
    );
    expect(started).toMatchObject({
      format: 'pdf',
      phase: 'gathering',
      periodId: period.id,
      scope: 'municipality',
      fileName: null,
      error: null,
    });

    const { job, seen } = await finished(agent, started.id);
    expect(job).toMatchObject({
      phase: 'done',
      title: 'Uppföljning Helår 2025: Hela kommunen',
      done: 3,
      total: 3,
      fileName: 'Uppföljning Helår 2025 Hela kommunen.pdf',
      error: null,
    });
    expect(job.pages).toBeGreaterThan(0);
    expect(job.fileSize).toBeGreaterThan(1000);
    expect(job.finishedAt).not.toBeNull();
    // Progress only moves forward.
    const done = seen.map((j) => j.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    // The person's list holds it.
    const list = await ok<{ items: ReportExport[] }>(agent.get('/api/plan-reports/exports'));
    expect(list.items.map((j) => j.id)).toContain(started.id);

    const file = await agent.get(`/api/plan-reports/exports/${started.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(String(file.headers['content-disposition'])).toContain('.pdf');
    expect(file.headers['cache-control']).toBe('private, no-store');
    expect(file.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(file.rawPayload).replace(/\s+/g, ' ');
    for (const piece of [
      'Uppföljning Helår 2025: Hela kommunen',
      'Jämställdhetsplan',
      'Mål i HBTQ-plan',
      'Åtgärd i Tillgänglighetsplan',
      'Andel heltid, Jämställdhetsplan',
      '3 planer',
    ])
      expect(text).toContain(piece);
    const structure = pdfStructure(file.rawPayload);
    expect(structure).toMatchObject({ marked: true, structTreeRoot: true, lang: 'sv-SE', title: job.title });

    // The same export as Word, in English.
    const word = await ok<ReportExport>(
      agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'docx', lang: 'en' }),
      202,
    );
    const wordDone = await finished(agent, word.id);
    expect(wordDone.job).toMatchObject({ phase: 'done', fileName: 'Follow-up Helår 2025 The whole municipality.docx' });
    const docx = await agent.get(`/api/plan-reports/exports/${word.id}/file`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('keeps one person’s export from another, checks the request first, and reports a failure instead of hanging', async () => {
    const { agent, period } = await setting();
    const started = await ok<ReportExport>(agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'xlsx' }), 202);
    await finished(agent, started.id);

    // Another reader of plans neither sees it nor gets its file; nor does an administrator.
    const { agent: other } = await signIn(t.app, db(), 'unit_manager');
    const { agent: admin } = await signIn(t.app, db(), 'administrator');
    for (const someone of [other, admin]) {
      const seen = await someone.get(`/api/plan-reports/exports/${started.id}`);
      expect(seen.statusCode).toBe(404);
      expect(seen.json().error.code).toBe('unknown_report_export');
      expect((await someone.get(`/api/plan-reports/exports/${started.id}/file`)).statusCode).toBe(404);
      expect((await ok<{ items: ReportExport[] }>(someone.get('/api/plan-reports/exports'))).items).toEqual([]);
    }

    // Bad requests are answered at once, no job is started.
    const unknownPeriod = await agent.post('/api/plan-reports/exports', { periodId: crypto.randomUUID(), format: 'pdf' });
    expect(unknownPeriod.statusCode).toBe(404);
    const noUnit = await agent.post('/api/plan-reports/exports', { periodId: period.id, scope: 'unit', format: 'pdf' });
    expect(noUnit.statusCode).toBe(400);
    const badFormat = await agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'odt' });
    expect(badFormat.statusCode).toBe(400);
    expect((await agent.get(`/api/plan-reports/exports/${crypto.randomUUID()}`)).statusCode).toBe(404);

    // A writer that fails: the job says so, with a code the page translates, and has no file.
    failing.on = true;
    try {
      const broken = await ok<ReportExport>(agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'pdf' }), 202);
      const { job } = await finished(agent, broken.id);
      expect(job).toMatchObject({ phase: 'failed', error: 'export_failed', fileName: null, fileSize: null, etaSeconds: null });
      expect(translate('sv', `errors.${job.error}`)).not.toBe(`errors.${job.error}`);
      const file = await agent.get(`/api/plan-reports/exports/${broken.id}/file`);
      expect(file.statusCode).toBe(409);
      expect(file.json().error.code).toBe('report_export_failed');
    } finally {
      failing.on = false;
    }
  });

  it('answers 409 for the file while it is being written, and lets a person run two exports at once, not three', async () => {
    const { agent, period } = await setting();
    let release = () => {};
    failing.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      const first = await ok<ReportExport>(agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'docx' }), 202);
      // Its data is read; the writer waits.
      let writing = first;
      for (let i = 0; i < 100 && writing.phase !== 'writing'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        writing = await ok<ReportExport>(agent.get(`/api/plan-reports/exports/${first.id}`));
      }
      expect(writing).toMatchObject({ phase: 'writing', done: 0, total: 3, etaSeconds: null, fileName: null });
      const early = await agent.get(`/api/plan-reports/exports/${first.id}/file`);
      expect(early.statusCode).toBe(409);
      expect(early.json().error.code).toBe('report_export_not_ready');
      const second = await ok<ReportExport>(agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'pdf' }), 202);
      const third = await agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'xlsx' });
      expect(third.statusCode).toBe(409);
      expect(third.json().error.code).toBe('report_exports_running');
      release();
      failing.hold = null;
      expect((await finished(agent, first.id)).job.phase).toBe('done');
      expect((await finished(agent, second.id)).job.phase).toBe('done');
      const fourth = await ok<ReportExport>(
        agent.post('/api/plan-reports/exports', { periodId: period.id, format: 'xlsx' }),
        202,
      );
      expect((await finished(agent, fourth.id)).job.phase).toBe('done');
    } finally {
      release();
      failing.hold = null;
    }
  });
});
