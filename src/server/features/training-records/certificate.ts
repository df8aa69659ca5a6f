import PDFDocument from 'pdfkit';
import { translate, type Locale } from '../../http/i18n.js';
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
 * A certificate of completion as a tagged, accessible PDF: a document title shown by the viewer,
 * the language, a heading and paragraphs in reading order, and the decorative frame marked as an
 * artifact. It says who completed which course, the hours, the date, the verification code and where
 * to check it: nothing else (no unit, no topic, nothing that could be read as saying anything about
 * the person). Helvetica, one of the PDF standard fonts, covers å, ä and ö (WinAnsi).
 */
export function renderCertificate(content: CertificateContent): Promise<Buffer> {
  const t = (key: string, values: Record<string, string | number> = {}) =>
    translate(content.locale, `trainingRecord.certificate.${key}`, values);
  const title = t('title');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 72,
    pdfVersion: '1.5',
    tagged: true,
    lang: content.locale === 'en' ? 'en-GB' : 'sv-SE',
    displayTitle: true,
    info: { Title: `${title}: ${content.name}`, Subject: content.course, Creator: 'Inkludera' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // The frame is decoration: an artifact, which screen readers skip.
  doc.markContent('Artifact', { type: 'Layout' });
  doc
    .lineWidth(2)
    .strokeColor('#3b4a9c')
    .rect(36, 36, doc.page.width - 72, doc.page.height - 72)
    .stroke();
  doc.endMarkedContent();

  const width = doc.page.width - 144;
  const root = doc.struct('Document');
  doc.addStructure(root);
  const paragraph = (text: string, options: { font?: string; size?: number; gap?: number } = {}) =>
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font(options.font ?? 'Helvetica')
          .fontSize(options.size ?? 13)
          .fillColor('#1a1a1a')
          .text(text, { width, align: 'center' });
        doc.moveDown(options.gap ?? 0.6);
      }),
    );

  doc.y = 150;
  root.add(
    doc.struct('H1', {}, () => {
      doc.font('Helvetica-Bold').fontSize(26).fillColor('#1a1a1a').text(title, { width, align: 'center' });
      doc.moveDown(1.5);
    }),
  );
  paragraph(t('certifies'));
  paragraph(content.name, { font: 'Helvetica-Bold', size: 22, gap: 0.8 });
  paragraph(t('completed'));
  paragraph(content.course, { font: 'Helvetica-Bold', size: 18, gap: 1.5 });
  paragraph(t('hours', { hours: formatHours(content.hours, content.locale) }));
  paragraph(t('date', { date: formatLongDate(content.completedOn, content.locale) }), { gap: 3 });
  paragraph(t('code', { code: formatCertificateCode(content.code) }), { size: 11, gap: 0.3 });
  paragraph(t('check', { url: content.verifyUrl }), { size: 11 });
  root.end();
  doc.end();
  return done;
}
