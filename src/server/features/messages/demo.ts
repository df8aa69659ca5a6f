import type { Tx } from '../../db/client.js';
import {
  citizenMessageActionLinks,
  citizenMessageExamples,
  citizenMessageNotes,
  citizenMessages,
} from '../../db/schema/index.js';
import { searchLinkableActions } from '../plans/action-lookup.js';
import {
  acknowledgeWithinWorkingDays,
  answerWithinWorkingDays,
  messageKinds,
  messageStatuses,
  messageSubjects,
  type MessageKind,
  type MessageSubject,
} from '#shared/contracts/messages';
import { newReceiptCode } from './service.js';
import { addWorkingDays } from './working-days.js';

/**
 * The demo municipality's citizens' messages (issue 7): a hundred over the last year, every kind in
 * every state, most about an administration (and assigned to its process leader), some with contact
 * details, two marked hateful, the recent new ones partly past their targets; one in ten reports an
 * accessibility problem (to the administrators). About a third of those taken on are linked to
 * actions of the demo plans (of their administration, or the municipality's), and some answers are
 * published among the examples on the public site.
 */
export type MessagesDemoInput = {
  administrations: { id: string; leader: { userId: string; name: string } }[];
  administrator: { userId: string; name: string };
  now: Date;
  random: {
    next: () => number;
    int: (min: number, max: number) => number;
    pick: <T>(items: readonly T[]) => T;
    chance: (p: number) => boolean;
  };
};

const texts: Record<MessageSubject, Record<MessageKind, string[]>> = {
  gender_equality: {
    wish: [
      'Jag önskar att idrottsföreningarnas tider i sporthallen fördelas lika mellan flickor och pojkar.',
      'Kan kommunen redovisa hur fritidspengarna fördelas mellan tjejer och killar?',
    ],
    thought: [
      'Det vore bra om kvinnor och män fick komma till tals lika mycket på medborgardialogerna.',
      'Jag funderar på om snöröjningen prioriterar bilvägar framför gång- och cykelvägar.',
    ],
    problem: [
      'Belysningen på gångvägen mellan stationen och Nävertorp är dålig, många känner sig otrygga.',
      'Skolans omklädningsrum saknar lås, det drabbar särskilt flickorna.',
    ],
    praise: [
      'Bra att biblioteket har sagostunder på kvällstid så att fler föräldrar kan följa med.',
      'Tack för den könsuppdelade statistiken i årsredovisningen, den var lätt att förstå.',
    ],
  },
  hbtq: {
    wish: [
      'Jag önskar fler aktiviteter för HBTQ-ungdomar under sommaruppehållet på MOGAI.',
      'Kan fritidsgården ha en regnbågsvecka i samband med Pride?',
    ],
    thought: [
      'Blanketterna hos kommunen borde inte bara ha två alternativ för kön.',
      'Personalen på äldreboendet kanske behöver veta mer om äldre HBTQ-personers historia.',
    ],
    problem: [
      'På simhallen finns inget omklädningsrum för den som inte vill byta om i dam- eller herrrummet.',
      'Mitt barn blev retat i skolan för att hen har två mammor, och ingen vuxen sa ifrån.',
    ],
    praise: [
      'Tack för HBTQ-caféet på Perrongen, det har betytt mycket för mig.',
      'Fint att förskolan läste böcker med olika familjer, mitt barn kände igen sig.',
    ],
  },
  other: {
    wish: [
      'Jag önskar att kommunens webbplats blir lättare att läsa på lätt svenska.',
      'Kan det finnas fler bänkar längs promenadstråket vid sjön?',
    ],
    thought: [
      'Det vore bra om man kunde lämna synpunkter på fler språk.',
      'Kommunen kan bli bättre på att berätta vad som händer med synpunkterna.',
    ],
    problem: [
      'Hörselslingan i kommunhusets sessionssal fungerade inte vid senaste mötet.',
      'Rampen vid kulturhuset är för brant för rullstol.',
    ],
    praise: ['Tack för ett trevligt bemötande i kontaktcenter.', 'Bra att sommarlovsaktiviteterna var gratis i år.'],
  },
  accessibility: {
    wish: ['Jag önskar att synpunktsformuläret går att läsa upp med talsyntes direkt på sidan.'],
    thought: ['Det vore bra om de publika sidorna hade större text som standard på mobilen.'],
    problem: [
      'Knappen för att byta språk går inte att nå med tangentbordet på min dator.',
      'Kontrasten på länkarna i sidfoten är för svag för mig som ser dåligt.',
    ],
    praise: ['Formuläret fungerade bra med min skärmläsare, tack!'],
  },
};

const answers = [
  'Tack för din synpunkt! Vi har tagit upp den med verksamheten och återkommer i handlingsplanen för nästa år.',
  'Tack! Vi har åtgärdat det du påpekade och följer upp att det fungerar.',
  'Tack för att du hör av dig. Frågan ingår nu i förvaltningens arbete med jämställdhet och inkludering.',
  'Vad roligt att höra! Vi för vidare ditt beröm till personalen.',
];
const names = ['Sara Lind', 'Mohammed Ali', 'Eva Berg', 'Jonas Ek', 'Robin Holm'];

const day = 24 * 3600 * 1000;
/** How old a message of each status may be, in days: new ones are recent, closed ones of the whole year. */
const ageDays = { new: [0, 8], in_progress: [1, 25], answered: [3, 365], closed: [10, 365] } as const;

