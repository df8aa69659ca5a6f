import PDFDocument from 'pdfkit';
import type { Locale } from '../http/i18n.js';
import { fontFile, type FontWeight } from './fonts.js';

/** A paragraph of a certificate, centred; the defaults are body text. */
export type CertificateBlock = { text: string; font?: FontWeight; size?: number; gap?: number };

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
 * heading and paragraphs in reading order, and the decorative frame marked as an artifact. The font
 * is embedded (./fonts.ts), so every letter of a name is kept. The training certificate of completion
 * and the unit certificate are both drawn by this.
 */
/**
 * No ligatures: DejaVu joins "fi" into one glyph, and the text a reader copies or reads aloud from it
 * came out wrong ("Certifikat" as "CertikaSt"). fontkit takes an object of features to switch off,
 * where pdfkit's types allow only a list of those to switch on.
 */
const oneGlyphPerLetter = { liga: false, clig: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

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
  doc.registerFont('regular', fontFile('regular'));
  doc.registerFont('bold', fontFile('bold'));
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
      doc
        .font('bold')
        .fontSize(26)
        .fillColor('#1a1a1a')
        .text(content.title, { width, align: 'center', features: oneGlyphPerLetter });
      doc.moveDown(1.5);
    }),
  );
  for (const block of content.blocks) {
    root.add(
      doc.struct('P', {}, () => {
        doc
          .font(block.font ?? 'regular')
          .fontSize(block.size ?? 13)
          .fillColor('#1a1a1a')
          .text(block.text, { width, align: 'center', features: oneGlyphPerLetter });
        doc.moveDown(block.gap ?? 0.6);
      }),
    );
  }
  root.end();
  doc.end();
  return done;
}
