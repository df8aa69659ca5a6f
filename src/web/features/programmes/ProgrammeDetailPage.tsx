import { useState } from 'react';
import { Badge, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Programme, ProgrammeProgress } from '#shared/contracts/programmes';
import { useCan } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatNumber } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { Facts } from '../organisation/parts';
import { DataGrid, formatShare, levelName } from '../coverage/parts';
import { useDeleteProgramme, useProgramme, useProgrammeProgress } from './api';
import { ProgrammeForm } from './ProgrammeForm';
import { AnchorLink } from '../../components/links';

export function ProgrammeDetailPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="programme" title={t('programmes.title')}>
      <ProgrammeDetail />
    </RequirePermission>
  );
}

function ProgrammeDetail() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/programmes/$id' });
  const query = useProgramme(id);
  const progress = useProgrammeProgress(id);
  const can = useCan();
  const navigate = useNavigate();
  const remove = useDeleteProgramme();
  const [formOpened, form] = useDisclosure(false);
  const [confirming, setConfirming] = useState(false);
  const programme = query.data;

  if (!programme) {
    return (
      <Page title={t('programmes.title')}>
        <BackToList />
        <ErrorAlert error={query.error} />
      </Page>
    );
  }

  return (
    <Page
      title={programme.name}
      actions={
        <>
          {can('update', 'programme') && <Button onClick={form.open}>{t('programmes.edit')}</Button>}
          {can('delete', 'programme') && (
            <Button variant="default" color="red.9" onClick={() => setConfirming(true)}>
              {t('programmes.delete')}
            </Button>
          )}
        </>
      }
    >
      <BackToList />
      <Paper withBorder p="md">
        <Facts
          items={[
            { label: t('programmes.period'), value: `${formatDate(programme.startDate)} – ${formatDate(programme.endDate)}` },
            { label: t('programmes.description'), value: programme.description },
          ]}
        />
      </Paper>
      <ErrorAlert error={progress.error} />
      {progress.data && <ProgressSection programme={programme} progress={progress.data} />}
      <GrantsSection programme={programme} />
      {progress.data && <SessionsSection progress={progress.data} />}
      <ProgrammeForm programme={programme} opened={formOpened} onClose={form.close} />
      <ConfirmDialog
        opened={confirming}
        title={t('programmes.deleteTitle')}
        confirmLabel={t('programmes.delete')}
        danger
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setConfirming(false)}
        onConfirm={async () => {
          await remove.mutateAsync(programme.id);
          setConfirming(false);
          notifyDone(t('programmes.deleted'), programme.name);
          await navigate({ to: '/programmes' });
        }}
      >
        {t('programmes.deleteText', { name: programme.name })}
      </ConfirmDialog>
    </Page>
  );
}

function BackToList() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/programmes" size="sm">
      <span aria-hidden="true">← </span>
      {t('programmes.title')}
    </AnchorLink>
  );
}

function ProgressSection({ programme, progress }: { programme: Programme; progress: ProgrammeProgress }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="programme-progress">
      <Stack gap="md">
        <Title order={2} size="h3" id="programme-progress">
          {t('programmes.progress.title')}
        </Title>
        <Text size="sm">{t('programmes.progress.countedOn', { date: formatDate(progress.countedOn) })}</Text>
        {programme.targets.length === 0 && <Text>{t('programmes.progress.noTargets')}</Text>}
        {progress.targets.map((target) => {
          const name = t('programmes.targets.describe', {
            population: t(`programmes.targets.populations.${target.population}`),
            level: levelName({ nameSv: target.levelNameSv, nameEn: target.levelNameEn }),
            percent: target.targetPercent,
          });
          const percent = Math.round(target.share * 1000) / 10;
          return (
            <Stack key={target.targetId} gap={4}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={700}>{name}</Text>
                {target.met ? (
                  <Badge color="teal.9" variant="filled">
                    {t('programmes.progress.met')}
                  </Badge>
                ) : (
                  <Text size="sm">{t('programmes.progress.missing', { missing: formatNumber(target.missing) })}</Text>
                )}
              </Group>
              <Progress.Root size="xl" aria-hidden="true">
                <Progress.Section value={Math.min(100, percent)} color={target.met ? 'teal.8' : 'indigo.8'} />
              </Progress.Root>
              <div
                role="meter"
                aria-label={t('programmes.progress.barLabel', {
                  target: name,
                  share: formatShare(target.share),
                  percent: target.targetPercent,
                })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={percent}
                aria-valuetext={formatShare(target.share)}
              >
                <Text size="sm">
                  {t('programmes.progress.reached', {
                    reached: formatNumber(target.reached),
                    population: formatNumber(target.populationSize),
                    share: formatShare(target.share),
                    target: target.targetPercent,
                  })}
                </Text>
              </div>
            </Stack>
          );
        })}
      </Stack>
    </Paper>
  );
}

function GrantsSection({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const applied = programme.grants.reduce((n, g) => n + (g.appliedAmount ?? 0), 0);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="programme-grants">
      <Title order={2} size="h3" id="programme-grants" mb="sm">
        {t('programmes.grants.title')}
      </Title>
      {programme.grants.length === 0 ? (
        <Text>{t('programmes.grants.none')}</Text>
      ) : (
        <DataGrid
          caption={t('programmes.progress.grantsSummary', {
            applied: formatNumber(applied),
            received: formatNumber(programme.receivedTotal),
          })}
          minWidth={560}
          head={[
            t('programmes.grants.funder'),
            t('programmes.grants.status'),
            t('programmes.grants.appliedAmount'),
            t('programmes.grants.receivedAmount'),
            t('programmes.grants.decidedOn'),
            t('programmes.grants.note'),
          ]}
          rows={programme.grants.map((g) => [
            g.funder,
            t(`programmes.grants.statuses.${g.status}`),
            g.appliedAmount === null ? '–' : formatNumber(g.appliedAmount),
            g.receivedAmount === null ? '–' : formatNumber(g.receivedAmount),
            g.decidedOn ? formatDate(g.decidedOn) : '–',
            g.note ?? '',
          ])}
        />
      )}
    </Paper>
  );
}

function SessionsSection({ progress }: { progress: ProgrammeProgress }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="programme-sessions">
      <Title order={2} size="h3" id="programme-sessions" mb="sm">
        {t('programmes.progress.sessions')}
      </Title>
      {progress.sessions.length === 0 ? (
        <Text>{t('programmes.progress.noSessions')}</Text>
      ) : (
        <DataGrid
          caption={t('programmes.progress.sessionTotals', {
            sessions: formatNumber(progress.sessionTotals.sessions),
            enrolled: formatNumber(progress.sessionTotals.enrolled),
            completed: formatNumber(progress.sessionTotals.completed),
          })}
          minWidth={520}
          head={[
            t('programmes.progress.session'),
            t('programmes.progress.dates'),
            t('programmes.progress.status'),
            t('programmes.progress.enrolled'),
            t('programmes.progress.completed'),
          ]}
          rows={progress.sessions.map((s) => [
            s.title ?? s.courseName,
            s.startsOn === s.endsOn ? formatDate(s.startsOn) : `${formatDate(s.startsOn)} – ${formatDate(s.endsOn)}`,
            t(`programmes.progress.statuses.${s.status}`, { defaultValue: s.status }),
            formatNumber(s.enrolled),
            formatNumber(s.completed),
          ])}
        />
      )}
    </Paper>
  );
}
