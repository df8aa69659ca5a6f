import { useState } from 'react';
import {
  Badge,
  Button,
  Fieldset,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { actionStatuses } from '#shared/contracts/plans';
import {
  goalAssessments,
  type ActionFollowUp,
  type FollowUpBody,
  type FollowUpPeriod,
  type GoalAssessment,
  type GoalFollowUp,
  type IndicatorFollowUp,
  type IndicatorFromData,
  type PlanFollowUp,
} from '#shared/contracts/plan-follow-up';
import { ApiError } from '../../api/client';
import { useCan } from '../../api/session';
import { ErrorAlert, Page } from '../../components/Page';
import { formatDate, formatDateTime, formatNumber, todayInStockholm } from '../../components/format';
import { notifyDone } from '../../components/notify';
import i18n from '../../i18n';
import { RecordError } from '../organisation/parts';
import { usePlanFollowUp, usePlanPeriods, useSaveFollowUp } from './follow-up-api';
import { ActionStatusBadge } from './parts';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/plans/$id/follow-up');
const decimalSeparator = () => (i18n.language === 'en' ? '.' : ',');

/** The period to show first: the next deadline still to come, else the latest. */
function defaultPeriod(periods: FollowUpPeriod[]): FollowUpPeriod | undefined {
  const today = todayInStockholm();
  const coming = periods.filter((p) => p.deadline >= today).sort((a, b) => a.deadline.localeCompare(b.deadline));
  return coming[0] ?? periods[periods.length - 1];
}

/**
 * A plan's follow-up for a period: each action's status and comment, each indicator's outcome (by
 * gender where it is about people), each goal's assessment and analysis. Those responsible for an
 * action reach it from the reminder's link even without access to the plans list: the server decides.
 */
export function FollowUpPage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const search = routeApi.useSearch();
  const navigate = routeApi.useNavigate();
  const periods = usePlanPeriods(id);
  const periodId = search.period ?? defaultPeriod(periods.data?.items ?? [])?.id;
  const query = usePlanFollowUp(id, periodId);
  const followUp = query.data;
  const readsPlans = useCan()('read', 'action_plan');

  const title = followUp ? t('followUp.plan.title', { name: followUp.plan.name }) : t('followUp.title');
  return (
    <Page title={title}>
      {/* Someone responsible for an action may report it without reading plans: no way back to a page they cannot see. */}
      {readsPlans && (
        <AnchorLink to="/plans/$id" params={{ id }} size="sm">
          <span aria-hidden="true">← </span>
          {t('followUp.plan.back')}
        </AnchorLink>
      )}
      <RecordError error={periods.error ?? query.error} />
      {periods.data && periods.data.items.length === 0 && <Text>{t('followUp.plan.noPeriods')}</Text>}
      {periods.data && periods.data.items.length > 0 && (
        <NativeSelect
          label={t('followUp.plan.period')}
          maw={320}
          value={periodId ?? ''}
          onChange={(event) => navigate({ search: { period: event.currentTarget.value }, replace: true })}
          data={periods.data.items.map((p) => ({ value: p.id, label: `${p.name} ${p.year}` }))}
        />
      )}
      {followUp && <FollowUpForm key={`${followUp.period.id}`} followUp={followUp} />}
    </Page>
  );
}

type ActionValues = { status: string; comment: string };
type IndicatorValues = {
  women: number | string;
  men: number | string;
  total: number | string;
  missingSplitReason: string;
  comment: string;
};
type GoalValues = { assessment: string; analysis: string };
type Values = {
  actions: Record<string, ActionValues>;
  indicators: Record<string, IndicatorValues>;
  goals: Record<string, GoalValues>;
};

const numberOrEmpty = (value: number | null | undefined) => (value === null || value === undefined ? '' : value);
const numberOrNull = (value: number | string) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const filled = (v: IndicatorValues) =>
  v.women !== '' || v.men !== '' || v.total !== '' || v.missingSplitReason.trim() !== '' || v.comment.trim() !== '';

function initialValues(followUp: PlanFollowUp): Values {
  const values: Values = { actions: {}, indicators: {}, goals: {} };
  for (const goal of followUp.goals) {
    values.goals[goal.id] = { assessment: goal.report?.assessment ?? '', analysis: goal.report?.analysis ?? '' };
    for (const a of goal.actions) values.actions[a.id] = { status: a.report?.status ?? '', comment: a.report?.comment ?? '' };
    for (const i of goal.indicators)
      values.indicators[i.id] = {
        women: numberOrEmpty(i.report?.women),
        men: numberOrEmpty(i.report?.men),
        total: numberOrEmpty(i.report?.total),
        missingSplitReason: i.report?.missingSplitReason ?? '',
        comment: i.report?.comment ?? '',
      };
  }
  return values;
}

