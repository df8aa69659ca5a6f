import { expect, test, type Browser, type Page } from '@playwright/test';
import { lighthouseScores } from './lighthouse.js';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, signInAsAdmin } from './system-helpers.js';

/**
 * The public site (issue 7, item 1): the administrator writes its texts, chooses a contact person
 * and publishes a plan; a visitor with JavaScript off reads every page in Swedish and English (axe
 * on each), on a phone too; and Lighthouse, in Debian's Chromium, scores each page.
 */
test.describe.configure({ mode: 'serial' });

const planName = `Jämställdhetsplan ${run}`;
const contact = { name: `Kim Kontakt ${run}`, email: `kim.kontakt.${run}@example.se` };
const introSv = `Kommunen arbetar för jämställdhet och HBTQ-personers inkludering (${run}).`;
let planSeriesId = '';

test('the administrator writes the texts, chooses a contact person and publishes an adopted plan', async ({ page }) => {
  test.setTimeout(60_000);
  await signInAsAdmin(page);
  await post(page.request, '/api/users', { ...contact, password: 'a long password for kim' });
  const plan = await post(page.request, '/api/action-plans', {
    scope: 'municipality',
    area: 'both',
    name: planName,
    startYear: 2026,
    endYear: 2028,
    isPublic: false,
  });
  planSeriesId = plan.seriesId;
  const goal = await post(page.request, `/api/action-plans/${plan.id}/goals`, {
    title: 'Alla medarbetare har grundläggande kunskap',
  });
  await post(page.request, `/api/plan-goals/${goal.id}/actions`, { title: 'Föreläsning för alla chefer', dueDate: '2027-06-30' });
  await post(page.request, `/api/plan-goals/${goal.id}/indicators`, {
    name: 'Andel utbildade medarbetare',
    measure: 'percent',
    direction: 'higher',
    target: 80,
    aboutPeople: true,
  });
  await post(page.request, `/api/action-plans/${plan.id}/adopt`, {
    adoptedOn: new Date().toISOString().slice(0, 10),
    adoptedBy: 'Kommunfullmäktige',
  });

  // An adopted plan is published with a switch on its page, without a new version.
  await page.goto(`/plans/${plan.id}`);
  await page.getByRole('switch', { name: 'Visa på den publika webbplatsen' }).click();
  await expect(page.getByText('Planen visas för alla på den publika webbplatsen.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Öppna den publika sidan' })).toHaveAttribute(
    'href',
    `/public/plans/${plan.seriesId}`,
  );

  await page.getByRole('link', { name: 'Publika webbplatsen', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publika webbplatsen' })).toBeVisible();
  await page.getByLabel('Text på svenska').fill(introSv);
  const picker = page.getByRole('combobox', { name: 'Lägg till kontaktperson' });
  await picker.click();
  await picker.fill(contact.name);
  await page.getByRole('option', { name: new RegExp(contact.name) }).click();
  const card = page.getByTestId('public-contact').filter({ hasText: contact.name });
  await card.getByLabel('Roll på svenska').fill('Kommunstrateg för jämställdhet');
  await card.getByLabel('Roll på engelska').fill('Strategist for gender equality');
  await card.getByLabel('Telefon (frivilligt)').fill('0150-570 00');
  await expectNoAxeViolations(page, 'the public site settings');
  await page.getByRole('button', { name: 'Spara' }).click();
  await expect(page.getByText('Sparat')).toBeVisible();

  // The preview link opens the start page as everyone sees it.
  await page.getByRole('link', { name: 'Start (svenska)' }).click();
  await expect(page.getByText(introSv)).toBeVisible();
});

/**
 * axe runs as a script in the page, which a page without JavaScript cannot do: it checks the same
 * address (every public page is a GET, the same HTML with or without JavaScript) in a page of its own
 * with JavaScript on and the same viewport.
 */
async function expectNoAxeViolationsWithoutScript(browser: Browser, page: Page, what: string) {
  const context = await browser.newContext({
    viewport: page.viewportSize() ?? undefined,
    javaScriptEnabled: true,
    locale: 'sv-SE',
  });
  const copy = await context.newPage();
  await copy.goto(page.url());
  await expectNoAxeViolations(copy, what);
  await context.close();
}

/** Follows a link of the site's navigation and waits for the page's heading. */
async function follow(page: Page, nav: string, link: string, heading: string) {
  await page.getByRole('navigation', { name: nav }).getByRole('link', { name: link, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

const texts = {
  sv: {
    nav: 'Webbplatsens delar',
    footer: 'Mer på webbplatsen',
    start: ['Start', 'Jämställdhet och HBTQ i kommunen'],
    activities: ['Aktiviteter', 'Kommande aktiviteter'],
    plans: ['Handlingsplaner', 'Handlingsplaner'],
    certificates: ['Certifierade verksamheter', 'Certifierade verksamheter'],
    contacts: ['Kontakt', 'Kontakt'],
    accessibility: ['Tillgänglighetsredogörelse', 'Tillgänglighetsredogörelse'],
    feedback: ['Lämna en synpunkt', 'Lämna en synpunkt'],
    examples: 'Svar på synpunkter',
    code: 'Certifikatets kod',
    check: 'Kontrollera',
    noCode: 'Det finns inget certifikat med den koden',
    report: 'Rapportera ett tillgänglighetsproblem',
    action: 'Föreläsning för alla chefer',
    role: 'Kommunstrateg för jämställdhet',
  },
  en: {
    nav: 'Parts of the site',
    footer: 'More on the site',
    start: ['Home', 'Gender equality and LGBTQ in the municipality'],
    activities: ['Activities', 'Upcoming activities'],
    plans: ['Action plans', 'Action plans'],
    certificates: ['Certified units', 'Certified units'],
    contacts: ['Contact', 'Contact'],
    accessibility: ['Accessibility statement', 'Accessibility statement'],
    feedback: ['Send a message', 'Send us a message'],
    examples: 'Answers to messages',
    code: "The certificate's code",
    check: 'Check',
    noCode: 'There is no certificate with that code',
    report: 'Report an accessibility problem',
    action: 'Föreläsning för alla chefer',
    role: 'Strategist for gender equality',
  },
} as const;

test.describe('a visitor with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  for (const lang of ['sv', 'en'] as const) {
    test(`reads every page of the public site in ${lang === 'sv' ? 'Swedish' : 'English'}`, async ({ page, browser }) => {
      test.setTimeout(120_000);
      const t = texts[lang];
      await page.goto(`/public?lang=${lang}`);
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByRole('heading', { level: 1, name: t.start[1] })).toBeVisible();
      if (lang === 'sv') await expect(page.getByText(introSv)).toBeVisible();
      await expectNoAxeViolationsWithoutScript(browser, page, `the start page (${lang})`);

      await follow(page, t.nav, t.activities[0], t.activities[1]);
      await expectNoAxeViolationsWithoutScript(browser, page, `the activities (${lang})`);

      await follow(page, t.nav, t.plans[0], t.plans[1]);
      await expectNoAxeViolationsWithoutScript(browser, page, `the plans (${lang})`);
      await page.getByRole('link', { name: planName }).click();
      await expect(page.getByRole('heading', { level: 1, name: planName })).toBeVisible();
      await expect(page.getByRole('cell', { name: t.action })).toBeVisible();
      await expectNoAxeViolationsWithoutScript(browser, page, `a plan (${lang})`);

      await follow(page, t.nav, t.certificates[0], t.certificates[1]);
      await expectNoAxeViolationsWithoutScript(browser, page, `the certificates (${lang})`);
      await page.getByLabel(t.code).fill('ABCD-1234-EF56-7890');
      await page.getByRole('button', { name: t.check }).click();
      await expect(page.getByRole('alert')).toContainText(t.noCode);
      await expect(page.getByLabel(t.code)).toHaveValue('ABCD-1234-EF56-7890');
      await expectNoAxeViolationsWithoutScript(browser, page, `a certificate check (${lang})`);

      await follow(page, t.nav, t.contacts[0], t.contacts[1]);
      await expect(page.getByRole('heading', { level: 2, name: contact.name })).toBeVisible();
      await expect(page.getByText(t.role)).toBeVisible();
      await expect(page.getByRole('link', { name: contact.email })).toHaveAttribute('href', `mailto:${contact.email}`);
      await expectNoAxeViolationsWithoutScript(browser, page, `the contacts (${lang})`);

      await follow(page, t.footer, t.accessibility[0], t.accessibility[1]);
      await expect(page.getByText(/DIGG/).first()).toBeVisible();
      await expectNoAxeViolationsWithoutScript(browser, page, `the accessibility statement (${lang})`);
      await page.getByRole('link', { name: t.report }).click();
      await expect(page.getByRole('heading', { level: 1, name: t.feedback[1] })).toBeVisible();

      await follow(page, t.nav, t.start[0], t.start[1]);
      await page.getByRole('navigation', { name: t.nav }).getByRole('link', { name: t.examples, exact: true }).click();
      await expect(page.getByRole('navigation', { name: t.nav }).getByRole('link', { name: t.examples })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await expectNoAxeViolationsWithoutScript(browser, page, `the published answers in the site's shell (${lang})`);
      await follow(page, t.nav, t.feedback[0], t.feedback[1]);
      await expectNoAxeViolationsWithoutScript(browser, page, `the message form in the site's shell (${lang})`);
    });
  }

  test('reads every page on a phone without scrolling sideways', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [
      '/public',
      '/public/activities',
      '/public/plans',
      `/public/plans/${planSeriesId}`,
      '/public/certificates',
      '/public/contacts',
      '/public/accessibility',
      '/feedback',
      '/feedback/examples',
    ]) {
      await test.step(path, async () => {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await expectNoSidewaysScroll(page);
      });
    }
  });
});

test('Lighthouse in Debian’s Chromium scores every public page at least 95 for performance and 100 for accessibility', async ({
  baseURL,
}) => {
  test.setTimeout(600_000);
  const paths = [
    '/public',
    '/public?lang=en',
    '/public/activities',
    '/public/plans',
    `/public/plans/${planSeriesId}`,
    '/public/certificates',
    '/public/contacts',
    '/public/accessibility',
    '/feedback',
    '/feedback/examples',
  ];
  const scores = await lighthouseScores(paths.map((path) => `${baseURL}${path}`));
  for (const score of scores) {
    test.info().annotations.push({
      type: 'lighthouse',
      description: `${score.url}: performance ${score.performance}, accessibility ${score.accessibility}`,
    });
    expect.soft(score.accessibility, `accessibility of ${score.url} (failed: ${score.failed.join(', ')})`).toBe(100);
    expect.soft(score.performance, `performance of ${score.url}`).toBeGreaterThanOrEqual(95);
  }
});
