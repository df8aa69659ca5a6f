/**
 * drizzle 0.45 wraps every driver error in a DrizzleQueryError whose `cause` is the node-postgres or
 * PGlite error, so the SQLSTATE and the constraint name are one level down. Checking only
 * `error.code` silently misses every unique violation.
 */
function driverError(error: unknown): { code?: unknown; constraint?: unknown } | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const own = error as { code?: unknown; constraint?: unknown; cause?: unknown };
  if (typeof own.code === 'string' && /^[0-9A-Z]{5}$/.test(own.code)) return own;
  if (own.cause && typeof own.cause === 'object') return own.cause as { code?: unknown; constraint?: unknown };
  return undefined;
}

export function sqlStateOf(error: unknown): string | undefined {
  const code = driverError(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The name of the unique index a 23505 violated, so a caller can answer with the right error code. */
export function violatedUniqueIndex(error: unknown): string | undefined {
  const found = driverError(error);
  if (found?.code !== '23505') return undefined;
  return typeof found.constraint === 'string' ? found.constraint : '';
}
