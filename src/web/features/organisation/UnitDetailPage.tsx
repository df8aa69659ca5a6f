import { useState } from 'react';
import { Button, Group, Loader, NativeSelect, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Employee } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { useCanOn, useEmployeeList, useSaveUnit, useUnit } from './api';
import { EmployeeForm } from './EmployeeForm';
import { useEmployeeColumns } from './EmployeesPage';
import { ListTable } from './ListTable';
import { ActiveBadge, BackLink, CloseReopenDialog, Facts, RecordError } from './parts';
import type { EmployeeStatus } from './search';
import { UnitForm } from './UnitForm';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/units/$id');

export function UnitDetailPage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const canOn = useCanOn();
  const can = useCan();
  const query = useUnit(id);
  const save = useSaveUnit();
  const [editOpened, edit] = useDisclosure(false);
  const [confirmOpened, confirm] = useDisclosure(false);
  const [employeeFormOpened, employeeForm] = useDisclosure(false);
  const u = query.data;
  const scope = u ? { administrationId: u.administrationId, unitId: u.id } : {};
  const mayEdit = !!u && canOn('update', 'unit', scope);
  // Closing and reopening are for process leaders and administrators, not for the unit's manager.
  const mayClose = !!u && canOn('create', 'unit', scope);

  return (
    <Page
      title={u?.name ?? t('organisation.units.one')}
      actions={
        u && (
          <>
            {mayEdit && <Button onClick={edit.open}>{t('common.edit')}</Button>}
            {mayClose && (
              <Button variant="outline" color={u.active ? 'red.9' : undefined} onClick={confirm.open}>
                {u.active ? t('organisation.units.close') : t('organisation.units.reopen')}
              </Button>
            )}
          </>
        )
      }
    >
      <BackLink to="/units">{t('organisation.units.title')}</BackLink>
      {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <RecordError error={query.error} />
      {u && (
        <>
          <Facts
            items={[
              { label: t('common.status'), value: <ActiveBadge active={u.active} /> },
              {
                label: t('organisation.units.administration'),
                value: (
                  <AnchorLink to="/administrations/$id" params={{ id: u.administrationId }}>
                    {u.administrationName}
                  </AnchorLink>
                ),
              },
              { label: t('organisation.units.code'), value: u.code },
              { label: t('organisation.units.worksWithChildren'), value: u.worksWithChildren ? t('common.yes') : t('common.no') },
              { label: t('organisation.units.manager'), value: u.manager?.name ?? t('common.none') },
              { label: t('organisation.units.employeeCount'), value: formatNumber(u.employeeCount) },
              ...(u.closedAt ? [{ label: t('organisation.closedAt'), value: formatDate(u.closedAt) }] : []),
              { label: t('common.updatedAt'), value: formatDateTime(u.updatedAt) },
            ]}
          />
          <UnitEmployees unitId={u.id} mayCreate={u.active && can('create', 'employee')} onCreate={employeeForm.open} />
          <UnitForm unit={u} opened={editOpened} onClose={edit.close} />
          <EmployeeForm opened={employeeFormOpened} onClose={employeeForm.close} unit={{ value: u.id, label: u.name }} />
          <CloseReopenDialog
            kind="units"
            name={u.name}
            active={u.active}
            opened={confirmOpened}
            onClose={confirm.close}
            onConfirm={() => save.mutateAsync({ id: u.id, body: { active: !u.active } })}
            conflictHelp={
              <AnchorLink to="/employees" search={{ unitId: u.id }} size="sm" onClick={confirm.close}>
                {t('organisation.units.showCurrentEmployees')}
              </AnchorLink>
            }
          />
        </>
      )}
    </Page>
  );
}

function UnitEmployees({ unitId, mayCreate, onCreate }: { unitId: string; mayCreate: boolean; onCreate: () => void }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState('lastName');
  const [status, setStatus] = useState<EmployeeStatus>('current');
  const pageSize = 25;
  const mayRead = useCan()('read', 'employee');
  const query = useEmployeeList({ unitId, page, pageSize, sort, status }, mayRead);
  const columns = useEmployeeColumns({ withUnit: false });
  if (!mayRead) return null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="unit-employees">
      <Group justify="space-between" align="end">
        <Title order={2} size="h3" id="unit-employees">
          {t('organisation.employees.title')}
        </Title>
        <Group align="end">
          <NativeSelect
            label={t('organisation.employees.status')}
            value={status}
            onChange={(event) => {
              setStatus(event.currentTarget.value as EmployeeStatus);
              setPage(1);
            }}
            data={[
              { value: 'current', label: t('organisation.employees.statusCurrent') },
              { value: 'ended', label: t('organisation.employees.statusEnded') },
              { value: 'all', label: t('common.all') },
            ]}
          />
          {mayCreate && (
            <Button variant="outline" onClick={onCreate}>
              {t('organisation.employees.create')}
            </Button>
          )}
        </Group>
      </Group>
      <ListTable<Employee>
        label={t('organisation.employees.title')}
        query={query}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        sort={sort}
        onSortChange={setSort}
        columns={columns}
      />
    </Stack>
  );
}
