import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateFormatNames, importFieldNames, requiredImportFields, type EmployeeImport } from '#shared/contracts/imports';
import { fromSm } from '../../components/dataTable';
import { formatDate, formatLongDate, formatNumber } from '../../components/format';
import { ErrorAlert } from '../../components/Page';
import { useUpdateImport } from './api';
import { LocalTable, ModeChoice, Section } from './parts';

type Summary = NonNullable<EmployeeImport['summary']>;
type Field = (typeof importFieldNames)[number];
type DateFormatName = (typeof dateFormatNames)[number];

const required = new Set<string>(requiredImportFields);

/** i18next keys cannot hold the dots and slashes of the format names. */
export const dateFormatKey: Record<DateFormatName, string> = {
  'YYYY-MM-DD': 'isoDash',
  YYYYMMDD: 'compact',
  'D/M/YYYY': 'dayFirst',
  'M/D/YYYY': 'monthFirst',
  'D.M.YYYY': 'dayFirstDots',
};

/** The label of a field of the file; the preview of changes names the unit by 'unitId'. */
export function useFieldLabel() {
  const { t } = useTranslation();
  return (field: string | null) => {
    if (!field) return '–';
    const name = field === 'unitId' ? 'unit' : field;
    return (importFieldNames as readonly string[]).includes(name) ? t(`imports.fields.${name}`) : field;
  };
}

