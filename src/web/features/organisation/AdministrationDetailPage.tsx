import { useState } from 'react';
import { Button, Group, Loader, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Unit } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { AdministrationForm } from './AdministrationForm';
import { useAdministration, useCanOn, useSaveAdministration, useUnitList } from './api';
import { ListTable } from './ListTable';
import { ActiveBadge, BackLink, CloseReopenDialog, Facts, RecordError } from './parts';
import { UnitForm } from './UnitForm';
import { useUnitColumns } from './UnitsPage';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/administrations/$id');

export function AdministrationDetailPage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const can = useCan();
  const canOn = useCanOn();
  const query = useAdministration(id);
  const save = useSaveAdministration();
  const [editOpened, edit] = useDisclosure(false);
  const [confirmOpened, confirm] = useDisclosure(false);
  const [unitFormOpened, unitForm] = useDisclosure(false);
  const a = query.data;

  return (
    <Page
      title={a?.name ?? t('organisation.administrations.one')}
      actions={
        a &&
        can('update', 'administration') && (
          <>
            <Button onClick={edit.open}>{t('common.edit')}</Button>
            <Button variant="outline" color={a.active ? 'red.9' : undefined} onClick={confirm.open}>
              {a.active ? t('organisation.administrations.close') : t('organisation.administrations.reopen')}
            </Button>
          </>
        )
      }
    >
      <BackLink to="/administrations">{t('organisation.administrations.title')}</BackLink>
      {query.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <RecordError error={query.error} />
      {a && (
        <>
          <Facts
            items={[
              { label: t('common.status'), value: <ActiveBadge active={a.active} /> },
              { label: t('organisation.administrations.shortName'), value: a.shortName },
              { label: t('organisation.administrations.processLeader'), value: a.processLeader?.name ?? t('common.none') },
              { label: t('organisation.administrations.unitCount'), value: formatNumber(a.unitCount) },
              {
                label: t('organisation.administrations.employeeCount'),
                value: (
                  <AnchorLink to="/employees" search={{ administrationId: a.id }}>
                    {t('organisation.administrations.showEmployees', {
                      count: a.employeeCount,
                      formatted: formatNumber(a.employeeCount),
                    })}
                  </AnchorLink>
                ),
              },
              { label: t('organisation.administrations.description'), value: a.description },
              ...(a.closedAt ? [{ label: t('organisation.closedAt'), value: formatDate(a.closedAt) }] : []),
              { label: t('common.updatedAt'), value: formatDateTime(a.updatedAt) },
            ]}
          />
          <AdministrationUnits
            administrationId={a.id}
            onCreate={unitForm.open}
            mayCreate={a.active && canOn('create', 'unit', { administrationId: a.id })}
          />
          <AdministrationForm administration={a} opened={editOpened} onClose={edit.close} />
          <UnitForm opened={unitFormOpened} onClose={unitForm.close} administrationId={a.id} />
          <CloseReopenDialog
            kind="administrations"
            name={a.name}
            active={a.active}
            opened={confirmOpened}
            onClose={confirm.close}
            onConfirm={() => save.mutateAsync({ id: a.id, body: { active: !a.active } })}
            conflictHelp={
              <AnchorLink to="/units" search={{ administrationId: a.id }} size="sm" onClick={confirm.close}>
                {t('organisation.administrations.showActiveUnits')}
              </AnchorLink>
            }
          />
        </>
      )}
    </Page>
  );
}

function AdministrationUnits({
  administrationId,
  mayCreate,
  onCreate,
}: {
  administrationId: string;
  mayCreate: boolean;
  onCreate: () => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState('name');
  const pageSize = 25;
  const query = useUnitList({ administrationId, page, pageSize, sort });
  const columns = useUnitColumns({ withAdministration: false });
  return (
    <Stack gap="sm" component="section" aria-labelledby="administration-units">
      <Group justify="space-between">
        <Title order={2} size="h3" id="administration-units">
          {t('organisation.units.title')}
        </Title>
        {mayCreate && (
          <Button variant="outline" onClick={onCreate}>
            {t('organisation.units.create')}
          </Button>
        )}
      </Group>
      <ListTable<Unit>
        label={t('organisation.units.title')}
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
