import { z } from 'zod';
import { optionalText, requiredText } from './common.js';

/**
 * Networks of units (docs/networks.md): member units with a contact person each, meetings with
 * agenda, minutes and attachments, shared documents and links, and invitations of units.
 */

export const invitationStatuses = ['sent', 'accepted', 'declined', 'withdrawn'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const networkBody = z.object({ name: requiredText(200), description: optionalText(5000) });
export type NetworkBody = z.input<typeof networkBody>;

export const memberBody = z.object({ unitId: z.uuid(), contactUserId: z.uuid().nullish() });
export const memberParams = z.object({ id: z.uuid(), unitId: z.uuid() });

export const meetingBody = z.object({
  startsAt: z.iso.datetime({ offset: true }),
  place: requiredText(300),
  agenda: optionalText(20000),
  minutes: optionalText(50000),
});
export type MeetingBody = z.input<typeof meetingBody>;

export const linkBody = z.object({
  title: requiredText(300),
  url: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/ })),
});

export const networkFile = z.object({
  id: z.uuid(),
  meetingId: z.uuid().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type NetworkFile = z.infer<typeof networkFile>;

export const networkLink = z.object({ id: z.uuid(), title: z.string(), url: z.string(), createdAt: z.string() });

export const networkMember = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
  contactUserId: z.uuid().nullable(),
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  managerName: z.string().nullable(),
  joinedAt: z.string(),
});

export const meetingSummary = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  startsAt: z.string(),
  place: z.string(),
  hasMinutes: z.boolean(),
  fileCount: z.number().int(),
});

export const meeting = meetingSummary.extend({
  networkName: z.string(),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  files: z.array(networkFile),
  canEdit: z.boolean(),
});
export type Meeting = z.infer<typeof meeting>;

export const networkSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  memberCount: z.number().int(),
  nextMeetingAt: z.string().nullable(),
});
export const networkList = z.object({ items: z.array(networkSummary), canCreate: z.boolean() });

export const network = networkSummary.extend({
  members: z.array(networkMember),
  meetings: z.array(meetingSummary),
  files: z.array(networkFile),
  links: z.array(networkLink),
  canEdit: z.boolean(),
});
export type Network = z.infer<typeof network>;

export const invitation = z.object({
  id: z.uuid(),
  networkId: z.uuid(),
  networkName: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
  status: z.enum(invitationStatuses),
  message: z.string().nullable(),
  sentAt: z.string(),
  invitedByName: z.string().nullable(),
  answeredByName: z.string().nullable(),
  answeredAt: z.string().nullable(),
  declineReason: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitation>;
export const invitationList = z.object({ items: z.array(invitation) });

/** Invite the units named, or (notCertified) every unit without a valid certificate that is neither a member nor invited. */
export const inviteBody = z
  .object({
    unitIds: z.array(z.uuid()).max(500).default([]),
    notCertified: z.boolean().default(false),
    message: optionalText(2000),
  })
  .refine((b) => b.notCertified || b.unitIds.length > 0, { message: 'units_missing', path: ['unitIds'] });
export type InviteBody = z.input<typeof inviteBody>;
export const inviteResult = z.object({ items: z.array(invitation) });

/** Units that may be invited: active, not members, without an open invitation; certified says whether they hold a valid certificate. */
export const invitationCandidate = z.object({
  unitId: z.uuid(),
  unitName: z.string(),
  administrationName: z.string(),
  certified: z.boolean(),
  hasManager: z.boolean(),
});
export const invitationCandidateList = z.object({ items: z.array(invitationCandidate) });

/** Accept: the unit's contact person is the manager, or the user named. */
export const acceptBody = z.object({ contactUserId: z.uuid().nullish() });
export const declineBody = z.object({ reason: optionalText(2000) });

export const contactCandidate = z.object({ userId: z.uuid(), name: z.string() });
export const contactCandidateList = z.object({ items: z.array(contactCandidate) });
