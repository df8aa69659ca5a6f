import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Alert, Button, Group, List, Loader, SimpleGrid, Stack, Text } from '@mantine/core';
import { useIsMutating } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { EmployeeImport } from '#shared/contracts/imports';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDateTime, formatNumber } from '../../components/format';
import { ErrorAlert, Page } from '../../components/Page';
import { formatEta, ProgressBar } from '../../components/ProgressBar';
import { importKeys, useCommitImport, useDiscardImport, useImport, useRefreshAfterCommit } from './api';
import { HistoryLink, ImportCounts, ImportStatusBadge, Section } from './parts';
import { DateFormatStep, ListsStep, MappingStep, MissingUnitsStep, ModeStep, ProblemsStep } from './Preview';
import { AnchorLink, ButtonLink } from '../../components/links';

const route = getRouteApi('/app/employees/imports/$id');

const encodingNames: Record<string, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
};

/** What the file was found to be: when and by whom it came, its encoding and delimiter. */
function Facts({ item }: { item: EmployeeImport }) {
  const { t } = useTranslation();
  const delimiter =
    item.delimiter === null
      ? t('imports.facts.noDelimiter')
      : t(`imports.facts.delimiters.${{ ';': 'semicolon', ',': 'comma', '\t': 'tab' }[item.delimiter] ?? 'other'}`, {
          value: item.delimiter,
        });
  const facts = [
    { label: t('common.status'), value: <ImportStatusBadge status={item.status} /> },
    {
      label: t('imports.facts.uploaded'),
      value: t('imports.facts.uploadedBy', { when: formatDateTime(item.createdAt), who: item.createdByName ?? '–' }),
    },
    {
      label: t('imports.facts.file'),
      value: t('imports.facts.fileSize', {
        name: item.fileName,
        size: formatNumber(Math.max(1, Math.ceil(item.fileSize / 1024))),
      }),
    },
    { label: t('imports.facts.rows'), value: item.summary ? formatNumber(item.summary.rows) : '–' },
    {
      label: t('imports.facts.encoding'),
      value: item.encoding === 'xlsx' ? t('imports.facts.xlsx') : (encodingNames[item.encoding] ?? item.encoding),
    },
    { label: t('imports.facts.delimiter'), value: delimiter },
    { label: t('imports.mode.label'), value: t(`imports.mode.${item.settings.mode}`) },
    ...(item.source !== 'web' ? [{ label: t('imports.facts.source'), value: t(`imports.source.${item.source}`) }] : []),
  ];
  return (
    <SimpleGrid component="dl" cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="xs" m={0}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <Text component="dt" fw={700} size="sm">
            {fact.label}
          </Text>
          <Text component="dd" m={0} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {fact.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

/** Why the commit button is not enabled, in the order the person can mend it. */
function blockers(item: EmployeeImport, t: (key: string, options?: Record<string, unknown>) => string): string[] {
  const summary = item.summary;
  if (!summary) return [t('imports.commit.blockers.noPreview')];
  const reasons: string[] = [];
  if (summary.unmappedRequired.length > 0) reasons.push(t('imports.commit.blockers.mapping'));
  if (!item.settings.dateFormat) reasons.push(t('imports.commit.blockers.dateFormat'));
  if (summary.problems > 0) reasons.push(t('imports.commit.blockers.problems', { count: summary.problems }));
  if (summary.missingUnits.length > 0 && !item.settings.createMissingUnits)
    reasons.push(t('imports.commit.blockers.missingUnits'));
  return reasons;
}

function CommitStep({ item, onCommit, onDiscard }: { item: EmployeeImport; onCommit: () => void; onDiscard: () => void }) {
  const { t } = useTranslation();
  const commit = useCommitImport(item.id);
  const updating = useIsMutating({ mutationKey: importKeys.update(item.id) }) > 0;
  const [confirming, setConfirming] = useState(false);
  const reasons = item.canCommit ? [] : blockers(item, t);
  const summary = item.summary;
  return (
    <Section id="import-commit" title={t('imports.commit.title')} description={t('imports.commit.intro')}>
      {reasons.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title={t('imports.commit.blockedTitle')}
          id="import-blockers"
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <List size="sm">
            {reasons.map((reason) => (
              <List.Item key={reason}>{reason}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group gap="sm">
        <Button
          onClick={() => {
            commit.reset();
            setConfirming(true);
          }}
          disabled={!item.canCommit || updating}
          aria-describedby={reasons.length > 0 ? 'import-blockers' : undefined}
        >
          {t('imports.commit.button')}
        </Button>
        <Button variant="outline" color="red.9" onClick={onDiscard}>
          {t('imports.discard.button')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('imports.commit.confirmTitle')}
        confirmLabel={t('imports.commit.button')}
        loading={commit.isPending}
        error={commit.error}
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          onCommit();
          commit.mutate(undefined, { onSuccess: () => setConfirming(false) });
        }}
      >
        <Stack gap="xs">
          <Text>
            {t('imports.commit.confirmBody', {
              new: formatNumber(summary?.new ?? 0),
              changed: formatNumber(summary?.changed ?? 0),
              ended: formatNumber(summary?.ended ?? 0),
            })}
          </Text>
          {item.settings.mode === 'full' && (summary?.ended ?? 0) > 0 && <Text>{t('imports.commit.confirmEnded')}</Text>}
          {item.settings.createMissingUnits && (summary?.missingUnits.length ?? 0) > 0 && (
            <Text>{t('imports.commit.confirmUnits', { count: summary!.missingUnits.length })}</Text>
          )}
        </Stack>
      </ConfirmDialog>
    </Section>
  );
}

/** The progress of a commit: rows done of all, and the time left; from the commit's answer as it goes, or asked for every second (useImport). */
function ProgressStep({ item, headingRef }: { item: EmployeeImport; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const progress = item.progress;
  const known = progress !== null && progress.phase === 'writing' && progress.total > 0;
  const done = progress?.done ?? 0;
  const total = progress?.total ?? 0;
  const numbers = known
    ? t('imports.progress.rows', { done: formatNumber(done), total: formatNumber(total) })
    : t(`imports.progress.phase.${progress?.phase ?? 'reading'}`);
  return (
    <Section id="import-status" title={t('imports.progress.title')} headingRef={headingRef}>
      <ProgressBar label={t('imports.progress.label')} done={done} total={known ? total : null} valueText={numbers} />
      <Group justify="space-between" gap="xs">
        <Text fw={700}>{numbers}</Text>
        {known && progress!.etaSeconds !== null && <Text>{formatEta(progress!.etaSeconds, t, 'imports.progress')}</Text>}
      </Group>
      <Text size="sm">{t('imports.progress.leave')}</Text>
    </Section>
  );
}

function ResultStep({ item, headingRef }: { item: EmployeeImport; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const summary = item.summary;
  const links = (
    <Group gap="md">
      <ButtonLink to="/employees">{t('imports.result.toEmployees')}</ButtonLink>
      <AnchorLink to="/employees/imports">{t('imports.result.another')}</AnchorLink>
    </Group>
  );
  const wrap = (children: ReactNode) => (
    <Section id="import-status" title={t('imports.result.title')} headingRef={headingRef}>
      {children}
    </Section>
  );
  if (item.status === 'committed') {
    return wrap(
      <Stack gap="sm">
        <Alert
          color="green"
          variant="light"
          title={t('imports.result.committedTitle')}
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          {t('imports.result.committed', {
            when: formatDateTime(item.committedAt),
            new: formatNumber(summary?.new ?? 0),
            changed: formatNumber(summary?.changed ?? 0),
            ended: formatNumber(summary?.ended ?? 0),
          })}
        </Alert>
        {links}
      </Stack>,
    );
  }
  if (item.status === 'failed') {
    const code = item.error ?? 'internal';
    const reason =
      t(`imports.failure.${code}`, { defaultValue: '' }) || t(`errors.${code}`, { defaultValue: t('errors.internal') });
    return wrap(
      <Stack gap="sm">
        <Alert color="red" variant="light" title={t('imports.result.failedTitle')} role="alert">
          <Stack gap={4}>
            <Text size="sm">{reason}</Text>
            <Text size="sm">{t('imports.result.nothingChanged')}</Text>
          </Stack>
        </Alert>
        {links}
      </Stack>,
    );
  }
  return wrap(
    <Stack gap="sm">
      <Alert
        color="gray"
        variant="light"
        title={t('imports.result.discardedTitle')}
        styles={{ title: { color: 'var(--mantine-color-text)' } }}
      >
        {t('imports.result.discarded')}
      </Alert>
      {links}
    </Stack>,
  );
}

function ImportView({ item }: { item: EmployeeImport }) {
  const { t } = useTranslation();
  const discard = useDiscardImport(item.id);
  const refresh = useRefreshAfterCommit();
  const updating = useIsMutating({ mutationKey: importKeys.update(item.id) }) > 0;
  const [discarding, setDiscarding] = useState(false);
  const statusHeading = useRef<HTMLHeadingElement>(null);
  // Move the focus to what replaced the button the person pressed: the progress, then the result.
  const moveFocus = useRef(false);
  const previous = useRef(item.status);
  useEffect(() => {
    if (previous.current === item.status) return;
    if (previous.current === 'committing') void refresh();
    previous.current = item.status;
    if (moveFocus.current) statusHeading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [item.status]);

  const summary = item.summary;
  const ready = summary !== null && summary.unmappedRequired.length === 0 && item.settings.dateFormat !== null;
  const open = item.status === 'previewed';

  return (
    <Stack gap="md">
      <Facts item={item} />
      {item.status === 'committing' && <ProgressStep item={item} headingRef={statusHeading} />}
      {(item.status === 'committed' || item.status === 'failed' || item.status === 'discarded') && (
        <ResultStep item={item} headingRef={statusHeading} />
      )}
      {summary && item.status !== 'discarded' && item.status !== 'failed' && (
        <Stack gap="xs">
          {ready && <ImportCounts summary={summary} mode={item.settings.mode} />}
          {open && !ready && (
            <Alert color="indigo" variant="light" title={t('imports.preview.waitingTitle')}>
              {t('imports.preview.waiting')}
            </Alert>
          )}
          <Text size="sm" aria-live="polite" mih={22}>
            {updating ? (
              <>
                <Loader size="xs" mr={6} aria-hidden="true" />
                {t('imports.preview.updating')}
              </>
            ) : (
              ''
            )}
          </Text>
        </Stack>
      )}
      {open && (
        <>
          <MappingStep item={item} />
          {summary && summary.dateFormatCandidates.length > 0 && <DateFormatStep item={item} />}
          <Section id="import-mode" title={t('imports.mode.title')}>
            <ModeStep item={item} />
          </Section>
          {summary && summary.missingUnits.length > 0 && <MissingUnitsStep item={item} onDiscard={() => setDiscarding(true)} />}
          {summary && summary.problems > 0 && <ProblemsStep item={item} />}
        </>
      )}
      {ready && (open || item.status === 'committed') && <ListsStep item={item} />}
      {open && <CommitStep item={item} onCommit={() => (moveFocus.current = true)} onDiscard={() => setDiscarding(true)} />}
      <ConfirmDialog
        opened={discarding}
        title={t('imports.discard.confirmTitle')}
        confirmLabel={t('imports.discard.button')}
        danger
        loading={discard.isPending}
        error={discard.error}
        onClose={() => setDiscarding(false)}
        onConfirm={() => {
          moveFocus.current = true;
          discard.mutate(undefined, { onSuccess: () => setDiscarding(false) });
        }}
      >
        {t('imports.discard.confirmBody')}
      </ConfirmDialog>
    </Stack>
  );
}

/** One import: the preview before anything is written, the progress while it is committed, and the result. */
export function ImportPage() {
  const { t } = useTranslation();
  const { id } = route.useParams();
  const query = useImport(id);
  const item = query.data;
  return (
    <Page title={item ? t('imports.importTitle', { file: item.fileName }) : t('imports.importLoading')}>
      <HistoryLink />
      <ErrorAlert error={query.error} />
      {query.isPending && <Loader aria-label={t('common.loading')} />}
      {item && <ImportView item={item} />}
    </Page>
  );
}
