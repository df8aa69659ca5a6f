import type { ReactNode } from 'react';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { masked, type MaskedCount } from '#shared/contracts/coverage';
import { currentLanguage } from '../../i18n';
import { formatNumber } from '../../components/format';

/** A level's name in the person's language. */
export const levelName = (level: { nameSv: string; nameEn: string }) => (currentLanguage() === 'en' ? level.nameEn : level.nameSv);

/** A share (0..1) as a percentage with at most one decimal: 71,4 % / 71.4%. */
export function formatShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'sv-SE', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A count that may be masked: "<5" is shown as it is, with its meaning for screen readers. */
export function Count({ value }: { value: MaskedCount }) {
  const { t } = useTranslation();
  if (value === masked) return <abbr title={t('coverage.masked')}>{masked}</abbr>;
  return <>{formatNumber(value)}</>;
}

/**
 * A chart with its numbers: the chart is a picture (role img) named by a summary, its SVG hidden
 * from assistive technology; the table beside it is the data itself, for everyone.
 */
export function ChartWithTable({
  title,
  summary,
  note,
  chart,
  table,
  level = 2,
  stacked = false,
}: {
  title: string;
  summary: string;
  note?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  /** The title's heading level, where the chart sits deeper in a page's outline. */
  level?: 2 | 3 | 4 | 5;
  /** The table under the chart at every width, for a table too wide to share a row with it. */
  stacked?: boolean;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={level} size={level === 2 ? 'h3' : 'h5'}>
          {title}
        </Title>
        {note && <Text size="sm">{note}</Text>}
        <SimpleGrid cols={stacked ? 1 : { base: 1, md: 2 }} spacing="lg">
          <div role="img" aria-label={summary} style={{ minWidth: 0 }}>
            {chart}
          </div>
          <div style={{ minWidth: 0 }}>{table}</div>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** A plain data table that scrolls sideways inside itself on a phone, never the page. */
export function DataGrid({ caption, head, rows, minWidth }: { caption: string; head: ReactNode[]; rows: ReactNode[][]; minWidth?: number }) {
  return (
    // A wide table scrolls sideways inside itself on a phone; the region can be reached and scrolled by keyboard.
    <div role="region" aria-label={caption} tabIndex={0} style={{ overflowX: 'auto', maxWidth: '100%' }}>
      <Table striped withTableBorder miw={minWidth} captionSide="top" fz="sm">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {head.map((cell, index) => (
              <Table.Th key={index} scope="col" ta={index === 0 ? 'left' : 'right'}>
                {cell}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <Table.Th key={c} scope="row" fw={500}>
                    {cell}
                  </Table.Th>
                ) : (
                  <Table.Td key={c} ta="right">
                    {cell}
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Colours for the series of a chart (shade 8: enough contrast against white for graphics). */
export const seriesColours = ['indigo.8', 'teal.8', 'orange.8', 'grape.8', 'cyan.8', 'pink.8', 'lime.8'];