/** The body: what the person may report and has filled in. */
function bodyOf(followUp: PlanFollowUp, values: Values) {
  const goals = followUp.goals;
  const body = {
    actions: goals
      .flatMap((g) => g.actions)
      .filter((a) => a.canReport && values.actions[a.id].status !== '')
      .map((a) => ({
        actionId: a.id,
        status: values.actions[a.id].status as ActionFollowUp['currentStatus'],
        comment: values.actions[a.id].comment,
      })),
    indicators: goals
      .flatMap((g) => g.indicators)
      .filter((i) => i.canReport && filled(values.indicators[i.id]))
      .map((i) => {
        const v = values.indicators[i.id];
        return {
          indicatorId: i.id,
          women: i.aboutPeople ? numberOrNull(v.women) : null,
          men: i.aboutPeople ? numberOrNull(v.men) : null,
          total: numberOrNull(v.total),
          missingSplitReason: v.missingSplitReason,
          comment: v.comment,
        };
      }),
    goals: goals
      .filter((g) => g.canReport && values.goals[g.id].assessment !== '')
      .map((g) => ({
        goalId: g.id,
        assessment: values.goals[g.id].assessment as GoalAssessment,
        analysis: values.goals[g.id].analysis,
      })),
  } satisfies FollowUpBody;
  return body;
}

/** The same rules as the server's, beside the fields: an outcome needs a total; about people, women and men or a reason. */
function validate(followUp: PlanFollowUp, values: Values): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const indicator of followUp.goals.flatMap((g) => g.indicators)) {
    const v = values.indicators[indicator.id];
    if (!indicator.canReport || !filled(v)) continue;
    if (numberOrNull(v.total) === null) errors[`indicators.${indicator.id}.total`] = i18n.t('errors.outcome_required');
    if (indicator.aboutPeople && (numberOrNull(v.women) === null || numberOrNull(v.men) === null) && !v.missingSplitReason.trim())
      errors[`indicators.${indicator.id}.missingSplitReason`] = i18n.t('errors.split_reason_required');
  }
  return errors;
}

