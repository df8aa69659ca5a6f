import type { Invitation, InvitationStatus, NetworkFile } from '#shared/contracts/networks';
import type * as repo from './repository.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function presentFile(row: Awaited<ReturnType<typeof repo.filesOf>>[number]): NetworkFile {
  return {
    id: row.id,
    meetingId: row.meetingId,
    fileName: row.fileName,
    contentType: row.contentType,
    size: row.size,
    uploadedByName: row.uploadedByName,
    uploadedAt: new Date(row.uploadedAt).toISOString(),
  };
}

export function presentInvitation(row: NonNullable<repo.InvitationView>): Invitation {
  return {
    ...row,
    status: row.status as InvitationStatus,
    sentAt: new Date(row.sentAt).toISOString(),
    answeredAt: iso(row.answeredAt),
  };
}

export function presentMeetingSummary(row: Awaited<ReturnType<typeof repo.meetingsOf>>[number]) {
  return {
    ...row,
    startsAt: new Date(row.startsAt).toISOString(),
    hasMinutes: Boolean(row.hasMinutes),
    fileCount: Number(row.fileCount),
  };
}

export function presentMember(row: Awaited<ReturnType<typeof repo.membersOf>>[number]) {
  return { ...row, joinedAt: new Date(row.joinedAt).toISOString() };
}
