import { translate, type Locale } from '../../http/i18n.js';
import { escapeHtml, layout, paragraphs } from '../../http/public-page.js';
import {
  messageKinds,
  messageSubjects,
  messageTextMax,
  type MessageReceipt,
  type PublicExample,
} from '#shared/contracts/messages';
import { formatCertificateCode } from '#shared/contracts/training-records';

/** The citizen's message form, receipt and status pages, in the public page shell. */

export type FormValues = {
  kind?: string;
  subject?: string;
  administrationId?: string;
  text?: string;
  name?: string;
  email?: string;
};

export type FormErrors = Partial<Record<'kind' | 'subject' | 'administrationId' | 'text' | 'name' | 'email', string>>;

export function formPage(
  locale: Locale,
  options: {
    formToken: string;
    administrations: { id: string; name: string }[];
    /** What the administrator has set: days after closing that the contact details, and the text, are removed. */
    retention: { contactRetentionDays: number; textRetentionDays: number };
    values?: FormValues;
    errors?: FormErrors;
    /** A problem with the form as a whole (sent too fast, expired). */
    problem?: string;
  },
): string {
  const t = (key: string, values?: Record<string, string | number>) => escapeHtml(translate(locale, key, values));
  const values = options.values ?? {};
  const errors = options.errors ?? {};
  const errorId = (field: string) => `${field}-error`;
  const errorText = (field: keyof FormErrors) =>
    errors[field] ? `<p class="error" id="${errorId(field)}">${escapeHtml(errors[field]!)}</p>` : '';
  const invalid = (field: keyof FormErrors) => (errors[field] ? ` aria-invalid="true" aria-describedby="${errorId(field)}"` : '');
  const radios = (name: 'kind' | 'subject', options: readonly string[]) =>
    options
      .map(
        (value, index) =>
          `<div class="choice"><input type="radio" name="${name}" id="${name}-${value}" value="${value}"${values[name] === value ? ' checked' : ''}${index === 0 ? ' required' : ''}${invalid(name)}><label for="${name}-${value}">${t(`messages.${name}s.${value}`)}</label></div>`,
      )
      .join('\n');
  const summaryItems = Object.entries(errors).map(
    ([field, text]) =>
      `<li><a href="#${field === 'kind' || field === 'subject' ? `${field}-${field === 'kind' ? messageKinds[0] : messageSubjects[0]}` : field}">${escapeHtml(text)}</a></li>`,
  );
  const summary =
    summaryItems.length > 0 || options.problem
      ? `<div class="summary" role="alert"><h2 id="problems">${t('messages.public.problems')}</h2>${options.problem ? `<p>${escapeHtml(options.problem)}</p>` : ''}${summaryItems.length > 0 ? `<ul>${summaryItems.join('')}</ul>` : ''}</div>`
      : '';
  const administrationOptions = options.administrations
    .map((a) => `<option value="${a.id}"${values.administrationId === a.id ? ' selected' : ''}>${escapeHtml(a.name)}</option>`)
    .join('');
  const body = `
<h1>${t('messages.public.title')}</h1>
<p>${t('messages.public.intro')}</p>
<p><a href="/feedback/examples?lang=${locale}">${t('messages.examples.formLink')}</a></p>
${summary}
<div class="privacy">
<h2>${t('messages.public.privacyTitle')}</h2>
<p>${t('messages.public.privacyKept')}</p>
<p>${t('messages.public.privacyRetention', {
    contact: retentionPeriod(locale, options.retention.contactRetentionDays),
    text: retentionPeriod(locale, options.retention.textRetentionDays),
  })}</p>
</div>
<form method="post" action="/feedback?lang=${locale}" accept-charset="utf-8" novalidate>
<input type="hidden" name="formToken" value="${escapeHtml(options.formToken)}">
<fieldset>
<legend>${t('messages.public.kind')}</legend>
${errorText('kind')}
${radios('kind', messageKinds)}
</fieldset>
<fieldset>
<legend>${t('messages.public.subject')}</legend>
${errorText('subject')}
${radios('subject', messageSubjects)}
</fieldset>
<div class="field">
<label class="block" for="administrationId">${t('messages.public.administration')}</label>
<p class="hint" id="administrationId-hint">${t('messages.public.administrationHint')}</p>
${errorText('administrationId')}
<select id="administrationId" name="administrationId" aria-describedby="administrationId-hint${errors.administrationId ? ` ${errorId('administrationId')}` : ''}"${errors.administrationId ? ' aria-invalid="true"' : ''}>
<option value="">${t('messages.public.noAdministration')}</option>
${administrationOptions}
</select>
</div>
<div class="field">
<label class="block" for="text">${t('messages.public.text')}</label>
<p class="hint" id="text-hint">${t('messages.public.textHint', { max: messageTextMax })}</p>
${errorText('text')}
<textarea id="text" name="text" required maxlength="${messageTextMax}" aria-describedby="text-hint${errors.text ? ` ${errorId('text')}` : ''}"${errors.text ? ' aria-invalid="true"' : ''}>${escapeHtml(values.text ?? '')}</textarea>
</div>
<fieldset>
<legend>${t('messages.public.contact')}</legend>
<p class="hint">${t('messages.public.contactHint')}</p>
<div class="field">
<label class="block" for="name">${t('messages.public.name')}</label>
${errorText('name')}
<input type="text" id="name" name="name" autocomplete="name" maxlength="200" value="${escapeHtml(values.name ?? '')}"${invalid('name')}>
</div>
<div class="field">
<label class="block" for="email">${t('messages.public.email')}</label>
${errorText('email')}
<input type="email" id="email" name="email" autocomplete="email" maxlength="254" value="${escapeHtml(values.email ?? '')}"${invalid('email')}>
</div>
</fieldset>
<div class="trap" aria-hidden="true">
<label for="website">${t('messages.public.trap')}</label>
<input type="text" id="website" name="website" tabindex="-1" autocomplete="off" value="">
</div>
<button type="submit">${t('messages.public.send')}</button>
</form>`;
  return layout({ locale, title: translate(locale, 'messages.public.title'), body, path: '/feedback' });
}