function FollowUpForm({ followUp }: { followUp: PlanFollowUp }) {
  const { t } = useTranslation();
  const save = useSaveFollowUp(followUp.plan.id, followUp.period.id);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({ initialValues: initialValues(followUp), validate: (values) => validate(followUp, values) });
  const mayReport =
    followUp.open &&
    followUp.goals.some((g) => g.canReport || g.actions.some((a) => a.canReport) || g.indicators.some((i) => i.canReport));

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const body = bodyOf(followUp, values);
    if (body.actions.length + body.indicators.length + body.goals.length === 0) {
      setError(t('followUp.plan.nothingToSave'));
      return;
    }
    try {
      await save.mutateAsync(body);
      notifyDone(t('followUp.plan.saved'), `${followUp.plan.name}, ${followUp.period.name}`);
    } catch (caught) {
      setError(placeServerErrors(caught, body));
    }
  });

  /** The server's paths name the body's places (body.indicators.0.total): put them beside the item's fields. */
  function placeServerErrors(caught: unknown, body: ReturnType<typeof bodyOf>): string | null {
    if (!(caught instanceof ApiError)) return t('errors.internal');
    const placed: Record<string, string> = {};
    let unplaced = false;
    for (const detail of caught.details) {
      const [, list, index, field] = detail.path.split('.');
      const item =
        list === 'actions'
          ? body.actions[Number(index)]?.actionId
          : list === 'indicators'
            ? body.indicators[Number(index)]?.indicatorId
            : list === 'goals'
              ? body.goals[Number(index)]?.goalId
              : undefined;
      if (item && field) placed[`${list}.${item}.${field}`] = detail.message;
      else unplaced = true;
    }
    form.setErrors(placed);
    return Object.keys(placed).length > 0 && !unplaced ? null : caught.message;
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Paper withBorder p="md">
          <Stack gap={4}>
            <Text fw={700}>{t('followUp.plan.deadline', { date: formatDate(followUp.period.deadline) })}</Text>
            <Text>
              {t('followUp.plan.progress', {
                actions: progressLabel(followUp.actions),
                indicators: progressLabel(followUp.indicators),
                goals: progressLabel(followUp.goalsReported),
              })}
            </Text>
            {followUp.splitMissing > 0 && (
              <Text fw={700} c="red.9">
                {t('followUp.plan.splitMissing', { count: followUp.splitMissing })}
              </Text>
            )}
            {!followUp.open && <Text>{t('followUp.plan.closed')}</Text>}
          </Stack>
        </Paper>
        {followUp.goals.map((goal, index) => (
          <GoalSection key={goal.id} goal={goal} number={index + 1} form={form} open={followUp.open} />
        ))}
        <ErrorAlert error={error} />
        {mayReport && (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('followUp.plan.save')}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

const progressLabel = (p: { reported: number; total: number }) =>
  i18n.t('followUp.status.reportedOf', { reported: formatNumber(p.reported), total: formatNumber(p.total) });

type Form = UseFormReturnType<Values>;

function Reported({ report }: { report: { reportedAt: string; reportedByName: string | null } | null }) {
  const { t } = useTranslation();
  return (
    <Text size="sm">
      {report
        ? t('followUp.plan.reportedBy', { date: formatDateTime(report.reportedAt), name: report.reportedByName ?? '' })
        : t('followUp.plan.notReported')}
    </Text>
  );
}

const assessmentColour: Record<GoalAssessment, { color: string; c: string }> = {
  met: { color: 'teal.9', c: 'white' },
  partly_met: { color: 'yellow.3', c: 'black' },
  not_met: { color: 'red.9', c: 'white' },
};

export function AssessmentBadge({ assessment }: { assessment: GoalAssessment }) {
  const { t } = useTranslation();
  return (
    <Badge variant="filled" color={assessmentColour[assessment].color} c={assessmentColour[assessment].c} miw="max-content">
      {t(`followUp.assessment.${assessment}`)}
    </Badge>
  );
}

function GoalSection({ goal, number, form, open }: { goal: GoalFollowUp; number: number; form: Form; open: boolean }) {
  const { t } = useTranslation();
  const headingId = `follow-up-goal-${goal.id}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Title order={2} size="h3" id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {t('followUp.plan.goal', { number, title: goal.title })}
        </Title>
        {goal.actions.length > 0 && (
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('followUp.plan.actions')}
            </Title>
            {goal.actions.map((action) => (
              <ActionItem key={action.id} action={action} form={form} />
            ))}
          </Stack>
        )}
        {goal.indicators.length > 0 && (
          <Stack gap="sm">
            <Title order={3} size="h4">
              {t('followUp.plan.indicators')}
            </Title>
            {goal.indicators.map((indicator) => (
              <IndicatorItem key={indicator.id} indicator={indicator} form={form} />
            ))}
          </Stack>
        )}
        <Fieldset legend={t('followUp.plan.assessment')}>
          {goal.canReport && open ? (
            <Stack gap="sm">
              <NativeSelect
                label={t('followUp.plan.assessment')}
                data={[
                  { value: '', label: t('followUp.plan.assessmentNone') },
                  ...goalAssessments.map((a) => ({ value: a, label: t(`followUp.assessment.${a}`) })),
                ]}
                {...form.getInputProps(`goals.${goal.id}.assessment`)}
              />
              <Textarea
                label={t('followUp.plan.analysis')}
                autosize
                minRows={3}
                {...form.getInputProps(`goals.${goal.id}.analysis`)}
              />
              <Reported report={goal.report} />
            </Stack>
          ) : (
            <Stack gap={4}>
              {goal.report ? <AssessmentBadge assessment={goal.report.assessment} /> : null}
              {goal.report?.analysis && (
                <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{goal.report.analysis}</Text>
              )}
              <Reported report={goal.report} />
            </Stack>
          )}
        </Fieldset>
      </Stack>
    </Paper>
  );
}

function ActionItem({ action, form }: { action: ActionFollowUp; form: Form }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={action.title} style={{ overflowWrap: 'anywhere' }}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text size="sm">
            {t('followUp.plan.responsible', { name: action.responsibleName ?? t('plans.actions.noResponsible') })}
          </Text>
          <Text size="sm">{t('followUp.plan.currentStatus', { status: t(`plans.actionStatus.${action.currentStatus}`) })}</Text>
        </Group>
        {action.canReport ? (
          <>
            <NativeSelect
              label={t('followUp.plan.actionStatus')}
              data={[
                { value: '', label: t('followUp.plan.chooseStatus') },
                ...actionStatuses.map((s) => ({ value: s, label: t(`plans.actionStatus.${s}`) })),
              ]}
              {...form.getInputProps(`actions.${action.id}.status`)}
            />
            <Textarea
              label={t('followUp.plan.comment')}
              autosize
              minRows={2}
              {...form.getInputProps(`actions.${action.id}.comment`)}
            />
          </>
        ) : (
          action.report && (
            <Group gap="xs">
              <ActionStatusBadge status={action.report.status} />
              {action.report.comment && <Text style={{ whiteSpace: 'pre-wrap' }}>{action.report.comment}</Text>}
            </Group>
          )
        )}
        <Reported report={action.report} />
      </Stack>
    </Fieldset>
  );
}

function IndicatorItem({ indicator, form }: { indicator: IndicatorFollowUp; form: Form }) {
  const { t } = useTranslation();
  const path = `indicators.${indicator.id}`;
  const report = indicator.report;
  const value = (v: number | null) =>
    v === null ? '–' : t(`plans.measureValue.${indicator.measure}`, { value: formatNumber(v) });
  return (
    <Fieldset legend={indicator.name} style={{ overflowWrap: 'anywhere' }}>
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <Text size="sm">
            {indicator.target === null
              ? t('plans.indicators.noTarget')
              : t('followUp.plan.target', { target: value(indicator.target) })}
          </Text>
          <Text size="sm">{t(`plans.direction.${indicator.direction}`)}</Text>
          {report?.splitMissing && (
            <Badge color="red.9" variant="filled" miw="max-content">
              {t('followUp.plan.splitFlag')}
            </Badge>
          )}
        </Group>
        {indicator.fromData && <FromData indicator={indicator} fromData={indicator.fromData} form={form} />}
        {indicator.canReport ? (
          <>
            {indicator.aboutPeople ? (
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <NumberInput
                  label={t('followUp.plan.women')}
                  decimalSeparator={decimalSeparator()}
                  {...form.getInputProps(`${path}.women`)}
                />
                <NumberInput
                  label={t('followUp.plan.men')}
                  decimalSeparator={decimalSeparator()}
                  {...form.getInputProps(`${path}.men`)}
                />
                <NumberInput
                  label={t('followUp.plan.total')}
                  decimalSeparator={decimalSeparator()}
                  {...form.getInputProps(`${path}.total`)}
                />
              </SimpleGrid>
            ) : (
              <NumberInput
                label={t('followUp.plan.outcome')}
                decimalSeparator={decimalSeparator()}
                maw={240}
                {...form.getInputProps(`${path}.total`)}
              />
            )}
            {indicator.aboutPeople && (
              <Textarea
                label={t('followUp.plan.missingSplitReason')}
                description={t('followUp.plan.missingSplitReasonHelp')}
                autosize
                minRows={2}
                {...form.getInputProps(`${path}.missingSplitReason`)}
              />
            )}
            <Textarea label={t('followUp.plan.comment')} autosize minRows={2} {...form.getInputProps(`${path}.comment`)} />
          </>
        ) : (
          report && (
            <Text>
              {indicator.aboutPeople
                ? `${t('followUp.plan.women')}: ${value(report.women)}, ${t('followUp.plan.men')}: ${value(report.men)}, ${t('followUp.plan.total')}: ${value(report.total)}`
                : `${t('followUp.plan.outcome')}: ${value(report.total)}`}
            </Text>
          )
        )}
        {!indicator.canReport && report?.missingSplitReason && <Text size="sm">{report.missingSplitReason}</Text>}
        <Reported report={report} />
      </Stack>
    </Fieldset>
  );
}

/** The value Inkludera's own data gives an indicator with a source, and a way to take it into the form. */
function FromData({ indicator, fromData, form }: { indicator: IndicatorFollowUp; fromData: IndicatorFromData; form: Form }) {
  const { t } = useTranslation();
  const path = `indicators.${indicator.id}`;
  const value = (v: number | null) =>
    v === null ? '–' : t(`plans.measureValue.${indicator.measure}`, { value: formatNumber(v) });
  const text =
    indicator.aboutPeople && !fromData.splitWithheld
      ? `${t('followUp.plan.women')}: ${value(fromData.women)}, ${t('followUp.plan.men')}: ${value(fromData.men)}, ${t('followUp.plan.total')}: ${value(fromData.total)}`
      : `${t('followUp.plan.total')}: ${value(fromData.total)}`;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t('followUp.fromData.value', { source: t(`plans.source.${indicator.source}`), date: formatDate(fromData.asOf) })} {text}
      </Text>
      {indicator.aboutPeople && fromData.splitWithheld && <Text size="sm">{t('followUp.fromData.withheld')}</Text>}
      {indicator.canReport && fromData.total !== null && (
        <Group>
          <Button
            size="xs"
            variant="outline"
            aria-label={t('followUp.fromData.useFor', { indicator: indicator.name })}
            onClick={() => {
              form.setFieldValue(`${path}.total`, fromData.total ?? '');
              if (indicator.aboutPeople) {
                form.setFieldValue(`${path}.women`, fromData.women ?? '');
                form.setFieldValue(`${path}.men`, fromData.men ?? '');
                if (fromData.splitWithheld) form.setFieldValue(`${path}.missingSplitReason`, t('followUp.fromData.withheld'));
              }
            }}
          >
            {t('followUp.fromData.use')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
