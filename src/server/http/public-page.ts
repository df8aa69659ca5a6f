import type { FastifyReply, FastifyRequest } from 'fastify';
import { localeOf, translate, type Locale } from './i18n.js';

/**
 * The shell of the pages anyone reads without logging in (the public site, the message form):
 * plain HTML rendered on the server, so they work without JavaScript, with a screen reader and on a
 * phone, load nothing from elsewhere and set no cookie of their own.
 */

/** ?lang=en or ?lang=sv wins; else the browser's Accept-Language; Swedish by default. */
export function pageLocale(request: FastifyRequest): Locale {
  const lang = (request.query as { lang?: unknown } | undefined)?.lang;
  if (lang === 'en' || lang === 'sv') return lang;
  return localeOf(request);
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => escapes[c]);

/** Text with its line breaks kept, escaped. */
export const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');

export const publicPageStyle = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.5;color:#1a1b1e;background:#f8f9fa}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem}
header{display:flex;flex-direction:column;gap:.5rem}
header .top{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap;width:100%}
header .brand{font-weight:700;font-size:1.25rem;color:#1a1b1e;text-decoration:none}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
nav a{display:inline-block;padding:.35rem 0}
nav a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
footer{color:#495057;font-size:.95rem}
.skip{position:absolute;left:-10000px;top:0;background:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:1rem}
main:focus{outline:none}
.cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}
.cards>li{border:1px solid #dee2e6;border-radius:6px;padding:.75rem 1rem}
.cards h2,.cards h3{margin:.25rem 0 .5rem;font-size:1.1rem}
.meta{color:#495057;font-size:.95rem;margin:.25rem 0}
.tag{display:inline-block;font-size:.85rem;font-weight:600;border-radius:4px;padding:0 .4rem;background:#f1f3f5;color:#343a40}
.tag.cancelled{background:#fff0f0;color:#a51111}
.tag.moved{background:#fff4e6;color:#8a4b00}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{text-align:left;vertical-align:top;padding:.4rem .5rem;border-bottom:1px solid #dee2e6}
.table-wrap{overflow-x:auto}
del{color:#495057}
a{color:#2f3a9e}
main{background:#fff;border:1px solid #dee2e6;border-radius:6px}
h1{font-size:1.6rem;margin:.25rem 0 1rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
fieldset{border:1px solid #adb5bd;border-radius:4px;margin:0 0 1.25rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.choice{display:flex;align-items:center;gap:.5rem;margin:.25rem 0}
.choice input{width:1.2rem;height:1.2rem;margin:0}
.field{margin:0 0 1.25rem}
label.block{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text],input[type=email],select,textarea{width:100%;font:inherit;padding:.5rem;border:1px solid #495057;border-radius:4px;background:#fff;color:#1a1b1e}
textarea{min-height:10rem}
.hint{color:#495057;font-size:.95rem;margin:.25rem 0}
.error{color:#a51111;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#a51111;border-width:2px}
.summary{border:2px solid #a51111;border-radius:4px;padding:.5rem 1rem;margin-bottom:1rem}
.privacy{background:#eef1fb;border-left:4px solid #2f3a9e;padding:.5rem 1rem;margin:0 0 1.25rem}
button{font:inherit;font-weight:600;padding:.6rem 1.25rem;border:0;border-radius:4px;background:#2f3a9e;color:#fff;cursor:pointer}
button:focus-visible,a:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f08c00;outline-offset:2px}
.code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.5rem;font-weight:700;letter-spacing:.05em;padding:.5rem .75rem;background:#f1f3f5;border-radius:4px;display:inline-block;word-break:break-all}
.answer{border-left:4px solid #2b8a3e;padding:.25rem 1rem;background:#f4fbf5}
.trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.25rem 1rem}
dt{font-weight:600}dd{margin:0;min-width:0;overflow-wrap:anywhere}
h1,h2,h3,p,li{overflow-wrap:break-word}
`;

export type PublicPage = { locale: Locale; title: string; body: string; path: string };

/** The site's sections, in the order of the header's navigation; the message form's pages count as "feedback". */
export const publicNav = [
  { path: '/public', key: 'start' },
  { path: '/public/activities', key: 'activities' },
  { path: '/public/plans', key: 'plans' },
  { path: '/public/certificates', key: 'certificates' },
  { path: '/public/contacts', key: 'contacts' },
  { path: '/feedback', key: 'feedback' },
  { path: '/feedback/examples', key: 'examples' },
] as const;

/** The section a path belongs to: the longest navigation path it starts with (/public alone is the start page). */
function sectionOf(path: string): string | undefined {
  if (path === '/public') return '/public';
  return publicNav
    .map((item) => item.path)
    .filter((p) => p !== '/public' && (path === p || path.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
}

export function layout({ locale, title, body, path }: PublicPage): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  const other: Locale = locale === 'sv' ? 'en' : 'sv';
  const current = sectionOf(path);
  const link = (href: string, key: string) =>
    `<li><a href="${href}?lang=${locale}"${href === current ? ' aria-current="page"' : ''}>${t(`publicSite.nav.${key}`)}</a></li>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="description" content="${t('publicSite.shell.description')}">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)} – Inkludera</title>
<style>${publicPageStyle}</style>
</head>
<body>
<a class="skip" href="#main">${t('publicSite.shell.skip')}</a>
<header>
<div class="top">
<a class="brand" href="/public?lang=${locale}">Inkludera</a>
<a href="${path}?lang=${other}" lang="${other}" hreflang="${other}">${escapeHtml(translate(other, 'publicSite.shell.otherLanguage'))}</a>
</div>
<nav aria-label="${t('publicSite.shell.navLabel')}"><ul>
${publicNav.map((item) => link(item.path, item.key)).join('\n')}
</ul></nav>
</header>
<main id="main" tabindex="-1">
${body}
</main>
<footer>
<nav aria-label="${t('publicSite.shell.footerLabel')}"><ul>
<li><a href="/feedback/status?lang=${locale}">${t('publicSite.nav.status')}</a></li>
<li><a href="/public/accessibility?lang=${locale}"${path === '/public/accessibility' ? ' aria-current="page"' : ''}>${t('publicSite.nav.accessibility')}</a></li>
<li><a href="/login">${t('publicSite.nav.staff')}</a></li>
</ul></nav>
<p>${t('publicSite.shell.footer')}</p>
</footer>
</body>
</html>`;
}

/**
 * Sends a public page: HTML in the request's language, never telling another site which page it
 * came from; `cache` is the Cache-Control the page allows (a form's answer: no-store).
 *
 * A page read with GET shows only what everyone may see, so it goes without the
 * Cross-Origin-Opener-Policy that guards the app: that header makes the browser start a new
 * process for the page, which cost these script-free pages their Lighthouse score (decision 0014).
 * A form's answer (a receipt code, the answer to one's message) keeps it.
 */
export function sendPublicPage(reply: FastifyReply, status: number, page: string, cache: string) {
  if (reply.request.method === 'GET' || reply.request.method === 'HEAD') reply.removeHeader('cross-origin-opener-policy');
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', cache)
    .header('vary', 'accept-language')
    .header('referrer-policy', 'same-origin')
    .header('content-language', pageLocale(reply.request))
    .send(page);
}
