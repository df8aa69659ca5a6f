import type { AppContext } from '../../context.js';
import { translate, type Locale } from '../../http/i18n.js';
import { renderCertificateDocument, type CertificateBlock } from '../../pdf/certificate-document.js';
import type { Certificate } from '#shared/contracts/certification';
import { formatCertificateCode } from '#shared/contracts/training-records';
import { stockholmDate } from '../employees/current.js';
import { formatLongDate } from '../training-records/certificate.js';

/** Where anyone can check a unit certificate's code. */
export const registerCheckUrl = (ctx: Pick<AppContext, 'config'>, code: string) =>
  `${ctx.config.publicUrl}/register/${formatCertificateCode(code)}`;

/**
 * A unit's certificate: the unit and its administration, the scheme and its issuer, the dates, and
 * the code with where to check it. It names no person.
 */
export function renderUnitCertificate(
  ctx: Pick<AppContext, 'config'>,
  certificate: Certificate,
  locale: Locale,
): Promise<Buffer> {
  const t = (key: string, values: Record<string, string | number> = {}) => translate(locale, `certification.pdf.${key}`, values);
  return renderCertificateDocument({
    locale,
    title: t('title'),
    titleDetail: certificate.unitName,
    subject: certificate.schemeName,
    blocks: [
      { text: t('certifies') },
      { text: certificate.unitName, font: 'bold', size: 22, gap: 0.3 },
      { text: certificate.administrationName, gap: 0.8 },
      { text: t('meets') },
      { text: certificate.schemeName, font: 'bold', size: 18, gap: 0.3 },
      { text: t('issuer', { issuer: certificate.issuer }), gap: 1.5 },
      { text: t('certifiedOn', { date: formatLongDate(certificate.certifiedOn, locale) }) },
      { text: t('validUntil', { date: formatLongDate(certificate.validUntil, locale) }), gap: 3 },
      ...endedNotice(certificate, locale, t),
      { text: t('code', { code: formatCertificateCode(certificate.code) }), size: 11, gap: 0.3 },
      { text: t('check', { url: registerCheckUrl(ctx, certificate.code) }), size: 11 },
    ],
  });
}

/** A printout of a certificate that no longer holds says so on its face, not only at the check. */
function endedNotice(
  certificate: Certificate,
  locale: Locale,
  t: (key: string, values?: Record<string, string | number>) => string,
): CertificateBlock[] {
  const notice = (text: string): CertificateBlock[] => [{ text, font: 'bold', size: 14, gap: 1 }];
  if (certificate.status === 'revoked' && certificate.revokedAt)
    return notice(t('revoked', { date: formatLongDate(stockholmDate(new Date(certificate.revokedAt)), locale) }));
  if (certificate.status === 'expired') return notice(t('expired', { date: formatLongDate(certificate.validUntil, locale) }));
  return [];
}
