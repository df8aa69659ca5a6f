import type { TestProject } from 'vitest/node';
import { dropPostgresTemplate, preparePostgresTemplate } from '../support/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplate: string;
  }
}

/**
 * Each run migrates its own template database, named after this process: two runs on one machine
 * (a developer's and CI's, or two checkouts) never drop each other's template mid-run.
 */
export default async function globalSetup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  const template = `inkludera_test_template_${process.pid}`;
  project.provide('postgresTemplate', template);
  if (!url) return;
  await preparePostgresTemplate(url, template);
  return () => dropPostgresTemplate(url, template);
}
