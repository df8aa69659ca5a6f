import { z } from 'zod';
import { email, id, isoDate, optionalText, page, requiredText } from './common.js';

/** Citizens' messages (synpunkter): what a citizen sends, what the receipt shows, and the staff inbox. */

export const messageKinds = ['wish', 'thought', 'problem', 'praise'] as const;
export type MessageKind = (typeof messageKinds)[number];
/** accessibility: a problem with the accessibility of the municipality's web pages (the statement links to the form with it). */
export const messageSubjects = ['gender_equality', 'hbtq', 'other', 'accessibility'] as const;
export type MessageSubject = (typeof messageSubjects)[number];
export const messageStatuses = ['new', 'in_progress', 'answered', 'closed'] as const;
export type MessageStatus = (typeof messageStatuses)[number];

/** The longest message text, and the working days within which a message is acknowledged and answered. */
export const messageTextMax = 5000;
export const acknowledgeWithinWorkingDays = 2;
export const answerWithinWorkingDays = 10;
/** A form sent sooner than this after it was handed out is taken for a robot; one older than the maximum has expired. */
export const messageFormMinSeconds = 3;
export const messageFormMaxHours = 24;
/**
 * How long what a citizen sent is kept, in whole days after the message was closed: the defaults
 * (the administrator changes them, citizen_message_settings; the form states what is set).
 */
export const defaultContactRetentionDays = 90;
export const defaultTextRetentionDays = 730;
export const retentionDaysMin = 1;
export const contactRetentionDaysMax = 3650;
export const textRetentionDaysMax = 3650;

/** Blank from a form is no value. */
const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** What a citizen sends. website is the honeypot: people never see it, robots fill it in. */
export const messageBody = z.object({
  kind: z.enum(messageKinds),
  subject: z.enum(messageSubjects),
  administrationId: z.preprocess(blankIsAbsent, id.nullish()).transform((v) => v ?? null),
  text: requiredText(messageTextMax),
  name: optionalText(200),
  email: z.preprocess(blankIsAbsent, email.nullish()).transform((v) => v ?? null),
  website: z.string().max(500).optional(),
  formToken: z.string().min(1).max(200),
});
export type MessageBody = z.input<typeof messageBody>;

export const messageForm = z.object({
  /** Hand this back as formToken; it carries the time it was made, signed by the server. */
  formToken: z.string(),
  minSeconds: z.number().int(),
  administrations: z.array(z.object({ id, name: z.string() })),
  /** Days after closing that the name and email, and the text with its answer, are removed (stated on the form). */
  retention: z.object({ contactRetentionDays: z.number().int(), textRetentionDays: z.number().int() }),
});
export type MessageForm = z.infer<typeof messageForm>;

export const receiptCodeBody = z.object({ code: z.string().trim().min(1).max(64) });

/** What the sender sees with their code: no name, no email, no internal notes. */
export const messageReceipt = z.object({
  code: z.string(),
  kind: z.enum(messageKinds),
  subject: z.enum(messageSubjects),
  status: z.enum(messageStatuses),
  createdAt: z.iso.datetime(),
  answer: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
});
export type MessageReceipt = z.infer<typeof messageReceipt>;

const person = z.object({ id, name: z.string() });

export const overdueKinds = ['acknowledge', 'answer'] as const;

export const messageListItem = z.object({
  id,
  kind: z.enum(messageKinds),
  subject: z.enum(messageSubjects),
  status: z.enum(messageStatuses),
  administrationId: id.nullable(),
  administrationName: z.string().nullable(),
  assignedTo: person.nullable(),
  excerpt: z.string(),
  hasContact: z.boolean(),
  hateful: z.boolean(),
  createdAt: z.iso.datetime(),
  acknowledgeBy: z.iso.datetime(),
  answerBy: z.iso.datetime(),
  /** Which target is missed, if one is: the acknowledgement or the answer. */
  overdue: z.enum(overdueKinds).nullable(),
});
export type MessageListItem = z.infer<typeof messageListItem>;
export const messageList = page(messageListItem);
export type MessageList = z.infer<typeof messageList>;

const flag = z.enum(['true', 'false']).optional();
export const messageListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
  status: z.enum(messageStatuses).optional(),
  kind: z.enum(messageKinds).optional(),
  subject: z.enum(messageSubjects).optional(),
  administrationId: id.optional(),
  /** true: only those past a target. */
  overdue: flag,
  /** true: only those marked hateful (hidden otherwise). */
  hateful: flag,
  /** Received on or after, on or before (Stockholm dates). */
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type MessageListQuery = z.input<typeof messageListQuery>;

export const messageNote = z.object({ id, text: z.string(), authorName: z.string().nullable(), createdAt: z.iso.datetime() });

// ---- Links to plan actions, and published examples (issue 7, item 3)

/** An action of a plan, as offered for a link and as shown on a link: where the action sits now. */
export const actionOption = z.object({
  actionId: id,
  actionLineageId: id,
  actionTitle: z.string(),
  goalTitle: z.string(),
  planId: id,
  planName: z.string(),
  planVersion: z.number().int(),
  planStatus: z.string(),
  /** The administration or unit owning the plan; null for the municipality's. */
  ownerName: z.string().nullable(),
});
export type ActionOption = z.infer<typeof actionOption>;

