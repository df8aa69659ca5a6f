import type {
  ActionOption,
  MessageActionLink,
  MessageDetail,
  MessageKind,
  MessageListItem,
  MessageReceipt,
  MessageStatus,
  MessageSubject,
  PublicExample,
} from '#shared/contracts/messages';
import type { ActionRef } from '../plans/action-lookup.js';
import type { ExampleRow, LinkRow, MessageRow, MessageView, NoteRow, PublicExampleRow } from './repository.js';

/** Which target a message has missed at the instant now, if any: the answer first, as the later and weightier one. */
export function overdueOf(row: Pick<MessageRow, 'status' | 'acknowledgeBy' | 'answerBy'>, now: Date): MessageListItem['overdue'] {
  const open = row.status === 'new' || row.status === 'in_progress';
  if (open && row.answerBy < now) return 'answer';
  if (row.status === 'new' && row.acknowledgeBy < now) return 'acknowledge';
  return null;
}

const excerptLength = 140;
const excerptOf = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > excerptLength ? `${line.slice(0, excerptLength - 1)}…` : line;
};

function common(row: MessageView, now: Date) {
  return {
    id: row.id,
    kind: row.kind as MessageKind,
    subject: row.subject as MessageSubject,
    status: row.status as MessageStatus,
    administrationId: row.administrationId,
    administrationName: row.administrationName,
    assignedTo: row.assignedUserId && row.assignedName ? { id: row.assignedUserId, name: row.assignedName } : null,
    hateful: row.hateful,
    createdAt: row.createdAt.toISOString(),
    acknowledgeBy: row.acknowledgeBy.toISOString(),
    answerBy: row.answerBy.toISOString(),
    overdue: overdueOf(row, now),
  };
}

/** The inbox: an excerpt and whether the sender left contact details, not the details themselves. */
export const presentListItem = (row: MessageView, now: Date): MessageListItem => ({
  ...common(row, now),
  excerpt: excerptOf(row.text),
  hasContact: row.contactEmail !== null || row.contactName !== null,
});

export const presentDetail = (
  row: MessageView,
  notes: NoteRow[],
  assignable: { id: string; name: string }[],
  links: MessageActionLink[],
  example: ExampleRow | null,
  now: Date,
): MessageDetail => ({
  ...common(row, now),
  code: row.code,
  text: row.text,
  contactName: row.contactName,
  contactEmail: row.contactEmail,
  acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
  answer: row.answer,
  answeredAt: row.answeredAt?.toISOString() ?? null,
  answeredByName: row.answeredByName,
  closedAt: row.closedAt?.toISOString() ?? null,
  contactRemovedAt: row.contactRemovedAt?.toISOString() ?? null,
  textRemovedAt: row.textRemovedAt?.toISOString() ?? null,
  notes: notes.map((n) => ({ id: n.id, text: n.text, authorName: n.authorName, createdAt: n.createdAt.toISOString() })),
  links,
  example: example && {
    question: example.question,
    answer: example.answer,
    publishedAt: example.publishedAt.toISOString(),
    publishedByName: example.publishedByName,
  },
  assignable,
});

/** A link as staff see it: the action where it sits now (the newest version of its plan that holds it). */
export const presentLink = (link: LinkRow, action: ActionRef): MessageActionLink => ({
  id: link.id,
  actionId: action.actionId,
  actionLineageId: link.actionLineageId,
  actionTitle: action.actionTitle,
  goalTitle: action.goalTitle,
  planId: action.planId,
  planName: action.planName,
  planVersion: action.planVersion,
  planStatus: action.planStatus,
  ownerName: action.ownerName,
  linkedByName: link.linkedByName,
  createdAt: link.createdAt.toISOString(),
});

export const presentActionOption = (action: ActionRef): ActionOption => ({
  actionId: action.actionId,
  actionLineageId: action.actionLineageId,
  actionTitle: action.actionTitle,
  goalTitle: action.goalTitle,
  planId: action.planId,
  planName: action.planName,
  planVersion: action.planVersion,
  planStatus: action.planStatus,
  ownerName: action.ownerName,
});

/** A published example for the public: the edited wording, the kind and subject; nothing else of the message. */
export const presentPublicExample = (row: PublicExampleRow): PublicExample => ({
  kind: row.kind as MessageKind,
  subject: row.subject as MessageSubject,
  question: row.question,
  answer: row.answer,
  publishedAt: row.publishedAt.toISOString(),
});

/** The sender's receipt: the status and the answer; never the name or email, never staff's notes or names. */
export const presentReceipt = (row: MessageRow): MessageReceipt => ({
  code: row.code,
  kind: row.kind as MessageKind,
  subject: row.subject as MessageSubject,
  status: row.status as MessageStatus,
  createdAt: row.createdAt.toISOString(),
  answer: row.hateful ? null : row.answer,
  answeredAt: row.hateful ? null : (row.answeredAt?.toISOString() ?? null),
  closedAt: row.closedAt?.toISOString() ?? null,
});
