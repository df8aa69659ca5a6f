import { Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { DataTable } from 'mantine-datatable';
import { useTranslation } from 'react-i18next';
import { fromMd, fromSm, useDataTableTexts, usePaginationTexts } from '../../components/dataTable';
import { formatDateTime, formatNumber } from '../../components/format';
import { ErrorAlert, Page } from '../../components/Page';
import { useImportList, type ImportListItem } from './api';
import { ImportStatusBadge } from './parts';
import type { ImportsSearch } from './routes';
import { UploadForm } from './UploadForm';
import { AnchorLink } from '../../components/links';

const route = getRouteApi('/app/employees/imports');
const defaultPageSize = 25;

function Counts({ counts }: { counts: ImportListItem['counts'] }) {
  const { t } = useTranslation();
  if (!counts) return <>–</>;
  return (
    <Text size="sm" span>
      {t('imports.history.counts', {
        rows: formatNumber(counts.rows),
        new: formatNumber(counts.new),
        changed: formatNumber(counts.changed),
        unchanged: formatNumber(counts.unchanged),
        ended: formatNumber(counts.ended),
        problems: formatNumber(counts.problems),
      })}
    </Text>
  );
}

/** The history of imports, with the upload form above it. For administrators and training coordinators. */
export function ImportsPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const texts = useDataTableTexts();
  const pagination = usePaginationTexts();
  const page = search.page ?? 1;
  const pageSize = search.pageSize ?? defaultPageSize;
  const imports = useImportList({ page, pageSize });

  const update = (change: Partial<ImportsSearch>) => navigate({ search: (prev) => ({ ...prev, ...change }), replace: true });

  return (
    <Page title={t('imports.title')}>
      <AnchorLink to="/employees" size="sm">
        <span aria-hidden="true">← </span>
        {t('nav.employees')}
      </AnchorLink>
      <Text>{t('imports.intro')}</Text>
      <UploadForm />
      <Stack gap="sm" component="section" aria-labelledby="import-history">
        <Title order={2} size="h3" id="import-history">
          {t('imports.history.title')}
        </Title>
        <ErrorAlert error={imports.error} />
        <DataTable<ImportListItem>
          aria-label={t('imports.history.title')}
          withTableBorder
          borderRadius="sm"
          minHeight={imports.data?.items.length ? undefined : 160}
          fetching={imports.isFetching}
          records={imports.data?.items ?? []}
          totalRecords={imports.data?.total ?? 0}
          page={page}
          onPageChange={(value) => update({ page: value === 1 ? undefined : value })}
          recordsPerPage={pageSize}
          onRecordsPerPageChange={(value: number) =>
            update({ page: undefined, pageSize: value === defaultPageSize ? undefined : value })
          }
          {...texts}
          {...pagination}
          columns={[
            {
              accessor: 'fileName',
              title: t('imports.history.file'),
              cellsStyle: () => ({ minWidth: 140 }),
              render: (item) => (
                <Stack gap={2}>
                  <AnchorLink to="/employees/imports/$id" params={{ id: item.id }} style={{ overflowWrap: 'anywhere' }}>
                    {item.fileName}
                  </AnchorLink>
                  {/* On a phone the time and the counts are under the file name. */}
                  <Text size="xs" hiddenFrom="sm">
                    {formatDateTime(item.createdAt)}
                  </Text>
                </Stack>
              ),
            },
            {
              accessor: 'createdAt',
              title: t('imports.history.when'),
              noWrap: true,
              visibleMediaQuery: fromSm,
              render: (item) => formatDateTime(item.createdAt),
            },
            {
              accessor: 'createdByName',
              title: t('imports.history.who'),
              visibleMediaQuery: fromMd,
              render: (item) => (
                <>
                  {item.createdByName ?? '–'}
                  {item.source !== 'web' && (
                    <Text size="xs" span display="block">
                      {t(`imports.source.${item.source}`)}
                    </Text>
                  )}
                </>
              ),
            },
            {
              accessor: 'mode',
              title: t('imports.mode.label'),
              visibleMediaQuery: fromMd,
              render: (item) => t(`imports.mode.${item.settings.mode}`),
            },
            {
              accessor: 'status',
              title: t('common.status'),
              noWrap: true,
              render: (item) => <ImportStatusBadge status={item.status} />,
            },
            {
              accessor: 'counts',
              title: t('imports.history.result'),
              visibleMediaQuery: fromSm,
              render: (item) => <Counts counts={item.counts} />,
            },
          ]}
        />
      </Stack>
    </Page>
  );
}
