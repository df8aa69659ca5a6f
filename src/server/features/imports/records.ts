import { z } from 'zod';
import type { Cell, Table } from './decode.js';
import type { ColumnMapping, ImportField } from './columns.js';
import { chooseDateFormat, isoFromDate, parseDate, type DateFormat, type DateFormatVerdict } from './dates.js';

export type Gender = 'woman' | 'man' | 'not_stated';

/** One employee as the file says it, checked and normalised. */
export type ImportRecord = {
  line: number;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  administration: string | null;
  unit: string;
  title: string | null;
  gender: Gender;
  startDate: string;
  endDate: string | null;
};

export type ProblemCode =
  | 'missing_value'
  | 'duplicate_employee_number'
  | 'invalid_date'
  | 'invalid_email'
  | 'invalid_gender'
  | 'end_before_start'
  | 'unknown_unit'
  | 'ambiguous_unit'
  | 'unit_closed';
export type Problem = { line: number; column: ImportField | null; code: ProblemCode; value: string | null };

const genders: Record<string, Gender> = {
  k: 'woman', kvinna: 'woman', woman: 'woman', female: 'woman', f: 'woman', w: 'woman',
  m: 'man', man: 'man', male: 'man',
  '': 'not_stated', '-': 'not_stated', okänt: 'not_stated', 'ej angivet': 'not_stated', 'not stated': 'not_stated', unknown: 'not_stated', x: 'not_stated', annat: 'not_stated',
};

const emailSchema = z.email();

const text = (cell: Cell | undefined): string => (cell instanceof Date ? isoFromDate(cell) : (cell ?? '').trim());

/** The date cells of the file, as text, for choosing the format. XLSX dates are already dates. */
export function dateValues(table: Table, mapping: ColumnMapping): string[] {
  const columns = [mapping.startDate, mapping.endDate].filter((c): c is number => c !== undefined);
  return table.rows.slice(1).flatMap((row) => columns.map((c) => row[c]).filter((cell): cell is string => typeof cell === 'string' && cell !== ''));
}

export function dateVerdict(table: Table, mapping: ColumnMapping): DateFormatVerdict {
  return chooseDateFormat(dateValues(table, mapping));
}

/**
 * Reads the data rows (the first row is the header) into records, with every problem found in the
 * file itself: missing values, duplicate numbers, dates and emails that do not parse. Whether the
 * unit exists is the service's question, as it needs the database.
 */
export function readRecords(table: Table, mapping: ColumnMapping, dateFormat: DateFormat): { records: ImportRecord[]; problems: Problem[] } {
  const records: ImportRecord[] = [];
  const problems: Problem[] = [];
  const firstLine = new Map<string, number>();

  for (let i = 1; i < table.rows.length; i++) {
    const row = table.rows[i];
    const line = table.lines[i];
    const rowProblems: Problem[] = [];
    const get = (field: ImportField) => (mapping[field] === undefined ? '' : text(row[mapping[field]!]));
    const required = (field: ImportField) => {
      const value = get(field);
      if (!value) rowProblems.push({ line, column: field, code: 'missing_value', value: null });
      return value;
    };
    const date = (field: ImportField, isRequired: boolean) => {
      const cell = mapping[field] === undefined ? undefined : row[mapping[field]!];
      if (cell instanceof Date) return isoFromDate(cell);
      const value = get(field);
      if (!value) {
        if (isRequired) rowProblems.push({ line, column: field, code: 'missing_value', value: null });
        return null;
      }
      const parsed = parseDate(value, dateFormat);
      if (!parsed) rowProblems.push({ line, column: field, code: 'invalid_date', value });
      return parsed;
    };

    const employeeNumber = required('employeeNumber');
    const firstName = required('firstName');
    const lastName = required('lastName');
    const unit = required('unit');
    const startDate = date('startDate', true);
    const endDate = date('endDate', false);
    const emailText = get('email');
    const email = emailText ? emailText.toLowerCase() : null;
    if (email && !emailSchema.safeParse(email).success) rowProblems.push({ line, column: 'email', code: 'invalid_email', value: emailText });
    const genderText = get('gender');
    const gender = genders[genderText.toLowerCase()];
    if (gender === undefined) rowProblems.push({ line, column: 'gender', code: 'invalid_gender', value: genderText });
    if (startDate && endDate && endDate < startDate) rowProblems.push({ line, column: 'endDate', code: 'end_before_start', value: endDate });
    if (employeeNumber) {
      const seen = firstLine.get(employeeNumber);
      if (seen !== undefined) rowProblems.push({ line, column: 'employeeNumber', code: 'duplicate_employee_number', value: employeeNumber });
      else firstLine.set(employeeNumber, line);
    }

    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    records.push({
      line,
      employeeNumber,
      firstName,
      lastName,
      email,
      administration: get('administration') || null,
      unit,
      title: get('title') || null,
      gender: gender ?? 'not_stated',
      startDate: startDate!,
      endDate,
    });
  }
  return { records, problems };
}
