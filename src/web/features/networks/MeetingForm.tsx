import { useState } from 'react';
import { Button, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '#shared/contracts/networks';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert } from '../../components/Page';
import { applyServerErrors } from '../../components/forms';
import { useNetworkSteps } from './api';

/** The value of a datetime-local field for an instant, in the browser's time. */
const localValue = (iso: string) => {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Add a meeting to a network, or change one: date and time, place, agenda and minutes. */
export function MeetingForm(props: {
  networkId: string;
  meeting?: Meeting;
  opened: boolean;
  onClose: () => void;
  onSaved?: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      size="lg"
      title={props.meeting ? t('networks.editMeeting') : t('networks.addMeeting')}
    >
      <Body {...props} />
    </FormDialog>
  );
}

function Body({
  networkId,
  meeting,
  onClose,
  onSaved,
}: {
  networkId: string;
  meeting?: Meeting;
  onClose: () => void;
  onSaved?: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: {
      startsAt: meeting ? localValue(meeting.startsAt) : '',
      place: meeting?.place ?? '',
      agenda: meeting?.agenda ?? '',
      minutes: meeting?.minutes ?? '',
    },
    validate: {
      startsAt: (v) => (v && !Number.isNaN(new Date(v).getTime()) ? null : t('networks.required')),
      place: (v) => (v.trim() ? null : t('networks.required')),
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(async (values) => {
        setError(null);
        const body = { ...values, startsAt: new Date(values.startsAt).toISOString() };
        try {
          const saved = meeting
            ? await steps.updateMeeting.mutateAsync({ id: meeting.id, body })
            : await steps.createMeeting.mutateAsync({ id: networkId, body });
          onClose();
          onSaved?.(saved);
        } catch (e) {
          setError(applyServerErrors(form, e));
        }
      })}
    >
      <Stack>
        <ErrorAlert error={error} />
        <TextInput type="datetime-local" label={t('networks.startsAt')} required {...form.getInputProps('startsAt')} />
        <TextInput label={t('networks.place')} required {...form.getInputProps('place')} />
        <Textarea label={t('networks.agenda')} autosize minRows={4} {...form.getInputProps('agenda')} />
        <Textarea label={t('networks.minutes')} autosize minRows={4} {...form.getInputProps('minutes')} />
        <Button type="submit" loading={steps.createMeeting.isPending || steps.updateMeeting.isPending}>
          {t('networks.save')}
        </Button>
      </Stack>
    </form>
  );
}
