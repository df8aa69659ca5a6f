// `npm test`: the unit and integration tests (vitest; on PostgreSQL as well when TEST_DATABASE_URL is
// set), then the browser tests (Playwright) when a Chromium is found. Ends with one summary line.
//
//   CHROMIUM_PATH            the Chromium to drive (default /usr/bin/chromium)
//   REQUIRE_BROWSER_TESTS=1  fail instead of skipping the browser tests when there is no Chromium
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, root } from './build-if-stale.mjs';

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'inkludera-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function run(command, args, env = {}) {
  console.log(`\n> ${path.basename(command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

// 1. vitest: node projects (PGlite, and PostgreSQL with TEST_DATABASE_URL) and the jsdom project.
{
  const report = path.join(reportDir, 'vitest.json');
  const code = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);
  const json = readJson(report);
  if (json) {
    totals.passed += json.numPassedTests;
    totals.failed += json.numFailedTests;
    totals.skipped += json.numPendingTests + json.numTodoTests;
  }
  if (code !== 0) {
    problems.push(`vitest exited with code ${code}`);
    // A file that fails to load has no failed test in the counts: still count it once.
    if (!json || json.numFailedTests === 0) totals.failed += Math.max(1, json?.numFailedTestSuites ?? 0);
  }
}

// 2. Playwright, when a Chromium is there.
{
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  let executable = false;
  try {
    fs.accessSync(chromium, fs.constants.X_OK);
    executable = fs.statSync(chromium).isFile();
  } catch {
    executable = false;
  }
  if (!executable) {
    const message = `No Chromium at ${chromium} (set CHROMIUM_PATH, or install Debian's chromium): the browser tests did not run.`;
    if (process.env.REQUIRE_BROWSER_TESTS === '1') {
      console.error(`\nFAILED: ${message} REQUIRE_BROWSER_TESTS=1 requires them.`);
      problems.push('browser tests required but no Chromium');
      totals.failed += 1;
    } else {
      console.log(`\nSKIPPED THE BROWSER TESTS. ${message}`);
    }
  } else if (!buildIfStale()) {
    problems.push('the build failed, so the browser tests could not run');
    totals.failed += 1;
  } else {
    const report = path.join(reportDir, 'playwright.json');
    const code = run(bin('playwright'), ['test', '--reporter=list,json'], {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_FILE: report,
    });
    const stats = readJson(report)?.stats;
    if (stats) {
      totals.passed += stats.expected + stats.flaky;
      totals.failed += stats.unexpected;
      totals.skipped += stats.skipped;
    }
    if (code !== 0) {
      problems.push(`playwright exited with code ${code}`);
      if (!stats || stats.unexpected === 0) totals.failed += 1;
    }
  }
}

fs.rmSync(reportDir, { recursive: true, force: true });
console.log('');
if (problems.length > 0) console.log(`Problems: ${problems.join('; ')}.`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(problems.length > 0 || totals.failed > 0 ? 1 : 0);
