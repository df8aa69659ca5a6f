import { translate, type Locale } from '../../http/i18n.js';
import { escapeHtml, layout, paragraphs } from '../../http/public-page.js';
import type { PublicActivity } from '#shared/contracts/activities';
import type { PublicRegister, UnitCertificateVerification } from '#shared/contracts/certification';
import type { PublicPlan, PublicPlanSummary, PublicSiteSettings } from '#shared/contracts/public-site';
import { accessibilityReportPath } from './presenter.js';

/**
 * The public site's pages, plain HTML in the shell of src/server/http/public-page.ts: they need no
 * JavaScript, load nothing else and set no cookie. Every text is escaped here; the administrator's
 * texts keep their paragraphs and line breaks, nothing more.
 */

type T = (key: string, values?: Record<string, string | number>) => string;
const texts =
  (locale: Locale): T =>
  (key, values) =>
    escapeHtml(translate(locale, key, values));

/** A date (YYYY-MM-DD) as a Swede or an English reader writes it; the weekday too when asked. */
export function formatDay(locale: Locale, day: string, withWeekday = false): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', {
    timeZone: 'UTC',
    ...(withWeekday ? { weekday: 'long' } : {}),
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

const href = (path: string, locale: Locale) => `${path}${path.includes('?') ? '&' : '?'}lang=${locale}`;

/** What the start page shows of the other pages. */
export type StartData = {
  settings: PublicSiteSettings;
  activities: PublicActivity[];
  plans: PublicPlanSummary[];
  register: PublicRegister;
};

type Upcoming = { activity: PublicActivity; occurrence: PublicActivity['occurrences'][number] };
const upcomingOf = (activities: PublicActivity[]): Upcoming[] =>
  activities
    .flatMap((activity) => activity.occurrences.map((occurrence) => ({ activity, occurrence })))
    .sort((a, b) =>
      `${a.occurrence.date} ${a.occurrence.startTime}`.localeCompare(`${b.occurrence.date} ${b.occurrence.startTime}`),
    );

function occurrenceLine(locale: Locale, activity: PublicActivity, o: Upcoming['occurrence'], withName: boolean): string {
  const t = texts(locale);
  const when = `${escapeHtml(formatDay(locale, o.date, true))} ${escapeHtml(o.startTime)}–${escapeHtml(o.endTime)}`;
  const name = withName ? `<strong>${escapeHtml(activity.name)}</strong>, ` : '';
  const place = o.place !== activity.place || withName ? `, ${escapeHtml(o.place)}` : '';
  if (o.status === 'cancelled') {
    return `<li>${name}<del>${when}</del> <span class="tag cancelled">${t('activities.statuses.cancelled')}</span>${o.reason ? ` ${escapeHtml(o.reason)}` : ''}</li>`;
  }
  const moved =
    o.status === 'moved'
      ? ` <span class="tag moved">${t('activities.statuses.moved')}</span> ${t('activities.movedFrom', { date: formatDay(locale, o.scheduledDate) })}${o.reason ? `. ${escapeHtml(o.reason)}` : ''}`
      : '';
  return `<li>${name}${when}${place}${moved}</li>`;
}

