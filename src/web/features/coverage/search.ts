const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (value: unknown) => (typeof value === 'string' && uuid.test(value) ? value : undefined);
const positive = (value: unknown) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

export type CoverageSearch = {
  administrationId?: string;
  unitId?: string;
  courseId?: string;
  newPage?: number;
  duePage?: number;
};

/** The coverage page's address: the scope and the lists' pages, dropping what is not valid. */
export function parseCoverageSearch(search: Record<string, unknown>): CoverageSearch {
  return {
    administrationId: id(search.administrationId),
    unitId: id(search.unitId),
    courseId: id(search.courseId),
    newPage: positive(search.newPage),
    duePage: positive(search.duePage),
  };
}