export const messageActionLink = actionOption.extend({
  id,
  linkedByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type MessageActionLink = z.infer<typeof messageActionLink>;

export const linkableActionsQuery = z.object({ q: z.string().trim().max(200).default('') });
export const linkableActions = z.object({ items: z.array(actionOption) });
export type LinkableActions = z.infer<typeof linkableActions>;
export const linkActionBody = z.object({ actionId: id });
export const linkParams = z.object({ id, linkId: id });
/** The most actions offered for one search. */
export const linkableActionsMax = 30;

export const messageExample = z.object({
  question: z.string(),
  answer: z.string(),
  publishedAt: z.iso.datetime(),
  publishedByName: z.string().nullable(),
});
export type MessageExample = z.infer<typeof messageExample>;

export const messageDetail = messageListItem.omit({ excerpt: true, hasContact: true }).extend({
  code: z.string(),
  text: z.string(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  acknowledgedAt: z.iso.datetime().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  answeredByName: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** When the retention job removed the name and email; and the text, answer and notes (text is then ''). */
  contactRemovedAt: z.iso.datetime().nullable(),
  textRemovedAt: z.iso.datetime().nullable(),
  notes: z.array(messageNote),
  /** The plan actions the message is linked to (through the actions' lineages; shown in the newest version holding them). */
  links: z.array(messageActionLink),
  /** The public wording, when the answer is published among the examples on the public site. */
  example: messageExample.nullable(),
  /** Whom the message may be assigned to: the administrators and the process leader of its administration. */
  assignable: z.array(person),
});
export type MessageDetail = z.infer<typeof messageDetail>;

export const assignBody = z.object({ userId: id.nullable() });
export const noteBody = z.object({ text: requiredText(5000) });
export const answerBody = z.object({ text: requiredText(messageTextMax) });
export const hatefulBody = z.object({ hateful: z.boolean() });

// ---- Retention (issue 7, item 4)

export const retentionSettings = z.object({
  /** Days after closing that the name and email are removed. */
  contactRetentionDays: z.number().int(),
  /** Days after closing that the text, the answer and the notes are removed (the row stays for statistics). */
  textRetentionDays: z.number().int(),
  updatedAt: z.iso.datetime(),
});
export type RetentionSettings = z.infer<typeof retentionSettings>;

export const retentionSettingsBody = z
  .object({
    contactRetentionDays: z.number().int().min(retentionDaysMin).max(contactRetentionDaysMax),
    textRetentionDays: z.number().int().min(retentionDaysMin).max(textRetentionDaysMax),
  })
  .refine((v) => v.textRetentionDays >= v.contactRetentionDays, {
    path: ['textRetentionDays'],
    message: 'text_retention_before_contact',
  });
export type RetentionSettingsBody = z.infer<typeof retentionSettingsBody>;

// ---- Statistics (issue 7, item 5): counts only, never what anyone wrote

/** A month as YYYY-MM. */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export const statisticsMonthsMax = 120;

export const messageStatisticsQuery = z.object({
  /** First and last month, inclusive (Stockholm); by default the twelve months up to this one. */
  from: isoMonth.optional(),
  to: isoMonth.optional(),
});
export type MessageStatisticsQuery = z.input<typeof messageStatisticsQuery>;

/** How many, and of those whose answer target has passed or that were answered, how many were answered in time. */
const targetCounts = {
  count: z.number().int(),
  /** Answered, or past the answer target: those the target can be judged on (hateful ones left out). */
  answerDue: z.number().int(),
  answeredOnTime: z.number().int(),
  /** answeredOnTime / answerDue, null when none are due. */
  answeredOnTimeShare: z.number().nullable(),
};

export const messageStatistics = z.object({
  from: isoMonth,
  to: isoMonth,
  total: z.number().int(),
  hateful: z.number().int(),
  answerDue: z.number().int(),
  answeredOnTime: z.number().int(),
  answeredOnTimeShare: z.number().nullable(),
  acknowledgeDue: z.number().int(),
  acknowledgedOnTime: z.number().int(),
  acknowledgedOnTimeShare: z.number().nullable(),
  byKind: z.array(z.object({ kind: z.enum(messageKinds), count: z.number().int() })),
  bySubject: z.array(z.object({ subject: z.enum(messageSubjects), count: z.number().int() })),
  byStatus: z.array(z.object({ status: z.enum(messageStatuses), count: z.number().int() })),
  /** administrationId null: messages that named none. */
  byAdministration: z.array(z.object({ administrationId: id.nullable(), name: z.string().nullable(), ...targetCounts })),
  byMonth: z.array(z.object({ month: isoMonth, ...targetCounts })),
});
export type MessageStatistics = z.infer<typeof messageStatistics>;

// Publishing an answer, and the public examples
export const exampleBody = z.object({ question: requiredText(messageTextMax), answer: requiredText(messageTextMax) });
export type ExampleBody = z.infer<typeof exampleBody>;

/** A published example as the public sees it: the edited wording, never a name or an email. */
export const publicExample = z.object({
  kind: z.enum(messageKinds),
  subject: z.enum(messageSubjects),
  question: z.string(),
  answer: z.string(),
  publishedAt: z.iso.datetime(),
});
export type PublicExample = z.infer<typeof publicExample>;
export const publicExamples = z.object({ items: z.array(publicExample) });
export type PublicExamples = z.infer<typeof publicExamples>;

/** The messages linked to each action of a plan version: a count for all, the messages only for those who may read them. */
export const actionMessagesQuery = z.object({ planId: id });
export const actionMessages = z.object({
  items: z.array(
    z.object({
      actionLineageId: id,
      count: z.number().int(),
      messages: z.array(
        z.object({
          id,
          kind: z.enum(messageKinds),
          subject: z.enum(messageSubjects),
          status: z.enum(messageStatuses),
          createdAt: z.iso.datetime(),
        }),
      ),
    }),
  ),
});
export type ActionMessages = z.infer<typeof actionMessages>;
