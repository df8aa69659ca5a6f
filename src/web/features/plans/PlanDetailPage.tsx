import { useState, type ReactNode } from 'react';
import { Button, Group, List, NativeSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import {
  actionStatuses,
  type ActionStatus,
  type Plan,
  type PlanAction,
  type PlanGoal,
  type PlanIndicator,
} from '#shared/contracts/plans';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatDateTime, formatNumber } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { useCanOn } from '../organisation/api';
import { Facts, RecordError } from '../organisation/parts';
import {
  useActionProgress,
  useDeleteAction,
  useDeleteGoal,
  useDeleteIndicator,
  usePlan,
  usePlanChanges,
  usePlanSteps,
} from './api';
import { ActionForm, GoalForm, IndicatorForm } from './ItemForms';
import { PlanPublicSwitch } from '../public-site/PlanPublicSwitch';
import { ActionsChart, ActionStatusBadge, BackToPlans, OverdueBadge, periodOf, PlanStatusBadge, usePlanOwner } from './parts';
import { PlanForm } from './PlanForm';
import { AdoptDialog, CopyDialog, ReviseDialog } from './StepDialogs';
import { DiscussionButton, PlanDiscussionSection } from './PlanDiscussion';
import { ActionMessages } from '../messages/ActionMessages';
import { AnchorLink, ButtonLink } from '../../components/links';

export function PlanDetailPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="action_plan" title={t('plans.title')}>
      <PlanDetail />
    </RequirePermission>
  );
}

type Dialog = 'edit' | 'adopt' | 'revise' | 'copy' | 'end' | 'delete' | null;

