import { Anchor, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Plan } from '#shared/contracts/plans';
import { ErrorAlert } from '../../components/Page';
import { usePlanSteps } from '../plans/api';

/**
 * On a plan's page, for those who may change it: show it on the public site or not. Publishing is
 * not a change of the plan's content, so it is switched on an adopted plan too, without a new version.
 */
export function PlanPublicSwitch({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const { setPublic } = usePlanSteps(plan.id);
  const shown = plan.isPublic && plan.status === 'adopted';
  return (
    <Stack gap={4}>
      <Switch
        label={t('publicSite.planPublic.label')}
        checked={setPublic.isPending ? !plan.isPublic : plan.isPublic}
        disabled={setPublic.isPending}
        onChange={(event) => setPublic.mutate(event.currentTarget.checked)}
      />
      <Text size="sm">
        {t(
          shown
            ? 'publicSite.planPublic.shown'
            : plan.isPublic
              ? 'publicSite.planPublic.whenAdopted'
              : 'publicSite.planPublic.hidden',
        )}
      </Text>
      {shown && <Anchor href={`/public/plans/${plan.seriesId}`}>{t('publicSite.planPublic.open')}</Anchor>}
      <ErrorAlert error={setPublic.error} />
    </Stack>
  );
}
