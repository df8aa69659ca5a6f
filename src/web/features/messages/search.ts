import {
  messageKinds,
  messageStatuses,
  messageSubjects,
  type MessageKind,
  type MessageStatus,
  type MessageSubject,
} from '#shared/contracts/messages';
import { parseListSearch, type ListSearch } from '../../components/list';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type MessagesSearch = ListSearch & {
  status?: MessageStatus;
  kind?: MessageKind;
  subject?: MessageSubject;
  administrationId?: string;
  overdue?: true;
  hateful?: true;
};

/** The inbox's address: its filters and paging, dropping what is not valid. */
export function parseMessagesSearch(search: Record<string, unknown>): MessagesSearch {
  return {
    ...parseListSearch(search),
    status: messageStatuses.find((s) => s === search.status),
    kind: messageKinds.find((k) => k === search.kind),
    subject: messageSubjects.find((s) => s === search.subject),
    administrationId:
      typeof search.administrationId === 'string' && uuid.test(search.administrationId) ? search.administrationId : undefined,
    overdue: search.overdue === true || search.overdue === 'true' ? true : undefined,
    hateful: search.hateful === true || search.hateful === 'true' ? true : undefined,
  };
}
