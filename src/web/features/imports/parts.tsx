import type { ReactNode, RefObject } from 'react';
import { Badge, Paper, Radio, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmployeeImport } from '#shared/contracts/imports';
import { useDataTableTexts, usePaginationTexts } from '../../components/dataTable';
import { formatNumber } from '../../components/format';
import type { ImportMode } from './api';
import { AnchorLink } from '../../components/links';

const statusColor = {
  previewed: 'indigo.8',
  committing: 'orange.9',
  committed: 'green.9',
  failed: 'red.9',
  discarded: 'gray.8',
} as const;

export function ImportStatusBadge({ status }: { status: EmployeeImport['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={statusColor[status]}
      variant="dot"
      tt="none"
      size="md"
      styles={{ root: { flexShrink: 0 }, label: { color: 'var(--mantine-color-text)' } }}
    >
      {t(`imports.status.${status}`)}
    </Badge>
  );
}

/** Partial or full import, each explained in one sentence. */
export function ModeChoice({
  value,
  onChange,
  disabled = false,
  hideLabel = false,
}: {
  value: ImportMode;
  onChange: (mode: ImportMode) => void;
  disabled?: boolean;
  /** Under a heading that says the same: the label is for screen readers only. */
  hideLabel?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={hideLabel ? <VisuallyHidden>{t('imports.mode.label')}</VisuallyHidden> : t('imports.mode.label')}
      value={value}
      onChange={(mode) => onChange(mode as ImportMode)}
    >
      <Stack gap="sm" mt={hideLabel ? 0 : 'xs'}>
        {(['partial', 'full'] as const).map((mode) => (
          <Radio
            key={mode}
            value={mode}
            disabled={disabled}
            label={t(`imports.mode.${mode}`)}
            description={t(`imports.mode.${mode}Help`)}
            styles={{ description: { color: 'var(--mantine-color-text)' } }}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

/** The five counts of a preview, as cards: a description list, two cards a row on a phone. */
export function ImportCounts({ summary, mode }: { summary: NonNullable<EmployeeImport['summary']>; mode: ImportMode }) {
  const { t } = useTranslation();
  const cards: { key: string; value: number; color?: string; note?: string }[] = [
    { key: 'new', value: summary.new },
    { key: 'changed', value: summary.changed },
    { key: 'unchanged', value: summary.unchanged },
    { key: 'ended', value: summary.ended, note: mode === 'partial' ? t('imports.counts.endedPartial') : undefined },
    { key: 'problems', value: summary.problems, color: summary.problems > 0 ? 'red.9' : undefined },
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 5 }} spacing="sm" m={0} aria-label={t('imports.counts.label')}>
      {cards.map((card) => (
        <Paper key={card.key} withBorder p="sm" radius="sm">
          <Text component="dt" size="sm" fw={700}>
            {t(`imports.counts.${card.key}`)}
          </Text>
          <Text component="dd" m={0} fz={28} fw={700} lh={1.2} c={card.color}>
            {formatNumber(card.value)}
          </Text>
          {card.note && (
            <Text component="dd" m={0} size="xs">
              {card.note}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}

/** A link back to the import history. */
export function HistoryLink() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/employees/imports" size="sm">
      <span aria-hidden="true">← </span>
      {t('imports.history.title')}
    </AnchorLink>
  );
}

/** A section of the import page with its own heading (h2), which the page's headings outline lists. */
export function Section({
  id,
  title,
  children,
  description,
  headingRef,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Makes the heading focusable from script, to move the focus to what replaced a pressed button. */
  headingRef?: RefObject<HTMLHeadingElement | null>;
}) {
  return (
    <Paper component="section" withBorder p={{ base: 'sm', sm: 'md' }} radius="sm" aria-labelledby={id}>
      <Stack gap="sm">
        <Text component="h2" id={id} fw={700} fz="lg" m={0} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
          {title}
        </Text>
        {description && <Text size="sm">{description}</Text>}
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * A list the server sends whole (problems, new, changed, ended employees: up to a few hundred
 * rows), paged in the browser. Says when the server kept only the first rows.
 */
export function LocalTable<T>({
  label,
  records,
  total,
  columns,
  idOf,
}: {
  label: string;
  records: T[];
  /** How many there are in all, when the server sent only the first ones. */
  total: number;
  columns: DataTableColumn<T & { __key: string }>[];
  idOf: (record: T, index: number) => string;
}) {
  const { t } = useTranslation();
  const texts = useDataTableTexts();
  const pagination = usePaginationTexts();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const keyed = records.map((record, index) => ({ ...record, __key: idOf(record, index) }));
  const shown = keyed.slice((page - 1) * pageSize, page * pageSize);
  const table = {
    'aria-label': label,
    withTableBorder: true,
    borderRadius: 'sm',
    idAccessor: '__key',
    records: shown,
    columns,
    minHeight: shown.length === 0 ? 120 : undefined,
    ...texts,
  };
  return (
    <Stack gap="xs">
      {total > records.length && (
        <Text size="sm">
          {t('imports.preview.firstOnly', { shown: formatNumber(records.length), total: formatNumber(total) })}
        </Text>
      )}
      {/* Ten rows or fewer need no pages: mantine-datatable takes its pagination props all or none. */}
      {records.length > 10 ? (
        <DataTable<T & { __key: string }>
          {...table}
          {...pagination}
          totalRecords={records.length}
          page={page}
          onPageChange={setPage}
          recordsPerPage={pageSize}
          onRecordsPerPageChange={(size: number) => {
            setPageSize(size);
            setPage(1);
          }}
        />
      ) : (
        <DataTable<T & { __key: string }> {...table} />
      )}
    </Stack>
  );
}
