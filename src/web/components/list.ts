import { useCallback } from 'react';
import type { DataTableSortStatus } from 'mantine-datatable';

export type ListSearch = { page?: number; pageSize?: number; q?: string; sort?: string };

/** Accepts the list parameters from the address bar, dropping what is not valid. */
export function parseListSearch(search: Record<string, unknown>): ListSearch {
  const page = Number(search.page);
  const pageSize = Number(search.pageSize);
  return {
    page: Number.isInteger(page) && page > 0 ? page : undefined,
    pageSize: [10, 25, 50, 100].includes(pageSize) ? pageSize : undefined,
    q: typeof search.q === 'string' && search.q ? search.q : undefined,
    sort: typeof search.sort === 'string' && /^-?[a-zA-Z]+$/.test(search.sort) ? search.sort : undefined,
  };
}

/** Between the API's sort parameter ('-name') and mantine-datatable's sort status. */
export function sortStatusOf<T>(sort: string | undefined, fallback: string): DataTableSortStatus<T> {
  const value = sort ?? fallback;
  return { columnAccessor: value.replace(/^-/, ''), direction: value.startsWith('-') ? 'desc' : 'asc' };
}

export function sortParamOf<T>(status: DataTableSortStatus<T>): string {
  return `${status.direction === 'desc' ? '-' : ''}${String(status.columnAccessor)}`;
}

export function useSortHandler<T>(onChange: (sort: string) => void) {
  return useCallback((status: DataTableSortStatus<T>) => onChange(sortParamOf(status)), [onChange]);
}
