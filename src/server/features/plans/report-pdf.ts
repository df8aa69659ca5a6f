import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FontWeight } from '../../pdf/fonts.js';
import { FontSubset } from '../../pdf/font-subset.js';

/**
 * A tagged PDF written fast, for documents of thousands of pages (the follow-up report of a whole
 * municipality: 2,000 pages, some 200,000 structure elements, as every table cell is one). pdfkit's
 * text() and struct() cost, per string, closures, kerning, line wrapping with events, a
 * save/transform/restore, a dozen small writes and an object with its own buffers; the report took
 * 12 s. This writer writes the file itself (objects, pages, the cross-reference table) and:
 *
 * - embeds the subset of the font it uses (src/server/pdf/font-subset.ts: every letter of every name
 *   kept), measuring glyphs without kerning or ligatures;
 * - wraps lines greedily by words, a word wider than its column by characters;
 * - writes a page's content as one compressed stream, and the objects in large chunks;
 * - gives the document an outline (bookmarks) of its sections, to find one's way in 2,000 pages.
 *
 * It stays tagged and accessible (PDF/UA's structure): the document's language and title (shown as
 * the window title), /MarkInfo, a structure tree with headings, paragraphs, lists (L, LI, Lbl,
 * LBody), tables (Table, Caption, TR, TH with Scope, TD) and figures with their alternative text and
 * bounding box; everything drawn is either marked content of an element or an artifact (table
 * rules, a header row repeated on a new page); pages have /Tabs /S. Decision: docs/decisions/0015.
 */

export type FontKind = FontWeight;
const resourceNames: Record<FontKind, string> = { regular: 'IR', bold: 'IB' };

const n = (value: number) => (Math.round(value * 100) / 100).toString();
const ref = (id: number) => `${id} 0 R`;

/** A PDF text string: literal when ASCII, else UTF-16BE with its byte order mark. */
export function pdfString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  const bytes = Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
  return `<${bytes.toString('hex')}>`;
}

/** A structure element being written: its object, and its kids (elements, or marked content by MCID). */
export type Element = { id: number; type: string; parent: number; extra: string; kids: string[]; page: number };

export type TextStyle = { font: FontKind; size: number; colour?: string };

const pageWidth = 595.28;
const pageHeight = 841.89;
const margin = 56;

export class TaggedPdfWriter {
  readonly left = margin;
  readonly width = pageWidth - 2 * margin;
  readonly top = margin;
  readonly bottom = pageHeight - margin;
  y = margin;
  private readonly fonts: Record<FontKind, FontSubset> = { regular: new FontSubset('regular'), bold: new FontSubset('bold') };
  /** The file so far: large chunks; small writes wait in `pending`. */
  private readonly parts: Buffer[] = [];
  private pending: string[] = [];
  private pendingLength = 0;
  private offset = 0;
  /** Byte offset of each object by id (index 0 is the free entry). */
  private readonly offsets: number[] = [0];
  private readonly ids = { catalog: 0, pages: 0, info: 0, treeRoot: 0, parentTree: 0, regular: 0, bold: 0 };
  private readonly root: Element;
  private readonly pageIds: number[] = [];
  /** The bookmarks (the document outline a reader navigates by), in reading order. */
  private readonly marks: { level: 1 | 2; title: string; page: number; y: number }[] = [];
  /** Per page, the element of each marked-content id. */
  private readonly parentTree: number[][] = [];
  private page = 0;
  private content: string[] = [];
  private fill = '';

