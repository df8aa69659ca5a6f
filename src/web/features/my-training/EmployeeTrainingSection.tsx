import { Loader, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/Page';
import { useEmployeeTraining } from './api';
import { TrainingRecordTable } from './TrainingRecordTable';

/** The training record on an employee's page (the read is audited by the server). */
export function EmployeeTrainingSection({ employeeId }: { employeeId: string }) {
  const { t } = useTranslation();
  const query = useEmployeeTraining(employeeId);
  return (
    <Stack gap="sm" component="section" aria-labelledby="employee-training">
      <Title order={2} size="h3" id="employee-training">
        {t('trainingRecord.heading')}
      </Title>
      {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <ErrorAlert error={query.error} />
      {query.data && (
        <TrainingRecordTable items={query.data.items} labelledBy="employee-training" emptyText={t('trainingRecord.empty')} />
      )}
    </Stack>
  );
}