export function startPage(locale: Locale, data: StartData): string {
  const t = texts(locale);
  const intro = locale === 'sv' ? data.settings.introSv : data.settings.introEn;
  const next = upcomingOf(data.activities).slice(0, 3);
  const contacts = data.settings.contacts.filter((c) => c.active).length;
  const body = `
<h1>${t('publicSite.start.title')}</h1>
${paragraphs(intro)}
<ul class="cards">
<li>
<h2><a href="${href('/public/activities', locale)}">${t('publicSite.activities.title')}</a></h2>
${next.length === 0 ? `<p>${t('publicSite.activities.none')}</p>` : `<ul>${next.map((u) => occurrenceLine(locale, u.activity, u.occurrence, true)).join('')}</ul>`}
</li>
<li>
<h2><a href="${href('/public/plans', locale)}">${t('publicSite.plans.title')}</a></h2>
<p>${data.plans.length === 0 ? t('publicSite.plans.none') : t(data.plans.length === 1 ? 'publicSite.start.plansOne' : 'publicSite.start.plansMany', { count: data.plans.length })}</p>
</li>
<li>
<h2><a href="${href('/public/certificates', locale)}">${t('publicSite.certificates.title')}</a></h2>
<p>${t(data.register.items.length === 1 ? 'publicSite.start.certificatesOne' : 'publicSite.start.certificatesMany', { count: data.register.items.length })}</p>
</li>
<li>
<h2><a href="${href('/public/contacts', locale)}">${t('publicSite.contacts.title')}</a></h2>
<p>${contacts === 0 ? t('publicSite.contacts.none') : t('publicSite.start.contacts')}</p>
</li>
<li>
<h2><a href="${href('/feedback', locale)}">${t('publicSite.start.feedbackTitle')}</a></h2>
<p>${t('publicSite.start.feedback')}</p>
</li>
</ul>`;
  return layout({ locale, title: translate(locale, 'publicSite.start.title'), body, path: '/public' });
}

export function activitiesPage(locale: Locale, data: { from: string; to: string; items: PublicActivity[] }): string {
  const t = texts(locale);
  const activity = (a: PublicActivity) => {
    const breaks = a.breaks
      .filter((b) => b.toDate >= data.from)
      .map(
        (b) =>
          `<li>${t('activities.breakItem', { label: b.label ?? translate(locale, 'activities.breakDefault'), from: formatDay(locale, b.fromDate), to: formatDay(locale, b.toDate) })}</li>`,
      );
    return `<li>
<h2>${escapeHtml(a.name)}</h2>
${a.description ? paragraphs(a.description) : ''}
<p class="meta">${t('activities.schedule', { weekday: translate(locale, `activities.weekdays.${a.weekday}`), start: a.startTime, end: a.endTime })}, ${escapeHtml(a.place)}</p>
${breaks.length > 0 ? `<h3>${t('publicSite.activities.breaks')}</h3><ul>${breaks.join('')}</ul>` : ''}
<h3>${t('activities.public.upcoming')}</h3>
${a.occurrences.length === 0 ? `<p>${t('publicSite.activities.none')}</p>` : `<ul>${a.occurrences.map((o) => occurrenceLine(locale, a, o, false)).join('')}</ul>`}
</li>`;
  };
  const body = `
<h1>${t('publicSite.activities.title')}</h1>
<p>${t('activities.public.intro')}</p>
<p class="meta">${t('publicSite.activities.range', { from: formatDay(locale, data.from), to: formatDay(locale, data.to) })}</p>
${data.items.length === 0 ? `<p>${t('publicSite.activities.noActivities')}</p>` : `<ul class="cards">${data.items.map(activity).join('')}</ul>`}
<h2>${t('publicSite.activities.calendarTitle')}</h2>
<p>${t('publicSite.activities.calendarText')}</p>
<ul>
<li><a href="/api/public/activities.ics?lang=${locale}">${t('activities.public.calendar')}</a></li>
<li><a href="/api/public/activities">${t('activities.public.json')}</a></li>
</ul>`;
  return layout({ locale, title: translate(locale, 'publicSite.activities.title'), body, path: '/public/activities' });
}

const ownerOf = (locale: Locale, plan: PublicPlanSummary) =>
  plan.ownerName === null ? translate(locale, 'publicSite.plans.municipality') : plan.ownerName;

function planFacts(locale: Locale, plan: PublicPlanSummary): string {
  const t = texts(locale);
  return `<dl>
<dt>${t('publicSite.plans.owner')}</dt><dd>${escapeHtml(ownerOf(locale, plan))}</dd>
<dt>${t('plans.area.title')}</dt><dd>${t(`plans.area.${plan.area}`)}</dd>
<dt>${t('publicSite.plans.period')}</dt><dd>${plan.startYear === plan.endYear ? plan.startYear : `${plan.startYear}–${plan.endYear}`}</dd>
<dt>${t('publicSite.plans.adopted')}</dt><dd>${plan.adoptedOn ? escapeHtml(formatDay(locale, plan.adoptedOn)) : ''}${plan.adoptedBy ? `, ${escapeHtml(plan.adoptedBy)}` : ''}</dd>
</dl>`;
}

