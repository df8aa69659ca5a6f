import { translate, type Locale } from '../../http/i18n.js';
import { renderCertificateDocument } from '../../pdf/certificate-document.js';
import { formatCertificateCode } from '#shared/contracts/training-records';

export type CertificateContent = {
  name: string;
  course: string;
  /** Hours attended. */
  hours: number;
  /** YYYY-MM-DD, a date in Sweden. */
  completedOn: string;
  code: string;
  /** The public page where anyone can check the code. */
  verifyUrl: string;
  locale: Locale;
};

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : 'sv-SE');

export const formatHours = (hours: number, locale: Locale) =>
  new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(hours);

export const formatLongDate = (isoDate: string, locale: Locale) =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T12:00:00Z`));

/**
 * A certificate of completion. It says who completed which course, the hours, the date, the
 * verification code and where to check it: nothing else (no unit, no topic, nothing that could be
 * read as saying anything about the person).
 */
export function renderCertificate(content: CertificateContent): Promise<Buffer> {
  const t = (key: string, values: Record<string, string | number> = {}) =>
    translate(content.locale, `trainingRecord.certificate.${key}`, values);
  return renderCertificateDocument({
    locale: content.locale,
    title: t('title'),
    titleDetail: content.name,
    subject: content.course,
    blocks: [
      { text: t('certifies') },
      { text: content.name, font: 'bold', size: 22, gap: 0.8 },
      { text: t('completed') },
      { text: content.course, font: 'bold', size: 18, gap: 1.5 },
      { text: t('hours', { hours: formatHours(content.hours, content.locale) }) },
      { text: t('date', { date: formatLongDate(content.completedOn, content.locale) }), gap: 3 },
      { text: t('code', { code: formatCertificateCode(content.code) }), size: 11, gap: 0.3 },
      { text: t('check', { url: content.verifyUrl }), size: 11 },
    ],
  });
}