function PlanDetail() {
  const { t } = useTranslation();
  const { id } = useParams({ from: '/app/plans/$id' });
  const query = usePlan(id);
  const plan = query.data;
  const canOn = useCanOn();
  const owner = usePlanOwner();
  const navigate = useNavigate();
  const steps = usePlanSteps(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);

  if (!plan) {
    return (
      <Page title={t('plans.title')}>
        <BackToPlans />
        <RecordError error={query.error} />
      </Page>
    );
  }

  // Copying starts a plan for the same owner: for those who write that owner's plans (the server decides in the end).
  const mayCopy =
    Object.values(plan.can).some(Boolean) ||
    canOn('create', 'action_plan', { administrationId: plan.administrationId, unitId: plan.unitId });
  return (
    <Page
      title={plan.name}
      actions={
        <>
          {plan.status !== 'draft' && (
            <ButtonLink to="/plans/$id/follow-up" params={{ id: plan.id }} variant="outline">
              {t('followUp.plan.open')}
            </ButtonLink>
          )}
          {plan.can.edit && <Button onClick={() => setDialog('edit')}>{t('plans.edit')}</Button>}
          {plan.can.adopt && <Button onClick={() => setDialog('adopt')}>{t('plans.adopt.action')}</Button>}
          {plan.can.revise && (
            <Button variant="outline" onClick={() => setDialog('revise')}>
              {t('plans.revise.action')}
            </Button>
          )}
          {mayCopy && (
            <Button variant="default" onClick={() => setDialog('copy')}>
              {t('plans.copy.action')}
            </Button>
          )}
          {plan.can.end && (
            <Button variant="default" onClick={() => setDialog('end')}>
              {t('plans.end.action')}
            </Button>
          )}
          {plan.can.delete && (
            <Button variant="default" color="red.9" onClick={() => setDialog('delete')}>
              {t('plans.delete.action')}
            </Button>
          )}
        </>
      }
    >
      <BackToPlans />
      <Paper withBorder p="md">
        <Facts
          items={[
            { label: t('plans.owner.title'), value: owner(plan) },
            { label: t('plans.area.title'), value: t(`plans.area.${plan.area}`) },
            { label: t('plans.period'), value: periodOf(plan) },
            { label: t('plans.statusTitle'), value: <PlanStatusBadge status={plan.status} /> },
            {
              label: t('plans.adopted'),
              value: plan.adoptedOn
                ? t('plans.adoptedOnBy', { date: formatDate(plan.adoptedOn), body: plan.adoptedBy ?? '' })
                : t('plans.notAdopted'),
            },
            { label: t('plans.version'), value: formatNumber(plan.version) },
            { label: t('plans.changeNote'), value: plan.changeNote },
            {
              label: t('plans.public'),
              value: plan.can.updateProgress ? (
                <PlanPublicSwitch plan={plan} />
              ) : plan.isPublic ? (
                t('common.yes')
              ) : (
                t('common.no')
              ),
            },
            { label: t('plans.description'), value: plan.description },
            {
              label: t('plans.created'),
              value: plan.createdByName
                ? t('plans.createdBy', { date: formatDateTime(plan.createdAt), name: plan.createdByName })
                : formatDateTime(plan.createdAt),
            },
          ]}
        />
      </Paper>
      {plan.status === 'draft' && <Text>{t('plans.draftNote')}</Text>}
      {plan.status === 'adopted' && <Text>{t('plans.lockedNote')}</Text>}
      <Versions plan={plan} />
      {plan.version > 1 && <Changes plan={plan} />}
      <PlanActionsChart plan={plan} />
      <Goals plan={plan} />
      <PlanDiscussionSection planId={plan.id} item={{ type: 'plan', id: plan.id, key: plan.seriesId, label: plan.name }} />

      <PlanForm plan={plan} opened={dialog === 'edit'} onClose={close} />
      <AdoptDialog plan={plan} opened={dialog === 'adopt'} onClose={close} />
      <ReviseDialog plan={plan} opened={dialog === 'revise'} onClose={close} />
      <CopyDialog plan={plan} opened={dialog === 'copy'} onClose={close} />
      <ConfirmDialog
        opened={dialog === 'end'}
        title={t('plans.end.title', { name: plan.name })}
        confirmLabel={t('plans.end.action')}
        onClose={close}
        onConfirm={async () => {
          await steps.end.mutateAsync();
          notifyDone(t('plans.end.done'), plan.name);
        }}
      >
        {t('plans.end.text')}
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog === 'delete'}
        title={t('plans.delete.title', { name: plan.name })}
        confirmLabel={t('plans.delete.action')}
        danger
        onClose={close}
        onConfirm={async () => {
          await steps.remove.mutateAsync();
          notifyDone(t('plans.delete.done'), plan.name);
          await navigate({ to: '/plans' });
        }}
      >
        {t('plans.delete.text', { name: plan.name })}
      </ConfirmDialog>
    </Page>
  );
}

