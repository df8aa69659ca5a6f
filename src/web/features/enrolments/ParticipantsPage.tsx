import { useState } from 'react';
import { Alert, Button, Group, List, Loader, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { EnrolResult, EnrolledPerson, WaitingPerson } from '#shared/contracts/enrolments';
import { accessFor } from '#shared/permissions';
import { useMe } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { formatDate, formatNumber } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { AdministrationSelect, EmployeeSelect, UnitMultiSelect } from '../organisation/Selects';
import { useSession } from '../training/api';
import { useCancelEnrolment, useEnrol, useParticipants } from './api';
import { BackToSession, CompletedBadge, formatHours, sessionName } from './parts';
import { ButtonLink } from '../../components/links';

const routeApi = getRouteApi('/app/training-sessions/$id/participants');

/** The enrolled and the waiting list of a session; adding people and cancelling places. */
export function ParticipantsPage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const { data: me } = useMe();
  const session = useSession(id);
  const participants = useParticipants(id);
  const [cancelling, setCancelling] = useState<{ employeeId: string; name: string } | null>(null);
  const cancel = useCancelEnrolment(id);
  const permissions = new Set(me?.permissions ?? []);
  const deleteAccess = accessFor(permissions, 'delete', 'enrolment');
  const data = participants.data;
  const s = session.data;
  const open = !!s && s.status === 'planned';

  /** Coordinators cancel anyone; managers those their scoped list shows; everyone themselves. */
  const mayCancel = (person: { employeeId: string; hasAttendance?: boolean }) =>
    open &&
    !person.hasAttendance &&
    (deleteAccess.includes('any') ||
      ((deleteAccess.includes('unit') || deleteAccess.includes('administration')) && !!data && !data.complete) ||
      (deleteAccess.includes('self') && person.employeeId === me?.employeeId));

  const confirmCancel = () => {
    if (!cancelling) return;
    cancel.mutate(cancelling.employeeId, {
      onSuccess: (answer) => {
        notifyDone(
          t('enrolments.cancelled'),
          answer.promotedCount > 0
            ? t('enrolments.cancelledPromoted', { name: cancelling.name, count: answer.promotedCount })
            : t('enrolments.cancelledText', { name: cancelling.name }),
        );
        setCancelling(null);
      },
    });
  };

  return (
    <Page title={t('enrolments.title')}>
      <BackToSession sessionId={id}>{s ? sessionName(s) : t('enrolments.backToSession')}</BackToSession>
      {(session.isPending || participants.isPending) && <Loader size="sm" aria-label={t('common.loading')} />}
      <ErrorAlert error={session.error ?? participants.error} />
      {s && data && (
        <>
          <Text>
            {t('enrolments.seats', {
              enrolled: formatNumber(data.enrolledCount),
              capacity: formatNumber(data.capacity),
              waiting: formatNumber(data.waitingCount),
            })}
          </Text>
          {s.status === 'cancelled' && (
            <Alert color="red.9" variant="outline" title={t('enrolments.sessionCancelled')}>
              {s.cancelReason}
            </Alert>
          )}
          {!data.complete && <Text size="sm">{t('enrolments.scopedNote')}</Text>}
          {open && <AddPeople sessionId={id} alreadyIn={[...data.enrolled, ...data.waiting].map((p) => p.employeeId)} />}
          {(permissions.has('read:attendance:any') ||
            (permissions.has('read:attendance:self') && s.trainers.some((tr) => tr.id === me?.id))) && (
            <Group>
              <ButtonLink to="/training-sessions/$id/attendance" params={{ id }} variant="outline">
                {t('attendance.open')}
              </ButtonLink>
            </Group>
          )}
          <EnrolledTable people={data.enrolled} mayCancel={mayCancel} onCancel={setCancelling} />
          <WaitingTable people={data.waiting} mayCancel={mayCancel} onCancel={setCancelling} />
        </>
      )}
      <ConfirmDialog
        opened={cancelling !== null}
        title={t('enrolments.cancelTitle')}
        confirmLabel={t('enrolments.cancelConfirm')}
        danger
        loading={cancel.isPending}
        error={cancel.error}
        onConfirm={confirmCancel}
        onClose={() => {
          cancel.reset();
          setCancelling(null);
        }}
      >
        {t('enrolments.cancelText', { name: cancelling?.name ?? '' })}
      </ConfirmDialog>
    </Page>
  );
}

type Cancelling = { employeeId: string; name: string };

function CancelButton({ person, onCancel }: { person: Cancelling; onCancel: (p: Cancelling) => void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="compact-sm"
      variant="outline"
      color="red.9"
      aria-label={t('enrolments.cancelFor', { name: person.name })}
      onClick={() => onCancel({ employeeId: person.employeeId, name: person.name })}
    >
      {t('enrolments.cancel')}
    </Button>
  );
}

