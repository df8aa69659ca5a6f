import { useState } from 'react';
import {
  Button,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  maxParts,
  sessionBody,
  updateSessionBody,
  type Eligibility,
  type SessionBody,
  type TrainingSession,
  type UpdateSessionBody,
} from '#shared/contracts/training-sessions';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { useAdministrationOptions } from '../organisation/api';
import { DateField } from '../organisation/EmployeeForm';
import { notifySaved, useFullScreenDialog } from '../organisation/parts';
import { UnitMultiSelect } from '../organisation/Selects';
import { useCourseOptions, useSaveSession, useTrainers } from './api';

type PartValues = { key: string; id?: string; date: string | null; startTime: string; endTime: string; place: string };
type Values = {
  courseId: string | null;
  title: string;
  capacity: number | string;
  parts: PartValues[];
  trainerIds: string[];
  eligibility: Eligibility;
  administrationIds: string[];
  unitIds: string[];
};

const emptyPart = (): PartValues => ({ key: randomId(), date: null, startTime: '', endTime: '', place: '' });

/** The body the API takes, from what the form holds. */
function toBody(values: Values): SessionBody & UpdateSessionBody {
  const restricted = values.eligibility === 'restricted';
  return {
    courseId: values.courseId ?? (undefined as unknown as string),
    title: values.title,
    capacity: values.capacity === '' ? (undefined as unknown as number) : Number(values.capacity),
    parts: values.parts.map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      date: p.date ?? '',
      startTime: p.startTime,
      endTime: p.endTime,
      place: p.place,
    })),
    trainerIds: values.trainerIds,
    eligibility: values.eligibility,
    administrationIds: restricted ? values.administrationIds : [],
    unitIds: restricted ? values.unitIds : [],
  };
}

