import { useState } from 'react';
import { Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { updateEmployeeBody, type EmployeeDetail } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert, Page } from '../../components/Page';
import { formatDate, formatDateTime, todayInStockholm } from '../../components/format';
import { useEmployee, useSaveEmployee } from './api';
import { EmployeeTrainingSection } from '../my-training/EmployeeTrainingSection';
import { DateField, EmployeeForm } from './EmployeeForm';
import { EmploymentBadge } from './EmployeesPage';
import { ConfirmDialog, useFullScreenDialog } from '../../components/ConfirmDialog';
import { BackLink, Facts, notifySaved, RecordError } from './parts';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/employees/$id');

export function EmployeeDetailPage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const can = useCan();
  const query = useEmployee(id);
  const save = useSaveEmployee();
  const [editOpened, edit] = useDisclosure(false);
  const [endOpened, end] = useDisclosure(false);
  const [undoOpened, undo] = useDisclosure(false);
  const e = query.data;
  const mayEdit = can('update', 'employee');

  return (
    <Page
      title={e ? `${e.firstName} ${e.lastName}` : t('organisation.employees.one')}
      actions={
        e &&
        mayEdit && (
          <>
            <Button onClick={edit.open}>{t('common.edit')}</Button>
            {e.endDate ? (
              <Button variant="outline" onClick={undo.open}>
                {t('organisation.employees.undoEnd')}
              </Button>
            ) : (
              <Button variant="outline" color="red.9" onClick={end.open}>
                {t('organisation.employees.end')}
              </Button>
            )}
          </>
        )
      }
    >
      <BackLink to="/employees">{t('organisation.employees.title')}</BackLink>
      {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <RecordError error={query.error} />
      {e && (
        <>
          <Facts
            items={[
              { label: t('common.status'), value: <EmploymentBadge active={e.active} /> },
              { label: t('organisation.employees.employeeNumber'), value: e.employeeNumber },
              {
                label: t('organisation.employees.unit'),
                value: (
                  <AnchorLink to="/units/$id" params={{ id: e.unitId }}>
                    {e.unitName}
                  </AnchorLink>
                ),
              },
              {
                label: t('organisation.employees.administration'),
                value: (
                  <AnchorLink to="/administrations/$id" params={{ id: e.administrationId }}>
                    {e.administrationName}
                  </AnchorLink>
                ),
              },
              { label: t('organisation.employees.jobTitle'), value: e.title },
              { label: t('organisation.employees.email'), value: e.email },
              { label: t('organisation.employees.startDate'), value: formatDate(e.startDate) },
              {
                label: t('organisation.employees.endDate'),
                value: e.endDate ? formatDate(e.endDate) : t('organisation.employees.untilFurtherNotice'),
              },
              ...(e.gender ? [{ label: t('organisation.employees.gender'), value: t(`gender.${e.gender}`) }] : []),
              { label: t('common.updatedAt'), value: formatDateTime(e.updatedAt) },
            ]}
          />
          <UnitHistory employee={e} />
          <EmployeeTrainingSection employeeId={e.id} />
          <EmployeeForm employee={e} opened={editOpened} onClose={edit.close} />
          <EndEmploymentDialog employee={e} opened={endOpened} onClose={end.close} />
          <ConfirmDialog
            opened={undoOpened}
            onClose={undo.close}
            title={t('organisation.employees.undoEndTitle')}
            confirmLabel={t('organisation.employees.undoEnd')}
            onConfirm={() => save.mutateAsync({ id: e.id, body: { endDate: null } })}
          >
            {t('organisation.employees.undoEndBody', { date: formatDate(e.endDate) })}
          </ConfirmDialog>
        </>
      )}
    </Page>
  );
}

function UnitHistory({ employee }: { employee: EmployeeDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" component="section" aria-labelledby="unit-history">
      <Title order={2} size="h3" id="unit-history">
        {t('organisation.employees.history')}
      </Title>
      {employee.unitHistory.length === 0 ? (
        <Text>{t('common.noRecords')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table aria-labelledby="unit-history" withTableBorder striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organisation.employees.unit')}</Table.Th>
                <Table.Th scope="col" visibleFrom="sm">
                  {t('organisation.employees.administration')}
                </Table.Th>
                <Table.Th scope="col">{t('common.from')}</Table.Th>
                <Table.Th scope="col">{t('common.to')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {employee.unitHistory.map((entry) => (
                <Table.Tr key={`${entry.unitId}-${entry.fromDate}`}>
                  <Table.Td>
                    <AnchorLink to="/units/$id" params={{ id: entry.unitId }}>
                      {entry.unitName}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{entry.administrationName}</Table.Td>
                  <Table.Td>{formatDate(entry.fromDate)}</Table.Td>
                  <Table.Td>{entry.toDate ? formatDate(entry.toDate) : t('organisation.employees.historyCurrent')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

/** Ending an employment is setting its last day. */
function EndEmploymentDialog({ employee, opened, onClose }: { employee: EmployeeDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      fullScreen={fullScreen}
      title={t('organisation.employees.endTitle', { name: `${employee.firstName} ${employee.lastName}` })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <EndEmploymentForm employee={employee} onClose={onClose} />}
    </Modal>
  );
}

function EndEmploymentForm({ employee, onClose }: { employee: EmployeeDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const save = useSaveEmployee();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ endDate: string | null }>({
    initialValues: { endDate: todayInStockholm() },
    // The start date takes part only in the check that the end is not before it.
    validate: (values) => zodValidate(updateEmployeeBody)({ startDate: employee.startDate, endDate: values.endDate ?? '' }),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      await save.mutateAsync({ id: employee.id, body: { endDate: values.endDate } });
      notifySaved();
      onClose();
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('organisation.employees.endBody')}</Text>
        <ErrorAlert error={error} />
        <DateField
          label={t('organisation.employees.endDate')}
          required
          minDate={employee.startDate}
          {...form.getInputProps('endDate')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red.9" loading={form.submitting}>
            {t('organisation.employees.end')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
