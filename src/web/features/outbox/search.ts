import { parseListSearch } from '../../components/list';

export type OutboxSearch = {
  page?: number;
  pageSize?: number;
  q?: string;
  status?: 'pending' | 'sent' | 'failed';
};

export function parseOutboxSearch(search: Record<string, unknown>): OutboxSearch {
  const { page, pageSize, q } = parseListSearch(search);
  const status =
    search.status === 'pending' || search.status === 'sent' || search.status === 'failed' ? search.status : undefined;
  return { page, pageSize, q, status };
}