/** Plan a session, or change one (its capacity, parts, trainers, eligibility and title; the course stays). */
export function SessionsForm(props: {
  session?: TrainingSession;
  courseId?: string;
  opened: boolean;
  onClose: () => void;
  onSaved?: (saved: TrainingSession) => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      fullScreen={fullScreen}
      size="xl"
      title={props.session ? t('trainingSessions.editTitle') : t('trainingSessions.planTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened && <SessionFormBody {...props} />}
    </Modal>
  );
}

function SessionFormBody({
  session,
  courseId,
  onClose,
  onSaved,
}: {
  session?: TrainingSession;
  courseId?: string;
  onClose: () => void;
  onSaved?: (saved: TrainingSession) => void;
}) {
  const { t } = useTranslation();
  const courses = useCourseOptions(true);
  const trainers = useTrainers();
  const administrations = useAdministrationOptions();
  const save = useSaveSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      courseId: session?.courseId ?? courseId ?? null,
      title: session?.title ?? '',
      capacity: session?.capacity ?? 20,
      parts: session
        ? session.parts.map((p) => ({
            key: p.id,
            id: p.id,
            date: p.date,
            startTime: p.startTime,
            endTime: p.endTime,
            place: p.place ?? '',
          }))
        : [emptyPart()],
      trainerIds: session?.trainers.map((tr) => tr.id) ?? [],
      eligibility: session?.eligibility ?? 'everyone',
      administrationIds: session?.eligibleAdministrationIds ?? [],
      unitIds: session?.eligibleUnitIds ?? [],
    },
    validate: (values) => {
      const body = toBody(values);
      if (!session) return zodValidate(sessionBody)(body);
      const { courseId: _course, ...change } = body;
      return zodValidate(updateSessionBody)(change);
    },
  });

  const courseOptions = (courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  // Trainers who lead the session keep their names even if they are no longer trainers.
  const trainerOptions = [
    ...(session?.trainers ?? []).filter((tr) => !(trainers.data?.items ?? []).some((o) => o.id === tr.id)),
    ...(trainers.data?.items ?? []),
  ].map((tr) => ({ value: tr.id, label: tr.name }));
  const administrationOptions = [
    ...(session?.eligibleAdministrations ?? []).filter((a) => !(administrations.data?.items ?? []).some((o) => o.id === a.id)),
    ...(administrations.data?.items ?? []).filter((a) => a.active || form.values.administrationIds.includes(a.id)),
  ].map((a) => ({ value: a.id, label: a.name }));

  const submit = form.onSubmit(async (values) => {
    setError(null);
    const { courseId: chosenCourse, ...change } = toBody(values);
    try {
      const saved = await save.mutateAsync(
        session ? { id: session.id, body: change } : { body: { ...change, courseId: chosenCourse } },
      );
      notifySaved();
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  const parts = form.values.parts;
  const partsError = form.errors.parts;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        {session ? (
          <TextInput label={t('trainingSessions.course')} readOnly value={session.courseName} />
        ) : (
          <Select
            label={t('trainingSessions.course')}
            required
            searchable
            data={courseOptions}
            nothingFoundMessage={t('organisation.nothingFound')}
            data-autofocus
            {...form.getInputProps('courseId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('trainingSessions.sessionTitle')}
            description={t('trainingSessions.titleHelp')}
            {...form.getInputProps('title')}
          />
          <NumberInput
            label={t('trainingSessions.capacity')}
            description={session ? t('trainingSessions.capacityHelp') : undefined}
            required
            min={1}
            max={10000}
            allowDecimal={false}
            {...form.getInputProps('capacity')}
          />
        </SimpleGrid>

        <Fieldset legend={t('trainingSessions.parts')}>
          <Stack gap="md">
            <Text size="sm">{session ? t('trainingSessions.moveNotice') : t('trainingSessions.partsHelp')}</Text>
            {typeof partsError === 'string' && (
              <Text size="sm" c="red.9" role="alert">
                {partsError}
              </Text>
            )}
            {parts.map((part, index) => (
              <Fieldset key={part.key} legend={t('trainingSessions.part', { n: index + 1 })}>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
                  <DateField label={t('trainingSessions.partDate')} required {...form.getInputProps(`parts.${index}.date`)} />
                  <TimeInput
                    label={t('trainingSessions.startTime')}
                    required
                    {...form.getInputProps(`parts.${index}.startTime`)}
                  />
                  <TimeInput label={t('trainingSessions.endTime')} required {...form.getInputProps(`parts.${index}.endTime`)} />
                  <TextInput label={t('trainingSessions.place')} {...form.getInputProps(`parts.${index}.place`)} />
                </SimpleGrid>
                {parts.length > 1 && (
                  <Group justify="flex-end" mt="sm">
                    <Button variant="outline" color="red.9" size="compact-sm" onClick={() => form.removeListItem('parts', index)}>
                      {t('trainingSessions.removePart', { n: index + 1 })}
                    </Button>
                  </Group>
                )}
              </Fieldset>
            ))}
            {parts.length < maxParts && (
              <Group>
                <Button
                  variant="outline"
                  onClick={() => {
                    // A new part starts where the last one did: same times and place, a week later is typed in.
                    const last = parts[parts.length - 1];
                    form.insertListItem('parts', {
                      ...emptyPart(),
                      startTime: last?.startTime ?? '',
                      endTime: last?.endTime ?? '',
                      place: last?.place ?? '',
                    });
                  }}
                >
                  {t('trainingSessions.addPart')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>

        <MultiSelect
          label={t('trainingSessions.trainers')}
          description={t('trainingSessions.trainersHelp')}
          data={trainerOptions}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('organisation.clearChoice', { label: t('trainingSessions.trainers') }) }}
          nothingFoundMessage={trainers.isPending ? t('common.loading') : t('organisation.nothingFound')}
          {...form.getInputProps('trainerIds')}
        />

        <Radio.Group label={t('trainingSessions.eligibility')} {...form.getInputProps('eligibility')}>
          <Stack mt="xs" gap="xs">
            <Radio value="everyone" label={t('trainingSessions.eligibilities.everyone')} />
            <Radio value="restricted" label={t('trainingSessions.eligibilities.restricted')} />
          </Stack>
        </Radio.Group>
        {form.values.eligibility === 'restricted' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <MultiSelect
              label={t('trainingSessions.administrations')}
              data={administrationOptions}
              searchable
              clearable
              clearButtonProps={{ 'aria-label': t('organisation.clearChoice', { label: t('trainingSessions.administrations') }) }}
              nothingFoundMessage={t('organisation.nothingFound')}
              {...form.getInputProps('administrationIds')}
            />
            <UnitMultiSelect
              label={t('trainingSessions.units')}
              current={(session?.eligibleUnits ?? []).map((u) => ({ value: u.id, label: u.name }))}
              clearable
              {...form.getInputProps('unitIds')}
            />
          </SimpleGrid>
        )}

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {session ? t('common.save') : t('trainingSessions.plan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
