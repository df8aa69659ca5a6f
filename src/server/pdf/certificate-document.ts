import PDFDocument from 'pdfkit';
import type { Locale } from '../http/i18n.js';

/** A paragraph of a certificate, centred; the defaults are body text. */
export type CertificateBlock = { text: string; font?: 'Helvetica' | 'Helvetica-Bold'; size?: number; gap?: number };

export type CertificateDocument = {
  locale: Locale;
  /** The heading, and the start of the title the PDF viewer shows. */
  title: string;
  /** The rest of the viewer's title (after "title: "), and the PDF's subject. */
  titleDetail: string;
  subject: string;
  blocks: CertificateBlock[];
};

/**
 * A certificate as a tagged, accessible PDF: a document title shown by the viewer, the language, a
 * heading and paragraphs in reading order, and the decorative frame marked as an artifact. Helvetica,
 * one of the PDF standard fonts, covers å, ä and ö (WinAnsi). The training certificate of completion
 * and the unit certificate are both drawn by this.
 */
export function renderCertificateDocument(content: CertificateDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 72,
    pdfVersion: '1.5',
    tagged: true,
    lang: content.locale === 'en' ? 'en-GB' : 'sv-SE',
    displayTitle: true,
    info: { Title: `${content.title}: ${content.titleDetail}`, Subject: content.subject, Creator: 'Inkludera' },
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
  doc.y = 150;
  root.add(
    doc.struct('H1', {}, () => {
      doc.font('Helvetica-Bold').fontSize(26).fillColor('#1a1a1a').text(content.title, { width, align: 'center' });
      doc.moveDown(1.5);
    }),
  );
  for (const block of content.blocks) {
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font(block.font ?? 'Helvetica')
          .fontSize(block.size ?? 13)
          .fillColor('#1a1a1a')
          .text(block.text, { width, align: 'center' });
        doc.moveDown(block.gap ?? 0.6);
      }),
    );
  }
  root.end();
  doc.end();
  return done;
}
