import { describe, expect, it } from 'vitest';
import type { CertificationProcess, Scheme } from '#shared/contracts/certification';
import type { EvidenceFile } from '#shared/contracts/certification-evidence';
import { useTestApp } from '../../../../test/support/app.js';
import { multipart, type Agent } from '../../../../test/support/agent.js';
import { auditEntriesFor, buildUnit, signIn } from '../../../../test/support/factories.js';
import { cleanFileName } from '../../http/documents.js';

const t = useTestApp();
const db = () => t.database.db;

async function openProcess(agent: Agent) {
  const unit = await buildUnit(db(), { worksWithChildren: true });
  const scheme = (
    await agent.post('/api/certification-schemes', {
      name: `Diplomering ${crypto.randomUUID().slice(0, 6)}`,
      issuer: 'Kommunen',
      validityYears: 3,
      criteria: [
        { kind: 'working_group', label: 'Arbetsgrupp', threshold: 1 },
        { kind: 'confirmed', label: 'Rutin för introduktion av nyanställda' },
      ],
    })
  ).json() as Scheme;
  const process = (
    await agent.post('/api/certification/processes', { unitId: unit.id, schemeId: scheme.id })
  ).json() as CertificationProcess;
  const [computed, confirmed] = scheme.criteria;
  return { unit, scheme, process, computed: computed!, confirmed: confirmed! };
}

function attach(
  agent: Agent,
  processId: string,
  criterionId: string,
  file: { name: string; content: Uint8Array | string; type?: string },
) {
  const { payload, headers } = multipart(file);
  return agent.request('POST', `/api/certification/processes/${processId}/criteria/${criterionId}/evidence`, payload, {
    headers,
  });
}

const pdfBytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0xe5, 0xe4, 0xf6, 0x00, 0xff]);