export function plansPage(locale: Locale, plans: PublicPlanSummary[]): string {
  const t = texts(locale);
  const item = (plan: PublicPlanSummary) => `<li>
<h2><a href="${href(`/public/plans/${plan.id}`, locale)}">${escapeHtml(plan.name)}</a></h2>
${planFacts(locale, plan)}
</li>`;
  const body = `
<h1>${t('publicSite.plans.title')}</h1>
<p>${t('publicSite.plans.intro')}</p>
${plans.length === 0 ? `<p>${t('publicSite.plans.none')}</p>` : `<ul class="cards">${plans.map(item).join('')}</ul>`}
<p><a href="/api/public/plans">${t('publicSite.openData')}</a></p>`;
  return layout({ locale, title: translate(locale, 'publicSite.plans.title'), body, path: '/public/plans' });
}

const numberFormat = (locale: Locale) => new Intl.NumberFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 2 });

export function planPage(locale: Locale, plan: PublicPlan): string {
  const t = texts(locale);
  const goal = (g: PublicPlan['goals'][number], index: number) => {
    const actions =
      g.actions.length === 0
        ? `<p>${t('publicSite.plans.noActions')}</p>`
        : `<div class="table-wrap"><table>
<caption>${t('publicSite.plans.actionsOf', { goal: g.title })}</caption>
<thead><tr><th scope="col">${t('publicSite.plans.action')}</th><th scope="col">${t('publicSite.plans.when')}</th><th scope="col">${t('publicSite.plans.status')}</th></tr></thead>
<tbody>${g.actions
            .map(
              (a) =>
                `<tr><td>${escapeHtml(a.title)}${a.description ? `<div class="hint">${escapeHtml(a.description)}</div>` : ''}</td><td>${[a.startDate, a.dueDate].some(Boolean) ? `${a.startDate ? escapeHtml(formatDay(locale, a.startDate)) : ''}–${a.dueDate ? escapeHtml(formatDay(locale, a.dueDate)) : ''}` : ''}</td><td>${t(`plans.actionStatus.${a.status}`)}</td></tr>`,
            )
            .join('')}</tbody></table></div>`;
    const indicators =
      g.indicators.length === 0
        ? ''
        : `<div class="table-wrap"><table>
<caption>${t('publicSite.plans.indicatorsOf', { goal: g.title })}</caption>
<thead><tr><th scope="col">${t('publicSite.plans.indicator')}</th><th scope="col">${t('publicSite.plans.target')}</th><th scope="col">${t('publicSite.plans.direction')}</th></tr></thead>
<tbody>${g.indicators
            .map(
              (i) =>
                `<tr><td>${escapeHtml(i.name)}${i.description ? `<div class="hint">${escapeHtml(i.description)}</div>` : ''}${i.aboutPeople ? `<div class="hint">${t('publicSite.plans.byGender')}</div>` : ''}</td><td>${i.target === null ? t('publicSite.plans.noTarget') : t(`plans.measureValue.${i.measure}`, { value: numberFormat(locale).format(i.target) })}</td><td>${t(`plans.direction.${i.direction}`)}</td></tr>`,
            )
            .join('')}</tbody></table></div>`;
    return `<section aria-labelledby="goal-${index + 1}">
<h2 id="goal-${index + 1}">${t('publicSite.plans.goal', { number: index + 1 })}: ${escapeHtml(g.title)}</h2>
${g.description ? paragraphs(g.description) : ''}
${actions}
${indicators}
</section>`;
  };
  const body = `
<p><a href="${href('/public/plans', locale)}">${t('publicSite.plans.all')}</a></p>
<h1>${escapeHtml(plan.name)}</h1>
${planFacts(locale, plan)}
${plan.description ? paragraphs(plan.description) : ''}
${plan.goals.length === 0 ? `<p>${t('publicSite.plans.noGoals')}</p>` : plan.goals.map(goal).join('\n')}
<p><a href="/api/public/plans/${plan.id}">${t('publicSite.openData')}</a></p>`;
  return layout({ locale, title: plan.name, body, path: `/public/plans/${plan.id}` });
}

