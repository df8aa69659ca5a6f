import { useCallback, useEffect, useState } from 'react';
import { MultiSelect, Select, TextInput, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { Employee } from '#shared/contracts/organisation';
import { useCan } from '../../api/session';
import { useAdministrationOptions, useEmployeeList, useUnitList, useUserOptions } from './api';

export type Option = { value: string; label: string };

type SelectBase = {
  label: string;
  description?: string;
  /** Optional as in Mantine's own inputs, because form.getInputProps types it so; a missing value is no choice. */
  value?: string | null;
  onChange: (value: string | null) => void;
  error?: React.ReactNode;
  required?: boolean;
  clearable?: boolean;
  /** What the current value is called, when it may not be among the options found. */
  current?: Option | null;
  size?: 'xs' | 'sm';
};

/** What a select here shows whatever it chooses. */
type Shown = Omit<SelectBase, 'value' | 'onChange' | 'current'>;

/** The same, choosing several: current names the values chosen now. */
type MultiSelectBase = Shown & {
  value?: string[];
  onChange: (value: string[]) => void;
  current?: Option[];
};

function withCurrent(options: Option[], current: Option | null | undefined): Option[] {
  if (!current || options.some((o) => o.value === current.value)) return options;
  return [current, ...options];
}

/** The props every select here shares: label, help, error, searching, the clear button, and what an empty list says. */
function useShownProps(props: Shown, loading: boolean) {
  const { t } = useTranslation();
  return {
    label: props.label,
    description: props.description,
    required: props.required,
    error: props.error,
    size: props.size,
    searchable: true,
    clearable: props.clearable,
    clearButtonProps: { 'aria-label': t('organisation.clearChoice', { label: props.label }) },
    nothingFoundMessage: loading ? t('common.loading') : t('organisation.nothingFound'),
  };
}

/** The server has searched already: show what it found as it is. */
const serverFiltered: OptionsFilter = ({ options }) => options;

/** What is typed in a select searched on the server, and the query it becomes after a pause. */
function useServerSearch(onQuery: (q: string) => void, selectedLabel?: string) {
  const [search, setSearch] = useState('');
  // Showing the chosen option's label is not a search: then list the first options instead.
  const [debounced] = useDebouncedValue(search === selectedLabel ? '' : search.trim(), 250);
  useEffect(() => onQuery(debounced), [debounced, onQuery]);
  return { searchValue: search, onSearchChange: setSearch, filter: serverFiltered };
}

/**
 * A select whose options are searched on the server as the person types (50 at a time), so that it
 * works with thousands of records. The chosen option stays among the options.
 */
function RemoteSelect(props: SelectBase & { onQuery: (q: string) => void; options: Option[]; loading: boolean }) {
  const shown = useShownProps(props, props.loading);
  const [chosen, setChosen] = useState<Option | null>(props.current ?? null);
  const data = withCurrent(
    withCurrent(props.options, props.value && chosen?.value === props.value ? chosen : null),
    props.current,
  );
  // The label the select shows for its value, which may be the server's and not the one it was given.
  const selectedLabel = data.find((o) => o.value === props.value)?.label;
  const search = useServerSearch(props.onQuery, selectedLabel);
  return (
    <Select
      {...shown}
      {...search}
      data={data}
      value={props.value ?? null}
      onChange={(value, option) => {
        setChosen(option ? { value: option.value, label: option.label } : null);
        props.onChange(value);
      }}
    />
  );
}

/** RemoteSelect choosing several: the chosen options keep their names while the search shows others. */
function RemoteMultiSelect(props: MultiSelectBase & { onQuery: (q: string) => void; options: Option[]; loading: boolean }) {
  const shown = useShownProps(props, props.loading);
  const [chosen, setChosen] = useState<Option[]>(props.current ?? []);
  const search = useServerSearch(props.onQuery);
  const known = [...chosen, ...(props.current ?? [])];
  const found = new Set(props.options.map((o) => o.value));
  const data = [
    ...(props.value ?? []).filter((v) => !found.has(v)).map((v) => known.find((o) => o.value === v) ?? { value: v, label: v }),
    ...props.options,
  ];
  return (
    <MultiSelect
      {...shown}
      {...search}
      data={data}
      value={props.value ?? []}
      onChange={(values) => {
        setChosen(values.map((v) => data.find((o) => o.value === v) ?? { value: v, label: v }));
        props.onChange(values);
      }}
    />
  );
}

/**
 * A user to lead or manage something. Only those who may read users get the list to choose from;
 * everyone else sees the current person, read-only.
 */
export function UserSelect(props: SelectBase) {
  const { t } = useTranslation();
  const mayReadUsers = useCan()('read', 'user');
  const [q, setQ] = useState('');
  const users = useUserOptions(q, mayReadUsers);
  if (!mayReadUsers) {
    return (
      <TextInput
        label={props.label}
        description={t('organisation.userReadOnly')}
        readOnly
        value={props.current?.label ?? t('common.none')}
      />
    );
  }
  return (
    <RemoteSelect
      {...props}
      clearable
      onQuery={setQ}
      loading={users.isFetching}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))}
    />
  );
}