describe('evidence files of a confirmed criterion', () => {
  it('are attached, listed, downloaded byte for byte, removed, and audited', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    const { process, confirmed } = await openProcess(agent);

    const created = await attach(agent, process.id, confirmed.id, {
      name: 'Rutin för introduktion.pdf',
      content: pdfBytes,
      type: 'text/html',
    });
    expect(created.statusCode, created.body).toBe(201);
    const file = created.json() as EvidenceFile;
    // The stored type is the one of the ending, never the client's claim.
    expect(file).toMatchObject({
      criterionId: confirmed.id,
      fileName: 'Rutin för introduktion.pdf',
      contentType: 'application/pdf',
      size: pdfBytes.length,
    });

    const listed = await agent.get(`/api/certification/processes/${process.id}/evidence`);
    expect(listed.json().items).toEqual([file]);

    const download = await agent.get(`/api/certification/processes/${process.id}/evidence/${file.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''Rutin%20f%C3%B6r%20introduktion.pdf");
    expect(new Uint8Array(download.rawPayload)).toEqual(pdfBytes);

    const removed = await agent.delete(`/api/certification/processes/${process.id}/evidence/${file.id}`);
    expect(removed.statusCode).toBe(204);
    expect((await agent.get(`/api/certification/processes/${process.id}/evidence`)).json().items).toEqual([]);
    expect((await agent.get(`/api/certification/processes/${process.id}/evidence/${file.id}`)).statusCode).toBe(404);

    const audit = await auditEntriesFor(db(), 'certification_process', process.id);
    expect(audit.map((entry) => entry.action)).toEqual(expect.arrayContaining(['attach', 'detach']));
    expect(JSON.stringify(audit.find((entry) => entry.action === 'attach'))).toContain('Rutin för introduktion.pdf');
  });

  it('refuses what is not evidence of a confirmed criterion of an open process, and keeps nothing of it', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    const { process, computed, confirmed } = await openProcess(agent);
    const files = () => agent.get(`/api/certification/processes/${process.id}/evidence`).then((r) => r.json().items);

    expect((await attach(agent, process.id, computed.id, { name: 'grupp.pdf', content: pdfBytes })).json().error.code).toBe(
      'criterion_is_computed',
    );
    const script = await attach(agent, process.id, confirmed.id, { name: 'rutin.html', content: '<script>alert(1)</script>' });
    expect([script.statusCode, script.json().error.code]).toEqual([415, 'evidence_file_type']);
    expect((await attach(agent, process.id, confirmed.id, { name: 'rutin.exe.', content: 'MZ' })).statusCode).toBe(415);
    const empty = await attach(agent, process.id, confirmed.id, { name: 'tom.pdf', content: new Uint8Array() });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'empty_file']);
    const large = await attach(agent, process.id, confirmed.id, {
      name: 'stor.pdf',
      content: new Uint8Array(10 * 1024 * 1024 + 1),
    });
    expect(large.statusCode).toBe(413);
    const unknown = await attach(agent, process.id, crypto.randomUUID(), { name: 'rutin.pdf', content: pdfBytes });
    expect(unknown.statusCode).toBe(404);
    expect(await files()).toEqual([]);

    for (let i = 0; i < 20; i++)
      expect((await attach(agent, process.id, confirmed.id, { name: `bilaga ${i}.txt`, content: `${i}` })).statusCode).toBe(201);
    const twentyFirst = await attach(agent, process.id, confirmed.id, { name: 'bilaga 21.txt', content: '21' });
    expect([twentyFirst.statusCode, twentyFirst.json().error.code]).toEqual([409, 'evidence_too_many_files']);
    expect(await files()).toHaveLength(20);

    // Once the process is closed, its evidence stays readable and unchangeable.
    const kept = (await files())[0] as EvidenceFile;
    expect((await agent.post(`/api/certification/processes/${process.id}/cancel`)).statusCode).toBe(200);
    expect((await attach(agent, process.id, confirmed.id, { name: 'sen.pdf', content: pdfBytes })).json().error.code).toBe(
      'process_not_open',
    );
    expect((await agent.delete(`/api/certification/processes/${process.id}/evidence/${kept.id}`)).json().error.code).toBe(
      'process_not_open',
    );
    expect((await agent.get(`/api/certification/processes/${process.id}/evidence/${kept.id}`)).statusCode).toBe(200);
  });

  it('are the business of those who may see the process: another unit’s manager learns nothing', async () => {
    const { agent } = await signIn(t.app, db(), 'administrator');
    const { unit, process, confirmed } = await openProcess(agent);
    const file = (await attach(agent, process.id, confirmed.id, { name: 'rutin.pdf', content: pdfBytes })).json() as EvidenceFile;

    const own = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: unit.id }]);
    expect((await own.agent.get(`/api/certification/processes/${process.id}/evidence/${file.id}`)).statusCode).toBe(200);
    expect((await attach(own.agent, process.id, confirmed.id, { name: 'protokoll.docx', content: 'PK' })).statusCode).toBe(201);

    const other = await buildUnit(db());
    const stranger = await signIn(t.app, db(), [{ role: 'unit_manager', unitId: other.id }]);
    expect((await stranger.agent.get(`/api/certification/processes/${process.id}/evidence`)).statusCode).toBe(404);
    expect((await stranger.agent.get(`/api/certification/processes/${process.id}/evidence/${file.id}`)).statusCode).toBe(404);
    expect((await attach(stranger.agent, process.id, confirmed.id, { name: 'x.pdf', content: pdfBytes })).statusCode).toBe(404);
    expect((await stranger.agent.delete(`/api/certification/processes/${process.id}/evidence/${file.id}`)).statusCode).toBe(404);
  });

  it('keep a clean name: the last segment, no control characters, at most 200 characters with the ending', () => {
    expect(cleanFileName('C:\\Users\\kim\\Rutin.pdf')).toBe('Rutin.pdf');
    expect(cleanFileName('../../etc/passwd.txt')).toBe('passwd.txt');
    expect(cleanFileName('ny\u0000rad\n.pdf')).toBe('nyrad.pdf');
    const long = cleanFileName(`${'å'.repeat(300)}.docx`);
    expect([long.length, long.endsWith('.docx')]).toEqual([200, true]);
  });
});
