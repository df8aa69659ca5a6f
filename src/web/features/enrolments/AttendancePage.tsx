import { useEffect, useState } from 'react';
import { Alert, Button, Group, Loader, NativeSelect, Select, Stack, Text, Title, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { AttendanceRow, AttendanceStatus, PartAttendance, WalkInCandidates } from '#shared/contracts/enrolments';
import { attendanceStatuses } from '#shared/contracts/enrolments';
import type { SessionPart } from '#shared/contracts/training-sessions';
import { api, toQuery } from '../../api/client';
import { ErrorAlert, Page } from '../../components/Page';
import { formatDate, formatNumber, todayInStockholm } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { useSession } from '../training/api';
import { useAttendance, useSaveAttendance } from './api';
import { BackToSession, formatHours, sessionName } from './parts';
import './attendance.css';

const routeApi = getRouteApi('/app/training-sessions/$id/attendance');

/** The part to open with: the last one that has taken place (today or before), else the first. */
function defaultPart(parts: SessionPart[], today: string): string | null {
  const past = parts.filter((p) => p.date <= today);
  return (past.at(-1) ?? parts[0])?.id ?? null;
}

/** Marking attendance, made for a trainer's phone: choose the part, one row per person, one Save. */
export function AttendancePage() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const session = useSession(id);
  const [partId, setPartId] = useState<string | null>(null);
  const s = session.data;
  useEffect(() => {
    if (s && partId === null) setPartId(defaultPart(s.parts, todayInStockholm()));
  }, [s, partId]);

  const partLabel = (p: SessionPart) =>
    t('attendance.partLabel', { position: p.position, date: formatDate(p.date), start: p.startTime, end: p.endTime });

  return (
    <Page title={t('attendance.title')}>
      <BackToSession sessionId={id}>{s ? sessionName(s) : t('enrolments.backToSession')}</BackToSession>
      {session.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      <ErrorAlert error={session.error} />
      {s && s.parts.length > 0 && partId && (
        <>
          <NativeSelect
            label={t('attendance.part')}
            value={partId}
            onChange={(event) => setPartId(event.currentTarget.value)}
            data={s.parts.map((p) => ({ value: p.id, label: partLabel(p) }))}
            size="md"
          />
          <PartMarks key={partId} sessionId={id} partId={partId} />
        </>
      )}
    </Page>
  );
}

type Mark = AttendanceStatus | null;
type WalkIn = { employeeId: string; name: string; unitName: string };

function marksOf(rows: AttendanceRow[]): Record<string, Mark> {
  return Object.fromEntries(rows.filter((r) => r.applicable).map((r) => [r.employeeId, r.status]));
}

function PartMarks({ sessionId, partId }: { sessionId: string; partId: string }) {
  const { t } = useTranslation();
  const attendance = useAttendance(sessionId, partId);
  const save = useSaveAttendance(sessionId, partId);
  const [marks, setMarks] = useState<Record<string, Mark>>({});
  const [walkIns, setWalkIns] = useState<WalkIn[]>([]);
  const [saved, setSaved] = useState<PartAttendance | null>(null);
  const data = attendance.data;
  useEffect(() => {
    if (data) setMarks((current) => ({ ...marksOf(data.rows), ...current }));
  }, [data]);

  if (attendance.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (!data) return <ErrorAlert error={attendance.error} />;

  const applicable = data.rows.filter((r) => r.applicable);
  const setMark = (employeeId: string, status: AttendanceStatus) => {
    setSaved(null);
    setMarks((current) => ({ ...current, [employeeId]: status }));
  };
  const allPresent = () => {
    setSaved(null);
    setMarks((current) => ({
      ...current,
      ...Object.fromEntries(
        [...applicable.map((r) => r.employeeId), ...walkIns.map((w) => w.employeeId)].map((id) => [id, 'present']),
      ),
    }));
  };
  const submit = () => {
    const people = [...applicable.map((r) => r.employeeId), ...walkIns.map((w) => w.employeeId)];
    save.mutate(
      {
        marks: people.filter((id) => marks[id]).map((id) => ({ employeeId: id, status: marks[id]! })),
        walkIns: walkIns.map((w) => w.employeeId),
      },
      {
        onSuccess: (answer) => {
          setWalkIns([]);
          setMarks(marksOf(answer.rows));
          setSaved(answer);
          notifyDone(t('common.saved'), t('attendance.savedText'));
        },
      },
    );
  };
  const unmarked = [...applicable.map((r) => r.employeeId), ...walkIns.map((w) => w.employeeId)].filter(
    (id) => !marks[id],
  ).length;

  return (
    <Stack gap="md">
      {!data.markable && (
        <Alert color="indigo" variant="light" title={t('attendance.notMarkableTitle')}>
          <Text size="sm">{t('attendance.notMarkable')}</Text>
        </Alert>
      )}
      {data.rows.length === 0 && walkIns.length === 0 && <Text>{t('attendance.nobody')}</Text>}
      {data.markable && (applicable.length > 0 || walkIns.length > 0) && (
        <Group>
          <Button variant="outline" size="md" onClick={allPresent}>
            {t('attendance.allPresent')}
          </Button>
        </Group>
      )}
      <Stack gap="sm">
        {data.rows.map((row) =>
          row.applicable ? (
            <PersonMarks
              key={row.employeeId}
              partId={partId}
              person={row}
              value={marks[row.employeeId] ?? null}
              disabled={!data.markable}
              onChange={(status) => setMark(row.employeeId, status)}
              outcome={{ attendedMinutes: row.attendedMinutes, completed: row.completed, totalMinutes: data.totalMinutes }}
            />
          ) : (
            <fieldset key={row.employeeId} className="attendance-person">
              <legend>{row.name}</legend>
              <Text size="sm">{t('attendance.notApplicable')}</Text>
            </fieldset>
          ),
        )}
        {walkIns.map((w) => (
          <PersonMarks
            key={w.employeeId}
            partId={partId}
            person={{ ...w, source: 'walk_in' }}
            value={marks[w.employeeId] ?? null}
            disabled={false}
            onChange={(status) => setMark(w.employeeId, status)}
            onRemove={() => setWalkIns((list) => list.filter((x) => x.employeeId !== w.employeeId))}
          />
        ))}
      </Stack>
      {data.markable && (
        <WalkInPicker
          sessionId={sessionId}
          exclude={walkIns.map((w) => w.employeeId)}
          onPick={(w) => {
            setSaved(null);
            setWalkIns((list) => [...list, w]);
            setMarks((current) => ({ ...current, [w.employeeId]: 'present' }));
          }}
        />
      )}
      <ErrorAlert error={save.error} />
      {saved && <SavedSummary answer={saved} />}
      {data.markable && (
        <Stack gap={4}>
          {unmarked > 0 && <Text size="sm">{t('attendance.unmarked', { count: unmarked })}</Text>}
          <Button size="lg" onClick={submit} loading={save.isPending} fullWidth>
            {t('attendance.save')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

function PersonMarks({
  partId,
  person,
  value,
  disabled,
  onChange,
  onRemove,
  outcome,
}: {
  partId: string;
  person: { employeeId: string; name: string; unitName: string; source: string };
  value: Mark;
  disabled: boolean;
  onChange: (status: AttendanceStatus) => void;
  onRemove?: () => void;
  outcome?: { attendedMinutes: number; completed: boolean; totalMinutes: number };
}) {
  const { t } = useTranslation();
  const name = `mark-${partId}-${person.employeeId}`;
  return (
    <fieldset className="attendance-person">
      <legend>{person.name}</legend>
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Text size="sm">
          {person.unitName}
          {person.source === 'walk_in' && ` · ${t('enrolments.source.walk_in')}`}
        </Text>
        {outcome && (
          <Text size="sm">
            {t('attendance.outcome', { hours: formatHours(outcome.attendedMinutes), total: formatHours(outcome.totalMinutes) })}
            {' · '}
            {outcome.completed ? t('enrolments.completed') : t('enrolments.notCompleted')}
          </Text>
        )}
      </Group>
      <div className="attendance-options">
        {attendanceStatuses.map((status) => (
          <label key={status} className="attendance-option" data-status={status}>
            <input
              type="radio"
              name={name}
              value={status}
              checked={value === status}
              disabled={disabled}
              onChange={() => onChange(status)}
            />
            <span>{t(`attendance.status.${status}`)}</span>
          </label>
        ))}
      </div>
      {onRemove && (
        <Button
          mt="xs"
          size="compact-sm"
          variant="subtle"
          onClick={onRemove}
          aria-label={t('attendance.removeWalkIn', { name: person.name })}
        >
          {t('enrolments.remove')}
        </Button>
      )}
    </fieldset>
  );
}

/** The server has searched already. */
const asFound: OptionsFilter = ({ options }) => options;

/** A late addition at the door: found by name or employee number among current employees not yet enrolled. */
function WalkInPicker({ sessionId, exclude, onPick }: { sessionId: string; exclude: string[]; onPick: (w: WalkIn) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: ['training-sessions', 'walk-ins', sessionId, q],
    queryFn: () =>
      api.get<WalkInCandidates>(`/api/training-sessions/${encodeURIComponent(sessionId)}/walk-in-candidates${toQuery({ q })}`),
    enabled: q.length >= 2,
  });
  const items = (found.data?.items ?? []).filter((i) => !exclude.includes(i.employeeId));
  return (
    <Stack gap={4}>
      <Title order={2} size="h4">
        {t('attendance.walkIn')}
      </Title>
      <Select
        label={t('attendance.walkInSearch')}
        description={t('attendance.walkInHelp')}
        searchable
        searchValue={search}
        onSearchChange={setSearch}
        filter={asFound}
        value={null}
        data={items.map((i) => ({ value: i.employeeId, label: `${i.name} (${i.unitName})` }))}
        nothingFoundMessage={
          q.length < 2 ? t('attendance.typeTwo') : found.isFetching ? t('common.loading') : t('organisation.nothingFound')
        }
        onChange={(value) => {
          const item = items.find((i) => i.employeeId === value);
          if (item) onPick(item);
          setSearch('');
        }}
        size="md"
      />
    </Stack>
  );
}

function SavedSummary({ answer }: { answer: PartAttendance }) {
  const { t } = useTranslation();
  const marked = answer.rows.filter((r) => r.status !== null).length;
  const completed = answer.rows.filter((r) => r.completed).length;
  return (
    <Alert color="teal.9" variant="outline" title={t('attendance.savedTitle')} role="status">
      <Text size="sm">
        {t('attendance.savedSummary', {
          marked: formatNumber(marked),
          total: formatNumber(answer.rows.length),
          completed: formatNumber(completed),
        })}
      </Text>
    </Alert>
  );
}
