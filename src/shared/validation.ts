import { z } from 'zod';

export type Locale = 'sv' | 'en';

const errorMaps = { sv: z.locales.sv().localeError, en: z.locales.en().localeError };

type IssueLike = { code: string; message?: string; path?: PropertyKey[] } & Record<string, unknown>;

/**
 * One message for one zod issue, in the person's language. Our own refinements carry a key of the
 * errors.* translations as their message (for example 'end_before_start'); zod's own issues get
 * zod's Swedish or English text. The same function serves the API's errors and the web forms.
 */
export function localizeIssue(issue: IssueLike, locale: Locale, translateKey: (key: string) => string | undefined): string {
  if (issue.code === 'custom' && issue.message) {
    return translateKey(`errors.${issue.message}`) ?? issue.message;
  }
  if (issue.message && translateKey(`errors.${issue.message}`)) return translateKey(`errors.${issue.message}`)!;
  const result = errorMaps[locale](issue as never);
  if (typeof result === 'string') return result;
  return result?.message ?? issue.message ?? 'invalid';
}
