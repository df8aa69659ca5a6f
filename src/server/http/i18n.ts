import type { FastifyRequest } from 'fastify';
import sv from '../../shared/i18n/sv.json' with { type: 'json' };
import en from '../../shared/i18n/en.json' with { type: 'json' };

export type Locale = 'sv' | 'en';
const catalogues: Record<Locale, Record<string, unknown>> = { sv, en };

/** Swedish unless the client prefers English (Accept-Language), as DESIGN.md says. */
export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  if (!header) return 'sv';
  const preferred = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    if (tag.startsWith('sv')) return 'sv';
    if (tag.startsWith('en')) return 'en';
  }
  return 'sv';
}

function lookup(catalogue: Record<string, unknown>, key: string): string | undefined {
  let node: unknown = catalogue;
  for (const part of key.split('.')) {
    if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
    else return undefined;
  }
  return typeof node === 'string' ? node : undefined;
}

export function translate(locale: Locale, key: string, values: Record<string, string | number> = {}): string {
  const text = lookup(catalogues[locale], key) ?? lookup(catalogues.sv, key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name] ?? ''));
}