export async function writeMessagesDemo(tx: Tx, input: MessagesDemoInput): Promise<Record<string, number>> {
  const { random, now } = input;
  const rows: (typeof citizenMessages.$inferInsert)[] = [];
  const notes: { index: number; text: string; author: { userId: string; name: string }; at: Date }[] = [];
  for (let i = 0; i < 100; i++) {
    const kind = messageKinds[i % 4];
    const status = messageStatuses[Math.floor(i / 4) % 4];
    const subject: MessageSubject = i % 10 === 9 ? 'accessibility' : messageSubjects[i % 3];
    const hateful = i === 13 || i === 58;
    const [minAge, maxAge] = ageDays[status];
    const createdAt = new Date(now.getTime() - random.int(minAge * 24, maxAge * 24) * 3600 * 1000 - random.int(0, 3599) * 1000);
    const administration = random.chance(0.7) ? random.pick(input.administrations) : null;
    // Accessibility problems go to the administrators, whatever administration was named.
    const handler = (subject !== 'accessibility' && administration?.leader) || input.administrator;
    const contact = !hateful && random.chance(0.3) ? random.pick(names) : null;
    const before = (at: Date) => (at > now ? now : at);
    const acknowledgedAt = status === 'new' ? null : before(new Date(createdAt.getTime() + random.int(1, 40) * 3600 * 1000));
    const answered = status === 'answered' || (status === 'closed' && !hateful && random.chance(0.9));
    const answeredAt = answered ? before(new Date(createdAt.getTime() + random.int(2, 12) * day)) : null;
    const closedAt =
      status === 'closed'
        ? before(new Date((answeredAt ?? acknowledgedAt ?? createdAt).getTime() + random.int(1, 5) * day))
        : null;
    rows.push({
      code: newReceiptCode(),
      kind,
      subject,
      administrationId: administration?.id ?? null,
      text: hateful ? 'Ett hatiskt meddelande (i demon ersatt med den här texten).' : random.pick(texts[subject][kind]),
      contactName: contact,
      contactEmail: contact ? `${contact.toLowerCase().replace(/\s+/g, '.')}.${i}@example.se` : null,
      status,
      hateful,
      assignedUserId: status === 'new' && (!administration || subject === 'accessibility') ? null : handler.userId,
      createdAt,
      acknowledgeBy: addWorkingDays(createdAt, acknowledgeWithinWorkingDays),
      answerBy: addWorkingDays(createdAt, answerWithinWorkingDays),
      acknowledgedAt,
      answer: answered ? random.pick(answers) : null,
      answeredAt,
      answeredByName: answered ? handler.name : null,
      closedAt,
    });
    if (status === 'in_progress' && random.chance(0.5))
      notes.push({ index: i, text: 'Kontrollerar med verksamheten innan vi svarar.', author: handler, at: acknowledgedAt! });
  }
  const inserted = await tx.insert(citizenMessages).values(rows).returning({ id: citizenMessages.id });
  if (notes.length > 0)
    await tx.insert(citizenMessageNotes).values(
      notes.map((n) => ({
        messageId: inserted[n.index].id,
        text: n.text,
        authorUserId: n.author.userId,
        authorName: n.author.name,
        createdAt: n.at,
      })),
    );

  // Links to the demo plans' actions: a third of the messages taken on (not hateful), to an action of
  // their administration's plans or the municipality's, some to two.
  const actions = await searchLinkableActions(tx, '', null, 10_000);
  const links: (typeof citizenMessageActionLinks.$inferInsert)[] = [];
  const examples: (typeof citizenMessageExamples.$inferInsert)[] = [];
  for (const [i, row] of rows.entries()) {
    if (row.status === 'new' || row.hateful || row.subject === 'accessibility') continue;
    const near = actions.filter(
      (a) => a.scope === 'municipality' || (row.administrationId !== null && a.ownerAdministrationId === row.administrationId),
    );
    if (near.length > 0 && random.chance(0.35)) {
      const first = random.pick(near);
      const chosen = random.chance(0.25) ? [first, random.pick(near)] : [first];
      for (const action of new Set(chosen)) {
        const handler = input.administrations.find((a) => a.id === row.administrationId)?.leader ?? input.administrator;
        links.push({
          messageId: inserted[i].id,
          actionLineageId: action.actionLineageId,
          planSeriesId: action.planSeriesId,
          linkedByUserId: handler.userId,
          linkedByName: handler.name,
          createdAt: row.acknowledgedAt ?? row.createdAt,
        });
      }
    }
    // A few answers published, in a wording without personal details (the demo's texts have none).
    if (row.answer && !row.contactName && examples.length < 8 && random.chance(0.3)) {
      examples.push({
        messageId: inserted[i].id,
        question: row.text,
        answer: row.answer,
        publishedAt: row.answeredAt!,
        publishedByUserId: input.administrator.userId,
        publishedByName: input.administrator.name,
      });
    }
  }
  if (links.length > 0) await tx.insert(citizenMessageActionLinks).values(links);
  if (examples.length > 0) await tx.insert(citizenMessageExamples).values(examples);
  return { citizenMessages: rows.length, citizenMessageLinks: links.length, citizenMessageExamples: examples.length };
}
