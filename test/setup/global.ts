import { preparePostgresTemplate } from '../support/database.js';

export default async function globalSetup() {
  if (process.env.TEST_DATABASE_URL) await preparePostgresTemplate(process.env.TEST_DATABASE_URL);
}
