import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CertificateStatus, CriterionKind, ProcessStatus, UnitCertificationStatus } from '#shared/contracts/certification';
import { formatNumber } from '../../components/format';
import { AnchorLink } from '../../components/links';

/** Colours at shade 9 against white text: every badge keeps a contrast of at least 4.5:1. */
const unitStatusColour: Record<UnitCertificationStatus, string> = {
  certified: 'teal.9',
  in_process: 'indigo.9',
  expired: 'red.9',
  not_started: 'gray.8',
};

export function UnitStatusBadge({ status }: { status: UnitCertificationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={unitStatusColour[status]} variant="filled">
      {t(`certification.unitStatus.${status}`)}
    </Badge>
  );
}

const certificateStatusColour: Record<CertificateStatus, string> = { valid: 'teal.9', expired: 'gray.8', revoked: 'red.9' };

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={certificateStatusColour[status]} variant="filled">
      {t(`certification.certificateStatus.${status}`)}
    </Badge>
  );
}

const processStatusColour: Record<ProcessStatus, string> = { open: 'indigo.9', certified: 'teal.9', cancelled: 'gray.8' };

export function ProcessStatusBadge({ status }: { status: ProcessStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={processStatusColour[status]} variant="filled">
      {t(`certification.processStatus.${status}`)}
    </Badge>
  );
}

/** The way back from a process or a certificate to where every unit stands. */
export function BackToCertification() {
  const { t } = useTranslation();
  return (
    <AnchorLink to="/certification" size="sm">
      <span aria-hidden="true">← </span>
      {t('certification.title')}
    </AnchorLink>
  );
}

/** A criterion's value as it reads: "34 of 41 staff, 82 %, needs 80 %". Shared by the checklist and a certificate's snapshot. */
export function useCriterionValueText() {
  const { t } = useTranslation();
  return (item: {
    kind: CriterionKind;
    value: number | null;
    of: number | null;
    percent: number | null;
    threshold: number | null;
  }): string => {
    const threshold = formatNumber(item.threshold ?? 0);
    const value = formatNumber(item.value ?? 0);
    switch (item.kind) {
      case 'course_share':
        return t('certification.value.courseShare', {
          value,
          of: formatNumber(item.of ?? 0),
          percent: item.percent ?? 0,
          threshold,
        });
      case 'sessions_held':
        return t('certification.value.sessionsHeld', { value, threshold });
      case 'working_group':
        return t('certification.value.workingGroup', { value, threshold });
      case 'action_plan':
        return t((item.value ?? 0) > 0 ? 'certification.value.actionPlan' : 'certification.value.actionPlanMissing');
      case 'confirmed':
        return t('certification.value.confirmed');
    }
  };
}
