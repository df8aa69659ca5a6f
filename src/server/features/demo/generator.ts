import { menFirstNames, natureWords, placeWords, surnames, womenFirstNames } from './names.js';

/**
 * The demo municipality, shaped like Katrineholm in the source texts: seven administrations, about
 * 150 units of which schools, preschools and youth services work with children and youth, and about
 * 3,000 employees. Deterministic: the same seed and size give the same municipality. Larger sizes
 * (60,000 employees, 600 units) serve the benchmark.
 */

/** mulberry32: small, fast and good enough to make the same data on every machine. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

type UnitKind = {
  /** How the unit is named; n counts units of this kind, for unique names. */
  name: (n: number, random: Random) => string;
  worksWithChildren: boolean;
  /** Relative number of employees. */
  size: number;
  titles: readonly string[];
};

type AdministrationTemplate = {
  key: string;
  name: string;
  shortName: string;
  /** Share of the municipality's employees. */
  share: number;
  /** Units every municipality has, once. */
  fixed: { name: string; worksWithChildren: boolean; size: number; titles: readonly string[] }[];
  /** Units that grow in number with the municipality. */
  repeating: UnitKind[];
  womenShare: number;
};

const named = (prefix: string, words: readonly string[], suffix = '') => (n: number) => {
  const word = words[n % words.length];
  const round = Math.floor(n / words.length);
  return `${prefix}${word}${suffix}${round > 0 ? ` ${round + 1}` : ''}`;
};

