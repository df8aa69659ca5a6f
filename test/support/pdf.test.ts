import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf.js';

/** A one-page PDF whose content stream shows `text` in a standard font, compressed as the writers do. */
function pdfShowing(text: string, padding: number): { pdf: Buffer; lastByte: number } {
  const content = deflateSync(
    Buffer.from(`BT /F1 12 Tf <${Buffer.from(text, 'latin1').toString('hex')}> Tj ET${' '.repeat(padding)}`),
  );
  const pdf = Buffer.concat([
    Buffer.from(`%PDF-1.5\n1 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    content,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ]);
  return { pdf, lastByte: content[content.length - 1] };
}

describe('pdfText', () => {
  it('reads a compressed stream whose last byte is a carriage return', () => {
    // The last byte is the checksum's; padding the content moves it until it is 0x0D.
    let padding = 0;
    while (pdfShowing('Elsa Medarbetare', padding).lastByte !== 0x0d) padding++;
    expect(pdfText(pdfShowing('Elsa Medarbetare', padding).pdf)).toBe('Elsa Medarbetare');
  });
});