/** The mapping step: for each field, which of the file's columns holds it. A change is saved at once and answered by a new preview. */
export function MappingStep({ item }: { item: EmployeeImport }) {
  const { t } = useTranslation();
  const update = useUpdateImport(item.id);
  const unmapped = new Set(item.summary?.unmappedRequired ?? []);
  // The choice shows at once; the server's answer (the new preview) follows.
  const [mapping, setMapping] = useState(item.settings.mapping);
  const serverMapping = JSON.stringify(item.settings.mapping);
  useEffect(() => setMapping(JSON.parse(serverMapping)), [serverMapping]);

  const choose = (field: Field, value: string) => {
    const next = { ...mapping };
    if (value === '') delete next[field];
    else next[field] = Number(value);
    setMapping(next);
    update.mutate({ mapping: next });
  };

  const columns = item.headers.map((header, index) => ({
    value: String(index),
    label: header.trim()
      ? t('imports.mapping.column', { number: index + 1, name: header.trim() })
      : t('imports.mapping.unnamedColumn', { number: index + 1 }),
  }));

  return (
    <Section id="import-mapping" title={t('imports.mapping.title')} description={t('imports.mapping.intro')}>
      {unmapped.size > 0 && (
        <Alert color="red" variant="light" title={t('imports.mapping.missingTitle')} role="alert">
          {t('imports.mapping.missing', { fields: [...unmapped].map((f) => t(`imports.fields.${f}`)).join(', ') })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" verticalSpacing="sm">
        {importFieldNames.map((field) => (
          <NativeSelect
            key={field}
            label={t(`imports.fields.${field}`)}
            required={required.has(field)}
            value={mapping[field] === undefined ? '' : String(mapping[field])}
            onChange={(event) => choose(field, event.currentTarget.value)}
            error={unmapped.has(field) ? t('imports.mapping.required') : undefined}
            data={[
              { value: '', label: required.has(field) ? t('imports.mapping.choose') : t('imports.mapping.notInFile') },
              ...columns,
            ]}
          />
        ))}
      </SimpleGrid>
      <Text size="sm">{t('imports.mapping.requiredNote')}</Text>
      <ErrorAlert error={update.error} />
    </Section>
  );
}

/** When every date in the file fits more than one format (1/3/2024), the person chooses; nothing is guessed. */
export function DateFormatStep({ item }: { item: EmployeeImport }) {
  const { t } = useTranslation();
  const update = useUpdateImport(item.id);
  const summary = item.summary!;
  const example = summary.dateExample ?? null;
  const [chosen, setChosen] = useState<string | null>(item.settings.dateFormat);
  useEffect(() => setChosen(item.settings.dateFormat), [item.settings.dateFormat]);
  return (
    <Section id="import-dates" title={t('imports.dates.title')}>
      <Radio.Group
        label={t('imports.dates.label')}
        description={example ? t('imports.dates.introWithExample', { value: example.value }) : t('imports.dates.intro')}
        withAsterisk
        value={chosen}
        onChange={(value) => {
          setChosen(value);
          update.mutate({ dateFormat: value as DateFormatName });
        }}
        error={chosen ? undefined : t('imports.dates.required')}
        styles={{ description: { color: 'var(--mantine-color-text)' } }}
      >
        <Stack gap="sm" mt="xs">
          {summary.dateFormatCandidates.map((format) => {
            const reading = example?.readings[format];
            return (
              <Radio
                key={format}
                value={format}
                label={t(`imports.dates.formats.${dateFormatKey[format]}`)}
                description={
                  reading ? t('imports.dates.reading', { value: example!.value, date: formatLongDate(reading) }) : undefined
                }
                styles={{ description: { color: 'var(--mantine-color-text)' } }}
              />
            );
          })}
        </Stack>
      </Radio.Group>
      <ErrorAlert error={update.error} />
    </Section>
  );
}

export function ModeStep({ item }: { item: EmployeeImport }) {
  const update = useUpdateImport(item.id);
  const [mode, setMode] = useState(item.settings.mode);
  useEffect(() => setMode(item.settings.mode), [item.settings.mode]);
  return (
    <>
      <ModeChoice
        hideLabel
        value={mode}
        onChange={(next) => {
          setMode(next);
          update.mutate({ mode: next });
        }}
      />
      <ErrorAlert error={update.error} />
    </>
  );
}

/** Units (and administrations) the file names that do not exist: create them with the import, or stop. */
export function MissingUnitsStep({ item, onDiscard }: { item: EmployeeImport; onDiscard: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateImport(item.id);
  const summary = item.summary!;
  const [create, setCreate] = useState(item.settings.createMissingUnits);
  useEffect(() => setCreate(item.settings.createMissingUnits), [item.settings.createMissingUnits]);
  return (
    <Section id="import-missing" title={t('imports.missing.title')} description={t('imports.missing.intro')}>
      <LocalTable
        label={t('imports.missing.title')}
        records={summary.missingUnits}
        total={summary.missingUnits.length}
        idOf={(unit) => `${unit.administration}|${unit.unit}`}
        columns={[
          { accessor: 'unit', title: t('imports.fields.unit') },
          {
            accessor: 'administration',
            title: t('imports.fields.administration'),
            render: (unit) => (
              <>
                {unit.administration}
                {summary.missingAdministrations.includes(unit.administration) && (
                  <Text size="xs" span display="block">
                    {t('imports.missing.newAdministration')}
                  </Text>
                )}
              </>
            ),
          },
          { accessor: 'rows', title: t('imports.missing.rows'), textAlign: 'right', render: (unit) => formatNumber(unit.rows) },
        ]}
      />
      <Checkbox
        label={t('imports.missing.create')}
        description={t('imports.missing.createHelp')}
        checked={create}
        onChange={(event) => {
          const value = event.currentTarget.checked;
          setCreate(value);
          update.mutate({ createMissingUnits: value });
        }}
        styles={{ description: { color: 'var(--mantine-color-text)' } }}
      />
      <Group gap="sm" align="center">
        <Text size="sm">{t('imports.missing.orStop')}</Text>
        <Button variant="outline" color="red.9" size="xs" onClick={onDiscard}>
          {t('imports.discard.button')}
        </Button>
      </Group>
      <ErrorAlert error={update.error} />
    </Section>
  );
}

export function ProblemsStep({ item }: { item: EmployeeImport }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const summary = item.summary!;
  return (
    <Section
      id="import-problems"
      title={t('imports.problemsList.title', { n: formatNumber(summary.problems) })}
      description={t('imports.problemsList.intro')}
    >
      <LocalTable
        label={t('imports.problemsList.table')}
        records={item.problems}
        total={summary.problems}
        idOf={(problem, index) => `${problem.line}-${problem.column}-${problem.code}-${index}`}
        columns={[
          { accessor: 'line', title: t('imports.problemsList.line'), textAlign: 'right', width: 70 },
          {
            accessor: 'column',
            title: t('imports.problemsList.column'),
            visibleMediaQuery: fromSm,
            render: (p) => fieldLabel(p.column),
          },
          {
            accessor: 'value',
            title: t('imports.problemsList.value'),
            visibleMediaQuery: fromSm,
            cellsStyle: () => ({ overflowWrap: 'anywhere' }),
            render: (p) => p.value ?? '–',
          },
          {
            accessor: 'code',
            title: t('imports.problemsList.reason'),
            render: (p) => (
              <>
                {t(`imports.problems.${p.code}`, { defaultValue: p.code })}
                {/* On a phone the column and the value are under the reason. */}
                <Text size="xs" hiddenFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                  {fieldLabel(p.column)}
                  {p.value ? `: ${p.value}` : ''}
                </Text>
              </>
            ),
          },
        ]}
      />
    </Section>
  );
}

/** A field's value in the list of changes: dates in the person's language, gender by its name. */
function useChangeValue() {
  const { t } = useTranslation();
  return (field: string, value: string | null) => {
    if (value === null || value === '') return t('imports.changes.empty');
    if (field === 'startDate' || field === 'endDate') return formatDate(value);
    if (field === 'gender') return t(`gender.${value}`, { defaultValue: value });
    return value;
  };
}

/** Who is new, who changed (field by field, before and after), who is ended: in tabs with their counts. */
export function ListsStep({ item }: { item: EmployeeImport }) {
  const { t } = useTranslation();
  const fieldLabel = useFieldLabel();
  const valueOf = useChangeValue();
  const summary: Summary = item.summary!;
  const tabs = [
    { value: 'changed', count: summary.changed },
    { value: 'new', count: summary.new },
    ...(item.settings.mode === 'full' || summary.ended > 0 ? [{ value: 'ended', count: summary.ended }] : []),
  ];
  return (
    <Section id="import-lists" title={t('imports.lists.title')}>
      <Tabs defaultValue={tabs.find((tab) => tab.count > 0)?.value ?? 'changed'} keepMounted={false}>
        <Tabs.List aria-label={t('imports.lists.title')}>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(`imports.lists.${tab.value}`, { n: formatNumber(tab.count) })}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="changed" pt="sm">
          <LocalTable
            label={t('imports.lists.changedTable')}
            records={summary.changes}
            total={summary.changed}
            idOf={(change) => change.employeeNumber}
            columns={[
              {
                accessor: 'name',
                title: t('imports.lists.employee'),
                render: (change) => (
                  <>
                    {change.name}
                    <Text size="xs" span display="block">
                      {change.employeeNumber}
                    </Text>
                  </>
                ),
              },
              {
                accessor: 'fields',
                title: t('imports.lists.changes'),
                render: (change) => (
                  <List size="sm" listStyleType="none" spacing={2}>
                    {change.fields.map((f) => (
                      <List.Item key={f.field} style={{ overflowWrap: 'anywhere' }}>
                        <Text span size="sm" fw={700}>
                          {fieldLabel(f.field)}:
                        </Text>{' '}
                        {valueOf(f.field, f.before)} <span aria-hidden="true">→</span>
                        <VisuallyHidden>{t('imports.changes.becomes')}</VisuallyHidden> {valueOf(f.field, f.after)}
                      </List.Item>
                    ))}
                  </List>
                ),
              },
            ]}
          />
        </Tabs.Panel>
        <Tabs.Panel value="new" pt="sm">
          <LocalTable
            label={t('imports.lists.newTable')}
            records={summary.newEmployees}
            total={summary.new}
            idOf={(e) => e.employeeNumber}
            columns={[
              { accessor: 'employeeNumber', title: t('imports.fields.employeeNumber'), visibleMediaQuery: fromSm },
              {
                accessor: 'name',
                title: t('imports.lists.employee'),
                render: (e) => (
                  <>
                    {e.name}
                    <Text size="xs" hiddenFrom="sm">
                      {e.employeeNumber}
                    </Text>
                  </>
                ),
              },
              { accessor: 'unit', title: t('imports.fields.unit') },
            ]}
          />
        </Tabs.Panel>
        {tabs.some((tab) => tab.value === 'ended') && (
          <Tabs.Panel value="ended" pt="sm">
            <Stack gap="xs">
              <Text size="sm">{t('imports.lists.endedIntro')}</Text>
              <LocalTable
                label={t('imports.lists.endedTable')}
                records={summary.endedEmployees}
                total={summary.ended}
                idOf={(e) => e.employeeNumber}
                columns={[
                  { accessor: 'employeeNumber', title: t('imports.fields.employeeNumber') },
                  { accessor: 'name', title: t('imports.lists.employee') },
                ]}
              />
            </Stack>
          </Tabs.Panel>
        )}
      </Tabs>
    </Section>
  );
}
