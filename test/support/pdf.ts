import { inflateSync } from 'node:zlib';

/** WinAnsiEncoding's bytes 0x80–0x9F, as the standard fonts show them (the rest is Latin-1). */
const winAnsi: Record<number, string> = {
  0x80: '€',
  0x82: '‚',
  0x83: 'ƒ',
  0x84: '„',
  0x85: '…',
  0x86: '†',
  0x87: '‡',
  0x88: 'ˆ',
  0x89: '‰',
  0x8a: 'Š',
  0x8b: '‹',
  0x8c: 'Œ',
  0x8e: 'Ž',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
  0x98: '˜',
  0x99: '™',
  0x9a: 'š',
  0x9b: '›',
  0x9c: 'œ',
  0x9e: 'ž',
  0x9f: 'Ÿ',
};
const decodeWinAnsi = (hex: string) => [...Buffer.from(hex, 'hex')].map((b) => winAnsi[b] ?? String.fromCharCode(b)).join('');

/**
 * A stream's bytes run from the end of line after `stream` to `endstream`. The end of line before
 * `endstream` is left on: a compressed stream may itself end in a byte 0x0D, which a pattern that took
 * an optional \r off would cut (1 stream in 256), and inflating ignores what follows the data's end.
 */
const streams = /stream\r?\n([\s\S]*?)endstream/g;

const inflated = (stream: string): string | null => {
  try {
    return inflateSync(Buffer.from(stream, 'latin1')).toString('latin1');
  } catch {
    return null;
  }
};

const utf16 = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');

/** A ToUnicode CMap's two-byte codes and their text (its bfchar and bfrange entries, both forms). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), utf16(m[2]));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const m of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const [from, to] = [parseInt(m[1], 16), parseInt(m[2], 16)];
      if (m[3].startsWith('[')) {
        [...m[3].matchAll(/<([0-9a-fA-F]+)>/g)].forEach((target, i) => map.set(from + i, utf16(target[1])));
      } else {
        const first = parseInt(m[3].slice(1, -1), 16);
        for (let code = from; code <= to; code++) map.set(code, String.fromCodePoint(first + code - from));
      }
    }
  }
  return map;
}

/** The embedded fonts' maps by resource name (/F2 …): each font's ToUnicode, read through its object. */
function fontMaps(raw: string): Map<string, Map<number, string>> {
  const objects = new Map<string, string>();
  for (const m of raw.matchAll(/(\d+) 0 obj([\s\S]*?)endobj/g)) objects.set(m[1], m[2]);
  const maps = new Map<string, Map<number, string>>();
  for (const dict of raw.matchAll(/\/Font\s*<<([^>]*)>>/g)) {
    for (const ref of dict[1].matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(ref[2]) ?? '')?.[1];
      const stream = toUnicode && [...(objects.get(toUnicode) ?? '').matchAll(streams)][0]?.[1];
      const cmap = stream && (inflated(stream) ?? stream);
      if (cmap) maps.set(ref[1], toUnicodeMap(cmap));
    }
  }
  return maps;
}

/**
 * The text a PDF shows: its content streams inflated, the strings of each text operator decoded by the
 * font in use: an embedded font's two-byte codes through its ToUnicode map, a standard font's WinAnsi bytes.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const maps = fontMaps(raw);
  const lines: string[] = [];
  for (const match of raw.matchAll(streams)) {
    const content = inflated(match[1]);
    if (content === null) continue;
    let font: Map<number, string> | undefined;
    const decode = (hex: string) =>
      font ? (hex.match(/.{4}/g) ?? []).map((code) => font?.get(parseInt(code, 16)) ?? '\ufffd').join('') : decodeWinAnsi(hex);
    const operators = /\/([\w.+-]+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
    for (const op of content.matchAll(operators)) {
      if (op[1] !== undefined) {
        font = maps.get(op[1]);
        continue;
      }
      const strings = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]) : [op[3]];
      lines.push(strings.map(decode).join(''));
    }
  }
  return lines.join('\n');
}

/** A PDF text string's value: (literal) or <FEFF UTF-16BE hex>. */
function textString(value: string): string {
  if (value.startsWith('<')) {
    const bytes = Buffer.from(value.slice(1, -1), 'hex');
    return bytes.subarray(0, 2).equals(Buffer.from([0xfe, 0xff]))
      ? bytes.subarray(2).swap16().toString('utf16le')
      : bytes.toString('latin1');
  }
  return value.slice(1, -1).replace(/\\([\\()])/g, '$1');
}