export const administrationTemplates: AdministrationTemplate[] = [
  {
    key: 'bildning',
    name: 'Bildningsförvaltningen',
    shortName: 'BIF',
    share: 0.4,
    womenShare: 0.78,
    fixed: [
      { name: 'Duveholmsgymnasiet', worksWithChildren: true, size: 5, titles: ['Gymnasielärare', 'Studie- och yrkesvägledare', 'Skolkurator'] },
      { name: 'Lindengymnasiet', worksWithChildren: true, size: 4, titles: ['Gymnasielärare', 'Speciallärare'] },
      { name: 'Elevhälsan', worksWithChildren: true, size: 1.5, titles: ['Skolsköterska', 'Skolpsykolog', 'Skolkurator'] },
      { name: 'Kulturskolan', worksWithChildren: true, size: 1, titles: ['Musiklärare', 'Danspedagog'] },
      { name: 'Bildningsförvaltningens kansli', worksWithChildren: false, size: 1, titles: ['Handläggare', 'Controller', 'Förvaltningschef'] },
    ],
    repeating: [
      { name: named('Förskolan ', natureWords), worksWithChildren: true, size: 1.2, titles: ['Förskollärare', 'Barnskötare', 'Förskolechef'] },
      { name: named('', placeWords, 'skolan'), worksWithChildren: true, size: 2.2, titles: ['Grundskollärare', 'Fritidspedagog', 'Elevassistent', 'Rektor'] },
    ],
  },
  {
    key: 'vard',
    name: 'Vård- och omsorgsförvaltningen',
    shortName: 'VOF',
    share: 0.3,
    womenShare: 0.86,
    fixed: [
      { name: 'Hemsjukvården', worksWithChildren: false, size: 2, titles: ['Sjuksköterska', 'Arbetsterapeut', 'Fysioterapeut'] },
      { name: 'Korttidsboendet', worksWithChildren: false, size: 1.5, titles: ['Undersköterska', 'Sjuksköterska'] },
      { name: 'Korttidsvistelse för barn och unga (LSS)', worksWithChildren: true, size: 1, titles: ['Stödassistent', 'Habiliteringspersonal'] },
      { name: 'Biståndsenheten', worksWithChildren: false, size: 0.8, titles: ['Biståndshandläggare'] },
    ],
    repeating: [
      { name: named('Hemtjänst ', placeWords), worksWithChildren: false, size: 2, titles: ['Undersköterska', 'Vårdbiträde', 'Enhetschef'] },
      { name: named('', natureWords, 's särskilda boende'), worksWithChildren: false, size: 2.4, titles: ['Undersköterska', 'Vårdbiträde', 'Sjuksköterska'] },
      { name: named('Daglig verksamhet ', placeWords), worksWithChildren: false, size: 0.8, titles: ['Stödpedagog', 'Handledare'] },
      { name: named('LSS-boendet ', natureWords), worksWithChildren: false, size: 1, titles: ['Stödassistent', 'Stödpedagog'] },
    ],
  },
  {
    key: 'social',
    name: 'Socialförvaltningen',
    shortName: 'SOC',
    share: 0.09,
    womenShare: 0.8,
    fixed: [
      { name: 'Barn och familj', worksWithChildren: true, size: 2, titles: ['Socialsekreterare', 'Familjebehandlare'] },
      { name: 'Ungdomsmottagningen', worksWithChildren: true, size: 0.6, titles: ['Barnmorska', 'Kurator'] },
      { name: 'Familjehemsenheten', worksWithChildren: true, size: 0.8, titles: ['Familjehemssekreterare'] },
      { name: 'Försörjningsstöd', worksWithChildren: false, size: 1.5, titles: ['Socialsekreterare', 'Handläggare'] },
      { name: 'Vuxenenheten', worksWithChildren: false, size: 1.2, titles: ['Socialsekreterare', 'Behandlare'] },
      { name: 'Lyckliga Gatorna', worksWithChildren: true, size: 0.6, titles: ['Arbetsledare', 'Fritidsledare'] },
    ],
    repeating: [
      { name: named('HVB ', natureWords), worksWithChildren: true, size: 1, titles: ['Behandlingsassistent', 'Behandlare'] },
      { name: named('Öppenvården ', placeWords), worksWithChildren: false, size: 0.7, titles: ['Behandlare', 'Socialpedagog'] },
    ],
  },
  {
    key: 'kultur',
    name: 'Kultur- och turismförvaltningen',
    shortName: 'KTF',
    share: 0.04,
    womenShare: 0.65,
    fixed: [
      { name: 'Perrongen', worksWithChildren: true, size: 1, titles: ['Fritidsledare', 'Ungdomssamordnare'] },
      { name: 'Stadsbiblioteket', worksWithChildren: false, size: 1.5, titles: ['Bibliotekarie', 'Biblioteksassistent'] },
      { name: 'Turistbyrån', worksWithChildren: false, size: 0.5, titles: ['Turistinformatör'] },
      { name: 'Föreningsservice', worksWithChildren: false, size: 0.5, titles: ['Föreningskonsulent'] },
    ],
    repeating: [{ name: named('Fritidsgården ', placeWords), worksWithChildren: true, size: 0.6, titles: ['Fritidsledare'] }],
  },
  {
    key: 'service',
    name: 'Service- och teknikförvaltningen',
    shortName: 'STF',
    share: 0.1,
    womenShare: 0.45,
    fixed: [
      { name: 'Fastighetsenheten', worksWithChildren: false, size: 1.5, titles: ['Fastighetsskötare', 'Drifttekniker'] },
      { name: 'Gata och park', worksWithChildren: false, size: 1.5, titles: ['Parkarbetare', 'Maskinförare'] },
      { name: 'Fordonsenheten', worksWithChildren: false, size: 0.5, titles: ['Fordonstekniker'] },
    ],
    repeating: [
      { name: named('Köket ', placeWords), worksWithChildren: false, size: 0.8, titles: ['Kock', 'Måltidsbiträde'] },
      { name: named('Lokalvård ', placeWords), worksWithChildren: false, size: 1, titles: ['Lokalvårdare'] },
    ],
  },
  {
    key: 'samhalle',
    name: 'Samhällsbyggnadsförvaltningen',
    shortName: 'SBF',
    share: 0.03,
    womenShare: 0.5,
    fixed: [
      { name: 'Bygglov', worksWithChildren: false, size: 0.6, titles: ['Bygglovshandläggare', 'Byggnadsinspektör'] },
      { name: 'Miljö', worksWithChildren: false, size: 0.6, titles: ['Miljöinspektör'] },
      { name: 'Plan', worksWithChildren: false, size: 0.5, titles: ['Planarkitekt'] },
      { name: 'Räddningstjänsten', worksWithChildren: false, size: 1.2, titles: ['Brandman', 'Styrkeledare'] },
    ],
    repeating: [{ name: named('Samhällsbyggnad ', placeWords), worksWithChildren: false, size: 0.5, titles: ['Handläggare'] }],
  },
  {
    key: 'kommunledning',
    name: 'Kommunledningsförvaltningen',
    shortName: 'KLF',
    share: 0.04,
    womenShare: 0.68,
    fixed: [
      { name: 'HR-avdelningen', worksWithChildren: false, size: 1, titles: ['HR-konsult', 'Lönespecialist', 'HR-chef'] },
      { name: 'Ekonomiavdelningen', worksWithChildren: false, size: 1, titles: ['Ekonom', 'Controller'] },
      { name: 'Kommunikationsavdelningen', worksWithChildren: false, size: 0.5, titles: ['Kommunikatör'] },
      { name: 'IT-avdelningen', worksWithChildren: false, size: 0.8, titles: ['IT-tekniker', 'Systemförvaltare'] },
      { name: 'Kansliet', worksWithChildren: false, size: 0.6, titles: ['Kommunsekreterare', 'Nämndsekreterare', 'Kommunstrateg'] },
      { name: 'Kontaktcenter', worksWithChildren: false, size: 0.6, titles: ['Kommunvägledare'] },
    ],
    repeating: [{ name: named('Utvecklingsenheten ', placeWords), worksWithChildren: false, size: 0.5, titles: ['Utvecklingsstrateg'] }],
  },
];