/** A retention period as the form states it: whole years when it is a multiple of 365 days, else days. */
export function retentionPeriod(locale: Locale, days: number): string {
  if (days % 365 === 0) {
    const years = days / 365;
    return translate(locale, years === 1 ? 'messages.public.periodYear' : 'messages.public.periodYears', { count: years });
  }
  return translate(locale, days === 1 ? 'messages.public.periodDay' : 'messages.public.periodDays', { count: days });
}

export function sentPage(locale: Locale, receipt: MessageReceipt): string {
  const t = (key: string, values?: Record<string, string | number>) => escapeHtml(translate(locale, key, values));
  const body = `
<h1>${t('messages.public.sentTitle')}</h1>
<p>${t('messages.public.sentIntro')}</p>
<p><span id="receipt-code-label">${t('messages.public.yourCode')}</span><br><strong class="code" aria-labelledby="receipt-code-label" data-testid="receipt-code">${escapeHtml(formatCertificateCode(receipt.code))}</strong></p>
<p>${t('messages.public.keepCode')}</p>
<p><a href="/feedback/status?lang=${locale}">${t('messages.public.statusLink')}</a></p>`;
  return layout({ locale, title: translate(locale, 'messages.public.sentTitle'), body, path: '/feedback' });
}

export function statusFormPage(locale: Locale, options: { code?: string; error?: string } = {}): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  const body = `
<h1>${t('messages.public.statusTitle')}</h1>
<p>${t('messages.public.statusIntro')}</p>
<form method="post" action="/feedback/status?lang=${locale}" accept-charset="utf-8" novalidate>
<div class="field">
<label class="block" for="code">${t('messages.public.code')}</label>
${options.error ? `<p class="error" id="code-error" role="alert">${escapeHtml(options.error)}</p>` : ''}
<input type="text" id="code" name="code" required autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="64" value="${escapeHtml(options.code ?? '')}"${options.error ? ' aria-invalid="true" aria-describedby="code-error"' : ''}>
</div>
<button type="submit">${t('messages.public.show')}</button>
</form>`;
  return layout({ locale, title: translate(locale, 'messages.public.statusTitle'), body, path: '/feedback/status' });
}

const stockholm = (locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: 'Europe/Stockholm', dateStyle: 'long' });

export function statusPage(locale: Locale, receipt: MessageReceipt): string {
  const t = (key: string) => escapeHtml(translate(locale, key));
  const date = (iso: string) => escapeHtml(stockholm(locale).format(new Date(iso)));
  const answer = receipt.answer
    ? `<h2>${t('messages.public.answerTitle')}</h2><p class="hint">${t('messages.public.answeredOn')} ${date(receipt.answeredAt!)}</p><div class="answer">${paragraphs(receipt.answer)}</div>`
    : `<p>${t('messages.public.noAnswerYet')}</p>`;
  const body = `
<h1>${t('messages.public.statusTitle')}</h1>
<dl>
<dt>${t('messages.public.code')}</dt><dd><span class="code">${escapeHtml(formatCertificateCode(receipt.code))}</span></dd>
<dt>${t('messages.public.kind')}</dt><dd>${t(`messages.kinds.${receipt.kind}`)}</dd>
<dt>${t('messages.public.subject')}</dt><dd>${t(`messages.subjects.${receipt.subject}`)}</dd>
<dt>${t('messages.public.received')}</dt><dd>${date(receipt.createdAt)}</dd>
<dt>${t('messages.public.status')}</dt><dd data-testid="receipt-status">${t(`messages.publicStatuses.${receipt.status}`)}</dd>
</dl>
${answer}`;
  return layout({ locale, title: translate(locale, 'messages.public.statusTitle'), body, path: '/feedback/status' });
}

export function problemPage(locale: Locale, title: string, text: string, path: string): string {
  const body = `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p><p><a href="${path}?lang=${locale}">${escapeHtml(translate(locale, 'messages.public.back'))}</a></p>`;
  return layout({ locale, title, body, path });
}

/**
 * The answers staff published as examples: the public wording of each question and answer, with
 * its kind, subject and the date it was published; nothing about who wrote it.
 */
export function examplesPage(locale: Locale, examples: PublicExample[]): string {
  const t = (key: string, values?: Record<string, string | number>) => escapeHtml(translate(locale, key, values));
  const items = examples
    .map(
      (e, i) => `<article class="example" aria-labelledby="example-${i}">
<h2 id="example-${i}">${t(`messages.kinds.${e.kind}`)} · ${t(`messages.subjects.${e.subject}`)}</h2>
<p class="hint">${t('messages.examples.publishedOn', { date: stockholm(locale).format(new Date(e.publishedAt)) })}</p>
<h3>${t('messages.examples.question')}</h3>
<div class="question">${paragraphs(e.question)}</div>
<h3>${t('messages.examples.answer')}</h3>
<div class="answer">${paragraphs(e.answer)}</div>
</article>`,
    )
    .join('\n');
  const body = `
<h1>${t('messages.examples.title')}</h1>
<p>${t('messages.examples.intro')}</p>
${examples.length === 0 ? `<p>${t('messages.examples.none')}</p>` : items}
<p><a href="/feedback?lang=${locale}">${t('messages.examples.sendLink')}</a></p>`;
  return layout({ locale, title: translate(locale, 'messages.examples.title'), body, path: '/feedback/examples' });
}
