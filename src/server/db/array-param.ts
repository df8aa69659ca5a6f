import { sql, type SQL } from 'drizzle-orm';

/**
 * An array as one parameter of a PostgreSQL type (drizzle would otherwise spread it into a list):
 * with unnest(), a multi-row write whose size in parameters does not grow with its rows.
 */
export const arrayParam = (values: unknown[], type: string): SQL => sql`${sql.param(values)}::${sql.raw(type)}[]`;
