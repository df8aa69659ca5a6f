import { useState } from 'react';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Checkbox,
  Group,
  List,
  NativeSelect,
  Paper,
  Radio,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { Invitation, Network } from '#shared/contracts/networks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DocumentFiles } from '../../components/DocumentFiles';
import { ErrorAlert, Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDateTime } from '../../components/format';
import { notifyDone } from '../../components/notify';
import { useCandidates, useContactCandidates, useNetwork, useNetworkInvitations, useNetworkSteps } from './api';
import { MeetingForm } from './MeetingForm';
import { NetworkForm } from './NetworksPage';
import { AnchorLink } from '../../components/links';

const routeApi = getRouteApi('/app/networks/$id');

/** A network: its members with their contact persons, its meetings, its documents and links, and (administrators) its invitations. */
export function NetworkPage() {
  const { t } = useTranslation();
  return (
    <RequirePermission action="read" entity="network" title={t('networks.title')}>
      <NetworkView />
    </RequirePermission>
  );
}

function NetworkView() {
  const { t } = useTranslation();
  const { id } = routeApi.useParams();
  const query = useNetwork(id);
  const [editing, setEditing] = useState(false);
  const network = query.data;
  if (!network) return <Page title={t('networks.title')}>{<ErrorAlert error={query.error} />}</Page>;
  return (
    <Page
      title={network.name}
      actions={network.canEdit && <Button onClick={() => setEditing(true)}>{t('networks.edit')}</Button>}
    >
      <AnchorLink to="/networks">{t('networks.back')}</AnchorLink>
      {network.description && <Text style={{ whiteSpace: 'pre-line' }}>{network.description}</Text>}
      <Members network={network} />
      <Meetings network={network} />
      <Resources network={network} />
      {network.canEdit && <Invitations network={network} />}
      <NetworkForm network={network} opened={editing} onClose={() => setEditing(false)} />
    </Page>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function Members({ network }: { network: Network }) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const [removing, setRemoving] = useState<Network['members'][number] | null>(null);
  const [adding, setAdding] = useState(false);
  return (
    <Section id="network-members" title={t('networks.members')}>
      {network.members.length === 0 ? (
        <Text>{t('networks.noMembers')}</Text>
      ) : (
        <Box role="region" aria-label={t('networks.members')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('networks.unit')}</Table.Th>
                <Table.Th scope="col">{t('networks.contact')}</Table.Th>
                <Table.Th scope="col">{t('networks.manager')}</Table.Th>
                {network.canEdit && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {network.members.map((m) => (
                <Table.Tr key={m.unitId}>
                  <Table.Td>
                    {m.unitName}
                    <Text size="xs">{m.administrationName}</Text>
                  </Table.Td>
                  <Table.Td>
                    {m.contactName ? (
                      <>
                        {m.contactName}
                        {m.contactEmail && (
                          <Text size="xs">
                            <Anchor href={`mailto:${m.contactEmail}`}>{m.contactEmail}</Anchor>
                          </Text>
                        )}
                      </>
                    ) : (
                      t('networks.noContact')
                    )}
                  </Table.Td>
                  <Table.Td>{m.managerName ?? '–'}</Table.Td>
                  {network.canEdit && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        color="red.9"
                        onClick={() => setRemoving(m)}
                        aria-label={t('networks.removeMember', { name: m.unitName })}
                      >
                        {t('networks.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      {network.canEdit && (
        <>
          {adding ? (
            <AddMember network={network} onDone={() => setAdding(false)} />
          ) : (
            <Group>
              <Button variant="light" onClick={() => setAdding(true)}>
                {t('networks.addMember')}
              </Button>
            </Group>
          )}
          <ConfirmDialog
            opened={removing !== null}
            title={t('networks.removeMemberTitle', { name: removing?.unitName ?? '' })}
            confirmLabel={t('networks.removeMember', { name: removing?.unitName ?? '' })}
            danger
            onClose={() => setRemoving(null)}
            onConfirm={async () => {
              await steps.removeMember.mutateAsync({ id: network.id, unitId: removing!.unitId });
              setRemoving(null);
            }}
          >
            <Text>{t('networks.removeMemberText')}</Text>
          </ConfirmDialog>
        </>
      )}
    </Section>
  );
}

function AddMember({ network, onDone }: { network: Network; onDone: () => void }) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const candidates = useCandidates(network.id, true);
  const [unitId, setUnitId] = useState('');
  const [contactUserId, setContactUserId] = useState('');
  const contacts = useContactCandidates(unitId || null);
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        await steps.setMember.mutateAsync({ id: network.id, unitId, contactUserId: contactUserId || null });
        onDone();
      }}
    >
      <Stack gap="xs">
        <ErrorAlert error={steps.setMember.error ?? candidates.error} />
        <NativeSelect
          label={t('networks.memberUnit')}
          required
          value={unitId}
          onChange={(e) => {
            setUnitId(e.currentTarget.value);
            setContactUserId('');
          }}
          data={[
            { value: '', label: '–' },
            ...(candidates.data?.items ?? []).map((c) => ({ value: c.unitId, label: `${c.unitName} (${c.administrationName})` })),
          ]}
        />
        <NativeSelect
          label={t('networks.contactPerson')}
          value={contactUserId}
          onChange={(e) => setContactUserId(e.currentTarget.value)}
          data={[
            { value: '', label: t('networks.noContact') },
            ...(contacts.data?.items ?? []).map((c) => ({ value: c.userId, label: c.name })),
          ]}
        />
        <Group>
          <Button type="submit" disabled={!unitId} loading={steps.setMember.isPending}>
            {t('networks.addMember')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('networks.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Meetings({ network }: { network: Network }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  const now = Date.now();
  const upcoming = network.meetings.filter((m) => new Date(m.startsAt).getTime() >= now).reverse();
  const past = network.meetings.filter((m) => new Date(m.startsAt).getTime() < now);
  const list = (items: Network['meetings']) => (
    <List spacing={4}>
      {items.map((m) => (
        <List.Item key={m.id}>
          <AnchorLink to="/networks/meetings/$id" params={{ id: m.id }}>
            {formatDateTime(m.startsAt)}, {m.place}
          </AnchorLink>{' '}
          {m.hasMinutes && (
            <Badge variant="filled" color="teal.9" miw="max-content">
              {t('networks.hasMinutes')}
            </Badge>
          )}{' '}
          {m.fileCount > 0 && (
            <Text span size="sm">
              {t('networks.files', { count: m.fileCount })}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
  return (
    <Section id="network-meetings" title={t('networks.meetings')}>
      {network.meetings.length === 0 && <Text>{t('networks.noMeetings')}</Text>}
      {upcoming.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('networks.upcoming')}
          </Title>
          {list(upcoming)}
        </>
      )}
      {past.length > 0 && (
        <>
          <Title order={3} size="h5">
            {t('networks.past')}
          </Title>
          {list(past)}
        </>
      )}
      {network.canEdit && (
        <Group>
          <Button variant="light" onClick={() => setAdding(true)}>
            {t('networks.addMeeting')}
          </Button>
        </Group>
      )}
      <MeetingForm
        networkId={network.id}
        opened={adding}
        onClose={() => setAdding(false)}
        onSaved={(m) => navigate({ to: '/networks/meetings/$id', params: { id: m.id } })}
      />
    </Section>
  );
}

function Resources({ network }: { network: Network }) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const [title, setTitle] = useState('');
  const [url, setUrl] = useState('');
  return (
    <Section id="network-resources" title={t('networks.resources')}>
      <Title order={3} size="h5">
        {t('networks.documents')}
      </Title>
      {network.files.length === 0 && <Text size="sm">{t('networks.noDocuments')}</Text>}
      <DocumentFiles
        files={network.files}
        hrefOf={(f) => `/api/network-files/${f.id}`}
        attach={
          network.canEdit
            ? {
                name: t('networks.attachDocument'),
                pending: steps.attachToNetwork.isPending,
                error: steps.attachToNetwork.error,
                onFile: (file) => steps.attachToNetwork.mutate({ id: network.id, file }),
              }
            : undefined
        }
        mayRemove={() => network.canEdit}
        onRemove={(f) => steps.removeFile.mutateAsync(f.id)}
      />
      <Title order={3} size="h5">
        {t('networks.links')}
      </Title>
      {network.links.length === 0 ? (
        <Text size="sm">{t('networks.noLinks')}</Text>
      ) : (
        <List spacing={4}>
          {network.links.map((l) => (
            <List.Item key={l.id}>
              <Anchor href={l.url} rel="noopener noreferrer" target="_blank">
                {l.title}
              </Anchor>
              {network.canEdit && (
                <Button
                  size="xs"
                  variant="default"
                  color="red.9"
                  ml="xs"
                  onClick={() => steps.removeLink.mutate(l.id)}
                  aria-label={t('networks.removeLink', { title: l.title })}
                >
                  {t('networks.remove')}
                </Button>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {network.canEdit && (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            await steps.addLink.mutateAsync({ id: network.id, title, url });
            setTitle('');
            setUrl('');
          }}
        >
          <Stack gap="xs">
            <ErrorAlert error={steps.addLink.error} />
            <Group align="end" wrap="wrap">
              <TextInput
                label={t('networks.linkTitle')}
                required
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
              <TextInput
                label={t('networks.linkUrl')}
                type="url"
                required
                value={url}
                onChange={(e) => setUrl(e.currentTarget.value)}
              />
              <Button type="submit" variant="light" loading={steps.addLink.isPending}>
                {t('networks.addLink')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Section>
  );
}

export function StatusBadge({ status }: { status: Invitation['status'] }) {
  const { t } = useTranslation();
  const color = { sent: 'indigo.9', accepted: 'teal.9', declined: 'red.9', withdrawn: 'gray.8' }[status];
  return (
    <Badge variant="filled" color={color} miw="max-content">
      {t(`networks.statuses.${status}`)}
    </Badge>
  );
}

function Invitations({ network }: { network: Network }) {
  const { t } = useTranslation();
  const steps = useNetworkSteps();
  const invitations = useNetworkInvitations(network.id, true);
  const candidates = useCandidates(network.id, true);
  const [mode, setMode] = useState<'notCertified' | 'chosen'>('notCertified');
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const items = candidates.data?.items ?? [];
  const notCertified = items.filter((c) => !c.certified);
  return (
    <Section id="network-invitations" title={t('networks.invitations')}>
      <ErrorAlert error={invitations.error ?? steps.withdraw.error} />
      {invitations.data?.items.length === 0 && <Text size="sm">{t('networks.noInvitations')}</Text>}
      {(invitations.data?.items.length ?? 0) > 0 && (
        <Box role="region" aria-label={t('networks.invitations')} tabIndex={0} style={{ overflowX: 'auto' }}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('networks.unit')}</Table.Th>
                <Table.Th scope="col">{t('networks.status')}</Table.Th>
                <Table.Th scope="col">{t('networks.sentAt')}</Table.Th>
                <Table.Th scope="col">{t('networks.answered')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invitations.data!.items.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{i.unitName}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={i.status} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(i.sentAt)}</Table.Td>
                  <Table.Td>
                    {i.answeredAt &&
                      t('networks.answeredBy', { name: i.answeredByName ?? '', date: formatDateTime(i.answeredAt) })}
                    {i.declineReason && <Text size="xs">{t('networks.reason', { reason: i.declineReason })}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {i.status === 'sent' && (
                      <Button
                        size="xs"
                        variant="default"
                        color="red.9"
                        onClick={() => steps.withdraw.mutate(i.id)}
                        aria-label={t('networks.withdraw', { name: i.unitName })}
                      >
                        {t('networks.withdrawShort')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
      <Title order={3} size="h5">
        {t('networks.invite')}
      </Title>
      <Text size="sm">{t('networks.inviteIntro')}</Text>
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          const result = await steps.invite.mutateAsync({
            id: network.id,
            unitIds: mode === 'chosen' ? chosen : [],
            notCertified: mode === 'notCertified',
            message,
          });
          notifyDone(t('networks.invite'), t('networks.sent', { count: result.items.length }));
          setChosen([]);
          setMessage('');
        }}
      >
        <Stack gap="xs">
          <ErrorAlert error={steps.invite.error ?? candidates.error} />
          <Radio.Group value={mode} onChange={(v) => setMode(v as typeof mode)} label={t('networks.inviteUnits')}>
            <Stack gap={4} mt={4}>
              <Radio value="notCertified" label={t('networks.inviteNotCertified', { count: notCertified.length })} />
              <Radio value="chosen" label={t('networks.inviteChosen')} />
            </Stack>
          </Radio.Group>
          {mode === 'chosen' && (
            <Checkbox.Group value={chosen} onChange={setChosen} label={t('networks.inviteUnits')}>
              <Stack gap={4} mt={4}>
                {items.map((c) => (
                  <Checkbox
                    key={c.unitId}
                    value={c.unitId}
                    label={`${c.unitName} (${c.administrationName}) – ${c.certified ? t('networks.certified') : t('networks.notCertified')}${c.hasManager ? '' : `, ${t('networks.noManager')}`}`}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Textarea
            label={t('networks.inviteMessage')}
            autosize
            minRows={2}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
          <Group>
            <Button
              type="submit"
              loading={steps.invite.isPending}
              disabled={mode === 'chosen' ? chosen.length === 0 : notCertified.length === 0}
            >
              {t('networks.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