type UnitScope = { administrationId?: string | null; includeClosed?: boolean };

/** Units found by name or code, 50 at a time; active units only unless asked, optionally within one administration. */
function useUnitChoices(q: string, { administrationId, includeClosed }: UnitScope) {
  const units = useUnitList({
    q: q || undefined,
    pageSize: 50,
    sort: 'name',
    active: includeClosed ? undefined : true,
    administrationId: administrationId || undefined,
  });
  return {
    loading: units.isFetching,
    options: (units.data?.items ?? []).map((u) => ({
      value: u.id,
      label: administrationId ? u.name : `${u.name} (${u.administrationName})`,
    })),
  };
}

/** A unit, searched by name or code; active units only unless asked, optionally within one administration. */
export function UnitSelect(props: SelectBase & UnitScope) {
  const { administrationId, includeClosed, ...rest } = props;
  const [q, setQ] = useState('');
  const units = useUnitChoices(q, { administrationId, includeClosed });
  return <RemoteSelect {...rest} onQuery={setQ} {...units} />;
}

/** Several units, searched as UnitSelect searches them (a unit manager's units). */
export function UnitMultiSelect(props: MultiSelectBase & UnitScope) {
  const { administrationId, includeClosed, ...rest } = props;
  const [q, setQ] = useState('');
  const units = useUnitChoices(q, { administrationId, includeClosed });
  return <RemoteMultiSelect {...rest} onQuery={setQ} {...units} />;
}

/** An employee as the selects name them: "Efternamn, Förnamn (anställningsnummer, enhet)". */
export function employeeLabel(e: Pick<Employee, 'firstName' | 'lastName' | 'employeeNumber' | 'unitName'>): string {
  return `${e.lastName}, ${e.firstName} (${e.employeeNumber}, ${e.unitName})`;
}

/** An employee, searched by name or employee number, 50 at a time; current employees only unless asked. Clearable. */
export function EmployeeSelect(props: SelectBase & { includeEnded?: boolean }) {
  const { includeEnded, ...rest } = props;
  const [q, setQ] = useState('');
  // The label's comma and brackets belong to no name or number: search for the words alone.
  const onQuery = useCallback((text: string) => setQ(text.replace(/[,()]/g, ' ').trim()), []);
  const employees = useEmployeeList({
    q: q || undefined,
    pageSize: 50,
    sort: 'lastName',
    status: includeEnded ? 'all' : 'current',
  });
  return (
    <RemoteSelect
      {...rest}
      clearable={rest.clearable ?? true}
      onQuery={onQuery}
      loading={employees.isFetching}
      options={(employees.data?.items ?? []).map((e) => ({ value: e.id, label: employeeLabel(e) }))}
    />
  );
}

/** Several current employees, searched as EmployeeSelect searches them, optionally within one unit (a working group). */
export function EmployeeMultiSelect(props: MultiSelectBase & { unitId?: string }) {
  const { unitId, ...rest } = props;
  const [q, setQ] = useState('');
  const onQuery = useCallback((text: string) => setQ(text.replace(/[,()]/g, ' ').trim()), []);
  const employees = useEmployeeList({ q: q || undefined, pageSize: 50, sort: 'lastName', status: 'current', unitId });
  return (
    <RemoteMultiSelect
      {...rest}
      onQuery={onQuery}
      loading={employees.isFetching}
      options={(employees.data?.items ?? []).map((e) => ({ value: e.id, label: employeeLabel(e) }))}
    />
  );
}

/** An administration: there are few, so all are loaded (closed ones only when asked for; allowed narrows them further). */
export function AdministrationSelect(props: SelectBase & { includeClosed?: boolean; allowed?: (id: string) => boolean }) {
  const { t } = useTranslation();
  const administrations = useAdministrationOptions();
  const shown = useShownProps(props, administrations.isPending);
  const options = (administrations.data?.items ?? [])
    .filter((a) => props.includeClosed || a.active || a.id === props.value)
    .filter((a) => !props.allowed || props.allowed(a.id))
    .map((a) => ({ value: a.id, label: a.active ? a.name : `${a.name} (${t('common.closed').toLowerCase()})` }));
  return (
    <Select
      {...shown}
      data={withCurrent(options, props.current)}
      value={props.value ?? null}
      onChange={(value) => props.onChange(value)}
    />
  );
}
