import { useState } from 'react';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Criterion } from '#shared/contracts/certification';
import { useCan } from '../../api/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { notifyDone } from '../../components/notify';
import { Facts, RecordError } from '../organisation/parts';
import { useDeleteScheme, useScheme } from './api';
import { SchemeForm } from './SchemeForm';
import { SchemeActiveBadge } from './SchemesPage';
import { AnchorLink } from '../../components/links';

export function SchemeDetailPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="certification_scheme" title={t('certification.schemes.title')}>
      <SchemeDetail />
    </RequirePermission>
  );
}

function BackToSchemes() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/certification/schemes" size="sm">
      <span aria-hidden="true">← </span>
      {t('certification.schemes.title')}
    </AnchorLink>
  );
}

function SchemeDetail() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/certification/schemes/$id' });
  const query = useScheme(id);
  const can = useCan();
  const navigate = useNavigate();
  const remove = useDeleteScheme();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const scheme = query.data;

  if (!scheme) {
    return (
      <Page title={t('certification.schemes.title')}>
        <BackToSchemes />
        <RecordError error={query.error} />
      </Page>
    );
  }

  return (
    <Page
      title={scheme.name}
      actions={
        <>
          {can('update', 'certification_scheme') && (
            <Button onClick={() => setEditing(true)}>{t('certification.schemes.edit')}</Button>
          )}
          {can('delete', 'certification_scheme') && (
            <Button variant="default" color="red.9" onClick={() => setDeleting(true)}>
              {t('certification.schemes.delete')}
            </Button>
          )}
        </>
      }
    >
      <BackToSchemes />
      <Paper withBorder p="md">
        <Facts
          items={[
            { label: t('certification.schemes.issuer'), value: scheme.issuer },
            {
              label: t('certification.schemes.validity'),
              value: t('certification.schemes.years', { count: scheme.validityYears }),
            },
            { label: t('certification.status'), value: <SchemeActiveBadge active={scheme.active} /> },
            {
              label: t('certification.schemes.use'),
              value: scheme.inUse ? t('certification.schemes.inUseLong') : t('certification.schemes.notInUse'),
            },
            { label: t('certification.schemes.description'), value: scheme.description },
          ]}
        />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="scheme-criteria">
        <Stack gap="sm">
          <Title order={2} size="h3" id="scheme-criteria">
            {t('certification.schemes.criteria')}
          </Title>
          <Stack gap="sm" component="ol" style={{ paddingLeft: '1.25rem', margin: 0 }}>
            {scheme.criteria.map((criterion) => (
              <li key={criterion.id}>
                <CriterionText criterion={criterion} />
              </li>
            ))}
          </Stack>
        </Stack>
      </Paper>
      <SchemeForm scheme={scheme} opened={editing} onClose={() => setEditing(false)} />
      <ConfirmDialog
        opened={deleting}
        title={t('certification.schemes.deleteTitle')}
        confirmLabel={t('certification.schemes.delete')}
        danger
        conflictHelp={t('certification.schemes.deleteInUse')}
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await remove.mutateAsync(scheme.id);
          notifyDone(t('certification.schemes.deleted'), scheme.name);
          await navigate({ to: '/certification/schemes' });
        }}
      >
        {t('certification.schemes.deleteText', { name: scheme.name })}
      </ConfirmDialog>
    </Page>
  );
}

/** A criterion as a sentence: what it asks, and of what. */
function CriterionText({ criterion }: { criterion: Criterion }) {
  const { t } = useTranslation();
  const rule =
    criterion.kind === 'course_share'
      ? t('certification.schemes.rules.course_share', { threshold: criterion.threshold, course: criterion.courseName ?? '' })
      : criterion.kind === 'sessions_held'
        ? t('certification.schemes.rules.sessions_held', {
            count: criterion.threshold ?? 0,
            course: criterion.courseName ?? t('certification.schemes.anyCourse'),
          })
        : criterion.kind === 'working_group'
          ? t('certification.schemes.rules.working_group', { count: criterion.threshold ?? 0 })
          : criterion.kind === 'action_plan'
            ? t('certification.schemes.rules.action_plan', { area: t(`plans.area.${criterion.planArea ?? 'both'}`) })
            : t('certification.schemes.rules.confirmed');
  return (
    <Stack gap={2}>
      <Text fw={700}>{criterion.label}</Text>
      <Text size="sm">
        {t(`certification.schemes.kinds.${criterion.kind}`)}: {rule}
      </Text>
      {criterion.description && <Text size="sm">{criterion.description}</Text>}
    </Stack>
  );
}