function EnrolledTable({
  people,
  mayCancel,
  onCancel,
}: {
  people: EnrolledPerson[];
  mayCancel: (p: EnrolledPerson) => boolean;
  onCancel: (p: Cancelling) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('enrolments.enrolled')} ({formatNumber(people.length)})
      </Title>
      {people.length === 0 ? (
        <Text size="sm">{t('enrolments.noneEnrolled')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={0}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('enrolments.name')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('enrolments.unit')}</Table.Th>
                <Table.Th visibleFrom="md">{t('enrolments.enrolledAt')}</Table.Th>
                <Table.Th visibleFrom="md">{t('enrolments.sourceLabel')}</Table.Th>
                <Table.Th>{t('enrolments.hours')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('enrolments.completion')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {people.map((p) => (
                <Table.Tr key={p.enrolmentId}>
                  <Table.Td>{p.name}</Table.Td>
                  <Table.Td visibleFrom="sm">{p.unitName}</Table.Td>
                  <Table.Td visibleFrom="md">{formatDate(p.enrolledAt)}</Table.Td>
                  <Table.Td visibleFrom="md">{t(`enrolments.source.${p.source}`)}</Table.Td>
                  <Table.Td>{formatHours(p.attendedMinutes)}</Table.Td>
                  <Table.Td visibleFrom="sm">
                    <CompletedBadge completed={p.completed} />
                  </Table.Td>
                  <Table.Td>{mayCancel(p) && <CancelButton person={p} onCancel={onCancel} />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function WaitingTable({
  people,
  mayCancel,
  onCancel,
}: {
  people: WaitingPerson[];
  mayCancel: (p: WaitingPerson) => boolean;
  onCancel: (p: Cancelling) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t('enrolments.waiting')} ({formatNumber(people.length)})
      </Title>
      {people.length === 0 ? (
        <Text size="sm">{t('enrolments.noneWaiting')}</Text>
      ) : (
        <Table striped verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('enrolments.position')}</Table.Th>
              <Table.Th>{t('enrolments.name')}</Table.Th>
              <Table.Th visibleFrom="sm">{t('enrolments.unit')}</Table.Th>
              <Table.Th visibleFrom="md">{t('enrolments.queuedAt')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((p) => (
              <Table.Tr key={p.enrolmentId}>
                <Table.Td>{formatNumber(p.position)}</Table.Td>
                <Table.Td>{p.name}</Table.Td>
                <Table.Td visibleFrom="sm">{p.unitName}</Table.Td>
                <Table.Td visibleFrom="md">{formatDate(p.queuedAt)}</Table.Td>
                <Table.Td>{mayCancel(p) && <CancelButton person={p} onCancel={onCancel} />}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/**
 * Adding people: oneself; a manager their staff (the employee select lists only those they may
 * see); a coordinator also whole units or an administration.
 */
function AddPeople({ sessionId, alreadyIn }: { sessionId: string; alreadyIn: string[] }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const enrol = useEnrol(sessionId);
  const [picked, setPicked] = useState<string | null>(null);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [administrationId, setAdministrationId] = useState<string | null>(null);
  const [result, setResult] = useState<EnrolResult | null>(null);
  const access = accessFor(new Set(me?.permissions ?? []), 'create', 'enrolment');
  const mayEnrolOthers = access.some((a) => a !== 'self');
  const mayEnrolGroups = access.includes('any');
  const maySelf = access.includes('self') && !!me?.employeeId && !alreadyIn.includes(me.employeeId);
  // Nothing to offer (no employee record of one's own, already on the list, no staff): no empty section.
  if (!me || (!maySelf && !mayEnrolOthers && !result)) return null;

  const send = (body: Parameters<typeof enrol.mutate>[0]) => {
    setResult(null);
    enrol.mutate(body, {
      onSuccess: (answer) => {
        setResult(answer);
        setPicked(null);
        setUnitIds([]);
        setAdministrationId(null);
      },
    });
  };
  const nothingChosen = !picked && unitIds.length === 0 && !administrationId;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="add-people-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="add-people-heading">
          {t('enrolments.add')}
        </Title>
        {maySelf && (
          <Group>
            <Button onClick={() => send({})} loading={enrol.isPending && nothingChosen}>
              {t('enrolments.enrolMe')}
            </Button>
          </Group>
        )}
        {mayEnrolOthers && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              send({
                employeeIds: picked ? [picked] : [],
                unitIds,
                administrationIds: administrationId ? [administrationId] : [],
              });
            }}
          >
            <Stack gap="sm">
              <EmployeeSelect
                label={t('enrolments.pickEmployee')}
                description={t('enrolments.pickEmployeeHelp')}
                value={picked}
                onChange={setPicked}
              />
              {mayEnrolGroups && (
                <>
                  <UnitMultiSelect
                    label={t('enrolments.units')}
                    description={t('enrolments.unitsHelp')}
                    value={unitIds}
                    onChange={setUnitIds}
                  />
                  <AdministrationSelect
                    label={t('enrolments.administration')}
                    description={t('enrolments.administrationHelp')}
                    value={administrationId}
                    onChange={setAdministrationId}
                    clearable
                  />
                </>
              )}
              <Group>
                <Button type="submit" disabled={nothingChosen} loading={enrol.isPending && !nothingChosen}>
                  {t('enrolments.enrolChosen')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
        <ErrorAlert error={enrol.error} />
        {result && <EnrolSummary result={result} />}
      </Stack>
    </Paper>
  );
}

function EnrolSummary({ result }: { result: EnrolResult }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal.9" variant="outline" title={t('enrolments.resultTitle')} role="status">
      <Stack gap={4}>
        <Text size="sm">{t('enrolments.resultEnrolled', { count: result.enrolledCount })}</Text>
        <Text size="sm">{t('enrolments.resultWaiting', { count: result.waitingCount })}</Text>
        <Text size="sm">{t('enrolments.resultSkipped', { count: result.skippedCount })}</Text>
        {result.skipped.length > 0 && (
          <List size="sm" spacing={2}>
            {result.skipped.map((s) => (
              <List.Item key={s.employeeId}>
                {s.name}: {t(`enrolments.reason.${s.reason}`)}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Alert>
  );
}