function Versions({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-versions">
      <Title order={2} size="h3" id="plan-versions" mb="sm">
        {t('plans.versions.title')}
      </Title>
      <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {plan.versions.map((version) => {
          const label = t('plans.versionOf', { version: version.version });
          return (
            <Group component="li" key={version.id} gap="xs" wrap="wrap">
              {version.id === plan.id ? (
                <Text fw={700} aria-current="page">
                  {t('plans.versions.this', { version: label })}
                </Text>
              ) : (
                <AnchorLink to="/plans/$id" params={{ id: version.id }}>
                  {label}
                </AnchorLink>
              )}
              <PlanStatusBadge status={version.status} />
              <Text size="sm">
                {version.adoptedOn
                  ? t('plans.adoptedOnBy', { date: formatDate(version.adoptedOn), body: version.adoptedBy ?? '' })
                  : t('plans.versions.created', { date: formatDate(version.createdAt) })}
              </Text>
              {version.changeNote && (
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {t('plans.versions.note', { note: version.changeNote })}
                </Text>
              )}
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

/** What changed since the previous version: goals, actions and indicators added, removed or changed. */
function Changes({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const changes = usePlanChanges(plan.id, plan.version > 1);
  const previous = changes.data?.previousVersion ?? plan.version - 1;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-changes">
      <Title order={2} size="h3" id="plan-changes" mb="sm">
        {t('plans.changes.title', { version: previous })}
      </Title>
      <ErrorAlert error={changes.error} />
      {changes.data &&
        (changes.data.items.length === 0 ? (
          <Text>{t('plans.changes.none')}</Text>
        ) : (
          <List spacing={4}>
            {changes.data.items.map((item, index) => (
              <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
                {t(`plans.changes.${item.kind}.${item.change}`, { label: item.label })}
                {item.fields.length > 0 && ` (${item.fields.map((f) => t(`plans.fields.${f}`, { defaultValue: f })).join(', ')})`}
              </List.Item>
            ))}
          </List>
        ))}
    </Paper>
  );
}

function PlanActionsChart({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const actions = plan.goals.flatMap((goal) => goal.actions);
  if (actions.length === 0) return null;
  const count = (status: ActionStatus) => actions.filter((a) => a.status === status).length;
  const overdue = actions.filter((a) => a.overdue).length;
  return (
    <ActionsChart
      title={t('plans.chart.planTitle')}
      summary={t('plans.chart.planSummary', {
        done: formatNumber(count('done')),
        total: formatNumber(actions.length),
        overdue: formatNumber(overdue),
      })}
      rows={actionStatuses.map((status) => ({ label: t(`plans.actionStatus.${status}`), count: count(status) }))}
    />
  );
}

type ItemDialog =
  | { kind: 'goal'; goal?: PlanGoal }
  | { kind: 'action'; goal: PlanGoal; action?: PlanAction }
  | { kind: 'indicator'; goal: PlanGoal; indicator?: PlanIndicator }
  | null;
type Removal =
  | { kind: 'goal'; id: string; label: string }
  | { kind: 'action'; id: string; label: string }
  | { kind: 'indicator'; id: string; label: string }
  | null;

function Goals({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<ItemDialog>(null);
  const [removing, setRemoving] = useState<Removal>(null);
  const removeGoal = useDeleteGoal();
  const removeAction = useDeleteAction();
  const removeIndicator = useDeleteIndicator();
  const mayEdit = plan.can.edit;
  const close = () => setEditing(null);
  return (
    <>
      <Group wrap="wrap" gap="md">
        <Title order={2} size="h3">
          {t('plans.goals.title')}
        </Title>
        {mayEdit && (
          <Button variant="outline" onClick={() => setEditing({ kind: 'goal' })}>
            {t('plans.goals.add')}
          </Button>
        )}
      </Group>
      {plan.goals.length === 0 && <Text>{t('plans.goals.none')}</Text>}
      {plan.goals.map((goal, index) => (
        <GoalSection key={goal.id} plan={plan} goal={goal} number={index + 1} onEdit={setEditing} onRemove={setRemoving} />
      ))}
      <GoalForm
        plan={plan}
        goal={editing?.kind === 'goal' ? editing.goal : undefined}
        opened={editing?.kind === 'goal'}
        onClose={close}
      />
      {editing?.kind === 'action' && <ActionForm goal={editing.goal} action={editing.action} opened onClose={close} />}
      {editing?.kind === 'indicator' && (
        <IndicatorForm goal={editing.goal} indicator={editing.indicator} opened onClose={close} />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={removing ? t(`plans.remove.${removing.kind}Title`, { label: removing.label }) : ''}
        confirmLabel={t('plans.remove.action')}
        danger
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          if (removing.kind === 'goal') await removeGoal.mutateAsync(removing.id);
          if (removing.kind === 'action') await removeAction.mutateAsync(removing.id);
          if (removing.kind === 'indicator') await removeIndicator.mutateAsync(removing.id);
        }}
      >
        {removing ? t(`plans.remove.${removing.kind}Text`, { label: removing.label }) : ''}
      </ConfirmDialog>
    </>
  );
}

function GoalSection({
  plan,
  goal,
  number,
  onEdit,
  onRemove,
}: {
  plan: Plan;
  goal: PlanGoal;
  number: number;
  onEdit: (dialog: ItemDialog) => void;
  onRemove: (removal: Removal) => void;
}) {
  const { t } = useTranslation();
  const mayEdit = plan.can.edit;
  const headingId = `goal-${goal.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap="xs" align="flex-start">
          <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'anywhere' }}>
            {t('plans.goals.numbered', { number, title: goal.title })}
          </Title>
          <DiscussionButton planId={plan.id} item={{ type: 'goal', id: goal.id, key: goal.lineageId, label: goal.title }} />
          {mayEdit && (
            <Group gap="xs">
              <Button
                size="xs"
                variant="outline"
                onClick={() => onEdit({ kind: 'goal', goal })}
                aria-label={t('plans.goals.editFor', { goal: goal.title })}
              >
                {t('common.edit')}
              </Button>
              <Button
                size="xs"
                variant="default"
                color="red.9"
                onClick={() => onRemove({ kind: 'goal', id: goal.id, label: goal.title })}
                aria-label={t('plans.goals.removeFor', { goal: goal.title })}
              >
                {t('plans.remove.action')}
              </Button>
            </Group>
          )}
        </Stack>
        {goal.description && <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{goal.description}</Text>}
        {goal.servesGoalName && (
          <Text size="sm">
            <strong>{t('plans.goals.serves')}:</strong> {goal.servesGoalName}
          </Text>
        )}

        <ItemList
          title={t('plans.actions.title')}
          none={t('plans.actions.none')}
          items={goal.actions}
          render={(action) => <ActionEntry plan={plan} goal={goal} action={action} onEdit={onEdit} onRemove={onRemove} />}
          add={
            mayEdit
              ? {
                  label: t('plans.actions.add'),
                  name: t('plans.actions.addFor', { goal: goal.title }),
                  onClick: () => onEdit({ kind: 'action', goal }),
                }
              : undefined
          }
        />
        <ItemList
          title={t('plans.indicators.title')}
          none={t('plans.indicators.none')}
          items={goal.indicators}
          render={(indicator) => (
            <IndicatorEntry
              planId={plan.id}
              goal={goal}
              indicator={indicator}
              mayEdit={mayEdit}
              onEdit={onEdit}
              onRemove={onRemove}
            />
          )}
          add={
            mayEdit
              ? {
                  label: t('plans.indicators.add'),
                  name: t('plans.indicators.addFor', { goal: goal.title }),
                  onClick: () => onEdit({ kind: 'indicator', goal }),
                }
              : undefined
          }
        />
      </Stack>
    </Paper>
  );
}

/** A goal's actions or indicators: a heading, the list (or that there is none), and the button that adds one on a draft. */
function ItemList<T extends { id: string }>({
  title,
  none,
  items,
  render,
  add,
}: {
  title: string;
  none: string;
  items: T[];
  render: (item: T) => ReactNode;
  add?: { label: string; name: string; onClick: () => void };
}) {
  return (
    <>
      <Title order={4} size="h5">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text size="sm">{none}</Text>
      ) : (
        <Stack component="ul" gap="xs" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => (
            <li key={item.id}>{render(item)}</li>
          ))}
        </Stack>
      )}
      {add && (
        <Group>
          <Button size="xs" variant="outline" onClick={add.onClick} aria-label={add.name}>
            {add.label}
          </Button>
        </Group>
      )}
    </>
  );
}

function ActionEntry({
  plan,
  goal,
  action,
  onEdit,
  onRemove,
}: {
  plan: Plan;
  goal: PlanGoal;
  action: PlanAction;
  onEdit: (dialog: ItemDialog) => void;
  onRemove: (removal: Removal) => void;
}) {
  const { t } = useTranslation();
  const progress = useActionProgress();
  const dates = [
    action.startDate && t('plans.actions.startsOn', { date: formatDate(action.startDate) }),
    action.dueDate && t('plans.actions.dueOn', { date: formatDate(action.dueDate) }),
  ].filter(Boolean);
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={action.title}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {action.title}
          </Text>
          <Group gap="xs">
            <ActionStatusBadge status={action.status} />
            {action.overdue && <OverdueBadge />}
          </Group>
        </Group>
        {action.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {action.description}
          </Text>
        )}
        <Text size="sm">
          {t('plans.actions.responsibleIs', { name: action.responsibleName ?? t('plans.actions.noResponsible') })}
          {dates.length > 0 && ` · ${dates.join(' · ')}`}
        </Text>
        {plan.status === 'adopted' && plan.can.updateProgress && (
          <NativeSelect
            label={t('plans.actions.status')}
            size="xs"
            maw={260}
            value={action.status}
            disabled={progress.isPending}
            data={actionStatuses.map((s) => ({ value: s, label: t(`plans.actionStatus.${s}`) }))}
            onChange={(event) => {
              const status = actionStatuses.find((s) => s === event.currentTarget.value);
              if (status && status !== action.status)
                progress.mutate(
                  { actionId: action.id, status },
                  { onSuccess: () => notifyDone(t('common.saved'), action.title) },
                );
            }}
          />
        )}
        <ErrorAlert error={progress.error} />
        <Group>
          <DiscussionButton
            planId={plan.id}
            item={{ type: 'action', id: action.id, key: action.lineageId, label: action.title }}
          />
        </Group>
        <ActionMessages planId={plan.id} lineageId={action.lineageId} label={action.title} />
        {plan.can.edit && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="outline"
              onClick={() => onEdit({ kind: 'action', goal, action })}
              aria-label={t('plans.actions.editFor', { action: action.title })}
            >
              {t('common.edit')}
            </Button>
            <Button
              size="xs"
              variant="default"
              color="red.9"
              onClick={() => onRemove({ kind: 'action', id: action.id, label: action.title })}
              aria-label={t('plans.actions.removeFor', { action: action.title })}
            >
              {t('plans.remove.action')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

function IndicatorEntry({
  planId,
  goal,
  indicator,
  mayEdit,
  onEdit,
  onRemove,
}: {
  planId: string;
  goal: PlanGoal;
  indicator: PlanIndicator;
  mayEdit: boolean;
  onEdit: (dialog: ItemDialog) => void;
  onRemove: (removal: Removal) => void;
}) {
  const { t } = useTranslation();
  const target =
    indicator.target === null
      ? t('plans.indicators.noTarget')
      : t(`plans.measureValue.${indicator.measure}`, {
          value: formatNumber(indicator.target),
        });
  return (
    <Paper withBorder p="sm" radius="sm" component="article" aria-label={indicator.name}>
      <Stack gap={6}>
        <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
          {indicator.name}
        </Text>
        {indicator.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {indicator.description}
          </Text>
        )}
        <Text size="sm">
          {[
            t(`plans.measure.${indicator.measure}`),
            t(`plans.direction.${indicator.direction}`),
            t('plans.indicators.targetIs', { target }),
            t(`plans.source.${indicator.source}`),
          ].join(' · ')}
        </Text>
        {indicator.aboutPeople && (
          <Text size="sm" fw={700}>
            {t('plans.indicators.byGender')}
          </Text>
        )}
        <Group>
          <DiscussionButton
            planId={planId}
            item={{ type: 'indicator', id: indicator.id, key: indicator.lineageId, label: indicator.name }}
          />
        </Group>
        {mayEdit && (
          <Group gap="xs">
            <Button
              size="xs"
              variant="outline"
              onClick={() => onEdit({ kind: 'indicator', goal, indicator })}
              aria-label={t('plans.indicators.editFor', { indicator: indicator.name })}
            >
              {t('common.edit')}
            </Button>
            <Button
              size="xs"
              variant="default"
              color="red.9"
              onClick={() => onRemove({ kind: 'indicator', id: indicator.id, label: indicator.name })}
              aria-label={t('plans.indicators.removeFor', { indicator: indicator.name })}
            >
              {t('plans.remove.action')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
