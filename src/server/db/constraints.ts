import { conflict, type AppError } from '../http/errors.js';
import { violatedUniqueIndex } from './errors.js';

export type UniqueConflicts = Record<string, { code: string; path: string }>;

/**
 * Runs work and turns a violation of one of the named unique indexes into a 409 with its own code
 * and the field it is about, so that a race past the service's checks still gives the client a
 * useful answer, never a 500 or a bare 'duplicate'.
 */
export async function withUniqueConflicts<T>(conflicts: UniqueConflicts, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const index = violatedUniqueIndex(error);
    const known = index ? conflicts[index] : undefined;
    if (known) throw conflictOn(known.code, known.path);
    throw error;
  }
}

export const conflictOn = (code: string, path: string): AppError => conflict(code, [{ path, message: code }]);
