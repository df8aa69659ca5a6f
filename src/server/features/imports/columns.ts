import { importFieldNames, requiredImportFields } from '#shared/contracts/imports';

/** The fields an employee file can carry, and the column names HR systems use for them, in Swedish and English. */
export const importFields = importFieldNames;
export type ImportField = (typeof importFields)[number];
export const requiredFields: readonly ImportField[] = requiredImportFields;

const synonyms: Record<ImportField, string[]> = {
  employeeNumber: ['anställningsnummer', 'anställningsnr', 'anstnr', 'anst nr', 'personalnummer', 'personalnr', 'employee number', 'employee no', 'employee id', 'employeenumber', 'employee_number', 'emp no'],
  firstName: ['förnamn', 'tilltalsnamn', 'first name', 'firstname', 'given name', 'first_name'],
  lastName: ['efternamn', 'last name', 'lastname', 'surname', 'family name', 'last_name'],
  email: ['epost', 'e post', 'epostadress', 'e postadress', 'mejl', 'mail', 'email', 'e mail', 'email address'],
  administration: ['förvaltning', 'förvaltningsnamn', 'administration', 'department', 'förvaltning namn'],
  unit: ['enhet', 'verksamhet', 'arbetsplats', 'enhetsnamn', 'unit', 'workplace', 'organisational unit', 'organizational unit', 'org enhet'],
  title: ['befattning', 'titel', 'yrke', 'befattningsbenämning', 'title', 'job title', 'position'],
  gender: ['kön', 'gender', 'sex'],
  startDate: ['anställningsdatum', 'startdatum', 'anställd från', 'anställd fr o m', 'from datum', 'start date', 'startdate', 'employment date', 'hire date', 'start_date'],
  endDate: ['slutdatum', 'anställd till', 'anställd t o m', 'tom datum', 'end date', 'enddate', 'termination date', 'end_date'],
};

/** Lower case, punctuation and extra spaces gone; å, ä and ö kept, as they tell Swedish words apart. */
export function normaliseHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[._\-/()]+/g, ' ')
    .replace(/[^a-z0-9åäöéü ]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const lookup = new Map<string, ImportField>(
  importFields.flatMap((field) => synonyms[field].map((name) => [normaliseHeader(name), field] as const)),
);

export type ColumnMapping = Partial<Record<ImportField, number>>;

/** Which column holds which field, guessed from the header row. The person corrects it in the mapping step. */
export function guessMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const field = lookup.get(normaliseHeader(header));
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return requiredFields.filter((field) => mapping[field] === undefined);
}
