import type { z } from 'zod';
import { localizeIssue } from '#shared/validation';
import i18n, { currentLanguage } from '../i18n';
import { ApiError } from '../api/client';

const translateKey = (key: string) => (i18n.exists(key) ? i18n.t(key) : undefined);

/**
 * A @mantine/form validator from the same zod contract the API validates with, so the browser and
 * the server give the same verdict, in the person's language.
 */
export function zodValidate<T extends z.ZodType>(schema: T) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= localizeIssue(issue as never, currentLanguage(), translateKey);
    }
    return errors;
  };
}

/**
 * Puts the server's field errors (details with paths like 'body.name') beside the fields. Returns
 * what is left for a general alert: nothing when every error has its field, so it is not said twice.
 */
/** The part of a @mantine/form form that server errors need, whatever its values. */
type FormWithErrors = { setErrors: (errors: Record<string, string>) => void; getValues: () => object };

export function applyServerErrors(form: FormWithErrors, error: unknown): string | null {
  if (!(error instanceof ApiError)) return i18n.t('errors.internal');
  const fieldErrors: Record<string, string> = {};
  let unplaced = false;
  const values = form.getValues() as Record<string, unknown>;
  for (const detail of error.details) {
    const field = detail.path.replace(/^body\.?/, '');
    if (field && field.split('.')[0] in values) fieldErrors[field] = detail.message;
    else unplaced = true;
  }
  if (Object.keys(fieldErrors).length > 0) form.setErrors(fieldErrors);
  return Object.keys(fieldErrors).length > 0 && !unplaced ? null : error.message;
}

export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : i18n.t('errors.internal');
}
