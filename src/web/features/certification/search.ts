import { certificationUnitSorts, unitCertificationStatuses, type UnitCertificationStatus } from '#shared/contracts/certification';
import { parseListSearch, type ListSearch } from '../../components/list';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const id = (value: unknown) => (typeof value === 'string' && uuid.test(value) ? value : undefined);

export type CertificationSearch = ListSearch & {
  status?: UnitCertificationStatus;
  schemeId?: string;
  administrationId?: string;
  /** The page starts with the units that must be certified (those working with children and youth); 'all' lists every unit. */
  units?: 'all';
};

/** The certification page's address: its filters and paging, dropping what is not valid. */
export function parseCertificationSearch(search: Record<string, unknown>): CertificationSearch {
  const list = parseListSearch(search);
  const sortKey = list.sort?.replace(/^-/, '');
  return {
    ...list,
    // A sort the server does not know would answer 400: the address keeps only those it takes.
    sort: sortKey && (certificationUnitSorts as readonly string[]).includes(sortKey) ? list.sort : undefined,
    status: unitCertificationStatuses.find((s) => s === search.status),
    schemeId: id(search.schemeId),
    administrationId: id(search.administrationId),
    units: search.units === 'all' ? 'all' : undefined,
  };
}
