import { messageSubjects } from '#shared/contracts/messages';
import type { PublicSiteContact, PublicSiteContent, PublicSiteSettings } from '#shared/contracts/public-site';
import type { UserCard } from '../users/roles.js';
import type { ContactRow, SettingsRow } from './repository.js';

/**
 * Where a visitor reports an accessibility problem: the message form, with the subject
 * 'accessibility' chosen once the form has that subject (the plain form before).
 */
export const accessibilityReportPath = (messageSubjects as readonly string[]).includes('accessibility')
  ? '/feedback?subject=accessibility'
  : '/feedback';

export function presentContacts(rows: ContactRow[], users: UserCard[]): PublicSiteContact[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.flatMap((row) => {
    const user = byId.get(row.userId);
    if (!user) return [];
    return [
      {
        userId: row.userId,
        name: user.name,
        email: user.email,
        active: user.active,
        roleSv: row.roleSv,
        roleEn: row.roleEn,
        phone: row.phone,
      },
    ];
  });
}

export function presentSettings(row: SettingsRow, contacts: PublicSiteContact[]): PublicSiteSettings {
  return {
    introSv: row.introSv,
    introEn: row.introEn,
    accessibilityStatus: row.accessibilityStatus as PublicSiteSettings['accessibilityStatus'],
    shortcomingsSv: row.shortcomingsSv,
    shortcomingsEn: row.shortcomingsEn,
    testingSv: row.testingSv,
    testingEn: row.testingEn,
    statementDate: row.statementDate,
    contacts,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What anyone may read: the texts, and of the contacts only the active users' name, email, phone and role. No user id. */
export function presentPublicContent(settings: PublicSiteSettings, publicUrl: string): PublicSiteContent {
  return {
    intro: { sv: settings.introSv, en: settings.introEn },
    accessibility: {
      status: settings.accessibilityStatus,
      shortcomings: { sv: settings.shortcomingsSv, en: settings.shortcomingsEn },
      testing: { sv: settings.testingSv, en: settings.testingEn },
      statementDate: settings.statementDate,
      reportUrl: `${publicUrl.replace(/\/$/, '')}${accessibilityReportPath}`,
    },
    contacts: settings.contacts
      .filter((c) => c.active)
      .map((c) => ({ name: c.name, email: c.email, phone: c.phone, role: { sv: c.roleSv, en: c.roleEn } })),
  };
}
