import { useState } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { activityBody, type Activity } from '#shared/contracts/activities';
import { FormDialog } from '../../components/FormDialog';
import { ErrorAlert } from '../../components/Page';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { notifyDone } from '../../components/notify';
import { todayInStockholm } from '../../components/format';
import { DateField } from '../organisation/EmployeeForm';
import { useActivitySteps, useHostCandidates } from './api';

type BreakValues = { fromDate: string | null; toDate: string | null; label: string };
type Values = {
  name: string;
  description: string;
  place: string;
  weekday: string;
  startTime: string;
  endTime: string;
  startsOn: string | null;
  endsOn: string | null;
  breaks: BreakValues[];
  hostIds: string[];
};

const toBody = (v: Values) => ({
  name: v.name,
  description: v.description,
  place: v.place,
  weekday: Number(v.weekday),
  startTime: v.startTime.trim(),
  endTime: v.endTime.trim(),
  startsOn: v.startsOn ?? '',
  endsOn: v.endsOn || null,
  breaks: v.breaks.map((b) => ({ fromDate: b.fromDate ?? '', toDate: b.toDate ?? '', label: b.label })),
  hostIds: v.hostIds,
});

/** Create an activity or change one: its weekly schedule, its breaks (the summer) and its hosts. */
export function ActivityForm(props: {
  activity?: Activity;
  opened: boolean;
  onClose: () => void;
  onSaved?: (a: Activity) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog
      opened={props.opened}
      onClose={props.onClose}
      size="lg"
      title={props.activity ? t('activities.edit') : t('activities.create')}
    >
      <Body {...props} />
    </FormDialog>
  );
}

function Body({ activity, onClose, onSaved }: { activity?: Activity; onClose: () => void; onSaved?: (a: Activity) => void }) {
  const { t } = useTranslation();
  const { save } = useActivitySteps();
  const candidates = useHostCandidates(true);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      name: activity?.name ?? '',
      description: activity?.description ?? '',
      place: activity?.place ?? '',
      weekday: String(activity?.weekday ?? 3),
      startTime: activity?.startTime ?? '17:00',
      endTime: activity?.endTime ?? '20:00',
      startsOn: activity?.startsOn ?? todayInStockholm(),
      endsOn: activity?.endsOn ?? null,
      breaks: (activity?.breaks ?? []).map((b) => ({ fromDate: b.fromDate, toDate: b.toDate, label: b.label ?? '' })),
      hostIds: activity?.hosts.map((h) => h.userId) ?? [],
    },
    validate: (values) => zodValidate(activityBody)(toBody(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ activityId: activity?.id, body: toBody(values) });
      notifyDone(t('common.saved'), values.name);
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });
  // Hosts already chosen stay listed even if they have since lost the role.
  const hostOptions = [
    ...(candidates.data?.items ?? []).map((c) => ({ userId: c.userId, label: `${c.name} (${c.email})` })),
    ...(activity?.hosts ?? [])
      .filter((h) => !candidates.data?.items.some((c) => c.userId === h.userId))
      .map((h) => ({ userId: h.userId, label: h.name })),
  ];
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error ?? candidates.error} />
        <TextInput label={t('activities.name')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('activities.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <TextInput label={t('activities.place')} required {...form.getInputProps('place')} />
        <NativeSelect
          label={t('activities.weekday')}
          required
          data={[1, 2, 3, 4, 5, 6, 7].map((d) => ({ value: String(d), label: t(`activities.weekdays.${d}`) }))}
          {...form.getInputProps('weekday')}
        />
        <Group grow align="flex-start">
          <TextInput label={t('activities.startTime')} required inputMode="numeric" {...form.getInputProps('startTime')} />
          <TextInput label={t('activities.endTime')} required inputMode="numeric" {...form.getInputProps('endTime')} />
        </Group>
        <Group grow align="flex-start">
          <DateField label={t('activities.startsOn')} required {...form.getInputProps('startsOn')} />
          <DateField label={t('activities.endsOn')} clearable {...form.getInputProps('endsOn')} />
        </Group>
        <Fieldset legend={t('activities.breaks')}>
          <Stack gap="sm">
            <Text size="sm">{t('activities.breaksHelp')}</Text>
            {form.getValues().breaks.map((_, index) => (
              <Stack key={form.key(`breaks.${index}`)} gap="xs">
                <Group grow align="flex-start">
                  <DateField
                    label={t('activities.breakFrom', { n: index + 1 })}
                    required
                    {...form.getInputProps(`breaks.${index}.fromDate`)}
                  />
                  <DateField
                    label={t('activities.breakTo', { n: index + 1 })}
                    required
                    {...form.getInputProps(`breaks.${index}.toDate`)}
                  />
                </Group>
                <Group align="flex-end">
                  <TextInput
                    label={t('activities.breakLabel', { n: index + 1 })}
                    style={{ flex: 1 }}
                    {...form.getInputProps(`breaks.${index}.label`)}
                  />
                  <Button variant="default" color="red.9" onClick={() => form.removeListItem('breaks', index)}>
                    {t('activities.removeBreak', { n: index + 1 })}
                  </Button>
                </Group>
              </Stack>
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() => form.insertListItem('breaks', { fromDate: null, toDate: null, label: '' })}
              >
                {t('activities.addBreak')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Checkbox.Group label={t('activities.hosts')} description={t('activities.hostsHelp')} {...form.getInputProps('hostIds')}>
          <Stack gap="xs" mt="xs">
            {hostOptions.length === 0 && <Text size="sm">{t('activities.noHosts')}</Text>}
            {hostOptions.map((h) => (
              <Checkbox key={h.userId} value={h.userId} label={h.label} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {activity ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
