import { useState } from 'react';
import {
  Button,
  Fieldset,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import {
  grantStatuses,
  programmeBody,
  programmePopulations,
  type GrantStatus,
  type Programme,
  type ProgrammePopulation,
} from '#shared/contracts/programmes';
import { applyServerErrors, zodValidate } from '../../components/forms';
import { ErrorAlert } from '../../components/Page';
import { notifyDone } from '../../components/notify';
import { useFullScreenDialog } from '../organisation/parts';
import { DateField } from '../organisation/EmployeeForm';
import { levelName } from '../coverage/parts';
import { useSaveProgramme, useTrainingLevels } from './api';

type TargetValues = { population: ProgrammePopulation; levelId: string; targetPercent: number | string };
type GrantValues = {
  funder: string;
  appliedAmount: number | string | null;
  receivedAmount: number | string | null;
  status: GrantStatus;
  decidedOn: string | null;
  note: string;
};
type Values = {
  name: string;
  description: string;
  startDate: string | null;
  endDate: string | null;
  targets: TargetValues[];
  grants: GrantValues[];
};

const amountOf = (value: number | string | null) => (value === '' || value === null ? null : Number(value));

/** The body the API takes, from what the form holds (empty amounts are none, not 0). */
function toBody(values: Values) {
  return {
    name: values.name,
    description: values.description,
    startDate: values.startDate ?? '',
    endDate: values.endDate ?? '',
    targets: values.targets.map((t) => ({ ...t, targetPercent: Number(t.targetPercent) })),
    grants: values.grants.map((g) => ({
      ...g,
      appliedAmount: amountOf(g.appliedAmount),
      receivedAmount: amountOf(g.receivedAmount),
      decidedOn: g.decidedOn || null,
    })),
  };
}

/** Create a programme or change one: its period, targets and grants (repeatable rows). */
export function ProgrammeForm(props: {
  programme?: Programme;
  opened: boolean;
  onClose: () => void;
  onSaved?: (saved: Programme) => void;
}) {
  const { t } = useTranslation();
  const fullScreen = useFullScreenDialog();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      fullScreen={fullScreen}
      size="xl"
      title={props.programme ? t('programmes.edit') : t('programmes.create')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {props.opened && <ProgrammeFormBody {...props} />}
    </Modal>
  );
}

function ProgrammeFormBody({
  programme,
  onClose,
  onSaved,
}: {
  programme?: Programme;
  onClose: () => void;
  onSaved?: (saved: Programme) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveProgramme();
  const levels = useTrainingLevels();
  const [error, setError] = useState<string | null>(null);
  const levelOptions = (levels.data?.items ?? []).map((l) => ({ value: l.id, label: levelName(l) }));
  const form = useForm<Values>({
    initialValues: {
      name: programme?.name ?? '',
      description: programme?.description ?? '',
      startDate: programme?.startDate ?? null,
      endDate: programme?.endDate ?? null,
      targets: (programme?.targets ?? []).map((x) => ({
        population: x.population,
        levelId: x.levelId,
        targetPercent: x.targetPercent,
      })),
      grants: (programme?.grants ?? []).map((g) => ({
        funder: g.funder,
        appliedAmount: g.appliedAmount,
        receivedAmount: g.receivedAmount,
        status: g.status,
        decidedOn: g.decidedOn,
        note: g.note ?? '',
      })),
    },
    validate: (values) => zodValidate(programmeBody)(toBody(values)),
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    try {
      const saved = await save.mutateAsync({ id: programme?.id, body: toBody(values) });
      notifyDone(t('common.saved'), t('programmes.saved'));
      onClose();
      onSaved?.(saved);
    } catch (caught) {
      setError(applyServerErrors(form, caught));
    }
  });

  const targets = form.getValues().targets;
  const grants = form.getValues().grants;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={error} />
        <TextInput label={t('programmes.name')} required data-autofocus {...form.getInputProps('name')} />
        <Textarea label={t('programmes.description')} autosize minRows={2} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('programmes.startDate')} required {...form.getInputProps('startDate')} />
          <DateField label={t('programmes.endDate')} required {...form.getInputProps('endDate')} />
        </SimpleGrid>

        <Fieldset legend={t('programmes.targets.title')}>
          <Stack gap="sm">
            {targets.length === 0 && <Text size="sm">{t('programmes.targets.none')}</Text>}
            {targets.map((_, index) => (
              <Fieldset key={index} legend={t('programmes.targets.row', { number: index + 1 })} variant="unstyled">
                <SimpleGrid cols={{ base: 1, sm: 4 }} style={{ alignItems: 'end' }}>
                  <NativeSelect
                    label={t('programmes.targets.population')}
                    data={programmePopulations.map((p) => ({ value: p, label: t(`programmes.targets.populations.${p}`) }))}
                    {...form.getInputProps(`targets.${index}.population`)}
                  />
                  <NativeSelect
                    label={t('programmes.targets.level')}
                    data={[{ value: '', label: '–' }, ...levelOptions]}
                    {...form.getInputProps(`targets.${index}.levelId`)}
                  />
                  <NumberInput
                    label={t('programmes.targets.targetPercent')}
                    min={1}
                    max={100}
                    allowDecimal={false}
                    {...form.getInputProps(`targets.${index}.targetPercent`)}
                  />
                  <Button variant="default" color="red.9" onClick={() => form.removeListItem('targets', index)}>
                    {t('programmes.targets.remove', { number: index + 1 })}
                  </Button>
                </SimpleGrid>
              </Fieldset>
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() =>
                  form.insertListItem('targets', {
                    population: 'all_employees',
                    levelId: levelOptions[0]?.value ?? '',
                    targetPercent: 100,
                  })
                }
              >
                {t('programmes.targets.add')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('programmes.grants.title')}>
          <Stack gap="sm">
            {grants.length === 0 && <Text size="sm">{t('programmes.grants.none')}</Text>}
            {grants.map((_, index) => (
              <Fieldset key={index} legend={t('programmes.grants.row', { number: index + 1 })} variant="unstyled">
                <SimpleGrid cols={{ base: 1, sm: 3 }} style={{ alignItems: 'end' }}>
                  <TextInput label={t('programmes.grants.funder')} required {...form.getInputProps(`grants.${index}.funder`)} />
                  <NumberInput
                    label={t('programmes.grants.appliedAmount')}
                    min={0}
                    allowDecimal={false}
                    thousandSeparator=" "
                    {...form.getInputProps(`grants.${index}.appliedAmount`)}
                  />
                  <NumberInput
                    label={t('programmes.grants.receivedAmount')}
                    min={0}
                    allowDecimal={false}
                    thousandSeparator=" "
                    {...form.getInputProps(`grants.${index}.receivedAmount`)}
                  />
                  <NativeSelect
                    label={t('programmes.grants.status')}
                    data={grantStatuses.map((s) => ({ value: s, label: t(`programmes.grants.statuses.${s}`) }))}
                    {...form.getInputProps(`grants.${index}.status`)}
                  />
                  <DateField
                    label={t('programmes.grants.decidedOn')}
                    clearable
                    {...form.getInputProps(`grants.${index}.decidedOn`)}
                  />
                  <TextInput label={t('programmes.grants.note')} {...form.getInputProps(`grants.${index}.note`)} />
                </SimpleGrid>
                <Group mt="xs">
                  <Button variant="default" onClick={() => form.removeListItem('grants', index)}>
                    {t('programmes.grants.remove', { number: index + 1 })}
                  </Button>
                </Group>
              </Fieldset>
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() =>
                  form.insertListItem('grants', {
                    funder: '',
                    appliedAmount: null,
                    receivedAmount: null,
                    status: 'applied',
                    decidedOn: null,
                    note: '',
                  })
                }
              >
                {t('programmes.grants.add')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {programme ? t('common.save') : t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
