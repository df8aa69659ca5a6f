import { ApiError } from '../api/client';

/**
 * Whether the server's answer named fields, so that applyServerErrors has put its errors beside
 * them already and a general alert would only repeat them.
 */
export function shownBesideFields(error: unknown): boolean {
  return error instanceof ApiError && error.details.some((d) => d.path.replace(/^body\.?/, '') !== '');
}