export type DemoAdministration = { key: string; name: string; shortName: string };
export type DemoUnit = { key: string; administrationKey: string; name: string; code: string; worksWithChildren: boolean };
export type DemoEmployee = {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string;
  unitKey: string;
  title: string;
  gender: 'woman' | 'man' | 'not_stated';
  startDate: string;
  endDate: string | null;
};
export type DemoMunicipality = { administrations: DemoAdministration[]; units: DemoUnit[]; employees: DemoEmployee[] };

/** About 150 units at 3,000 employees and 600 at 60,000, as in the issue. */
export function unitCountFor(employees: number): number {
  return Math.max(administrationTemplates.reduce((n, a) => n + a.fixed.length + 1, 0), Math.round(150 * (employees / 3000) ** 0.4627));
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function asciiForEmail(text: string) {
  return text
    .toLowerCase()
    .replace(/[åä]/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z]/g, '');
}

export function generateMunicipality(options: { employees?: number; seed?: number; today?: string } = {}): DemoMunicipality {
  const employeeTotal = options.employees ?? 3000;
  const random = seededRandom(options.seed ?? 2015);
  const today = new Date(`${options.today ?? '2026-11-23'}T00:00:00Z`);
  const unitTotal = unitCountFor(employeeTotal);

  const administrations: DemoAdministration[] = administrationTemplates.map((a) => ({ key: a.key, name: a.name, shortName: a.shortName }));
  const units: (DemoUnit & { size: number; titles: readonly string[]; womenShare: number })[] = [];
  let unitCode = 1000;
  const fixedTotal = administrationTemplates.reduce((n, a) => n + a.fixed.length, 0);
  const repeatingTotal = unitTotal - fixedTotal;
  for (const template of administrationTemplates) {
    for (const fixed of template.fixed) {
      units.push({
        key: `${template.key}:${fixed.name}`,
        administrationKey: template.key,
        name: fixed.name,
        code: `U${unitCode++}`,
        worksWithChildren: fixed.worksWithChildren,
        size: fixed.size,
        titles: fixed.titles,
        womenShare: template.womenShare,
      });
    }
    const count = Math.max(1, Math.round(repeatingTotal * template.share));
    const perKind = new Map<UnitKind, number>();
    for (let i = 0; i < count; i++) {
      const kind = template.repeating[i % template.repeating.length];
      const n = perKind.get(kind) ?? 0;
      perKind.set(kind, n + 1);
      const name = kind.name(n, random);
      units.push({
        key: `${template.key}:${name}`,
        administrationKey: template.key,
        name,
        code: `U${unitCode++}`,
        worksWithChildren: kind.worksWithChildren,
        size: kind.size * (0.6 + random.next() * 0.8),
        titles: kind.titles,
        womenShare: template.womenShare,
      });
    }
  }

  // Employees per administration by its share, and within it by the units' relative sizes.
  const employees: DemoEmployee[] = [];
  const usedEmails = new Set<string>();
  let number = 100_000;
  for (const template of administrationTemplates) {
    const ownUnits = units.filter((u) => u.administrationKey === template.key);
    const sizeSum = ownUnits.reduce((n, u) => n + u.size, 0);
    const count = Math.round(employeeTotal * template.share);
    let assigned = 0;
    ownUnits.forEach((unit, index) => {
      const share = index === ownUnits.length - 1 ? count - assigned : Math.max(1, Math.round((count * unit.size) / sizeSum));
      assigned += share;
      for (let i = 0; i < share; i++) {
        const genderRoll = random.next();
        const gender = genderRoll < 0.02 ? 'not_stated' : genderRoll < 0.02 + unit.womenShare * 0.98 ? 'woman' : 'man';
        const firstName = random.pick(gender === 'man' ? menFirstNames : gender === 'woman' ? womenFirstNames : random.chance(0.5) ? womenFirstNames : menFirstNames);
        const lastName = random.pick(surnames);
        const base = `${asciiForEmail(firstName)}.${asciiForEmail(lastName)}`;
        let email = `${base}@katrineholm.example`;
        for (let n = 2; usedEmails.has(email); n++) email = `${base}${n}@katrineholm.example`;
        usedEmails.add(email);
        const start = new Date(Date.UTC(random.int(1988, 2026), random.int(0, 11), random.int(1, 28)));
        if (start > today) start.setUTCFullYear(today.getUTCFullYear() - 1);
        const ended = random.chance(0.07);
        const end = ended ? new Date(Math.min(today.getTime() - 86_400_000, start.getTime() + random.int(200, 4000) * 86_400_000)) : null;
        employees.push({
          employeeNumber: String(++number),
          firstName,
          lastName,
          email,
          unitKey: unit.key,
          title: random.pick(unit.titles),
          gender,
          startDate: isoDay(start),
          endDate: end && end > start ? isoDay(end) : null,
        });
      }
    });
  }

  return {
    administrations,
    units: units.map(({ key, administrationKey, name, code, worksWithChildren }) => ({ key, administrationKey, name, code, worksWithChildren })),
    employees,
  };
}
