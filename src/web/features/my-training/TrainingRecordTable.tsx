import { Button, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrainingRecordEntry } from '#shared/contracts/training-records';
import { formatDate, todayInStockholm } from '../../components/format';
import { currentLanguage } from '../../i18n';
import { certificateUrl } from './api';

/** Hours with at most two decimals, in the reader's language. */
export function formatHours(hours: number) {
  return new Intl.NumberFormat(currentLanguage() === 'en' ? 'en-GB' : 'sv-SE', { maximumFractionDigits: 2 }).format(hours);
}

export const levelName = (entry: { levelNameSv: string; levelNameEn: string }) =>
  currentLanguage() === 'en' ? entry.levelNameEn : entry.levelNameSv;

export function dateSpan(startsOn: string, endsOn: string) {
  return startsOn === endsOn ? formatDate(startsOn) : `${formatDate(startsOn)} – ${formatDate(endsOn)}`;
}

function stateOf(entry: TrainingRecordEntry, today: string): { key: string; date?: string } {
  if (entry.completedOn) return { key: 'completed', date: entry.completedOn };
  if (entry.sessionStatus === 'cancelled') return { key: 'sessionCancelled' };
  if (entry.status === 'cancelled') return { key: 'cancelled' };
  if (entry.status === 'waiting') return { key: 'waiting' };
  if (entry.startsOn > today) return { key: 'upcoming' };
  return { key: 'notCompleted' };
}

/**
 * A training record as a table: course and level, dates, hours attended of the session's hours,
 * whether completed, when a refresher is due, and the certificate to download when there is one.
 */
export function TrainingRecordTable({
  items,
  labelledBy,
  emptyText,
}: {
  items: TrainingRecordEntry[];
  labelledBy: string;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const today = todayInStockholm();
  if (items.length === 0) return <Text>{emptyText}</Text>;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table aria-labelledby={labelledBy} withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('trainingRecord.course')}</Table.Th>
            <Table.Th scope="col">{t('trainingRecord.date')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('trainingRecord.hours')}
            </Table.Th>
            <Table.Th scope="col">{t('trainingRecord.status')}</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              {t('trainingRecord.refresherDue')}
            </Table.Th>
            <Table.Th scope="col">{t('trainingRecord.certificateColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((entry) => {
            const state = stateOf(entry, today);
            return (
              <Table.Tr key={entry.enrolmentId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {entry.courseName}
                  </Text>
                  <Text size="sm">{levelName(entry)}</Text>
                </Table.Td>
                <Table.Td>{dateSpan(entry.startsOn, entry.endsOn)}</Table.Td>
                <Table.Td visibleFrom="sm">
                  {t('trainingRecord.hoursValue', {
                    attended: formatHours(entry.attendedHours),
                    total: formatHours(entry.totalHours),
                  })}
                </Table.Td>
                <Table.Td>{t(`trainingRecord.state.${state.key}`, { date: formatDate(state.date) })}</Table.Td>
                <Table.Td visibleFrom="sm">
                  {entry.refresherDueOn
                    ? formatDate(entry.refresherDueOn)
                    : entry.completedOn
                      ? t('trainingRecord.refresherNever')
                      : ''}
                </Table.Td>
                <Table.Td>
                  {entry.verificationAvailable && (
                    <Button
                      component="a"
                      href={certificateUrl(entry.enrolmentId)}
                      download
                      size="xs"
                      variant="outline"
                      aria-label={t('trainingRecord.downloadLabel', { course: entry.courseName })}
                    >
                      {t('trainingRecord.download')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