export type CodeCheck =
  | { kind: 'none' }
  | { kind: 'found'; code: string; result: UnitCertificateVerification }
  | { kind: 'error'; code: string; message: string };

export function certificatesPage(locale: Locale, register: PublicRegister, check: CodeCheck): string {
  const t = texts(locale);
  const code = check.kind === 'none' ? '' : check.code;
  const result =
    check.kind === 'found'
      ? `<div class="answer" role="status" data-testid="certificate-check">
<p><strong>${t(`certification.certificateStatus.${check.result.status}`)}</strong></p>
<dl>
<dt>${t('publicSite.certificates.unit')}</dt><dd>${escapeHtml(check.result.unitName)}</dd>
<dt>${t('publicSite.certificates.administration')}</dt><dd>${escapeHtml(check.result.administrationName)}</dd>
<dt>${t('publicSite.certificates.scheme')}</dt><dd>${escapeHtml(check.result.schemeName)}</dd>
<dt>${t('publicSite.certificates.issuer')}</dt><dd>${escapeHtml(check.result.issuer)}</dd>
<dt>${t('publicSite.certificates.valid')}</dt><dd>${escapeHtml(formatDay(locale, check.result.validFrom))} – ${escapeHtml(formatDay(locale, check.result.validUntil))}</dd>
</dl></div>`
      : '';
  const rows = register.items
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.unitName)}</td><td>${escapeHtml(c.administrationName)}</td><td>${escapeHtml(c.schemeName)}</td><td>${escapeHtml(formatDay(locale, c.validUntil))}</td></tr>`,
    )
    .join('');
  const body = `
<h1>${t('publicSite.certificates.title')}</h1>
<p>${t('publicSite.certificates.intro')}</p>
<h2 id="check">${t('publicSite.certificates.checkTitle')}</h2>
<form method="get" action="/public/certificates#check" role="search" aria-labelledby="check">
<input type="hidden" name="lang" value="${locale}">
<div class="field">
<label class="block" for="code">${t('publicSite.certificates.code')}</label>
<p class="hint" id="code-hint">${t('publicSite.certificates.codeHint')}</p>
${check.kind === 'error' ? `<p class="error" id="code-error" role="alert">${escapeHtml(check.message)}</p>` : ''}
<input type="text" id="code" name="code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" value="${escapeHtml(code)}" aria-describedby="code-hint${check.kind === 'error' ? ' code-error' : ''}"${check.kind === 'error' ? ' aria-invalid="true"' : ''}>
</div>
<button type="submit">${t('publicSite.certificates.check')}</button>
</form>
${result}
<h2>${t('publicSite.certificates.registerTitle')}</h2>
<p>${t(register.items.length === 1 ? 'publicSite.certificates.countOne' : 'publicSite.certificates.countMany', { count: register.items.length, date: formatDay(locale, register.asOf) })}</p>
${
  register.items.length === 0
    ? ''
    : `<div class="table-wrap"><table>
<caption>${t('publicSite.certificates.tableCaption')}</caption>
<thead><tr><th scope="col">${t('publicSite.certificates.unit')}</th><th scope="col">${t('publicSite.certificates.administration')}</th><th scope="col">${t('publicSite.certificates.scheme')}</th><th scope="col">${t('publicSite.certificates.validUntil')}</th></tr></thead>
<tbody>${rows}</tbody></table></div>`
}
<ul>
<li><a href="/api/public/certificates.csv">${t('publicSite.certificates.csv')}</a></li>
<li><a href="/api/public/certificates">${t('publicSite.openData')}</a></li>
</ul>`;
  return layout({ locale, title: translate(locale, 'publicSite.certificates.title'), body, path: '/public/certificates' });
}

export function contactsPage(locale: Locale, settings: PublicSiteSettings): string {
  const t = texts(locale);
  const shown = settings.contacts.filter((c) => c.active);
  const card = (c: PublicSiteSettings['contacts'][number]) => `<li>