/**
 * Reads a PDF's objects through its cross-reference table (each offset must point at its object,
 * as a reader relies on) and its structure tree: every structure element's type, its parent's type,
 * and its alternative text. Checks what a tagged PDF needs that text alone does not show.
 */
export function pdfStructure(pdf: Buffer) {
  const raw = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(raw)?.[1]);
  const table = /^xref\s+0 (\d+)\s+/.exec(raw.slice(startxref));
  if (!table) throw new Error('no cross-reference table at startxref');
  const count = Number(table[1]);
  const objects = new Map<number, string>();
  const entries = raw.slice(startxref + table[0].length);
  for (let id = 1; id < count; id++) {
    const entry = entries.slice(id * 20, id * 20 + 20);
    if (!entry.endsWith('n \n') && !entry.endsWith('n\r\n')) continue;
    const offset = Number(entry.slice(0, 10));
    const header = `${id} 0 obj`;
    if (!raw.startsWith(header, offset)) throw new Error(`object ${id} is not at its offset ${offset}`);
    const end = raw.indexOf('endobj', offset);
    objects.set(id, raw.slice(offset + header.length, end));
  }
  const trailer = raw.slice(startxref);
  const rootId = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1]);
  const catalog = objects.get(rootId) ?? '';
  const infoId = Number(/\/Info (\d+) 0 R/.exec(trailer)?.[1]);
  const title = /\/Title (\([^)]*\)|<[0-9a-fA-F]*>)/.exec(objects.get(infoId) ?? '')?.[1];
  const lang = /\/Lang (\([^)]*\)|<[0-9a-fA-F]*>)/.exec(catalog)?.[1];
  const elements: { id: number; type: string; parent: string | null; alt: string | null; scope: string | null }[] = [];
  const typeOf = new Map<number, string>();
  for (const [id, body] of objects) {
    const type = /\/S \/(\w+)/.exec(body)?.[1];
    if (type && body.includes('/StructElem')) typeOf.set(id, type);
  }
  for (const [id, type] of typeOf) {
    const body = objects.get(id)!;
    const parent = Number(/\/P (\d+) 0 R/.exec(body)?.[1]);
    const alt = /\/Alt (\([^)]*\)|<[0-9a-fA-F]*>)/.exec(body)?.[1];
    elements.push({
      id,
      type,
      parent: typeOf.get(parent) ?? (objects.get(parent)?.includes('/StructTreeRoot') ? 'StructTreeRoot' : null),
      alt: alt ? textString(alt) : null,
      scope: /\/Scope \/(\w+)/.exec(body)?.[1] ?? null,
    });
  }
  // The outline (bookmarks): titles with their children, following First and Next.
  type Bookmark = { title: string; kids: Bookmark[] };
  const refOf = (body: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(body)?.[1] ?? NaN);
  const bookmarks = (first: number): Bookmark[] => {
    const items: Bookmark[] = [];
    for (let id = first; objects.has(id); id = refOf(objects.get(id)!, 'Next')) {
      const body = objects.get(id)!;
      const title = /\/Title (\([^)]*\)|<[0-9a-fA-F]*>)/.exec(body)?.[1];
      if (!/\/Dest \[\d+ 0 R \/XYZ/.test(body)) throw new Error(`bookmark ${id} has no destination`);
      items.push({ title: title ? textString(title) : '', kids: bookmarks(refOf(body, 'First')) });
    }
    return items;
  };
  const outlineRoot = refOf(catalog, 'Outlines');
  const outline = objects.has(outlineRoot) ? bookmarks(refOf(objects.get(outlineRoot)!, 'First')) : [];
  const counts: Record<string, number> = {};
  for (const e of elements) counts[e.type] = (counts[e.type] ?? 0) + 1;
  return {
    objects: objects.size,
    marked: /\/MarkInfo\s*<<\s*\/Marked true/.test(catalog) || /\/MarkInfo \d+ 0 R/.test(catalog),
    structTreeRoot: /\/StructTreeRoot \d+ 0 R/.test(catalog),
    displayTitle: /\/DisplayDocTitle true/.test(raw),
    lang: lang ? textString(lang) : null,
    title: title ? textString(title) : null,
    pages: (raw.match(/\/Type \/Page\b/g) ?? []).length,
    elements,
    counts,
    outline,
  };
}
