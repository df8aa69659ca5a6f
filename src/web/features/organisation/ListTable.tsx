import { Group, NativeSelect, Pagination, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import type { Page } from '#shared/contracts/common';
import { ErrorAlert } from '../../components/Page';
import { formatNumber } from '../../components/format';

export const pageSizes = [10, 25, 50, 100];
export const defaultPageSize = 25;

/** Columns that only fit on wider screens: hidden below Mantine's sm breakpoint (48em, 768 px). */
export const wideOnly = (theme: { breakpoints: Record<string, string> }) => `(min-width: ${theme.breakpoints.sm})`;
export const mediumOnly = (theme: { breakpoints: Record<string, string> }) => `(min-width: ${theme.breakpoints.md})`;
export const largeOnly = (theme: { breakpoints: Record<string, string> }) => `(min-width: ${theme.breakpoints.lg})`;
export const extraLargeOnly = (theme: { breakpoints: Record<string, string> }) => `(min-width: ${theme.breakpoints.xl})`;

export type SortableColumn<T> = DataTableColumn<T> & { sortKey?: string };

type Props<T> = {
  /** Names the table for screen readers (aria-label). */
  label: string;
  query: { data?: Page<T>; isFetching: boolean; isPending: boolean; error: unknown };
  columns: SortableColumn<T>[];
  page: number;
  pageSize: number;
  onPageChange: (page: number) => void;
  onPageSizeChange?: (pageSize: number) => void;
  /** The API's sort parameter ('name', '-name'); with onSortChange, columns with a sortKey become sort buttons. */
  sort?: string;
  onSortChange?: (sort: string) => void;
};

/**
 * A server-side paged, sorted list on mantine-datatable. Sorting uses our own header buttons (in the
 * person's language, with the state spoken), and the pager our own labelled controls.
 */
export function ListTable<T extends { id: string }>(props: Props<T>) {
  const { t } = useTranslation();
  const { label, query, page, pageSize, sort, onSortChange } = props;
  const records = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const totalPages = Math.max(1, Math.ceil(total / pageSize));

  const columns = props.columns.map(({ sortKey, ...column }) => {
    if (!sortKey || !onSortChange) return column;
    const title = typeof column.title === 'string' ? column.title : String(column.accessor);
    const direction = sort === sortKey ? 'asc' : sort === `-${sortKey}` ? 'desc' : null;
    return {
      ...column,
      title: (
        <UnstyledButton
          onClick={() => onSortChange(direction === 'asc' ? `-${sortKey}` : sortKey)}
          fw={700}
          fz="sm"
          style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}
        >
          {title}
          <span aria-hidden="true">{direction === 'asc' ? '▲' : direction === 'desc' ? '▼' : '↕'}</span>
          <VisuallyHidden>
            {direction === 'asc'
              ? t('organisation.list.sortedAsc')
              : direction === 'desc'
                ? t('organisation.list.sortedDesc')
                : t('organisation.list.sortable')}
          </VisuallyHidden>
        </UnstyledButton>
      ),
    };
  });

  return (
    <>
      <ErrorAlert error={query.error} />
      <DataTable<T>
        aria-label={label}
        withTableBorder
        borderRadius="sm"
        minHeight={records.length === 0 ? 160 : undefined}
        idAccessor="id"
        records={records}
        columns={columns}
        fetching={query.isFetching}
        loadingText={t('common.loading')}
        noRecordsText={query.isPending ? t('common.loading') : t('common.noRecords')}
        // The library's own empty state is grey text below 4.5:1 contrast.
        emptyState={
          <Text size="sm" c="gray.9">
            {query.isPending ? t('common.loading') : t('common.noRecords')}
          </Text>
        }
        page={page}
        onPageChange={props.onPageChange}
        totalRecords={total}
        recordsPerPage={pageSize}
        renderPagination={() => (
          <Group justify="space-between" align="end" wrap="wrap" gap="sm" w="100%">
            <Text size="sm" aria-live="polite">
              {t('common.paginationText', {
                from: formatNumber((page - 1) * pageSize + 1),
                to: formatNumber((page - 1) * pageSize + records.length),
                total: formatNumber(total),
              })}
            </Text>
            <Group gap="sm" align="end" wrap="wrap">
              {props.onPageSizeChange && (
                <NativeSelect
                  size="xs"
                  label={t('common.recordsPerPage')}
                  value={String(pageSize)}
                  data={pageSizes.map(String)}
                  onChange={(event) => props.onPageSizeChange!(Number(event.currentTarget.value))}
                />
              )}
              {totalPages > 1 && (
                <nav aria-label={t('organisation.list.pages')}>
                  <Pagination
                    size="sm"
                    total={totalPages}
                    value={page}
                    onChange={props.onPageChange}
                    siblings={1}
                    boundaries={1}
                    getControlProps={(control) => ({ 'aria-label': t(`organisation.list.${control}Page`) })}
                    getItemProps={(item) => ({
                      'aria-label': t('organisation.list.page', { page: item }),
                      'aria-current': item === page ? 'page' : undefined,
                    })}
                  />
                </nav>
              )}
            </Group>
          </Group>
        )}
      />
    </>
  );
}