<h2>${escapeHtml(c.name)}</h2>
<p class="meta">${escapeHtml(locale === 'sv' ? c.roleSv : c.roleEn)}</p>
<dl>
<dt>${t('publicSite.contacts.email')}</dt><dd><a href="mailto:${escapeHtml(c.email)}">${escapeHtml(c.email)}</a></dd>
${c.phone ? `<dt>${t('publicSite.contacts.phone')}</dt><dd><a href="tel:${escapeHtml(c.phone.replace(/[^+0-9]/g, ''))}">${escapeHtml(c.phone)}</a></dd>` : ''}
</dl>
</li>`;
  const body = `
<h1>${t('publicSite.contacts.title')}</h1>
<p>${t('publicSite.contacts.intro')}</p>
${shown.length === 0 ? `<p>${t('publicSite.contacts.none')}</p>` : `<ul class="cards">${shown.map(card).join('')}</ul>`}
<p>${t('publicSite.contacts.feedback')} <a href="${href('/feedback', locale)}">${t('publicSite.nav.feedback')}</a></p>`;
  return layout({ locale, title: translate(locale, 'publicSite.contacts.title'), body, path: '/public/contacts' });
}

export function accessibilityPage(locale: Locale, settings: PublicSiteSettings, reportPath = accessibilityReportPath): string {
  const t = texts(locale);
  const shortcomings = locale === 'sv' ? settings.shortcomingsSv : settings.shortcomingsEn;
  const testing = locale === 'sv' ? settings.testingSv : settings.testingEn;
  const body = `
<h1>${t('publicSite.accessibility.title')}</h1>
<p>${t('publicSite.accessibility.intro')}</p>
<h2>${t('publicSite.accessibility.statusTitle')}</h2>
<p>${t(`publicSite.accessibility.status.${settings.accessibilityStatus}`)}</p>
${
  settings.accessibilityStatus === 'full'
    ? ''
    : `<h2>${t('publicSite.accessibility.shortcomingsTitle')}</h2>${shortcomings.trim() ? paragraphs(shortcomings) : `<p>${t('publicSite.accessibility.noShortcomings')}</p>`}`
}
<h2>${t('publicSite.accessibility.reportTitle')}</h2>
<p>${t('publicSite.accessibility.report')}</p>
<p><a href="${href(reportPath, locale)}">${t('publicSite.accessibility.reportLink')}</a></p>
<h2>${t('publicSite.accessibility.enforcementTitle')}</h2>
<p>${t('publicSite.accessibility.enforcement')}</p>
<p><a href="https://www.digg.se/tdosanmalan" rel="noopener">${t('publicSite.accessibility.enforcementLink')}</a></p>
${testing.trim() ? `<h2>${t('publicSite.accessibility.testingTitle')}</h2>${paragraphs(testing)}` : ''}
<h2>${t('publicSite.accessibility.dateTitle')}</h2>
<p>${t('publicSite.accessibility.date', { date: formatDay(locale, settings.statementDate) })}</p>`;
  return layout({ locale, title: translate(locale, 'publicSite.accessibility.title'), body, path: '/public/accessibility' });
}

export function notFoundPage(locale: Locale, path: string): string {
  const t = texts(locale);
  const body = `<h1>${t('publicSite.notFound.title')}</h1><p>${t('publicSite.notFound.text')}</p><p><a href="${href('/public', locale)}">${t('publicSite.notFound.start')}</a></p>`;
  return layout({ locale, title: translate(locale, 'publicSite.notFound.title'), body, path });
}
