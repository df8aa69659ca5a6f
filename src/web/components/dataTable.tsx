import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The texts and accessible names mantine-datatable needs, in the person's language: spread them
 * onto a <DataTable>. Pagination buttons get aria-labels, the page size selector a label, and the
 * empty state readable text (the library's own is grey below 4.5:1 contrast).
 */
export function useDataTableTexts() {
  const { t } = useTranslation();
  return {
    noRecordsText: t('common.noRecords'),
    emptyState: (
      <Text size="sm" c="var(--mantine-color-text)">
        {t('common.noRecords')}
      </Text>
    ),
  };
}

/** As useDataTableTexts, plus what a paginated table needs. */
export function usePaginationTexts() {
  const { t } = useTranslation();
  return {
    // Shown in the pagination footer while a page loads: mantine-datatable has it only with pagination.
    loadingText: t('common.loading'),
    recordsPerPageLabel: t('common.recordsPerPage'),
    recordsPerPageOptions: pageSizeOptions,
    paginationText: ({ from, to, totalRecords }: { from: number; to: number; totalRecords: number }) =>
      t('common.paginationText', { from, to, total: totalRecords }),
    getPaginationControlProps: (control: 'first' | 'last' | 'previous' | 'next') => ({ 'aria-label': t(`table.${control}`) }),
    getPaginationItemProps: (page: number) => ({ 'aria-label': t('table.page', { page }) }),
  };
}

export const pageSizeOptions = [10, 25, 50, 100];

/** For visibleMediaQuery: columns that only show on wider screens (a phone keeps the essential ones). */
export const fromSm = (theme: { breakpoints: Record<string, string> }) => `(min-width: ${theme.breakpoints.sm})`;
export const fromMd = (theme: { breakpoints: Record<string, string> }) => `(min-width: ${theme.breakpoints.md})`;
