import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Figure, FigureResult } from '../lib/figure.js';
import { median } from '../lib/figure.js';
import { databases } from '../lib/databases.js';
import {
  benchEmployees,
  employeeCsv,
  insertOrganisation,
  largeMunicipality,
  type LoadedOrganisation,
} from '../lib/municipality.js';
import { buildIfStale, memoryOf, spawnLogged, stop, waitForAnswer } from '../lib/processes.js';
import { serverFromDist } from '../../test/support/processes.js';
import { ndjsonValues } from '#shared/ndjson';

/**
 * Issue 3: the peak memory of the server (its resident set's high-water mark, VmHWM) while it imports a
 * 60,000-row file through its API on the embedded database, beside the same server's high-water mark
 * after it started, before the import.
 */

type Answer = { id: string; status: string; error: string | null; summary: { new: number } | null };

async function api(url: string, init: RequestInit & { token: string }): Promise<Answer> {
  const response = await fetch(url, { ...init, headers: { authorization: `Bearer ${init.token}`, ...(init.headers ?? {}) } });
  const body = (await response.json()) as Answer & { error?: unknown };
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return body;
}

export const importMemory: Figure = {
  name: 'import-memory',
  title: 'Peak memory of the server during the import of a 60,000-row CSV through its API, on the embedded database',
  target: { comparison: 'below', value: 500 },
  runs: 3,
  async measure({ runs, log }): Promise<FigureResult> {
    buildIfStale();
    const municipality = largeMunicipality();
    const csv = employeeCsv(municipality);
    const dbs = databases('pglite', 'memory');
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-bench-memory-log-'));
    let organisation: LoadedOrganisation | undefined;
    try {
      await dbs.prepareTemplate(async (database) => {
        organisation = await insertOrganisation(database.db, municipality);
      });
      const token = organisation!.token;
      const samples: number[] = [];
      const baselineSamples: number[] = [];
      const rssAtEnd: number[] = [];
      const seconds: number[] = [];
      const longestGaps: number[] = [];
      const progressLines: number[] = [];
      const afterPreview: number[] = [];
      for (let i = 0; i < runs; i++) {
        const place = await dbs.fresh();
        const server = await spawnLogged(
          serverFromDist,
          { ...place.env, LOG_LEVEL: 'info' },
          path.join(logDir, `server-${i + 1}.log`),
        );
        try {
          await waitForAnswer(server, '/api/health', 120_000);
          const pid = server.child.pid!;
          const before = memoryOf(pid).hwmMb;
          const started = performance.now();
          const form = new FormData();
          form.append('mode', 'partial');
          form.append('file', new Blob([Buffer.from(csv)], { type: 'text/csv' }), 'personal.csv');
          const preview = await api(`${server.baseUrl}/api/employees/imports`, { method: 'POST', body: form, token });
          afterPreview.push(memoryOf(pid).hwmMb);
          // The commit's answer follows it line by line (application/x-ndjson), as the import page reads it.
          const response = await fetch(`${server.baseUrl}/api/employees/imports/${preview.id}/commit`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' },
          });
          if (response.status !== 202 || !response.body) throw new Error(`commit: ${response.status} ${await response.text()}`);
          let longestGap = 0;
          let lines = 0;
          let lastAt = performance.now();
          for await (const line of ndjsonValues<Answer>(response)) {
            if (line.id !== preview.id) throw new Error(`commit: a line of another import: ${JSON.stringify(line)}`);
            lines++;
            longestGap = Math.max(longestGap, performance.now() - lastAt);
            lastAt = performance.now();
          }
          longestGaps.push(longestGap);
          progressLines.push(lines);
          const current = await api(`${server.baseUrl}/api/employees/imports/${preview.id}`, { token });
          if (current.status !== 'committed' || current.summary?.new !== benchEmployees) {
            throw new Error(`the import ended ${current.status} (${current.error}), ${current.summary?.new} new`);
          }
          seconds.push((performance.now() - started) / 1000);
          const after = memoryOf(pid);
          samples.push(after.hwmMb);
          baselineSamples.push(before);
          rssAtEnd.push(after.rssMb);
          log(
            `  run ${i + 1}/${runs}: VmHWM ${Math.round(before)} MB after start, ${Math.round(after.hwmMb)} MB after the import (${seconds.at(-1)!.toFixed(1)} s); ` +
              `VmRSS then ${Math.round(after.rssMb)} MB; the commit's answer had ${lines} lines, at most ${(longestGap / 1000).toFixed(1)} s apart`,
          );
        } finally {
          await stop(server.child);
          await dbs.discard(place);
        }
      }
      return {
        subject: 'VmHWM of `node dist/server/main.js` after the import',
        baselineSubject: 'VmHWM of the same server after start, before the import',
        unit: 'MB',
        samples,
        baselineSamples,
        method:
          `A server from dist/ (\`node dist/server/main.js\`, logging at info level) on a fresh copy of an embedded data directory holding the municipality's ` +
          `${organisation!.unitIds.size} units and no employees. Through the API, with an administrator's token: the ${(csv.length / 1024 ** 2).toFixed(1)} MB ` +
          `CSV of ${benchEmployees.toLocaleString('en')} employees is uploaded (multipart, partial import) and committed, its progress read from the commit's answer (application/x-ndjson) to the end. ` +
          "The figure is the process's VmHWM from /proc/<pid>/status then; the baseline, its VmHWM once /api/health first answered. A new server and data directory per run.",
        details: [
          `VmHWM once the preview had answered (median): ${Math.round(median(afterPreview))} MB; the rest of the rise is the commit's, which carries out the preview's plan in one transaction. ` +
            `The import took ${median(seconds).toFixed(1)} s (median, upload to committed, through the API). VmRSS after the import (median): ${Math.round(median(rssAtEnd))} MB: ` +
            'the embedded database keeps the WebAssembly memory it grew to.',
          `The commit's answer (median of the runs): ${median(progressLines)} lines of progress, the longest wait between two ${(median(longestGaps) / 1000).toFixed(1)} s.`,
        ],
      };
    } finally {
      await dbs.dispose();
      fs.rmSync(logDir, { recursive: true, force: true });
    }
  },
};
