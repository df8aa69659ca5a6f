import { deflateSync } from 'node:zlib';
import { create, type Font, type Glyph, type Subset } from 'fontkit';
import { fontFile, type FontWeight } from './fonts.js';

/**
 * The embedded font of a PDF written by hand (the follow-up report, report-pdf.ts): each character
 * becomes the two-byte code of its glyph in this document's subset of the font, and the subset is
 * embedded with its widths and a ToUnicode map, so the text is searched, copied and read aloud as
 * written. pdfkit does the same for the documents it writes (the certificates).
 */

type Face = { font: Font; glyphs: Map<number, { id: number; advance: number }> };
const faces = new Map<FontWeight, Face>();

function faceOf(weight: FontWeight): Face {
  let face = faces.get(weight);
  if (!face) {
    face = { font: create(fontFile(weight)) as Font, glyphs: new Map() };
    faces.set(weight, face);
  }
  return face;
}

const questionMark = 0x3f;

/** A code point's glyph and its advance at size 1; a letter the font lacks falls back to its base letter, else to "?". */
function glyphOf(face: Face, code: number): { id: number; advance: number } {
  let glyph = face.glyphs.get(code);
  if (!glyph) {
    if (face.font.hasGlyphForCodePoint(code)) {
      const found = face.font.glyphForCodePoint(code);
      glyph = { id: found.id, advance: found.advanceWidth / face.font.unitsPerEm };
    } else {
      const base = String.fromCodePoint(code).normalize('NFD').codePointAt(0)!;
      glyph = glyphOf(face, base !== code ? base : questionMark);
    }
    face.glyphs.set(code, glyph);
  }
  return glyph;
}

/** What embedding needs of the writer: object ids, and objects and streams written at an id. */
export type ObjectSink = {
  allocate(): number;
  object(id: number, body: string): void;
  stream(id: number, dictionary: string, data: Buffer): void;
};

const hex4 = (value: number) => value.toString(16).padStart(4, '0');

export class FontSubset {
  private readonly face: Face;
  private readonly subset: Subset;
  /** By code point: the code written in content streams, and the advance at size 1. */
  private readonly codes = new Map<number, { hex: string; advance: number }>();
  /** By subset glyph id: the advance in thousandths, and the code point it stands for. */
  private readonly widths: number[] = [];
  private readonly unicode: number[] = [];

  constructor(private readonly weight: FontWeight) {
    this.face = faceOf(weight);
    this.subset = this.face.font.createSubset();
  }

  code(codePoint: number): { hex: string; advance: number } {
    let code = this.codes.get(codePoint);
    if (!code) {
      const shown = codePoint < 0x20 ? 0x20 : codePoint;
      const glyph = glyphOf(this.face, shown);
      // fontkit's includeGlyph returns the glyph's id in the subset (its types say boolean).
      const id = this.subset.includeGlyph(glyph.id as unknown as Glyph) as unknown as number;
      this.widths[id] = Math.round(glyph.advance * 1000);
      this.unicode[id] ??= shown;
      code = { hex: hex4(id), advance: glyph.advance };
      this.codes.set(codePoint, code);
    }
    return code;
  }

  /** Writes the font (Type0, Identity-H) at `id`, with its descendant, descriptor, file and ToUnicode map. */
  embed(sink: ObjectSink, id: number) {
    const { font } = this.face;
    const scale = 1000 / font.unitsPerEm;
    const name = `${this.weight === 'bold' ? 'INKBLD' : 'INKREG'}+${font.postscriptName}`;
    const file = Buffer.from(this.subset.encode());
    const fileId = sink.allocate();
    sink.stream(fileId, ` /Filter /FlateDecode /Length1 ${file.length}`, deflateSync(file));
    const descriptorId = sink.allocate();
    const { minX, minY, maxX, maxY } = font.bbox;
    const box = [minX, minY, maxX, maxY].map((v) => Math.round(v * scale)).join(' ');
    sink.object(
      descriptorId,
      `<</Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [${box}] /ItalicAngle 0 /Ascent ${Math.round(font.ascent * scale)} /Descent ${Math.round(font.descent * scale)} /CapHeight ${Math.round(font.capHeight * scale)} /StemV 0 /FontFile2 ${fileId} 0 R>>`,
    );
    const widths = Array.from({ length: this.widths.length }, (_, i) => this.widths[i] ?? 0).join(' ');
    const descendantId = sink.allocate();
    sink.object(
      descendantId,
      `<</Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor ${descriptorId} 0 R /CIDToGIDMap /Identity /W [0 [${widths}]]>>`,
    );
    const toUnicodeId = sink.allocate();
    sink.stream(toUnicodeId, ' /Filter /FlateDecode', deflateSync(Buffer.from(this.toUnicode(), 'latin1')));
    sink.object(
      id,
      `<</Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${descendantId} 0 R] /ToUnicode ${toUnicodeId} 0 R>>`,
    );
  }

  /** The ToUnicode CMap: each glyph's code and its text, in blocks of at most 100 (the format's limit). */
  private toUnicode(): string {
    const entries: string[] = [];
    this.unicode.forEach((codePoint, id) => {
      if (codePoint === undefined) return;
      const text = Buffer.from(String.fromCodePoint(codePoint), 'utf16le').swap16().toString('hex');
      entries.push(`<${hex4(id)}> <${text}>`);
    });
    const blocks: string[] = [];
    for (let i = 0; i < entries.length; i += 100) {
      const block = entries.slice(i, i + 100);
      blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
    }
    return [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <ffff>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n');
  }
}
