import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { decodeText, detectDelimiter, readTable } from './decode.js';
import { guessMapping, missingRequired } from './columns.js';
import { chooseDateFormat, parseDate } from './dates.js';
import { dateVerdict, readRecords } from './records.js';

const encodeWindows1252 = (text: string) => {
  // Every character in these tests is in Latin-1, where Windows-1252 and Unicode agree.
  return Uint8Array.from([...text].map((c) => {
    const code = c.charCodeAt(0);
    if (code > 0xff) throw new Error(`not Latin-1: ${c}`);
    return code;
  }));
};
const utf8 = (text: string, bom = false) => {
  const bytes = new TextEncoder().encode(text);
  return bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]) : bytes;
};
const utf16le = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
    bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return bytes;
};

describe('decoding', () => {
  const swedish = 'Anställningsnummer;Förnamn;Efternamn\n1;Åsa;Öberg\n';
  it.each([
    ['UTF-8', utf8(swedish), 'utf-8'],
    ['UTF-8 with BOM', utf8(swedish, true), 'utf-8'],
    ['Windows-1252', encodeWindows1252(swedish), 'windows-1252'],
    ['UTF-16LE', utf16le(swedish), 'utf-16le'],
  ])('reads %s with å, ä and ö intact', (_name, bytes, encoding) => {
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toBe(swedish);
  });

  it.each([
    ['a;b;c\n1;2;3', ';'],
    ['a,b,c\n1,2,3', ','],
    ['a\tb\tc\n1\t2\t3', '\t'],
    ['"x;y",b,c\n1,2,3', ','],
  ])('detects the delimiter of %j', (text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('keeps delimiters and line breaks inside quoted fields, and reports where each row starts', async () => {
    const text = 'Anställningsnummer;Förnamn;Befattning\n1;Anna;"Lärare; åk 1-3"\n2;Bo;"Rad ett\nrad två"\n\n3;Cia;Kock\n';
    const table = await readTable(utf8(text));
    expect(table.rows).toEqual([
      ['Anställningsnummer', 'Förnamn', 'Befattning'],
      ['1', 'Anna', 'Lärare; åk 1-3'],
      ['2', 'Bo', 'Rad ett\nrad två'],
      ['3', 'Cia', 'Kock'],
    ]);
    expect(table.lines).toEqual([1, 2, 3, 6]);
  });

  it('reads an XLSX workbook, dates as dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Personal');
    sheet.addRow(['Anställningsnummer', 'Förnamn', 'Efternamn', 'Enhet', 'Anställningsdatum']);
    sheet.addRow(['1001', 'Åsa', 'Öberg', 'Förskolan Ekbacken', new Date(Date.UTC(2024, 2, 1))]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const table = await readTable(bytes);
    expect(table.encoding).toBe('xlsx');
    const mapping = guessMapping(table.rows[0] as string[]);
    const { records, problems } = readRecords(table, mapping, 'YYYY-MM-DD');
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({ employeeNumber: '1001', firstName: 'Åsa', unit: 'Förskolan Ekbacken', startDate: '2024-03-01' });
  });

  it('refuses an empty file', async () => {
    await expect(readTable(new Uint8Array())).rejects.toThrow('empty_file');
  });
});

describe('columns', () => {
  it('maps Swedish and English headers, whatever their case and punctuation', () => {
    expect(guessMapping(['Anställningsnr', 'FÖRNAMN', 'Efternamn', 'E-post', 'Förvaltning', 'Verksamhet', 'Befattning', 'Kön', 'Startdatum', 'Slutdatum'])).toEqual({
      employeeNumber: 0, firstName: 1, lastName: 2, email: 3, administration: 4, unit: 5, title: 6, gender: 7, startDate: 8, endDate: 9,
    });
    expect(guessMapping(['Employee number', 'First name', 'Last name', 'Email', 'Unit', 'Start date'])).toEqual({
      employeeNumber: 0, firstName: 1, lastName: 2, email: 3, unit: 4, startDate: 5,
    });
    expect(missingRequired(guessMapping(['Förnamn', 'Efternamn']))).toEqual(['employeeNumber', 'unit', 'startDate']);
  });
});

describe('dates', () => {
  it.each([
    ['2024-03-01', 'YYYY-MM-DD', '2024-03-01'],
    ['2024-03-01 00:00', 'YYYY-MM-DD', '2024-03-01'],
    ['20240301', 'YYYYMMDD', '2024-03-01'],
    ['1/3/2024', 'D/M/YYYY', '2024-03-01'],
    ['1/3/2024', 'M/D/YYYY', '2024-01-03'],
    ['2024-02-30', 'YYYY-MM-DD', null],
  ] as const)('reads %s as %s', (value, format, expected) => {
    expect(parseDate(value, format)).toBe(expected);
  });

  it('chooses the format from the whole file, and asks when it cannot tell', () => {
    expect(chooseDateFormat(['2024-03-01', '2020-12-31 00:00'])).toEqual({ kind: 'chosen', format: 'YYYY-MM-DD' });
    expect(chooseDateFormat(['1/3/2024', '25/12/2020'])).toEqual({ kind: 'chosen', format: 'D/M/YYYY' });
    expect(chooseDateFormat(['1/3/2024', '12/25/2020'])).toEqual({ kind: 'chosen', format: 'M/D/YYYY' });
    expect(chooseDateFormat(['1/3/2024', '2/4/2020'])).toEqual({ kind: 'ambiguous', candidates: ['D/M/YYYY', 'M/D/YYYY'] });
  });
});

describe('rows', () => {
  it('reports every problem with its line, column and reason', async () => {
    const text = [
      'Anställningsnummer;Förnamn;Efternamn;E-post;Enhet;Kön;Startdatum;Slutdatum',
      '1;Anna;Andersson;anna@example.se;Ekbacken;K;2020-01-01;',
      ';Bo;Berg;;Ekbacken;M;2020-01-01;',
      '1;Cia;Carlsson;;Ekbacken;K;2020-01-01;',
      '3;Dan;Dahl;inte-en-adress;Ekbacken;M;2020-13-01;',
      '4;Eva;Ek;;Ekbacken;?;2021-01-01;2020-01-01',
    ].join('\n');
    const table = await readTable(utf8(text));
    const mapping = guessMapping(table.rows[0] as string[]);
    const verdict = dateVerdict(table, mapping);
    expect(verdict).toEqual({ kind: 'chosen', format: 'YYYY-MM-DD' });
    const { records, problems } = readRecords(table, mapping, 'YYYY-MM-DD');
    expect(records.map((r) => r.employeeNumber)).toEqual(['1']);
    expect(problems).toEqual([
      { line: 3, column: 'employeeNumber', code: 'missing_value', value: null },
      { line: 4, column: 'employeeNumber', code: 'duplicate_employee_number', value: '1' },
      { line: 5, column: 'startDate', code: 'invalid_date', value: '2020-13-01' },
      { line: 5, column: 'email', code: 'invalid_email', value: 'inte-en-adress' },
      { line: 6, column: 'gender', code: 'invalid_gender', value: '?' },
      { line: 6, column: 'endDate', code: 'end_before_start', value: '2020-01-01' },
    ]);
  });
});

describe('round trip (property)', () => {
  const nameChars = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzåäöÅÄÖéABCDEFGHIJKLMNOPQRSTUVWXYZ -\'";,\t'.split(''));
  const name = fc.string({ unit: nameChars, minLength: 1, maxLength: 20 }).map((s) => s.trim()).filter((s) => s.length > 0);
  const day = fc.date({ min: new Date('1970-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const employee = fc.record({
    firstName: name,
    lastName: name,
    unit: name,
    title: fc.option(name, { nil: null }),
    gender: fc.constantFrom('woman', 'man', 'not_stated') as fc.Arbitrary<'woman' | 'man' | 'not_stated'>,
    startDate: day,
  });

  it('reads back exactly what was written, in any encoding, delimiter and date format', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(employee, { minLength: 1, maxLength: 30 }),
        fc.constantFrom('utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le'),
        fc.constantFrom(';', ',', '\t'),
        fc.constantFrom('YYYY-MM-DD', 'YYYYMMDD'),
        async (people, encoding, delimiter, format) => {
          const rows = people.map((p, i) => [
            String(1000 + i),
            p.firstName,
            p.lastName,
            p.unit,
            p.title ?? '',
            { woman: 'K', man: 'M', not_stated: '' }[p.gender],
            format === 'YYYYMMDD' ? p.startDate.replaceAll('-', '') : p.startDate,
          ]);
          const text = stringify([['Anställningsnummer', 'Förnamn', 'Efternamn', 'Enhet', 'Befattning', 'Kön', 'Anställningsdatum'], ...rows], {
            delimiter,
            quoted_match: /[\s"'-]/,
          });
          const bytes =
            encoding === 'windows-1252' ? encodeWindows1252(text) : encoding === 'utf-16le' ? utf16le(text) : utf8(text, encoding === 'utf-8-bom');
          const table = await readTable(bytes);
          const mapping = guessMapping(table.rows[0] as string[]);
          const verdict = dateVerdict(table, mapping);
          const chosen = verdict.kind === 'chosen' ? verdict.format : verdict.kind === 'ambiguous' ? verdict.candidates[0] : 'YYYY-MM-DD';
          const { records, problems } = readRecords(table, mapping, chosen);
          expect(problems).toEqual([]);
          expect(records.map(({ firstName, lastName, unit, title, gender, startDate }) => ({ firstName, lastName, unit, title, gender, startDate }))).toEqual(people);
        },
      ),
      { numRuns: 150 },
    );
  });
});