  constructor(private readonly options: { lang: string; title: string; subject: string }) {
    this.write('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    for (const key of Object.keys(this.ids) as (keyof typeof this.ids)[]) this.ids[key] = this.allocate();
    this.root = { id: this.allocate(), type: 'Document', parent: this.ids.treeRoot, extra: '', kids: [], page: 0 };
    this.startPage();
  }

  get document(): Element {
    return this.root;
  }

  get pages() {
    return this.pageIds.length;
  }

  private write(text: string) {
    this.pending.push(text);
    this.pendingLength += text.length;
    this.offset += text.length;
    if (this.pendingLength > 1 << 16) this.flushPending();
  }

  private flushPending() {
    if (this.pending.length === 0) return;
    this.parts.push(Buffer.from(this.pending.join(''), 'latin1'));
    this.pending = [];
    this.pendingLength = 0;
  }

  private allocate() {
    this.offsets.push(-1);
    return this.offsets.length - 1;
  }

  private object(id: number, body: string) {
    this.offsets[id] = this.offset;
    this.write(`${id} 0 obj\n${body}\nendobj\n`);
  }

  private stream(id: number, dictionary: string, data: Buffer) {
    this.offsets[id] = this.offset;
    this.write(`${id} 0 obj\n<<${dictionary} /Length ${data.length}>>\nstream\n`);
    this.flushPending();
    this.parts.push(data);
    this.offset += data.length;
    this.write('\nendstream\nendobj\n');
  }

  private startPage() {
    this.page = this.allocate();
    this.pageIds.push(this.page);
    this.parentTree.push([]);
    // Coordinates from the top left, as the layout counts them.
    this.content = [`1 0 0 -1 0 ${pageHeight} cm`];
    this.fill = '';
    this.y = this.top;
  }

  private endPage() {
    const contents = this.allocate();
    const data = deflateSync(Buffer.from(this.content.join('\n'), 'latin1'), { level: 1 });
    this.stream(contents, ' /Filter /FlateDecode', data);
    this.object(
      this.page,
      `<</Type /Page /Parent ${ref(this.ids.pages)} /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Resources <</Font <</IR ${ref(this.ids.regular)} /IB ${ref(this.ids.bold)}>> /ProcSet [/PDF /Text]>> /Contents ${ref(contents)} /StructParents ${this.pageIds.length - 1} /Tabs /S>>`,
    );
    this.content = [];
  }

  newPage() {
    this.endPage();
    this.startPage();
  }

  /** A new page unless `height` fits below y. */
  ensure(height: number) {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  /** Opens a structure element under a parent; written when closed. */
  open(type: string, parent: Element, extra = ''): Element {
    const element: Element = { id: this.allocate(), type, parent: parent.id, extra, kids: [], page: 0 };
    parent.kids.push(ref(element.id));
    return element;
  }

  close(element: Element) {
    const kids = element.kids.length === 1 ? element.kids[0] : `[${element.kids.join(' ')}]`;
    const page = element.page === 0 ? '' : ` /Pg ${ref(element.page)}`;
    this.object(
      element.id,
      `<</Type /StructElem /S /${element.type} /P ${ref(element.parent)}${page}${element.extra} /K ${kids}>>`,
    );
  }

  /** Marked content of the element on this page: BDC here, EMC by endContent(). */
  beginContent(element: Element) {
    const parents = this.parentTree[this.parentTree.length - 1]!;
    const mcid = parents.length;
    parents.push(element.id);
    if (element.page === 0) element.page = this.page;
    element.kids.push(element.page === this.page ? String(mcid) : `<</Type /MCR /Pg ${ref(this.page)} /MCID ${mcid}>>`);
    this.content.push(`/${element.type} <</MCID ${mcid}>> BDC`);
  }

  endContent() {
    this.content.push('EMC');
  }

  beginArtifact() {
    this.content.push('/Artifact BMC');
  }

  setFill(colour: string) {
    if (colour === this.fill) return;
    this.fill = colour;
    const value = Number.parseInt(colour.slice(1), 16);
    this.content.push(`${n(((value >> 16) & 255) / 255)} ${n(((value >> 8) & 255) / 255)} ${n((value & 255) / 255)} rg`);
  }

  raw(operators: string) {
    this.content.push(operators);
  }

  /** The lines of a text in a width, each as the hex of its glyphs' codes; wrapped at spaces, a long word by characters. */
  lines(text: string, style: TextStyle, width: number): string[] {
    const font = this.fonts[style.font];
    const max = width / style.size;
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    let word = '';
    let wordWidth = 0;
    const space = font.code(0x20);
    const endWord = () => {
      if (word === '') return;
      if (line !== '' && lineWidth + space.advance + wordWidth > max) {
        lines.push(line);
        line = '';
        lineWidth = 0;
      }
      if (line === '') {
        line = word;
        lineWidth = wordWidth;
      } else {
        line += space.hex + word;
        lineWidth += space.advance + wordWidth;
      }
      word = '';
      wordWidth = 0;
    };
    for (let i = 0; i < text.length; i++) {
      const code = text.codePointAt(i)!;
      if (code > 0xffff) i++;
      if (code === 0x20) {
        endWord();
        continue;
      }
      if (code === 0x0a || code === 0x0d) {
        endWord();
        if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
        lines.push(line);
        line = '';
        lineWidth = 0;
        continue;
      }
      const glyph = font.code(code);
      // A word wider than the whole line is cut where it reaches the edge.
      if (wordWidth + glyph.advance > max && word !== '') {
        if (line !== '') {
          lines.push(line);
          line = '';
          lineWidth = 0;
        }
        lines.push(word);
        word = '';
        wordWidth = 0;
      }
      word += glyph.hex;
      wordWidth += glyph.advance;
    }
    endWord();
    if (line !== '' || lines.length === 0) lines.push(line);
    return lines;
  }

  lineHeight(size: number) {
    return size * 1.2;
  }

  /** Writes lines (from lines()) at x from y, top down; BT..ET, one Tj per line. */
  writeLines(lines: string[], style: TextStyle, x: number, y: number) {
    const leading = this.lineHeight(style.size);
    this.setFill(style.colour ?? '#1a1a1a');
    const parts = [
      `BT /${resourceNames[style.font]} ${style.size} Tf ${n(leading)} TL 1 0 0 -1 ${n(x)} ${n(y + style.size * 0.9)} Tm`,
    ];
    for (let i = 0; i < lines.length; i++) {
      if (i > 0) parts.push('T*');
      if (lines[i] !== '') parts.push(`<${lines[i]}> Tj`);
    }
    parts.push('ET');
    this.content.push(parts.join(' '));
  }

  /**
   * A text block as one element (P, H1, LBody...) under a parent, at the left margin plus indent,
   * moving y; a block longer than the rest of the page goes on over the next (as more marked content
   * of the same element).
   */
  textBlock(type: string, parent: Element, text: string, style: TextStyle, options: { indent?: number; after?: number } = {}) {
    const indent = options.indent ?? 0;
    const lines = this.lines(text, style, this.width - indent);
    const leading = this.lineHeight(style.size);
    const element = this.open(type, parent);
    let from = 0;
    this.ensure(Math.min(lines.length, 2) * leading);
    while (from < lines.length) {
      const fit = Math.max(1, Math.floor((this.bottom - this.y) / leading));
      const to = Math.min(lines.length, from + fit);
      this.beginContent(element);
      this.writeLines(from === 0 && to === lines.length ? lines : lines.slice(from, to), style, this.left + indent, this.y);
      this.endContent();
      this.y += (to - from) * leading;
      from = to;
      if (from < lines.length) this.newPage();
    }
    this.close(element);
    this.y += options.after ?? 0;
    return element;
  }

  /**
   * A table: Caption, a header row of TH (scope column) and rows of TD. Columns share the width by
   * their weights; a row that does not fit starts a new page, where the header row is drawn again as
   * an artifact (a reader has it once, in the structure).
   */
  table(parent: Element, caption: string, columns: string[], rows: string[][], weights?: number[]) {
    const size = 9;
    const leading = this.lineHeight(size);
    const pad = 3;
    const header: TextStyle = { font: 'bold', size };
    const body: TextStyle = { font: 'regular', size };
    const sum = weights ? weights.reduce((a, b) => a + b, 0) : columns.length;
    const widths = columns.map((_, i) => ((weights?.[i] ?? 1) / sum) * this.width);
    const xs: number[] = [];
    let x = this.left;
    for (const w of widths) {
      xs.push(x);
      x += w;
    }
    const cellLines = (cells: string[], style: TextStyle) =>
      cells.map((c, i) => (c === '' ? [] : this.lines(c, style, widths[i]! - 2 * pad)));
    const heightOf = (lines: string[][]) => Math.max(1, ...lines.map((l) => l.length)) * leading + 2 * pad;
    const headerLines = cellLines(columns, header);
    const headerHeight = heightOf(headerLines);
    const rule = (y: number, weight: number) =>
      this.raw(
        `/Artifact BMC ${weight} w 0.53 0.53 0.53 RG ${n(this.left)} ${n(y)} m ${n(this.left + this.width)} ${n(y)} l S EMC`,
      );
    const drawHeader = (element: Element | null) => {
      const y = this.y;
      for (let i = 0; i < columns.length; i++) {
        if (element) {
          const th = this.open('TH', element, ' /A <</O /Table /Scope /Column>>');
          this.beginContent(th);
          this.writeLines(headerLines[i]!, header, xs[i]! + pad, y + pad);
          this.endContent();
          this.close(th);
        } else {
          this.beginArtifact();
          this.writeLines(headerLines[i]!, header, xs[i]! + pad, y + pad);
          this.endContent();
        }
      }
      this.y = y + headerHeight;
      rule(this.y, 1);
    };

    const table = this.open('Table', parent);
    const firstRow = rows.length > 0 ? heightOf(cellLines(rows[0]!, body)) : 0;
    this.ensure(this.lineHeight(size) * 2 + headerHeight + firstRow);
    this.textBlock('Caption', table, caption, { font: 'regular', size, colour: '#333333' }, { after: 2 });
    const headRow = this.open('TR', table);
    drawHeader(headRow);
    this.close(headRow);
    for (const cells of rows) {
      const lines = cellLines(cells, body);
      const height = heightOf(lines);
      if (this.y + height > this.bottom) {
        this.newPage();
        drawHeader(null);
      }
      const tr = this.open('TR', table);
      for (let i = 0; i < cells.length; i++) {
        const td = this.open('TD', tr);
        if (lines[i]!.length > 0) {
          this.beginContent(td);
          this.writeLines(lines[i]!, body, xs[i]! + pad, this.y + pad);
          this.endContent();
        }
        this.close(td);
      }
      this.close(tr);
      this.y += height;
      rule(this.y, 0.5);
    }
    this.close(table);
    this.y += leading;
  }

  /**
   * A bar chart as a Figure with its alternative text and bounding box: groups of bars by label, one
   * bar per series, with a legend. Its data is given beside it as a table by the caller.
   */
  barChart(
    parent: Element,
    alt: string,
    labels: string[],
    series: { name: string; values: (number | null)[] }[],
    colours: string[],
  ) {
    const height = 110;
    this.ensure(height + 30);
    const top = this.y;
    const bbox = [this.left, pageHeight - (top + height + 16), this.left + this.width, pageHeight - top].map(n).join(' ');
    const figure = this.open('Figure', parent, ` /Alt ${pdfString(alt)} /A <</O /Layout /Placement /Block /BBox [${bbox}]>>`);
    this.beginContent(figure);
    let max = 1;
    for (const s of series) for (const v of s.values) if (v !== null && v > max) max = v;
    const legend = 90;
    const groupWidth = Math.min(90, (this.width - legend) / Math.max(1, labels.length));
    const barWidth = (groupWidth - 12) / Math.max(1, series.length);
    const small: TextStyle = { font: 'regular', size: 7 };
    for (let s = 0; s < series.length; s++) {
      this.setFill(colours[s % colours.length]!);
      const values = series[s]!.values;
      const bars: string[] = [];
      for (let g = 0; g < labels.length; g++) {
        const v = values[g];
        if (v === null || v === undefined || v <= 0) continue;
        const h = (v / max) * height;
        bars.push(`${n(this.left + g * groupWidth + s * barWidth)} ${n(top + height - h)} ${n(barWidth - 2)} ${n(h)} re`);
      }
      if (bars.length > 0) this.raw(`${bars.join(' ')} f`);
    }
    for (let g = 0; g < labels.length; g++)
      this.writeLines(this.lines(labels[g]!, small, groupWidth - 4), small, this.left + g * groupWidth, top + height + 3);
    const legendStyle: TextStyle = { font: 'regular', size: 8 };
    for (let s = 0; s < series.length; s++) {
      this.setFill(colours[s % colours.length]!);
      this.raw(`${n(this.left + this.width - legend)} ${n(top + s * 12)} 8 8 re f`);
      this.writeLines(
        this.lines(series[s]!.name, legendStyle, legend - 12),
        legendStyle,
        this.left + this.width - legend + 12,
        top + s * 12,
      );
    }
    this.endContent();
    this.close(figure);
    this.y = top + height + 24;
  }

  /** A bookmark to here (level 1, or 2 under the last level 1), for the reader's outline of the document. */
  bookmark(level: 1 | 2, title: string) {
    this.marks.push({ level, title, page: this.page, y: this.y });
  }

  /**
   * The outline: level 1 open at the top, each closed over its level 2 (a plan over its goals), so
   * a reader shows the plans first. Returns the outline's id, or null without bookmarks.
   */
  private writeOutline(): number | null {
    if (this.marks.length === 0) return null;
    type Item = { id: number; title: string; page: number; y: number; kids: Item[] };
    const rootId = this.allocate();
    const top: Item[] = [];
    for (const mark of this.marks) {
      const item: Item = { id: this.allocate(), title: mark.title, page: mark.page, y: mark.y, kids: [] };
      const parent = top[top.length - 1];
      if (mark.level === 2 && parent) parent.kids.push(item);
      else top.push(item);
    }
    const write = (items: Item[], parent: number) =>
      items.forEach((item, i) => {
        const links = [
          ` /Parent ${ref(parent)}`,
          i > 0 ? ` /Prev ${ref(items[i - 1]!.id)}` : '',
          i < items.length - 1 ? ` /Next ${ref(items[i + 1]!.id)}` : '',
          item.kids.length > 0
            ? ` /First ${ref(item.kids[0]!.id)} /Last ${ref(item.kids[item.kids.length - 1]!.id)} /Count -${item.kids.length}`
            : '',
        ].join('');
        this.object(
          item.id,
          `<</Title ${pdfString(item.title)}${links} /Dest [${ref(item.page)} /XYZ 0 ${n(pageHeight - item.y)} null]>>`,
        );
        write(item.kids, item.id);
      });
    write(top, rootId);
    this.object(
      rootId,
      `<</Type /Outlines /First ${ref(top[0]!.id)} /Last ${ref(top[top.length - 1]!.id)} /Count ${top.length}>>`,
    );
    return rootId;
  }

  /** Ends the document: the last page, the structure tree, the catalogue, the cross-reference table. */
  finish(): Buffer {
    this.endPage();
    const sink = { allocate: () => this.allocate(), object: this.object.bind(this), stream: this.stream.bind(this) };
    for (const kind of ['regular', 'bold'] as const) this.fonts[kind].embed(sink, this.ids[kind]);
    this.close(this.root);
    const nums = this.parentTree.map((ids, key) => `${key} [${ids.map(ref).join(' ')}]`).join('\n');
    this.object(this.ids.parentTree, `<</Nums [${nums}]>>`);
    this.object(
      this.ids.treeRoot,
      `<</Type /StructTreeRoot /K ${ref(this.root.id)} /ParentTree ${ref(this.ids.parentTree)} /ParentTreeNextKey ${this.parentTree.length}>>`,
    );
    const outline = this.writeOutline();
    this.object(this.ids.pages, `<</Type /Pages /Kids [${this.pageIds.map(ref).join(' ')}] /Count ${this.pageIds.length}>>`);
    const now = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
    this.object(
      this.ids.info,
      `<</Title ${pdfString(this.options.title)} /Subject ${pdfString(this.options.subject)} /Creator (Inkludera) /Producer (Inkludera) /CreationDate (D:${now}Z)>>`,
    );
    this.object(
      this.ids.catalog,
      `<</Type /Catalog /Pages ${ref(this.ids.pages)} /StructTreeRoot ${ref(this.ids.treeRoot)} /MarkInfo <</Marked true>> /Lang ${pdfString(this.options.lang)} /ViewerPreferences <</DisplayDocTitle true>>${outline === null ? '' : ` /Outlines ${ref(outline)} /PageMode /UseOutlines`}>>`,
    );
    if (this.offsets.includes(-1)) throw new Error('an object was not written');
    const xref = this.offset;
    const entries = this.offsets.map((offset, id) =>
      id === 0 ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`,
    );
    const fileId = randomBytes(16).toString('hex');
    this.write(
      `xref\n0 ${this.offsets.length}\n${entries.join('')}trailer\n<</Size ${this.offsets.length} /Root ${ref(this.ids.catalog)} /Info ${ref(this.ids.info)} /ID [<${fileId}> <${fileId}>]>>\nstartxref\n${xref}\n%%EOF\n`,
    );
    this.flushPending();
    return Buffer.concat(this.parts);
  }
}
