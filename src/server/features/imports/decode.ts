import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * Reading HR exports as they really are: UTF-8 with or without BOM, UTF-16 (Excel's "Unicode
 * text"), or Windows-1252 / ISO-8859-1; comma, semicolon or tab; quoted fields with delimiters and
 * line breaks inside; or an XLSX workbook. Detected, never asked.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type Delimiter = ',' | ';' | '\t';
export type Cell = string | Date;
/** lines[i] is where rows[i] starts in the file (1-based), for problems a person can find. */
export type Table = { rows: Cell[][]; lines: number[]; encoding: Encoding | 'xlsx'; delimiter: Delimiter | null };

export class FileFormatError extends Error {
  constructor(readonly code: 'empty_file' | 'unreadable_file' | 'unsupported_file') {
    super(code);
  }
}

export function detectEncoding(bytes: Uint8Array): { encoding: Encoding; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bomLength: 0 };
  } catch {
    // Not valid UTF-8: Swedish HR systems then write Windows-1252 (a superset of ISO-8859-1's letters).
    return { encoding: 'windows-1252', bomLength: 0 };
  }
}

export function decodeText(bytes: Uint8Array): { text: string; encoding: Encoding } {
  const { encoding, bomLength } = detectEncoding(bytes);
  const text = new TextDecoder(encoding).decode(bytes.subarray(bomLength));
  return { text, encoding };
}

/** The delimiter that splits the first line (outside quotes) into the most fields; semicolon wins ties, as Swedish Excel writes it. */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && char in counts) counts[char as Delimiter]++;
  }
  const order: Delimiter[] = [';', '\t', ','];
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), order[0]);
}

export function parseDelimited(text: string, delimiter: Delimiter): { rows: string[][]; lines: number[] } {
  const records = parseCsv(text, {
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const rows: string[][] = [];
  const lines: number[] = [];
  for (const { record, info } of records) {
    if (!record.some((cell) => cell !== '')) continue;
    // info.lines is where the record ends; a quoted field with line breaks started that many lines earlier.
    const breaks = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    rows.push(record);
    lines.push(info.lines - breaks);
  }
  return { rows, lines };
}

const isXlsx = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value).trim();
}

async function readXlsx(bytes: Uint8Array): Promise<{ rows: Cell[][]; lines: number[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as never);
  } catch {
    throw new FileFormatError('unreadable_file');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new FileFormatError('empty_file');
  const rows: Cell[][] = [];
  const lines: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
    if (values.some((v) => v !== '')) {
      rows.push(values);
      lines.push(row.number);
    }
  });
  return { rows, lines };
}

export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw new FileFormatError('empty_file');
  if (isXlsx(bytes)) {
    const { rows, lines } = await readXlsx(bytes);
    if (rows.length === 0) throw new FileFormatError('empty_file');
    return { rows, lines, encoding: 'xlsx', delimiter: null };
  }
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000')) throw new FileFormatError('unsupported_file');
  const delimiter = detectDelimiter(text);
  let parsed: { rows: string[][]; lines: number[] };
  try {
    parsed = parseDelimited(text, delimiter);
  } catch {
    throw new FileFormatError('unreadable_file');
  }
  if (parsed.rows.length === 0) throw new FileFormatError('empty_file');
  return { ...parsed, encoding, delimiter };
}
