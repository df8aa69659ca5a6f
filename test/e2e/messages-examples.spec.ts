import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, expectNoSidewaysScroll, post, run, signInAsAdmin } from './system-helpers.js';

/**
 * A citizen's message leads somewhere, and its answer is shown to all: the administrator links a
 * message to an action of a plan and publishes the answer in a wording without the sender's name;
 * the plan's action shows the linked message; a visitor with JavaScript switched off reads the
 * example on /feedback/examples, and the accessibility statement's link preselects the subject.
 * axe on every page.
 */

test.describe.configure({ mode: 'serial' });

const names = {
  plan: `Kommunens HBTQ-plan ${run}`,
  goal: `Inkluderande blanketter ${run}`,
  action: `Könsneutrala blanketter på fritidsgårdarna ${run}`,
};
const sender = { name: `Kim Lindqvist${run}`, email: `kim.${run}@example.se` };
const texts = {
  message: `Jag heter ${sender.name}. Blanketten på fritidsgården frågar efter kön med bara två val (${run}).`,
  question: `Blanketten på fritidsgården frågar efter kön med bara två val (${run}).`,
  answer: `Tack! Vi tar bort frågan om kön från blanketten under våren (${run}).`,
};
const ids = { plan: '', message: '' };

async function expectNoAxeViolationsWithoutScript(browser: Browser, page: Page, what: string) {
  const context = await browser.newContext({ viewport: page.viewportSize() ?? undefined, javaScriptEnabled: true });
  const copy = await context.newPage();
  await copy.setContent(await page.content());
  await expectNoAxeViolations(copy, what);
  await context.close();
}

test('a citizen’s message, a plan with an action, and an answer', async ({ page }) => {
  await signInAsAdmin(page);
  const plan = await post(page.request, '/api/action-plans', {
    scope: 'municipality',
    area: 'hbtq',
    name: names.plan,
    startYear: 2026,
    endYear: 2028,
  });
  ids.plan = plan.id;
  const goal = await post(page.request, `/api/action-plans/${plan.id}/goals`, { title: names.goal });
  await post(page.request, `/api/plan-goals/${goal.id}/actions`, { title: names.action });

  // The citizen's message, as a script sends it (the form's own browser test is messages.spec.ts).
  const form = await (await page.request.get('/api/public/messages/form')).json();
  await page.waitForTimeout(3200);
  const sent = await page.request.post('/api/public/messages', {
    data: {
      kind: 'problem',
      subject: 'hbtq',
      text: texts.message,
      name: sender.name,
      email: sender.email,
      formToken: form.formToken,
    },
  });
  expect(sent.status(), await sent.text()).toBe(201);
  const list = await (await page.request.get('/api/messages?pageSize=200')).json();
  ids.message = list.items.find((m: { excerpt: string }) => m.excerpt.includes(run)).id;
  await post(page.request, `/api/messages/${ids.message}/answer`, { text: `Hej ${sender.name}! ${texts.answer}` });
});

test('the administrator links the message to the plan’s action and publishes the answer without the name', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/messages/${ids.message}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Problem: HBTQ' })).toBeVisible();

  // Link: find the action by the plan's name, link it.
  await expect(page.getByText('Inte kopplat till någon åtgärd.')).toBeVisible();
  await page.getByRole('searchbox', { name: /^Sök åtgärd/ }).fill(names.plan);
  const results = page.getByRole('region', { name: 'Åtgärder som passar' });
  await results.getByRole('button', { name: `Koppla till ${names.action}` }).click();
  const linked = page.getByRole('article', { name: names.action });
  await expect(linked.getByRole('link', { name: names.action })).toBeVisible();
  await expect(linked).toContainText(`${names.plan}, version 1 (utkast)`);
  await expect(page.getByText('Inte kopplat till någon åtgärd.')).toHaveCount(0);

  // Publish: the wording is pre-filled from the message and the answer; with the name it is refused.
  const question = page.getByRole('textbox', { name: /^Synpunkten, som den visas publikt/ });
  const answer = page.getByRole('textbox', { name: /^Svaret, som det visas publikt/ });
  await expect(question).toHaveValue(texts.message);
  await expect(answer).toHaveValue(`Hej ${sender.name}! ${texts.answer}`);
  await page.getByRole('button', { name: 'Publicera', exact: true }).click();
  await expect(page.getByText('Texten innehåller avsändarens namn eller e-post.').first()).toBeVisible();
  await question.fill(texts.question);
  await answer.fill(texts.answer);
  await page.getByRole('button', { name: 'Publicera', exact: true }).click();
  await expect(page.getByText(/^Publicerat bland exemplen/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ta bort från exemplen' })).toBeVisible();
  await expectNoAxeViolations(page, 'the message with its link and published answer');

  // The plan's action shows the message linked to it, with a link to it for the administrator.
  await linked.getByRole('link', { name: names.action }).click();
  await expect(page.getByRole('heading', { level: 1, name: names.plan })).toBeVisible();
  const messages = page.getByRole('group', { name: `Synpunkter från medborgare kopplade till åtgärden: ${names.action}` });
  await expect(messages).toContainText('1 synpunkt');
  await expect(messages.getByRole('link', { name: /^Problem/ })).toHaveAttribute('href', `/messages/${ids.message}`);
  await expectNoAxeViolations(page, 'the plan with a message linked to its action');
});

test.describe('without JavaScript, on a phone', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });

  test('a visitor reads the published answer, without the sender’s name or email', async ({ browser, page }) => {
    await page.goto('/feedback');
    await page.getByRole('link', { name: 'Läs svar på andras synpunkter' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Svar på synpunkter' })).toBeVisible();
    const example = page.getByRole('article').filter({ hasText: texts.question });
    await expect(example).toContainText(texts.answer);
    await expect(example.getByRole('heading', { level: 2 })).toHaveText('Problem · HBTQ');
    const html = await page.content();
    expect(html).not.toContain(sender.name);
    expect(html).not.toContain(sender.email);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolationsWithoutScript(browser, page, 'the published examples without JavaScript');

    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Answers to messages' })).toBeVisible();
    await expectNoAxeViolationsWithoutScript(browser, page, 'the published examples in English');
  });

  test('the accessibility statement’s link preselects the subject accessibility', async ({ browser, page }) => {
    await page.goto('/feedback?subject=accessibility');
    await expect(page.getByLabel('Tillgänglighet (ett problem på webbplatsen)')).toBeChecked();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolationsWithoutScript(browser, page, 'the message form about accessibility');
  });
});

test('taken off the examples, the answer is gone from the public page', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto(`/messages/${ids.message}`);
  await page.getByRole('button', { name: 'Ta bort från exemplen' }).click();
  await expect(page.getByRole('button', { name: 'Publicera', exact: true })).toBeVisible();
  const examples = await (await page.request.get('/api/public/messages/examples')).json();
  expect(JSON.stringify(examples)).not.toContain(run);
});
